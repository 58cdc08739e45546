"""Shared fixtures: the seeds and evaluation data in ../shared.

Tests that need ../shared skip with a clear message when it is absent, except
when CROSSWIRE_REQUIRE_SHARED is set (CI), where its absence is an error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"
SEED_WIRE = "000_6d1883f0ac6fcebe.txt"
SEED_REWRITE = "003_f372e9d9cded4f3a.txt"


def _need(path: Path) -> Path:
    if not path.exists():
        message = f"{path} is absent: put the project's shared/ folder beside the repository"
        if os.environ.get("CROSSWIRE_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed articles (bundled copies in examples/, checked against ../shared)."""
    return _need(EXAMPLES)


@pytest.fixture(scope="session")
def seed_wire_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED_WIRE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_rewrite_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED_REWRITE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def backend():  # type: ignore[no-untyped-def]
    """The NLP backend, loaded once for the whole test session."""
    from crosswire.annotate.nlp import load_backend

    return load_backend()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, backend) -> Path:  # type: ignore[no-untyped-def]
    """A store holding the two seeds, ingested once per session."""
    from crosswire.run import ingest
    from crosswire.store import open_store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        result = ingest([seeds_dir], store, backend=backend)
    assert result.errors == [] and result.added == 2
    return db


@pytest.fixture(scope="session")
def seed_report(seed_db: Path):  # type: ignore[no-untyped-def]
    """The compared report of the seeds' one story."""
    from crosswire.run import story_reports
    from crosswire.store import open_store

    with open_store(seed_db) as store:
        reports = story_reports(store)
    assert len(reports) == 1, [r.story.title for r in reports]
    return reports[0]


@pytest.fixture(scope="session")
def ecb_file(shared_dir: Path) -> Path:
    return _need(shared_dir / "data" / "ecbplus" / "ecbplus.jsonl")


@pytest.fixture(scope="session")
def ecb_annotated(ecb_file: Path, backend):  # type: ignore[no-untyped-def]
    """Every ECB+ document read, cleaned and annotated once (about 3 minutes on 2 cores)."""
    from crosswire.bench.clusters import annotate_file

    annotated, errors, _ = annotate_file(ecb_file, backend)
    assert errors == []
    return annotated
