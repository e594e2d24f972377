"""Event dates: events are dated, not reports.

An event takes the date of its own time expression ('on Wednesday'). Without one:
- a date relative to another event of the report ('came a week after Putin and Biden met', 'three days later')
  is counted from that event's date (Evidence 'relative');
- a state or a background fact ('China has faced sanctions', 'have been at odds', 'relations have plummeted
  since 2014', 'Beijing opposes the sanctions') is not news of the report's day: it is marked `background`,
  dated only as on or before the report, and left out of the storyline;
- anything else is taken as on, or up to REPORT_LAG_DAYS before, its report (after it when stated as future).
A time expression coarser than a century or decade ('the 21st century') dates nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.dating.anchoring import NOT_A_DATE, absolute_span, resolve_between
from storyline.dating.days import bounds, stated
from storyline.records import COLLECTED, Dated, Event, Evidence, Interval, TimeExpression
from storyline.settings import DEFAULT, Settings

SKIP_RULES = {"vague", "duration", "set"}
REPORT_LAG_DAYS = 7  # a news event with no time expression is taken as on, or up to this many days before, its report
_CENTURY_OR_DECADE = re.compile(r"\d{1,3}")  # TIMEX3 values '20' (the 2000s century), '201' (the 2010s)

# --- background: the clause around an event's trigger states a state, not something that happened that day ---
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:who|which|whom|whose)\b", re.I)
_PAST = re.compile(r"\b(?:[a-z]+ed|met|held|said|told|made|took|gave|sent|began|came|went|won|lost|led|left|saw|"
                   r"spoke|wrote|fought|brought|kept|paid|struck|stood|sold|found|rose|fell|flew|drew|grew|knew|"
                   r"threw|broke|chose|drove|ran|sought|thought|felt|heard|built|meant|hit|cut|put|set|let|quit|"
                   r"shut|spread)\b")  # lowercase only: 'United' is no verb
_PARTICIPLE = (r"(?:been|\w+(?:ed|en|wn|ne|ght)|become|come|run|begun|gone|won|made|met|held|said|told|sent|seen|"
               r"shown|taken|given|brought|kept|left|lost|led|paid|put|set|spent|stood|struck|hit|cut|let|shut|"
               r"spread|grown|known|thrown|drawn|fought|sought|felt|heard|built|meant|read|won|sold|found)")
_PERFECT = re.compile(r"\b(?:has|have|had|hasn't|haven't|hadn't|'ve)\b(?:\s+(?:not|never|already|also|long|yet|"
                      r"still|always|repeatedly|previously|recently|since|\w+ly))*\s+" + _PARTICIPLE + r"\b", re.I)
_STATIVE = re.compile(r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcan\s)(?<!\bcould\s)(?<!\bmay\s)"
                      r"(?<!\bmight\s)(?<!\bmust\s)(?<!\bshould\s)(?<!\bdid\s)(?<!\bdo\s)(?<!\bdoes\s)(?<!\bnot\s)"
                      r"\b(?:is|are|'re|remains?|continues?|faces?|opposes?|supports?|believes?|considers?|wants?|"
                      r"needs?|seeks?|insists?|maintains?|holds?|views?|fears?|hopes?|refuses?|rejects?)\b", re.I)
_SINCE = re.compile(r"\bsince\b", re.I)

# --- relative dates: '<a week> after|before ...', '<three days> later|earlier' ---
_RELATIVE = re.compile(r"^\s*(after|before|later|earlier)\b", re.I)
_OFFSET = re.compile(r"^P(\d+)([DWMY])$")
_LIGHT_VERBS = {"made", "make", "held", "hold", "had", "have", "took", "take", "gave", "give", "did", "do", "began",
                "begin", "said", "say"}


def usable(t: TimeExpression) -> bool:
    """Whether a time expression can date an event (a date or time, not a duration, set, vague reference or a
    span as wide as a decade or a century)."""
    return (t.type not in NOT_A_DATE and t.rule not in SKIP_RULES
            and not _CENTURY_OR_DECADE.fullmatch(t.value or ""))


_UNTIL = re.compile(r"\b(?:until|till|til|untill|by)\s*$", re.I)  # 'closed until 6 May', 'sent by 25 January'
_UNTIL_WORD = re.compile(r"\b(?:until|till)\b", re.I)


def _an_end(e: Event, t: TimeExpression) -> bool:
    """Whether a time expression of the event's sentence names the end of something or a deadline ('closed until
    6 May', 'hid it until after he had visited on 16 April', 'to have sent by 25 January'), not the day it
    happened."""
    before = e.text[:max(0, t.start - e.start)]
    if _UNTIL.search(before):
        return True
    at = trigger_at(e) - e.start  # 'accused Mexico of hiding it until after Obama had visited on 16 April'
    return at < len(before) and bool(_UNTIL_WORD.search(before[at:]))


def event_timex(e: Event, timexes: Sequence[TimeExpression]) -> TimeExpression | None:
    """The time expression that dates an event: the one the events coder linked, else the usable one of the same
    sentence nearest to the trigger; never one that names an end ('until 6 May')."""
    if e.timex is not None:
        linked = next((t for t in timexes if t.index == e.timex), None)
        if linked is not None and usable(linked) and not _an_end(e, linked):
            return linked
    same = [t for t in timexes if t.sentence == e.sentence and usable(t) and not _an_end(e, t)]
    if not same:
        return None
    pos = trigger_at(e)
    return min(same, key=lambda t: (min(abs(t.start - pos), abs(t.end - pos)), t.start))


def trigger_at(e: Event) -> int:
    """The document offset of an event's trigger (its sentence's start when the trigger is not found)."""
    first = e.trigger.split()[0] if e.trigger else ""
    at = re.search(rf"\b{re.escape(first)}", e.text, re.I) if first else None
    return e.start + (at.start() if at else 0)


def _clauses(text: str) -> list[tuple[int, str]]:
    """The clauses of a sentence as (start offset, text), cut at punctuation and relative pronouns."""
    out, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end() if m.group(0) in ",;:()\u2013\u2014" else m.start()
    out.append((pos, text[pos:]))
    return out


def background(e: Event, own: TimeExpression | None) -> bool:
    """Whether an event is a state or a background fact rather than news: without a time expression of its own,
    the clause that tells it, up to its trigger, is in the perfect ('has faced', 'have been at odds'), states
    something ('is', 'remains', 'opposes') or says 'since'; a clause with none of these and no verb in the past
    continues the clause before it ('..., technology and China's military intimidation'). With a time
    expression of its own, only one that follows 'since' ('since 2014') makes a state."""
    if e.future or e.hypothetical:
        return False
    if own is not None:  # 'have plummeted since the Cold War in 2014': a state that began then
        before = e.text[:max(0, own.start - e.start)]
        return bool(_SINCE.search(_clauses(before)[-1][1]))
    at = trigger_at(e) - e.start
    first = e.trigger.split()[0] if e.trigger else ""
    state = False
    for start, clause in _clauses(e.text):
        if start > at:
            break
        told = clause[:at - start + len(first)] if start <= at < start + len(clause) else clause
        if _PERFECT.search(told) or _STATIVE.search(told) or _SINCE.search(told):
            state = True
        elif _PAST.search(told):
            state = False
    return state


def date_events(events: Sequence[Event], timexes: Sequence[TimeExpression], published: Dated,
                settings: Settings = DEFAULT) -> list[Event]:
    """The events of one document with their dates: from their own time expression, else from another event of
    the report they are dated against, else the document's date (uncertain); states and background facts marked."""
    out = [replace(e, date=date_event(e, timexes, published), background=False) for e in events]
    for e in out:
        own = event_timex(e, timexes)
        relative = relative_date(e, out, timexes)
        if relative is not None and (own is None or _within(relative, own)):
            e.date = relative  # 'a week after the call' says more than the 'in 2021' around it
            continue
        e.background = background(e, own)
        if e.background and own is None:
            e.date = _background_date(e, published)
    return out


def date_event(e: Event, timexes: Sequence[TimeExpression], published: Dated) -> Dated:
    """One event's date, with the evidence naming its document, sentence and time expression."""
    t = event_timex(e, timexes)
    if t is not None:
        iv, certain = t.interval, t.certain
        lo, hi = bounds(published.interval) if published else (None, None)
        latest = hi
        happened = not (e.future or e.hypothetical or e.negated)
        if iv is None or (happened and hi and t.meaning is not None and "past" in t.meaning.directions() and iv.hi and iv.hi > hi.isoformat()):
            # re-resolved for this event: a past event cannot fall after the report's latest possible day
            _, iv, certain = resolve_between(t, lo, hi, not_after=hi if happened else None)
        if iv is not None:
            lo, hi = bounds(iv)
            # an event happens on a day: a month or a year names the span it lies in, not its date
            certain = certain and lo is not None and lo == hi and not _contradicted(t, lo, timexes)
            if happened and latest and lo and lo > latest and absolute_span(t) is None:
                certain = False  # told as done, yet after its report: the sentence and its date disagree
            how = "certain" if published and published.certain else "uncertain: the union over its interval"
            note = (f"{t.rule or t.type} '{t.value}' resolved against the document date "
                    f"({published.source if published else 'unknown'}, {how})")
            ev = Evidence("timex", t.text, iv, e.doc, t.sentence, note)
            own = absolute_span(t) is not None  # an absolute date bounds itself; any other leans on the document's
            return Dated(stated(lo, hi, certain), certain, iv, "timex",
                         [ev, *_doc_evidence(published), *([] if own else _collected(published))])
    return _from_document(e, published)


def _contradicted(t: TimeExpression, day: dt.date | None, timexes: Sequence[TimeExpression]) -> bool:
    """Whether a date the report's own date resolved is denied by an absolute date of the same sentence that
    cannot hold it ('Friday 5 March In 1967 , a chance meeting': the meeting is no certain 5 March of the
    report's year)."""
    if day is None or absolute_span(t) is not None:
        return False
    for o in timexes:
        span = absolute_span(o) if o is not t and o.sentence == t.sentence else None
        if span is not None and not span[0] <= day <= span[1]:
            return True
    return False


def _one_day(d: Dated | None) -> dt.date | None:
    """The day of a date that allows one day only (certain or not)."""
    if d is None or d.interval is None:
        return None
    lo, hi = bounds(d.interval)
    return lo if lo is not None and lo == hi else None


def _offset(t: TimeExpression) -> tuple[int, str] | None:
    """A duration's length and unit ('P1W' -> (1, 'W')), when it is a plain count."""
    m = _OFFSET.match(t.value or "")
    return (int(m[1]), m[2]) if m else None


def _shift(d: dt.date, n: int, unit: str) -> tuple[dt.date, dt.date]:
    """The days n units after d (n may be negative): one day for days and weeks; a span for months and years,
    whose lengths vary."""
    if unit in ("D", "W"):
        got = d + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return got, got
    days = round(n * (30.44 if unit == "M" else 365.25))
    slack = 7 if unit == "M" else 31
    mid = d + dt.timedelta(days=days)
    return mid - dt.timedelta(days=slack), mid + dt.timedelta(days=slack)


def _refers_to(words: str, e: Event) -> bool:
    """Whether a phrase names event e by its trigger ('the video call' -> the event triggered by 'call')."""
    heads = [w for w in re.findall(r"[a-z]+", e.trigger.lower()) if w not in _LIGHT_VERBS and len(w) > 2]
    return any(re.search(rf"\b{h}", words.lower()) for h in heads)


def relative_date(e: Event, events: Sequence[Event], timexes: Sequence[TimeExpression]) -> Dated | None:
    """An event's date counted from another event of the same report: '<the call> came a week after <e>',
    '<e> a week before <the call>', '<e> three days later' (after the event just told)."""
    for t in timexes:
        if t.sentence != e.sentence or t.type != "DURATION" or _offset(t) is None:
            continue
        m = _RELATIVE.match(e.text[t.end - e.start:]) if e.start <= t.end <= e.end else None
        if not m:
            continue
        n, unit = _offset(t) or (0, "D")
        word, here = m[1].lower(), trigger_at(e)
        others = [o for o in events if o is not e and _one_day(o.date) is not None and o.doc == e.doc
                  and not o.background and o.sentence <= e.sentence]
        if word in ("later", "earlier"):
            ref = max((o for o in others if o.sentence < e.sentence or o.start < t.start), default=None,
                      key=lambda o: (o.sentence, o.start))
            sign = 1 if word == "later" else -1
        elif here > t.end:  # e is told after 'after'/'before': the phrase before names the reference
            ref = next((o for o in sorted(others, key=lambda o: (o.sentence, o.start))
                        if _refers_to(e.text[:t.start - e.start], o)), None)
            sign = -1 if word == "after" else 1
        else:  # e is the main clause: the phrase after 'after'/'before' names the reference
            ref = next((o for o in sorted(others, key=lambda o: (o.sentence, o.start))
                        if _refers_to(e.text[t.end - e.start:], o)), None)
            sign = 1 if word == "after" else -1
        when = _one_day(ref.date) if ref is not None else None
        if ref is None or when is None or ref.date is None:
            continue
        lo, hi = _shift(when, sign * n, unit)
        certain = ref.date.certain and lo == hi
        how = f"'{t.text} {word}' the event of sentence {ref.sentence} ({ref.trigger}, {when.isoformat()})"
        ev = Evidence("relative", f"{t.text} {word}", Interval.of(lo, hi), e.doc, e.sentence, how)
        return Dated(stated(lo, hi, certain), certain, Interval.of(lo, hi), "relative",
                     [ev, *(ref.date.evidence[:1]), *_collected(ref.date)])
    return None


def _within(d: Dated, t: TimeExpression) -> bool:
    """Whether a date lies inside the span of a wider time expression."""
    lo, hi = bounds(d.interval)
    tlo, thi = bounds(t.interval)
    return (lo is not None and hi is not None and tlo is not None and thi is not None and tlo <= lo and hi <= thi
            and (lo, hi) != (tlo, thi))


def _background_date(e: Event, published: Dated | None) -> Dated:
    """A state or background fact: on or before its report, no more."""
    _, hi = bounds(published.interval) if published else (None, None)
    note = "background (a state or an earlier fact, no time expression of its own): on or before the report"
    iv = Interval.of(None, hi)
    ev = Evidence("background", e.text[:120], iv, e.doc, e.sentence, note)
    return Dated(stated(None, hi, False), False, iv if hi else None, "background",
                 [ev, *_doc_evidence(published), *_collected(published)])


def _from_document(e: Event, published: Dated | None) -> Dated:
    """An event with no time expression: on or shortly before its report (after it, when stated as future)."""
    lo, hi = bounds(published.interval) if published else (None, None)
    if e.future:
        lo, hi, note = lo, None, "future event, no time expression: on or after the document date"
    else:
        lo = lo - dt.timedelta(days=REPORT_LAG_DAYS) if lo else None
        note = f"no time expression: on or up to {REPORT_LAG_DAYS} days before the document date (news default)"
    iv = Interval.of(lo, hi)
    ev = Evidence("document", e.text[:120], iv, e.doc, e.sentence, note)
    return Dated(stated(lo, hi, False), False, iv if (lo or hi) else None, "document",
                 [ev, *_doc_evidence(published), *([] if e.future else _collected(published))])


def _collected(d: Dated | None) -> list[Evidence]:
    """The 'collected' evidence of a date whose upper end rests on the run date alone (see records.collected_by):
    a date counted from it rests on nothing more."""
    return [e for e in d.evidence if e.kind == COLLECTED] if d is not None and not d.certain else []


def _doc_evidence(published: Dated | None) -> list[Evidence]:
    """The document date's decision, summarized as one piece of evidence."""
    if published is None:
        return []
    return [Evidence("published", published.date or "", published.interval or Interval.of(None, None),
                     (published.evidence[0].doc if published.evidence else None), None,
                     f"document date: {published.source}, {'certain' if published.certain else 'uncertain'}")]
