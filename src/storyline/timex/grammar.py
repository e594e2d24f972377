"""Regular-expression building blocks of the temporal tagger, made from the word lists in lexicon.py."""

from __future__ import annotations

import re

from storyline.timex import lexicon as lx


def _alt(words: list[str]) -> str:
    """A regex alternation, longest words first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cased(words: list[str]) -> list[str]:
    """Words as news copy capitalises them: 'Friday' and 'FRIDAY'."""
    return [f(w) for w in words for f in (str.capitalize, str.upper)]


_FULL_MONTHS = [w for w in lx.MONTHS if len(w) > 4 or w in ("june", "july", "may")]
_ABBR_MONTHS = [w for w in lx.MONTHS if w not in _FULL_MONTHS]

# A month name alone (full names only) and a month as written before a day or year (abbreviations too).
MONTH_FULL = rf"(?:{_alt(_cased(_FULL_MONTHS))})"
MONTH = rf"(?:{MONTH_FULL}|(?:{_alt(_cased(_ABBR_MONTHS))})\.?)"
WEEKDAY = rf"(?:{_alt(_cased([w for w in lx.WEEKDAYS if len(w) > 4]))})"
# A weekday as printed before a date, abbreviations too ('Mon June 20, 2022', 'Thu., Dec. 30').
WEEKDAY_LEAD = rf"(?:{WEEKDAY}|(?:{_alt(_cased([w for w in lx.WEEKDAYS if len(w) <= 4]))})\.?)"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
OLD_YEAR = r"(?:1[0-4]\d\d)"  # a year only after a day and a month ('15 June 1215'), and never before a zone (a clock)
SHORT_YEAR = r"(?:'\d\d)"

_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORDNUM = rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(_SMALL)}))?|{_alt([w for w in lx.NUMBERS if w not in _TENS])})"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?!\d)|{_WORDNUM}|{_alt(list(lx.VAGUE_QUANTITIES))})(?:\s+(?:and\s+a\s+half)|\s+1/2|\s*½)?"
NUMBER_RANGE = rf"(?:{NUMBER}(?:\s+(?:to|or)\s+{NUMBER}|-{NUMBER})?)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|century|centuries)"
UNIT_SG = r"(?:day|night|week|weekend|month|quarter|year|decade|century)"
PART_OF_DAY = rf"(?:{_alt(list(lx.PARTS_OF_DAY))})"
SEASON = rf"(?:{_alt(list(lx.SEASONS))})"
ORDINAL = rf"(?:{_alt(list(lx.ORDINALS))})"
CLOCK = r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|AM\b|PM\b)|noon|midnight|midday)"
ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time))"
APPROX = r"(?:more\s+than|less\s+than|up\s+to|no\s+more\s+than|fewer\s+than|nearly|almost|at\s+least|over(?!\s+the\b))"
MOD = r"(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of)"

_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
# Years spelled out: 'nineteen ninety-six', 'two thousand', 'two thousand and one'.
SPELLED_YEAR = (rf"(?:(?:nineteen|eighteen)[\s-]+(?:(?:{_alt(_TENS)})(?:[\s-](?:{_alt(_SMALL)}))?|{_alt(_TEENS)}|hundred)"
                rf"|two\s+thousand(?:\s+and\s+(?:{_alt(_SMALL + _TEENS)}))?)")

B = r"(?<![\w'-])"  # left word boundary that also refuses hyphenated and possessive stems
E = r"(?![\w-])"  # right word boundary
