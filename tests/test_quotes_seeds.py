"""The quotations of the seed corpus, as the build stores them: every gold quote found with its speaker."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from conftest import need_shared

from storyline.store import Store


def _norm(text: str | None) -> str:
    """Lower case, single spaces."""
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _speaker_ok(speaker: str | None, gold: dict, actors: dict) -> bool:
    """True when the speaker names the gold speaker (or one of its aliases, or its affiliation)."""
    said = _norm(speaker)
    if not said:
        return False
    wanted = [gold["speaker"]] + ([gold["speaker_affiliation"]] if gold.get("speaker_affiliation") else [])
    for name in wanted:
        forms = {_norm(name)} | {_norm(a) for a in actors.get(name, {}).get("aliases", [])}
        if said in forms or any(len(f) > 3 and f in said for f in forms):
            return True
    return False


def test_seed_quotes_found_with_their_speakers(seeds_db: Path):
    gold = json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))
    with Store(seeds_db, read_only=True) as store:
        quotes = store.quotes()
    missed = []
    for g in gold["quotes"]:
        hits = [q for q in quotes if os.path.basename(q.doc) == g["document"] and _norm(g["contains"]) in _norm(q.text)]
        if not any(_speaker_ok(q.speaker, g, gold["actors"]) for q in hits):
            missed.append((g["speaker"], g["contains"][:40], [q.speaker for q in hits]))
    assert not missed, missed


def test_seed_quotes_point_at_their_words(seeds_db: Path):
    with Store(seeds_db, read_only=True) as store:
        quotes = store.quotes()
        texts = {d.id: d.text for d in store.documents()}
    assert quotes
    for q in quotes:
        text = texts[q.doc]
        assert text[q.start:q.end] == q.text
        assert q.cue is None or text[q.cue_start:q.cue_end] == q.cue
        assert q.speaker_start is None or q.speaker_end > q.speaker_start
        assert q.id.startswith(q.doc)
