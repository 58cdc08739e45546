"""Align claims across a story's articles into facts, and count their sources.

Two claims report the same fact when their sentences mean the same (MiniLM
cosine) and, for looser paraphrases, when they also name the same uncommon
entities ("Austria or Sweden" / "Austrian or Swedish"). A fact's independent
sources are its articles after collapsing copies: articles of one origin
group, and claims that are aligned passages of a reuse edge, count once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

from crosswire.annotate.speakers import demonyms
from crosswire.model import AnnotatedArticle, Claim, Fact, Quantity, Reuse, Span

SAME_FACT_COSINE = 0.80
# Below SAME_FACT_COSINE, a pair is one fact when meaning plus shared rare
# names and words add up: cosine + EVIDENCE_WEIGHT * (entity idf + word idf).
SUPPORTED_MIN_COSINE = 0.50
EVIDENCE_WEIGHT = 0.015
SUPPORTED_MIN_SCORE = 0.72
_STEM = 5
_STOPWORDS = frozenset(
    (
        "that this with from have been were said says will would could should their there which "
        "about after into than they them what when where while more most also only over such "
        "some other being these those"
    ).split()
)


@cache
def _demonyms() -> dict[str, str]:
    """Demonyms to lower-cased places, so "Austrian" and "Austria" give one key."""
    return {k: v.lower() for k, v in demonyms().items()}


def claim_keys(claim: Claim) -> set[str]:
    """Normalised entity names of a claim ("Austrian" -> "austria")."""
    keys: set[str] = set()
    for name in claim.entities:
        for part in re.split(r"[/,]| or | and ", name.lower()):
            key = re.sub(r"(’s|'s)$", "", part.strip().removeprefix("the "))
            key = re.sub(r"-style$", "", key)
            if key:
                keys.add(_demonyms().get(key, key))
    for word in re.findall(r"[A-Z][a-z]+(?:ian|ish|ese|ean|an)\b", claim.text):
        mapped = _demonyms().get(word.lower())
        if mapped:
            keys.add(mapped)
    return keys


def claim_words(claim: Claim) -> set[str]:
    """Content words cut to a short stem, so "cities"/"city" and "taken"/"take" meet."""
    words = re.findall(r"[a-z]+", claim.text.lower())
    return {w[:_STEM] for w in words if len(w) >= 4 and w not in _STOPWORDS}


def _idf(sets: Sequence[set[str]]) -> dict[str, float]:
    df = Counter(k for keys in sets for k in keys)
    return {k: math.log(len(sets) / c) for k, c in df.items()}


def _sentence_vector(article: AnnotatedArticle, span: Span) -> np.ndarray | None:
    for sentence, vector in zip(article.sentences, article.sentence_vectors, strict=False):
        if sentence.start == span.start:
            return np.asarray(vector, dtype=np.float32)
    return None


def align_claims(
    articles: Sequence[AnnotatedArticle],
) -> list[list[tuple[AnnotatedArticle, Claim]]]:
    """Groups of claims (at most one per article) that report the same fact."""
    items: list[tuple[AnnotatedArticle, Claim, np.ndarray]] = []
    for article in articles:
        for claim in article.claims:
            vector = _sentence_vector(article, claim.span)
            if vector is not None:
                items.append((article, claim, vector))
    if not items:
        return []
    keys = [claim_keys(c) for _, c, _ in items]
    words = [claim_words(c) for _, c, _ in items]
    key_idf, word_idf = _idf(keys), _idf(words)
    n = len(items)
    sim = np.vstack([v for _, _, v in items]) @ np.vstack([v for _, _, v in items]).T
    candidates: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            if items[i][0].article.id == items[j][0].article.id:
                continue
            cosine = float(sim[i, j])
            if cosine < SUPPORTED_MIN_COSINE:
                continue
            evidence = sum(key_idf[k] for k in keys[i] & keys[j])
            evidence += sum(word_idf[w] for w in words[i] & words[j])
            score = cosine + EVIDENCE_WEIGHT * evidence
            if cosine >= SAME_FACT_COSINE or score >= SUPPORTED_MIN_SCORE:
                candidates.append((score, i, j))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for _, i, j in sorted(candidates, reverse=True):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            group_of[i] = group_of[j] = len(groups)
            groups.append([i, j])
        elif gi is not None and gj is None and _article_free(groups[gi], items, j):
            group_of[j] = gi
            groups[gi].append(j)
        elif gj is not None and gi is None and _article_free(groups[gj], items, i):
            group_of[i] = gj
            groups[gj].append(i)
    out = [[(items[k][0], items[k][1]) for k in sorted(g)] for g in groups]
    out += [[(items[k][0], items[k][1])] for k in range(n) if k not in group_of]
    return out


def _article_free(
    group: list[int], items: list[tuple[AnnotatedArticle, Claim, np.ndarray]], k: int
) -> bool:
    article_id = items[k][0].article.id
    return all(items[m][0].article.id != article_id for m in group)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def independent_count(
    claims: Sequence[Claim], groups: Sequence[Sequence[str]], edges: Iterable[Reuse]
) -> int:
    """Sources behind these claims once copies are collapsed."""
    group_of = {aid: i for i, g in enumerate(groups) for aid in g}
    roots = {c.article_id: f"g{group_of.get(c.article_id, c.article_id)}" for c in claims}
    edges = list(edges)
    for x in claims:
        for y in claims:
            if x.article_id >= y.article_id:
                continue
            for edge in edges:
                if {edge.origin_id, edge.copy_id} != {x.article_id, y.article_id}:
                    continue
                origin_claim, copy_claim = (x, y) if edge.origin_id == x.article_id else (y, x)
                if any(
                    _overlaps(p.origin_span, origin_claim.span)
                    and _overlaps(p.copy_span, copy_claim.span)
                    for p in edge.pairs
                ):
                    old, new = roots[y.article_id], roots[x.article_id]
                    roots = {k: (new if v == old else v) for k, v in roots.items()}
    return len(set(roots.values()))


def build_facts(
    articles: Sequence[AnnotatedArticle],
    groups: Sequence[Sequence[str]],
    edges: Sequence[Reuse],
) -> list[Fact]:
    """Every fact of the story, plus the numbers only one of a shared fact's claims gives.

    A rewrite often pads a shared sentence with its own figures ("... as the
    number of refugees reached 3 million"); those figures stand on that one
    source, so the claim is also listed as a single-source fact.
    """
    facts: list[Fact] = []
    for members in align_claims(articles):
        claims = tuple(c for _, c in members)
        facts.append(
            Fact(
                text=claims[0].text,
                claims=claims,
                article_ids=tuple(dict.fromkeys(c.article_id for c in claims)),
                independent_sources=independent_count(claims, groups, edges),
            )
        )
        if len(claims) > 1:
            facts.extend(_own_numbers(claims))
    return facts


def _quantity_key(quantity: Quantity) -> tuple[float, str | None]:
    return (round(quantity.value, 6), quantity.unit)


def _own_numbers(claims: Sequence[Claim]) -> list[Fact]:
    """Single-source facts for claims of a shared fact that add numbers the others lack."""
    out: list[Fact] = []
    for claim in claims:
        others = {_quantity_key(q) for c in claims if c is not claim for q in c.quantities}
        if any(_quantity_key(q) not in others for q in claim.quantities):
            out.append(Fact(claim.text, (claim,), (claim.article_id,), 1))
    return out
