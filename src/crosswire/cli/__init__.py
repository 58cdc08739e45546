"""The ``crosswire`` command line (Typer + Rich).

One module per group of commands, each registering on the shared ``app``
(or ``bench_app`` for ``crosswire bench ...``) from :mod:`._common`.
"""

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
from crosswire.cli._common import app


def run() -> None:
    """Console entry point."""
    app()


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
