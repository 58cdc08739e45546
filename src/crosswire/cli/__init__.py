"""The ``crosswire`` command line (Typer + Rich).

One module per group of commands, each registering on the shared ``app``
(or ``bench_app`` for ``crosswire bench ...``) from :mod:`._common`.
"""

import sys

from crosswire.cli import (
    bench,
    compare,
    credits,
    main,
    quotes,
    reuse,
    robustness,
    serve,
    watch,
)
from crosswire.cli._common import app, errors
from crosswire.store import SqliteStore, StoreError
from crosswire.store.core import first_line


def _database_errors() -> tuple[type[Exception], ...]:
    """What the stores raise (each backend names its driver's errors); PostgreSQL's
    only when that backend was loaded for a URL."""
    found: tuple[type[Exception], ...] = (StoreError, *SqliteStore.errors)
    postgres = sys.modules.get("crosswire.store.postgres")
    if postgres is not None:
        found += postgres.PostgresStore.errors
    return found


def run() -> None:
    """Console entry point: a store failing mid-command (a server gone, a disk full)
    ends in one line naming the reason, like any other error, not a traceback."""
    try:
        app()
    except Exception as error:
        if not isinstance(error, _database_errors()):
            raise
        errors.print(f"error: the store failed: {first_line(error)}", markup=False)
        raise SystemExit(1) from None


__all__ = [
    "app",
    "bench",
    "compare",
    "credits",
    "main",
    "quotes",
    "reuse",
    "robustness",
    "run",
    "serve",
    "watch",
]
