"""The ``crosswire`` command line (Typer + Rich)."""

from __future__ import annotations

import json
import sqlite3
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from crosswire import __version__
from crosswire.model import ReadError, StoryReport
from crosswire.report import article_label, render_html, render_json, render_markdown
from crosswire.run import ingest, story_reports
from crosswire.store import SqliteStore, open_store

app = typer.Typer(
    help="Follow a news story across its sources: stories, reuse, quotes, facts, cited briefs.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)
DEFAULT_DB = Path("crosswire.db")
SHOW_STORIES = 3
DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file.")]


class Format(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def _fail(message: str) -> NoReturn:
    errors.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code=1)


def _progress() -> Progress:
    """A progress bar on stderr that disappears when done (stdout stays clean for --json)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )


def _open(db: Path) -> SqliteStore:
    """The store, or a one-line error (not a traceback) when it cannot be used."""
    try:
        return open_store(db)
    except (RuntimeError, sqlite3.DatabaseError) as error:
        _fail(f"{db}: {error}")


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


def _stories_table(reports: list[StoryReport]) -> Table:
    table = Table(title="Stories", show_lines=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("story")
    table.add_column("title")
    table.add_column("articles", justify="right")
    table.add_column("sources", justify="right", header_style="bold")
    table.add_column("quotes", justify="right")
    for n, report in enumerate(reports, 1):
        table.add_row(
            str(n),
            report.story.id,
            escape(report.story.title),
            str(len(report.articles)),
            str(len(report.origin_groups)),
            str(len(report.quotes)),
        )
    return table


def _print_story(report: StoryReport) -> None:
    index = {a.id: n for n, a in enumerate(report.articles, 1)}
    console.rule(f"[bold]{escape(report.story.title)}[/bold]  ({report.story.id})")
    signals = {p.article_id: p.signals for p in report.placements}
    for n, article in enumerate(report.articles, 1):
        why = ", ".join(f"{s.name} {s.value:g}" for s in signals.get(article.id, ()))
        credit = (
            f"  [green]credits {escape(article.credited_source)}[/green]"
            if article.credited_source
            else ""
        )
        label = escape(article_label(article))
        console.print(f"[bold]\\[{n}][/bold] {label}{credit}", highlight=False)
        console.print(f"    {escape(article.origin)}  [dim]joined: {why}[/dim]", highlight=False)
    if report.brief:
        console.print("\n[bold]Brief[/bold]")
        for sentence in report.brief:
            cites = "".join(f"\\[{index[c.article_id]}]" for c in sentence.citations)
            sources = sentence.independent_sources
            console.print(
                f" • {escape(sentence.text)} [cyan]{cites}[/cyan] [dim]({sources} independent "
                f"source{'s' if sources != 1 else ''})[/dim]",
                highlight=False,
            )
    quotes = Table(title="Who said what", show_lines=True)
    quotes.add_column("speaker")
    quotes.add_column("wordings (article)")
    for statement in report.statements:
        wordings = "\n".join(
            f"\\[{index[q.article_id]}] {q.kind}: {escape(q.content)}" for q in statement.quotes
        )
        who = escape(statement.speaker)
        if statement.role:
            who += f"\n[dim]{escape(statement.role)}[/dim]"
        quotes.add_row(who, wordings)
    console.print(quotes)
    if report.shared_facts:
        console.print("[bold]Reported by several articles[/bold]")
        for fact in report.shared_facts:
            cites = "".join(f"\\[{index[a]}]" for a in fact.article_ids)
            console.print(
                f" • {escape(fact.text)} [cyan]{cites}[/cyan] "
                f"[dim]({len(fact.article_ids)} articles, "
                f"{fact.independent_sources} independent)[/dim]",
                highlight=False,
            )
    single = [f for f in report.single_source_facts if f.claims[0].quantities]
    if single:
        console.print("[bold]Single source (with figures)[/bold]")
        for fact in single:
            console.print(
                f" • {escape(fact.text)} [cyan]\\[{index[fact.article_ids[0]]}][/cyan]",
                highlight=False,
            )
    for edge in report.reuse:
        console.print(
            f"[bold]Reuse[/bold] \\[{index[edge.origin_id]}] → \\[{index[edge.copy_id]}]: "
            f"{edge.kind}, "
            f"{edge.origin_share:.0%} of origin / {edge.copy_share:.0%} of copy reused, "
            f"{len(edge.pairs)} aligned passages ({escape(edge.direction_reason)})",
            highlight=False,
        )


@app.command()
def analyze(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders: .txt, .html, .htm, .jsonl.")
    ],
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", help="Folder for the reports.")] = Path("report"),
    format: Annotated[
        list[Format] | None,
        typer.Option("--format", help="md, html or json (repeatable); default: md and html."),
    ] = None,
) -> None:
    """Ingest articles, group them into stories, and write the reports."""
    with (
        _open(db) as store,
        _progress() as bar,
    ):
        task = bar.add_task("reading", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, description="annotating", completed=done, total=total)

        def on_error(error: ReadError) -> None:
            where, why = escape(error.origin), escape(error.reason)
            errors.print(f"[yellow]skipped[/yellow] {where}: {why}", highlight=False)

        result = ingest(paths, store, on_error=on_error, progress=progress)
        bar.update(task, description="comparing", total=None)
        reports = story_reports(store)
    console.print(
        f"read {result.read} articles: {result.added} new, {result.already_stored} already "
        f"stored, {len(result.errors)} skipped; {len(reports)} stories in {db}",
        highlight=False,
    )
    if not reports:
        return
    console.print(_stories_table(reports))
    touched = {p.story_id for p in result.placements} or {r.story.id for r in reports}
    shown = [r for r in reports if r.story.id in touched]
    for report in shown[:SHOW_STORIES]:
        _print_story(report)
    if len(shown) > SHOW_STORIES:
        console.print(
            f"… and {len(shown) - SHOW_STORIES} more stories: `crosswire show N --db {db}`",
            highlight=False,
            markup=False,
        )
    written = _write_reports(reports, out, format or [Format.md, Format.html])
    console.print("wrote " + ", ".join(str(p) for p in written), highlight=False)


@app.command()
def stories(db: DbOption = DEFAULT_DB) -> None:
    """List the stories in the store, largest first."""
    if not db.exists():
        _fail(f"{db}: no such store (run `crosswire analyze` first)")
    with _open(db) as store:
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
    if not db.exists():
        _fail(f"{db}: no such store (run `crosswire analyze` first)")
    with _open(db) as store:
        found = store.find_story(story)
        if found is None:
            _fail(f"no story {story!r} in {db} (see `crosswire stories`)")
            return
        (report,) = story_reports(store, [found.id])
    _print_story(report)


@app.command()
def version() -> None:
    """Print crosswire's version."""
    console.print(f"crosswire {__version__} (Python {sys.version.split()[0]})", highlight=False)


def main() -> None:
    app()


bench_app = typer.Typer(help="Benchmarks of quality and speed.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("clusters")
def bench_clusters(
    file: Annotated[Path, typer.Argument(help="JSONL with `text` and gold `subtopic` (ECB+).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    orders: Annotated[int, typer.Option("--orders", help="Shuffled arrival orders.")] = 3,
) -> None:
    """Story clustering against gold events: B-cubed, ARI, clusters, speed."""
    from crosswire.bench.clusters import run_clusters

    if not file.is_file():
        _fail(f"{file}: no such file")
    with _progress() as bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        bench = run_clusters(file, orders, progress=progress)
    for error in bench.skipped:
        errors.print(f"skipped {escape(error.origin)}: {escape(error.reason)}", highlight=False)
    summary = bench.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"Story clustering on {escape(str(file))} ({bench.documents} documents)")
    for column in ("order", "B3 precision", "B3 recall", "B3 F1", "ARI", "clusters", "docs/s"):
        table.add_column(column, justify="right")
    for n, run in enumerate(bench.runs, 1):
        table.add_row(
            str(n),
            f"{run.bcubed_p:.4f}",
            f"{run.bcubed_r:.4f}",
            f"{run.bcubed_f1:.4f}",
            f"{run.ari:.4f}",
            str(run.clusters),
            f"{run.docs_per_s:.0f}",
        )
    table.add_row(
        "mean",
        f"{bench.mean('bcubed_p'):.4f}",
        f"{bench.mean('bcubed_r'):.4f}",
        f"{bench.mean('bcubed_f1'):.4f} ± {bench.spread('bcubed_f1'):.4f}",
        f"{bench.mean('ari'):.4f}",
        f"{bench.mean('clusters'):.1f}",
        f"{bench.mean('docs_per_s'):.0f}",
    )
    console.print(table)
    console.print(
        f"clustering: {bench.mean('docs_per_s'):.0f} articles/s (linking only); "
        f"annotation: {bench.annotate_docs_per_s:.1f} articles/s (parse, quotes, embeddings)",
        highlight=False,
    )


@bench_app.command("scale")
def bench_scale(
    source: Annotated[
        Path, typer.Argument(help="Real articles to grow from: a crosswire .db, or JSONL/folder.")
    ],
    sizes: Annotated[str, typer.Option("--sizes", help="Store sizes to measure at.")] = (
        "1000,10000,100000"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Cost of placing 1,000 articles as the store grows (perturbed copies of real articles)."""
    from crosswire.bench.clusters import annotate_file
    from crosswire.bench.scale import run_scale
    from crosswire.link import link_features

    targets = sorted({int(x) for x in sizes.split(",") if x.strip()})
    if not targets or any(t % 1000 for t in targets):
        _fail("--sizes must be multiples of 1000")
    with _progress() as bar:
        task = bar.add_task("reading", total=None)
        if source.suffix == ".db":
            with _open(source) as store:
                base = list(store.all_features())
        else:

            def annotating(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            annotated, _, _ = annotate_file(source, progress=annotating)
            base = [link_features(a) for a in annotated]
        if not base:
            _fail(f"{source}: no articles to grow from")

        def placing(done: int, total: int) -> None:
            bar.update(task, description="placing", completed=done, total=total)

        points = run_scale(base, targets, progress=placing)
    if as_json:
        print(json.dumps({"base_articles": len(base), "points": [vars(p) for p in points]}))
        return
    table = Table(
        title=f"Placing articles as the store grows ({len(base)} real articles, perturbed)"
    )
    for column in ("store size", "ms per 1,000 articles", "vs first", "peak RSS MB", "stories"):
        table.add_column(column, justify="right")
    for point in points:
        table.add_row(
            f"{point.size:,}",
            f"{point.ms_per_1000:,.0f}",
            f"{point.ms_per_1000 / points[0].ms_per_1000:.2f}x",
            f"{point.peak_rss_mb:,.0f}",
            f"{point.stories:,}",
        )
    console.print(table)
