"""The shared store: a PostgreSQL database, for many writers and readers on many machines.

The same schema and statements as SQLite (see :mod:`crosswire.store.core`);
what differs is the write lock. Linking reads the link state and then
writes, so every write transaction first takes one transaction-scoped
advisory lock: two ingests on one database place articles in turn, each
seeing what the other committed, and neither loses the other's updates.
Readers never take it (PostgreSQL's snapshots keep them consistent).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import psycopg

from crosswire.store.core import Rows, Store, StoreError, first_line

#: The advisory lock every write transaction holds (one per database: "crosswire" in hex).
WRITE_LOCK = 0x63726F7373776972
CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """The URL as messages show it: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@functools.lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """The core's ``?`` marks as psycopg's ``%s`` (the core never writes a literal ? or %)."""
    return sql.replace("?", "%s")


class PostgresStore(Store):
    """The store in a PostgreSQL database named by a ``postgresql://`` URL."""

    dialect: ClassVar[str] = "postgresql"
    types: ClassVar[dict[str, str]] = {
        "text": 'TEXT COLLATE "C"',  # ids sort and prefix-match by code point, as in SQLite
        "int": "BIGINT",
        "real": "DOUBLE PRECISION",
        "blob": "BYTEA",
    }
    errors = (psycopg.Error,)

    def __init__(self, url: str, *, reading: bool = False) -> None:
        """Connect; ``reading=True`` opens an existing store and never writes to it."""
        self.url = url
        self.name = redact(url)
        self.reading = reading
        try:
            self._db = psycopg.connect(
                url,
                autocommit=True,  # transactions are begun and ended explicitly, as in SQLite
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="crosswire",
            )
            if reading:
                self._db.execute("SET default_transaction_read_only = on")
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: {first_line(error)}") from error
        self._start()

    def close(self) -> None:
        self._db.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self._db.execute(_pg(sql), params or None)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(_pg(sql), rows)

    def _begin(self) -> None:
        self._db.execute("BEGIN")
        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _counted(self) -> None:
        """Nothing to note: ``_stale`` compares with the in-memory ``seq``."""

    def _stale(self) -> bool:
        """Every write that changes the counts adds an article with the next ``seq``."""
        row = self.query("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        return int(row[0]) != self._seq

    def _tables(self) -> set[str]:
        rows = self.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        return {r[0] for r in rows}
