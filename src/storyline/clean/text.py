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
KIND_ORDER = ("end", "list", "widget")  # tried first: the other kinds only say 'chrome'
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")  # not white space to str.split()
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
    """A line with its white space collapsed and stripped."""
    return " ".join(line.split())


def chrome_kind(line: str) -> str | None:
    """The kind of chrome a (normalized) line is, or None for content."""
    anchored, floating, cookie, _ = patterns()
    if len(line) <= MAX_CHARS:
        m = anchored.match(line) or floating.search(line, max(0, len(line) - TAIL_CHARS))
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
    return (2 <= len(words) <= 35 and len(line) <= 250 and not _SENTENCE_END.search(line)
            and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"))


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
    kept: list[str] = []
    mode: str | None = None
    header = True
    for i in nonblank:
        line, kind = lines[i], kinds[i]
        found = line_date(line) if kind is None or kind in ("widget", "list") else None
        if found is not None:
            near = any(j is not None and kinds[j] == "widget" for j in prev_next[i])
            role, where = _date_role(found, header, near)
            out.page_dates.append(PageDate(text=found.text, date=found.date, role=role, where=where, line=i + 1))
            out.removed.append((i + 1, "date"))
            continue
        if kind is None and mode is not None and len(line) < PARAGRAPH_CHARS:
            if mode == "end" or not _SENTENCE_END.search(line):
                kind = mode + "-item"
        if kind is not None:
            out.removed.append((i + 1, kind))
            if kind == "end":
                mode = "end"
            elif kind == "list" and mode != "end":
                mode = "list"
            continue
        if mode == "list" and (len(line) >= PARAGRAPH_CHARS or _SENTENCE_END.search(line)):
            mode = None
        if len(line) >= 80:
            header = False
        kept.append(line)
    out.removed.sort()
    out.title, kept = _headline(kept, find_title, known_title)
    out.text = "\n\n".join(kept)
    return out


def _headline(kept: list[str], find_title: bool, known_title: str | None) -> tuple[str | None, list[str]]:
    """The headline (taken out of the text) and the remaining lines."""
    if not kept:
        return known_title, kept
    if known_title and normalize_line(known_title).lower() == kept[0].lower():
        return known_title, kept[1:]
    if known_title or not find_title:
        return known_title, kept
    if len(kept) >= 2 and is_headline(kept[0]):
        return kept[0], kept[1:]
    return None, kept
