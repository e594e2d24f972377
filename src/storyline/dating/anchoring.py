"""Time expressions resolved against a document date that may be one day or an interval of days."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from storyline import timex
from storyline.dating.days import bounds
from storyline.records import Dated, Interval, MonthDay, NthWeekday, TimeExpression, WeekdayOf, day, iso_span

SAMPLES = 12  # anchors tried inside an uncertain document interval, besides its two ends
NOT_A_DATE = {"DURATION", "SET"}
UNCERTAIN_RULES = {"vague", "duration", "set", "anaphoric"}  # anaphoric: see timex.tag
NEAR_AHEAD_DAYS = 31  # a month-day of unknown tense further ahead of its document may be the previous one
INVERT_DAYS = 400  # how far from a known day a document's date is searched when inverting a time expression


def absolute_span(t: TimeExpression) -> tuple[dt.date, dt.date] | None:
    """The days an anchor-free time expression denotes ('2021-12-15', 'November 2022', '2014'), else None."""
    if t.anchored or t.type in NOT_A_DATE:
        return None
    sp = iso_span(t.value)
    if sp:
        return sp
    _, iv = timex.resolve(t, dt.date(2000, 1, 1))  # any anchor: the value does not depend on it
    lo, hi = bounds(iv)
    return (lo, hi) if lo and hi else None


def resolve_at(t: TimeExpression, anchor: dt.date) -> tuple[str, dt.date | None, dt.date | None] | None:
    """The value and the days a time expression denotes when its document is dated `anchor`; None when the
    tagger cannot resolve it (its interval ends may still be open, e.g. a vague past)."""
    value, iv = timex.resolve(t, anchor)
    if iv is None:
        sp = iso_span(value) if value and not t.anchored and not re.search(r"X", value) else None
        return (value, sp[0], sp[1]) if sp else None
    lo, hi = bounds(iv)
    if lo is None and hi is None:
        return None
    return value, lo, hi


def anchors_denoting(t: TimeExpression, when: dt.date, lo: dt.date | None, hi: dt.date | None,
                     days: int = INVERT_DAYS) -> list[dt.date]:
    """The document dates (within [lo, hi], and at most `days` from `when`) at which t denotes a span holding
    `when`: what a time expression that names a known day says about its document's date."""
    start = max(lo, when - dt.timedelta(days=days)) if lo else when - dt.timedelta(days=days)
    end = min(hi, when + dt.timedelta(days=days)) if hi else when + dt.timedelta(days=days)
    out = []
    a = start
    while a <= end:
        r = resolve_at(t, a)
        if r is not None and (r[1] is None or r[1] <= when) and (r[2] is None or when <= r[2]) and (r[1] or r[2]):
            out.append(a)
        a += dt.timedelta(days=1)
    return out


def anchors(lo: dt.date | None, hi: dt.date | None) -> list[dt.date]:
    """The anchors to try: the known ends of the document interval and evenly spread days between them."""
    if lo and hi:
        n = (hi - lo).days
        steps = min(n, SAMPLES + 1)
        return sorted({lo + dt.timedelta(days=round(i * n / steps)) for i in range(steps + 1)} if n else {lo})
    return [d for d in (lo, hi) if d]


def resolve_between(t: TimeExpression, lo: dt.date | None, hi: dt.date | None,
                    not_after: dt.date | None = None) -> tuple[str, Interval | None, bool]:
    """(value, interval, certain) of a time expression whose document is dated somewhere in [lo, hi].

    An absolute date is certain on its own. An anchored one is resolved at each end of the interval (and days
    between): the interval is the union of what it can denote, and it is certain only when every anchor gives
    the same closed span (so a relative date is never made certain by an uncertain document date), and never
    when a past-tense expression lands after the document date (then its strictly-past reading is added).
    `not_after` drops the readings that start after that day: a past event reported by a document cannot have
    happened after the document's latest possible date."""
    sp = absolute_span(t)
    if sp:
        return t.value, Interval.of(sp[0], sp[1]), True
    if t.type in NOT_A_DATE or t.rule in ("duration", "set"):
        return t.value, None, False
    points = anchors(lo, hi)
    results = [resolve_at(t, a) for a in points]
    if not results or any(r is None for r in results):
        return t.value, None, False
    got = [r for r in results if r is not None]
    ambiguous = False
    for a, r in zip(points, list(got), strict=True):
        alt = _strict_past(t, a, r)
        if alt is not None:
            got.append(alt)
            ambiguous = True
        for other in _either_way(t, a, r):
            got.append(other)
            ambiguous = True
    if not_after is not None and ambiguous:
        possible = [r for r in got if r[1] is None or r[1] <= not_after]
        if possible and len(possible) < len(got):
            got = possible
            ambiguous = False
    los, his = [r[1] for r in got], [r[2] for r in got]
    out_lo = None if lo is None or any(x is None for x in los) else min(x for x in los if x)
    out_hi = None if hi is None or any(x is None for x in his) else max(x for x in his if x)
    same = len({(r[1], r[2]) for r in got}) == 1
    certain = bool(same and not ambiguous and lo and hi and out_lo and out_hi and t.rule not in UNCERTAIN_RULES)
    value = got[0][0] if len({r[0] for r in got}) == 1 and (lo and hi) else t.value
    iv = Interval.of(out_lo, out_hi)
    return value, (iv if (iv.lo or iv.hi) else None), certain


def _either_way(t: TimeExpression, anchor: dt.date, r: tuple[str, dt.date | None, dt.date | None]
                ) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """For a weekday whose tense nothing tells ('near': "Xi's Monday arrival"), the nearest one is a guess: the
    previous and the next such day are both possible readings. So is a month and day (or a holiday) whose tense
    nothing tells when its nearest reading is more than NEAR_AHEAD_DAYS after the document: news names past days
    far more than coming ones ('the lessons of September 11' in June 2005 is no 2005-09-11)."""
    m = t.meaning
    if isinstance(m, MonthDay | NthWeekday) and m.direction == "near" and not (isinstance(m, MonthDay) and m.weekday) \
            and r[1] is not None and (r[1] - anchor).days > NEAR_AHEAD_DAYS:
        alt = resolve_at(replace(t, meaning=m.redirected("near", "prev")), anchor)
        return [alt] if alt is not None and alt[1] != r[1] else []
    if not isinstance(m, WeekdayOf) or m.direction != "near":
        return []
    out = []
    for way in ("prev", "next"):
        alt = resolve_at(replace(t, meaning=m.redirected("near", way)), anchor)
        if alt is not None and alt[1] != r[1] and anchor.isoweekday() != m.weekday:
            out.append(alt)
    return out


def _strict_past(t: TimeExpression, anchor: dt.date, r: tuple[str, dt.date | None, dt.date | None]
                 ) -> tuple[str, dt.date | None, dt.date | None] | None:
    """For a past-tense expression that the tagger placed after the document date (its tolerance for 'said it
    will pay Nov. 10'), the strictly-past reading: the expression is then ambiguous between the two."""
    if t.meaning is None or "past" not in t.meaning.directions() or r[1] is None or r[1] <= anchor:
        return None
    alt = resolve_at(replace(t, meaning=t.meaning.redirected("past", "prev")), anchor)
    return alt if alt is not None and alt[1] != r[1] else None


def date_timexes(timexes: Sequence[TimeExpression], published: Dated,
                 comments_from: int | None = None) -> list[TimeExpression]:
    """The time expressions with value, interval and certainty resolved against the document's date: exact when
    the document date is certain, the union over the document's interval (and uncertain) when it is not. Those
    from `comments_from` on are in reader comments, written at unknown times after the article: a relative one
    there is resolved against any day from the article's date on, and is never certain."""
    lo, hi = _published_bounds(published)
    by_cluster = published is not None and "cluster" in published.source.split("+")
    out = []
    for t in timexes:
        in_comment = comments_from is not None and t.start >= comments_from and t.anchored
        value, iv, certain = resolve_between(t, lo, None if in_comment else hi)
        # a document date narrowed only by a same-event cluster makes nothing certain: clusters can be wrong
        out.append(replace(t, value=value, interval=iv,
                           certain=certain and not in_comment and not (by_cluster and t.anchored)))
    return out


def _published_bounds(published: Dated | None) -> tuple[dt.date | None, dt.date | None]:
    """The document date's interval ends (the day itself when certain)."""
    if published is None:
        return None, None
    if published.certain and published.interval is None:
        d = day(published.date)
        return d, d
    return bounds(published.interval)
