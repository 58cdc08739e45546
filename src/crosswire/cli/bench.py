"""`crosswire bench clusters`, `stories`, `stream` and `scale`: how stories are formed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from crosswire.cli._common import (
    _fail,
    _open,
    _progress,
    _stage_progress,
    bench_app,
    console,
    errors,
)


@bench_app.command("clusters")
def bench_clusters(
    file: Annotated[Path, typer.Argument(help="JSONL with `text` and gold `subtopic` (ECB+).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    orders: Annotated[int, typer.Option("--orders", help="Shuffled arrival orders.")] = 3,
) -> None:
    """Story clustering against gold events: B-cubed, ARI, clusters, speed."""
    from crosswire.bench.clusters import run_clusters

    if not file.is_file():
        _fail(f"{file}: no such file")
    with _stage_progress("reading") as progress:
        bench = run_clusters(file, orders, progress=progress)
    for error in bench.skipped:
        errors.print(f"skipped {escape(error.origin)}: {escape(error.reason)}", highlight=False)
    summary = bench.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"Story clustering on {escape(str(file))} ({bench.documents} documents)")
    for column in ("order", "B3 precision", "B3 recall", "B3 F1", "ARI", "clusters", "docs/s"):
        table.add_column(column, justify="right")
    for n, run in enumerate(bench.runs, 1):
        table.add_row(
            str(n),
            f"{run.bcubed_p:.4f}",
            f"{run.bcubed_r:.4f}",
            f"{run.bcubed_f1:.4f}",
            f"{run.ari:.4f}",
            str(run.clusters),
            f"{run.docs_per_s:.0f}",
        )
    table.add_row(
        "mean",
        f"{bench.mean('bcubed_p'):.4f}",
        f"{bench.mean('bcubed_r'):.4f}",
        f"{bench.mean('bcubed_f1'):.4f} ± {bench.spread('bcubed_f1'):.4f}",
        f"{bench.mean('ari'):.4f}",
        f"{bench.mean('clusters'):.1f}",
        f"{bench.mean('docs_per_s'):.0f}",
    )
    console.print(table)
    console.print(
        f"clustering: {bench.mean('docs_per_s'):.0f} articles/s (linking only); "
        f"annotation: {bench.annotate_docs_per_s:.1f} articles/s (parse, quotes, embeddings)",
        highlight=False,
    )


@bench_app.command("stories")
def bench_stories(
    semeval: Annotated[
        Path,
        typer.Option("--semeval", help="SemEval-2022 Task 8 pairs (JSONL: text1, text2, Overall)."),
    ],
    orders: Annotated[int, typer.Option("--orders", help="Shuffled arrival orders.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    mistakes: Annotated[
        bool, typer.Option("--mistakes", help="List the pairs the first order got wrong.")
    ] = False,
) -> None:
    """Stories on a dense stream: every article of a SemEval pairs file ingested together.

    Pairs people rated one story (Overall <= 1.5) should end in one story,
    pairs rated different (Overall >= 3) in two.
    """
    from crosswire.bench.stories import run_stream

    if not semeval.is_file():
        _fail(f"{semeval}: no such file")
    if orders < 1:
        _fail("--orders must be at least 1")
    with _stage_progress("reading") as progress:
        bench = run_stream(semeval, orders, progress=progress)
    for error in bench.skipped:
        errors.print(f"skipped {escape(error.origin)}: {escape(error.reason)}", highlight=False)
    summary = bench.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(
        title=f"Stories on one stream of {bench.articles} articles from {escape(str(semeval))} "
        f"({bench.same_pairs} pairs rated same story, {bench.different_pairs} different)"
    )
    for column in ("order", "precision", "recall", "F1", "same joined", "different joined"):
        table.add_column(column, justify="right")
    table.add_column("stories", justify="right")
    for n, run in enumerate(bench.runs, 1):
        table.add_row(
            str(n),
            f"{run.precision:.3f}",
            f"{run.recall:.3f}",
            f"{run.f1:.3f}",
            f"{run.joined_same}/{bench.same_pairs}",
            f"{run.joined_different}/{bench.different_pairs}",
            str(run.stories),
        )
    table.add_row(
        "mean",
        f"{summary['precision']:.3f}",
        f"{summary['recall']:.3f}",
        f"{summary['f1']:.3f}",
        "",
        "",
        f"{summary['stories']:.1f}",
    )
    console.print(table)
    console.print(
        f"{summary['articles_per_s']} articles/s end to end (annotation "
        f"{summary['annotate_articles_per_s']}/s, linking {summary['link_articles_per_s']}/s)",
        highlight=False,
    )
    if mistakes and bench.mistakes:
        for pair, joined in bench.mistakes[0]:
            what = "joined, rated different" if joined else "kept apart, rated same"
            console.print(
                f"{what} (Overall {pair.overall:.2f}): {escape(pair.left)} / {escape(pair.right)}",
                highlight=False,
            )


@bench_app.command("stream")
def bench_stream(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Articles: folders, files (as analyze).")
    ] = None,
    sample: Annotated[
        Path | None,
        typer.Option("--sample", help="A file listing the articles, relative to --shared."),
    ] = None,
    shared: Annotated[Path, typer.Option("--shared", help="The shared folder.")] = Path(
        "../shared"
    ),
    labels: Annotated[
        Path | None,
        typer.Option("--labels", help="Labels (JSONL); default bench/stream/labels.jsonl."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    unlabelled: Annotated[
        bool, typer.Option("--unlabelled", help="List what has no label yet (to read).")
    ] = False,
) -> None:
    """Read crosswire's answers on a real stream as a fact-checker would, against labels:
    stories that keep to one event, supports that report their fact, conflicts that are real.
    """
    from crosswire.bench.stream import DEFAULT_LABELS, read_sample, run_stream_check

    labels = labels or DEFAULT_LABELS
    if not labels.is_file():
        _fail(f"{labels}: no such file")
    paths = list(paths or [])
    if sample is not None:
        if not sample.is_file():
            _fail(f"{sample}: no such file")
        paths += read_sample(sample, shared)
    if not paths:
        _fail("give the articles: PATH... or --sample FILE")
    missing = [p for p in paths if not p.exists()]
    if missing:
        _fail(f"{missing[0]}: no such file or folder")
    with _progress() as bar:
        task = bar.add_task("analyzing", total=None)
        try:
            check = run_stream_check(
                paths,
                labels,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except ValueError as error:
            _fail(str(error))
    summary = check.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(
        title=f"{check.articles} articles, {check.stories} stories "
        f"({check.multi_article_stories} of several articles)"
    )
    for column in ("question", "holds up", "judged", "share", "not labelled"):
        table.add_column(column, justify="right")
    for name, share in (
        ("article belongs to its story", check.members),
        ("cited passage reports its fact", check.supports),
        ("conflict is real", check.conflicts),
    ):
        table.add_row(
            name,
            str(share.good),
            str(share.judged),
            f"{share.share:.3f}",
            str(len(share.unlabelled)),
        )
    console.print(table)
    console.print(
        f"{check.corroborated_facts} facts counted as backed by two or more independent sources; "
        f"{check.repeated_sentences_counted_twice} sentences carried word for word by several "
        "articles counted as several sources",
        highlight=False,
    )
    for share in (check.members, check.supports, check.conflicts):
        for item in share.wrong:
            console.print(f"[red]wrong:[/red] {escape(item)}", highlight=False)
        if unlabelled:
            for item in share.unlabelled:
                console.print(f"[yellow]not labelled:[/yellow] {escape(item)}", highlight=False)


@bench_app.command("scale")
def bench_scale(
    source: Annotated[
        Path | None,
        typer.Argument(help="Real articles to grow from: a crosswire .db, or JSONL/folder."),
    ] = None,
    sizes: Annotated[str, typer.Option("--sizes", help="Store sizes to measure at.")] = (
        "1000,10000,100000"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    articles: Annotated[
        int,
        typer.Option("--articles", help="Run the whole pipeline on N articles of --shared."),
    ] = 0,
    executor: Annotated[
        str, typer.Option("--executor", help="With --articles: local, ray or inprocess.")
    ] = "local",
    workers: Annotated[int, typer.Option("--workers", help="Annotation workers.")] = 0,
    address: Annotated[str | None, typer.Option("--address", help="Ray address.")] = None,
    shared: Annotated[Path, typer.Option("--shared", help="The shared folder.")] = Path(
        "../shared"
    ),
    sets: Annotated[
        str,
        typer.Option(
            "--corpus",
            help="With --articles: which sets of --shared, comma-separated "
            "(ecbplus: ~190 words; polnear: ~750 words, typical news).",
        ),
    ] = "ecbplus,polnear,semeval",
) -> None:
    """Placing cost as the store grows; with --articles N, the whole pipeline end to end.

    Without --articles: the cost of placing 1,000 articles as the store grows
    (perturbed copies of real articles). With --articles N: N real articles
    from --shared through read, clean, annotate, link, store and compare,
    articles/s per stage and peak memory.
    """
    if articles:
        from crosswire.bench.corpus import SETS

        chosen = tuple(name.strip() for name in sets.split(",") if name.strip())
        unknown = [name for name in chosen if name not in SETS]
        if unknown or not chosen:
            _fail(f"--corpus {sets}: choose from {', '.join(SETS)}")
        _pipeline_scale(shared, articles, executor, workers or None, address, as_json, chosen)
        return
    if source is None:
        _fail("give a SOURCE to grow from, or --articles N for the whole pipeline")
    from crosswire.bench.clusters import annotate_file
    from crosswire.bench.scale import run_scale
    from crosswire.link import link_features

    targets = sorted({int(x) for x in sizes.split(",") if x.strip()})
    if not targets or any(t % 1000 for t in targets):
        _fail("--sizes must be multiples of 1000")
    with _progress() as bar:
        task = bar.add_task("reading", total=None)
        if source.suffix == ".db":
            with _open(source) as store:
                base = list(store.all_features())
        else:

            def annotating(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            annotated, _, _ = annotate_file(source, progress=annotating)
            base = [link_features(a) for a in annotated]
        if not base:
            _fail(f"{source}: no articles to grow from")

        def placing(done: int, total: int) -> None:
            bar.update(task, description="placing", completed=done, total=total)

        points = run_scale(base, targets, progress=placing)
    if as_json:
        print(json.dumps({"base_articles": len(base), "points": [vars(p) for p in points]}))
        return
    table = Table(
        title=f"Placing articles as the store grows ({len(base)} real articles, perturbed)"
    )
    for column in ("store size", "ms per 1,000 articles", "vs first", "peak RSS MB", "stories"):
        table.add_column(column, justify="right")
    for point in points:
        table.add_row(
            f"{point.size:,}",
            f"{point.ms_per_1000:,.0f}",
            f"{point.ms_per_1000 / points[0].ms_per_1000:.2f}x",
            f"{point.peak_rss_mb:,.0f}",
            f"{point.stories:,}",
        )
    console.print(table)


def _pipeline_scale(
    shared: Path,
    articles: int,
    executor: str,
    workers: int | None,
    address: str | None,
    as_json: bool,
    sets: tuple[str, ...],
) -> None:
    from crosswire.bench.throughput import run_pipeline

    with _stage_progress("pipeline", articles) as progress:
        try:
            figures = run_pipeline(
                shared,
                articles,
                executor=executor,
                workers=workers,
                address=address,
                progress=progress,
                sets=sets,
            )
        except (OSError, ValueError, ImportError) as error:
            _fail(str(error))
    if as_json:
        print(json.dumps(figures))
        return
    table = Table(
        title=f"{figures['articles']} articles ({figures['corpus']}, {figures['mean_words']} words "
        f"on average) end to end on the {figures['executor']} executor "
        f"({figures['workers']} workers): {figures['articles_per_s']} articles/s, "
        f"peak RSS {figures['peak_rss_mb']} MB, {figures['stories']} stories"
    )
    for column in ("stage", "seconds", "articles/s"):
        table.add_column(column, justify="right")
    stages = figures["stages"]
    assert isinstance(stages, dict)
    for name, row in stages.items():
        table.add_row(name, str(row["seconds"]), str(row["articles_per_s"]))
    console.print(table)
