"""Compare one story: reuse, independence, statements, facts, conflicts, positions,
timeline and a cited brief.

Relative dates ("on Wednesday", "next week") are resolved against each
article's publication date: given (metadata, or the ``published`` argument),
else derived from a dateline or URL in the text and marked as derived.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

from crosswire.annotate.dates import article_published, reresolve
from crosswire.annotate.speaker_names import AliasTable
from crosswire.compare.conflicts import find_conflicts
from crosswire.compare.facts import build_facts, claim_words
from crosswire.compare.lexicon import measure_of
from crosswire.compare.positions import build_positions
from crosswire.compare.statements import build_statements, canonicalize
from crosswire.compare.timeline import build_timeline
from crosswire.link.reuse import origin_groups, reuse_edges
from crosswire.model import (
    AnnotatedArticle,
    BriefSentence,
    Citation,
    Claim,
    Derivation,
    Fact,
    Placement,
    PublicationDate,
    Quote,
    Reuse,
    Story,
    StoryReport,
)

BRIEF_SHARED = 5
BRIEF_SINGLE = 7
REPEAT_OVERLAP = 0.8
NOTE_PAIRS = 2
Published = Mapping[str, date] | date | None


def _order(articles: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Oldest first, undated ones after, in reading order."""
    return sorted(
        articles,
        key=lambda a: (a.article.published is None, a.article.published or 0, a.article.origin),
    )


def publication_dates(
    articles: Sequence[AnnotatedArticle], given: Published = None
) -> list[PublicationDate]:
    """Each article's publication date: given, from its metadata, or derived from its text.

    ``given`` is one date for every article that has none, or a mapping from
    article id to date (it wins over the metadata).
    """
    out = []
    for annotated in articles:
        article = annotated.article
        if isinstance(given, Mapping) and article.id in given:
            out.append(PublicationDate(article.id, _iso(given[article.id]), "given", "input"))
        elif article.published is None and isinstance(given, date):
            out.append(PublicationDate(article.id, _iso(given), "given", "input"))
        else:
            found = article_published(article)
            day_text = found.day.isoformat() if found.day else None
            out.append(PublicationDate(article.id, day_text, found.basis, found.evidence))
    return out


def _iso(value: date) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _resolve_dates(article: AnnotatedArticle, day: date | None) -> AnnotatedArticle:
    """The article's claims with relative dates resolved against ``day``."""
    claims = tuple(
        replace(
            claim,
            dates=tuple(
                reresolve(m, day, claim.tense) if m.relative or m.value is None else m
                for m in claim.dates
            ),
        )
        for claim in article.claims
    )
    return replace(article, claims=claims)


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


def _claim_values(claim: Claim) -> dict[str, str]:
    """A claim's normalised figures and dates: comparison key -> how they are shown."""
    out: dict[str, str] = {}
    for q in claim.quantities:
        if q.vague:
            continue
        measure = measure_of(q) or (q.unit or "")
        qualifier = f"{q.qualifier} " if q.qualifier else ""
        shown = f"{q.text} = {qualifier}{q.value:,.10g} {measure}".strip()
        out.setdefault(f"{round(q.value, 6)} {measure_of(q)}", shown)
    for d in claim.dates:
        if d.value and d.grain in ("day", "week", "month"):
            out.setdefault(f"date {d.value}", f"{d.text} = {d.value}")
    return out


def _added_values(fact: Fact) -> list[tuple[Claim, dict[str, str]]]:
    """Figures and dates other claims of the fact give and its first claim does not:
    a rewrite padding a shared sentence ("... as refugees reached 3 million") with
    reporting of its own, which stands on that one source."""
    first = _claim_values(fact.claims[0])
    out = []
    for claim in fact.claims[1:]:
        added = {k: v for k, v in _claim_values(claim).items() if k not in first}
        if added:
            out.append((claim, added))
    return out


def _values(fact: Fact, number: Mapping[str, int]) -> tuple[str, ...]:
    """The fact's normalised figures and dates, as shown beside a brief sentence; those
    only another article's claim gives are marked with that article."""
    out = list(_claim_values(fact.claims[0]).values())
    for claim, added in _added_values(fact):
        out += [f"{shown} (only [{number.get(claim.article_id, '?')}])" for shown in added.values()]
    return tuple(dict.fromkeys(out))


def _value_keys(fact: Fact) -> set[str]:
    keys = set(_claim_values(fact.claims[0]))
    for _, added in _added_values(fact):
        keys |= set(added)
    return keys


def _informative(fact: Fact) -> bool:
    """A single-source fact worth a brief line: it carries a figure or a date."""
    claim = fact.claims[0]
    return any(not q.vague for q in claim.quantities) or any(
        d.value and d.grain in ("day", "week") for d in claim.dates
    )


def _weight(fact: Fact) -> int:
    """2 for a fact with a figure of a known measure (a sum, a share, a count), 1 for a date."""
    claim = fact.claims[0]
    if any(not q.vague and measure_of(q) for q in claim.quantities):
        return 2
    return 1


def _note(fact: Fact, number: Mapping[str, int], edges: Sequence[Reuse]) -> str | None:
    """How the sources of a brief line count: who copies whom, whose reporting is own;
    None when there is nothing to say."""

    def n(article_id: str) -> str:
        return f"[{number.get(article_id, '?')}]"

    parts: list[str] = []
    if len(fact.article_ids) > 1:
        parts.append(f"reported by {len(fact.article_ids)} articles")
    for derivation in fact.derived[:NOTE_PAIRS]:
        parts.append(_why_once(derivation, n))
    if len(fact.derived) > NOTE_PAIRS:
        parts.append(f"and {len(fact.derived) - NOTE_PAIRS} more counted with their origin")
    for article_id in fact.own_reporting:
        parts.append(f"{n(article_id)} adds its own reporting, counted separately")
    for claim, _ in _added_values(fact):
        parts.append(f"{n(claim.article_id)} adds figures or dates only it gives")
    if len(fact.article_ids) == 1:
        (only,) = fact.article_ids
        origins = [e.origin_id for e in edges if e.copy_id == only]
        if origins:
            parts.append(
                f"only {n(only)}: its own reporting, not in {', '.join(n(o) for o in origins)}"
                " that it otherwise reuses"
            )
        else:
            parts.append(f"single source: only {n(only)}")
    return "; ".join(parts) or None


def _why_once(derivation: Derivation, n: Callable[[str], str]) -> str:
    """Why two articles' reports count once, in words that are true of them."""
    copy, origin = n(derivation.article_id), n(derivation.origin_id)
    if derivation.reason == "same_wire":
        return f"{copy} and {origin} both credit {derivation.wire}, so they count once"
    if derivation.reason == "same_words":
        return f"{copy} carries {origin}'s sentence word for word, so they count once"
    return f"{copy} reuses {origin}'s copy, so they count once"


def _brief(
    shared: Sequence[Fact],
    single: Sequence[Fact],
    quotes: Sequence[Quote],
    number: Mapping[str, int],
    edges: Sequence[Reuse],
) -> tuple[BriefSentence, ...]:
    """Corroborated facts first, then single-source facts that carry figures or dates.

    A fact that repeats one already chosen (a standfirst restating the lead),
    or whose figures and dates are all already given, is skipped, so each
    brief sentence says something new and each figure appears once.
    """
    chosen: list[Fact] = []
    given: set[str] = set()
    order = {id(f): n for n, f in enumerate(single)}
    # single-source facts with figures first, then those with dates only; shown in order
    ranked = sorted((f for f in single if _informative(f)), key=lambda f: -_weight(f))
    for pool, limit in ((shared, BRIEF_SHARED), (ranked, BRIEF_SINGLE)):
        taken = 0
        for fact in pool:
            if taken == limit:
                break
            if _is_quote_sentence(fact, quotes) or any(_repeats(fact, c) for c in chosen):
                continue
            keys = _value_keys(fact)
            if keys and keys <= given:
                continue
            given |= keys
            chosen.append(fact)
            taken += 1
    shared_chosen = [f for f in chosen if f not in single]
    single_chosen = sorted((f for f in chosen if f in single), key=lambda f: order[id(f)])
    return tuple(
        BriefSentence(
            text=fact.text,
            citations=tuple(Citation(c.article_id, c.span) for c in fact.claims),
            independent_sources=fact.independent_sources,
            sources=fact.source_groups,
            fact_id=fact.id,
            note=_note(fact, number, edges),
            values=_values(fact, number),
        )
        for fact in (*shared_chosen, *single_chosen)
    )


def compare_story(
    story: Story,
    articles: Sequence[AnnotatedArticle],
    placements: Sequence[Placement],
    aliases: AliasTable,
    *,
    published: Published = None,
) -> StoryReport:
    """Everything the report shows for one story, computed from its articles only.

    ``published`` gives publication dates the articles lack (one date for all,
    or per article id), against which "on Wednesday" and "next week" resolve.
    """
    ordered = _order(articles)
    if len(ordered) > 1 and (
        lacking := [a.article.id for a in ordered if a.sentences and not a.sentence_vectors]
    ):
        # the run layer embeds them in the transaction that gives an article company
        raise ValueError(
            f"story {story.id}: article {lacking[0]} has no sentence vectors, which every "
            "article of a story of several must have"
        )
    edges = reuse_edges(ordered)
    groups = origin_groups(ordered, edges)
    dates = publication_dates(ordered, published)
    day = {p.article_id: date.fromisoformat(p.date) if p.date else None for p in dates}
    basis = {p.article_id: p.basis for p in dates}
    ordered = [_resolve_dates(a, day[a.article.id]) for a in ordered]
    quotes = canonicalize(ordered, aliases)
    statements = build_statements(ordered, quotes)
    position = {a.article.id: i for i, a in enumerate(ordered)}
    facts, rivals = build_facts(ordered, groups, edges)
    facts.sort(key=lambda f: (position[f.claims[0].article_id], f.claims[0].span.start))
    shared = [f for f in facts if len(f.article_ids) > 1]
    shared.sort(key=lambda f: (-f.independent_sources, -len(f.article_ids)))
    single = [f for f in facts if len(f.article_ids) == 1]
    number = {a.article.id: i for i, a in enumerate(ordered, 1)}
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
        brief=_brief(shared, single, quotes, number, edges),
        conflicts=tuple(find_conflicts(facts, day, rivals)),
        positions=tuple(build_positions(ordered, statements, day)),
        timeline=tuple(build_timeline(facts, basis)),
        published=tuple(dates),
    )
