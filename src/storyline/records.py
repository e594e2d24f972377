"""The records that flow from stage to stage: raw file, document, sentences, time expressions, mentions, events
and quotes, clusters, timeline entries.

A Document carries its layers, as spaCy's Doc does: the per-document stages each read the document (and the
layers earlier stages filled) with its parse and the settings, and return the records of one layer. Every fact
carries its provenance: the document id, the sentence index and character offsets into the clean text.

Fields marked `memory_only()` live only while a build runs (a parse, the mentions a coder saw): they are neither
stored nor printed, so `as_dict(record)` and the store's columns leave them out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, ClassVar

_MEMORY = {"stored": False}


def memory_only(default: Any = None, factory: Any = None) -> Any:
    """A field kept while a build runs, never stored nor printed."""
    if factory is not None:
        return field(default_factory=factory, metadata=_MEMORY, compare=False, repr=False)
    return field(default=default, metadata=_MEMORY, compare=False, repr=False)


def stored_fields(cls_or_record: Any) -> list[str]:
    """The names of a record's fields that are stored and printed."""
    return [f.name for f in fields(cls_or_record) if f.metadata.get("stored", True)]


def as_dict(record: Any) -> Any:
    """A record as plain data (for JSON output and the store): its stored fields, nested records included."""
    if is_dataclass(record) and not isinstance(record, type):
        if isinstance(record, TimeMeaning):
            return record.to_json()
        return {name: as_dict(getattr(record, name)) for name in stored_fields(record)}
    if isinstance(record, list | tuple):
        return [as_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: as_dict(v) for k, v in record.items()}
    return record


# --- days, intervals and date decisions ------------------------------------------------------------------------

_ISO = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_parts(s: str | None) -> tuple[int, int | None, int | None, str] | None:
    """(year, month, day, rest) of an ISO date that may be partial ('YYYY', 'YYYY-MM', 'YYYY-MM-DD...')."""
    m = _ISO.match(str(s)) if s else None
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None, str(s)[m.end():]


def day(s: str | None) -> dt.date | None:
    """The day an ISO date (or the date part of a timestamp) names; None when it names no single day."""
    parts = iso_parts(s)
    if parts is None or parts[2] is None:
        return None
    try:
        return dt.date(parts[0], parts[1] or 1, parts[2])
    except ValueError:
        return None


def iso_span(s: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an ISO date that may be partial: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    parts = iso_parts(s)
    if parts is None or parts[3].strip():
        return None
    year, month, dom, _ = parts
    try:
        if dom is not None:
            d = dt.date(year, month or 1, dom)
            return d, d
        if month is not None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def iso(d: dt.date | None) -> str | None:
    """A date as YYYY-MM-DD."""
    return d.isoformat() if d else None


@dataclass
class Interval:
    """An inclusive range of ISO dates; lo == hi for an exact day; None for an open end."""

    lo: str | None
    hi: str | None

    @classmethod
    def of(cls, lo: dt.date | None, hi: dt.date | None) -> Interval:
        """An Interval from two dates (either may be open)."""
        return cls(iso(lo), iso(hi))

    def days(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day (None where open): a partial end counts from its first or to its last day."""
        lo, hi = iso_span(self.lo), iso_span(self.hi)
        return (lo[0] if lo else None), (hi[1] if hi else None)

    def to_json(self) -> list[str | None]:
        """[lo, hi], as every output prints an interval."""
        return [self.lo, self.hi]


@dataclass
class Evidence:
    """One piece of evidence for a date: what it says and how much it is trusted."""

    kind: str  # 'pinned' | 'meta' | 'header' | 'rendered' | 'dateline' | 'weekday' | 'latest-mention' | 'cluster' | ...
    text: str  # the words it rests on
    interval: Interval
    doc: str | None = None
    sentence: int | None = None
    note: str = ""

    @classmethod
    def from_json(cls, e: dict[str, Any]) -> Evidence:
        """Evidence from its JSON object."""
        iv = e.get("interval") or {}
        return cls(kind=e["kind"], text=e["text"], interval=Interval(iv.get("lo"), iv.get("hi")), doc=e.get("doc"),
                   sentence=e.get("sentence"), note=e.get("note", ""))


@dataclass
class Dated:
    """A date we are willing to state: exact and certain, or an interval and uncertain."""

    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when nothing can be said
    certain: bool
    interval: Interval | None
    source: str  # where it came from: 'pinned', 'meta', 'header', 'dateline+weekday', 'cluster', 'unknown', ...
    evidence: list[Evidence] = field(default_factory=list)

    def days(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day the date allows (None where open or unknown)."""
        if self.interval is not None:
            return self.interval.days()
        sp = iso_span(self.date)
        return sp if sp else (None, None)

    def to_json(self) -> dict[str, Any]:
        """The JSON object every output uses for a date decision."""
        return {"date": self.date, "certain": self.certain,
                "interval": self.interval.to_json() if self.interval else None, "source": self.source,
                "evidence": [as_dict(e) for e in self.evidence]}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Dated | None:
        """A date decision from its JSON object; None when there is none."""
        if not d:
            return None
        iv = d.get("interval")
        return cls(date=d.get("date"), certain=bool(d.get("certain")),
                   interval=Interval(iv[0], iv[1]) if iv and (iv[0] or iv[1]) else None,
                   source=d.get("source") or "unknown", evidence=[Evidence.from_json(e) for e in d.get("evidence") or []])


COLLECTED = "collected"  # the evidence kind marking an upper end that rests on the run date alone
UNKNOWN: dict[str, Any] = {"date": None, "certain": False, "interval": None, "source": "unknown", "evidence": []}


def dated_json(d: Dated | None) -> dict[str, Any]:
    """A date decision as the JSON object every output uses (unknown when there is none)."""
    return d.to_json() if d is not None else dict(UNKNOWN, evidence=[])


def collected_by(d: dict[str, Any]) -> str | None:
    """The run date, when nothing but the day storyline read the document bounds a date from above (its evidence
    holds a 'collected' item); a date decision's JSON object or a timeline entry."""
    if d.get("certain"):
        return None
    for e in d.get("evidence") or []:
        if (e.get("kind") or e.get("date_evidence")) == COLLECTED:
            return str(e["text"])
    return None


def known_bounds(d: dict[str, Any]) -> tuple[str | None, str | None]:
    """The ends of a date's interval that something other than the run date supports (None where open)."""
    lo, hi = d.get("interval") or [None, None]
    if lo is None and hi is None and d.get("date"):
        lo = hi = d["date"]
    return lo, (None if collected_by(d) else hi)


def when(d: dict[str, Any]) -> str:
    """A date decision (its JSON object, or a timeline entry) in a few words: the date when certain, else the
    interval, marked uncertain; an upper end that is only the day of the build is named as such."""
    if d.get("certain") and d.get("date"):
        return str(d["date"])
    collected = collected_by(d)
    lo, hi = known_bounds(d)
    if collected:
        return f"date unknown; collected by {collected}" if lo is None else f"uncertain: {lo} or later; collected by {collected}"
    if lo is None and hi is None:
        return "date unknown"
    return f"uncertain: {lo or '?'} to {hi or '?'}"


# --- what a time expression means before its document is dated ---------------------------------------------------

@dataclass(frozen=True)
class TimeMeaning:
    """What a time expression means without its document's date: the dating stage resolves it against that date
    (timex.resolve). `clock` is a time of day given with it ('T15:00', 'TAF' for the afternoon).

    `direction` (on partial dates) is how the date is completed from the anchor: 'past' (the latest such day on
    or before it), 'future' (the first on or after it), 'prev' and 'next' (strictly before / after: 'last
    Friday'), 'near' (the closest one, when the tense does not tell)."""

    clock: str = field(default="", kw_only=True)
    kind: ClassVar[str] = ""
    KINDS: ClassVar[dict[str, type[TimeMeaning]]] = {}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if cls.kind:
            TimeMeaning.KINDS[cls.kind] = cls

    def to_json(self) -> dict[str, Any]:
        """The JSON object of a meaning: its kind and fields."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "clock" and not v:
                continue
            out[f.name] = v.to_json() if isinstance(v, TimeMeaning) else v
        return out

    @staticmethod
    def from_json(d: dict[str, Any]) -> TimeMeaning:
        """A meaning from its JSON object."""
        cls = TimeMeaning.KINDS[d["kind"]]
        args = {k: (TimeMeaning.from_json(v) if isinstance(v, dict) else v) for k, v in d.items() if k != "kind"}
        return cls(**args)  # type: ignore[arg-type]  # each kind's own fields, as to_json() wrote them

    def directions(self) -> set[str]:
        """The completion directions it uses (a counted date: those of the date it counts from)."""
        own = {d for d in (getattr(self, "direction", None), getattr(self, "side", None)) if d is not None}
        ref = getattr(self, "reference", None)
        return own | (ref.directions() if ref is not None else set())

    def redirected(self, old: str, new: str) -> TimeMeaning:
        """The same meaning completed the other way (direction old -> new), where it is completed that way."""
        if getattr(self, "direction", None) == old:
            return replace(self, direction=new)  # type: ignore[call-arg]
        ref = getattr(self, "reference", None)
        return replace(self, reference=ref.redirected(old, new)) if ref is not None else self  # type: ignore[call-arg]


@dataclass(frozen=True)
class OnDate(TimeMeaning):
    """An absolute TIMEX3 value: '2021-12-30', '2022-02', '2021', '1998-Q1', '1998-H2', '1998-SU', '1998-W07',
    '199' (a decade), '19' (a century)."""

    kind: ClassVar[str] = "date"
    value: str


@dataclass(frozen=True)
class MonthDay(TimeMeaning):
    """A month and day without a year ('December 30'); `weekday` is a weekday printed with it (ISO, Monday 1)."""

    kind: ClassVar[str] = "month-day"
    month: int
    day: int
    direction: str
    weekday: int | None = None


@dataclass(frozen=True)
class MonthOf(TimeMeaning):
    """A month without a year ('in March', 'last April')."""

    kind: ClassVar[str] = "month"
    month: int
    direction: str


@dataclass(frozen=True)
class WeekdayOf(TimeMeaning):
    """A weekday ('Friday', 'last Friday'), ISO numbered: Monday 1 .. Sunday 7."""

    kind: ClassVar[str] = "weekday"
    weekday: int
    direction: str


@dataclass(frozen=True)
class NthWeekday(TimeMeaning):
    """The nth ISO weekday of a month, without a year (Thanksgiving: the 4th Thursday of November)."""

    kind: ClassVar[str] = "nth-weekday"
    month: int
    weekday: int
    nth: int
    direction: str


@dataclass(frozen=True)
class Weekend(TimeMeaning):
    """A weekend without a date ('the weekend')."""

    kind: ClassVar[str] = "weekend"
    direction: str


@dataclass(frozen=True)
class SeasonOf(TimeMeaning):
    """A season without a year ('last fall'): SP, SU, FA or WI."""

    kind: ClassVar[str] = "season"
    season: str
    direction: str


@dataclass(frozen=True)
class QuarterOf(TimeMeaning):
    """A calendar quarter without a year ('the third quarter'), `years` years from the one the direction picks
    ("last year's third quarter": years -1)."""

    kind: ClassVar[str] = "quarter"
    quarter: int
    direction: str
    years: int = 0


@dataclass(frozen=True)
class HalfOf(TimeMeaning):
    """A half of the anchor's year ('the second half')."""

    kind: ClassVar[str] = "half"
    half: int


@dataclass(frozen=True)
class PartOfYear(TimeMeaning):
    """A month ('06') or half ('H2') of the anchor's year moved `years` years ('June last year', 'the second half
    of next year')."""

    kind: ClassVar[str] = "part-of-year"
    years: int
    part: str


@dataclass(frozen=True)
class Shift(TimeMeaning):
    """The calendar unit holding the anchor, moved k units ('today' D 0, 'yesterday' D -1, 'last week' W -1);
    unit D (day), W (ISO week), WE (weekend), M, Q, H (half year), Y, DE (decade), CE (century)."""

    kind: ClassVar[str] = "shift"
    unit: str
    k: int


@dataclass(frozen=True)
class Offset(TimeMeaning):
    """The anchor moved k units, to the day for D and W, else to the unit's own grain ('two weeks ago' -2 W)."""

    kind: ClassVar[str] = "offset"
    k: int
    unit: str


@dataclass(frozen=True)
class Counted(TimeMeaning):
    """k units from the date another expression means ('the day before' after 'on Friday'): by calendar unit
    (how 'shift') or by length (how 'offset')."""

    kind: ClassVar[str] = "counted"
    how: str
    k: int
    unit: str
    reference: TimeMeaning


@dataclass(frozen=True)
class Vague(TimeMeaning):
    """PAST_REF, PRESENT_REF or FUTURE_REF; `unit`, when given, is the grain of 'recent weeks' and bounds it."""

    kind: ClassVar[str] = "vague"
    ref: str
    unit: str | None = None


@dataclass(frozen=True)
class Stretch(TimeMeaning):
    """A duration ('P3M'); `side` 'past' or 'next' when it is the stretch just before or after the anchor."""

    kind: ClassVar[str] = "duration"
    value: str
    side: str | None = None


@dataclass(frozen=True)
class Recurrence(TimeMeaning):
    """A recurrence ('every week': P1W); it denotes no interval."""

    kind: ClassVar[str] = "set"
    value: str


# --- records of the pipeline -------------------------------------------------------------------------------------

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
class Sentence:
    """A sentence of a document; while the event coder looks at it, also its parse, mentions and time expressions."""

    doc: str
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str
    parse: Any = memory_only()  # the spaCy Span, when the sentence is handed to a coder
    mentions: list[Mention] = memory_only(factory=list)  # the actor mentions inside it
    timexes: list[TimeExpression] = memory_only(factory=list)  # the time expressions inside it


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
    meaning: TimeMeaning | None = None  # what it means before the anchor is known; timex.resolve() reads it
    rule: str = ""  # the rule that produced it, for debugging and evidence
    interval: Interval | None = None  # the days it can denote, given the document date's interval
    certain: bool = False


@dataclass
class Mention:
    """A named or nominal reference to an actor: in a document (with its index and sentence), or in a sentence a
    coder is given."""

    text: str
    start: int  # character offsets into Document.text
    end: int
    label: str  # spaCy label or ours: PERSON, ORG, GPE, NORP, LOC, FAC, ROLE; NOMINAL for a coder's unnamed stand-in
    actor: str | None = None  # canonical actor id ('RUS', 'person:vladimir-putin')
    role: str | None = None  # a title or role the text gives it here ('Foreign Minister', 'spokesman')
    country: str | None = None  # ISO alpha-3 of its affiliation, when the text or the knowledge table says
    doc: str = ""
    index: int = 0
    sentence: int = 0
    name: str | None = memory_only()  # the actor's display name ('Vladimir Putin'), when a coder needs it

    @property
    def named(self) -> bool:
        """False for a common-noun stand-in of an unnamed actor ('protesters', 'a Swiss court')."""
        return self.label != "NOMINAL"


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
    """A sentence-level PLOVER event; a coder answers with these, and the events stage gives them their ids,
    sentence and dating time expression."""

    id: str = ""
    doc: str = ""
    sentence: int = 0
    start: int = 0
    end: int = 0
    text: str = ""  # the source sentence
    category: str = ""  # PLOVER 2.0 category, e.g. 'CONSULT'
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
    background: bool = False  # a state or an earlier fact the report recalls ('has faced sanctions'), not news
    actor_mentions: list[Mention] = memory_only(factory=list)  # what the coder found, with offsets
    recipient_mentions: list[Mention] = memory_only(factory=list)
    trigger_start: int | None = memory_only()  # character offsets of the trigger's head word
    trigger_end: int | None = memory_only()


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
class Document:
    """A cleaned article, and the layers the per-document stages annotate it with."""

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
    sentences: list[Sentence] = memory_only(factory=list)
    timexes: list[TimeExpression] = memory_only(factory=list)
    mentions: list[Mention] = memory_only(factory=list)
    quotes: list[Quote] = memory_only(factory=list)
    events: list[Event] = memory_only(factory=list)
    layers: dict[str, list[Any]] = memory_only(factory=dict)  # the layers of stages added to storyline (plug-ins)

    def layer(self, name: str) -> list[Any]:
        """The records of one layer, built in ('events') or added by a plug-in stage."""
        return getattr(self, name) if name in _BUILT_IN_LAYERS else self.layers.get(name, [])

    def with_layer(self, name: str, records: list[Any]) -> Document:
        """A copy with one layer set."""
        if name in _BUILT_IN_LAYERS:
            return replace(self, **{name: records})  # type: ignore[arg-type]  # a list-of-records field
        return replace(self, layers={**self.layers, name: records})


_BUILT_IN_LAYERS = ("sentences", "timexes", "mentions", "quotes", "events")


@dataclass
class Duplicate:
    """A copy of a canonical document: exact (same normalized text) or near (MinHash LSH)."""

    id: str
    canonical: str
    kind: str  # 'exact' | 'near'
    similarity: float


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
    cluster: str | None = None  # the cluster(s) it tells, comma-separated when one entry joins several
    day: str | None = None  # the day the storyline places it on (its date when certain; else within its interval)
    agents: list[str] = field(default_factory=list)  # who acted
    recipients: list[str] = field(default_factory=list)  # on whom (actors = agents, then recipients)
    sentences: list[dict[str, Any]] = field(default_factory=list)  # the summary: document, sentence, offsets, text
    background: bool = False  # only a fact the reports recall (the full event log shows these, marked)
