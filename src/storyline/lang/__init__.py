"""Language data: every word list and table the stages read, one folder per language (lang/en/*.tsv), one loader.

Every file is a tab-separated table: lines starting with '#' are comments, the first other line names the columns,
and a cell holding several items separates them with '|'. `table(name)` reads one as a list of rows (dicts);
`items(cell)` splits a list cell. Data that is not about a language (the PLOVER categories) sits in lang/ itself.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")  # the languages page dates are read in; the rest is English


def items(cell: str | None) -> list[str]:
    """The items of a list cell ('a|b|c'), stripped, empty ones left out."""
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


@lru_cache(maxsize=64)
def table(name: str, lang: str | None = "en") -> tuple[dict[str, str], ...]:
    """The rows of a data table (lang/<lang>/<name>.tsv, or lang/<name>.tsv for lang None), read once."""
    folder = resources.files("storyline.lang")
    return read(folder.joinpath(lang).joinpath(f"{name}.tsv") if lang else folder.joinpath(f"{name}.tsv"))


def read(path: Traversable) -> tuple[dict[str, str], ...]:
    """The rows of any table in this format (storyline's other shipped tables use it too)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return ()
    columns = lines[0].split("\t")
    return tuple({c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns)}
                 for cells in (line.split("\t") for line in lines[1:]))


def column(name: str, col: str, lang: str | None = "en") -> list[str]:
    """One column of a table, in order."""
    return [row[col] for row in table(name, lang)]


def word_sets(name: str, lang: str | None = "en", key: str = "kind", words: str = "words") -> dict[str, frozenset[str]]:
    """A table of word lists by kind ('light' -> {'hold', 'make', ...}) as sets."""
    return {row[key]: frozenset(items(row[words])) for row in table(name, lang)}


def numbered(kind: str, langs: tuple[str, ...] = ("en",)) -> dict[str, int]:
    """Month ('month') or ISO weekday ('weekday', Monday 1) numbers by lower-case name, from the calendars."""
    return {name: int(row["number"]) for lang in langs for row in table("calendar", lang) if row["kind"] == kind
            for name in items(row["names"])}


def full_names(kind: str) -> dict[str, int]:
    """The full English month or weekday names only ('monday' -> 1, not 'mon'), for searching running text."""
    return {items(row["names"])[0]: int(row["number"]) for row in table("calendar") if row["kind"] == kind}


def reporting_verbs(use: str) -> frozenset[str]:
    """The lemmas of the reporting verbs with one use: 'speech', 'statement' or 'announcing'."""
    return frozenset(row["lemma"] for row in table("reporting_verbs") if use in items(row["uses"]))


def plover(column_name: str) -> dict[str, str]:
    """A column of the PLOVER category table by category, in the codebook's order ('quad', 'same_event', ...)."""
    return {row["category"]: row[column_name] for row in table("plover", None)}
