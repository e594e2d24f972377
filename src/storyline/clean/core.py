"""Cleaning entry point (placeholder until the cleaning work lands)."""

from __future__ import annotations

import hashlib
import re

from storyline.records import Document, Raw, Reject
from storyline.settings import DEFAULT, Settings


def content_hash(text: str) -> str:
    """The hash of a text with case, punctuation and white space normalized away."""
    norm = re.sub(r"\W+", " ", text.lower()).strip()
    return hashlib.sha1(norm.encode()).hexdigest()


def clean(raw: Raw, settings: Settings = DEFAULT) -> Document | Reject:
    """A clean Document from a Raw record, or a Reject saying why not."""
    text = raw.text if raw.text is not None else raw.data.decode("utf-8", errors="replace")
    if not text.strip():
        return Reject(id=raw.id, path=raw.path, reason="empty", data=raw.data)
    return Document(id=raw.id, path=raw.path, kind=raw.kind, raw=raw.data, text=text, title=raw.title, url=raw.url,
                    source=raw.source, language="en", content_hash=content_hash(text),
                    meta_published=raw.published)
