"""Every value a user gives is checked where it enters: the command line (one line, exit status 2), the Python API
(validate.BadValue) and the web app (HTTP 400 with the same words); and the API takes the same filters, by the
same names, in every query method."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import storyline
from storyline import validate
from storyline.validate import BadValue

DATE_WORDS = "give a day (2022-12-05, 5 Dec 2022), a month (2022-12, Dec 2022) or a year (2022)"


def run(*args: str | Path) -> subprocess.CompletedProcess:
    """The installed `storyline` command."""
    exe = ROOT / ".venv" / "bin" / "storyline"
    cmd = [str(exe)] if exe.exists() else [shutil.which("storyline") or sys.executable]
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, timeout=600)


def refused(proc: subprocess.CompletedProcess) -> str:
    """The one line a refused command prints; it must exit with status 2 and print nothing else."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# --- the values themselves ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "iso"), [
    ("2022-12-05", "2022-12-05"), ("2022-12", "2022-12"), ("2022", "2022"), ("Dec 2022", "2022-12"),
    ("December 2022", "2022-12"), ("5 Dec 2022", "2022-12-05"), ("Dec 5, 2022", "2022-12-05"),
    ("25/12/2022", "2022-12-25"), ("2022-12-05T10:00", "2022-12-05"), ("2022/2/4", "2022-02-04"), ("  2022-02  ", "2022-02"), ("", None), (None, None),
])
def test_partial_and_natural_dates_are_read(given: str | None, iso: str | None) -> None:
    assert validate.date("date_from", given) == iso


@pytest.mark.parametrize("given", ["2022-13-45", "2022-02-30", "2022-00", "0000", "Dec", "yesterday",
                                   "next Friday 2022", "12 2022", "soon"])
def test_dates_that_name_no_day_month_or_year_are_refused(given: str) -> None:
    with pytest.raises(BadValue) as e:
        validate.date("date_from", given)
    assert e.value.on_command_line() == f"--from {given!r} is not a date; {DATE_WORDS}"
    assert str(e.value) == f"date_from {given!r} is not a date; {DATE_WORDS}"


def test_a_date_that_reads_two_ways_is_refused() -> None:
    with pytest.raises(BadValue, match="could be day/month or month/day"):
        validate.date("date_to", "03/04/2022")


def test_a_range_must_run_forward() -> None:
    assert validate.date_range("2022-02", "2022-02") == ("2022-02", "2022-02")
    with pytest.raises(BadValue, match=r"^date_to '2021' ends before the range starts \(2022\)") as e:
        validate.date_range("2022", "2021")
    assert e.value.on_command_line().startswith("--to '2021'")


def test_categories_any_case_and_unknown_ones_listed() -> None:
    assert validate.category("consult") == "CONSULT"
    with pytest.raises(BadValue) as e:
        validate.category("MEET")
    assert e.value.on_command_line().startswith("--category 'MEET' is not a PLOVER category; choose from AGREE, ")
    assert "ASSAULT" in str(e.value) and "CONSULT" in str(e.value)


@pytest.mark.parametrize("given", ["abc", "0", "-3", "1.5"])
def test_counts_are_whole_numbers(given: str) -> None:
    with pytest.raises(BadValue, match="is not a whole number of 1 or more"):
        validate.count("dates", given)
    assert validate.count("dates", "3") == 3


def test_pins_name_a_document_and_a_day() -> None:
    assert validate.pin("002.txt=2022-02-04") == ("002.txt", "2022-02-04")
    assert validate.pin("a=b.txt=Feb 4, 2022") == ("a=b.txt", "2022-02-04")
    for bad in ("002.txt", "=2022-02-04", "002.txt=2022-02", "002.txt=2022-13-45"):
        with pytest.raises(BadValue, match=r"^date "):
            validate.pin(bad)


def test_pins_find_their_document_by_id_path_or_the_end_of_its_path() -> None:
    paths = {"002.txt": "../shared/seeds/002.txt", "a/x.txt": "corpus/a/x.txt", "b/x.txt": "corpus/b/x.txt"}
    found, bad = validate.pinned_documents({"002.txt": "2022-02-04", "seeds/002.txt": "2022-02-05",
                                            "corpus/a/x.txt": "2022-01-01", "nosuch.txt": "2022-01-02",
                                            "x.txt": "2022-01-03"}, paths)
    assert found == {"002.txt": "2022-02-05", "a/x.txt": "2022-01-01"}
    assert [b.on_command_line() for b in bad] == [
        "--date 'nosuch.txt=2022-01-02' names no document in the store; give a document's id or path (e.g. 002.txt)",
        "--date 'x.txt=2022-01-03' names 2 documents (a/x.txt, b/x.txt); give one's id or full path"]


# --- the command line: one line, exit status 2 -------------------------------------------------------------------------

def test_command_line_refuses_an_impossible_date(seeds_db: Path) -> None:
    line = refused(run("timeline", "--db", seeds_db, "--from", "2022-13-45"))
    assert line == f"--from '2022-13-45' is not a date; {DATE_WORDS}"


def test_command_line_reads_a_natural_month(seeds_db: Path) -> None:
    every = run("timeline", "--db", seeds_db, "--format", "json")
    december = run("timeline", "--db", seeds_db, "--format", "json", "--from", "Dec 2022")
    assert december.returncode == 0, december.stderr
    import json

    entries, kept = json.loads(every.stdout), json.loads(december.stdout)
    assert 0 < len(kept) < len(entries)
    for e in kept:
        hi = (e["interval"] or [None, e["date"]])[1] or e["date"]
        assert hi is None or hi >= "2022-12", e


def test_command_line_refuses_an_unknown_output_format(seeds_db: Path) -> None:
    for command in ("timeline", "events", "quotes", "actors", "docs", "rejects"):
        line = refused(run(command, "--db", seeds_db, "--format", "xml"))
        assert line == "--format 'xml' is not an output format; choose from text, json, csv"
    assert refused(run("export", "xml", "--db", seeds_db)).startswith(
        "FORMAT 'xml' is not an export format; choose from csv, graphml, json, parquet, plover, timelinejs")


def test_command_line_lists_the_categories(seeds_db: Path) -> None:
    line = refused(run("events", "--db", seeds_db, "--category", "MEET"))
    assert line.startswith("--category 'MEET' is not a PLOVER category; choose from AGREE, CONSULT, SUPPORT")


def test_command_line_usage_errors_are_one_line(seeds_db: Path) -> None:
    assert refused(run("timeline", "--db", seeds_db, "--dates", "abc")).startswith(
        "storyline timeline: Invalid value for '--dates'")
    assert refused(run("timeline", "--db", seeds_db, "--dates", "0")) == "--dates '0' is not a whole number of 1 or more"
    assert refused(run("timeline", "--db", seeds_db, "--bogus")).startswith("storyline timeline: No such option")
    assert refused(run("events", "--db", seeds_db, "--actor", "Vladimir Putn")) == (
        "--actor 'Vladimir Putn' names no actor in this store; did you mean Vladimir Putin?")
    assert refused(run("serve", "--db", seeds_db, "--port", "70000")).startswith("--port '70000' is not a port")
    assert refused(run("build", seeds_db.parent, "--db", seeds_db.parent / "never.duckdb", "--workers", "-1")) == (
        "--workers '-1' is not a whole number of 0 or more")


def test_benchmarks_refuse_a_bad_format_or_count(seeds_dir: Path) -> None:
    assert refused(run("bench", "speed", "--data", seeds_dir, "--format", "xml")).startswith(
        "storyline bench speed: Invalid value for '--format': 'xml' is not an output format; choose from table, json")
    assert "'--limit'" in refused(run("bench", "speed", "--data", seeds_dir, "--limit", "-5"))
    assert refused(run("bench", "dates", "--data", seeds_dir, "--layout", "bogus")) == (
        "--layout 'bogus' is not a layout; choose from dated, flat")


def test_an_export_that_cannot_be_written_is_one_line(seeds_db: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    out = run("export", "csv", "--db", seeds_db, "-o", tmp_path / "file" / "under-a-file")
    assert out.returncode == 1 and len(out.stderr.splitlines()) == 1, out.stderr
    assert out.stderr.startswith(f"cannot write {tmp_path / 'file' / 'under-a-file'}: ")


@pytest.fixture(scope="module")
def redirected_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A build of the seeds from the command line with standard error going to a file, read while it runs; one pin
    names a document by the end of its path, one names no document."""
    root = tmp_path_factory.mktemp("redirected")
    db, log = root / "pins.duckdb", root / "stderr.txt"
    exe = ROOT / ".venv" / "bin" / "storyline"
    cmd = [str(exe)] if exe.exists() else [shutil.which("storyline") or sys.executable]
    with log.open("w") as err:
        proc = subprocess.Popen([*cmd, "build", str(seeds_dir), "--db", str(db),
                                 "--date", "seeds/002_602a98f70495e680.txt=2022-02-05",
                                 "--date", "seeds/002_nosuch.txt=2022-02-05"], stdout=subprocess.DEVNULL, stderr=err)
        seen_running: list[str] = []
        while proc.poll() is None:
            seen_running = log.read_text().splitlines()
            time.sleep(0.2)
    return {"db": db, "code": proc.returncode, "stderr": log.read_text(), "while_running": seen_running}


def test_build_reports_a_pin_for_no_document(redirected_build: dict[str, Any]) -> None:
    assert redirected_build["code"] == 2, redirected_build["stderr"]
    assert ("--date 'seeds/002_nosuch.txt=2022-02-05' names no document in the store; give a document's id or path"
            " (e.g. 000_398edae29dc0a0f7.txt)" in redirected_build["stderr"].splitlines())
    with storyline.open(redirected_build["db"]) as s:
        published = {d["id"]: d["published"] for d in s.docs()}
    assert published["002_602a98f70495e680.txt"]["date"] == "2022-02-05"  # named by the end of its path
    assert published["002_602a98f70495e680.txt"]["source"] == "pinned"


def test_a_redirected_build_shows_progress_while_it_runs(redirected_build: dict[str, Any]) -> None:
    lines = redirected_build["stderr"].splitlines()
    assert "\x1b" not in redirected_build["stderr"]  # plain lines, no terminal codes
    stages = list(dict.fromkeys(line.split(":")[0] for line in lines
                                if re.match(r"^\w+: [\d,/]+( \(\d+%\))?(,| in )", line)))
    assert [s for s in stages if s in ("ingest", "analyse", "date")] == ["ingest", "analyse", "date"], lines
    assert any(re.fullmatch(r"analyse: 5/5 in \d+(m \d\ds|s) \([\d.]+/s\)", line) for line in lines), lines
    early = [line for line in redirected_build["while_running"] if line.startswith(("ingest:", "analyse:"))]
    assert early, "no progress line was written while the build ran"


# --- the web app: HTTP 400 with the same words --------------------------------------------------------------------------

def test_web_refuses_a_bad_parameter_with_the_same_words(seeds_db: Path) -> None:
    import httpx
    import uvicorn

    from storyline.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(seeds_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            bad = client.get("/", params={"date_from": "2012-13-45"})
            assert bad.status_code == 400
            assert f"date_from &#39;2012-13-45&#39; is not a date; {DATE_WORDS}" in bad.text
            assert client.get("/", params={"category": "MEET"}).status_code == 400
            assert client.get("/", params={"actor": "Nobody At All"}).status_code == 400
            assert client.get("/relations", params={"a": "Nobody At All"}).status_code == 400
            for params in ({"page": "abc"}, {"page": "0"}, {"all": "maybe"}):
                wrong = client.get("/", params=params)
                assert wrong.status_code == 400 and f"{next(iter(params))} &#39;" in wrong.text, params
            good = client.get("/", params={"date_from": "Dec 2022", "category": "consult"})
            assert good.status_code == 200
            assert "CONSULT" in good.text
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --- the API: the same filters in every method -------------------------------------------------------------------------

FILTERS: dict[str, Any] = {"query": "Olympics", "actor": "Putin", "category": "CONSULT", "date_from": "Dec 2022",
                           "date_to": "2021"}
NAME_WORDS = "jinping"  # the actors' query is words of a name
METHODS = ("docs", "events", "quotes", "actors", "log", "timeline")  # log: the timeline's full event log (all=True)


def _days(d: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if not d or not (d.get("date") or d.get("interval")):
        return None, None
    lo, hi = d.get("interval") or [d["date"], d["date"]]
    return lo, hi


def _facts(story: Any) -> dict[str, Any]:
    """What the checks below read from the store, read once."""
    by_id = {a["id"]: a["name"] for a in story.actors()}
    named: dict[str, list[str]] = {}
    for m in story.store.mentions():
        if m.actor:
            named.setdefault(m.doc, []).append(by_id.get(m.actor, ""))
    return {"names": story.filters(actor=FILTERS["actor"]).actor_names, "events": story.events(),
            "quotes": story.quotes(), "published": {d["id"]: d["published"] for d in story.docs()}, "named": named}


def _answers(method: str, row: dict[str, Any], name: str, facts: dict[str, Any], words: str = "") -> bool:
    """Whether one result of a method answers the filter `name` (with its value in FILTERS; `words` the query's)."""
    events = facts["events"]
    if name == "query":
        hay = {"docs": lambda: (row["title"] or "") + row["text"], "events": lambda: row["text"],
               "quotes": lambda: row["text"], "actors": lambda: " ".join([row["name"], *(row["aliases"] or [])]),
               "timeline": lambda: row["summary"] + " ".join(e.get("text", "") for e in row["evidence"])}[method]()
        return words.lower() in hay.lower()
    if name == "actor":
        parties = {"docs": lambda: [p for e in events if e["document"] == row["id"] for p in e["actors"] + e["recipients"]]
                   + [q["speaker"] for q in facts["quotes"] if q["document"] == row["id"]]
                   + facts["named"].get(row["id"], []),  # a document names the actor in an event, quote or mention
                   "events": lambda: row["actors"] + row["recipients"], "quotes": lambda: [row["speaker"]],
                   "actors": lambda: [row["name"]], "timeline": lambda: row["actors"]}[method]()
        return any(p and p.lower() in facts["names"] for p in parties)
    if name == "category":
        if method in ("events", "timeline"):
            return row["category"] == "CONSULT"
        if method == "docs":
            return any(e["category"] == "CONSULT" and e["document"] == row["id"] for e in events)
        if method == "quotes":
            return any(e["category"] == "CONSULT" and (e["document"], e["sentence"]) == (row["document"], row["sentence"])
                       for e in events)
        return any(e["category"] == "CONSULT" and row["name"] in e["actors"] + e["recipients"] for e in events)
    dates = {"docs": lambda: [row["published"]], "events": lambda: [row["date"]], "timeline": lambda: [row],
             "quotes": lambda: [facts["published"][row["document"]]],
             "actors": lambda: [e["date"] for e in events if row["name"] in e["actors"] + e["recipients"]]}[method]()
    spans = [_days(d) for d in dates]
    if name == "date_from":
        return any(hi is None or hi >= "2022-12" for lo, hi in spans if lo or hi)
    return any(lo is None or lo[:4] <= "2021" for lo, hi in spans if lo or hi)


def _keys(rows: Any) -> list[str]:
    return sorted(f"{r.get('id') or r.get('cluster')}|{r.get('summary', '')}" for r in rows)


def _value(method: str, name: str) -> str:
    """The filter's value for a method: the actors' query is words of a name; the storyline (which tells dated
    days only) is asked for words of a dated event, the Olympics being named in an undated one."""
    return {("actors", "query"): NAME_WORDS, ("timeline", "query"): "video"}.get((method, name), FILTERS[name])


@pytest.mark.parametrize("method", METHODS)
def test_every_method_takes_every_filter(seeds_db: Path, method: str) -> None:
    with storyline.open(seeds_db) as story:
        fn = (lambda **kw: story.timeline(**kw, all=True)) if method == "log" else getattr(story, method)
        kind = "timeline" if method == "log" else method
        everything = fn()
        assert everything
        facts = _facts(story)
        for name in FILTERS:
            got = fn(**{name: _value(method, name)})
            assert isinstance(got, list), (method, name)
            assert got, (method, name)
            if method == "timeline":  # the storyline picks its days among what answers the filters: a subset
                assert all(_answers(kind, r, name, facts, _value(method, "query")) for r in got), (method, name)
            else:
                assert _keys(got) == _keys(r for r in everything if _answers(kind, r, name, facts, _value(method, "query"))), (method, name)
            assert len(fn(**{name: _value(method, name)}, frame=True)) == len(got)
        for name, bad in {"actor": "Nobody At All", "category": "MEET", "date_from": "2022-13-45",
                          "date_to": "not a date"}.items():
            with pytest.raises(BadValue, match=f"^{name} "):
                fn(**{name: bad})


def test_timeline_takes_a_query_string(seeds_db: Path) -> None:
    with storyline.open(seeds_db) as story:
        olympics = story.timeline(query="Olympics", all=True)
        assert olympics and all("olympics" in (e["summary"] + str(e["evidence"])).lower() for e in olympics)
        assert story.timeline(dates=1, sentences=2)
        with pytest.raises(BadValue, match="^dates '0' is not a whole number"):
            story.timeline(dates=0)
