"""Reuse on the seeds and on copies made from them: kinds, passages, direction, groups."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.clean import clean_document
from crosswire.cli import app
from crosswire.link.candidates import candidate_pairs, minhash_pairs, neighbour_pairs
from crosswire.link.reuse import find_reuse, origin_groups, reuse_edges
from crosswire.model import AnnotatedArticle, Article, RawDocument, StoryReport
from crosswire.report import render_html, render_markdown

runner = CliRunner()


def _by_origin(report: StoryReport, name: str) -> Article:
    return next(a for a in report.articles if a.origin.endswith(name))


def test_seeds_one_partial_edge_from_reuters_to_the_rewrite(seed_report: StoryReport) -> None:
    wire = _by_origin(seed_report, SEED_WIRE)
    rewrite = _by_origin(seed_report, SEED_REWRITE)
    (edge,) = seed_report.reuse
    assert edge.kind in ("rewrite", "partial")
    assert (edge.origin_id, edge.copy_id) == (wire.id, rewrite.id)
    assert "Reuters" in edge.direction_reason
    pairs = [(p.origin_text, p.copy_text) for p in edge.pairs]
    # Zelensky's "more realistic" statement, in the wire's and the rewrite's words
    assert any("more realistic" in o and "more realistic" in c for o, c in pairs)
    assert any("I am informed" in o and "I’ve been told" in c for o, c in pairs)
    # the Austria/Sweden status, which the rewrite paraphrases as a "neutral" status
    assert any("Austria or Sweden" in o and re.search(r"neutral|Austrian", c) for o, c in pairs)
    # three weeks of war / no big city taken
    assert any("Three weeks into the invasion" in o and "largest cities" in c for o, c in pairs)
    assert len(edge.pairs) <= 8  # no spurious alignments of the rewrite's own reporting
    assert 0.3 <= edge.origin_share <= 0.7 and 0.1 <= edge.copy_share <= 0.35
    for pair in edge.pairs:
        assert wire.text[pair.origin_span.start : pair.origin_span.end] == pair.origin_text
        assert rewrite.text[pair.copy_span.start : pair.copy_span.end] == pair.copy_text
    assert seed_report.origin_groups == ((wire.id, rewrite.id),) or sorted(
        map(sorted, seed_report.origin_groups)
    ) == [sorted((wire.id, rewrite.id))]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, backend: NlpBackend) -> list[AnnotatedArticle]:
    """The two seeds, plus a syndicated copy of the wire story and a reworded one."""
    from crosswire.annotate.pipeline import annotate

    wire = (seeds_dir / SEED_WIRE).read_text(encoding="utf-8")
    rewrite = (seeds_dir / SEED_REWRITE).read_text(encoding="utf-8")
    body = wire.split("Representational Photo", 1)[1].split("SOURCE: REUTERS")[0].strip()
    syndicated = (
        f"Russia, Ukraine see hope in talks\n\nAdvertisement\n\n{body}\n\nShare this article"
    )
    syndicated = syndicated.replace("lifted hope on Wednesday", "raised hopes on Wednesday")
    docs = [
        RawDocument("wire.txt", wire, "text", published="2022-03-16T10:00:00Z"),
        RawDocument("rewrite.txt", rewrite, "text", published="2022-03-16T18:00:00Z"),
        RawDocument("syndicated.txt", syndicated, "text", published="2022-03-16T12:00:00Z"),
    ]
    articles = [clean_document(d) for d in docs]
    assert all(isinstance(a, Article) for a in articles)
    return annotate([a for a in articles if isinstance(a, Article)], backend)


def test_syndicated_copy_with_new_chrome_and_headline(seeds: list[AnnotatedArticle]) -> None:
    wire, _, syndicated = seeds
    edge = find_reuse(syndicated, wire)
    assert edge is not None and edge.kind == "syndicated"
    assert edge.origin_id == wire.article.id  # the wire credits Reuters
    assert edge.copy_share >= 0.9 and edge.origin_share >= 0.8


def test_direction_by_time_then_containment(seeds: list[AnnotatedArticle]) -> None:
    wire, _, syndicated = seeds
    plain = dataclasses.replace(
        wire, article=dataclasses.replace(wire.article, credited_source=None)
    )
    edge = find_reuse(syndicated, plain)
    assert edge is not None and edge.origin_id == plain.article.id
    assert edge.direction_reason == "published earlier"
    late = dataclasses.replace(
        plain,
        article=dataclasses.replace(plain.article, published=datetime(2022, 3, 17, tzinfo=UTC)),
    )
    edge = find_reuse(late, syndicated)
    assert edge is not None and edge.origin_id == syndicated.article.id
    undated = [
        dataclasses.replace(a, article=dataclasses.replace(a.article, published=None))
        for a in (plain, syndicated)
    ]
    # the copy dropped the headline line, so it is the one contained in the other
    edge = find_reuse(undated[1], undated[0])
    assert edge is not None and edge.direction_reason.startswith("containment")
    assert edge.origin_id == plain.article.id


def test_unrelated_articles_share_nothing(
    seeds: list[AnnotatedArticle], ecb_annotated: list[AnnotatedArticle]
) -> None:
    wire = seeds[0]
    for other in ecb_annotated[:40]:
        assert find_reuse(wire, other) is None


def test_origin_groups_count_copies_once(seeds: list[AnnotatedArticle]) -> None:
    edges = reuse_edges(seeds)
    assert len(edges) == 3
    (group,) = origin_groups(seeds, edges)
    assert len(group) == 3
    # a partial edge carrying little of its origin does not merge groups
    small = [dataclasses.replace(e, kind="partial", origin_share=0.1) for e in edges]
    plain = [
        dataclasses.replace(a, article=dataclasses.replace(a.article, credited_source=None))
        for a in seeds
    ]
    assert len(origin_groups(plain, small)) == 3


def test_candidates_find_copies_without_all_pairs(
    ecb_annotated: list[AnnotatedArticle], seeds: list[AnnotatedArticle]
) -> None:
    corpus = list(ecb_annotated[:300]) + list(seeds)
    n = len(corpus)
    wire, rewrite, syndicated = n - 3, n - 2, n - 1
    lsh = minhash_pairs(corpus)
    assert (wire, syndicated) in lsh
    near = neighbour_pairs(corpus, exact_below=0)  # the SimHash-bucket path
    assert (wire, rewrite) in near and (wire, syndicated) in near
    pairs = candidate_pairs(corpus)
    assert len(pairs) < n * 12  # bounded per article, far from n * (n - 1) / 2
    assert {(wire, rewrite), (wire, syndicated), (rewrite, syndicated)} <= set(pairs)


def test_reports_show_the_graph_and_the_diffed_passages(seed_report: StoryReport) -> None:
    md = render_markdown([seed_report])
    section = md.split("### Reuse")[1]
    assert "Who copied whom:" in section and "- [1] (origin)" in section
    assert "→ [2] partial" in section or "→ [2] rewrite" in section
    assert "Independence groups (each counts once): {[1], [2]}" in section
    html = render_html([seed_report])
    graph = html.split('<svg class="graph"')[1].split("</svg>")[0]
    assert graph.count("<rect") == 2 and "<line" in graph
    assert "<del>" in html and "<ins>" in html
    assert "http" not in graph.replace("http://www.w3.org/2000/svg", "")


def test_cli_reuse_prints_graph_and_passages(seed_db: Path) -> None:
    result = runner.invoke(app, ["reuse", "1", "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "(origin)" in out and "→ [2]" in out
    assert "Independence groups (each counts once): {[1], [2]}" in out
    assert "realistic" in out and "Austria" in out and "Sweden" in out
    missing = runner.invoke(app, ["reuse", "nope", "--db", str(seed_db)])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
