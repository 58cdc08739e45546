"""kill -9 trials (``crosswire bench robustness``): ``crosswire analyze`` runs on a
folder of real articles and is killed with SIGKILL after a random delay; the store
must then pass :func:`~crosswire.store.check.check_store`. Runs go on into the same
store, so each one resumes the previous killed batch; when a run is not killed, every
input article must be stored exactly once.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.store.check import check_store, stored_origins

#: Kill trials: share of runs left to finish, of kills timed on a store write, and the
#: span (in full runs) a random kill delay is drawn from.
COMPLETE_SHARE = 0.2
WRITE_SHARE = 0.5
KILL_SPAN = 1.2


def write_kill_corpus(folder: Path, examples: Path | None, ecb: Path | None, n: int) -> int:
    """Real articles as .txt files: the seeds in ``examples`` and ``n`` ECB+ documents."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    if examples and examples.is_dir():
        for path in sorted(examples.glob("*.txt")):
            shutil.copy(path, folder / path.name)
            written += 1
    if ecb and ecb.is_file():
        with ecb.open(encoding="utf-8") as handle:
            for line in handle:
                if written >= n + 2:
                    break
                record = json.loads(line)
                name = "".join(c if c.isalnum() or c in "_-" else "_" for c in str(record["id"]))
                (folder / f"ecb_{name}.txt").write_text(record["text"], encoding="utf-8")
                written += 1
    return written


def _analyze_command(folder: Path, db: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from crosswire.cli import run; run()",
        "analyze",
        str(folder),
        "--db",
        str(db),
        "--out",
        str(out),
        "--format",
        "json",
    ]


@dataclass
class KillReport:
    """What the kill -9 part found."""

    trials: int = 0
    killed: int = 0
    killed_on_write: int = 0
    finished_before_kill: int = 0
    corrupt: int = 0
    partial_or_inconsistent: int = 0
    completed_runs: int = 0
    incomplete_after_rerun: int = 0
    duplicates: int = 0
    run_errors: int = 0
    full_run_seconds: float = 0.0
    articles: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in vars(self).items()}


def _run(
    command: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


def run_kill_trials(
    corpus: Path,
    trials: int,
    *,
    seed: int = 0,
    work: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_update: Callable[[KillReport], None] | None = None,
) -> KillReport:
    """SIGKILL ``crosswire analyze`` on ``corpus`` at random points ``trials`` times.

    A first uninterrupted run gives the expected articles and the length of a
    full run. Each trial starts the same command on the store the last trial
    left. Half the kills come within 50 ms of a write to the store's WAL (inside
    a batch's transaction, or its checkpoint), half after a random delay over
    the run; one run in five is left to finish, and must then hold every
    expected article exactly once (the store then starts empty again). After
    every trial the store must pass :func:`check_store`.
    """
    rng = random.Random(seed)
    report = KillReport()
    started = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    own = work is None
    root = Path(tempfile.mkdtemp(prefix="crosswire-kill-")) if work is None else work
    root.mkdir(parents=True, exist_ok=True)
    try:
        reference, out = root / "reference.db", root / "report"
        reference.unlink(missing_ok=True)
        begin = time.perf_counter()
        done = _run(_analyze_command(corpus, reference, out), env, 1800)
        report.full_run_seconds = time.perf_counter() - begin
        if done.returncode != 0:
            report.run_errors += 1
            report.problems.append(f"reference run failed: {done.stderr[-500:]}")
            return report
        expected = Counter(stored_origins(reference))
        report.articles = len(expected)
        db = root / "trial.db"
        _fresh(db)
        while report.killed < trials:
            report.trials += 1
            fresh = not stored_origins(db)
            # one run in five goes to its end: it must complete the store, and (from an
            # empty store) re-measures a full run, which the machine's load stretches
            complete = rng.random() < COMPLETE_SHARE
            on_write = not complete and rng.random() < WRITE_SHARE
            began = time.perf_counter()
            with (root / "stderr.txt").open("w+", encoding="utf-8") as errors:
                process = subprocess.Popen(
                    _analyze_command(corpus, db, out),
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    text=True,
                )
                if complete:
                    process.wait(timeout=1800)
                elif on_write:
                    report.killed_on_write += _kill_on_write(process, db, rng)
                else:
                    _kill_after(process, rng.uniform(0.0, KILL_SPAN * report.full_run_seconds))
                finished = process.returncode != -signal.SIGKILL
                errors.seek(0)
                stderr = errors.read()
            if finished:
                report.finished_before_kill += 0 if complete else 1
                if fresh:
                    report.full_run_seconds = time.perf_counter() - began
                if process.returncode != 0 or "Traceback" in stderr or "locked" in stderr:
                    report.run_errors += 1
                    report.problems.append(f"trial {report.trials}: run failed: {stderr[-300:]}")
            else:
                report.killed += 1
            problems = check_store(db)
            if problems:
                if any(p.startswith(("integrity", "cannot open", "schema")) for p in problems):
                    report.corrupt += 1
                else:
                    report.partial_or_inconsistent += 1
                report.problems.extend(f"trial {report.trials}: {p}" for p in problems[:3])
            if finished:
                report.completed_runs += 1
                got = Counter(stored_origins(db))
                if set(got) != set(expected):
                    report.incomplete_after_rerun += 1
                    missing = sorted(set(expected) - set(got))[:3]
                    report.problems.append(
                        f"trial {report.trials}: after re-run, missing {missing}"
                    )
                if any(n > 1 for n in got.values()):
                    report.duplicates += 1
                _fresh(db)
            if progress:
                progress(report.killed, trials)
            if on_update:
                report.seconds = time.perf_counter() - started
                on_update(report)
        # the last killed store must complete on a re-run as well
        final = _run(_analyze_command(corpus, db, out), env, 1800)
        report.completed_runs += 1
        got = Counter(stored_origins(db))
        if final.returncode != 0 or set(got) != set(expected):
            report.incomplete_after_rerun += 1
        if any(n > 1 for n in got.values()):
            report.duplicates += 1
    finally:
        report.seconds = time.perf_counter() - started
        if own:
            shutil.rmtree(root, ignore_errors=True)
    return report


def _kill_after(process: subprocess.Popen[str], delay: float) -> None:
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


def _wal_state(db: Path) -> tuple[int, int]:
    try:
        info = Path(f"{db}-wal").stat()
    except OSError:
        return (0, 0)
    return (info.st_size, info.st_mtime_ns)


def _kill_on_write(process: subprocess.Popen[str], db: Path, rng: random.Random) -> int:
    """SIGKILL within 0-50 ms of the store's write-ahead log changing: mid-transaction.

    Skips 0-2 earlier writes (the schema, the first batch), so kills land on
    every batch's transaction. 1 if it fired on a write, else 0 (the run ended).
    """
    skip = rng.randint(0, 2)
    seen = _wal_state(db)
    while process.poll() is None:
        state = _wal_state(db)
        if state != seen:
            seen = state
            if skip == 0:
                time.sleep(rng.uniform(0.0, 0.05))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    return 1
                return 0
            skip -= 1
        time.sleep(0.002)
    return 0


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
