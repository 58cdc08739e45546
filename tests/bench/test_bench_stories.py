"""Stories on a dense stream: SemEval-2022 Task 8 articles ingested together (quality floors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.stories import RatedPair, read_stream, run_stream, score
from crosswire.cli import app

# Measured on the 212 English training pairs as one stream of 420 articles, mean of 3
# orders: precision 0.925, recall 0.860 (every order the same). The issue asks >= 0.90 and
# >= 0.85. Before lead meaning gated the linker: precision 0.574, recall 0.814.
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.85


def test_each_article_is_read_once_and_only_clear_ratings_are_scored(tmp_path: Path) -> None:
    rows = [
        {"pair_id": "1_2", "text1": "a", "text2": "b", "Overall": 1.0},
        {"pair_id": "2_3", "text1": "b", "text2": "c", "Overall": 4.0},
        {"pair_id": "1_3", "text1": "a", "text2": "c", "Overall": 2.0},  # in between: unscored
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    documents, pairs = read_stream(path)
    assert [d.origin for d in documents] == ["pairs.jsonl#1", "pairs.jsonl#2", "pairs.jsonl#3"]
    assert [(p.left, p.right, p.same) for p in pairs] == [
        ("pairs.jsonl#1", "pairs.jsonl#2", True),
        ("pairs.jsonl#2", "pairs.jsonl#3", False),
    ]


def test_pairs_are_scored_by_the_stories_their_articles_end_in() -> None:
    pairs = [
        RatedPair("x#1", "x#2", True, 1.0),
        RatedPair("x#3", "x#4", True, 1.0),
        RatedPair("x#1", "x#5", False, 4.0),
        RatedPair("x#6", "x#7", False, 3.0),
    ]
    article_of = {f"x#{n}": f"a{n}" for n in range(1, 8) if n != 4}  # x#4 could not be read
    labels = {"a1": "s1", "a2": "s1", "a3": "s2", "a5": "s1", "a6": "s3", "a7": "s4"}
    precision, recall, same, different, mistakes = score(labels, article_of, pairs)
    assert (precision, recall, same, different) == (0.5, 0.5, 1, 1)
    assert [(p.left, joined) for p, joined in mistakes] == [("x#3", False), ("x#1", True)]


@pytest.mark.shared
def test_unrelated_news_stays_apart_and_one_story_stays_together(
    semeval_file: Path,
    backend: NlpBackend,
) -> None:
    bench = run_stream(semeval_file, 3, backend=backend)
    summary = bench.summary()
    assert summary["articles"] >= 400 and summary["same_pairs"] == 43, summary
    assert summary["precision"] >= PRECISION_FLOOR, (summary, bench.mistakes[0])
    assert summary["recall"] >= RECALL_FLOOR, (summary, bench.mistakes[0])
    assert summary["different_pairs"] == 128  # every pair rated different is scored


def test_bench_command_prints_the_promised_json(tmp_path: Path) -> None:
    rows = [
        {
            "pair_id": "1_2",
            "text1": "A 6.1 magnitude earthquake struck Qeshm island in southern Iran on "
            "Sunday, killing ten people and injuring dozens, state media said.",
            "text2": "An earthquake of magnitude 6.1 hit Iran's Qeshm island on Sunday, "
            "killing at least ten people, state television reported.",
            "Overall": 1.0,
        },
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "stories", "--semeval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("precision", "recall", "f1", "stories", "articles_per_s"):
        assert key in data
    assert data["articles"] == 2 and data["recall"] == 1.0 and data["stories"] == 1.0
