"""bench/stream: crosswire's answers on real streams judged against hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.stream import DEFAULT_LABELS, judge, load_labels, read_sample, run_stream_check
from crosswire.model import Article, Claim, Conflict, ConflictSide, Fact, Span, Story, StoryReport

STREAM = Path(__file__).resolve().parents[2] / "bench" / "stream"
# Measured on the batch (150 PolNeAR train articles of March-April 2016 + the seeds):
# 22 of 23 articles in multi-article stories belong to their story (0.957); no fact is
# counted as backed by two independent sources, no conflict is reported.
MEMBERS_FLOOR = 0.9


def _report(
    names: list[str], facts: tuple[Fact, ...] = (), conflicts: tuple[Conflict, ...] = ()
) -> StoryReport:
    articles = tuple(Article(n, f"/x/{n}", "text") for n in names)
    story = Story("s", "t", tuple(names))
    return StoryReport(story, articles, (), (), (), (), (), facts, (), conflicts=conflicts)


def _claim(article: str, text: str) -> Claim:
    return Claim(article, text, Span(0, len(text)))


def test_an_article_unlike_the_rest_of_its_story_is_counted_wrong() -> None:
    labels = [
        {"kind": "same_event", "a": "a.txt", "b": "b.txt", "same": True},
        {"kind": "same_event", "a": "a.txt", "b": "c.txt", "same": False},
        {"kind": "same_event", "a": "b.txt", "b": "c.txt", "same": False},
    ]
    check = judge([_report(["a.txt", "b.txt", "c.txt"])], labels)
    assert (check.members.good, check.members.judged) == (2, 3)
    assert check.members.wrong == ["c.txt in a story of 3"]


def test_supports_and_conflicts_are_found_by_document_and_quote() -> None:
    fact_claim = _claim("a.txt", "The quake killed ten people on Sunday, officials said.")
    support = _claim("b.txt", "Ten people died in Sunday's quake, according to officials.")
    wrong = _claim("c.txt", "The quake struck a sparsely populated area on Sunday.")
    fact = Fact(
        fact_claim.text,
        (fact_claim, support, wrong),
        ("a.txt", "b.txt", "c.txt"),
        3,
        (("a.txt",), ("b.txt",), ("c.txt",)),
    )
    conflict = Conflict(
        "f1",
        "conflict",
        "number",
        "dead",
        (ConflictSide("10 dead", (fact_claim,)), ConflictSide("3 dead", (wrong,))),
        "10 vs 3",
    )
    labels = [
        {
            "kind": "support",
            "fact": {"doc": "a.txt", "quote": "The quake killed ten"},
            "support": {"doc": "b.txt", "quote": "Ten people died"},
            "reports": True,
        },
        {
            "kind": "support",
            "fact": {"doc": "a.txt", "quote": "The quake killed ten"},
            "support": {"doc": "c.txt", "quote": "sparsely populated"},
            "reports": False,
        },
    ]
    check = judge([_report(["a.txt", "b.txt", "c.txt"], (fact,), (conflict,))], labels)
    assert (check.supports.good, check.supports.judged, check.corroborated_facts) == (1, 2, 1)
    assert check.conflicts.judged == 0 and len(check.conflicts.unlabelled) == 1


def test_a_sentence_repeated_word_for_word_as_two_sources_is_counted() -> None:
    note = "Editor's note: an earlier version of this story misstated the county."
    fact = Fact(
        note,
        (_claim("a.txt", note), _claim("b.txt", note)),
        ("a.txt", "b.txt"),
        2,
        (("a.txt",), ("b.txt",)),
    )
    assert judge([_report(["a.txt", "b.txt"], (fact,))], []).repeated_sentences_counted_twice == 1


def test_labels_are_well_formed_and_a_bad_line_is_named(tmp_path: Path) -> None:
    rows = load_labels(DEFAULT_LABELS)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"same_event", "support", "conflict"}
    assert sum(r["kind"] == "same_event" for r in rows) >= 60
    assert sum(r["kind"] == "support" for r in rows) >= 80
    assert sum(r["kind"] == "conflict" for r in rows) >= 40
    bad = tmp_path / "labels.jsonl"
    bad.write_text(
        '{"kind": "same_event", "a": "x", "b": "y", "same": true}\n{"kind": 3}\n', "utf-8"
    )
    with pytest.raises(ValueError, match=r"labels.jsonl:2: kind must be"):
        load_labels(bad)


@pytest.mark.shared
def test_the_realistic_batch_keeps_stories_to_one_event(
    shared_dir: Path,
    backend: NlpBackend,
) -> None:
    paths = read_sample(STREAM / "polnear-150.txt", shared_dir)
    assert len(paths) == 152 and all(p.is_file() for p in paths)
    check = run_stream_check(paths, DEFAULT_LABELS, backend=backend)
    summary = check.summary()
    json.dumps(summary)
    assert check.articles == 152 and not check.errors, check.errors
    assert check.members.judged >= 20 and not check.members.unlabelled, check.members.unlabelled
    assert check.members.share >= MEMBERS_FLOOR, (summary, check.members.wrong)
    assert check.repeated_sentences_counted_twice == 0
    assert check.supports.share >= 0.9 and check.conflicts.share >= 0.9, summary
