"""PLOVER event coding of a document: each sentence handed to the configured coder, each coded event turned into
a records.Event with canonical actors, offsets and the time expression that dates it."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storyline.actors.knowledge import name_words
from storyline.events.coder import Coder, get_coder
from storyline.events.context import Coded, Party, SentenceContext
from storyline.events.parties import parties as document_parties
from storyline.records import Document, Event, Mention, TimeExpression
from storyline.settings import DEFAULT, Settings

_DATED_TYPES = ("DATE", "TIME")


def contexts(sdoc: Doc, doc: Document, mentions: list[Mention],
             timexes: list[TimeExpression]) -> list[SentenceContext]:
    """One context per sentence: its text and offsets, parse, parties and time expressions."""
    all_parties = document_parties(sdoc, mentions)
    out = []
    for i, sent in enumerate(sdoc.sents):
        s, e = sent.start_char, sent.end_char
        out.append(SentenceContext(
            doc=doc.id, index=i, start=s, end=e, text=doc.text[s:e], span=sent,
            parties=[p for p in all_parties if p.start is not None and s <= p.start and (p.end or 0) <= e],
            timexes=[t for t in timexes if t.sentence == i or (t.sentence is None and s <= t.start < e)]))
    return out


def dating_timex(coded: Coded, sentence: SentenceContext) -> int | None:
    """The index of the time expression that dates an event: the one nearest its trigger in the parse."""
    cands = [t for t in sentence.timexes if t.type in _DATED_TYPES] or list(sentence.timexes)
    if not cands:
        return None
    if len(cands) == 1 or sentence.span is None or coded.trigger_start is None:
        return cands[0].index
    doc = sentence.span.doc
    trig = doc.char_span(coded.trigger_start, coded.trigger_end or coded.trigger_start + 1, alignment_mode="expand")

    def distance(t: TimeExpression) -> tuple[int, int]:
        ts = doc.char_span(t.start, t.end, alignment_mode="expand")
        if trig is None or ts is None or len(ts) == 0:
            return (99, abs(t.start - coded.trigger_start))
        return (_tree_distance(trig.root, ts.root), abs(t.start - coded.trigger_start))

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


def to_event(coded: Coded, sentence: SentenceContext, n: int) -> Event:
    """A coded event as the record the store keeps."""
    return Event(
        id=f"{sentence.doc}#s{sentence.index}e{n}", doc=sentence.doc, sentence=sentence.index,
        start=sentence.start, end=sentence.end, text=sentence.text, category=coded.category, mode=coded.mode,
        actors=_names(coded.actors), recipients=_names(coded.recipients), location=coded.location,
        negated=coded.negated, hypothetical=coded.hypothetical, future=coded.future, trigger=coded.trigger,
        timex=dating_timex(coded, sentence))


def _names(parties: list[Party]) -> list[str]:
    """The names of an event's parties: the named ones, and groups of people that act without a name ('police',
    'protesters', 'rebels'; data/name_words.tsv, kind 'sector')."""
    out: list[str] = []
    for p in parties:
        if (p.named or p.name in name_words("sector")) and p.name not in out:
            out.append(p.name)
    return out


def code_sentences(sentences: list[SentenceContext], coder: Coder) -> list[Event]:
    """Events of each sentence that name at least one actor or recipient."""
    return [ev for _, ev in coded_sentences(sentences, coder)]


def coded_sentences(sentences: list[SentenceContext], coder: Coder) -> list[tuple[Coded, Event]]:
    """Each kept event with the coder's answer it came from (its parties carry offsets into the text)."""
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
                out.append((c, ev))
                n += 1
    return out


def code(sdoc: Doc, doc: Document, mentions: list[Mention], timexes: list[TimeExpression],
         settings: Settings = DEFAULT) -> list[Event]:
    """The PLOVER events of a document."""
    return [ev for _, ev in code_document(sdoc, doc, mentions, timexes, settings)]


def code_document(sdoc: Doc, doc: Document, mentions: list[Mention], timexes: list[TimeExpression],
                  settings: Settings = DEFAULT) -> list[tuple[Coded, Event]]:
    """The PLOVER events of a document, each with the coder's answer (for benchmarks that score offsets)."""
    return coded_sentences(contexts(sdoc, doc, mentions, timexes), _coder(settings))


def _coder(settings: Settings) -> Coder:
    """The configured coder; a misconfigured one is reported in one line and the rule coder used instead."""
    try:
        return get_coder(settings)
    except ValueError as exc:
        import sys

        from storyline.events.rules import RuleCoder

        print(f"event coder not usable ({exc}); using the rule coder", file=sys.stderr)
        return RuleCoder(settings)


def code_span(span: Span, parties: list[Party] | None = None, settings: Settings = DEFAULT,
              coder: Coder | None = None) -> list[Coded]:
    """Coded events of one parsed sentence (for benchmarks and quick looks); parties from entities if not given."""
    from storyline.events.parties import from_entities

    doc = span.doc
    ps = parties if parties is not None else [p for p in from_entities(doc)
                                              if span.start_char <= (p.start or 0) < span.end_char]
    ctx = SentenceContext(doc="", index=0, start=span.start_char, end=span.end_char, text=span.text, span=span,
                          parties=ps)
    return (coder or get_coder(settings)).code(ctx)
