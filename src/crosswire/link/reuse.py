"""Reuse between two articles of a story: which passages one took from the other.

Two passes align sentences. The strict pass takes one-to-one best matches by
embedding similarity (MiniLM sees through light rewording: "I am informed" /
"I've been told") and lets a neighbour of a match join it, so a sentence
split in two or two merged into one still align as one passage. The loose
pass finds what a rewrite paraphrases too far for the embedding alone
("Austria or Sweden" / "Austrian/Swedish-style neutrality"): a pair with a
middling cosine counts when the two sentences also share rare anchors
(names, numbers, uncommon words, weighted by how rare they are in the two
articles) and when it keeps the order of the other aligned passages, found
as the heaviest order-preserving chain (an LCS-style dynamic programme over
the scored pairs). Unrelated sentences about the same event share the
event's names but rarely its order, its rare words and a high cosine at once.

The kind follows from how much of each article is aligned and how close the
wording is: copies keep the words (syndicated), rewrites keep the facts and
their order but not the words, partial reuse takes some passages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz

from crosswire.annotate.pipeline import URLISH
from crosswire.annotate.speaker_names import demonyms
from crosswire.link.candidates import candidate_pairs
from crosswire.model import EMBEDDING_DIM, AlignedPair, AnnotatedArticle, Reuse, ReuseKind, Span

PAIR_MIN_SIMILARITY = 0.78
MIN_WORDS = 4
# Loose pass: cosine plus EVIDENCE_WEIGHT x (idf of shared anchors) must reach
# LOOSE_MIN_SCORE, from a cosine of at least LOOSE_MIN_COSINE, with at least
# LOOSE_MIN_ANCHORS shared anchors of which one is not among the pair's most
# common words.
LOOSE_MIN_COSINE = 0.50
LOOSE_MIN_SCORE = 0.74
EVIDENCE_WEIGHT = 0.02
LOOSE_MIN_ANCHORS = 2
_RARE_IDF = 1.2
_STRICT_BONUS = 10.0
_VERBATIM = 0.985
_SAME_WORDS = 0.95  # rapidfuzz ratio at which an aligned passage keeps the origin's words
_SYNDICATED_SHARE = 0.6
_SYNDICATED_MIN_SHARE = 0.4
_SYNDICATED_WORDS = 0.6
_VERBATIM_SHARE = 0.98
_REWRITE_SHARE = 0.5
_REWRITE_MIN_SHARE = 0.4
_REWRITE_MIN_PAIRS = 3
_MIN_STRICT = 2
_MIN_WEIGHT = 1.5
_LOOSE_CAP = 0.75
_REWRITE_STRICT_SHARE = 0.3
_COPIED_WORDS = 0.7
_COPIED_MIN = 10
_ORDER_MIN = 0.7
_STEM = 5
_STOPWORDS = frozenset(
    (
        "that this with from have been were said says will would could should their there which "
        "about after into than they them what when where while more most also only over such "
        "some other being these those just your because before since under again against very "
        "told according stated added"
    ).split()
)
GROUPING_KINDS: frozenset[ReuseKind] = frozenset({"verbatim", "syndicated", "rewrite"})
# A partial copy that carries this share of its origin's sentences descends from it.
GROUPING_PARTIAL_SHARE = 0.3


@dataclass
class _Group:
    """Aligned sentence indexes of article a and b, with the best cosine and whether strict.

    ``evidence`` is false for a passage that both articles quote: two reports
    quoting one statement (or one interview) have not copied each other.
    """

    ia: list[int]
    jb: list[int]
    score: float
    strict: bool
    evidence: bool = True
    words: int = 0


@cache
def _places() -> dict[str, str]:
    """Demonyms to lower-cased places, so "Austrian" and "Austria" give one anchor."""
    return {k: v.lower() for k, v in demonyms().items()}


def _matrix(article: AnnotatedArticle) -> np.ndarray:
    return np.asarray(article.sentence_vectors, dtype=np.float32).reshape(-1, EMBEDDING_DIM)


def sentence_anchors(article: AnnotatedArticle) -> list[set[str]]:
    """Per sentence: entity names (demonyms mapped to places), numbers and content-word stems."""
    anchors: list[set[str]] = [set() for _ in article.sentences]
    starts = [s.span.start for s in article.sentences]
    for entity in article.entities:
        k = int(np.searchsorted(starts, entity.span.start, side="right")) - 1
        if k < 0 or entity.span.start >= article.sentences[k].span.end:
            continue
        for part in re.split(r"[/,]| or | and ", entity.text.lower()):
            key = re.sub(r"(’s|'s)$", "", part.strip().removeprefix("the "))
            key = re.sub(r"-style$", "", key)
            if key:
                anchors[k].add("e:" + _places().get(key, key))
    for k, sentence in enumerate(article.sentences):
        text = sentence.text
        for word in re.findall(r"[A-Za-z]+", text):
            low = word.lower()
            if low in _places():
                anchors[k].add("e:" + _places()[low])
            elif len(low) >= 4 and low not in _STOPWORDS:
                anchors[k].add("w:" + low[:_STEM])
        for number in re.findall(r"\d+(?:[.,]\d+)?", text):
            anchors[k].add("n:" + number.replace(",", ""))
    return anchors


def quoted_sentences(article: AnnotatedArticle) -> list[bool]:
    """Per sentence: whether most of it is the content of a direct quote."""
    spans = [q.content_span for q in article.quotes if q.kind == "direct"]
    out = []
    for sentence in article.sentences:
        own = sentence.span
        inside = sum(max(0, min(span.end, own.end) - max(span.start, own.start)) for span in spans)
        out.append(inside > 0.5 * max(1, own.end - own.start))
    return out


def _idf(sets: Sequence[set[str]]) -> dict[str, float]:
    df = Counter(k for keys in sets for k in keys)
    n = len(sets) + 1
    return {k: math.log(n / c) for k, c in df.items()}


def _contentful(article: AnnotatedArticle) -> np.ndarray:
    """Sentences worth aligning: not a fragment ("Trust me.", a stray quotation mark), a
    dateline or timestamp, or a URL, which match anything like them."""
    return np.asarray(
        [
            not URLISH.search(s.text) and len(re.findall(r"[A-Za-z]{3,}", s.text)) >= MIN_WORDS
            for s in article.sentences
        ],
        dtype=bool,
    )


@dataclass(frozen=True)
class _SentenceFacts:
    """What alignment needs per sentence of one article, computed once per article."""

    anchors: list[set[str]]
    contentful: np.ndarray
    quoted: list[bool]
    vectors: np.ndarray


_FACTS: dict[tuple[str, int], _SentenceFacts] = {}
_FACTS_MAX = 4096


def _sentences_of(article: AnnotatedArticle) -> _SentenceFacts:
    """Cached by article id and text: an article meets many candidates in a batch."""
    key = (article.article.id, hash(article.article.text))
    facts = _FACTS.get(key)
    if facts is None:
        if len(_FACTS) >= _FACTS_MAX:
            _FACTS.clear()
        facts = _FACTS[key] = _SentenceFacts(
            sentence_anchors(article),
            _contentful(article),
            quoted_sentences(article),
            _matrix(article),
        )
    return facts


def _strict(sim: np.ndarray) -> dict[tuple[int, int], float]:
    """One-to-one best matches above the threshold, plus neighbours for split/merge."""
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
    links = {(i, j) for i, j in used_a.items()} | {(i, j) for j, i in used_b.items()}
    return {link: float(sim[link]) for link in links}


def _loose_scores(
    a: AnnotatedArticle, b: AnnotatedArticle, sim: np.ndarray
) -> dict[tuple[int, int], float]:
    """Pairs whose cosine plus shared rare anchors add up, with that combined score."""
    anchors_a, anchors_b = _sentences_of(a).anchors, _sentences_of(b).anchors
    idf = _idf(anchors_a + anchors_b)
    out: dict[tuple[int, int], float] = {}
    for i, j in zip(*np.nonzero(sim >= LOOSE_MIN_COSINE), strict=True):
        shared = anchors_a[i] & anchors_b[j]
        if len(shared) < LOOSE_MIN_ANCHORS or max(idf[k] for k in shared) < _RARE_IDF:
            continue
        score = float(sim[i, j]) + EVIDENCE_WEIGHT * sum(idf[k] for k in shared)
        if score >= LOOSE_MIN_SCORE:
            out[int(i), int(j)] = score
    return out


def _chain(scored: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """The heaviest chain of pairs increasing in both articles (order-preserving alignment)."""
    items = sorted(scored.items())
    if not items:
        return set()
    best = [w for _, w in items]
    back = [-1] * len(items)
    for n, ((i, j), w) in enumerate(items):
        for m in range(n):
            (pi, pj), _ = items[m]
            if pi < i and pj < j and best[m] + w > best[n]:
                best[n], back[n] = best[m] + w, m
    n = int(np.argmax(best))
    chain: set[tuple[int, int]] = set()
    while n >= 0:
        chain.add(items[n][0])
        n = back[n]
    return chain


def _group(
    links: Iterable[tuple[int, int]], sim: np.ndarray, strict: set[tuple[int, int]]
) -> list[_Group]:
    """Links sharing a sentence (a split or merge) become one passage."""
    groups: list[_Group] = []
    for i, j in sorted(links):
        last = groups[-1] if groups else None
        if last and (i in last.ia or j in last.jb):
            if i not in last.ia:
                last.ia.append(i)
            if j not in last.jb:
                last.jb.append(j)
            last.strict = last.strict or (i, j) in strict
            continue
        groups.append(_Group([i], [j], 0.0, (i, j) in strict))
    for g in groups:
        g.score = float(sim[np.ix_(g.ia, g.jb)].max())
    return groups


def _align(a: AnnotatedArticle, b: AnnotatedArticle) -> list[_Group]:
    """Strict matches, then loose ones that fit the order of all aligned passages."""
    va, vb = _sentences_of(a).vectors, _sentences_of(b).vectors
    if not len(va) or not len(vb):
        return []
    sim = va @ vb.T
    sim[~_sentences_of(a).contentful, :] = -1.0
    sim[:, ~_sentences_of(b).contentful] = -1.0
    strict = _strict(sim)
    taken_a = {i for i, _ in strict}
    taken_b = {j for _, j in strict}
    loose = {
        (i, j): s
        for (i, j), s in _loose_scores(a, b, sim).items()
        if i not in taken_a and j not in taken_b
    }
    scored = {link: _STRICT_BONUS + s for link, s in strict.items()} | loose
    chain = _chain(scored)
    links = set(strict) | {link for link in loose if link in chain}
    groups = _group(links, sim, set(strict))
    quoted_a, quoted_b = _sentences_of(a).quoted, _sentences_of(b).quoted
    for g in groups:
        g.evidence = not (all(quoted_a[i] for i in g.ia) and all(quoted_b[j] for j in g.jb))
        g.words = min(
            sum(len(a.sentences[i].text.split()) for i in g.ia),
            sum(len(b.sentences[j].text.split()) for j in g.jb),
        )
    return groups


def _span(article: AnnotatedArticle, indexes: list[int]) -> Span:
    return Span(
        article.sentences[min(indexes)].span.start, article.sentences[max(indexes)].span.end
    )


def _text(article: AnnotatedArticle, indexes: list[int]) -> str:
    span = _span(article, indexes)
    return article.article.text[span.start : span.end]


def _plain(text: str) -> str:
    """Lower case, one space between words: line breaks and paragraph markup are no edit."""
    return " ".join(text.lower().split())


def _in_order(groups: list[_Group]) -> float:
    """Share of consecutive aligned passages that keep their relative order."""
    if len(groups) < 2:
        return 1.0
    firsts = [min(g.jb) for g in groups]
    kept = sum(1 for x, y in pairwise(firsts) if y > x)
    return kept / (len(firsts) - 1)


def _kind(groups: list[_Group], wording: list[float], len_a: int, len_b: int) -> ReuseKind | None:
    """Whole copy, rewrite, some passages, or nothing, from shares, wording and order.

    Copies are judged on every aligned passage; rewrites and partial reuse
    only on passages that are not quotes both articles carry, and need
    several of them (or one copied word for word beside another), since two
    independent reports of one event state its core fact alike.
    """
    share_a = sum(len(g.ia) for g in groups) / max(1, len_a)
    share_b = sum(len(g.jb) for g in groups) / max(1, len_b)
    low, high = min(share_a, share_b), max(share_a, share_b)
    sentences = [len(g.ia) + len(g.jb) for g in groups]
    same_words = sum(n for n, w in zip(sentences, wording, strict=True) if w >= _SAME_WORDS)
    word_share = same_words / max(1, sum(sentences))
    whole = high >= _SYNDICATED_SHARE and low >= _SYNDICATED_MIN_SHARE
    if whole and word_share >= _SYNDICATED_WORDS:
        exact = all(w >= _VERBATIM for w in wording)
        return "verbatim" if exact and low >= _VERBATIM_SHARE else "syndicated"
    evidence = [(g, w) for g, w in zip(groups, wording, strict=True) if g.evidence]
    ev_a = sum(len(g.ia) for g, _ in evidence) / max(1, len_a)
    ev_b = sum(len(g.jb) for g, _ in evidence) / max(1, len_b)
    ordered = _in_order([g for g, _ in evidence]) >= _ORDER_MIN
    enough = max(ev_a, ev_b) >= _REWRITE_SHARE and min(ev_a, ev_b) >= _REWRITE_MIN_SHARE
    strict = sum(1 for g, _ in evidence if g.strict)
    # loose matches support strict ones but cannot add up to reuse by themselves
    loose = min(
        _LOOSE_CAP, sum(_weight(g, w) for g, w in zip(groups, wording, strict=True) if not g.strict)
    )
    weight = loose + sum(_weight(g, w) for g, w in zip(groups, wording, strict=True) if g.strict)
    strict_a = sum(len(g.ia) for g, _ in evidence if g.strict) / max(1, len_a)
    strict_b = sum(len(g.jb) for g, _ in evidence if g.strict) / max(1, len_b)
    # loose pairs alone are what two reports of one event share
    anchored = strict >= 1 and sum(1 for g in groups if g.strict) >= _MIN_STRICT
    # at least one passage kept in the same words: a sentence of ten words or more
    # (a headline is short and written alike by everyone), quotes included
    copied = any(
        g.strict and w >= _COPIED_WORDS and g.words >= _COPIED_MIN
        for g, w in zip(groups, wording, strict=True)
    )
    if weight < _MIN_WEIGHT or not anchored or not copied:
        return None
    enough = enough and min(strict_a, strict_b) >= _REWRITE_STRICT_SHARE
    if strict >= _MIN_STRICT and len(evidence) >= _REWRITE_MIN_PAIRS and ordered and enough:
        return "rewrite"
    return "partial"


def _weight(group: _Group, wording: float) -> float:
    """How much one aligned passage says that text was reused, not just the event reported.

    A passage kept word for word weighs most; one with the same meaning in
    other words (what independent reports of one event also write) less; a
    loose match, found through shared names and order, least; a quote both
    articles carry counts half.
    """
    weight = (1.0 if wording >= _COPIED_WORDS else 0.5) if group.strict else 0.25
    return weight if group.evidence else weight / 2


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
    if abs(share_a - share_b) >= 0.02:
        # the article more of whose sentences are reused is contained in the other
        if share_a > share_b:
            return b, a, "containment: the copy is mostly made of the origin's sentences"
        return a, b, "containment: the copy is mostly made of the origin's sentences"
    return a, b, "undetermined: same time and credit, first read taken as origin"


def _carried_title(
    article: AnnotatedArticle, other: AnnotatedArticle, groups: list[_Group], side: int
) -> int:
    """1 when an unaligned sentence of ``article`` is the other's headline, kept out of
    its text as a title (a copy read from a file whose first line became its title)."""
    title = other.article.title
    if not title or _plain(title) in _plain(other.article.text):
        return 0
    aligned = {k for g in groups for k in (g.ia if side == 0 else g.jb)}
    return int(
        any(
            k not in aligned and fuzz.ratio(_plain(s.text), _plain(title)) >= 98.5
            for k, s in enumerate(article.sentences[:3])
        )
    )


def find_reuse(a: AnnotatedArticle, b: AnnotatedArticle) -> Reuse | None:
    """The reuse edge between two articles, or None when they share no passages."""
    groups = _align(a, b)
    if not groups:
        return None
    texts = [(_text(a, g.ia), _text(b, g.jb)) for g in groups]
    wording = [fuzz.ratio(_plain(x), _plain(y)) / 100 for x, y in texts]
    # shares count sentences worth aligning: a dropped URL or dateline is no edit
    len_a = int(_sentences_of(a).contentful.sum()) - _carried_title(a, b, groups, side=0)
    len_b = int(_sentences_of(b).contentful.sum()) - _carried_title(b, a, groups, side=1)
    share_a = min(1.0, sum(len(g.ia) for g in groups) / max(1, len_a))
    share_b = min(1.0, sum(len(g.jb) for g in groups) / max(1, len_b))
    kind = _kind(groups, wording, len_a, len_b)
    if kind is None:
        return None
    origin, copy, reason = _direction(a, b, share_a, share_b)
    flipped = origin is b
    pairs = []
    for g, (text_a, text_b) in zip(groups, texts, strict=True):
        o_idx, c_idx = (g.jb, g.ia) if flipped else (g.ia, g.jb)
        pairs.append(
            AlignedPair(
                origin_span=_span(origin, o_idx),
                copy_span=_span(copy, c_idx),
                origin_text=text_b if flipped else text_a,
                copy_text=text_a if flipped else text_b,
                similarity=round(g.score, 3),
            )
        )
    if flipped:
        pairs.sort(key=lambda p: p.origin_span.start)
    return Reuse(
        origin_id=origin.article.id,
        copy_id=copy.article.id,
        kind=kind,
        origin_share=round(share_b if flipped else share_a, 3),
        copy_share=round(share_a if flipped else share_b, 3),
        pairs=tuple(pairs),
        direction_reason=reason,
    )


def reuse_edges(articles: Sequence[AnnotatedArticle]) -> tuple[Reuse, ...]:
    """Reuse edges among ``articles`` (oldest first), aligning only candidate pairs."""
    return tuple(
        edge
        for i, j in candidate_pairs(articles)
        if (edge := find_reuse(articles[i], articles[j])) is not None
    )


def origin_groups(
    articles: Sequence[AnnotatedArticle], edges: Iterable[Reuse]
) -> tuple[tuple[str, ...], ...]:
    """Articles that descend from one origin, as groups that count once.

    Whole-article copies (verbatim, syndicated, rewrite) join their origin's
    group, and so do articles crediting the same wire and partial copies that
    carry a good part of their origin (``GROUPING_PARTIAL_SHARE``): what the
    two report in common is one report. A borrowed passage or two does not
    merge groups: the compare stage discounts those passages themselves.
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
        if edge.kind in GROUPING_KINDS or edge.origin_share >= GROUPING_PARTIAL_SHARE:
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
