"""CSV files (.csv, .tsv): one article a row, under a header naming the columns. `text` (or `body`, `content`) is
required; `id`, `title`, `url`, `published` (or `date`) and `source` are used when present. A plug-in reader:
registered with @reader, it is the whole of what adding an input format takes (docs/extending.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest.decode import file_text
from storyline.ingest.readers import Item, reader
from storyline.records import Raw, Reject
from storyline.settings import Settings

TEXT_COLUMNS = ("text", "body", "content")


@reader(".csv", ".tsv")
def read_rows(path: Path, doc_id: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One Raw per row with a text; a Reject for a row without one, or for the file when it has no text column."""
    text = file_text(path, doc_id, data)
    if isinstance(text, Reject):
        yield text
        return
    lines = text.splitlines(keepends=True)
    rows = csv.DictReader(iter(lines), dialect="excel-tab" if path.suffix.lower() == ".tsv" else "excel")
    header = {(c or "").strip().lower(): c for c in rows.fieldnames or []}
    column = next((header[c] for c in TEXT_COLUMNS if c in header), None)
    if column is None:
        yield Reject(id=doc_id, path=str(path), reason="a CSV file without a text, body or content column",
                     data=data[:65536])
        return

    def cell(row: dict[str, str | None], *names: str) -> str | None:
        return next(((row.get(header[n]) or "").strip() or None for n in names if n in header), None)

    done = rows.line_num  # lines read so far: the header
    for n, row in enumerate(rows, 1):
        raw, done = "".join(lines[done:rows.line_num]).encode("utf-8"), rows.line_num  # the row as written
        if n > settings.max_records:
            yield Reject(id=f"{doc_id}#{n}", path=str(path), reason=f"more than {settings.max_records} rows")
            return
        item_id = cell(row, "id") or f"{doc_id}#{n}"
        body = (row.get(column) or "").strip()
        if not body:
            yield Reject(id=item_id, path=str(path), reason=f"row {n} has no text", data=raw)
            continue
        yield Raw(id=item_id, path=str(path), data=raw, kind="text", text=body, title=cell(row, "title"),
                  url=cell(row, "url"), published=cell(row, "published", "date"), source=cell(row, "source"))
