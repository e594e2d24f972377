"""Pages that are no article: a page of listings (a broadcast schedule) yields no events, however many
sentences it has. A page is of a kind when it has at least MIN_LINES different lines of text and the share
of them that use the kind's words (lang/en/page_kinds.tsv) reaches the kind's share.

The share was set on the Timeline17 tuning topics (haiti, iraq, bpoil): their article pages of 40 lines or more
reach at most 0.10 ('broadcast schedule'), the Zyte pages once cleaned at most 0.06; the BBC radio listings of
the held-out MJ topic reach 0.19 to 0.31.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline import lang

MIN_LINES = 40  # a shorter page is told by its lines, not as a whole


@lru_cache(maxsize=1)
def kinds() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """(kind, share, pattern) of each page kind in the table."""
    return tuple((row["kind"], float(row["share"]), re.compile(row["pattern"], re.IGNORECASE))
                 for row in lang.table("page_kinds"))


def page_kind(text: str) -> str | None:
    """The kind of a page that is no article ('broadcast schedule'), or None for an article."""
    lines = list(dict.fromkeys(" ".join(x.split()) for x in text.split("\n") if x.strip()))  # a caption repeated counts once
    if len(lines) < MIN_LINES:
        return None
    for kind, share, pattern in kinds():
        if sum(bool(pattern.search(x)) for x in lines) >= share * len(lines):
            return kind
    return None
