"""Read-side queries for browsing a store: pages of stories, one article, full-text search.

Kept apart from the write path of :mod:`crosswire.store.sqlite`: these are
what the web pages and the HTTP API ask for, each a single query (no query
per story), so a page of a large store costs the same as a page of a small
one. Search is SQLite FTS5 over titles and texts, indexed incrementally.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from crosswire.model import AnnotatedArticle, Placement, Story
from crosswire.store.sqlite import SqliteStore

_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(
    article_id UNINDEXED, title, body, tokenize = 'porter unicode61'
)
"""


@dataclass(frozen=True)
class StorySummary:
    """A line of the story list: enough to choose a story without loading it."""

    id: str
    title: str
    articles: int
    updated: datetime
    first_published: float | None
    last_published: float | None


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    story_id: str
    title: str
    snippet: str


def story_summaries(
    store: SqliteStore, *, offset: int = 0, limit: int = 50, story_ids: list[str] | None = None
) -> tuple[list[StorySummary], int]:
    """A page of stories, largest and most recently updated first, and the total count."""
    db = store._db
    where, params = "", []
    if story_ids is not None:
        if not story_ids:
            return [], 0
        where = f"WHERE s.id IN ({','.join('?' * len(story_ids))})"
        params = list(story_ids)
    total = db.execute(
        f"SELECT COUNT(*) FROM stories s {where} "
        + ("AND" if where else "WHERE")
        + " EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
        params,
    ).fetchone()[0]
    rows = db.execute(
        "SELECT s.id, s.updated_at, COUNT(a.id), MIN(a.published), MAX(a.published), "
        "(SELECT headline FROM articles f WHERE f.story_id = s.id ORDER BY f.seq LIMIT 1) "
        f"FROM stories s JOIN articles a ON a.story_id = s.id {where} GROUP BY s.id "
        "ORDER BY COUNT(a.id) DESC, s.updated_at DESC, s.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [
        StorySummary(r[0], r[5] or "Untitled story", r[2], datetime.fromisoformat(r[1]), r[3], r[4])
        for r in rows
    ], int(total)


def story_updated(store: SqliteStore, story_id: str) -> str | None:
    """When the story last changed (its cache key), or None when there is no such story."""
    row = store._db.execute(
        "SELECT s.updated_at || ':' || COUNT(a.id) FROM stories s "
        "JOIN articles a ON a.story_id = s.id WHERE s.id = ? GROUP BY s.id",
        (story_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def find_article(store: SqliteStore, article_id: str) -> tuple[AnnotatedArticle, Placement] | None:
    """One stored article with its annotations and placement, by id or unique id prefix."""
    rows = store._db.execute(
        "SELECT id, story_id FROM articles WHERE id >= ? AND id < ? LIMIT 2",
        (article_id, article_id + "\uffff"),
    ).fetchall()
    if len(rows) != 1:
        return None
    found_id, story_id = rows[0]
    articles, placements = store.articles_of(Story(story_id, "", ()))
    for annotated, placement in zip(articles, placements, strict=True):
        if annotated.article.id == found_id:
            return annotated, placement
    return None


def _indexed_upto(store: SqliteStore) -> int | None:
    """The last article ``seq`` in the search index, or None when there is no index yet."""
    try:
        row = store._db.execute("SELECT seq FROM search_indexed WHERE id = 0").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else 0


def update_search_index(store: SqliteStore) -> int:
    """Index the articles stored since the last call; returns how many were added.

    A read first, so that searching a store with nothing new to index never
    waits for the write lock an ingest may be holding.
    """
    done = _indexed_upto(store)
    newest = store._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
    if done is not None and done >= int(newest):
        return 0
    with store.transaction():
        store._db.execute(_FTS)
        store._db.execute(
            "CREATE TABLE IF NOT EXISTS search_indexed (id INTEGER PRIMARY KEY CHECK (id = 0), "
            "seq INTEGER NOT NULL)"
        )
        row = store._db.execute("SELECT seq FROM search_indexed WHERE id = 0").fetchone()
        done = int(row[0]) if row else 0
        cursor = store._db.execute(
            "INSERT INTO article_search (article_id, title, body) "
            "SELECT id, headline, json_extract(article, '$.text') FROM articles WHERE seq > ?",
            (done,),
        )
        added = cursor.rowcount
        store._db.execute(
            "INSERT INTO search_indexed VALUES (0, (SELECT COALESCE(MAX(seq), 0) FROM articles)) "
            "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq"
        )
    return max(0, added)


def _fts_query(text: str) -> str:
    """User words as FTS5 phrase tokens, so no input is read as FTS syntax."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words[:20])


def search(store: SqliteStore, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles matching every word of ``text``, best first, with a highlighted-free snippet."""
    query = _fts_query(text)
    if not query or _indexed_upto(store) is None:
        return []  # nothing indexed yet: every ingest indexes what it adds
    rows = store._db.execute(
        "SELECT s.article_id, a.story_id, s.title, snippet(article_search, 2, '', '', '…', 16) "
        "FROM article_search s JOIN articles a ON a.id = s.article_id "
        "WHERE article_search MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    ).fetchall()
    return [SearchHit(r[0], r[1], r[2], r[3]) for r in rows]
