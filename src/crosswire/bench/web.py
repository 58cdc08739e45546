"""``crosswire bench web``: latency of the story page and the story API under concurrent load.

A bounded, repeatable load test on loopback: ``crosswire serve`` runs in its
own process(es) over an existing store; ``clients`` concurrent clients (one
keep-alive HTTP/1.1 connection each) request the story page, the story API
and the story list of the store's largest stories, round-robin, for
``seconds``; every latency is kept and the percentiles are computed from all
of them. First views (the story comparison, computed once per change of a
story and then cached) are timed separately in a warm-up pass. Client and
server share the machine, so the load client is a few lines of asyncio
streams rather than a full HTTP library: with httpx the client alone took
about half of the two cores, and the figures measured the client.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.store import open_store
from crosswire.store.browse import story_summaries


@dataclass
class Latencies:
    """Latencies (ms) of one kind of request and how many failed."""

    ms: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, q: float) -> float:
        if not self.ms:
            return float("nan")
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]

    def summary(self, seconds: float) -> dict[str, float | int]:
        return {
            "requests": len(self.ms),
            "errors": self.errors,
            "per_s": round(len(self.ms) / seconds, 1),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.ms), 1) if self.ms else float("nan"),
        }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(db: Path, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    """``crosswire serve`` in its own process(es); its messages go to ``log`` (never a
    pipe nobody reads, which would block the server once full)."""
    command = [sys.executable, "-m", "crosswire.cli", "serve", "--db", str(db)]
    command += ["--port", str(port), "--workers", str(workers)]
    env = {**os.environ, "CROSSWIRE_TOKEN": os.environ.get("CROSSWIRE_TOKEN", "bench-read-only")}
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=out)


async def _wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if await _get_once(base, "/api/health", 5.0) == 200:
                return
        except _FAILED:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not start in {timeout:.0f} s")


class _Connection:
    """One keep-alive HTTP/1.1 connection: GET a path, read the status and the whole body."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").rsplit(":", 1)
        self.host, self.port = host, int(port)
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        status = int(head.split(" ", 2)[1])
        if "transfer-encoding: chunked" in head:
            while size := int((await reader.readline()).strip(), 16):
                await reader.readexactly(size + 2)
            await reader.readline()
        else:
            length = head.split("content-length:", 1)[1].split("\r\n", 1)[0]
            await reader.readexactly(int(length))
        if "connection: close" in head:
            self.close()
        return status

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


#: How a request fails: refused or reset, a malformed or cut answer, no answer in time.
_FAILED = (OSError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError)


async def _get_once(base: str, path: str, timeout: float) -> int:
    """One GET on a connection of its own (with several server processes, the kernel
    hands each new connection to one of them)."""
    connection = _Connection(base)
    try:
        return await asyncio.wait_for(connection.get(path), timeout)
    finally:
        connection.close()


async def _load(
    base: str, paths: dict[str, list[str]], clients: int, seconds: float
) -> dict[str, Latencies]:
    results = {kind: Latencies() for kind in paths}
    stop = time.monotonic() + seconds

    async def client_loop(n: int) -> None:
        step = n
        kinds = list(paths)
        connection = _Connection(base)
        while time.monotonic() < stop:
            kind = kinds[step % len(kinds)]
            targets = paths[kind]
            path = targets[(step // len(kinds)) % len(targets)]
            step += 1
            began = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.get(path), 30.0) == 200
            except _FAILED:
                ok = False
                connection.close()
            if ok:
                results[kind].ms.append((time.perf_counter() - began) * 1000)
            else:
                results[kind].errors += 1
        connection.close()

    await asyncio.gather(*(client_loop(n) for n in range(clients)))
    return results


async def _warm(base: str, paths: list[str], workers: int) -> Latencies:
    """Each story three times per server process, each on a new connection so that
    every process gets to compare it; the first request of each story is its first view."""
    first = Latencies()
    for attempt in range(3 * workers):
        for path in paths:
            began = time.perf_counter()
            status = await _get_once(base, path, 120.0)
            if attempt:
                continue
            if status == 200:
                first.ms.append((time.perf_counter() - began) * 1000)
            else:
                first.errors += 1
    return first


def _start_ingest(db: Path, source: Path, log: Path) -> subprocess.Popen[bytes]:
    """``crosswire analyze SOURCE`` into the served store, as a second writer process."""
    command = [
        sys.executable,
        "-m",
        "crosswire.cli",
        "analyze",
        str(source),
        "--db",
        str(db),
        "--out",
        str(log.parent / "ingest-report"),
        "--format",
        "json",
    ]
    with log.open("wb") as errors:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)


def run_web(
    db: Path,
    *,
    clients: int = 50,
    seconds: float = 30.0,
    stories: int = 20,
    ingest: Path | None = None,
    workers: int = 1,
) -> dict[str, object]:
    """Serve ``db``, warm the ``stories`` largest stories, then load them; return the figures.

    With ``ingest`` (a file or folder of new articles), a second process runs
    ``crosswire analyze`` into the same store while the clients read: the
    figures then include its exit code, the articles it added and any
    "database is locked" line it printed.
    """
    with open_store(db) as store:
        rows, total = story_summaries(store, limit=stories)
        articles = store.count_articles()
    if not rows:
        raise ValueError(f"{db}: no stories to load")
    ids = [r.id for r in rows]
    paths = {
        "story_api": [f"/api/stories/{i}" for i in ids],
        "story_page": [f"/stories/{i}" for i in ids],
        "story_list_api": ["/api/stories?limit=50"],
    }
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    writer: subprocess.Popen[bytes] | None = None
    log_dir = Path(tempfile.mkdtemp(prefix="crosswire-bench-web-"))
    server_log = log_dir / "server.log"
    server = _start_server(db, port, server_log, workers)
    log = log_dir / "ingest.log"
    ingest_figures: dict[str, object] = {}
    try:
        asyncio.run(_wait_ready(base))
        first = asyncio.run(_warm(base, paths["story_api"], workers))
        if ingest is not None:
            writer = _start_ingest(db, ingest, log)
        results = asyncio.run(_load(base, paths, clients, seconds))
        if writer is not None:
            still_running = writer.poll() is None
            code = writer.wait(timeout=3600)
            messages = log.read_text(encoding="utf-8", errors="replace")
            with open_store(db) as store:
                after = store.count_articles()
            ingest_figures = {
                "ingest_exit_code": code,
                "ingest_added": after - articles,
                "ingest_outlasted_load": still_running,
                "ingest_locked_errors": messages.lower().count("database is locked"),
            }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if writer is not None and writer.poll() is None:
            writer.kill()
        problems = [
            line
            for line in server_log.read_text(encoding="utf-8", errors="replace").splitlines()
            if "Error" in line or "error" in line
        ]
        shutil.rmtree(log_dir, ignore_errors=True)
    return {
        "store_articles": articles,
        "store_stories": total,
        "stories_loaded": len(ids),
        "largest_story_articles": rows[0].articles,
        "clients": clients,
        "seconds": seconds,
        "server_workers": workers,
        "first_view": first.summary(max(1e-9, sum(first.ms) / 1000)),
        **{kind: lat.summary(seconds) for kind, lat in results.items()},
        **ingest_figures,
        "server_errors": problems[:20],
    }
