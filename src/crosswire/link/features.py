"""What story linking compares: an article's words, names, numbers, lead and dates.

An editor tells two similar events apart (two earthquakes, two rounds of talks)
by who, where, how many and when, so each of those is a family of features
with its own weight. Features are raw counts here; they are weighted by how
rare they are in the corpus only when compared (:mod:`crosswire.link.stories`),
because rarity changes as the corpus grows.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from crosswire.annotate.dates import file_name_date
from crosswire.model import AnnotatedArticle

#: Share of each family in the similarity of two articles (they sum to 1):
#: content lemmas, lemma pairs, named entities, numbers, the lead's words, dates.
FAMILY_WEIGHTS: dict[str, float] = {
    "t": 0.16,
    "p": 0.16,
    "e": 0.24,
    "n": 0.08,
    "l": 0.16,
    "d": 0.20,
}
FAMILY_NAMES = {
    "t": "words",
    "p": "word_pairs",
    "e": "entities",
    "n": "numbers",
    "l": "lead",
    "d": "dates",
}
FAMILIES = tuple(FAMILY_WEIGHTS)
#: Features are hashed into this many buckets per family: a fixed-size count
#: table however large the corpus grows (collisions only blur rarity a little).
BUCKET_BITS = 23
BUCKETS = 1 << BUCKET_BITS
ENTITY_LABELS = frozenset({"PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT"})
LEAD_SENTENCES = 2
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WORD = re.compile(r"[a-z][a-z'-]+|\d{4}")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s*(\d{{1,2}})\b(?!\s*(?:%|,\d))")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_STOP = frozenset(
    "the a an of to in and or for on at by with from as is was were be been are it its this "
    "that he she they his her their we our you not but have has had will would said says "
    "say also after about over into than more most up out who which what when where".split()
)


@dataclass(frozen=True, eq=False)
class LinkFeatures:
    """An article as story linking sees it: hashed feature ids and their counts.

    An id is ``family << BUCKET_BITS | bucket``; ids are sorted and unique.
    ``lead`` is the article's meaning (its unit-length lead vector), or None
    when unknown.
    """

    article_id: str
    ids: np.ndarray
    counts: np.ndarray
    published: float | None = None
    lead: np.ndarray | None = None

    @property
    def families(self) -> np.ndarray:
        return self.ids >> BUCKET_BITS

    @property
    def buckets(self) -> np.ndarray:
        return self.ids & (BUCKETS - 1)


def feature_id(key: str) -> int:
    """The hashed id of a ``family:value`` key (stable across runs and machines)."""
    family = FAMILIES.index(key[0])
    return (family << BUCKET_BITS) | (zlib.crc32(key.encode("utf-8")) & (BUCKETS - 1))


def link_features(article: AnnotatedArticle) -> LinkFeatures:
    """Count the features of every family in ``article``."""
    text = article.article.text
    counts: Counter[str] = Counter()
    counts.update("t:" + term for term in article.terms)
    counts.update(f"p:{a}_{b}" for a, b in zip(article.terms, article.terms[1:], strict=False))
    counts.update(
        "e:" + key
        for e in article.entities
        if e.label in ENTITY_LABELS
        if (key := _entity_key(e.text))
    )
    counts.update("n:" + n for n in _NUMBER.findall(text))
    counts.update("l:" + w for w in _lead_words(article))
    counts.update("d:" + d for d in date_tokens(text))
    published = _published(article)
    if published is not None:
        counts.update("d:" + d for d in _date_of(published))
    hashed: Counter[int] = Counter()
    for key, count in counts.items():
        hashed[feature_id(key)] += count
    ids = np.array(sorted(hashed), dtype=np.int64)
    return LinkFeatures(
        article_id=article.article.id,
        ids=ids,
        counts=np.array([hashed[i] for i in ids], dtype=np.float64),
        published=published.timestamp() if published else None,
        lead=np.asarray(article.vector, dtype=np.float32) if article.vector else None,
    )


def _published(article: AnnotatedArticle) -> datetime | None:
    """When the article was published: its metadata (or a date given for the run), else
    the date its file is named by.

    Time is evidence (reports weeks apart rarely tell one event), but only
    from the collector: a dateline in the text (``published_from`` "text") is as
    often an update or a follow-up's date (ECB+ events span follow-ups months
    apart), and the text's dates are compared as the dates family anyway.
    """
    published = article.article.published
    if published is not None and article.article.published_from != "text":
        return published
    day, _ = file_name_date(article.article.origin)
    return None if day is None else datetime(day.year, day.month, day.day, tzinfo=UTC)


def _entity_key(name: str) -> str:
    return " ".join(name.lower().replace("’s", "").replace("'s", "").split())


def _lead_words(article: AnnotatedArticle) -> list[str]:
    """Words of the first sentences, skipping URL lines that scraped texts start with."""
    lead = [s.text for s in article.sentences if not s.text.lower().startswith("http")]
    words = _WORD.findall(" ".join(lead[:LEAD_SENTENCES]).lower())
    return [w for w in words if w not in _STOP and len(w) > 2]


def date_tokens(text: str) -> list[str]:
    """Calendar mentions as tokens: ``m12d14`` and ``m12`` for "Dec. 14", ``y2008``, weekdays.

    Two reports of one event name the same days; a similar event at another
    time names others, which is what separates them.
    """
    lowered = text.lower()
    out: list[str] = []
    for match in _MONTH_DAY.finditer(lowered):
        month = _MONTHS.index(match.group(1)) + 1
        out += [f"m{month}d{int(match.group(2))}", f"m{month}"]
    for match in _DAY_MONTH.finditer(lowered):
        month = _MONTHS.index(match.group(2)) + 1
        out += [f"m{month}d{int(match.group(1))}", f"m{month}"]
    out += ["y" + year for year in _YEAR.findall(lowered)]
    out += _WEEKDAY.findall(lowered)
    return out


def _date_of(moment: datetime) -> list[str]:
    return [f"m{moment.month}d{moment.day}", f"m{moment.month}", f"y{moment.year}"]
