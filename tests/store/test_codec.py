"""Model values survive the trip through plain dicts (what the store writes)."""

import json
from datetime import UTC, datetime

from crosswire.codec import from_dict, to_dict
from crosswire.model import Article, Quote, Span, Speaker


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
