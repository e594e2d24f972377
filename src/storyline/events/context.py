"""What a coder sees (one sentence with its actor mentions) and what it answers (coded events)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from storyline.records import TimeExpression


@dataclass
class Party:
    """An actor mention inside a sentence: as written, its canonical name and code, and where it is."""

    text: str
    name: str  # canonical display name, e.g. 'Vladimir Putin', 'Russia'
    code: str | None = None  # canonical actor id, e.g. 'RUS', 'person:vladimir-putin'
    start: int | None = None  # character offsets into the document's clean text
    end: int | None = None
    label: str = ""  # PERSON, ORG, GPE, NORP, ...
    named: bool = True  # False for a common-noun stand-in ('protesters', 'a Swiss court'), used by benchmarks


@dataclass
class SentenceContext:
    """One sentence handed to a coder: its text and offsets, parse, actor mentions and time expressions."""

    doc: str
    index: int
    start: int
    end: int
    text: str
    span: Span | None = None  # the parsed sentence (the rule coder needs it; others may ignore it)
    parties: list[Party] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)


@dataclass
class Coded:
    """One event a coder found in a sentence, before it becomes a records.Event."""

    category: str
    mode: str | None = None
    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    trigger: str = ""
    trigger_start: int | None = None  # character offsets of the trigger head in the document
    trigger_end: int | None = None
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    depth: int = 0  # how far the trigger sits below the sentence root (0 = the main verb)
    priority: int = 0
    confidence: float = 1.0
