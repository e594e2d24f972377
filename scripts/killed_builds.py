"""Kill builds with SIGKILL at random moments, rerun them, and compare with a clean build.

    python scripts/killed_builds.py --seeds ../shared/seeds --kills 5 [--seed 1] [--work DIR]

The corpus is the given articles with copies: each article once more byte for byte under another name (an
exact duplicate), and once with its first sentence changed (a near duplicate). The clean build and every killed
build run the same code as `storyline build` (storyline.store.shared.building + storyline.pipeline.build), with
small commit batches so that a kill can fall between two of them. The builds report their progress; the first
four kills aim at one step each: ingest and analysis (after a random number of documents), the corpus-level
step (after one of its parts began), publishing (a random moment of the time the clean build took to close its
working copy and rename it over the store); the others fall at a random moment of the build. After each kill
the build is run again to its end; the documents, duplicate links, signatures, word statistics, events and
timeline entries must equal the clean build's. Prints one line per kill (the step it fell in) and exits 1 on
any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHILD = """
import sys
from storyline.pipeline import build
from storyline.settings import DEFAULT
from storyline.store.shared import building
def progress(step, done, total):
    print(step, done, file=sys.stderr, flush=True)
with building(sys.argv[2]) as store:
    progress("start", 0, None)
    build([sys.argv[1]], store, DEFAULT.with_(commit_documents=2, commit_seconds=0.5), progress=progress)
    progress("publish", 0, None)
progress("published", 0, None)
"""
STEPS = {"start": "start", "ingest": "ingest", "analyse": "analyse", "actors": "corpus", "date": "corpus",
         "cluster": "corpus", "publish": "publish", "published": "published"}  # what the build reports, by the step of the issue it is in


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


class Build:
    """A build in a child process, and the progress it reported: (what, how many done, seconds since it began)."""

    def __init__(self, folder: Path, db: Path) -> None:
        self.started = time.monotonic()
        self.said: list[tuple[str, int, float]] = []
        self.errors: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(db)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            what, _, done = line.strip().partition(" ")
            if what in STEPS and done.isdigit():
                self.said.append((what, int(done), time.monotonic() - self.started))
            else:
                self.errors.append(line)

    def step(self) -> str:
        """The step the build is in, by what it reported last (with its count for ingest and analyse)."""
        if not self.said:
            return "starting"
        what, done, _ = self.said[-1]
        return STEPS[what] + (f" {done}" if what in ("ingest", "analyse") else f" ({what})" * (what != STEPS[what]))

    def wait_for(self, what: str, done: int = 0) -> bool:
        """Wait until the build reports `what` with at least `done` done (False when it ended first)."""
        while self.proc.poll() is None:
            if any(w == what and d >= done for w, d, _ in self.said):
                return True
            time.sleep(0.005)
        return False

    def end(self) -> float:
        """Wait for the build's end (stop the script when it failed); the seconds it took."""
        self.proc.wait()
        took = time.monotonic() - self.started
        self.reader.join()
        if self.proc.returncode != 0:
            raise SystemExit(f"build failed ({self.proc.returncode}): {''.join(self.errors)[-500:]}")
        return took

    def kill(self) -> tuple[bool, str, float]:
        """SIGKILL now: (whether the build was still running, the step it was in, seconds since it began)."""
        running = self.proc.poll() is None
        at, step = time.monotonic() - self.started, self.step()
        if running:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join()
        return running, step, at


def aim(target: str, clean: Build, took: float, rng: random.Random) -> tuple[str, int, float]:
    """Where a kill aimed at a step falls: after the build reports (what, done), and `delay` seconds more."""
    counts = {w: max(d for x, d, _ in clean.said if x == w) for w, _, _ in clean.said}
    if target in ("ingest", "analyse"):  # between two documents (the build reports each one after it)
        return target, rng.randint(1, max(1, counts.get(target, 1) - 1)), rng.uniform(0, 0.05)
    if target == "corpus":
        return rng.choice([w for w in ("actors", "date", "cluster") if w in counts]), 0, rng.uniform(0, 0.5)
    if target == "publish":  # closing the working copy (its checkpoint) and renaming it over the store
        began, ended = (next(t for w, _, t in clean.said if w == step) for step in ("publish", "published"))
        return "publish", 0, rng.uniform(0, (ended - began) / 4)  # a killed build is often faster than the clean one
    return "start", 0, rng.uniform(0, took)


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
            "word statistics": [(docs, hashlib.sha256(df or b"").hexdigest()) for docs, df in [store.term_counts()]],
            "events": store.rows("SELECT id, doc, category, date, certain, cluster FROM events ORDER BY id"),
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
    clean = Build(folder, work / "clean.duckdb")
    took = clean.end()
    expected = state(work / "clean.duckdb")
    began: dict[str, float] = {}
    for w, _, t in clean.said:
        began.setdefault(STEPS[w], t)
    print(f"clean build: {took:.1f} s (" + ", ".join(f"{s} from {t:.1f} s" for s, t in began.items()) + "), "
          f"{len(expected['documents'])} documents, {len(expected['duplicates'])} duplicate links, "
          f"{len(expected['timeline'])} timeline entries")
    rng, bad = random.Random(args.seed), 0
    targets = ("ingest", "analyse", "corpus", "publish")
    for k in range(1, args.kills + 1):
        db = work / f"killed{k}.duckdb"
        target = targets[k - 1] if k <= len(targets) else "anywhere"
        what, done, delay = aim(target, clean, took, rng)
        build = Build(folder, db)
        if build.wait_for(what, done):
            time.sleep(delay)
        running, step, at = build.kill()
        left = "the build ended before the kill" if not running else (
            "working copy left" if (work / f"killed{k}.duckdb.build").exists() else "no working copy left")
        Build(folder, db).end()
        diff = differences(expected, state(db))
        bad += bool(diff)
        print(f"kill {k} (aimed at {target}): SIGKILL at {at:.1f} s, in {step} ({left}); rerun: "
              + ("same documents, duplicate links, signatures, word statistics, events and timeline" if not diff
                 else "DIFFERENT " + ", ".join(diff)), flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
