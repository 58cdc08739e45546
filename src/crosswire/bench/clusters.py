"""``crosswire bench clusters``: story clustering against gold event clusters (ECB+ format).

The documents go through the production path (read, clean, annotate, link)
with nothing but their text: the gold label (``subtopic``), the topic, the id
and the file order never reach the linker. Each run places the articles in a
shuffled order, because online clustering depends on arrival order; the
figures are the mean and spread over the runs.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import contingency_matrix

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.bench.corpus import annotate_all
from crosswire.clean import clean_document
from crosswire.link import DEFAULT_PARAMS, LinkFeatures, LinkParams, MemoryLinkState, place
from crosswire.link.features import link_features
from crosswire.model import AnnotatedArticle, Article, ReadError
from crosswire.read import read_paths

Progress = Callable[[str, int, int], None]
BATCH = 32


@dataclass(frozen=True)
class Scores:
    """Clustering quality of one run against gold labels."""

    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    ari: float
    clusters: int
    docs_per_s: float


@dataclass
class ClusterBench:
    """All runs of one benchmark, plus what was skipped and how long annotation took."""

    runs: list[Scores] = field(default_factory=list)
    documents: int = 0
    skipped: list[ReadError] = field(default_factory=list)
    annotate_docs_per_s: float = 0.0

    def mean(self, name: str) -> float:
        return statistics.fmean(getattr(r, name) for r in self.runs)

    def spread(self, name: str) -> float:
        values = [getattr(r, name) for r in self.runs]
        return statistics.pstdev(values) if len(values) > 1 else 0.0

    def summary(self) -> dict[str, float | int]:
        """Means over the runs, under the keys ``--json`` promises."""
        out: dict[str, float | int] = {
            name: round(self.mean(name), 4)
            for name in ("bcubed_p", "bcubed_r", "bcubed_f1", "ari", "docs_per_s")
        }
        out["clusters"] = round(self.mean("clusters"), 1)
        out["bcubed_f1_spread"] = round(self.spread("bcubed_f1"), 4)
        out["documents"] = self.documents
        out["orders"] = len(self.runs)
        out["annotate_docs_per_s"] = round(self.annotate_docs_per_s, 2)
        return out


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin), from the contingency table."""
    table = contingency_matrix(gold, predicted, sparse=False).astype(np.float64)
    squares = table**2
    n = table.sum()
    precision = float((squares.sum(axis=0) / table.sum(axis=0)).sum() / n)
    recall = float((squares.sum(axis=1) / table.sum(axis=1)).sum() / n)
    return precision, recall, 2 * precision * recall / (precision + recall)


def read_gold(path: Path) -> dict[str, str]:
    """``path:line`` -> gold cluster, from the ``subtopic`` field (kept away from the linker)."""
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                gold[f"{path}:{number}"] = str(json.loads(line)["subtopic"])
    return gold


def annotate_file(
    path: Path, backend: NlpBackend | None = None, progress: Progress | None = None
) -> tuple[list[AnnotatedArticle], list[ReadError], float]:
    """Read, clean and annotate every document of ``path``; also annotation speed (docs/s)."""
    articles: list[Article] = []
    errors: list[ReadError] = []
    for item in read_paths([path]):
        cleaned = item if isinstance(item, ReadError) else clean_document(item)
        if isinstance(cleaned, ReadError):
            errors.append(cleaned)
        else:
            articles.append(cleaned)
    annotated, elapsed = annotate_all(articles, backend or load_backend(), progress)
    return annotated, errors, len(annotated) / elapsed if elapsed else 0.0


def cluster_once(
    features: Sequence[LinkFeatures], order: Sequence[int], params: LinkParams = DEFAULT_PARAMS
) -> tuple[dict[str, str], float]:
    """Place the articles in ``order`` into a fresh state: labels and placements per second."""
    state = MemoryLinkState(postings_limit=params.postings)
    started = time.perf_counter()
    for i in order:
        state.apply(place(features[i], state, params))
    elapsed = time.perf_counter() - started
    return state.labels(), len(order) / elapsed if elapsed else float("inf")


def run_clusters(
    path: Path,
    orders: int = 3,
    *,
    backend: NlpBackend | None = None,
    annotated: Sequence[AnnotatedArticle] | None = None,
    params: LinkParams = DEFAULT_PARAMS,
    progress: Progress | None = None,
) -> ClusterBench:
    """Cluster the documents of ``path`` in ``orders`` shuffled orders and score each run."""
    gold_of = read_gold(path)
    bench = ClusterBench()
    if annotated is None:
        found, bench.skipped, bench.annotate_docs_per_s = annotate_file(path, backend, progress)
    else:
        found = list(annotated)
    articles = [a for a in found if a.article.origin in gold_of]
    bench.documents = len(articles)
    features = [link_features(a) for a in articles]
    gold = [gold_of[a.article.origin] for a in articles]
    for run in range(orders):
        order = list(range(len(features)))
        random.Random(run).shuffle(order)
        labels, speed = cluster_once(features, order, params)
        predicted = [labels[f.article_id] for f in features]
        p, r, f1 = bcubed(predicted, gold)
        bench.runs.append(
            Scores(
                p, r, f1, float(adjusted_rand_score(gold, predicted)), len(set(predicted)), speed
            )
        )
        if progress:
            progress("clustering", run + 1, orders)
    return bench
