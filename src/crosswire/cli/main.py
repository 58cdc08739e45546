"""Core commands: analyze, stories, show, version."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from crosswire import __version__
from crosswire.clean.dates import GivenDates, given_dates
from crosswire.cli._common import (
    DEFAULT_DB,
    TABLE_STORIES,
    DbOption,
    Format,
    _fail,
    _open,
    _progress,
    _stored,
    _story_report,
    app,
    console,
    errors,
)
from crosswire.model import RawDocument, ReadError, StoryReport
from crosswire.read.urls import PoliteFetcher
from crosswire.report import print_story, render_html, render_json, render_markdown
from crosswire.run import ingest_documents, story_reports
from crosswire.run.executors import make_executor
from crosswire.run.watch import read_sources


def _write_reports(reports: list[StoryReport], out: Path, formats: list[Format]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt is Format.md:
            path, text = out / "stories.md", render_markdown(reports)
        elif fmt is Format.html:
            path, text = out / "index.html", render_html(reports)
        else:
            path, text = out / "stories.json", render_json(reports)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _noting_encodings(
    items: Iterator[RawDocument | ReadError], origins: list[str] | None = None
) -> Iterator[RawDocument | ReadError]:
    """The items as read, with one line for each file decoded from a legacy encoding (an
    old archive's Windows-1252): read, and the reader told. ``origins`` collects where
    each document came from (what ``--published FILE=...`` may name)."""
    for item in items:
        if isinstance(item, RawDocument):
            if origins is not None:
                origins.append(item.origin)
            if item.encoding != "utf-8":
                where, how = escape(item.origin), escape(item.encoding)
                errors.print(f"[cyan]note[/cyan] {where}: decoded from {how}, not UTF-8")
        yield item


def _given_dates(values: list[str]) -> GivenDates:
    """``--published`` values for a run, or a one-line error naming the bad one."""
    try:
        return given_dates(values)
    except ValueError as error:
        _fail(f"--published {error}")


#: Longest title ``analyze``'s table shows; a longer one ends in "…".
_TITLE_CHARS = 60


def _stories_table(
    reports: list[StoryReport], number: dict[str, int], title: str = "Stories"
) -> Table:
    """One row per story, numbered as ``crosswire show N`` takes it (ids: ``crosswire
    stories``); a long title is cut so that a row stays a line or two on any terminal."""
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("title")
    for name in ("articles", "sources", "quotes"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for report in reports:
        name = report.story.title
        cut = name if len(name) <= _TITLE_CHARS else name[: _TITLE_CHARS - 1].rstrip() + "…"
        table.add_row(
            str(number[report.story.id]),
            escape(cut),
            str(len(report.articles)),
            str(len(report.origin_groups)),
            str(len(report.quotes)),
        )
    return table


_NOTHING_READABLE = "no file of a kind crosswire reads (see --help)"


def _say_skipped(skipped: Sequence[ReadError]) -> None:
    """One line per input that could not be read, naming it and why."""
    for error in skipped:
        where, why = escape(error.origin), escape(error.reason)
        errors.print(f"[yellow]skipped[/yellow] {where}: {why}", highlight=False)


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (.txt, .html, .htm, .jsonl, feeds, .warc) or web addresses."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", help="Folder for the reports.")] = Path("report"),
    format: Annotated[
        list[Format] | None,
        typer.Option("--format", help="md, html or json (repeatable); default: md and html."),
    ] = None,
    executor: Annotated[
        str, typer.Option("--executor", help="Where annotation runs: local (process pool), ray.")
    ] = "local",
    workers: Annotated[
        int, typer.Option("--workers", help="Annotation workers (default: one per core).")
    ] = 0,
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (default: start one).")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Fetch web addresses on private networks too."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="List every story touched, each in full."),
    ] = False,
    published: Annotated[
        list[str] | None,
        typer.Option(
            "--published",
            help="Publication date: YYYY-MM-DD for every article read in this run that has "
            "none (from its metadata, a date line or its file name); FILE=YYYY-MM-DD for the "
            "articles of one input (file name, path or origin), over any other date. "
            "Repeatable. Articles already stored keep their date.",
        ),
    ] = None,
) -> None:
    """Ingest articles, group them into stories, and write the reports (a summary on the
    terminal: the largest stories touched; a single story touched is printed in full)."""
    given = _given_dates(published or [])
    origins: list[str] = []
    with (
        _open(db) as store,
        _progress() as bar,
    ):
        task = bar.add_task("reading", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, description="annotating", completed=done, total=total)

        skipped: list[ReadError] = []  # said after reading: one line when nothing was read

        try:
            runner = make_executor(executor, workers=workers or None, address=address)
        except (ValueError, ImportError) as error:
            _fail(f"--executor {executor}: {error}")
        fetcher = PoliteFetcher(allow_private=allow_private)
        others: Counter[str] = Counter()
        try:
            result = ingest_documents(
                _noting_encodings(read_sources(paths, fetcher, others), origins),
                store,
                on_error=skipped.append,
                progress=progress,
                executor=runner,
                published=given,
            )
        finally:
            runner.close()
            fetcher.close()
        if not result.read:
            bar.stop()
            if len(skipped) == 1:
                why = f"{skipped[0].origin}: {skipped[0].reason}"
            else:
                _say_skipped(skipped)
                why = f"{len(skipped)} skipped (above)" if skipped else _NOTHING_READABLE
            _fail(f"read no article from {', '.join(paths)}: {why}; {db} and {out} are unchanged")
        _say_skipped(skipped)
        bar.update(task, description="comparing", total=None)
        reports = story_reports(store)
    console.print(
        f"read {result.read} articles: {result.added} new, {result.already_stored} already "
        f"stored, {len(result.errors)} skipped; {len(reports)} stories in {db}",
        highlight=False,
    )
    for name in given.unused(origins):
        errors.print(
            f"[yellow]note[/yellow] --published {escape(name)}=...: no article read from it",
            highlight=False,
        )
    if others:
        kinds = ", ".join(f"{suffix} {n}" for suffix, n in others.most_common())
        files = "1 file" if others.total() == 1 else f"{others.total()} files"
        console.print(f"{files} of other types left out ({kinds})", highlight=False)
    if not reports:
        return
    number = {r.story.id: n for n, r in enumerate(reports, 1)}
    touched = {p.story_id for p in result.placements} or set(number)
    shown = sorted((r for r in reports if r.story.id in touched), key=lambda r: -len(r.articles))
    listed = shown if verbose else shown[:TABLE_STORIES]
    title = f"Stories this run touched: {len(shown)} of {len(reports)}, largest first"
    console.print(_stories_table(listed, number, title))
    if verbose or len(shown) == 1:
        for report in shown:
            print_story(console, report)
    elif len(shown) > len(listed):
        console.print(
            f"… and {len(shown) - len(listed)} more (--verbose lists them all)",
            highlight=False,
            markup=False,
        )
    written = _write_reports(reports, out, format or [Format.md, Format.html])
    console.print("wrote " + ", ".join(str(p) for p in written), highlight=False)
    if not verbose and len(shown) > 1:
        console.print(f"one story in full: crosswire show N --db {db}", highlight=False)


@app.command()
def stories(db: DbOption = DEFAULT_DB) -> None:
    """List the stories in the store, largest first."""
    with _stored(db) as store:
        rows = store.stories()
    table = Table(title=f"Stories in {escape(str(db))}")
    for column in ("#", "story", "title", "articles", "updated"):
        table.add_column(column)
    for n, (story, updated) in enumerate(rows, 1):
        table.add_row(
            str(n),
            story.id,
            escape(story.title),
            str(len(story.article_ids)),
            updated.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id, id prefix, or number from `stories`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """One story: its articles and why they joined, brief, quotes, facts, reuse."""
    report = _story_report(db, story)
    print_story(console, report)


@app.command()
def version() -> None:
    """Print crosswire's version."""
    console.print(f"crosswire {__version__} (Python {sys.version.split()[0]})", highlight=False)
