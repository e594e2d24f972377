"""Serving and building share a store: the web app and the read commands answer while `storyline build`
writes, and show the new articles once it ends; a killed build resumes exactly (scripts/killed_builds.py)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ROOT
from test_cli_build import storyline


def exe() -> list[str]:
    """The installed `storyline` command."""
    path = ROOT / ".venv" / "bin" / "storyline"
    return [str(path)] if path.exists() else [shutil.which("storyline") or "storyline"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """(status, body) of a GET request."""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_serve_answers_while_a_build_adds_articles(tmp_path: Path, seeds_dir: Path) -> None:
    seeds = sorted(seeds_dir.iterdir())
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    shutil.copy(seeds[0], first / seeds[0].name)
    for f in seeds[1:]:
        shutil.copy(f, later / f.name)
    db = tmp_path / "story.duckdb"
    assert storyline("build", first, "--db", db).returncode == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*exe(), "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True)
    try:
        for _ in range(300):
            try:
                if get(base + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        new_doc = f"/doc/{seeds[1].name}"
        assert get(base + new_doc)[0] == 404  # not there before the build
        build = subprocess.Popen([*exe(), "build", str(first), str(later), "--db", str(db)],
                                 stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        answers, reads = [], []
        while build.poll() is None:
            for page in ("/", "/actors", "/search?q=talks", f"/doc/{seeds[0].name}"):
                answers.append((page, *get(base + page)))
            if len(reads) < 2:  # a read command during the build
                reads.append(subprocess.run([*exe(), "timeline", "--db", str(db), "--format", "json"],
                                            capture_output=True, text=True, timeout=300))
        _, build_err = build.communicate()
        assert build.returncode == 0, build_err
        assert answers, "the build ended before any request was made"
        for page, status, body in answers:
            assert status == 200 and "Traceback" not in body, (page, status, body[:300])
        for run in reads:
            assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
        status, body = get(base + new_doc)  # the new article shows once the build ended
        assert status == 200 and "Traceback" not in body
        status, body = get(base + "/")  # and the storyline asked before is asked again of the new store
        assert status == 200 and any(f"/doc/{f.name}" in body for f in seeds[1:])
    finally:
        server.terminate()
        _, server_err = server.communicate(timeout=30)
    assert "Traceback" not in server_err


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    import fcntl

    db = tmp_path / "s.duckdb"
    with open(tmp_path / "s.duckdb.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running build holds it
        run = storyline("build", tmp_path, "--db", db)
        read = storyline("timeline", "--db", db)
    assert run.returncode == 1
    assert run.stderr.strip() == f"another build is writing to {db}; wait for it to end"
    assert read.returncode == 2 and "its first build is running" in read.stderr and "Traceback" not in read.stderr


def test_a_killed_build_resumes_exactly(tmp_path: Path, seeds_dir: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "killed_builds.py"), "--seeds", str(seeds_dir),
                          "--kills", "1", "--seed", "3", "--work", str(tmp_path)],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "kill 1 (aimed at ingest): SIGKILL at" in run.stdout and "same documents, duplicate links" in run.stdout
