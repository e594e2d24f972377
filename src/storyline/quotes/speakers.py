"""Speakers: a pronoun resolved to the person, country, organization or group the text is about, and a phrase mapped
to its canonical actor."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.nlp import text_of
from storyline.quotes.lexicon import PERSON_PRONOUNS
from storyline.records import Mention

PEOPLE = {"PERSON", "ROLE"}  # mention labels that can say something and be called 'he' or 'she'
BODIES = {"ORG", "GPE", "NORP", "ROLE"}  # mention labels that can say something and be called 'it' or 'they'
LOOK_BACK = 4  # sentences searched for the person a pronoun stands for


@dataclass
class Person:
    """A person named in the text: offsets, the words, and the actor mention behind it (if any)."""

    start: int
    end: int
    text: str
    sentence: int
    subject: bool  # the grammatical subject of its clause
    mention: Mention | None = None


def _persons(sdoc: Doc, mentions: list[Mention], starts: list[int],
             quoted: Callable[[int], bool]) -> list[Person]:
    """The people named outside quotation marks, from actor mentions and the parser's PERSON entities."""
    spans: list[tuple[int, int, Mention | None]] = [(m.start, m.end, m) for m in mentions
                                                     if m.label in PEOPLE or (m.actor or "").startswith("person:")]
    for e in sdoc.ents:
        if e.label_ == "PERSON" and not any(s < e.end_char and e.start_char < t for s, t, _ in spans):
            spans.append((e.start_char, e.end_char, None))
    out = []
    for start, end, m in sorted(spans, key=lambda s: s[0]):
        if quoted(start):
            continue
        span = sdoc.char_span(start, end, alignment_mode="expand")
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
        out.append(Person(start, end, text_of(sdoc)[start:end], bisect_right(starts, start) - 1, subject, m))
    return out


class Resolver:
    """Resolves 'he' and 'she' to the person most recently the subject of the text, sentence by sentence."""

    def __init__(self, sdoc: Doc, mentions: list[Mention], quoted: Callable[[int], bool]):
        self.sdoc = sdoc
        self.sents = list(sdoc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.quoted = quoted
        self.persons = _persons(sdoc, mentions, self.starts, quoted)
        self.mentions = mentions
        self.focus: dict[int, Person | None] = {}

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def _focus(self, i: int) -> Person | None:
        """The person sentence i is about: its first person subject, or whom its subject pronoun stands for."""
        if i in self.focus:
            return self.focus[i]
        self.focus[i] = None
        found = next((p for p in self.persons if p.sentence == i and p.subject), None)
        if found is None:
            for t in self.sents[i]:
                if t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass") and not self.quoted(t.idx):
                    found = self.resolve(t.idx)
                    break
        self.focus[i] = found
        return found

    def resolve_body(self, offset: int, plural: bool) -> Mention | None:
        """The country, organization ('it') or group ('they') a pronoun at this offset stands for: the latest such
        subject before it in its sentence, else in the sentences before; for 'they' a plural group first."""
        if not hasattr(self, "_bodies"):
            self._bodies = bodies(self.sdoc, self.mentions, self.quoted)
        i = self.sentence_of(offset)
        sentence = {id(m): self.sentence_of(m.start) for m, _, _ in self._bodies}
        for j in range(i, max(i - 1 - LOOK_BACK, -1), -1):
            here = [(m, subj, pl) for m, subj, pl in self._bodies if sentence[id(m)] == j and m.end <= offset]
            if plural:
                groups = [m for m, subj, pl in here if pl]
                if groups:
                    return groups[-1]
            subjects = [m for m, subj, pl in here if subj and (plural or not pl)]
            if subjects:
                return subjects[-1]
        return None

    def resolve(self, offset: int) -> Person | None:
        """The person a pronoun at this offset stands for, when the text makes it obvious; else None."""
        i = self.sentence_of(offset)
        before = [p for p in self.persons if p.sentence == i and p.end <= offset]
        subjects = [p for p in before if p.subject]
        if subjects:
            return subjects[-1]
        for j in range(i - 1, max(i - 1 - LOOK_BACK, -1), -1):
            found = self._focus(j)
            if found is not None:
                return found
        recent = [p for p in self.persons if i - LOOK_BACK <= p.sentence and p.end <= offset]
        return recent[-1] if recent else None


def bodies(sdoc: Doc, mentions: list[Mention], quoted: Callable[[int], bool]) -> list[tuple[Mention, bool, bool]]:
    """Countries, organizations and groups that can speak, outside quotation marks: (mention, subject, plural)."""
    out = []
    for m in mentions:
        if m.label not in BODIES or not m.actor or m.actor.startswith("person:") or quoted(m.start):
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if m.label == "NORP" and root.dep_ in ("amod", "compound") and root.head.pos_ == "NOUN" \
                and root.head.tag_ != "NNS":
            continue  # 'the Russian economy': no one who speaks
        plural = root.tag_ in ("NNS", "NNPS") or (m.label == "NORP" and root.head.tag_ == "NNS") \
            or (m.label == "ROLE" and root.tag_ == "NNS")
        subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ in ("amod", "compound", "poss")
                                                           and root.head.dep_ in ("nsubj", "nsubjpass"))
        out.append((m, subject, plural))
    return out


def overlapping(mentions: list[Mention], start: int, end: int, head: tuple[int, int] | None = None) -> Mention | None:
    """The actor mention that best covers a speaker span: one holding the head word, else the longest overlap."""
    found = [m for m in mentions if m.start < end and start < m.end and m.actor]
    if not found:
        return None
    if head is not None:
        on_head = [m for m in found if m.start < head[1] and head[0] < m.end]
        if on_head:
            found = on_head
    return max(found, key=lambda m: min(m.end, end) - max(m.start, start))
