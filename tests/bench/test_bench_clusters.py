"""Quality floor of story clustering on ECB+, and the seeds among all of it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.clusters import cluster_once, run_clusters
from crosswire.clean import clean_document
from crosswire.cli import app
from crosswire.link import link_features
from crosswire.model import AnnotatedArticle, Article, RawDocument
from crosswire.read import read_paths

# Measured 0.9771 mean (spread 0.0010) over the 3 orders with lead meaning gating joins
# (0.9803 before it); the issue asks >= 0.975.
BCUBED_F1_FLOOR = 0.975
WORST_ORDER_FLOOR = 0.97


def test_story_clustering_quality_floor(
    ecb_file: Path, ecb_annotated: list[AnnotatedArticle]
) -> None:
    bench = run_clusters(ecb_file, 3, annotated=ecb_annotated)
    assert bench.documents == 772
    assert bench.mean("bcubed_f1") >= BCUBED_F1_FLOOR, bench.summary()
    assert min(r.bcubed_f1 for r in bench.runs) >= WORST_ORDER_FLOOR, bench.summary()
    assert bench.mean("ari") >= 0.9
    assert 60 <= bench.mean("clusters") <= 75  # 66 events


def test_the_seeds_are_one_story_that_no_ecb_article_joins(
    seeds_dir: Path,
    ecb_annotated: list[AnnotatedArticle],
    backend: NlpBackend,
) -> None:
    from crosswire.annotate.pipeline import annotate

    documents = list(read_paths([seeds_dir]))
    cleaned = [clean_document(d) for d in documents if isinstance(d, RawDocument)]
    seeds = [a for a in cleaned if isinstance(a, Article)]
    assert len(seeds) == len(documents), cleaned
    articles = annotate(seeds, backend) + list(ecb_annotated)
    features = [link_features(a) for a in articles]
    for run in range(3):
        order = list(range(len(articles)))
        random.Random(run).shuffle(order)
        labels, _ = cluster_once(features, order)
        wire, rewrite = (
            next(a for a in articles if a.article.origin.endswith(n))
            for n in (SEED_WIRE, SEED_REWRITE)
        )
        story = labels[wire.article.id]
        assert labels[rewrite.article.id] == story
        assert [a for a in articles if labels[a.article.id] == story] == [wire, rewrite]


def test_bench_command_prints_the_promised_json(ecb_file: Path, tmp_path: Path) -> None:
    lines = ecb_file.read_text(encoding="utf-8").splitlines()
    picked = [x for x in lines if json.loads(x)["subtopic"] in ("7ecb", "7ecbplus", "35ecb")]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(picked) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "clusters", str(small), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "ari", "clusters", "docs_per_s"):
        assert key in data
    assert data["bcubed_f1"] >= 0.9 and data["documents"] == len(picked)


def test_scale_copies_are_distinct_events_of_the_same_shape(
    ecb_annotated: list[AnnotatedArticle],
) -> None:
    from crosswire.bench.scale import perturb, run_scale

    base = [link_features(a) for a in ecb_annotated[:200]]
    first, second = perturb(base[0], 1), perturb(base[0], 2)
    assert len(first.ids) <= len(base[0].ids) and first.counts.sum() == base[0].counts.sum()
    assert len(set(first.ids) & set(second.ids)) < len(first.ids) / 2
    assert second.published is not None and first.published is not None
    assert (second.published - first.published) / 86400 == pytest.approx(7.0)
    points = run_scale(base, (1000, 2000))
    assert [p.size for p in points] == [1000, 2000]
    assert all(p.ms_per_1000 > 0 and p.peak_rss_mb > 0 for p in points)
    assert 100 < points[-1].stories < 2000  # copies neither all merge nor all split apart
