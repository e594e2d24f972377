"""Readers for every input layout; each yields Raw records (or Reject with a one-line reason), one at a time.

Layouts: folders (recursively, in sorted order), .txt/.md, .html/.htm, .jsonl/.json, .warc, RSS/Atom feeds,
the formats plug-in readers add (@reader: a module of this package, or an entry point of the group
'storyline.readers'; CSV is one, ingest/tables.py), and any of these gzipped (x.html.gz). Raw.data keeps the item's
bytes as given (decompressed for .gz); Raw.text holds the decoded content: HTML markup when kind is 'html', plain
text otherwise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import lxml.etree
import lxml.html

from storyline.failures import failure, one_line, safe_name, safe_text
from storyline.ingest.decode import declared_charset, file_text
from storyline.ingest.gunzip import Gunzip, open_maybe_gzip
from storyline.plugins import discover, filed_under
from storyline.records import Raw, Reject
from storyline.settings import DEFAULT, Settings

Item = Raw | Reject
KEEP_HEAD = 1 << 16  # how many leading bytes of an oversized file the rejects table keeps
WHOLE_PAGE = re.compile(r"<(html|body)[\s>]", re.I)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
# elements that hold no content or whose end tag may be left out: they add no depth
FLAT_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr p li dt dd option "
                          "optgroup tr td th thead tbody tfoot colgroup rb rt rp".split())
MAX_DEPTH = 200  # HTML parsers (libxml2: 256) drop what is nested deeper; deeper tags are taken out, text kept
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
INLINE_ELEMENTS = frozenset("a abbr b bdi bdo cite code data dfn em font i kbd mark nobr q s samp small span strong "
                            "sub sup time u var".split())  # taken out without a line break
# the levels an element adds with the ones its content brings without counting (table > tbody > tr > td)
LEVELS = {"table": 4, "ul": 2, "ol": 2, "menu": 2, "dl": 2, "select": 3, "datalist": 2, "ruby": 2}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses str input that declares an encoding


Reader = Callable[[Path, str, bytes, Settings], Iterator[Item]]
READERS: dict[str, Reader] = {}  # file name suffix -> the plug-in reader of that format


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files with these name suffixes ('.csv'): reader(path, id, bytes, settings) yields the
    file's items (Raw or Reject). The bytes are decompressed and within the size limit; an error it raises ends the
    file with one Reject."""
    return filed_under(READERS, *(suffix.lower() for suffix in suffixes))


def plugin_reader(suffix: str) -> Reader | None:
    """The plug-in reader of a file name suffix, if one is registered."""
    if suffix not in READERS:
        discover("storyline.ingest", "storyline.readers")
    return READERS.get(suffix)


def read(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Item]:
    """Every item under the given files and folders, one at a time; ids are unique within one call."""
    seen: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            for f in walk(p):
                if isinstance(f, Reject):
                    yield safe(f)
                else:
                    yield from unique(read_file(f, f.relative_to(p).as_posix(), settings), seen)
        elif p.is_file():
            yield from unique(read_file(p, p.name, settings), seen)
        else:
            yield Reject(id=safe_name(str(p)), path=safe_name(str(p)), reason="no such file or folder")


def walk(folder: Path, top: Path | None = None) -> Iterator[Path | Reject]:
    """The files under a folder, recursively, in sorted order; a hidden entry (.git, .DS_Store) is one Reject."""
    top = top or folder
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as e:
        yield Reject(id=folder.relative_to(top).as_posix(), path=str(folder),
                     reason=f"cannot list the folder ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            what = "folder" if entry.is_dir() else "file"
            yield Reject(id=entry.relative_to(top).as_posix(), path=str(entry), reason=f"hidden {what} skipped")
        elif entry.is_dir():
            if entry.is_symlink():  # links can loop back: give the target folder itself to follow one
                yield Reject(id=entry.relative_to(top).as_posix(), path=str(entry),
                             reason="symbolic link to a folder skipped")
            else:
                yield from walk(entry, top)
        elif entry.is_file():
            yield entry
        else:
            yield Reject(id=entry.relative_to(top).as_posix(), path=str(entry), reason="not a regular file")


def unique(items: Iterator[Item], seen: set[str]) -> Iterator[Item]:
    """The items with ids made unique: a repeated id (the same URL in two files) gets '#2', '#3', ..."""
    for item in items:
        if isinstance(item, Raw):
            base, n = item.id, 1
            while item.id in seen:
                n += 1
                item.id = f"{base}#{n}"
            seen.add(item.id)
        yield item


def kind_of(path: Path, settings: Settings = DEFAULT) -> tuple[str | None, bool, str]:
    """The layout of a file from its name: (kind or None, gzipped, the suffix that decided)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = (suffixes[-2] if len(suffixes) > 1 else "") if compressed else (suffixes[-1] if suffixes else "")
    table = (("text", settings.text_suffixes), ("html", settings.html_suffixes), ("json", settings.json_suffixes),
             ("warc", settings.warc_suffixes), ("feed", settings.feed_suffixes))
    for kind, known in table:
        if suffix in known:
            return kind, compressed, suffix
    if suffix and plugin_reader(suffix) is not None:
        return "plugin", compressed, suffix
    return None, compressed, suffix + ".gz" if compressed else suffix


def read_file(path: Path, doc_id: str, settings: Settings = DEFAULT) -> Iterator[Item]:
    """The items in one file: one Raw for an article file, one per record for JSON lines, WARC and feeds.
    Never raises: an unexpected error ends the file with one Reject; every string is safe to store and print."""
    n = 0
    try:
        for item in file_items(path, doc_id, settings):
            n += 1
            yield safe(item)
    except Exception as e:  # noqa: BLE001 - one bad file must not stop a build
        rest = "the items before the error are kept" if n else ""
        yield Reject(id=safe_name(doc_id if not n else f"{doc_id}#error"), path=safe_name(str(path)),
                     reason=failure("read", e, rest), data=head(path), stage="read")


def safe(item: Item) -> Item:
    """An item whose strings can be stored and printed: names escaped, lone surrogates replaced, reasons on
    one line."""
    item.id, item.path = safe_name(item.id), safe_name(item.path)
    if isinstance(item, Reject):
        item.reason = one_line(item.reason)
        return item
    for key in ("url", "title", "published", "source", "text", "captured"):
        value = getattr(item, key)
        if value is not None:
            setattr(item, key, safe_text(value))
    if item.kind == "html" and item.text:
        item.text = shallow(item.text)
    return item


def shallow(markup: str, limit: int = MAX_DEPTH) -> str:
    """The markup with elements nested deeper than `limit` unwrapped (their text kept), so that a page of
    text inside 100,000 nested divs (or tables, or lists) is read as text rather than lost by the parser."""
    if markup.count("<") <= limit:
        return markup
    depth = deepest = 0
    for m in TAG.finditer(markup):
        name = m.group(2).lower()
        if name in FLAT_ELEMENTS or m.group(3):
            continue
        depth = max(0, depth - LEVELS.get(name, 1)) if m.group(1) else depth + LEVELS.get(name, 1)
        deepest = max(deepest, depth)
    if deepest <= limit:
        return markup
    depth = 0

    def keep(m: re.Match[str]) -> str:
        nonlocal depth
        name = m.group(2).lower()
        if name in VOID_ELEMENTS or m.group(3):
            kept = True
        elif name in FLAT_ELEMENTS:  # kept above the limit; below it, a <dd> or <option> would nest again
            kept = depth < limit
        elif m.group(1):
            depth = max(0, depth - LEVELS.get(name, 1))
            kept = depth < limit
        else:
            depth += LEVELS.get(name, 1)
            kept = depth <= limit
        return m.group() if kept else "" if name in INLINE_ELEMENTS else "\n"

    return TAG.sub(keep, markup)


def file_items(path: Path, doc_id: str, settings: Settings = DEFAULT) -> Iterator[Item]:
    """The items in one file, as its reader gives them."""
    from storyline.ingest import feeds, jsonl, warc

    path = Path(path)
    kind, compressed, suffix = kind_of(path, settings)
    if kind is None:
        what = f"unsupported file type {suffix}" if suffix else "unsupported file type (no file name suffix)"
        yield Reject(id=doc_id, path=str(path), reason=what, data=head(path))
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Reject(id=doc_id, path=str(path), reason=f"cannot read the file ({e.strerror})")
        return
    if size == 0:
        yield Reject(id=doc_id, path=str(path), reason="empty file")
        return
    if kind == "warc":
        yield from warc.read_warc(path, doc_id, compressed, settings)
    elif kind == "json" and suffix != ".json" and not jsonl.starts_a_list(path, compressed):
        yield from jsonl.read_lines(path, doc_id, compressed, settings)
    else:
        data = whole(path, doc_id, compressed, settings)
        if isinstance(data, Reject):
            yield data
        elif kind == "json":
            yield from jsonl.read_json(path, doc_id, data, settings)
        elif kind == "feed":
            yield from feeds.read_feed(path, doc_id, data, suffix, settings)
        elif kind == "plugin":
            yield from READERS[suffix](path, doc_id, data, settings)
        else:
            yield article(path, doc_id, data, kind)


def head(path: Path) -> bytes:
    """The first bytes of a file (what the rejects table keeps of files not read in full)."""
    try:
        with open(path, "rb") as f:
            return f.read(KEEP_HEAD)
    except OSError:
        return b""


def whole(path: Path, doc_id: str, compressed: bool, settings: Settings) -> bytes | Reject:
    """A file's bytes (decompressed when gzipped), or a Reject when oversized, truncated or unreadable."""
    limit = settings.max_bytes
    try:
        stream, gz = open_maybe_gzip(path, compressed)
        with stream:
            data = stream.read(limit + 1)
    except OSError as e:
        return Reject(id=doc_id, path=str(path), reason=f"cannot read the file ({e.strerror or e})", data=head(path))
    if len(data) > limit:
        what = "decompressed size" if compressed else "size"
        return Reject(id=doc_id, path=str(path), data=data[:KEEP_HEAD],
                      reason=f"oversized: {what} over the limit of {limit:,} bytes (Settings.max_bytes); "
                             f"the first {KEEP_HEAD:,} bytes are kept")
    if gz is not None and gz.damage:
        return Reject(id=doc_id, path=str(path), reason=gz.damage, data=head(path))
    if compressed and not data:
        return Reject(id=doc_id, path=str(path), reason="empty file (after decompression)", data=head(path))
    return data


def article(path: Path, doc_id: str, data: bytes, kind: str) -> Item:
    """One article file: plain text (kind 'text') or HTML (kind 'html'), decoded."""
    text = file_text(path, doc_id, data, declared_charset(data) if kind == "html" else None)
    if isinstance(text, Reject):
        return text
    if not text.strip():
        return Reject(id=doc_id, path=str(path), reason="empty file (only white space)", data=data)
    if kind == "html":
        problem = html_problem(text)
        if problem:
            return Reject(id=doc_id, path=str(path), reason=problem, data=data)
    return Raw(id=doc_id, path=str(path), data=data, kind=kind, text=text)


def as_page(title: str | None, markup: str) -> str:
    """An HTML fragment (a feed entry, a JSON 'html' field) as a minimal page, so HTML extraction finds it."""
    if WHOLE_PAGE.search(markup[:4096]):
        return markup
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{markup}</article></body></html>"


def html_problem(markup: str) -> str | None:
    """Why lxml cannot make an HTML page of this markup, or None when it can."""
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", shallow(markup), count=1))
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as e:
        return f"malformed HTML: lxml cannot parse it ({e or type(e).__name__})"
    if not root.text_content().strip():
        return "malformed HTML: the page has no text"
    return None


__all__ = ["Gunzip", "article", "as_page", "html_problem", "kind_of", "read", "read_file"]
