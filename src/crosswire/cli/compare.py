"""`crosswire brief STORY` and `crosswire bench compare`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from crosswire.clean.dates import GivenDates, given_dates
from crosswire.cli._common import (
    DEFAULT_DB,
    DbOption,
    Format,
    _fail,
    _stage_progress,
    _stored,
    app,
    bench_app,
    console,
)


def _published(values: list[str], article_ids: list[str], origins: list[str]) -> dict[str, date]:
    """``DATE`` for every article, or ``N=DATE`` / ``ID=DATE`` / ``FILE=DATE`` for one:
    the values ``analyze --published`` takes (parsed by the same function), plus an
    article's number or id in this story."""
    try:
        given = given_dates(values)
    except ValueError as error:
        _fail(f"--published {error}")
    out = dict.fromkeys(article_ids, given.every) if given.every else {}
    for key, day in given.inputs.items():
        one = GivenDates(inputs={key: day})
        matches = [
            article_id
            for n, (article_id, origin) in enumerate(zip(article_ids, origins, strict=True), 1)
            if key == str(n) or article_id.startswith(key) or one.named(origin) is not None
        ]
        if len(matches) != 1:
            _fail(f"--published {key}={day}: {key!r} names no single article of the story")
        out[matches[0]] = day
    return out


@app.command()
def brief(
    story: Annotated[str, typer.Argument(help="Story id, id prefix, or number from `stories`.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="md, html or json.")] = Format.md,
    published: Annotated[
        list[str] | None,
        typer.Option(
            "--published",
            help="Publication date for articles that lack one: YYYY-MM-DD for all, or "
            "N=YYYY-MM-DD for article N (number, id prefix or file name). Repeatable.",
        ),
    ] = None,
) -> None:
    """A story's cited brief: corroborated facts with their sources, conflicts, positions,
    timeline."""
    from crosswire.annotate.speaker_names import load_aliases
    from crosswire.compare import compare_story
    from crosswire.report import render_brief

    with _stored(db) as store:
        found = store.find_story(story)
        if found is None:
            _fail(f"no story {story!r} in {db} (see `crosswire stories`)")
        articles, placements = store.articles_of(found)
    ordered = sorted(
        articles,
        key=lambda a: (a.article.published is None, a.article.published or 0, a.article.origin),
    )
    given = _published(
        published or [], [a.article.id for a in ordered], [a.article.origin for a in ordered]
    )
    report = compare_story(found, articles, placements, load_aliases(), published=given or None)
    print(render_brief(report, format.value), end="")


@bench_app.command("compare")
def bench_compare(
    labels: Annotated[
        Path | None,
        typer.Argument(help="Labelled fact groups (JSONL); default bench/compare/facts.jsonl."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="ECB+ JSONL; default ../shared/data/ecbplus/ecbplus.jsonl."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fact grouping and conflict detection against hand-labelled ECB+ fact groups."""
    from crosswire.bench.compare import DEFAULT_DATA, DEFAULT_LABELS, run_compare

    labels = labels or DEFAULT_LABELS
    data = data or DEFAULT_DATA
    for path in (labels, data):
        if not path.is_file():
            _fail(f"{path}: no such file")
    result = run_compare(labels, data)
    summary = result.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"Fact comparison on {escape(str(labels))}")
    for column in ("measure", "precision", "recall", "F1", "gold", "predicted", "correct"):
        table.add_column(column, justify="right")
    for name in ("grouping", "conflicts"):
        row = summary[name]
        table.add_row(
            name,
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["gold"]),
            str(row["predicted"]),
            str(row["correct"]),
        )
    console.print(table)
    console.print(
        f"{summary['groups']} labelled fact groups ({summary['claims']} claims) in "
        f"{summary['stories']} ECB+ events; {summary['gold_conflicts']} labelled conflicts and "
        f"updates; {summary['unmatched']} labelled sentences not found as claims",
        highlight=False,
    )
    for miss in result.errors[:20]:
        console.print(f"[yellow]{escape(miss)}[/yellow]", highlight=False)


@bench_app.command("facts")
def bench_facts(
    msrp: Annotated[
        Path,
        typer.Option("--msrp", help="MSRP pairs (TSV: label, id1, id2, sentence1, sentence2)."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds.")] = 5,
) -> None:
    """The brief's "same fact" decision against people's judgements (MSRP), cross-validated.

    Precision and recall of "same" are the brief's decision; accuracy is the
    classifier's; MiniLM cosine >= 0.80 alone is the baseline beside them.
    """
    from crosswire.bench.facts import BASELINE_COSINE, run_facts

    if not msrp.is_file():
        _fail(f"{msrp}: no such file")
    if folds < 2:
        _fail("--folds must be at least 2")
    with _stage_progress("reading") as progress:
        try:
            summary = run_facts(msrp, progress=progress, folds=folds)
        except ValueError as error:
            _fail(str(error))
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(
        title=f"Same fact? {summary['pairs']} judged sentence pairs of {escape(str(msrp))} "
        f"({summary['same']} same), {folds}-fold cross-validated"
    )
    for column in ("decision", "precision", "recall", "accuracy"):
        table.add_column(column, justify="right")
    table.add_row(
        f"the brief's (p >= {summary['threshold_mean']:.2f})",
        f"{summary['precision']:.3f}",
        f"{summary['recall']:.3f}",
        f"{summary['decision_accuracy']:.3f}",
    )
    table.add_row("the classifier (best threshold)", "", "", f"{summary['accuracy']:.3f}")
    table.add_row(
        f"MiniLM cosine >= {BASELINE_COSINE:.2f}",
        f"{summary['cosine_precision']:.3f}",
        f"{summary['cosine_recall']:.3f}",
        f"{summary['cosine_accuracy']:.3f}",
    )
    console.print(table)
    console.print(
        f"{summary['pairs_per_s']:,} pairs/s ({summary['ms_per_pair']} ms a pair, features and "
        f"scoring; annotation {summary['annotate_sentences_per_s']} sentences/s)",
        highlight=False,
    )
