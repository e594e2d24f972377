"""Small helpers for the stages that consume mentions: the mention at a span and an actor's display name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline import lang
from storyline.actors import knowledge as kb
from storyline.records import Actor, Mention

# when two mentions cover a span, the one that says more about who acts wins
_PREFERENCE = {label: i for i, label in enumerate(lang.column("entity_labels", "label")) if label != "EVENT"}


def at(mentions: Sequence[Mention], start: int, end: int, doc: str | None = None) -> Mention | None:
    """The mention over the character span [start, end) (containing it, else overlapping it most), or None."""
    best: tuple[tuple[int, int, int], Mention] | None = None
    for m in mentions:
        if doc is not None and m.doc != doc:
            continue
        overlap = min(end, m.end) - max(start, m.start)
        if overlap <= 0 and not (start == end and m.start <= start < m.end):
            continue
        contains = m.start <= start and end <= m.end
        key = (0 if contains else 1, -overlap, _PREFERENCE.get(m.label, 9))
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None


def within(mentions: Iterable[Mention], start: int, end: int, doc: str | None = None) -> list[Mention]:
    """The mentions lying inside the character span [start, end), in text order."""
    return sorted((m for m in mentions if (doc is None or m.doc == doc) and start <= m.start and m.end <= end),
                  key=lambda m: m.start)


def name_of(actor: str | None, known: Iterable[Mention | Actor] = ()) -> str | None:
    """The display name of an actor id: 'Xi Jinping', 'Russia', 'United States', 'NATO'.

    `known` may hold catalogue Actors (their name wins) or a document's Mentions (the longest name written for
    that person); without them a person's name is rebuilt from its id.
    """
    if not actor:
        return None
    written: list[str] = []
    for k in known:
        if isinstance(k, Actor):
            if k.id == actor:
                return k.name
        elif k.actor == actor and k.label != "ROLE":
            written.append(k.text)
    entity = kb.entity(actor)
    if entity is not None:
        return entity.name
    exact = [t for t in written if _spells(t, actor)]
    if exact:
        return max(exact, key=exact.count)
    person = kb.person_by_id(actor)
    if person is not None:
        return person.name
    if written:
        return max(written, key=lambda t: (len(t.split()), len(t)))
    kind, _, rest = actor.partition(":")
    return " ".join(w.capitalize() for w in rest.split("-")) if rest else actor


def _spells(text: str, actor: str) -> bool:
    """Whether a written name spells an actor id exactly ('Xi Jinping' for 'person:xi-jinping')."""
    kind = actor.partition(":")[0]
    return f"{kind}:{kb.slug(text if kind == 'person' else kb.normalize(text))}" == actor


def names(actors: Iterable[str | None], known: Iterable[Mention | Actor] = ()) -> list[str]:
    """Display names of actor ids, without repeats, in order."""
    known = list(known)
    out: list[str] = []
    for a in actors:
        n = name_of(a, known)
        if n and n not in out:
            out.append(n)
    return out


def actor_name(mention: Mention, known: Iterable[Mention | Actor] = ()) -> str | None:
    """What to call the actor of a mention: the person's or country's canonical name; for a role that names no
    one, the role as written with its affiliation ('US spokesperson', 'senior diplomat (United States)')."""
    if not mention.actor:
        return None
    if mention.label == "ROLE" and not mention.actor.startswith("person:"):
        text = " ".join(mention.text.split())
        bare = text.split(" ", 1)[1] if text.lower().split(" ", 1)[0] in ("the", "a", "an") and " " in text else text
        if mention.role and bare.lower() == mention.role.lower():
            return f"{bare} ({name_of(mention.actor, known)})"
        return bare
    return name_of(mention.actor, known)
