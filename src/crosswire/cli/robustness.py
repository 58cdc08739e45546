"""`crosswire bench robustness`: fuzzing the readers and kill -9 during `analyze`."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from crosswire.cli._common import _fail, _progress, bench_app, console

if TYPE_CHECKING:
    from crosswire.bench.fuzz import FuzzReport
    from crosswire.bench.kill import KillReport

_EXAMPLES = Path("examples")
_ECB = Path("../shared/data/ecbplus/ecbplus.jsonl")


def _seed_texts(examples: Path) -> list[str]:
    """Real articles the generators mutate (the seeds), if they are at hand."""
    if not examples.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))]


@bench_app.command("robustness")
def bench_robustness(
    inputs: Annotated[int, typer.Option("--inputs", help="Generated hostile inputs.")] = 100_000,
    kill_trials: Annotated[
        int, typer.Option("--kill-trials", help="Runs of `analyze` killed with SIGKILL.")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of inputs and kill delays.")] = 0,
    examples: Annotated[
        Path, typer.Option("--examples", help="Folder of seed articles to mutate and ingest.")
    ] = _EXAMPLES,
    ecb: Annotated[
        Path, typer.Option("--ecb", help="ECB+ JSONL: articles for the kill trials.")
    ] = _ECB,
    articles: Annotated[
        int, typer.Option("--articles", help="ECB+ articles in the kill-trial folder.")
    ] = 16,
    seconds: Annotated[
        float, typer.Option("--document-seconds", help="Time cap per input (a hang past it).")
    ] = 20.0,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the JSON report to this file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Hostile inputs through read + clean, and kill -9 during analyze: crashes, hangs, damage."""
    from crosswire.bench.fuzz import run_fuzz
    from crosswire.bench.kill import run_kill_trials, write_kill_corpus

    if inputs < 0 or kill_trials < 0:
        _fail("--inputs and --kill-trials must be 0 or more")
    summary: dict[str, Any] = {}

    def save(part: str) -> Callable[[FuzzReport | KillReport], None]:
        """Write the report so far (a long bench stopped midway still leaves its figures)."""

        def write(found: FuzzReport | KillReport) -> None:
            if report:
                partial = {**summary, part: found.to_dict(), "partial": True}
                report.parent.mkdir(parents=True, exist_ok=True)
                report.write_text(json.dumps(partial, indent=1) + "\n", encoding="utf-8")

        return write

    with _progress() as bar:
        if inputs:
            task = bar.add_task("fuzzing", total=inputs)

            def fuzzed(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            fuzz = run_fuzz(
                inputs,
                seed=seed,
                texts=_seed_texts(examples),
                document_seconds=seconds,
                progress=fuzzed,
                on_update=save("fuzz"),
            )
            summary["fuzz"] = fuzz.to_dict()
        if kill_trials:
            task = bar.add_task("kill -9 trials", total=kill_trials)

            def killed(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            with tempfile.TemporaryDirectory(prefix="crosswire-kill-") as work:
                corpus = Path(work) / "corpus"
                written = write_kill_corpus(
                    corpus, examples, ecb if ecb.is_file() else None, articles
                )
                if not written:
                    _fail(f"no articles for the kill trials in {examples} or {ecb}")
                kills = run_kill_trials(
                    corpus,
                    kill_trials,
                    seed=seed,
                    work=Path(work) / "run",
                    progress=killed,
                    on_update=save("kill"),
                )
            summary["kill"] = kills.to_dict()
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(summary))
        return
    _print_summary(summary)


def _print_summary(summary: dict[str, Any]) -> None:
    fuzz = summary.get("fuzz")
    if fuzz:
        table = Table(title=f"Hostile inputs through read + clean (seed {fuzz['seed']})")
        for column in ("category", "inputs", "articles", "errors", "crashes", "hangs", "max s"):
            table.add_column(column, justify="right" if column != "category" else "left")
        for name, c in fuzz["categories"].items():
            table.add_row(
                name,
                f"{c['inputs']:,}",
                f"{c['articles']:,}",
                f"{c['errors']:,}",
                str(c["crashes"] + c["violations"]),
                str(c["hangs"]),
                f"{c['max_seconds']:.2f}",
            )
        console.print(table)
        console.print(
            f"{fuzz['inputs']:,} inputs in {fuzz['seconds']:.0f} s: {fuzz['crashes']} crashes, "
            f"{fuzz['violations']} broken promises, {fuzz['hangs']} hangs "
            f"(cap {fuzz['document_seconds_cap']:g} s and {fuzz['worker_memory_cap_mb']} MB "
            "per input)",
            highlight=False,
        )
        for failure in fuzz["failures"][:10]:
            console.print(
                f"  input {failure['index']} ({failure['category']}): "
                f"{escape(str(failure['what']))}",
                highlight=False,
            )
    kill = summary.get("kill")
    if kill:
        console.print(
            f"kill -9: {kill['killed']} runs killed of {kill['trials']} "
            f"({kill['articles']} articles, a full run {kill['full_run_seconds']:.1f} s); "
            f"corrupt stores {kill['corrupt']}, partial or inconsistent "
            f"{kill['partial_or_inconsistent']}; re-runs completed {kill['completed_runs']}, "
            f"incomplete after re-run {kill['incomplete_after_rerun']}, duplicates "
            f"{kill['duplicates']}, failed runs {kill['run_errors']}",
            highlight=False,
        )
        for problem in kill["problems"][:10]:
            console.print(f"  {escape(problem)}", highlight=False)
