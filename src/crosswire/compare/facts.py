"""Align claims across a story's articles into facts, and count their sources.

Two claims report the same fact when their sentences mean the same (MiniLM
cosine) and, for looser paraphrases, when they also name the same uncommon
entities ("Austria or Sweden" / "Austrian or Swedish"), give numbers of the
same measure ("killed ten" / "death toll of three": one fact, maybe a
conflict) or the same dates. A fact's independent sources are its articles
after collapsing copies: articles of one origin group, claims that are
aligned passages of a reuse edge, and a copy's claim of a fact its origin
also reports, unless the copy adds its own reporting (a source of another
side, or a quote the origin does not have), which is then counted and named.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

import numpy as np

from crosswire.annotate.speakers import demonyms
from crosswire.compare.lexicon import actor_of, known_side, measure_of
from crosswire.model import AnnotatedArticle, Claim, Fact, Quantity, Reuse, Span

SAME_FACT_COSINE = 0.80
# Below SAME_FACT_COSINE, a pair is one fact when meaning plus shared rare
# names and words add up: cosine + EVIDENCE_WEIGHT * (entity idf + word idf).
SUPPORTED_MIN_COSINE = 0.40
EVIDENCE_WEIGHT = 0.015
SUPPORTED_MIN_SCORE = 0.72
# Numbers of one measure ("killed", "aftershocks") or one resolved day in both claims
# add this much per unit of the measure's rarity in the story (idf).
VALUE_WEIGHT = 0.02
# Two facts (groups of claims) merge when their claims' mean pair score reaches this.
GROUP_MERGE_SCORE = 0.72
# Sources on one side ("Kremlin", "Kremlin spokesman Peskov") add this much; on
# different sides take it away.
SOURCE_BONUS = 0.05
# Two claims of one article join one fact only when nearly identical (a standfirst
# restating the lead); otherwise a fact holds at most one claim per article.
SAME_ARTICLE_COSINE = 0.90
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


def value_keys(claim: Claim) -> set[str]:
    """What a claim measures or dates: ``dead``, ``USD``, ``day:2022-03-16``."""
    keys = {measure_of(q) for q in claim.quantities if not q.vague}
    keys |= {f"day:{d.value}" for d in claim.dates if d.grain == "day" and d.value}
    keys.discard("")
    return keys


def align_claims(
    articles: Sequence[AnnotatedArticle],
) -> list[list[tuple[AnnotatedArticle, Claim]]]:
    """Groups of claims (one per article, bar near-repeats) that report the same fact."""
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
    values = [value_keys(c) for _, c, _ in items]
    sides = [known_side(c.source, c.source_organization) for _, c, _ in items]
    key_idf, word_idf, value_idf = _idf(keys), _idf(words), _idf(values)
    n = len(items)
    sim = np.vstack([v for _, _, v in items]) @ np.vstack([v for _, _, v in items]).T
    candidates: list[tuple[float, int, int]] = []
    scored: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            cosine = float(sim[i, j])
            if items[i][0].article.id == items[j][0].article.id:
                if cosine >= SAME_ARTICLE_COSINE:
                    candidates.append((cosine, i, j))
                continue
            if cosine < SUPPORTED_MIN_COSINE:
                continue
            evidence = sum(key_idf[k] for k in keys[i] & keys[j])
            evidence += sum(word_idf[w] for w in words[i] & words[j])
            score = cosine + EVIDENCE_WEIGHT * evidence
            score += VALUE_WEIGHT * sum(value_idf[v] for v in values[i] & values[j])
            if sides[i] and sides[j]:
                score += SOURCE_BONUS if sides[i] == sides[j] else -SOURCE_BONUS
            scored[i, j] = score
            if cosine >= SAME_FACT_COSINE or score >= SUPPORTED_MIN_SCORE:
                candidates.append((score, i, j))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for _, i, j in sorted(candidates, reverse=True):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            group_of[i] = group_of[j] = len(groups)
            groups.append([i, j])
        elif gi is not None and gj is None and _may_join(groups[gi], items, j, sim):
            group_of[j] = gi
            groups[gi].append(j)
        elif gj is not None and gi is None and _may_join(groups[gj], items, i, sim):
            group_of[i] = gj
            groups[gj].append(i)
        elif (
            gi is not None
            and gj is not None
            and gi != gj
            and _may_merge(groups[gi], groups[gj], items, sim, scored)
        ):
            for k in groups[gj]:
                group_of[k] = gi
            groups[gi].extend(groups[gj])
            groups[gj] = []
    out = [[(items[k][0], items[k][1]) for k in sorted(g)] for g in groups if g]
    out += [[(items[k][0], items[k][1])] for k in range(n) if k not in group_of]
    return out


def _may_merge(
    a: list[int],
    b: list[int],
    items: list[tuple[AnnotatedArticle, Claim, np.ndarray]],
    sim: np.ndarray,
    scored: dict[tuple[int, int], float],
) -> bool:
    """Two facts join when they share no article and their claims match on average
    (the pair score: meaning plus shared names, words and values)."""
    if {items[m][0].article.id for m in a} & {items[m][0].article.id for m in b}:
        return False
    pairs = [scored.get((min(x, y), max(x, y)), float(sim[x, y])) for x in a for y in b]
    return sum(pairs) / len(pairs) >= GROUP_MERGE_SCORE


def _may_join(
    group: list[int],
    items: list[tuple[AnnotatedArticle, Claim, np.ndarray]],
    k: int,
    sim: np.ndarray,
) -> bool:
    """One claim per article in a fact, except a near-repeat of that article's claim."""
    article_id = items[k][0].article.id
    same = [m for m in group if items[m][0].article.id == article_id]
    return all(float(sim[m, k]) >= SAME_ARTICLE_COSINE for m in same)


def _article_free(
    group: list[int], items: list[tuple[AnnotatedArticle, Claim, np.ndarray]], k: int
) -> bool:
    article_id = items[k][0].article.id
    return all(items[m][0].article.id != article_id for m in group)


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
    claims: Sequence[Claim], groups: Sequence[Sequence[str]], edges: Iterable[Reuse]
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Independent sources behind these claims, once copies are collapsed.

    Returns the sources (each a tuple of article ids that count as one), the
    articles whose claim is their own reporting despite reusing another's
    text, and the (copy, origin) pairs that were collapsed as derived.
    """
    edges = list(edges)
    group_of = {aid: i for i, g in enumerate(groups) for aid in g}
    ids = list(dict.fromkeys(c.article_id for c in claims))
    parent = {a: a for a in ids}

    def find(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    own: list[str] = []
    derived: list[tuple[str, str]] = []
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
        parent[find(edge.copy_id)] = find(edge.origin_id)
        derived.append((edge.copy_id, edge.origin_id))
    for a in ids:
        for b in ids:
            if a < b and a in group_of and group_of.get(a) == group_of.get(b):
                if b in own or a in own:
                    continue
                if find(a) != find(b):
                    parent[find(b)] = find(a)
                    derived.append((b, a))
    roots: dict[str, list[str]] = {}
    for a in ids:
        roots.setdefault(find(a), []).append(a)
    return tuple(tuple(g) for g in roots.values()), tuple(own), tuple(derived)


def independent_count(
    claims: Sequence[Claim], groups: Sequence[Sequence[str]], edges: Iterable[Reuse]
) -> int:
    """Sources behind these claims once copies are collapsed."""
    return len(source_groups(claims, groups, edges)[0])


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
        sources, own, derived = source_groups(claims, groups, edges)
        facts.append(
            Fact(
                text=claims[0].text,
                claims=claims,
                article_ids=tuple(dict.fromkeys(c.article_id for c in claims)),
                independent_sources=len(sources),
                source_groups=sources,
                own_reporting=own,
                derived=derived,
            )
        )
        if len(facts[-1].article_ids) > 1:
            facts.extend(_own_numbers(claims))
    return [replace(f, id=f"f{n}") for n, f in enumerate(facts, 1)]


def _quantity_key(quantity: Quantity) -> tuple[float, str | None]:
    return (round(quantity.value, 6), quantity.unit)


def _own_numbers(claims: Sequence[Claim]) -> list[Fact]:
    """Single-source facts for claims of a shared fact that add numbers the others lack."""
    out: list[Fact] = []
    for claim in claims:
        others = {_quantity_key(q) for c in claims if c is not claim for q in c.quantities}
        if any(_quantity_key(q) not in others for q in claim.quantities):
            out.append(Fact(claim.text, (claim,), (claim.article_id,), 1, ((claim.article_id,),)))
    return out
