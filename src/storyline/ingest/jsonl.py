"""JSON lines (.jsonl, .ndjson) and JSON files (.json: one object or a list of objects); a JSON lines file that
holds one JSON list, and a .json file of JSON lines, are read for what they hold.

Each record has 'text' or 'html' (a string) and optionally 'id', 'url', 'title', 'published', 'source'.
A bad record is rejected with its line (or item) number and the problem; the other records go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.failures import failure, one_line
from storyline.ingest.dates import published_value
from storyline.ingest.decode import NotText, decode, file_text
from storyline.ingest.gunzip import open_maybe_gzip
from storyline.ingest.readers import KEEP_HEAD, Item, as_page, head, html_problem
from storyline.records import Raw, Reject
from storyline.settings import Settings

OPTIONAL_STRINGS = ("url", "title", "source")
MAX_DIGITS = 4000  # longer JSON integers stay digits (Python refuses to convert more than 4,300)


class BigNumber(str):
    """A JSON integer too long to be a Python int, kept as its digits."""


JSON_TYPES = {dict: "object", list: "list", str: "string", int: "number", float: "number", bool: "boolean",
              type(None): "null", BigNumber: "number"}


def type_name(value: Any) -> str:
    """The JSON name of a value's type."""
    return JSON_TYPES.get(type(value), type(value).__name__)


def _integer(digits: str) -> int | BigNumber:
    return int(digits) if len(digits) <= MAX_DIGITS else BigNumber(digits)


def loads(text: str) -> Any:
    """JSON text as Python data; ValueError (with a message for the user) when it is not JSON we can read."""
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("invalid JSON (nested too deeply to read)") from None
    except ValueError as e:  # a float or constant Python cannot hold
        raise ValueError(f"invalid JSON ({one_line(str(e), 80)})") from None


def dumped(value: Any) -> bytes:
    """A JSON value as UTF-8 bytes (lone surrogates written back as the '\\ud800' escapes they came from)."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace")


def record(obj: Any, where: str, default_id: str, path: Path, data: bytes) -> Item:
    """A Raw from one JSON record, or a Reject naming where it is and what is wrong with it."""
    def bad(problem: str) -> Reject:
        return Reject(id=default_id, path=str(path), reason=f"{where}: {problem}", data=data)

    if not isinstance(obj, dict):
        return bad(f"a JSON {type_name(obj)} where an object was expected")
    for key in (*OPTIONAL_STRINGS, "text", "html"):
        if obj.get(key) is not None and type_name(obj[key]) != "string":
            return bad(f"field '{key}' is a {type_name(obj[key])}, expected a string")
    rid = obj.get("id")
    if rid is not None and type_name(rid) not in ("string", "number"):
        return bad(f"field 'id' is a {type_name(rid)}, expected a string or a number")
    given = obj.get("published")  # any JSON value: a date in it is read, else it is kept as evidence
    html, text = obj.get("html") or "", obj.get("text") or ""
    if not html.strip() and not text.strip():
        missing = "are empty" if ("html" in obj or "text" in obj) else "are missing"
        return bad(f"fields 'text' and 'html' {missing}")
    published = None if given is None else published_value(given)
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
        obj = loads(text)
    except json.JSONDecodeError as e:
        return Reject(id=rid, path=str(path), reason=f"line {n}: invalid JSON ({e.msg} at column {e.colno})",
                      data=data)
    except ValueError as e:
        return Reject(id=rid, path=str(path), reason=f"line {n}: {e}", data=data)
    return record(obj, f"line {n}", rid, path, data)


def guarded_line(line: bytes, n: int, doc_id: str, path: Path) -> Item | None:
    """One JSON line as a record, or a Reject for it when reading it fails in an unexpected way."""
    try:
        return parse_line(line, n, doc_id, path)
    except Exception as e:  # noqa: BLE001 - one bad line must not stop the file
        return Reject(id=f"{doc_id}#{n}", path=str(path), reason=f"line {n}: {failure('read', e)}", data=line)


def read_lines(path: Path, doc_id: str, compressed: bool, settings: Settings) -> Iterator[Item]:
    """The records of a JSON lines file, read line by line; ids are made unique within the file."""
    too_many = over_limits(path, compressed, settings)
    if too_many:
        yield Reject(id=doc_id, path=str(path), reason=too_many, data=head(path))
        return
    seen: set[str] = set()
    limit, n, tail = settings.max_bytes, 0, b""
    stream, gz = open_maybe_gzip(path, compressed, settings.max_archive_bytes)
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
            item = guarded_line(line, n, doc_id, path)
            if item is not None:
                yield distinct(item, seen, f"{doc_id}#{n}")
    if gz is not None and gz.damage:
        kept = n - 1 if tail else n
        if not kept:
            yield Reject(id=doc_id, path=str(path), data=head(path), reason=gz.damage)
            return
        yield Reject(id=f"{doc_id}#{kept + 1}", path=str(path), data=tail[:KEEP_HEAD],
                     reason=f"{gz.damage}: kept lines 1-{kept}, the rest is lost")


def starts_a_list(path: Path, compressed: bool) -> bool:
    """Whether a JSON lines file holds one JSON list instead (a .json file under a .jsonl name)."""
    try:
        stream, _ = open_maybe_gzip(path, compressed, 1 << 16)
        with stream:
            start = stream.read(1 << 12)
    except (OSError, EOFError, ValueError):
        return False  # the reader of JSON lines reports the damage
    return start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"[")


def over_limits(path: Path, compressed: bool, settings: Settings) -> str | None:
    """Why a JSON lines file is too big to read (more records than Settings.max_records, or more
    decompressed bytes than Settings.max_archive_bytes), counted before any record is read; else None."""
    lines = 0
    stream, gz = open_maybe_gzip(path, compressed, settings.max_archive_bytes)
    with stream:
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
            if lines > settings.max_records:
                return (f"over the limit of {settings.max_records:,} records per file (Settings.max_records); "
                        "nothing read from it: split it, or raise the limit")
    if gz is not None and gz.damage and gz.damage.startswith("over the limit"):
        return f"{gz.damage}; nothing read from it"
    return None


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
    text = file_text(path, doc_id, data)
    if isinstance(text, Reject):
        yield text
        return
    try:
        obj = loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # JSON lines under a .json name
            seen: set[str] = set()
            for n, line in enumerate(data.splitlines(keepends=True), 1):
                item = guarded_line(line, n, doc_id, path)
                if item is not None:
                    yield distinct(item, seen, f"{doc_id}#{n}")
            return
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    except ValueError as e:
        yield Reject(id=doc_id, path=str(path), data=data, reason=str(e))
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
    elif isinstance(obj, list) and len(obj) > settings.max_records:
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"a list of {len(obj):,} records, over the limit of {settings.max_records:,} per file "
                            "(Settings.max_records); nothing read from it")
    elif isinstance(obj, list):
        seen = set()
        for n, entry in enumerate(obj, 1):
            try:
                item_data = dumped(entry)
                item = record(entry, f"item {n}", f"{doc_id}#{n}", path, item_data)
            except Exception as e:  # noqa: BLE001 - one bad item must not stop the list
                item = Reject(id=f"{doc_id}#{n}", path=str(path), reason=f"item {n}: {failure('read', e)}")
            yield distinct(item, seen, f"{doc_id}#{n}")
    else:
        yield Reject(id=doc_id, path=str(path), data=data,
                     reason=f"a JSON {type_name(obj)} where an object or a list of objects was expected")
