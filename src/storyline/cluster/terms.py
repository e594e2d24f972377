"""Words as clustering and the timeline compare them: stemmed content words, weighted by how rare they are.

A text becomes a TF-IDF vector over hashed stems (no vocabulary to fit, so a build vectorizes only the texts it
adds). How rare a stem is comes from `TermStats`, document frequencies over the same hashed features that a
store keeps and each build adds its new sentences to; a benchmark fits them on its own texts the same way.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from murmurhash import mrmr  # spaCy's MurmurHash3 (scikit-learn's murmurhash3_32, without importing sklearn)

FEATURES = 2**20  # hashed stem buckets: collisions are rare at this size
SPARSE = b"S1"  # marks the stored form that keeps only the features that occur
_WORD = re.compile(r"[^\W_](?:[\w'’]*[^\W_])?")
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3})")  # 2,000 is one number
# function words: they say nothing about which event a text reports
STOP_WORDS = frozenset("""
a about above after again against all almost also although always am among an and another any anyone anything
are aren around as at be became because been before being below between both but by can cannot could couldn
did didn do does doesn doing don done down during each either else ever every few for from further had hadn has
hasn have haven having he her here hers herself him himself his how however i if in into is isn it its itself
just least less let like ll may me might mine more most much must mustn my myself neither no nor not now of off
often on once one only or other others otherwise our ours ourselves out over own per perhaps quite rather re
same shall shan she should shouldn since so some such than that the their theirs them themselves then there
therefore these they this those though through thus to too toward towards under until up upon us very via was
wasn we were weren what whatever when whenever where whereas wherever whether which while who whoever whom whose
why will with within without won would wouldn yet you your yours yourself yourselves
""".split())

# Porter's stemmer (with the 2004 changes ROUGE-1.5.5 makes: -ement tried as -ment and -ent, 'logi' -> 'log')
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = f"{_c}[^aeiouy]*", f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_HAS_V = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
          "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive",
          "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_S2 = re.compile("(" + "|".join(_STEP2) + ")$")
_S3 = re.compile("(" + "|".join(_STEP3) + ")$")
_S4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter(w: str) -> str:
    """The Porter stem of a lowercase word."""
    if len(w) < 3:
        return w
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    if m := re.search("(ss|i)es$", w):
        w = w[:m.start()] + m[1]
    elif m := re.search("([^s])s$", w):
        w = w[:m.start()] + m[1]
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[:m.start()]
        if _HAS_V.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _HAS_V.search(w[:-1]):
        w = w[:-1] + "i"
    if (m := _S2.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP2[m[1]]
    if (m := _S3.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP3[m[1]]
    if (m := _S4.search(w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[:m.start()] + m[1]):
        w = w[:m.start()] + m[1]
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A lowercase word's stem (cached: a corpus repeats its words)."""
    return porter(word)


def terms(text: str) -> list[str]:
    """The stemmed content words of a text, in order (stop words and one-letter words dropped)."""
    out = []
    for w in _WORD.findall(_DIGIT_GROUPS.sub("", text.lower())):
        w = w.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) > 1 and w not in STOP_WORDS:
            out.append(stem(w))
    return out


@lru_cache(maxsize=500_000)
def feature(term: str) -> int:
    """The hashed feature of a stem."""
    return (mrmr.hash(term) & 0xFFFFFFFF) % FEATURES  # as unsigned 32 bits


def bag(text: str) -> dict[int, int]:
    """How often each feature occurs in a text."""
    out: dict[int, int] = {}
    for t in terms(text):
        f = feature(t)
        out[f] = out.get(f, 0) + 1
    return out


Vector = dict[int, float]  # feature -> weight, unit length: a short text holds a few dozen features


def dot(a: Vector, b: Vector) -> float:
    """The dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


class TermStats:
    """Document frequencies over the hashed features: how many texts hold each stem, and how many texts."""

    def __init__(self, df: np.ndarray | None = None, docs: int = 0) -> None:
        self.df = df if df is not None else np.zeros(FEATURES, dtype=np.int32)
        self.docs = docs
        self._idf: np.ndarray | None = None

    def add(self, texts: Iterable[str]) -> None:
        """Count the stems of more texts (each text once per stem)."""
        seen: list[int] = []
        n = 0
        for t in texts:
            seen.extend(bag(t))
            n += 1
            if len(seen) > 1_000_000:
                np.add.at(self.df, np.asarray(seen, dtype=np.int64), 1)
                seen = []
        if seen:
            np.add.at(self.df, np.asarray(seen, dtype=np.int64), 1)
        self.docs += n
        self._idf = None

    def idf(self) -> np.ndarray:
        """Smoothed inverse document frequency of each feature: ln((1 + n) / (1 + df)) + 1."""
        if self._idf is None:
            self._idf = np.log((1.0 + self.docs) / (1.0 + self.df)) + 1.0
        return self._idf

    def to_bytes(self) -> bytes:
        """The frequencies, compressed, for the store: the features that occur and their counts."""
        where = np.flatnonzero(self.df).astype(np.int32)
        return SPARSE + zlib.compress(where.tobytes() + self.df[where].astype(np.int32).tobytes(), 1)

    @classmethod
    def from_bytes(cls, data: bytes | None, docs: int) -> TermStats:
        """Frequencies as the store keeps them (empty when the store has none yet)."""
        if not data:
            return cls()
        if not data.startswith(SPARSE):  # every feature's count
            return cls(np.frombuffer(zlib.decompress(data), dtype=np.int32).copy(), docs)
        pairs = np.frombuffer(zlib.decompress(data[len(SPARSE):]), dtype=np.int32)
        half = len(pairs) // 2
        df = np.zeros(FEATURES, dtype=np.int32)
        df[pairs[:half]] = pairs[half:]
        return cls(df, docs)


def vector(text: str, stats: TermStats) -> Vector:
    """The unit-length TF-IDF vector of a text."""
    idf = stats.idf()
    v = {f: c * float(idf[f]) for f, c in bag(text).items()}
    norm = math.sqrt(sum(w * w for w in v.values()))
    return {f: w / norm for f, w in v.items()} if norm else {}


def top_terms(text: str, stats: TermStats, n: int = 3) -> list[str]:
    """The n rarest distinct stems of a text (ties in text order): what a text index files it under."""
    seen = list(dict.fromkeys(terms(text)))
    order = sorted(range(len(seen)), key=lambda i: (int(stats.df[feature(seen[i])]), i))
    return [seen[i] for i in order[:n]]
