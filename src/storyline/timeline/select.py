"""Choosing what a timeline says: which dates matter, and which sentences summarize each date.

Dates are ranked by how many distinct documents point at them (a date mentioned by many reports, and by
reports written later, is a date that mattered), plus how many documents were published on them. The summary
of a date is chosen greedily to stay close to the centroid of everything said about that date (centroid
optimisation over TF-IDF vectors), skipping sentences that repeat a summary already chosen for another date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


@dataclass
class Candidate:
    """A sentence that may speak for a date, with its source."""

    doc: str
    sentence: int
    text: str
    mentioned: bool  # True when the sentence names the date itself; False when only its article's date points there
    published: dt.date | None = None


@dataclass
class DateStats:
    """What the corpus says about one date."""

    mention_docs: set[str] = field(default_factory=set)
    later_docs: set[str] = field(default_factory=set)  # documents published after the date that mention it
    published_docs: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)


def date_score(s: DateStats, published_weight: float = 0.5, later_weight: float = 0.5) -> float:
    """How much a date matters: distinct documents mentioning it, those written later, those published on it."""
    return len(s.mention_docs) + later_weight * len(s.later_docs) + published_weight * len(s.published_docs)


def rank_dates(stats: dict[dt.date, DateStats], limit: int | None = None, **weights: float) -> list[dt.date]:
    """Dates by importance, most important first."""
    ranked = sorted(stats, key=lambda d: (-date_score(stats[d], **weights), d))
    return ranked[:limit] if limit is not None else ranked


class Summarizer:
    """Centroid-optimising sentence selection over TF-IDF vectors fitted on a corpus."""

    def __init__(self, corpus: Sequence[str], redundancy: float = 0.5, min_words: int = 5, max_words: int = 60):
        self.vectorizer = TfidfVectorizer(stop_words="english", lowercase=True, sublinear_tf=True)
        self.vectorizer.fit(list(corpus) or ["empty"])
        self.redundancy = redundancy
        self.min_words = min_words
        self.max_words = max_words
        self.chosen: sparse.csr_matrix | None = None  # unit vectors of sentences already in the timeline

    def _allowed(self, text: str, keywords: Sequence[str]) -> bool:
        """A sentence of a sensible length that names one of the keywords (when there are any)."""
        n = len(text.split())
        if n < self.min_words or n > self.max_words:
            return False
        low = text.lower()
        return not keywords or any(k in low for k in keywords)

    def summarize(self, candidates: Sequence[Candidate], k: int, keywords: Sequence[str] = (),
                  mention_weight: float = 1.0) -> list[Candidate]:
        """Up to k candidates whose sum is closest to the candidates' centroid, without repeating earlier picks."""
        if not candidates or k <= 0:
            return []
        X = normalize(self.vectorizer.transform([c.text for c in candidates]))
        w = np.array([mention_weight if c.mentioned else 1.0 for c in candidates])
        centroid = np.asarray(X.multiply(w[:, None]).sum(0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return []
        centroid /= norm
        seen: set[str] = set()
        pool = []
        for i, c in enumerate(candidates):
            key = " ".join(c.text.lower().split())
            if key in seen or not self._allowed(c.text, keywords):
                continue
            seen.add(key)
            pool.append(i)
        if pool and self.chosen is not None and self.chosen.shape[0] and self.redundancy < 1:
            overlap = np.asarray((X[pool] @ self.chosen.T).max(1).todense()).ravel()
            pool = [i for i, o in zip(pool, overlap, strict=True) if o <= self.redundancy]
        if not pool:
            return []
        P = X[pool]
        to_centroid = P @ centroid
        picked: list[int] = []
        total = np.zeros_like(centroid)
        for _ in range(k):
            dot_total = P @ total
            norms = np.sqrt(np.maximum(total @ total + 2 * dot_total + 1.0, 1e-12))
            sims = (total @ centroid + to_centroid) / norms
            sims[picked] = -np.inf
            best = int(np.argmax(sims))
            if not np.isfinite(sims[best]):
                break
            picked.append(best)
            total = total + P[best].toarray().ravel()
        rows = P[picked]
        self.chosen = rows if self.chosen is None or not self.chosen.shape[0] else sparse.vstack([self.chosen, rows], format="csr")
        return [candidates[pool[i]] for i in picked]


def collect(stats: dict[dt.date, DateStats], doc: str, published: dt.date | None,
            sentences: Sequence[tuple[int, str, list[dt.date]]], lead: int = 5, pub_days: int = 2) -> None:
    """Add one document's dated sentences to the per-date statistics and candidates.

    `sentences` holds (index, text, days the sentence names). A sentence naming a day speaks for it; the first
    `lead` sentences naming no day speak for the publication day and the `pub_days - 1` days before it.
    """
    if published is not None:
        stats.setdefault(published, DateStats()).published_docs.add(doc)
    for index, text, days in sentences:
        for d in dict.fromkeys(days):
            s = stats.setdefault(d, DateStats())
            s.mention_docs.add(doc)
            if published is not None and d < published:
                s.later_docs.add(doc)
            s.candidates.append(Candidate(doc, index, text, True, published))
        if not days and published is not None and index < lead:
            for back in range(pub_days):
                d = published - dt.timedelta(days=back)
                stats.setdefault(d, DateStats()).candidates.append(Candidate(doc, index, text, False, published))


def new_stats() -> dict[dt.date, DateStats]:
    """An empty per-date table."""
    return defaultdict(DateStats)
