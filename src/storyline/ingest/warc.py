"""WARC files (.warc, .warc.gz), read record by record with warcio; each HTML response is one item.

The id of an item is its WARC-Target-URI (or '<file>#<n>' without one). WARC-Date, when the crawler fetched
the page, goes to Raw.captured: it bounds the publication date from above but is not the publication date.
A truncated or damaged file keeps the records read before the damage; the rest is one Reject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from storyline.failures import one_line
from storyline.ingest.decode import NotText, declared_charset, decode
from storyline.ingest.gunzip import open_maybe_gzip
from storyline.ingest.readers import KEEP_HEAD, Item, html_problem
from storyline.records import Raw, Reject
from storyline.settings import Settings

CONTENT_RECORDS = ("response", "resource")  # the record types that carry a page; others are protocol records
WARC_MAGIC = b"WARC/"
CHUNK = 1 << 20
HTML_TYPES = ("text/html", "application/xhtml+xml")
FIRST_LINE = re.compile(r"(?:Invalid WARC record|Invalid ARC record|Unknown archive format), first line: (.*)")
WORDS = re.compile(r"'([^']*)'")  # the fields of a line warcio shows as a Python list


class Damaged(Exception):
    """A record the file's damage cut short."""


def read_warc(path: Path, doc_id: str, compressed: bool, settings: Settings) -> Iterator[Item]:
    """The HTML pages in a WARC file, one at a time; the damaged rest of a file as one Reject."""
    stream, gz = open_maybe_gzip(path, compressed, settings.max_archive_bytes)
    n, kept, offset = 0, 0, 0  # n: the number of the record being read
    with stream:
        if not stream.peek(len(WARC_MAGIC)).startswith(WARC_MAGIC):
            yield Reject(id=doc_id, path=str(path), data=stream.read(KEEP_HEAD),
                         reason=gz.damage if gz is not None and gz.damage else
                         "not a WARC file (it does not start with a WARC/1.x record header)")
            return
        records = Records(stream)
        found = iter(records)
        try:
            while True:
                n += 1
                warned = records.err_count
                rec = next(found, None)
                if records.err_count > warned:  # warcio found the record before longer or shorter than it says
                    yield Reject(id=f"{doc_id}#{n}", path=str(path), data=b"",
                                 reason=f"damaged WARC: record {n - 1} does not end where its Content-Length says; "
                                        "bytes after it were skipped (its page may be cut short)")
                if rec is None:
                    break
                offset = gz.member_start if gz is not None else records.offset
                if rec.rec_type is None:
                    raise Damaged("a record without a WARC-Type header")
                if rec.rec_type not in CONTENT_RECORDS:
                    continue
                if kept >= settings.max_records:
                    yield Reject(id=f"{doc_id}#{n}", path=str(path), data=b"",
                                 reason=f"over the limit of {settings.max_records:,} pages per archive "
                                        f"(Settings.max_records): kept the first {kept}, the rest is skipped")
                    return
                item = page(rec, path, f"{doc_id}#{n}", settings)
                if getattr(rec.raw_stream, "limit", 0) > 0:
                    raise Damaged(f"record {n} is cut short")
                kept += isinstance(item, Raw)
                yield item
        except Exception as e:  # noqa: BLE001 - warcio fails on damaged input in many ways
            yield damaged(path, doc_id, n, kept, offset, gz.damage if gz is not None and gz.damage else problem(e))
            return
    if gz is not None and gz.damage:
        yield damaged(path, doc_id, n, kept, gz.member_start, gz.damage)


class Records(ArchiveIterator):
    """warcio's records; a record whose length is wrong is counted (`err_count`), not written to standard error
    in several lines."""

    INC_RECORD = ""


def problem(error: Exception) -> str:
    """What a WARC reading error says about the file, in a few words on one line."""
    if isinstance(error, Damaged):
        return str(error)
    if isinstance(error, ArchiveLoadFailed):
        said = next((line.strip() for line in str(error).splitlines() if line.strip()), "")
        first = FIRST_LINE.match(said)
        if first:  # warcio shows the line it could not read as a Python list or string
            line = " ".join(WORDS.findall(first.group(1))) or first.group(1)
            return f"a record starts with '{one_line(line, 60)}', not a WARC header"
        return one_line(said, 100) or "unreadable record header"
    return f"an unreadable record ({type(error).__name__})"


def damaged(path: Path, doc_id: str, n: int, kept: int, offset: int, problem: str) -> Reject:
    """The Reject for what follows the damage in a WARC file, with the raw bytes from the damaged spot."""
    with open(path, "rb") as f:
        f.seek(offset)
        tail = f.read(KEEP_HEAD)
    what = "not a WARC file" if n <= 1 and kept == 0 else f"truncated or damaged WARC at record {n}"
    return Reject(id=f"{doc_id}#{n}", path=str(path), data=tail,
                  reason=f"{what} ({problem}); kept {kept} page(s) read before it")


def page(rec: ArcWarcRecord, path: Path, fallback_id: str, settings: Settings) -> Item:
    """One response or resource record as an HTML page, or a Reject saying why it is not one."""
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    rid = uri or fallback_id
    if rec.http_headers is not None and rec.rec_type == "response":
        status = rec.http_headers.get_statuscode() or ""
        ctype = rec.http_headers.get_header("Content-Type") or ""
    else:
        status, ctype = "200", rec.rec_headers.get_header("Content-Type") or ""
    content = rec.content_stream()
    payload = content.read(settings.max_bytes + 1)
    if len(payload) > settings.max_bytes:
        while content.read(CHUNK):  # skip the rest, so that a record cut short can still be told apart
            pass
    def reject(reason: str, keep: int = KEEP_HEAD) -> Reject:
        return Reject(id=rid, path=str(path), reason=reason, data=payload[:keep])

    if not status.startswith("2"):
        return reject(f"WARC record with HTTP status {status or 'unknown'}, not a page")
    if len(payload) > settings.max_bytes:
        return reject(f"oversized: WARC record over the limit of {settings.max_bytes:,} bytes (Settings.max_bytes)")
    mime = ctype.split(";")[0].strip().lower()
    if mime not in HTML_TYPES and not (not mime and b"<html" in payload[:2048].lower()):
        return reject(f"WARC record of type {mime or 'unknown'}, not HTML")
    if not payload.strip():
        return reject("empty WARC record")
    try:
        markup, _ = decode(payload, charset_param(ctype) or declared_charset(payload))
    except NotText as e:
        return reject(str(e), len(payload))
    problem = html_problem(markup)
    if problem:
        return reject(problem, len(payload))
    return Raw(id=rid, path=str(path), data=payload, kind="html", url=uri, text=markup,
               captured=rec.rec_headers.get_header("WARC-Date"))


def charset_param(content_type: str) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
