"""The store's dialect-neutral core: schema, migrations, queries and the link state.

SQLite and PostgreSQL run the same statements, written with ``?`` marks and
``{type}`` slots a backend fills in, so both keep the same rows and answer
every query alike. A backend adds only how to connect, how a write
transaction takes the store's write lock, and how it notices that another
process has written since this one last counted.

Articles are keyed by their content id, so re-ingesting an article is a
no-op. Annotations are stored as JSON (through :mod:`crosswire.codec`),
vectors as float32 blobs, and each story keeps the running profile the link
stage needs, so placing a new article never re-reads stored articles.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol, Self

import numpy as np

from crosswire.codec import from_dict, to_dict
from crosswire.link import LinkFeatures, Regrouping, story_title
from crosswire.link.features import BUCKETS
from crosswire.model import (
    EMBEDDING_DIM,
    AnnotatedArticle,
    Article,
    Claim,
    Entity,
    Placement,
    Quote,
    Sentence,
    Stance,
    Story,
    StorySignal,
)


class StoreError(RuntimeError):
    """The store cannot be used; the message names the store and says why, in one line."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: applied in order, inside the transaction that opens the store.

    ``steps`` run on every backend; ``sqlite`` and ``postgresql`` hold the
    few statements that only one dialect can say (full-text search). A step with
    no statements changes only the shape of the JSON written from then on: the
    codec reads the older shape too (:data:`crosswire.codec.UPGRADES`), while
    the version keeps an older crosswire, which cannot read the new shape, out.
    """

    version: int
    why: str
    steps: tuple[str, ...]
    sqlite: tuple[str, ...] = ()
    postgresql: tuple[str, ...] = ()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        2,
        "articles, stories and the link state (feature counts, inverted index)",
        (
            "CREATE TABLE IF NOT EXISTS meta (key {text} PRIMARY KEY, value {text} NOT NULL)",
            """CREATE TABLE IF NOT EXISTS stories (
                id {text} PRIMARY KEY, updated_at {text} NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS articles (
                id {text} PRIMARY KEY,
                story_id {text} NOT NULL REFERENCES stories(id),
                seq {int} NOT NULL,
                origin {text} NOT NULL,
                headline {text} NOT NULL,
                article {text} NOT NULL,
                annotations {text} NOT NULL,
                vector {blob} NOT NULL,
                sentence_vectors {blob} NOT NULL,
                feature_ids {blob} NOT NULL,
                feature_counts {blob} NOT NULL,
                published {real},
                signals {text} NOT NULL,
                ingested_at {text} NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id, seq)",
            "CREATE TABLE IF NOT EXISTS frequencies (bucket {int} PRIMARY KEY, n {int} NOT NULL)",
            """CREATE TABLE IF NOT EXISTS postings (
                key {int} NOT NULL, seq {int} NOT NULL, article_id {text} NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS postings_key ON postings(key, seq)",
        ),
    ),
    Migration(
        3,
        "versions as a table of migrations; full-text search in the schema; index on seq",
        (
            """CREATE TABLE schema_version (
                version {int} PRIMARY KEY, applied_at {text} NOT NULL, why {text} NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq)",
            """CREATE TABLE IF NOT EXISTS search_indexed (
                id {int} PRIMARY KEY CHECK (id = 0), seq {int} NOT NULL
            )""",
        ),
        sqlite=(
            """CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(
                article_id UNINDEXED, title, body, tokenize = 'porter unicode61'
            )""",
        ),
        postgresql=(
            """CREATE TABLE article_search (
                article_id {text} PRIMARY KEY, title {text} NOT NULL, body {text} NOT NULL,
                document tsvector NOT NULL
            )""",
            "CREATE INDEX article_search_document ON article_search USING GIN (document)",
        ),
    ),
    Migration(
        4,
        "sentences and entities hold their offsets as a span (older rows read as they are)",
        (),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
#: Stores older than this predate the link state; their articles would need re-annotating.
OLDEST_MIGRATABLE = MIGRATIONS[0].version
#: Stores this old or newer have every table this crosswire reads, so a reader may open
#: them unmigrated: later migrations change only the JSON written (see :class:`Migration`).
OLDEST_READABLE = max(m.version for m in MIGRATIONS if m.steps or m.sqlite or m.postgresql)


class Rows(Protocol):
    """What a query returns on either backend (a DB-API cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


def _blob(rows: Sequence[Sequence[float]] | np.ndarray) -> bytes:
    return np.asarray(rows, dtype=np.float32).tobytes()


def _rows(blob: bytes, width: int = EMBEDDING_DIM) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, width)


def _features(row: Sequence[Any]) -> LinkFeatures:
    """Link features from ``_FEATURE_COLUMNS``."""
    return LinkFeatures(
        article_id=row[0],
        ids=np.frombuffer(row[1], dtype=np.int64),
        counts=np.frombuffer(row[2], dtype=np.float64),
        published=row[3],
        lead=np.frombuffer(row[4], dtype=np.float32) if row[4] else None,
    )


_FEATURE_COLUMNS = "id, feature_ids, feature_counts, published, vector"


def first_line(error: BaseException) -> str:
    """A database error's reason without the hints drivers add on further lines."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


_ARTICLE_COLUMNS = "article, annotations, vector, sentence_vectors, signals, id, story_id"


def _decoded_article(row: Sequence[Any]) -> tuple[AnnotatedArticle, Placement]:
    """An ``articles`` row (``_ARTICLE_COLUMNS``) as the article and its placement."""
    article_json, annotations_json, vector, sentence_vectors, signals, article_id, story_id = row
    data = json.loads(annotations_json)
    annotated = AnnotatedArticle(
        article=from_dict(Article, json.loads(article_json)),
        sentences=tuple(from_dict(Sentence, s) for s in data["sentences"]),
        entities=tuple(from_dict(Entity, e) for e in data["entities"]),
        quotes=tuple(from_dict(Quote, q) for q in data["quotes"]),
        claims=tuple(from_dict(Claim, c) for c in data["claims"]),
        terms=tuple(data.get("terms", ())),
        stances=tuple(from_dict(Stance, c) for c in data.get("stances", ())),
        vector=tuple(float(x) for x in _rows(vector).ravel()) if vector else (),
        sentence_vectors=tuple(tuple(float(x) for x in v) for v in _rows(sentence_vectors))
        if sentence_vectors
        else (),
    )
    placement = Placement(
        article_id, story_id, tuple(from_dict(StorySignal, s) for s in json.loads(signals))
    )
    return annotated, placement


class Store(ABC):
    """Articles, annotations and stories in one database, SQLite or PostgreSQL.

    It is also the link stage's :class:`~crosswire.link.LinkState`: feature
    counts, the inverted index and story membership live in the same
    database, so a story assignment and the article it places commit together.
    """

    #: "sqlite" or "postgresql": which dialect-only statements apply.
    dialect: ClassVar[str]
    #: SQL types for the schema's ``{text}``, ``{int}``, ``{real}`` and ``{blob}`` slots.
    types: ClassVar[Mapping[str, str]]
    #: The driver's exceptions: a store failure, as opposed to a bug in one article.
    errors: tuple[type[Exception], ...]

    name: str
    reading: bool

    def _start(self) -> None:
        """After connecting: migrate (writing) or check the version (reading); load counts."""
        self._ready = False
        try:
            if self.reading:
                self._check_readable()
            else:
                with self.transaction():
                    self._migrate()
                self._load_counters()
        except self.errors as error:
            self.close()
            raise StoreError(f"{self.name}: {first_line(error)}") from error
        except BaseException:
            self.close()
            raise
        self._ready = True

    # -- what a backend provides -------------------------------------------------

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement written with ``?`` marks (public for the store's own
        modules, such as browse, and for checks: the schema is the store's)."""

    @abstractmethod
    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def _begin(self) -> None:
        """Start a write transaction holding the store's write lock."""

    @abstractmethod
    def _stale(self) -> bool:
        """Inside a write transaction: has another process written since we counted?"""

    @abstractmethod
    def _tables(self) -> set[str]:
        """The names of the tables in the store."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _counted(self) -> None:
        """Called when the counts were (re)loaded: a backend notes what ``_stale`` compares."""

    # -- opening -----------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, statement: str) -> str:
        return statement.format(**self.types)

    def _found_version(self) -> int:
        """The schema version of the store; 0 when it holds no crosswire tables yet."""
        tables = self._tables()
        if "schema_version" in tables:
            return int(self.query("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
        if "meta" in tables:
            row = self.query("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            return int(row[0]) if row else 0
        return 0

    def _migrate(self) -> None:
        """Bring the store to :data:`SCHEMA_VERSION`, or refuse one we cannot read."""
        found = self._found_version()
        self._refuse_newer(found)
        if 0 < found < OLDEST_MIGRATABLE:
            raise StoreError(
                f"{self.name}: store schema version {found}, this crosswire reads version "
                f"{SCHEMA_VERSION} and migrates from {OLDEST_MIGRATABLE}; "
                "analyze into a new --db"
            )
        now = datetime.now(UTC).isoformat()
        applied = [m for m in MIGRATIONS if m.version > found]
        for migration in applied:
            own = migration.sqlite if self.dialect == "sqlite" else migration.postgresql
            for statement in (*migration.steps, *own):
                self.query(self._sql(statement))
        for migration in applied:
            self.query(
                "INSERT INTO schema_version (version, applied_at, why) VALUES (?, ?, ?)",
                (migration.version, now, migration.why),
            )
        if applied:  # older crosswires read the version here, and so refuse this store
            self.query(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def _check_readable(self) -> None:
        found = self._found_version()
        if found == 0:
            raise StoreError(f"{self.name}: not a crosswire store")
        if found < OLDEST_READABLE:
            raise StoreError(
                f"{self.name}: store schema version {found}, this crosswire reads version "
                f"{SCHEMA_VERSION}; open it once to write (crosswire analyze) to migrate it"
            )
        self._refuse_newer(found)

    def _refuse_newer(self, found: int) -> None:
        """A store from a newer crosswire may hold what this one cannot read or keep."""
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"{self.name}: store schema version {found} is newer than this crosswire's "
                f"({SCHEMA_VERSION}); upgrade crosswire to use it"
            )

    # -- transactions ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work: all of it is stored, or none of it.

        The backend's ``_begin`` takes the write lock at once, so two processes
        on one store take turns instead of one overwriting what the other
        read; counts another process changed meanwhile are read again first.
        """
        if self.reading:
            raise StoreError(f"{self.name}: opened for reading; writing needs a writable store")
        self._begin()
        try:
            if self._ready and self._stale():
                self._load_counters()  # another process committed since we counted
            yield
        except BaseException:
            self.query("ROLLBACK")
            if self._ready:
                self._load_counters()  # forget counts of what was rolled back
            raise
        self.query("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside :meth:`transaction`: undo only this block's writes if it fails."""
        self.query("SAVEPOINT one")
        try:
            yield
        except BaseException:
            self.query("ROLLBACK TO SAVEPOINT one")
            self.query("RELEASE SAVEPOINT one")
            self._load_counters()  # the counts the rolled-back block had added
            raise
        self.query("RELEASE SAVEPOINT one")

    def _load_counters(self) -> None:
        """Counts kept in memory: every placement reads thousands of feature counts."""
        df = np.zeros(BUCKETS, dtype=np.int32)
        rows = self.query("SELECT bucket, n FROM frequencies").fetchall()
        if rows:
            table = np.array(rows, dtype=np.int64)
            df[table[:, 0]] = table[:, 1]
        self._df = df
        count, seq = self.query("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM articles").fetchone()
        self._count, self._seq = int(count), int(seq)
        self._counted()

    # -- link state (read) -------------------------------------------------------

    def documents(self) -> int:
        return self._count

    def frequencies(self, buckets: np.ndarray) -> np.ndarray:
        found: np.ndarray = self._df[buckets]
        return found

    def posted(self, key: int, limit: int) -> Sequence[str]:
        rows = self.query(
            "SELECT article_id FROM postings WHERE key=? ORDER BY seq DESC LIMIT ?", (key, limit)
        )
        return [r[0] for r in rows]

    def stories_of(self, article_ids: Collection[str]) -> Mapping[str, str]:
        ids = list(article_ids)
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.query(f"SELECT id, story_id FROM articles WHERE id IN ({marks})", chunk)
            found.update((r[0], r[1]) for r in rows)
        return found

    def members(self, story_id: str, limit: int) -> Sequence[LinkFeatures]:
        rows = self.query(
            f"SELECT {_FEATURE_COLUMNS} FROM articles WHERE story_id=? ORDER BY seq DESC LIMIT ?",
            (story_id, limit),
        )
        return [_features(r) for r in rows]

    def all_features(self) -> Iterator[LinkFeatures]:
        """Link features of every stored article, in the order they were stored."""
        rows = self.query(f"SELECT {_FEATURE_COLUMNS} FROM articles ORDER BY seq")
        for r in rows:
            yield _features(r)

    def size(self, story_id: str) -> int:
        row = self.query("SELECT COUNT(*) FROM articles WHERE story_id=?", (story_id,))
        return int(row.fetchone()[0])

    # -- writing -----------------------------------------------------------------

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
        for story in sorted(touched):
            self.query(
                "INSERT INTO stories (id, updated_at) VALUES (?, ?) ON CONFLICT(id) DO UPDATE "
                "SET updated_at=excluded.updated_at",
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
            "stances": to_dict(annotated.stances),
        }
        self.query(
            "INSERT INTO articles (id, story_id, seq, origin, headline, article, annotations, "
            "vector, sentence_vectors, feature_ids, feature_counts, published, signals, "
            "ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            self.query("UPDATE articles SET story_id=? WHERE story_id=?", (target, source))
        for other, target in change.moves:
            if other != article.id:
                self.query("UPDATE articles SET story_id=? WHERE id=?", (target, other))
        buckets, counts = np.unique(features.buckets, return_counts=True)
        self._run_many(
            "INSERT INTO frequencies (bucket, n) VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET n=frequencies.n+excluded.n",
            list(zip(buckets.tolist(), counts.tolist(), strict=True)),
        )
        np.add.at(self._df, buckets, counts.astype(np.int32))
        self._run_many(
            "INSERT INTO postings (key, seq, article_id) VALUES (?, ?, ?)",
            [(key, seq, article.id) for key in change.index_keys],
        )
        for story in sorted(emptied - touched):
            self.query(
                "DELETE FROM stories WHERE id=? AND NOT EXISTS "
                "(SELECT 1 FROM articles WHERE story_id=?)",
                (story, story),
            )
        self._count += 1
        return True

    def unembedded(self, story_ids: Collection[str]) -> list[str]:
        """Articles of these stories, in the order stored, that share their story with
        another article yet have no sentence vectors (stored alone in their story,
        annotated without them: see :meth:`set_sentence_vectors`)."""
        ids = sorted(story_ids)
        found: list[tuple[int, str]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += self.query(
                f"SELECT a.seq, a.id FROM articles a WHERE a.story_id IN ({marks}) "
                "AND length(a.sentence_vectors) = 0 AND EXISTS (SELECT 1 FROM articles b "
                "WHERE b.story_id = a.story_id AND b.id <> a.id)",
                chunk,
            ).fetchall()
        return [article_id for _, article_id in sorted(found)]

    def set_sentence_vectors(
        self, article_id: str, vectors: Sequence[Sequence[float]] | np.ndarray
    ) -> None:
        """Store a stored article's sentence vectors, one row per sentence.

        Call inside :meth:`transaction`, the one that gives the article company
        in its story: an article alone in its story is stored without them,
        since comparing it with others is what reads them.
        """
        rows = np.asarray(vectors, dtype=np.float32).reshape(-1, EMBEDDING_DIM)
        self.query(
            "UPDATE articles SET sentence_vectors=? WHERE id=?",
            (_blob(rows) if len(rows) else b"", article_id),
        )

    # -- reading -----------------------------------------------------------------

    def stories(self) -> list[tuple[Story, datetime]]:
        """Every story, largest and most recently updated first; titled by its first article."""
        order = self.query(
            "SELECT s.id, s.updated_at FROM stories s "
            "JOIN articles a ON a.story_id = s.id GROUP BY s.id, s.updated_at "
            "ORDER BY COUNT(a.id) DESC, s.updated_at DESC, s.id"
        ).fetchall()
        members: dict[str, list[tuple[str, str]]] = {}
        for story_id, article_id, headline in self.query(
            "SELECT story_id, id, headline FROM articles ORDER BY seq"
        ):
            members.setdefault(story_id, []).append((article_id, headline))
        out = []
        for story_id, updated in order:
            held = members.get(story_id)
            if not held:  # an article placed between the two reads: next call lists it
                continue
            story = Story(story_id, held[0][1], tuple(m[0] for m in held))
            out.append((story, datetime.fromisoformat(updated)))
        return out

    def find_story(self, key: str) -> Story | None:
        """A story by id, id prefix, or 1-based position in :meth:`stories`."""
        stories = [s for s, _ in self.stories()]
        if key.isdigit() and 1 <= int(key) <= len(stories):
            return stories[int(key) - 1]
        matches = [s for s in stories if s.id == key or s.id.startswith(key)]
        return matches[0] if len(matches) == 1 else None

    def articles_of(self, story: Story) -> tuple[list[AnnotatedArticle], list[Placement]]:
        rows = self.query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id=? ORDER BY seq", (story.id,)
        ).fetchall()
        decoded = [_decoded_article(row) for row in rows]
        return [a for a, _ in decoded], [p for _, p in decoded]

    def article(self, article_id: str) -> tuple[AnnotatedArticle, Placement] | None:
        """One stored article and its placement, decoding that row alone."""
        row = self.query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return None if row is None else _decoded_article(row)

    def count_articles(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM articles").fetchone()[0])
