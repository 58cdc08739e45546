"""Which pairs of articles are worth aligning: never all pairs of a large set.

Two cheap signals propose pairs, and only proposed pairs are aligned
sentence by sentence (``find_reuse``):

- MinHash/LSH (datasketch) over word 3-gram shingles finds copies that keep
  the words: wire republications, syndicated copies with new chrome.
- Embedding neighbours find rewrites that keep the meaning but not the words:
  each article's nearest articles by cosine of the article vectors, within
  buckets of random-hyperplane LSH (SimHash bands), so each article is
  compared with a bounded number of others and the cost grows with the
  number of articles, not its square. Small sets (a typical story) are
  compared exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosswire.model import AnnotatedArticle

NUM_PERM = 64
SHINGLE = 3
MINHASH_THRESHOLD = 0.2
NEIGHBOURS = 8
NEIGHBOUR_MIN_COSINE = 0.6
EXACT_BELOW = 256
_BANDS = 16
_BUCKET_TARGET = 16
_SEED = 7


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """Lower-cased word n-grams, the unit MinHash compares."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[k : k + size]).encode() for k in range(len(words) - size + 1)})


def minhash_pairs(
    articles: Sequence[AnnotatedArticle], threshold: float = MINHASH_THRESHOLD
) -> set[tuple[int, int]]:
    """Pairs whose shingle sets are estimated at least ``threshold`` Jaccard-alike."""
    sets = [shingles(a.article.text) for a in articles]
    hashes = MinHash.bulk(sets, num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for n, (shingle_set, minhash) in enumerate(zip(sets, hashes, strict=True)):
        if shingle_set:
            lsh.insert(n, minhash)
    pairs: set[tuple[int, int]] = set()
    for n, (shingle_set, minhash) in enumerate(zip(sets, hashes, strict=True)):
        if not shingle_set:
            continue
        for m in lsh.query(minhash):
            if m != n:
                pairs.add((min(n, m), max(n, m)))
    return pairs


def _vectors(articles: Sequence[AnnotatedArticle]) -> np.ndarray:
    """Each article's whole text as one vector: the mean of its sentence vectors.

    Reuse can be anywhere in a text, so its neighbours are found on all of it,
    not on the lead that ``AnnotatedArticle.vector`` reads for story meaning.
    """
    width = max((len(a.vector) for a in articles), default=0)
    rows = [
        np.asarray(a.sentence_vectors, dtype=np.float32).mean(axis=0)
        if a.sentence_vectors
        else np.zeros(width, dtype=np.float32)
        for a in articles
    ]
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(articles), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _keep_nearest(
    n: int, others: np.ndarray, cosines: np.ndarray, k: int, floor: float, out: set[tuple[int, int]]
) -> None:
    keep = cosines >= floor
    others, cosines = others[keep], cosines[keep]
    if len(others) > k:
        top = np.argpartition(-cosines, k)[:k]
        others = others[top]
    for m in others.tolist():
        if m != n:
            out.add((min(n, m), max(n, m)))


def neighbour_pairs(
    articles: Sequence[AnnotatedArticle],
    k: int = NEIGHBOURS,
    floor: float = NEIGHBOUR_MIN_COSINE,
    exact_below: int = EXACT_BELOW,
) -> set[tuple[int, int]]:
    """Each article with its ``k`` nearest others by article-vector cosine (at least ``floor``)."""
    count = len(articles)
    pairs: set[tuple[int, int]] = set()
    if count < 2:
        return pairs
    vectors = _vectors(articles)
    if count < exact_below:
        sim = vectors @ vectors.T
        for n in range(count):
            _keep_nearest(n, np.arange(count), sim[n], k + 1, floor, pairs)
        return pairs
    # SimHash bands: enough bits per band that a bucket holds about _BUCKET_TARGET articles
    bits = max(4, math.ceil(math.log2(count / _BUCKET_TARGET)))
    planes = np.random.default_rng(_SEED).standard_normal((vectors.shape[1], _BANDS * bits))
    signs = (vectors @ planes.astype(np.float32)) > 0
    weights = 1 << np.arange(bits)
    buckets: dict[tuple[int, int], list[int]] = {}
    codes = [signs[:, b * bits : (b + 1) * bits] @ weights for b in range(_BANDS)]
    for band, code in enumerate(codes):
        for n, value in enumerate(code.tolist()):
            buckets.setdefault((band, value), []).append(n)
    for n in range(count):
        mates: set[int] = set()
        for band, code in enumerate(codes):
            mates.update(buckets[band, int(code[n])])
        mates.discard(n)
        if not mates:
            continue
        others = np.fromiter(mates, dtype=np.int64, count=len(mates))
        _keep_nearest(n, others, vectors[others] @ vectors[n], k, floor, pairs)
    return pairs


def candidate_pairs(articles: Sequence[AnnotatedArticle]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, proposed by MinHash/LSH or as embedding neighbours."""
    return sorted(minhash_pairs(articles) | neighbour_pairs(articles))
