"""Exact and near-duplicate detection: a normalized content hash, then MinHash LSH over word shingles.

Every copy is linked to its canonical document (the first one seen) with a similarity; nothing is dropped.
Only canonical documents enter the LSH index and get a signature to keep in the store, so a later build
rebuilds the index from the stored signatures without re-reading any text (incremental).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.records import Document, Duplicate
from storyline.settings import DEFAULT, Settings

SEED = 1  # the permutations, and so every stored signature, depend on it: never change it for a store
SCHEME = "affine32"  # datasketch's permutation scheme (explicit, so stored signatures stay comparable)
MIX = np.uint64(0x100000001B3)  # odd multiplier combining bytes into word hashes and words into shingles
MIX_INVERSE = np.uint64(pow(int(MIX), -1, 1 << 64))
CHUNK = 4096  # shingles given to datasketch per batch (bounds the memory of one permutation matrix)
# punctuation outside ASCII that separates words (ASCII punctuation and spaces already do)
SEPARATORS = str.maketrans({c: " " for c in "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb"
                                            "\u2022\u00b7\u00a0\u2009\u200b\u2032\u2033"})
WORD_BYTE = np.zeros(256, dtype=bool)
WORD_BYTE[[*range(ord("0"), ord("9") + 1), *range(ord("a"), ord("z") + 1), ord("_"), *range(0x80, 0x100)]] = True


def word_hashes(text: str) -> np.ndarray:
    """A 64-bit hash of every word of a text (lower-cased, split at punctuation and spaces), vectorised."""
    data = np.frombuffer(text.lower().translate(SEPARATORS).encode("utf-8"), dtype=np.uint8)
    if not len(data):
        return np.empty(0, dtype=np.uint64)
    inside = WORD_BYTE[data]
    edges = np.diff(inside.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not len(starts):
        return np.empty(0, dtype=np.uint64)
    powers, inverse = power_tables(len(data))
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(data.astype(np.uint64) * powers[1:len(data) + 1],
                                                       dtype=np.uint64)))
    # the sum of byte * MIX**(i+1) over a word, times MIX**-start: the exponents then depend only on the
    # positions inside the word, so equal words hash equally wherever they stand
    return (prefix[ends] - prefix[starts]) * inverse[starts] + (ends - starts).astype(np.uint64)


_TABLES: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """MIX**k and MIX**-k (mod 2**64) for k = 0..n at least, computed once and grown by doubling."""
    if len(_TABLES[0]) <= n:
        size = max(n + 1, 2 * len(_TABLES[0]), 1 << 16)
        for i, base in enumerate((MIX, MIX_INVERSE)):
            _TABLES[i] = np.concatenate(([np.uint64(1)], np.cumprod(np.full(size - 1, base, dtype=np.uint64))))
    return _TABLES[0], _TABLES[1]


def shingles(text: str, size: int) -> np.ndarray:
    """The 32-bit hashes of a text's word shingles (repeats included: they do not change a MinHash)."""
    words = word_hashes(text)
    if not len(words):
        return np.empty(0, dtype=np.uint32)
    size = max(1, min(size, len(words)))
    n = len(words) - size + 1
    combined = np.zeros(n, dtype=np.uint64)
    for j in range(size):
        combined = combined * MIX + words[j:j + n]
    return ((combined ^ (combined >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


class Deduper:
    """Remembers every document seen (from the store, then this run) and links copies to their canonical."""

    def __init__(self, settings: Settings = DEFAULT, hashes: dict[str, str] | None = None,
                 minhashes: Iterable[tuple[str, list[int]]] = (),
                 links: dict[str, tuple[str, str, float]] | None = None) -> None:
        self.settings = settings
        self.hashes = dict(hashes or {})  # normalized-text hash -> canonical id
        self.links = dict(links or {})  # hash of a near copy -> (canonical, kind, similarity)
        self.hash_of = {doc_id: h for h, doc_id in self.hashes.items()}  # canonical id -> its content hash
        self.perm = settings.minhash_perm
        self.threshold = settings.minhash_threshold
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.perm)
        self.permutations = MinHash(num_perm=self.perm, seed=SEED, scheme=SCHEME).permutations
        self.signatures: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}  # when each indexed document was first seen
        self._seen = itertools.count()
        self.fresh: dict[str, np.ndarray] = {}  # signatures of canonical documents first seen in this run
        for doc_id, values in minhashes:
            if values is not None and len(values) == self.perm:
                self._index(doc_id, np.asarray(values, dtype=np.uint32))

    def minhash(self, text: str) -> np.ndarray | None:
        """The MinHash signature of a text's word shingles (datasketch, its affine32 scheme), or None when it has
        no words."""
        hashes = shingles(text, self.settings.shingle_size)
        if not len(hashes):
            return None
        m = MinHash(num_perm=self.perm, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=self.permutations)
        for i in range(0, len(hashes), CHUNK):
            m.update_batch(hashes[i:i + CHUNK].tolist())  # the shingles are hashed already: int() keeps them
        return m.hashvalues

    def check(self, doc: Document) -> Duplicate | None:
        """The duplicate link for a document, or None when it is the first of its kind; remembers it."""
        self._forget(doc.id)
        self.hash_of[doc.id] = doc.content_hash
        canon = self.hashes.get(doc.content_hash)
        if canon is not None and canon != doc.id:
            target, kind, similarity = self.links.get(doc.content_hash, (canon, "exact", 1.0))
            return Duplicate(id=doc.id, canonical=target, kind=kind, similarity=similarity)
        self.hashes[doc.content_hash] = doc.id
        signature = self.minhash(doc.text)
        if signature is None:
            return None
        match = self._nearest(signature)
        if match is not None:
            canonical, similarity = match
            self.links[doc.content_hash] = (canonical, "near", similarity)
            return Duplicate(id=doc.id, canonical=canonical, kind="near", similarity=similarity)
        self._index(doc.id, signature)
        self.fresh[doc.id] = signature
        return None

    def signature(self, doc_id: str) -> list[int] | None:
        """The MinHash of a canonical document first checked in this run, to keep in the store."""
        sig = self.fresh.get(doc_id)
        return None if sig is None else sig.tolist()

    def similarity(self, a: np.ndarray, b: np.ndarray) -> float:
        """The Jaccard similarity two signatures estimate."""
        return float(np.count_nonzero(a == b)) / self.perm

    def _nearest(self, signature: np.ndarray) -> tuple[str, float] | None:
        """The most similar canonical document at or above the threshold (the first seen on ties)."""
        query = LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)
        best: tuple[str, float] | None = None
        for key in self.lsh.query(query):
            sim = self.similarity(self.signatures[key], signature)
            if sim >= self.threshold and (best is None or (sim, -self.order[key]) > (best[1], -self.order[best[0]])):
                best = (key, sim)
        return None if best is None else (best[0], round(best[1], 4))

    def _index(self, doc_id: str, signature: np.ndarray) -> None:
        """Add a canonical document's signature to the LSH index."""
        self.lsh.insert(doc_id, LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME))
        self.signatures[doc_id] = signature
        self.order[doc_id] = next(self._seen)

    def forget(self, doc_id: str) -> None:
        """Drop a document that could not be stored: later documents are not linked to it."""
        self._forget(doc_id)
        self.hash_of.pop(doc_id, None)

    def _forget(self, doc_id: str) -> None:
        """Drop what an earlier version of a document left behind (it is being checked again)."""
        if doc_id in self.signatures:
            self.lsh.remove(doc_id)
            del self.signatures[doc_id]
            self.order.pop(doc_id, None)
            self.fresh.pop(doc_id, None)
        old = self.hash_of.pop(doc_id, None)
        if old is not None and self.hashes.get(old) == doc_id:
            del self.hashes[old]
            self.links.pop(old, None)
