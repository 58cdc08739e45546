"""`crosswire watch`: keep adding new articles from folders, feeds and sitemaps."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer
from rich.markup import escape

from crosswire.cli._common import DEFAULT_DB, DbOption, _open, app, console, errors
from crosswire.model import ReadError


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(help="Folders, files, feed URLs (RSS/Atom), sitemap or WARC URLs."),
    ],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.")] = 60.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let URLs reach private and loopback addresses."),
    ] = False,
    delay: Annotated[
        float, typer.Option("--delay", help="Seconds between two requests to one host.")
    ] = 1.0,
) -> None:
    """Poll sources and place new articles into stories as they appear (Ctrl-C to stop).

    Safe to stop and restart at any point: a batch is stored whole or not at
    all, and what is stored is never read twice.
    """
    from crosswire.read.urls import PoliteFetcher
    from crosswire.run.watch import watch as run_watch

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def on_error(error: ReadError) -> None:
        where, why = escape(error.origin), escape(error.reason)
        errors.print(f"[yellow]skipped[/yellow] {where}: {why}", highlight=False)

    def on_poll(result: object) -> None:
        added = getattr(result, "added", 0)
        stories = len({p.story_id for p in getattr(result, "placements", [])})
        if added or once:
            console.print(f"added {added} articles to {stories} stories", highlight=False)

    fetcher = PoliteFetcher(allow_private=allow_private, delay_s=delay)
    with _open(db) as store:
        try:
            run_watch(
                sources,
                store,
                interval_s=interval,
                stop=stop,
                once=once,
                fetcher=fetcher,
                on_error=on_error,
                on_poll=on_poll,
            )
        except KeyboardInterrupt:
            console.print("stopped", highlight=False)
        finally:
            fetcher.close()
