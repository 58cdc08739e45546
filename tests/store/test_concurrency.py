"""Two `crosswire analyze` processes on one store at once: no lost update, no lock error."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
import subprocess
import sys
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.store import SqliteStore, StoreError
from crosswire.store.check import check_store


def _analyze(folder: Path, db: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from crosswire.cli import run; run()", "analyze"]
    command += [str(folder), "--db", str(db), "--out", str(out), "--format", "json"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.mark.shared
def test_two_ingests_on_overlapping_folders_store_every_article_once(
    tmp_path: Path, seeds_dir: Path, ecb_file: Path
) -> None:
    texts = []
    with ecb_file.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) == 10:
                break
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for name in (SEED_WIRE, SEED_REWRITE):
        shutil.copy(seeds_dir / name, first / name)
    for n, text in enumerate(texts):  # 3..5 in both folders: the same articles twice
        if n <= 5:
            (first / f"ecb{n}.txt").write_text(text, encoding="utf-8")
        if n >= 3:
            (second / f"ecb{n}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "shared.db"
    runs = [_analyze(first, db, tmp_path / "r1"), _analyze(second, db, tmp_path / "r2")]
    outputs = []
    for run in runs:
        output, _ = run.communicate(timeout=600)
        outputs.append(output)
        assert run.returncode == 0, output
    for output in outputs:
        assert "locked" not in output and "Traceback" not in output, output
    assert check_store(db) == []
    with sqlite3.connect(db) as raw:
        (count,) = raw.execute("SELECT COUNT(*) FROM articles").fetchone()
        (journal,) = raw.execute("PRAGMA journal_mode").fetchone()
    assert count == 2 + len(texts)
    assert journal == "wal"


def _open_when_released(path: str, gate: Barrier, answers: Queue[str]) -> None:
    gate.wait()
    try:
        SqliteStore(path).close()
    except StoreError as error:
        answers.put(str(error))
    else:
        answers.put("ok")


def test_processes_opening_one_new_store_at_once_all_wait_their_turn(tmp_path: Path) -> None:
    """Switching a new file to WAL is refused at once ("database is locked"), not after
    the busy timeout, when another process switches it at the same moment: each
    opener must wait its turn as a write does. Thirty new files, six openers each."""
    context = multiprocessing.get_context("fork")
    refused = []
    for trial in range(30):
        path = str(tmp_path / f"new{trial}.db")
        gate, answers = context.Barrier(6), context.Queue()
        openers = [
            context.Process(target=_open_when_released, args=(path, gate, answers))
            for _ in range(6)
        ]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=120)
        refused += [a for a in (answers.get(timeout=5) for _ in openers) if a != "ok"]
    assert refused == []
