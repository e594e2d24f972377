"""Benchmark 'events': PLOVER coding of single sentences, beside simple references run in the same call.

Three layouts, told by the file's content:
- a JSON list of PLOVER records (PLOVER_GSR_CAMEO.json: 'text', 'event', 'mode', 'source'/'target' with
  'actorText'): category accuracy and macro-F1 over the PLOVER 2.0 categories, and how often the coded actor and
  recipient overlap the gold source and target texts. Early PLOVER labels are mapped as the CAMEO-to-PLOVER table
  (CAMEO2PLOVER-2021) and the PLOVER 2.0 codebook do: the early names DEMAND, FIGHT, DISAPPROVE and INVESTIGATE
  (CAMEO 10, 19, 11, 09) become REQUEST, ASSAULT, ACCUSE, ACCUSE; an early COERCE whose mode is 'destroy' (CAMEO
  1712, destroy property) or 'firearms' (CAMEO 175, violent repression) is an ASSAULT, whose modes these are in
  PLOVER 2.0;
- CoNLL BIO tokens (cameo_ner_train.txt: S source, T target, R reciprocal): actor span F1, where a predicted actor
  matches a gold S or R span and a predicted recipient a gold T (or R) span when they share a token; exact-span
  figures beside;
- tab-separated 'sentence<TAB>class' with CAMEO PentaClass labels 0-4 (cameo_class_train.tsv): accuracy of the
  coded category mapped to its PentaClass (no event = 0, neutral).
References: the majority class, and a parse-free lexicon lookup (the first word whose lemma is a trigger) for
categories; the root verb's subject and object as actor and recipient for spans.

What is scored is what a build stores: each sentence becomes a Document, parsed by storyline.nlp, its mentions found
by storyline.actors, its time expressions by storyline.timex, and its events coded by the configured coder through
storyline.events (only the events a build keeps: those naming an actor or a recipient). The main event of a text is
the first event kept for its first sentence that has one.

Held-out figures: every item falls in part 'A' or 'B' by a hash of its text (a fixed split that does not depend on
the file's order); tune on part A and read part B as the held-out figure. Both parts and the whole are reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from spacy.tokens import Doc, Span

from storyline import lang, nlp
from storyline.events.coder import coder_name
from storyline.events.lexicon import CATEGORIES
from storyline.events.rules import match
from storyline.records import Document, Event, Mention
from storyline.settings import DEFAULT, Settings
from storyline.stages import annotate
from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err, track

EARLY_NAMES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
               "YIELD": "CONCEDE"}
EARLY_MODES = {("COERCE", "destroy"): "ASSAULT", ("COERCE", "firearms"): "ASSAULT"}  # CAMEO 1712 and 175
PENTACLASS = {c: int(n) for c, n in lang.plover("pentaclass").items()}
NONE = "NONE"


def plover_category(name: str, mode: str | None = None) -> str | None:
    """A category name (and mode) of any PLOVER version as a PLOVER 2.0 category, or None."""
    name = (name or "").strip().upper()
    name = EARLY_MODES.get((name, (mode or "").strip().lower()), EARLY_NAMES.get(name, name))
    return name if name in CATEGORIES else None


def part(text: str) -> str:
    """The fixed half an item belongs to: 'A' (tune on it) or 'B' (held out), from a hash of its text."""
    return "A" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def product_events(texts: list[str], settings: Settings = DEFAULT, label: str = "events"
                   ) -> Iterator[tuple[Doc, Event | None]]:
    """Each text parsed and coded the way a build does it, with its main event (None when a build keeps none)."""
    docs = [Document(id=f"item{i}", path=f"item{i}", kind="text", raw=b"", text=t) for i, t in enumerate(texts)]
    for doc, sdoc in track(nlp.pipe(docs, settings), label, total=len(docs)):
        annotated, _ = annotate(doc, sdoc, settings)
        yield sdoc, (annotated.events[0] if annotated.events else None)


def lexicon_guess(sdoc: Doc) -> str:
    """Reference: the category of the first word whose lemma is a trigger, ignoring the parse."""
    for tok in sdoc:
        e = match(tok)
        if e is not None:
            return e.category
    return NONE


def macro_f1(gold: list[str], pred: list[str], labels: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the gold labels, and F1 per label."""
    per = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z0-9]+", text) if w.lower() not in ("the", "a", "an", "of", "s")}


def _overlaps(parties: list[Mention], golds: list[str]) -> bool:
    """Whether any coded party's text shares a word with any gold actor text."""
    return any(_words(p.text) & _words(g) for p in parties for g in golds)


def _actor_texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a.get("actorText", "") for a in value if isinstance(a, dict) and a.get("actorText")]


def _plover_figures(gold: list[str], pred: list[str], ref_lex: list[str], hits: dict[str, list[int]]
                    ) -> dict[str, Any]:
    """Category and actor figures for one set of PLOVER items."""
    labels = sorted(set(gold))
    f1, per = macro_f1(gold, pred, labels)
    majority = Counter(gold).most_common(1)[0][0] if gold else NONE
    maj = [majority] * len(gold)
    return {
        "sentences": len(gold), "category_macro_f1": round(f1, 4), "accuracy": round(accuracy(gold, pred), 4),
        "actor_match": round(sum(hits["actor"]) / len(hits["actor"]), 4) if hits["actor"] else None,
        "recipient_match": round(sum(hits["recipient"]) / len(hits["recipient"]), 4) if hits["recipient"] else None,
        "no_event": sum(p == NONE for p in pred),
        "reference_majority": {"label": majority, "category_macro_f1": round(macro_f1(gold, maj, labels)[0], 4),
                               "accuracy": round(accuracy(gold, maj), 4)},
        "reference_lexicon_first_word": {"category_macro_f1": round(macro_f1(gold, ref_lex, labels)[0], 4),
                                         "accuracy": round(accuracy(gold, ref_lex), 4)},
        "per_category_f1": {k: round(v, 4) for k, v in per.items()},
    }


def run_plover(path: Path, settings: Settings = DEFAULT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures on a JSON list of PLOVER-coded sentences, for the whole file and for its parts A and B."""
    records = json.loads(path.read_text(encoding="utf-8"))
    items = [r for r in records if isinstance(r, dict) and r.get("text") and plover_category(r.get("event", ""))]
    skipped = len(records) - len(items)
    rows_by: dict[str, tuple[list[str], list[str], list[str], dict[str, list[int]]]] = {}
    for r, (sdoc, ev) in zip(items, product_events([r["text"] for r in items], settings), strict=True):
        for key in ("all", part(r["text"])):
            gold, pred, ref_lex, hits = rows_by.setdefault(key, ([], [], [], {"actor": [], "recipient": []}))
            gold.append(plover_category(r["event"], r.get("mode")) or NONE)
            pred.append(ev.category if ev else NONE)
            ref_lex.append(lexicon_guess(sdoc))
            src, tgt = _actor_texts(r.get("source")), _actor_texts(r.get("target"))
            if src:
                hits["actor"].append(bool(ev and _overlaps(ev.actor_mentions, src)))
            if tgt:
                hits["recipient"].append(bool(ev and _overlaps(ev.recipient_mentions, tgt)))
    whole = _plover_figures(*rows_by["all"])
    figures = {"data": str(path), "layout": "plover-json", "skipped": skipped, "coder": coder_name(settings),
               **whole, "parts": {k: {x: v for x, v in _plover_figures(*rows_by[k]).items()
                                      if not x.startswith("reference")} for k in ("A", "B") if k in rows_by}}
    gold, pred = rows_by["all"][0], rows_by["all"][1]
    rows = [{"category": k, "gold": gold.count(k), "predicted": pred.count(k), "f1": v}
            for k, v in whole["per_category_f1"].items()]
    return figures, rows


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file: (tokens, BIO tags), tag in the last column."""
    out, toks, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if toks:
                out.append((toks, tags))
            toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(parts[-1])
    if toks:
        out.append((toks, tags))
    return out


def gold_spans(tags: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Token spans [start, end) by role letter (S, T, R) from BIO tags."""
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
    start, role = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, r = tag.partition("-")
        if start is not None and (kind != "I" or r != role):
            spans.setdefault(role or "?", []).append((start, i))
            start, role = None, None
        if kind == "B" or (kind == "I" and start is None):
            start, role = i, r
    return spans


def _token_span(p: Mention, offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A party's character span as a CoNLL token span."""
    idx = [i for i, (s, e) in enumerate(offsets) if s < p.end and p.start < e]
    return (idx[0], idx[-1] + 1) if idx else None


def _prf(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> tuple[int, int]:
    """(predicted spans that match some gold span, gold spans matched by some prediction)."""
    def hit(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a == b if exact else a[0] < b[1] and b[0] < a[1]
    return sum(any(hit(p, g) for g in gold) for p in pred), sum(any(hit(p, g) for p in pred) for g in gold)


def _f1(tp_p: int, n_p: int, tp_g: int, n_g: int) -> float:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _root_reference(sent: Span, offsets: list[tuple[int, int]]) -> tuple[list, list]:
    """Reference: the subject and the object of the root verb, as whole phrases."""
    root = sent.root
    a, r = [], []
    for ch in root.children:
        sub = list(ch.subtree)
        p = Mention(text="", start=sub[0].idx, end=sub[-1].idx + len(sub[-1].text), label="")
        if ch.dep_ in ("nsubj", "nsubjpass"):
            a.append(_token_span(p, offsets))
        elif ch.dep_ in ("dobj", "dative"):
            r.append(_token_span(p, offsets))
    return [x for x in a if x], [x for x in r if x]


_SPAN_KEYS = ("actor", "recipient", "actor_exact", "recipient_exact", "ref_actor", "ref_recipient")


def _span_figures(counts: dict[str, list[int]], sentences: int) -> dict[str, Any]:
    """Span F1 figures from (matched predictions, predictions, matched gold, gold) counts."""
    f = {k: round(_f1(*c), 4) for k, c in counts.items()}
    a = counts["actor"]
    return {"sentences": sentences, "actor_f1": f["actor"], "recipient_f1": f["recipient"],
            "actor_f1_exact": f["actor_exact"], "recipient_f1_exact": f["recipient_exact"],
            "actor_precision": round(a[0] / a[1], 4) if a[1] else 0.0,
            "actor_recall": round(a[2] / a[3], 4) if a[3] else 0.0,
            "reference_root_subject_object": {"actor_f1": f["ref_actor"], "recipient_f1": f["ref_recipient"]}}


def run_conll(path: Path, settings: Settings = DEFAULT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Actor and recipient span figures on a CoNLL BIO file (S source, T target, R reciprocal), whole and by part."""
    sents = read_conll(path)
    counts: dict[str, dict[str, list[int]]] = {}
    n: Counter[str] = Counter()
    texts, all_offsets = [], []
    for toks, _ in sents:
        offs, pos = [], 0
        for t in toks:
            offs.append((pos, pos + len(t)))
            pos += len(t) + 1
        texts.append(" ".join(toks))
        all_offsets.append(offs)
    for (_toks, tags), offs, text, (sdoc, ev) in zip(sents, all_offsets, texts, product_events(texts, settings),
                                                     strict=True):
        g = gold_spans(tags)
        g_actor, g_recip = g["S"] + g["R"], g["T"] + g["R"]
        p_actor = [s for s in (_token_span(p, offs) for p in (ev.actor_mentions if ev else [])) if s]
        p_recip = [s for s in (_token_span(p, offs) for p in (ev.recipient_mentions if ev else [])) if s]
        ref_a, ref_r = _root_reference(next(iter(sdoc.sents)), offs)
        for key in ("all", part(text)):
            n[key] += 1
            c = counts.setdefault(key, {k: [0, 0, 0, 0] for k in _SPAN_KEYS})
            for name, pred, gold, exact in (("actor", p_actor, g_actor, False), ("recipient", p_recip, g_recip, False),
                                            ("actor_exact", p_actor, g_actor, True),
                                            ("recipient_exact", p_recip, g_recip, True),
                                            ("ref_actor", ref_a, g_actor, False),
                                            ("ref_recipient", ref_r, g_recip, False)):
                tp_p, tp_g = _prf(pred, gold, exact)
                c[name][0] += tp_p
                c[name][1] += len(pred)
                c[name][2] += tp_g
                c[name][3] += len(gold)
    whole = _span_figures(counts["all"], n["all"])
    figures = {"data": str(path), "layout": "conll", "coder": coder_name(settings), **whole,
               "parts": {k: {x: v for x, v in _span_figures(counts[k], n[k]).items() if not x.startswith("reference")}
                         for k in ("A", "B") if k in counts}}
    ref = whole["reference_root_subject_object"]
    rows = [{"system": "storyline", "actor_f1": whole["actor_f1"], "recipient_f1": whole["recipient_f1"]},
            {"system": "root subject/object", "actor_f1": ref["actor_f1"], "recipient_f1": ref["recipient_f1"]}]
    return figures, rows


def run_pentaclass(path: Path, settings: Settings = DEFAULT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Accuracy on CAMEO PentaClass labels (0 neutral ... 4 material conflict)."""
    rows_in = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit():
            rows_in.append((text, label.strip()))
    gold, pred = [], []
    for (_, label), (_sdoc, ev) in zip(rows_in, product_events([t for t, _ in rows_in], settings), strict=True):
        gold.append(label)
        pred.append(str(PENTACLASS.get(ev.category, 0)) if ev else "0")
    labels = sorted(set(gold))
    f1, per = macro_f1(gold, pred, labels)
    majority = Counter(gold).most_common(1)[0][0] if gold else "0"
    figures = {"data": str(path), "layout": "pentaclass-tsv", "sentences": len(gold), "coder": coder_name(settings),
               "accuracy": round(accuracy(gold, pred), 4), "category_macro_f1": round(f1, 4),
               "reference_majority": {"label": majority, "accuracy": round(accuracy(gold, [majority] * len(gold)), 4)}}
    rows = [{"class": k, "gold": gold.count(k), "predicted": pred.count(k), "f1": v} for k, v in per.items()]
    return figures, rows


def layout(path: Path) -> str:
    """'plover-json', 'conll' or 'pentaclass-tsv', from the file's content."""
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    if head.lstrip().startswith(("[", "{")):
        return "plover-json"
    lines = [ln for ln in head.splitlines()[:-1] if ln.strip()]
    if lines and all("\t" in ln and ln.rsplit("\t", 1)[1].strip().isdigit() for ln in lines):
        return "pentaclass-tsv"
    if lines and all(re.fullmatch(r"\S+(\s+\S+)*\s+(O|[BI]-\w+)", ln.strip()) for ln in lines):
        return "conll"
    return "unknown"


@app.command("events")
def run(data: Path = DataOption, fmt: str = FormatOption) -> None:
    """PLOVER category macro-F1 and accuracy (PLOVER JSON), actor span F1 (CoNLL), PentaClass accuracy (TSV)."""
    check_data(data)
    files = sorted(p for p in data.iterdir() if p.is_file()) if data.is_dir() else [data]
    runners = {"plover-json": run_plover, "conll": run_conll, "pentaclass-tsv": run_pentaclass}
    results: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    for f in files:
        kind = layout(f)
        if kind not in runners:
            err.print(f"skipped {f}: not PLOVER JSON, CoNLL BIO or sentence<TAB>class")
            continue
        figures, r = runners[kind](f)
        results[f.name] = figures
        rows.extend({"file": f.name, **x} for x in r)
    if not results:
        err.print("no event data found")
        raise typer.Exit(2)
    out = next(iter(results.values())) if len(results) == 1 else {"files": results}
    if len(results) > 1:  # the headline keys from the file of each layout
        for fig in results.values():
            for k in ("category_macro_f1", "accuracy", "actor_f1"):
                if k in fig and fig["layout"] in ("plover-json", "conll"):
                    out.setdefault(k, fig[k])
    notes = [f"{name}: " + ", ".join(f"{k} {fig[k]}" for k in ("category_macro_f1", "accuracy", "actor_match",
                                                               "recipient_match", "actor_f1", "recipient_f1")
                                     if fig.get(k) is not None)
             + f"; reference {json.dumps({k: v for k, v in fig.items() if k.startswith('reference')})}"
             for name, fig in results.items()]
    emit(out, fmt, "events", rows=rows, notes=notes)
