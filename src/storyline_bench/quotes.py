"""Benchmark 'quotes': attribution finding on PolNeAR-format data (brat standoff .ann files in attributions/, the
article texts in text/), scored on content spans and on sources given content. textacy's direct-quotation
extractor runs on the same parses in the same call, scored the same way.

Which gold attributions count (the filter, the same for every system): an attribution is in scope when a word of
its cue is a verb of saying (storyline/lang/en/reporting_verbs.tsv, use "speech", the lexicon quotes.find uses) or its cue is
'according to', or its content is quoted (a quotation mark within two characters of a content edge).
Attributions out of scope are neither wanted nor wrong: a prediction that overlaps only out-of-scope contents is
left out of precision.

Content: a prediction matches a gold content when their character spans overlap (one-to-one, largest overlap
first). Source given content: over matched pairs, the predicted source span (the speaker as written, a pronoun
stays a pronoun) must overlap the gold source span; precision over pairs with a predicted source, recall over
pairs with a gold source. `joint_*` counts a hit only when content and source both match, over all predictions
and all in-scope gold. `content_precision_strict` counts the left-out predictions as wrong.
When a text was annotated by several annotators (name_<annotator>.ann), the first file in name order is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import typer
from spacy.tokens import Doc

from storyline import actors, nlp, quotes
from storyline.quotes.lexicon import CLOSING, OPENING, is_speech_word
from storyline.records import Document
from storyline.settings import DEFAULT
from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err, track

Spans = list[tuple[int, int]]
Prediction = tuple[tuple[int, int], tuple[int, int] | None]  # (content span, source span or None)
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")
_WORD = re.compile(r"[A-Za-z]+")
MARKS = set(OPENING + CLOSING + "‘’")


@dataclass
class Attribution:
    """One gold attribution: its source, cue and content spans (each possibly discontinuous)."""

    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)


@dataclass
class Article:
    """One PolNeAR text with its gold attributions."""

    id: str
    text: str
    attributions: list[Attribution]


def _spans(field_: str) -> Spans:
    """Brat offsets '12 20;25 30' as a list of (start, end)."""
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def read_ann(text: str) -> list[Attribution]:
    """The attributions of one brat .ann file (Attribution and Attribution-no-source events)."""
    spans: dict[str, Spans] = {}
    events = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            spans[cols[0]] = _spans(cols[1].split(" ", 1)[1])
        elif cols[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        out.append(Attribution(spans[ev["Content"]], spans.get(ev.get("Cue", ""), []),
                               spans.get(ev.get("Source", ""), [])))
    return out


def read_folder(path: Path, limit: int | None = None) -> list[Article]:
    """The articles of a PolNeAR compartment (attributions/*.ann beside text/*.txt), one annotation each."""
    ann_dir, text_dir = path / "attributions", path / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        err.print(f"[red]{path} does not hold attributions/ and text/ folders (PolNeAR layout)[/red]")
        raise typer.Exit(2)
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(_ANNOTATOR.sub("", ann.stem), ann)
    out = []
    for name, ann in sorted(chosen.items()):
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            err.print(f"skipped {ann.name}: no text/{name}.txt")
            continue
        out.append(Article(name, txt.read_text(encoding="utf-8"), read_ann(ann.read_text(encoding="utf-8"))))
        if limit and len(out) >= limit:
            break
    return out


def in_scope(a: Attribution, text: str) -> bool:
    """True when the cue is a verb of saying or 'according to', or the content is quoted."""
    cue = " ".join(text[s:e] for s, e in a.cue).lower()
    if "according to" in cue or any(is_speech_word(w) for w in _WORD.findall(cue)):
        return True
    lo, hi = min(s for s, _ in a.content), max(e for _, e in a.content)
    return bool(MARKS & set(text[max(lo - 2, 0):lo + 1] + text[max(hi - 1, 0):hi + 2]))


def _overlap(a: Spans, b: Spans) -> int:
    """Characters shared by two span lists."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    """Running counts for content, source-given-content and joint scores."""

    predicted: int = 0
    ignored: int = 0
    gold: int = 0
    matched: int = 0
    pred_sources: int = 0
    gold_sources: int = 0
    source_hits: int = 0

    def add(self, preds: list[Prediction], article: Article) -> None:
        """Score one article's predictions against its in-scope gold."""
        wanted = [a for a in article.attributions if in_scope(a, article.text)]
        others = [a for a in article.attributions if not in_scope(a, article.text)]
        self.gold += len(wanted)
        pairs = sorted(((_overlap([p[0]], g.content), i, j) for i, p in enumerate(preds)
                        for j, g in enumerate(wanted)), reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for ov, i, j in pairs:
            if ov <= 0 or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            self._source(preds[i][1], wanted[j].source)
        for i, p in enumerate(preds):
            if i not in used_p and any(_overlap([p[0]], o.content) > 0 for o in others):
                self.ignored += 1
        self.predicted += len(preds)
        self.matched += len(used_p)

    def _source(self, pred: tuple[int, int] | None, gold: Spans) -> None:
        """Count one matched pair's source."""
        self.pred_sources += pred is not None
        self.gold_sources += bool(gold)
        self.source_hits += pred is not None and _overlap([pred], gold) > 0

    def figures(self, prefix: str = "") -> dict[str, float | int]:
        """Precision, recall and F1 for content, source given content, and joint."""
        scored = self.predicted - self.ignored
        out: dict[str, float | int] = {}
        for name, hits, p_den, r_den in (("content", self.matched, scored, self.gold),
                                         ("source", self.source_hits, self.pred_sources, self.gold_sources),
                                         ("joint", self.source_hits, scored, self.gold)):
            p = hits / p_den if p_den else 0.0
            r = hits / r_den if r_den else 0.0
            out[f"{prefix}{name}_precision"] = round(p, 4)
            out[f"{prefix}{name}_recall"] = round(r, 4)
            out[f"{prefix}{name}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
        # the same precision with predictions on out-of-scope attributions counted as wrong
        out[f"{prefix}content_precision_strict"] = round(self.matched / self.predicted, 4) if self.predicted else 0.0
        out[f"{prefix}predicted"] = self.predicted
        out[f"{prefix}ignored"] = self.ignored
        return out


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    """One line on standard error, once per run."""
    if message not in _WARNED:
        _WARNED.add(message)
        err.print(message)


def ours(sdoc: Doc, article: Article) -> list[Prediction]:
    """storyline's quotations (through actors.find and quotes.find, as the build runs them)."""
    doc = Document(id=article.id, path=article.id, kind="text", raw=b"", text=article.text)
    try:
        doc = replace(doc, mentions=actors.find(doc, sdoc, DEFAULT))
    except Exception as e:  # noqa: BLE001 - the quotes are still worth scoring without actor names
        _warn_once(f"actors.find failed ({type(e).__name__}: {str(e)[:80]}); quotes scored without mentions")
    out = []
    for q in quotes.find(doc, sdoc, DEFAULT):
        source = (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end else None
        out.append(((q.start, q.end), source))
    return out


def _textacy() -> tuple[Callable[[Doc], Iterable[Any]] | None, str]:
    """textacy's direct-quotation extractor, or None and the reason it cannot run."""
    try:
        from textacy.extract.triples import direct_quotations
    except Exception as e:  # noqa: BLE001 - any import failure means the reference cannot run
        return None, f"textacy unavailable: {type(e).__name__}: {e}"
    return direct_quotations, ""


def _triples(extract: Callable[[Doc], Iterable[Any]], sdoc: Doc, shift: int) -> list[Prediction]:
    """textacy's direct quotations of one doc as (content, speaker) spans, shifted by an offset."""
    out = []
    for t in extract(sdoc):
        speaker = (min(x.idx for x in t.speaker) + shift, max(x.idx + len(x) for x in t.speaker) + shift) \
            if t.speaker else None
        out.append(((t.content.start_char + shift, t.content.end_char + shift), speaker))
    return out


def _paragraphs(sdoc: Doc) -> Iterable[tuple[Doc, int]]:
    """Each paragraph of a parsed doc as a doc of its own, with its character offset."""
    start = 0
    for t in sdoc:
        if "\n" in t.text:
            if t.i > start:
                yield sdoc[start:t.i].as_doc(), sdoc[start].idx
            start = t.i + 1
    if start < len(sdoc):
        yield sdoc[start:].as_doc(), sdoc[start].idx


def textacy_predictions(extract: Callable[[Doc], Iterable[Any]], sdoc: Doc) -> tuple[list[Prediction], bool]:
    """textacy's direct quotations as (content, speaker) spans, and whether it had to run paragraph by paragraph.

    textacy gives up on a document whose quotation marks do not pair up (a quote running over several
    paragraphs); it then runs on each paragraph, and paragraphs it still gives up on yield nothing."""
    try:
        return _triples(extract, sdoc, 0), False
    except ValueError:
        pass
    out: list[Prediction] = []
    for para, shift in _paragraphs(sdoc):
        try:
            out.extend(_triples(extract, para, shift))
        except ValueError:
            continue
    return out, True


def evaluate(articles: list[Article]) -> tuple[dict[str, Any], list[str]]:
    """Parse every article once and score storyline and textacy on the same parses."""
    nlp_ = nlp.load(DEFAULT.spacy_model)
    extract, why = _textacy()
    notes = [why] if why else []
    mine, theirs = Counts(), Counts()
    failures = by_paragraph = 0
    texts = ((a.text[: DEFAULT.nlp_max_chars], a) for a in articles)
    parsed = nlp_.pipe(texts, as_tuples=True, batch_size=DEFAULT.nlp_batch_size)
    for sdoc, article in track(parsed, "quotes", total=len(articles)):
        mine.add(ours(sdoc, article), article)
        if extract is None:
            continue
        try:
            preds, fallback = textacy_predictions(extract, sdoc)
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the run
            preds, fallback = [], False
            failures += 1
            err.print(f"textacy failed on {article.id}: {type(e).__name__}: {str(e)[:100]}")
        theirs.add(preds, article)
        by_paragraph += fallback
    figures: dict[str, Any] = {"documents": len(articles),
                               "gold_attributions": sum(len(a.attributions) for a in articles),
                               "gold_in_scope": mine.gold}
    figures |= mine.figures()
    if extract is not None:
        figures |= theirs.figures("textacy_")
        figures["textacy_failures"] = failures
        figures["textacy_by_paragraph"] = by_paragraph
        notes.append(f"textacy gave up on unpaired quotation marks in {by_paragraph} documents and ran there "
                     "paragraph by paragraph")
    else:
        figures["textacy_error"] = why
    return figures, notes


@app.command("quotes")
def run(data: Path = DataOption, fmt: str = FormatOption,
        limit: int = typer.Option(0, "--limit", min=0, help="Score only the first N articles (0: all).")) -> None:
    """Quotations on PolNeAR-format data: content and source-given-content P/R/F1, beside textacy."""
    articles = read_folder(check_data(data), limit or None)
    if not articles:
        err.print(f"[red]no annotated articles in {data}[/red]")
        raise typer.Exit(2)
    figures, notes = evaluate(articles)
    rows = []
    for system, prefix in (("storyline", ""), ("textacy", "textacy_")):
        if f"{prefix}content_f1" in figures:
            row: dict[str, Any] = {"system": system}
            for what in ("content", "source", "joint"):
                for key, label in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
                    row[f"{what} {label}"] = figures[f"{prefix}{what}_{key}"]
            rows.append(row)
    emit(figures, fmt, f"quotes on {data} ({figures['documents']} articles, {figures['gold_in_scope']} "
                       f"attributions in scope)", rows, notes)
