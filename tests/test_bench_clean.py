"""bench clean: pages flattened to their visible text, cleaned as .txt files, scored beside every line and
trafilatura; the flattening itself; the fixed split by site."""

from __future__ import annotations

import json
from pathlib import Path

from test_bench_extract import zyte_pages
from typer.testing import CliRunner

from storyline.cli import app
from storyline_bench.clean import held_out, site
from storyline_bench.cleantrain import labels
from storyline_bench.flatten import visible_text


def test_visible_text_keeps_what_a_browser_shows() -> None:
    page = """<html><head><title>Tab title</title><style>p{color:red}</style><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/w">World</a></nav><div hidden>secret</div>
<h1>Port opens</h1><p>First <b>bold</b> paragraph.</p><p style="display: none">hidden text</p>
<ul><li>One</li><li>Two</li></ul><table><tr><td>a</td><td>b</td></tr></table>
<noscript>enable scripts</noscript><footer>Contact us<br>Privacy</footer></body></html>"""
    text = visible_text(page)
    assert text.split("\n\n")[1] == "Port opens"
    assert "Home World" in text and "First bold paragraph." in text and "One\nTwo" in text
    assert "Contact us\nPrivacy" in text and "a b" in text.replace("\t", " ")
    for hidden in ("Tab title", "color:red", "var x", "secret", "hidden text", "enable scripts"):
        assert hidden not in text


def test_split_is_by_site_and_fixed() -> None:
    assert site("https://www.example.com/a/b", "x") == "example.com" and site(None, "page1") == "page1"
    assert held_out("https://www.example.com/1", "a") == held_out("https://example.com/2", "b")
    shares = [held_out(f"https://site{i}.org/", str(i)) for i in range(400)]
    assert 0.4 < sum(shares) / len(shares) < 0.6


def test_labels_follow_the_article_body() -> None:
    body = "The council met on Monday and agreed a new budget for the harbour.\n\nSubhead here\n\nMore text follows now."
    lines = ["Home", "Subhead here", "The council met on Monday and agreed a new budget for the harbour.",
             "Subhead here", "More text follows now.", "Subhead here", "Share this story with your friends"]
    assert list(labels(lines, body)) == [0, 0, 1, 1, 1, 0, 0]  # short lines count only inside the body


def test_bench_clean_on_four_pages(tmp_path: Path) -> None:
    zyte_pages(tmp_path, 4)
    result = CliRunner().invoke(app, ["bench", "clean", "--data", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["pages"] == 4
    parts = [figures[p] for p in ("held-out", "tuning") if p in figures]
    assert sum(p["pages"] for p in parts) == 4 == figures["all"]["pages"]
    for part in parts:
        for scores in (part, part["every_line"], part["trafilatura"]):
            assert all(0.0 <= scores[k] <= 1.0 for k in ("precision", "recall", "f1"))
        assert part["precision"] > part["every_line"]["precision"]  # the cleaner removes chrome
