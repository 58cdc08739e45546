"""The ``crosswire`` command line (Typer + Rich).

One module per group of commands, each registering on the shared ``app``
(or ``bench_app`` for ``crosswire bench ...``) from :mod:`._common`.
"""

import sqlite3
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
from crosswire.store import StoreError
from crosswire.store.core import first_line


def _database_errors() -> tuple[type[Exception], ...]:
    """What the stores' drivers raise; psycopg's only when it was loaded for a URL."""
    found: tuple[type[Exception], ...] = (StoreError, sqlite3.Error)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        found += (psycopg.Error,)
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
