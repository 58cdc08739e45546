"""The scale run of ``crosswire bench reuse``: candidate generation plus alignment on
corpora of 1,000 and 10,000 articles built from annotated ECB+ blocks ("--scale 10000"),
so the cost per article can be compared as the corpus grows.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from crosswire.bench.reuse import Progress
from crosswire.link.candidates import candidate_pairs
from crosswire.link.reuse import find_reuse
from crosswire.model import (
    AnnotatedArticle,
    Entity,
    Sentence,
    Span,
)


@dataclass(frozen=True)
class ScalePoint:
    size: int
    candidates: int
    edges: int
    planted: int
    planted_found: int
    candidate_seconds: float
    align_seconds: float

    @property
    def ms_per_1000(self) -> float:
        return 1000 * (self.candidate_seconds + self.align_seconds) / self.size * 1000


def _excerpt(article: AnnotatedArticle, keep: Sequence[int], tag: str) -> AnnotatedArticle:
    """A copy made of some of an article's sentences (text, spans, entities and vectors kept)."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    pos = 0
    for k in keep:
        s = article.sentences[k]
        sentences.append(Sentence(Span(pos, pos + len(s.text)), s.text))
        shift = pos - s.span.start
        entities += [
            Entity(e.text, e.label, Span(e.span.start + shift, e.span.end + shift))
            for e in article.entities
            if s.span.start <= e.span.start < s.span.end
        ]
        parts.append(s.text)
        pos += len(s.text) + 1
    vectors = [article.sentence_vectors[k] for k in keep]
    mean = np.asarray(vectors, dtype=np.float64).mean(axis=0)
    text = "\n".join(parts)
    return replace(
        article,
        article=replace(article.article, id=f"{article.article.id}-{tag}", text=text),
        sentences=tuple(sentences),
        entities=tuple(entities),
        quotes=(),
        claims=(),
        vector=tuple(float(x) for x in mean / (np.linalg.norm(mean) or 1.0)),
        sentence_vectors=tuple(vectors),
    )


def _block(
    base: Sequence[AnnotatedArticle], block: int, rng: random.Random
) -> list[AnnotatedArticle]:
    """One copy of the corpus in its own "language": words ciphered, vectors rotated.

    Within a block, texts share exactly the shingles and cosines the originals
    do; across blocks they share none, so a corpus of ten blocks has ten times
    the articles with the same density of reuse, which is what a scale test of
    a near-linear method needs.
    """
    if block == 0:
        return list(base)
    dim = len(base[0].vector)
    rotation, _ = np.linalg.qr(np.random.default_rng(block).standard_normal((dim, dim)))
    cipher: dict[str, str] = {}

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        if w not in cipher:
            cipher[w] = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in w)
        return cipher[w]

    def spin(text: str) -> str:
        return re.sub(r"[A-Za-z]+", word, text)

    out = []
    for a in base:
        text = spin(a.article.text)  # same length, so every span still holds
        out.append(
            replace(
                a,
                article=replace(a.article, id=f"{a.article.id}-b{block}", text=text),
                sentences=tuple(replace(s, text=spin(s.text)) for s in a.sentences),
                entities=tuple(replace(e, text=spin(e.text)) for e in a.entities),
                vector=tuple((np.asarray(a.vector) @ rotation).tolist()),
                sentence_vectors=tuple(
                    tuple(row) for row in (np.asarray(a.sentence_vectors) @ rotation).tolist()
                ),
            )
        )
    return out


def scale_corpus(
    base: Sequence[AnnotatedArticle], size: int, seed: int = 3
) -> tuple[list[AnnotatedArticle], set[tuple[str, str]]]:
    """``size`` articles: blocks of real articles, a quarter of each block planted copies."""
    rng = random.Random(seed)
    usable = [a for a in base if len(a.sentences) >= 5]
    originals_per_block = max(1, (3 * 1000) // 4)
    corpus: list[AnnotatedArticle] = []
    planted: set[tuple[str, str]] = set()
    block = 0
    while len(corpus) < size:
        chosen = rng.sample(usable, min(len(usable), originals_per_block))
        articles = _block(chosen, block, rng)
        copies = []
        for n, origin in enumerate(rng.sample(articles, min(len(articles), 1000 - len(articles)))):
            count = len(origin.sentences)
            if n % 2:
                keep = sorted(rng.sample(range(count), max(2, count * 3 // 4)))  # trimmed copy
            else:
                keep = sorted(rng.sample(range(count), max(2, count // 3)))  # borrowed passages
            copies.append(_excerpt(origin, keep, f"c{n}"))
            planted.add((origin.article.id, copies[-1].article.id))
        corpus += articles + copies
        block += 1
    return corpus[:size], {p for p in planted if p[1] in {a.article.id for a in corpus[:size]}}


def run_scale(
    base: Sequence[AnnotatedArticle],
    sizes: Sequence[int] = (1000, 10000),
    progress: Progress | None = None,
) -> list[ScalePoint]:
    """Time candidate generation and alignment of candidate pairs at each corpus size."""
    points = []
    for size in sizes:
        corpus, planted = scale_corpus(base, size)
        if progress:
            progress(f"candidates for {size:,}", 0, 1)
        started = time.perf_counter()
        cands = candidate_pairs(corpus)
        middle = time.perf_counter()
        edges: set[tuple[str, str]] = set()
        for done, (i, j) in enumerate(cands, 1):
            edge = find_reuse(corpus[i], corpus[j])
            if edge is not None:
                edges.add((edge.origin_id, edge.copy_id))
                edges.add((edge.copy_id, edge.origin_id))
            if progress and done % 500 == 0:
                progress(f"aligning candidates at {size:,}", done, len(cands))
        ended = time.perf_counter()
        points.append(
            ScalePoint(
                size=size,
                candidates=len(cands),
                edges=len(edges) // 2,
                planted=len(planted),
                planted_found=sum(1 for p in planted if p in edges),
                candidate_seconds=middle - started,
                align_seconds=ended - middle,
            )
        )
    return points
