"""Publication dates from what the input gives: its file's name, a date line at the top of
its text, or ``--published`` (issue 18, "Titles and dates from what is there")."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.clean import clean_document
from crosswire.clean.dates import given_dates, name_date
from crosswire.cli import app
from crosswire.codec import from_dict, to_dict
from crosswire.compare.story import publication_dates
from crosswire.model import (
    AnnotatedArticle,
    Article,
    BriefSentence,
    Citation,
    RawDocument,
    ReadError,
    Span,
    Story,
    StoryReport,
)
from crosswire.read import read_paths
from crosswire.report import render_html, render_markdown

runner = CliRunner()

#: PolNeAR's breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt, as its files are:
#: a one-sentence title, then the AP story.
OMALLEY = (
    "O’Malley campaign to shift staff, resources to Iowa.\n\n"
    "DALLAS (AP) — Democratic presidential candidate Martin O’Malley is shifting staff and "
    "resources to Iowa as his campaign struggles to raise money.\n\n"
    "O’Malley’s campaign says it will shift staff from its Baltimore headquarters to the early "
    "states. Spokeswoman Haley Morris says the candidate has “always run a lean campaign and "
    "will continue to do so.”\n"
)
#: The Reuters seed's opening (examples/000_6d1883f0ac6fcebe.txt).
TALKS = (
    "New talk of compromise from both Moscow and Kyiv on a status for Ukraine outside of NATO "
    "lifted hope on Wednesday for a potential breakthrough after three weeks of war.\n\n"
    'Ukraine\'s President Volodymyr Zelenskiy said negotiations were becoming "more realistic", '
    'while Russian Foreign Minister Sergei Lavrov said there was "some hope for compromise".\n'
)


def _read_one(path: Path) -> Article:
    (item,) = list(read_paths([path]))
    assert not isinstance(item, ReadError), item
    article = clean_document(item)
    assert isinstance(article, Article), article
    return article


def test_a_polnear_style_file_name_gives_its_date_marked_as_from_the_file_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt"
    path.write_text(OMALLEY, encoding="utf-8")
    article = _read_one(path)
    assert article.published is not None and article.published.date() == date(2015, 11, 16)
    assert article.published_from == "file name"
    assert name_date("ap_20220303_talks.html") == date(2022, 3, 3)


def test_an_impossible_or_implausible_date_in_a_name_gives_none(tmp_path: Path) -> None:
    path = tmp_path / "politico_2016-13-45_cruz-tops-trump.txt"
    path.write_text(OMALLEY, encoding="utf-8")
    article = _read_one(path)
    assert article.published is None and article.published_from is None
    assert name_date("1887-01-01_history.txt") is None  # no plausible publication year
    assert name_date("000_6d1883f0ac6fcebe.txt") is None  # a hash, not a date
    assert name_date("cruz_2016-04-03_to_2016-04-05.txt") is None  # which one?


def test_the_html_page_date_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "politico_2016-04-03_o-malley.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in OMALLEY.split("\n\n")[1:])
    path.write_text(
        '<html><head><meta property="article:published_time" content="2015-11-17T10:00:00Z">'
        f"<title>O'Malley campaign to shift staff</title></head><body><article>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = _read_one(path)
    assert article.published is not None and article.published.date() == date(2015, 11, 17)
    assert article.published_from == "source"


def test_a_jsonl_date_is_the_source_and_a_jsonl_file_name_dates_no_line(tmp_path: Path) -> None:
    path = tmp_path / "politico_2016-04-03.jsonl"
    lines = [{"text": OMALLEY, "published": "2015-11-16"}, {"text": TALKS}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second = read_paths([path])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    dated, undated = clean_document(first), clean_document(second)
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert dated.published is not None and dated.published.date() == date(2015, 11, 16)
    assert dated.published_from == "source"
    assert undated.published is None  # the file holds many articles: its name dates none


def test_an_updated_line_at_the_top_gives_a_date_from_the_text() -> None:
    raw = RawDocument(
        "t",
        "Russia and Ukraine hope for breakthrough\n\nUpdated March 3, 2022 10:15 AM\n\n" + TALKS,
        "text",
        file_name="talks_2022-03-01.txt",  # the text's own word comes before a file name
    )
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.published is not None and article.published.date() == date(2022, 3, 3)
    assert article.published_from == "text"


@pytest.mark.parametrize(
    "line",
    [
        "Updated 2 hours ago",  # relative: nothing to read it against
        "March 3",  # no year: not guessed
        "3/4/2022",  # March 4 or April 3?
        "The talks resumed on March 3, 2022, by video link.",  # a sentence, not a date line
    ],
)
def test_a_line_that_is_not_a_whole_date_gives_none(line: str) -> None:
    article = clean_document(RawDocument("t", f"Talks resume\n\n{line}\n\n{TALKS}", "text"))
    assert isinstance(article, Article)
    assert article.published is None and article.published_from is None


def test_polnear_train_texts_take_their_dates_from_their_names(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "polnear" / "train" / "text"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: PolNeAR is not in ../shared")
    paths = sorted(folder.glob("*.txt"))[:25]
    for path in paths:
        article = _read_one(path)
        assert article.published_from == "file name", path.name
        assert article.published is not None
        assert article.published.date().isoformat() == path.name.split("_")[1], path.name


def test_an_article_stored_before_published_from_existed_reads_back_without_it() -> None:
    article = Article("a1", "politico_2016-04-03_x.txt", TALKS, published_from="file name")
    row = to_dict(article)
    assert from_dict(Article, row) == article
    del row["published_from"]
    assert from_dict(Article, row).published_from is None


def test_derived_dates_are_said_once_per_report_not_per_article(tmp_path: Path) -> None:
    articles = []
    for name, text in (
        ("politico_2016-04-03_cruz.txt", OMALLEY),
        ("breitbart_2016-04-04_cruz.txt", TALKS),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        articles.append(_read_one(tmp_path / name))
    annotated = [AnnotatedArticle(a, (), (), (), (), (), ()) for a in articles]
    lede = articles[0].text.split("\n")[0]
    report = StoryReport(
        story=Story("st-1", "Cruz tops Trump", tuple(a.id for a in articles)),
        articles=tuple(articles),
        placements=(),
        reuse=(),
        origin_groups=tuple((a.id,) for a in articles),
        statements=(),
        quotes=(),
        shared_facts=(),
        single_source_facts=(),
        brief=(BriefSentence(lede, (Citation(articles[0].id, Span(0, len(lede))),), 1),),
        published=tuple(publication_dates(annotated)),
    )
    assert [p.basis for p in report.published] == ["derived", "derived"]
    md = render_markdown([report])
    assert "Dates: [1][2] taken from their file names" in md
    assert md.count("file name") == 1  # not once per article
    assert "published 2016-04-03" in md and "published 2016-04-04" in md  # the article list
    assert render_html([report]).count("taken from their file names") == 1


def test_a_bad_published_value_exits_1_with_one_line_naming_it(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    for bad in ("2016-13-45", "cruz.txt=April 3"):
        result = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(db), "--published", bad])
        assert result.exit_code == 1
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and repr(bad) in lines[0], result.output
    assert not db.exists()
    with pytest.raises(ValueError, match="2016-13-45"):
        given_dates(["2016-13-45"])


def test_analyze_published_sets_the_dates_of_articles_that_have_none(
    tmp_path: Path,
    seeds_dir: Path,
    backend: NlpBackend,  # loads the models once for the session
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (SEED_WIRE, SEED_REWRITE):
        shutil.copy(seeds_dir / name, folder / name)
    dated = "breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt"
    (folder / dated).write_text(OMALLEY, encoding="utf-8")
    out = tmp_path / "r"
    args = ["analyze", str(folder), "--db", str(tmp_path / "c.db"), "--out", str(out)]
    args += ["--format", "json", "--published", "2022-03-16"]
    args += ["--published", f"{SEED_REWRITE}=2022-03-17", "--published", "nothing.txt=2022-03-18"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "--published nothing.txt=...: no article read from it" in result.output
    stories = json.loads((out / "stories.json").read_text())["stories"]
    by_file = {
        Path(a["origin"]).name: (a["published"][:10], a["published_from"])
        for story in stories
        for a in story["articles"]
    }
    assert by_file[SEED_WIRE] == ("2022-03-16", "given")
    assert by_file[SEED_REWRITE] == ("2022-03-17", "given")
    assert by_file[dated] == ("2015-11-16", "file name")  # it had a date of its own


def test_a_date_derived_from_a_file_name_does_not_reorder_the_batch(
    tmp_path: Path,
    seeds_dir: Path,
    backend: NlpBackend,  # loads the models once for the session
) -> None:
    # sorting polnear-150 by its file-name dates reshuffled its arrival and cost three
    # true story pairs; a date the user gives still orders the batch
    folder = tmp_path / "in"
    folder.mkdir()
    first, second = "a_2022-03-17_wire.txt", "b_2022-03-16_rewrite.txt"
    shutil.copy(seeds_dir / SEED_WIRE, folder / first)
    shutil.copy(seeds_dir / SEED_REWRITE, folder / second)

    def opened_the_story(*extra: str) -> str:
        out = tmp_path / f"r{len(extra)}"
        db = tmp_path / f"c{len(extra)}.db"
        args = ["analyze", str(folder), "--db", str(db), "--out", str(out), "--format", "json"]
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        (story,) = json.loads((out / "stories.json").read_text())["stories"]
        names = {a["id"]: Path(a["origin"]).name for a in story["articles"]}
        (opener,) = [
            names[p["article_id"]]
            for p in story["placements"]
            if any(s["name"] == "new_story" for s in p["signals"])
        ]
        return opener

    assert opened_the_story() == first  # the inputs' order, though its name is a day later
    given = ["--published", f"{first}=2022-03-17", "--published", f"{second}=2022-03-16"]
    assert opened_the_story(*given) == second  # dates the user gave order the batch
