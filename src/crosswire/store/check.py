"""Whether a SQLite store is whole: what the kill -9 trials and the concurrency
tests check after every run. It reads the schema directly, so it lives with the store
that writes it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np

from crosswire.model import EMBEDDING_DIM

_VECTOR_BYTES = EMBEDDING_DIM * 4


def check_store(db: Path) -> list[str]:
    """Every way the store at ``db`` is not whole; ``[]`` when it is.

    Checks SQLite's own integrity, then that every stored article is complete
    (its annotations parse, its vectors match its sentences, its story exists; only
    an article alone in its story may lack sentence vectors)
    and that the link state agrees with the articles: no empty story, postings
    only of stored articles at their sequence numbers, and feature frequencies
    equal to what the stored articles' features add up to.
    """
    from crosswire.link.features import BUCKETS
    from crosswire.store import open_store

    problems: list[str] = []
    if not db.exists():
        return problems  # killed before the store file was created
    db_uri = f"file:{db}?mode=ro"
    try:
        raw = sqlite3.connect(db_uri, uri=True, timeout=30)
    except sqlite3.Error as error:
        return [f"cannot open: {error}"]
    try:
        integrity = [r[0] for r in raw.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"integrity_check: {integrity[:5]}"]
        if raw.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found rows")
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return problems  # killed before the schema was written: an empty database
        if "articles" not in tables:
            return [*problems, f"schema incomplete: {sorted(tables)}"]
        rows = raw.execute(
            "SELECT id, story_id, seq, annotations, vector, sentence_vectors, "
            "feature_ids, feature_counts, article FROM articles"
        ).fetchall()
        stories = {r[0] for r in raw.execute("SELECT id FROM stories")}
        seqs: dict[str, int] = {}
        sizes = dict(raw.execute("SELECT story_id, COUNT(*) FROM articles GROUP BY story_id"))
        expected = np.zeros(BUCKETS, dtype=np.int64)
        for article_id, story, seq, annotations, vector, sentence_vectors, ids, counts, art in rows:
            seqs[article_id] = seq
            if story not in stories:
                problems.append(f"article {article_id} in missing story {story}")
            try:
                data = json.loads(annotations)
                json.loads(art)
                sentences = len(data["sentences"])
                _ = data["entities"], data["quotes"], data["claims"]
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"article {article_id}: annotations unreadable ({error})")
                continue
            if not sentence_vectors and sentences and sizes.get(story, 0) > 1:
                problems.append(f"article {article_id}: no sentence vectors in a story of several")
            elif sentence_vectors and len(sentence_vectors) != sentences * _VECTOR_BYTES:
                problems.append(f"article {article_id}: {sentences} sentences, vectors don't match")
            if len(vector) != (_VECTOR_BYTES if sentences else 0):
                problems.append(f"article {article_id}: article vector missing")
            if len(ids) // 8 != len(counts) // 8:
                problems.append(f"article {article_id}: feature ids and counts differ")
            feature_ids = np.frombuffer(ids, dtype=np.int64)
            np.add.at(expected, feature_ids & (BUCKETS - 1), 1)
        if len(set(seqs.values())) != len(seqs):
            problems.append("two articles share a sequence number")
        empty = raw.execute(
            "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.story_id = s.id)"
        ).fetchone()[0]
        if empty:
            problems.append(f"{empty} stories without articles")
        for key, seq, article_id in raw.execute("SELECT key, seq, article_id FROM postings"):
            if seqs.get(article_id) != seq:
                problems.append(f"posting {key} of article {article_id} not matching a stored one")
                break
        stored = np.zeros(BUCKETS, dtype=np.int64)
        for bucket, n in raw.execute("SELECT bucket, n FROM frequencies"):
            stored[bucket] = n
        if not np.array_equal(stored, expected):
            wrong = int(np.count_nonzero(stored != expected))
            problems.append(f"feature frequencies disagree with the articles in {wrong} buckets")
        origins = raw.execute("SELECT COUNT(*), COUNT(DISTINCT origin) FROM articles").fetchone()
        if origins[0] != origins[1]:
            problems.append(f"{origins[0] - origins[1]} articles stored twice (same origin)")
    finally:
        raw.close()
    try:  # and the product itself must open it and read every story back
        with open_store(db) as store:
            for story, _ in store.stories():
                store.articles_of(story)
    except Exception as error:
        problems.append(f"crosswire cannot read it back: {type(error).__name__}: {error}")
    return problems


def stored_origins(db: Path) -> list[str]:
    """Origins of every stored article (one entry per stored row)."""
    if not db.exists():
        return []
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return []
        return [r[0] for r in raw.execute("SELECT origin FROM articles")]
    finally:
        raw.close()
