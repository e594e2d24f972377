"""Write the store that a past release builds from examples/ as a DuckDB export, for the store-upgrade test.

    python scripts/release_store.py [--release v0.1.0] [--out tests/fixtures/store-v0.1.0]

The release's src/ is taken from git (the tag must be present: git fetch --tags), run in a process of its own on
this checkout's examples/, and the store it made is exported table by table (EXPORT DATABASE, CSV), so the test
can rebuild the very same store on a clone that has no tags and no history.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
BUILD = ("import sys; from storyline.pipeline import build; from storyline.store import Store\n"
         "with Store(sys.argv[2]) as s: build([sys.argv[1]], s)")


def release_store(release: str, out: Path) -> None:
    """Build examples/ with the release's code and export the store it made into `out`."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive = subprocess.run(["git", "archive", release, "src"], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        db = work / "release.duckdb"
        env = {**os.environ, "PYTHONPATH": str(work / "src")}
        subprocess.run([sys.executable, "-c", BUILD, "examples", str(db)], cwd=ROOT, env=env, check=True)
        shutil.rmtree(out, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(db), read_only=True)
        try:
            con.execute(f"EXPORT DATABASE '{out}' (FORMAT csv)")
        finally:
            con.close()
    load = out / "load.sql"
    load.write_text(load.read_text().replace(f"'{out}/", "'"))  # file names only: no path of this machine


def main() -> None:
    """Parse the arguments and write the export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", default="v0.1.0")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "store-v0.1.0")
    args = parser.parse_args()
    release_store(args.release, args.out.resolve())
    print(f"{args.release}: {len(list(args.out.iterdir()))} files in {args.out}")


if __name__ == "__main__":
    main()
