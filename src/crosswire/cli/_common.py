"""What every command module shares: the Typer apps, consoles, errors, progress bars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crosswire.model import StoryReport
from crosswire.run import story_reports
from crosswire.store import Store, StoreError, is_store_url, open_store

app = typer.Typer(
    help="Follow a news story across its sources: stories, reuse, quotes, facts, cited briefs.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)
#: Stories ``analyze`` lists in its closing table (``--verbose``: all, each in full).
TABLE_STORIES = 10


class StoreLocation(str):
    """What ``--db`` names, kept as typed: a SQLite file path or a ``postgresql://`` URL.

    Not a Path, which would fold a URL's ``//``. Commands ask :meth:`exists`
    before reading a store; a database server answers that when it is opened.
    """

    __slots__ = ()

    def exists(self) -> bool:
        return is_store_url(self) or Path(self).exists()


DEFAULT_DB = StoreLocation("crosswire.db")
DbOption = Annotated[
    StoreLocation,
    typer.Option(
        "--db",
        parser=StoreLocation,
        help="The store: a SQLite file, or a PostgreSQL URL (postgresql://user@host:port/name).",
    ),
]


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


def _open(db: str | Path) -> Store:
    """The store, or a one-line error naming it (not a traceback) when it cannot be used."""
    try:
        return open_store(db)
    except StoreError as error:
        _fail(str(error))


def _stored(db: StoreLocation) -> Store:
    """A store that must exist already (every command but ``analyze`` and ``watch``), or
    a one-line error saying how to make one."""
    if not db.exists():
        _fail(f"{db}: no such store (run `crosswire analyze` first)")
    return _open(db)


StageProgress = Callable[[str, int, int], None]


@contextmanager
def _stage_progress(first: str = "reading", total: int | None = None) -> Iterator[StageProgress]:
    """A progress bar driven by ``progress(stage, done, total)``, the benchmarks' callback."""
    with _progress() as bar:
        task = bar.add_task(first, total=total)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield progress


def _story_report(db: StoreLocation, key: str) -> StoryReport:
    """The compared report of one stored story (id, id prefix or number), or a one-line error."""
    with _stored(db) as store:
        found = store.find_story(key)
        if found is None:
            _fail(f"no story {key!r} in {db} (see `crosswire stories`)")
        (report,) = story_reports(store, [found.id])
    return report


bench_app = typer.Typer(help="Benchmarks of quality and speed.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
