"""The resolution of a time expression's meaning (records.TimeMeaning) against an anchor date.

resolve_meaning() turns a meaning into a TIMEX3 value and the inclusive interval of days it denotes, once the
document's date (the anchor) is known; unanchored_value() gives the underspecified value before that
('XXXX-12-30', 'XXXX-WXX-5').

Every meaning is monotone in the anchor: for one expression, a later anchor never gives an earlier day, so the
dating stage can resolve an expression at the lower and at the upper bound of an uncertain document date and
take the days in between as the expression's interval.
"""

from __future__ import annotations

import calendar
import datetime as dt

from storyline import records
from storyline.timex import lexicon as lx

Day = dt.date


def month_end(year: int, month: int) -> Day:
    """The last day of a month."""
    return Day(year, month, calendar.monthrange(year, month)[1])


def add_months(d: Day, k: int) -> Day:
    """A date moved k calendar months, clamped to the month's end."""
    m = d.month - 1 + k
    y, m = d.year + m // 12, m % 12 + 1
    return Day(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def safe_day(y: int, m: int, d: int) -> Day | None:
    """A date, or None when the day does not exist (30 February)."""
    try:
        return Day(y, m, d)
    except ValueError:
        return None


def _pick(candidates: list[Day], anchor: Day, direction: str, length: int = 0) -> Day:
    """The candidate period start chosen by direction; `length` days is the period's span for 'near'."""
    candidates = sorted(candidates)
    if direction in ("past", "prev"):
        ok = [c for c in candidates if (c <= anchor if direction == "past" else c + dt.timedelta(days=length) < anchor)]
        return ok[-1] if ok else candidates[0]
    if direction in ("future", "next"):
        ok = [c for c in candidates if (c >= anchor if direction == "future" else c > anchor)]
        return ok[0] if ok else candidates[-1]
    # near: the candidate whose middle is closest to the anchor; ties go to the later one (monotone)
    half = dt.timedelta(days=length / 2)
    return min(candidates, key=lambda c: (abs((c + half) - anchor), -c.toordinal()))


SLACK_DAYS = 60  # a past-tense verb may still report a date this far after the anchor ('said it will pay Nov. 10')


def _pick_slack(candidates: list[Day], anchor: Day, direction: str, slack: int) -> Day:
    """Like _pick for 'past' and 'future', but tolerant by `slack` days: the tense of the governing verb is
    often that of a reporting verb ('said'), not of the dated event."""
    if direction == "past":
        return _pick(candidates, anchor + dt.timedelta(days=slack), "past")
    if direction == "future":
        return _pick(candidates, anchor - dt.timedelta(days=slack), "future")
    return _pick(candidates, anchor, direction)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> Day:
    """The nth given ISO weekday of a month (Thanksgiving: the 4th Thursday of November)."""
    first = Day(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def iso_week(d: Day) -> str:
    """The ISO week value of a day, e.g. '1998-W07'."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: Day) -> int:
    """The calendar quarter (1-4) holding a day."""
    return (d.month - 1) // 3 + 1


def season_span(year: int, code: str) -> tuple[Day, Day]:
    """The first and last day of a season of a given year (winter runs from that December into February)."""
    first, last = lx.SEASON_MONTHS[code]
    if code == "WI":
        return Day(year, 12, 1), month_end(year + 1, 2)
    return Day(year, first, 1), month_end(year, last)


def absolute_span(value: str) -> tuple[Day, Day] | None:
    """The days an absolute TIMEX3 date value covers, or None for values we cannot place."""
    v = value.split("T")[0]
    try:
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            d = Day.fromisoformat(v)
            return d, d
        if len(v) == 7 and v[5] == "Q":
            y, q = int(v[:4]), int(v[6])
            return Day(y, 3 * q - 2, 1), month_end(y, 3 * q)
        if len(v) == 7 and v[5] == "H":
            y, h = int(v[:4]), int(v[6])
            return Day(y, 6 * h - 5, 1), month_end(y, 6 * h)
        if len(v) == 7 and v[5:] in lx.SEASON_MONTHS:
            return season_span(int(v[:4]), v[5:])
        if len(v) >= 8 and v[5] == "W":
            monday = Day.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            if v.endswith("-WE"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            return Day(y, m, 1), month_end(y, m)
        if len(v) == 4 and v.isdigit():
            return Day(int(v), 1, 1), Day(int(v), 12, 31)
        if len(v) == 3 and v.isdigit():
            return Day(int(v) * 10, 1, 1), Day(int(v) * 10 + 9, 12, 31)
        if len(v) == 2 and v.isdigit():
            return Day(int(v) * 100, 1, 1), Day(int(v) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def _moved(unit: str, k: int, anchor: Day) -> str:
    """The TIMEX3 value of the anchor moved k days, months, quarters, half years or years, at that grain."""
    if unit == "D":
        return (anchor + dt.timedelta(days=k)).isoformat()
    if unit == "M":
        return add_months(anchor, k).strftime("%Y-%m")
    if unit == "Q":
        d = add_months(anchor, 3 * k)
        return f"{d.year}-Q{quarter_of(d)}"
    if unit == "H":
        d = add_months(anchor, 6 * k)
        return f"{d.year}-H{1 if d.month <= 6 else 2}"
    if unit == "Y":
        return str(anchor.year + k)
    raise ValueError(unit)


def shift_value(unit: str, k: int, anchor: Day) -> str:
    """The TIMEX3 value of the calendar unit holding the anchor, moved k units."""
    if unit in ("W", "WE"):
        return iso_week(anchor + dt.timedelta(weeks=k)) + ("-WE" if unit == "WE" else "")
    if unit in ("DE", "CE"):
        return str(anchor.year // (10 if unit == "DE" else 100) + k)
    return _moved(unit, k, anchor)


def offset_value(k: int, unit: str, anchor: Day) -> str:
    """The TIMEX3 value of the anchor moved k units, at the grain of the unit (days for D and W)."""
    if unit == "W":
        return (anchor + dt.timedelta(weeks=k)).isoformat()
    if unit in ("D", "M", "Q", "Y"):
        return _moved(unit, k, anchor)
    return str(anchor.year + (10 if unit == "DE" else 100) * k)


def partial_value(m: records.TimeMeaning, anchor: Day) -> str:
    """The value of a partial date (month-day, month, weekday, season, quarter) completed from the anchor."""
    y = anchor.year
    if isinstance(m, records.MonthDay):
        cands = [c for c in (safe_day(y + i, m.month, m.day) for i in (-1, 0, 1)) if c]
        # a weekday printed with the day picks its year ('Friday 5 March' near February 2010 is 2010's)
        cands = [c for c in cands if c.isoweekday() == m.weekday] or cands if m.weekday else cands
        if not cands:
            return f"XXXX-{m.month:02d}-{m.day:02d}"
        return _pick_slack(cands, anchor, m.direction, SLACK_DAYS).isoformat()
    if isinstance(m, records.MonthOf):
        cands = [Day(y + i, m.month, 1) for i in (-1, 0, 1)]
        if m.direction in ("past", "future"):
            # the month holding the anchor counts as both the latest past and the first future one
            pick = _pick_slack(cands, anchor - dt.timedelta(days=15), m.direction, SLACK_DAYS)
        else:
            pick = _pick(cands, anchor, m.direction, 30)
        return pick.strftime("%Y-%m")
    if isinstance(m, records.WeekdayOf):
        base = anchor - dt.timedelta(days=anchor.isoweekday() - m.weekday)
        cands = [base + dt.timedelta(weeks=i) for i in (-1, 0, 1)]
        return _pick(cands, anchor, m.direction).isoformat()
    if isinstance(m, records.NthWeekday):
        cands = [nth_weekday(y + i, m.month, m.weekday, m.nth) for i in (-1, 0, 1)]
        return _pick_slack(cands, anchor, m.direction, SLACK_DAYS).isoformat()
    if isinstance(m, records.Weekend):
        saturday = anchor - dt.timedelta(days=anchor.isoweekday() - 6)
        cands = [saturday + dt.timedelta(weeks=i) for i in (-1, 0, 1)]
        if m.direction in ("future", "next"):
            pick = next(c for c in cands if c + dt.timedelta(days=1) >= anchor)
        elif m.direction in ("past", "prev"):
            pick = [c for c in cands if c <= anchor][-1]
        else:
            pick = _pick(cands, anchor, "near", 1)
        return iso_week(pick) + "-WE"
    if isinstance(m, records.SeasonOf):
        return _season_value(m.season, m.direction, anchor)
    if isinstance(m, records.QuarterOf):
        q = m.quarter
        starts = [Day(y + i, 3 * q - 2, 1) for i in (-1, 0, 1)]
        if m.direction in ("past", "prev", "near"):
            ok = [s for s in starts if s <= anchor]
            pick = ok[-1] if ok else starts[0]
        else:
            ok = [s for s in starts if month_end(s.year, s.month + 2) >= anchor]
            pick = ok[0] if ok else starts[-1]
        return f"{pick.year + m.years}-Q{q}"
    raise ValueError(m)


def _season_value(code: str, direction: str, anchor: Day) -> str:
    """The value of a season without a year, completed from the anchor in a direction."""
    y = anchor.year
    spans = {season_span(y + i, code): y + i for i in (-2, -1, 0, 1)}
    if direction == "near":
        return f"{y - 1 if code == 'WI' and anchor.month <= 2 else y}-{code}"
    if direction in ("past", "future"):
        holding = [s for s in spans if s[0] <= anchor <= s[1]]
        if holding:
            return f"{spans[holding[0]]}-{code}"
    if direction in ("past", "prev", "near"):
        before = [s for s in spans if s[1] < anchor]
        pick = max(before) if before else min(spans)
    else:
        after = [s for s in spans if s[0] > anchor]
        pick = min(after) if after else max(spans)
    return f"{spans[pick]}-{code}"


def move(how: str, unit: str, k: int, day: Day) -> str:
    """The value of a day moved k units: by calendar unit ('shift') or by length ('offset')."""
    return shift_value(unit, k, day) if how == "shift" else offset_value(k, unit, day)


def reference_day(value: str, unit: str) -> Day | None:
    """A day standing for a reference value at the grain a unit needs (a full date for days and weeks)."""
    v = value.split("T")[0]
    try:
        if len(v) == 10:
            return Day.fromisoformat(v)
        if len(v) == 7 and v[4] == "-" and v[5:].isdigit() and unit in ("M", "Q", "Y", "DE"):
            return Day(int(v[:4]), int(v[5:]), 15)
        if len(v) == 4 and v.isdigit() and unit in ("Y", "DE"):
            return Day(int(v), 7, 1)
    except ValueError:
        return None
    return None


_UNKNOWN_UNIT = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
                 "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


def _unanchored(m: records.TimeMeaning) -> str:
    """The underspecified TIMEX3 value of a meaning, without its time of day."""
    if isinstance(m, records.OnDate | records.Stretch | records.Recurrence):
        return m.value
    if isinstance(m, records.Vague):
        return m.ref
    if isinstance(m, records.MonthDay):
        return f"XXXX-{m.month:02d}-{m.day:02d}"
    if isinstance(m, records.MonthOf):
        return f"XXXX-{m.month:02d}"
    if isinstance(m, records.WeekdayOf):
        return f"XXXX-WXX-{m.weekday}"
    if isinstance(m, records.SeasonOf):
        return f"XXXX-{m.season}"
    if isinstance(m, records.QuarterOf):
        return f"XXXX-Q{m.quarter}"
    if isinstance(m, records.Weekend):
        return "XXXX-WXX-WE"
    if isinstance(m, records.NthWeekday):
        return f"XXXX-{m.month:02d}-XX"
    if isinstance(m, records.HalfOf):
        return f"XXXX-H{m.half}"
    if isinstance(m, records.PartOfYear):
        return f"XXXX-{m.part}"
    if isinstance(m, records.Counted):
        return {"D": "XXXX-XX-XX", "W": "XXXX-XX-XX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}.get(m.unit, "XXXX")
    if isinstance(m, records.Offset):
        return "XXXX-XX-XX" if m.unit == "W" else _UNKNOWN_UNIT[m.unit]
    if isinstance(m, records.Shift):
        return _UNKNOWN_UNIT[m.unit]
    raise ValueError(m)


def unanchored_value(m: records.TimeMeaning) -> str:
    """The underspecified TIMEX3 value of a meaning when no anchor is known ('XXXX-12-30')."""
    return _unanchored(m) + m.clock


_RECENT_WINDOW = {"D": 14, "W": 56, "M": 183, "Y": 1826, "DE": 3653}
Span = tuple[Day | None, Day | None]


def resolve_meaning(m: records.TimeMeaning, anchor: Day) -> tuple[str, Span | None]:
    """The TIMEX3 value and (first day, last day) of a meaning for an anchor; None bounds are open."""
    clock = m.clock
    if isinstance(m, records.OnDate):
        return m.value + clock, absolute_span(m.value)
    if isinstance(m, records.Recurrence):
        return m.value, None
    if isinstance(m, records.Stretch):
        if m.side:
            days = duration_days(m.value) or _RECENT_WINDOW.get(m.value[-1] if "X" in m.value else "", 0)
            if days:
                delta = dt.timedelta(days=days)
                return m.value, ((anchor - delta, anchor) if m.side == "past" else (anchor, anchor + delta))
        return m.value, None
    if isinstance(m, records.Vague):
        window = dt.timedelta(days=_RECENT_WINDOW.get(m.unit, 365)) if m.unit else None
        if m.ref == "PRESENT_REF":
            return m.ref, (anchor, anchor)
        if m.ref == "PAST_REF":
            return m.ref, (anchor - window if window else None, anchor)
        return m.ref, (anchor, anchor + window if window else None)
    if isinstance(m, records.Counted):
        ref_value, _ = resolve_meaning(m.reference, anchor)
        day = reference_day(ref_value, m.unit)
        if day is None:
            return unanchored_value(m), None
        value = move(m.how, m.unit, m.k, day)
    elif isinstance(m, records.PartOfYear):
        value = f"{anchor.year + m.years}-{m.part}"
    elif isinstance(m, records.HalfOf):
        value = f"{anchor.year}-H{m.half}"
    elif isinstance(m, records.Shift):
        value = shift_value(m.unit, m.k, anchor)
    elif isinstance(m, records.Offset):
        value = offset_value(m.k, m.unit, anchor)
    else:
        value = partial_value(m, anchor)
    return value + clock, absolute_span(value)


def duration_days(value: str) -> int | None:
    """An approximate length in days of a TIMEX3 duration value ('P3M' -> 91), None when unknown."""
    if not value.startswith("P") or "X" in value or "T" in value:
        return None
    num, unit = value[1:-1], value[-1]
    if value.endswith("DE") or value.endswith("CE"):
        num, unit = value[1:-2], value[-2:]
    try:
        n = float(num)
    except ValueError:
        return None
    per = {"D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25, "DE": 3652.5, "CE": 36525, "E": 3652.5, "L": 365250}
    return round(n * per[unit]) if unit in per else None
