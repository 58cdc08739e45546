"""How likely two articles report the same story: one score in [0, 1].

Two views, each already computed for linking or annotation:

- meaning: MiniLM cosine of the two articles' leads (headline and opening,
  read as one passage, at two depths: the first 60 and the first 120 words).
  A lead says what the story is; the rest of a report adds detail, reaction
  and background that differ between outlets, and scraped texts are often
  truncated anyway. A cosine below :data:`UNRELATED_COSINE` is what any two
  news texts share (register, not topic), so the scale starts there.
- wording: the story linker's own similarity (:mod:`crosswire.link.features`):
  per-family TF-IDF cosines of content words, word pairs, named entities,
  numbers, lead words and calendar mentions, weighted by ``FAMILY_WEIGHTS``,
  with rarity as the corpus has it, decayed when both publication times are
  known and far apart (the linker's half-life).

The score is their weighted mean, meaning first (:data:`WORDING_WEIGHT`).
Evaluated against SemEval-2022 Task 8 human ratings (``crosswire bench reuse
--semeval``); the three constants were chosen there and sit in flat regions
(see ``bench/semeval/README.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from crosswire.annotate.nlp import NlpBackend
from crosswire.link.features import (
    BUCKET_BITS,
    BUCKETS,
    FAMILIES,
    FAMILY_NAMES,
    FAMILY_WEIGHTS,
    LinkFeatures,
    link_features,
)
from crosswire.link.stories import DEFAULT_PARAMS, LinkParams
from crosswire.model import AnnotatedArticle, Article

#: Lead depths in words (headline included): a paragraph, and the opening.
LEAD_DEPTHS = (60, 120)
#: MiniLM cosine that unrelated news texts reach: similarity counts from here.
UNRELATED_COSINE = 0.15
#: Share of the linker's word evidence in the score; the rest is the leads' meaning.
WORDING_WEIGHT = 0.2


class Rarity(Protocol):
    """Document frequencies of feature buckets (a link state, or :class:`CorpusRarity`)."""

    def documents(self) -> int: ...

    def frequencies(self, buckets: np.ndarray) -> np.ndarray: ...


class CorpusRarity:
    """Rarity of features in a fixed set of articles (a benchmark's, or a batch's)."""

    def __init__(self, features: Iterable[LinkFeatures]) -> None:
        self._df: Counter[int] = Counter()
        self._n = 0
        for item in features:
            self._df.update((item.ids & (BUCKETS - 1)).tolist())
            self._n += 1

    def documents(self) -> int:
        return self._n

    def frequencies(self, buckets: np.ndarray) -> np.ndarray:
        return np.array([self._df.get(int(b), 0) for b in buckets], dtype=np.float64)


@dataclass(frozen=True, eq=False)
class StoryProfile:
    """What the same-story score reads of one article: link features and lead vectors."""

    features: LinkFeatures
    leads: np.ndarray  # one L2-normalised row per depth of LEAD_DEPTHS


def lead_texts(article: Article) -> list[str]:
    """The article's headline and opening, cut at each of :data:`LEAD_DEPTHS` words."""
    words = " ".join(filter(None, [article.title, article.text])).split()
    return [" ".join(words[:depth]) for depth in LEAD_DEPTHS]


def profiles(
    articles: Sequence[AnnotatedArticle], backend: NlpBackend | None = None
) -> list[StoryProfile]:
    """Profiles of ``articles``; with a backend the leads are embedded as passages.

    Without one, each lead vector is the mean of the annotated sentence vectors
    it covers: no model call, but a weaker signal (see the benchmark).
    """
    if backend is None:
        return [profile(a) for a in articles]
    texts = [text for a in articles for text in lead_texts(a.article)]
    vectors = backend.embed(texts).reshape(len(articles), len(LEAD_DEPTHS), -1)
    return [profile(a, rows) for a, rows in zip(articles, vectors, strict=True)]


def profile(annotated: AnnotatedArticle, leads: np.ndarray | None = None) -> StoryProfile:
    """One article's profile; ``leads`` are its embedded :func:`lead_texts` when known."""
    if leads is None:
        leads = _sentence_leads(annotated)
    return StoryProfile(link_features(annotated), np.asarray(leads, dtype=np.float64))


def _sentence_leads(annotated: AnnotatedArticle) -> np.ndarray:
    """Lead vectors from the sentence vectors of annotation (mean over each depth)."""
    vectors = np.asarray(annotated.sentence_vectors, dtype=np.float64)
    if vectors.size == 0:
        return np.zeros((len(LEAD_DEPTHS), 1))
    title_words = len((annotated.article.title or "").split())
    counts = np.cumsum([len(s.text.split()) for s in annotated.sentences]) + title_words
    rows = []
    for depth in LEAD_DEPTHS:
        covered = max(1, int(np.searchsorted(counts, depth)) + 1)
        mean = vectors[:covered].mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
    return np.array(rows)


def meaning_similarity(a: StoryProfile, b: StoryProfile) -> float:
    """Mean over lead depths of the MiniLM cosine above what unrelated texts share."""
    if a.leads.shape != b.leads.shape:
        return 0.0
    cosines = (a.leads * b.leads).sum(axis=1)
    above = np.clip((cosines - UNRELATED_COSINE) / (1.0 - UNRELATED_COSINE), 0.0, 1.0)
    return float(above.mean())


def family_similarities(
    a: LinkFeatures,
    b: LinkFeatures,
    rarity: Rarity | None = None,
    params: LinkParams = DEFAULT_PARAMS,
) -> dict[str, float]:
    """TF-IDF cosine of each feature family, weighted as the story linker weights it.

    Rarity is ``log((n + prior) / df)`` with the linker's prior; a feature that
    occurs in fewer than two articles of the corpus cannot make two alike.
    Without a corpus every feature counts alike (plain sublinear-TF cosines).
    """
    ids = np.union1d(a.ids, b.ids)
    if rarity is None:
        idf = np.ones(len(ids))
    else:
        df = rarity.frequencies(ids & (BUCKETS - 1))
        prior = rarity.documents() + params.prior_documents
        idf = np.where(df >= 2, np.log(prior / np.maximum(df, 1.0)), 0.0)
    left, right = _weights(a, ids, idf), _weights(b, ids, idf)
    families = ids >> BUCKET_BITS
    out: dict[str, float] = {}
    for index, family in enumerate(FAMILIES):
        mask = families == index
        norm = float(np.linalg.norm(left[mask]) * np.linalg.norm(right[mask]))
        out[FAMILY_NAMES[family]] = float(left[mask] @ right[mask]) / norm if norm else 0.0
    return out


def _weights(features: LinkFeatures, ids: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Sublinear TF times IDF of ``features`` over the columns ``ids``."""
    out = np.zeros(len(ids))
    positions = np.searchsorted(ids, features.ids)
    out[positions] = (1.0 + np.log(features.counts)) * idf[positions]
    return out


def wording_similarity(
    a: LinkFeatures,
    b: LinkFeatures,
    rarity: Rarity | None = None,
    params: LinkParams = DEFAULT_PARAMS,
) -> float:
    """The linker's similarity: family cosines weighted by ``FAMILY_WEIGHTS``, time-decayed."""
    cosines = family_similarities(a, b, rarity, params)
    total = sum(FAMILY_WEIGHTS[f] * cosines[FAMILY_NAMES[f]] for f in FAMILIES)
    return total * time_decay(a, b, params)


def time_decay(a: LinkFeatures, b: LinkFeatures, params: LinkParams = DEFAULT_PARAMS) -> float:
    """1 within the grace period, then halving every ``half_life_days``; 1 if a time is unknown."""
    if a.published is None or b.published is None:
        return 1.0
    days = abs(a.published - b.published) / 86400.0
    return float(0.5 ** (max(0.0, days - params.grace_days) / params.half_life_days))


def same_story_score(
    a: AnnotatedArticle | StoryProfile,
    b: AnnotatedArticle | StoryProfile,
    rarity: Rarity | None = None,
) -> float:
    """How much ``a`` and ``b`` look like reports of one story, from 0 (unrelated) to 1.

    Pass :class:`StoryProfile` values (from :func:`profiles` with a backend) for
    the full score; annotated articles are profiled from their sentence vectors.
    ``rarity`` is the corpus the pair is judged in (the linker's state, or a
    :class:`CorpusRarity`).
    """
    left = a if isinstance(a, StoryProfile) else profile(a)
    right = b if isinstance(b, StoryProfile) else profile(b)
    meaning = meaning_similarity(left, right) * time_decay(left.features, right.features)
    wording = wording_similarity(left.features, right.features, rarity)
    return (1.0 - WORDING_WEIGHT) * meaning + WORDING_WEIGHT * wording
