"""`crosswire reuse STORY` and `crosswire bench reuse`."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from crosswire.cli._common import (
    DEFAULT_DB,
    DbOption,
    _fail,
    _stage_progress,
    _story_report,
    app,
    bench_app,
    console,
    errors,
)
from crosswire.model import AlignedPair, StoryReport

if TYPE_CHECKING:
    from crosswire.bench.reuse_scale import ScalePoint
from crosswire.report import article_label, story_page

DEFAULT_ECB = Path("../shared/data/ecbplus/ecbplus.jsonl")


def _diff(origin: str, copy: str) -> tuple[Text, Text]:
    """Both passages with the words that differ: struck out in red, added in green."""
    a, b = origin.split(), copy.split()
    left, right = Text(), Text()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            left.append(old + " ")
            right.append(new + " ")
            continue
        if old:
            left.append(old, style="red strike")
            left.append(" ")
        if new:
            right.append(new, style="green bold")
            right.append(" ")
    return left, right


def _graph(report: StoryReport) -> list[str]:
    """Origin -> copies, one line per edge, indented by generation, as the reports'
    reuse tree has them."""
    page = story_page(report)
    label = {e.article.id: article_label(e.article) for e in page.articles.rows}
    lines: list[str] = []
    for line in page.graph.tree:
        name = label.get(line.article_id, line.article_id)
        edge = line.edge
        if edge is None:
            lines.append(f"[{line.number}] {name}  (origin)")
            continue
        lines.append(
            f"{'   ' * line.depth}└─ {edge.kind} → [{line.number}] {name}  "
            f"({edge.origin_share:.0%} of the origin, {edge.copy_share:.0%} of the copy; "
            f"{edge.reason})"
        )
    return lines


def _pairs_table(pairs: tuple[AlignedPair, ...], origin: int, copy: int) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column(f"origin [{origin}]", ratio=1)
    table.add_column(f"copy [{copy}]", ratio=1)
    table.add_column("sim", justify="right", width=5)
    for pair in pairs:
        left, right = _diff(pair.origin_text, pair.copy_text)
        table.add_row(left, right, f"{pair.similarity:.2f}")
    return table


@app.command("reuse")
def reuse(
    story: Annotated[str, typer.Argument(help="Story id, id prefix, or number in `stories`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Who copied whom in one story: the reuse graph and the aligned passages, diffed."""
    report = _story_report(db, story)
    console.print(
        f"[bold]{escape(report.story.title or report.story.id)}[/bold] "
        f"({len(report.articles)} articles, {len(report.origin_groups)} independent "
        f"source{'s' if len(report.origin_groups) != 1 else ''})",
        highlight=False,
    )
    if not report.reuse:
        console.print("No reuse found between its articles.", highlight=False)
        return
    console.print()
    for line in _graph(report):
        console.print(escape(line), highlight=False)
    number = {a.id: n for n, a in enumerate(report.articles, 1)}
    groups = " · ".join(
        "{" + ", ".join(f"[{number[a]}]" for a in group) + "}" for group in report.origin_groups
    )
    console.print(f"Independence groups (each counts once): {escape(groups)}", highlight=False)
    for edge in report.reuse:
        origin, copy = number[edge.origin_id], number[edge.copy_id]
        console.print()
        console.print(
            f"[bold][{origin}] → [{copy}][/bold] {edge.kind}: "
            f"{len(edge.pairs)} aligned passages (words only in the origin struck out, "
            "words only in the copy in green)",
            highlight=False,
        )
        console.print(_pairs_table(edge.pairs, origin, copy))


def _print_scores(title: str, scores: dict[str, dict[str, float]]) -> None:
    table = Table(title=title)
    for column in ("kind", "gold", "predicted", "precision", "recall"):
        table.add_column(column, justify="right")
    for kind, row in scores.items():
        table.add_row(
            kind,
            str(int(row["gold"])),
            str(int(row["predicted"])),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
        )
    console.print(table)


@bench_app.command("reuse")
def bench_reuse(
    file: Annotated[
        Path, typer.Argument(help="ECB+ JSONL (`id`, `subtopic`, `text`, `sentences`).")
    ] = DEFAULT_ECB,
    semeval: Annotated[
        Path | None,
        typer.Option("--semeval", help="SemEval-2022 task 8 pairs: Pearson vs human Overall."),
    ] = None,
    scale: Annotated[
        int,
        typer.Option("--scale", help="Time reuse detection on 1,000 and N articles (N >= 2000)."),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Reuse detection: ECB+ same-event pairs, the rewrite test, SemEval, or cost at scale."""
    if semeval is not None:
        _bench_semeval(semeval, as_json)
        return
    if not file.is_file():
        _fail(f"{file}: no such file")
    if scale and scale < 2000:
        _fail("--scale must be at least 2000 (it is compared with 1,000)")
    from crosswire.bench.clusters import annotate_file
    from crosswire.bench.reuse import run_ecb
    from crosswire.bench.reuse_scale import run_scale
    from crosswire.bench.rewrites import run_rewrites

    with _stage_progress("reading") as progress:
        annotated, skipped, _ = annotate_file(file, progress=progress)
        for error in skipped:
            errors.print(f"skipped {escape(error.origin)}: {escape(error.reason)}", highlight=False)
        if scale:
            points = run_scale(annotated, (1000, scale), progress=progress)
        else:
            ecb = run_ecb(file, annotated, progress=progress)
            rewrites = run_rewrites(file, annotated, progress=progress)
    if scale:
        _print_scale(points, as_json)
        return
    if as_json:
        print(json.dumps({"ecb": ecb.summary(), "rewrites": rewrites.summary()}))
        return
    s = ecb.summary()
    table = Table(title=f"1. Same-event pairs of {escape(str(file))}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    kinds = s["kinds"]
    assert isinstance(kinds, dict)
    for key, value in s.items():
        if key != "kinds":
            table.add_row(key.replace("_", " "), str(value))
    for kind, count in kinds.items():
        table.add_row(f"pairs found {kind}", str(count))
    console.print(table)
    whole = [f for f in ecb.flagged if f[2] in ("verbatim", "syndicated", "rewrite")]
    console.print(f"whole copies found ({len(whole)}; first 20, to read side by side):")
    for a, b, kind, o_share, c_share, pairs in whole[:20]:
        console.print(
            f"  flagged {a} ~ {b}: {kind} ({o_share:.0%} / {c_share:.0%}, {pairs} passages)",
            highlight=False,
        )
    r = rewrites.summary()
    _print_scores(
        f"2. Rewrite test ({r['pairs']} pairs; direction right in "
        f"{rewrites.direction_right}/{rewrites.direction_total} edges)",
        rewrites.scores(),
    )


def _bench_semeval(path: Path, as_json: bool) -> None:
    if not path.is_file():
        _fail(f"{path}: no such file")
    from crosswire.bench.semeval import run_semeval  # the same-story score, owned by bench.semeval

    with _stage_progress("reading") as progress:
        result = run_semeval(path, progress=progress)
    if as_json:
        print(json.dumps(result))
        return
    table = Table(title=f"3. SemEval-2022 task 8: {escape(str(path))}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)


def _print_scale(points: list[ScalePoint], as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {"points": [vars(p) | {"ms_per_1000": round(p.ms_per_1000, 1)} for p in points]}
            )
        )
        return
    table = Table(title="Reuse detection cost (candidates by MinHash/LSH + embedding neighbours)")
    for column in (
        "articles",
        "candidate pairs",
        "edges",
        "planted copies found",
        "candidates s",
        "alignment s",
        "ms per 1,000 articles",
        "vs 1,000",
    ):
        table.add_column(column, justify="right")
    for point in points:
        table.add_row(
            f"{point.size:,}",
            f"{point.candidates:,}",
            f"{point.edges:,}",
            f"{point.planted_found:,}/{point.planted:,}",
            f"{point.candidate_seconds:.1f}",
            f"{point.align_seconds:.1f}",
            f"{point.ms_per_1000:,.0f}",
            f"{point.ms_per_1000 / points[0].ms_per_1000:.2f}x",
        )
    console.print(table)
