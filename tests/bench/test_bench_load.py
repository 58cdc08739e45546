"""The load and scale benchmarks run, report sane figures and make no errors (short runs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from crosswire.cli import app


def test_bench_web_short_run(seed_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "load.db"
    shutil.copy(seed_db, db)
    args = ["bench", "web", str(db), "--clients", "5", "--seconds", "2", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for kind in ("story_api", "story_page", "story_list_api"):
        assert figures[kind]["errors"] == 0
        assert figures[kind]["requests"] > 0
        assert 0 < figures[kind]["p50_ms"] <= figures[kind]["p95_ms"] <= figures[kind]["p99_ms"]
    assert figures["store_articles"] == 2 and figures["stories_loaded"] == 1


def test_bench_scale_whole_pipeline(shared_dir: Path) -> None:
    args = [
        "bench",
        "scale",
        "--articles",
        "24",
        "--executor",
        "inprocess",
        "--json",
        "--shared",
        str(shared_dir),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 24 and figures["articles_per_s"] > 0
    assert set(figures["stages"]) == {"read_clean", "annotate", "link_store", "compare"}
    assert figures["peak_rss_mb"] > 100 and figures["stories"] >= 2
