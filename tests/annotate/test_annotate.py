"""Annotation on the seeds: sentences, entities, numbers, embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.annotate.quantities import parse_number
from crosswire.model import AnnotatedArticle, Article


@pytest.mark.parametrize(
    ("text", "value"),
    [("$800 million", 8e8), ("3 million", 3e6), ("3.4%", 3.4), ("five", 5.0), ("1,200", 1200.0)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_refuses_words_without_numbers() -> None:
    assert parse_number("several") is None


@pytest.fixture(scope="module")
def rewrite(seed_rewrite_text: str, backend: NlpBackend) -> AnnotatedArticle:
    article = Article(id="rw", origin="seed2", text=seed_rewrite_text.strip())
    (annotated,) = annotate([article], backend)
    return annotated


def test_sentences_are_spans_of_the_text(rewrite: AnnotatedArticle) -> None:
    text = rewrite.article.text
    assert len(rewrite.sentences) > 25
    for sentence in rewrite.sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text
        assert "\n" not in sentence.text


def test_entities_and_numbers_of_claims(rewrite: AnnotatedArticle) -> None:
    names = {e.text for e in rewrite.entities}
    assert {"Dmitry Peskov", "Vladimir Medinsky", "Jens Stoltenberg"} <= names
    money = [q for c in rewrite.claims for q in c.quantities if q.unit == "USD"]
    assert [q.value for q in money] == [8e8]
    refugees = [c for c in rewrite.claims if "3 million" in c.text]
    assert any(q.value == 3e6 for c in refugees for q in c.quantities)


def test_embeddings_are_unit_vectors_that_see_paraphrase(
    rewrite: AnnotatedArticle, backend: NlpBackend
) -> None:
    vectors = np.asarray(rewrite.sentence_vectors)
    assert vectors.shape == (len(rewrite.sentences), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    a, b, c = backend.embed(
        [
            "Ukrainian officials had expressed hope this week that the war could end sooner.",
            "Ukrainian officials have expressed optimism that the war will end sooner.",
            "Shares in Germany - Russia's biggest energy market - were up 3.4%.",
        ]
    )
    assert float(a @ b) > 0.8 > 0.3 > float(a @ c)


def test_a_distance_is_never_a_count_of_the_verbs_people(backend: NlpBackend) -> None:
    # ECB+ 18_2ecbplus and 18_4ecbplus (one AP sentence, in miles and in km): "evacuated ...
    # about 15 miles north" was read as 15 evacuated, against 24, an "update"
    from crosswire.compare.lexicon import measure_of

    texts = [
        "Police at first told workers to stay in their offices but a short time later "
        "evacuated the building, about 15 miles north of Detroit.",
        "Police at first told workers to stay in their offices but a short time later "
        "evacuated the building, about 24km north of Detroit.",
    ]
    measures = []
    for n, text in enumerate(texts):
        (annotated,) = annotate([Article(f"d{n}", f"d{n}.txt", text)], backend)
        measures += [measure_of(q) for c in annotated.claims for q in c.quantities]
    assert len(measures) == 2 and measures[0] != measures[1], measures
    assert not any(m == "evacuated" for m in measures), measures


def _figures_of(backend: NlpBackend, text: str) -> list[tuple[str, float, str | None, bool]]:
    (annotated,) = annotate([Article("d", "d.txt", text)], backend)
    return [(q.text, q.value, q.unit, q.vague) for c in annotated.claims for q in c.quantities]


def test_a_sum_restated_in_brackets_is_a_conversion_never_compared(backend: NlpBackend) -> None:
    # ECB+ 24_3ecb (AP): the heist's own figure is in euros; "$108 million" is the
    # writer's conversion, and other outlets' conversions differ by the rate they chose
    figures = _figures_of(
        backend,
        "Armed robbers stole diamonds valued at 85 million euros ($108 million) from the "
        "Paris branch of jeweler Harry Winston, the city prosecutors' office said.",
    )
    assert ("85 million", 85e6, "EUR", False) in figures, figures
    assert ("$108 million", 108e6, "USD", True) in figures, figures


def test_a_figure_per_season_is_a_rate_and_mm_is_million(backend: NlpBackend) -> None:
    # ECB+ 9_ecb (MLB Trade Rumors, Newsday): "$200MM" was 200 dollars, and a yearly
    # salary was compared with the whole deal
    per_season = _figures_of(
        backend,
        "Teixeira still has an eight-year offer on the table from the Red Sox, worth "
        "roughly $22 million per season.",
    )
    assert [f[2] for f in per_season] == ["USD/season"], per_season
    deal = _figures_of(backend, "The Red Sox offered Mark Teixeira an eight-year, $200MM deal.")
    assert [(f[1], f[2]) for f in deal] == [(200e6, "USD")], deal


def test_b_after_a_number_is_billion() -> None:
    # ECB+ 44ecb (Greek bailout): "bailout loans of 110 b. Euro" was read as 110 euros,
    # against "110 billion euros in loans", a conflict
    assert parse_number("110 b. Euro") == pytest.approx(110e9)
