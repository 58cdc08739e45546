"""`crosswire serve`: the web pages and the HTTP API over a store."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from crosswire.cli._common import DEFAULT_DB, DbOption, _fail, _progress, app, bench_app, console
from crosswire.settings import ServeSettings, token_from_env


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Let URL ingestion fetch private, loopback and link-local addresses.",
        ),
    ] = False,
    threads: Annotated[
        int, typer.Option("--threads", help="Requests each worker serves at once.")
    ] = 40,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Server processes (each with its own cache); one per core for heavy reading.",
        ),
    ] = 1,
) -> None:
    """Serve the story pages and the HTTP API (ingest needs CROSSWIRE_TOKEN when it is set)."""
    import uvicorn

    from crosswire.web.app import app_for

    if not db.exists():
        _fail(f"{db}: no such store (run `crosswire analyze` first, or create it with --db)")
    settings = ServeSettings(
        str(db), token=token_from_env(), allow_private=allow_private, threads=threads
    )
    guard = "needs the write token" if settings.token else "open: set CROSSWIRE_TOKEN to protect it"
    console.print(
        f"crosswire on http://{host}:{port}/  (API docs /docs; store {db}; ingest {guard}; "
        f"{workers} worker{'s' if workers > 1 else ''})",
        highlight=False,
        markup=False,
    )
    if workers == 1:
        uvicorn.run(app_for(settings), host=host, port=port, log_level="warning")
        return
    # Several processes need the app by name; each builds it from these settings.
    os.environ.update(settings.to_env())
    app_for(settings)  # fail here, not in each worker
    uvicorn.run(
        "crosswire.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


@bench_app.command("web")
def bench_web(
    db: Annotated[Path, typer.Argument(help="A crosswire store to serve.")],
    clients: Annotated[int, typer.Option("--clients", help="Concurrent clients.")] = 50,
    seconds: Annotated[float, typer.Option("--seconds", help="Load duration.")] = 30.0,
    stories: Annotated[int, typer.Option("--stories", help="Largest stories to load.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    build: Annotated[
        int,
        typer.Option("--build", help="Create DB first from N real articles of --shared."),
    ] = 0,
    shared: Annotated[
        Path, typer.Option("--shared", help="The shared folder (data/ecbplus, data/polnear...).")
    ] = Path("../shared"),
    ingest_new: Annotated[
        int,
        typer.Option(
            "--ingest-new",
            help="Meanwhile, ingest N more real articles of --shared in a second process.",
        ),
    ] = 0,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="Server processes (crosswire serve --workers)."),
    ] = 1,
) -> None:
    """Latency (p50/p95/p99) of the story page and story API under concurrent clients."""
    from crosswire.bench.web import run_web

    if build and not db.exists():
        _build_store(db, build, shared)
    if not db.exists():
        _fail(f"{db}: no such store (use --build N to create one from ../shared/data)")
    with tempfile.TemporaryDirectory(prefix="crosswire-ingest-") as folder:
        source = _new_articles(db, shared, ingest_new, Path(folder)) if ingest_new else None
        try:
            figures = run_web(
                db,
                clients=clients,
                seconds=seconds,
                stories=stories,
                ingest=source,
                workers=workers,
            )
        except (RuntimeError, ValueError) as error:
            _fail(str(error))
    if as_json:
        print(json.dumps(figures))
        return
    table = Table(
        title=f"{clients} clients for {seconds:g} s on loopback, {workers} server "
        f"process{'es' if workers > 1 else ''}; store of "
        f"{figures['store_articles']} articles, {figures['store_stories']} stories"
    )
    for column in ("request", "requests", "errors", "per s", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column, justify="right")
    for kind in ("story_api", "story_page", "story_list_api", "first_view"):
        row = figures[kind]
        assert isinstance(row, dict)
        table.add_row(
            kind,
            str(row["requests"]),
            str(row["errors"]),
            str(row["per_s"]),
            str(row["p50_ms"]),
            str(row["p95_ms"]),
            str(row["p99_ms"]),
        )
    console.print(table)
    if ingest_new:
        console.print(
            f"meanwhile, a second process ingested {figures['ingest_added']} new articles "
            f"(exit code {figures['ingest_exit_code']}, "
            f"{figures['ingest_locked_errors']} 'database is locked' errors)",
            highlight=False,
        )


def _new_articles(db: Path, shared: Path, count: int, folder: Path) -> Path:
    """``count`` real articles of ``shared`` that the store does not hold yet, as one JSONL file."""
    from crosswire.bench.corpus import corpus
    from crosswire.store import open_store

    with open_store(db) as store:
        held = store.count_articles()
    documents = corpus(shared, held + count)[-count:]
    path = folder / "new.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            record = {"text": d.content, "source": d.outlet, "published": d.published}
            out.write(json.dumps({k: v for k, v in record.items() if v}) + "\n")
    return path


def _build_store(db: Path, size: int, shared: Path) -> None:
    """A store of ``size`` real articles from ``shared``, ingested with a progress bar."""
    from crosswire.bench.corpus import corpus
    from crosswire.run import ingest_documents
    from crosswire.store import open_store

    try:
        documents = corpus(shared, size)
    except (OSError, ValueError) as error:
        _fail(f"{shared}: {error}")
    with _progress() as bar, open_store(db) as store:
        task = bar.add_task(f"building {db}", total=len(documents))

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        ingest_documents(documents, store, progress=progress)
