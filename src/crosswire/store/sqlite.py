"""The embedded store: one SQLite file, WAL mode, one transaction per batch.

Articles are keyed by their content id, so re-ingesting an article is a
no-op. Annotations are stored as JSON (through :mod:`crosswire.codec`),
vectors as float32 blobs, and each story keeps the running profile the link
stage needs, so placing a new article never re-reads stored articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from crosswire.codec import from_dict, to_dict
from crosswire.link.stories import StoryProfile
from crosswire.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Entity,
    Placement,
    Quote,
    Sentence,
    Story,
    StorySignal,
)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    size INTEGER NOT NULL,
    vector_sum BLOB NOT NULL,
    entities TEXT NOT NULL,
    last_published REAL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id),
    seq INTEGER NOT NULL,
    origin TEXT NOT NULL,
    article TEXT NOT NULL,
    annotations TEXT NOT NULL,
    vector BLOB NOT NULL,
    sentence_vectors BLOB NOT NULL,
    signals TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id, seq);
"""


def _blob(rows: Sequence[Sequence[float]] | np.ndarray) -> bytes:
    return np.asarray(rows, dtype=np.float32).tobytes()


def _rows(blob: bytes, width: int = 384) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, width)


class SqliteStore:
    """Articles, annotations and stories in one SQLite database file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=30000")
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            found = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if found is None:
                self._db.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
            elif int(found[0]) > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: schema version {found[0]} is newer than this crosswire "
                    f"({SCHEMA_VERSION})"
                )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- writing ---------------------------------------------------------------

    def known(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored already."""
        found: set[str] = set()
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def add_batch(
        self,
        items: Sequence[tuple[AnnotatedArticle, Placement]],
        profiles: Sequence[StoryProfile],
    ) -> int:
        """Store a batch of placed articles and their stories' profiles atomically.

        Returns how many articles were new; already stored ones are left as
        they are, so a re-run changes nothing.
        """
        now = datetime.now(UTC).isoformat()
        added = 0
        with self._transaction():
            for profile in profiles:
                self._db.execute(
                    "INSERT INTO stories VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                    "title=excluded.title, size=excluded.size, vector_sum=excluded.vector_sum, "
                    "entities=excluded.entities, last_published=excluded.last_published, "
                    "updated_at=excluded.updated_at",
                    (
                        profile.id,
                        profile.title,
                        profile.size,
                        _blob(profile.vector_sum),
                        json.dumps(dict(profile.entities), ensure_ascii=False),
                        profile.last_published,
                        now,
                    ),
                )
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for annotated, placement in items:
                seq += 1
                annotations = {
                    "sentences": to_dict(annotated.sentences),
                    "entities": to_dict(annotated.entities),
                    "quotes": to_dict(annotated.quotes),
                    "claims": to_dict(annotated.claims),
                }
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (
                        annotated.article.id,
                        placement.story_id,
                        seq,
                        annotated.article.origin,
                        json.dumps(to_dict(annotated.article), ensure_ascii=False),
                        json.dumps(annotations, ensure_ascii=False),
                        _blob([annotated.vector]) if annotated.vector else b"",
                        _blob(annotated.sentence_vectors) if annotated.sentence_vectors else b"",
                        json.dumps(to_dict(placement.signals)),
                        now,
                    ),
                )
                added += cursor.rowcount
        return added

    # -- reading ---------------------------------------------------------------

    def story_profiles(self) -> list[StoryProfile]:
        rows = self._db.execute(
            "SELECT id, title, size, vector_sum, entities, last_published FROM stories"
        )
        return [
            StoryProfile(
                id=r[0],
                title=r[1],
                size=r[2],
                vector_sum=_rows(r[3])[0].copy(),
                entities=Counter(json.loads(r[4])),
                last_published=r[5],
            )
            for r in rows
        ]

    def stories(self) -> list[tuple[Story, datetime]]:
        """Every story, largest and most recently updated first."""
        rows = self._db.execute(
            "SELECT s.id, s.title, s.updated_at, group_concat(a.id) FROM stories s "
            "JOIN articles a ON a.story_id = s.id GROUP BY s.id "
            "ORDER BY COUNT(a.id) DESC, s.updated_at DESC, s.id"
        ).fetchall()
        out = []
        for story_id, title, updated, ids in rows:
            ordered = self._ordered_ids(story_id)
            out.append((Story(story_id, title, ordered), datetime.fromisoformat(updated)))
            del ids
        return out

    def _ordered_ids(self, story_id: str) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT id FROM articles WHERE story_id=? ORDER BY seq", (story_id,)
        )
        return tuple(r[0] for r in rows)

    def find_story(self, key: str) -> Story | None:
        """A story by id, id prefix, or 1-based position in :meth:`stories`."""
        stories = [s for s, _ in self.stories()]
        if key.isdigit() and 1 <= int(key) <= len(stories):
            return stories[int(key) - 1]
        matches = [s for s in stories if s.id == key or s.id.startswith(key)]
        return matches[0] if len(matches) == 1 else None

    def articles_of(self, story: Story) -> tuple[list[AnnotatedArticle], list[Placement]]:
        rows = self._db.execute(
            "SELECT article, annotations, vector, sentence_vectors, signals, id FROM articles "
            "WHERE story_id=? ORDER BY seq",
            (story.id,),
        ).fetchall()
        articles, placements = [], []
        for article_json, annotations_json, vector, sentence_vectors, signals, article_id in rows:
            data = json.loads(annotations_json)
            articles.append(
                AnnotatedArticle(
                    article=from_dict(Article, json.loads(article_json)),
                    sentences=tuple(from_dict(Sentence, s) for s in data["sentences"]),
                    entities=tuple(from_dict(Entity, e) for e in data["entities"]),
                    quotes=tuple(from_dict(Quote, q) for q in data["quotes"]),
                    claims=tuple(from_dict(Claim, c) for c in data["claims"]),
                    vector=tuple(float(x) for x in _rows(vector).ravel()) if vector else (),
                    sentence_vectors=tuple(
                        tuple(float(x) for x in row) for row in _rows(sentence_vectors)
                    )
                    if sentence_vectors
                    else (),
                )
            )
            placements.append(
                Placement(
                    article_id,
                    story.id,
                    tuple(from_dict(StorySignal, s) for s in json.loads(signals)),
                )
            )
        return articles, placements

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def open_store(db: str | Path) -> SqliteStore:
    """The store for ``--db``: a SQLite file path (PostgreSQL comes later)."""
    return SqliteStore(db)
