"""The per-document stages, registered by name, run in the order Settings.stages gives.

A stage is a pure function of (document, parse, settings) that returns the records of one layer of the document
(records.Document: sentences, timexes, mentions, quotes, events, or a layer of its own in Document.layers). It
reads the layers of the stages before it, never the store, and its result is picklable. Register one with

    @stage("keywords", layer="keywords", record=Keyword)
    def find(doc: Document, parse: Doc, settings: Settings) -> list[Keyword]: ...

in a module of this package (every module here is imported when a stage is first looked up) or of another package
that names it under the entry point group 'storyline.stages'; then add its name to `stages` in the settings and,
when its records are stored, a migration that creates their table (docs/extending.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.failures import failure
from storyline.plugins import discover
from storyline.records import Document, Reject
from storyline.settings import DEFAULT, Settings

Run = Callable[[Document, Any, Settings], list[Any]]


@dataclass(frozen=True)
class Stage:
    """A per-document stage: its name, the layer of the document it fills, its function and its record type."""

    name: str
    layer: str
    run: Run
    record: type | None = None


STAGES: dict[str, Stage] = {}


def stage(name: str, layer: str | None = None, record: type | None = None) -> Callable[[Run], Run]:
    """Register a function as the stage `name`, filling the document's layer `layer` (the name by default)."""

    def register(fn: Run) -> Run:
        STAGES[name] = Stage(name, layer or name, fn, record)
        return fn

    return register


def get(name: str) -> Stage:
    """The stage registered under a name."""
    if name not in STAGES:
        discover(__name__, "storyline.stages")
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; choose from {', '.join(sorted(STAGES))}")
    return STAGES[name]


def annotate(doc: Document, parse: Any, settings: Settings = DEFAULT,
             seconds: dict[str, float] | None = None) -> tuple[Document, list[Reject]]:
    """The document with the layers the configured stages find in it, each stage reading the layers before it,
    and the stages that failed: a stage that fails leaves its layer empty and the stages after it go on; each
    stage's CPU seconds are added to `seconds` when given.

    Pure: it reads only the document, its parse and the settings, and returns a new Document and Rejects
    (picklable, so that it can run in another process); the store is not touched."""
    fails: list[Reject] = []
    for name in settings.stages:
        st = get(name)
        clock = time.process_time()
        try:
            records = st.run(doc, parse, settings)
        except Exception as e:  # noqa: BLE001 - one stage's failure on one document must not stop the build
            fails.append(Reject(id=doc.id, path=doc.path, reason=failure(name, e), stage=name))
            records = []
        doc = doc.with_layer(st.layer, records)
        if seconds is not None:
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - clock
    return doc, fails
