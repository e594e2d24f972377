"""bench tempeval: TimeML parsing, TE3-style scoring, and a run on a handful of TBAQ-cleaned files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from conftest import need_shared
from typer.testing import CliRunner

from storyline.cli import app
from storyline_bench.tempeval import Counts, TimeMLDoc, Timex, align, parse_tml, sample

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-16" functionInDocument="CREATION_TIME">1998-02-16</TIMEX3></DCT>
<TEXT>
Rebels &amp; troops <EVENT eid="e1">fought</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-13">Friday</TIMEX3>
for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_tml_keeps_offsets_and_dct(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = parse_tml(path)
    assert doc.dct == dt.date(1998, 2, 16)
    assert [g.text for g in doc.gold] == ["Friday", "two days"]  # the DCT itself is not gold
    assert "&amp;" not in doc.text and "Rebels & troops" in doc.text
    assert all(doc.text[g.start:g.end] == g.text for g in doc.gold)


def test_scoring_strict_relaxed_and_values() -> None:
    text = "They met on Friday for two long days and again last week."
    gold = [Timex(12, 18, "DATE", "1998-02-13"), Timex(23, 36, "DURATION", "P2D"), Timex(47, 56, "DATE", "1998-W06")]
    doc = TimeMLDoc("d", text, dt.date(1998, 2, 16), gold)
    system = [Timex(12, 18, "DATE", "1998-02-13"), Timex(27, 36, "DURATION", "PXD"), Timex(0, 4, "DATE", "X")]
    counts = Counts()
    counts.add(doc, system)
    figures = counts.figures()
    assert (counts.strict, counts.relaxed, counts.value_ok) == (1, 2, 1)
    assert figures["strict_f1"] == round(1 / 3, 4)
    assert figures["relaxed_f1"] == round(2 / 3, 4)
    assert figures["value_accuracy"] == 0.5
    assert abs(figures["value_f1"] - figures["relaxed_f1"] * figures["value_accuracy"]) < 1e-3
    kinds = sorted(e["kind"] for e in counts.errors)
    assert kinds == ["missed", "spurious", "value"]


def test_align_finds_heideltime_spans_again() -> None:
    text = "\n\nA & B met Friday and Friday."
    found = [{"text": "Friday", "type": "DATE", "value": "1"}, {"text": "Friday", "type": "DATE", "value": "2"}]
    spans = [(t.start, t.end, t.value) for t in align(text, found)]
    assert spans == [(text.index("Friday"), text.index("Friday") + 6, "1"), (text.rindex("Friday"), len(text) - 1, "2")]
    assert len(sample(list(range(10)), 3)) == 3 and sample([1, 2], 0) == [1, 2]


def test_bench_tempeval_on_a_handful_of_files(tmp_path: Path) -> None:
    data = need_shared("bench", "tempeval3", "TBAQ-cleaned")
    files = sorted(data.rglob("*.tml"))[:6]
    for f in files:
        shutil.copy(f, tmp_path / f.name)
    result = CliRunner().invoke(app, ["bench", "tempeval", "--data", str(tmp_path), "--format", "json",
                                      "--no-heideltime"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 6 and figures["gold_timexes"] > 0
    for key in ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1", "docs_per_s", "docs_per_s_with_spacy"):
        assert key in figures
    assert 0.6 <= figures["value_f1"] <= figures["relaxed_f1"] <= 1.0
    assert figures["strict_f1"] <= figures["relaxed_f1"]
