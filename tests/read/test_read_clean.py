"""Reading files, folders and JSONL, and cleaning text and HTML, on the seeds and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.clean import article_id, clean_document, parse_date
from crosswire.clean.rules import canonical_wire, parse_rules
from crosswire.model import Article, RawDocument, ReadError
from crosswire.read import MAX_DOCUMENT_BYTES, read_paths


def _clean(text: str, fmt: Literal["text", "html"] = "text", **meta: str) -> Article:
    article = clean_document(RawDocument("t", text, fmt, **meta))
    assert isinstance(article, Article), article
    return article


def test_wire_seed_loses_chrome_and_credits_reuters(seed_wire_text: str) -> None:
    article = _clean(seed_wire_text)
    assert article.title == (
        "'Outside of NATO': Russia and Ukraine hope for breakthrough in peace talks"
    )
    assert article.credited_source == "Reuters"
    lines = article.text.split("\n")
    for chrome in ("Connect with us", "World", "Published", "on", "Trending", "SOURCE: REUTERS"):
        assert chrome not in lines
    assert "GNN Media" not in article.text
    assert article.title not in article.text  # the repeated headline went too
    assert article.text.startswith("The Kremlin says the sides are discussing status")
    last_paragraph = seed_wire_text.split("SOURCE: REUTERS")[0].strip().split("\n\n")[-1]
    assert article.text.endswith(last_paragraph)
    assert "SOURCE: REUTERS" in article.removed_lines and "Trending" in article.removed_lines


def test_rewrite_seed_keeps_every_paragraph(seed_rewrite_text: str) -> None:
    article = _clean(seed_rewrite_text)
    assert article.title is None  # its first line is a paragraph, not a headline
    assert article.credited_source is None and article.removed_lines == ()
    paragraphs = [line for line in seed_rewrite_text.splitlines() if line.strip()]
    assert article.text.split("\n\n") == paragraphs


def test_credit_forms_are_lifted_not_kept() -> None:
    lead = _clean("KYIV, March 16 (Reuters) - Talks resumed on Wednesday by video link for a day.")
    assert lead.credited_source == "Reuters"
    assert lead.text == "Talks resumed on Wednesday by video link for a day."
    ap = _clean("Talks resumed by video link on Wednesday, officials said on the day.\n\n-- AP")
    assert ap.credited_source == "AP" and "AP" not in ap.text
    signed = _clean(
        "Shares in Germany were up 3.4% on hopes of a deal in the talks.\n"
        "Reporting by Natalia Zinets; Editing by Peter Graff"
    )
    assert signed.credited_source == "Reuters" and signed.byline == "Natalia Zinets"
    assert "Editing" not in signed.text
    byline = _clean(
        "By Tom Balmforth | Reuters\n\nTalks resumed by video link on Wednesday for a third day."
    )
    assert byline.credited_source == "Reuters" and byline.byline == "Tom Balmforth"
    assert (
        canonical_wire("ASSOCIATED PRESS") == "AP"
        and canonical_wire("Agence France-Presse") == "AFP"
    )


def test_chrome_words_inside_the_body_stay() -> None:
    body = (
        "Talks resumed on Wednesday by video link for a third straight day in a row.\n"
        "World\n"
        "Leaders said the talks were difficult but would go on through the weekend."
    )
    assert "\nWorld\n" in "\n" + _clean(body).text.replace("\n\n", "\n") + "\n"


def test_date_line_and_metadata() -> None:
    article = _clean(
        "Published on March 16, 2022\n\nTalks resumed by video link on Wednesday for a third day.",
        url="https://example.com/a",
    )
    assert article.published is not None and article.published.date().isoformat() == "2022-03-16"
    assert article.url == "https://example.com/a"
    parsed = parse_date("2022-03-16T09:30:00Z")
    assert parsed is not None and parsed.isoformat() == "2022-03-16T09:30:00+00:00"
    assert parse_date("not a date at all") is None


def test_same_text_same_id() -> None:
    assert article_id("Talks  resumed\non Wednesday.") == article_id("talks resumed on wednesday.")
    assert article_id("Talks resumed.") != article_id("Talks stalled.")


def test_html_goes_through_trafilatura_and_the_line_rules(seed_wire_text: str) -> None:
    paragraphs = [p for p in seed_wire_text.split("\n\n") if len(p.split()) > 12]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Peace talks | Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2022-03-16T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>Peace talks</h1>{body}<p>SOURCE: REUTERS</p></article>"
        "<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"
    )
    article = _clean(html, "html")
    assert article.credited_source == "Reuters"
    assert "three weeks of war" in article.text and "more realistic" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.outlet == "Example News"
    assert article.published is not None and article.published.year == 2022


def test_nothing_left_is_an_error() -> None:
    result = clean_document(RawDocument("chrome.txt", "Connect with us\n\nTrending\n", "text"))
    assert isinstance(result, ReadError) and result.origin == "chrome.txt"


def test_bad_rule_file_names_the_line() -> None:
    with pytest.raises(ValueError, match=r"lines\.tsv:2"):
        parse_rules("# comment\nchrome\teverywhere\tx\n")


def test_folder_reading_skips_readmes_and_reports_bad_files(
    tmp_path: Path, seeds_dir: Path
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "wire.txt").write_bytes((seeds_dir / SEED_WIRE).read_bytes())
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "blank.txt").write_text("  \n\n")
    (tmp_path / "cp1252.txt").write_bytes("Zelenskiy said \x93more realistic\x94".encode("latin-1"))
    with (tmp_path / "big.html").open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = {Path(e.origin).name: e.reason for e in items if isinstance(e, ReadError)}
    assert [Path(d.origin).name for d in docs] == ["cp1252.txt", "wire.txt"]
    assert (docs[0].content, docs[0].encoding) == ("Zelenskiy said “more realistic”", "cp1252")
    assert docs[1].encoding == "utf-8"
    assert errors["binary.txt"].startswith("binary file")
    assert errors["blank.txt"] == "empty file"
    assert errors["big.html"].startswith("file too large")
    assert errors["missing.txt"] == "no such file or directory"


def test_jsonl_lines_are_articles_and_bad_lines_errors(
    tmp_path: Path, seed_rewrite_text: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {
        "text": seed_rewrite_text,
        "title": "Russia open to neutral Ukraine",
        "source": "Example Daily",
        "published": "2022-03-16",
        "url": "https://example.com/x",
    }
    feed.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"title": "no text"}),
                json.dumps(["a list"]),
                "",
                json.dumps({"text": "<html><body><p>" + "word " * 50 + "</p></body></html>"}),
            ]
        )
    )
    items = list(read_paths([feed]))
    errors = {e.origin.rsplit(":", 1)[1]: e.reason for e in items if isinstance(e, ReadError)}
    assert errors["2"].startswith("invalid JSON")
    assert errors["3"] == "no 'text' field"
    assert errors["4"] == "expected a JSON object"
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.origin for d in docs] == [f"{feed}:1", f"{feed}:6"]
    assert docs[1].format == "html"
    article = clean_document(docs[0])
    assert isinstance(article, Article)
    assert article.title == "Russia open to neutral Ukraine" and article.outlet == "Example Daily"
    assert article.published is not None and article.published.day == 16


def test_both_seeds_read_from_their_folder(seeds_dir: Path) -> None:
    names = [Path(d.origin).name for d in read_paths([seeds_dir]) if isinstance(d, RawDocument)]
    assert names == [SEED_WIRE, SEED_REWRITE]


def test_a_one_line_article_keeps_its_line_as_text() -> None:
    line = "Robbers in drag steal e80 million from Paris diamond store in biggest French heist"
    article = _clean(line)
    assert article.text == line and article.title is None


def test_a_headline_ending_in_a_full_stop_is_the_title_and_stays_in_the_text() -> None:
    # issue 18: 107 of 146 PolNeAR articles had no title, their headlines ending in "."
    text = (
        "O’Malley campaign to shift staff, resources to Iowa.\n\n"
        "DALLAS (AP) — Democratic presidential candidate Martin O’Malley is shifting staff "
        "and resources to Iowa as his campaign struggles to raise money.\n\n"
        "O’Malley’s campaign says it will shift staff from its Baltimore headquarters."
    )
    article = _clean(text)
    assert article.title == "O’Malley campaign to shift staff, resources to Iowa."
    assert article.text.startswith(article.title)  # left as written: ids and offsets hold
    lead = "The talks resumed on Monday in Istanbul, officials said.\nThey lasted an hour."
    assert _clean(lead).title is None  # a first sentence that runs on is no headline


def test_code_saved_as_text_is_no_article() -> None:
    # issue 18: a Makefile saved as .txt was taken as news, with ".PHONY" as a speaker
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    refused = clean_document(RawDocument("Makefile.txt", makefile, "text"))
    assert isinstance(refused, ReadError) and refused.reason.startswith("not prose: ")
    numbers = "\n".join(f"{n}\t{n * 3.5:.1f}\t{n % 7}" for n in range(40))
    assert isinstance(clean_document(RawDocument("t.txt", numbers, "text")), ReadError)
