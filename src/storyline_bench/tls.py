"""Benchmark 'tls': timeline summarization on the Timeline17 layout, scored as tilse and news-tls score it.

Layout: <Topic>_<source>/InputDocs/<YYYY-MM-DD>/<id>.txt (one tokenized sentence per line, the folder is the
publication date) and <Topic>_<source>/timelines/*.txt (reference timelines); source folders with the same part
before the last underscore (lowercased) form one topic; _keywords/<topic>.json holds the topic's keywords.

storyline's own stages do the work: spaCy parses each article (cached), the timex tagger dates each sentence
against its article's publication date, and storyline.timeline.select ranks dates and picks sentences.
For each reference timeline the predicted timeline gets its date range, its number of dates and its average
number of sentences per date, as news-tls's evaluate.py does; figures are averaged over reference timelines as
news-tls does (F1 of the mean precision and mean recall).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from storyline.settings import DEFAULT, Settings
from storyline.timeline import select
from storyline_bench import app
from storyline_bench import tlsmetrics as M
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err, track

# news-tls DATEWISE run here on these topics (spaCy 3.8 rebuild, Perl ROUGE): AR1, AR2, Date F1.
DATEWISE = {
    "bpoil": (0.123, 0.032, 0.583), "finan": (0.097, 0.019, 0.637), "h1n1": (0.161, 0.039, 0.780),
    "haiti": (0.233, 0.075, 0.909), "iraqwar": (0.091, 0.035, 0.542), "mj": (0.141, 0.064, 0.395),
    "all": (0.139, 0.039, 0.645),
}
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A line can name a day only through one of these words; only such lines are parsed and tagged.
DAYISH = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|\b(?:today|yesterday|tomorrow|tonight|days?|weekend)\b|\b\d{1,2}/\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b")
UNUSED_PIPES = ("ner", "lemmatizer")  # the timex tagger needs tags and the parse, not entities or lemmas
DEFAULT_CACHE = Path(os.environ.get("STORYLINE_CACHE", "/tmp/storyline-cache"))


@dataclass
class Article:
    """One input article: its id, publication date and sentences (one per line)."""

    id: str
    published: dt.date
    lines: list[str]
    days: list[list[dt.date]] = field(default_factory=list)  # per line: the days it names

    def dayish(self) -> list[int]:
        """The lines that may name a day."""
        return [i for i, ln in enumerate(self.lines) if DAYISH.search(ln)]

    def dayish_text(self) -> str:
        """The lines that may name a day, one per line: what is parsed and tagged."""
        return "\n".join(self.lines[i] for i in self.dayish())


@dataclass
class Topic:
    """A topic: its source folders, keywords and reference timelines."""

    name: str
    folders: list[Path]
    keywords: list[str]
    references: list[tuple[str, dict[dt.date, list[str]]]]


def topics(data: Path) -> list[Topic]:
    """The topics of a Timeline17-style folder."""
    groups: dict[str, list[Path]] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and (p / "InputDocs").is_dir()):
        name = folder.name.rsplit("_", 1)[0].lower() if "_" in folder.name else folder.name.lower()
        groups.setdefault(name, []).append(folder)
    out = []
    for name, folders in groups.items():
        kw_file = data / "_keywords" / f"{name}.json"
        keywords = [k.lower() for k in json.loads(kw_file.read_text())] if kw_file.exists() else []
        refs = [(f"{f.name}/{t.name}", read_timeline(t)) for f in folders
                for t in sorted((f / "timelines").glob("*.txt"))]
        out.append(Topic(name, folders, keywords, [(n, r) for n, r in refs if r]))
    return out


def read_timeline(path: Path) -> dict[dt.date, list[str]]:
    """A reference timeline: date line, its sentences, a line of dashes; repeated."""
    out: dict[dt.date, list[str]] = {}
    for block in re.split(r"\n-{5,}\s*\n?", path.read_text(encoding="utf-8", errors="replace")):
        lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip()]
        if not lines or not DAY.match(lines[0]):
            continue
        d = dt.date.fromisoformat(lines[0])
        out.setdefault(d, []).extend(lines[1:])
    return {d: s for d, s in out.items() if s}


def read_articles(folders: Sequence[Path]) -> list[Article]:
    """Every article of the given source folders, in a stable order."""
    out = []
    for folder in folders:
        for day in sorted((folder / "InputDocs").iterdir()):
            if not day.is_dir() or not DAY.match(day.name):
                continue
            published = dt.date.fromisoformat(day.name)
            for f in sorted(day.glob("*.txt")):
                lines = [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").split("\n")]
                lines = [ln for ln in lines if ln]
                if lines:
                    out.append(Article(f"{folder.name}/{day.name}/{f.name}", published, lines))
    return out


def _cache_key(articles: Sequence[Article], model: str) -> str:
    """A key for a set of articles parsed by a model."""
    h = hashlib.sha1(model.encode())
    for a in articles:
        h.update(a.id.encode())
        h.update(hashlib.sha1(a.dayish_text().encode()).digest())
    return h.hexdigest()[:16]


def parse(articles: Sequence[Article], cache: Path | None, settings: Settings, label: str) -> list:
    """spaCy docs of the articles' day-naming lines, from the cache when they were parsed before."""
    from spacy.tokens import DocBin

    from storyline import nlp

    model = nlp.load(settings.spacy_model)
    path = cache / f"tls-{label}-{_cache_key(articles, settings.spacy_model)}.spacy" if cache else None
    if path and path.exists():
        return list(DocBin().from_disk(path).get_docs(model.vocab))
    texts = [a.dayish_text() for a in articles]
    off = [p for p in UNUSED_PIPES if p in model.pipe_names]
    docs = list(track(model.pipe(texts, batch_size=settings.nlp_batch_size, disable=off), f"parse {label}", len(texts)))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def _day(t, published: dt.date) -> dt.date | None:
    """The single day a time expression names, when it names one."""
    from storyline import timex

    if t.type != "DATE":
        return None
    m = DAY.match(t.value or "")
    if m:
        try:
            return dt.date.fromisoformat(t.value)
        except ValueError:
            return None
    if t.interval and t.interval.lo and t.interval.lo == t.interval.hi:
        return dt.date.fromisoformat(t.interval.lo)
    if t.anchored:
        _, iv = timex.resolve(t, published)
        if iv and iv.lo and iv.lo == iv.hi:
            return dt.date.fromisoformat(iv.lo)
    return None


NOT_A_DAY = {"now", "currently", "current", "at present", "presently", "right now", "these days", "nowadays"}


def _timex_version() -> str:
    """A hash of the timex tagger's source, so cached sentence dates follow its changes."""
    import storyline.timex as tx_pkg

    h = hashlib.sha1()
    for f in sorted(Path(tx_pkg.__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def date_sentences(articles: Sequence[Article], docs: Sequence, cache: Path | None = None, label: str = "") -> None:
    """Fill each article's per-line days from the timex tagger, resolved against its publication date."""
    path = None
    if cache is not None:
        path = cache / f"tls-days-{label}-{_cache_key(articles, 'days')}-{_timex_version()}.json"
        if path.exists():
            saved = json.loads(path.read_text())
            for a in articles:
                a.days = [[dt.date.fromisoformat(x) for x in line] for line in saved[a.id]]
            return
    for a, sdoc in track(list(zip(articles, docs, strict=True)), f"date {label}"):
        a.days = _article_days(a, sdoc)
    if path is not None:
        path.write_text(json.dumps({a.id: [[d.isoformat() for d in line] for line in a.days] for a in articles}))


def _article_days(a: Article, sdoc) -> list[list[dt.date]]:
    """The days each line of an article names, from the timex tagger."""
    from storyline import timex

    starts, pos = [], 0
    kept = a.dayish()
    for i in kept:
        starts.append(pos)
        pos += len(a.lines[i]) + 1
    days: list[list[dt.date]] = [[] for _ in a.lines]
    try:
        tx = timex.tag(sdoc, a.id, dct=a.published)
    except Exception as exc:  # one bad article must not stop the run
        err.print(f"timex failed on {a.id}: {exc}")
        return days
    for t in tx:
        if t.text.lower().strip() in NOT_A_DAY:
            continue
        d = _day(t, a.published)
        if d is None or abs((d - a.published).days) > 3650:
            continue
        if kept:
            days[kept[max(0, _bisect(starts, t.start))]].append(d)
    return days


def _bisect(starts: list[int], offset: int) -> int:
    """The index of the line that holds a character offset."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def predict(articles: Sequence[Article], keywords: Sequence[str], start: dt.date, end: dt.date, n_dates: int,
            k: int, summarizer: select.Summarizer) -> dict[dt.date, list[str]]:
    """A timeline of n_dates dates in [start, end] with k sentences each."""
    stats = select.new_stats()
    for a in articles:
        if not start <= a.published <= end:
            continue
        select.collect(stats, a.id, a.published, [(i, ln, a.days[i]) for i, ln in enumerate(a.lines)])
    ranked = [d for d in select.rank_dates(stats) if start <= d <= end]
    summarizer.chosen = None
    out: dict[dt.date, list[str]] = {}
    for d in ranked:
        if len(out) >= n_dates:
            break
        picked = summarizer.summarize(stats[d].candidates, k, keywords)
        if picked:
            out[d] = [c.text for c in picked]
    return out


def score(pred: dict[dt.date, list[str]], ref: dict[dt.date, list[str]]) -> dict[str, dict]:
    """align+ m:1 ROUGE, concat, agreement and date selection for one predicted timeline."""
    return {"align_m1": M.align_m1(pred, [ref]), "concat": M.concat(pred, [ref]),
            "agreement": M.agreement(pred, [ref]), "date": M.date_prf(pred, [ref])}


def summarize_scores(results: Sequence[dict[str, dict]]) -> dict[str, float]:
    """Averages over reference timelines (F1 of mean precision and mean recall)."""
    out = {}
    for key, metric, measure in (("rouge1_align_m1", "align_m1", "rouge_1"), ("rouge2_align_m1", "align_m1", "rouge_2"),
                                 ("rouge1_concat", "concat", "rouge_1"), ("rouge2_concat", "concat", "rouge_2"),
                                 ("rouge1_agreement", "agreement", "rouge_1"),
                                 ("rouge2_agreement", "agreement", "rouge_2")):
        out[key] = M.average([r[metric][measure] for r in results])["f_score"]
    out["date_f1"] = M.average([r["date"] for r in results])["f_score"]
    return out


def run_topic(topic: Topic, cache: Path | None, settings: Settings) -> list[dict[str, dict]]:
    """Parse, date and summarize one topic against each of its reference timelines."""
    articles = read_articles(topic.folders)
    docs = parse(articles, cache, settings, topic.name)
    date_sentences(articles, docs, cache, topic.name)
    summarizer = select.Summarizer([ln for a in articles for ln in a.lines])
    results = []
    for name, ref in topic.references:
        dates = sorted(ref)
        k = max(1, round(sum(len(s) for s in ref.values()) / len(ref)))
        pred = predict(articles, topic.keywords, dates[0], dates[-1], len(dates), k, summarizer)
        res = score(pred, ref)
        res["name"] = name
        results.append(res)
        err.print(f"{name}: {len(pred)}/{len(ref)} dates, k={k}, AR1 {res['align_m1']['rouge_1']['f_score']:.3f} "
                  f"AR2 {res['align_m1']['rouge_2']['f_score']:.3f} date F1 {res['date']['f_score']:.3f}")
    return results


@app.command("tls")
def run(data: Path = DataOption, fmt: str = FormatOption,
        cache: Path = typer.Option(DEFAULT_CACHE, "--cache", help="Where parsed articles are cached (not the repo)."),
        topic: list[str] = typer.Option([], "--topic", help="Only these topics (default: all).")) -> None:
    """Timeline summarization on Timeline17-style data: align+ m:1 ROUGE-1/2 and date F1, beside DATEWISE."""
    check_data(data)
    began = time.time()
    chosen = [t for t in topics(data) if not topic or t.name in topic]
    if not chosen:
        err.print(f"no topics with InputDocs under {data}")
        raise typer.Exit(2)
    per_topic: dict[str, dict[str, float]] = {}
    everything: list[dict[str, dict]] = []
    for t in chosen:
        results = run_topic(t, cache, DEFAULT)
        if results:
            per_topic[t.name] = summarize_scores(results) | {"timelines": len(results)}
            everything.extend(results)
    figures: dict = summarize_scores(everything) if everything else {}
    figures |= {"timelines": len(everything), "topics": per_topic, "seconds": round(time.time() - began, 1),
                "datewise": {n: dict(zip(("rouge1_align_m1", "rouge2_align_m1", "date_f1"), v, strict=True))
                             for n, v in DATEWISE.items()}}
    rows = []
    for name, f in list(per_topic.items()) + [("all", figures)]:
        mark = DATEWISE.get(name, (None, None, None))
        rows.append({"topic": name, "timelines": f.get("timelines", 0),
                     "AR1": f.get("rouge1_align_m1", 0.0), "DATEWISE AR1": mark[0] if mark[0] is not None else "-",
                     "AR2": f.get("rouge2_align_m1", 0.0), "DATEWISE AR2": mark[1] if mark[1] is not None else "-",
                     "date F1": f.get("date_f1", 0.0), "DATEWISE date F1": mark[2] if mark[2] is not None else "-"})
    emit(figures, fmt, "Timeline summarization (align+ m:1 ROUGE, date F1)", rows,
         notes=[f"{figures['seconds']:.0f} s; DATEWISE = news-tls run here on the same topics (marks to beat)"])
