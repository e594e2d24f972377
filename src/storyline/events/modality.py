"""Whether an event is negated, hypothetical or still to come, read from the dependency parse around its trigger."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.events.lexicon import cues

_WALK = frozenset({"xcomp", "ccomp", "acl", "advcl", "dobj", "pobj", "prep", "pcomp", "conj", "attr",
                   "nsubj", "nsubjpass", "oprd", "acomp", "appos", "compound", "amod"})
_NEGATIVE_DETS = frozenset({"no", "neither", "nor", "never", "without"})


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    obligation: bool = False  # 'must', 'should': someone is asked to act


def _own(tok: Token, out: Modality) -> None:
    """Flags written on the word itself: negation, modal auxiliaries, 'if' clauses, 'possible'/'planned'."""
    c = cues()
    for ch in tok.children:
        low = ch.lower_
        if ch.dep_ == "neg" or (ch.dep_ == "det" and low in _NEGATIVE_DETS):
            out.negated = True
        elif ch.dep_ in ("aux", "auxpass"):
            if low in ("will", "shall", "'ll", "wo"):
                out.future = True
            elif low in c["obligation"]:
                out.obligation = True
                out.hypothetical = True
            elif low in c["hypothetical"]:
                out.hypothetical = True
        elif ch.dep_ == "mark" and low in ("if", "unless", "whether"):
            out.hypothetical = True
        elif ch.dep_ in ("amod", "advmod"):
            if ch.lemma_.lower() in c["hypothetical"]:
                out.hypothetical = True
            elif ch.lemma_.lower() in ("upcoming", "planned", "forthcoming", "scheduled", "future", "next"):
                out.future = True
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        out.negated = True
    if tok.lower_ == "going" and any(ch.dep_ == "xcomp" for ch in tok.children):
        out.future = True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("have", "be") \
            and any(ch.lower_ == "yet" for ch in tok.head.children):
        out.negated = True  # 'has yet to withdraw', 'is yet to release': not done


def _denies(verb: Token) -> bool:
    """Whether a negator verb denies here: 'rule' only as 'ruled out' ('the Taliban ruled Afghanistan' denies
    nothing)."""
    return verb.lemma_.lower() != "rule" or any(ch.dep_ in ("prt", "prep") and ch.lower_ == "out"
                                                  for ch in verb.children)


def modality(trigger: Token, anchor: Token) -> Modality:
    """The flags of the event whose trigger is `trigger` and whose clause is carried by `anchor`."""
    c = cues()
    out = Modality()
    _own(trigger, out)
    if anchor.i != trigger.i:
        _own(anchor, out)
    cur = anchor
    for _ in range(8):
        head, rel = cur.head, cur.dep_
        if head.i == cur.i or rel not in _WALK:
            break
        hl = head.lemma_.lower()
        if rel == "pobj" and cur.pos_ in ("NOUN", "PROPN"):
            # 'during a meeting ...', 'since the invasion ...', 'plans for an attack': the word the phrase hangs on
            # may qualify the event, the rest of its clause does not
            gov = head.head
            gl = gov.lemma_.lower()
            out.negated |= gl in c["negator"] and _denies(gov)
            out.hypothetical |= gl in c["hypothetical"] and gov.pos_ != "VERB"
            out.future |= gl in c["future"] and gov.pos_ != "VERB" and gl not in ("will", "shall")
            break
        if rel == "conj":
            if not any(ch.dep_ in ("aux", "neg") for ch in cur.children):
                sub = Modality()
                _own(head, sub)
                out.future |= sub.future
                out.hypothetical |= sub.hypothetical
            cur = head
            continue
        if hl in c["statement"] and rel == "ccomp":
            break
        if hl in c["negator"] and _denies(head):
            out.negated = True
        if hl in c["hypothetical"]:
            out.hypothetical = True
        if hl in c["future"] and not (hl == "plan" and head.head.lemma_.lower() in c["commit"]):
            out.future = True
        _own(head, out)
        cur = head
    return out
