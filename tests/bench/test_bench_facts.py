"""The brief's same-fact decision: what it reads of two claims, and its floors on MSRP."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.facts import evaluate, precision_threshold, prepare, read_msrp
from crosswire.compare.same_fact import (
    FEATURES,
    pair_features,
    same_fact_model,
    same_fact_probability,
    value_blind,
)
from crosswire.model import Claim, Quantity, Span

# Measured on MSRP train, 5-fold cross-validated (thresholds chosen by inner folds):
# precision 0.913, recall 0.641, accuracy 0.783 (at probability 0.5: 0.783). Baseline in the
# same run, MiniLM cosine >= 0.80: precision 0.819, recall 0.664, accuracy 0.674. The issue
# asks precision >= 0.90 at recall >= 0.60, and accuracy >= 0.78.
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.62
ACCURACY_FLOOR = 0.78


def _claim(article: str, text: str, *quantities: Quantity) -> Claim:
    return Claim(article, text, Span(0, len(text)), quantities=quantities)


def test_features_do_not_depend_on_which_sentence_comes_first() -> None:
    a = _claim("a", "Yucaipa owned Dominick's before selling the chain to Safeway in 1998.")
    b = _claim("b", "Yucaipa bought Dominick's in 1995 and sold it to Safeway in 1998.")
    assert pair_features(a, b, 0.8) == pair_features(b, a, 0.8)
    assert len(pair_features(a, b, 0.8)) == len(FEATURES) == len(same_fact_model().weights)


def test_shared_names_and_numbers_are_not_the_same_fact() -> None:
    a = _claim(
        "a",
        "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.",
    )
    b = _claim(
        "b",
        "Yucaipa bought Dominick's in 1995 for $693 million and sold it to Safeway "
        "for $1.8 billion in 1998.",
    )
    same = _claim(
        "c",
        "Yucaipa owned Dominick's before it sold the chain to Safeway for $2.5 billion in 1998.",
    )
    assert same_fact_probability(a, b, 0.85) < same_fact_model().threshold
    assert same_fact_probability(a, same, 0.97) >= same_fact_model().threshold


def test_values_are_masked_to_ask_whether_only_they_differ() -> None:
    text = "A powerful earthquake hit southern Iran, killing three people on 27 Nov 2005."
    start = text.index("three")
    toll = Quantity("three", 3.0, "people", event="kill", span=Span(start, start + 5))
    claim = _claim("a", text, toll)
    assert (
        value_blind(claim).text
        == "A powerful earthquake hit southern Iran, killing # people on # Nov #."
    )


def test_a_malformed_row_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("\ufeff1\t1\t2\tA cat sat.\tA cat was sitting.\nyes\t3\t4\tno tabs\n", "utf-8")
    with pytest.raises(ValueError, match=r"pairs.tsv:2: expected label"):
        read_msrp(path)


def test_the_threshold_keeps_the_pairs_at_the_target_precision() -> None:
    probability = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5])
    labels = np.array([1, 1, 1, 0, 1, 0])
    assert precision_threshold(probability, labels, 0.9) == 0.8  # 3 of 3; 4 of 5 is 0.8
    assert precision_threshold(probability, labels, 0.75) == 0.6  # 4 of 5


@pytest.mark.shared
def test_same_fact_decision_meets_its_floors_cross_validated(
    shared_dir: Path,
    backend: NlpBackend,
) -> None:
    path = shared_dir / "data" / "msrp" / "train.tsv"
    if not path.is_file():
        pytest.fail(f"{path} is missing from ../shared")
    summary = evaluate(prepare(path, backend=backend))
    json.dumps(summary)
    assert summary["pairs"] == 4076, summary
    assert summary["precision"] >= PRECISION_FLOOR, summary
    assert summary["recall"] >= RECALL_FLOOR, summary
    assert summary["accuracy"] >= ACCURACY_FLOOR, summary
    assert summary["precision"] > summary["cosine_precision"], summary
