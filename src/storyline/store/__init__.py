"""The DuckDB store: one file, the documented schema in docs/schema.md."""

from storyline.store.store import Store

__all__ = ["Store"]
