"""One config: defaults, then storyline.toml (or --config FILE), then --set KEY=VALUE; the stages it lists run in its
order, and the event coder it names codes the build, chosen from `storyline build`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fake_llm

from storyline import nlp
from storyline.config import ConfigError, dump, load
from storyline.records import Document
from storyline.settings import DEFAULT
from storyline.stages import STAGES, annotate, stage

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Russian President Vladimir Putin and Chinese leader Xi Jinping held a video call on Wednesday.\n"


def test_file_then_set_override_the_defaults(tmp_path: Path) -> None:
    cfg = tmp_path / "mine.toml"
    cfg.write_text('event_coder = "openai"\n[nlp]\nbatch_size = 8\n[ingest]\nmax_bytes = 1000\n'
                   '[cluster]\ntwo_actors = 0.5\n', encoding="utf-8")
    s = load(cfg, ["nlp.batch_size=16", "stages=['sentences', 'timex']", "event_llm_model=local"])
    assert (s.event_coder, s.nlp_batch_size, s.max_bytes) == ("openai", 16, 1000)
    assert s.stages == ("sentences", "timex") and s.event_llm_model == "local"
    assert s.extra["cluster"] == {"two_actors": 0.5}
    assert load(None, []) == DEFAULT or Path("storyline.toml").exists()


def test_dump_reads_back_as_the_same_settings(tmp_path: Path) -> None:
    s = load(None, ["nlp_batch_size=7", "minhash_threshold=0.8", "embeddings=false"])
    (tmp_path / "all.toml").write_text(dump(s), encoding="utf-8")
    assert load(tmp_path / "all.toml") == s


@pytest.mark.parametrize("bad", ["nonesuch=1", "nlp_batch_size=many", "embeddings=1", "stages", "=3"])
def test_a_bad_setting_says_which(bad: str) -> None:
    with pytest.raises(ConfigError):
        load(None, [bad])


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no config file"):
        load(tmp_path / "none.toml")


def test_stages_run_in_the_configured_order_and_a_registered_stage_fills_its_layer() -> None:
    @stage("test-shout", layer="shouts")
    def shout(doc: Document, parse: object, settings: object) -> list[str]:
        return [s.text.upper() for s in doc.sentences]  # reads the layer of the stage before it

    try:
        doc = Document(id="d", path="d", kind="text", raw=b"", text=TEXT)
        out, fails = annotate(doc, nlp.load()(TEXT), DEFAULT.with_(stages=("sentences", "test-shout")))
        assert not fails and out.layer("shouts") == [TEXT.upper()]
        assert not out.mentions and not out.events  # stages that are not configured do not run
        first, fails = annotate(doc, nlp.load()(TEXT), DEFAULT.with_(stages=("test-shout", "sentences")))
        assert not fails and first.layer("shouts") == [] and first.sentences  # shout ran before the sentences
    finally:
        STAGES.pop("test-shout", None)


def _storyline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = ROOT / ".venv" / "bin" / "storyline"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "storyline.cli"]
    return subprocess.run([*cmd, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "STORYLINE_LLM_API_KEY": ""})


def test_build_codes_events_with_the_coder_the_settings_name(tmp_path: Path) -> None:
    """`storyline build --set event_coder=openai ...` runs events/llm.py's coder against the endpoint given."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    answer = {"events": [{"category": "AGREE", "actors": ["Vladimir Putin"], "recipients": ["Xi Jinping"],
                          "trigger": "held"}]}
    with fake_llm(answer) as base_url:
        (tmp_path / "storyline.toml").write_text(f'event_coder = "openai"\n[event_llm]\nmodel = "fake"\n'
                                                 f'base_url = "{base_url}"\n')
        built = _storyline("build", "in", "--db", "s.duckdb", cwd=tmp_path)
        assert built.returncode == 0, built.stderr
        events = json.loads(_storyline("events", "--db", "s.duckdb", "--format", "json", cwd=tmp_path).stdout)
        assert [(e["category"], e["actors"], e["recipients"]) for e in events] == [
            ("AGREE", ["Vladimir Putin"], ["Xi Jinping"])]  # the rule coder codes this call as CONSULT
        again = _storyline("build", "in", "--db", "t.duckdb", "--set", "event_coder=rules", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        rules = json.loads(_storyline("events", "--db", "t.duckdb", "--format", "json", cwd=tmp_path).stdout)
        assert [e["category"] for e in rules] == ["CONSULT"]


def test_build_refuses_an_unknown_stage_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = _storyline("build", "a.txt", "--db", "s.duckdb", "--set", "stages=['sentences','nonesuch']", cwd=tmp_path)
    assert out.returncode == 2 and "unknown stage 'nonesuch'" in out.stderr and not (tmp_path / "s.duckdb").exists()
