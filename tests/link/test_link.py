"""Story linking on real text: events joined, similar events kept apart, stores agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.bench.clusters import bcubed, cluster_once
from crosswire.link import MemoryLinkState, Regrouping, link_features, place
from crosswire.link.features import date_tokens
from crosswire.model import AnnotatedArticle, Placement, RawDocument
from helpers import events_by_gold


def test_bcubed_on_a_hand_worked_example() -> None:
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    p, r, f1 = bcubed(["x", "x", "y", "y"], ["g", "g", "g", "h"])
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f1 == pytest.approx(2 * p * r / (p + r))


def test_date_tokens_name_the_days_an_article_mentions() -> None:
    tokens = date_tokens("Voting began on Dec.14; results on 16 December 2008, a Sunday.")
    assert {"m12d14", "m12d16", "m12", "y2008", "sunday"} <= set(tokens)


def test_twin_events_end_apart_even_when_they_first_meet(
    ecb_annotated: list[AnnotatedArticle], ecb_file: Path
) -> None:
    # Klitschko beats Rahman (2008) and Klitschko beats Thompson (2012): same
    # champion, same kind of event. The first report of each arrives first.
    groups = events_by_gold(ecb_annotated, ecb_file, "7ecb", "7ecbplus")
    rahman, thompson = groups["7ecb"], groups["7ecbplus"]
    order = [rahman[0], thompson[0], *rahman[1:], *thompson[1:]]
    features = [link_features(a) for a in order]
    labels, _ = cluster_once(features, range(len(features)))
    assert len({labels[a.article.id] for a in rahman}) == 1
    assert len({labels[a.article.id] for a in thompson}) == 1
    assert labels[rahman[0].article.id] != labels[thompson[0].article.id]


@pytest.mark.parametrize("event_name", ["7ecb", "19ecbplus"])
def test_a_new_report_merges_two_stories_of_one_event_and_says_so(
    ecb_annotated: list[AnnotatedArticle], ecb_file: Path, event_name: str
) -> None:
    # One event's reports (Klitschko beats Rahman; an earthquake), wrongly
    # split in two stories as an earlier, sparser corpus could have left
    # them; the next report regroups the neighbourhood into one story.
    (event,) = events_by_gold(ecb_annotated, ecb_file, event_name).values()
    state = MemoryLinkState()
    for n, article in enumerate(event[:-1]):
        features = link_features(article)
        keys = place(features, state).index_keys
        story = "s-first" if n % 2 else "s-second"
        moves = ((article.article.id, story),)
        state.apply(Regrouping(features, keys, moves, (), Placement(article.article.id, story)))
    assert len(set(state.labels().values())) == 2
    change = place(link_features(event[-1]), state)
    state.apply(change)
    assert len(set(state.labels().values())) == 1
    assert len(change.moves) > 1  # the new report and the articles of the story it dissolved
    signals = {s.name: s.value for s in change.placement.signals}
    assert signals.get("merged_stories") == 2.0
    assert signals["similarity"] >= 0.1 and "entities" in signals


def test_jsonl_gold_never_reaches_the_linker(ecb_file: Path) -> None:
    from crosswire.clean import clean_document
    from crosswire.read import read_paths

    first = json.loads(ecb_file.read_text().splitlines()[0])
    (document,) = [d for d in read_paths([ecb_file]) if d.origin.endswith(":1")]
    assert isinstance(document, RawDocument)
    article = clean_document(document)
    flat = json.dumps(article, default=str)
    assert first["subtopic"] not in flat.replace(first["text"], "")
    assert first["id"] not in flat.replace(first["text"], "")
