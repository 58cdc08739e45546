"""`crosswire quotes` (who said what, when, where) and `crosswire bench quotes`."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from crosswire.annotate.speaker_names import canonical_names, load_aliases, speaker_matches
from crosswire.cli._common import (
    DEFAULT_DB,
    DbOption,
    _fail,
    _stage_progress,
    _stored,
    _story_report,
    app,
    bench_app,
    console,
)
from crosswire.codec import to_dict
from crosswire.model import Article, Statement, StoryReport
from crosswire.report import article_label, quote_wording


def _when(article: Article) -> str:
    return article.published.date().isoformat() if article.published else "undated"


def _statements_table(
    rows: Sequence[tuple[StoryReport, Statement]], title: str, *, stories: int
) -> Table:
    """Every statement in one table: a row per article reporting it, its wordings side by
    side, statements apart by a rule; the story's title when they come from several."""
    table = Table(title=escape(title), title_justify="left", show_lines=False)
    table.add_column("who", overflow="fold", min_width=20)
    table.add_column("when", no_wrap=True)
    table.add_column("article, how", overflow="fold")
    table.add_column("wording", overflow="fold", ratio=2)
    for report, statement in rows:
        articles = {a.id: a for a in report.articles}
        about = ", ".join(x for x in (statement.role, statement.organization) if x)
        who = f"{statement.speaker} ({about})" if about else statement.speaker
        if stories > 1:
            who += f"\n— {report.story.title}"
        for n, quote in enumerate(statement.quotes):
            article = articles[quote.article_id]
            wording = quote_wording(quote, article.text, report.quotes)
            how = quote.kind + (f": {quote.cue}" if quote.cue else "")
            if quote.speaker and quote.speaker.name != statement.speaker:
                how += f" (as {quote.speaker.name})"
            table.add_row(
                escape(who) if n == 0 else "",
                _when(article),
                escape(f"{article_label(article)} ({how})"),
                escape(wording),
                end_section=n == len(statement.quotes) - 1,
            )
    return table


def _statement_dict(statement: Statement, articles: dict[str, Article]) -> dict[str, object]:
    return {
        "speaker": statement.speaker,
        "role": statement.role,
        "organization": statement.organization,
        "reports": [
            {
                "article_id": q.article_id,
                "article": article_label(articles[q.article_id]),
                "published": _when(articles[q.article_id]),
                **to_dict(q),
            }
            for q in statement.quotes
        ],
    }


def _attributed(report: StoryReport) -> list[Statement]:
    return [s for s in report.statements if s.speaker != "unattributed"]


@app.command("quotes")
def quotes(
    story: Annotated[
        str | None, typer.Argument(help="Story id, id prefix or number (see `stories`).")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Everything one person said, in all stories.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Who said what, when and in which articles; each statement's wordings side by side."""
    if (story is None) == (speaker is None):
        _fail("give a STORY or --speaker NAME (one of them)")
    if story is not None:
        reports = [_story_report(db, story)]
    else:
        from crosswire.run import story_reports

        with _stored(db) as store:
            reports = story_reports(store)
    aliases = load_aliases()
    rows: list[tuple[StoryReport, Statement]] = []
    for report in reports:
        for statement in _attributed(report):
            if speaker is None or speaker_matches(speaker, statement.speaker, aliases):
                rows.append((report, statement))
    rows.sort(key=lambda r: min((_when(a) for a in r[0].articles), default=""))
    if as_json:
        print(
            json.dumps(
                {
                    "statements": [
                        {
                            "story_id": report.story.id,
                            "story": report.story.title,
                            **_statement_dict(s, {a.id: a for a in report.articles}),
                        }
                        for report, s in rows
                    ]
                },
                ensure_ascii=False,
            )
        )
        return
    if not rows:
        who = f"by {speaker!r}" if speaker else "in this story"
        console.print(f"no attributed statements {escape(who)}", highlight=False)
        return
    people = canonical_names([s.speaker for _, s in rows], aliases)
    if speaker and len(set(people.values())) > 1:
        counts = Counter(people[s.speaker] for _, s in rows)
        rank = {name: n for n, (name, _) in enumerate(counts.most_common())}
        rows.sort(key=lambda r: rank[people[r[1].speaker]])  # one person after another
        listed = ", ".join(f"{name} ({n})" for name, n in counts.most_common())
        console.print(
            f"{escape(repr(speaker))} names {len(counts)} speakers: {escape(listed)}",
            highlight=False,
        )
    stories = len({report.story.id for report, _ in rows})
    title = (
        f"What {speaker} said: {len(rows)} statements in {stories} "
        + ("story" if stories == 1 else "stories")
        if speaker
        else f"Who said what in {rows[0][0].story.title}: {len(rows)} statements"
    )
    console.print(_statements_table(rows, title, stories=stories))


@bench_app.command("quotes")
def bench_quotes(
    directory: Annotated[
        Path, typer.Argument(help="PolNeAR split: DIR/text/*.txt and DIR/attributions/*.ann.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.")] = None,
    between_annotators: Annotated[
        bool,
        typer.Option(
            "--agreement",
            help="Score the annotators against each other instead (articles with several).",
        ),
    ] = False,
) -> None:
    """Attributions against every PolNeAR annotator: source, cue, content, triples, speed."""
    from crosswire.bench.quotes import MEASURES, agreement, read_polnear, run_quotes

    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        _fail(f"{directory}: expected text/ and attributions/ folders (PolNeAR layout)")
    if between_annotators:
        bench = agreement(read_polnear(directory)[:limit])
        what = "Annotators against each other"
    else:
        with _stage_progress("parsing") as progress:
            bench = run_quotes(directory, progress=progress, limit=limit)
        what = "Attributions"
    if bench.documents == 0:
        more = " with several annotators" if between_annotators else ""
        _fail(f"{directory}: no annotated articles{more}")
    summary = bench.summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(
        title=f"{what} on {escape(str(directory))} ({bench.documents} articles, "
        f"{bench.annotations} annotator files, averaged per article)"
    )
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for measure in MEASURES:
        table.add_row(
            measure,
            f"{summary[f'{measure}_p']:.3f}",
            f"{summary[f'{measure}_r']:.3f}",
            f"{summary[f'{measure}_f1']:.3f}",
        )
    console.print(table)
    if not between_annotators:
        console.print(
            f"{summary['docs_per_s']:.1f} articles/s (spaCy parse and extraction)", highlight=False
        )


@bench_app.command("speakers")
def bench_speakers(
    report: Annotated[
        Path, typer.Argument(help="A JSON report: stories.json of `analyze --format json`.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Canonical speakers a reader would trip over: one person under two names, ambiguous
    surnames, names that are not speakers (clauses, headlines, common nouns, code)."""
    from crosswire.bench.speakers import run_speakers

    if not report.is_file():
        _fail(f"{report}: no such file (write one with `crosswire analyze --format json`)")
    try:
        check = run_speakers(report, load_aliases())
    except (ValueError, UnicodeDecodeError) as error:
        _fail(f"{report}: not a JSON report ({error})")
    summary = check.summary()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    console.print(
        f"{check.speakers} canonical speakers over {check.attributions} attributions",
        highlight=False,
    )
    console.print(f"one person under two names: {len(check.two_names)}", highlight=False)
    for a, b in check.two_names:
        console.print(
            f"  {escape(a)} ({check.counts[a]}) / {escape(b)} ({check.counts[b]})",
            highlight=False,
        )
    console.print(f"ambiguous, left apart: {len(check.ambiguous)}", highlight=False)
    for name, people in check.ambiguous.items():
        console.print(f"  {escape(name)}: {escape(', '.join(people))}", highlight=False)
    console.print(f"not speakers: {len(check.not_speakers)}", highlight=False)
    for kind, name in check.not_speakers:
        console.print(f"  {kind}: {escape(name)} ({check.counts[name]})", highlight=False)


@bench_app.command("positions")
def bench_positions(
    headlines: Annotated[
        Path,
        typer.Argument(help="Labelled headlines (TSV: doc, headline, actor, stance, object)."),
    ] = Path("bench/positions/headlines.tsv"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Headlines that state a stance ("X demands / rejects / backs Y"): the share that
    yield that position, whatever the subject; the misses listed for reading."""
    from crosswire.annotate.nlp import load_backend
    from crosswire.bench.positions import check_headlines, read_labels

    if not headlines.is_file():
        _fail(f"{headlines}: no such file")
    try:
        labels = read_labels(headlines)
    except (ValueError, UnicodeDecodeError) as error:
        _fail(str(error))
    with console.status("loading the language models"):
        backend = load_backend()
    check = check_headlines(labels, backend)
    summary = check.summary()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    console.print(
        f"{check.yielded} of {check.labels} headlines yield their position "
        f"({summary['share']:.3f}), {summary['headlines_per_s']} headlines/s",
        highlight=False,
    )
    for miss in check.misses:
        console.print(f"  missed: {escape(miss)}", highlight=False)
