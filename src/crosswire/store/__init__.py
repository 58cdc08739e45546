"""Storage around the stages: SQLite by default."""

from crosswire.store.sqlite import SqliteStore, open_store

__all__ = ["SqliteStore", "open_store"]
