"""Online story assignment: each new article joins the best story or starts one.

An editor groups articles by what they are about (content), who and where
(named entities) and when. Each story keeps a running profile (a centroid of
its articles' vectors and counts of their entities), so placing an article
reads only story profiles, never the articles already stored.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from crosswire.model import AnnotatedArticle, Placement, StorySignal

# Weights and threshold of the joining score; see tests/test_link.py for the
# seed pair (joins) and unrelated ECB+ events (stay apart).
COSINE_WEIGHT = 0.75
ENTITY_WEIGHT = 0.25
JOIN_THRESHOLD = 0.62
TIME_HALF_LIFE_DAYS = 3.0
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


@dataclass
class StoryProfile:
    """What the link stage remembers of a story between articles."""

    id: str
    title: str
    size: int
    vector_sum: np.ndarray
    entities: Counter[str] = field(default_factory=Counter)
    last_published: float | None = None

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum)) or 1.0
        return self.vector_sum / norm


def entity_keys(article: AnnotatedArticle) -> set[str]:
    """Normalised names of the people, places and organisations an article mentions."""
    return {
        " ".join(e.text.lower().replace("’s", "").replace("'s", "").split())
        for e in article.entities
        if e.label in _ENTITY_LABELS
    }


def _entity_overlap(keys: set[str], profile: StoryProfile) -> float:
    """Share of the article's entities that the story already mentions."""
    if not keys:
        return 0.0
    return sum(1 for k in keys if k in profile.entities) / len(keys)


def _time_factor(published: float | None, profile: StoryProfile) -> float:
    if published is None or profile.last_published is None:
        return 1.0
    days = abs(published - profile.last_published) / 86400.0
    return math.pow(0.5, max(0.0, days - 1.0) / TIME_HALF_LIFE_DAYS)


def place_article(
    article: AnnotatedArticle, profiles: Sequence[StoryProfile]
) -> tuple[Placement, StoryProfile]:
    """Pick the story for ``article`` and return its placement and updated profile.

    The caller stores the returned profile (new or updated); the inputs are
    not mutated, which keeps the stage pure and the store in charge of state.
    """
    vector = np.asarray(article.vector, dtype=np.float32)
    keys = entity_keys(article)
    published = article.article.published.timestamp() if article.article.published else None
    best: tuple[float, StoryProfile, list[StorySignal]] | None = None
    for profile in profiles:
        cosine = float(vector @ profile.centroid) if vector.size else 0.0
        overlap = _entity_overlap(keys, profile)
        decay = _time_factor(published, profile)
        score = (COSINE_WEIGHT * cosine + ENTITY_WEIGHT * overlap) * decay
        signals = [
            StorySignal("score", round(score, 3)),
            StorySignal("cosine", round(cosine, 3)),
            StorySignal("shared_entities", round(overlap, 3)),
        ]
        if decay < 1.0:
            signals.append(StorySignal("time_decay", round(decay, 3)))
        if best is None or score > best[0]:
            best = (score, profile, signals)
    if best is not None and best[0] >= JOIN_THRESHOLD:
        _, chosen, signals = best
        updated = StoryProfile(
            id=chosen.id,
            title=chosen.title,
            size=chosen.size + 1,
            vector_sum=chosen.vector_sum + vector,
            entities=chosen.entities + Counter(keys),
            last_published=max(
                (p for p in (published, chosen.last_published) if p is not None), default=None
            ),
        )
        return Placement(article.article.id, chosen.id, tuple(signals)), updated
    story_id = "s-" + hashlib.sha256(article.article.id.encode()).hexdigest()[:10]
    created = StoryProfile(
        id=story_id,
        title=story_title(article),
        size=1,
        vector_sum=vector.copy() if vector.size else np.zeros(384, dtype=np.float32),
        entities=Counter(keys),
        last_published=published,
    )
    return Placement(article.article.id, story_id, (StorySignal("new_story", 1.0),)), created


def story_title(article: AnnotatedArticle) -> str:
    """The article's title, else its first sentence cut to a headline's length."""
    if article.article.title:
        return article.article.title
    first = article.sentences[0].text if article.sentences else article.article.text
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
