"""`crosswire bench quotes`: the scorer checked by hand, and the quality floor on PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.quotes import (
    Attribution,
    PolnearDoc,
    QuoteBench,
    agreement,
    parse_ann,
    read_polnear,
    run_quotes,
    score_document,
)
from crosswire.cli import app

TEXT = "Sources said the deal was done. “It is over,” he said. The Post has learned nothing."

ANN = """T1\tSource 0 7\tSources
T2\tCue 8 12\tsaid
T3\tContent 13 31\tthe deal was done
T4\tAttribution 8 12\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tSource 46 48\the
T6\tCue 49 53\tsaid
T7\tContent 32 45\t“It is over,”
T8\tAttribution 49 53\tsaid
E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7
T9\tContent 55 63;76 84\tThe Post nothing.
T10\tCue 64 75\thas learned
T11\tAttribution 64 75\thas learned
E3\tAttribution-no-source:T11 Cue:T10 Content:T9
T12\tDiscuss 0 7\tSources
"""


def test_brat_events_become_attributions_with_discontinuous_spans() -> None:
    gold = parse_ann(ANN)
    assert len(gold) == 3
    assert gold[0] == Attribution(((0, 7),), ((8, 12),), ((13, 31),))
    assert TEXT[13:31] == "the deal was done." and TEXT[64:75] == "has learned"
    assert gold[2].source == () and gold[2].content == ((55, 63), (76, 84))
    with pytest.raises(ValueError, match=r"x\.ann:1"):
        parse_ann("T1\tSource a b\tx\n", "x.ann")


def test_scores_by_hand() -> None:
    gold = parse_ann(ANN)
    predicted = [
        # exact on every role ("the deal was done" vs "the deal was done."): punctuation
        # does not count
        Attribution(((0, 7),), ((8, 12),), ((13, 31),)),
        # content without its quote marks and comma: still exact (same words);
        # source "he said" overlaps "he" but is not exact
        Attribution(((46, 53),), ((49, 53),), ((33, 43),)),
        # a false attribution: nothing overlaps
        Attribution((), ((64, 67),), ((68, 75),)),
    ]
    scores = score_document(TEXT, predicted, gold)
    assert (scores["content_exact"].matched_pred, scores["content_exact"].gold) == (2, 3)
    assert scores["content_overlap"].matched_pred == 2
    assert scores["content_overlap"].precision == pytest.approx(2 / 3)
    assert scores["source_exact"].matched_pred == 1 and scores["source_exact"].predicted == 2
    assert scores["source_overlap"].matched_pred == 2 and scores["source_overlap"].gold == 2
    # token level: source tokens predicted {Sources, he, said}, gold {Sources, he}
    assert scores["source_token"].precision == pytest.approx(2 / 3)
    assert scores["source_token"].recall == pytest.approx(1.0)
    # cue "has" overlaps "has learned": the cue matches, the content does not
    assert scores["cue_overlap"].matched_pred == 3
    assert scores["cue_exact"].matched_pred == 2
    # triples need content, cue and source (both absent counts) to agree
    assert scores["triple"].matched_pred == 2 and scores["triple"].gold == 3


def test_matching_is_one_to_one() -> None:
    gold = parse_ann(ANN)
    twice = [Attribution((), (), ((13, 20),)), Attribution((), (), ((21, 31),))]
    scores = score_document(TEXT, twice, gold)
    assert scores["content_overlap"].matched_pred == 1  # one gold span matches once
    assert scores["content_overlap"].predicted == 2


def test_gold_against_itself_is_perfect(shared_dir: Path) -> None:
    docs = read_polnear(shared_dir / "data" / "polnear" / "dev")
    assert len(docs) == 84
    assert sum(len(d.annotators) for d in docs) == 94
    for doc in docs[:10]:
        for gold in doc.annotators.values():
            for name, counts in score_document(doc.text, gold, gold).items():
                assert counts.matched_pred == counts.predicted, (doc.name, name)


@pytest.fixture(scope="module")
def dev_bench(shared_dir: Path, backend: NlpBackend) -> QuoteBench:
    return run_quotes(shared_dir / "data" / "polnear" / "dev", parse=backend.parse)


def test_quality_floor_on_polnear_dev(dev_bench: QuoteBench) -> None:
    summary = dev_bench.summary()
    assert dev_bench.documents == 84
    # measured 0.8084 / 0.8129 / 0.7848 / 0.7676 / 0.5642 / 0.7430 (2026-12-08, README.md);
    # issue 17 asks "not below 0.788 / 0.800"
    assert summary["source_f1"] >= 0.800
    assert summary["content_overlap_f1"] >= 0.806
    assert summary["cue_f1"] >= 0.778
    assert summary["source_exact_f1"] >= 0.760
    assert summary["content_f1"] >= 0.558
    assert summary["triple_f1"] >= 0.736


def test_bench_quotes_cli_prints_one_json_object(shared_dir: Path, backend: NlpBackend) -> None:
    result = CliRunner().invoke(
        app,
        ["bench", "quotes", str(shared_dir / "data" / "polnear" / "dev"), "--json", "--limit", "3"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "source_f1",
        "cue_f1",
        "content_f1",
        "content_overlap_f1",
        "source_exact_f1",
        "triple_f1",
        "docs_per_s",
    ):
        assert data[key] >= 0 and (key == "docs_per_s" or data[key] <= 1), key
    assert data["documents"] == 3


def test_annotators_against_each_other_by_hand() -> None:
    full = parse_ann(ANN)
    partial = full[:2]  # the second annotator missed "The Post has learned nothing"
    shared = PolnearDoc("two", TEXT, {"a": full, "b": partial})
    alone = PolnearDoc("one", TEXT, {"a": full})
    bench = agreement([shared, alone])
    assert (bench.documents, bench.annotations) == (1, 2)  # articles with one annotator skipped
    counts = bench.counts
    # a as prediction: content P 2/3, R 1; b: P 1, R 2/3; each half the article's weight
    assert counts["content_overlap"].precision == pytest.approx(0.8)
    assert counts["content_overlap"].recall == pytest.approx(0.8)
    assert counts["source_overlap"].f1 == pytest.approx(1.0)  # E3 has no source
    assert counts["cue_exact"].f1 == pytest.approx(0.8)


def test_bench_quotes_agreement_on_polnear_dev(shared_dir: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["bench", "quotes", str(shared_dir / "data" / "polnear" / "dev"), "--agreement", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["documents"], data["annotations"]) == (2, 12)
    # measured: source 0.949, content overlap 0.929 (bench/quotes/README.md)
    assert data["source_f1"] == pytest.approx(0.9493, abs=1e-3)
    assert data["content_overlap_f1"] == pytest.approx(0.929, abs=1e-3)


def test_bench_quotes_cli_refuses_a_folder_without_the_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "quotes", str(tmp_path)])
    assert result.exit_code == 1
    assert "PolNeAR layout" in result.output
