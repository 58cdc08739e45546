"""`crosswire bench credits`: wire credit detection against PolNeAR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from crosswire.cli._common import _fail, _stage_progress, bench_app, console, errors


@bench_app.command("credits")
def bench_credits(
    polnear: Annotated[
        Path, typer.Argument(help="PolNeAR folder: metadata.tsv and {train,dev}/text/.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    examples: Annotated[
        int, typer.Option("--examples", help="False positives/negatives to show.")
    ] = 5,
) -> None:
    """Credit lines found in the cleaned text vs PolNeAR's `wire` labels (train+dev)."""
    from crosswire.bench.credits import NONE, WIRES, run_credits

    if not (polnear / "metadata.tsv").is_file():
        _fail(f"{polnear}: no metadata.tsv (expected the PolNeAR folder)")
    with _stage_progress("reading") as progress:
        try:
            bench = run_credits(polnear, progress=progress)
        except FileNotFoundError as missing:
            _fail(str(missing))
    for skipped in bench.skipped:
        errors.print(f"skipped {escape(skipped.origin)}: {escape(skipped.reason)}", highlight=False)
    summary = bench.summary(examples)
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"Wire credits on PolNeAR train+dev ({len(bench.cases)} articles)")
    for column in ("wire", "gold", "found", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for score in [*(bench.score(w) for w in WIRES), bench.overall()]:
        table.add_row(
            score.wire,
            str(score.tp + score.fn),
            str(score.tp + score.fp),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    console.print(table)
    confusion = bench.confusion()
    columns = [*WIRES, NONE]
    extra = sorted({p for row in confusion.values() for p in row} - set(columns))
    matrix = Table(title="Confusion (rows: gold wire, columns: credit found; '-' = none)")
    matrix.add_column("gold \\ found")
    for column in [*columns, *extra]:
        matrix.add_column(column, justify="right")
    for gold in [*WIRES, NONE]:
        row = confusion.get(gold, {})
        matrix.add_row(gold, *(str(row.get(c, 0)) for c in [*columns, *extra]))
    console.print(matrix)
    for title, cases in (
        ("False positives", bench.false_positives()),
        ("False negatives", bench.false_negatives()),
    ):
        console.print(f"[bold]{title}[/bold] ({len(cases)})")
        for case in cases[:examples]:
            lines = "; ".join(case.evidence) or "no credit line in the text"
            console.print(
                f"  {escape(case.name)}: gold {case.gold or NONE}, found "
                f"{case.predicted or NONE} ({escape(lines)})",
                highlight=False,
            )
