"""The same-story score: its parts on the seeds, and its Pearson on SemEval-2022 Task 8."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.bench.semeval import read_pairs, run_semeval
from crosswire.clean import clean_document
from crosswire.link.features import link_features
from crosswire.link.similarity import (
    LEAD_DEPTHS,
    CorpusRarity,
    family_similarities,
    lead_texts,
    profiles,
    same_story_score,
    time_decay,
)
from crosswire.model import AnnotatedArticle, Article, RawDocument

# Measured on the 212 English training pairs: -0.848 (TF-IDF baseline -0.749 in
# the same run). The issue asks <= -0.82; the best supervised system reached 0.872
# in absolute value on the official test set.
PEARSON_CEILING = -0.83
UNRELATED = (
    "Shares of the chipmaker fell 4 percent on Tuesday after it cut its sales forecast "
    "for the third quarter, citing weak demand for personal computers in Europe and Asia.\n\n"
    "Analysts said inventories at computer makers remained high and would weigh on orders "
    "until the end of the year."
)


@pytest.fixture(scope="module")
def seeds_and_other(seeds_dir: Path, backend: NlpBackend) -> list[AnnotatedArticle]:
    texts = [
        (seeds_dir / SEED_WIRE).read_text(encoding="utf-8"),
        (seeds_dir / SEED_REWRITE).read_text(encoding="utf-8"),
        UNRELATED,
    ]
    articles = [clean_document(RawDocument(f"t{i}", t, "text")) for i, t in enumerate(texts)]
    assert all(isinstance(a, Article) for a in articles)
    return annotate([a for a in articles if isinstance(a, Article)], backend)


def test_seeds_are_one_story_and_an_unrelated_report_is_not(
    seeds_and_other: list[AnnotatedArticle], backend: NlpBackend
) -> None:
    wire, rewrite, other = profiles(seeds_and_other, backend)
    rarity = CorpusRarity(p.features for p in (wire, rewrite, other))
    same = same_story_score(wire, rewrite, rarity)
    different = same_story_score(wire, other, rarity)
    assert same >= 0.5 and different <= 0.1, (same, different)
    assert same_story_score(wire, wire, rarity) >= 0.95
    # annotated articles alone (sentence vectors, no lead embedding) keep the order
    plain = [same_story_score(seeds_and_other[0], x) for x in seeds_and_other[1:]]
    assert plain[0] > 0.4 > 0.1 > plain[1], plain


def test_family_similarities_name_every_family(seeds_and_other: list[AnnotatedArticle]) -> None:
    wire, rewrite, _ = (link_features(a) for a in seeds_and_other)
    same = family_similarities(wire, wire)
    assert same["words"] == pytest.approx(1.0) and same["entities"] == pytest.approx(1.0)
    pair = family_similarities(wire, rewrite)
    assert set(pair) == {"words", "word_pairs", "entities", "numbers", "lead", "dates"}
    assert 0.2 < pair["words"] < 1.0 and pair["entities"] > 0.2


def test_time_apart_lowers_the_score(seeds_and_other: list[AnnotatedArticle]) -> None:
    wire, rewrite = seeds_and_other[:2]
    start = wire.article.published or rewrite.article.published
    if start is None:
        from datetime import UTC, datetime

        start = datetime(2022, 3, 16, tzinfo=UTC)

    def dated(a: AnnotatedArticle, days: float) -> AnnotatedArticle:
        moved = dataclasses.replace(a.article, published=start + timedelta(days=days))
        return dataclasses.replace(a, article=moved)

    near = same_story_score(dated(wire, 0), dated(rewrite, 0.5))
    far = same_story_score(dated(wire, 0), dated(rewrite, 13))
    assert far < near / 4
    assert time_decay(link_features(dated(wire, 0)), link_features(dated(rewrite, 4))) == 0.5


def test_lead_texts_cut_at_each_depth() -> None:
    article = Article("x", "t", " ".join(f"w{i}" for i in range(500)), title="Headline here")
    leads = lead_texts(article)
    assert [len(t.split()) for t in leads] == list(LEAD_DEPTHS)
    assert leads[0].startswith("Headline here w0")


def test_semeval_pairs_are_read_with_ratings(semeval_file: Path) -> None:
    pairs = read_pairs(semeval_file)
    assert len(pairs) == 212
    assert all(1.0 <= float(str(p["Overall"])) <= 4.0 for p in pairs)


def test_same_story_score_beats_tfidf_on_semeval(semeval_file: Path, backend: NlpBackend) -> None:
    result = run_semeval(semeval_file, backend=backend)
    assert result["pairs"] == 212 and result["skipped"] == 0
    assert result["pearson"] <= PEARSON_CEILING, result
    assert -0.77 <= result["tfidf_pearson"] <= -0.72, result  # the issue's -0.745
    assert result["pearson"] < result["tfidf_pearson"] - 0.05
    assert result["meaning_pearson"] < result["wording_pearson"] < 0
    assert np.isfinite(result["spearman"]) and result["spearman"] < -0.75
