"""Kill builds with SIGKILL at random moments, rerun them, and compare with a clean build.

    python scripts/killed_builds.py --seeds ../shared/seeds --kills 5 [--seed 1] [--work DIR]

The corpus is the given articles with copies: each article once more byte for byte under another name (an
exact duplicate), and once with its first sentence changed (a near duplicate). The clean build and every killed
build run the same code as `storyline build` (storyline.store.shared.building + storyline.pipeline.build), with
small commit batches so that a kill can fall between two of them. After each kill the build is run again to its
end; the documents, duplicate links, signatures, and timeline entries must equal the clean build's. Prints one
line per kill and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHILD = """
import sys
from storyline.pipeline import build
from storyline.settings import DEFAULT
from storyline.store.shared import building
with building(sys.argv[2]) as store:
    build([sys.argv[1]], store, DEFAULT.with_(commit_documents=2, commit_seconds=0.5))
"""


def corpus(seeds: Path, into: Path) -> Path:
    """The articles, an exact copy of each, and a near copy of each (first sentence changed)."""
    into.mkdir(parents=True, exist_ok=True)
    for f in sorted(seeds.iterdir()):
        if not f.is_file():
            continue
        data = f.read_bytes()
        shutil.copy(f, into / f.name)
        (into / f"{f.stem}-copy{f.suffix}").write_bytes(data)
        text = data.decode("utf-8", "replace")
        near = re.sub(r"(?<=[.!?])\s", " (A correction was appended to this report.) ", text, count=1)
        (into / f"{f.stem}-near{f.suffix}").write_text(near, encoding="utf-8")
    return into


def run_build(folder: Path, db: Path, kill_after: float | None = None) -> bool:
    """Run a build; kill it with SIGKILL after `kill_after` seconds. True when it ran to its end."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if kill_after is None:
        _, errors = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"build failed ({proc.returncode}): {errors[-500:]}")
        return True
    try:
        proc.wait(timeout=kill_after)
        return True
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return False


def state(db: Path) -> dict[str, Any]:
    """What must be the same after a resumed build: documents, duplicate links, signatures, timeline."""
    import storyline

    with storyline.open(db) as s:
        store = s.store
        return {
            "documents": store.rows("SELECT id, raw_sha256, content_hash, analysed, published, certain "
                                    "FROM documents ORDER BY id"),
            "duplicates": store.rows("SELECT * FROM duplicates ORDER BY id"),
            "minhashes": store.rows("SELECT id, hashvalues FROM minhashes ORDER BY id"),
            "events": store.rows("SELECT id, doc, category, date, certain FROM events ORDER BY id"),
            "timeline": s.timeline(),
        }


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The parts that differ, by name."""
    return [k for k in a if json.dumps(a[k], sort_keys=True, default=str) != json.dumps(b[k], sort_keys=True,
                                                                                         default=str)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, required=True, help="A folder of articles.")
    ap.add_argument("--kills", type=int, default=5, help="How many killed builds to check.")
    ap.add_argument("--seed", type=int, default=1, help="Random seed for the moments of the kills.")
    ap.add_argument("--work", type=Path, default=None, help="Where to build (a temporary folder by default).")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="storyline-kills-"))
    folder = corpus(args.seeds, work / "corpus")
    clean_db = work / "clean.duckdb"
    started = time.monotonic()
    run_build(folder, clean_db)
    took = time.monotonic() - started
    expected = state(clean_db)
    print(f"clean build: {took:.1f} s, {len(expected['documents'])} documents, "
          f"{len(expected['duplicates'])} duplicate links, {len(expected['timeline'])} timeline entries")
    rng, bad = random.Random(args.seed), 0
    for k in range(1, args.kills + 1):
        db = work / f"killed{k}.duckdb"
        moment = rng.uniform(0.5, took)
        ended = run_build(folder, db, kill_after=moment)
        left = "build ended before the kill" if ended else (
            "working copy left" if (work / f"killed{k}.duckdb.build").exists() else "nothing left")
        run_build(folder, db)
        diff = differences(expected, state(db))
        bad += bool(diff)
        print(f"kill {k}: SIGKILL at {moment:.1f} s ({left}); rerun: "
              + ("same documents, duplicate links, signatures, events and timeline" if not diff
                 else "DIFFERENT " + ", ".join(diff)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
