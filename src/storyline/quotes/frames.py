"""Reporting frames read off the dependency parse: a verb of saying (or 'according to'), its speaker and content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.nlp import text_of
from storyline.quotes.lexicon import (
    ACCORDING,
    AUDIENCES,
    CLOSING,
    NO_OBJECT_CONTENT,
    OPENING,
    is_speech_word,
    speech_forms,
)
from storyline.quotes.marks import Segment, trim

Quoted = Callable[[int], bool]
CLIMB = {"conj", "xcomp", "advcl", "acl", "pcomp", "prep"}  # links to follow up to find a subject
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


def speaker_phrase(head: Token) -> tuple[int, int]:
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


def subject_of(verb: Token, quoted: Quoted, depth: int = 0) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ('he said, adding ...', 'a statement saying ...').

    A subject inside quotation marks is the parser's mistake, never the speaker."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS and not c.is_punct and not quoted(c.idx)]
    if found:  # the nearest: 'GENEVA, March 3 - Foreign Minister Anna Berg said' has two
        return min(found, key=lambda c: abs(c.i - verb.i))
    for c in verb.children:  # passive with an agent: 'it was said by the minister'
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj" and not quoted(g.idx):
                    return g
    if depth < 3 and verb.dep_ in CLIMB and verb.head is not verb:
        up = verb.head
        if up.dep_ in ("dobj", "pobj", "attr") and up.head is not up:  # 'released a statement saying'
            up = up.head
        return subject_of(up, quoted, depth + 1)
    return None


def _paragraph(doc: Doc, offset: int) -> tuple[int, int]:
    """The character bounds of the paragraph (line) holding an offset."""
    text = text_of(doc)
    lo = text.rfind("\n", 0, offset) + 1
    hi = text.find("\n", offset)
    return lo, (len(text) if hi < 0 else hi)


def _chars(doc: Doc, lo: int, hi: int, cue: Token) -> tuple[int, int] | None:
    """The character span of tokens lo..hi (inclusive), kept inside the cue's paragraph and trimmed."""
    while lo <= hi and (doc[lo].is_punct and doc[lo].text not in OPENING or doc[lo].is_space
                        or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
        lo += 1
    while hi >= lo and (doc[hi].is_punct and doc[hi].text not in CLOSING or doc[hi].is_space):
        hi -= 1
    if lo > hi:
        return None
    p_lo, p_hi = _paragraph(doc, cue.idx)
    start, end = max(doc[lo].idx, p_lo), min(doc[hi].idx + len(doc[hi]), p_hi)
    start, end = trim(text_of(doc), start, end)
    return (start, end) if end - start > 1 else None


def _content(verb: Token) -> tuple[int, int] | None:
    """The character span of the clause a verb of saying reports (its clausal complement)."""
    for c in verb.children:
        if c.dep_ == "ccomp" or c.dep_ == "parataxis" and c.i < verb.i:
            lo, hi = c.left_edge.i, c.right_edge.i
            if hi - lo >= 2:
                span = _chars(verb.doc, lo, hi, verb)
                if span is not None:
                    return span
    return None


def _object_content(verb: Token) -> tuple[int, int] | None:
    """What a verb like 'urge', 'promise' or 'accuse' reports when it takes no clause: its object and complement."""
    lemma = speech_forms().get(verb.lower_, "")
    if lemma in NO_OBJECT_CONTENT:
        return None
    parts = [c for c in verb.rights if c.dep_ in ("dobj", "xcomp", "dative") or c.dep_ == "prep" and c.lower_ in (
        "of", "for", "about", "on")]
    if not parts or not any(c.dep_ in ("dobj", "xcomp") for c in parts):
        return None
    lo, hi = min(c.left_edge.i for c in parts), max(c.right_edge.i for c in parts)
    return _chars(verb.doc, lo, hi, verb) if hi - lo >= 1 else None


def _parenthetical(verb: Token) -> tuple[int, int] | None:
    """The clause around a reporting clause set off by commas ('The bigger risk, he said, is a clash')."""
    head = verb.head
    if head is verb or verb.dep_ not in ("parataxis", "advcl", "conj", "ccomp", "dep", "relcl"):
        return None
    if verb.dep_ in ("conj", "relcl") or verb.left_edge.i == 0:
        return None
    if any(c.dep_ in ("dobj", "prep", "xcomp", "attr", "acomp", "dative", "oprd") for c in verb.children):
        return None  # not a bare reporting clause: 'adding to her lead'
    doc = verb.doc
    lo = verb.left_edge.i
    set_off = doc[lo].text in ",—–-" or doc[lo - 1].text in ",—–-" or verb.right_edge.i + 1 < len(doc) and (
        doc[verb.right_edge.i].text == "," or doc[verb.right_edge.i + 1].text == ",") and verb.i < head.i
    if not set_off:
        return None
    lo, hi = head.left_edge.i, head.right_edge.i
    if hi - lo < 3:
        return None
    return _chars(verb.doc, lo, hi, verb)


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


def _verb_frame(t: Token, quoted: Quoted) -> Frame | None:
    """The frame of a verb of saying, or None when the word is not used as a reporting verb."""
    if not t.tag_.startswith("VB") or t.dep_ in ("amod", "compound", "acl") and not any(
            c.dep_ == "ccomp" for c in t.children):
        return None
    subj = subject_of(t, quoted)
    speaker = speaker_phrase(subj) if subj is not None else None
    content = _content(t) or _object_content(t) or (_parenthetical(t) if subj is not None else None)
    inverted = subj is not None and subj.i > t.i and content is not None and content[0] < t.idx
    return Frame(_cue(t), t, speaker, subj, content, inverted=inverted)


def _clause_without(head: Token, cue: Token, cut: tuple[int, int]) -> tuple[int, int] | None:
    """The character span of the clause around 'according to X', without that phrase."""
    doc = head.doc
    lo, hi = cut
    c_lo, c_hi = head.left_edge.i, head.right_edge.i + 1
    if head is cue:  # no clause to hang from: the sentence
        c_lo, c_hi = cue.sent.start, cue.sent.end
    p_lo, p_hi = _paragraph(doc, cue.idx)
    while c_lo < lo and (doc[c_lo].idx < p_lo or doc[c_lo].is_space):
        c_lo += 1
    while c_hi > hi and (doc[c_hi - 1].idx >= p_hi or doc[c_hi - 1].is_space):
        c_hi -= 1
    left, right = (c_lo, lo), (hi, c_hi)
    # what precedes the phrase is the content ('X, according to Y - despite Z'), unless it is only an opener
    span = left if left[1] - left[0] >= 4 else right
    if span[1] - span[0] < 3:
        return None
    return _chars(doc, span[0], span[1] - 1, cue)


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
    while head.dep_ == "conj" and head.head is not head:  # 'He reaffirmed X and made it clear Y, according to'
        head = head.head
    content = _clause_without(head, t, phrase)
    return Frame((t.idx, to.idx + len(to)), t, speaker_phrase(source), source, content, according=True)


def frames(sdoc: Doc, quoted: Quoted = lambda offset: False) -> list[Frame]:
    """Every reporting frame of a parsed document, in text order (quoted(offset) tells words inside quotes)."""
    out = []
    for t in sdoc:
        low = t.lower_
        if low == ACCORDING[0]:
            f = _according_frame(t)
        elif is_speech_word(low):
            f = _verb_frame(t, quoted) if not quoted(t.idx) else None
        else:
            continue
        if f is not None:
            out.append(f)
    return out
