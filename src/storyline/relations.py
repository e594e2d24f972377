"""Cooperation and conflict between actors over time, from PLOVER categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from storyline import lang
from storyline.records import Dated

# CAMEO's quad classes of the PLOVER categories: verbal and material cooperation, verbal and material conflict
COOPERATION = frozenset(c for c, quad in lang.plover("quad").items() if quad.endswith("cooperation"))
CONFLICT = frozenset(c for c, quad in lang.plover("quad").items() if quad.endswith("conflict"))


def side(actors: Iterable[dict[str, Any]], name: str) -> set[str]:
    """The actor names that stand for `name`: itself and, for a country, the people and bodies of that country."""
    actors = list(actors)
    key = name.lower()
    me = next((a for a in actors if a["name"].lower() == key or key in (x.lower() for x in a["aliases"] or [])), None)
    names = {name.lower()}
    if me is None:
        return names
    names.add(me["name"].lower())
    if me["type"] == "country" and me["country"]:
        names |= {a["name"].lower() for a in actors if a["country"] == me["country"]}
    return names


def event_month(event: dict[str, Any]) -> str | None:
    """The month an event record falls in (YYYY-MM), when the days its date allows lie within one month."""
    d = Dated.from_json(event["date"])
    lo, hi = d.days() if d else (None, None)
    return lo.strftime("%Y-%m") if lo and hi and (lo.year, lo.month) == (hi.year, hi.month) else None


def relation(event: dict[str, Any], a: set[str], b: set[str]) -> str | None:
    """What an event says of the relation between side a and side b: 'cooperation', 'conflict' or None.

    Only an act of one side on the other counts by its category (actor -> recipient, either way); two sides acting
    together ('Russia and China ... strongly oppose the resolution') cooperate, whatever they do to a third; two
    sides on the receiving end of one act say nothing of each other."""
    if event["negated"] or event["hypothetical"]:
        return None
    doers = {p.lower() for p in event["actors"]}
    targets = {p.lower() for p in event["recipients"]}
    if doers & a and doers & b:
        return "cooperation"
    if not ((doers & a and targets & b) or (doers & b and targets & a)):
        return None
    if event["category"] in COOPERATION:
        return "cooperation"
    if event["category"] in CONFLICT:
        return "conflict"
    return None


def monthly(events: Iterable[dict[str, Any]], a: set[str], b: set[str]) -> list[dict[str, Any]]:
    """Per month, how many acts between side a and side b were cooperation and how many conflict."""
    coop: Counter[str] = Counter()
    conf: Counter[str] = Counter()
    for e in events:
        kind = relation(e, a, b)
        month = event_month(e) if kind else None
        if month is None:
            continue
        (coop if kind == "cooperation" else conf)[month] += 1
    return [{"month": m, "cooperation": coop[m], "conflict": conf[m]} for m in sorted(set(coop) | set(conf))]
