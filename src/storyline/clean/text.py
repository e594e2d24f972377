"""Plain text: remove site chrome line by line, record the dates printed in it, find the headline.

The chrome patterns are language data in storyline/data/chrome.txt. A line is chrome when a pattern of
its kind matches; after a list header ('Related articles') short headline-like lines are chrome until a
paragraph comes; after an end marker ('Source link', 'Leave a Reply') only long paragraphs are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from storyline.clean.pagedates import LineDate, line_date
from storyline.records import PageDate

MAX_CHARS = 200  # longer lines are content, whatever they say ...
MAX_CHARS_BY_KIND = {"cookie": 600}  # ... except cookie banners
TAIL_CHARS = 120  # patterns not anchored at the start must match within the end of a line
PARAGRAPH_CHARS = 150  # a line this long is a paragraph: it ends a list, and survives after an end marker
HEADER_CHARS = 80  # the page's header area ends at the first kept line this long
MAX_HEADLINE_WORDS, MAX_HEADLINE_CHARS = 30, 200
MAX_HEADER_LINES = 8  # above the first paragraph: lines before the headline there are the page's masthead
KIND_ORDER = ("end", "list", "widget")  # tried first: the other kinds only say 'chrome'
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")  # not white space to str.split()
_ENDS_SENTENCE = re.compile(r"\w ?[.!?]['\"”’]?$")  # floating patterns are not tried on such lines
_MARKDOWN = re.compile(r"^(?:#{1,6} +(?P<heading>.+)|(?P<mark>\*\*|\*|__|_)(?P<wrapped>[^*_].*?)(?P=mark))$")
_HEADLINE_END = re.compile(r"\w[)\"”’'?!]{0,2}$")  # a headline ends on a word (or a quote, '?' or '!')
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
    text = resources.files("storyline.data").joinpath("chrome.txt").read_text(encoding="utf-8")
    for row in text.splitlines():
        if row.strip() and not row.startswith("#"):
            kind, regex = row.split("\t", 1)
            table.setdefault(kind.strip(), []).append(regex.strip())
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


def strip_chrome(text: str, find_title: bool = True, known_title: str | None = None) -> Cleaned:
    """The text without its chrome lines, paragraphs separated by blank lines, and what was found."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    originals = text.split("\n")
    lines = [normalize_line(x) for x in cut_inline(text).split("\n")]
    kinds = [chrome_kind(x) if x else None for x in lines]
    nonblank = [i for i, x in enumerate(lines) if x]
    prev_next = {i: (nonblank[k - 1] if k else None, nonblank[k + 1] if k + 1 < len(nonblank) else None)
                 for k, i in enumerate(nonblank)}
    out = Cleaned(text="")
    out.removed = [(i + 1, "inline") for i, x in enumerate(lines) if not x and not originals[i].isspace()
                   and originals[i]]
    kept: list[tuple[int, str]] = []  # (1-based line, text)
    mode: str | None = None
    header = True
    for i in nonblank:
        line, kind = lines[i], kinds[i]
        found = line_date(line) if kind is None or kind in ("widget", "list") else None
        if found is not None:
            near = any(j is not None and kinds[j] == "widget" for j in prev_next[i])
            role, where = _date_role(found, header, near)
            if found.date is not None:
                out.page_dates.append(PageDate(text=found.text, date=found.date, role=role, where=where,
                                               line=i + 1))
            out.removed.append((i + 1, "date"))
            continue
        if kind is None and _listed(mode, line):
            kind = f"{mode}-item"
        mode = _next_mode(mode, kind)
        if kind is not None:
            out.removed.append((i + 1, kind))
            continue
        header = header and len(line) < HEADER_CHARS
        kept.append((i + 1, line))
    out.title, texts = _headline(kept, find_title, known_title, out.removed)
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
