"""Storage around the stages: SQLite by default, PostgreSQL for a shared store.

Both backends keep the same schema and pass the same tests; ``open_store``
picks one from what ``--db`` names.
"""

from __future__ import annotations

from pathlib import Path

from crosswire.store.core import SCHEMA_VERSION, Store, StoreError
from crosswire.store.sqlite import SqliteStore

__all__ = ["SCHEMA_VERSION", "SqliteStore", "Store", "StoreError", "is_store_url", "open_store"]

_SCHEMES = ("postgresql://", "postgres://")


def is_store_url(db: str | Path) -> bool:
    """Whether ``db`` names a PostgreSQL database (a URL) rather than a SQLite file."""
    return isinstance(db, str) and db.startswith(_SCHEMES)


def open_store(db: str | Path, *, reading: bool = False) -> Store:
    """The store ``--db`` names: a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file.

    psycopg is imported only for a URL, so SQLite users never pay for it.
    """
    if is_store_url(db):
        from crosswire.store.postgres import PostgresStore

        return PostgresStore(str(db), reading=reading)
    return SqliteStore(db, reading=reading)
