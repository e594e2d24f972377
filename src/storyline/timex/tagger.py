"""Temporal tagger (placeholder until the timex work lands)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from storyline.records import Interval, TimeExpression


def tag(sdoc: Doc, doc_id: str, dct: dt.date | None = None) -> list[TimeExpression]:
    """The time expressions of a parsed document; values resolved against dct when it is given."""
    return []


def resolve(t: TimeExpression, anchor: dt.date) -> tuple[str, Interval | None]:
    """The TIMEX3 value and the days a time expression denotes when its document is dated `anchor`."""
    return t.value, None
