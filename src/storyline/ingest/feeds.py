"""RSS and Atom feeds (.rss, .atom, .xml with a feed root), read with feedparser: one item per entry."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser

from storyline.failures import failure, one_line
from storyline.ingest.dates import published_iso, published_value
from storyline.ingest.decode import NotText, charset, decode
from storyline.ingest.jsonl import dumped
from storyline.ingest.readers import Item, as_page
from storyline.records import Raw, Reject
from storyline.settings import Settings

MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")
ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
CHAR_REF = re.compile(rb"&#([xX][0-9A-Fa-f]{1,16}|[0-9]{1,20});")
XML_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']""")
PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*", re.S)


def root_tag(data: bytes) -> str:
    """The name of an XML document's root element, as far as its first bytes tell."""
    head, pos = data[:4096], 0
    while m := PROLOG.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    m = ROOT.match(head, pos)
    return m.group(1).decode("ascii", "replace") if m else "?"


def valid_references(data: bytes) -> bytes:
    """The feed with character references to no character (&#x110000;, &#xD800;, &#0;) written as U+FFFD's,
    as HTML parsers read them (feedparser's fallback parser fails on them)."""
    return CHAR_REF.sub(_valid_reference, data) if b"&#" in data else data


def _valid_reference(m: re.Match[bytes]) -> bytes:
    digits = m.group(1)
    code = int(digits[1:], 16) if digits[:1] in b"xX" else int(digits)
    return m.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"


def readable(data: bytes) -> bytes:
    """The feed, as UTF-8 declaring UTF-8 when it declares an encoding that is no text encoding ('undefined',
    'punycode': feedparser fails on them) or one its own declaration is not written in ('utf-16', EBCDIC's
    'cp037' in plain ASCII bytes), decoded as any text is; NotText when it is not text."""
    m = XML_ENCODING.match(data)
    if not m or written_in(data[:m.end()], charset(m.group(1).decode("ascii", "replace"))):
        return data
    text, _ = decode(data[:m.start(1)] + b"utf-8" + data[m.end(1):])
    return text.encode("utf-8", "replace")


def written_in(declaration: bytes, codec: str | None) -> bool:
    """Whether the bytes of an XML declaration read as ASCII text in a declared text encoding."""
    if codec is None:
        return False
    try:
        return declaration.decode(codec) == declaration.decode("ascii", "replace")
    except (UnicodeError, LookupError):
        return False


def read_feed(path: Path, doc_id: str, data: bytes, suffix: str, settings: Settings) -> Iterator[Item]:
    """The entries of a feed, or one Reject when the file is no feed or a broken one."""
    try:
        parsed = feedparser.parse(valid_references(readable(data)))
    except NotText as e:
        yield Reject(id=doc_id, path=str(path), reason=str(e), data=data)
        return
    if not parsed.entries:
        if not parsed.version:
            reason = f"not an RSS or Atom feed (root element <{root_tag(data)}>)"
        elif parsed.bozo:
            reason = f"malformed feed ({one_line(str(parsed.get('bozo_exception')), 120)})"
        else:
            reason = "feed has no entries"
        yield Reject(id=doc_id, path=str(path), reason=reason, data=data)
        return
    if len(parsed.entries) > settings.max_records:
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"a feed of {len(parsed.entries):,} entries, over the limit of {settings.max_records:,} "
                            "per file (Settings.max_records); nothing read from it")
        return
    source = parsed.feed.get("title") or None
    seen: set[str] = set()
    for n, entry in enumerate(parsed.entries, 1):
        try:
            item = entry_item(entry, n, doc_id, path, source)
        except Exception as e:  # noqa: BLE001 - one bad entry must not stop the feed
            item = Reject(id=f"{doc_id}#{n}", path=str(path), reason=f"entry {n}: {failure('read', e)}")
        if isinstance(item, Raw):
            if item.id in seen:
                item.id = f"{doc_id}#{n}"
            seen.add(item.id)
        yield item


def entry_item(entry, n: int, doc_id: str, path: Path, source: str | None) -> Item:
    """One feed entry: its content (or summary) as an HTML page or plain text."""
    rid = entry.get("id") or entry.get("link") or f"{doc_id}#{n}"
    body = next((c.get("value") for c in entry.get("content", []) if (c.get("value") or "").strip()), None)
    body = body or entry.get("summary") or ""
    title = entry.get("title") or None
    given = {k: dict.get(entry, k) for k in ("id", "link", "title", "published", "updated")}  # no aliasing
    data = dumped(given | {"body": body})
    if not body.strip():
        return Reject(id=rid, path=str(path), reason=f"entry {n}: no content or summary", data=data)
    published = entry_published(entry)
    if MARKUP.search(body):
        kind, text = "html", as_page(title, body)
    else:
        kind, text = "feed", html.unescape(body)
    return Raw(id=rid, path=str(path), data=data, kind=kind, url=entry.get("link"), title=title,
               published=published, source=source, text=text)


def entry_published(entry) -> str | None:
    """An entry's publication date as ISO 8601, keeping the feed's own time zone when it gives one."""
    given = entry.get("published")
    if given:
        iso = published_iso(given)
        if iso:
            return iso
    stamp = entry.get("published_parsed")
    iso = published_iso(time.strftime("%Y-%m-%dT%H:%M:%S+00:00", stamp)) if stamp else None
    if iso:
        return iso
    return published_value(given) if given else None  # no date: kept as given, as evidence
