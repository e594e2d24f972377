"""Calendar helpers for dating: interval arithmetic, the date to state (ISO days are parsed in storyline.records)."""

from __future__ import annotations

import calendar
import datetime as dt

from storyline.records import Interval, day


def bounds(iv: Interval | None) -> tuple[dt.date | None, dt.date | None]:
    """The two ends of an Interval as dates (None where open)."""
    if iv is None:
        return None, None
    return day(iv.lo), day(iv.hi)


def contains(iv: Interval | None, d: dt.date) -> bool:
    """Whether the day lies in the interval (an open end holds everything on its side)."""
    lo, hi = bounds(iv)
    return (lo is None or lo <= d) and (hi is None or d <= hi)


def stated(lo: dt.date | None, hi: dt.date | None, certain: bool) -> str | None:
    """The `date` to state: the day when certain and exact, the month or year when the span is exactly that,
    the month when an uncertain interval lies inside one month, else None."""
    if lo is None or hi is None:
        return None
    if certain:
        if lo == hi:
            return lo.isoformat()
        if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and \
                hi.day == calendar.monthrange(hi.year, hi.month)[1]:
            return lo.isoformat()[:7]
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            return str(lo.year)
        return None
    if (lo.year, lo.month) == (hi.year, hi.month):
        return lo.isoformat()[:7]
    return None


def month_day(year: int, month: int, dom: int) -> dt.date | None:
    """The date, or None when that year has no such day (29 February)."""
    try:
        return dt.date(year, month, dom)
    except ValueError:
        return None
