"""The Markdown face: a story page (``sections.story_page``) as Markdown, every line cited
``[1]`` and each section's cited passages listed under it as notes."""

from __future__ import annotations

import html
from collections.abc import Sequence

from crosswire.model import StoryReport
from crosswire.report.build import story_page
from crosswire.report.common import (
    MAX_PAIRS,
    article_label,
    inline,
    percent,
    plural,
    safe_url,
    short_date,
    truncate,
)
from crosswire.report.sections import (
    BriefLine,
    Cite,
    Edge,
    ReuseGraph,
    Section,
    StoryPage,
    marks,
)


def _md(text: str) -> str:
    """One line of untrusted text, with markup characters made inert for Markdown viewers."""
    return html.escape(inline(text), quote=False)


def _cell(text: str) -> str:
    """Table-cell text: one line, pipes escaped so the row keeps its columns."""
    return _md(text).replace("|", "\\|")


def _notes(notes: Sequence[Cite]) -> list[str]:
    """A section's cited passages as a footnote list, one ``[1] Reuters, §2: “…”`` a line."""
    if not notes:
        return []
    return ["Cited passages:", "", *(f"- {_md(c.note)}" for c in notes), ""]


def _brief(line: BriefLine) -> str:
    values = f" — values: {_md('; '.join(line.values))}" if line.values else ""
    return f"- {_md(line.text)} {marks(line.cites)} ({_md(line.note)}){values}"


def _brief_lines(brief: Section[BriefLine]) -> list[str]:
    return ["### Brief", "", *(_brief(line) for line in brief.rows), "", *_notes(brief.notes)]


def _compare(page: StoryPage) -> list[str]:
    """Dates, conflicts and updates, positions and timeline."""
    out: list[str] = []
    if page.dates:
        out += [_md(page.dates_line), ""]
    if page.conflicts.rows:
        out += ["### Conflicts and updates", ""]
        for conflict in page.conflicts.rows:
            arrow = " → " if conflict.kind == "update" else " vs "
            body = arrow.join(f"{_md(s.text)} {marks(s.cites)}" for s in conflict.sides)
            out.append(f"- **{_md(conflict.head)}**: {body}")
        out += ["", *_notes(page.conflicts.notes)]
    if page.positions.rows:
        out += ["### Positions", "", "| actor | stance | on | what | date | cited |"]
        out.append("| --- | --- | --- | --- | --- | --- |")
        for p in page.positions.rows:
            text = f"“{_cell(p.text)}”" if p.quoted else _cell(p.text)
            cells = (_cell(p.who), p.stance, _cell(p.on), text, p.date, marks(p.cites))
            out.append("| " + " | ".join(cells) + " |")
        out += ["", *_notes(page.positions.notes)]
    if page.timeline.rows:
        out += ["### Timeline", ""]
        for e in page.timeline.rows:
            out.append(f"- **{e.date}** ({_md(e.date_text)}): {_md(e.text)} {marks(e.cites)}")
        out += ["", *_notes(page.timeline.notes)]
    return out


def _reuse(graph: ReuseGraph, edges: Sequence[Edge]) -> list[str]:
    """Origin -> copies as an indented list with the independence groups, then each edge
    and its aligned passages."""
    out = ["### Reuse", "", "Who copied whom:", ""]
    for line in graph.tree:
        if line.edge is None:
            out.append(f"- [{line.number}] (origin)")
        else:
            out.append(
                f"{'  ' * line.depth}- → [{line.number}] {line.edge.kind}, "
                f"{percent(line.edge.copy_share)} of the copy reused"
            )
    out += ["", f"Independence groups (each counts once): {graph.groups}", ""]
    for edge in edges:
        out += [f"**[{edge.origin}] → [{edge.copy}]**: {_md(edge.summary)}", ""]
        if not edge.pairs:
            continue
        out.append(f"| origin [{edge.origin}] | copy [{edge.copy}] | similarity |")
        out.append("| --- | --- | --- |")
        for pair in edge.pairs[:MAX_PAIRS]:
            out.append(
                f"| {_cell(pair.origin_text)} [{edge.origin}] | {_cell(pair.copy_text)} "
                f"[{edge.copy}] | {pair.similarity:.2f} |"
            )
        out.append("")
        if len(edge.pairs) > MAX_PAIRS:
            out += [f"…and {len(edge.pairs) - MAX_PAIRS} more aligned passages.", ""]
    return out


def _articles(page: StoryPage) -> list[str]:
    out = ["### Articles", ""]
    for entry in page.articles.rows:
        article = entry.article
        label = _md(article_label(article))
        bits = [f"- **[{entry.number}]** {label}"]
        if article.title and _md(article.title) not in label:
            bits.append(f"“{truncate(_md(article.title), 100)}”")
        if published := short_date(article.published):
            bits.append(f"published {published}")
        if article.byline:
            bits.append(f"by {_md(article.byline)}")
        if article.credited_source:
            bits.append(f"credits {_md(article.credited_source)}")
        if url := safe_url(article.url):
            bits.append(f"<{url}>")
        bits.append(f"origin: {_md(article.origin)}")
        if entry.joined:
            bits.append(f"joined: {entry.joined}")
        out.append(" · ".join(bits))
    return [*out, ""]


def _story(page: StoryPage) -> list[str]:
    head = page.head
    out = [
        f"## {_md(head.title)}",
        "",
        f"Story `{head.story_id}` · {plural(head.articles, 'article')} · "
        f"{plural(head.sources, 'independent source')}",
        "",
        *_articles(page),
    ]
    if page.brief.rows:
        out += [*_brief_lines(page.brief), *_compare(page)]
    if page.said.rows:
        out += ["### Who said what", ""]
        for speaker in page.said.rows:
            who = f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name
            out += [f"**{_md(who)}**", ""]
            for w in speaker.wordings:
                out += [f"> {_md(w.text)} — {marks(w.cites)} ({_md(w.note)})", ""]
    for facts in (page.corroborated, page.single):
        if facts.rows:
            out += [f"### {facts.heading}", ""]
            for fact in facts.rows:
                note = f" ({_md(fact.note)})" if fact.note else ""
                out.append(f"- {_md(fact.text)} {marks(fact.cites)}{note}")
            out += ["", *_notes(facts.notes)]
    if page.reuse.rows:
        out += _reuse(page.graph, page.reuse.rows)
    return out


def render_markdown(reports: Sequence[StoryReport]) -> str:
    """All stories as one Markdown document, every line cited to its source."""
    out = ["# crosswire report", "", f"{plural(len(reports), 'story')}.", ""]
    if not reports:
        out[2] = "No stories."
    for report in reports:
        out += _story(story_page(report))
    return "\n".join(out).rstrip() + "\n"


def brief_markdown(report: StoryReport) -> str:
    """One story's cited brief with its dates, conflicts, positions and timeline."""
    page = story_page(report)
    out = [f"# {_md(page.head.title)}", "", f"Story `{page.head.story_id}`", "", "### Articles", ""]
    out += [f"- **[{e.number}]** {_md(article_label(e.article))}" for e in page.articles.rows]
    out += ["", *_brief_lines(page.brief), *_compare(page)]
    return "\n".join(out).rstrip() + "\n"
