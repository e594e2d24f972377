"""The `published` value a record or feed entry gives, as ISO 8601 when it is a date in any common form.

ISO 8601 with or without time and zone, 'May 29, 2012', '29 May 2012', RFC 2822 ('Tue, 29 May 2012 10:00:00
+0200'), Unix seconds (or milliseconds), and the other written forms dateparser reads; a time zone the value
gives is kept, so the local day stays the local day. All-number forms such as '27/05/2012' are read only when
the order of day and month is not in doubt. A value that is no date (or an ambiguous one) is kept as given:
the dating stage shows it as evidence and does not use it; the article is never rejected for it.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

PARTIAL = re.compile(r"\d{4}(-\d{2})?")  # a year, or a year and month, kept as given
NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")  # 27/05/2012, 2012/05/27, 27.05.2012
EPOCH = re.compile(r"\d{9,13}(\.\d+)?")  # Unix seconds (9-11 digits, from 1973) or milliseconds (12-13)
COMPACT = re.compile(r"(\d{4})(\d\d)(\d\d)")  # 20120529
FIRST_YEAR, LAST_YEAR = 1900, 2200  # Unix times outside these years are not publication dates
MAX_CHARS = 200  # longer values are no date; kept cut to this length


def published_value(value: str | int | float) -> str | None:
    """The ISO form of a published value when it is a date, else the value as given (None when empty)."""
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


def published_iso(value: str) -> str | None:
    """A published date as ISO 8601 (date, or date-time with its own offset), or None when it is not one."""
    value = value.strip()
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
    return when.isoformat() if FIRST_YEAR <= when.year <= LAST_YEAR else None


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
