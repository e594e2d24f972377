"""Every value a user gives storyline, checked where it enters: the library API calls these, and the command line
and the web app pass what they are given to the API (or to these directly, for what only they take).

A value that cannot be used raises BadValue, whose message is one line saying what was given and what is
accepted; each face prints it under its own name for the option (`--from` on the command line, `date_from` in
Python and in the web app's query string), and otherwise in the same words. Values come back normalized:
dates as partial ISO ('2022', '2022-12', '2022-12-05'), categories upper-cased, blanks as None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Sequence
from typing import Any

# how the command line spells the API's parameter names where it does not simply put '--' before them
FLAGS = {"date_from": "--from", "date_to": "--to", "fmt": "--format", "export_format": "FORMAT"}
DATE_FORMS = "give a day (2022-12-05, 5 Dec 2022), a month (2022-12, Dec 2022) or a year (2022)"
DAY_FORMS = "give a day (2022-12-05, 5 Dec 2022)"
_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")  # 25/12/2022, 12.25.2022
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RELATIVE = re.compile(r"\b(?:ago|next|last|this|today|tonight|yesterday|tomorrow|now)\b", re.IGNORECASE)


class BadValue(ValueError):
    """A value storyline cannot use: `name` is the API's name for the option, `value` what was given, `reason`
    what is wrong with it and what is accepted instead."""

    def __init__(self, name: str, value: Any, reason: str) -> None:
        self.name, self.value, self.reason = name, value, reason
        super().__init__(self.said_as(name))

    def said_as(self, label: str) -> str:
        """The message with the option called `label`."""
        return f"{label} {str(self.value)!r} {self.reason}"

    def on_command_line(self) -> str:
        """The message as the command line says it (its flag for the option)."""
        return self.said_as(flag(self.name))


def flag(name: str) -> str:
    """The command-line flag of an API parameter."""
    return FLAGS.get(name, "--" + name.replace("_", "-"))


def text(value: str | None) -> str | None:
    """A free-text value: stripped, None when blank."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def keywords(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The topic words: a comma-separated string or a list of words, stripped, blanks dropped."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return tuple(w.strip() for w in items if w.strip())


def choice(name: str, value: str | None, choices: Sequence[str], what: str = "value") -> str | None:
    """One of the given choices (case-insensitive), or None when blank."""
    v = text(value)
    if v is None:
        return None
    for c in choices:
        if v.lower() == c.lower():
            return c
    raise BadValue(name, value, f"is not {_article(what)} {what}; choose from {', '.join(choices)}")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def output_format(value: str | None, choices: Sequence[str] = ("text", "json", "csv")) -> str:
    """An output format of a command (text when not given)."""
    return choice("fmt", value, choices, "output format") or choices[0]


def category(value: str | None) -> str | None:
    """A PLOVER category (any case), upper-cased; None when blank."""
    from storyline.events.lexicon import CATEGORIES

    return choice("category", value, CATEGORIES, "PLOVER category")


def engine(value: str | None) -> str | None:
    """Where a build runs its per-document stages: 'local' processes or a 'ray' cluster."""
    return choice("engine", value, ("local", "ray"), "engine")


def count(name: str, value: Any, minimum: int = 1) -> int | None:
    """A whole number at least `minimum`, or None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).strip()) if not isinstance(value, int) or isinstance(value, bool) else value
    except ValueError:
        n = None
    if n is None or isinstance(n, bool) or n < minimum:
        raise BadValue(name, value, f"is not a whole number of {minimum} or more")
    return n


def port(value: Any) -> int:
    """A TCP port number."""
    try:
        n = count("port", value)
    except BadValue:
        n = None
    if n is None or n > 65535:
        raise BadValue("port", value, "is not a port; give a number from 1 to 65535")
    return n


def date(name: str, value: str | None) -> str | None:
    """A day, month or year as partial ISO ('2022-12-05', '2022-12', '2022'), from ISO forms, day/month/year with
    the day past 12 ('25/12/2022') and English natural forms with a year ('Dec 2022', '5 December 2022');
    None when blank."""
    v = text(value)
    if v is None:
        return None
    iso = _iso_date(v) if _ISO.fullmatch(v) else _numeric_date(name, v) if _NUMERIC.fullmatch(v) else _natural_date(v)
    if iso is None:
        raise BadValue(name, value, f"is not a date; {DATE_FORMS}")
    return iso


def day(name: str, value: str | None) -> str | None:
    """A single day as YYYY-MM-DD (in any form `date` reads); None when blank."""
    iso = date(name, value)
    if iso is not None and len(iso) != 10:
        raise BadValue(name, value, f"is not one day; {DAY_FORMS}")
    return iso


def date_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both ends of a date range, normalized; the end may not come before the start."""
    lo, hi = date("date_from", date_from), date("date_to", date_to)
    if lo and hi and span(lo)[0] > span(hi)[1]:
        raise BadValue("date_to", date_to, f"ends before the range starts ({lo}); give an end on or after it")
    return lo, hi


def span(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a normalized date."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _iso_date(v: str) -> str | None:
    m = _ISO.fullmatch(v)
    assert m is not None
    year, month, dom = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    return _checked(year, month or None, dom or None) if (month != 0 and dom != 0) else None


def _numeric_date(name: str, v: str) -> str | None:
    m = _NUMERIC.fullmatch(v)
    assert m is not None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a <= 12 and b <= 12 and a != b:
        raise BadValue(name, v, f"could be day/month or month/day; {DATE_FORMS}")
    return _checked(year, min(a, b) if max(a, b) > 12 else a, max(a, b) if max(a, b) > 12 else b)


def _natural_date(v: str) -> str | None:
    """An English date in words with a year ('Dec 2022', 'December 5, 2022'), or None."""
    if not _YEAR.search(v) or _RELATIVE.search(v) or not re.search(r"[^\W\d_]", v):
        return None
    from dateparser.date import DateDataParser

    found = DateDataParser(languages=["en"], settings={"PARSERS": ["custom-formats", "absolute-time"],
                                                       "PREFER_DAY_OF_MONTH": "first"}).get_date_data(v)
    d = found.date_obj
    if d is None or str(d.year) not in v:
        return None
    return {"day": d.strftime("%Y-%m-%d"), "month": d.strftime("%Y-%m"), "year": d.strftime("%Y")}.get(
        found.period or "", None)


def _checked(year: int, month: int | None, dom: int | None) -> str | None:
    """The partial ISO date when it names a real day, month or year."""
    try:
        if dom is not None:
            return dt.date(year, month or 1, dom).isoformat()
        if month is not None:
            return dt.date(year, month, 1).isoformat()[:7]
        return f"{year:04d}" if 1 <= year <= 9999 else None
    except ValueError:
        return None


def pin(value: str) -> tuple[str, str]:
    """A date pin 'DOC=DATE': the document as named and its day (YYYY-MM-DD)."""
    doc, sep, when = str(value).rpartition("=")
    if not sep or not doc.strip() or not when.strip():
        raise BadValue("date", value, "is not DOC=DATE; give a document and its day, e.g. 002.txt=2022-02-04")
    try:
        return doc.strip(), day("date", when) or ""
    except BadValue:
        raise BadValue("date", value, f"names no day: {when.strip()!r}; {DAY_FORMS}") from None


def pins(values: Iterable[str]) -> dict[str, str]:
    """Every pin, by the document as named."""
    return dict(pin(v) for v in values)


def pinned_documents(pins: dict[str, str], paths: dict[str, str]) -> tuple[dict[str, str], list[BadValue]]:
    """The pins by document id, each document named by its id, its path, or the end of its path ('seeds/002.txt'
    for ../shared/seeds/002.txt); and a BadValue for each pin that names no document, or several."""
    def norm(p: str) -> str:
        return posixpath.normpath(p.replace("\\", "/"))

    by_path = {norm(path): doc for doc, path in paths.items()}
    resolved: dict[str, str] = {}
    problems = []
    for name, day_ in pins.items():
        key = norm(name)
        if name in paths:
            found = [name]
        elif key in by_path:
            found = [by_path[key]]
        else:
            found = sorted({doc for path, doc in by_path.items() if path.endswith("/" + key)}
                           | {doc for doc in paths if key.endswith("/" + norm(doc))})
        if len(found) == 1:
            resolved[found[0]] = day_
            continue
        example = next(iter(paths), "")
        reason = (f"names {len(found)} documents ({', '.join(found[:3])}); give one's id or full path" if found
                  else "names no document in the store; give a document's id or path"
                       + (f" (e.g. {example})" if example else ""))
        problems.append(BadValue("date", f"{name}={day_}", reason))
    return resolved, problems
