"""``crosswire bench scale``: does placing an article cost the same at 100,000 as at 1,000?

There are not 100,000 real annotated articles at hand, so the corpus is grown
from real ones (the ECB+ documents, annotated once through the production
path) by *perturbation*: copy ``k`` of an article keeps half of its words but
gets its own names, numbers, dates, lead words and word pairs (their feature
ids are re-hashed with ``k``, the same way for every article of an event, so
copy ``k`` of an event is still one event), and is published ``k`` weeks
later (plus up to a day). Copies arrive week by week, shuffled within a week,
as news does. Each copy is then a distinct event of the same kind at another
time, like the near-twin events of ECB+: the hard case for the index, because
many stories share the common vocabulary. Only placing is timed (making the
copies is not): the time to place the block of 1,000 articles that brings
the store to each size, and the process's peak memory then.
"""

from __future__ import annotations

import random
import resource
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.link import DEFAULT_PARAMS, LinkFeatures, LinkParams, MemoryLinkState, place
from crosswire.link.features import BUCKET_BITS, BUCKETS, FAMILIES

BLOCK = 1000
_DAY = 86400.0
_WEEK = 7 * _DAY
_EPOCH = 1_577_836_800.0  # 2020-01-01, for articles without a date
_RENAMED = np.array([FAMILIES.index(f) for f in ("e", "n", "d", "l", "p")])
_REWORDED_SHARE = 2  # one word feature in this many is re-hashed per copy

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ScalePoint:
    """Cost of placing the block of articles that brought the store to ``size``."""

    size: int
    ms_per_1000: float
    peak_rss_mb: float
    stories: int


def perturb(features: LinkFeatures, copy: int) -> LinkFeatures:
    """Copy ``copy`` of an article as a distinct event (copy 0 is the article itself)."""
    ids = features.ids.copy()
    families = ids >> BUCKET_BITS
    position = np.arange(len(ids))
    renamed = np.isin(families, _RENAMED) | (position % _REWORDED_SHARE == copy % _REWORDED_SHARE)
    ids[renamed] = (families[renamed] << BUCKET_BITS) | _mix(ids[renamed] & (BUCKETS - 1), copy)
    order = np.argsort(ids, kind="stable")
    ids, counts = ids[order], features.counts[order]
    unique, first = np.unique(ids, return_index=True)
    summed = np.add.reduceat(counts, first) if len(ids) else counts
    jitter = (zlib.crc32(features.article_id.encode()) % 1000) / 1000 * _DAY
    published = (features.published or _EPOCH) + copy * _WEEK + jitter
    return LinkFeatures(f"{features.article_id}~{copy}", unique, summed, published, features.lead)


def _mix(buckets: np.ndarray, copy: int) -> np.ndarray:
    """Re-hash buckets with the copy number (splitmix64 finaliser, vectorised)."""
    with np.errstate(over="ignore"):
        x = buckets.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(copy + 1)
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return (x & np.uint64(BUCKETS - 1)).astype(np.int64)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_scale(
    base: Sequence[LinkFeatures],
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    *,
    params: LinkParams = DEFAULT_PARAMS,
    seed: int = 0,
    progress: Progress | None = None,
) -> list[ScalePoint]:
    """Grow a store to each of ``sizes`` and time the last block of 1,000 placements."""
    largest = max(sizes)
    copies = -(-largest // len(base))
    rng = random.Random(seed)
    plan: list[LinkFeatures] = []
    for k in range(copies):  # week by week, as news arrives; shuffled within the week
        week = [perturb(features, k) for features in base]
        rng.shuffle(week)
        plan += week
    plan = plan[:largest]
    state = MemoryLinkState(postings_limit=params.postings)
    points: list[ScalePoint] = []
    elapsed = 0.0
    for n, features in enumerate(plan, start=1):
        started = time.perf_counter()
        state.apply(place(features, state, params))
        elapsed += time.perf_counter() - started
        if n % BLOCK == 0:
            if n in sizes:
                stories = len(state.members_of)
                points.append(ScalePoint(n, 1000 * elapsed * 1000 / BLOCK, _peak_rss_mb(), stories))
            if progress:
                progress(n, largest)
            elapsed = 0.0
    return points
