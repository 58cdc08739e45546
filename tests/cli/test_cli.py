"""The command line on the seeds, plus bad input that must not stop the batch."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.cli import app
from crosswire.model import StoryReport

runner = CliRunner()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The seeds beside a binary file, an empty file, a Latin-1 file, a 50 MB file, and two
    files of types crosswire does not read."""
    folder = tmp_path_factory.mktemp("batch")
    for name in (SEED_WIRE, SEED_REWRITE):
        shutil.copy(seeds_dir / name, folder / name)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Kyiv talks: caf\xe9 \xab r\xe9aliste \xbb".encode("latin-1")
    )
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not read")
    (folder / "notes.bin").write_bytes(bytes(range(256)))
    return folder


def test_analyze_goes_on_past_bad_files(batch: Path, tmp_path: Path, backend: NlpBackend) -> None:
    db, out = tmp_path / "c.db", tmp_path / "report"
    result = runner.invoke(app, ["analyze", str(batch), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    output = result.output
    for bad in ("image.txt", "empty.txt", "latin1.txt", "huge.txt"):
        lines = [line for line in output.splitlines() if bad in line]
        assert len(lines) == 1, (bad, output)
    (legacy,) = [line for line in output.splitlines() if "latin1.txt" in line]
    assert legacy.startswith("note ") and "decoded from cp1252" in legacy  # read, and said
    assert "3 new" in output and "3 skipped" in output and "2 stories" in output
    assert "2 files of other types left out (.bin 1, .pdf 1)" in output  # issue 18
    assert "Traceback" not in output
    assert (out / "index.html").is_file() and (out / "stories.md").is_file()
    md = (out / "stories.md").read_text()
    assert "Hope for breakthrough" in md or "hope for breakthrough" in md
    assert "Zelensk" in md


def test_json_format_has_every_part(tmp_path: Path, seeds_dir: Path, backend: NlpBackend) -> None:
    db, out = tmp_path / "c.db", tmp_path / "r"
    args = ["analyze", str(seeds_dir), "--db", str(db), "--out", str(out), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert not (out / "index.html").exists()
    data = json.loads((out / "stories.json").read_text())
    (story,) = data["stories"]
    assert len(story["articles"]) == 2
    assert story["quotes"] and story["reuse"] and story["shared_facts"]
    assert story["reuse"][0]["pairs"]

    listed = runner.invoke(app, ["stories", "--db", str(db)])
    assert listed.exit_code == 0 and "1" in listed.output
    shown = runner.invoke(app, ["show", "1", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "credits Reuters" in shown.output and "joined:" in shown.output
    missing = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 1


def test_analyze_ends_with_a_summary_that_fits_a_terminal(
    tmp_path: Path,
    shared_dir: Path,
    backend: NlpBackend,
) -> None:
    # issue 18: analyze printed every story in full (5,480 lines for 146 articles)
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in sorted((shared_dir / "data/polnear/train/text").glob("*.txt"))[:14]:
        shutil.copy(path, folder / path.name)
    db, out = tmp_path / "c.db", tmp_path / "report"
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 40, result.output
    assert "largest first" in result.output and "wrote " in result.output
    counted = re.search(r"; (\d+) stories in", " ".join(lines))
    stories = int(counted.group(1)) if counted else 0
    assert stories > 10 and f"… and {stories - 10} more (--verbose" in result.output
    verbose = runner.invoke(app, ["analyze", str(folder), "--db", str(db), "-v", "--out", str(out)])
    assert len(verbose.output.splitlines()) > 10 * len(lines)  # every story, in full


def test_a_mistyped_folder_fails_and_leaves_the_reports_as_they_were(tmp_path: Path) -> None:
    # issue 18: a mistyped folder read 0 articles, rewrote the report folder and exited 0
    db, out = tmp_path / "c.db", tmp_path / "report"
    out.mkdir()
    (out / "index.html").write_text("yesterday's report")
    args = ["analyze", str(tmp_path / "artciles"), "--db", str(db), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert "artciles: no such file or directory" in line
    assert "read no article" in line and "unchanged" in line
    assert (out / "index.html").read_text() == "yesterday's report"


def test_a_web_address_is_fetched_through_the_checks_not_read_as_a_path(tmp_path: Path) -> None:
    # issue 18: "https://..." became the path "https:/..." ("no such file or directory")
    url = "http://127.0.0.1:9/story.html"
    result = runner.invoke(app, ["analyze", url, "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    # nothing read: one line says what and why
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith(f"error: read no article from {url}: {url}: refused")
    assert "--allow-private" in line


def test_the_python_api_says_when_it_read_nothing() -> None:
    import crosswire

    with (
        pytest.warns(UserWarning, match="/nope: no such file"),
        pytest.raises(ValueError, match=r"read no article.*/nope: no such file"),
    ):
        crosswire.analyze(["/nope"])


def test_version_and_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and result.output.startswith("crosswire ")
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1


def test_a_store_of_another_schema_or_not_a_store_is_refused_in_one_line(tmp_path: Path) -> None:
    import sqlite3

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    result = runner.invoke(app, ["stories", "--db", str(old)])
    assert result.exit_code == 1
    assert "schema version 1" in result.output and "Traceback" not in result.output
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all")
    result = runner.invoke(app, ["stories", "--db", str(junk)])
    assert result.exit_code == 1 and "not a database" in result.output


def test_terminal_brief_cites_each_article_once_and_lists_the_passages(
    seed_db: Path, seed_report: StoryReport
) -> None:
    # issue 18: the terminal brief showed "[1][1][2]" and no passage at all
    shown = runner.invoke(app, ["show", "1", "--db", str(seed_db)], env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    brief = shown.output.split("Brief\n", 1)[1].split("Who said what")[0]
    assert not re.search(r"\[(\d+)\]\[\1\]", brief) and not re.search(r"§\d+–\d+", brief)
    lines, notes = brief.split("Cited passages:\n")
    number = {a.id: n for n, a in enumerate(seed_report.articles, 1)}
    for sentence in seed_report.brief:
        marks = "".join(dict.fromkeys(f"[{number[c.article_id]}]" for c in sentence.citations))
        assert f"{' '.join(sentence.text.split())} {marks} (" in lines
    noted = [line.strip() for line in notes.splitlines() if line.strip()]
    cited = {(c.article_id, c.span) for s in seed_report.brief for c in s.citations}
    assert len(noted) == len(cited) and len(set(noted)) == len(noted)
    assert all(re.match(r"\[\d+\] .+, §\d+: “.+”$", line) for line in noted), noted
