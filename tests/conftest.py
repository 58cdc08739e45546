"""Shared fixtures: the seeds and evaluation data in ../shared.

Tests that need ../shared skip with a clear message when it is absent, except
when CROSSWIRE_REQUIRE_SHARED is set (CI), where its absence is an error.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.model import AnnotatedArticle, StoryReport

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"
SEED_WIRE = "000_6d1883f0ac6fcebe.txt"
SEED_REWRITE = "003_f372e9d9cded4f3a.txt"


def _need(path: Path) -> Path:
    if not path.exists():
        message = f"{path} is absent: put the project's shared/ folder beside the repository"
        if os.environ.get("CROSSWIRE_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed articles (bundled copies in examples/, checked against ../shared)."""
    return _need(EXAMPLES)


@pytest.fixture(scope="session")
def seed_wire_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED_WIRE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_rewrite_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED_REWRITE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def backend() -> NlpBackend:
    """The NLP backend, loaded once for the whole test session."""
    from crosswire.annotate.nlp import load_backend

    return load_backend()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, backend: NlpBackend) -> Path:
    """A store holding the two seeds, ingested once per session."""
    from crosswire.run import ingest
    from crosswire.store import open_store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        result = ingest([seeds_dir], store, backend=backend)
    assert result.errors == [] and result.added == 2
    return db


@pytest.fixture(scope="session")
def seed_report(seed_db: Path) -> StoryReport:
    """The compared report of the seeds' one story."""
    from crosswire.run import story_reports
    from crosswire.store import open_store

    with open_store(seed_db) as store:
        reports = story_reports(store)
    assert len(reports) == 1, [r.story.title for r in reports]
    return reports[0]


@pytest.fixture(scope="session")
def ecb_file(shared_dir: Path) -> Path:
    return _need(shared_dir / "data" / "ecbplus" / "ecbplus.jsonl")


@pytest.fixture(scope="session")
def semeval_file(shared_dir: Path) -> Path:
    return _need(shared_dir / "data" / "semeval2022-task8-en" / "pairs.jsonl")


@pytest.fixture(scope="session")
def ecb_annotated(ecb_file: Path, backend: NlpBackend) -> list[AnnotatedArticle]:
    """Every ECB+ document read, cleaned and annotated once (about 3 minutes on 2 cores)."""
    from crosswire.bench.clusters import annotate_file

    annotated, errors, _ = annotate_file(ecb_file, backend)
    assert errors == []
    return annotated


# -- a private PostgreSQL server for the store tests --------------------------


def _postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: pg_config's answer, Debian's versioned folder, or PATH."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    candidates += sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True
    )
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Server:
    """initdb into a temporary folder, pg_ctl start on a private port, and stop."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="crosswire-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.running = False
        # initdb refuses root: run the server as the postgres system user instead.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.folder, self.user, self.user)

    def _as_owner(self, *command: str) -> list[str]:
        line = [str(self.bindir / command[0]), *command[1:]]
        return ["runuser", "-u", self.user, "--", *line] if self.user else line

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            self._as_owner(*command), capture_output=True, text=True, cwd=self.folder
        )
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr.strip()}\n{tail}")

    def start(self) -> str:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--no-locale", "-E", "UTF8", "--no-sync")  # fmt: skip
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=40"
        self.running = True
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")  # fmt: skip
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.running:
            self.running = False
            subprocess.run(
                self._as_owner("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"),
                capture_output=True,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server of our own for the session: its URL without a database name.

    Skipped with a message when the server programs are absent (``make
    postgres`` installs them), except under CROSSWIRE_REQUIRE_SHARED (CI).
    """
    bindir = _postgres_bindir()
    message = None
    if bindir is None:
        message = "PostgreSQL server programs (initdb, pg_ctl) not found: run `make postgres`"
    elif os.geteuid() == 0 and not _has_user("postgres"):
        message = "as root, the test server runs as the `postgres` user, which does not exist"
    if message:
        if os.environ.get("CROSSWIRE_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    assert bindir is not None
    server = _Server(bindir)
    atexit.register(server.stop)  # also when the session ends without teardown
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store test's store lives, once per backend: a SQLite file, a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("postgres_url")
    return url
