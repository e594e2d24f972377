"""The figures stage: the amounts a report gives ('45 percent', '$2 billion', '3,000 tonnes'), each with its
sentence and offsets, from the entities spaCy's parse already holds. Stored in the `figures` table
(migration 0008); the worked example of docs/extending.md."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from storyline.records import Document
from storyline.settings import Settings
from storyline.stages import stage

KINDS = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity"}  # spaCy's labels -> ours


@dataclass
class Figure:
    """An amount a report gives: money, a percentage or a measured quantity."""

    doc: str
    index: int
    sentence: int
    start: int  # character offsets into Document.text
    end: int
    text: str
    kind: str  # 'money', 'percent' or 'quantity'


@stage("figures", record=Figure)
def find(doc: Document, parse: Any, settings: Settings) -> list[Figure]:
    """The figures of a parsed document, in text order."""
    starts = [s.start for s in doc.sentences]
    out: list[Figure] = []
    for ent in parse.ents:
        kind = KINDS.get(ent.label_)
        if kind is None or not doc.sentences:
            continue
        start, end = ent.start_char, ent.end_char
        out.append(Figure(doc=doc.id, index=len(out), sentence=max(bisect_right(starts, start) - 1, 0),
                          start=start, end=end, text=doc.text[start:end], kind=kind))
    return out
