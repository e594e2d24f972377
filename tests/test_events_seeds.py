"""Events on the sample corpus, the events benchmark on its data layouts, the LLM coder against a local fake
server, and the PLOVER export of a built store."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import fake_llm, need_shared

from storyline import nlp
from storyline.events.llm import OpenAICoder
from storyline.events.parties import from_entities
from storyline.records import Sentence


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def _matches(out_names: list[str], gold_names: list[str], aliases: dict) -> int:
    """How many gold actors an event names (by the gold's aliases, as the seeds scorer counts them)."""
    outs = [_norm(n) for n in out_names]
    found = 0
    for g in gold_names:
        forms = {_norm(g)} | {_norm(a) for a in aliases.get(g, {}).get("aliases", [])}
        found += any(o in forms or any(len(f) > 3 and f in o for f in forms) for o in outs)
    return found


def test_core_events_of_the_seeds_are_coded_with_their_actors(seeds_db: Path) -> None:
    from storyline.api import Storyline

    gold = json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))
    with Storyline(seeds_db) as s:
        events = s.events()
    missing = []
    for g in (e for e in gold["timeline"] if e["core"]):
        need = min(2, len(g["actors"]))
        hits = [e for e in events if Path(e["document"]).name in g["documents"] and e["category"] == g["category"]
                and _matches(e["actors"] + e["recipients"], g["actors"], gold["actors"]) >= need]
        if not hits:
            missing.append(g["id"])
    assert not missing, f"core events not coded with their actors: {missing}"
    for e in events:  # provenance: the sentence text sits at the event's offsets
        assert e["start"] < e["end"] and e["text"]


def test_plover_export_of_a_store(seeds_db: Path, tmp_path: Path) -> None:
    from storyline.api import Storyline
    from storyline.export import export

    with Storyline(seeds_db) as s:
        files = export("plover", s, tmp_path / "out")
        n_events = len(s.events())
    lines = files[0].read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_events > 0
    recs = [json.loads(line) for line in lines]
    assert all(r["event_type"] and r["source"]["document"] and isinstance(r["actor"], list) for r in recs)


def test_bench_events_on_the_plover_gold_reports_its_keys() -> None:
    from storyline_bench.events import run_plover

    figures, rows = run_plover(need_shared("bench", "events", "PLOVER_GSR_CAMEO.json"))
    for key in ("category_macro_f1", "accuracy", "actor_match", "recipient_match", "reference_majority"):
        assert key in figures
    assert figures["sentences"] > 300 and 0 <= figures["category_macro_f1"] <= 1
    assert figures["category_macro_f1"] > figures["reference_majority"]["category_macro_f1"]
    assert rows and {"category", "f1"} <= set(rows[0])


def test_bench_events_on_conll_spans(tmp_path: Path) -> None:
    from storyline_bench.events import layout, run_conll

    conll = tmp_path / "mini.txt"
    sents = [("Iraqi troops attacked the rebels near Mosul .", "B-S I-S O B-T I-T O O O"),
             ("France condemned Iran on Monday .", "B-S O B-T O O O")]
    conll.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in zip(s.split(), tags.split(), strict=True))
                                 for s, tags in sents) + "\n", encoding="utf-8")
    assert layout(conll) == "conll"
    figures, _ = run_conll(conll)
    assert figures["sentences"] == 2
    assert figures["actor_f1"] == 1.0
    assert figures["recipient_f1"] == 1.0
    assert "reference_root_subject_object" in figures


def _user_last(body: dict) -> None:
    assert body["messages"][-1]["role"] == "user"


def test_openai_compatible_coder_against_a_local_fake_server() -> None:
    answer = {"events": [{"category": "CONSULT", "mode": "phone", "actors": ["Xi Jinping"],
                          "recipients": ["Vladimir Putin"], "trigger": "video call"}]}
    with fake_llm(answer, _user_last) as base_url:
        text = "Xi Jinping held a video call with Vladimir Putin."
        sdoc = nlp.load()(text)
        ctx = Sentence(doc="d", index=0, start=0, end=len(text), text=text, mentions=from_entities(sdoc))
        out = OpenAICoder(base_url=base_url, model="fake", timeout=10).code(ctx)
    assert len(out) == 1 and out[0].category == "CONSULT" and out[0].mode == "phone"
    assert [p.name for p in out[0].actor_mentions] == ["Xi Jinping"] and out[0].actor_mentions[0].start == 0
