"""Quotation finder: quote marks scanned in the text, reporting frames read off the parse, speakers resolved.

A quotation is a reporting frame (a verb of saying with its subject, or 'according to X') together with the
content it reports: the quoted stretches it owns (direct speech) or its clausal complement (indirect speech).
Quoted stretches are given to a frame when they sit inside its complement, right before it ('“...,” Putin said')
or right after it ('A US spokesperson said, “...”'); a quoted paragraph that follows a frame's quote without a
frame of its own continues it. A quote still unclaimed goes to a name before a colon ('Philip Bump: “...”') or, when
it has a few words, to the verb whose object holds it ('called the senator “the next George Washington”').
Speakers: 'he'/'she' resolve to the person the preceding sentences are about, 'who' to its antecedent, and a
phrase over an actor mention to the actor's canonical name (storyline.actors); otherwise the phrase as written.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from storyline import actors
from storyline.nlp import text_of
from storyline.quotes.frames import Frame, Quoted, frames, speaker_phrase, subject_of
from storyline.quotes.lexicon import (
    GROUP_PRONOUNS,
    NOT_SPEAKERS,
    OPENING,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    UNKNOWN_PRONOUNS,
)
from storyline.quotes.marks import Segment, segments, trim
from storyline.quotes.speakers import Resolver, overlapping
from storyline.records import Document, Mention, Quote
from storyline.settings import DEFAULT, Settings

WALK = 8  # tokens searched between a quote mark and its reporting verb
CONTINUATION_WORDS = 8  # words allowed between a quote and the next quoted paragraph that continues it
DIRECT_SHARE = 0.6  # share of the content inside quote marks for the quotation to count as direct
STOP = {".", "!", "?", ";"}
RELATIVE = {"who", "which", "that"}
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})  # tags of a verb that makes a clause
GOVERNED_WORDS = 3  # a shorter quoted phrase under a verb that is not one of saying is a scare quote or a term
HEADLINE_WORDS = 25  # a 'Name: words' line longer than this is not a headline
TITLE_WORDS = 6  # a quoted run of at most this many capitalised words is a title, not speech
DASHES = {"―", "—", "–"}  # a dash that signs a quote with its speaker's name
NAME_WORDS = 5  # the most words a name signing a quote has
MINOR_WORDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "at", "with", "by", "is"}


class _Text:
    """Token lookup by character offset."""

    def __init__(self, sdoc: Doc):
        self.sdoc = sdoc
        self.offsets = [t.idx for t in sdoc]

    def token(self, offset: int) -> Token:
        """The token that holds (or starts just before) a character offset."""
        return self.sdoc[max(bisect_right(self.offsets, offset) - 1, 0)]


def _walk(text: _Text, seg: Segment, by_head: dict[int, Frame], forward: bool) -> Frame | None:
    """The frame whose verb sits just after the closing mark (forward) or just before the opening mark."""
    doc = text.sdoc
    if forward:
        if seg.close is None:
            return None
        i, step = text.token(seg.close).i + 1, 1
        last = text_of(doc)[seg.start:seg.end].rstrip()
        need_lower = last.endswith(".")
    else:
        i, step = text.token(seg.open).i - 1, -1
        need_lower = False
    for n in range(WALK):
        if not 0 <= i < len(doc):
            return None
        t = doc[i]
        if "\n" in t.text or t.text in STOP or (t.text in OPENING and forward) or (not forward and n and t.text in "”"):
            return None
        if need_lower and n == 0 and t.is_alpha and t.text[0].isupper() and i not in by_head:
            return None
        if i in by_head:
            f = by_head[i]
            if not forward and f.according and f.speaker_head is not None:
                source = f.speaker_head.right_edge
                if seg.open < source.idx + len(source):  # the quote is part of the source ('according to the “X” plan')
                    return None
            return f if forward or f.speaker is not None or f.according else None
        if t.pos_ == "VERB":
            return None
        i += step
    return None


def _inside(seg: Segment, fs: list[Frame]) -> Frame | None:
    """The frame whose parsed content holds the start of a quoted stretch (nearest cue first)."""
    holding = [f for f in fs if f.content and f.content[0] - 2 <= seg.start < f.content[1]]
    if not holding:
        return None
    return min(holding, key=lambda f: min(abs(f.cue[0] - seg.start), abs(f.cue[0] - seg.end)))


def _extent(f: Frame) -> int:
    """Where a frame's quotation ends in the text, counting its speaker and cue."""
    ends = [s.outer_end for s in f.segments] + [f.cue[1]]
    if f.speaker is not None:
        doc = f.head.doc
        ends.append(doc[f.speaker[1] - 1].idx + len(doc[f.speaker[1] - 1]))
    return max(ends)


def _continues(text: str, seg: Segment, f: Frame, fs: list[Frame]) -> bool:
    """True when a quoted stretch without a frame carries on the quotation of frame f just before it."""
    end = _extent(f)
    if end > seg.open:
        return False
    gap = text[end:seg.open]
    if any(end <= g.cue[0] < seg.open for g in fs if g is not f):
        return False
    starts_line = not text[:seg.open].rstrip(" \t").endswith(tuple("abcdefghijklmnopqrstuvwxyz,"))
    return starts_line and len(gap.split()) <= CONTINUATION_WORDS


def attach(sdoc: Doc, fs: list[Frame], segs: list[Segment]) -> list[Segment]:
    """Give each quoted stretch to its frame; the stretches left without one are returned."""
    text = _Text(sdoc)
    by_head = {f.head.i: f for f in fs}
    left = []
    for seg in segs:
        f = _inside(seg, fs) or _walk(text, seg, by_head, True) or _walk(text, seg, by_head, False)
        if f is None:
            owners = [g for g in fs if g.segments and g.segments[-1].open < seg.open]
            last = max(owners, key=lambda g: g.segments[-1].open, default=None)
            if last is not None and _continues(text_of(sdoc), seg, last, fs):
                f = last
        if f is None:
            left.append(seg)
        else:
            f.segments.append(seg)
    return left


def _colon_frame(text: _Text, seg: Segment) -> Frame | None:
    """A frame for a quote introduced by a name and a colon ('Philip Bump: “...”', 'The report: “...”')."""
    i = text.token(seg.open).i - 1
    doc = text.sdoc
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ":" or "\n" in doc[i - 1].text:
        return None
    head = doc[i - 1]
    if head.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    while head.dep_ in ("compound", "flat") and head.head.i < i and head.head is not head:
        head = head.head
    colon = doc[i]
    return Frame((colon.idx, colon.idx + 1), colon, speaker_phrase(head), head, None)


def _dash_frame(text: _Text, seg: Segment) -> Frame | None:
    """A frame for a quote signed with a dash and a name ending its line ('“...” ― Pamela Padilla')."""
    if seg.close is None:
        return None
    doc, chars = text.sdoc, text_of(text.sdoc)
    at = seg.close + 1
    while at < len(chars) and chars[at] in " \t\xa0":
        at += 1
    if at >= len(chars) or chars[at] not in DASHES:
        return None
    dash = text.token(at)  # the tokenizer may glue the dash to the closing mark ('”―')
    lo = hi = dash.i + 1
    while hi < len(doc) and not doc[hi].is_space and (doc[hi].pos_ == "PROPN" or doc[hi].text == "."):
        hi += 1
    while hi > lo and doc[hi - 1].text == ".":
        hi -= 1
    if hi == lo or hi - lo > NAME_WORDS or (hi < len(doc) and "\n" not in doc[hi].text_with_ws
                                              and doc[hi].text not in STOP):
        return None
    return Frame((at, at + 1), dash, (lo, hi), doc[hi - 1], None)


def _governing_frame(text: _Text, seg: Segment, quoted: Quoted) -> Frame | None:
    """A frame for a quote inside the object of some verb with a subject ('called the senator “a hero”')."""
    t = text.token(seg.start)
    for _ in range(6):
        if t.head is t:
            return None
        t = t.head
        if not seg.open <= t.idx < seg.outer_end and t.pos_ in ("VERB", "AUX"):
            subj = subject_of(t, quoted)
            if subj is None or t.sent.start != text.token(seg.start).sent.start:
                return None
            return Frame((t.idx, t.idx + len(t)), t, speaker_phrase(subj), subj, None)
    return None


def headline_frames(sdoc: Doc) -> list[Frame]:
    """Frames for short lines of the form 'Name: what they said' ('Kasich: We Are Going All The Way')."""
    text = text_of(sdoc)
    out: list[Frame] = []
    lo = 0
    for line in text.split("\n"):
        hi = lo + len(line)
        colon = line.find(":")
        if 0 < colon and len(line.split()) <= HEADLINE_WORDS and len(line[colon + 1:].split()) >= 2:
            f = _headline(sdoc, lo, lo + colon, hi)
            if f is not None:
                out.append(f)
        lo = hi + 1
    return out


def _headline(sdoc: Doc, lo: int, colon: int, hi: int) -> Frame | None:
    """The frame of one 'Name: words' line, when the part before the colon is a short name and nothing else."""
    name = sdoc.char_span(lo, colon, alignment_mode="contract")
    if name is None or not 1 <= len(name) <= 5 or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in name):
        return None
    if not any(t.pos_ == "PROPN" for t in name) or not name.text[:1].isupper():
        return None
    if any(t.pos_ == "CCONJ" or t.lower_ in NOT_SPEAKERS or "@" in t.text for t in name):
        return None
    start, end = trim(text_of(sdoc), colon + 1, hi)
    if end - start < 3 or name.root.pos_ != "PROPN" or _entry(sdoc.char_span(start, end, alignment_mode="contract")):
        return None
    cue = sdoc.char_span(colon, colon + 1, alignment_mode="expand")
    if cue is None:
        return None
    return Frame((colon, colon + 1), cue[0], (name.start, name.end), name.root, (start, end))


def _entry(words: Span | None) -> bool:
    """'Tamiflu: an antiviral drug made by Roche', 'Haiti quake: the aid effort': a glossary entry or a topic label,
    a noun phrase after an article with no finite verb, not something said."""
    if words is None or not len(words):
        return True
    return words[0].lower_ in ("a", "an", "the") and not any(t.tag_ in FINITE for t in words)


def attach_rest(sdoc: Doc, fs: list[Frame], left: list[Segment], quoted: Quoted) -> list[Frame]:
    """New frames for quotes no reporting verb claimed: a name and a colon, a dash and a name after them, or the verb
    whose object holds them."""
    text = _Text(sdoc)
    out: list[Frame] = []
    for seg in left:
        words = len(text_of(sdoc)[seg.start:seg.end].split())
        f = _colon_frame(text, seg) or _dash_frame(text, seg) \
            or (_governing_frame(text, seg, quoted) if words >= GOVERNED_WORDS else None)
        if f is None:
            continue
        same = next((g for g in fs + out if g.head.i == f.head.i), None)
        if same is not None:
            same.segments.append(seg)
        else:
            f.segments.append(seg)
            out.append(f)
    return out


def _span(f: Frame) -> tuple[int, int, bool] | None:
    """The content offsets of a frame's quotation and whether it is direct speech."""
    text = text_of(f.head.doc)
    if f.segments:
        lo, hi = min(s.start for s in f.segments), max(s.end for s in f.segments)
        if f.content and f.content[0] < hi and lo < f.content[1]:
            lo, hi = min(lo, f.content[0]), max(hi, f.content[1])
        lo, hi = trim(text, lo, hi)
        quoted = sum(s.end - s.start for s in f.segments)
        return (lo, hi, quoted >= DIRECT_SHARE * (hi - lo)) if hi > lo else None
    if f.content is None:
        return None
    lo, hi = f.content
    return lo, hi, (not f.according and hi <= f.cue[0])


class _Speakers:
    """Speaker names: the canonical actor behind a phrase or a resolved pronoun, else the phrase as written."""

    def __init__(self, sdoc: Doc, mentions: list[Mention], segs: list[Segment]):
        self.sdoc = sdoc
        self.mentions = mentions
        quoted = [(s.open, s.outer_end) for s in segs]
        self.resolver = Resolver(sdoc, mentions, lambda o: any(a <= o < b for a, b in quoted))

    def name(self, f: Frame) -> tuple[str | None, str | None, int | None, int | None]:
        """(speaker, actor id, start, end) of a frame's speaker."""
        if f.speaker is None or f.speaker_head is None:
            return None, None, None, None
        doc = self.sdoc
        start, end = doc[f.speaker[0]].idx, doc[f.speaker[1] - 1].idx + len(doc[f.speaker[1] - 1])
        head = f.speaker_head
        if head.lower_ in PERSON_PRONOUNS and f.speaker[1] - f.speaker[0] == 1:
            person = self.resolver.resolve(head.idx)
            if person is not None:
                m = person.mention or overlapping(self.mentions, person.start, person.end)
                return (_actor_name(m, self.mentions) if m else person.text), (m.actor if m else None), start, end
            return None, None, start, end  # an unknown speaker, not 'he'
        if head.lower_ in THING_PRONOUNS | GROUP_PRONOUNS and f.speaker[1] - f.speaker[0] == 1:
            body = self.resolver.resolve_body(head.idx, plural=head.lower_ in GROUP_PRONOUNS)
            if body is not None:
                return _actor_name(body, self.mentions), body.actor, start, end
            return None, None, start, end  # an unknown speaker, not 'it' or 'they'
        if _nameless(doc[f.speaker[0]:f.speaker[1]], head) and not (head.lower_ in RELATIVE
                                                                     and f.head.dep_ == "relcl"):
            return None, None, start, end  # 'you', 'we', 'Fifty-one percent': no one a reader can find
        named = (start, end)
        if head.lower_ in RELATIVE and f.head.dep_ == "relcl":  # 'Trump, who has said ...': name the antecedent
            if f.head.head.lower_ in UNKNOWN_PRONOUNS:
                return None, None, start, end  # 'Those who insist ...', 'Anyone who says ...': no one in particular
            lo, hi = speaker_phrase(f.head.head)
            named = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
            head = f.head.head
        m = overlapping(self.mentions, *named, (head.idx, head.idx + len(head)))
        if m is not None:
            return _actor_name(m, self.mentions), m.actor, start, end
        return text_of(doc)[named[0]:named[1]], None, start, end


def _label(f: Frame) -> bool:
    """'What the leaders said:', 'Here is how they reacted:': a label announcing what follows, not a quotation."""
    doc, verb = f.head.doc, f.head
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc) or doc[nxt].text != ":":
        return False
    return any(c.lower_ in ("what", "how") for c in verb.children) or verb.dep_ in ("relcl", "ccomp", "pcomp") \
        and any(t.lower_ in ("what", "how") for t in doc[verb.head.i:verb.i])


def _nameless(phrase, head: Token) -> bool:
    """Whether a speaker phrase names no one: an unresolvable pronoun ('you', 'we', 'someone') or a share or count
    of people ('Fifty-one percent', '51% of voters', 'two thirds')."""
    if head.lower_ in UNKNOWN_PRONOUNS and len(phrase) <= 2:
        return True
    if head.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY") or head.like_num or head.lower_ in ("percent", "%"):
        return True
    return any(t.ent_type_ == "PERCENT" for t in phrase)


def _actor_name(m: Mention, known: list[Mention]) -> str:
    """The canonical name of a mention's actor, as the actors stage names it (the words as written otherwise)."""
    return actors.actor_name(m, known) or m.text


def _nested(quotes: list[Quote]) -> list[Quote]:
    """The quotations whose cue is not inside another quotation's content (speech reported within speech)."""
    keep = []
    for q in quotes:
        cue = q.cue_start if q.cue_start is not None else q.start
        if not any(o is not q and o.start <= cue < o.end and (o.direct or o.start <= q.start and q.end <= o.end)
                   for o in quotes):
            keep.append(q)
    return keep


def _title(words: str) -> bool:
    """True for a quoted title or name ('The Apprentice', 'Going Viral'): a few capitalised words, no sentence."""
    tokens = words.strip(" ,.").split()
    return 0 < len(tokens) <= TITLE_WORDS and all(w[:1].isupper() or w.lower() in MINOR_WORDS for w in tokens) \
        and not any(c in words for c in "!?")


def find(doc: Document, sdoc: Doc, settings: Settings = DEFAULT) -> list[Quote]:
    """The quotations of a parsed document with speaker, cue and content offsets (speakers from doc.mentions)."""
    mentions = doc.mentions
    segs = [s for s in segments(text_of(sdoc)) if not _title(text_of(sdoc)[s.start:s.end])]
    spans = [(s.open, s.outer_end) for s in segs]
    quoted: Quoted = lambda o: any(a <= o < b for a, b in spans)  # noqa: E731
    fs = [f for f in frames(sdoc, quoted) if not _label(f)]
    heads = headline_frames(sdoc)
    segs = [s for s in segs if not any(f.content and f.content[0] - 2 <= s.open < f.content[1] for f in heads)]
    fs = fs + [f for f in heads if not any(g.cue[0] > f.cue[0] and f.content is not None and g.cue[0] < f.content[1]
                                           for g in fs)]
    left = attach(sdoc, fs, segs)
    fs = sorted(fs + attach_rest(sdoc, fs, left, quoted), key=lambda f: f.cue[0])
    speakers = _Speakers(sdoc, mentions, segs)
    starts = [s.start_char for s in sdoc.sents]
    out: list[Quote] = []
    for f in fs:
        span = _span(f)
        if span is None:
            continue
        lo, hi, direct = span
        if f.speaker is None and not f.segments:
            continue  # reported speech with nobody saying it: an impersonal or misparsed verb
        speaker, actor, s_start, s_end = speakers.name(f)
        out.append(Quote(id="", doc=doc.id, sentence=max(bisect_right(starts, lo) - 1, 0), start=lo, end=hi,
                         text=doc.text[lo:hi], speaker=speaker, actor=actor, cue=doc.text[f.cue[0]:f.cue[1]],
                         cue_start=f.cue[0], cue_end=f.cue[1], direct=direct, speaker_start=s_start,
                         speaker_end=s_end))
    out = sorted(_nested(out), key=lambda q: (q.start, q.end))
    for n, q in enumerate(out):
        q.id = f"{doc.id}#q{n}"
    return out
