"""Rule-based temporal tagger: finds time expressions in a parsed document and gives each a TIMEX3 type and value.

Rules are regular expressions over the document text (grammar.py, lexicon.py); spaCy supplies sentences and the
tense of the verb that governs an expression, which decides whether 'Friday' is the last or the next one.
Each expression's meaning before its document is dated is a records.TimeMeaning; calendar.py resolves it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.nlp import text_of
from storyline.records import (
    Counted,
    Document,
    HalfOf,
    Interval,
    MonthDay,
    MonthOf,
    NthWeekday,
    Offset,
    OnDate,
    PartOfYear,
    QuarterOf,
    Recurrence,
    SeasonOf,
    Shift,
    Stretch,
    TimeExpression,
    TimeMeaning,
    Vague,
    WeekdayOf,
    Weekend,
)
from storyline.settings import DEFAULT, Settings
from storyline.timex import calendar as cal
from storyline.timex import lexicon as lx
from storyline.timex.grammar import (
    APPROX,
    CLOCK,
    DAYNUM,
    MONTH,
    MONTH_FULL,
    NUMBER_RANGE,
    OLD_YEAR,
    ORDINAL,
    PART_OF_DAY,
    SEASON,
    SPELLED_YEAR,
    UNIT,
    UNIT_SG,
    WEEKDAY,
    WEEKDAY_LEAD,
    YEAR,
    ZONE,
    B,
    E,
)

if TYPE_CHECKING:  # spaCy is imported by what parses: the tagger's resolve() serves the read commands without it
    from spacy.tokens import Doc


@dataclass
class Found:
    """One match of a rule before it becomes a TimeExpression."""

    start: int
    end: int
    type: str
    meaning: TimeMeaning
    rule: str
    order: int = 0  # the rule's place in RULES, to break ties between equally long matches


# a four-digit time opening an entry of a live page: after a sentence end or a line break, before a capital
_ENTRY_CLOCK = re.compile(r"(?:^|(?<=[.!?'\"”’])\s+|\n)\s*([0-2]\d[0-5]\d)\s+(?=[A-Z])", re.M)
LIVE_ENTRIES = 3
# a year before 1500 after a day and a month, unless a zone or 'hrs' follows (then it is a clock: '15 June 1215 BST')
_OLD_YEAR = rf"{OLD_YEAR}(?!{ZONE}|\s+(?:BST|CET|CEST|hrs?)\b)"


@dataclass
class Context:
    """What the rules may consult: the text, the parse, and the reporting quarter of the document."""

    text: str
    sdoc: Doc
    report_quarter: QuarterOf | None = None  # the quarter a financial report is about
    _tokens: list[int] | None = None
    _clocks: frozenset[int] | None = None

    def live_clock(self, start: int) -> bool:
        """Whether a four-digit number at `start` is the time of an entry of a live page ('1630 UN Secretary
        General Ban Ki-moon says ...'): the text opens at least LIVE_ENTRIES sentences with such numbers, and at
        least two of them cannot be years of news (before 1900)."""
        if self._clocks is None:
            found = [(m.start(1), int(m[1])) for m in _ENTRY_CLOCK.finditer(self.text)
                     if int(m[1][:2]) < 24 and int(m[1][2:]) < 60]
            live = len(found) >= LIVE_ENTRIES and sum(n < 1900 for _, n in found) >= 2
            self._clocks = frozenset(i for i, _ in found) if live else frozenset()
        return start in self._clocks

    def token_at(self, char: int):
        """The token that holds a character offset."""
        if self._tokens is None:
            from spacy.attrs import IDX

            self._tokens = self.sdoc.to_array([IDX]).tolist() if len(self.sdoc) else []
        i = max(0, bisect.bisect_right(self._tokens, char) - 1)
        return self.sdoc[i] if len(self.sdoc) else None

    def direction(self, start: int) -> str:
        """'past', 'future' or 'near': the tense of the verb that governs the expression starting at `start`."""
        tok = self.token_at(start)
        if tok is None:
            return "near"
        on_noun = tok.dep_ in ("compound", "poss", "nmod", "amod") and tok.head.pos_ in ("NOUN", "PROPN")
        verb = tok
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return "near"
        if on_noun and verb.lemma_ in lx.ANNOUNCING_VERBS:
            # "Xi's Monday arrival was confirmed on Friday": the day belongs to the arrival, and the tense of the
            # verb that announces it does not tell whether that is before or after the report
            return "near"
        words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {w.lower_ for w in words}
        if on_noun and self._future(words, lowers, verb):
            # "will help after Tuesday's earthquake": a future verb may well speak of a past day's event
            return "near"
        if lowers & {"will", "'ll", "shall", "wo", "would"} or any(w.lower_ == "going" for w in words):
            return "future"
        tags = {w.tag_ for w in words}
        if "VBD" in tags or ("VBN" in tags and lowers & {"has", "have", "had", "'s", "'ve"}):
            return "past"
        if verb.tag_ == "VBG" and lowers & {"is", "are", "'re", "am"}:
            return "future"
        if "MD" in tags:
            return "future"
        return "near"

    @staticmethod
    def _future(words: list, lowers: set[str], verb) -> bool:
        """Whether a verb group speaks of the future (will, going to, a modal, 'is leaving')."""
        tags = {w.tag_ for w in words}
        return bool(lowers & {"will", "'ll", "shall", "wo", "would"} or "going" in lowers or "MD" in tags
                    or (verb.tag_ == "VBG" and lowers & {"is", "are", "'re", "am"}))

    def before(self, start: int, n: int = 30) -> str:
        """The text just before an offset."""
        return self.text[max(0, start - n):start]

    def after(self, end: int, n: int = 30) -> str:
        """The text just after an offset."""
        return self.text[end:end + n]


Handler = Callable[[re.Match, Context], tuple[str, TimeMeaning] | None]  # -> (type, meaning) or None


def _g(m: re.Match, name: str) -> str | None:
    """A named group of a match, None when the rule has no such group or it did not match."""
    return m.groupdict().get(name)


def _s(m: re.Match, name: str) -> str:
    """A named group the rule's pattern always fills."""
    value = m.groupdict().get(name)
    if value is None:
        raise ValueError(f"the rule's pattern left the group {name!r} empty")
    return value


def _num(word: str) -> float | None:
    """A number written in digits or words, None when vague ('several')."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    half = w.endswith((" and a half", " 1/2", "½"))
    w = re.sub(r"(?: and a half| 1/2|\s*½)$", "", w)
    if w in lx.VAGUE_QUANTITIES:
        return None
    try:
        n = float(w)
    except ValueError:
        if w in lx.NUMBERS:
            n = float(lx.NUMBERS[w])
        else:
            parts = re.split(r"[- ]", w)
            if not all(p in lx.NUMBERS for p in parts):
                return None
            n = float(sum(lx.NUMBERS[p] for p in parts))
    return n + 0.5 if half else n


def _month(word: str) -> int:
    """The month number of a month name or abbreviation."""
    return lx.MONTHS[word.lower().rstrip(".")]


def _weekday(word: str) -> int:
    """The ISO weekday of a weekday name."""
    return lx.WEEKDAYS[word.lower().rstrip("s")] if word.lower().rstrip("s") in lx.WEEKDAYS else lx.WEEKDAYS[word.lower()]


def _day(word: str) -> int:
    """A day of the month from '30', '30th'."""
    m = re.match(r"\d+", word)
    if m is None:
        raise ValueError(f"no day in {word!r}")
    return int(m.group())


def _unit(word: str) -> str:
    """The calendar unit code of a unit word ('weeks' -> 'W')."""
    w = word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s")
    return lx.UNITS[w][0]


def _duration(n: float | None, unit_word: str) -> str:
    """A TIMEX3 duration value: (2, 'years') -> 'P2Y', (None, 'weeks') -> 'PXW', (3, 'hours') -> 'PT3H'."""
    w = unit_word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s")
    code, is_time, _ = lx.UNITS[w]
    if code == "WE":
        code = "D"
        n = None if n is None else n * 2
    if code == "DE":
        code, n = "Y", None if n is None else n * 10
    if code == "CE":
        code, n = "Y", None if n is None else n * 100
    smaller = {"Y": ("M", 12, ""), "D": ("H", 24, "T"), "H": ("M", 60, ""), "M": ("S", 60, "")}
    if n is not None and n != int(n) and (is_time or code in ("Y", "D")) and code in smaller:
        unit, per, mark = smaller[code]
        whole, rest = divmod(round(n * per), per)  # 1.99 days: 2 days, not 1 day and 24 hours
        if not rest:
            return f"P{'T' if is_time else ''}{whole}{code}"
        return f"P{'T' if is_time else ''}{f'{whole}{code}' if whole else ''}{mark}{rest}{unit}"
    # a fraction of the smallest unit (5.8 seconds) is written as a decimal: PT5.8S
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    return f"P{'T' if is_time else ''}{amount}{code}"


def _clock(text: str) -> str:
    """A TIMEX3 time of day from '3 p.m.', '10:35 a.m.', 'noon', 'midnight' -> 'T15:00'."""
    t = text.lower()
    if t in ("noon", "midday"):
        return "T12:00"
    if t == "midnight":
        return "T24:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])", t)
    if not m:
        return ""
    h, mins = int(m.group(1)) % 12, m.group(2) or "00"
    if m.group(3) == "p":
        h += 12
    return f"T{h:02d}:{mins}"


def _pod(word: str | None) -> str:
    """The time of day of a part of the day ('afternoon' -> 'TAF'), empty when none."""
    return f"T{lx.PARTS_OF_DAY[word.lower()]}" if word else ""


# ---- rules ------------------------------------------------------------------------------------------------


def full_date(m: re.Match, ctx: Context):
    """'Dec. 30, 2021', '30 December 2021', 'Monday, June 20, 2022'."""
    day = cal.safe_day(int(_s(m, "year")), _month(_s(m, "mon")), _day(_s(m, "day")))
    return ("DATE", OnDate(day.isoformat())) if day else None


def numeric_date(m: re.Match, ctx: Context):
    """'2021-12-17', '12/30/2021'."""
    y = int(_s(m, "year"))
    if y < 100:
        y += 1900 if y > 50 else 2000
    day = cal.safe_day(y, int(_s(m, "m")), int(_s(m, "d")))
    return ("DATE", OnDate(day.isoformat())) if day else None


def month_day(m: re.Match, ctx: Context):
    """'December 30', 'Dec. 30', '30 December', 'Friday, Aug. 7'; not the name of a group or of an event
    ('the March 14 alliance', 'the October 7 attacks')."""
    mon, day = _month(_s(m, "mon")), _day(_s(m, "day"))
    if not cal.safe_day(2000, mon, day):
        return None
    if _names_a_group(ctx.after(m.end(), 30)):
        return None
    lead = re.match(r"[A-Za-z]+", m.group(0))
    weekday = lx.WEEKDAYS.get(lead.group(0).lower()) if lead else None
    return "DATE", MonthDay(mon, day, _dir(m, ctx), weekday or None)


def _names_a_group(after: str, day_first: bool = False) -> bool:
    """Whether the words after a month and day make them part of a name ('March 14 alliance'); with day_first,
    the words after a month alone (its day comes first: ' 14 alliance')."""
    day = r"\s+\d{1,2}(?:st|nd|rd|th)?" if day_first else ""
    return bool(re.match(rf"{day}\s+(?:{lx.NAMED_AFTER_DATE})\b", after, re.I))


def month_year(m: re.Match, ctx: Context):
    """'February 2022', 'Feb. 2022', 'July of 1997'."""
    return "DATE", OnDate(f"{int(_s(m, 'year')):04d}-{_month(_s(m, 'mon')):02d}")


def month_rel_year(m: re.Match, ctx: Context):
    """'January this year', 'June last year', 'April next year'."""
    k = {"this": 0, "last": -1, "next": 1}[_s(m, "rel").lower()]
    return "DATE", PartOfYear(k, f"{_month(_s(m, 'mon')):02d}")


_MAY_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|to|during|before|after|early|late|mid-?|last|next|this|"
    r"and|or|between|end)\s*)$", re.I)


def month_alone(m: re.Match, ctx: Context):
    """'March', 'last April', 'early December', 'the end of November'."""
    word = _s(m, "mon")
    lead = (_g(m, "rel") or "").lower().strip()
    if _names_a_group(ctx.after(m.end(), 34), day_first=True):
        return None  # 'the October 7 attacks': the month of a name, not a date
    if word.lower() in ("may", "march") and not lead and not _g(m, "mod"):
        if not _MAY_CUES.search(ctx.before(m.start(), 12)):
            return None
    mon = _month(word)
    direction = {"last": "prev", "next": "next", "this past": "prev", "this coming": "next"}.get(lead)
    return "DATE", MonthOf(mon, direction or _dir(m, ctx))


def year(m: re.Match, ctx: Context):
    """'2021', 'fiscal 1989', 'the end of 1990'."""
    nxt = ctx.after(m.end(), 20).lower().split()
    if nxt and nxt[0].strip(".,;:") in lx.NOT_YEAR_AFTER:
        return None
    if re.search(r"[$#€£/]\s*$|\bNo\.\s*$|\bflight\s*$|\broute\s*$|\bpage\s*$", ctx.before(m.start(), 8), re.I):
        return None
    if re.search(rf"\b(?:{lx.NUMBER_BEFORE})\s*$", ctx.before(m.start(), 20), re.I):
        return None  # 'UN resolution 1973', 'Boeing 1973': a number, not a year
    if ctx.live_clock(m.start("year")):
        return None  # '2012 Thomas Ewald, the leader of a rescue unit, says ...' on a live page: 20:12
    return "DATE", OnDate(str(int(_s(m, 'year'))))


def _spelled_year(words: str) -> int | None:
    """A year written in words: 'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    w = [x for x in re.split(r"[\s-]+", words.lower()) if x != "and"]
    if w[:2] == ["two", "thousand"]:
        return 2000 + sum(int(lx.NUMBERS.get(x, 0)) for x in w[2:])
    if not w or w[0] not in lx.NUMBERS:
        return None
    century = int(lx.NUMBERS[w[0]]) * 100
    rest = w[1:]
    return century if rest == ["hundred"] else century + sum(int(lx.NUMBERS.get(x, 0)) for x in rest)


def spelled_year(m: re.Match, ctx: Context):
    """'nineteen ninety-six', 'the year two thousand', 'January nineteen ninety-seven'."""
    y = _spelled_year(_s(m, "sp"))
    if y is None:
        return None
    if _g(m, "mon"):
        return "DATE", OnDate(f"{y}-{_month(_s(m, 'mon')):02d}")
    return "DATE", OnDate(str(y))


def weekend(m: re.Match, ctx: Context):
    """'the weekend', 'over the weekend'."""
    return "DATE", Weekend(_dir(m, ctx))


def decade(m: re.Match, ctx: Context):
    """'the 1990s', 'the mid-1990s', "the '80s"."""
    digits = _s(m, "dec")
    if digits.startswith("'"):
        digits = ("19" if int(digits[1]) > 2 else "20") + digits[1:]
    return "DATE", OnDate(digits[:3])


def weekday(m: re.Match, ctx: Context):
    """'Friday', 'last Friday', 'Friday afternoon'."""
    n = _weekday(_s(m, "wd"))
    lead = (_g(m, "rel") or "").lower().split()
    direction = "prev" if lead and lead[-1] in ("last", "past") else "next" if lead and lead[-1] in ("next", "coming") else _dir(m, ctx)
    pod = _pod(_g(m, "pod"))
    return ("TIME" if pod else "DATE"), WeekdayOf(n, direction, clock=pod)


def weekday_set(m: re.Match, ctx: Context):
    """'Tuesdays', 'every Friday'."""
    return "SET", Recurrence(f"XXXX-WXX-{_weekday(_s(m, 'wd'))}")


_REL_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def relative_day(m: re.Match, ctx: Context):
    """'today', 'yesterday', 'tomorrow morning', 'tonight', 'last night', 'this morning'."""
    word = _s(m, "w").lower()
    pod = _pod(_g(m, "pod"))
    if word in ("today", "tomorrow") and _generic_now(m, ctx):
        return None
    if word == "tonight":
        pod = "TNI"
    if word == "last":
        return "TIME", Shift("D", -1, clock="TNI")
    if word == "this":
        return "TIME", Shift("D", 0, clock=pod)
    k = _REL_DAYS[word]
    return ("TIME" if pod else "DATE"), Shift("D", k, clock=pod)


_ANAPHORIC_DAYS = {"before": -1, "previous": -1, "after": 1, "next": 1, "following": 1, "same": 0}


def anaphoric_day(m: re.Match, ctx: Context):
    """'the day before', 'the next day', 'that day': a day counted from the date mentioned just before."""
    text = m.group(0).lower()
    if "yesterday" in text or "tomorrow" in text:
        return "DATE", Shift("D", -2 if "yesterday" in text else 2)
    k = next((v for w, v in _ANAPHORIC_DAYS.items() if w in text), 0)
    return "DATE", Anaphor("shift", k, "D")


def anaphoric_unit(m: re.Match, ctx: Context):
    """'that year', 'the following month', 'later that year': counted from the date mentioned just before."""
    text = m.group(0).lower()
    k = next((v for w, v in _ANAPHORIC_DAYS.items() if w in text), 0)
    return "DATE", Anaphor("shift", k, _unit(_g(m, "unit") or _s(m, "unit2")))


def holiday(m: re.Match, ctx: Context):
    """'Thanksgiving', 'Christmas Day', 'last Christmas'."""
    name = re.sub(r"\s+", " ", _s(m, "h").lower())
    lead = (_g(m, "rel") or "").lower().strip()
    direction = {"last": "prev", "next": "next", "this": "near"}.get(lead) or _dir(m, ctx)
    if name.startswith("thanksgiving"):
        return "DATE", NthWeekday(*lx.THANKSGIVING, direction)
    mon, day = lx.HOLIDAYS[name]
    return "DATE", MonthDay(mon, day, direction)


def coming_units(m: re.Match, ctx: Context):
    """'the coming weeks', 'coming months': an unknown stretch after the anchor."""
    return "DURATION", Stretch(_duration(None, _s(m, "unit")), "next")


def century(m: re.Match, ctx: Context):
    """'the 20th century' -> '19'."""
    n = int(_s(m, "n"))
    return ("DATE", OnDate(f"{n - 1:02d}")) if 1 <= n <= 21 else None


_SHIFT_WORDS = {
    "last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1, "the previous": -1, "the last": -1,
    "next": 1, "coming": 1, "the coming": 1, "this coming": 1, "the next": 1,
    "this": 0, "current": 0, "the current": 0, "earlier this": 0, "later this": 0, "the same": 0,
    "this fiscal": 0, "the current fiscal": 0, "next fiscal": 1, "last fiscal": -1, "the latest fiscal": -1,
}


def relative_unit(m: re.Match, ctx: Context):
    """'last week', 'next month', 'this year', 'earlier this month', 'the end of this year'."""
    lead = re.sub(r"\s+", " ", _s(m, "rel").lower().strip())
    k = _SHIFT_WORDS.get(lead)
    if k is None or _is_title(m, ctx):
        return None
    unit = _unit(_s(m, "unit"))
    if unit == "Q" and k != 0 and not lead.startswith("the"):
        return "DATE", Shift("Q", k)
    if lead in ("the past", "the last", "the next", "the coming") and unit in ("D", "W", "M", "DE", "CE"):
        return "DURATION", Stretch(_duration(1, _s(m, "unit")), "past" if k < 0 else "next")
    return "DATE", Shift(unit, k)


def unit_ago(m: re.Match, ctx: Context):
    """'two weeks ago', 'a year earlier', 'three days later', 'in two years'."""
    n = _num(_s(m, "n"))
    unit = _unit(_s(m, "unit"))
    tail = _s(m, "tail").lower().split()[0]
    sign = 1 if tail in ("later", "from", "hence") else -1
    if n is None:
        return "DATE", Vague("FUTURE_REF" if sign > 0 else "PAST_REF", unit)
    if unit == "Y" and n == 1 and sign < 0 and ctx.report_quarter and _mentions_quarter(m, ctx):
        return "DATE", _year_before(ctx.report_quarter)
    if unit in ("H", "S", "M") and _s(m, "unit").lower().startswith(("hour", "minute", "second")):
        return "DURATION", Stretch(_duration(n, _s(m, "unit")))
    if unit == "WE":
        unit = "W"
    if tail in ("earlier", "later"):  # counted from the time just talked about, not from the document date
        return "DATE", Anaphor("offset", int(sign * n), unit, _duration(n, _s(m, "unit")))
    return "DATE", Offset(int(sign * n), unit)


def _mentions_quarter(m: re.Match, ctx: Context) -> bool:
    """Whether a year-ago comparison in a quarterly report is about the reported quarter, not a longer period."""
    if not ctx.report_quarter:
        return False
    before = ctx.text[max(0, m.start() - 250):m.start()].lower()
    return not re.search(r"nine months|six months|first half|the year\b|fiscal year|for the year", before)


def _year_before(report_quarter: QuarterOf) -> QuarterOf:
    """The same quarter one year earlier."""
    return replace(report_quarter, years=-1)


def duration(m: re.Match, ctx: Context):
    """'two years', 'a week', 'the past three months', 'two-year', 'several days'."""
    word = _s(m, "n").lower().strip()
    n = _first_number(word)
    if n is not None and _g(m, "half"):
        n += 0.5
    lead = (_g(m, "lead") or "").lower().split()
    unit_word = _s(m, "unit")
    if word in ("a", "an", "per") and _is_rate(m, ctx):
        return "SET", Recurrence(_duration(1, unit_word))
    if word in ("a", "an") and not lead and not _g(m, "half") and unit_word.lower() in ("day", "night") and not ctx.before(m.start(), 12).strip().lower().endswith(("for", "than")):
        return None
    if not lead and word in ("some", "many"):
        return None
    if unit_word.lower().startswith("quarter") and re.match(r"\s+of\b", ctx.after(m.end(), 5)):
        return None
    if word in ("a", "an") and unit_word.lower() == "second":
        return None
    value = _duration(n, unit_word)
    if lead and lead[-1] in ("past", "last", "previous", "latest"):
        return "DURATION", Stretch(value, "past")
    if lead and lead[-1] in ("next", "coming", "following"):
        return "DURATION", Stretch(value, "next")
    return "DURATION", Stretch(value)


def _first_number(words: str) -> float | None:
    """The number of a quantity, the lower end of a range ('two to three' -> 2, '12-18' -> 12)."""
    n = _num(words)
    if n is None:
        n = _num(re.split(r"\s+(?:to|or)\s+|-(?=\d)", words)[0])
    return n


def _is_rate(m: re.Match, ctx: Context) -> bool:
    """Whether 'a year' follows an amount or 'times' ('$33 million a year', 'twice a day'): a SET."""
    if _s(m, "n").lower() == "per":
        return True
    before = ctx.before(m.start(), 40).lower()
    return bool(re.search(r"(?:\d|million|billion|thousand|times|twice|once|percent|%|cents?|dollars?|"
                          r"seconds|minutes|hours|days|nights|weeks|months)\s*$", before))


def bare_plural(m: re.Match, ctx: Context):
    """'for years', 'in recent weeks', 'months ago'."""
    return "DURATION", Stretch(_duration(None, _s(m, "unit")))


def recent_units(m: re.Match, ctx: Context):
    """'recent weeks', 'recent years' -> vague past with a grain."""
    unit = _unit(_s(m, "unit"))
    if unit == "Y":
        return "DATE", Vague("PAST_REF", unit)
    return "DURATION", Stretch(_duration(None, _s(m, "unit")), "past")


def vague(m: re.Match, ctx: Context):
    """'now', 'currently', 'recently', 'the past', 'the future', 'soon'."""
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word.startswith(("the near", "the short", "future ")):
        return "DATE", Vague("FUTURE_REF")
    if word == "now" and re.match(r"\s+that\b", ctx.after(m.end(), 8)):
        return None
    if word == "current":
        nxt = re.match(r"\s+([a-z]+)", ctx.after(m.end(), 20))
        if not nxt or nxt.group(1) in ("of", "and", "or", "to", "is", "was", "are", "in"):
            return None
    return "DATE", Vague(lx.VAGUE[word])


def quarter(m: re.Match, ctx: Context):
    """'the third quarter', 'third-quarter', 'the fiscal first quarter', "this year's third quarter"."""
    q = lx.ORDINALS.get((_g(m, "ord") or "").lower())
    if q is None:
        return None
    if _g(m, "year") or _g(m, "year2"):
        return "DATE", OnDate(f"{_g(m, 'year') or _g(m, 'year2')}-Q{q}")
    pre = (_g(m, "pre") or "").lower()
    if "last year" in pre:
        return "DATE", QuarterOf(q, "past", -1)
    if "next year" in pre:
        return "DATE", QuarterOf(q, "past", 1)
    return "DATE", QuarterOf(q, _dir(m, ctx))


def the_quarter(m: re.Match, ctx: Context):
    """'the quarter', 'the latest quarter', 'the year-earlier quarter', 'the latest period'."""
    words = m.group(0).lower()
    if "year-earlier" in words or "year-ago" in words or "year earlier" in words:
        if ctx.report_quarter and _mentions_quarter(m, ctx):
            return "DATE", _year_before(ctx.report_quarter)
        return "DATE", Shift("Y", -1)
    if "current" in words or "this" in words:
        return "DATE", Shift("Q", 0)
    if "period" in words and not ctx.report_quarter:
        return None
    return "DATE", ctx.report_quarter or Shift("Q", -1)


def year_earlier(m: re.Match, ctx: Context):
    """'year-earlier' and 'year-ago' used as adjectives."""
    if ctx.report_quarter and _mentions_quarter(m, ctx):
        return "DATE", _year_before(ctx.report_quarter)
    return "DATE", Shift("Y", -1)


def half(m: re.Match, ctx: Context):
    """'the first half', 'the second half of 1989'."""
    h = 1 if _s(m, "ord").lower() == "first" else 2
    if _g(m, "year"):
        return "DATE", OnDate(f"{_g(m, 'year')}-H{h}")
    tail = (_g(m, "rel") or "").lower()
    k = -1 if "last" in tail else 1 if "next" in tail else 0
    if k:
        return "DATE", PartOfYear(k, f"H{h}")
    return "DATE", HalfOf(h)


def months_period(m: re.Match, ctx: Context):
    """'the nine months', 'the first nine months', 'the first six months' (financial periods)."""
    n = _num(_s(m, "n"))
    past = "past" if re.search(r"\b(?:past|last|latest)\b", m.group(0).lower()) else None
    return ("DURATION", Stretch(f"P{int(n)}M", past)) if n else None


def season(m: re.Match, ctx: Context):
    """'last fall', 'this summer', 'the winter of 1994', 'spring 2022'."""
    code = lx.SEASONS[_s(m, "s").lower()]
    if _g(m, "year"):
        return "DATE", OnDate(f"{_g(m, 'year')}-{code}")
    lead = (_g(m, "rel") or "").lower().strip()
    direction = {"last": "prev", "this past": "prev", "next": "next", "this coming": "next", "the coming": "next",
                 "this": "near"}.get(lead, _dir(m, ctx))
    if not lead and not _g(m, "mod") and _s(m, "s").lower() == "fall":
        return None
    if _s(m, "s")[0].isupper() and not _sentence_start(m.start(_g_index(m, "s")), ctx):
        return None  # a name: 'Spring of Life', 'Prague Spring'
    return "DATE", SeasonOf(code, direction)


def the_year(m: re.Match, ctx: Context):
    """'the year', 'the full year', 'the fiscal year': a duration when a closing date follows ('the year ended
    Sept. 30'), else the anchor's year."""
    if re.match(r"\s+(?:ended|ending|to\b|through)", ctx.after(m.end(), 12)):
        return "DURATION", Stretch("P1Y")
    return "DATE", Shift("Y", 0)


def year_end(m: re.Match, ctx: Context):
    """'year-end', 'year end', "year's end": the end of the current year."""
    return "DATE", Shift("Y", 0)


def clock_time(m: re.Match, ctx: Context):
    """'3 p.m.', '10:35 a.m. EDT', 'noon', 'midnight'."""
    c = _clock(_s(m, "clock"))
    return ("TIME", Shift("D", 0, clock=c)) if c else None


def part_of_day(m: re.Match, ctx: Context):
    """'this morning', 'the morning', 'overnight'."""
    word = re.split(r"[\s-]", m.group(0).lower())[-1]
    k = -1 if word == "overnight" else 0
    return "TIME", Shift("D", k, clock=f"T{lx.PARTS_OF_DAY[word]}")


def frequency(m: re.Match, ctx: Context):
    """'daily', 'weekly', 'annually'."""
    word = m.group(0).lower()
    if word in ("daily", "weekly", "monthly") and (
            re.match(r"\s+(?:newspaper|paper|magazine|[A-Z])", ctx.after(m.end(), 15))
            or re.search(r"\baverage\s+$", ctx.before(m.start(), 10))):
        return None  # a newspaper ('the party daily Granma') or an average, not a recurrence
    if m.group(0)[0].isupper() and not _sentence_start(m.start(), ctx):
        return None  # a name: "People's Daily"
    return "SET", Recurrence(lx.FREQUENCIES[word])


def every(m: re.Match, ctx: Context):
    """'every week', 'each month', 'every other day'."""
    unit_word = _s(m, "unit")
    n = 2 if _g(m, "other") else 1
    return "SET", Recurrence(_duration(n, unit_word))


def _generic_now(m: re.Match, ctx: Context) -> bool:
    """Whether 'today's world' or 'the people of tomorrow' means the present age, not a day."""
    after = ctx.after(m.end(), 20).lower()
    word = re.match(r"'s\s+(\w+)", after)
    if word is not None and word.group(1) in lx.GENERIC_AFTER_TODAY:
        return True
    return bool(re.search(r"\bof\s+$", ctx.before(m.start(), 5).lower())) and m.group(0).lower() == "tomorrow"


def _sentence_start(char: int, ctx: Context) -> bool:
    """Whether only quotes, spaces or nothing precede an offset on its line or after a full stop."""
    before = ctx.before(char, 6)
    return not before.strip(" \t\"'`") or bool(re.search(r"(?:[.!?:]|\n)[\s\"'`]*$", before))


def _g_index(m: re.Match, name: str) -> int:
    """The group number of a named group."""
    return m.re.groupindex[name]


def _is_title(m: re.Match, ctx: Context) -> bool:
    """Whether a relative expression is capitalised mid-sentence: a name ('This Week', 'Next Year Foundation')."""
    words = m.group(0).split()
    return len(words) > 1 and all(w[0].isupper() for w in words) and not _sentence_start(m.start(), ctx)


def _dir(m: re.Match, ctx: Context) -> str:
    """The completion direction for a partial date from the governing verb's tense."""
    return ctx.direction(m.start())


# (rule label, pattern, handler); the longest match wins where matches overlap, then the earlier rule.
_QMOD = r"(?:latest|last|previous|current|recent|most\s+recent|same|year-earlier|year-ago|fiscal|year\s+earlier)"
_WD_LEAD = rf"(?:{WEEKDAY_LEAD},?\s+)?"
_MOD_LEAD = r"(?P<mod>(?:(?:the\s+)?(?:early-?|late-?|mid-?)|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of)\s*)?"
RULES: list[tuple[str, str, Handler]] = [
    ("full-date", rf"{_WD_LEAD}(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})\s*,?\s+(?P<year>{YEAR}|{_OLD_YEAR}){E}", full_date),
    ("full-date", rf"{_WD_LEAD}(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})\s*,?\s+(?P<year>{YEAR}|{_OLD_YEAR}){E}", full_date),
    ("full-date", rf"(?P<year>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}", numeric_date),
    ("full-date", rf"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<year>\d{{4}}|\d\d){E}", numeric_date),
    ("month-day", rf"{_MOD_LEAD}{_WD_LEAD}(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})(?![\w-]|\s*,?\s*\d)", month_day),
    ("month-day", rf"{_WD_LEAD}(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}){E}", month_day),
    ("month-year", rf"{_MOD_LEAD}(?P<mon>{MONTH})(?:\s+of)?\s*,?\s+(?P<year>{YEAR}){E}", month_year),
    ("month-year", rf"{_MOD_LEAD}(?P<mon>{MONTH_FULL})\s+(?P<rel>(?i:this|last|next))\s+year{E}", month_rel_year),
    ("month", rf"{_MOD_LEAD}(?P<rel>(?i:last|next|this\s+past|this\s+coming|this)\s+)?(?P<mon>{MONTH_FULL}){E}", month_alone),
    ("year", rf"{_MOD_LEAD}(?:the\s+year\s+|fiscal\s+(?:year\s+)?|(?:calendar|model)\s+year\s+)?(?P<year>{YEAR})(?![\w%-]|,\d|\.\d|\s*(?:%|percent))", year),
    ("year", rf"{B}(?:(?P<mon>{MONTH_FULL})\s+|(?i:the\s+year\s+))?(?P<sp>(?i:{SPELLED_YEAR})){E}", spelled_year),
    ("relative-unit", rf"{B}(?i:the\s+weekend){E}", weekend),
    ("relative-unit", rf"{B}(?i:the\s+(?:full\s+|fiscal\s+|current\s+fiscal\s+|same\s+)?year){E}(?!'|\s+(?:before|after|earlier|ago|later|of|in\s+which|when))", the_year),
    ("year", rf"{_MOD_LEAD}(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s{E}", decade),
    ("weekday", rf"(?P<rel>(?i:(?:last|next|this|this\s+past|this\s+coming|coming|past|early|late)\s+))?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?(?![\w-])", weekday),
    ("set", rf"(?:(?:every|each)\s+)?(?P<wd>{WEEKDAY})s{E}", weekday_set),
    ("set", rf"(?:every|each)\s+(?P<wd>{WEEKDAY}){E}", weekday_set),
    ("relative-day", rf"{B}(?:(?i:late|early)\s+)?(?P<w>(?i:today|tonight|yesterday|tomorrow))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?{E}", relative_day),
    ("relative-day", rf"{B}(?P<w>(?i:last))\s+(?i:night){E}", relative_day),
    ("relative-day", rf"{B}(?P<w>(?i:this))\s+(?P<pod>(?i:morning|afternoon|evening)){E}", relative_day),
    ("relative-day", rf"{B}(?i:(?:the\s+)?day\s+(?:before|after)\s+(?:yesterday|tomorrow)){E}", anaphoric_day),
    ("relative-day", rf"{B}(?i:the\s+(?:next|following|previous|same)\s+day|the\s+day\s+(?:before|after)|(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day){E}", anaphoric_day),
    ("relative-unit", rf"{B}(?i:(?:(?:earlier|later)\s+)?that\s+(?P<unit>year|month|week)|the\s+(?:following|previous|same)\s+(?P<unit2>year|month|week)){E}", anaphoric_unit),
    ("month-day", rf"{B}(?P<rel>(?i:last|next|this)\s+)?(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Independence\s+Day|Valentine's\s+Day|Halloween){E}", holiday),
    ("duration", rf"{B}(?i:(?:the\s+)?coming\s+(?P<unit>days|weeks|months|years)){E}", coming_units),
    ("year", rf"{B}(?i:(?:the\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\s+century){E}", century),
    ("relative-unit", rf"{B}(?i:(?:(?:the\s+)?(?:early|late|mid-?)\s*|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+)?(?P<rel>(?:earlier|later)\s+this|this\s+past|this\s+coming|the\s+current|the\s+coming|the\s+previous|the\s+past|the\s+next|the\s+same|last|next|this|coming|past|previous|current|(?:this|the\s+current|next|last|the\s+latest)\s+fiscal)\s+(?P<unit>{UNIT_SG})){E}", relative_unit),
    ("relative-unit", rf"{B}(?i:(?:(?:about|around|almost|nearly|some|more\s+than|less\s+than|only|just)\s+)?(?P<n>{NUMBER_RANGE})[\s-]+(?:more\s+)?(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<tail>ago|earlier|later|from\s+now|hence)){E}", unit_ago),
    ("relative-unit", rf"{B}(?i:year-end|year\s+end|year's\s+end|the\s+end\s+of\s+the\s+year){E}", year_end),
    ("relative-unit", rf"{B}(?i:(?:the\s+(?:{_QMOD}\s+)?|{_QMOD}\s+)(?:fiscal\s+)?quarter|the\s+(?:latest|year-earlier|year-ago|comparable|same)\s+period){E}", the_quarter),
    ("relative-unit", rf"{B}(?i:year-earlier|year-ago){E}", year_earlier),
    ("relative-unit", rf"{B}(?i:(?P<pre>(?:the\s+(?!(?:\w+\s+)?(?:{ORDINAL}|fourth)-))?(?:(?:this|last|next)\s+year's\s+|(?:fiscal\s+)?(?P<year>{YEAR})(?:'s)?\s+|fiscal[\s-]+|latest\s+)?)(?P<ord>{ORDINAL}|fourth)[\s-]+(?:fiscal[\s-]+)?quarter)(?:\s+of\s+(?P<year2>{YEAR}))?{E}", quarter),
    ("relative-unit", rf"{B}(?i:(?:the\s+)?(?P<ord>first|second|last|latter)\s+half(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this\s+year|next\s+year|last\s+year|the\s+year)))?){E}", half),
    ("duration", rf"{B}(?i:the\s+(?:first\s+|past\s+|latest\s+|last\s+|year-earlier\s+)?(?P<n>nine|six|three|9|6|3)\s+months){E}", months_period),
    ("relative-unit", rf"{B}(?i:{_MOD_LEAD}(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+coming|the)\s+)?(?P<mod2>(?i:early|late)\s+)?(?P<s>(?i:{SEASON}))(?:\s+(?:of\s+)?(?P<year>{YEAR}))?{E}", season),
    ("duration", rf"{B}(?i:(?:{APPROX}\s+)?(?P<lead>(?:the\s+)?(?:first|past|last|next|previous|coming|latest|following|final|other)\s+)?(?P<n>{NUMBER_RANGE}|per)(?:\s+more)?[\s-]+(?P<unit>{UNIT})(?:-long|(?P<half>\s+and\s+a\s+half))?){E}(?!-old|\s+(?:ago|earlier|later|from\s+now|old))", duration),
    ("duration", rf"{B}(?i:(?:the\s+)?(?:past|next|coming|last)\s+(?:few|several)\s+(?P<unit>{UNIT})){E}", bare_plural),
    ("duration", rf"(?i:for|over|in|within|take|takes|took|taking|lasted|last)\s+(?P<x>(?i:(?P<unit>years|months|weeks|decades|hours|days))){E}(?!\s+(?:ago|earlier|later|of\s+(?:the|his|her|their)))", bare_plural),
    ("vague", rf"{B}(?i:recent\s+(?P<unit>days|weeks|months|years|decades)){E}", recent_units),
    ("vague", rf"{B}(?i:the\s+(?:near|short)\s+term|future\s+(?:days|weeks|months|quarters|years)){E}", vague),
    ("vague", rf"{B}(?i:now|currently|current|nowadays|these\s+days|at\s+present|right\s+now|recently|lately|formerly|the\s+past|the\s+(?:near\s+|distant\s+)?future){E}(?!\s+(?:(?:few|several|two|three|four|five|six|\d+)\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?))", vague),
    ("time", rf"{B}(?:(?i:around|approximately)\s+)?(?P<clock>{CLOCK}){ZONE}?", clock_time),
    ("time", rf"{B}(?i:this\s+(?:morning|afternoon|evening)|the\s+(?:morning|afternoon|evening)|overnight|(?:mid-?)(?:morning|afternoon)){E}", part_of_day),
    ("set", rf"{B}(?i:daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly){E}", frequency),
    ("set", rf"{B}(?i:(?:every|each)\s+(?P<other>other\s+)?(?P<unit>{UNIT_SG})){E}", every),
]

_COMPILED = [(rule, re.compile(B + pat if not pat.startswith(("(?<", B)) else pat), h) for rule, pat, h in RULES]

_TIME_JOIN = re.compile(rf"^{ZONE}?,?\s+(?:on\s+)?$")
_JOINABLE = ("weekday", "month-day", "full-date", "relative-day")


def _candidates(ctx: Context) -> list[Found]:
    """Every match of every rule, with its handler's reading."""
    out = []
    for order, (rule, rx, handler) in enumerate(_COMPILED):
        for m in rx.finditer(ctx.text):
            if m.end() == m.start():
                continue
            got = handler(m, ctx)
            if got is None:
                continue
            typ, meaning = got
            start, end = m.span("x") if "x" in rx.groupindex else m.span()
            while end > start and ctx.text[end - 1] in " ,":
                end -= 1
            out.append(Found(start, end, typ, meaning, rule, order))
    return out


def _select(found: list[Found]) -> list[Found]:
    """Non-overlapping matches: longest first, then by rule order."""
    keep: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.order, f.start)):
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        keep.append(f)
        taken.append((f.start, f.end))
    return sorted(keep, key=lambda f: f.start)


def _join_times(found: list[Found], text: str) -> list[Found]:
    """Merge a clock time with the date right after it: '10 p.m. Wednesday', '5 p.m. EST Nov. 9'."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev and prev.rule == "time" and prev.meaning.clock and prev.meaning == Shift("D", 0, clock=prev.meaning.clock)
                and f.rule in _JOINABLE and _TIME_JOIN.match(text[prev.end:f.start])):
            out[-1] = Found(prev.start, f.end, "TIME", replace(f.meaning, clock=prev.meaning.clock), "time")
            continue
        out.append(f)
    return out


def _report_quarter(text: str, sdoc: Doc) -> QuarterOf | None:
    """The quarter a financial report is about: the first quarter named in it ('third quarter')."""
    m = re.search(rf"(?i:\b(?P<ord>{ORDINAL}|fourth)[\s-]+(?:fiscal[\s-]+)?quarter)", text)
    if not m or not re.search(r"(?i)\b(?:net income|a share|profit|earnings|revenue|sales)\b", text):
        return None
    return QuarterOf(lx.ORDINALS[_s(m, 'ord').lower()], "past")


def _sentence_index(sdoc: Doc) -> tuple[list[int], Callable[[int], int]]:
    """Sentence starts and a function from a character offset to its sentence's index."""
    starts = [s.start_char for s in sdoc.sents] if len(sdoc) else [0]

    def index(char: int) -> int:
        return max(0, bisect.bisect_right(starts, char) - 1)

    return starts, index


def tag(sdoc: Doc, doc_id: str, dct: dt.date | None = None) -> list[TimeExpression]:
    """The time expressions of a parsed document; values resolved against dct when it is given."""
    text = text_of(sdoc)
    ctx = Context(text=text, sdoc=sdoc, report_quarter=_report_quarter(text, sdoc))
    found = _join_times(_select(_candidates(ctx)), text)
    _, sentence_of = _sentence_index(sdoc)
    out = []
    reference: TimeMeaning | None = None  # the last date mentioned, without its time of day
    for i, f in enumerate(found):
        guessed = isinstance(f.meaning, Anaphor)
        if isinstance(f.meaning, Anaphor):
            f.type, f.meaning = _anaphor(f.meaning, reference, dct)
            if isinstance(f.meaning, Shift | Offset):
                f.rule = "anaphoric"  # 'the next day' with no date before it: counted from the report, a guess
        if f.type in ("DATE", "TIME") and isinstance(f.meaning, _REFERENCES):
            reference = replace(f.meaning, clock="")
        absolute = isinstance(f.meaning, OnDate | Recurrence) or (isinstance(f.meaning, Stretch) and not f.meaning.side)
        t = TimeExpression(doc=doc_id, index=i, sentence=sentence_of(f.start), start=f.start, end=f.end,
                           text=text[f.start:f.end], type=f.type, value="", anchored=not absolute, meaning=f.meaning,
                           rule=_label(f))
        if dct is not None or absolute:
            value, interval = resolve(t, dct or dt.date(2000, 1, 1))
            t.value, t.interval = value, interval
            t.certain = absolute and interval is not None and not guessed
        else:
            t.value = cal.unanchored_value(f.meaning)
        out.append(t)
    return out


def find(doc: Document, sdoc: Doc, settings: Settings = DEFAULT) -> list[TimeExpression]:
    """The time expressions of a parsed document, before it is dated."""
    return tag(sdoc, doc.id)


# the meanings a later 'the day before' or 'three days later' may count from
_REFERENCES = (OnDate, MonthDay, WeekdayOf, Shift, PartOfYear, Offset, MonthOf, NthWeekday, Counted)


@dataclass(frozen=True)
class Anaphor(TimeMeaning):
    """What the tagger makes of 'the day before' (how 'shift', k -1, unit D) or 'three days later' (how 'offset',
    k 3, unit D, duration 'P3D') until it knows the date mentioned before it."""

    how: str
    k: int
    unit: str
    duration: str = ""


def _anaphor(a: Anaphor, reference: TimeMeaning | None, dct: dt.date | None) -> tuple[str, TimeMeaning]:
    """(type, meaning) of an anaphoric expression, counted from the date mentioned before it: absolute when that
    date is absolute or a DCT is given, else counted from it when it resolves; without a usable reference, 'the
    day before' counts from the anchor and 'three days later' is only a duration."""
    if reference is not None:
        if isinstance(reference, OnDate) or dct is not None:
            value, _span = cal.resolve_meaning(reference, dct or dt.date(2000, 1, 1))
            base = cal.reference_day(value, a.unit)
            if base is not None:
                return "DATE", OnDate(cal.move(a.how, a.unit, a.k, base), clock=a.clock)
        elif cal.reference_day(cal.resolve_meaning(reference, dt.date(2000, 6, 15))[0], a.unit) is not None:
            return "DATE", Counted(a.how, a.k, a.unit, reference, clock=a.clock)
    if a.how == "shift" or dct is not None:
        return "DATE", (Shift(a.unit, a.k, clock=a.clock) if a.how == "shift" else Offset(a.k, a.unit, clock=a.clock))
    return "DURATION", Stretch(a.duration)


RULE_LABELS = frozenset({"weekday", "month-day", "full-date", "month-year", "month", "year", "relative-day", "anaphoric",
                         "relative-unit", "vague", "duration", "set", "time"})


def _label(f: Found) -> str:
    """The stable rule label of a match (see TimeExpression.rule)."""
    if f.rule == "time":
        return "time"
    if isinstance(f.meaning, Stretch) and f.rule != "vague":
        return "duration"
    if isinstance(f.meaning, Recurrence):
        return "set"
    if isinstance(f.meaning, Vague):
        return "vague"
    if f.rule in ("weekday", "relative-day", "month-day") and f.meaning.clock:
        return "time"
    if f.rule == "month":
        return "month-year" if isinstance(f.meaning, OnDate) else "month"
    return f.rule


def resolve(t: TimeExpression, anchor: dt.date) -> tuple[str, Interval | None]:
    """The TIMEX3 value and the days a time expression denotes when its document is dated `anchor`."""
    if t.meaning is None:
        return t.value, None
    value, span = cal.resolve_meaning(t.meaning, anchor)
    if span is None:
        return value, None
    return value, Interval.of(*span)
