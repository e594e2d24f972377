"""World knowledge as evidence for a document's date: the office-holders a text names with their titles, and the
events with known dates it mentions (tables in storyline/data/knowledge/).

- 'White House spokeswoman Jen Psaki said' was written while she held that office: the text is dated within her
  term (a few weeks' grace after it, OFFICE_GRACE_DAYS, for reports of what she said in her last days). A title
  after 'former', 'then-', 'late', 'deputy', '-elect' and the like names no current office, and a sentence that
  looks back ('In 2003, President Bush ...', 'under President Bush') keeps only the start of the term.
- A sudden event (an earthquake, an attack) is named only after it happens: a text that names it was written on or
  after its first day, unless the sentence speaks of it as a possibility or names a year before it.
- A scheduled event dates a sentence only through a stated relation: 'hours before the start of the Beijing
  Winter Olympics' is the Olympics' first day, 'on the eve of' the day before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline import lang
from storyline.actors.knowledge import affiliation

OFFICE_GRACE_DAYS = 30  # a report may come this long after the last day of the term of the office-holder it names
NAME_CHARS_BEFORE = 60  # how far before a name its title (and the words that qualify it) may start
_NOT_CURRENT = re.compile(r"(?i)(?:\b(?:former|ex|then|late|onetime|one-time|erstwhile|incoming|future|would-be|"
                          r"acting|deputy|vice|assistant|junior|shadow|opposition|candidate|nominee|presumptive|"
                          r"aspiring|past|previous|retired|fellow)\b[\s-]*(?:[\w.'’-]+\s+){0,3}$)")
_LOOKS_BACK = re.compile(r"(?i)\b(?:then|at\s+the\s+time|under|era|served|ago|once|back\s+in|legacy|tenure|"
                         r"administration\s+of|was\s+president|history|historic|years\s+earlier|"
                         r"had(?!\s+(?:to|a|an|the|no)\b))\b")  # 'had written to President Bush': an earlier time
_MAYBE = re.compile(r"(?i)\b(?:possible|potential|feared|fears?\s+(?:of|that)|risk\s+of|threat\s+of|would|could|"
                    r"might|prevent|avert|avoid|plans?\s+for|threaten\w*|warn\w*\s+of|if)\b")
_YEAR = re.compile(r"(?<![\w$£€#/.,-])(1\d\d\d|20\d\d)(?![\w%/-]|\.\d|,\d)")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
# relations between a sentence and a scheduled event: (regex ending right before the event's name, day offset,
# which day of the event it counts from)
_RELATIONS = [
    (re.compile(r"(?i)\b(?:hours|minutes|moments|shortly|just|an?\s+hour)\s+(?:before|ahead\s+of)\s+(?:the\s+)?"
                r"(?:start|opening(?:\s+ceremon(?:y|ies))?|beginning|launch|kick-?off)\s+of\s+(?:the\s+)?$"), 0, "from"),
    (re.compile(r"(?i)\bon\s+the\s+eve\s+of\s+(?:the\s+)?$"), -1, "from"),
    (re.compile(r"(?i)\b(?:hours|minutes|moments|shortly|just)\s+after\s+(?:the\s+)?(?:end|close|closing\s+"
                r"ceremon(?:y|ies))\s+of\s+(?:the\s+)?$"), 0, "to"),
    (re.compile(r"(?i)\b(?:at|during)\s+the\s+opening\s+ceremon(?:y|ies)\s+of\s+(?:the\s+)?$"), 0, "from"),
]
_CAPITALIZED_RUN = re.compile(r"(?:(?<=\s)|^)(?:[A-Z][\w.'’-]*\s+){1,3}$")  # 'U.S. ', 'United Russia ' before a title
_WEEKDAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|"
                               r"July|August|September|October|November|December")


@dataclass(frozen=True)
class Term:
    """One person's term in one office."""

    office: str
    names: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    note: str = ""


@dataclass(frozen=True)
class Office:
    """An office: the titles it is written with, and words one of which must come with the title."""

    id: str
    country: str
    titles: tuple[str, ...]
    qualifiers: tuple[str, ...]


@dataclass(frozen=True)
class KnownEvent:
    """An event with known dates."""

    names: tuple[str, ...]
    start: dt.date
    end: dt.date
    sudden: bool
    note: str = ""


@dataclass
class Hint:
    """What one piece of world knowledge says: the document's date lies in [lo, hi] ('office', 'event'), or the
    sentence at [start, end) speaks of the day lo ('event-day')."""

    kind: str  # 'office' | 'event' | 'event-day'
    text: str
    start: int
    end: int
    lo: dt.date | None
    hi: dt.date | None
    note: str


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of a knowledge table (storyline/data/knowledge), read as the language data is."""
    return list(lang.read(resources.files("storyline.data").joinpath("knowledge").joinpath(name)))


def _day(s: str) -> dt.date | None:
    """A table date, None when empty."""
    return dt.date.fromisoformat(s) if s.strip() else None


@lru_cache(maxsize=1)
def offices() -> dict[str, Office]:
    """The offices table."""
    return {r["office"]: Office(r["office"], r["country"], tuple(t for t in r["titles"].split("|") if t),
                                tuple(q for q in (r.get("qualifiers") or "").split("|") if q))
            for r in _rows("offices.tsv")}


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """The office-holders table."""
    out = []
    for r in _rows("office_holders.tsv"):
        start = _day(r["from"])
        assert start is not None, r
        out.append(Term(r["office"], tuple(n for n in r["names"].split("|") if n), start, _day(r["to"]),
                        r.get("note") or ""))
    return tuple(out)


@lru_cache(maxsize=1)
def known_events() -> tuple[KnownEvent, ...]:
    """The events table."""
    out = []
    for r in _rows("dated_events.tsv"):
        start, end = _day(r["from"]), _day(r["to"])
        assert start is not None and end is not None, r
        out.append(KnownEvent(tuple(n for n in r["names"].split("|") if n), start, end, r["kind"] == "sudden",
                              r.get("note") or ""))
    return tuple(out)


def _phrase(name: str) -> str:
    """A name as a regex: flexible white space, 'G20' as 'G-20' too, "'s" with or without a space before it."""
    rx = re.escape(name).replace(r"\ ", r"\s+")
    rx = re.sub(r"G(\d+)", r"G-?\1", rx)
    return rx.replace("'s", r"\s?['’]s").replace("’s", r"\s?['’]s")


@lru_cache(maxsize=1)
def _name_index() -> tuple[re.Pattern[str], dict[str, list[Term]]]:
    """One regex over every office-holder's names (longest first), and the terms each name may mean."""
    by_name: dict[str, list[Term]] = {}
    for t in terms():
        for n in t.names:
            by_name.setdefault(n, []).append(t)
    alt = "|".join(_phrase(n) for n in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])"), by_name


@lru_cache(maxsize=1)
def _title_index() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for a title right before a name, and for a title in apposition after one ('Psaki, the White House
    press secretary')."""
    titles = sorted({t for o in offices().values() for t in o.titles}, key=len, reverse=True)
    alt = "|".join(_phrase(t) for t in titles)
    before = re.compile(rf"(?i)(?<![\w-])(?P<title>{alt})\s+$")
    after = re.compile(rf"\s*,\s+(?:the\s+)?(?P<qual>(?:[A-Z][\w.'’-]*\s+){{0,3}})(?P<title>(?i:{alt}))(?![\w-])")
    return before, after


@lru_cache(maxsize=1)
def _event_index() -> tuple[re.Pattern[str], dict[str, list[KnownEvent]]]:
    """One regex over every event name (longest first), and the events each name may mean."""
    by_name: dict[str, list[KnownEvent]] = {}
    for e in known_events():
        for n in e.names:
            by_name.setdefault(_norm(n), []).append(e)
    names = sorted({n for e in known_events() for n in e.names}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(_phrase(n) for n in names)})(?![\w-])"), by_name


def _norm(s: str) -> str:
    """A name as a lookup key: one space, hyphens and apostrophes as written in the table."""
    s = re.sub(r"\s+", " ", s).replace("’", "'").replace(" 's", "'s")
    return re.sub(r"G-(\d+)", r"G\1", s)


def find(text: str) -> list[Hint]:
    """Every piece of world knowledge the text offers about its own date."""
    return [*_offices(text), *_events(text)]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end)."""
    before = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_BREAK.search(text, end)
    return (before[-1] if before else max(0, start - 400)), (after.start() if after else len(text))


def _offices(text: str) -> list[Hint]:
    """Office-holders named with the title of their office: the document lies in their term."""
    names, by_name = _name_index()
    before_rx, after_rx = _title_index()
    out = []
    for m in names.finditer(text):
        if _continues_name(text, m.end()):
            continue
        pre = text[max(0, m.start() - NAME_CHARS_BEFORE):m.start()]
        found = before_rx.search(pre)
        title_start = m.start() - (len(pre) - found.start()) if found else None
        context = pre[:found.start()] if found else ""
        if found is None:
            found = after_rx.match(text, m.end())
            context = (found["qual"] or "") if found else ""
            if found is None:
                continue
        elif _NOT_CURRENT.search(context):
            continue
        title = found["title"]
        held = [t for t in by_name[_norm_name(m.group(0), by_name)] if _holds(t, title, context)]
        if not held:
            continue
        start = title_start if title_start is not None else m.start()
        end = m.end() if title_start is not None else found.end()
        out.append(_office_hint(text, held, start, end))
    return out


def _norm_name(written: str, by_name: dict[str, list[Term]]) -> str:
    """The table's spelling of a name as written in the text (white space may differ)."""
    flat = " ".join(written.split())
    return flat if flat in by_name else next(n for n in by_name if " ".join(n.split()) == flat)


def _continues_name(text: str, end: int) -> bool:
    """Whether a capitalized word follows a name: a longer name ('Queen Elizabeth II Conference Centre')."""
    m = re.match(r"\s+([A-Z][a-z]+)", text[end:end + 30])
    return bool(m and not _WEEKDAY_OR_MONTH.fullmatch(m.group(1)) and not text[end:end + 2].startswith((".", ",")))


def _holds(t: Term, title: str, context: str) -> bool:
    """Whether a term's office is written with this title, with its qualifier before the title when it needs one,
    and not after the name of another country or body ('United Russia President')."""
    office = offices()[t.office]
    flat = " ".join(title.lower().replace("-", " ").split())
    if not any(" ".join(x.lower().replace("-", " ").split()) == flat for x in office.titles):
        return False
    if any(q.lower() in context.lower() for q in office.qualifiers):
        return True
    if office.qualifiers:
        return False
    words = _CAPITALIZED_RUN.search(context)
    if not words:
        return True
    who = affiliation(words.group(0).strip())
    return who is not None and office.country in (who.id, who.country)


def _office_hint(text: str, held: list[Term], start: int, end: int) -> Hint:
    """The bounds the terms of a named office-holder put on the document (their hull when the name is ambiguous)."""
    lo = min(t.start for t in held)
    ends = [t.end for t in held]
    hi = None if any(e is None for e in ends) else max(e for e in ends if e) + dt.timedelta(days=OFFICE_GRACE_DAYS)
    s, e = sentence_span(text, start, end)
    sentence = text[s:e]
    years = [int(y) for y in _YEAR.findall(sentence)]
    offices_ = sorted({t.office for t in held})
    spans = ", ".join(f"{t.start} to {t.end or 'today'}" for t in held)
    note = f"{', '.join(offices_)}: {spans}"
    if hi is not None and (_LOOKS_BACK.search(sentence) or any(y < hi.year for y in years)):
        return Hint("office", text[start:end], start, end, lo, None,
                    note + "; the sentence looks back in time: only the start of the term is used")
    grace = f" (+{OFFICE_GRACE_DAYS} days for late reports)" if hi else ""
    return Hint("office", text[start:end], start, end, lo, hi, note + grace)


def _events(text: str) -> list[Hint]:
    """Events with known dates: a sudden one bounds the document from below; a scheduled one with a stated
    relation ('hours before the start of') gives its sentence a day."""
    names, by_name = _event_index()
    out = []
    for m in names.finditer(text):
        events = by_name.get(_norm(m.group(0)), [])
        if not events:
            continue
        s, e = sentence_span(text, m.start(), m.end())
        sentence_before = text[s:m.start()]
        relation = next(((rx, k, side) for rx, k, side in _RELATIONS if rx.search(sentence_before)), None)
        if relation is not None and len(events) == 1:
            rx, k, side = relation
            rel = rx.search(sentence_before)
            assert rel is not None
            ev = events[0]
            day = (ev.start if side == "from" else ev.end) + dt.timedelta(days=k)
            start = s + rel.start()
            out.append(Hint("event-day", text[start:m.end()], start, m.end(), day, day,
                            f"{ev.note or m.group(0)}: {ev.start} to {ev.end}"))
            continue
        sudden = [ev for ev in events if ev.sudden]
        if not sudden or _MAYBE.search(sentence_before):
            continue
        first = min(ev.start for ev in sudden)
        if any(int(y) < first.year for y in _YEAR.findall(text[s:m.start()] + " " + text[m.end():e])):
            continue  # 'annexed Crimea in 1783': another event of the same name
        out.append(Hint("event", m.group(0), m.start(), m.end(), first, None,
                        f"{sudden[0].note or m.group(0)} ({first}): named only after it happened"))
    return out
