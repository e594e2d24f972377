"""Event dates: from the event's own time expression, else from its document's date as an interval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from storyline.dating.anchoring import NOT_A_DATE, resolve_between
from storyline.dating.days import bounds, stated
from storyline.records import Dated, Event, Evidence, Interval, TimeExpression
from storyline.settings import DEFAULT, Settings

SKIP_RULES = {"vague", "duration", "set"}
REPORT_LAG_DAYS = 7  # a news event with no time expression is taken as on, or up to this many days before, its report


def usable(t: TimeExpression) -> bool:
    """Whether a time expression can date an event (a date or time, not a duration, set or vague reference)."""
    return t.type not in NOT_A_DATE and t.rule not in SKIP_RULES


def event_timex(e: Event, timexes: Sequence[TimeExpression]) -> TimeExpression | None:
    """The time expression that dates an event: the one the events coder linked, else the usable one of the same
    sentence nearest to the trigger."""
    if e.timex is not None:
        linked = next((t for t in timexes if t.index == e.timex), None)
        if linked is not None and usable(linked):
            return linked
    same = [t for t in timexes if t.sentence == e.sentence and usable(t)]
    if not same:
        return None
    at = e.text.find(e.trigger) if e.trigger else -1
    pos = e.start + at if at >= 0 else e.start
    return min(same, key=lambda t: (min(abs(t.start - pos), abs(t.end - pos)), t.start))


def date_events(events: Sequence[Event], timexes: Sequence[TimeExpression], published: Dated,
                settings: Settings = DEFAULT) -> list[Event]:
    """The events with their dates: from their own time expression, else the document's date (uncertain)."""
    return [replace(e, date=date_event(e, timexes, published)) for e in events]


def date_event(e: Event, timexes: Sequence[TimeExpression], published: Dated) -> Dated:
    """One event's date, with the evidence naming its document, sentence and time expression."""
    t = event_timex(e, timexes)
    if t is not None:
        iv, certain = t.interval, t.certain
        lo, hi = bounds(published.interval) if published else (None, None)
        happened = not (e.future or e.hypothetical or e.negated)
        if iv is None or (happened and hi and t.meaning is not None and "past" in t.meaning.directions() and iv.hi and iv.hi > hi.isoformat()):
            # re-resolved for this event: a past event cannot fall after the report's latest possible day
            _, iv, certain = resolve_between(t, lo, hi, not_after=hi if happened else None)
        if iv is not None:
            lo, hi = bounds(iv)
            # an event happens on a day: a month or a year names the span it lies in, not its date
            certain = certain and lo is not None and lo == hi
            how = "certain" if published and published.certain else "uncertain: the union over its interval"
            note = (f"{t.rule or t.type} '{t.value}' resolved against the document date "
                    f"({published.source if published else 'unknown'}, {how})")
            ev = Evidence("timex", t.text, iv, e.doc, t.sentence, note)
            return Dated(stated(lo, hi, certain), certain, iv, "timex",
                         [ev, *_doc_evidence(published)])
    return _from_document(e, published)


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
                 [ev, *_doc_evidence(published)])


def _doc_evidence(published: Dated | None) -> list[Evidence]:
    """The document date's decision, summarized as one piece of evidence."""
    if published is None:
        return []
    return [Evidence("published", published.date or "", published.interval or Interval.of(None, None),
                     (published.evidence[0].doc if published.evidence else None), None,
                     f"document date: {published.source}, {'certain' if published.certain else 'uncertain'}")]
