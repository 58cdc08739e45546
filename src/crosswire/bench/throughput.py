"""``crosswire bench scale --articles N``: the whole pipeline, end to end, on N real articles.

Articles come from ``../shared/data`` (:mod:`crosswire.bench.corpus`: real
articles first, then wire copies) and go through read/clean, annotate (on
the chosen executor), link and store into a fresh SQLite store, then every
story touched is compared (reuse, statements, facts, brief). Reported:
articles per second end to end and per stage, the cost per 1,000 articles
at each checkpoint, and peak resident memory of this process and of its
workers.
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crosswire.bench.corpus import SETS, corpus
from crosswire.run import ingest_documents, story_reports
from crosswire.run.executors import make_executor
from crosswire.store import open_store
from crosswire.store.browse import story_summaries

Progress = Callable[[str, int, int], None]


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process, and of its largest finished worker."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


@dataclass(frozen=True)
class Checkpoint:
    articles: int
    seconds: float
    s_per_1000: float


def run_pipeline(
    shared: Path,
    articles: int,
    *,
    executor: str = "local",
    workers: int | None = None,
    address: str | None = None,
    block: int = 1000,
    progress: Progress | None = None,
    sets: tuple[str, ...] = tuple(SETS),
) -> dict[str, object]:
    """Ingest ``articles`` articles block by block into a fresh store; time every stage."""
    documents = corpus(shared, articles, sets)
    words = sum(len(str(d.content).split()) for d in documents) / max(1, len(documents))
    runner = make_executor(executor, workers=workers, address=address)
    stages = {"read_clean": 0.0, "annotate": 0.0, "link_store": 0.0, "compare": 0.0}
    checkpoints: list[Checkpoint] = []
    added = 0
    began = time.perf_counter()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="crosswire-scale-") as folder,
            open_store(Path(folder) / "scale.db") as store,
        ):
            for start in range(0, len(documents), block):
                chunk = documents[start : start + block]
                block_began = time.perf_counter()

                def step(done: int, total: int, offset: int = start) -> None:
                    if progress:
                        progress("pipeline", offset + done, len(documents))

                result = ingest_documents(chunk, store, executor=runner, progress=step)
                for stage, seconds in result.seconds.items():
                    stages[stage] += seconds
                compared = time.perf_counter()
                touched = sorted({p.story_id for p in result.placements})
                story_reports(store, touched)
                stages["compare"] += time.perf_counter() - compared
                added += result.added
                spent = time.perf_counter() - block_began
                per_1000 = round(1000 * spent / max(1, len(chunk)), 1)  # seconds per 1,000 articles
                checkpoints.append(Checkpoint(added, round(spent, 2), per_1000))
            stories = story_summaries(store, limit=1)[1]
    finally:
        runner.close()
    total = time.perf_counter() - began
    main_mb, worker_mb = peak_rss_mb()
    return {
        "articles": added,
        "corpus": ",".join(sets),
        "mean_words": round(words),
        "executor": runner.name,
        "workers": getattr(runner, "workers", 1),
        "seconds": round(total, 2),
        "articles_per_s": round(added / total, 2),
        "peak_rss_mb": round(max(main_mb, worker_mb), 1),
        "peak_rss_main_mb": round(main_mb, 1),
        "peak_rss_worker_mb": round(worker_mb, 1),
        "stories": stories,
        "stages": {
            name: {"seconds": round(s, 2), "articles_per_s": round(added / s, 2) if s else None}
            for name, s in stages.items()
        },
        "checkpoints": [vars(c) for c in checkpoints],
    }
