"""Dates resolved against the publication date, and publication dates from datelines."""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.annotate.dates import derive_published, find_dates, resolve

WED = date(2022, 3, 16)
THU = date(2022, 3, 17)


def _values(text: str, reference: date | None, tense: str | None = None) -> dict[str, str | None]:
    return {m.text: m.value for m in find_dates(text, 0, reference, tense)}


@pytest.mark.parametrize("published", [WED, THU])
def test_bare_weekday_is_in_the_week_of_publication(published: date) -> None:
    found = _values(
        "New talk lifted hope on Wednesday after three weeks of war.", published, "past"
    )
    assert found == {"Wednesday": "2022-03-16"}


def test_past_weekday_after_publication_is_last_week_future_before_is_next() -> None:
    monday = date(2005, 11, 28)
    assert resolve("Sunday", "weekday", monday, "past") == ("2005-11-27", "day")
    assert resolve("Wednesday", "weekday", THU, "future") == ("2022-03-23", "day")


def test_month_day_takes_the_nearest_year_and_weeks_are_iso_weeks() -> None:
    found = _values("On March 24, Biden will attend; since February 24; next week; this week.", WED)
    assert found["March 24"] == "2022-03-24"
    assert found["February 24"] == "2022-02-24"
    assert found["next week"] == "2022-W12"
    assert found["this week"] == "2022-W11"


def test_without_publication_date_only_what_the_text_fixes_is_resolved() -> None:
    found = _values("On Wednesday, on March 24, in December 2003 and since 1945.", None)
    assert found["Wednesday"] is None
    assert found["March 24"] == "--03-24"
    assert found["December 2003"] == "2003-12"
    assert found["1945"] == "1945"


def test_lowercase_month_words_are_not_dates() -> None:
    assert _values("Russia may accept this; troops march on.", WED) == {}


def test_months_without_year_follow_the_claims_direction() -> None:
    assert resolve("by May", "month", WED, "past") == ("2022-05", "month")
    assert resolve("in December", "month", WED, "past") == ("2021-12", "month")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted 11 / 27 / 2005 7: 21 AM", date(2005, 11, 27)),
        ("Last Updated: Monday, 28 November 2005, 02: 24 GMT", date(2005, 11, 28)),
        ("November 28th, 2005, 09: 11 GMT", date(2005, 11, 28)),
        ("11 / 28 / 05", date(2005, 11, 28)),
        ("Sunday, November 27 - 2005 at 16: 12", date(2005, 11, 27)),
        ("First Posted 23: 37: 00 05 / 05 / 2010", date(2010, 5, 5)),
    ],
)
def test_datelines_give_a_derived_publication_date(line: str, expected: date) -> None:
    published = derive_published(f"Headline of the story\n{line}\nThe first sentence of it.")
    assert published.day == expected
    assert published.basis == "derived" and line in published.evidence


def test_url_path_and_no_date() -> None:
    url = "http: / / articles. latimes. com / 2005 / nov / 28 / world / fg - quake28"
    assert derive_published("Text.", title=url).day == date(2005, 11, 28)
    unknown = derive_published("Ukraine and Russia hope for a breakthrough on Wednesday.")
    assert unknown.day is None and unknown.basis == "unknown"


def test_a_bare_month_ahead_in_the_present_is_the_coming_one() -> None:
    """polnear-150: "... if he is the Republican nominee in November", published in April
    2016, is November 2016 (the timeline put it in 2015); a past claim stays past."""
    ahead = find_dates(
        "Democratic voters in all five states see Clinton as the candidate with the better "
        "chance to beat Donald Trump if he is the Republican nominee in November.",
        0,
        date(2016, 4, 27),
        "present",
    )
    assert [m.value for m in ahead] == ["2016-11"]
    past = find_dates(
        "The Belgians tracked down the sole surviving suspect of attacks that killed 130 "
        "people in Paris in November.",
        0,
        date(2016, 3, 23),
        "past",
    )
    assert [m.value for m in past] == ["2015-11"]


def test_a_day_word_in_a_name_is_no_date() -> None:
    # polnear-150 report (2026-12-07): "Kunin said in an interview with USA TODAY" stood in
    # the story's timeline as said on the day of publication
    published = date(2016, 4, 26)
    assert find_dates("Kunin said in an interview with USA TODAY.", 0, published) == []
    assert find_dates("Yet a new poll from USA TODAY/Suffolk University found", 0, published) == []
    assert find_dates("She appeared on the Today show.", 0, published) == []
    # polnear-150: "Trump told ABC's This Week" stood in a timeline as week 12
    assert find_dates('"A deal," Trump told ABC\'s This Week.', 0, published) == []
    # a day word opening a sentence or a quote, or in lower case, is one
    for text in (
        "Today, the senator said no.",
        '"Today we won," he said.',
        "He said today.",
    ):
        (found,) = find_dates(text, 0, published)
        assert found.value == published.isoformat(), text
    (week,) = find_dates("He said this week.", 0, published)
    assert week.value == "2016-W17"
