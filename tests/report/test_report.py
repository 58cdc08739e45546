"""The report stage renders a hand-built story report (no NLP models needed).

The story is the March 2022 Russia–Ukraine peace talks as carried by a
Reuters wire copy and a partial rewrite of it.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from datetime import UTC, datetime

import pytest

from crosswire.codec import from_dict
from crosswire.model import (
    AlignedPair,
    AnnotatedArticle,
    Article,
    BriefSentence,
    Citation,
    Claim,
    Fact,
    Placement,
    PublicationDate,
    Quantity,
    Quote,
    Reuse,
    Span,
    Speaker,
    Statement,
    Story,
    StoryReport,
    StorySignal,
)
from crosswire.report import (
    StoryLayout,
    article_label,
    brief_citations,
    passage_id,
    render_brief,
    render_html,
    render_json,
    render_markdown,
    report_to_dict,
    source_name,
    story_html,
)
from crosswire.report.pages import article_html

WIRE_TEXT = (
    "New talk of compromise from both Moscow and Kyiv on a status for Ukraine outside of "
    "NATO lifted hope on Wednesday for a potential breakthrough after three weeks of war.\n\n"
    "Ukraine's President Volodymyr Zelenskiy said negotiations were becoming "
    '"more realistic", while Russian Foreign Minister Sergei Lavrov said there was '
    '"some hope for compromise".\n\n'
    "The Kremlin said the sides were discussing status for Ukraine similar to that of "
    "Austria or Sweden, both members of the European Union that are outside the NATO "
    "military alliance.\n\n"
    "Though the war still ground on, the signs of compromise sent relief through global "
    "financial markets. Shares in Germany - Russia's biggest energy market - were up 3.4%."
)
REWRITE_TEXT = (
    "Moscow and Kyiv both spoke of compromise on Wednesday, three weeks into Russia’s war.\n\n"
    "President Volodymyr Zelensky told Ukrainians in a video address that the positions "
    'in the talks were "sounding more realistic".\n\n'
    "The Kremlin said the two sides were discussing status for Ukraine similar to that of "
    "Austria or Sweden, both members of the European Union that remain outside the NATO "
    "military alliance."
)
WIRE_ID = "a1b2c3d4e5f60718"
REWRITE_ID = "f9e8d7c6b5a40312"


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _sentence(text: str, first: str, last: str) -> tuple[str, Span]:
    """The passage of ``text`` from ``first`` through ``last``, and its span."""
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return text[start:end], Span(start, end)


def _report(
    wire_title: str = "'Outside of NATO': Russia and Ukraine hope for breakthrough in peace talks",
    wire_url: str | None = "https://pakobserver.net/outside-of-nato/",
) -> StoryReport:
    wire = Article(
        id=WIRE_ID,
        origin="/data/seeds/000_6d1883f0ac6fcebe.txt",
        text=WIRE_TEXT,
        title=wire_title,
        url=wire_url,
        outlet="Pakistan Observer",
        published=datetime(2022, 3, 16, 14, 5, tzinfo=UTC),
        credited_source="Reuters",
        removed_lines=("Connect with us", "SOURCE: REUTERS"),
    )
    rewrite = Article(
        id=REWRITE_ID,
        origin="/data/seeds/003_f372e9d9cded4f3a.txt",
        text=REWRITE_TEXT,
        title="Kremlin floats Austrian-style neutrality for Ukraine",
        published=datetime(2022, 3, 16),
    )
    zelensky = "Volodymyr Zelensky"
    wire_quote = Quote(
        article_id=WIRE_ID,
        kind="direct",
        content="more realistic",
        content_span=_span(WIRE_TEXT, "more realistic"),
        speaker=Speaker(
            "Volodymyr Zelenskiy",
            zelensky,
            "President",
            "Ukraine",
            _span(WIRE_TEXT, "Volodymyr Zelenskiy"),
        ),
        cue="said",
        cue_span=_span(WIRE_TEXT, "said"),
    )
    rewrite_quote = Quote(
        article_id=REWRITE_ID,
        kind="mixed",
        content='the positions in the talks were "sounding more realistic"',
        content_span=_span(
            REWRITE_TEXT, 'the positions in the talks were "sounding more realistic"'
        ),
        speaker=Speaker(zelensky, zelensky, "President", None, _span(REWRITE_TEXT, zelensky)),
        cue="told",
        cue_span=_span(REWRITE_TEXT, "told"),
    )
    lavrov_quote = Quote(
        article_id=WIRE_ID,
        kind="direct",
        content="some hope for compromise",
        content_span=_span(WIRE_TEXT, "some hope for compromise"),
        speaker=Speaker("Sergei Lavrov", "Sergei Lavrov", "Foreign Minister", "Russia"),
        cue="said",
    )
    kremlin_wire, kremlin_wire_span = _sentence(WIRE_TEXT, "The Kremlin said", "alliance.")
    kremlin_copy, kremlin_copy_span = _sentence(REWRITE_TEXT, "The Kremlin said", "alliance.")
    shares, shares_span = _sentence(WIRE_TEXT, "Shares in Germany", "3.4%.")
    _, lede_wire_span = _sentence(WIRE_TEXT, "New talk", "of war.")
    _, lede_copy_span = _sentence(REWRITE_TEXT, "Moscow and Kyiv", "war.")
    shared_fact = Fact(
        text=kremlin_wire,
        claims=(
            Claim(WIRE_ID, kremlin_wire, kremlin_wire_span, ("Kremlin", "Austria", "Sweden")),
            Claim(REWRITE_ID, kremlin_copy, kremlin_copy_span, ("Kremlin", "Austria", "Sweden")),
        ),
        article_ids=(WIRE_ID, REWRITE_ID),
        independent_sources=2,
    )
    single_fact = Fact(
        text="Germany's shares rose 3.4%",
        claims=(
            Claim(
                WIRE_ID,
                shares,
                shares_span,
                ("Germany", "Russia"),
                (Quantity("3.4%", 3.4, "%"),),
            ),
        ),
        article_ids=(WIRE_ID,),
        independent_sources=1,
    )
    edge = Reuse(
        origin_id=WIRE_ID,
        copy_id=REWRITE_ID,
        kind="partial",
        origin_share=0.31,
        copy_share=0.58,
        pairs=(
            AlignedPair(
                kremlin_wire_span, kremlin_copy_span, kremlin_wire, kremlin_copy, similarity=0.93
            ),
        ),
        direction_reason="origin credits Reuters and was published first",
    )
    return StoryReport(
        story=Story(
            "st-6d1883f0", "Russia and Ukraine hope for breakthrough", (WIRE_ID, REWRITE_ID)
        ),
        articles=(wire, rewrite),
        placements=(
            Placement(WIRE_ID, "st-6d1883f0", ()),
            Placement(REWRITE_ID, "st-6d1883f0", (StorySignal("cosine", 0.82),)),
        ),
        reuse=(edge,),
        origin_groups=((WIRE_ID,), (REWRITE_ID,)),
        statements=(
            Statement(zelensky, "President", (wire_quote, rewrite_quote)),
            Statement("Sergei Lavrov", "Foreign Minister", (lavrov_quote,)),
        ),
        quotes=(wire_quote, lavrov_quote, rewrite_quote),
        shared_facts=(shared_fact,),
        single_source_facts=(single_fact,),
        brief=(
            BriefSentence(
                "Moscow and Kyiv spoke of compromise on a status for Ukraine outside NATO.",
                (Citation(WIRE_ID, lede_wire_span), Citation(REWRITE_ID, lede_copy_span)),
                independent_sources=2,
            ),
        ),
    )


@pytest.fixture()
def report() -> StoryReport:
    return _report()


# --------------------------------------------------------------------------
# article_label


def test_label_prefers_outlet_and_marks_the_wire(report: StoryReport) -> None:
    wire, rewrite = report.articles
    assert article_label(wire) == "Pakistan Observer (via Reuters)"
    assert article_label(rewrite) == "Kremlin floats Austrian-style neutrality for Ukraine"


def test_label_truncates_long_titles_and_falls_back_to_the_file_name() -> None:
    long_title = "'Outside of NATO': Russia and Ukraine hope for breakthrough in peace talks"
    article = Article(id="x", origin="/tmp/feeds/a.jsonl:3", text="t", title=long_title)
    label = article_label(article)
    assert label.startswith("'Outside of NATO': Russia and Ukraine")
    assert label.endswith("…") and len(label) <= 60
    bare = Article(id="x", origin="/tmp/feeds/a.jsonl:3", text="t", credited_source="AP")
    assert article_label(bare) == "a.jsonl:3 (via AP)"
    multiline = Article(id="x", origin="o.txt", text="t", title="  Peace\ntalks  ")
    assert article_label(multiline) == "Peace talks"


# --------------------------------------------------------------------------
# Markdown


def test_markdown_cites_every_brief_sentence_with_article_and_passage(
    report: StoryReport,
) -> None:
    md = render_markdown([report])
    assert "## Russia and Ukraine hope for breakthrough" in md
    assert "st-6d1883f0" in md
    assert "### Brief" in md
    assert (
        "- Moscow and Kyiv spoke of compromise on a status for Ukraine outside NATO. [1][2] "
        "(2 independent sources)"
    ) in md
    # issue 18: the passages go in notes under the brief, by source and paragraph, never
    # as character offsets
    notes = md.split("### Brief")[1].split("Cited passages:")[1].split("###")[0]
    assert (
        "- [1] Pakistan Observer, §1: “New talk of compromise from both Moscow and Kyiv on a "
        "status for Ukraine outside of NATO lifted hope on Wednesday for a potential "
        "breakthrough after three…”"
    ) in notes
    assert (
        "- [2] Kremlin floats Austrian-style…, §1: “Moscow and Kyiv both spoke of compromise "
        "on Wednesday, three weeks into Russia’s war.”"
    ) in notes
    assert not re.search(r"§\d+–\d+", md)


def test_markdown_lists_articles_with_date_wire_and_origin(report: StoryReport) -> None:
    md = render_markdown([report])
    (wire_line,) = [line for line in md.splitlines() if line.startswith("- **[1]**")]
    assert "Pakistan Observer (via Reuters)" in wire_line
    assert "published 2022-03-16 14:05 UTC" in wire_line
    assert "credits Reuters" in wire_line
    assert "/data/seeds/000_6d1883f0ac6fcebe.txt" in wire_line
    assert "<https://pakobserver.net/outside-of-nato/>" in wire_line
    (copy_line,) = [line for line in md.splitlines() if line.startswith("- **[2]**")]
    assert "published 2022-03-16 ·" in copy_line and "joined: cosine 0.82" in copy_line


def test_markdown_shows_one_statement_with_both_wordings(report: StoryReport) -> None:
    md = render_markdown([report])
    section = md.split("### Who said what")[1].split("###")[0]
    assert "**Volodymyr Zelensky (President)**" in section
    assert "> “more realistic” — [1] (direct, said, as “Volodymyr Zelenskiy”)" in section
    assert '> “the positions in the talks were "sounding more realistic"” — [2] (' in section
    assert "(mixed, told)" in section
    # Each quote is its own blockquote: a blank line separates them.
    assert "\n\n> “the positions" in section


def test_markdown_fact_sections_carry_citations(report: StoryReport) -> None:
    md = render_markdown([report])
    shared = md.split("### Corroborated by independent sources")[1].split("###")[0]
    assert "The Kremlin said the sides were discussing status for Ukraine" in shared
    assert "(2 independent sources, 2 articles)" in shared
    # the wire's passage is the fact's text itself; the copy's wording is noted
    assert "[1] Pakistan Observer, §3" not in shared
    assert "- [2] Kremlin floats Austrian-style…, §3: “The Kremlin said the two sides" in shared
    single = md.split("### Single-source facts")[1].split("###")[0]
    assert "- Germany's shares rose 3.4% [1]\n" in single
    assert (
        "- [1] Pakistan Observer, §4: “Shares in Germany - Russia's biggest energy market - "
        "were up 3.4%.”"
    ) in single
    for line in (shared + single).splitlines():
        if line.startswith("- "):
            assert re.search(r"\[\d+\]", line) and "§" not in line.split("]", 1)[0], line


def test_markdown_reuse_edge_and_aligned_pair(report: StoryReport) -> None:
    md = render_markdown([report])
    reuse = md.split("### Reuse")[1]
    assert (
        "**[1] → [2]**: partial, 31% of the origin and 58% of the copy reused; "
        "origin credits Reuters and was published first"
    ) in reuse
    assert "| origin [1] | copy [2] | similarity |" in reuse
    row = next(line for line in reuse.splitlines() if line.startswith("| The Kremlin"))
    assert row.count(" | ") == 2 and "that remain outside" in row and row.endswith("| 0.93 |")


def test_markdown_omits_empty_sections_and_keeps_text_on_one_line(report: StoryReport) -> None:
    quote = dataclasses.replace(report.quotes[0], content="more\n\nrealistic | really")
    bare = dataclasses.replace(
        report,
        story=dataclasses.replace(report.story, title="Peace\ntalks"),
        brief=(),
        shared_facts=(),
        single_source_facts=(),
        reuse=(),
        statements=(
            Statement("Volodymyr Zelensky", None, (quote,)),
            Statement("Ukraine's chief negotiator", "chief negotiator", (report.quotes[1],)),
        ),
    )
    md = render_markdown([bare])
    assert "**Volodymyr Zelensky**" in md
    assert "**Ukraine's chief negotiator**" in md  # role already in the name: not repeated
    assert "## Peace talks\n" in md
    assert "> “more realistic | really” — [1] (" in md
    for heading in ("Brief", "Corroborated", "Single-source", "Reuse"):
        assert f"### {heading}" not in md
    assert render_markdown([]).startswith("# crosswire report\n\nNo stories.")


# --------------------------------------------------------------------------
# HTML


def test_html_is_self_contained_and_escapes_untrusted_text() -> None:
    evil = _report(
        wire_title="<script>alert(1)</script> talks",
        wire_url="javascript:alert(document.cookie)",
    )
    wire = dataclasses.replace(
        evil.articles[0],
        outlet='Observer"><img src=x onerror=alert(2)>',
        text=evil.articles[0].text + "\n<script>alert(3)</script>",
    )
    evil = dataclasses.replace(
        evil,
        story=dataclasses.replace(evil.story, title="<script>alert(4)</script>"),
        articles=(wire, evil.articles[1]),
    )
    page = render_html([evil])
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ) in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert 'href="javascript:' not in page.lower()
    assert "javascript:alert(document.cookie)" in page  # shown, as plain text
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no external resources


def test_html_links_only_http_urls(report: StoryReport) -> None:
    page = render_html([report])
    assert 'href="https://pakobserver.net/outside-of-nato/"' in page
    for bad in ("data:text/html,hi", "java\tscript:alert(1)", "//evil.example/x", "ftp://x/y"):
        page = render_html([_report(wire_url=bad)])
        assert not re.search(r'href="(?!#)', page), bad


def test_html_citations_link_to_article_anchors_with_cited_text(report: StoryReport) -> None:
    page = render_html([report])
    assert f'<li id="a-{WIRE_ID}">' in page and f'<li id="a-{REWRITE_ID}">' in page
    # a static report has no article pages: [1] links to the article's entry and keeps
    # the passage in a tip that hover and focus show
    assert (
        f'<a class="cite" href="#a-{WIRE_ID}">[1]<span class="tip">Pakistan Observer, §1: '
        "“New talk of compromise from both Moscow and Kyiv on a status for Ukraine outside "
        "of NATO lifted hope on Wednesday for a potential breakthrough after three…”</span></a>"
    ) in page
    assert "a.cite:hover .tip" in page and "a.cite:focus .tip" in page
    # every anchor a citation points at exists on the page
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert targets and targets <= ids
    for heading in (
        "Brief",
        "Who said what",
        "Corroborated by independent sources",
        "Single-source facts",
        "Reuse",
    ):
        assert f"<h3>{heading}</h3>" in page
    assert "Germany&#x27;s shares rose 3.4%" in page


def test_html_side_by_side_diff_marks_changed_words(report: StoryReport) -> None:
    page = render_html([report])
    table = page.split('<table class="pairs">')[1].split("</table>")[0]
    assert "<th>origin [1]</th><th>copy [2]</th>" in table
    origin_cell, copy_cell = re.findall(r"<td[^>]*>(.*?)</td>", table)  # data-label: phone cards
    assert "<del>are</del>" in origin_cell and "<ins>remain</ins>" in copy_cell
    assert "<ins>two</ins>" in copy_cell and "<ins>" not in origin_cell
    assert "The Kremlin said the" in origin_cell  # unchanged words stay plain
    assert "<del>" not in copy_cell


def test_html_highlights_quote_spans_in_article_text(report: StoryReport) -> None:
    page = render_html([report])
    assert '<mark class="q" title="Volodymyr Zelensky">more realistic</mark>' in page
    assert "<details><summary>Text (" in page


def test_source_name_is_short_and_never_a_path() -> None:
    # issue 18: the coverage matrix was headed by full file paths
    polnear = "/data/polnear/train/text/politico_2016-04-03_cruz-tops-trump.txt"
    article = Article(id="x", origin=polnear, text="t", title="Cruz tops Trump")
    assert source_name(article) == "politico"
    online = dataclasses.replace(article, url="https://www.latimes.com/local/la-me-lohan")
    assert source_name(online) == "latimes.com"
    assert source_name(dataclasses.replace(online, outlet=" Los Angeles\nTimes ")) == (
        "Los Angeles Times"
    )
    for origin, name in (
        ("/in/feed.jsonl:12", "feed"),
        ("upload:harbour.html", "harbour"),
        ("api:20240101T120000:3", "api"),
        ("C:\\news\\1_10ecb.txt", "1_10ecb"),
        ("https://apnews.com/article/x", "apnews.com"),
        ("/in/feed.rss#https://example.org/item/1", "feed"),
    ):
        assert source_name(Article(id="x", origin=origin, text="t")) == name, origin


def test_story_reads_in_order_title_dates_sources_then_brief(report: StoryReport) -> None:
    page = render_html([report])
    story = page[page.index('<section class="story"') :]
    head = story[: story.index("</header>")]
    assert "published 2022-03-16" in head and "2 articles" in head
    assert "Pakistan Observer" in head and "/data/seeds" not in head
    order = [
        '<h2 class="story-title">',
        "<h3>Brief</h3>",
        "<h3>Who said what</h3>",
        "<h3>Reuse</h3>",
        "<h3>Corroborated by independent sources</h3>",
        "<h3>Single-source facts</h3>",
        '<h3 id="articles-',
    ]
    where = [story.index(mark) for mark in order]
    assert where == sorted(where), order
    single = story[story.index('<details class="fold">') :]
    assert single.index("<h3>Single-source facts</h3>") < single.index("</summary>")


def test_long_lists_fold_in_the_report_and_link_on_the_web(report: StoryReport) -> None:
    """40 single-source facts: the static page folds all but 30, the web page links the
    rest; the web page links each article's page instead of carrying its text."""
    (fact,) = report.single_source_facts
    facts = tuple(dataclasses.replace(fact, text=f"Fact number {n}") for n in range(40))
    long = dataclasses.replace(report, single_source_facts=facts)
    static = render_html([long])
    assert static.count("Fact number") == 40
    folded = static[static.index('<details class="more"><summary>10 more facts</summary>') :]
    assert folded.count("Fact number") == 10
    assert "<details><summary>Text (" in static  # the file carries the texts, folded
    web = StoryLayout(level=1, article_href="/articles/{id}", more_href="/stories/st/all", items=30)
    page = story_html(long, web)
    assert page.count("Fact number") == 30
    assert '…and 10 more facts: <a href="/stories/st/all">' in page
    assert "<details><summary>Text (" not in page and '<div class="text">' not in page
    assert f'<a href="/articles/{WIRE_ID}">' in page
    assert '<h1 class="story-title">' in page and "<h2>Brief</h2>" in page
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets <= set(re.findall(r' id="([^"]+)"', page))


def test_tables_carry_labels_for_phone_cards(report: StoryReport) -> None:
    page = render_html([report])
    assert '<td data-label="origin [1]">' in page and '<td data-label="copy [2]">' in page
    assert "@media (max-width:40rem)" in page and "attr(data-label)" in page


# --------------------------------------------------------------------------
# JSON


def test_json_round_trips_with_every_part(report: StoryReport) -> None:
    text = render_json([report, _report()])
    data = json.loads(text)
    assert len(data["stories"]) == 2
    story = data["stories"][0]
    assert [a["id"] for a in story["articles"]] == [WIRE_ID, REWRITE_ID]
    wire = story["articles"][0]
    assert wire["text"] == WIRE_TEXT
    assert wire["credited_source"] == "Reuters"
    assert wire["published"] == "2022-03-16T14:05:00+00:00"
    assert wire["removed_lines"] == ["Connect with us", "SOURCE: REUTERS"]
    assert {q["content"] for q in story["quotes"]} == {q.content for q in report.quotes}
    assert len(story["statements"][0]["quotes"]) == 2
    (edge,) = story["reuse"]
    assert (edge["origin_id"], edge["copy_id"], edge["kind"]) == (WIRE_ID, REWRITE_ID, "partial")
    assert edge["pairs"][0]["copy_text"].startswith("The Kremlin said the two sides")
    assert story["single_source_facts"][0]["text"] == "Germany's shares rose 3.4%"
    assert "three weeks into Russia’s war." in text  # ensure_ascii=False keeps text readable
    assert from_dict(StoryReport, story) == report
    assert report_to_dict(report) == story


def test_markdown_makes_markup_in_untrusted_text_inert() -> None:
    evil = _report(wire_title="<script>alert(1)</script> talks")
    evil = dataclasses.replace(
        evil, story=dataclasses.replace(evil.story, title="<img src=x onerror=alert(2)>")
    )
    md = render_markdown([evil])
    assert "<script" not in md and "<img" not in md
    assert "&lt;img src=x onerror=alert(2)&gt;" in md


def test_indirect_quotes_are_not_put_in_quote_marks(report: StoryReport) -> None:
    indirect = dataclasses.replace(report.quotes[0], kind="indirect")
    statement = dataclasses.replace(report.statements[0], quotes=(indirect,))
    md = render_markdown([dataclasses.replace(report, statements=(statement,))])
    assert f"> {' '.join(indirect.content.split())} — [" in md


def test_html_marks_a_passage_attributed_twice(report: StoryReport) -> None:
    """Two attributions of one passage (two cues, one quote) render once, without a crash."""
    quote = report.quotes[0]
    twin = dataclasses.replace(quote, cue="told reporters", kind="indirect")
    page = render_html([dataclasses.replace(report, quotes=(quote, twin, *report.quotes[1:]))])
    marked = re.findall(r'<mark class="q"[^>]*>([^<]*)</mark>', page)
    assert marked.count(html.escape(quote.content, quote=True)) >= 1


def test_undated_articles_are_said_once_per_report(report: StoryReport) -> None:
    # issue 18: the brief said "publication date unknown" once per article (seven times)
    undated = tuple(PublicationDate(a.id, None, "unknown") for a in report.articles)
    story = dataclasses.replace(report, published=undated)
    md = render_markdown([story])
    assert md.count("publication date unknown") == 1
    numbers = "".join(f"[{n}]" for n in range(1, len(report.articles) + 1))
    assert f"Dates: {numbers} publication date unknown" in md
    assert render_html([story]).count("publication date unknown") == 1


# --------------------------------------------------------------------------
# Citations a person can follow (issue 18)


def _twice_cited(report: StoryReport) -> StoryReport:
    """The brief line cites the wire twice (two passages) and the copy once; a second line
    cites one of those wire passages again."""
    _, lede = _sentence(WIRE_TEXT, "New talk", "of war.")
    _, zelensky = _sentence(WIRE_TEXT, "Ukraine's President", 'compromise".')
    _, copy = _sentence(REWRITE_TEXT, "Moscow and Kyiv", "war.")
    line = BriefSentence(
        "Moscow and Kyiv spoke of compromise; Zelensky called the talks more realistic.",
        (Citation(WIRE_ID, lede), Citation(REWRITE_ID, copy), Citation(WIRE_ID, zelensky)),
        independent_sources=2,
    )
    again = BriefSentence("Lavrov saw hope.", (Citation(WIRE_ID, zelensky),), 1)
    return dataclasses.replace(report, brief=(line, again))


def test_an_article_cited_twice_in_a_line_shows_once_with_each_passage_noted(
    report: StoryReport,
) -> None:
    story = _twice_cited(report)
    md = render_brief(story)
    assert "more realistic. [1][2] (2 independent sources)" in md
    assert not re.search(r"\[(\d+)\]\[\1\]", md)
    notes = [line for line in md.split("Cited passages:")[1].splitlines() if line.startswith("- [")]
    assert notes == [
        "- [1] Pakistan Observer, §1: “New talk of compromise from both Moscow and Kyiv on a "
        "status for Ukraine outside of NATO lifted hope on Wednesday for a potential "
        "breakthrough after three…”",
        "- [1] Pakistan Observer, §2: “Ukraine's President Volodymyr Zelenskiy said negotiations "
        'were becoming "more realistic", while Russian Foreign Minister Sergei Lavrov said '
        'there was "some…”',
        "- [2] Kremlin floats Austrian-style…, §1: “Moscow and Kyiv both spoke of compromise "
        "on Wednesday, three weeks into Russia’s war.”",
    ]
    for note in notes:  # a snippet is at most 160 characters, cut at a word
        snippet = note.split(": “", 1)[1].removesuffix("”")
        assert len(snippet) <= 160
    # HTML: one [1] link, both wire passages in its tip
    page = render_brief(story, "html")
    line = page.split("<h3>Brief</h3>")[1].split("</li>")[0]
    assert line.count(">[1]<") == 1 and line.count(">[2]<") == 1
    tip = re.search(r'>\[1\]<span class="tip">([^<]*)</span>', line)
    assert tip and tip.group(1).startswith("Pakistan Observer, §1: “New talk")
    assert " · §2: “Ukraine&#x27;s President" in tip.group(1)
    assert page.count('<ul class="notes">') == 1  # the passages visible without hover too
    # the terminal gets the same marks and notes
    marks, terminal_notes = brief_citations(story)
    assert marks == ["[1][2]", "[1]"]
    assert ["- " + n for n in terminal_notes] == notes


def test_a_citation_tip_escapes_the_passage() -> None:
    evil = 'He said "<img src=x onerror=alert(1)>" & left.'
    report = _report()
    wire = dataclasses.replace(report.articles[0], text=WIRE_TEXT + "\n\n" + evil)
    span = _span(wire.text, evil)
    story = dataclasses.replace(
        report,
        articles=(wire, report.articles[1]),
        brief=(BriefSentence("He left.", (Citation(WIRE_ID, span),), 1),),
    )
    for page in (render_html([story]), render_brief(story, "html")):
        assert "<img" not in page
        assert "“He said &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; left.”" in page
    assert "&lt;img" in render_brief(story) and "<img" not in render_brief(story)


def test_article_page_anchors_cited_passages_even_when_they_cross(report: StoryReport) -> None:
    wire = report.articles[0]
    annotated = AnnotatedArticle(wire, (), (), report.quotes[:2], (), ())
    _, lede = _sentence(WIRE_TEXT, "New talk", "of war.")
    crossing = _span(WIRE_TEXT, "three weeks of war.\n\nUkraine's President")
    _, zelensky = _sentence(WIRE_TEXT, "Ukraine's President", 'compromise".')
    body = article_html(annotated, (), [lede, crossing, zelensky, Span(5, 2), Span(0, 10**6)])
    for span in (lede, crossing, zelensky):
        assert body.count(f'id="{passage_id(span)}"') == 1
    assert 'id="p-5-2"' not in body and f'id="p-0-{10**6}"' not in body  # not in the text
    first = body.split(f'<span class="cited" id="{passage_id(lede)}">')[1]
    assert first.startswith("New talk of compromise")
    # the markup stays balanced: spans close inside their paragraph
    for paragraph in re.findall(r"<p>(.*?)</p>", body):
        assert paragraph.count("<span") == paragraph.count("</span>"), paragraph
    assert body.count("<p>") == WIRE_TEXT.count("\n\n") + 1


def test_seed_brief_cites_articles_and_notes_every_passage(seed_report: StoryReport) -> None:
    md = render_brief(seed_report)
    assert not re.search(r"§\d+–\d+", md), "character offsets in the brief"
    assert not re.search(r"\[(\d+)\]\[\1\]", md), "an article cited twice in a row"
    assert "Cited passages:" in md.split("### Brief")[1], "no notes under the brief"
    lines, rest = md.split("### Brief")[1].split("Cited passages:", 1)
    notes = rest.split("\n\n")[1].splitlines()
    assert len(notes) == len(set(notes))
    number = {a.id: n for n, a in enumerate(seed_report.articles, 1)}
    text = {a.id: a.text for a in seed_report.articles}
    for sentence in seed_report.brief:
        (line,) = [x for x in lines.splitlines() if x.startswith(f"- {sentence.text[:40]}")]
        marks = re.findall(r"\[(\d+)\]", line.split(" (", 1)[0])
        assert marks == list(dict.fromkeys(str(number[c.article_id]) for c in sentence.citations))
        for c in sentence.citations:
            passage = " ".join(text[c.article_id][c.span.start : c.span.end].split())
            paragraph = text[c.article_id].count("\n\n", 0, c.span.start) + 1
            head = f"- [{number[c.article_id]}] "
            (note,) = [
                n for n in notes if n.startswith(head) and f", §{paragraph}: “{passage[:60]}" in n
            ]
            snippet = note.split(": “", 1)[1].removesuffix("”")
            assert len(snippet) <= 160
            assert passage.startswith(snippet.removesuffix("…"))
