"""The language data of the PLOVER rule coder, read once from src/storyline/data/plover_*.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Trigger:
    """One lexicon line: a lemma that codes a category when its needs are met."""

    category: str
    mode: str | None
    pos: str  # 'V', 'N', 'A' or '*'
    lemma: str
    needs: frozenset[str]
    priority: int


def _rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Trigger]]:
    """Trigger entries by lemma, the most specific (with needs, higher priority) first."""
    out: dict[str, list[Trigger]] = {}
    for cat, mode, pos, lemma, needs, prio in _rows("plover_lexicon.tsv"):
        need = frozenset() if needs == "-" else frozenset(needs.split("|"))
        t = Trigger(cat, None if mode == "-" else mode, pos, lemma.lower(), need, int(prio) + (2 if need else 0))
        out.setdefault(t.lemma, []).append(t)
    for entries in out.values():
        entries.sort(key=lambda t: (not t.needs, -t.priority))
    return out


@lru_cache(maxsize=1)
def modes() -> list[tuple[str, str, frozenset[str]]]:
    """(category, mode, cue lemmas), in the order they are tried."""
    return [(c, m, frozenset(cues.split("|"))) for c, m, cues in _rows("plover_modes.tsv")]


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists by kind: light, statement, negator, hypothetical, future, commit, recipient_prep, ..."""
    return {kind: frozenset(words.split("|")) for kind, words in _rows("plover_cues.tsv")}
