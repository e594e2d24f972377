"""The English words the temporal tagger knows, read from the language data (storyline.lang: calendar.tsv,
timex_words.tsv, timex_units.tsv, reporting_verbs.tsv) into the shapes the rules in tagger.py use."""

from __future__ import annotations

import re

from storyline import lang


def _words(kind: str) -> dict[str, str]:
    """The words of one kind of timex_words.tsv, with their values."""
    return {row["word"]: row["value"] for row in lang.table("timex_words") if row["kind"] == kind}


def _alternation(kind: str) -> str:
    """The words of one kind as a regex alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(_words(kind), key=len, reverse=True))


def _number(value: str) -> float | int:
    return float(value) if "." in value else int(value)


# Month names as printed in news copy (capitalised or upper case); value: month number.
MONTHS: dict[str, int] = lang.numbered("month")
# Weekday names; value: ISO weekday (Monday 1 .. Sunday 7).
WEEKDAYS: dict[str, int] = lang.numbered("weekday")
# Number words up to what news copy spells out.
NUMBERS: dict[str, float | int] = {w: _number(v) for w, v in _words("number").items()}
# Quantities that leave the number unknown: 'several years' -> PXY.
VAGUE_QUANTITIES: tuple[str, ...] = tuple(_words("vague-quantity"))
# Ordinals for quarters, halves and 'the 30th'.
ORDINALS: dict[str, int] = {w: int(v) for w, v in _words("ordinal").items()}
# Calendar units: word -> (TIMEX3 duration letter, True when it is a time unit, how many of that letter).
UNITS: dict[str, tuple[str, bool, int]] = {row["word"]: (row["code"], row["time"] == "yes", int(row["count"]))
                                           for row in lang.table("timex_units")}
# Seasons and their TIMEX3 codes, with the months they cover (winter spans the year end).
SEASONS: dict[str, str] = _words("season")
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# Parts of the day and their TIMEX3 codes.
PARTS_OF_DAY: dict[str, str] = _words("part-of-day")
# Vague references: word -> TIMEX3 value.
VAGUE: dict[str, str] = _words("vague")
# Frequency adverbs: word -> TIMEX3 SET value.
FREQUENCIES: dict[str, str] = _words("frequency")
# Named days with a fixed month and day.
HOLIDAYS: dict[str, tuple[int, int]] = {w: (int(v[:2]), int(v[3:])) for w, v in _words("holiday").items()}
# Thanksgiving (US): month, ISO weekday and which one in the month (the fourth Thursday of November).
THANKSGIVING = (11, 4, 4)
# Modifiers that narrow a period: word -> TIMEX3 mod.
PERIOD_MODS: dict[str, str] = _words("period-mod")
# Words after a four-digit number that show it is a count, not a year.
NOT_YEAR_AFTER: tuple[str, ...] = tuple(_words("not-year-after"))
# Words before a four-digit number that show it is a number in a series, not a year ('resolution 1973'), as a
# regex alternation.
NUMBER_BEFORE = _alternation("number-before")
# Words after a month and day that make them the name of a group or of an event, not a date: Lebanon's 'March 14
# alliance', Egypt's 'April 6 Youth Movement', 'the October 7 attacks' (an event's own date, years before the text).
NAMED_AFTER_DATE = _alternation("named-after-date")
# Nouns after "today's" that show the present age rather than the day ("today's world").
GENERIC_AFTER_TODAY: frozenset[str] = frozenset(_words("generic-after-today"))
# Verbs (lemmas) that report or announce a thing rather than tell when it happens: a weekday on a noun they
# govern ("Xi's Monday arrival was confirmed") takes no tense from them.
ANNOUNCING_VERBS: frozenset[str] = lang.reporting_verbs("announcing")
