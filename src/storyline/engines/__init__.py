"""Where the per-document stages run: in this process, in N local processes, or on a Ray cluster.

The unit of work is a batch of cleaned documents: spaCy parses the batch (nlp.pipe) and the per-document stages
annotate each document (stages.annotate). A worker loads the models once and keeps them for every batch it is
given. Documents go out a few batches at a time and come back annotated in the order they went out, so that
nothing holds the corpus: the store streams documents in and takes the annotated ones as they come.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from storyline.failures import failure
from storyline.records import Document, Reject
from storyline.settings import DEFAULT, Settings

IN_FLIGHT = 2  # batches given to each worker ahead of the one it works on


@dataclass
class Annotated:
    """A document with the layers the per-document stages found, the stages that failed on it, and the CPU
    seconds each stage spent on it (its share of the batch's parse under 'parse')."""

    doc: Document
    fails: list[Reject] = field(default_factory=list)
    parsed: bool = True  # False when spaCy could not parse it: it is kept without layers
    seconds: dict[str, float] = field(default_factory=dict)
    words: int = 0


def workers(settings: Settings) -> int:
    """How many processes run the per-document stages: settings.workers, or one per core when it is 0."""
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Documents in lists of `size`."""
    chunk: list[Document] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def annotate_batch(docs: list[Document], settings: Settings = DEFAULT) -> list[Annotated]:
    """Parse a batch and run the per-document stages on each document (in whichever process runs it)."""
    from storyline.pipeline import parse_batch
    from storyline.stages import annotate

    clock = time.process_time()
    parsed = list(parse_batch(docs, settings))
    share = (time.process_time() - clock) / max(1, len(docs))
    out = []
    for doc, parse, error in parsed:
        if error is not None or parse is None:
            out.append(Annotated(doc, [Reject(id=doc.id, path=doc.path, reason=failure("parse", error or ValueError("no parse")),
                                              stage="parse")], parsed=False, seconds={"parse": share}))
            continue
        seconds: dict[str, float] = {"parse": share}
        annotated, fails = annotate(doc, parse, settings, seconds)
        out.append(Annotated(annotated, fails, True, seconds, len(parse)))
    return out


def local(docs: Iterable[Document], settings: Settings = DEFAULT, count: int | None = None) -> Iterator[Annotated]:
    """Annotated documents, in order: in this process with one worker (or when the `count` documents make one
    batch: starting workers would cost more than it saves), else in a pool of worker processes, each holding a few
    batches at most."""
    n = workers(settings) if count is None or count > settings.nlp_batch_size else 1
    chunks = batches(docs, settings.nlp_batch_size)
    if n <= 1:
        for chunk in chunks:
            yield from annotate_batch(chunk, settings)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["storyline.engines.preload"])  # workers fork from a process with the model loaded
    with ProcessPoolExecutor(n, mp_context=ctx, initializer=_warm, initargs=(settings.spacy_model, os.getpid())) as pool:
        waiting: deque[Future[list[Annotated]]] = deque()
        for chunk in chunks:
            waiting.append(pool.submit(annotate_batch, chunk, settings))
            while len(waiting) > n * IN_FLIGHT:
                yield from waiting.popleft().result()
        while waiting:
            yield from waiting.popleft().result()


def _warm(model: str, build: int) -> None:
    """Load the spaCy pipeline in a worker before its first batch, and end the worker when the build's process is
    gone (killed: it cannot tell its workers)."""
    from storyline import nlp

    threading.Thread(target=_follow, args=(build,), daemon=True).start()
    nlp.load(model)


def _follow(build: int) -> None:
    """Exit this process once the given process has ended."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(build, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            continue


def run(docs: Iterable[Document], settings: Settings = DEFAULT, count: int | None = None) -> Iterator[Annotated]:
    """Annotated documents from the engine the settings name ('local' or 'ray'); `count` says how many come."""
    if settings.engine == "ray":
        from storyline.engines.ray import annotated

        yield from annotated(docs, settings)
    elif settings.engine == "local":
        yield from local(docs, settings, count)
    else:
        raise ValueError(f"unknown engine {settings.engine!r}; choose local or ray")
