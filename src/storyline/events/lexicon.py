"""The language data of the PLOVER rule coder, read once from lang/en/plover_*.tsv and lang/en/reporting_verbs.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from storyline import lang

CATEGORIES = tuple(lang.plover("quad"))  # the PLOVER 2.0 categories, in the codebook's order


@dataclass(frozen=True)
class Trigger:
    """One lexicon line: a lemma that codes a category when its needs are met."""

    category: str
    mode: str | None
    pos: str  # 'V', 'N', 'A' or '*'
    lemma: str
    needs: frozenset[str]
    priority: int


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Trigger]]:
    """Trigger entries by lemma, the most specific (with needs, higher priority) first."""
    out: dict[str, list[Trigger]] = {}
    for row in lang.table("plover_lexicon"):
        need = frozenset() if row["needs"] == "-" else frozenset(row["needs"].split("|"))
        t = Trigger(row["category"], None if row["mode"] == "-" else row["mode"], row["pos"], row["lemma"].lower(), need,
                    int(row["priority"]) + (2 if need else 0))
        out.setdefault(t.lemma, []).append(t)
    for entries in out.values():
        entries.sort(key=lambda t: (not t.needs, -t.priority))
    return out


@lru_cache(maxsize=1)
def modes() -> list[tuple[str, str, frozenset[str]]]:
    """(category, mode, cue lemmas), in the order they are tried."""
    return [(r["category"], r["mode"], frozenset(r["cues"].split("|"))) for r in lang.table("plover_modes")]


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists by kind: light, statement, negator, hypothetical, future, commit, recipient_prep, ..."""
    return {**{r["kind"]: frozenset(r["words"].split("|")) for r in lang.table("plover_cues")},
            "statement": lang.reporting_verbs("statement")}
