"""The document-dates bench: Timeline17-style folders built as dated folders and as flat ones."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import need_shared
from typer.testing import CliRunner

from storyline_bench import app
from storyline_bench.dates import articles, lay_out, verdict

ARTICLES = {  # our own texts, in the layout <folder>/InputDocs/<publication day>/<id>.txt
    "2010-05-24": ("WASHINGTON | Mon May 24 , 2010 4:23 pm EDT WASHINGTON -LRB- Reuters -RRB- - The oil company "
                   "said it would try again on Wednesday to plug the leaking well, officials said."),
    "2010-05-26": ("The oil company said on Wednesday that its attempt to plug the well had begun.\n"
                   "Interior Secretary Ken Salazar said the government would keep up the pressure."),
    "2010-06-01": ("Officials said the leak was still not plugged.\n10 April : a rig was moved.\n"
                   "11 April : another rig.\nOn Saturday the tanker left."),
}


def _folder(tmp_path: Path) -> Path:
    """A small Timeline17-style folder of our own texts."""
    for i, (day, text) in enumerate(ARTICLES.items()):
        f = tmp_path / "t17" / "spill_wire" / "InputDocs" / day / f"{i}.htm.txt"
        f.parent.mkdir(parents=True)
        f.write_text(text)
    return tmp_path / "t17"


def test_layouts_and_verdicts(tmp_path: Path) -> None:
    items = articles(_folder(tmp_path), [], 0)
    assert [(f, d) for f, d, _ in items] == [("spill_wire", d) for d in ARTICLES]
    dated = lay_out(items, tmp_path / "dated", "dated")
    flat = lay_out(items, tmp_path / "flat", "flat")
    assert set(dated) == {f"spill_wire/{d}/{i}.htm.txt" for i, d in enumerate(ARTICLES)}
    assert set(flat) == {f"spill_wire/{i}.htm.txt" for i in range(3)}
    assert verdict({"certain": True, "date": "2010-05-24"}, "2010-05-24") == "certain-right"
    assert verdict({"certain": True, "date": "2010-05-25"}, "2010-05-24") == "certain-wrong"
    assert verdict({"certain": False, "interval": [None, "2010-06-01"]}, "2010-05-24") == "uncertain-holds"
    assert verdict({"certain": False, "interval": ["2010-05-25", None]}, "2010-05-24") == "uncertain-misses"


def test_bench_dates_small(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["dates", "--data", str(_folder(tmp_path)), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    dated, flat = out["dated"]["storyline"], out["flat"]["storyline"]
    assert dated["documents"] == flat["documents"] == 3
    assert dated["certain-right"] == 3 and dated["certain-wrong"] == 0  # a dated archive: the folders are evidence
    assert flat["certain-wrong"] == 0 and flat["certain-right"] == 1  # only the stamped article dates itself
    assert {"right", "wrong", "none"} <= set(out["flat"]["htmldate"])


def test_bench_dates_on_timeline17(tmp_path: Path) -> None:
    data = need_shared("bench", "t17")
    res = CliRunner().invoke(app, ["dates", "--data", str(data), "--folder", "H1N1_reuters", "--limit", "6",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["dated"]["storyline"]["certain-wrong"] == 0 and out["flat"]["storyline"]["certain-wrong"] == 0
    assert out["dated"]["storyline"]["certain-right"] == 6
