"""Where the annotate stage runs: in this process, a local process pool, or a Ray cluster.

Annotation (parsing, quotes, embeddings) is the costly, embarrassingly
parallel stage; linking and storing stay in the calling process, in input
order, because the store is the link state. So every executor has one job:
map :func:`annotate_safely` over batches of articles, in order, with the
models loaded once per worker (a pool initializer here, an actor on Ray),
and at most a few batches in flight so memory stays bounded. The same input
gives the same stories whatever the executor.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.annotate.pipeline import annotate
from crosswire.model import AnnotatedArticle, Article, ReadError
from crosswire.settings import ONNX_THREADS_ENV

Annotated = tuple[list[AnnotatedArticle], list[ReadError]]
#: Threads each worker's ONNX session may use; one per worker avoids oversubscription.
WORKER_THREADS_ENV = ONNX_THREADS_ENV
_PR_SET_PDEATHSIG = 1


def describe(error: BaseException) -> str:
    """``Type: first line of the message``, short enough for a one-line error."""
    lines = str(error).strip().splitlines()
    message = lines[0] if lines else ""
    if len(message) > 160:
        message = message[:159] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def annotate_safely(
    articles: Sequence[Article], backend: NlpBackend, sentence_vectors: bool = True
) -> Annotated:
    """The batch annotated at once; if that fails, one by one, so one bad article is one error.

    ``sentence_vectors`` is :func:`annotate`'s: ``False`` leaves the sentences unembedded.
    """
    try:
        return annotate(articles, backend, sentence_vectors=sentence_vectors), []
    except Exception as error:
        if len(articles) == 1:
            return [], [
                ReadError(articles[0].origin, f"could not be annotated ({describe(error)})")
            ]
    done: list[AnnotatedArticle] = []
    errors: list[ReadError] = []
    for article in articles:
        try:
            done.extend(annotate([article], backend, sentence_vectors=sentence_vectors))
        except Exception as error:
            errors.append(ReadError(article.origin, f"could not be annotated ({describe(error)})"))
    return done, errors


class Executor(Protocol):
    """Maps :func:`annotate_safely` over batches, yielding results in input order."""

    name: str

    def annotate(
        self, batches: Iterable[Sequence[Article]], *, sentence_vectors: bool = True
    ) -> Iterator[Annotated]: ...

    def close(self) -> None: ...


class InProcess:
    """Annotate in this process with one backend (the default for small batches)."""

    name = "inprocess"

    def __init__(self, backend: NlpBackend | None = None) -> None:
        self._backend = backend

    def annotate(
        self, batches: Iterable[Sequence[Article]], *, sentence_vectors: bool = True
    ) -> Iterator[Annotated]:
        backend = self._backend or load_backend()
        for batch in batches:
            yield annotate_safely(batch, backend, sentence_vectors)

    def close(self) -> None:
        pass


_WORKER_BACKEND: NlpBackend | None = None


def _die_with_parent() -> None:
    """End this worker when its parent dies, even by ``kill -9``.

    A pool worker otherwise waits for work forever, holding its models
    (hundreds of MB) after the ingest that started it was killed. Linux's
    ``PR_SET_PDEATHSIG`` does it in the kernel; a watchdog thread covers the
    moment before it was set, and other systems.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass

    def watchdog() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watchdog, name="crosswire-parent-watchdog", daemon=True).start()


def _init_worker() -> None:
    global _WORKER_BACKEND
    _die_with_parent()
    os.environ.setdefault(WORKER_THREADS_ENV, "1")
    _WORKER_BACKEND = load_backend()


def _work(batch: Sequence[Article], sentence_vectors: bool) -> Annotated:
    assert _WORKER_BACKEND is not None, "worker not initialised"
    return annotate_safely(batch, _WORKER_BACKEND, sentence_vectors)


def _ordered(
    submit: Any, batches: Iterable[Sequence[Article]], in_flight: int
) -> Iterator[Annotated]:
    """Submit ahead up to ``in_flight`` batches, yield results in order as they complete."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class LocalPool:
    """A process pool sized to the cores, each worker loading the models once."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, os.cpu_count() or 1)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker)

    def annotate(
        self, batches: Iterable[Sequence[Article]], *, sentence_vectors: bool = True
    ) -> Iterator[Annotated]:
        todo = list(batches)
        if len(todo) <= 1 or self.workers == 1:
            # one batch: starting workers (each loading the models) would only cost time
            yield from InProcess().annotate(todo, sentence_vectors=sentence_vectors)
            return

        def submit(batch: Sequence[Article]) -> Future[Annotated]:
            return self._pool.submit(_work, list(batch), sentence_vectors)

        yield from _ordered(submit, todo, in_flight=2 * self.workers)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class _RayFuture:
    def __init__(self, ref: Any) -> None:
        self._ref = ref

    def result(self) -> Annotated:
        import ray

        value: Annotated = ray.get(self._ref)
        return value


class RayPool:
    """Ray actors (one per worker, each holding its models) on a local or remote cluster."""

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        import ray

        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=workers or os.cpu_count() or 1, log_to_driver=False)
        resources: dict[str, float] = ray.available_resources()  # type: ignore[no-untyped-call]
        self.workers = workers or max(1, int(resources.get("CPU", 1)))
        actor: Any = ray.remote(num_cpus=1)(_Annotator)
        self._actors: list[Any] = [actor.remote() for _ in range(self.workers)]
        self._next = 0

    def annotate(
        self, batches: Iterable[Sequence[Article]], *, sentence_vectors: bool = True
    ) -> Iterator[Annotated]:
        def submit(batch: Sequence[Article]) -> _RayFuture:
            actor = self._actors[self._next % len(self._actors)]
            self._next += 1
            return _RayFuture(actor.run.remote(list(batch), sentence_vectors))

        yield from _ordered(submit, batches, in_flight=2 * self.workers)

    def close(self) -> None:
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []


class _Annotator:
    """The Ray actor: models loaded once, then batch after batch."""

    def __init__(self) -> None:
        os.environ.setdefault(WORKER_THREADS_ENV, "1")
        self._backend = load_backend()

    def run(self, batch: Sequence[Article], sentence_vectors: bool = True) -> Annotated:
        return annotate_safely(batch, self._backend, sentence_vectors)


def make_executor(kind: str, *, workers: int | None = None, address: str | None = None) -> Executor:
    """``inprocess``, ``local`` (process pool) or ``ray``."""
    if kind == "inprocess":
        return InProcess()
    if kind == "local":
        return LocalPool(workers)
    if kind == "ray":
        return RayPool(workers, address)
    raise ValueError(f"unknown executor {kind!r}: use local, ray or inprocess")
