"""The records that flow from stage to stage: raw file, document, sentences, time expressions,
mentions, events and quotes, clusters, timeline entries.

Every stage takes records (and settings) and returns records; storage sits at the edges.
Every fact carries its provenance: the document id and the sentence index it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def as_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict (for JSON output and the store)."""
    return asdict(record)


@dataclass
class Raw:
    """One item the user gave us, as bytes, before any cleaning."""

    id: str  # path relative to the folder given; for WARC and JSONL the record's id or URL
    path: str  # the file it came from
    data: bytes  # the raw bytes, kept byte for byte
    kind: str  # 'text' | 'html' | 'json' | 'warc' | 'feed'
    url: str | None = None
    title: str | None = None
    published: str | None = None  # a date given by the container's metadata (JSONL field, WARC header, feed)
    source: str | None = None  # the site or outlet
    text: str | None = None  # the decoded content when the readers give it: HTML markup for kind 'html', else text
    captured: str | None = None  # WARC-Date: when a crawler fetched the page (an upper bound, not publication)


@dataclass
class Reject:
    """An input we could not use, with a one-line reason; its raw bytes are kept."""

    id: str
    path: str
    reason: str
    data: bytes = b""
    stage: str = "read"  # where it failed: 'read', 'clean', 'store', or a later stage for a kept document


@dataclass
class PageDate:
    """A date printed in the page chrome or given by metadata, with what it is."""

    text: str  # as printed, e.g. 'Monday, June 20, 2022'
    date: str  # ISO date YYYY-MM-DD
    role: str  # 'published' | 'rendered' (only an upper bound) | 'updated' | 'unknown'
    where: str  # 'header' | 'widget' | 'meta' | 'html' | 'dateline' | 'footer'
    line: int | None = None  # 1-based line of the raw text, when it came from a line


@dataclass
class Document:
    """A cleaned article."""

    id: str
    path: str
    kind: str
    raw: bytes
    text: str  # the clean text: every offset below points into it
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    content_hash: str = ""  # hash of the normalized clean text
    meta_published: str | None = None  # a date from metadata (JSONL, WARC, feed, HTML via htmldate)
    page_dates: list[PageDate] = field(default_factory=list)
    dateline: str | None = None  # 'Washington, December 30' as printed, when the article opens with one


@dataclass
class Duplicate:
    """A copy of a canonical document: exact (same normalized text) or near (MinHash LSH)."""

    id: str
    canonical: str
    kind: str  # 'exact' | 'near'
    similarity: float


@dataclass
class Sentence:
    doc: str
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str


@dataclass
class Interval:
    """An inclusive range of ISO dates; lo == hi for an exact day."""

    lo: str | None
    hi: str | None


@dataclass
class Evidence:
    """One piece of evidence for a date: what it says and how much it is trusted."""

    kind: str  # 'pinned' | 'meta' | 'header' | 'rendered' | 'dateline' | 'weekday' | 'latest-mention' | 'cluster' | ...
    text: str  # the words it rests on
    interval: Interval
    doc: str | None = None
    sentence: int | None = None
    note: str = ""


@dataclass
class Dated:
    """A date we are willing to state: exact and certain, or an interval and uncertain."""

    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when nothing can be said
    certain: bool
    interval: Interval | None
    source: str  # where it came from: 'pinned', 'meta', 'header', 'dateline+weekday', 'cluster', 'unknown', ...
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class TimeExpression:
    """A TIMEX3: its extent, type and value, and how it resolves against an anchor date."""

    doc: str
    index: int
    sentence: int
    start: int
    end: int
    text: str
    type: str  # 'DATE' | 'TIME' | 'DURATION' | 'SET'
    value: str  # TIMEX3 value against the document's anchor, e.g. '2021-12-15', 'XXXX-12-30', 'PAST_REF', 'P1W'
    anchored: bool = False  # True when the value depends on the anchor (relative, weekday, partial date)
    relative: str = ""  # the anchor-free form timex.resolve() interprets, e.g. 'weekday:3:past', 'offset:-P1W'
    rule: str = ""  # the rule that produced it, for debugging and evidence
    interval: Interval | None = None  # the days it can denote, given the document date's interval
    certain: bool = False


@dataclass
class Mention:
    """A named or nominal reference to an actor inside a sentence."""

    doc: str
    index: int
    sentence: int
    start: int
    end: int
    text: str
    label: str  # spaCy label or ours: PERSON, ORG, GPE, NORP, LOC, FAC, ROLE
    actor: str | None = None  # canonical actor id
    role: str | None = None  # a title or role the text gives it here ('Foreign Minister', 'spokesman')
    country: str | None = None  # ISO alpha-3 of its affiliation, when the text or the knowledge table says


@dataclass
class Actor:
    id: str
    name: str
    type: str  # 'person' | 'country' | 'organization' | 'group' | 'place'
    country: str | None = None  # ISO 3166 alpha-3
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass
class Event:
    """A sentence-level PLOVER event."""

    id: str
    doc: str
    sentence: int
    start: int
    end: int
    text: str  # the source sentence
    category: str  # PLOVER 2.0 category, e.g. 'CONSULT'
    mode: str | None = None  # e.g. 'phone', 'visit'
    actors: list[str] = field(default_factory=list)  # canonical actor names
    recipients: list[str] = field(default_factory=list)
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    trigger: str = ""  # the words that coded it
    timex: int | None = None  # index of the time expression that dates it, in its document
    date: Dated | None = None
    cluster: str | None = None


@dataclass
class Quote:
    id: str
    doc: str
    sentence: int
    start: int  # offsets of the quoted content in Document.text
    end: int
    text: str
    speaker: str | None  # as written, or the canonical actor's name when resolved
    actor: str | None  # canonical actor id
    cue: str | None  # 'said', 'told reporters', 'according to'
    cue_start: int | None = None
    cue_end: int | None = None
    direct: bool = True
    speaker_start: int | None = None  # offsets of the speaker as written (a pronoun stays a pronoun here)
    speaker_end: int | None = None


@dataclass
class Cluster:
    """One real-world event reported by one or more event mentions (possibly in several documents)."""

    id: str
    events: list[str]
    documents: list[str]
    category: str
    actors: list[str]
    date: Dated | None = None
    summary: str = ""
    story: str | None = None


@dataclass
class TimelineEntry:
    date: str | None
    certain: bool
    interval: list[str | None] | None
    summary: str
    category: str | None
    actors: list[str]
    documents: list[str]
    evidence: list[dict[str, Any]]
    cluster: str | None = None
