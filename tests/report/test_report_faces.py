"""The three faces of a report (Markdown, HTML, terminal) render one section model: what
``story_page`` decides a story shows, each face shows, cited alike (issue 18, item 6)."""

from __future__ import annotations

import html
import io
import re

from rich.console import Console

from crosswire.model import StoryReport
from crosswire.report import print_story, render_markdown, story_html, story_page
from crosswire.report.sections import marks


def _terminal(report: StoryReport) -> str:
    out = io.StringIO()
    print_story(Console(file=out, width=400, color_system=None, force_terminal=False), report)
    return out.getvalue()


def test_every_face_shows_every_section_and_brief_citation_of_the_seeds(
    seed_report: StoryReport,
) -> None:
    page = story_page(seed_report)
    md = render_markdown([seed_report])
    page_html = story_html(seed_report)
    terminal = _terminal(seed_report)
    terminal_lines = [line.strip() for line in terminal.splitlines()]

    headings = [section.heading for section in page.sections]
    # the seeds' story has all of these, so each check below has something to find (not
    # "Corroborated by independent sources": every fact both seeds give is Reuters')
    assert {
        "Brief",
        "Who said what",
        "Reuse",
        "Positions",
        "Single-source facts",
        "Articles",
    } <= set(headings), headings
    for heading in headings:
        assert f"\n### {heading}\n" in md, heading
        assert re.search(rf"<h3( id=\"[^\"]+\")?>{re.escape(heading)}</h3>", page_html), heading
        assert any(line.startswith(heading) for line in terminal_lines), heading

    # each brief line, with the articles it cites, each once, in the order first cited
    brief_html = page_html.split(">Brief</h3>", 1)[1].split("</ul>", 1)[0]
    items = brief_html.split("<li>")[1:]
    assert len(items) == len(page.brief.rows) > 0
    for line, item in zip(page.brief.rows, items, strict=True):
        cited = marks(line.cites)
        assert re.fullmatch(r"(\[\d+\])+", cited), cited
        assert f"- {html.escape(line.text, quote=False)} {cited} (" in md
        assert item.startswith(html.escape(line.text) + " ")
        assert "".join(re.findall(r'class="cite" href="[^"]*">(\[\d+\])', item)) == cited
        assert f"• {line.text} {cited} (" in terminal

    # the passages the brief cites: a note in Markdown and on the terminal, a tip in HTML
    assert page.brief.notes
    tips = html.unescape(" ".join(re.findall(r'<span class="tip">([^<]*)</span>', brief_html)))
    for cite in page.brief.notes:
        assert f"\n- {html.escape(cite.note, quote=False)}\n" in md, cite.note
        assert cite.note in terminal_lines, cite.note
        assert cite.where in tips, cite.where

    # the dates note is one line in every face
    assert page.dates_line
    assert html.escape(page.dates_line, quote=False) in md
    assert html.escape(page.dates_line) in page_html
    assert page.dates_line in terminal_lines


def test_the_terminal_words_a_statement_as_the_reports_do(seed_report: StoryReport) -> None:
    page = story_page(seed_report)
    terminal = " ".join(_terminal(seed_report).split())
    md = render_markdown([seed_report])
    for speaker in page.said.rows:
        for wording in speaker.wordings:
            text = html.escape(wording.text, quote=False)
            assert f"> {text} — {marks(wording.cites)} (" in md
            assert " ".join(f"{marks(wording.cites)} {wording.kind}:".split()) in terminal


def test_facts_a_wire_and_its_rewrite_share_stand_on_one_source(
    seed_report: StoryReport,
) -> None:
    # polnear-150 and the seeds, read as a fact-checker: "Corroborated by independent
    # sources" listed facts each noted "1 independent source, 2 articles: [1] Reuters +
    # [2] ..."; a wire and its rewrite are one source
    page = story_page(seed_report)
    assert "Corroborated by independent sources" not in [s.heading for s in page.sections]
    single = page.single
    repeated = [row for row in single.rows if row.note.startswith("1 independent source, 2")]
    assert repeated and all("Reuters" in row.note for row in repeated)
    md = render_markdown([seed_report])
    assert "### Corroborated by independent sources" not in md
