"""English words the temporal tagger knows: months, weekdays, numbers, units, seasons, parts of day, vague words.

Pure data, kept apart from the rules in tagger.py.
"""

from __future__ import annotations

# Month names as printed in news copy (capitalised or upper case); value: month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Weekday names; value: ISO weekday (Monday 1 .. Sunday 7).
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}

# Number words up to what news copy spells out.
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5,
}

# Quantities that leave the number unknown: 'several years' -> PXY.
VAGUE_QUANTITIES: tuple[str, ...] = ("a few", "few", "several", "some", "many", "a number of")

# Ordinals for quarters, halves and 'the 30th'.
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

# Calendar units: word -> (TIMEX3 duration letter, 'T' when it is a time unit, how many of that letter).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1), "weekend": ("WE", False, 1),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
    "decade": ("DE", False, 1), "century": ("CE", False, 1),
}

# Seasons and their TIMEX3 codes, with the months they cover (winter spans the year end).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

# Parts of the day and their TIMEX3 codes.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

# Vague references: word -> TIMEX3 value.
VAGUE: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "right now": "PRESENT_REF", "just now": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "later": "FUTURE_REF",
}

# Frequency adverbs: word -> TIMEX3 SET value.
FREQUENCIES: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
}

# Named days with a fixed month and day.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25), "christmas eve": (12, 24),
    "christmas": (12, 25), "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
}

# Thanksgiving (US): month, ISO weekday and which one in the month (the fourth Thursday of November).
THANKSGIVING = (11, 4, 4)

# Modifiers that narrow a period: word -> TIMEX3 mod.
PERIOD_MODS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START", "the early": "START",
    "late": "END", "the end of": "END", "the late": "END", "the close of": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "the mid": "MID", "the mid-": "MID",
}

# Words after a four-digit number that show it is a count, not a year.
NOT_YEAR_AFTER: tuple[str, ...] = (
    "shares", "people", "jobs", "troops", "workers", "employees", "dollars", "yen", "miles", "feet", "tons",
    "points", "cars", "members", "units", "votes", "barrels", "acres", "pounds", "students", "percent",
    "residents", "soldiers", "homes", "houses", "deaths", "victims", "cases", "meters", "kilometers",
)

# Words before a four-digit number that show it is a number in a series, not a year ('resolution 1973').
NUMBER_BEFORE = r"resolutions?|res\.|no\.|number|nos\.|article|section|paragraph|chapter|decree|item|room|suite|" \
                r"box|unit|model|version|code|flight|bus|route|highway|interstate"

# Words after a month and day that make them the name of a group or of an event, not a date: Lebanon's 'March 14
# alliance', Egypt's 'April 6 Youth Movement', 'the October 7 attacks' (an event's own date, years before the text).
NAMED_AFTER_DATE = r"alliance|coalition|movement|bloc|camp|forces|group|party|revolution|uprising|youth|brigades?|" \
                   r"attacks?|bombings?|massacre"

# Nouns after "today's" that show the present age rather than the day ("today's world").
GENERIC_AFTER_TODAY: frozenset[str] = frozenset({
    "world", "youth", "society", "children", "generation", "economy", "market", "markets", "standards",
    "computers", "technology", "young", "kids", "culture", "politics", "america", "europe", "china", "media",
})

# Verbs (lemmas) that report or announce a thing rather than tell when it happens: a weekday on a noun they
# govern ("Xi's Monday arrival was confirmed") takes no tense from them.
ANNOUNCING_VERBS: frozenset[str] = frozenset({
    "announce", "confirm", "say", "report", "expect", "plan", "schedule", "set", "reveal", "disclose", "state",
    "tell", "brief", "deny", "postpone", "delay",
})
