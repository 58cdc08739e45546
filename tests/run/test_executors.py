"""The executors give the same result: in-process, a local process pool, and Ray.

ECB+ documents of four topics (two similar events each, so stories must be
told apart) go through the whole pipeline three times, into three stores;
the stories, the reuse edges and the quotes must be identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.model import QuoteKind, RawDocument, ReuseKind
from crosswire.run import ingest_documents, story_reports
from crosswire.run.executors import Executor, InProcess, LocalPool, RayPool
from crosswire.store import open_store

TOPICS = {1, 3, 8, 12}


@pytest.fixture(scope="module")
def documents(ecb_file: Path) -> list[RawDocument]:
    out = []
    with ecb_file.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["topic"] in TOPICS:
                out.append(RawDocument(origin=record["id"], content=record["text"], format="text"))
    assert len(out) > 60
    return out


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    import ray

    ray.init(num_cpus=2, log_to_driver=False, include_dashboard=False)
    yield
    ray.shutdown()


class _Outcome(TypedDict):
    stories: list[list[str]]
    reuse: list[tuple[str, str, ReuseKind, int]]
    quotes: list[tuple[str, int, int, QuoteKind, str | None]]


def _outcome(documents: list[RawDocument], executor: Executor, db: Path) -> _Outcome:
    with open_store(db) as store:
        result = ingest_documents(documents, store, executor=executor)
        reports = story_reports(store)
    assert result.errors == [] and result.added == len(documents)
    return {
        "stories": sorted(sorted(r.story.article_ids) for r in reports),
        "reuse": sorted(
            (e.origin_id, e.copy_id, e.kind, len(e.pairs)) for r in reports for e in r.reuse
        ),
        "quotes": sorted(
            (
                q.article_id,
                q.content_span.start,
                q.content_span.end,
                q.kind,
                q.speaker.canonical if q.speaker else None,
            )
            for r in reports
            for q in r.quotes
        ),
    }


def test_local_pool_and_ray_match_in_process(
    documents: list[RawDocument], tmp_path: Path, ray_session: None, backend: NlpBackend
) -> None:
    expected = _outcome(documents, InProcess(backend), tmp_path / "inprocess.db")
    assert len(expected["stories"]) >= len(TOPICS) * 2 - 1
    assert expected["quotes"]
    pool = LocalPool(workers=2)
    try:
        assert _outcome(documents, pool, tmp_path / "local.db") == expected
    finally:
        pool.close()
    ray_pool = RayPool(workers=2)
    try:
        assert _outcome(documents, ray_pool, tmp_path / "ray.db") == expected
    finally:
        ray_pool.close()


_ORPHAN_DRIVER = """
import sys, time
from crosswire.run.executors import LocalPool
pool = LocalPool(workers=2)
list(pool._pool.map(abs, [1, 2, 3, 4]))  # start both workers
print(" ".join(str(p) for p in pool._pool._processes), flush=True)
time.sleep(600)
"""


def test_pool_workers_die_with_a_killed_parent() -> None:
    """kill -9 of an ingest must not leave its workers (and their models) behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    driver = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_DRIVER], stdout=subprocess.PIPE, text=True
    )
    assert driver.stdout is not None
    workers = [int(p) for p in driver.stdout.readline().split()]
    assert len(workers) == 2
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    deadline = time.monotonic() + 60
    alive = list(workers)
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if _running(p)]
    assert alive == [], f"pool workers {alive} outlived their killed parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False
