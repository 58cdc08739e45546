"""Credit lines: each common form is lifted where wire copy puts it, and only there."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean import clean_document
from crosswire.clean.credits import known_wire, line_places
from crosswire.clean.rules import parse_rules
from crosswire.model import Article, RawDocument

BODY = (
    "Democratic presidential candidate Martin O’Malley is shifting staff and resources to "
    "Iowa as his campaign struggles to raise money."
)
SECOND = (
    "O’Malley’s campaign says it will shift staff from its Baltimore headquarters to the "
    "early states, and will pursue federal matching funds."
)


def _clean(text: str) -> Article:
    article = clean_document(RawDocument("t", text, "text"))
    assert isinstance(article, Article), article
    return article


@pytest.mark.parametrize(
    ("dateline", "wire"),
    [
        ("DALLAS (AP) — ", "AP"),
        ("NEW YORK, Nov. 19 (UPI) — ", "UPI"),
        ("New York (AFP) – ", "AFP"),
        ("MACAU (Reuters) – ", "Reuters"),
        ("Dec 29 (Reuters) - ", "Reuters"),
        ("PASADENA, Calif., Jan. 1 (UPI) — ", "UPI"),
        ("WASHINGTON (AP) _ ", "AP"),
        ("(Reuters) - ", "Reuters"),
    ],
)
def test_datelines_credit_their_wire_and_leave_the_lead(dateline: str, wire: str) -> None:
    article = _clean(f"O’Malley campaign to shift staff.\n\n{dateline}{BODY}\n\n{SECOND}")
    assert article.credited_source == wire
    assert BODY in article.text.split("\n\n")
    assert dateline.strip() in article.removed_lines


@pytest.mark.parametrize(
    ("end_line", "wire"),
    [
        ("SOURCE: REUTERS", "Reuters"),
        ("-- AP", "AP"),
        ("- Reuters.", "Reuters"),
        ("— AFP", "AFP"),
        ("Associated Press", "AP"),
        ("AFP", "AFP"),
        ("Copyright 2016 The Associated Press. All rights reserved.", "AP"),
        (
            "Copyright 2016 The Associated Press. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed.",
            "AP",
        ),
        ("By JULIE PACE, Associated Press", "AP"),
        ("(Reporting by Amanda Becker in Washington; Editing by Eric Beech.)", "Reuters"),
        ("Reporting by Natalia Zinets; Editing by Peter Graff", "Reuters"),
    ],
)
def test_end_lines_credit_their_wire(end_line: str, wire: str) -> None:
    article = _clean(f"{BODY}\n\n{SECOND}\n\n{end_line}")
    assert article.credited_source == wire
    assert article.text == f"{BODY}\n\n{SECOND}"
    assert end_line in article.removed_lines


def test_reporting_line_at_the_end_of_the_last_paragraph_is_cut_off() -> None:
    article = _clean(
        f"{BODY}\n\n{SECOND} (Additional reporting by Marius Zaharia in Singapore; "
        "Editing by Raju Gopalakrishnan and Lincoln Feast.)"
    )
    assert article.credited_source == "Reuters"
    assert article.byline == "Marius Zaharia in Singapore"
    assert article.text.endswith("federal matching funds.")


def test_ap_staff_line_near_the_end_credits_ap() -> None:
    article = _clean(
        f"{BODY}\n\n{SECOND}\n\nLerer reported from Los Angeles. Associated Press writer "
        "Jill Colvin contributed from Albuquerque.\n\n__."
    )
    assert article.credited_source == "AP"
    assert "Lerer reported from Los Angeles." in article.text
    assert "Colvin" not in article.text


def test_byline_with_wire_credits_and_names_the_reporter() -> None:
    article = _clean(f"By Tom Balmforth | Reuters\n\n{BODY}\n\n{SECOND}")
    assert article.credited_source == "Reuters" and article.byline == "Tom Balmforth"


@pytest.mark.parametrize(
    "sentence",
    [
        "Hillary Clinton won the Missouri Democratic primary, the Associated Press declared "
        "on Thursday, two days after voters went to the polls.",
        "“Everything. Everything is on the table,” Carson told the AP on Wednesday after "
        "hinting that personnel changes could come.",
        "Ramos, 58, told AFP in an interview in Mexico City on Monday that he had no regrets.",
        "A Reuters/Ipsos poll found by 43%-41% that the public overall says transgender "
        "people should use the bathroom of their birth sex.",
        "In a December interview with the Associated Press (AP), Trump questioned Israel's "
        "commitment to peace.",
    ],
)
def test_a_story_citing_a_wire_is_not_a_wire_copy(sentence: str) -> None:
    for text in (f"{sentence}\n\n{BODY}", f"{BODY}\n\n{sentence}"):
        article = _clean(text)
        assert article.credited_source is None
        assert sentence in article.text


def test_photo_credits_between_paragraphs_are_dropped_without_credit() -> None:
    for caption in ("ASSOCIATED PRESS.", "Carlos Barria / Reuters.", "Handout/Reuters."):
        article = _clean(f"{BODY}\n\n{caption}\n\n{SECOND}\n\n{BODY} Again.\n\n{SECOND} Again.")
        assert article.credited_source is None, caption
        assert caption in article.removed_lines and caption not in article.text


def test_a_data_source_line_is_not_a_wire_credit() -> None:
    article = _clean(f"{BODY}\n\n{SECOND}\n\nSource: NATO.")
    assert article.credited_source is None
    assert "Source: NATO." in article.removed_lines


def test_a_dateline_deep_in_the_body_is_not_the_story_credit() -> None:
    paragraphs = [f"{BODY} ({n})" for n in range(6)]
    paragraphs.insert(4, f"WASHINGTON (AP) — {SECOND}")
    article = _clean("\n\n".join(paragraphs))
    assert article.credited_source is None


def test_wire_line_with_date_lifts_both() -> None:
    article = _clean(
        "Microsoft releases security patch for Internet Explorer\n"
        "Reuters Sep 18, 2013, 02. 16PM IST\n"
        "Microsoft released a fix for Internet Explorer on Wednesday after attacks on users."
    )
    assert article.credited_source == "Reuters"
    assert article.published is not None and article.published.date().isoformat() == "2013-09-18"


def test_known_wire_names_only_agencies() -> None:
    assert known_wire("THE ASSOCIATED PRESS") == "AP"
    assert known_wire("Agence France-Presse") == "AFP"
    assert known_wire("United Press International") == "UPI"
    assert known_wire("NATO") is None and known_wire("Breitbart News") is None


def test_line_places_mark_the_opening_and_the_end() -> None:
    lines = ["Headline", "", BODY, "", SECOND, "", BODY, "", SECOND, "", BODY, "", "-- AP"]
    places = line_places(lines, [len(line.split()) >= 8 for line in lines])
    assert "head" in places[0] and "head" in places[2] and "edge" in places[0]
    assert places[1] == frozenset()
    assert places[6] == frozenset({"any"})  # the body's middle: no credit stands there
    assert "foot" in places[8] and "edge" not in places[8]  # the last lines always count
    assert {"foot", "edge", "ends"} <= places[12]


def test_tail_rules_anchor_at_the_end_of_the_paragraph() -> None:
    (rule,) = parse_rules("tail\tfoot\t\\(by (?P<byline>\\w+)\\)\tReuters")
    assert rule.pattern.search("Text (by Ann) more") is None
    match = rule.pattern.search("Text (by Ann)")
    assert match is not None and match.group("byline") == "Ann"


def test_seed_wire_copy_credit_and_rewrite_without_one(
    seed_wire_text: str, seed_rewrite_text: str
) -> None:
    assert _clean(seed_wire_text).credited_source == "Reuters"
    assert _clean(seed_rewrite_text).credited_source is None


def test_polnear_wire_copies_are_credited(shared_dir: Path) -> None:
    """Real PolNeAR texts, one per wire and form (dateline, end line)."""
    text = shared_dir / "data" / "polnear" / "train" / "text"
    expected = {
        "breitbart_2015-11-16_o-malley-campaign-to-shift-staff": "AP",
        "breitbart_2015-11-19_hillary-clinton-calls-on-u-s-to-": "UPI",
        "breitbart_2016-03-29_liberal-oscar-winner-sarandon-no": "AFP",
        "huff-post_2015-12-30_hillary-clinton-calls-isis-viole": "Reuters",
        "huff-post_2016-06-04_u-s-flexes-muscles-as-asia-worri": "Reuters",
        "huff-post_2016-05-24_bernie-sanders-is-fundraising-fo": None,
        "politico_2016-08-17_ap-trump-chair-routed-ukrainian-": None,
    }
    for name, wire in expected.items():
        path = text / f"{name}.txt"
        article = _clean(path.read_text(encoding="utf-8"))
        assert article.credited_source == wire, name
