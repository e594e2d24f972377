"""The actor mentions a coder sees, with their actors' display names: from storyline.actors when it gives
mentions, else from spaCy's named entities and the shipped knowledge table (a stand-in, switched by one call)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from storyline.actors import knowledge
from storyline.actors.core import LABELS
from storyline.records import Mention

_TITLES = re.compile(r"^(?:(?:the|president|presidents|prime|minister|foreign|secretary|mr|mrs|ms|dr|general|"
                     r"chancellor|premier|leader|chairman|king|queen|prince)\.?\s+)+", re.I)


def name_of(actor_id: str, text: str = "") -> str:
    """A display name for a canonical actor id ('RUS' -> 'Russia', 'person:xi-jinping' -> 'Xi Jinping')."""
    ent = knowledge.entity(actor_id)
    if ent is not None:
        return ent.name
    if actor_id.startswith("person:"):
        return " ".join(w.capitalize() for w in actor_id.split(":", 1)[1].split("-"))
    return text or actor_id


def from_mentions(mentions: list[Mention]) -> list[Mention]:
    """The actors stage's mentions linked to a canonical actor, with its display name."""
    return [replace(m, name=name_of(m.actor, m.text)) for m in mentions if m.actor]


def _person_names(sdoc: Doc) -> dict[str, str]:
    """Each part of a name written in the document -> its fullest form ('Putin' -> 'Vladimir Putin', 'Xi' ->
    'Xi Jinping')."""
    full: dict[str, str] = {}
    for ent in sdoc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _TITLES.sub("", ent.text.strip()).strip(" .,'’")
        name = re.sub(r"['’]s$", "", name)
        if not name or knowledge.affiliation(name):
            continue
        for part in name.split():
            key = part.lower()
            if len(name) > len(full.get(key, "")):
                full[key] = name
    return full


def from_entities(sdoc: Doc) -> list[Mention]:
    """Stand-in mentions from spaCy's entities: places and demonyms resolved by the knowledge table."""
    persons = _person_names(sdoc)
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in LABELS:
            continue
        party = entity_party(ent, persons)
        if party is not None:
            out.append(party)
    return out


def entity_party(ent: Span, persons: dict[str, str]) -> Mention | None:
    """One entity as a mention with a display name, or None when it names nothing we can use."""
    text = re.sub(r"['’]s?$", "", ent.text.strip()).strip()
    known = knowledge.affiliation(text)
    if known is not None and (ent.label_ != "PERSON" or known.type != "country" or known.how != "demonym"):
        return Mention(text=ent.text, name=known.name, actor=known.id, start=ent.start_char, end=ent.end_char,
                       label="GPE" if known.type in ("country", "place") else ent.label_)
    if ent.label_ == "PERSON":
        bare = _TITLES.sub("", text).strip()
        if not bare:
            return None
        words = bare.split()
        name = persons.get(words[-1].lower(), bare) if len(words) > 1 else persons.get(words[0].lower(), bare)
        return Mention(text=ent.text, name=name, actor="person:" + knowledge.slug(name), start=ent.start_char,
                       end=ent.end_char, label="PERSON")
    if ent.label_ in ("ORG", "GPE", "FAC") and text[:1].isupper():
        name = re.sub(r"^[Tt]he\s+", "", text)
        return Mention(text=ent.text, name=name, actor="org:" + knowledge.slug(name), start=ent.start_char,
                       end=ent.end_char, label=ent.label_)
    return None


def parties(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions a coder sees in a document: the actor mentions when there are any, else from entities."""
    linked = from_mentions(mentions)
    return linked if linked else from_entities(sdoc)
