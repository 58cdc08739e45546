"""The terminal face: a story page (``sections.story_page``) printed to a Rich console,
what ``crosswire show`` and ``crosswire analyze`` print of one story in full.

The same sections as the Markdown and HTML reports, cited alike; only the single-source
facts are cut to those that carry a figure, as a terminal has no fold.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from crosswire.model import StoryReport
from crosswire.report.build import story_page
from crosswire.report.common import article_label, plural
from crosswire.report.sections import Cite, Section, StoryPage, marks


def _line(console: Console, text: str) -> None:
    console.print(text, highlight=False)


def _cited(text: str, cites: Sequence[Cite], note: str = "") -> str:
    """`` • text [1][2] (note)``: a row of a section, its marks and note coloured."""
    line = f" • {escape(text)} [cyan]{escape(marks(cites))}[/cyan]"
    return line + (f" [dim]({escape(note)})[/dim]" if note else "")


def _notes(console: Console, notes: Sequence[Cite], always: bool = False) -> None:
    """A section's cited passages, one ``[1] Reuters, §2: “…”`` a line."""
    if notes or always:
        console.print("[dim]Cited passages:[/dim]")
    for cite in notes:
        _line(console, f"   [dim]{escape(cite.note)}[/dim]")


def _heading(console: Console, section: Section[object], note: str = "") -> None:
    extra = f" [dim]({escape(note)})[/dim]" if note else ""
    _line(console, f"\n[bold]{escape(section.heading)}[/bold]{extra}")


def _head(console: Console, page: StoryPage) -> None:
    """The title rule, what the story spans, and each article with why it joined."""
    head = page.head
    console.rule(f"[bold]{escape(head.title)}[/bold]  ({head.story_id})")
    counts = f"{plural(head.articles, 'article')} · {plural(head.sources, 'independent source')}"
    _line(console, f"[dim]{escape(head.dates)} · {counts}[/dim]")
    _line(console, f"[bold]{page.articles.heading}[/bold]")
    for entry in page.articles.rows:
        article = entry.article
        credit = article.credited_source
        credits = f"  [green]credits {escape(credit)}[/green]" if credit else ""
        _line(console, f"[bold]\\[{entry.number}][/bold] {escape(article_label(article))}{credits}")
        joined = escape(entry.joined or "")
        _line(console, f"    {escape(article.origin)}  [dim]joined: {joined}[/dim]")


def _brief(console: Console, page: StoryPage) -> None:
    console.print(f"\n[bold]{page.brief.heading}[/bold]")
    for line in page.brief.rows:
        _line(console, _cited(line.text, line.cites, plural(line.sources, "independent source")))
    if page.dates:
        _line(console, f"[dim]{escape(page.dates_line)}[/dim]")
    _notes(console, page.brief.notes, always=True)


def _said(console: Console, page: StoryPage) -> None:
    table = Table(title=page.said.heading, show_lines=True)
    table.add_column("speaker")
    table.add_column("wordings (article)")
    for speaker in page.said.rows:
        who = escape(speaker.name)
        if speaker.role:
            who += f"\n[dim]{escape(speaker.role)}[/dim]"
        wordings = "\n".join(
            f"{escape(marks(w.cites))} {escape(w.kind)}: {escape(w.text)}" for w in speaker.wordings
        )
        table.add_row(who, wordings)
    console.print(table)


def _reuse(console: Console, page: StoryPage) -> None:
    _heading(console, page.reuse)
    _line(console, f" Independence groups (each counts once): {escape(page.graph.groups)}")
    for edge in page.reuse.rows:
        passages = f"[dim]({plural(len(edge.pairs), 'aligned passage')})[/dim]"
        arrow = f"\\[{edge.origin}] → \\[{edge.copy}]"
        _line(console, f" • {arrow}: {escape(edge.summary)} {passages}")


def _compare(console: Console, page: StoryPage) -> None:
    """Conflicts and updates, positions and timeline, each with its cited passages."""
    if page.conflicts.rows:
        _heading(console, page.conflicts)
        for conflict in page.conflicts.rows:
            arrow = " → " if conflict.kind == "update" else " vs "
            sides = arrow.join(
                f"{escape(s.text)} [cyan]{escape(marks(s.cites))}[/cyan]" for s in conflict.sides
            )
            _line(console, f" • [bold]{escape(conflict.head)}[/bold]: {sides}")
        _notes(console, page.conflicts.notes)
    if page.positions.rows:
        table = Table(title=page.positions.heading, show_lines=False)
        for column in ("actor", "stance", "on", "what", "date", "cited"):
            table.add_column(column)
        for p in page.positions.rows:
            text = f"“{p.text}”" if p.quoted else p.text
            cells = (p.who, p.stance, p.on, text, p.date, marks(p.cites))
            table.add_row(*(escape(c) for c in cells))
        console.print(table)
        _notes(console, page.positions.notes)
    if page.timeline.rows:
        _heading(console, page.timeline)
        for e in page.timeline.rows:
            _line(console, _cited(f"{e.date} ({e.date_text}): {e.text}", e.cites))
        _notes(console, page.timeline.notes)


def _facts(console: Console, page: StoryPage) -> None:
    if page.corroborated.rows:
        _heading(console, page.corroborated)
        for fact in page.corroborated.rows:
            _line(console, _cited(fact.text, fact.cites, fact.note))
        _notes(console, page.corroborated.notes)
    if page.single.rows:
        figures = [f for f in page.single.rows if f.figures]
        total = plural(len(page.single.rows), "fact")
        _heading(console, page.single, f"{total}; the {len(figures)} with figures shown")
        for fact in figures:
            _line(console, _cited(fact.text, fact.cites))


def print_story(console: Console, report: StoryReport) -> None:
    """One story in full: head and articles, brief, who said what, reuse, conflicts,
    positions, timeline and facts, in the reports' order, each row cited ``[1]``."""
    page = story_page(report)
    _head(console, page)
    if page.brief.rows:
        _brief(console, page)
    if page.said.rows:
        _said(console, page)
    if page.reuse.rows:
        _reuse(console, page)
    _compare(console, page)
    _facts(console, page)
