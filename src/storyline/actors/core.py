"""Actor mentions of one document, linked to canonical actor ids.

Design (what the other stages can rely on):
- Every Mention has a label (PERSON, ORG, GPE, LOC, FAC, NORP, or ROLE) and, when we can tell, `actor`, a canonical
  id that is stable across documents: ISO alpha-3 for countries and their capitals and seats of power ('RUS' for
  'Moscow' and 'the Kremlin'), the knowledge table's id for organizations ('NATO', 'EU'), 'person:<slug of the full
  name>' for people ('person:xi-jinping' for 'Xi', 'President Xi', 'Xi Jinping'), 'place:<slug>' for regions and
  cities, 'org:<slug>' and 'group:<slug>' for organizations and groups the table does not know.
- Demonyms ('Chinese', 'Russian officials') are NORP mentions whose actor is the country.
- ROLE mentions are nominal references and titles: 'the Chinese leader', 'a US spokesperson', 'the senior
  diplomat', and the title in front of a name ('Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov').
  Their actor is the person they refer to when the document tells us who that is; otherwise the country or
  organization they speak for ('a US spokesperson' -> 'USA'); otherwise None. `role` holds the title ('spokesman',
  'Foreign Minister'), `country` the affiliation's ISO alpha-3.
- PERSON mentions carry the country and first role the document gives that person, so the catalogue can gather
  roles and countries across the corpus.
- A title mention never overlaps its name mention: 'Kremlin spokesman' (ROLE) + 'Dmitry Peskov' (PERSON).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from storyline import lang
from storyline.actors import knowledge as kb
from storyline.actors import spelling
from storyline.records import Document, Mention
from storyline.settings import DEFAULT, Settings

LABELS = frozenset(r["label"] for r in lang.table("entity_labels") if r["actor"] == "yes")  # spaCy labels of actors
# nouns that make a nominal ROLE mention on their own ('the official', 'a US spokesperson')
NOMINAL = frozenset({"president", "leader", "premier", "chancellor", "minister", "secretary", "spokesman",
                     "spokeswoman", "spokesperson", "official", "diplomat", "ambassador", "envoy", "counterpart",
                     "adviser", "advisor", "aide", "king", "queen", "emir", "prince", "monarch", "commander",
                     "governor", "mayor", "senator", "lawmaker", "chairman", "chairwoman", "representative"})
# a government body named with its country stands for that country ('the Chinese Foreign Ministry' -> China)
GOVERNMENT = frozenset({"ministry", "government", "embassy", "army", "military", "navy", "parliament", "cabinet",
                        "authorities", "administration", "forces", "department", "presidency", "kremlin"})
# roles that mean little without what they lead
GENERIC = frozenset({"head", "chief", "director", "chairman", "chairwoman", "chair", "member", "leader"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"})
PLURAL_SKIP = frozenset({"leaders", "presidents", "officials"})


@dataclass
class _Span:
    """A mention being built: its token span, the Mention (its words, offsets, label, actor, role, country) and what
    the document says about who it refers to."""

    start: int  # token index
    end: int  # token index, exclusive
    m: Mention  # while being built, m.text holds a named entity's words as written ('' for a role)
    affiliation: str | None = None  # the actor id of the title's country or organization
    person: _Span | None = None  # for a title or apposition ROLE: the PERSON it describes
    nominal: bool = False
    definite: bool = False
    plural: bool = False
    roles: list[str] = field(default_factory=list)


def find(doc: Document, sdoc: Doc, settings: Settings = DEFAULT) -> list[Mention]:
    """The actor mentions of a parsed document, each linked to a canonical actor id."""
    spans = _entities(sdoc)
    spans = _titles(sdoc, spans)
    spans = _nominals(sdoc, spans)
    _link_people(sdoc, spans)
    _resolve_roles(sdoc, spans)
    return _mentions(sdoc, doc, spans)


# 1. named entities, cleaned and corrected by the knowledge table ------------------------------------------------
def _entities(sdoc: Doc) -> list[_Span]:
    """spaCy's entities of interest, trimmed, split where the model glued two names, and relabelled."""
    out: list[_Span] = []
    for ent in sdoc.ents:
        if ent.label_ not in LABELS:
            continue
        bare, person = _unglue(_trim(ent))
        if len(bare) == 1 and len(bare) < len(_trim(ent)) and bare[0].pos_ != "PROPN" and not person:
            continue  # 'BST Between', 'GMT Faced': a clock glued to the first word of a sentence
        for part in _split(bare):
            span = _classify(part, person=person and part.label_ == "PERSON")
            if span is not None:
                out.append(span)
    out = _administrations(sdoc, out + _missed_names(sdoc))
    _possessed_bodies(sdoc, out)
    for span in out:
        _take_article(sdoc, span)
    return out


_MISSED_TYPES = frozenset({"country", "organization", "place"})


def _missed_names(sdoc: Doc) -> list[_Span]:
    """Countries, capitals, organizations, places and demonyms of the knowledge table that the model left untagged
    ('Nigeria dropped the charges', 'Hungarian and Romanian officials'): capitalised proper nouns or adjectives
    outside every entity, the longest known run of up to four words."""
    covered = {t.i for ent in sdoc.ents for t in ent}
    out: list[_Span] = []
    i = 0
    while i < len(sdoc):
        found = None
        for n in range(min(4, len(sdoc) - i), 0, -1):
            toks = sdoc[i:i + n]
            if any(t.i in covered or not (t.is_title or t.is_upper) or t.pos_ not in ("PROPN", "ADJ", "NOUN")
                   for t in toks) or len(toks.text) < 3:
                continue
            known = kb.lookup(toks.text)
            if known is not None and known.type in _MISSED_TYPES and known.how != "code":
                label = "ORG" if known.type == "organization" else "GPE"
            elif n == 1 and kb.demonym(toks.text) is not None:
                label = "NORP"
            else:
                continue
            found = _classify(Span(sdoc, i, i + n, label=label))
            if found is not None:
                out.append(found)
                break
        i += (found.end - found.start) if found is not None else 1
    return out


def _possessed_bodies(sdoc: Doc, spans: list[_Span]) -> None:
    """'Beijing's Foreign Ministry', 'Russia's army': a government body of a country stands for the country."""
    for i, span in enumerate(spans):
        if span.m.label != "ORG" or not (span.m.actor or "").startswith("org:") or i == 0 or span.start < 2:
            continue
        if not {t.lower_ for t in sdoc[span.start:span.end]} & GOVERNMENT:
            continue
        owner = spans[i - 1]
        if sdoc[span.start - 1].lower_ in ("'s", "\u2019s") and owner.end == span.start - 1 and _is_country(owner.m.actor):
            span.m.actor = span.m.country = owner.m.actor


def _take_article(sdoc: Doc, span: _Span) -> None:
    """'the Kremlin', 'the Biden administration': a known name takes the article in front of it."""
    if span.m.label in ("PERSON", "NORP") or not span.m.actor or span.m.actor.partition(":")[0] in ("org", "group", "place") \
            and kb.entity(span.m.actor) is None:
        return
    if span.start == 0 or sdoc[span.start - 1].lower_ != "the" or sdoc[span.start].lower_ == "the":
        return
    if span.end < len(sdoc) and (sdoc[span.end].pos_ in ("NOUN", "PROPN", "ADJ") or sdoc[span.end].text == "-"):
        return  # 'the Kyiv regime': the article belongs to the noun after the name
    span.start -= 1
    span.m.start = sdoc[span.start].idx


def _trim(ent: Span) -> Span:
    """The entity without surrounding spaces, punctuation, possessive token or trailing acronym."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "\u2019s")):
        end -= 1
    if ent.label_ == "PERSON" and end - start >= 2 and doc[end - 1].is_upper and len(doc[end - 1]) > 1 \
            and not doc[end - 2].is_upper:
        end -= 1  # 'Goddard VOA'
    return Span(doc, start, max(start, end), label=ent.label_)


def _unglue(ent: Span) -> tuple[Span, bool]:
    """The entity without page chrome, agency credits or honorifics glued to it ('Reply Gaddafi', 'CNN Gadhafi',
    'Featured Image Via', 'Mr Hague'); and whether an honorific (in it or right before it) says it is a person."""
    doc, start, end = ent.doc, ent.start, ent.end
    chrome = kb.name_words("chrome") | kb.name_words("timezone")
    honorific = kb.name_words("honorific")
    person = start > 0 and doc[start - 1].lower_ in honorific and doc[start - 1].is_title
    while start < end and (doc[start].lower_ in chrome or doc[start].lower_ in honorific or _punct(doc[start])
                           or end - start > 1 and _WEB.match(doc[start].text)):
        person = person or doc[start].lower_ in honorific
        start += 1
    while end > start and (doc[end - 1].lower_ in chrome or _punct(doc[end - 1])
                           or end - start > 1 and _WEB.match(doc[end - 1].text)):
        end -= 1
    if end - start == 2 and doc[start].lower_ == doc[start + 1].lower_:
        end -= 1  # 'Jacmel Jacmel': a dateline and the text's first word, not a first and a last name
    if ent.label_ in ("PERSON", "ORG") and end - start >= 2 and all(t.is_title for t in doc[start + 1:end]):
        known, rest = kb.lookup(doc[start].text), doc[start + 1:end]
        if known is not None and known.type == "organization" and doc[start].is_upper and kb.lookup(rest.text) is None \
                and not any(t.lower_ in kb.name_words("generic") for t in rest):
            start += 1  # 'CNN Gadhafi', 'AP Obama': an agency's credit before a name
    label = "PERSON" if person else ent.label_
    return Span(doc, start, max(start, end), label=label), person


_WEB = re.compile(r"(?i)^[\w-]+(\.[\w-]+)*\.(com|org|net|co|uk|info|biz|tv|fm)$")  # 'iAfrica.com Haiti': a site's credit


_BRACKET = re.compile(r"^-[LR][RSC]B-$")  # '-LRB-', '-RRB-': brackets as tokenized treebank text writes them
_VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus"})


def _punct(tok: Token) -> bool:
    """Punctuation, also a treebank bracket token ('-RRB-')."""
    return tok.is_punct or bool(_BRACKET.match(tok.text))


def _split(ent: Span) -> list[Span]:
    """Split 'Putin Russia' and 'Ukraine Volodymyr Zelensky' into a person and a country, 'Hitchens v Galloway' into
    two people, and drop treebank brackets inside a name."""
    doc = ent.doc
    for k, tok in enumerate(ent):
        if (tok.lower_ in _VERSUS and 0 < k < len(ent) - 1) or _punct(tok) and tok.text != "-" and tok.text != ".":
            parts = [Span(doc, ent.start, ent.start + k, ent.label_), Span(doc, ent.start + k + 1, ent.end, ent.label_)]
            return [x for p in parts if len(p) for x in _split(p)]
    if len(ent) < 2 or ent.label_ not in ("PERSON", "NORP"):
        return [ent] if len(ent) else []
    for k in range(1, len(ent)):
        head, tail = doc[ent.start:ent.start + k], doc[ent.start + k:ent.end]
        if _is_place(tail.text) and not _is_place(head.text) and head[0].is_title:
            return [Span(doc, head.start, head.end, "PERSON"), Span(doc, tail.start, tail.end, "GPE")]
        if _is_place(head.text) and tail[0].is_title and len(tail) >= 2 and not _is_place(tail.text):
            return [Span(doc, head.start, head.end, "GPE"), Span(doc, tail.start, tail.end, "PERSON")]
    return [ent]


def _is_place(text: str) -> bool:
    e = kb.lookup(text)
    return e is not None and e.type in ("country", "place")


def _chars(span: Span) -> tuple[int, int]:
    """Char offsets of a span, without a glued possessive ('Xi\u2019s' -> 'Xi')."""
    start, end = span.start_char, span.end_char
    m = re.search(r"['\u2019]s?$", span.text)
    if m and len(span.text) > 2:
        end -= len(m.group(0))
    return start, end


def _junk(span: Span) -> bool:
    """A name that names no actor: a time zone ('GMT'), only generic words ('News Agency'), an occasion ('the Davis
    Cup'), a region's or a place's adjective ('Eastern European', 'Crimean') or two demonyms joined
    ('Russian-Chinese')."""
    words = [t.lower_ for t in span if not t.is_punct]
    if words and kb.lookup(span.text) is not None:
        return False
    if not words or (len(words) == 1 and words[0] in kb.name_words("timezone")):
        return True
    if _common_noun(span):
        return True
    if span.label_ != "PERSON" and all(w in kb.name_words("generic") for w in words):
        return True
    if span.label_ in ("FAC", "LOC", "ORG", "GPE") and len(words) >= 2 and words[-1] in kb.name_words("occasion"):
        return True  # 'the Beijing Winter Olympics', 'the Davis Cup': an occasion, not an actor
    if span.label_ != "NORP" or kb.demonym(span.text) is not None:
        return False
    if len(span) == 1 and span[0].dep_ in ("amod", "compound") and span[0].head.tag_ in ("NN", "NNP") \
            and span[0].head.i not in range(span.start, span.end):
        return True  # 'Islamic law', 'the Kurdish region': an adjective of a thing, no one who acts
    parts = [p for p in re.split(r"[-\s]+", span.text) if p]
    if len(parts) >= 2 and all(kb.demonym(p) is not None or p.lower() in kb.name_words("compass") for p in parts):
        return True  # 'Russian-Chinese', 'Sino-Russian'
    if len(parts) >= 2 and parts[0].lower() in kb.name_words("compass"):
        return True  # 'Eastern European', 'West African': a region's adjective
    return len(parts) == 1 and _place_adjective(parts[0])


def _common_noun(span: Span) -> bool:
    """A capitalised word the same document also writes in lower case at least half as often, and in no longer name
    ('Propofol' beside 'a dose of propofol'): a thing, no actor."""
    if len(span) != 1 or not span[0].is_alpha or not span[0].is_title:
        return False
    counts = span.doc.user_data.get("storyline_word_cases")
    if counts is None:
        counts = span.doc.user_data["storyline_word_cases"] = _word_cases(span.doc)
    lower, title, in_names = counts.get(span[0].lower_, (0, 0, False))
    return lower > 0 and 2 * lower >= title and not in_names


def _word_cases(sdoc: Doc) -> dict[str, tuple[int, int, bool]]:
    """Per word: how often a document writes it in lower case, in title case, and whether a name of several words
    holds it."""
    lower: dict[str, int] = {}
    title: dict[str, int] = {}
    for t in sdoc:
        if t.is_alpha and t.is_lower:
            lower[t.text] = lower.get(t.text, 0) + 1
        elif t.is_alpha and t.is_title:
            title[t.lower_] = title.get(t.lower_, 0) + 1
    named = {t.lower_ for e in sdoc.ents if len(e) > 1 for t in e}
    return {w: (n, title.get(w, 0), w in named) for w, n in lower.items()}


def _place_adjective(word: str) -> bool:
    """'Crimean', 'Syrian-less' places: an adjective formed on a place the table knows ('Crimea' -> 'Crimean')."""
    low = word.lower()
    for suffix, add in (("ian", "ia"), ("an", "a"), ("ean", "ea"), ("ese", ""), ("i", ""), ("n", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            e = kb.lookup(low[: len(low) - len(suffix)] + add)
            if e is not None and e.type in ("place", "country"):
                return True
    return False


def _locative(span: Span) -> bool:
    """Whether the text puts a name where a place goes: 'in Baba Amr', 'the district of Baba Amr' (not "in X's")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "\u2019s"):
        return False
    before = " ".join(t.lower_ for t in doc[max(span.start - 3, 0):span.start])
    return any(before == w or before.endswith(" " + w) for w in kb.name_words("locative"))


def _classify(span: Span, person: bool = False) -> _Span | None:
    """A mention for an entity span, its label corrected and its actor looked up; None for noise. `person`: an
    honorific says it is a person ('Mr Hague'), whatever the tables say of the name."""
    if not len(span) or not any(c.isupper() for c in span.text) or re.search(r"[/\d@]", span.text) or _junk(span):
        return None
    cstart, cend = _chars(span)
    text = span.text[:cend - cstart]
    out = _Span(span.start, span.end, Mention(text=text, start=cstart, end=cend, label=span.label_))
    if person:
        out.m.actor = "person:" + kb.slug(text)
        return out
    known = kb.lookup(text)
    if known is not None and not (span.label_ == "PERSON" and known.how == "code"):
        out.m.actor, out.m.country = known.id, known.country
        if known.type == "place":
            out.m.label = "GPE" if span.label_ in ("PERSON", "ORG", "NORP") else span.label_
        elif known.type == "country":
            out.m.label = "GPE" if span.label_ in ("PERSON", "NORP") else span.label_
        else:
            out.m.label = "ORG" if known.type == "organization" else "NORP"
        return out
    dem = kb.demonym(text)
    if dem is not None and span.label_ in ("NORP", "GPE", "PERSON"):
        out.m.label, out.m.actor, out.m.country = "NORP", dem.id, dem.id
        return out
    if span.label_ != "PERSON" and len(span) > 1 and kb.person(text) is not None:  # 'Volodymyr Zelenskyy'/ORG
        out.m.label, out.m.actor = "PERSON", "person:" + kb.slug(text)
        return out
    if span.label_ == "PERSON" and span[-1].tag_ in ("NNS", "NNPS") and len(span) > 1:
        out.m.label, out.m.actor = "NORP", "group:" + kb.slug(text)  # 'Uighur Muslims'
        return out
    if span.label_ == "PERSON":
        if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN", "X") and not span[0].is_title:
            return None
        if _locative(span) and kb.person(text) is None:  # 'fighting in Baba Amr': a place, whatever the model says
            out.m.label, out.m.actor = "GPE", "place:" + kb.slug(kb.normalize(text))
            return out
        out.m.actor = "person:" + kb.slug(text)
        return out
    country = _country_within(span) if span.label_ in ("ORG", "NORP") else None
    if span.label_ == "ORG":
        if len(span) == 1 and span[0].lower_ in ("state", "government", "ministry"):
            return None
        out.m.country = country
        words = {t.lower_ for t in span}
        out.m.actor = country if country and words & GOVERNMENT else "org:" + kb.slug(kb.normalize(text))
    elif span.label_ == "NORP":
        out.m.actor, out.m.country = "group:" + kb.slug(kb.normalize(text)), country
    else:
        out.m.actor, out.m.country = "place:" + kb.slug(kb.normalize(text)), country
    return out


def _country_within(span: Span) -> str | None:
    """The country a multi-word name contains ('United Russia', 'the Chinese Foreign Ministry')."""
    for tok in span:
        e = kb.lookup(tok.text) or kb.demonym(tok.text)
        if e is not None and e.type == "country" and tok.is_title or (e is not None and tok.is_upper and e.type == "country"):
            return e.id
    return None


def _administrations(sdoc: Doc, spans: list[_Span]) -> list[_Span]:
    """'the Biden administration' stands for the United States; '<country> government' for the country."""
    for s in spans:
        if s.end < len(sdoc) and sdoc[s.end].lower_ == "administration" and s.m.label == "PERSON":
            s.end += 1
            s.m.end = sdoc[s.end - 1].idx + len(sdoc[s.end - 1])
            s.m.label, s.m.actor, s.m.country = "ORG", "USA", "USA"
    return spans


# 2. titles before and appositions around names -------------------------------------------------------------------
def _covering(spans: list[_Span], i: int) -> _Span | None:
    """The mention covering token i."""
    for s in spans:
        if s.start <= i < s.end:
            return s
    return None


def _titles(sdoc: Doc, spans: list[_Span]) -> list[_Span]:
    """A ROLE mention for each title before a name and each role in apposition; the person learns role/country."""
    heads = kb.role_words()
    out = list(spans)
    for person in spans:
        if person.m.label != "PERSON":
            continue
        title = _title_before(sdoc, spans, person, heads)
        if title is None:
            title = _apposition(sdoc, spans, person, heads)
        if title is None:
            continue
        title.person = person
        if title.m.role and title.m.role.lower() != "counterpart":
            person.roles.append(title.m.role)
            if sdoc[title.end - 1].tag_ in ("NNS", "NNPS"):  # 'Presidents Xi and Putin': the role is theirs too
                for other in _conjoined(sdoc, spans, person):
                    other.roles.append(title.m.role)
        if title.m.country and not person.m.country:
            person.m.country = title.m.country
        if title.affiliation and not person.affiliation:
            person.affiliation = title.affiliation
        out = [s for s in out if not (title.start <= s.start and s.end <= title.end)]
        out.append(title)
    out.sort(key=lambda s: s.start)
    return out


def _conjoined(sdoc: Doc, spans: list[_Span], person: _Span) -> list[_Span]:
    """The people joined to a person by 'and' or commas: 'Xi and Putin', 'Xi, Putin and Modi'."""
    out: list[_Span] = []
    i = person.end
    while i + 1 < len(sdoc) and sdoc[i].lower_ in ("and", ","):
        nxt = next((s for s in spans if s.m.label == "PERSON" and s.start == i + 1), None)
        if nxt is None:
            break
        out.append(nxt)
        i = nxt.end
    return out


def _title_like(tok: Token, heads: frozenset[str]) -> bool:
    """Whether a token can sit inside a title ('Foreign', 'Minister', 'senior', 'policy')."""
    if tok.is_punct or tok.is_space or tok.like_num:
        return tok.text == "-"
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False  # 'yesterday Lieutenant Colonel'
    if tok.lower_ in heads or tok.lemma_.lower() in heads:
        return True
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and tok.lower_ not in DETERMINERS


def _title_before(sdoc: Doc, spans: list[_Span], person: _Span, heads: frozenset[str]) -> _Span | None:
    """'Kremlin spokesman', 'US Secretary of State', 'the President of Ukraine' right before a name."""
    sent_start = sdoc[person.start].sent.start
    i = person.start - 1
    first = person.start
    while i >= sent_start:
        tok = sdoc[i]
        inner = _covering(spans, i)
        if inner is not None and inner.m.label != "PERSON":
            first = inner.start
            i = inner.start - 1
            continue
        if inner is not None:
            break
        if tok.tag_ == "POS" and i > sent_start and (owner := _covering(spans, i - 1)) is not None \
                and owner.m.label != "PERSON":  # "Ukraine's President Volodymyr Zelensky"
            first, i = owner.start, owner.start - 1
            continue
        if tok.lower_ in ("of", "for") or (tok.lower_ == "the" and i > sent_start and sdoc[i - 1].lower_ in ("of", "for")):
            first, i = i, i - 1
            continue
        if not _title_like(tok, heads):
            break
        first, i = i, i - 1
    while first < person.start and sdoc[first].lower_ in ("of", "for", "the", "-"):
        first += 1
    if first >= person.start:
        return None
    return _title_span(sdoc, spans, first, person.start, heads)


def _title_span(sdoc: Doc, spans: list[_Span], first: int, end: int, heads: frozenset[str]) -> _Span | None:
    """The ROLE mention for tokens [first, end) if they hold a role; affiliation from entities inside.

    Countries, their seats and their government bodies are taken out of the role ('Kremlin spokesman' ->
    'spokesman'); other organizations stay in it ('United Russia President').
    """
    affs = [s for s in spans if first <= s.start and s.end <= end and s.m.label != "PERSON"]
    national = {t for s in affs if _is_country(s.m.actor) for t in range(s.start, s.end)}
    if sdoc[first].lower_ in GENERIC and first + 1 < end and sdoc[first + 1].lower_ == "of":
        national = set()  # 'head of the Chinese Foreign Ministry' says more than 'head'
    role_toks = [t for t in range(first, end) if t not in national and sdoc[t].tag_ != "POS"]
    while role_toks and sdoc[role_toks[0]].lower_ in DETERMINERS:
        role_toks.pop(0)
    for k, t in enumerate(role_toks):  # 'correspondent for more than 20 years': a lower-case 'of'/'for' phrase ends it
        if sdoc[t].lower_ in ("of", "for"):
            rest = [u for u in role_toks[k + 1:] if sdoc[u].lower_ not in DETERMINERS]
            if rest and not sdoc[rest[0]].is_title and not sdoc[rest[0]].is_upper:
                role_toks = role_toks[:k]
                break
    while role_toks and sdoc[role_toks[-1]].lower_ in ("of", "for", "the", "-"):  # 'President of Ukraine'
        role_toks.pop()
    if not role_toks:
        return None
    core = role_toks
    if any(sdoc[t].lower_ in ("of", "for") for t in role_toks):  # 'Secretary of State', 'head of the Ministry'
        core = role_toks[:next(i for i, t in enumerate(role_toks) if sdoc[t].lower_ in ("of", "for"))]
    if not core:
        return None
    head = sdoc[core[-1]]
    if head.lower_ not in heads and head.lemma_.lower() not in heads:
        return None
    words = [sdoc[t].text for t in role_toks]
    if head.tag_ in ("NNS", "NNPS") and head.lemma_ and core[-1] == role_toks[-1]:  # 'Presidents Xi and Putin'
        words[-1] = head.lemma_.capitalize() if head.text[0].isupper() else head.lemma_
    aff = _best_affiliation(affs)
    cstart = sdoc[first].idx
    cend = sdoc[end - 1].idx + len(sdoc[end - 1])
    return _Span(first, end, Mention(text="", start=cstart, end=cend, label="ROLE", role=" ".join(words),
                                     country=aff[1] if aff else None), affiliation=aff[0] if aff else None)


def _is_country(actor: str | None) -> bool:
    """Whether an actor id is a country of the knowledge table."""
    e = kb.entity(actor or "")
    return e is not None and e.type == "country"


def _best_affiliation(affs: list[_Span]) -> tuple[str, str | None] | None:
    """(actor id, country) of the affiliation in a title: a country beats an organization."""
    for s in affs:
        if s.m.actor and s.m.country and s.m.actor == s.m.country:
            return s.m.actor, s.m.country
    for s in affs:
        if s.m.actor:
            return s.m.actor, s.m.country
    return None


def _apposition(sdoc: Doc, spans: list[_Span], person: _Span, heads: frozenset[str]) -> _Span | None:
    """'Stacie Goddard, Professor of Political Science at Wellesley College,' or 'Mei Tanaka, a trade economist'."""
    after = person.end
    if after + 2 >= len(sdoc) or sdoc[after].text != ",":
        return None
    first = after + 1 + (1 if sdoc[after + 1].lower_ in DETERMINERS else 0)
    end = first
    while end < len(sdoc) and end - first < 10 and not sdoc[end].is_punct and sdoc[end].pos_ not in ("VERB", "AUX") \
            and sdoc[end].lower_ not in ("at", "and", "who", "which", "with", "in", "from", "on"):
        end += 1
    core_end = next((k for k in range(first, end) if sdoc[k].lower_ in ("of", "for")), end)
    after_of = [t for t in sdoc[core_end + 1:end] if t.lower_ not in DETERMINERS]
    if core_end < end and (not after_of or not (after_of[0].is_title or after_of[0].is_upper)):
        end = core_end  # 'a foreign correspondent for more than 20 years' -> 'foreign correspondent'
    if core_end == first or any(s.m.label == "PERSON" and first <= s.start < end for s in spans):
        return None
    if _listed(sdoc, spans, end):
        return None  # 'attended by Mr Blair, the Queen and the Duke of Edinburgh': a list, not who Mr Blair is
    head = sdoc[core_end - 1]
    if head.lower_ not in heads and head.lemma_.lower() not in heads:
        return None
    span = _title_span(sdoc, spans, first, end, heads)
    if span is not None and end + 1 < len(sdoc) and sdoc[end].lower_ == "at":
        org = _covering(spans, end + 1)
        if org is not None and org.m.label != "PERSON":
            span.affiliation, span.m.country = org.m.actor, org.m.country or span.m.country
    return span


def _listed(sdoc: Doc, spans: list[_Span], end: int) -> bool:
    """Whether a phrase ending at token `end` is followed by 'and' and another named one: a person, or a title
    after an article ('and the Duke of Edinburgh')."""
    if end + 1 >= len(sdoc) or sdoc[end].lower_ != "and":
        return False
    if any(s.m.label == "PERSON" and s.start == end + 1 for s in spans):
        return True
    return end + 2 < len(sdoc) and sdoc[end + 1].lower_ in DETERMINERS and sdoc[end + 2].is_title


# 3. nominal references: 'the Chinese leader', 'a US spokesperson', 'the senior diplomat' ---------------------------
def _nominals(sdoc: Doc, spans: list[_Span]) -> list[_Span]:
    """ROLE mentions for noun phrases headed by a role noun, with the country or organization they name."""
    taken = {t for s in spans if s.m.label in ("PERSON", "ROLE") for t in range(s.start, s.end)}
    out = list(spans)
    for chunk in sdoc.noun_chunks:
        root = chunk.root
        lemma = root.lemma_.lower()
        if lemma not in NOMINAL and root.lower_ not in NOMINAL:
            continue
        after = _covering(spans, root.i + 1) if root.i + 1 < len(sdoc) else None
        if any(t.i in taken for t in chunk) or after is not None and after.m.label == "PERSON":
            continue
        start = chunk.start
        definite = chunk[0].lower_ in ("the", "his", "her", "its", "their")
        if chunk[0].lower_ in DETERMINERS or chunk[0].pos_ in ("DET", "PRON"):
            start += 1
        if start > root.i:
            continue
        end = root.i + 1
        inner = [s for s in spans if chunk.start <= s.start and s.end <= end and s.m.label != "PERSON"]
        of = _of_affiliation(sdoc, spans, root)
        if of is not None:
            inner.append(of)
        aff = _best_affiliation(inner)
        role_toks = [t.i for t in sdoc[start:root.i + 1]
                     if not any(s.start <= t.i < s.end for s in inner) and t.lower_ not in DETERMINERS
                     and not t.like_num and not t.is_punct and t.tag_ != "POS"]
        if not role_toks:
            continue
        plural = root.tag_ in ("NNS", "NNPS")
        if plural and aff is None:
            continue
        role = " ".join(sdoc[t].text for t in role_toks)
        first = chunk.start if chunk[0].lower_ in ("the", "a", "an") else start
        chars = Mention(text="", start=sdoc[first].idx, end=sdoc[end - 1].idx + len(sdoc[end - 1]), label="ROLE",
                        role=role, country=aff[1] if aff else None)
        span = _Span(first, end, chars, affiliation=aff[0] if aff else None, nominal=True, definite=definite,
                     plural=plural)
        _named_after(sdoc, spans, span)
        out = [s for s in out if not (span.start <= s.start and s.end <= span.end)]
        out.append(span)
        taken.update(range(span.start, span.end))
    out.sort(key=lambda s: s.start)
    return out


def _named_after(sdoc: Doc, spans: list[_Span], span: _Span) -> None:
    """'his Russian counterpart, Putin': the role names the person after the comma, who learns its country."""
    if span.end + 1 >= len(sdoc) or sdoc[span.end].text != ",":
        return
    person = next((s for s in spans if s.m.label == "PERSON" and s.start == span.end + 1), None)
    if person is None:
        return
    span.person = person
    if span.m.country and not person.m.country:
        person.m.country, person.affiliation = span.m.country, span.affiliation
    if span.m.role and span.m.role.lower() != "counterpart":
        person.roles.append(span.m.role)


def _of_affiliation(sdoc: Doc, spans: list[_Span], root: Token) -> _Span | None:
    """The entity in 'the President of the Russian Federation'."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.rights:
                if obj.dep_ == "pobj":
                    s = _covering(spans, obj.i)
                    if s is not None and s.m.label != "PERSON" and s.m.country:
                        return s
    return None


# 4. people: short names to full names, roles to the people they describe -----------------------------------------
def _words(actor: str | None) -> list[str]:
    """A person id's name words without particles ('person:osama-bin-laden' -> ['osama', 'laden'])."""
    return spelling.words(actor or "")


def _link_people(sdoc: Doc, spans: list[_Span]) -> None:
    """'Xi' and 'Putin' link to the full name seen in the same document; titles take their person's id."""
    people = [s for s in spans if s.m.label == "PERSON" and s.m.actor]
    known = _canonical_names(people)
    full = [s for s in people if len(_words(s.m.actor)) >= 2]
    people.extend(_names_taken_for_things(spans, full))
    _short_names(people, full, known)
    _share_profiles(people, known)
    for s in spans:
        if s.m.label == "ROLE" and s.person is not None:
            s.m.actor = s.person.m.actor
            s.m.country = s.m.country or s.person.m.country


def _canonical_names(people: list[_Span]) -> dict[str, kb.Person]:
    """Full names to one id: the table's spelling ('Volodymyr Zelenskyy' -> Zelensky) and, when a document says
    both, the shorter of two names that end alike ('Universe Alicia Machado' -> 'Alicia Machado')."""
    known: dict[str, kb.Person] = {}
    for s in people:
        prior = kb.person(s.m.text) if len(_words(s.m.actor)) >= 2 else None
        if prior is not None:
            s.m.actor = prior.id
            known[prior.id] = prior
    names = {s.m.actor: _words(s.m.actor) for s in people if len(_words(s.m.actor)) >= 2}
    for s in people:
        words = _words(s.m.actor)
        shorter = [a for a, w in names.items() if 2 <= len(w) < len(words) and words[-len(w):] == w]
        if shorter:
            s.m.actor = max(shorter, key=lambda a: len(names[a]))
    return known


def _names_taken_for_things(spans: list[_Span], full: list[_Span]) -> list[_Span]:
    """Single words the model took for an organization or place that are part of a full name in the document
    ('Boric' beside Gabriel Boric, 'Bloomberg' beside Michael Bloomberg): people after all."""
    out = []
    for s in spans:
        kind, _, word = (s.m.actor or "").partition(":")
        if s.m.label == "ORG" and s.m.text and kb.entity(s.m.actor or "") is not None:
            kind, word = "org", kb.slug(s.m.text)
        if s.end - s.start == 1 and kind in ("org", "place", "group") and any(
                word in (_words(f.m.actor)[0], _words(f.m.actor)[-1]) for f in full):
            s.m.label, s.m.actor = "PERSON", "person:" + word
            out.append(s)
    return out


def _short_names(people: list[_Span], full: list[_Span], known: dict[str, kb.Person]) -> None:
    """A lone name joins the full name of the document it is part of (the nearest before it when several are),
    else the one well-known person of the table with that family name ('Putin')."""
    for s in people:
        words = _words(s.m.actor)
        if len(words) != 1:
            continue
        matches = [f for f in full if words[0] in (_words(f.m.actor)[0], _words(f.m.actor)[-1])]
        ids = {f.m.actor for f in matches}
        if len(ids) == 1:
            s.m.actor = matches[0].m.actor
        elif ids:
            before = [f for f in matches if f.start < s.start] or matches
            s.m.actor = before[-1].m.actor
        elif (prior := kb.person(s.m.text)) is not None:
            s.m.actor = prior.id
            known[prior.id] = prior


def _share_profiles(people: list[_Span], known: dict[str, kb.Person]) -> None:
    """Every mention of a person gets what the document says about them (country, affiliation, roles); the
    table fills in only what the document does not say."""
    country: dict[str | None, str] = {}
    affiliation: dict[str | None, str] = {}
    roles: dict[str | None, list[str]] = {}
    for s in people:
        if s.m.country:
            country.setdefault(s.m.actor, s.m.country)
        if s.affiliation:
            affiliation.setdefault(s.m.actor, s.affiliation)
        roles.setdefault(s.m.actor, []).extend(r for r in s.roles if r)
    for s in people:
        s.m.country, s.affiliation = country.get(s.m.actor), affiliation.get(s.m.actor)
        s.roles = roles.get(s.m.actor, [])
        s.m.role = s.roles[0] if s.roles else None
        prior = known.get(s.m.actor or "")
        if prior is not None and not s.m.country and not s.affiliation:
            s.m.country, s.affiliation = prior.country, prior.affiliation
        if prior is not None and not s.roles:
            s.roles = list(prior.roles)


def _sentence_gap(sdoc: Doc, a: _Span, b: _Span) -> int:
    """How many sentences apart two mentions are."""
    return abs(_sent_index(sdoc, a.start) - _sent_index(sdoc, b.start))


def _sent_index(sdoc: Doc, i: int) -> int:
    starts = [sent.start for sent in sdoc.sents]
    return bisect_right(starts, i) - 1


def _resolve_roles(sdoc: Doc, spans: list[_Span]) -> None:
    """Link nominal ROLE mentions to the one person of the document they fit, or to their affiliation."""
    people: dict[str, _Span] = {}
    for s in spans:
        if s.m.label == "PERSON" and s.m.actor:
            people.setdefault(s.m.actor, s)
    last_unnamed: _Span | None = None
    for s in spans:
        if s.m.label != "ROLE" or not s.nominal or s.person is not None:
            continue
        if s.plural:
            s.m.actor = s.affiliation
            continue
        if s.affiliation:
            fits = [p for p in people.values()
                    if p.affiliation == s.affiliation or (p.m.country == s.affiliation and p.affiliation is None)
                    or (p.m.country == s.affiliation and _is_country(p.affiliation))]
            fits = [p for p in fits if kb.fits_role(s.m.role or "", p.roles)]
            if len(fits) == 1:
                s.m.actor = fits[0].m.actor
            else:
                s.m.actor = s.affiliation
                last_unnamed = s
            continue
        if s.definite and last_unnamed is not None and _sentence_gap(sdoc, s, last_unnamed) <= 3:
            s.m.actor, s.m.country = last_unnamed.m.actor, last_unnamed.m.country
            continue
        if s.definite:
            head = (s.m.role or "").lower().split()[-1:] or [""]
            fits = [p for p in people.values() if p.start < s.start
                    and any(r.lower().split()[-1:] == head for r in p.roles)]
            if len(fits) == 1:
                s.m.actor, s.m.country = fits[0].m.actor, fits[0].m.country


# 5. records ------------------------------------------------------------------------------------------------------
def _mentions(sdoc: Doc, doc: Document, spans: list[_Span]) -> list[Mention]:
    """Mention records in text order with sentence indexes."""
    starts = [sent.start_char for sent in sdoc.sents]
    out: list[Mention] = []
    for s in sorted(spans, key=lambda s: (s.m.start, s.m.end)):
        if s.m.end <= s.m.start:
            continue
        out.append(replace(s.m, doc=doc.id, index=len(out), sentence=max(bisect_right(starts, s.m.start) - 1, 0),
                           text=doc.text[s.m.start:s.m.end]))
    return out
