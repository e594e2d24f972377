"""What a line of scraped text looks like, as numbers a classifier can weigh: its own shape (length,
punctuation, function words, capitals, link- and menu-like marks, what the chrome pattern table says of it),
where it stands (position, the paragraph block around it, how much running text lies above and below) and
what its neighbours look like. `line_features` gives one row per line; `context_features` adds what a first
pass of the classifier said about the neighbours ('the neighbours' labels').
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storyline import lang

# the pattern table's kinds, grouped as the classifier sees them
KIND_GROUPS = {
    "comment": "comment", "end": "end", "list": "list", "teaser": "teaser",
    "ad": "ad", "cookie": "ad", "share": "menu", "tagline": "menu", "widget": "menu", "stamp": "menu",
    "credit": "credit", "byline": "credit", "source": "credit",
}
GROUPS = ("comment", "end", "list", "teaser", "ad", "menu", "credit", "date")

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)\]]*$")
_BULLET = re.compile(r"^(?:[-–—•·*►▶▸>»|]|\d{1,3}[.)]\s)")
_SEPARATORS = re.compile(r"\s[|•·»›/▪–—]\s|\s[|»›]$")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w|\S+@\S+\.\w")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
                    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                    r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”«»„]")
_HANDLE_SAYS = re.compile(r"^\S{2,40}(?: \S{1,20})? (?:says|said|wrote|writes|replied|commented)\s?:", re.IGNORECASE)
# a teaser's headline glued to its summary by a flattened card ('... Student-AthleteA 24-year-old woman ...')
_GLUED = re.compile(r"[a-z0-9][?!'’\")”]?[A-Z][a-z]")

OWN = ("log_chars", "log_words", "sentence_end", "colon_end", "starts_upper", "bullet", "punct_ratio",
       "digit_ratio", "upper_ratio", "title_ratio", "function_ratio", "separators", "commas_per_word", "link",
       "date", "time", "mean_word_len", "quote", "handle_says", "glued", *(f"kind_{g}" for g in GROUPS))
PLACE = ("position", "char_position", "blank_before", "blank_after", "repeats", "relative_length",
         "prose_above", "prose_below", "block_lines", "block_chars", "block_mean_length", "block_prose",
         "in_main", "after_main_start", "before_main_end", "cohesion")
NEIGHBOURS = tuple(f"{name}_{d:+d}" for d in (-2, -1, 1, 2) for name in ("log_chars", "sentence_end",
                                                                         "function_ratio", "title_ratio"))
WINDOWS = tuple(f"{name}_w{w}" for w in (3, 10) for name in ("log_chars", "prose"))
FEATURES = OWN + PLACE + NEIGHBOURS + WINDOWS
CONTEXT = ("p", "p_-1", "p_+1", "p_-2", "p_+2", "p_w3", "p_w10", "p_above", "p_below", "p_block",
           "p_between", "p_cohesion", "p_in_stretch", "p_after_stretch", "p_before_stretch")
PROSE_WORDS = 12  # a line of running text: at least this many words, ending like a sentence
MAIN_WORDS = 8  # lines of this many words count for the main stretch of text, shorter ones against it


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Function words of every language (lang/<code>/function_words.tsv)."""
    return frozenset(w for code in lang.LANGUAGES for w in lang.column("function_words", "word", code))


def own_features(line: str, group: str | None) -> list[float]:
    """The features of a (normalized, non-empty) line by itself, in the order of OWN."""
    chars = len(line)
    words = _WORD.findall(line)
    n_words = len(words)
    letters = sum(map(str.isalpha, line))
    upper = sum(map(str.isupper, line))
    digits = sum(map(str.isdigit, line))
    spaces = line.count(" ")
    punct = chars - letters - digits - spaces
    alpha_words = [w for w in words if w[0].isalpha()]
    stop = function_words()
    n_function = sum(map(stop.__contains__, map(str.lower, words)))
    row = [
        math.log1p(chars), math.log1p(n_words), float(bool(_SENTENCE_END.search(line))),
        float(line.endswith(":")), float(line[0].isupper()), float(bool(_BULLET.match(line))),
        punct / chars, digits / chars, upper / letters if letters else 0.0,
        sum(w[0].isupper() for w in alpha_words) / len(alpha_words) if alpha_words else 0.0,
        n_function / n_words if n_words else 0.0, float(len(_SEPARATORS.findall(line))),
        line.count(",") / n_words if n_words else 0.0, float(bool(_LINK.search(line))),
        float(bool(_MONTH.search(line))), float(bool(_TIME.search(line))),
        sum(map(len, words)) / n_words if n_words else 0.0, float(bool(_QUOTE.search(line))),
        float(bool(_HANDLE_SAYS.match(line))), float(len(_GLUED.findall(line))),
    ]
    row.extend(float(group == g) for g in GROUPS)
    return row


@dataclass
class Page:
    """The non-empty lines of a page with what the features need to know about their layout."""

    lines: list[str]
    groups: list[str | None]  # what the pattern table says of each line (a KIND_GROUPS value, 'date' or None)
    blank_before: list[bool]
    blank_after: list[bool]


def _shift(column: np.ndarray, d: int, fill: float) -> np.ndarray:
    """The column moved by d rows (row i gets row i+d), padded with `fill`."""
    out = np.full_like(column, fill)
    n = len(column)
    if d < 0 and n + d > 0:
        out[-d:] = column[:n + d]
    elif d > 0 and n - d > 0:
        out[:n - d] = column[d:]
    return out


def _window_mean(column: np.ndarray, w: int) -> np.ndarray:
    """The mean of the column over the rows within w of each row."""
    padded = np.concatenate([[0.0], np.cumsum(column)])
    idx = np.arange(len(column))
    lo, hi = np.maximum(0, idx - w), np.minimum(len(column), idx + w + 1)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _blocks(blank_before: Sequence[bool]) -> np.ndarray:
    """The block number of each line: a blank line starts a new block."""
    return np.cumsum(np.array(blank_before, dtype=float)).astype(int)


def _per_block(values: np.ndarray, blocks: np.ndarray, how: str) -> np.ndarray:
    """Each line's block's sum or mean of a value."""
    sums: np.ndarray = np.bincount(blocks, weights=values)
    if how == "mean":
        sums = sums / np.maximum(1, np.bincount(blocks))
    return sums[blocks]


def best_run(gain: np.ndarray, floor: float = -np.inf) -> tuple[int, int]:
    """(first, last) index of the run with the largest sum of gains (all of them when no run beats `floor`)."""
    best, best_span = floor, (0, len(gain) - 1)
    run, start = 0.0, 0
    for k, g in enumerate(gain):
        if run <= 0:
            run, start = 0.0, k
        run += g
        if run > best:
            best, best_span = run, (start, k)
    return best_span


def main_stretch(words: np.ndarray) -> tuple[int, int]:
    """(first, last) line of the stretch where long lines most outweigh short ones: each line counts its words,
    for when it has MAIN_WORDS or more, else against (the largest sum over a run of lines)."""
    return best_run(np.where(words >= MAIN_WORDS, words, -np.maximum(words, 1.0)), -1.0)


def kept_stretch(p: np.ndarray, words: np.ndarray) -> tuple[int, int]:
    """(first, last) line of the run where what the first pass kept most outweighs what it dropped, each line
    weighing its words (the largest sum of (p - 0.5) * words over a run)."""
    return best_run((p - 0.5) * np.maximum(words, 1.0))


def content_words(line: str) -> frozenset[str]:
    """The line's words that say what it is about: lower-cased, three letters or more, no function words."""
    stop = function_words()
    return frozenset(w for w in map(str.lower, _WORD.findall(line)) if len(w) >= 3 and not w.isdigit() and w not in stop)


def cohesion(words: Sequence[frozenset[str]], weight: np.ndarray) -> np.ndarray:
    """For each line, the share of its content words that other lines use, each other line counting `weight`
    (what the page is about, where `weight` marks its article: teasers and menus talk of other things)."""
    found: Counter[str] = Counter()
    for ws, w in zip(words, weight, strict=True):
        if w:
            for x in ws:
                found[x] += w
    out = np.zeros(len(words))
    for k, (ws, w) in enumerate(zip(words, weight, strict=True)):
        if ws:
            out[k] = sum(found[x] - w > 0 for x in ws) / len(ws)
    return out


def line_features(page: Page) -> np.ndarray:
    """One row of FEATURES per line of the page."""
    n = len(page.lines)
    if not n:
        return np.zeros((0, len(FEATURES)))
    own = np.array([own_features(line, g) for line, g in zip(page.lines, page.groups, strict=True)])
    col = {name: own[:, i] for i, name in enumerate(OWN)}
    chars = np.array([len(x) for x in page.lines], dtype=float)
    words = np.expm1(col["log_words"])
    prose = ((words >= PROSE_WORDS) & (col["sentence_end"] > 0)).astype(float)
    prose_chars = prose * chars
    total_prose = prose_chars.sum() or 1.0
    above = (np.cumsum(prose_chars) - prose_chars) / total_prose
    counts = Counter(x.lower() for x in page.lines)
    blocks = _blocks(page.blank_before)
    first, last = main_stretch(words)
    index = np.arange(n)
    in_main = ((index >= first) & (index <= last)).astype(float)
    topics = [content_words(x) for x in page.lines]
    place = np.column_stack([
        np.arange(n) / max(1, n - 1), (np.cumsum(chars) - chars) / chars.sum(),
        np.array(page.blank_before, dtype=float), np.array(page.blank_after, dtype=float),
        np.log([counts[x.lower()] for x in page.lines]), chars / chars.max(),
        above, 1.0 - above - prose_chars / total_prose,
        np.log1p(_per_block(np.ones(n), blocks, "sum")), np.log1p(_per_block(chars, blocks, "sum")),
        _per_block(col["log_chars"], blocks, "mean"), _per_block(prose, blocks, "mean"),
        in_main, (index - first) / n, (last - index) / n, cohesion(topics, in_main * prose),
    ])
    neighbours = np.column_stack([_shift(col[name], d, -1.0) for d in (-2, -1, 1, 2)
                                  for name in ("log_chars", "sentence_end", "function_ratio", "title_ratio")])
    windows = np.column_stack([_window_mean(c, w) for w in (3, 10) for c in (col["log_chars"], prose)])
    return np.hstack([own, place, neighbours, windows])


def context_features(features: np.ndarray, p: np.ndarray, page: Page) -> np.ndarray:
    """The line features with what the first pass said of each line and its neighbours (CONTEXT), how much
    the line shares the words of the lines it kept, and where the line stands to the stretch it kept most of."""
    n = len(p)
    if not n:
        return np.zeros((0, features.shape[1] + len(CONTEXT)))
    above = np.maximum.accumulate(np.concatenate([[0.0], p[:-1]]))
    below = np.maximum.accumulate(np.concatenate([[0.0], p[::-1][:-1]]))[::-1]
    blocks = _blocks(page.blank_before)
    words = np.array([len(_WORD.findall(x)) for x in page.lines], dtype=float)
    first, last = kept_stretch(p, words)
    index = np.arange(n)
    context = np.column_stack([
        p, _shift(p, -1, 0.0), _shift(p, 1, 0.0), _shift(p, -2, 0.0), _shift(p, 2, 0.0),
        _window_mean(p, 3), _window_mean(p, 10), above, below, _per_block(p, blocks, "mean"),
        np.minimum(above, below), cohesion([content_words(x) for x in page.lines], p * (p >= 0.5)),
        ((index >= first) & (index <= last)).astype(float), np.maximum(0, index - last) / n,
        np.maximum(0, first - index) / n,
    ])
    return np.hstack([features, context])
