"""The trained line classifier of the plain-text cleaner: gradient-boosted trees read from a JSON file that
the package ships (storyline/data/chrome_model.json), evaluated with numpy. No code is unpickled: the file
holds only numbers and the names of the features the trees split on, which must match clean/lines.py.

The file is written by `storyline bench train-clean` (storyline_bench/cleantrain.py); docs/cleaning.md says
how it is trained and how to retrain it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storyline.clean.lines import CONTEXT, FEATURES

MODEL_FILE = "chrome_model.json"


@dataclass(frozen=True)
class Trees:
    """An ensemble of binary trees as flat node arrays; `roots` are the first node of each tree, and a leaf's
    children are itself, so every row can walk `depth` steps."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trees:
        """The ensemble from its JSON form: a baseline and a list of trees, each a dict of node lists."""
        trees = data["trees"]
        sizes = [len(t["feature"]) for t in trees]
        roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)

        def joined(key: str, dtype: type) -> np.ndarray:
            return np.concatenate([np.asarray(t[key], dtype=dtype) for t in trees])

        leaf = joined("leaf", bool)
        own = np.arange(leaf.size, dtype=np.int64)
        offsets = np.repeat(roots, sizes)
        left = np.where(leaf, own, joined("left", np.int64) + offsets)
        right = np.where(leaf, own, joined("right", np.int64) + offsets)
        return cls(feature=np.where(leaf, 0, joined("feature", np.int64)), threshold=joined("threshold", np.float64),
                   left=left, right=right, value=np.where(leaf, joined("value", np.float64), 0.0), roots=roots,
                   baseline=float(data["baseline"]), depth=int(data["depth"]))

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The probability of the positive class for each row of x."""
        n = x.shape[0]
        if not n:
            return np.zeros(0)
        rows = np.arange(n)[:, None]
        goes_left = x[:, self.feature] <= self.threshold  # every node's test on every row, at once
        children = np.stack([self.right, self.left], axis=1)
        node = np.broadcast_to(self.roots, (n, self.roots.size))
        for _ in range(self.depth):
            node = children[node, goes_left[rows, node].astype(np.int64)]
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@dataclass(frozen=True)
class LineModel:
    """Two passes of trees: the first on the line features, the second also on the first pass's answers
    for the line and its neighbours; a line is content when the second pass's probability reaches `threshold`."""

    first: Trees
    second: Trees
    threshold: float
    meta: dict[str, Any]


def check_names(data: dict[str, Any]) -> None:
    """Raise ValueError when the file was trained on other features than clean/lines.py computes."""
    if list(data.get("features", [])) != list(FEATURES) or list(data.get("context", [])) != list(CONTEXT):
        raise ValueError(f"{MODEL_FILE} was trained on other line features than clean/lines.py computes: "
                         "retrain it with `storyline bench train-clean`")


def from_json(data: dict[str, Any]) -> LineModel:
    """A LineModel from the parsed JSON file."""
    check_names(data)
    return LineModel(first=Trees.from_json(data["first"]), second=Trees.from_json(data["second"]),
                     threshold=float(data["threshold"]), meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def shipped() -> LineModel:
    """The model the package ships."""
    text = resources.files("storyline.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return from_json(json.loads(text))


_in_use: ContextVar[LineModel | None] = ContextVar("line_model", default=None)


def load() -> LineModel:
    """The model in use: the shipped one, unless `using` put another in its place."""
    return _in_use.get() or shipped()


@contextmanager
def using(model: LineModel) -> Iterator[None]:
    """Clean with another model inside the block (for training and cross-validation)."""
    token = _in_use.set(model)
    try:
        yield
    finally:
        _in_use.reset(token)
