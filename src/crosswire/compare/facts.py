"""Align claims across a story's articles into facts, and count their sources.

Two claims report the same fact when a reader would say they say the same
thing: the learned decision of :mod:`crosswire.compare.same_fact`, judged
against the fact's first claim only, so facts never chain. A fact's
independent sources are its articles after collapsing copies: articles of
one origin group, claims that are aligned passages of a reuse edge, a copy's
claim of a fact its origin also reports (unless the copy adds its own
reporting: a source of another side, or a quote the origin does not have,
which is then counted and named), articles crediting one wire, and the same
sentence word for word (an editor's note an outlet repeats is one source).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.compare.lexicon import actor_of, developing_measures, measure_of, toll_measures
from crosswire.compare.same_fact import (
    MIN_COSINE,
    coarser_date,
    figures_disagree,
    headline,
    negated_by_prefix,
    other_particulars,
    plan_and_deed,
    same_fact_model,
    same_fact_probability,
    value_blind,
)
from crosswire.model import (
    AnnotatedArticle,
    Claim,
    Derivation,
    DerivationReason,
    Fact,
    Reuse,
    Span,
)

#: Claims of different articles this alike in meaning that each give their article's
#: headline figure of a toll, the magnitude or the sum (``_headline_measures``: what the
#: event did) are compared for conflicts on that measure alone, even when their wording
#: differs ("five people had received treatment after being injured" / "two villagers
#: slightly injured"; "three strong aftershocks were felt" / "followed by at least four
#: major aftershocks"). Their other figures are compared only as one fact: "It killed
#: 612 people and injured more than 1,400", an earlier quake's toll, is no rival of
#: "Ten people were killed" for being the article's first figure of the injured.
SAME_MEASURE_COSINE = 0.45
#: An article that gives this many values of a sum or a magnitude at most states *the*
#: figure; one with more (what each campaign raised) names many things.
FEW_VALUES = 1
#: Masked sentences are shorter and more alike than the pairs the decision learned from,
#: so "one fact but for its values" asks more of them.
MASKED_PROBABILITY = 0.9
#: Claims inside one aligned passage of a reuse edge (a run of sentences) are one fact
#: when they are at least this alike: the run's other sentences, and a rewrite that only
#: shares a topic with its origin's sentence, are other facts.
COPIED_COSINE = 0.65
#: Two claims of one article join one fact only when nearly identical (a standfirst
#: restating the lead); otherwise a fact holds at most one claim per article.
SAME_ARTICLE_COSINE = 0.90
_STEM = 5
_STOPWORDS = frozenset(
    (
        "that this with from have been were said says will would could should their there which "
        "about after into than more most also only over such "
        "some other being these those"
    ).split()
)


def claim_words(claim: Claim) -> set[str]:
    """Content words cut to a short stem, so "cities"/"city" and "taken"/"take" meet."""
    words = re.findall(r"[a-z]+", claim.text.lower())
    return {w[:_STEM] for w in words if len(w) >= 4 and w not in _STOPWORDS}


def _sentence_vector(article: AnnotatedArticle, span: Span) -> np.ndarray | None:
    for sentence, vector in zip(article.sentences, article.sentence_vectors, strict=False):
        if sentence.span.start == span.start:
            return np.asarray(vector, dtype=np.float32)
    return None


def _verbatim(
    articles: Sequence[AnnotatedArticle],
) -> Callable[[AnnotatedArticle, Span], np.ndarray | None]:
    """Stand-in sentence vectors when none of the articles has any (an article alone in
    its story is stored without them: :mod:`crosswire.run`): one axis per distinct
    sentence, so two sentences are alike (cosine 1) only when word for word the same."""
    axes: dict[str, int] = {}
    for article in articles:
        for sentence in article.sentences:
            axes.setdefault(sentence.text, len(axes))

    def vector(article: AnnotatedArticle, span: Span) -> np.ndarray | None:
        for sentence in article.sentences:
            if sentence.span.start == span.start:
                row = np.zeros(len(axes), dtype=np.float32)
                row[axes[sentence.text]] = 1.0
                return row
        return None

    return vector


@dataclass(frozen=True)
class _Item:
    """A claim the alignment can judge: its article, position and sentence vector."""

    article: str
    order: int
    claim: Claim
    vector: np.ndarray
    figures: Mapping[str, tuple[float, int]]


@dataclass(frozen=True)
class Rivals:
    """Two claims of different articles that report one fact but for its values, and the
    measures to compare them on (``measures``; empty: every measure they share)."""

    first: Claim
    second: Claim
    measures: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Alignment:
    """The story's facts, and pairs of claims that report one fact but for its values.

    ``rivals`` are claims of different articles that pass the same-fact
    decision once their figures and dates are masked and fail it as written:
    "at least three people were killed" and "ten people were killed" in
    otherwise the same words. They are where conflicts and updates are
    looked for, beside the facts themselves.
    """

    facts: list[list[Claim]]
    rivals: list[Rivals]


def align_claims(articles: Sequence[AnnotatedArticle], edges: Sequence[Reuse] = ()) -> Alignment:
    """Facts of the story: each a claim and, from other articles, the claims that say the same.

    Every other claim of a fact passes the same-fact decision
    (:mod:`crosswire.compare.same_fact`) against the fact's first claim, or
    is the copy of that claim's passage (an aligned passage of a reuse edge:
    a rewrite that pads the wire's sentence still reports it, and counts
    with it as one source). So a fact never grows by chaining (A like B, B
    like C, C nothing like A). The first claims are taken greedily, the one
    most articles agree with first; each claim belongs to one fact only.
    """
    embedded = any(a.sentence_vectors for a in articles)
    vector_of = _sentence_vector if embedded else _verbatim(articles)
    items = [
        _Item(article.article.id, n, claim, vector, figures)
        for n, article in enumerate(articles)
        for figures in (_figures(article),)
        for claim in article.claims
        if (vector := vector_of(article, claim.span)) is not None
    ]
    if not items:
        return Alignment([], [])
    sim = np.vstack([i.vector for i in items]) @ np.vstack([i.vector for i in items]).T
    agree: dict[int, dict[int, float]] = {k: {} for k in range(len(items))}
    rivals: list[Rivals] = []
    threshold = same_fact_model().threshold
    floor = min(MIN_COSINE, SAME_MEASURE_COSINE)
    for i, j in zip(*np.nonzero(np.triu(sim >= floor, k=1)), strict=True):
        a, b, cosine = items[i], items[j], float(sim[i, j])
        if a.article == b.article and cosine < SAME_ARTICLE_COSINE:
            continue
        probability = same_fact_probability(a.claim, b.claim, cosine)
        if (
            probability >= threshold
            and not figures_disagree(a.claim, b.claim)
            and not plan_and_deed(a.claim, b.claim)
            and not negated_by_prefix(a.claim, b.claim)
            and not other_particulars(a.claim, b.claim)
        ):
            agree[int(i)][int(j)] = agree[int(j)][int(i)] = probability
        elif a.article != b.article and (rival := _rivals(a, b, cosine)) is not None:
            rivals.append(rival)
    for i, j in _copied_passages(items, edges):
        if float(sim[i, j]) < COPIED_COSINE:
            continue  # another sentence of a longer aligned run
        if plan_and_deed(items[i].claim, items[j].claim):
            continue  # a copy that turned "was to release" into "released"
        if negated_by_prefix(items[i].claim, items[j].claim):
            continue  # a rewrite that made the patch "unpatched"
        if other_particulars(items[i].claim, items[j].claim):
            continue  # a copy that named another award, or gave three sentences for one
        if headline(items[i].claim) != headline(items[j].claim):
            continue  # a headline the alignment put beside a body sentence: names, no report
        if figures_disagree(items[i].claim, items[j].claim):  # a copy that changed a figure
            rivals.append(Rivals(items[i].claim, items[j].claim))
            continue
        agree[i].setdefault(j, threshold)
        agree[j].setdefault(i, threshold)
    used: set[int] = set()
    facts: list[list[Claim]] = []

    def support(k: int) -> tuple[int, float, int, int]:
        articles_agreeing = {items[m].article for m in agree[k] if m not in used}
        articles_agreeing.discard(items[k].article)
        return (len(articles_agreeing), sum(agree[k].values()), -items[k].order, -k)

    while True:
        free = [k for k in range(len(items)) if k not in used and set(agree[k]) - used]
        if not free:
            break
        anchor = max(free, key=support)
        members = [anchor]
        best: dict[str, int] = {}
        for m, _ in sorted(agree[anchor].items(), key=lambda x: -x[1]):
            if m in used or coarser_date(items[m].claim, items[anchor].claim):
                continue  # "Born in 1923" does not report "born on April 22, 1923"
            if items[m].article == items[anchor].article:
                members.append(m)  # a near-repeat in the anchor's own article
            elif items[m].article not in best:
                best[items[m].article] = m
        members += best.values()
        used.update(members)
        facts.append([items[k].claim for k in [anchor, *sorted(members[1:])]])
    facts += [[items[k].claim] for k in range(len(items)) if k not in used]
    return Alignment(facts, rivals)


def _figures(article: AnnotatedArticle) -> dict[str, tuple[float, int]]:
    """Each measure's first figure in the article, and how many distinct figures it has."""
    first: dict[str, float] = {}
    values: dict[str, set[float]] = {}
    for claim in sorted(article.claims, key=lambda c: c.span.start):
        for q in claim.quantities:
            if not q.vague and (measure := measure_of(q)) and q.value > 0:
                first.setdefault(measure, round(q.value, 6))
                values.setdefault(measure, set()).add(round(q.value, 6))
    return {m: (first[m], len(values[m])) for m in first}


def _headline_measures(claim: Claim, figures: Mapping[str, tuple[float, int]]) -> set[str]:
    """Measures of the claim that are *the* figure of its article (a toll, a magnitude, the
    sum a heist took): its one figure of the measure, or for a toll its first, since later
    ones are most often background ("a 6.1 quake in September injured 40, 15 of them on
    Qeshm" after the lead's "injuring five people"). Sums and magnitudes given several
    times are too often of other things (a contract, a box office, a fee) to pick one.

    A claim that gives another toll than its article's own is about another event, and
    has none: "It killed 612 people and injured more than 1,400" (an earlier quake) in an
    article whose quake killed 10."""
    out = set()
    for q in claim.quantities:
        measure = measure_of(q)
        if q.vague or measure not in toll_measures() or measure not in figures:
            continue
        first, distinct = figures[measure]
        if first == round(q.value, 6) and (
            distinct <= FEW_VALUES or measure in developing_measures()
        ):
            out.add(measure)
        elif measure in developing_measures():
            return set()
    return out


def _rivals(a: _Item, b: _Item, cosine: float) -> Rivals | None:
    """Whether two claims report one fact but for its values: the same fact once figures
    and dates are masked (compared on every measure), or sentences alike in meaning that
    each give their article's headline figure of one measure (compared on that one)."""
    x, y = a.claim, b.claim
    if not (x.quantities or x.dates) or not (y.quantities or y.dates):
        return None
    if same_fact_probability(value_blind(x), value_blind(y), cosine) >= MASKED_PROBABILITY:
        return Rivals(x, y)
    shared = _headline_measures(x, a.figures) & _headline_measures(y, b.figures)
    if cosine >= SAME_MEASURE_COSINE and shared:
        return Rivals(x, y, frozenset(shared))
    return None


def _copied_passages(items: Sequence[_Item], edges: Sequence[Reuse]) -> Iterator[tuple[int, int]]:
    """Pairs of items (claims) that are one aligned passage of a reuse edge."""
    at: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        at.setdefault(item.article, []).append(k)
    for edge in edges:
        for pair in edge.pairs:
            for i in at.get(edge.origin_id, ()):
                if not _overlaps(items[i].claim.span, pair.origin_span):
                    continue
                for j in at.get(edge.copy_id, ()):
                    if _overlaps(items[j].claim.span, pair.copy_span):
                        yield i, j


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _passage_copy(x: Claim, y: Claim, edges: Sequence[Reuse]) -> bool:
    """Whether the two claims are one aligned passage of a reuse edge."""
    for edge in edges:
        if {edge.origin_id, edge.copy_id} != {x.article_id, y.article_id}:
            continue
        origin_claim, copy_claim = (x, y) if edge.origin_id == x.article_id else (y, x)
        if any(
            _overlaps(p.origin_span, origin_claim.span) and _overlaps(p.copy_span, copy_claim.span)
            for p in edge.pairs
        ):
            return True
    return False


_QUOTED = re.compile(r"[“\"]([^”\"]{12,})[”\"]")


def own_reporting(copy: Claim, origin_claims: Sequence[Claim]) -> str | None:
    """What a copy's claim adds beyond its origin's report of the fact, or None.

    Its own reporting is a source on another side than any the origin cites
    ("Ukraine's negotiator" where the origin cites the Kremlin), or a direct
    quote the origin does not carry.
    """
    origin_text = " ".join(c.text for c in origin_claims).lower()
    for quoted in _QUOTED.findall(copy.text):
        if _normalise(quoted)[:40] not in _normalise(origin_text):
            return f"a quote the origin does not carry: “{quoted.strip()}”"
    if copy.source:
        side = actor_of(copy.source, copy.source_organization)
        sides = {actor_of(c.source, c.source_organization) for c in origin_claims if c.source}
        if side not in sides:
            return f"its own source: {copy.source}"
    return None


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def source_groups(
    claims: Sequence[Claim],
    groups: Sequence[Sequence[str]],
    edges: Iterable[Reuse],
    wires: Mapping[str, str | None] | None = None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], tuple[Derivation, ...]]:
    """Independent sources behind these claims, once copies are collapsed.

    Two articles' reports count once when one reuses the other's text (unless
    the copy's claim is its own reporting), when both descend from one
    origin (``groups``), when both credit one wire (``wires``: article id to
    credited agency; AFP is AFP, whether or not the texts are copies), or when
    both carry the sentence word for word.

    Returns the sources (each a tuple of article ids that count as one), the
    articles whose claim is their own reporting despite reusing another's
    text, and why each collapsed article counts with another.
    """
    edges = list(edges)
    wires = wires or {}
    group_of = {aid: i for i, g in enumerate(groups) for aid in g}
    ids = list(dict.fromkeys(c.article_id for c in claims))
    parent = {a: a for a in ids}

    def find(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    derived: list[Derivation] = []

    def join(copy: str, origin: str, reason: DerivationReason, wire: str | None = None) -> None:
        if find(copy) != find(origin):
            parent[find(copy)] = find(origin)
            derived.append(Derivation(copy, origin, reason, wire))

    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    own: list[str] = []
    for edge in edges:
        if edge.origin_id not in parent or edge.copy_id not in parent:
            continue
        origin_claims, copy_claims = by_article[edge.origin_id], by_article[edge.copy_id]
        whole = edge.kind in ("verbatim", "syndicated")
        adds = None if whole else own_reporting(copy_claims[0], origin_claims)
        copied = any(_passage_copy(o, c, edges) for o in origin_claims for c in copy_claims)
        if adds is not None and not copied:
            own.append(edge.copy_id)
            continue
        join(edge.copy_id, edge.origin_id, "copies")
    words = {a: {_normalise(c.text) for c in by_article[a]} for a in ids}
    for n, a in enumerate(ids):
        for b in ids[:n]:
            if a in own or b in own:
                continue
            wire = wires.get(a)
            if wire and wire.lower() == (wires.get(b) or "").lower():
                join(a, b, "same_wire", wire)
            elif a in group_of and group_of.get(a) == group_of.get(b):
                join(a, b, "copies")
            elif words[a] & words[b]:
                join(a, b, "same_words")
    roots: dict[str, list[str]] = {}
    for a in ids:
        roots.setdefault(find(a), []).append(a)
    return tuple(tuple(g) for g in roots.values()), tuple(own), tuple(derived)


def build_facts(
    articles: Sequence[AnnotatedArticle],
    groups: Sequence[Sequence[str]],
    edges: Sequence[Reuse],
) -> tuple[list[Fact], list[Rivals]]:
    """Every fact of the story, each sentence in one fact only, with its sources counted;
    and the rival claims (:class:`Alignment`)."""
    wires = {a.article.id: a.article.credited_source for a in articles}
    alignment = align_claims(articles, edges)
    facts: list[Fact] = []
    for n, claims in enumerate(alignment.facts, 1):
        sources, own, derived = source_groups(claims, groups, edges, wires)
        facts.append(
            Fact(
                text=claims[0].text,
                claims=tuple(claims),
                article_ids=tuple(dict.fromkeys(c.article_id for c in claims)),
                independent_sources=len(sources),
                source_groups=sources,
                own_reporting=own,
                derived=derived,
                id=f"f{n}",
            )
        )
    return facts, alignment.rivals
