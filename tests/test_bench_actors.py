"""`storyline bench actors`: the checks on an actors list, and a build of a tiny Timeline17-layout folder."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline_bench.actors import actor_checks, chrome_name, mixed_aliases, quote_checks


def actor(name: str, kind: str, mentions: int = 1) -> dict:
    return {"name": name, "type": kind, "mentions": mentions, "aliases": [name]}


def test_chrome_split_people_and_type_conflicts_are_found() -> None:
    assert chrome_name("Reply Gaddafi", "person") and chrome_name("CNN Gadhafi", "person")
    assert chrome_name("Example.com Haiti", "person") and not chrome_name("Bing.com", "organization")
    assert not chrome_name("BBC World Service", "organization") and not chrome_name("Bashar al-Assad", "person")
    checks = actor_checks([actor("Bashar al-Assad", "person", 40), actor("Assad", "organization", 12),
                           actor("President Assad", "person", 3), actor("William Hague", "person", 9),
                           actor("Russia", "organization", 5), actor("Reply Gaddafi", "person", 2)])
    assert checks["split_people"] == 1 and checks["split_mentions"] == 15  # Hague stands alone: no split
    assert checks["type_conflicts"] == 1 and checks["chrome_actors"] == 1


def test_aliases_naming_someone_else_are_mixed_people() -> None:
    laden = {"name": "Osama bin Laden", "type": "person", "mentions": 50,
             "aliases": ["Bin Laden", "Sheik Osama bin Laden", "Walden", "the Saudi-born militant"]}
    assert mixed_aliases(laden) == ["Walden"]
    gaddafi = {"name": "Muammar Gaddafi", "type": "person", "mentions": 9,
               "aliases": ["Gadhafi", "Colonel Qaddafi", "Mr Gaddafi", "Moammar Gadhafi"]}
    assert mixed_aliases(gaddafi) == []
    assert actor_checks([laden, gaddafi])["mixed_people"] == 1


def test_pronoun_speakers_are_counted_apart_from_unknown_ones() -> None:
    quotes = [{"speaker": "it", "text": "a"}, {"speaker": None, "text": "b"}, {"speaker": "Kofi Annan", "text": "c"},
              {"speaker": "They", "text": "d"}]
    q = quote_checks(quotes)
    assert q["pronoun_speakers"] == 0.5 and q["unknown_speakers"] == 0.25


def test_bench_actors_builds_a_topic_and_prints_one_json_object(tmp_path: Path) -> None:
    from storyline.cli import app

    day = tmp_path / "data" / "Summit_wire" / "InputDocs" / "2011-03-02"
    day.mkdir(parents=True)
    (day / "1.txt").write_text("Foreign Secretary William Hague met the Libyan envoy in London on Tuesday . "
                               "Mr Hague said the talks were useful . `` We will keep pressing , '' he said .\n")
    (day / "2.txt").write_text("Hague told reporters the sanctions would stay . The ministry said it would "
                               "publish the list .\n")
    out = CliRunner().invoke(app, ["bench", "actors", "--data", str(tmp_path / "data"), "--cache",
                                   str(tmp_path / "cache"), "--tune", "summit", "--format", "json"])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["topics"] == 1 and figures["tuned"]["topics"] == 1 and figures["held_out"] == {}
    assert figures["quotes"] >= 1 and figures["pronoun_speakers"] == 0.0
    assert figures["split_people"] == 0 and figures["chrome_actors"] == 0
    assert "reference_unlinked" in figures
