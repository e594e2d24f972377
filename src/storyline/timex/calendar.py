"""The `relative` encoding of a time expression and its resolution against an anchor date.

A time expression's `relative` field is an anchor-free description that resolve() turns into a TIMEX3 value and
the inclusive interval of days it denotes, once the document's date (the anchor) is known.  The forms are

    date:V            an absolute value V ('2021-12-30', '2022-02', '2021', '1998-Q1', '1998-H2', '1998-SU',
                      '1998-W07', '199' for a decade, '19' for a century); does not depend on the anchor
    md:MM-DD:DIR[:wN] a month and day without a year ('December 30'); ':wN' records a weekday printed with it
                      ('Sat. Dec. 30' md:12-30:past:w6) for the dating stage's weekday check; resolve() ignores it
    month:MM:DIR      a month without a year ('in March', 'last April')
    weekday:N:DIR     ISO weekday N, Monday 1 .. Sunday 7 ('Friday', 'last Friday')
    nthday:M-W-N:DIR  the Nth ISO weekday W of month M, without a year (Thanksgiving: nthday:11-4-4:DIR)
    weekend:WE:DIR    a weekend without a date ('the weekend'), value 'YYYY-Www-WE'
    season:S:DIR      SP, SU, FA or WI without a year ('last fall')
    quarter:N:DIR[:±KY]  calendar quarter N without a year ('the third quarter'), optionally K years earlier or
                      later ("last year's third quarter" quarter:3:past:-1Y)
    half:N            half-year N of the anchor's year ('the second half')
    shift:Y:K:SUB     part SUB of the anchor's year moved K years: a month ('June last year' shift:Y:-1:06) or a
                      half ('the second half of next year' shift:Y:1:H2)
    shift:U:K         the calendar unit U holding the anchor, moved K units ('today' shift:D:0, 'yesterday'
                      shift:D:-1, 'last week' shift:W:-1, 'next month' shift:M:1, 'this year' shift:Y:0);
                      U is D (day), W (ISO week), WE (weekend), M, Q, H (half year), Y, DE (decade), CE (century)
    offset:K:U        the anchor moved K units, to the day for D and W, else to the unit's own grain
                      ('two weeks ago' offset:-2:W, 'a year earlier' offset:-1:Y, 'in three days' offset:3:D)
    from:OP:K:U:REL   K units (OP 'shift' by calendar unit, 'offset' by length) from the date another expression
                      REL denotes: 'the day before' after 'on Friday' is from:shift:-1:D:weekday:5:past, 'three
                      days later' after it from:offset:3:D:weekday:5:past
    vague:REF[:U]     PAST_REF, PRESENT_REF or FUTURE_REF; U, when given, is the grain of 'recent weeks' etc.
                      and bounds the interval ('in recent weeks' -> the 8 weeks up to the anchor)
    dur:P..[:past|:next]   a duration; with past/next it is the stretch just before or after the anchor
                      ('the past three months' dur:P3M:past)
    set:P..           a recurrence ('every week' set:P1W); denotes no interval

DIR is how a partial date is completed from the anchor: 'past' (the latest such day on or before the anchor),
'future' (the first on or after it), 'prev' and 'next' (strictly before / after: 'last Friday', 'next Friday'),
'near' (the closest one, when the tense does not tell).  A time of day may follow any date form after '@'
('weekday:5:past@TAF' for 'Friday afternoon', 'shift:D:0@T15:00' for '3 p.m.').

Every form is monotone in the anchor: for one expression, a later anchor never gives an earlier day, so the
dating stage can resolve an expression at the lower and at the upper bound of an uncertain document date and
take the days in between as the expression's interval.
"""

from __future__ import annotations

import calendar
import datetime as dt

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


def shift_value(unit: str, k: int, anchor: Day) -> str:
    """The TIMEX3 value of the calendar unit holding the anchor, moved k units."""
    if unit == "D":
        return (anchor + dt.timedelta(days=k)).isoformat()
    if unit in ("W", "WE"):
        d = anchor + dt.timedelta(weeks=k)
        return iso_week(d) + ("-WE" if unit == "WE" else "")
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
    if unit == "DE":
        return str(anchor.year // 10 + k)
    if unit == "CE":
        return str(anchor.year // 100 + k)
    raise ValueError(unit)


def offset_value(k: int, unit: str, anchor: Day) -> str:
    """The TIMEX3 value of the anchor moved k units, at the grain of the unit (days for D and W)."""
    if unit == "D":
        return (anchor + dt.timedelta(days=k)).isoformat()
    if unit == "W":
        return (anchor + dt.timedelta(weeks=k)).isoformat()
    if unit == "M":
        return add_months(anchor, k).strftime("%Y-%m")
    if unit == "Q":
        d = add_months(anchor, 3 * k)
        return f"{d.year}-Q{quarter_of(d)}"
    if unit == "Y":
        return str(anchor.year + k)
    if unit == "DE":
        return str(anchor.year + 10 * k)
    return str(anchor.year + 100 * k)


def partial_value(kind: str, arg: str, direction: str, anchor: Day) -> str:
    """The value of a partial date (month-day, month, weekday, season, quarter) completed from the anchor."""
    y = anchor.year
    if kind == "md":
        m, d = (int(x) for x in arg.split("-"))
        cands = [c for c in (safe_day(y + i, m, d) for i in (-1, 0, 1)) if c]
        if not cands:
            return f"XXXX-{arg}"
        return _pick_slack(cands, anchor, direction, SLACK_DAYS).isoformat()
    if kind == "month":
        m = int(arg)
        cands = [Day(y + i, m, 1) for i in (-1, 0, 1)]
        if direction in ("past", "future"):
            # the month holding the anchor counts as both the latest past and the first future one
            pick = _pick_slack(cands, anchor - dt.timedelta(days=15), direction, SLACK_DAYS)
        else:
            pick = _pick(cands, anchor, direction, 30)
        return pick.strftime("%Y-%m")
    if kind == "weekday":
        n = int(arg)
        base = anchor - dt.timedelta(days=anchor.isoweekday() - n)
        cands = [base + dt.timedelta(weeks=i) for i in (-1, 0, 1)]
        return _pick(cands, anchor, direction).isoformat()
    if kind == "nthday":
        m, wd, nth = (int(x) for x in arg.split("-"))
        cands = [nth_weekday(y + i, m, wd, nth) for i in (-1, 0, 1)]
        return _pick_slack(cands, anchor, direction, SLACK_DAYS).isoformat()
    if kind == "weekend":
        saturday = anchor - dt.timedelta(days=anchor.isoweekday() - 6)
        cands = [saturday + dt.timedelta(weeks=i) for i in (-1, 0, 1)]
        if direction in ("future", "next"):
            pick = next(c for c in cands if c + dt.timedelta(days=1) >= anchor)
        elif direction in ("past", "prev"):
            pick = [c for c in cands if c <= anchor][-1]
        else:
            pick = _pick(cands, anchor, "near", 1)
        return iso_week(pick) + "-WE"
    if kind == "season":
        spans = {season_span(y + i, arg): y + i for i in (-2, -1, 0, 1)}
        if direction == "near":
            return f"{y - 1 if arg == 'WI' and anchor.month <= 2 else y}-{arg}"
        if direction in ("past", "future"):
            holding = [s for s in spans if s[0] <= anchor <= s[1]]
            if holding:
                return f"{spans[holding[0]]}-{arg}"
        if direction in ("past", "prev", "near"):
            before = [s for s in spans if s[1] < anchor]
            pick = max(before) if before else min(spans)
        else:
            after = [s for s in spans if s[0] > anchor]
            pick = min(after) if after else max(spans)
        return f"{spans[pick]}-{arg}"
    if kind == "quarter":
        q = int(arg)
        starts = [Day(y + i, 3 * q - 2, 1) for i in (-1, 0, 1)]
        if direction in ("past", "prev", "near"):
            ok = [s for s in starts if s <= anchor]
            pick = ok[-1] if ok else starts[0]
        else:
            ok = [s for s in starts if month_end(s.year, s.month + 2) >= anchor]
            pick = ok[0] if ok else starts[-1]
        return f"{pick.year}-Q{q}"
    raise ValueError(kind)


def move(op: str, unit: str, k: int, day: Day) -> str:
    """The value of a day moved k units: by calendar unit ('shift') or by length ('offset')."""
    return shift_value(unit, k, day) if op == "shift" else offset_value(k, unit, day)


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


def unanchored_value(relative: str) -> str:
    """The underspecified TIMEX3 value of a relative form when no anchor is known ('XXXX-12-30')."""
    base, _, clock = relative.partition("@")
    parts = base.split(":")
    kind = parts[0]
    out = {
        "date": lambda: parts[1],
        "md": lambda: f"XXXX-{parts[1]}",
        "month": lambda: f"XXXX-{parts[1]}",
        "weekday": lambda: f"XXXX-WXX-{parts[1]}",
        "season": lambda: f"XXXX-{parts[1]}",
        "quarter": lambda: f"XXXX-Q{parts[1]}",
        "weekend": lambda: "XXXX-WXX-WE",
        "nthday": lambda: f"XXXX-{int(parts[1].split('-')[0]):02d}-XX",
        "half": lambda: "XXXX-HX" if len(parts) < 2 else f"XXXX-H{parts[1]}",
        "vague": lambda: parts[1],
        "dur": lambda: parts[1],
        "set": lambda: parts[1],
    }.get(kind)
    if out is not None:
        value = out()
    elif kind == "shift" and len(parts) > 3:
        value = f"XXXX-{parts[3]}"
    elif kind == "from":
        value = {"D": "XXXX-XX-XX", "W": "XXXX-XX-XX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}.get(parts[3], "XXXX")
    else:
        unit = parts[1] if kind == "shift" else parts[2]
        value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX" if kind == "shift" else "XXXX-XX-XX", "WE": "XXXX-WXX-WE",
                 "M": "XXXX-XX", "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}[unit]
    return value + (clock if clock else "")


_RECENT_WINDOW = {"D": 14, "W": 56, "M": 183, "Y": 1826, "DE": 3653}


def resolve_relative(relative: str, anchor: Day) -> tuple[str, tuple[Day, Day] | tuple[Day | None, Day | None] | None]:
    """The TIMEX3 value and (first day, last day) of a relative form for an anchor; None bounds are open."""
    base, _, clock = relative.partition("@")
    parts = base.split(":")
    kind = parts[0]
    if kind == "date":
        return parts[1] + clock, absolute_span(parts[1])
    if kind == "set":
        return parts[1], None
    if kind == "dur":
        value = parts[1]
        if len(parts) > 2:
            days = duration_days(value) or _RECENT_WINDOW.get(value[-1] if "X" in value else "", 0)
            if days:
                delta = dt.timedelta(days=days)
                span = (anchor - delta, anchor) if parts[2] == "past" else (anchor, anchor + delta)
                return value, span
        return value, None
    if kind == "vague":
        ref = parts[1]
        window = dt.timedelta(days=_RECENT_WINDOW.get(parts[2], 365)) if len(parts) > 2 else None
        if ref == "PRESENT_REF":
            return ref, (anchor, anchor)
        if ref == "PAST_REF":
            return ref, (anchor - window if window else None, anchor)
        return ref, (anchor, anchor + window if window else None)
    if kind == "from":
        op, k, unit = parts[1], int(parts[2]), parts[3]
        ref_value, _ = resolve_relative(base.split(":", 4)[4], anchor)
        day = reference_day(ref_value, unit)
        if day is None:
            return unanchored_value(relative), None
        value = move(op, unit, k, day)
    elif kind == "shift" and len(parts) > 3:
        value = f"{anchor.year + int(parts[2])}-{parts[3]}"
    elif kind == "half":
        value = f"{anchor.year}-H{parts[1]}"
    elif kind == "quarter" and len(parts) > 3:
        value = partial_value(kind, parts[1], parts[2], anchor)
        value = f"{int(value[:4]) + int(parts[3].rstrip('Y'))}{value[4:]}"
    elif kind == "shift":
        value = shift_value(parts[1], int(parts[2]), anchor)
    elif kind == "offset":
        value = offset_value(int(parts[1]), parts[2], anchor)
    else:
        value = partial_value(kind, parts[1], parts[2], anchor)
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
