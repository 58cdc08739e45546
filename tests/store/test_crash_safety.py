"""The store stays whole: one bad article, an exception mid-batch, or kill -9 mid-run.

Every article is either stored with everything about it (annotations, vectors,
story, postings, feature counts) or absent; a re-run completes the batch with
no duplicates.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.kill import run_kill_trials, write_kill_corpus
from crosswire.link import Regrouping
from crosswire.model import AnnotatedArticle, ReadError
from crosswire.run import ingest
from crosswire.store import SqliteStore, open_store
from crosswire.store.check import check_store, stored_origins

MARKER = "Quibblesworth"
ECB_ARTICLES = 4


class _Exploding:
    """The real backend, except that parsing any text naming MARKER fails."""

    def __init__(self, real: NlpBackend) -> None:
        self.real = real

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        if any(MARKER in t for t in texts):
            raise RuntimeError("parser exploded\nwith a second line")
        return list(self.real.parse(texts))

    def embed(self, texts: Sequence[str], *, max_tokens: int | None = None) -> np.ndarray:
        return self.real.embed(texts, max_tokens=max_tokens)


def _folder(tmp_path: Path, seeds_dir: Path, extra: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (SEED_WIRE, SEED_REWRITE):
        shutil.copy(seeds_dir / name, folder / name)
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


BAD = (
    f"Mayor {MARKER} said on Tuesday the bridge would reopen next week after repairs.\n\n"
    "Engineers found no structural damage, the city council said in a statement."
)
GOOD = (
    "A magnitude 6.1 earthquake struck off the coast of Chile on Monday, the US Geological "
    'Survey said.\n\n"There are no reports of damage," a local official told reporters.'
)


def test_one_article_failing_annotation_is_one_error_and_the_rest_are_stored(
    tmp_path: Path, seeds_dir: Path, backend: NlpBackend
) -> None:
    folder = _folder(tmp_path, seeds_dir, {"bad.txt": BAD, "good.txt": GOOD})
    db = tmp_path / "c.db"
    seen: list[ReadError] = []
    with open_store(db) as store:
        result = ingest([folder], store, backend=_Exploding(backend), on_error=seen.append)
    assert result.added == 3
    assert [Path(e.origin).name for e in result.errors] == ["bad.txt"]
    assert seen == result.errors
    reason = result.errors[0].reason
    assert reason == "could not be annotated (RuntimeError: parser exploded)"
    assert check_store(db) == []
    assert sorted(Path(o).name for o in stored_origins(db)) == sorted(
        [SEED_WIRE, SEED_REWRITE, "good.txt"]
    )


def test_a_link_failure_rolls_back_only_that_article(
    tmp_path: Path, seeds_dir: Path, backend: NlpBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, seeds_dir, {"bad.txt": BAD, "good.txt": GOOD})
    real_add = SqliteStore.add_article

    def add_then_fail(self: SqliteStore, annotated: AnnotatedArticle, change: Regrouping) -> bool:
        stored = real_add(self, annotated, change)  # writes rows, counts and postings ...
        if MARKER in annotated.article.text:
            raise ValueError("link state bug")  # ... and then fails half-way
        return stored

    monkeypatch.setattr(SqliteStore, "add_article", add_then_fail)
    db = tmp_path / "c.db"
    with open_store(db) as store:
        result = ingest([folder], store, backend=backend)
        assert store.documents() == 3  # the in-memory counts forgot the rolled-back article
    assert result.added == 3
    assert [e.reason for e in result.errors] == ["could not be linked (ValueError: link state bug)"]
    assert check_store(db) == []
    monkeypatch.undo()
    with open_store(db) as store:  # the failed article goes in on the next run, once
        again = ingest([folder], store, backend=backend)
    assert (again.added, again.already_stored) == (1, 3)
    assert check_store(db) == [] and len(stored_origins(db)) == 4


def test_check_store_finds_damage(seed_db: Path, tmp_path: Path) -> None:
    """The checker used after every kill must be able to fail."""
    assert check_store(seed_db) == []
    damages = {
        "frequencies": "DELETE FROM frequencies WHERE rowid IN (SELECT rowid FROM frequencies)",
        "story": "DELETE FROM stories",
        "vectors": "UPDATE articles SET sentence_vectors = x'00' WHERE rowid = 1",
        "unembedded": "UPDATE articles SET sentence_vectors = x'' WHERE rowid = 1",
        "annotations": "UPDATE articles SET annotations = '{' WHERE rowid = 1",
        "posting": "UPDATE postings SET seq = seq + 100 WHERE rowid = 1",
    }
    for name, statement in damages.items():
        db = tmp_path / f"{name}.db"
        shutil.copy(seed_db, db)
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute(statement)
        assert check_store(db), name


@pytest.mark.shared
def test_kill_9_during_analyze_leaves_a_whole_store(
    tmp_path: Path, seeds_dir: Path, ecb_file: Path
) -> None:
    corpus = tmp_path / "corpus"
    assert write_kill_corpus(corpus, seeds_dir, ecb_file, ECB_ARTICLES) == ECB_ARTICLES + 2
    report = run_kill_trials(corpus, 3, seed=11, work=tmp_path / "work")
    summary = report.to_dict()
    assert summary["killed"] == 3 and summary["articles"] == ECB_ARTICLES + 2, summary
    for name in ("corrupt", "partial_or_inconsistent", "incomplete_after_rerun", "duplicates"):
        assert summary[name] == 0, (name, summary["problems"])
    assert summary["run_errors"] == 0, summary["problems"]
    assert summary["completed_runs"] >= 1
    db = tmp_path / "work" / "trial.db"
    assert check_store(db) == []
    assert sorted(stored_origins(db)) == sorted(stored_origins(tmp_path / "work" / "reference.db"))
    json.dumps(summary)
