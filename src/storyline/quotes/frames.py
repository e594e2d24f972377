"""Reporting frames read off the dependency parse: a verb of saying (or 'according to'), its speaker and content."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.quotes.lexicon import ACCORDING, AUDIENCES, is_speech_word
from storyline.quotes.marks import Segment, trim

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# left dependents kept in a speaker phrase ('the senior diplomat', 'White House spokeswoman Jen Psaki')
SPEAKER_LEFT = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod"}


@dataclass
class Frame:
    """One reporting frame: cue, speaker phrase and the content the parse gives it, with the quotes it owns."""

    cue: tuple[int, int]  # character offsets of the cue words
    head: Token  # the cue's head word (the verb, or 'according')
    speaker: tuple[int, int] | None  # token range [start, end) of the speaker phrase as written
    speaker_head: Token | None
    content: tuple[int, int] | None  # character offsets of the content the parse gives
    according: bool = False
    inverted: bool = False  # reporting clause after its content ('..., said the Chinese leader')
    segments: list[Segment] = field(default_factory=list)


def _speaker_phrase(head: Token) -> tuple[int, int]:
    """The token range of a speaker phrase: the head with its determiners, titles, names and modifiers."""
    lo = head.i
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.lefts:
            if c.dep_ in SPEAKER_LEFT and not c.is_punct:
                lo = min(lo, c.left_edge.i)
                stack.append(c)
    hi = head.i + 1
    for c in head.rights:  # flat names and titles written after the head ('Putin himself', 'Smith Jr.')
        if c.dep_ in ("compound", "flat") and c.i == hi:
            hi = c.i + 1
    while lo < head.i and head.doc[lo].is_punct:
        lo += 1
    return lo, hi


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ('he said, adding ...', 'and added that')."""
    for c in verb.children:
        if c.dep_ in SUBJECTS and not c.is_punct:
            return c
    for c in verb.children:  # passive with an agent: 'it was said by the minister'
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if depth < 2 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(verb.head, depth + 1)
    return None


def _content(verb: Token) -> tuple[int, int] | None:
    """The character span of the clause a verb of saying reports (its clausal complement)."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "ccomp" or c.dep_ == "parataxis" and c.i < verb.i:
            lo, hi = c.left_edge.i, c.right_edge.i
            if hi - lo < 2:
                continue
            while lo <= hi and (doc[lo].is_punct or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
                lo += 1
            if lo > hi:
                continue
            start, end = trim(doc.text, doc[lo].idx, doc[hi].idx + len(doc[hi]))
            if end > start:
                return start, end
    return None


def _cue(verb: Token) -> tuple[int, int]:
    """The cue's character span: the verb, a particle, and a named audience ('told reporters')."""
    start, end = verb.idx, verb.idx + len(verb)
    for c in verb.rights:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c)
        elif c.dep_ in ("dobj", "dative") and c.i <= verb.i + 2:
            phrase = verb.doc[c.left_edge.i: c.i + 1].text.lower()
            if phrase in AUDIENCES or c.lower_ in AUDIENCES:
                end = c.idx + len(c)
    return start, end


def _verb_frame(t: Token) -> Frame | None:
    """The frame of a verb of saying, or None when the word is not used as a reporting verb."""
    if not t.tag_.startswith("VB") or t.dep_ in ("amod", "compound", "acl") and not any(
            c.dep_ == "ccomp" for c in t.children):
        return None
    subj = _subject(t)
    speaker = _speaker_phrase(subj) if subj is not None else None
    content = _content(t)
    inverted = subj is not None and subj.i > t.i and content is not None and content[0] < t.idx
    return Frame(_cue(t), t, speaker, subj, content, inverted=inverted)


def _clause_without(head: Token, cut: tuple[int, int]) -> tuple[int, int] | None:
    """The character span of the clause around 'according to X', without that phrase."""
    doc = head.doc
    sent = head.sent
    lo, hi = cut
    if lo - sent.start <= 1:  # the phrase opens the sentence: the content follows it
        span = (hi, sent.end)
    elif sent.end - hi <= 2:  # the phrase closes the sentence
        span = (sent.start, lo)
    else:
        span = (head.left_edge.i, head.right_edge.i + 1)
    if span[1] - span[0] < 3:
        return None
    start, end = trim(doc.text, doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1]))
    return (start, end) if end > start else None


def _according_frame(t: Token) -> Frame | None:
    """The frame of 'according to X': X is the source, the clause around it the content."""
    doc = t.doc
    if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != ACCORDING[1]:
        return None
    to = doc[t.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase = (t.i, max(t.right_edge.i, to.right_edge.i) + 1)
    while phrase[1] < len(doc) and doc[phrase[1]].is_punct and doc[phrase[1]].text in ",":
        phrase = (phrase[0], phrase[1] + 1)
    head = t.head if t.head is not t else t
    content = _clause_without(head, phrase)
    return Frame((t.idx, to.idx + len(to)), t, _speaker_phrase(source), source, content, according=True)


def frames(sdoc: Doc) -> list[Frame]:
    """Every reporting frame of a parsed document, in text order."""
    out = []
    for t in sdoc:
        low = t.lower_
        if low == ACCORDING[0]:
            f = _according_frame(t)
        elif is_speech_word(low):
            f = _verb_frame(t)
        else:
            continue
        if f is not None:
            out.append(f)
    return out
