"""The plain dataclasses every stage speaks.

Kept free of imports from the rest of crosswire (an import-linter contract
checks it), so that stages, stores and executors can all depend on it and it
on none of them. Every span is a pair of character offsets into
``Article.text`` of the article named beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ReuseKind = Literal["verbatim", "syndicated", "rewrite", "partial"]
QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class RawDocument:
    """One input document as read, before any cleaning.

    ``origin`` names where it came from (a path, ``path:line`` for JSONL, a
    URL) so that every later error or citation can point back to it.
    """

    origin: str
    content: str
    format: Literal["text", "html"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read: named, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A cleaned article: main text plus the metadata a reader checks.

    ``id`` is derived from the normalised text, so the same article read
    twice (from another file or feed) has the same id and is stored once.
    """

    id: str
    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    byline: str | None = None
    credited_source: str | None = None
    removed_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to, as the article names them.

    ``name`` is the surface form in the text (after resolving pronouns and
    surnames within the article); ``canonical`` is the corpus-wide name.
    """

    name: str
    canonical: str
    role: str | None = None
    organization: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Quote:
    """One attribution: who (speaker), how (cue), what (content)."""

    article_id: str
    kind: QuoteKind
    content: str
    content_span: Span
    speaker: Speaker | None
    cue: str | None = None
    cue_span: Span | None = None


@dataclass(frozen=True)
class Quantity:
    """A number found in a claim, normalised (``$800 million`` -> 8e8 USD)."""

    text: str
    value: float
    unit: str | None = None


@dataclass(frozen=True)
class Claim:
    """A factual statement of one article (sentence level)."""

    article_id: str
    text: str
    span: Span
    entities: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with everything the annotate stage found in it.

    ``sentence_vectors`` holds one unit-length embedding per sentence and
    ``vector`` the article's; they are plain tuples so the value stays a
    plain, serialisable record. ``terms`` are the content words' lemmas in
    reading order, what story linking compares.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    vector: tuple[float, ...]
    sentence_vectors: tuple[tuple[float, ...], ...] = ()
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class StorySignal:
    """One reason an article joined its story (e.g. ``cosine=0.82``)."""

    name: str
    value: float


@dataclass(frozen=True)
class Placement:
    """Where the link stage put an article, and why."""

    article_id: str
    story_id: str
    signals: tuple[StorySignal, ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class AlignedPair:
    """Two sentences (or runs of sentences) that carry the same passage."""

    origin_span: Span
    copy_span: Span
    origin_text: str
    copy_text: str
    similarity: float


@dataclass(frozen=True)
class Reuse:
    """``copy_id`` reuses text of ``origin_id``."""

    origin_id: str
    copy_id: str
    kind: ReuseKind
    origin_share: float
    copy_share: float
    pairs: tuple[AlignedPair, ...]
    direction_reason: str


@dataclass(frozen=True)
class Citation:
    article_id: str
    span: Span


@dataclass(frozen=True)
class Statement:
    """One utterance of one speaker, with every article's report of it."""

    speaker: str
    role: str | None
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Fact:
    """Claims of several articles that report the same fact.

    ``independent_sources`` counts origin groups, not articles: a wire story
    and its copies count once.
    """

    text: str
    claims: tuple[Claim, ...]
    article_ids: tuple[str, ...]
    independent_sources: int


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...]
    independent_sources: int


@dataclass(frozen=True)
class StoryReport:
    """Everything the report stage renders for one story."""

    story: Story
    articles: tuple[Article, ...]
    placements: tuple[Placement, ...]
    reuse: tuple[Reuse, ...]
    origin_groups: tuple[tuple[str, ...], ...]
    statements: tuple[Statement, ...]
    quotes: tuple[Quote, ...]
    shared_facts: tuple[Fact, ...]
    single_source_facts: tuple[Fact, ...]
    brief: tuple[BriefSentence, ...] = field(default=())
