"""The corpus-wide actor catalogue: one Actor per canonical id, with name, type, country, roles, aliases, count.

Mentions come linked within their document (core.find). Across the corpus two things are settled here:
- a lone surname ('person:xi') that no full name explained in its document joins the one full name of the corpus
  it fits ('person:xi-jinping');
- a definite role left at its country ('the Chinese president' -> 'CHN', because that document never said who
  the Chinese president is) joins the one person of the corpus with that country and a fitting role.
relink() gives those corrections so the store's mentions can be updated (Store.set_mention_actors).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from storyline.actors import knowledge as kb
from storyline.actors import spelling
from storyline.records import Actor, Mention
from storyline.settings import DEFAULT, Settings

_DEFINITE = ("the ", "his ", "her ", "its ", "their ")


def catalogue(mentions: Iterable[Mention], settings: Settings = DEFAULT) -> list[Actor]:
    """The corpus-wide canonical actors, from every mention."""
    ms = list(mentions)
    links = _corpus_links(ms)
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        actor = links.get((m.doc, m.index), m.actor)
        if actor:
            by_actor[actor].append(m)
    titles, used = _titles(ms, links)
    out = [_actor(actor, group, titles.get(actor, []), used) for actor, group in by_actor.items()]
    return sorted(out, key=lambda a: (-a.mentions, a.name))


def relink(mentions: Iterable[Mention], settings: Settings = DEFAULT) -> list[tuple[str, int, str | None]]:
    """(doc, index, actor) for mentions whose actor the whole corpus settles differently than their document."""
    ms = list(mentions)
    return [(doc, idx, actor) for (doc, idx), actor in sorted(_corpus_links(ms).items())]


# corpus-level links -----------------------------------------------------------------------------------------------
def _words(actor: str) -> list[str]:
    return actor.removeprefix("person:").split("-")


def _corpus_links(ms: list[Mention]) -> dict[tuple[str, int], str]:
    """Corrections (doc, index) -> actor: spellings of one person to one id, lone names to full names, names the
    model took for things to people, people the text puts where places go to places, definite roles to the person
    they fit."""
    counts = Counter(m.actor for m in ms if m.actor)
    docs: dict[str, set[str]] = defaultdict(set)
    written: dict[str, set[str]] = defaultdict(set)
    for m in ms:
        if m.actor:
            docs[m.actor].add(m.doc)
            written[m.actor].add(m.text)
    acronyms = {a for a, texts in written.items() if all(_acronym(t) for t in texts)}
    merge = _people_ids(counts, docs, acronyms)
    merge.update(_places_named_as_people(ms, counts))
    links: dict[tuple[str, int], str] = {}
    for m in ms:
        if m.actor in merge and merge[m.actor] != m.actor:
            links[(m.doc, m.index)] = merge[m.actor]
    actor_of = {(m.doc, m.index): links.get((m.doc, m.index), m.actor) for m in ms}
    country, roles = _profiles(ms, actor_of)
    for m in ms:
        if m.label != "ROLE" or not m.actor or m.actor.startswith("person:") or not m.role:
            continue
        if not m.text.lower().startswith(_DEFINITE) or m.role.lower().endswith("s"):
            continue
        if m.role.lower().split()[-1] == "counterpart":
            continue
        fits = [p for p, c in country.items() if c == m.actor and kb.fits_role(m.role, roles.get(p, Counter()))]
        if len(fits) == 1:
            links[(m.doc, m.index)] = fits[0]
    return links


def _acronym(text: str) -> bool:
    """'CND', 'the UN': letters all in capitals, an organisation's initials and never part of a person's name."""
    letters = [c for c in _bare(text) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _people_ids(counts: Counter, docs: dict[str, set[str]], acronyms: set[str]) -> dict[str, str]:
    """Each person id (and each one-word name the model took for an organization or place) -> the id of the
    person it spells: full names in any spelling to the most documented one ('Moammar Gadhafi' -> Muammar
    Gaddafi), and a full name that ends with another of the corpus to it ('Martin Argles Robin Cook', a photo
    credit glued to a name, -> Robin Cook); a lone family name to the full name it ends (_lone_name); lone names
    with no full name to their most mentioned spelling ('Qaddafi' -> 'Gaddafi')."""
    people = [p for p in counts if p.startswith("person:")]
    full = sorted((p for p in people if len(spelling.words(p)) >= 2), key=lambda p: (-len(docs[p]), -counts[p], p))
    by_last: dict[str, list[str]] = defaultdict(list)  # sound bucket of the family name -> full names, most first
    canon: dict[str, str] = {}
    for p in full:  # most documented first: each full name joins the first spelling of it already seen
        bucket = by_last[spelling.key(spelling.words(p)[-1])]
        canon[p] = next((q for q in bucket if canon[q] == q and spelling.same_person(p, q)), p)
        bucket.append(p)
    for p in full:  # 'martin-argles-robin-cook' -> 'robin-cook', when the shorter name is as well documented
        ws = _words(p)
        shorter = [q for q in full if canon[q] == q and len(_words(q)) < len(ws) and ws[-len(_words(q)):] == _words(q)
                   and len(docs[q]) >= len(docs[p])]
        if canon[p] == p and shorter:
            canon[p] = max(shorter, key=lambda q: len(_words(q)))
    support: dict[str, set[str]] = defaultdict(set)  # the documents that write a full name of each person
    by_first: dict[str, list[str]] = defaultdict(list)
    for p in full:
        support[canon[p]] |= docs[p]
        by_first[spelling.words(p)[0]].append(p)
    out = dict(canon)
    loose: list[str] = []
    for a in sorted((a for a in counts if _one_word(a) and a not in acronyms), key=lambda a: (-counts[a], a)):
        person = _lone_name(a, by_last, by_first, canon, support, docs)
        if person is not None:
            out[a] = person
        elif a.startswith("person:") and not any(spelling.variants(_word(a), spelling.words(p)[-1])
                                                 for p in by_last.get(spelling.key(_word(a)), [])):
            loose.append(a)
    loose_by: dict[str, list[str]] = defaultdict(list)
    for a in loose:  # lone names without a full name: one id per spelling group, the most mentioned spelling's
        bucket = loose_by[spelling.key(_word(a))]
        out[a] = next((b for b in bucket if out[b] == b and spelling.variants(_word(a), _word(b))), a)
        bucket.append(a)
    out.update(_groups(counts))
    return out


def _lone_name(actor: str, by_last: dict[str, list[str]], by_first: dict[str, list[str]], canon: dict[str, str],
               support: dict[str, set[str]], docs: dict[str, set[str]]) -> str | None:
    """The person a lone name written in documents that never give a full name stands for: the full name of the
    corpus whose family name it is (in any spelling for a person, as written for a name the model took for an
    organization or place: 'Cornwall' is no 'David Cornwell'), when that person is the only one with that family
    name or is written in full in three times as many documents as any other, and the corpus writes the full name
    in at least a quarter as many documents as the lone name alone ('Lord Goldsmith' of 16 documents is not the
    'Harvey Goldsmith' of one). A person's lone first name, only as written, when no family name fits ('Saddam');
    a name the model took for a place or organisation never by a first name ('Newtown' is no Newton Faulkner)."""
    word = _word(actor)
    found = {canon[p] for p in by_last.get(spelling.key(word), []) if spelling.variants(word, spelling.words(p)[-1])}
    known = kb.person(word)
    if known is not None and known.id in found:  # the table's spelling of a known person ('Qaddafi')
        return known.id
    if not actor.startswith("person:"):
        return _documented({canon[p] for p in by_last.get(spelling.key(word), []) if spelling.words(p)[-1] == word},
                           support, len(docs[actor]))
    return _documented(found, support, len(docs[actor])) or _documented({canon[p] for p in by_first.get(word, [])},
                                                                       support, len(docs[actor]))


def _documented(found: set[str], support: dict[str, set[str]], alone: int) -> str | None:
    """The one of these people written in full in three times as many documents as any other, and in at least a
    quarter as many as the lone name is written alone."""
    ranked = sorted(found, key=lambda c: (-len(support[c]), c))
    if not ranked or (len(ranked) > 1 and len(support[ranked[0]]) < 3 * len(support[ranked[1]])):
        return None
    return ranked[0] if 4 * len(support[ranked[0]]) >= alone else None


def _word(actor: str) -> str:
    """The one name word of an id: 'person:bin-laden' -> 'laden', 'org:gadhafi' -> 'gadhafi'."""
    return spelling.words(actor)[-1] if actor.startswith("person:") else actor.partition(":")[2]


def _one_word(actor: str) -> bool:
    """Whether an id is one name word the model may have mistaken: 'person:xi', 'person:bin-laden', or an unknown
    'org:gadhafi' or 'place:hague'."""
    kind, _, rest = actor.partition(":")
    if kind == "person":
        return len(spelling.words(actor)) == 1
    return kind in ("org", "place") and bool(rest) and "-" not in rest and kb.entity(actor) is None  # no group:
    # 'Muslims' or 'Shia' never stand for a person whose name ends alike ('Salafi Muslim')


def _groups(counts: Counter) -> dict[str, str]:
    """A group named in the singular and the plural is one group, under the plural ('group:sunni' ->
    'group:sunnis')."""
    out = {}
    for a in counts:
        if a.startswith("group:") and not a.endswith("s"):
            for plural in (a + "s", a + "es"):
                if plural in counts:
                    out[a] = plural
                    break
    return out


def _places_named_as_people(ms: list[Mention], counts: Counter) -> dict[str, str]:
    """'person:baba-amr' -> 'place:baba-amr' when the text puts that name where places go ('in Baba Amr', 'the
    district of Baba Amr') in at least a fifth of its mentions and no honorific or title names it a person."""
    titled = {m.actor for m in ms if m.label == "ROLE" and m.actor and m.actor.startswith("person:")}
    out = {}
    for a in counts:
        if not a.startswith("place:"):
            continue
        p = "person:" + a.partition(":")[2]
        if p in counts and p not in titled and counts[a] >= 0.2 * (counts[a] + counts[p]) \
                and kb.person_by_id(p) is None:
            out[p] = a
    return out


def _profiles(ms: list[Mention], actor_of: dict[tuple[str, int], str | None]) -> tuple[dict[str, str],
                                                                                       dict[str, Counter]]:
    """Each person's most frequent country and the roles the corpus gives them."""
    countries: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    for m in ms:
        actor = actor_of[(m.doc, m.index)]
        if not actor or not actor.startswith("person:"):
            continue
        if m.country:
            countries[actor][m.country] += 1
        if m.label == "ROLE" and m.role and m.role.lower() != "counterpart":
            roles[actor][m.role] += 1
    return {p: c.most_common(1)[0][0] for p, c in countries.items()}, roles


# actors -------------------------------------------------------------------------------------------------------------
def _titles(ms: list[Mention], links: dict[tuple[str, int], str]) -> tuple[dict[str, list[str]],
                                                                          set[tuple[str, int]]]:
    """'Chinese President Xi Jinping': a title right before a name of the same person, as one alias; and the
    (doc, index) of those titles."""
    out: dict[str, list[str]] = defaultdict(list)
    used: set[tuple[str, int]] = set()
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_doc[m.doc].append(m)
    for doc_ms in by_doc.values():
        doc_ms.sort(key=lambda m: m.start)
        for a, b in zip(doc_ms, doc_ms[1:], strict=False):
            if a.label == "ROLE" and b.label == "PERSON" and a.actor and a.actor == b.actor and 0 < b.start - a.end <= 1:
                out[links.get((b.doc, b.index), b.actor or "")].append(f"{a.text} {b.text}")
                used.add((a.doc, a.index))
    return out, used


def _kind(actor: str) -> str:
    """The actor type of an id."""
    e = kb.entity(actor)
    if e is not None:
        return e.type
    prefix = actor.partition(":")[0]
    return {"person": "person", "org": "organization", "group": "group", "place": "place"}.get(prefix, "organization")


def _actor(actor: str, ms: list[Mention], titles: list[str], used: set[tuple[str, int]]) -> Actor:
    """One catalogue entry from the mentions linked to an actor id."""
    kind = _kind(actor)
    entity = kb.entity(actor)
    names = [m for m in ms if m.label != "ROLE"]
    if kind == "person":
        name = _person_name(actor, Counter(m.text for m in names if m.label == "PERSON"))
    elif entity is not None:
        name = entity.name
    else:
        written = Counter(_bare(m.text) for m in names or ms)
        own = Counter({t: n for t, n in written.items() if kb.slug(kb.normalize(t)) == actor.partition(":")[2]})
        name = (own or written).most_common(1)[0][0]
    country = entity.country if entity is not None else _country(actor, ms)
    referring = [m for m in ms if m.label != "ROLE" or (kind == "person" and m.text.lower().startswith("the "))]
    aliases = _aliases([m for m in referring if (m.doc, m.index) not in used], titles)
    count = len(ms) - len(titles)
    return Actor(id=actor, name=name, type=kind, country=country, roles=_roles(ms) if kind == "person" else [],
                 aliases=aliases, mentions=max(count, 1))


def _country(actor: str, ms: list[Mention]) -> str | None:
    """An actor's country: the table's for a person it knows; else the one most of its mentions give, when more
    than half of those that give one agree and, for an actor of several documents, two documents say it."""
    known = kb.person_by_id(actor)
    if known is not None:  # the table's, also when it says the person serves an organization ('Kofi Annan': UN)
        return known.country
    countries = Counter(m.country for m in ms if m.country)
    if not countries:
        return None
    top, n = countries.most_common(1)[0]
    docs = {m.doc for m in ms if m.country == top}
    if n * 2 <= sum(countries.values()) or (len({m.doc for m in ms}) >= 3 and len(docs) < 2):
        return None
    return top


def _person_name(actor: str, named: Counter) -> str:
    """A person's display name: as written when it spells the id, else the table's name, else the longest."""
    exact = Counter({t: n for t, n in named.items() if "person:" + kb.slug(t) == actor})
    if exact:
        return exact.most_common(1)[0][0]
    known = kb.person_by_id(actor)
    if known is not None:
        return known.name
    longest = max((len(t.split()) for t in named), default=0)
    full = Counter({t: n for t, n in named.items() if len(t.split()) == longest})
    return full.most_common(1)[0][0] if full else _from_id(actor)


def _bare(text: str) -> str:
    """A name without a leading article."""
    return text[4:] if text.lower().startswith("the ") else text


def _from_id(actor: str) -> str:
    return " ".join(w.capitalize() for w in _words(actor))


def _aliases(ms: list[Mention], titles: list[str]) -> list[str]:
    """Every distinct way the corpus refers to the actor, most frequent first (case kept as written)."""
    counts: Counter = Counter()
    seen: dict[str, str] = {}
    for text in [m.text for m in ms] + titles:
        text = " ".join(text.split())
        text = "the " + text[4:] if text.startswith("The ") else text  # 'The Kremlin' opening a sentence
        key = text.lower()
        seen.setdefault(key, text)
        counts[key] += 1
    return [seen[k] for k, _ in counts.most_common()]


def _roles(ms: list[Mention]) -> list[str]:
    """The roles the corpus gives a person, most frequent first."""
    counts: Counter = Counter()
    seen: dict[str, str] = {}
    for m in ms:
        if m.label == "ROLE" and m.role and m.role.lower() not in ("counterpart",):
            key = m.role.lower()
            if key not in seen or (m.role[:1].isupper() and not seen[key][:1].isupper()):
                seen[key] = m.role
            counts[key] += 1
    return [seen[k] for k, _ in counts.most_common()]
