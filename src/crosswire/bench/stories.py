"""``crosswire bench stories --semeval``: stories on a dense stream of unrelated news.

ECB+ topics are far apart, so it never shows a linker that glues unrelated
reports together. SemEval-2022 Task 8 pairs do: every article of the file is
ingested as one stream (read, clean, annotate, link: the production path,
with nothing but the texts), in shuffled arrival orders, and each rated pair
is scored by whether its two articles ended in one story. People rated
``Overall`` from 1 (same story) to 4 (unrelated): a pair is *same* at
``Overall <= 1.5`` and *different* at ``Overall >= 3``; the pairs between are
not scored. Precision is the share of scored pairs put together that are
same, recall the share of same pairs put together.
"""

from __future__ import annotations

import json
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.bench.clusters import cluster_once
from crosswire.bench.corpus import annotate_all
from crosswire.clean import clean_document
from crosswire.link import DEFAULT_PARAMS, LinkParams, link_features
from crosswire.model import AnnotatedArticle, Article, RawDocument, ReadError

Progress = Callable[[str, int, int], None]
SAME_AT_MOST = 1.5
DIFFERENT_AT_LEAST = 3.0
BATCH = 32


@dataclass(frozen=True)
class RatedPair:
    """Two articles of the stream and whether people rated them one story."""

    left: str
    right: str
    same: bool
    overall: float


@dataclass(frozen=True)
class StreamRun:
    """One arrival order: pair scores, stories formed, linking speed."""

    precision: float
    recall: float
    f1: float
    joined_same: int
    joined_different: int
    stories: int
    link_articles_per_s: float


@dataclass
class StreamBench:
    """Every order's run, the stream's size and what could not be read."""

    runs: list[StreamRun] = field(default_factory=list)
    articles: int = 0
    same_pairs: int = 0
    different_pairs: int = 0
    annotate_articles_per_s: float = 0.0
    skipped: list[ReadError] = field(default_factory=list)
    #: Per order, the scored pairs it got wrong: (pair, joined).
    mistakes: list[list[tuple[RatedPair, bool]]] = field(default_factory=list)

    def mean(self, name: str) -> float:
        return statistics.fmean(getattr(r, name) for r in self.runs)

    def summary(self) -> dict[str, float | int]:
        """Means over the orders, under the keys ``--json`` promises."""
        out: dict[str, float | int] = {
            name: round(self.mean(name), 4) for name in ("precision", "recall", "f1")
        }
        out["stories"] = round(self.mean("stories"), 1)
        out["articles"] = self.articles
        out["same_pairs"] = self.same_pairs
        out["different_pairs"] = self.different_pairs
        out["orders"] = len(self.runs)
        link = self.mean("link_articles_per_s")
        out["link_articles_per_s"] = round(link, 1)
        out["annotate_articles_per_s"] = round(self.annotate_articles_per_s, 2)
        # end to end: each article is annotated once and placed once (unknown when the
        # articles came annotated)
        annotate = self.annotate_articles_per_s
        per_article = 1 / annotate + 1 / link if annotate and link else 0.0
        out["articles_per_s"] = round(1 / per_article, 2) if per_article else 0.0
        out["precision_min"] = round(min(r.precision for r in self.runs), 4)
        out["recall_min"] = round(min(r.recall for r in self.runs), 4)
        return out


def read_stream(path: Path) -> tuple[list[RawDocument], list[RatedPair]]:
    """Each article of a SemEval pairs file once (by its id), and the scored pairs.

    ``pair_id`` is ``<id1>_<id2>``; an article rated in several pairs is one
    article of the stream.
    """
    documents: dict[str, RawDocument] = {}
    pairs: list[RatedPair] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            ids = str(row.get("pair_id", f"{number}a_{number}b")).split("_")
            if len(ids) != 2:
                ids = [f"{number}a", f"{number}b"]
            for article_id, key in zip(ids, ("text1", "text2"), strict=True):
                origin = f"{path.name}#{article_id}"
                if origin not in documents:
                    documents[origin] = RawDocument(origin, str(row.get(key) or ""), "text")
            overall = row.get("Overall")
            if not isinstance(overall, int | float) or ids[0] == ids[1]:
                continue
            if overall <= SAME_AT_MOST or overall >= DIFFERENT_AT_LEAST:
                left, right = (f"{path.name}#{i}" for i in ids)
                pairs.append(RatedPair(left, right, overall <= SAME_AT_MOST, float(overall)))
    return list(documents.values()), pairs


def score(
    labels: dict[str, str], article_of: dict[str, str], pairs: Sequence[RatedPair]
) -> tuple[float, float, int, int, list[tuple[RatedPair, bool]]]:
    """Precision, recall, joined same and joined different pairs, and the mistakes.

    A pair with an article that could not be read counts as kept apart.
    """
    joined_same = joined_different = 0
    mistakes: list[tuple[RatedPair, bool]] = []
    for pair in pairs:
        left, right = article_of.get(pair.left), article_of.get(pair.right)
        joined = left is not None and right is not None and labels[left] == labels[right]
        if joined and pair.same:
            joined_same += 1
        elif joined:
            joined_different += 1
        if joined != pair.same:
            mistakes.append((pair, joined))
    same = sum(p.same for p in pairs)
    together = joined_same + joined_different
    precision = joined_same / together if together else 1.0
    recall = joined_same / same if same else 1.0
    return precision, recall, joined_same, joined_different, mistakes


def run_stream(
    path: Path,
    orders: int = 3,
    *,
    backend: NlpBackend | None = None,
    annotated: Sequence[AnnotatedArticle] | None = None,
    params: LinkParams = DEFAULT_PARAMS,
    progress: Progress | None = None,
) -> StreamBench:
    """Ingest the articles of ``path`` as one stream in ``orders`` shuffled orders; score pairs.

    ``annotated`` skips reading and annotating (tests pass the articles they
    already have, annotated from this file's texts).
    """
    documents, pairs = read_stream(path)
    bench = StreamBench(
        same_pairs=sum(p.same for p in pairs),
        different_pairs=sum(not p.same for p in pairs),
    )
    if annotated is None:
        articles: list[Article] = []
        for document in documents:
            cleaned = clean_document(document)
            if isinstance(cleaned, ReadError):
                bench.skipped.append(cleaned)
            else:
                articles.append(cleaned)
        found, elapsed = annotate_all(
            articles, backend or load_backend(), progress, sentence_vectors=False
        )  # placing reads the lead vector and the link features only
        bench.annotate_articles_per_s = len(found) / elapsed if elapsed else 0.0
        annotated = found
    # one article per text: two ids with the same text are one article of the stream
    article_of = {a.article.origin: a.article.id for a in annotated}
    unique = list({a.article.id: a for a in annotated}.values())
    bench.articles = len(unique)
    features = [link_features(a) for a in unique]
    for run in range(orders):
        order = list(range(len(features)))
        random.Random(run).shuffle(order)
        labels, speed = cluster_once(features, order, params)
        precision, recall, same, different, mistakes = score(labels, article_of, pairs)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        bench.runs.append(
            StreamRun(precision, recall, f1, same, different, len(set(labels.values())), speed)
        )
        bench.mistakes.append(mistakes)
        if progress:
            progress("linking", run + 1, orders)
    return bench
