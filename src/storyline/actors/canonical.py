"""One name everywhere: after the corpus has settled who is who, the names that events and quotes were given in
their document ('Ban Ki Moon', 'Gadhafi', 'Assad') become the catalogue's ('Ban Ki-moon', 'Muammar Gaddafi',
'Bashar al-Assad').

A document's events name parties by storyline.events.parties.name_of(actor, text); a quote's speaker by
storyline.actors.actor_name. Both, and the catalogue names of a previous build, are mapped to the new catalogue
name of the actor each mention is now linked to. A name that would map to two different actors in one document
is left as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.actors.lookup import actor_name
from storyline.records import Actor, Event, Mention, Quote


@dataclass
class Renames:
    """One document's renames: names (as events and quotes wrote them) and actor ids to their canonical forms."""

    names: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)


def renames(mentions: Iterable[Mention], links: dict[tuple[str, int], str | None], before: list[Actor],
            after: list[Actor]) -> dict[str, Renames]:
    """Per document, the names and ids to rewrite; `links` are the corpus corrections (doc, index) -> actor."""
    from storyline.events.parties import name_of as party_name

    old_name = {a.id: a.name for a in before}
    new_name = {a.id: a.name for a in after}
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    ids: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    doc_mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        doc_mentions[m.doc].append(m)
    for doc, ms in doc_mentions.items():
        written: dict[str, str | None] = {}  # actor id -> the name the document gives it (one pass per actor)
        for m in ms:
            if not m.actor:
                continue
            new = links.get((m.doc, m.index), m.actor)
            if not new or new not in new_name:
                continue
            ids[doc][m.actor].add(new)
            if m.label == "ROLE" and not m.actor.startswith("person:"):
                continue  # 'a US spokesperson' is no name of the United States
            if m.actor not in written:
                written[m.actor] = actor_name(m, ms)  # the same for every mention of the actor that gets here
            for old in (party_name(m.actor, m.text), old_name.get(m.actor), written[m.actor]):
                if old:
                    names[doc][old].add(new_name[new])
    out: dict[str, Renames] = {}
    for doc in set(names) | set(ids):
        r = Renames({k: next(iter(v)) for k, v in names[doc].items() if len(v) == 1 and next(iter(v)) != k},
                    {k: next(iter(v)) for k, v in ids[doc].items() if len(v) == 1 and next(iter(v)) != k})
        if r.names or r.ids:
            out[doc] = r
    return out


def rename_event(e: Event, r: Renames) -> Event:
    """An event with its actors and recipients under their canonical names (repeats dropped)."""
    e.actors = _unique(r.names.get(a, a) for a in e.actors)
    e.recipients = [x for x in _unique(r.names.get(a, a) for a in e.recipients) if x not in e.actors]
    return e


def rename_quote(q: Quote, r: Renames, after: dict[str, str]) -> Quote:
    """A quote whose speaker is an actor's name under the actor's canonical id and name."""
    if q.actor and q.actor in r.ids:
        named = q.speaker in r.names or q.speaker == q.actor
        q.actor = r.ids[q.actor]
        if named:
            q.speaker = after.get(q.actor, q.speaker)
    elif q.speaker in r.names:
        q.speaker = r.names[q.speaker]
    return q


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
