"""The embedded store: one SQLite file, WAL mode, one transaction per batch."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from crosswire.store.core import Rows, Store, StoreError, first_line

#: How long a connection waits for another process's lock before it gives up.
_BUSY_SECONDS = 30.0


class SqliteStore(Store):
    """The store in one SQLite database file (the default: nothing to install or run)."""

    dialect: ClassVar[str] = "sqlite"
    types: ClassVar[dict[str, str]] = {
        "text": "TEXT",
        "int": "INTEGER",
        "real": "REAL",
        "blob": "BLOB",
    }
    errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, *, reading: bool = False) -> None:
        """Open (and create) the store; ``reading=True`` opens an existing one to read only.

        A reader neither takes the write lock (so it never waits for an ingest
        in progress) nor loads the link counts it will not use.
        """
        self.path = self.name = str(path)
        self.reading = reading
        if "://" in self.path:
            raise StoreError(f"{self.path}: a URL, not a file; open it with open_store")
        try:
            if self.path != ":memory:" and not reading:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{self.path}: {first_line(error)}") from error
        self._db.execute(f"PRAGMA busy_timeout={int(_BUSY_SECONDS * 1000)}")
        if not reading:
            try:
                self._wal()
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
            except sqlite3.Error as error:
                self._db.close()
                raise StoreError(f"{self.path}: {first_line(error)}") from error
        self._start()

    def _wal(self) -> None:
        """Switch a new file to WAL, waiting for other openers as a write would.

        SQLite answers "database is locked" at once, without the busy timeout, when
        two processes switch one fresh file at the same moment (two ``analyze`` on a
        new ``--db``); once it is WAL the switch is a no-op that takes no lock.
        """
        deadline = time.monotonic() + _BUSY_SECONDS
        pause = 0.005
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def close(self) -> None:
        self._db.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self._db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE`` takes the write lock at once (waiting up to the busy
        timeout for another writer), so two processes on one store take turns
        instead of failing with "database is locked" halfway through a batch."""
        self._db.execute("BEGIN IMMEDIATE")

    def _version(self) -> int:
        """SQLite's counter of commits made by other connections to this file."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _counted(self) -> None:
        self._seen_version = self._version()

    def _stale(self) -> bool:
        return self._version() != self._seen_version

    def _tables(self) -> set[str]:
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        return {r[0] for r in rows}
