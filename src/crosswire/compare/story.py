"""Compare one story: reuse, independence, statements, facts and a cited brief."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from crosswire.annotate.speakers import AliasTable
from crosswire.compare.facts import build_facts
from crosswire.compare.statements import build_statements, canonicalize
from crosswire.link.reuse import find_reuse, origin_groups
from crosswire.model import (
    AnnotatedArticle,
    BriefSentence,
    Citation,
    Fact,
    Placement,
    Quote,
    Story,
    StoryReport,
)

BRIEF_SHARED = 4
BRIEF_SINGLE = 3


def _order(articles: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Oldest first, undated ones after, in reading order."""
    return sorted(
        articles,
        key=lambda a: (a.article.published is None, a.article.published or 0, a.article.origin),
    )


def _is_quote_sentence(fact: Fact, quotes: Sequence[Quote]) -> bool:
    """A sentence that is mostly a direct quote is a statement, not a fact."""
    claim = fact.claims[0]
    quoted = sum(
        max(
            0, min(q.content_span.end, claim.span.end) - max(q.content_span.start, claim.span.start)
        )
        for q in quotes
        if q.article_id == claim.article_id and q.kind == "direct"
    )
    return quoted > 0.5 * (claim.span.end - claim.span.start)


def _brief(
    shared: Sequence[Fact], single: Sequence[Fact], quotes: Sequence[Quote]
) -> tuple[BriefSentence, ...]:
    """Corroborated facts first, then single-source facts that carry numbers."""
    chosen = [f for f in shared if not _is_quote_sentence(f, quotes)][:BRIEF_SHARED]
    numeric = [f for f in single if f.claims[0].quantities and not _is_quote_sentence(f, quotes)]
    chosen += numeric[:BRIEF_SINGLE]
    return tuple(
        BriefSentence(
            text=fact.text,
            citations=tuple(Citation(c.article_id, c.span) for c in fact.claims),
            independent_sources=fact.independent_sources,
        )
        for fact in chosen
    )


def compare_story(
    story: Story,
    articles: Sequence[AnnotatedArticle],
    placements: Sequence[Placement],
    aliases: AliasTable,
) -> StoryReport:
    """Everything the report shows for one story, computed from its articles only."""
    ordered = _order(articles)
    edges = tuple(e for a, b in combinations(ordered, 2) if (e := find_reuse(a, b)) is not None)
    groups = origin_groups(ordered, edges)
    quotes = canonicalize(ordered, aliases)
    statements = build_statements(ordered, quotes)
    position = {a.article.id: i for i, a in enumerate(ordered)}
    facts = build_facts(ordered, groups, edges)
    facts.sort(key=lambda f: (position[f.claims[0].article_id], f.claims[0].span.start))
    shared = [f for f in facts if len(f.article_ids) > 1]
    shared.sort(key=lambda f: (-f.independent_sources, -len(f.article_ids)))
    single = [f for f in facts if len(f.article_ids) == 1]
    return StoryReport(
        story=story,
        articles=tuple(a.article for a in ordered),
        placements=tuple(placements),
        reuse=edges,
        origin_groups=groups,
        statements=tuple(statements),
        quotes=tuple(quotes),
        shared_facts=tuple(shared),
        single_source_facts=tuple(single),
        brief=_brief(shared, single, quotes),
    )
