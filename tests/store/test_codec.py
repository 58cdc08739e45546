"""Model values survive the trip through plain dicts (what the store writes)."""

import json
from datetime import UTC, datetime
from typing import Any

from crosswire.codec import from_dict, to_dict
from crosswire.model import (
    Article,
    BriefSentence,
    Claim,
    Conflict,
    Entity,
    Fact,
    Position,
    Quote,
    Sentence,
    Span,
    Speaker,
    Story,
    StoryReport,
)


def test_article_round_trips_with_datetime_and_tuples() -> None:
    article = Article(
        id="abc",
        origin="x.txt",
        text="Shares in Germany were up 3.4%.",
        published=datetime(2022, 3, 16, 9, 30, tzinfo=UTC),
        credited_source="Reuters",
        removed_lines=("SOURCE: REUTERS", "Trending"),
    )
    data = json.loads(json.dumps(to_dict(article)))
    assert data["published"] == "2022-03-16T09:30:00+00:00"
    assert from_dict(Article, data) == article


def test_nested_optional_dataclasses_round_trip() -> None:
    quote = Quote(
        article_id="a",
        kind="direct",
        content="some hope for compromise",
        content_span=Span(10, 34),
        speaker=Speaker(
            "Sergei Lavrov", "Sergei Lavrov", "Foreign Minister", "Russia", Span(0, 13)
        ),
        cue="said",
        cue_span=None,
    )
    assert from_dict(Quote, json.loads(json.dumps(to_dict(quote)))) == quote
    unattributed = Quote("a", "direct", "x", Span(0, 1), None)
    assert from_dict(Quote, to_dict(unattributed)).speaker is None


def test_sentences_and_entities_stored_with_flat_offsets_read_as_spans() -> None:
    """What crosswire wrote before sentences and entities held a Span still reads."""
    old_sentence: dict[str, Any] = {"start": 4, "end": 30, "text": "Shares in Germany were up."}
    old_entity = {"text": "Germany", "label": "GPE", "start": 14, "end": 21}
    assert from_dict(Sentence, old_sentence) == Sentence(Span(4, 30), old_sentence["text"])
    assert from_dict(Entity, old_entity) == Entity("Germany", "GPE", Span(14, 21))
    sentence, entity = Sentence(Span(4, 30), "x"), Entity("Germany", "GPE", Span(14, 21))
    assert to_dict(sentence) == {"span": {"start": 4, "end": 30}, "text": "x"}
    assert from_dict(Sentence, json.loads(json.dumps(to_dict(sentence)))) == sentence
    assert from_dict(Entity, json.loads(json.dumps(to_dict(entity)))) == entity


def test_empty_ids_and_notes_written_for_none_read_as_none() -> None:
    """A fact id, a brief line's fact id and note, and a conflict's fact id were "" for none."""
    claim = Claim("a", "Five people were killed.", Span(0, 24))
    old_fact = {**to_dict(Fact(claim.text, (claim,), ("a",), 1)), "id": ""}
    old_line: dict[str, Any] = {"text": "x", "citations": [], "independent_sources": 1}
    old_line |= {"fact_id": "", "note": ""}
    old_conflict: dict[str, Any] = {"fact_id": "", "kind": "conflict", "aspect": "number"}
    old_conflict |= {"what": "killed", "sides": [], "reason": "5 or 6"}
    assert from_dict(Fact, old_fact).id is None
    line = from_dict(BriefSentence, old_line)
    assert (line.fact_id, line.note) == (None, None)
    assert from_dict(Conflict, old_conflict).fact_id is None
    kept = {**old_line, "fact_id": "f3", "note": "single source: only [2]"}
    assert from_dict(BriefSentence, kept) == BriefSentence("x", (), 1, (), "f3", kept["note"])
    # and inside a whole report, as ``crosswire analyze --format json`` wrote it
    story = Story("s", "t", ("a",))
    report = StoryReport(story, (), (), (), (), (), (), (), ())
    data = to_dict(report) | {"shared_facts": [old_fact], "brief": [old_line]}
    data["conflicts"] = [old_conflict]
    back = from_dict(StoryReport, json.loads(json.dumps(data)))
    assert back.shared_facts[0].id is None and back.shared_facts[0].claims == (claim,)
    assert (back.brief[0].fact_id, back.brief[0].note, back.conflicts[0].fact_id) == (None,) * 3


def test_a_positions_empty_topic_and_object_read_as_none() -> None:
    """A position's topic and object (``target``) were "" when it had none."""
    position = Position("Russia", "Dmitry Peskov", None, "accept", "neutrality", "x", ())
    old = {**to_dict(position), "topic": "", "target": ""}
    back = from_dict(Position, old)
    assert (back.topic, back.target) == (None, None)
    assert from_dict(Position, to_dict(position)) == position
