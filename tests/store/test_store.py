"""The store, once on SQLite and once on a real PostgreSQL server: same behaviour, same rows.

Every test takes ``store_db`` (see conftest.py): a fresh SQLite file, then a
fresh database on the session's private PostgreSQL server.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.clean import clean_document
from crosswire.cli import app, run
from crosswire.codec import to_dict
from crosswire.link import MemoryLinkState, link_features, place
from crosswire.model import AnnotatedArticle, Article, RawDocument, ReadError
from crosswire.read import read_paths
from crosswire.store import SCHEMA_VERSION, Store, StoreError, open_store
from crosswire.store.browse import (
    find_article,
    search,
    story_summaries,
    story_updated,
    update_search_index,
)
from crosswire.web import create_app
from helpers import events_by_gold

runner = CliRunner()


def _annotated(
    documents: list[RawDocument | ReadError], backend: NlpBackend
) -> list[AnnotatedArticle]:
    articles = [clean_document(d) for d in documents if isinstance(d, RawDocument)]
    assert all(isinstance(a, Article) for a in articles)
    return annotate([a for a in articles if isinstance(a, Article)], backend)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, backend: NlpBackend) -> list[AnnotatedArticle]:
    """The two seed articles, annotated: a wire story and its rewrite."""
    return _annotated(list(read_paths([seeds_dir])), backend)


@pytest.fixture(scope="module")
def corpus(
    seeds: list[AnnotatedArticle], ecb_file: Path, backend: NlpBackend
) -> list[AnnotatedArticle]:
    """The seeds and the first twelve ECB+ reports, annotated."""
    return [*seeds, *_annotated(list(itertools.islice(read_paths([ecb_file]), 12)), backend)]


def _link(store: Store, articles: list[AnnotatedArticle]) -> list[bool]:
    """Place and store each article, all in one transaction, as the pipeline does."""
    stored = []
    with store.transaction():
        for article in articles:
            stored.append(store.add_article(article, place(link_features(article), store)))
    return stored


def _problems(store: Store) -> list[str]:
    """What is inconsistent in a store: the link state must agree with the articles held."""
    problems = []
    seqs = sorted(r[0] for r in store.query("SELECT seq FROM articles"))
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append(f"seqs {seqs}")
    recount: Counter[int] = Counter()
    for features in store.all_features():
        recount.update(np.unique(features.buckets).tolist())
    held = {int(b): int(n) for b, n in store.query("SELECT bucket, n FROM frequencies") if n}
    if held != dict(recount):
        problems.append("feature counts differ from the stored articles' features")
    if store.query(
        "SELECT COUNT(*) FROM postings p LEFT JOIN articles a "
        "ON a.id = p.article_id AND a.seq = p.seq WHERE a.id IS NULL"
    ).fetchone()[0]:
        problems.append("postings of articles not stored")
    if store.query(
        "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.story_id = s.id)"
    ).fetchone()[0]:
        problems.append("empty stories")
    if store.documents() != len(seqs):
        problems.append(f"documents() {store.documents()} for {len(seqs)} articles")
    return problems


def _snapshot(store: Store) -> tuple[Any, ...]:
    return (
        store.count_articles(),
        [(s, t) for s, t in store.stories()],
        sorted(store.query("SELECT bucket, n FROM frequencies").fetchall()),
        sorted(store.query("SELECT key, seq, article_id FROM postings").fetchall()),
    )


def test_annotated_articles_and_stories_round_trip(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    with open_store(store_db) as store, store.transaction():
        changes = [place(link_features(a), store) for a in seeds[:1]]
        assert store.add_article(seeds[0], changes[0])
        changes.append(place(link_features(seeds[1]), store))
        assert store.add_article(seeds[1], changes[1])
    with open_store(store_db, reading=True) as store:
        ((story, updated),) = store.stories()
        assert story.article_ids == tuple(a.article.id for a in seeds)
        assert store.find_story("1") == story == store.find_story(story.id[:6])
        articles, placements = store.articles_of(story)
        assert updated.tzinfo is not None
    for back, original in zip(articles, seeds, strict=True):
        assert back.article == original.article
        assert (back.sentences, back.entities) == (original.sentences, original.entities)
        assert (back.quotes, back.claims, back.terms) == (
            original.quotes,
            original.claims,
            original.terms,
        )
        np.testing.assert_array_equal(
            np.asarray(back.vector, dtype=np.float32),
            np.asarray(original.vector, dtype=np.float32),
            strict=True,
        )
        assert len(back.sentence_vectors) == len(original.sentence_vectors) > 1
    assert placements == [c.placement for c in changes]
    assert "similarity" in {s.name for s in placements[1].signals}


def test_reingesting_the_same_article_is_a_no_op(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    with open_store(store_db) as store:
        _link(store, seeds)
        before = _snapshot(store)
        assert _link(store, list(reversed(seeds))) == [False, False]
        assert _snapshot(store) == before and store.documents() == 2
        assert store.known([a.article.id for a in seeds] + ["nope"]) == {
            a.article.id for a in seeds
        }


def test_a_failed_transaction_leaves_nothing_behind(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    wire, rewrite = seeds
    with open_store(store_db) as store:
        with pytest.raises(RuntimeError, match="crash"), store.transaction():
            store.add_article(wire, place(link_features(wire), store))
            raise RuntimeError("crash after writing")
        assert store.count_articles() == 0 and store.documents() == 0
        assert store.stories() == [] and _problems(store) == []
        assert store.query("SELECT COUNT(*) FROM frequencies").fetchone()[0] == 0
        with store.transaction():  # one article of a batch fails: only it is undone
            store.add_article(wire, place(link_features(wire), store))
            with pytest.raises(ValueError), store.savepoint():
                store.add_article(rewrite, place(link_features(rewrite), store))
                raise ValueError("link bug")
        assert store.known([wire.article.id, rewrite.article.id]) == {wire.article.id}
        assert _problems(store) == []
        assert _link(store, [rewrite]) == [True]  # it goes in on the next run, once
        assert _problems(store) == [] and store.count_articles() == 2


@pytest.mark.shared
def test_linking_into_the_store_matches_memory(
    store_db: str, ecb_annotated: list[AnnotatedArticle], ecb_file: Path
) -> None:
    groups = events_by_gold(ecb_annotated, ecb_file, "24ecb", "24ecbplus", "20ecb")
    articles = [a for g in groups.values() for a in g]
    random.Random(7).shuffle(articles)
    memory = MemoryLinkState()
    with open_store(store_db) as store:
        for article in articles:
            features = link_features(article)
            expected = place(features, memory)
            memory.apply(expected)
            with store.transaction():
                change = place(features, store)
                assert change.moves == expected.moves and change.merges == expected.merges
                assert store.add_article(article, change)
        stored = {a: s.id for s, _ in store.stories() for a in s.article_ids}
        assert _problems(store) == []
    assert stored == memory.labels()
    assert len(set(stored.values())) >= 3


_WRITER = """
import json, sys, time
from pathlib import Path
from crosswire.codec import from_dict
from crosswire.link import link_features, place
from crosswire.model import AnnotatedArticle
from crosswire.store import open_store

db, batch, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
articles = json.loads(batch.read_text())
with open_store(db) as store:
    batch.with_suffix(".ready").touch()
    while not go.exists():
        time.sleep(0.01)
    for data in articles:
        article = from_dict(AnnotatedArticle, data)
        with store.transaction():
            store.add_article(article, place(link_features(article), store))
"""


@pytest.mark.shared
def test_two_processes_writing_at_once_store_every_article_once(
    store_db: str, corpus: list[AnnotatedArticle], tmp_path: Path
) -> None:
    """One transaction per article, both over the same articles, started together: each
    article is placed by whichever comes first and is a no-op for the other."""
    with open_store(store_db):
        pass  # created (and migrated) before the race, as `crosswire analyze` would
    go = tmp_path / "go"
    writers = []
    for n, share in enumerate((corpus, corpus[1:])):
        batch = tmp_path / f"batch{n}.json"
        batch.write_text(json.dumps([to_dict(a) for a in share]))
        command = [sys.executable, "-c", _WRITER, store_db, str(batch), str(go)]
        writers.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        )
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("*.ready"))) < 2:  # both connected and waiting
        assert time.monotonic() < deadline and all(w.poll() is None for w in writers)
        time.sleep(0.01)
    go.touch()
    for writer in writers:
        output, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0, output
        assert "locked" not in output and "Traceback" not in output, output
    with open_store(store_db) as store:
        assert store.count_articles() == len(corpus)
        assert store.known([a.article.id for a in corpus]) == {a.article.id for a in corpus}
        assert _problems(store) == []
        members = [a for s, _ in store.stories() for a in s.article_ids]
    assert sorted(members) == sorted(a.article.id for a in corpus)


def test_a_store_opened_before_another_process_wrote_counts_afresh(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    """Sequence numbers and feature counts come from the database, not a stale memory of it."""
    wire, rewrite = seeds
    with open_store(store_db) as early, open_store(store_db) as other:
        assert _link(other, [wire]) == [True]
        assert _link(early, [rewrite]) == [True]
        assert early.documents() == 2
        assert _problems(early) == []
        assert sorted(r[0] for r in early.query("SELECT seq FROM articles")) == [1, 2]


def _downgrade_to_version_2(store: Store) -> None:
    """What a store written by the previous crosswire holds: version 2 in meta, no more."""
    with store.transaction():
        for table in ("schema_version", "search_indexed", "article_search"):
            store.query(f"DROP TABLE {table}")
        store.query("DROP INDEX articles_seq")
        store.query("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def test_an_older_store_is_migrated_and_a_newer_one_refused(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    with open_store(store_db) as store:
        _link(store, seeds)
        before = _snapshot(store)
        _downgrade_to_version_2(store)
    with pytest.raises(StoreError, match=r"schema version 2.*open it once to write"):
        open_store(store_db, reading=True)
    with open_store(store_db) as store:
        assert _snapshot(store) == before
        versions = store.query("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [v[0] for v in versions] == [3, SCHEMA_VERSION]
        assert store.query("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
        assert search(store, "Zelenskiy") == []  # the index is new and empty ...
        assert update_search_index(store) == 2  # ... until the next ingest fills it
        assert len(search(store, "Zelenskiy")) >= 1
        store.query("INSERT INTO schema_version VALUES (99, 'later', 'a future crosswire')")
    for reading in (False, True):
        with pytest.raises(StoreError, match="version 99 is newer than this crosswire"):
            open_store(store_db, reading=reading)


def test_a_fresh_store_records_every_migration(store_db: str) -> None:
    with open_store(store_db) as store:
        rows = store.query("SELECT version, why FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [2, 3, SCHEMA_VERSION] and all(r[1] for r in rows)
    with open_store(store_db) as store:  # opening again applies nothing twice
        assert store.query("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(rows)


def _as_written_by_version_3(store: Store) -> None:
    """What the previous crosswire wrote: version 3, sentences and entities with flat
    ``start`` and ``end`` offsets (before they held a span)."""
    with store.transaction():
        for article_id, annotations in store.query("SELECT id, annotations FROM articles"):
            data = json.loads(annotations)
            data["sentences"] = [
                {"start": s["span"]["start"], "end": s["span"]["end"], "text": s["text"]}
                for s in data["sentences"]
            ]
            data["entities"] = [
                {"text": e["text"], "label": e["label"]}
                | {"start": e["span"]["start"], "end": e["span"]["end"]}
                for e in data["entities"]
            ]
            store.query(
                "UPDATE articles SET annotations = ? WHERE id = ?", (json.dumps(data), article_id)
            )
        store.query("DELETE FROM schema_version WHERE version > 3")
        store.query("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def test_a_store_of_the_previous_version_reads_as_it_is_and_migrates(
    store_db: str, seeds: list[AnnotatedArticle]
) -> None:
    with open_store(store_db) as store:
        _link(store, seeds)
        _as_written_by_version_3(store)
        (row,) = store.query("SELECT annotations FROM articles WHERE seq = 1").fetchall()
        assert set(json.loads(row[0])["sentences"][0]) == {"start", "end", "text"}

    def read_back(store: Store) -> list[AnnotatedArticle]:
        ((story, _),) = store.stories()
        return store.articles_of(story)[0]

    with open_store(store_db, reading=True) as store:  # a reader opens it unmigrated
        assert store.query("SELECT MAX(version) FROM schema_version").fetchone()[0] == 3
        assert read_back(store) == seeds
    with open_store(store_db) as store:  # a writer migrates it; older rows read as they are
        versions = store.query("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [v[0] for v in versions] == [2, 3, SCHEMA_VERSION]
        assert read_back(store) == seeds


def test_browse_and_search(store_db: str, seeds: list[AnnotatedArticle]) -> None:
    with open_store(store_db) as store:
        _link(store, seeds)
        assert update_search_index(store) == 2 and update_search_index(store) == 0
    with open_store(store_db, reading=True) as store:
        ((summary,), total) = story_summaries(store)
        ((story, updated),) = store.stories()
        assert (total, summary.id, summary.articles, summary.updated) == (1, story.id, 2, updated)
        assert summary.title == story.title
        assert story_summaries(store, story_ids=[]) == ([], 0)
        assert story_summaries(store, offset=1) == ([], 1)
        assert story_updated(store, story.id) == f"{updated.isoformat()}:2"
        assert story_updated(store, "s-none") is None
        wire = seeds[0].article
        found = find_article(store, wire.id[:7])
        assert found is not None and found[0].article == wire and found[1].story_id == story.id
        assert find_article(store, "") is None  # two articles share the empty prefix
        for word in ("Zelenskiy", "Austria", "NATO"):
            hits = search(store, word)
            whole = re.compile(rf"\b{word}\b", re.IGNORECASE)
            expected = {a.article.id for a in seeds if whole.search(a.article.text)}
            assert {h.article_id for h in hits} == expected, word
            assert all(h.story_id == story.id and h.title and h.snippet for h in hits)
        assert search(store, "Zelenskiy xylophonequartz") == []  # every word must occur
        for hostile in ('"NATO', "NATO OR -Kyiv*", "a:b (c", "'; DROP TABLE articles; --", ""):
            search(store, hostile)  # read as words, never as query syntax
        assert store.count_articles() == 2


def test_cli_analyze_then_stories_and_show(
    store_db: str, seeds_dir: Path, tmp_path: Path, backend: NlpBackend
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (SEED_WIRE, SEED_REWRITE):
        shutil.copy(seeds_dir / name, folder / name)
    out = tmp_path / "report"
    args = ["analyze", str(folder), "--db", store_db, "--out", str(out), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    flat = result.output.replace("\n", "")  # the console wraps long lines
    assert "2 new" in flat and f"1 stories in {store_db}" in flat
    (story,) = json.loads((out / "stories.json").read_text())["stories"]
    assert len(story["articles"]) == 2
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "0 new, 2 already stored" in again.output, again.output
    listed = runner.invoke(app, ["stories", "--db", store_db])
    assert listed.exit_code == 0 and "Outside of NATO" in listed.output, listed.output
    shown = runner.invoke(app, ["show", "1", "--db", store_db])
    assert shown.exit_code == 0, shown.output
    assert "credits Reuters" in shown.output and "joined:" in shown.output
    quoted = runner.invoke(app, ["quotes", "1", "--db", store_db, "--json"])
    assert quoted.exit_code == 0 and json.loads(quoted.output), quoted.output
    assert runner.invoke(app, ["show", "nope", "--db", store_db]).exit_code == 1
    # the web pages and API read either store the same way
    web = TestClient(create_app(store_db))
    page = web.get("/api/stories").json()
    assert page["total"] == 1 and page["items"][0]["articles"] == 2
    story_id = page["items"][0]["id"]
    assert len(web.get(f"/api/stories/{story_id}").json()["articles"]) == 2
    hits = web.get("/api/search", params={"q": "Zelensky realistic"}).json()
    assert hits and all(h["story_id"] == story_id for h in hits)
    assert "Outside of NATO" in web.get(f"/stories/{story_id}").text


def test_an_unreachable_server_is_one_line_naming_it() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://crosswire:s3cret@127.0.0.1:{port}/news"
    result = runner.invoke(app, ["stories", "--db", url])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "crosswire:***@127.0.0.1" in lines[0] and "s3cret" not in lines[0]
    assert "Connection refused" in lines[0]
    with pytest.raises(StoreError):
        open_store(url.replace("postgresql", "postgres"))


def test_a_store_failing_mid_command_is_one_line(
    store_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server gone or a disk failing after the store opened: one line, exit 1."""
    open_store(store_db).close()  # an empty store: opening it works
    with open_store(store_db) as store:
        failure = store.errors[0]

    def broken(self: Store) -> list[Any]:
        raise failure("server closed the connection unexpectedly\n\tThis probably means...")

    monkeypatch.setattr(Store, "stories", broken)
    monkeypatch.setattr(sys, "argv", ["crosswire", "stories", "--db", store_db])
    with pytest.raises(SystemExit) as ended:
        run()
    assert ended.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["error: the store failed: server closed the connection unexpectedly"]
