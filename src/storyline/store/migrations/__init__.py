"""Versioned migrations of the store: one file per change of the schema, applied in order, each once.

A migration is `NNNN_what.sql` (statements run as they are) or `NNNN_what.py` (a function migrate(con)). The
store records each one it applied in `schema_version`; a store made before versions were kept (storyline 0.1.0)
has none recorded, and every migration runs on it: each is written so that it leaves a store that already has its
change as it is. Opening a store for writing applies the ones it lacks (storyline.store.Store); a reader of an
older store has it upgraded first (storyline.store.shared.upgrade).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb

NAME = re.compile(r"(\d{4})_(\w+)\.(sql|py)$")


@dataclass(frozen=True)
class Migration:
    """One change of the schema: its version, its name and its file."""

    version: int
    name: str
    file: Traversable

    def apply(self, con: duckdb.DuckDBPyConnection) -> None:
        """Run it on a connection (inside the caller's transaction)."""
        if self.file.name.endswith(".sql"):
            con.execute(self.file.read_text(encoding="utf-8"))
            return
        spec = importlib.util.spec_from_file_location(f"storyline_migration_{self.version}", str(self.file))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(con)


def migrations() -> list[Migration]:
    """Every migration storyline ships, in order."""
    out = []
    for f in resources.files(__name__).iterdir():
        m = NAME.match(f.name)
        if m:
            out.append(Migration(int(m[1]), m[2], f))
    out.sort(key=lambda mig: mig.version)
    if len({mig.version for mig in out}) != len(out):
        raise RuntimeError("two migrations share a version number")
    return out


def latest() -> int:
    """The version of the schema this storyline writes."""
    return migrations()[-1].version


def version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open store: 0 when it records none (a new file, or one made by storyline 0.1)."""
    has = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchone()
    if not has or not has[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations a store lacks, each in a transaction of its own; returns their names."""
    done = version(con)
    applied = []
    for mig in migrations():
        if mig.version <= done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            mig.apply(con)
            con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
                        "applied TIMESTAMP DEFAULT current_timestamp)")
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [mig.version, mig.name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(f"{mig.version:04d}_{mig.name}")
    return applied
