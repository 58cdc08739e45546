"""Read-side queries for browsing a store: pages of stories, one article, full-text search.

Kept apart from the write path of :mod:`crosswire.store.core`: these are
what the web pages and the HTTP API ask for, each a single query (no query
per story), so a page of a large store costs the same as a page of a small
one. Search is indexed incrementally: SQLite FTS5 over titles and texts, or
a PostgreSQL ``tsvector`` with a GIN index; both find articles holding every
word of the query, best first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crosswire.model import AnnotatedArticle, Placement
from crosswire.store.core import Store

#: Copy the articles stored after ``seq`` into the search index, per dialect.
_INDEX = {
    "sqlite": (
        "INSERT INTO article_search (article_id, title, body) "
        "SELECT id, headline, json_extract(article, '$.text') FROM articles WHERE seq > ?"
    ),
    "postgresql": (
        "INSERT INTO article_search (article_id, title, body, document) "
        "SELECT id, headline, body, setweight(to_tsvector('english', headline), 'A') "
        "|| to_tsvector('english', body) "
        "FROM (SELECT id, headline, article::jsonb ->> 'text' AS body FROM articles "
        "WHERE seq > ?) AS fresh ON CONFLICT (article_id) DO NOTHING"
    ),
}
#: Hits for a query (every word must occur), best first, with a plain-text snippet.
_SEARCH = {
    "sqlite": (
        "SELECT s.article_id, a.story_id, s.title, snippet(article_search, 2, '', '', '…', 16) "
        "FROM article_search s JOIN articles a ON a.id = s.article_id "
        "WHERE article_search MATCH ? ORDER BY rank LIMIT ?"
    ),
    "postgresql": (
        "SELECT s.article_id, a.story_id, s.title, ts_headline('english', s.body, q, "
        '\'StartSel="", StopSel="", MaxWords=16, MinWords=8, MaxFragments=1, '
        "FragmentDelimiter=…') "
        "FROM plainto_tsquery('english', ?) AS q, article_search s "
        "JOIN articles a ON a.id = s.article_id "
        "WHERE s.document @@ q ORDER BY ts_rank(s.document, q) DESC, s.article_id LIMIT ?"
    ),
}


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
    store: Store, *, offset: int = 0, limit: int = 50, story_ids: list[str] | None = None
) -> tuple[list[StorySummary], int]:
    """A page of stories, largest and most recently updated first, and the total count."""
    where, params = "", []
    if story_ids is not None:
        if not story_ids:
            return [], 0
        where = f"WHERE s.id IN ({','.join('?' * len(story_ids))})"
        params = list(story_ids)
    total = store.query(
        f"SELECT COUNT(*) FROM stories s {where} "
        + ("AND" if where else "WHERE")
        + " EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
        params,
    ).fetchone()[0]
    rows = store.query(
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


def story_updated(store: Store, story_id: str) -> str | None:
    """When the story last changed (its cache key), or None when there is no such story."""
    row = store.query(
        "SELECT s.updated_at || ':' || COUNT(a.id) FROM stories s "
        "JOIN articles a ON a.story_id = s.id WHERE s.id = ? GROUP BY s.id",
        (story_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def find_article(store: Store, article_id: str) -> tuple[AnnotatedArticle, Placement] | None:
    """One stored article with its annotations and placement, by id or unique id prefix."""
    rows = store.query(
        "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2",
        (article_id, article_id + "\uffff"),
    ).fetchall()
    if len(rows) != 1:
        return None
    return store.article(str(rows[0][0]))


def _indexed_upto(store: Store) -> int:
    """The last article ``seq`` in the search index (0 before the first index)."""
    row = store.query("SELECT seq FROM search_indexed WHERE id = 0").fetchone()
    return int(row[0]) if row else 0


def update_search_index(store: Store) -> int:
    """Index the articles stored since the last call; returns how many were added.

    A read first, so that searching a store with nothing new to index never
    waits for the write lock an ingest may be holding.
    """
    newest = store.query("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
    if _indexed_upto(store) >= int(newest):
        return 0
    with store.transaction():
        done = _indexed_upto(store)  # again, under the write lock
        added = store.query(_INDEX[store.dialect], (done,)).rowcount
        store.query(
            "INSERT INTO search_indexed (id, seq) "
            "VALUES (0, (SELECT COALESCE(MAX(seq), 0) FROM articles)) "
            "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq"
        )
    return max(0, added)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w.strip()][:20]


def _fts_query(words: list[str]) -> str:
    """User words as FTS5 phrase tokens, so no input is read as FTS syntax."""
    return " ".join('"{}"'.format(w.replace('"', '""')) for w in words)


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles matching every word of ``text``, best first, with a highlight-free snippet.

    Each ingest indexes what it adds, so a search finds every stored article.
    PostgreSQL reads the words with ``plainto_tsquery``: no input is query syntax.
    """
    words = _words(text)
    if not words:
        return []
    query = _fts_query(words) if store.dialect == "sqlite" else " ".join(words)
    rows = store.query(_SEARCH[store.dialect], (query, limit)).fetchall()
    return [SearchHit(r[0], r[1], r[2], r[3]) for r in rows]
