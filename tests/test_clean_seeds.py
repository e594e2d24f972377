"""The seeds through the library: every boilerplate line removed, every content line kept, page dates' roles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import need_shared

from storyline.clean import clean
from storyline.ingest.readers import read_file
from storyline.records import Document


def _norm(s: str | None) -> str:
    """Lower case, white space collapsed (as the seeds scorer compares lines)."""
    return re.sub(r"\s+", " ", s or "").strip().lower()


def _line_gone(line: str, text: str) -> bool:
    """True when a boilerplate line no longer appears in the text (short lines as whole words only)."""
    if len(line) > 25:
        return line not in text
    return not re.search(r"(^|\n| )" + re.escape(line) + r"( |$)", text.replace(". ", " "))


@pytest.fixture(scope="module")
def cleaned() -> dict[str, tuple[list[str], Document]]:
    """Each seed's raw lines and its cleaned document."""
    seeds = need_shared("seeds")
    out = {}
    for path in sorted(seeds.glob("*.txt")):
        raw = next(iter(read_file(path, path.name)))
        doc = clean(raw)
        assert isinstance(doc, Document), doc
        out[path.name] = (path.read_text(encoding="utf-8").split("\n"), doc)
    return out


@pytest.fixture(scope="module")
def gold() -> dict:
    """The gold annotations of the seeds."""
    return json.loads(Path(need_shared("gold", "seeds.json")).read_text(encoding="utf-8"))["documents"]


def test_boilerplate_removed_and_content_kept(cleaned, gold) -> None:
    gone = kept = bp_total = ct_total = 0
    lost: list[str] = []
    for name, g in gold.items():
        lines, doc = cleaned[name]
        text = _norm((doc.title or "") + "\n" + doc.text)
        for n in g["boilerplate_lines"]:
            bp_total += 1
            ok = _line_gone(_norm(lines[n - 1]), text)
            gone += ok
            lost += [] if ok else [f"kept boilerplate {name}:{n}"]
        for n in g["content_lines"]:
            ct_total += 1
            ok = _norm(lines[n - 1])[:60] in text
            kept += ok
            lost += [] if ok else [f"lost content {name}:{n}"]
    assert (gone, kept) == (bp_total, ct_total), lost


def test_headlines_and_languages(cleaned, gold) -> None:
    for name, g in gold.items():
        _, doc = cleaned[name]
        assert _norm(doc.title or "") == _norm(g["title"] or ""), name
        assert doc.language == "en"


def test_page_dates_of_the_seeds(cleaned, gold) -> None:
    for name, g in gold.items():
        _, doc = cleaned[name]
        printed = g["page_date_in_text"]
        if printed is None:
            assert not doc.page_dates, name
            continue
        (found,) = doc.page_dates
        assert printed["text"] in found.text
        assert (found.role == "published") == printed["is_publication_date"], (name, found)
        assert _norm(printed["text"]) not in _norm(doc.text)
