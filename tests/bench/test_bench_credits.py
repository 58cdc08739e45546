"""Quality floor of wire credit detection on PolNeAR train+dev, and its command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswire.bench.credits import CreditBench, CreditCase, gold_wire, run_credits
from crosswire.cli import app

# Measured on train+dev (924 texts, 75 wire copies): precision 0.986 (71/72),
# recall 0.947 (71/75). The issue asks P >= 0.95 and R >= 0.9.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.93
WIRE_RECALL_FLOOR = 0.9

runner = CliRunner()


@pytest.fixture(scope="module")
def polnear(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "polnear"
    if not (path / "metadata.tsv").is_file():
        pytest.fail(f"{path}/metadata.tsv is missing from ../shared")
    return path


@pytest.fixture(scope="module")
def bench(polnear: Path) -> CreditBench:
    return run_credits(polnear)


def test_credit_detection_quality_floor(bench: CreditBench) -> None:
    assert len(bench.cases) == 924 and bench.skipped == []
    overall = bench.overall()
    assert overall.tp + overall.fn == 75  # AP 33, UPI 21, Reuters 12, AFP 9
    assert overall.precision >= PRECISION_FLOOR, bench.summary()
    assert overall.recall >= RECALL_FLOOR, bench.summary()
    for wire in ("AP", "Reuters", "AFP", "UPI"):
        score = bench.score(wire)
        assert score.recall >= WIRE_RECALL_FLOOR, score
        assert score.precision >= 0.9, score


def test_no_wire_is_mistaken_for_another(bench: CreditBench) -> None:
    confusion = bench.confusion()
    assert confusion, "the credits bench read no cases"
    for gold, row in confusion.items():
        for predicted, count in row.items():
            assert gold == predicted or "-" in (gold, predicted), (gold, predicted, count)


def test_scores_count_a_wrong_wire_as_both_errors() -> None:
    bench = CreditBench(
        [
            CreditCase("a", "AP", "AP"),
            CreditCase("b", "AP", "Reuters"),
            CreditCase("c", None, "AFP"),
            CreditCase("d", "UPI", None),
            CreditCase("e", None, None),
        ]
    )
    overall = bench.overall()
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 2)
    ap = bench.score("AP")
    assert (ap.tp, ap.fp, ap.fn, ap.precision, ap.recall) == (1, 0, 1, 1.0, 0.5)
    assert bench.confusion() == {"-": {"AFP": 1}, "AP": {"AP": 1, "Reuters": 1}, "UPI": {"-": 1}}
    assert gold_wire("reuters") == "Reuters" and gold_wire("NA") is None and gold_wire("") is None


def test_bench_credits_command_prints_one_json_object(polnear: Path) -> None:
    result = runner.invoke(app, ["bench", "credits", str(polnear), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 924
    assert summary["precision"] >= PRECISION_FLOOR and summary["recall"] >= RECALL_FLOOR
    assert [w["wire"] for w in summary["wires"]] == ["AP", "Reuters", "AFP", "UPI"]
    for case in summary["false_negatives"]:
        assert case["name"] and case["gold"]


def test_bench_credits_table_and_missing_folder(polnear: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["bench", "credits", str(polnear)])
    assert result.exit_code == 0, result.output
    assert "overall" in result.stdout and "False negatives" in result.stdout
    missing = runner.invoke(app, ["bench", "credits", str(tmp_path)])
    assert missing.exit_code == 1 and "metadata.tsv" in missing.output
