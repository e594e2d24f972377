"""Plain text: remove site chrome line by line, record the dates printed in it, find the headline.

The chrome patterns are language data in storyline/lang/en/chrome.tsv. A line is chrome when a pattern of
its kind matches; after a list header ('Related articles') short headline-like lines are chrome until a
paragraph comes; after an end marker ('Source link', 'Leave a Reply') only long paragraphs are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from storyline import lang
from storyline.clean.comments import thread_start
from storyline.clean.lines import (
    KIND_GROUPS,
    MAIN_WORDS,
    PROSE_WORDS,
    Page,
    best_run,
    context_features,
    line_features,
    main_stretch,
)
from storyline.clean.pagedates import LineDate, line_date
from storyline.records import PageDate

MAX_CHARS = 200  # longer lines are content, whatever they say ...
MAX_CHARS_BY_KIND = {"cookie": 600}  # ... except cookie banners
TAIL_CHARS = 120  # patterns not anchored at the start must match within the end of a line
PARAGRAPH_CHARS = 150  # a line this long is a paragraph: it ends a list, and survives after an end marker
HEADER_CHARS = 80  # the page's header area ends at the first kept line this long
MAX_HEADLINE_WORDS, MAX_HEADLINE_CHARS = 30, 200
SUBHEADING_WORDS = 10  # a headline-like line this short between two paragraphs of the main stretch is kept
UNSURE = 0.2  # running text in the article's stretch is kept unless the classifier's probability is below this
LEANING = 0.4  # the article's stretch: the run where the classifier's probabilities most exceed this, word for word
CLOSING_FLOOR = 0.1  # a sentence right before or after the article's stretch is kept from this probability up
MAX_HEADER_LINES = 8  # above the first paragraph: lines before the headline there are the page's masthead
KIND_ORDER = ("end", "list", "widget")  # tried first: the other kinds only say 'chrome'
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")  # not white space to str.split()
_ENDS_SENTENCE = re.compile(r"\w ?[.!?]['\"”’]?$")  # floating patterns are not tried on such lines
_MARKDOWN = re.compile(r"^(?:#{1,6} +(?P<heading>.+)|(?P<mark>\*\*|\*|__|_)(?P<wrapped>[^*_].*?)(?P=mark))$")
_HEADLINE_END = re.compile(r"\w[)\"”’'?!]{0,2}$")  # a headline ends on a word (or a quote, '?' or '!')
_HAS_SENTENCE_END = re.compile(r"\w[.!?…]['\"”’)]*(?:\s|$)")  # a sentence ends in the line
_SENTENCE_END = re.compile(r"[.!?…:;,]['\"”’)\]]*$")


@dataclass
class Cleaned:
    """The clean text of a plain-text page, its headline and the dates printed in its chrome."""

    text: str
    title: str | None = None
    page_dates: list[PageDate] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, kind) of each chrome line


@lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The chrome table compiled: anchored patterns (tried at the start of a line only), floating ones
    (searched), each with a named group per kind; the cookie patterns alone, for long banners; and the
    inline chrome cut out of lines."""
    table: dict[str, list[str]] = {}
    for row in lang.table("chrome"):
        table.setdefault(row["kind"].strip(), []).append(row["pattern"].strip())
    inline = re.compile("|".join(f"(?:{r})" for r in table.pop("inline", ["(?!)"])), re.IGNORECASE | re.MULTILINE)
    cookie = re.compile("|".join(f"(?:{r})" for r in table.pop("cookie", ["(?!)"])), re.IGNORECASE)
    kinds = [k for k in KIND_ORDER if k in table] + [k for k in table if k not in KIND_ORDER]

    def combine(keep: Callable[[str], bool], strip: int) -> re.Pattern[str]:
        groups = [f"(?P<{k}>{'|'.join(f'(?:{r[strip:]})' for r in table[k] if keep(r))})"
                  for k in kinds if any(keep(r) for r in table[k])]
        return re.compile("|".join(groups) or "(?!)", re.IGNORECASE)

    anchored = combine(lambda r: r.startswith("^"), 1)
    floating = combine(lambda r: not r.startswith("^"), 0)
    return anchored, floating, cookie, inline


def normalize_line(line: str) -> str:
    """A line with its white space collapsed and stripped, without Markdown heading marks or wrapping emphasis."""
    line = " ".join(line.split())
    if line[:1] in "#*_":
        line = _MARKDOWN.sub(r"\g<heading>\g<wrapped>", line)
    return line


def chrome_kind(line: str) -> str | None:
    """The kind of chrome a (normalized) line is, or None for content."""
    anchored, floating, cookie, _ = patterns()
    if len(line) <= MAX_CHARS:
        m = anchored.match(line)
        if m is None and not _ENDS_SENTENCE.search(line, max(0, len(line) - 4)):
            m = floating.search(line, max(0, len(line) - TAIL_CHARS))
        if m:
            return m.lastgroup
    if len(line) <= MAX_CHARS_BY_KIND["cookie"] and "cookie" in line.lower() and cookie.search(line):
        return "cookie"
    return None


def cut_inline(text: str) -> str:
    """The text with invisible characters and inline chrome ('Click To Tweet', '[ad_1]') replaced by spaces."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(" ", text)
    inline = patterns()[3]
    return inline.sub(" ", text) if inline.search(text) else text


def is_headline(line: str) -> bool:
    """A short line without sentence-final punctuation that starts with a capital or a digit."""
    words = line.split()
    return (2 <= len(words) <= MAX_HEADLINE_WORDS and len(line) <= MAX_HEADLINE_CHARS
            and bool(_HEADLINE_END.search(line)) and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"))


def _date_role(found: LineDate, header: bool, near_widget: bool) -> tuple[str, str]:
    """(role, where) of a chrome date from its label, its weekday and where it stands."""
    where = "widget" if near_widget else ("header" if header else "footer")
    if found.role:
        return found.role, where
    if near_widget or (header and found.weekday):
        return "rendered", where
    return "unknown", where


@dataclass
class Lines:
    """The non-empty lines of a plain-text page, normalized, with what the pattern table says of each."""

    number: list[int]  # 1-based line number in the text
    text: list[str]
    kinds: list[str | None]  # the pattern table's kind (list items and lines after an end marker included)
    dates: list[LineDate | None]  # for a line that is nothing but a date in chrome
    blank_before: list[bool]
    blank_after: list[bool]
    inline: list[int]  # 1-based numbers of lines that were nothing but inline chrome

    def page(self) -> Page:
        """The lines as the classifier's features read them."""
        groups = ["date" if d is not None else KIND_GROUPS.get((k or "").removesuffix("-item"))
                  for k, d in zip(self.kinds, self.dates, strict=True)]
        return Page(lines=self.text, groups=groups, blank_before=self.blank_before, blank_after=self.blank_after)


def read_lines(text: str) -> Lines:
    """The page's non-empty lines with their pattern kinds, chrome dates and the blank lines around them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    originals = text.split("\n")
    lines = [normalize_line(x) for x in cut_inline(text).split("\n")]
    out = Lines(number=[], text=[], kinds=[], dates=[], blank_before=[], blank_after=[],
                inline=[i + 1 for i, x in enumerate(lines) if not x and originals[i] and not originals[i].isspace()])
    mode: str | None = None
    blank = True
    for i, line in enumerate(lines):
        if not line:
            blank = True
            if out.text:
                out.blank_after[-1] = True
            continue
        kind = chrome_kind(line)
        found = line_date(line) if kind is None or kind in ("widget", "list") else None
        if found is None:
            if kind is None and _listed(mode, line):
                kind = f"{mode}-item"
            mode = _next_mode(mode, kind)
        out.number.append(i + 1)
        out.text.append(line)
        out.kinds.append(kind)
        out.dates.append(found)
        out.blank_before.append(blank)
        out.blank_after.append(False)
        blank = False
    return out


def learned_content(lines: Lines) -> list[bool]:
    """Which lines the trained classifier keeps as content (see clean/model.py)."""
    from storyline.clean import model

    m = model.load()
    page = lines.page()
    features = line_features(page)
    first = m.first.probability(features)
    second = m.second.probability(context_features(features, first, page))
    content = second >= m.threshold
    keep_running_text(lines, second, content)
    if not any(c and k is None and d is None for c, k, d in zip(content, lines.kinds, lines.dates, strict=True)):
        return [True] * len(content)  # a page is not all chrome: the pattern table alone decides
    return list(content)


def keep_running_text(lines: Lines, p: np.ndarray, content: np.ndarray) -> None:
    """Keep (in `content`) the running text of the article's stretch: where the page's main stretch of long lines
    and the run of lines the classifier leans to keeping overlap (the largest sum of (p - LEANING) * words, lines
    the pattern table calls chrome counting for nothing), a line of PROSE_WORDS or more in which a sentence ends
    unless the classifier is sure it is chrome (p below UNSURE), and a short subheading between two kept lines;
    and the sentence right before and right after that stretch (`sentences_around`)."""
    texts = lines.text
    words = np.array([len(x.split()) for x in texts], dtype=float)
    main_lo, main_hi = main_stretch(words)
    gain = np.where([k is None for k in lines.kinds], (p - LEANING) * np.maximum(words, 1.0), 0.0)
    leaning_lo, leaning_hi = best_run(gain)
    lo, hi = max(main_lo, leaning_lo), min(main_hi, leaning_hi)
    for k in range(lo, hi + 1):
        if words[k] >= PROSE_WORDS and p[k] >= UNSURE and _HAS_SENTENCE_END.search(texts[k]):
            content[k] = True
    for k in range(lo + 1, hi):
        if (content[k - 1] and content[k + 1] and is_headline(texts[k]) and words[k] <= SUBHEADING_WORDS
                and ":" not in texts[k]):
            content[k] = True
    if lo <= hi:
        content[sentences_around(lines, p, words, (lo, hi), (main_lo, main_hi))] = True


def sentences_around(lines: Lines, p: np.ndarray, words: np.ndarray, article: tuple[int, int],
                     main: tuple[int, int]) -> list[int]:
    """The line right before and the line right after the `article` stretch, each when it lies in the `main`
    stretch, is a sentence (MAIN_WORDS or more words, a sentence ending in it, no pattern-table kind or chrome
    date) and the classifier is not all but certain it is chrome (p of CLOSING_FLOOR or more): an article's short
    closing paragraph ('The White House is expected to comment on Thursday.') scores low on its own."""

    def sentence(k: int) -> bool:
        return (main[0] <= k <= main[1] and words[k] >= MAIN_WORDS and lines.kinds[k] is None
                and lines.dates[k] is None and p[k] >= CLOSING_FLOOR and bool(_HAS_SENTENCE_END.search(lines.text[k])))

    return [k for k in (article[0] - 1, article[1] + 1) if sentence(k)]


def strip_chrome(text: str, find_title: bool = True, known_title: str | None = None,
                 learned: bool = True) -> Cleaned:
    """The text without its chrome lines, paragraphs separated by blank lines, and what was found.

    With `learned`, a line is chrome when the trained classifier says so or the pattern table does; without,
    the pattern table alone decides (for text an extractor already took out of a page)."""
    lines = read_lines(text)
    content = learned_content(lines) if learned else [True] * len(lines.text)
    thread = thread_start(lines.text, lines.kinds)
    if thread is None:
        thread = len(lines.text)
    out = Cleaned(text="")
    out.removed = [(n, "inline") for n in lines.inline]
    kept: list[tuple[int, str]] = []  # (1-based line, text)
    dropped: list[tuple[int, str]] = []  # lines the classifier took for chrome: one may be the headline
    header = True
    for k, (number, line, kind, found) in enumerate(zip(lines.number, lines.text, lines.kinds, lines.dates,
                                                        strict=True)):
        if k >= thread:  # reader comments, their dates included
            out.removed.append((number, "comment"))
            continue
        if found is not None:
            near = any(0 <= j < len(lines.kinds) and lines.kinds[j] == "widget" for j in (k - 1, k + 1))
            role, where = _date_role(found, header, near)
            if found.date is not None:
                out.page_dates.append(PageDate(text=found.text, date=found.date, role=role, where=where,
                                               line=number))
            out.removed.append((number, "date"))
            continue
        if kind is None and not content[k]:
            kind = "learned"
            dropped.append((number, line))
        if kind is not None:
            out.removed.append((number, kind))
            continue
        header = header and len(line) < HEADER_CHARS
        kept.append((number, line))
    out.title, texts = _headline(kept, find_title, known_title, out.removed)
    if out.title is None and find_title and kept:
        headline = _dropped_headline(dropped, kept[0][0])
        if headline is not None:  # the headline is not chrome: it leaves the text as the title
            out.title = headline[1]
            out.removed.remove((headline[0], "learned"))
    out.removed.sort()
    out.text = "\n\n".join(texts)
    return out


def _listed(mode: str | None, line: str) -> bool:
    """True for a line that the list header or end marker above makes chrome: a short line (after a list
    header, a headline-like one)."""
    if mode is None or len(line) >= PARAGRAPH_CHARS:
        return False
    return mode == "end" or not _SENTENCE_END.search(line)


def _next_mode(mode: str | None, kind: str | None) -> str | None:
    """The state after a line: 'end' once an end marker is seen, 'list' after a list header until content."""
    if mode == "end" or kind == "end":
        return "end"
    if kind == "list":
        return "list"
    return mode if kind is not None else None


def is_paragraph(line: str) -> bool:
    """A line of running text: not headline-like, and long or a sentence of several words."""
    return not is_headline(line) and (len(line) >= 80 or len(line.split()) >= 6)


def is_masthead(line: str) -> bool:
    """A site name with a tagline or a breadcrumb ('Asia Desk | Trade & Policy'): not the headline."""
    return " | " in line or " › " in line or " » " in line


def _dropped_headline(dropped: list[tuple[int, str]], first_kept: int) -> tuple[int, str] | None:
    """The headline among the lines the classifier dropped: the nearest headline-like line of three words or
    more above the first kept line, within MAX_HEADER_LINES of the lines it dropped there."""
    above = [(number, line) for number, line in dropped if number < first_kept][-MAX_HEADER_LINES:]
    return next(((number, line) for number, line in reversed(above)
                 if is_headline(line) and not is_masthead(line) and len(line.split()) >= 3), None)


def _headline(kept: list[tuple[int, str]], find_title: bool, known_title: str | None,
              removed: list[tuple[int, str]]) -> tuple[str | None, list[str]]:
    """The headline (taken out of the text) and the remaining lines; header lines above the headline
    (mastheads, section labels, navigation) are chrome and go to `removed`."""
    texts = [t for _, t in kept]
    if not kept:
        return known_title, texts
    if known_title and normalize_line(known_title).lower() == texts[0].lower():
        return known_title, texts[1:]
    if known_title or not find_title:
        return known_title, texts
    first_paragraph = next((k for k, t in enumerate(texts) if is_paragraph(t)), None)
    if first_paragraph is None or first_paragraph > MAX_HEADER_LINES:
        return (texts[0], texts[1:]) if len(texts) >= 2 and is_headline(texts[0]) else (None, texts)
    at = next((k for k in range(first_paragraph) if is_headline(texts[k]) and not is_masthead(texts[k])), None)
    if at is None:
        return None, texts
    removed.extend((line, "header") for line, _ in kept[:at])
    return texts[at], texts[at + 1:]
