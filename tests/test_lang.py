"""The language data: every table read by the one loader, with the columns its header names; no drifted copies."""

from __future__ import annotations

from importlib import resources

import pytest

from storyline import lang

TABLES = sorted(f"{d.name}/{f.name}" for d in resources.files("storyline.lang").iterdir() if d.is_dir()
                for f in d.iterdir() if f.name.endswith(".tsv"))


@pytest.mark.parametrize("path", TABLES)
def test_every_table_reads_with_its_header(path: str) -> None:
    code, name = path.split("/")
    rows = lang.table(name.removesuffix(".tsv"), code)
    assert rows, path
    columns = list(rows[0])
    assert all(list(r) == columns for r in rows)
    assert all(r[columns[0]].strip() for r in rows), f"{path}: a row without its first column"


@pytest.mark.parametrize("code", lang.LANGUAGES)
def test_calendars_number_months_and_iso_weekdays(code: str) -> None:
    assert sorted(set(lang.numbered("month", (code,)).values())) == list(range(1, 13))
    assert sorted(set(lang.numbered("weekday", (code,)).values())) == list(range(1, 8))


def test_one_weekday_numbering_everywhere() -> None:
    from storyline.clean.pagedates import WEEKDAYS as PAGE
    from storyline.cluster.core import WEEKDAYS as CLUSTER
    from storyline.dating.datelines import WEEKDAYS as DATELINE
    from storyline.timex.lexicon import WEEKDAYS as TIMEX

    for table in (PAGE, CLUSTER, DATELINE, TIMEX):
        assert table["monday"] == 1 and table["sunday"] == 7


def test_reporting_verbs_serve_each_use_from_one_table() -> None:
    uses = {u for row in lang.table("reporting_verbs") for u in lang.items(row["uses"])}
    assert uses == {"speech", "statement", "announcing"}
    assert {"say", "tell"} <= lang.reporting_verbs("speech") & lang.reporting_verbs("statement")
    assert "believe" in lang.reporting_verbs("statement") and "believe" not in lang.reporting_verbs("speech")


def test_plover_categories_are_the_coders_and_every_group_pairs_categories() -> None:
    from storyline.events.lexicon import CATEGORIES

    assert tuple(lang.plover("quad")) == CATEGORIES
    groups: dict[str, int] = {}
    for cell in lang.plover("same_event").values():
        for g in lang.items(cell):
            groups[g] = groups.get(g, 0) + 1
    assert groups and all(n >= 2 for n in groups.values())
