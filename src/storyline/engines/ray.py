"""The Ray engine: the per-document stages on a Ray cluster, with Ray Data (`storyline build --engine ray`).

The build's own process ingests, cleans and dedupes as always, then writes the documents to analyse as Parquet
shards; Ray Data reads them, a pool of actors (each loads spaCy and the stages' tables once) parses and annotates
them batch by batch (map_batches), and writes the annotated documents as Parquet shards, which the build merges
into the store as they are read back. With no cluster named, a local one is started with one CPU per worker; name
one with settings.ray_address (`--set ray_address=auto`, or RAY_ADDRESS), and put the shards where every node
reads and writes (settings.ray_shards: a shared folder or an object-store URI). docs/scale.md shows how.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from storyline.engines import Annotated, annotate_batch, batches, workers
from storyline.records import Document
from storyline.settings import Settings

SHARD_DOCUMENTS = 256  # documents per input shard


class Annotator:
    """A Ray actor: the models loaded once, then batches of pickled documents in, pickled Annotated out."""

    def __init__(self, settings: Settings) -> None:
        from storyline import nlp

        self.settings = settings
        nlp.load(settings.spacy_model)

    def __call__(self, batch):  # noqa: ANN001, ANN204 - a pyarrow Table in and out
        import pyarrow as pa

        docs = [pickle.loads(b) for b in batch.column("document").to_pylist()]
        done = annotate_batch(docs, self.settings)
        return pa.table({"id": [a.doc.id for a in done], "annotated": [pickle.dumps(a) for a in done]})


@contextmanager
def connected(settings: Settings) -> Iterator[None]:
    """Ray connected to the cluster the settings (or RAY_ADDRESS) name; else a local one, stopped afterwards."""
    import ray

    if ray.is_initialized():
        yield
        return
    address = settings.ray_address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING, include_dashboard=False)
    else:
        os.environ.setdefault("RAY_worker_niceness", "0")  # the build's own priority (Ray lowers its workers' to 15)
        ray.init(num_cpus=workers(settings) + 1,  # a slot for listing, reading and writing shards
                 log_to_driver=False, logging_level=logging.WARNING, include_dashboard=False)
    try:
        yield
    finally:
        ray.shutdown()


def annotated(docs: Iterable[Document], settings: Settings) -> Iterator[Annotated]:
    """Annotated documents from the Ray cluster, as the shards it writes are read back."""
    import pyarrow as pa
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    root = settings.ray_shards or tempfile.mkdtemp(prefix="storyline-ray-")
    fs, base = pafs.FileSystem.from_uri(root if "://" in root else os.path.abspath(root))
    run = f"{base.rstrip('/')}/{uuid.uuid4().hex}"
    inputs, outputs = f"{run}/documents", f"{run}/annotated"
    fs.create_dir(inputs, recursive=True)
    try:
        shards = 0
        for shards, chunk in enumerate(batches(docs, SHARD_DOCUMENTS), 1):
            table = pa.table({"id": [d.id for d in chunk], "document": [pickle.dumps(d) for d in chunk]})
            pq.write_table(table, f"{inputs}/{shards:06d}.parquet", filesystem=fs)
        if not shards:
            return
        _run(fs, inputs, outputs, settings)
        for info in sorted(fs.get_file_info(pafs.FileSelector(outputs)), key=lambda i: i.path):
            if not info.path.endswith(".parquet"):
                continue
            for batch in pq.ParquetFile(fs.open_input_file(info.path)).iter_batches(columns=["annotated"]):
                for blob in batch.column(0).to_pylist():
                    yield pickle.loads(blob)
    finally:
        fs.delete_dir(run)
        if not settings.ray_shards:
            fs.delete_dir(base)


def pool_size(settings: Settings) -> int:
    """How many actors annotate: the workers asked for, leaving one of the cluster's CPUs to the tasks that list,
    read and write the shards (Ray Data lists files in a task that needs a whole CPU: actors holding every CPU
    would leave it waiting for ever)."""
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 0))
    return max(1, min(workers(settings), cpus - 1))


def _run(fs, inputs: str, outputs: str, settings: Settings) -> None:  # noqa: ANN001 - a pyarrow FileSystem
    """Annotate the input shards on the cluster into output shards."""
    import ray.data

    logging.getLogger("ray.data").setLevel(logging.WARNING)
    with connected(settings):
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        ds = ray.data.read_parquet(inputs, filesystem=fs, num_cpus=0)
        ds = ds.map_batches(Annotator, fn_constructor_args=(settings,), batch_size=settings.nlp_batch_size,
                            batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=pool_size(settings)),
                            num_cpus=1)
        ds.write_parquet(outputs, filesystem=fs, ray_remote_args={"num_cpus": 0})  # shards take no actor's core
