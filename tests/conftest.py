"""Shared fixtures: the ../shared folder (fail in CI when missing, skip elsewhere) and built stores."""

from __future__ import annotations

import os
from pathlib import Path

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
