"""JSON lines (.jsonl, .ndjson) and JSON files (.json: one object or a list of objects).

Each record has 'text' or 'html' (a string) and optionally 'id', 'url', 'title', 'published', 'source'.
A bad record is rejected with its line (or item) number and the problem; the other records go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from storyline.ingest.decode import NotText, decode
from storyline.ingest.gunzip import open_maybe_gzip
from storyline.ingest.readers import KEEP_HEAD, Item, as_page, html_problem
from storyline.records import Raw, Reject
from storyline.settings import Settings

OPTIONAL_STRINGS = ("url", "title", "published", "source")
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?")  # a year, or a year and month, kept as given
JSON_TYPES = {dict: "object", list: "list", str: "string", int: "number", float: "number", bool: "boolean",
              type(None): "null"}


def type_name(value: Any) -> str:
    """The JSON name of a value's type."""
    return JSON_TYPES.get(type(value), type(value).__name__)


def published_iso(value: str) -> str | None:
    """A published date as ISO 8601 (date, or date-time with its own offset), or None when it is not a date."""
    value = value.strip()
    if PARTIAL_DATE.fullmatch(value):
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if len(value) == 10 and parsed.hour == parsed.minute == parsed.second == 0:
        return parsed.date().isoformat()
    return parsed.isoformat()


def record(obj: Any, where: str, default_id: str, path: Path, data: bytes) -> Item:
    """A Raw from one JSON record, or a Reject naming where it is and what is wrong with it."""
    def bad(problem: str) -> Reject:
        return Reject(id=default_id, path=str(path), reason=f"{where}: {problem}", data=data)

    if not isinstance(obj, dict):
        return bad(f"a JSON {type_name(obj)} where an object was expected")
    for key in (*OPTIONAL_STRINGS, "text", "html"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return bad(f"field '{key}' is a {type_name(obj[key])}, expected a string")
    rid = obj.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        return bad(f"field 'id' is a {type_name(rid)}, expected a string or a number")
    html, text = obj.get("html") or "", obj.get("text") or ""
    if not html.strip() and not text.strip():
        missing = "are empty" if ("html" in obj or "text" in obj) else "are missing"
        return bad(f"fields 'text' and 'html' {missing}")
    published = obj.get("published")
    if published is not None:
        published = published_iso(published)
        if published is None:
            return bad(f"field 'published' is not a date ({obj['published'][:40]!r})")
    if html.strip() and (html_problem(html) is None or not text.strip()):
        problem = html_problem(html)
        if problem:
            return bad(f"field 'html': {problem}")
        kind, content = "html", as_page(obj.get("title"), html)
    else:
        kind, content = "json", text
    return Raw(id=str(rid) if rid not in (None, "") else (obj.get("url") or default_id), path=str(path), data=data,
               kind=kind, url=obj.get("url"), title=obj.get("title"), published=published,
               source=obj.get("source"), text=content)


def parse_line(line: bytes, n: int, doc_id: str, path: Path) -> Item | None:
    """One JSON line as a record (None for a blank line)."""
    data = line.rstrip(b"\r\n")
    if n == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return None
    rid = f"{doc_id}#{n}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, _ = decode(data)
        except NotText as e:
            return Reject(id=rid, path=str(path), reason=f"line {n}: {e}", data=data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return Reject(id=rid, path=str(path), reason=f"line {n}: invalid JSON ({e.msg} at column {e.colno})",
                      data=data)
    return record(obj, f"line {n}", rid, path, data)


def read_lines(path: Path, doc_id: str, compressed: bool, settings: Settings) -> Iterator[Item]:
    """The records of a JSON lines file, read line by line; ids are made unique within the file."""
    limit, seen, n, tail = settings.max_bytes, set(), 0, b""
    stream, gz = open_maybe_gzip(path, compressed)
    with stream:
        while line := stream.readline(limit + 1):
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):
                skip_line(stream, limit)
                yield Reject(id=f"{doc_id}#{n}", path=str(path), data=line[:KEEP_HEAD],
                             reason=f"line {n}: oversized record over the limit of {limit:,} bytes (Settings.max_bytes)")
                continue
            if gz is not None and gz.damage and not line.endswith(b"\n"):
                tail = line  # the line the damage cut short
                break
            item = parse_line(line, n, doc_id, path)
            if item is not None:
                yield distinct(item, seen, f"{doc_id}#{n}")
    if gz is not None and gz.damage:
        kept = n - 1 if tail else n
        yield Reject(id=f"{doc_id}#{kept + 1}", path=str(path), data=tail[:KEEP_HEAD],
                     reason=f"{gz.damage}: kept lines 1-{kept}, the rest is lost")


def skip_line(stream, limit: int) -> None:
    """Read past the rest of an overlong line."""
    while chunk := stream.readline(limit + 1):
        if chunk.endswith(b"\n"):
            return


def distinct(item: Item, seen: set[str], fallback: str) -> Item:
    """The item, its id replaced by the fallback '<file>#<n>' when the file already used it."""
    if isinstance(item, Raw):
        if item.id in seen:
            item.id = fallback
        seen.add(item.id)
    return item


def read_json(path: Path, doc_id: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """The records of a .json file: one object (its id is the file's) or a list of objects."""
    try:
        text, _ = decode(data)
    except NotText as e:
        yield Reject(id=doc_id, path=str(path), reason=str(e), data=data)
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # JSON lines under a .json name
            seen: set[str] = set()
            for n, line in enumerate(data.splitlines(keepends=True), 1):
                item = parse_line(line, n, doc_id, path)
                if item is not None:
                    yield distinct(item, seen, f"{doc_id}#{n}")
            return
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    if isinstance(obj, dict):
        item = record(obj, "the object", doc_id, path, data)
        if isinstance(item, Raw):
            item.id = doc_id
        yield item
    elif isinstance(obj, list) and obj and not any(isinstance(entry, dict) for entry in obj):
        kinds = sorted({type_name(entry) for entry in obj})
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"a JSON list of {' and '.join(k + 's' for k in kinds)} where objects were expected")
    elif isinstance(obj, list):
        seen = set()
        for n, entry in enumerate(obj, 1):
            item_data = json.dumps(entry, ensure_ascii=False).encode()
            yield distinct(record(entry, f"item {n}", f"{doc_id}#{n}", path, item_data), seen, f"{doc_id}#{n}")
    else:
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"a JSON {type_name(obj)} where an object or a list of objects was expected")
