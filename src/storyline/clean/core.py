"""Cleaning entry point: a Raw record becomes a Document (clean text, title, page dates, language) or a Reject."""

from __future__ import annotations

import hashlib
import re
import string

from storyline.clean.decode import decode
from storyline.clean.html import extract
from storyline.clean.language import detect
from storyline.clean.pagekind import page_kind
from storyline.clean.text import strip_chrome
from storyline.records import Document, PageDate, Raw, Reject
from storyline.settings import DEFAULT, Settings

# punctuation (ASCII and the common typographic marks) becomes white space before hashing
_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation + "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"
                              "\u2039\u203a\u2013\u2014\u2012\u2212\u2026\u00b7\u2022\u00a1\u00bf\u00a0\u200b\ufeff"})
_LOOKS_HTML = re.compile(r"^\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*(<!doctype html|<html[\s>]))", re.IGNORECASE)


def content_hash(text: str) -> str:
    """The hash of a text with case, punctuation and white space normalized away."""
    norm = " ".join(text.lower().translate(_PUNCTUATION).split())
    return hashlib.sha1(norm.encode()).hexdigest()


def is_html(raw: Raw, text: str) -> bool:
    """True when the record is HTML: by its kind, or by how its text begins (a page saved as .txt)."""
    return raw.kind == "html" or bool(_LOOKS_HTML.match(text[:512]))


def clean(raw: Raw, settings: Settings = DEFAULT) -> Document | Reject:
    """A clean Document from a Raw record, or a Reject saying why not."""
    if raw.text is not None:
        source = raw.text
    else:
        decoded, reason = decode(raw.data, html=raw.kind == "html")
        if decoded is None:
            return Reject(id=raw.id, path=raw.path, reason=reason, data=raw.data)
        source = decoded
    page_dates: list[PageDate]
    if is_html(raw, source):
        got = extract(source, raw.url)
        text, title, page_dates, published = got.text, raw.title or got.title, got.page_dates, got.published
    else:
        cleaned = strip_chrome(source, known_title=raw.title)
        text, title, page_dates, published = cleaned.text, cleaned.title, cleaned.page_dates, None
    if not text.strip():
        return Reject(id=raw.id, path=raw.path, reason="empty after cleaning", data=raw.data)
    kind = page_kind(text)
    if kind is not None:  # listings tell of no events: a schedule's programmes would fill the timeline
        return Reject(id=raw.id, path=raw.path, reason=f"a {kind}, not an article", data=raw.data)
    if raw.captured and re.match(r"\d{4}-\d{2}-\d{2}", raw.captured):
        # when a crawler fetched the page: the article is on or before that day, nothing more
        page_dates = [*page_dates, PageDate(text=raw.captured, date=raw.captured[:10], role="rendered", where="meta")]
    return Document(id=raw.id, path=raw.path, kind=raw.kind, raw=raw.data, text=text, title=title, url=raw.url,
                    source=raw.source, language=detect(text), content_hash=content_hash(text),
                    meta_published=raw.published or published, page_dates=page_dates)
