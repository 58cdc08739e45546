"""`crosswire bench compare`: the labelled set loads and the compare stage meets its floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.bench.compare import DEFAULT_LABELS, load_labels, run_compare, scores

GROUPING_F1 = 0.85
CONFLICT_PRECISION = 0.9
CONFLICT_RECALL = 0.8


def test_labelled_set_is_large_enough_and_well_formed() -> None:
    groups, conflicts = load_labels(DEFAULT_LABELS)
    assert len(groups) >= 30 and len(conflicts) >= 10
    names = [g["group"] for g in groups]
    assert len(names) == len(set(names))
    for group in groups:
        docs = [c["doc"] for c in group["claims"]]
        assert len(docs) == len(set(docs)) >= 2, group["group"]  # one sentence per document
        assert all(len(c["quote"]) < 160 for c in group["claims"])
    members = {(c["doc"], c["quote"]) for g in groups for c in g["claims"]}
    for row in conflicts:
        assert row["conflict"] in ("conflict", "update")
        for side in (row["a"], row["b"]):
            assert all((c["doc"], c["quote"]) in members for c in side)


def test_pairwise_scores() -> None:
    s = scores({1, 2, 3, 4}, {3, 4, 5})
    assert (s.correct, round(s.precision, 3), s.recall) == (2, 0.667, 0.5)


@pytest.mark.shared
def test_compare_meets_its_floors(ecb_file: Path, backend) -> None:  # type: ignore[no-untyped-def]
    result = run_compare(DEFAULT_LABELS, ecb_file, backend)
    summary = result.summary()
    assert summary["unmatched"] == 0, result.errors
    assert summary["grouping"]["f1"] >= GROUPING_F1, summary
    assert summary["conflicts"]["precision"] >= CONFLICT_PRECISION, (summary, result.spurious)
    assert summary["conflicts"]["recall"] >= CONFLICT_RECALL, (summary, result.missed)
    json.dumps(summary)
