"""The `published` value a record or feed entry gives, as ISO 8601 when it is a date in any common form.

ISO 8601 with or without time and zone, 'May 29, 2012', '29 May 2012', RFC 2822 ('Tue, 29 May 2012 10:00:00
+0200'), Unix seconds (or milliseconds), and the other written forms dateparser reads; a time zone the value
gives is kept, so the local day stays the local day. All-number forms such as '27/05/2012' are read only when
the order of day and month is not in doubt. A value that is no date (or an ambiguous one) is kept as given:
the dating stage shows it as evidence and does not use it; the article is never rejected for it. Neither is a
date no article has: one before 1900 or after 2200 ('0001-01-01', the zero of .NET and Go) or the Unix epoch
itself ('1970-01-01T00:00:00Z': a missing date written as zero). A JSON object or list holding one value
({"$date": 1338285600000}, ["2012-05-29"]) gives that value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from email.utils import parsedate_to_datetime
from typing import Any

PARTIAL = re.compile(r"\d{4}(-\d{2})?")  # a year, or a year and month, kept as given
NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")  # 27/05/2012, 2012/05/27, 27.05.2012
EPOCH = re.compile(r"\d{9,13}(\.\d+)?")  # Unix seconds (9-11 digits, from 1973) or milliseconds (12-13)
COMPACT = re.compile(r"(\d{4})(\d\d)(\d\d)")  # 20120529
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates outside these years are not publication dates
EPOCH_DAY = dt.date(1970, 1, 1)  # Unix time zero: what a missing date becomes in many exports
MAX_CHARS = 200  # longer values are no date; kept cut to this length


def plausible(day: dt.date) -> bool:
    """Whether a day can be an article's publication date (not the Unix epoch, not before 1900 or after 2200)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR and day != EPOCH_DAY


def published_value(value: Any) -> str | None:
    """The ISO form of a published value when it is a date, else the value as given (None when empty)."""
    if isinstance(value, dict | list):
        inner = lone_value(value)
        if inner is None:
            return " ".join(json.dumps(value, ensure_ascii=False, default=str).split())[:MAX_CHARS]
        value = inner
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        try:
            value = str(int(value)) if value == int(value) else str(value)
        except (ValueError, OverflowError):  # nan, infinity, more digits than Python prints
            return None
    text = " ".join(str(value).split())[:MAX_CHARS]
    if not text:
        return None
    return published_iso(text) or text


def lone_value(value: Any, depth: int = 0) -> str | int | float | None:
    """The one string or number inside a JSON object or list, however deep; None when it holds none or several."""
    if not isinstance(value, dict | list):
        return value if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    items = list(value.values()) if isinstance(value, dict) else value
    return lone_value(items[0], depth + 1) if len(items) == 1 and depth < 8 else None


def published_iso(value: str) -> str | None:
    """A published date as ISO 8601 (date, or date-time with its own offset), or None when it is not one (or
    not a plausible one)."""
    iso = _iso_form(value.strip())
    if iso is None:
        return None
    year = int(iso[:4])
    first = dt.date(year, int(iso[5:7]), int(iso[8:10])) if len(iso) >= 10 else None
    return iso if FIRST_YEAR <= year <= LAST_YEAR and (first is None or plausible(first)) else None


def _iso_form(value: str) -> str | None:
    """A date in any form this module reads as ISO 8601, or None."""
    if PARTIAL.fullmatch(value):
        return value
    if EPOCH.fullmatch(value):
        return epoch(float(value))
    m = COMPACT.fullmatch(value)
    if m:
        return numeric(*m.groups())
    m = NUMERIC.fullmatch(value)
    if m:
        return numeric(*m.groups())
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        other = _rfc2822(value) or _written(value)
        if other is None:
            return None
        parsed = other
    if len(value) == 10 and parsed.hour == parsed.minute == parsed.second == 0:
        return parsed.date().isoformat()
    return _iso(parsed)


def _iso(parsed: dt.datetime) -> str:
    """A datetime as ISO 8601: the date alone when it has no time of day and no zone."""
    if parsed.tzinfo is None and parsed.time() == dt.time():
        return parsed.date().isoformat()
    return parsed.isoformat()


def epoch(seconds: float) -> str | None:
    """Unix seconds (or milliseconds, when too large for seconds) as an ISO date-time in UTC."""
    if abs(seconds) >= 1e11:
        seconds /= 1000
    try:
        when = dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return when.isoformat()


def numeric(a: str, b: str, c: str) -> str | None:
    """An all-number date: year first (2012-5-27) or last (27/05/2012, 05/27/2012), only when the day and
    the month cannot be swapped."""
    if len(a) == 4:
        year, first, second = int(a), int(b), int(c)
        candidates = {(year, first, second)}  # year-month-day is the only order in use with the year first
    elif len(c) == 4:
        year, first, second = int(c), int(a), int(b)
        candidates = {(year, m, d) for m, d in ((first, second), (second, first)) if m <= 12}
    else:
        return None
    days = set()
    for y, m, d in candidates:
        try:
            days.add(dt.date(y, m, d))
        except ValueError:
            pass
    return days.pop().isoformat() if len(days) == 1 else None


def _rfc2822(value: str) -> dt.datetime | None:
    """An RFC 2822 date (e-mail and RSS), or None."""
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written(value: str) -> dt.datetime | None:
    """A written date with day, month and year in any language dateparser knows ('May 29, 2012',
    '29 mai 2012'); relative phrases ('yesterday', 'last Tuesday') and partial dates are not publication dates."""
    if not re.search(r"\d", value) or len(value) > 80:
        return None
    import dateparser

    try:
        return dateparser.parse(value, settings={"STRICT_PARSING": True, "PARSERS": ["absolute-time"],
                                                 "REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError, TypeError, RecursionError):
        return None
