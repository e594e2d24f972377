"""The default coder: PLOVER 2.0 events from a lexicon of triggers and the spaCy dependency parse, on the CPU.

For each trigger word (a verb, a noun carried by a light verb, or an adjective), the actor is the subject of its
clause, the recipients are its object and the objects of 'with', 'to', 'against', ...; a meeting of equals
('Xi and Putin held talks', 'a meeting between X and Y') lists every party as an actor; a visit has the visitor as
actor and the host as recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from storyline import lang
from storyline.actors.knowledge import name_words
from storyline.events.lexicon import Trigger, cues, modes, triggers
from storyline.events.modality import modality
from storyline.nlp import text_of
from storyline.records import Event, Mention, Sentence
from storyline.relations import COOPERATION
from storyline.settings import DEFAULT, Settings

_POS = {"V": ("VERB",), "N": ("NOUN", "PROPN"), "A": ("ADJ",), "*": ("VERB", "NOUN", "PROPN", "ADJ")}
_NEED_DEPS = frozenset({"nsubj", "dobj", "prep", "prt", "pobj", "xcomp", "attr", "agent", "dative", "acomp", "compound",
                        "amod", "nsubjpass", "advmod", "npadvmod", "nmod", "ccomp", "conj"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "who", "which"})
_SUBJECTS = ("nsubj", "csubj", "expl")
_SETTING_PREPS = frozenset({"under", "after", "before", "during", "amid", "despite", "following", "since", "because"})
_CLIMB = frozenset({"xcomp", "conj", "acl", "advcl", "dobj", "attr", "pcomp", "oprd", "acomp"})
_HOST_VERBS = frozenset({"host", "receive", "welcome"})
_USES = frozenset({"use", "hold", "keep", "take"})  # 'used civilians as human shields': a use, no description


@dataclass
class Found:
    """A trigger word and the lexicon entry it matched."""

    token: Token
    entry: Trigger
    anchor: Token  # the word carrying the clause: a light verb for its object noun, else the trigger itself


def _dep_lemmas(tok: Token) -> set[str]:
    """Lemmas of the words a trigger's needs are checked against: its dependents and theirs."""
    out = set()
    transitive = any(ch.dep_ == "dobj" for ch in tok.children)
    for ch in tok.children:
        if ch.dep_ not in _NEED_DEPS or (transitive and ch.dep_ == "nsubj"):
            continue  # a transitive verb's sense is in its object: 'the deployment of troops is increasing tensions'
        if ch.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in ch.children):
            continue  # 'on Wednesday' says when, not what: 'called Morrison on Wednesday' is no call on someone
        if ch.dep_ == "prep" and ch.lower_ in _SETTING_PREPS:
            continue  # 'withdrew under the deal', 'after talks': the setting says nothing of the act's sense
        out.add(ch.lemma_.lower())
        out.add(ch.lower_)
        for g in ch.children:
            if g.dep_ in _NEED_DEPS or g.dep_ == "pobj":
                out.add(g.lemma_.lower())
                out.add(g.lower_)
                if g.dep_ == "prep":  # 'a state of emergency'
                    out.update(x.lemma_.lower() for x in g.children if x.dep_ == "pobj")
                elif g.dep_ == "pobj":  # 'went on hunger strike'
                    out.update(x.lemma_.lower() for x in g.children if x.dep_ in ("compound", "amod"))
    return out


def _naming(tok: Token) -> bool:
    """'called Xi a good old friend', 'called it an invasion': a verb of naming, not of calling someone up."""
    return tok.pos_ == "VERB" and any(ch.dep_ in ("oprd", "attr") or (ch.dep_ in ("xcomp", "ccomp")
                                                                     and ch.pos_ in ("NOUN", "PROPN", "ADJ"))
                                      for ch in tok.children)


def match(tok: Token, any_pos: bool = False) -> Trigger | None:
    """The lexicon entry a word triggers, if any (any_pos: trust the lemma when the tagger may have erred)."""
    entries = triggers().get(tok.lemma_.lower()) or triggers().get(tok.lower_)
    if not entries or (tok.lemma_.lower() == "call" and _naming(tok)):
        return None
    if tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound"):  # 'a Russia-backed offensive'
        return None
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "as" \
            and tok.head.head.pos_ in ("VERB", "AUX") and tok.head.head.lemma_.lower() not in _USES:
        return None  # 'present it as a Ukrainian attack', 'described it as an invasion': a description, no act
    around: set[str] | None = None
    for e in entries:
        if tok.pos_ not in _POS[e.pos] and not (any_pos and tok.pos_ in _POS["*"]):
            continue
        if e.needs:
            around = _dep_lemmas(tok) if around is None else around
            if not e.needs & around:
                continue
        return None if e.category == "NONE" else e  # 'released a statement': a sense that is no event
    return None


def _anchor(tok: Token) -> Token:
    """The light verb that carries a noun trigger ('held talks', 'launched an attack'), or the trigger itself."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "nsubjpass") \
            and tok.head.lemma_.lower() in cues()["light"]:
        return tok.head
    return tok


class PartyIndex:
    """Parties of one sentence by token, and the cheapest parties under a phrase."""

    def __init__(self, span: Span, parties: list[Mention]) -> None:
        self.span = span
        self.by_root: dict[int, Mention] = {}
        self.tokens: dict[int, Mention] = {}
        doc = span.doc
        for p in parties:
            if p.start is None or p.end is None or p.start < span.start_char or p.end > span.end_char:
                continue
            ps = doc.char_span(p.start, p.end, alignment_mode="expand")
            if ps is None or len(ps) == 0:
                continue
            self.by_root.setdefault(ps.root.i, p)
            for t in ps:
                self.tokens.setdefault(t.i, p)

    def under(self, head: Token) -> list[Mention]:
        """The parties a phrase names: the nearest to its head (conjuncts and appositions count as near)."""
        costs: dict[int, int] = {}
        stack = [(head, 0)]
        while stack:
            t, cost = stack.pop()
            if t.i in costs and costs[t.i] <= cost:
                continue
            costs[t.i] = cost
            for ch in t.children:
                if ch.dep_ in ("relcl", "acl", "ccomp", "advcl", "punct", "cc", "det", "case"):
                    continue
                step = {"conj": 0, "appos": 0, "compound": 0, "flat": 0, "nmod": 0, "amod": 1, "poss": 1,
                        "prep": 1 if ch.lower_ == "of" else 3, "pobj": 1}.get(ch.dep_, 2)
                stack.append((ch, cost + step))
        found = [(c, i) for i, c in costs.items() if i in self.by_root and not self._setting(i, head)]
        if not found:
            found = [(c, i) for i, c in costs.items() if i in self.tokens and not self._setting(i, head)]
        if not found:
            return []
        best = min(c for c, _ in found)
        keep = [i for c, i in found if c == best]
        people = [i for c, i in found if c <= best + 2 and self._party(i).label == "PERSON"]
        if head.lemma_.lower() in cues()["role"] and people:
            keep = people
        kept_tokens = {t for i in keep for t in self._tokens_of(i)}
        keep = [i for i in keep if not self._modifies(i, kept_tokens)]
        out: list[Mention] = []
        for i in sorted(keep):
            p = self._party(i)
            if all(p.name != q.name for q in out):
                out.append(p)
        return out

    def _setting(self, i: int, head: Token) -> bool:
        """Whether a party is only where the phrase happens: a place (not a country or its capital) under 'in',
        'near' or 'at' ('returned to the negotiating table in Geneva')."""
        p = self._party(i)
        if not (p.actor or "").startswith("place:"):
            return False
        tok = self.span.doc[i]
        while tok.i != head.i and tok.head.i != tok.i:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "at", "outside", "inside"):
                return True
            tok = tok.head
        return False

    def _tokens_of(self, i: int) -> set[int]:
        p = self._party(i)
        return {t for t, q in self.tokens.items() if q is p}

    def _modifies(self, i: int, others: set[int]) -> bool:
        """Whether a party only qualifies another one ('United Russia' in 'United Russia President Medvedev')."""
        if self._party(i).label == "PERSON":
            return False
        own = self._tokens_of(i)
        tok = self.span.doc[i]
        steps = 0
        while tok.head.i != tok.i and (tok.dep_ in ("compound", "amod", "nmod", "poss")
                                       or (steps and tok.dep_ == "conj")):
            tok, steps = tok.head, steps + 1
            if tok.i not in own and tok.i in others:
                return True
        return False

    def _party(self, i: int) -> Mention:
        return self.by_root.get(i) or self.tokens[i]


def _nominal(head: Token) -> Mention:
    """A common-noun stand-in for an unnamed actor ('protesters', 'a Swiss court'): kept in events when it is a group
    of people that acts ('police', 'rebels'; storyline.events.core._names)."""
    left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "det", "nummod", "poss")]
    start = left[0].idx if left else head.idx
    text = text_of(head.doc)[start: head.idx + len(head.text)]
    return Mention(text=text, name=head.lower_, start=start, end=head.idx + len(head.text), label="NOMINAL")


_QUANTITIES = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "scores", "millions",
                         "tens", "group", "groups", "band", "number", "handful", "crowd", "crowds", "some", "many"})


def _counted(head: Token) -> Token:
    """The people a quantity counts ('thousands of workers' -> workers, 'a group of gunmen' -> gunmen)."""
    if head.lower_ in _QUANTITIES or head.like_num:
        for ch in head.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                obj = next((g for g in ch.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return _counted(obj)
    return head


def _phrase(head: Token, idx: PartyIndex) -> list[Mention]:
    """The parties of a noun phrase, or its nominal stand-in when it names none."""
    found = idx.under(head)
    if found:
        return found
    head = _counted(head)
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in _PRONOUNS:
        return [_nominal(head)]
    return []


def _target(obj: Token, idx: PartyIndex) -> list[Mention]:
    """The recipients a preposition's object names: its parties, or a group of people that acts without a name
    ('imposed sanctions on the regime', 'fired on protesters')."""
    found = idx.under(obj)
    if found:
        return found
    obj = _counted(obj)
    return [_nominal(obj)] if obj.lower_ in name_words("sector") else []


def _subject(tok: Token) -> Token | None:
    """The subject of a verb (also when the parser hung it on the verb's auxiliary, or read 'as Moscow continues'
    as a preposition and its object)."""
    for ch in tok.children:
        if ch.dep_ in _SUBJECTS:
            return ch
    for aux in tok.children:
        if aux.dep_ in ("aux", "auxpass"):
            for ch in aux.children:
                if ch.dep_ in _SUBJECTS:
                    return ch
    if tok.tag_ in ("VBZ", "VBD", "VBP") and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.dep_ == "pobj" and prev.pos_ in ("PROPN", "NOUN") and prev.head.lower_ in cues()["subordinator"]:
            return prev  # 'as Moscow continues its invasion': a clause the parser took for a phrase
    return None


def _agent(tok: Token) -> Token | None:
    for ch in tok.children:
        if ch.dep_ == "agent":
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
    return None


def _clause_subject(anchor: Token) -> Token | None:
    """The subject of the clause carrying the event, climbing through 'plans to', 'agreed to', conjuncts."""
    cur = anchor
    for _ in range(5):
        subj = _subject(cur) or _agent(cur)
        if subj is not None and subj.lower_ not in _PRONOUNS:
            return subj
        if subj is not None:  # a pronoun: its antecedent is often the subject of the governing clause
            up = _clause_subject(cur.head) if cur.head.i != cur.i and cur.dep_ in ("ccomp", "conj", "advcl") else None
            return up or subj
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        if cur.dep_ == "advcl" and cur.tag_ not in ("VBG", "VBN") and not _infinitive(cur):
            return None  # a finite adverbial clause ('as Moscow continues ...') has a subject of its own
        if cur.dep_ == "acl" and cur.head.dep_ == "ROOT" and cur.head.pos_ in ("NOUN", "PROPN") \
                and cur.tag_ in ("VBD", "VBN", "VBZ"):
            return cur.head  # a misparsed main verb: 'The Iraqi air force carried out ...' read as a reduced relative
        cur = cur.head
    return None


def _infinitive(verb: Token) -> bool:
    """'sent a team to investigate': a clause of purpose, whose doer is the subject of the clause it serves."""
    return verb.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children)


def _preps(tok: Token, names: frozenset[str]) -> list[Token]:
    """Objects of the named prepositions attached to a word."""
    out: list[Token] = []
    for ch in tok.children:
        if ch.dep_ in ("prep", "dative") and ch.lower_ in names:
            out.extend(g for g in ch.children if g.dep_ == "pobj")
        elif ch.dep_ == "dative" and ch.pos_ in ("NOUN", "PROPN"):
            out.append(ch)
    return out


def _invitation_hosts(tok: Token) -> list[Token]:
    """'at the invitation of X', 'at X's invitation': X hosts the visit."""
    out: list[Token] = []
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ == "at":
            for inv in ch.children:
                if inv.lemma_.lower() == "invitation":
                    out.extend(g for g in inv.children if g.dep_ == "poss")
                    out.extend(p for p in _preps(inv, frozenset({"of"})))
    return out


def _circumstance_subject(tok: Token) -> Token | None:
    """For a noun event set in a verb's circumstance ('during a call with Y, X said'), the verb's subject."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in cues()["circumstantial"]:
        return None
    cur = tok.head.head
    for _ in range(3):
        if cur.pos_ in ("VERB", "AUX"):
            return _clause_subject(cur)
        if cur.pos_ not in ("ADJ", "ADV") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _main_subject(anchor: Token, idx: PartyIndex) -> list[Mention]:
    """For an act whose own phrase names no one ('called for an end to the violence in protest'), the parties of the
    sentence's active subject, when the act sits in the main clause (not in a relative or reported clause)."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ in _SETTING_PREPS:
        return []  # 'closed the strip after the attack': the setting's act is not the subject's
    cur = anchor
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "ccomp", "parataxis", "csubj", "nsubj", "nsubjpass"):
            return []
        cur = cur.head
    if cur.lemma_.lower() in cues()["sufferer"] or any(ch.dep_ in ("nsubjpass", "auxpass") for ch in cur.children):
        return []
    subj = _subject(cur)
    return idx.under(subj) if subj is not None and subj.lower_ not in _PRONOUNS else []


def _carrier(tok: Token) -> Token | None:
    """The verb whose subject does a noun event it governs: an unlisted verb with the noun as object ('declared a
    ceasefire', 'distributed supplies'), or 'claimed responsibility for the attack'."""
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB" and match(tok.head) is None \
            and tok.head.lemma_.lower() not in cues()["sufferer"]:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "responsibility" \
            and tok.head.head.head.pos_ == "VERB":
        return tok.head.head.head
    verb = tok.head.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and verb.pos_ == "VERB" and match(verb) is None \
            and verb.lemma_.lower() not in cues()["sufferer"] and tok.head.lower_ not in cues()["circumstantial"]:
        return verb  # 'engaged in talks', 'called for a boycott', 'joined in the protest'
    return _phrase_carrier(tok)


_TAKE_PART = frozenset({"engage", "involve"})


def _partaker(verb: Token) -> Token | None:
    """'Serb forces were engaged in ethnic cleansing': the passive subject of a verb of taking part."""
    if verb.lemma_.lower() not in _TAKE_PART:
        return None
    return next((ch for ch in verb.children if ch.dep_ == "nsubjpass" and ch.lower_ not in _PRONOUNS), None)


def _phrase_carrier(tok: Token) -> Token | None:
    """The unlisted verb whose object is the noun phrase a noun event sits in: 'launched a wave of arrests',
    'approved an aid package', 'began peace talks'."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("compound", "nmod", "conj", "appos") and cur.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head
        elif cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head.head
        else:
            break
        if cur.dep_ in ("dobj", "attr") and cur.head.pos_ == "VERB" and match(cur.head) is None \
                and cur.head.lemma_.lower() not in cues()["sufferer"]:
            return cur.head
    return None


def _add(out: list[Mention], new: list[Mention]) -> None:
    for p in new:
        if all(p.name != q.name for q in out):
            out.append(p)


def _noun_parties(tok: Token, idx: PartyIndex) -> tuple[list[Mention], list[Mention]]:
    """Actors and recipients written inside a noun trigger's phrase: 'between X and Y', "X's", 'Russian'."""
    actors: list[Mention] = []
    recips: list[Mention] = []
    for p in _preps(tok, cues()["parties_prep"]):
        _add(actors, idx.under(p))
    for ch in tok.children:
        if ch.dep_ in ("poss", "amod", "compound", "nmod") and ch.i in idx.tokens:
            _add(actors, idx.under(ch))
    ag = next((g for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "by"
               for g in ch.children if g.dep_ == "pobj"), None)
    if ag is not None:
        _add(actors, _phrase(ag, idx))
    for p in _preps(tok, cues()["recipient_prep"] | {"of"}):
        _add(recips, idx.under(p))
    return actors, recips


def _location(tok: Token, anchor: Token, idx: PartyIndex) -> str | None:
    """The place the event happened: an 'in' phrase on the trigger or its clause naming a place."""
    for t in (tok, anchor):
        for p in _preps(t, frozenset({"in"})):
            if p.ent_type_ in ("GPE", "LOC", "FAC"):
                ent = next((e for e in p.doc.ents if e.start <= p.i < e.end), None)
                return ent.text if ent is not None else p.text
    return None


def _mode(found: Found) -> str | None:
    """The PLOVER mode: the trigger's own, else the first cue found in its clause."""
    if found.entry.mode:
        return found.entry.mode
    words = {t.lemma_.lower() for t in found.token.subtree} | {t.lower_ for t in found.token.subtree}
    if found.anchor.i != found.token.i:
        for ch in found.anchor.children:
            if ch.dep_ in ("prep", "advmod", "npadvmod", "dobj", "agent"):
                words |= {t.lemma_.lower() for t in ch.subtree} | {t.lower_ for t in ch.subtree}
    for ch in found.token.children:
        if ch.dep_ in ("advmod", "npadvmod"):
            words.add(ch.lower_)
    for cat, mode, cue in modes():
        if cat == found.entry.category and cue & words:
            return mode
    return None


def _depth(tok: Token) -> int:
    """How far a word sits below its sentence's root, not counting verbs of saying and light verbs."""
    depth, cur = 0, tok
    skip = cues()["statement"] | cues()["light"]
    if tok.dep_ == "pobj" and tok.head.lower_ in cues()["circumstantial"] and tok.head.head.pos_ in ("VERB", "AUX"):
        depth += 2  # 'at the request of', 'amid threats': the setting of another act, not the act itself
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless") for ch in cur.children):
            depth += 2  # 'would strike if it attacked': the condition is not the event
        cur = cur.head
        if cur.lemma_.lower() not in skip:
            depth += 1
    return depth


_ORDERS = frozenset({"order", "authorize", "authorise", "approve", "command", "direct", "instruct"})
_ORDERED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "RETREAT", "AID"})


def _orders(governor: Found, governed: Found) -> bool:
    """Whether an authority's order stands for the act it orders ('ordered the arrest of', 'authorized strikes',
    'ordered troops to withdraw'): an order to act is coded as the act, by the one who orders it."""
    return governor.token.lemma_.lower() in _ORDERS and governed.entry.category in _ORDERED


def _contest(tok: Token, entry: Trigger, anchor: Token) -> bool:
    """'Spain beat Russia in the Davis Cup final', 'the party's crushing defeat in the election', 'stocks were
    hammered': a forceful word telling a result in sport, an election or a market, not violence."""
    if entry.category not in ("ASSAULT", "COERCE") or tok.lemma_.lower() not in cues()["contest_verb"]:
        return False
    words = _own_words(tok) | _own_words(anchor)
    subj = _subject(anchor)
    if subj is not None:
        words |= {t.lemma_.lower() for t in subj.subtree}
    return bool(words & cues()["contest"])


_OTHER_CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "parataxis", "acl", "csubj", "cc", "mark"})


def _own_words(tok: Token) -> set[str]:
    """Lemmas and forms of a word's own phrase: the word and its dependents, without the clauses hung on it
    ('attacked a base, leaving scores dead': 'scores' is no sport)."""
    out = {tok.lemma_.lower(), tok.lower_}
    for ch in tok.children:
        if ch.dep_ not in _OTHER_CLAUSES:
            out |= {t.lemma_.lower() for t in ch.subtree} | {t.lower_ for t in ch.subtree}
    return out


def _nested(found: Found, all_found: list[Found]) -> Found | None:
    """The trigger that governs this one, if any ('agreed to cooperate', 'threatened to attack')."""
    others = {i: f for f in all_found if f is not found for i in (f.token.i, f.anchor.i)}
    cur = found.anchor
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ in ("conj", "advcl", "relcl", "parataxis", "appos"):
            return None
        if cur.dep_ == "pobj" and cur.head.lower_ in cues()["circumstantial"]:
            return None
        cur = cur.head
        if cur.i in others:
            return others[cur.i]
        if cur.lemma_.lower() in cues()["statement"]:
            return None
    return None


class RuleCoder:
    """PLOVER coding by lexicon and dependency rules (the default coder)."""

    name = "rules"

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings

    def code(self, sentence: Sentence) -> list[Event]:
        """Every event of one parsed sentence, the main one first."""
        span = sentence.parse
        if span is None:
            return []
        idx = PartyIndex(span, sentence.mentions)
        found = self.find(span)
        out = []
        ordered: set[int] = set()
        governed: dict[int, list[Event]] = {}
        for f in found:
            governor = _nested(f, found)
            coded = self.build(f, idx)
            rank = (_depth(f.token), -f.entry.priority, coded.trigger_start or 0)
            if governor is not None and not coded.negated:
                if _orders(governor, f):  # 'the court ordered the arrest of X': the order is the arrest
                    ordered.add(governor.token.i)
                    if not coded.actor_mentions:
                        coded.actor_mentions = self.build(governor, idx).actor_mentions
                    out.append((rank, coded))
                else:
                    governed.setdefault(governor.token.idx, []).append(coded)
                continue
            out.append((rank, coded))
        out = [(rank, c) for rank, c in out if not any(c.trigger_start == span.doc[i].idx for i in ordered)]
        for _, c in out:
            _take_targets(c, governed.get(c.trigger_start or -1, []))
        return _merge(out)

    def find(self, span: Span) -> list[Found]:
        """Trigger words of a sentence, with light verbs folded into their object nouns."""
        raw = []
        for tok in span:
            entry = match(tok)
            if entry is not None and not _contest(tok, entry, _anchor(tok)):
                raw.append(Found(tok, entry, _anchor(tok)))
        carried = {f.anchor.i for f in raw if f.anchor.i != f.token.i}
        return [f for f in raw if f.token.i not in carried]

    def build(self, f: Found, idx: PartyIndex) -> Event:
        """One coded event: actors, recipients, mode, location and flags around a trigger."""
        tok, anchor, cat = f.token, f.anchor, f.entry.category
        actors: list[Mention] = []
        recips: list[Mention] = []
        if tok.pos_ in ("NOUN", "PROPN") and anchor.i == tok.i:
            actors, recips = _noun_parties(tok, idx)
            if not recips and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                _add(recips, [p for t in _preps(tok.head, cues()["recipient_prep"]) for p in _target(t, idx)])
            if not actors:
                subj = _circumstance_subject(tok)
                if subj is not None:
                    actors = _phrase(subj, idx)
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in cues()["sufferer"]:
                subj = _clause_subject(tok.head)
                if subj is not None:
                    _add(recips, _phrase(subj, idx))
            elif not actors and (carrier := _carrier(tok)) is not None:
                subj = _clause_subject(carrier) or _partaker(carrier)
                if subj is not None:
                    actors = _phrase(subj, idx)
                if not recips:
                    _add(recips, [p for t in _preps(carrier, frozenset({"against"})) for p in _target(t, idx)])
        else:
            subj = _clause_subject(anchor)
            if subj is not None:
                actors = _phrase(subj, idx)
            if anchor.i != tok.i:
                extra_a, extra_r = _noun_parties(tok, idx)
                _add(actors, extra_a)
                _add(recips, extra_r)
            for ch in anchor.children:
                if ch.dep_ in ("dobj", "dative", "nsubjpass") and ch.i != tok.i:
                    _add(recips, _phrase(ch, idx))
            _add(recips, [p for t in _preps(anchor, cues()["recipient_prep"]) for p in _target(t, idx)])
        mode = _mode(f)
        if cat == "CONSULT" and mode == "visit":
            if anchor.lemma_.lower() in _HOST_VERBS:  # 'X hosted Y': Y is the visitor
                actors, recips = recips, actors
            hosts = _invitation_hosts(anchor) + (_invitation_hosts(tok) if anchor.i != tok.i else [])
            _add(recips, [p for h in hosts for p in idx.under(h)])
            for p in _preps(tok, frozenset({"in"})) + (_preps(anchor, frozenset({"in"})) if anchor.i != tok.i else []):
                _add(recips, idx.under(p))
        if not actors and not recips:
            actors = _main_subject(anchor, idx)
        actors = [a for a in actors if a.named or not any(r.start == a.start for r in recips)]
        recips = [r for r in recips if all(r.name != a.name for a in actors)]
        mod = modality(tok, anchor)
        trigger = tok.text if anchor.i == tok.i else f"{anchor.text} {tok.text}"
        coded = Event(category=cat, mode=mode, actor_mentions=actors, recipient_mentions=recips, trigger=trigger,
                      trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text),
                      location=_location(tok, anchor, idx), negated=mod.negated, hypothetical=mod.hypothetical,
                      future=mod.future)
        return _plover_rules(coded, tok, anchor, mod.obligation, idx)


COOPERATIVE = COOPERATION - {"REQUEST"}  # cooperative acts (a request only asks for one)
MATERIAL_COOPERATION = frozenset(c for c, quad in lang.plover("quad").items() if quad == "material-cooperation")
MILITARY = frozenset({"MOBILIZE"})
_DEESCALATE = frozenset({"remove", "drop", "lift", "end", "cease", "halt", "stop", "suspend", "call", "abandon", "give", "rescind",
                         "scrap", "ease", "relax", "revoke", "cancel", "postpone", "terminate", "break"})
_NEEDS_PARTICLE = {"give": "up", "call": "off", "break": "off"}


def _deescalates(verb: Token) -> bool:
    """'lifted the ban', 'ended the operation', 'called off the strike', 'gave up fighting'."""
    lemma = verb.lemma_.lower()
    if lemma not in _DEESCALATE:
        return False
    need = _NEEDS_PARTICLE.get(lemma)
    return need is None or any(ch.dep_ == "prt" and ch.lower_ == need for ch in verb.children)


_PEACEKEEPERS = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "blue", "helmet", "helmets"})
_PEACEKEEPING = _PEACEKEEPERS | {"humanitarian", "relief", "rescue"}
_MOVES = frozenset({"arrive", "land", "reach"})
_EXERCISES = frozenset({"exercise", "drill", "game", "maneuver", "manoeuvre"})
_CYBER = frozenset({"hacker", "hackers", "cyber", "cyberspace", "website", "websites", "computer", "server", "network",
                    "ransomware", "malware", "ddos", "phishing", "spyware", "email", "database", "online"})
_CANCEL = frozenset({"cancel", "postpone", "scrap", "call", "abandon"})


def _words_around(anchor: Token) -> set[str]:
    """Lemmas and forms of a clause, its subject included."""
    return {t.lemma_.lower() for t in anchor.subtree} | {t.lower_ for t in anchor.subtree}


_FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})  # acts that can be threatened or called off
CONFLICTUAL = _FORCEFUL | {"THREATEN"}
_THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "relations"}
_WILL = frozenset({"will", "would", "shall", "'ll"})
_VOWS = frozenset({"vow", "pledge", "promise", "swear"})
_MILITARY_RULE = frozenset({"curfew", "emergency", "state", "law", "blockade", "siege", "occupation"})
_OFFER = frozenset({"offer", "propose", "promise", "pledge"})
_CONDITION = frozenset({"if", "unless", "whether", "once", "when"})


def _ultimatum(anchor: Token) -> bool:
    """'will withdraw unless a ceasefire is arranged': an act announced on a condition ('unless ...')."""
    return any(ch.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in ch.children)
               for ch in anchor.children)


def _announced_by_actor(anchor: Token) -> bool:
    """Whether an act is announced as the actor's own future act ('X will strike', 'X said it would arrest anyone
    who...', 'X vowed to expel them'), in the main clause or under a verb of saying: CAMEO codes such a statement
    as an intent (AGREE) for cooperative acts and a THREATEN for forceful ones."""
    if anchor.pos_ not in ("VERB", "AUX") or any(ch.dep_ == "mark" and ch.lower_ in _CONDITION
                                                   for ch in anchor.children):
        return False
    if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in _VOWS:
        return True  # 'vowed to crush the rebellion', 'pledged to expel them'
    if not any(ch.dep_ == "aux" and ch.lower_ in _WILL for ch in anchor.children):
        return False
    if anchor.dep_ == "ROOT":
        return True
    return anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in cues()["statement"] | {"warn", "vow"}


def _plover_rules(coded: Event, tok: Token, anchor: Token, obligation: bool, idx: PartyIndex) -> Event:
    """PLOVER's reading of some constructions: cutting a cooperative relation is a SANCTION ('suspended aid',
    'cancelled a visit'); ending a conflictual act is a RETREAT or CONCEDE ('lifted the ban'); a refused or failed
    cooperative act is a REJECT ('will not lift the ban', 'failed to reach agreement'); 'X said Y must act' is X's
    REQUEST to Y; a material act announced for later is an AGREE, a forceful one a THREATEN."""
    _reread(coded, tok, anchor)
    if _blame(coded, tok, anchor, idx):
        return coded
    if coded.category in COOPERATIVE and coded.negated:
        coded.category, coded.mode, coded.negated = "REJECT", None, False
        return coded
    speaker = _demander(anchor) if obligation else None
    if speaker is not None:
        coded.recipient_mentions = coded.actor_mentions or coded.recipient_mentions
        coded.actor_mentions = _phrase(speaker, idx)
        coded.category, coded.mode, coded.hypothetical = "REQUEST", None, False
        return coded
    if coded.negated:
        return coded
    if coded.category in COOPERATIVE - {"AGREE", "SUPPORT"} and anchor.i != tok.i \
            and anchor.lemma_.lower() in _OFFER:
        coded.category, coded.mode = "AGREE", None  # 'offered concessions', 'proposed talks': an intent (CAMEO 03x)
    elif coded.category in ("CONSULT", "SUPPORT") and not (coded.mode == "visit" and _scheduled(anchor)) \
            and (coded.future or _announced_by_actor(anchor)):
        coded.category, coded.mode = "AGREE", None  # 'will hold talks', 'would back': an intent (CAMEO 032, 036)
    elif (coded.future or _announced_by_actor(anchor)) and _ultimatum(anchor):
        coded.category, coded.mode = "THREATEN", _THREAT_MODES.get(coded.category, "relations")
        coded.hypothetical = coded.future = False  # an ultimatum: the threat is made now (CAMEO 13, 138)
    elif coded.category in MATERIAL_COOPERATION and (coded.future or _announced_by_actor(anchor)):
        coded.category, coded.mode = "AGREE", None  # a promised release, withdrawal or aid is a commitment
    elif (coded.category in _FORCEFUL or tok.lemma_.lower() == "boycott") and _announced_by_actor(anchor):
        coded.category, coded.mode = "THREATEN", _THREAT_MODES.get(coded.category, "restrict")
        coded.hypothetical = coded.future = False  # the threat itself is made now
    elif coded.category == "AGREE" and tok.pos_ == "ADJ" and _readiness_for_force(tok):
        coded.category, coded.mode = "THREATEN", "violence"  # 'ready to use force': a threat, no offer (CAMEO 13)
        coded.hypothetical = coded.future = False
    return coded


_SAYINGS = frozenset({"reminder", "warning", "message", "statement", "letter", "notice", "signal", "insistence"})


def _demander(anchor: Token) -> Token | None:
    """Who says that someone must act: the subject of the verb of saying ('X said Y must act', 'X said Y must be
    ready to act') or of the verb that delivers a saying noun ('X issued a reminder that Y must act')."""
    clause = anchor
    while clause.dep_ in ("acomp", "xcomp", "attr") and clause.head.i != clause.i:
        clause = clause.head
    head = clause.head
    if clause.dep_ == "ccomp" and head.lemma_.lower() in cues()["statement"]:
        return _clause_subject(head)
    if clause.dep_ in ("acl", "ccomp") and head.lemma_.lower() in _SAYINGS and head.head.pos_ == "VERB":
        return _clause_subject(head.head)
    return None


_DAYS = re.compile(r"\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|"
                   r"june|july|august|september|october|november|december|tomorrow", re.I)


def _scheduled(anchor: Token) -> bool:
    """Whether a coming act has its day ('will begin a visit to Russia on Monday'): a scheduled event, not only an
    intent ('plans to visit China')."""
    return any(t.ent_type_ in ("DATE", "TIME") and _DAYS.search(t.text) for t in anchor.subtree)


def _readiness_for_force(adj: Token) -> bool:
    """'prepared to strike', 'ready to retaliate', 'willing to use force': readiness for a forceful act."""
    for ch in adj.children:
        if ch.dep_ == "xcomp" and ch.pos_ == "VERB":
            e = match(ch)
            if e is not None and e.category in _FORCEFUL | {"MOBILIZE", "THREATEN"}:
                return True
            objs = [g for g in ch.children if g.dep_ == "dobj"]
            if ch.lemma_.lower() == "use" and any(g.lemma_.lower() in ("force", "weapon", "arm") for g in objs):
                return True
    return False


_REPORTING = frozenset({"warn", "accuse", "allege", "charge", "complain"})


def _reporter(anchor: Token) -> Token | None:
    """The subject of the verb of saying an act is reported under ('Peskov told reporters that ...', 'the official
    said the US had information indicating that ...'), or None when the text states it itself."""
    cur = anchor
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "xcomp", "parataxis") and cur.head.lemma_.lower() in cues()["statement"] | _REPORTING:
            return _clause_subject(cur.head)
        if cur.dep_ not in ("ccomp", "acl", "dobj", "xcomp", "conj", "relcl"):
            return None
        cur = cur.head
    return None


def _blame(coded: Event, tok: Token, anchor: Token, idx: PartyIndex) -> bool:
    """'X said the deployment of US troops is increasing tensions': X accuses the United States (ACCUSE, the
    speaker as actor, the blamed as recipient; no one named when the text says it itself); 'an official said Russia
    had fabricated a plan': a deception reported by another party is that party's allegation (ACCUSE allege)."""
    lemma = tok.lemma_.lower()
    blame = coded.category == "ACCUSE" and coded.mode == "disapprove" and lemma in cues()["blame"]
    deceit = coded.category == "COERCE" and lemma in cues()["deception"]
    if not (blame or deceit):
        return False
    speaker = _reporter(anchor)
    speakers = _phrase(speaker, idx) if speaker is not None and speaker.lower_ not in _PRONOUNS else []
    blamed = [p for p in coded.actor_mentions if all(p.name != s.name for s in speakers)]
    if deceit and not (speakers and blamed):
        return False  # stated as a fact, or about oneself: the deception itself
    coded.actor_mentions, coded.recipient_mentions = speakers, blamed + [r for r in coded.recipient_mentions if r not in blamed]
    coded.recipient_mentions = [r for r in coded.recipient_mentions if all(r.name != a.name for a in coded.actor_mentions)]
    coded.category, coded.mode = "ACCUSE", "disapprove" if blame else "allege"
    coded.hypothetical = coded.future = False
    return True


_VOICED = frozenset({"REQUEST", "ACCUSE", "REJECT"})
_LODGE = frozenset({"lodge", "file", "deliver", "issue"})  # light verbs of an official complaint


def _protesters(anchor: Token) -> bool:
    """Whether the one who speaks is a crowd in protest: 'Protesters demanded', 'thousands of demonstrators urged'."""
    subj = _subject(anchor)
    if subj is None:
        return False
    heads = [subj] + [g for ch in subj.children if ch.dep_ == "prep" and ch.lower_ == "of"
                      for g in ch.children if g.dep_ == "pobj"]
    return any((e := match(h)) is not None and e.category == "PROTEST" and h.pos_ in ("NOUN", "PROPN")
               for h in heads)


def _protest_purpose(anchor: Token) -> bool:
    """'staged demonstrations to demand reforms', 'marched to protest against': the purpose of a protest."""
    if anchor.dep_ != "advcl" or not _infinitive(anchor):
        return False
    verb = anchor.head
    heads = [verb] + [ch for ch in verb.children if ch.dep_ in ("dobj", "attr")]
    return any((e := match(h)) is not None and e.category == "PROTEST" for h in heads)


def _reread(coded: Event, tok: Token, anchor: Token) -> None:
    """What the act is when its trigger's category is not the whole story: a cooperative act cut off, a conflictual
    act ended, troops sent as peacekeepers, exercises held together."""
    obj = tok if tok.dep_ == "dobj" else tok.head if tok.dep_ in ("compound", "amod") and tok.head.dep_ == "dobj" \
        else None
    if coded.category in COOPERATIVE and obj is not None and obj.head.lemma_.lower() in cues()["discontinue"] \
            and (coded.mode != "visit" or obj.head.lemma_.lower() in _CANCEL):
        coded.category, coded.mode = "SANCTION", "discontinue"
        coded.trigger = f"{obj.head.text} {tok.text}"
    elif coded.category in CONFLICTUAL and (obj is not None or tok.dep_ == "nsubjpass") \
            and _deescalates((obj or tok).head):
        civil = coded.category == "COERCE" and tok.lemma_.lower() not in _MILITARY_RULE
        coded.category = "CONCEDE" if coded.category == "PROTEST" or civil else "RETREAT"  # CAMEO 081-082 vs 08x
        coded.mode = "ceasefire" if coded.category == "RETREAT" and tok.lemma_.lower() not in ("ban", "sanction") \
            else None
        coded.trigger = f"{(obj or tok).head.text} {tok.text}"
    elif (coded.category in MILITARY or (coded.category == "CONSULT" and anchor.lemma_.lower() in _MOVES)) \
            and _words_around(anchor) & _PEACEKEEPING:
        coded.category, coded.mode = "AID", "peacekeeping" if _words_around(anchor) & _PEACEKEEPERS else None
    elif coded.category == "PROTEST" and anchor.i != tok.i and anchor.lemma_.lower() in _LODGE:
        coded.category, coded.mode = "ACCUSE", "allege"  # 'lodged a protest with': an official complaint (114)
    elif coded.category in _VOICED and (_protesters(anchor) or _protest_purpose(anchor)):
        coded.category, coded.mode = "PROTEST", "demo"  # 'protesters demanded ...': the demand is the protest's
    elif coded.category == "ASSAULT" and _words_around(anchor) & _CYBER:
        coded.category, coded.mode = "COERCE", "cyber"  # an attack on computers, not on bodies
    elif coded.category in MILITARY and (tok.lemma_.lower() in _EXERCISES or _own_words(tok) & _JOINT) and (
            len(coded.actor_mentions) > 1 or any(ch.dep_ == "prep" and ch.lower_ == "with"
                                                 for t in (tok, anchor) for ch in t.children)):
        coded.category, coded.mode = "COOPERATE", None  # exercises or patrols held together: cooperation (062)
    elif coded.category == "PROTEST" and coded.mode == "obstruct" and _state_force(tok, anchor, coded):
        coded.category, coded.mode = "COERCE", "restrict"  # troops blocking a road: a restriction (CAMEO 191)


def _take_targets(governor: Event, acts: list[Event]) -> None:
    """'threatened to shell Bagram', 'refused to withdraw from Lebanon': with no recipient of its own, a threat,
    promise or refusal is aimed at the named recipients of the act it governs."""
    if governor.recipient_mentions:
        return
    actors = {a.name for a in governor.actor_mentions}
    for act in acts:
        _add(governor.recipient_mentions, [r for r in act.recipient_mentions if r.named and r.name not in actors])


_JOINT = frozenset({"joint", "jointly", "together"})


def _state_force(tok: Token, anchor: Token, coded: Event) -> bool:
    """Whether the one who acts is a state's force: troops, police, a government, or a country named as such."""
    carrier = _carrier(tok) if anchor.i == tok.i and tok.pos_ in ("NOUN", "PROPN") else None
    subj = _subject(carrier if carrier is not None else anchor)
    if subj is not None and subj.lemma_.lower() in cues()["state_force"]:
        return True
    if subj is not None and subj.pos_ == "NOUN":
        return False  # 'demonstrators in Baghdad blocked a road': the crowd acts, not the place it is in
    return bool(coded.actor_mentions) and all(_is_state(a) for a in coded.actor_mentions)


def _is_state(m: Mention) -> bool:
    """Whether a party is a country named as such ('Israel', 'Moscow'), not its people ('Israelis')."""
    return m.label == "GPE" and m.actor is not None and len(m.actor) == 3 and m.actor.isupper()


def _merge(ranked: list[tuple[tuple[int, int, int], Event]]) -> list[Event]:
    """Fold events of the same category and actors in one sentence into the best-placed one (by depth below the
    root, then lexicon priority, then position); main event first."""
    out: list[Event] = []
    for _, e in sorted(ranked, key=lambda r: r[0]):
        twin = next((o for o in out if o.category == e.category and o.negated == e.negated
                     and _same_parties(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        if not twin.actor_mentions and e.actor_mentions:  # the better-placed word named nobody: keep the one that does
            twin.actor_mentions, twin.trigger = e.actor_mentions, e.trigger
            twin.trigger_start, twin.trigger_end = e.trigger_start, e.trigger_end
            twin.mode = e.mode or twin.mode
            twin.negated, twin.hypothetical, twin.future = e.negated, e.hypothetical, e.future
        twin.mode = twin.mode or e.mode
        twin.location = twin.location or e.location
        if not twin.recipient_mentions:
            twin.recipient_mentions = [r for r in e.recipient_mentions if all(r.name != a.name for a in twin.actor_mentions)]
    return out


def _same_parties(a: Event, b: Event) -> bool:
    """Whether two coded events could be one: one's actors are contained in the other's (or one has none)."""
    an, bn = {p.name for p in a.actor_mentions}, {p.name for p in b.actor_mentions}
    return not an or not bn or an <= bn or bn <= an
