"""Shared fixtures: the ../shared folder (fail in CI when missing, skip elsewhere) and built stores."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


def need_shared(*parts: str) -> Path:
    """A path inside ../shared; in CI its absence fails the test, elsewhere it skips with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        msg = f"{path} is missing: these tests read the evaluation data from ../shared beside the project"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The sample corpus in ../shared/seeds."""
    return need_shared("seeds")


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A store built once from the seeds, through the library (the same path the CLI takes)."""
    from storyline.pipeline import build
    from storyline.store import Store

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(db) as store:
        build([seeds_dir], store)
    return db


@contextmanager
def fake_llm(answer: dict[str, Any], check: Callable[[dict[str, Any]], None] | None = None) -> Iterator[str]:
    """A local stand-in for an OpenAI-compatible server that answers every chat request with `answer` (after
    `check` on the request body); yields its base URL on the loopback address."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if check is not None:
                check(body)
            data = json.dumps({"choices": [{"message": {"content": json.dumps(answer)}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return None

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
