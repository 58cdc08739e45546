"""The embedded store: one SQLite file, WAL mode, one transaction per batch.

Articles are keyed by their content id, so re-ingesting an article is a
no-op. Annotations are stored as JSON (through :mod:`crosswire.codec`),
vectors as float32 blobs, and each story keeps the running profile the link
stage needs, so placing a new article never re-reads stored articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from crosswire.codec import from_dict, to_dict
from crosswire.link import LinkFeatures, Regrouping, story_title
from crosswire.link.features import BUCKETS
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

SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id),
    seq INTEGER NOT NULL,
    origin TEXT NOT NULL,
    headline TEXT NOT NULL,
    article TEXT NOT NULL,
    annotations TEXT NOT NULL,
    vector BLOB NOT NULL,
    sentence_vectors BLOB NOT NULL,
    feature_ids BLOB NOT NULL,
    feature_counts BLOB NOT NULL,
    published REAL,
    signals TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id, seq);
CREATE TABLE IF NOT EXISTS frequencies (bucket INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings (
    key INTEGER NOT NULL, seq INTEGER NOT NULL, article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS postings_key ON postings(key, seq);
"""


def _blob(rows: Sequence[Sequence[float]] | np.ndarray) -> bytes:
    return np.asarray(rows, dtype=np.float32).tobytes()


def _rows(blob: bytes, width: int = 384) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, width)


class SqliteStore:
    """Articles, annotations and stories in one SQLite database file.

    It is also the link stage's :class:`~crosswire.link.LinkState`: feature
    counts, the inverted index and story membership live in the same file,
    so a story assignment and the article it places commit together.
    """

    def __init__(self, path: str | Path, *, reading: bool = False) -> None:
        """Open (and create) the store; ``reading=True`` opens an existing one to read only.

        A reader neither takes the write lock (so it never waits for an ingest
        in progress) nor loads the link counts it will not use.
        """
        self.path = str(path)
        self.reading = reading
        if self.path != ":memory:" and not reading:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout=30000")
        if reading:
            self._check_readable()
            self._ready = True
            return
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._ready = False
        with self.transaction():
            found = None
            has_meta = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
            ).fetchone()
            if has_meta:
                found = self._db.execute(
                    "SELECT value FROM meta WHERE key='schema_version'"
                ).fetchone()
            if found is not None and int(found[0]) != SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: store schema version {found[0]}, this crosswire reads "
                    f"version {SCHEMA_VERSION}; analyze into a new --db file"
                )
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            if found is None:
                self._db.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        self._load_counters()
        self._ready = True

    def _check_readable(self) -> None:
        try:
            found = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError:
            found = None
        if found is None:
            raise RuntimeError(f"{self.path}: not a crosswire store")
        if int(found[0]) != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: store schema version {found[0]}, this crosswire reads "
                f"version {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work: all of it is stored, or none of it.

        ``BEGIN IMMEDIATE`` takes the write lock at once (waiting up to the busy
        timeout for another writer), so two processes on one store take turns
        instead of failing with "database is locked" halfway through a batch.
        """
        if self.reading:
            raise RuntimeError(f"{self.path}: opened for reading; writing needs a writable store")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self._ready and self._version() != self._seen_version:
                self._load_counters()  # another process committed since we counted
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            if self._ready:
                self._load_counters()  # forget counts of what was rolled back
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside :meth:`transaction`: undo only this block's writes if it fails."""
        self._db.execute("SAVEPOINT one")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK TO one")
            self._db.execute("RELEASE one")
            self._load_counters()  # the counts the rolled-back block had added
            raise
        self._db.execute("RELEASE one")

    def _version(self) -> int:
        """SQLite's counter of commits made by other connections to this file."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _load_counters(self) -> None:
        """Counts kept in memory: every placement reads thousands of feature counts."""
        df = np.zeros(BUCKETS, dtype=np.int32)
        rows = self._db.execute("SELECT bucket, n FROM frequencies").fetchall()
        if rows:
            table = np.array(rows, dtype=np.int64)
            df[table[:, 0]] = table[:, 1]
        self._df = df
        count, seq = self._db.execute(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM articles"
        ).fetchone()
        self._count, self._seq = int(count), int(seq)
        self._seen_version = self._version()

    # -- link state (read) -----------------------------------------------------

    def documents(self) -> int:
        return self._count

    def frequencies(self, buckets: np.ndarray) -> np.ndarray:
        found: np.ndarray = self._df[buckets]
        return found

    def posted(self, key: int, limit: int) -> Sequence[str]:
        rows = self._db.execute(
            "SELECT article_id FROM postings WHERE key=? ORDER BY seq DESC LIMIT ?", (key, limit)
        )
        return [r[0] for r in rows]

    def stories_of(self, article_ids: Collection[str]) -> Mapping[str, str]:
        ids = list(article_ids)
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT id, story_id FROM articles WHERE id IN ({marks})", chunk
            )
            found.update((r[0], r[1]) for r in rows)
        return found

    def members(self, story_id: str, limit: int) -> Sequence[LinkFeatures]:
        rows = self._db.execute(
            "SELECT id, feature_ids, feature_counts, published FROM articles "
            "WHERE story_id=? ORDER BY seq DESC LIMIT ?",
            (story_id, limit),
        )
        return [
            LinkFeatures(
                article_id=r[0],
                ids=np.frombuffer(r[1], dtype=np.int64),
                counts=np.frombuffer(r[2], dtype=np.float64),
                published=r[3],
            )
            for r in rows
        ]

    def all_features(self) -> Iterator[LinkFeatures]:
        """Link features of every stored article, in the order they were stored."""
        rows = self._db.execute(
            "SELECT id, feature_ids, feature_counts, published FROM articles ORDER BY seq"
        )
        for r in rows:
            yield LinkFeatures(
                article_id=r[0],
                ids=np.frombuffer(r[1], dtype=np.int64),
                counts=np.frombuffer(r[2], dtype=np.float64),
                published=r[3],
            )

    def size(self, story_id: str) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM articles WHERE story_id=?", (story_id,))
        return int(row.fetchone()[0])

    # -- writing ---------------------------------------------------------------

    def known(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored already."""
        return set(self.stories_of(article_ids))

    def add_article(self, annotated: AnnotatedArticle, change: Regrouping) -> bool:
        """Store a placed article and the story changes its placement made.

        Call inside :meth:`transaction`. An article already stored is left as
        it is (``False``), so a re-run changes nothing.
        """
        article = annotated.article
        if self.known([article.id]):
            return False
        now = datetime.now(UTC).isoformat()
        features = change.features
        story_id = dict(change.moves)[article.id]
        touched = {story_id} | {t for _, t in change.moves} | {t for _, t in change.merges}
        for story in touched:
            self._db.execute(
                "INSERT INTO stories VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET "
                "updated_at=excluded.updated_at",
                (story, now),
            )
        self._seq += 1
        seq = self._seq
        moved = [a for a, _ in change.moves if a != article.id]
        emptied = {s for s, _ in change.merges} | set(self.stories_of(moved).values())
        annotations = {
            "sentences": to_dict(annotated.sentences),
            "entities": to_dict(annotated.entities),
            "quotes": to_dict(annotated.quotes),
            "claims": to_dict(annotated.claims),
            "terms": list(annotated.terms),
        }
        self._db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                story_id,
                seq,
                article.origin,
                story_title(annotated),
                json.dumps(to_dict(article), ensure_ascii=False),
                json.dumps(annotations, ensure_ascii=False),
                _blob([annotated.vector]) if annotated.vector else b"",
                _blob(annotated.sentence_vectors) if annotated.sentence_vectors else b"",
                np.asarray(features.ids, dtype=np.int64).tobytes(),
                np.asarray(features.counts, dtype=np.float64).tobytes(),
                features.published,
                json.dumps(to_dict(change.placement.signals)),
                now,
            ),
        )
        for source, target in change.merges:
            self._db.execute("UPDATE articles SET story_id=? WHERE story_id=?", (target, source))
        for other, target in change.moves:
            if other != article.id:
                self._db.execute("UPDATE articles SET story_id=? WHERE id=?", (target, other))
        buckets, counts = np.unique(features.buckets, return_counts=True)
        self._db.executemany(
            "INSERT INTO frequencies VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET n=n+excluded.n",
            zip(buckets.tolist(), counts.tolist(), strict=True),
        )
        np.add.at(self._df, buckets, counts.astype(np.int32))
        self._db.executemany(
            "INSERT INTO postings VALUES (?, ?, ?)",
            ((key, seq, article.id) for key in change.index_keys),
        )
        for story in emptied - touched:
            self._db.execute(
                "DELETE FROM stories WHERE id=? AND NOT EXISTS "
                "(SELECT 1 FROM articles WHERE story_id=?)",
                (story, story),
            )
        self._count += 1
        return True

    # -- reading ---------------------------------------------------------------

    def stories(self) -> list[tuple[Story, datetime]]:
        """Every story, largest and most recently updated first; titled by its first article."""
        rows = self._db.execute(
            "SELECT s.id, s.updated_at, COUNT(a.id) FROM stories s "
            "JOIN articles a ON a.story_id = s.id GROUP BY s.id "
            "ORDER BY COUNT(a.id) DESC, s.updated_at DESC, s.id"
        ).fetchall()
        out = []
        for story_id, updated, _ in rows:
            members = self._db.execute(
                "SELECT id, headline FROM articles WHERE story_id=? ORDER BY seq", (story_id,)
            ).fetchall()
            story = Story(story_id, members[0][1], tuple(m[0] for m in members))
            out.append((story, datetime.fromisoformat(updated)))
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
                    terms=tuple(data.get("terms", ())),
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
