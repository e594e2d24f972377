"""Progress on standard error: a line per stage now and then (count, rate, time left) when it is not a terminal,
a closing line per stage, nothing when quiet. (A real build redirected to a file: tests/test_validate.py.)"""

from __future__ import annotations

import io
import re

from storyline.progress import Reporter, duration


def test_lines_with_count_rate_and_time_left() -> None:
    out = io.StringIO()
    with Reporter(stream=out, every=0.0, terminal=False) as progress:
        progress("ingest", 0, None)
        progress("ingest", 7, None)
        progress("analyse", 0, 4)
        progress("analyse", 1, 4)
        progress("analyse", 4, 4)
        progress("date", 1, 3)
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"ingest: 7, [\d.,]+/s", lines[1]), lines
    assert re.fullmatch(r"ingest: 7 in \d+s \([\d.,]+/s\)", lines[2]), lines  # closed when the next stage starts
    assert re.fullmatch(r"analyse: 1/4 \(25%\), [\d.,]+/s, about \d+s left", lines[4]), lines
    assert re.fullmatch(r"analyse: 4/4 in \d+s \([\d.,]+/s\)", lines[5]), lines
    assert re.fullmatch(r"date: 1/3 \(33%\), [\d.,]+/s, about \d+s left", lines[-2]), lines
    assert re.fullmatch(r"date: 1/3 \(33%\) in \d+s \([\d.,]+/s\)", lines[-1]), lines  # closed with the reporter


def test_a_line_every_few_seconds_not_every_item() -> None:
    out = io.StringIO()
    with Reporter(stream=out, every=3600.0, terminal=False) as progress:
        for n in range(1, 1001):
            progress("analyse", n, 1000)
    assert out.getvalue().splitlines() == [out.getvalue().splitlines()[0]]
    assert out.getvalue().startswith("analyse: 1,000/1,000 in ")


def test_quiet_says_nothing() -> None:
    out = io.StringIO()
    with Reporter(quiet=True, stream=out, every=0.0, terminal=False) as progress:
        for n in range(5):
            progress("ingest", n, None)
        assert list(progress.track([1, 2, 3], "items")) == [1, 2, 3]
    assert out.getvalue() == ""


def test_durations_read_easily() -> None:
    assert [duration(s) for s in (4.4, 65, 3725)] == ["4s", "1m 05s", "1h 02m"]
