"""The base knowledge table the package ships: countries, international organizations, places and roles.

Loaded once from the language data, lang/en/ (countries.tsv, organizations.tsv, places.tsv, roles.tsv). Every entity has
a stable id: ISO 3166 alpha-3 for countries ('RUS'), the table's id for organizations ('NATO'), 'place:<slug>'
for regions and cities ('place:donbas').
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline import lang

# titles at the top of a state: 'the Russian leader' may stand for its president or prime minister
TOP = frozenset({"president", "leader", "prime minister", "premier", "chancellor", "head of state", "king",
                 "queen", "emir", "sultan", "monarch", "supreme leader", "general secretary", "head of government"})
# words of rule that name no office of their own: 'the Chinese leader' may be its president or its premier
GENERIC_OFFICES = frozenset({"leader", "head of state", "head of government"})
MONARCHS = frozenset({"king", "queen", "emir", "sultan", "monarch"})


@dataclass(frozen=True)
class Entity:
    """One entity of the table and the way a name refers to it."""

    id: str
    name: str
    type: str  # 'country' | 'organization' | 'group' | 'place'
    country: str | None  # ISO alpha-3 for countries and places
    how: str  # 'name' | 'alias' | 'code' | 'demonym' | 'capital' | 'seat' | 'place'


@dataclass
class Knowledge:
    """Lookups by normalized name."""

    names: dict[str, Entity]  # names, aliases, capitals, seats, places -> entity
    demonyms: dict[str, Entity]  # 'chinese' -> China
    entities: dict[str, Entity]  # id -> the entity under its canonical name
    alpha2: dict[str, str]  # 'RU' -> 'RUS'
    roles: tuple[str, ...]  # lower-case role phrases, longest first


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalize(text: str) -> str:
    """A name as looked up: straight quotes, lower case, no leading 'the', no possessive, single spaces."""
    t = " ".join(text.translate(_QUOTES).split()).lower().strip(" .,;:")
    t = re.sub(r"'s?$", "", t)
    t = re.sub(r"^the\s+", "", t)
    return t


def fold(text: str) -> str:
    """Plain ASCII letters of a text (accents removed)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """A stable id part: ASCII, lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text.translate(_QUOTES)).lower()).strip("-")


def _add(table: dict[str, Entity], key: str, entity: Entity) -> None:
    """Register a name; the first registration wins, so canonical names beat later aliases.

    Short capitals ('US', 'WHO', 'AP', 'AU') are kept case-sensitive, so 'us', 'who' or 'Arab' never match them.
    """
    if _acronym(_strip(key)):
        table.setdefault("=" + _strip(key), entity)
        return
    article = "the+" if key.startswith("The ") else ""  # 'The Hague' needs its article: 'Mr Hague' is a person
    for k in {article + normalize(key), article + normalize(fold(key))}:
        if k and k not in table:
            table[k] = entity


def _acronym(text: str) -> bool:
    """A short all-capitals name ('US', 'U.S.', 'WHO', 'AU')."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 0 < len(letters) <= 4 and letters.isupper()


def _strip(text: str) -> str:
    """A name without article, possessive or surrounding punctuation, case kept."""
    t = " ".join(text.translate(_QUOTES).split()).strip(" ,;:")
    t = re.sub(r"'s?$", "", t)
    return re.sub(r"^[Tt]he\s+", "", t)


@lru_cache(maxsize=1)
def load() -> Knowledge:
    """The knowledge table, read once per process."""
    names: dict[str, Entity] = {}
    demonyms: dict[str, Entity] = {}
    entities: dict[str, Entity] = {}
    alpha2: dict[str, str] = {}
    countries = lang.table("countries")
    for row in countries:  # canonical names first
        a3, a2, name = row["alpha3"], row["alpha2"], row["name"]
        entities[a3] = Entity(a3, name, "country", a3, "name")
        alpha2[a2] = a3
        _add(names, name, entities[a3])
    for row in lang.table("organizations"):
        oid, name, kind = row["id"], row["name"], row["type"] or "organization"
        entities[oid] = Entity(oid, name, kind, row["country"] or None, "name")
        _add(names, name, entities[oid])
    for row in lang.table("organizations"):
        e = entities[row["id"]]
        for alias in lang.items(row["aliases"]):
            _add(names, alias, Entity(e.id, e.name, e.type, e.country, "alias"))
        for seat in lang.items(row["seats"]):
            _add(names, seat, Entity(e.id, e.name, e.type, e.country, "seat"))
    for row in countries:
        a3 = row["alpha3"]
        for alias in lang.items(row["aliases"]):
            _add(names, alias, Entity(a3, row["name"], "country", a3, "alias"))
        _add(names, a3, Entity(a3, row["name"], "country", a3, "code"))
        for dem in lang.items(row["demonyms"]):
            _add(demonyms, dem, Entity(a3, row["name"], "country", a3, "demonym"))
        for cap in lang.items(row["capital"]):
            _add(names, cap, Entity(a3, row["name"], "country", a3, "capital"))
        for seat in lang.items(row["seats"]):
            _add(names, seat, Entity(a3, row["name"], "country", a3, "seat"))
    for row in lang.table("places"):
        name, country = row["name"], row["country"] or None
        pid = "place:" + slug(name)
        entities[pid] = Entity(pid, name, "place", country, "name")
        for alias in [name, *lang.items(row["aliases"])]:
            _add(names, alias, Entity(pid, name, "place", country, "place"))
    roles = {r.strip().lower() for r in lang.column("roles", "role") if r.strip()}
    return Knowledge(names, demonyms, entities, alpha2, tuple(sorted(roles, key=lambda r: (-len(r), r))))


def lookup(text: str) -> Entity | None:
    """The entity a name refers to ('the Kremlin' -> Russia, 'Kiev' -> Ukraine, 'NATO'), or None."""
    kb = load()
    if _acronym(_strip(text)):
        return kb.names.get("=" + _strip(text))
    found = kb.names.get(normalize(text)) or kb.names.get(normalize(fold(text)))
    if found is None and " ".join(text.split()).lower().startswith("the "):
        found = kb.names.get("the+" + normalize(text)) or kb.names.get("the+" + normalize(fold(text)))
    return found


def demonym(text: str) -> Entity | None:
    """The country of a demonym or adjective ('Chinese' -> China), or None."""
    kb = load()
    if _acronym(_strip(text)):
        return kb.demonyms.get("=" + _strip(text))
    return kb.demonyms.get(normalize(text)) or kb.demonyms.get(normalize(fold(text)))


def affiliation(text: str) -> Entity | None:
    """The country or organization a name or adjective stands for: a name, a seat of power or a demonym."""
    return lookup(text) or demonym(text)


def entity(actor_id: str) -> Entity | None:
    """The entity with this id ('CHN', 'NATO', 'place:donbas'), or None."""
    return load().entities.get(actor_id)


def is_role(text: str) -> bool:
    """Whether a phrase is a known title or role ('Foreign Minister', 'spokesman')."""
    return normalize(text) in set(load().roles)


def role_words() -> frozenset[str]:
    """The last words of every known role ('minister', 'spokesman', 'president', ...)."""
    return _role_heads()


@lru_cache(maxsize=1)
def _role_heads() -> frozenset[str]:
    return frozenset(r.split()[-1] for r in load().roles) | frozenset(
        r.split()[0] for r in load().roles if " of " in r)


@dataclass(frozen=True)
class Person:
    """A well-known person of the shipped table: a prior that the text of a document overrides."""

    id: str  # 'person:xi-jinping'
    name: str
    country: str | None  # ISO alpha-3, when the affiliation is a country
    affiliation: str  # the country or organization id ('CHN', 'NATO')
    roles: tuple[str, ...]


_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "VNM", "HKG", "MAC"})


@lru_cache(maxsize=1)
def known_people() -> tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...]:
    """Every person the package knows, as (name, other spellings, affiliation, roles): the office-holders of
    data/knowledge/office_holders.tsv (their names; the country or body of their offices and the offices' titles,
    from offices.tsv), then the people of lang/en/people.tsv who hold none of those offices. One person, one row."""
    folder = resources.files("storyline.data").joinpath("knowledge")
    offices = {r["office"]: r for r in lang.read(folder.joinpath("offices.tsv"))}
    merged: dict[str, tuple[str, list[str], str, list[str]]] = {}
    for r in lang.read(folder.joinpath("office_holders.tsv")):
        names, office = lang.items(r["names"]), offices[r["office"]]
        name, spellings, aff, roles = merged.setdefault(slug(names[0]), (names[0], [], office["country"], []))
        spellings.extend(n for n in names[1:] if n not in spellings)
        roles.extend(t for t in lang.items(office["titles"]) if t not in roles)
        if aff not in load().entities or load().entities[aff].type != "country":
            merged[slug(names[0])] = (name, spellings, office["country"], roles)  # a country beats a body
    known = {normalize(fold(n)) for name, spellings, _, _ in merged.values() for n in (name, *spellings)
             if " " in n}
    out = [(name, tuple(spellings), aff, tuple(roles)) for name, spellings, aff, roles in merged.values()]
    for row in lang.table("people"):
        if normalize(fold(row["name"])) not in known:  # an office-holder is known by the office table
            out.append((row["name"], tuple(lang.items(row["aliases"])), row["country"], tuple(lang.items(row["roles"]))))
    return tuple(out)


@lru_cache(maxsize=1)
def _people() -> tuple[dict[str, Person], dict[str, Person]]:
    """Known people by normalized full name, and by family name when that name is unique in the table."""
    full: dict[str, Person] = {}
    spelled: dict[str, list[Person]] = {}
    family: dict[str, list[Person]] = {}
    for name, aliases, code, roles in known_people():
        country = code if code in load().entities and load().entities[code].type == "country" else None
        p = Person("person:" + slug(name), name, country, code, roles)
        for n, alias in enumerate([name, *aliases]):
            words = fold(alias).lower().split()
            if len(words) == 1:  # a surname alone ('Bush') names one person only when no other known person has it
                if p not in family.get(words[0], []):
                    family.setdefault(words[0], []).append(p)
                continue
            if p not in spelled.setdefault(normalize(fold(alias)), []):
                spelled[normalize(fold(alias))].append(p)
            key = words[0] if code in _FAMILY_NAME_FIRST else words[-1]
            after_particle = len(words) >= 3 and words[-2] in ("ben", "bin", "ibn", "el", "al", "de", "van", "von")
            if len(words) >= 2 and (n == 0 and not after_particle or len(key) > 3) and p not in family.get(key, []):
                family.setdefault(key, []).append(p)  # 'Gadhafi' from 'Moammar Gadhafi'; never 'Ali' of 'Ben Ali'

    for key, ps in spelled.items():  # 'George Bush' spells two presidents: only a full name of its own counts
        own = [p for p in ps if normalize(fold(p.name)) == key]
        if len(own) == 1 or len(ps) == 1:
            full[key] = (own or ps)[0]
    unique = {k: v[0] for k, v in family.items() if len({p.id for p in v}) == 1}
    return full, unique


def person(name: str) -> Person | None:
    """A well-known person by full name or alias ('Volodymyr Zelenskyy'), or by a unique family name ('Putin')."""
    full, family = _people()
    key = normalize(fold(name))
    if key in full:
        return full[key]
    return family.get(key) if " " not in key else None


def person_by_id(actor_id: str) -> Person | None:
    """A well-known person by actor id ('person:xi-jinping')."""
    return _people_by_id().get(actor_id)


@lru_cache(maxsize=1)
def _people_by_id() -> dict[str, Person]:
    return {p.id: p for p in _people()[0].values()}


@lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    """The word lists of lang/en/name_words.tsv by kind ('honorific', 'chrome', 'timezone', ...)."""
    out: dict[str, set[str]] = {}
    for row in lang.table("name_words"):
        if row["word"]:
            out.setdefault(row["kind"].strip(), set()).add(row["word"].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


def name_words(kind: str) -> frozenset[str]:
    """Lower-case words of one kind: 'honorific' (Mr), 'chrome' (Reply), 'timezone' (GMT), 'generic' (News),
    'compass' (Eastern), 'locative' ('in', 'district of')."""
    return _name_words().get(kind, frozenset())


def _office(role: str) -> str | None:
    """The head-of-state or government office a role names ('the UK prime minister' -> 'prime minister')."""
    r = " ".join(role.lower().split())
    return next((t for t in sorted(TOP, key=len, reverse=True) if r == t or r.endswith(" " + t)), None)


def fits_role(nominal: str, roles: Iterable[str]) -> bool:
    """Whether a nominal role ('the leader', 'the Queen') can describe a person with these roles: a generic word of
    rule ('leader') fits any such office, an office only itself ('the Queen' is no prime minister, 'the monarch' is
    a king or queen), another role its head noun ('spokesman')."""
    n = " ".join(nominal.lower().split())
    if not n:
        return False
    if n.split()[-1] == "counterpart":
        return True
    offices = {_office(r) for r in roles} - {None}
    office = _office(n)
    if office is None:
        return any(r.lower().split()[-1:] == n.split()[-1:] for r in roles)
    if office in GENERIC_OFFICES:
        return bool(offices)
    if office == "monarch":
        return bool(offices & MONARCHS)
    return office in offices
