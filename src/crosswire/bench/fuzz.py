"""Fuzzing the readers (``crosswire bench robustness``): every hostile input
(:mod:`crosswire.bench.hostile`) is written to a file and goes through
:func:`~crosswire.read.read_paths` and :func:`~crosswire.clean.clean_document` in a
worker process with a time cap and a memory cap. Every input must end in articles or
one-line errors naming it: an exception is a *crash*, a broken promise (a multi-line
error, a NUL in an article, ...) a *violation*, and a worker that does not answer
within the cap is a *hang* (killed and restarted).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.bench.hostile import category_of, make_input

#: CPU seconds one input may take through read + clean before it counts as a hang.
DOCUMENT_SECONDS = 20.0
#: A worker waited on this many times the cap in wall time (however idle) is hung too.
WALL_FACTOR = 5
#: Address space of a fuzz worker; a document needing more is a crash (MemoryError).
WORKER_MEMORY_BYTES = 3 * 1024 * 1024 * 1024


def check_input(path: Path) -> tuple[int, int, list[str]]:
    """Read and clean ``path``: (articles, errors, broken promises). Raises on a crash."""
    from crosswire.clean import clean_document
    from crosswire.clean.document import MAX_ARTICLE_CHARS, article_id
    from crosswire.model import Article, RawDocument, ReadError
    from crosswire.read import read_paths

    articles = errors = 0
    broken: list[str] = []

    def error_ok(error: ReadError) -> None:
        if not error.origin.startswith(str(path)):
            broken.append(f"error names {error.origin!r}, not the input")
        if not error.reason.strip() or len(error.reason.splitlines()) != 1:
            broken.append(f"error reason is not one line: {error.reason[:80]!r}")

    for item in read_paths([path]):
        if isinstance(item, ReadError):
            errors += 1
            error_ok(item)
            continue
        if not isinstance(item, RawDocument):
            broken.append(f"reader yielded {type(item).__name__}")
            continue
        cleaned = clean_document(item)
        if isinstance(cleaned, ReadError):
            errors += 1
            error_ok(cleaned)
            continue
        if not isinstance(cleaned, Article):
            broken.append(f"cleaner returned {type(cleaned).__name__}")
            continue
        articles += 1
        fields = [cleaned.text, cleaned.title, cleaned.url, cleaned.outlet, cleaned.byline]
        for value in (v for v in fields if v):
            if "\x00" in value:
                broken.append("NUL in an article field")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                broken.append("article field is not encodable as UTF-8")
        if not cleaned.text.strip():
            broken.append("article with blank text")
        if len(cleaned.text) > MAX_ARTICLE_CHARS:
            broken.append(f"article of {len(cleaned.text)} characters")
        if article_id(cleaned.text) != cleaned.id:
            broken.append("article id does not match its text")
        json.dumps([cleaned.text, cleaned.title, cleaned.byline], ensure_ascii=False)
    return articles, errors, broken


def _fuzz_worker(seed: int, folder: str, texts_file: str) -> None:
    """Serve input indexes (one per stdin line) with one JSON outcome line each on stdout."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # nothing a library prints may garble the answers
    for line in sys.stdin:
        index = int(line)
        name, suffix, data = make_input(seed, index, texts)
        path = Path(folder) / f"input-{index}{suffix}"
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            articles, errors, broken = check_input(path)
            outcome: dict[str, Any] = {
                "category": name,
                "articles": articles,
                "errors": errors,
                "broken": broken,
            }
        except BaseException as error:  # the worker reports every crash
            outcome = {
                "category": name,
                "crash": f"{type(error).__name__}: {str(error)[:200]}",
                "traceback": traceback.format_exc(limit=8)[-2000:],
            }
        outcome["seconds"] = time.perf_counter() - started
        outcome["bytes"] = len(data)
        path.unlink(missing_ok=True)
        answers.write(json.dumps(outcome) + "\n")
        answers.flush()


@dataclass
class CategoryCount:
    inputs: int = 0
    articles: int = 0
    errors: int = 0
    crashes: int = 0
    violations: int = 0
    hangs: int = 0
    max_seconds: float = 0.0


@dataclass
class FuzzReport:
    """What the fuzzing part found, per category and in total."""

    seed: int
    inputs: int = 0
    categories: dict[str, CategoryCount] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    document_seconds: float = DOCUMENT_SECONDS

    def total(self, name: str) -> int:
        return sum(int(getattr(c, name)) for c in self.categories.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "inputs": self.inputs,
            "crashes": self.total("crashes"),
            "violations": self.total("violations"),
            "hangs": self.total("hangs"),
            "articles": self.total("articles"),
            "errors": self.total("errors"),
            "seconds": round(self.seconds, 1),
            "document_seconds_cap": self.document_seconds,
            "worker_memory_cap_mb": WORKER_MEMORY_BYTES // (1024 * 1024),
            "categories": {
                name: {**vars(c), "max_seconds": round(c.max_seconds, 3)}
                for name, c in sorted(self.categories.items())
            },
            "failures": self.failures[:50],
        }


class FuzzWorker:
    """A fuzz worker process that can be killed and replaced when it hangs."""

    def __init__(
        self, seed: int, folder: str, texts_file: str, command: Sequence[str] = ()
    ) -> None:
        command = command or [
            *(sys.executable, "-m", "crosswire.bench.fuzz", "worker"),
            *(str(seed), folder, texts_file),
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )

    def ask(self, index: int, timeout: float) -> dict[str, Any] | None:
        """The outcome of input ``index``, or ``None`` if none came within ``timeout``."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(f"{index}\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            return {"crash": "worker died", "exitcode": self.process.poll()}
        began, wall = self.cpu_seconds(), time.monotonic()
        while not select.select([stdout], [], [], min(1.0, timeout))[0]:
            # CPU time, not wall time: on a shared machine a slow input is not a hang
            used = self.cpu_seconds() - began
            if used > timeout or time.monotonic() - wall > WALL_FACTOR * timeout:
                return None
        line = stdout.readline()
        if not line:
            return {"crash": "worker died", "exitcode": self.process.wait()}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker so far (Linux ``/proc``; else wall time)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return time.monotonic()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.stdin:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def run_fuzz(
    inputs: int,
    *,
    seed: int = 0,
    texts: Sequence[str] = (),
    document_seconds: float = DOCUMENT_SECONDS,
    progress: Callable[[int, int], None] | None = None,
    on_update: Callable[[FuzzReport], None] | None = None,
) -> FuzzReport:
    """Push ``inputs`` generated inputs through read + clean in a capped worker."""
    report = FuzzReport(seed=seed, document_seconds=document_seconds)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crosswire-fuzz-") as folder:
        texts_file = str(Path(folder) / "texts.json")
        Path(texts_file).write_text(json.dumps(list(texts)), encoding="utf-8")
        worker = FuzzWorker(seed, folder, texts_file)
        try:
            for index in range(inputs):
                answer = worker.ask(index, document_seconds)
                name = answer["category"] if answer and "category" in answer else None
                name = name or category_of(seed, index)[0]
                count = report.categories.setdefault(name, CategoryCount())
                count.inputs += 1
                report.inputs += 1
                if answer is None or "seconds" not in answer:
                    if answer is None:
                        count.hangs += 1
                        kind = f"hang (no answer in {document_seconds:g} s)"
                    else:
                        count.crashes += 1
                        kind = f"worker died (exit code {answer.get('exitcode')})"
                    report.failures.append({"index": index, "category": name, "what": kind})
                    worker.stop(kill=True)
                    worker = FuzzWorker(seed, folder, texts_file)
                else:
                    count.max_seconds = max(count.max_seconds, float(answer["seconds"]))
                    if "crash" in answer:
                        count.crashes += 1
                        report.failures.append(
                            {"index": index, "category": name, "what": answer["crash"]}
                            | {"traceback": answer["traceback"]}
                        )
                    else:
                        count.articles += answer["articles"]
                        count.errors += answer["errors"]
                        if answer["broken"]:
                            count.violations += 1
                            report.failures.append(
                                {"index": index, "category": name, "what": answer["broken"][:3]}
                            )
                if progress and (index % 100 == 0 or index == inputs - 1):
                    progress(index + 1, inputs)
                if on_update and index % 1000 == 999:
                    report.seconds = time.perf_counter() - started
                    on_update(report)
        finally:
            worker.stop()
    report.seconds = time.perf_counter() - started
    return report


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _fuzz_worker(int(sys.argv[2]), sys.argv[3], sys.argv[4])
