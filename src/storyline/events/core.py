"""PLOVER event coding of a document: each sentence handed to the configured coder, each coded event turned into
a records.Event with canonical actors, offsets and the time expression that dates it."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from storyline.actors.knowledge import name_words
from storyline.events.coder import Coder, get_coder
from storyline.events.parties import parties as document_parties
from storyline.records import Document, Event, Mention, Sentence, TimeExpression
from storyline.settings import DEFAULT, Settings

_DATED_TYPES = ("DATE", "TIME")


def contexts(sdoc: Doc, doc: Document, mentions: list[Mention],
             timexes: list[TimeExpression]) -> list[Sentence]:
    """Each sentence as a coder sees it: its text and offsets, parse, named mentions and time expressions."""
    all_parties = document_parties(sdoc, mentions)
    out = []
    for i, sent in enumerate(sdoc.sents):
        s, e = sent.start_char, sent.end_char
        out.append(Sentence(
            doc=doc.id, index=i, start=s, end=e, text=doc.text[s:e], parse=sent,
            mentions=[p for p in all_parties if s <= p.start and p.end <= e],
            timexes=[t for t in timexes if t.sentence == i or (t.sentence is None and s <= t.start < e)]))
    return out


def dating_timex(coded: Event, sentence: Sentence) -> int | None:
    """The index of the time expression that dates an event: the one nearest its trigger in the parse."""
    cands = [t for t in sentence.timexes if t.type in _DATED_TYPES] or list(sentence.timexes)
    if not cands:
        return None
    if len(cands) == 1 or sentence.parse is None or coded.trigger_start is None:
        return cands[0].index
    doc = sentence.parse.doc
    trig = doc.char_span(coded.trigger_start, coded.trigger_end or coded.trigger_start + 1, alignment_mode="expand")

    at = coded.trigger_start

    def distance(t: TimeExpression) -> tuple[int, int]:
        ts = doc.char_span(t.start, t.end, alignment_mode="expand")
        if trig is None or ts is None or len(ts) == 0:
            return (99, abs(t.start - at))
        return (_tree_distance(trig.root, ts.root), abs(t.start - at))

    return min(cands, key=distance).index


def _tree_distance(a, b) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up = {}
    cur, n = a, 0
    while True:
        up[cur.i] = n
        if cur.head.i == cur.i:
            break
        cur, n = cur.head, n + 1
    cur, n = b, 0
    while cur.i not in up:
        if cur.head.i == cur.i:
            return 99
        cur, n = cur.head, n + 1
    return n + up[cur.i]


def to_event(coded: Event, sentence: Sentence, n: int) -> Event:
    """A coded event as the record the store keeps: its id, sentence, actor names and dating time expression."""
    return replace(coded, id=f"{sentence.doc}#s{sentence.index}e{n}", doc=sentence.doc, sentence=sentence.index,
                   start=sentence.start, end=sentence.end, text=sentence.text, actors=_names(coded.actor_mentions),
                   recipients=_names(coded.recipient_mentions), timex=dating_timex(coded, sentence))


def _names(mentions: list[Mention]) -> list[str]:
    """The names of an event's parties: the named ones, and groups of people that act without a name ('police',
    'protesters', 'rebels'; name_words.tsv, kind 'sector')."""
    out: list[str] = []
    for p in mentions:
        if p.name is not None and (p.named or p.name in name_words("sector")) and p.name not in out:
            out.append(p.name)
    return out


def code_sentences(sentences: list[Sentence], coder: Coder) -> list[Event]:
    """Events of each sentence that name at least one actor or recipient (each keeps the mentions the coder
    found, with their offsets)."""
    out = []
    for sent in sentences:
        try:
            coded = coder.code(sent)
        except Exception as exc:  # one bad sentence (or a coder's failure) must not stop the build
            import sys

            print(f"event coding skipped {sent.doc} sentence {sent.index}: {exc}", file=sys.stderr)
            continue
        n = 0
        for c in coded:
            ev = to_event(c, sent, n)
            if ev.actors or ev.recipients:
                out.append(ev)
                n += 1
    return out


def code(doc: Document, sdoc: Doc, settings: Settings = DEFAULT) -> list[Event]:
    """The PLOVER events of a parsed document, from its actor mentions and time expressions."""
    return code_sentences(contexts(sdoc, doc, doc.mentions, doc.timexes), _coder(settings))


def _coder(settings: Settings) -> Coder:
    """The configured coder; a misconfigured one is reported in one line and the rule coder used instead."""
    try:
        return get_coder(settings)
    except ValueError as exc:
        import sys

        from storyline.events.rules import RuleCoder

        print(f"event coder not usable ({exc}); using the rule coder", file=sys.stderr)
        return RuleCoder(settings)


def code_span(span: Span, mentions: list[Mention] | None = None, settings: Settings = DEFAULT,
              coder: Coder | None = None) -> list[Event]:
    """The events a coder finds in one parsed sentence (for benchmarks and quick looks); mentions from entities
    if not given."""
    from storyline.events.parties import from_entities

    doc = span.doc
    ms = mentions if mentions is not None else [p for p in from_entities(doc)
                                                if span.start_char <= p.start < span.end_char]
    sentence = Sentence(doc="", index=0, start=span.start_char, end=span.end_char, text=span.text, parse=span,
                        mentions=ms)
    return (coder or get_coder(settings)).code(sentence)
