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
StanceKind = Literal["propose", "demand", "support", "accept", "reject", "oppose", "warn"]
PublishedFrom = Literal["source", "given", "text", "file name"]
#: The width of every vector an annotated article holds (MiniLM-L6's), which the store
#: packs and the linker reshapes by.
EMBEDDING_DIM = 384
DateKind = Literal["absolute", "monthyear", "weekday", "relday", "relweek", "month", "year"]
DateGrain = Literal["day", "week", "month", "year"]
ConflictKind = Literal["conflict", "update"]
ConflictAspect = Literal["number", "date", "place", "polarity"]
PositionKind = Literal["quote", "claim"]


@dataclass(frozen=True)
class RawDocument:
    """One input document as read, before any cleaning.

    ``origin`` names where it came from (a path, ``path:line`` for JSONL, a
    URL) so that every later error or citation can point back to it.
    ``encoding`` is what its bytes were decoded from: ``utf-8``, or a legacy
    encoding an old archive used (``cp1252``), which the reader is told.
    ``file_name`` is the name of the file that holds this document alone (not a
    JSONL line, a feed entry or a web page): a collector's name often carries the
    publication date (``politico_2016-04-03_cruz-tops-trump.txt``).
    """

    origin: str
    content: str
    format: Literal["text", "html"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"
    file_name: str | None = None


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
    ``published_from`` says where ``published`` came from, so a reader can weigh it:
    ``source`` (the input's metadata: a JSONL ``published``, an HTML page's date),
    ``given`` (by the user for this run: ``--published``), ``text`` (a short
    "Updated March 3, 2022 10:15 AM" line at the top of the text) or ``file name``
    (``politico_2016-04-03_cruz-tops-trump.txt``); None when there is no date, or
    for an article stored before the field existed.
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
    published_from: PublishedFrom | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's text, never across a paragraph break: the unit
    claims, reuse alignment and sentence vectors are made of."""

    span: Span
    text: str


@dataclass(frozen=True)
class Entity:
    """A named entity the tagger found ("Zelensky", PERSON), with its span: what
    links stories and what speakers and places are read from."""

    text: str
    label: str
    span: Span


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
    """One attribution: who (speaker), how (cue), what (content).

    ``source_span`` is the source as this sentence names it ("a senior
    official", "he", "The Post"), even when no speaker could be resolved;
    ``clause_span`` is the whole reported clause when ``content`` is only its
    verbatim part (a mixed quote: said that talks were "more realistic");
    ``interruption`` is the narration inside a quote its cue splits (``," Scott
    said, "``), which ``content_span`` covers and ``content`` leaves out;
    ``statement`` is False for an attribution that reports an act or a look rather
    than words, a view, a wish or a finding ("voted against the bill", "seems to have
    vanished"): PolNeAR marks those, a reader's who said what does not show them.
    """

    article_id: str
    kind: QuoteKind
    content: str
    content_span: Span
    speaker: Speaker | None
    cue: str | None = None
    cue_span: Span | None = None
    source_span: Span | None = None
    clause_span: Span | None = None
    interruption: Span | None = None
    statement: bool = True


@dataclass(frozen=True)
class Quantity:
    """A number found in a claim, normalised (``$800 million`` -> 8e8 USD).

    ``unit`` is a currency, ``%`` or the counted noun (``people``); ``event``
    the verb the number belongs to (``kill`` in "killed five people");
    ``qualifier`` a bound the text puts on it (``at least``, ``about``);
    ``vague`` marks a figure never compared as a value: words that give no
    exact figure ("dozens"), an increment ("two more"), a sum restated in
    another currency ("85 million euros ($108 million)").
    """

    text: str
    value: float
    unit: str | None = None
    event: str | None = None
    qualifier: str | None = None
    vague: bool = False
    span: Span | None = None


@dataclass(frozen=True)
class DateMention:
    """A date or time expression, resolved to an ISO value at its grain.

    ``value`` is ``2022-03-16`` (day), ``2022-W12`` (week), ``2022-03``
    (month), ``2022`` (year), ``--03-24`` (month and day, year unknown) or
    None when it cannot be resolved (a weekday without a publication date).
    ``relative`` is true when the value depends on the publication date.
    """

    text: str
    span: Span
    value: str | None
    grain: DateGrain = "day"
    kind: DateKind = "absolute"
    relative: bool = False


@dataclass(frozen=True)
class Stance:
    """An actor's stance toward what the sentence names as its object.

    "Wallonia rejects the CETA trade deal": ``actor`` Wallonia, ``stance``
    reject, ``target`` "the CETA trade deal", ``verb`` the words that state
    it ("rejects", "calls for"); ``span`` runs from the verb to the end of
    the target ("rejects the CETA trade deal").
    """

    actor: str
    stance: StanceKind
    target: str
    verb: str
    span: Span


@dataclass(frozen=True)
class Claim:
    """A factual statement of one article (sentence level)."""

    article_id: str
    text: str
    span: Span
    entities: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    subject: str | None = None
    event: str | None = None
    negated: bool = False
    dates: tuple[DateMention, ...] = ()
    places: tuple[str, ...] = ()
    source: str | None = None
    tense: str | None = None
    source_organization: str | None = None


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with everything the annotate stage found in it.

    ``sentence_vectors`` holds one unit-length embedding per sentence (none while
    the article is alone in its story: comparing it with others reads them) and
    ``vector`` the article's meaning, read from its headline and opening
    (what the story is, before detail and background); they are plain tuples
    so the value stays a plain, serialisable record. ``terms`` are the content words' lemmas in
    reading order, what story linking compares. ``stances`` are
    what its sentences say an actor proposes, backs or rejects.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    vector: tuple[float, ...]
    sentence_vectors: tuple[tuple[float, ...], ...] = ()
    terms: tuple[str, ...] = ()
    stances: tuple[Stance, ...] = ()


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
    """A group of articles about one event or development; ``title`` is its first
    article's, ``article_ids`` in the order they joined."""

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
    """Where a sentence of a report rests: one article and the passage in it."""

    article_id: str
    span: Span


@dataclass(frozen=True)
class Statement:
    """One utterance of one speaker, with every article's report of it.

    ``organization`` is the one the text gives the speaker ("Kremlin", "NATO").
    """

    speaker: str
    role: str | None
    quotes: tuple[Quote, ...]
    organization: str | None = None


DerivationReason = Literal["copies", "same_wire", "same_words"]


@dataclass(frozen=True)
class Derivation:
    """Why one article's report of a fact counts with another's as one source.

    ``copies``: it reuses the other's text (a reuse edge, or both copy one
    origin); ``same_wire``: both credit one news agency (``wire``: "AFP"),
    whether or not either copies the other's text; ``same_words``: both
    carry the sentence word for word (a line an outlet repeats, such as an
    editor's note, or one copied line), which is one source's words.
    """

    article_id: str
    origin_id: str
    reason: DerivationReason
    wire: str | None = None


@dataclass(frozen=True)
class Fact:
    """One claim and the claims of other articles that report the same fact.

    ``claims[0]`` is the claim the others were each judged against (no
    chaining: every other claim says the same as it). ``independent_sources``
    counts sources, not articles: a wire story and its copies count once
    (``source_groups``, with the reasons in ``derived``); ``own_reporting``
    names copies whose claim adds reporting of their own. ``id`` names the fact
    within its story (``f3``); None for one no story numbered (two rival claims
    compared for their figures alone, outside any fact).
    """

    text: str
    claims: tuple[Claim, ...]
    article_ids: tuple[str, ...]
    independent_sources: int
    source_groups: tuple[tuple[str, ...], ...] = ()
    own_reporting: tuple[str, ...] = ()
    derived: tuple[Derivation, ...] = ()
    id: str | None = None

    @property
    def corroborated(self) -> bool:
        """Whether two independent sources or more give it: a wire and its copies, or a
        rewrite of it, are one source ("[1] Reuters + [2] ..." corroborates nothing)."""
        return self.independent_sources > 1


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of a story's brief: a fact's text with every article and passage
    it rests on, and how many independent sources say it (copies of a wire count
    once). ``fact_id`` names the fact, None when it has no id; ``note`` is what the
    reader must know of how its sources count (who reuses whom, whose reporting is
    its own), None when nothing; ``values`` the differing figures."""

    text: str
    citations: tuple[Citation, ...]
    independent_sources: int
    sources: tuple[tuple[str, ...], ...] = ()
    fact_id: str | None = None
    note: str | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConflictSide:
    """One value a fact group's claims give, and the claims that give it."""

    value: str
    claims: tuple[Claim, ...]
    published: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Claims of one fact that disagree, or a later report updating an earlier one.

    ``kind`` is ``conflict`` or ``update``; ``aspect`` what differs (``number``,
    ``date``, ``place``, ``polarity``); ``what`` names the measure (``killed:
    people``). For an update, ``sides[0]`` is the earlier report. ``fact_id`` is the
    fact's :attr:`Fact.id`, None when it has none.
    """

    fact_id: str | None
    kind: ConflictKind
    aspect: ConflictAspect
    what: str
    sides: tuple[ConflictSide, ...]
    reason: str


@dataclass(frozen=True)
class Position:
    """What one actor proposes, accepts, rejects or demands, and who said so.

    ``actor`` is the side (a country or organisation: ``Russia``); ``speaker``
    the named person or body that voiced it (``Dmitry Peskov``); ``context``
    the sentence it was read in. ``target`` is what the stance is toward, as
    the sentence names it ("the CETA trade deal"), None for a quote that names
    none; ``topic`` the topic words it falls under (``neutrality``), None when
    none, which group positions but do not decide whether one exists.
    """

    actor: str
    speaker: str | None
    role: str | None
    stance: StanceKind
    topic: str | None
    text: str
    citations: tuple[Citation, ...]
    date: str | None = None
    kind: PositionKind = "quote"
    context: str = ""
    target: str | None = None


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of the story, with the claims that date it."""

    date: str
    grain: DateGrain
    text: str
    date_text: str
    citations: tuple[Citation, ...]
    basis: str = "text"


@dataclass(frozen=True)
class PublicationDate:
    """The publication date a story's comparison used for one article, and why."""

    article_id: str
    date: str | None
    basis: str
    evidence: str = ""


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
    conflicts: tuple[Conflict, ...] = ()
    positions: tuple[Position, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    published: tuple[PublicationDate, ...] = ()
