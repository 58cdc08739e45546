"""Reuse between two articles of a story: which passages one took from the other.

Sentences are aligned by embedding similarity (MiniLM sees through light
rewording: "I am informed" / "I've been told"), adjacent matches are merged
so a sentence split in two still aligns as one passage, and the shares of
each article that are reused decide the kind of reuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np

from crosswire.model import AlignedPair, AnnotatedArticle, Reuse, ReuseKind, Span

PAIR_MIN_SIMILARITY = 0.78
_VERBATIM = 0.985
_SYNDICATED_SHARE = 0.8
_REWRITE_SHARE = 0.5
_PARTIAL_MIN_PAIRS = 2
_ORDER_MIN = 0.8
GROUPING_KINDS: frozenset[ReuseKind] = frozenset({"verbatim", "syndicated", "rewrite"})


def _matrix(article: AnnotatedArticle) -> np.ndarray:
    return np.asarray(article.sentence_vectors, dtype=np.float32).reshape(-1, 384)


def _align(a: AnnotatedArticle, b: AnnotatedArticle) -> list[tuple[list[int], list[int], float]]:
    """One-to-one best matches above the threshold, then adjacent runs merged."""
    va, vb = _matrix(a), _matrix(b)
    if not len(va) or not len(vb):
        return []
    sim = va @ vb.T
    order = np.dstack(np.unravel_index(np.argsort(-sim, axis=None), sim.shape))[0]
    used_a: dict[int, int] = {}
    used_b: dict[int, int] = {}
    for i, j in order:
        score = float(sim[i, j])
        if score < PAIR_MIN_SIMILARITY:
            break
        i, j = int(i), int(j)
        if i in used_a or j in used_b:
            # a split or merged sentence: the neighbour of an existing match
            if i in used_a and j not in used_b and abs(used_a[i] - j) == 1:
                used_b[j] = i
            elif j in used_b and i not in used_a and abs(used_b[j] - i) == 1:
                used_a[i] = j
            continue
        used_a[i] = j
        used_b[j] = i
    links = sorted({(i, j) for i, j in used_a.items()} | {(i, j) for j, i in used_b.items()})
    groups: list[tuple[list[int], list[int], float]] = []
    for i, j in links:
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            ia, jb, _ = groups[-1]
            if i not in ia:
                ia.append(i)
            if j not in jb:
                jb.append(j)
            continue
        groups.append(([i], [j], 0.0))
    return [(ia, jb, float(sim[np.ix_(ia, jb)].max())) for ia, jb, _ in groups]


def _span(article: AnnotatedArticle, indexes: list[int]) -> Span:
    return Span(article.sentences[min(indexes)].start, article.sentences[max(indexes)].end)


def _in_order(groups: list[tuple[list[int], list[int], float]]) -> float:
    """Share of consecutive aligned passages that keep their relative order."""
    if len(groups) < 2:
        return 1.0
    firsts = [min(jb) for _, jb, _ in groups]
    kept = sum(1 for x, y in pairwise(firsts) if y > x)
    return kept / (len(firsts) - 1)


def _kind(
    groups: list[tuple[list[int], list[int], float]], share_a: float, share_b: float
) -> ReuseKind | None:
    low = min(share_a, share_b)
    if low >= _SYNDICATED_SHARE:
        exact = all(score >= _VERBATIM for _, _, score in groups)
        return "verbatim" if exact and low >= 0.98 else "syndicated"
    if max(share_a, share_b) >= _REWRITE_SHARE and _in_order(groups) >= _ORDER_MIN:
        return "rewrite" if low >= _REWRITE_SHARE else "partial"
    if len(groups) >= _PARTIAL_MIN_PAIRS:
        return "partial"
    return None


def _direction(
    a: AnnotatedArticle, b: AnnotatedArticle, share_a: float, share_b: float
) -> tuple[AnnotatedArticle, AnnotatedArticle, str]:
    """Which article is the origin: credit line, then time, then containment."""
    ca, cb = a.article.credited_source, b.article.credited_source
    if ca and not cb:
        return a, b, f"the origin credits {ca}; the copy credits no wire"
    if cb and not ca:
        return b, a, f"the origin credits {cb}; the copy credits no wire"
    pa, pb = a.article.published, b.article.published
    if pa and pb and pa != pb:
        return (a, b, "published earlier") if pa < pb else (b, a, "published earlier")
    if share_a != share_b:
        # the article more of whose sentences are reused is contained in the other
        if share_a > share_b:
            return b, a, "containment: the copy is mostly made of the origin's sentences"
        return a, b, "containment: the copy is mostly made of the origin's sentences"
    return a, b, "undetermined: same time and credit, first read taken as origin"


def find_reuse(a: AnnotatedArticle, b: AnnotatedArticle) -> Reuse | None:
    """The reuse edge between two articles, or None when they share no passages."""
    groups = _align(a, b)
    if not groups:
        return None
    share_a = sum(len(ia) for ia, _, _ in groups) / max(1, len(a.sentences))
    share_b = sum(len(jb) for _, jb, _ in groups) / max(1, len(b.sentences))
    kind = _kind(groups, share_a, share_b)
    if kind is None:
        return None
    origin, copy, reason = _direction(a, b, share_a, share_b)
    flipped = origin is b
    pairs = []
    for ia, jb, score in groups:
        o_idx, c_idx = (jb, ia) if flipped else (ia, jb)
        o_span, c_span = _span(origin, o_idx), _span(copy, c_idx)
        pairs.append(
            AlignedPair(
                origin_span=o_span,
                copy_span=c_span,
                origin_text=origin.article.text[o_span.start : o_span.end],
                copy_text=copy.article.text[c_span.start : c_span.end],
                similarity=round(score, 3),
            )
        )
    return Reuse(
        origin_id=origin.article.id,
        copy_id=copy.article.id,
        kind=kind,
        origin_share=round(share_b if flipped else share_a, 3),
        copy_share=round(share_a if flipped else share_b, 3),
        pairs=tuple(pairs),
        direction_reason=reason,
    )


def origin_groups(
    articles: Sequence[AnnotatedArticle], edges: Iterable[Reuse]
) -> tuple[tuple[str, ...], ...]:
    """Articles that descend from one origin, as groups that count once.

    Whole-article copies (verbatim, syndicated, rewrite) join their origin's
    group, and so do articles crediting the same wire. Partial reuse does not
    merge groups: the compare stage discounts the reused passages themselves.
    """
    parent = {a.article.id: a.article.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        if x in parent and y in parent:
            parent[find(x)] = find(y)

    for edge in edges:
        if edge.kind in GROUPING_KINDS:
            union(edge.copy_id, edge.origin_id)
    by_wire: dict[str, str] = {}
    for a in articles:
        wire = a.article.credited_source
        if wire:
            union(a.article.id, by_wire.setdefault(wire.lower(), a.article.id))
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(find(a.article.id), []).append(a.article.id)
    return tuple(tuple(g) for g in groups.values())
