"""Compare one story: reuse, independence, statements, facts and a cited brief."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from crosswire.annotate.speakers import AliasTable
from crosswire.compare.facts import build_facts, claim_words
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
REPEAT_OVERLAP = 0.8


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


def _repeats(a: Fact, b: Fact) -> bool:
    """Whether one fact's content words are nearly all in the other's (overlap coefficient)."""
    wa, wb = claim_words(a.claims[0]), claim_words(b.claims[0])
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= REPEAT_OVERLAP


def _brief(
    shared: Sequence[Fact], single: Sequence[Fact], quotes: Sequence[Quote]
) -> tuple[BriefSentence, ...]:
    """Corroborated facts first, then single-source facts that carry numbers.

    A fact that repeats one already chosen (a standfirst restating the lead)
    is skipped, so each brief sentence says something new.
    """
    chosen: list[Fact] = []
    for pool, limit in ((shared, BRIEF_SHARED), (single, BRIEF_SINGLE)):
        taken = 0
        for fact in pool:
            if taken == limit:
                break
            if pool is single and not fact.claims[0].quantities:
                continue
            if _is_quote_sentence(fact, quotes) or any(_repeats(fact, c) for c in chosen):
                continue
            chosen.append(fact)
            taken += 1
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
