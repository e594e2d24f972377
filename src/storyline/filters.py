"""The filters every query of the library takes (keywords, actor, category, date range), validated once, and how
each kind of record answers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline import validate
from storyline.records import Dated, Interval


@dataclass(frozen=True)
class Filters:
    """What a query asks for: every word of `query`; the actor `actor` (with the names it stands for, a country's
    people included); one PLOVER category; dates that reach into [date_from, date_to]."""

    query: str | None = None
    actor: str | None = None
    category: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor_names: frozenset[str] | None = None  # lowercased names the actor stands for

    @classmethod
    def checked(cls, query: str | None = None, actor: str | None = None, category: str | None = None,
                date_from: str | None = None, date_to: str | None = None) -> Filters:
        """The filters from what a user gave, each value validated and normalized (validate.BadValue if not)."""
        lo, hi = validate.date_range(date_from, date_to)
        return cls(validate.text(query), validate.text(actor), validate.category(category), lo, hi)

    def words(self) -> list[str]:
        """The keywords, lowercased."""
        return self.query.lower().split() if self.query else []

    def says(self, *texts: str | None) -> bool:
        """Whether the texts hold every keyword."""
        words = self.words()
        if not words:
            return True
        hay = " ".join(t for t in texts if t).lower()
        return all(w in hay for w in words)

    def names(self, parties: Iterable[str | None]) -> bool:
        """Whether any of the names is the actor: one of the names it stands for, when known, else a name holding
        it."""
        if not self.actor:
            return True
        if self.actor_names is not None:
            return any(p and p.lower() in self.actor_names for p in parties)
        key = self.actor.lower()
        return any(p and key in p.lower() for p in parties)

    def days(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day of the range (None where open)."""
        return (validate.span(self.date_from)[0] if self.date_from else None,
                validate.span(self.date_to)[1] if self.date_to else None)

    def dated(self, date: Dated | dict[str, Any] | None) -> bool:
        """Whether a date reaches into the range; with a range set, an unknown date does not."""
        lo_q, hi_q = self.days()
        if lo_q is None and hi_q is None:
            return True
        if isinstance(date, dict):  # the JSON form: its interval (or date) is enough, not its evidence
            iv = date.get("interval")
            date = Dated(date.get("date"), bool(date.get("certain")), Interval(iv[0], iv[1]) if iv else None, "")
        lo, hi = date.days() if date is not None else (None, None)
        if lo is None and hi is None:
            return False
        return not ((lo_q and hi is not None and hi < lo_q) or (hi_q and lo is not None and lo > hi_q))

    def event(self, row: dict[str, Any]) -> bool:
        """Whether an event record (as the API gives it) answers every filter."""
        return ((not self.category or row["category"] == self.category)
                and self.names(row["actors"] + row["recipients"]) and self.says(row["text"])
                and self.dated(row["date"]))
