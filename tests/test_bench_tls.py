"""Timeline summarization metrics (ROUGE-1.5.5 as tilse runs it, align+ m:1, date F1) and the tls bench."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import need_shared

from storyline_bench import tlsmetrics as M

D = dt.date


def test_tokens_follow_rouge_155():
    # lowercased, '-' split off and dropped, stop words removed, words over 3 letters stemmed (WordNet, Porter)
    assert M.rouge_tokens(["The children were RUNNING to the oil-spill site"]) == ["child", "run", "oil", "spill", "site"]
    assert M.rouge_tokens(["Text after <b> is cut off"]) == ["text"]
    assert M.porter("agreement") == "agreem" and M.porter("analogy") == "analog" and M.porter("caresses") == "caress"


def test_rouge_counts_by_hand():
    c = M.rouge_counts(["The cat slept on the mat"], [["The cat lay on the mat"]])
    # unigrams: cat sleep mat / cat lay mat -> 2 hits of 3 and 3
    assert (c["rouge_1"].hit, c["rouge_1"].peer, c["rouge_1"].model) == (2, 3, 3)
    # bigrams: (cat sleep)(sleep mat) / (cat lay)(lay mat) -> none
    assert (c["rouge_2"].hit, c["rouge_2"].peer, c["rouge_2"].model) == (0, 2, 2)
    # clipping: a repeated peer word counts at most as often as in the model; formula A sums over models
    c = M.rouge_counts(["oil oil oil"], [["oil leak"], ["oil oil"]])
    assert (c["rouge_1"].hit, c["rouge_1"].peer, c["rouge_1"].model) == (3, 6, 4)


def test_align_m1_by_hand():
    ref = {D(2010, 4, 20): ["rig explodes"], D(2010, 7, 15): ["leak capped"]}
    pred = {D(2010, 4, 21): ["rig explodes"], D(2010, 9, 1): ["relief leak"]}
    got = M.align_m1(pred, [ref])["rouge_1"]
    # precision: 04-21 -> 04-20 (2 hits, 1 day off: weight 1/2); 09-01 -> 07-15 ('leak': 1 hit, 48 days off: 1/49)
    prec = (0.5 * 2 + 1 / 49) / 4
    # recall: 04-20 -> 04-21 (2 hits / 2, weight 1/2); 07-15 -> 09-01 (1 hit / 2, weight 1/49)
    rec = (0.5 * 2 + 1 / 49) / 4
    assert got["precision"] == pytest.approx(prec) and got["recall"] == pytest.approx(rec)
    exact = M.align_m1(ref, [ref])
    assert exact["rouge_1"]["f_score"] == pytest.approx(1.0) and exact["rouge_2"]["f_score"] == pytest.approx(1.0)
    assert M.align_m1({}, [ref])["rouge_1"]["f_score"] == 0


def test_concat_agreement_and_dates():
    ref = {D(2010, 4, 20): ["rig explodes"], D(2010, 7, 15): ["leak capped"]}
    pred = {D(2010, 4, 20): ["rig explodes"], D(2010, 7, 16): ["leak capped"]}
    assert M.concat(pred, [ref])["rouge_1"]["f_score"] == pytest.approx(1.0)
    agr = M.agreement(pred, [ref])["rouge_1"]
    assert agr["precision"] == pytest.approx(0.5) and agr["recall"] == pytest.approx(0.5)
    d = M.date_prf(pred, [ref])
    assert (d["precision"], d["recall"], d["f_score"]) == (0.5, 0.5, 0.5)
    avg = M.average([{"precision": 1.0, "recall": 0.0}, {"precision": 0.0, "recall": 1.0}])
    assert avg["f_score"] == pytest.approx(0.5)  # F1 of the mean precision and mean recall, as news-tls does


def _rouge_home() -> Path | None:
    """ROUGE-1.5.5 (as shipped inside tilse's wheel), when it and Perl's XML::Parser are installed."""
    home = os.environ.get("STORYLINE_ROUGE_HOME")
    candidates = [Path(home)] if home else []
    try:
        import pyrouge  # tilse's bundled copy

        candidates.append(Path(pyrouge.__file__).parent / "tools" / "ROUGE-1.5.5")
    except ImportError:
        pass
    for c in candidates:
        if (c / "ROUGE-1.5.5.pl").exists() and shutil.which("perl"):
            ok = subprocess.run(["perl", "-MXML::Parser", "-MDB_File", "-e", "1"], capture_output=True).returncode == 0
            if ok:
                return c
    return None


def _perl_counts(home: Path, peer: list[str], models: list[list[str]], tmp: Path) -> dict[str, tuple[int, int, int]]:
    """Raw counts from ROUGE-1.5.5.pl run with tilse's options."""
    (tmp / "peers").mkdir()
    (tmp / "models").mkdir()

    def see(sents: list[str]) -> str:
        body = "\n".join(f'<a name="{i}">[{i}]</a> <a href="#{i}" id={i}>{" ".join(s.split())}</a>'
                         for i, s in enumerate(sents, 1))
        return f"<html>\n<head>\n<title>x</title>\n</head>\n<body>\n{body}\n</body>\n</html>"

    (tmp / "peers" / "A.html").write_text(see(peer))
    names = []
    for i, m in enumerate(models):
        (tmp / "models" / f"{i}.html").write_text(see(m))
        names.append(f'<M ID="{chr(65 + i)}">{i}.html</M>')
    (tmp / "settings.xml").write_text(
        f'<ROUGE_EVAL version="1.55"><EVAL ID="t"><MODEL-ROOT>{tmp}/models</MODEL-ROOT><PEER-ROOT>{tmp}/peers'
        f'</PEER-ROOT><INPUT-FORMAT TYPE="SEE"> </INPUT-FORMAT><PEERS><P ID="0">A.html</P></PEERS><MODELS>'
        f'{"".join(names)}</MODELS></EVAL></ROUGE_EVAL>')
    out = subprocess.check_output(["perl", str(home / "ROUGE-1.5.5.pl"), "-e", str(home / "data"), "-a", "-n", "2",
                                   "-x", "-f", "A", "-d", "-m", "-s", "-t", "2", str(tmp / "settings.xml")]).decode()
    return {m[1].lower().replace("-", "_"): (int(m[4]), int(m[3]), int(m[2]))
            for m in re.finditer(r"\d+ (ROUGE-\S+) M_count: (\d+) P_count: (\d+) H_count: (\d+)", out)
            for m in [(None, *m.groups())]}


def test_agrees_with_perl_rouge(tmp_path):
    home = _rouge_home()
    if home is None:
        msg = "ROUGE-1.5.5.pl with Perl XML::Parser not installed (make test installs tilse and libxml-parser-perl)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    t17 = need_shared("bench", "t17")
    lines = []
    for f in sorted(t17.glob("*/timelines/*.txt"))[:3]:
        lines += [ln for ln in f.read_text(encoding="utf-8").split("\n") if len(ln.split()) > 4][:60]
    peer, models = lines[0::3], [lines[1::3], lines[2::3]]
    perl = _perl_counts(home, peer, models, tmp_path)
    ours = M.rouge_counts(peer, models)
    for m in ("rouge_1", "rouge_2"):
        assert (ours[m].hit, ours[m].peer, ours[m].model) == perl[m]


def test_bench_tls_on_a_small_subset(tmp_path):
    """A week of one source folder with a reference cut to it: the bench builds a store with `storyline build`,
    asks the storyline for the reference's size, scores it, and a second run reads the cached store."""
    from typer.testing import CliRunner

    from storyline_bench import app

    src = need_shared("bench", "t17", "H1N1_bbc")
    data = tmp_path / "data"
    folder = data / "H1N1_bbc"
    days = sorted(p.name for p in (src / "InputDocs").iterdir())[:7]
    for d in days:
        (folder / "InputDocs" / d).mkdir(parents=True)
        for f in sorted((src / "InputDocs" / d).glob("*.txt"))[:2]:
            (folder / "InputDocs" / d / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    ref = next((src / "timelines").glob("*.txt")).read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n-{5,}\s*\n?", ref) if b.strip()[:10] in days or b.strip()[:10] <= days[-1]]
    (folder / "timelines").mkdir()
    (folder / "timelines" / "ref.txt").write_text("\n--------------------------------\n".join(blocks) + "\n")
    (data / "_keywords").mkdir()
    (data / "_keywords" / "h1n1.json").write_text(json.dumps(["swine", "flu", "h1n1"]))
    res = CliRunner().invoke(app, ["tls", "--data", str(data), "--format", "json", "--cache", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    for key in ("rouge1_align_m1", "rouge2_align_m1", "date_f1"):
        assert 0.0 <= out[key] <= 1.0
    assert out["timelines"] == 1 and "h1n1" in out["topics"]
    assert out["rouge1_align_m1"] > 0  # some overlap with the reference on the same days
    topic = out["topics"]["h1n1"]
    assert topic["articles"] > 0 and topic["build_seconds"] > 0 and topic["build_peak_mb"] > 50
    assert not topic["build_cached"]
    again = CliRunner().invoke(app, ["tls", "--data", str(data), "--format", "json", "--cache", str(tmp_path / "c"),
                                     "--cli"])
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout.strip().splitlines()[-1])
    assert second["topics"]["h1n1"]["build_cached"] and second["via"] == "cli"
    assert second["rouge1_align_m1"] == pytest.approx(out["rouge1_align_m1"])  # the CLI tells the same storyline


def test_datewise_reference_over_the_topics_run():
    from storyline_bench.tls import DATEWISE, datewise_over

    every = {n: {"timelines": 1} for n in DATEWISE if n != "all"}
    assert datewise_over(every) == DATEWISE["all"]  # its published run over every topic
    two = datewise_over({"mj": {"timelines": 1}, "h1n1": {"timelines": 3}})
    assert two[0] == round((DATEWISE["mj"][0] + 3 * DATEWISE["h1n1"][0]) / 4, 3)  # weighted by timelines
    assert datewise_over({"other": {"timelines": 2}}) == (None, None, None)
