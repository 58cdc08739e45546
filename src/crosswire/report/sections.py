"""A story report as data: its head and its sections, each with a heading, rows and the
passages its rows cite; ``build.story_page`` makes one from a ``StoryReport``.

Markdown, HTML and the terminal render this model and decide only how things look; which
facts are shown, their order, how citations are numbered and noted, how a date, a position
or a quote is worded is decided once, in ``build``, so the three faces cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from crosswire.model import Article, ConflictKind, Quote, QuoteKind, ReuseKind, Span, StanceKind
from crosswire.report.common import percent, snippet

SectionKind = Literal[
    "brief",
    "said",
    "reuse",
    "conflicts",
    "positions",
    "timeline",
    "corroborated",
    "single",
    "articles",
]


@dataclass(frozen=True)
class Cite:
    """One citation as a reader follows it: the article's number and source, the paragraph
    its passage sits in and the passage itself; the span is kept for links, never shown."""

    article_id: str
    number: int | None
    span: Span | None
    text: str
    source: str = ""
    paragraph: int | None = None
    #: the passage's id on its article's page, when that page can mark it
    anchor: str | None = None

    @property
    def mark(self) -> str:
        """``[1]``: the article's number, what a line shows."""
        return f"[{self.number if self.number is not None else '?'}]"

    @property
    def where(self) -> str:
        """``§2: “…”``: the paragraph and a snippet of the passage (empty without one)."""
        if self.span is None or not self.text:
            return ""
        return f"§{self.paragraph}: “{snippet(self.text)}”"

    @property
    def about(self) -> str:
        """``Reuters, §2: “…”``: the source and, for a passage, where and what it is."""
        return f"{self.source}, {self.where}" if self.where else self.source

    @property
    def note(self) -> str:
        """``[1] Reuters, §2: “…”``: the footnote a cited passage gets under its section."""
        return f"{self.mark} {self.about}"


def by_article(cites: Iterable[Cite]) -> list[list[Cite]]:
    """Citations grouped per article, articles in the order first cited: one line citing an
    article twice shows its number once."""
    groups: dict[str, list[Cite]] = {}
    for cite in cites:
        groups.setdefault(cite.article_id, []).append(cite)
    return list(groups.values())


def marks(cites: Sequence[Cite]) -> str:
    """``[1][2]``: each cited article once, or ``[uncited]``."""
    return "".join(group[0].mark for group in by_article(cites)) or "[uncited]"


# --------------------------------------------------------------------------
# rows: one kind per section


@dataclass(frozen=True)
class Line:
    """What every row of a section has: the words it shows and the articles it cites, so
    a face can show any row's citations one way."""

    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class BriefLine(Line):
    """A brief sentence, its citations and the note on what backs it."""

    sources: int
    #: "2 independent sources ([1] Reuters · [2]); ...": count, which, how they relate
    note: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Side(Line):
    """One side of a conflict or update: the value one set of articles gives."""


@dataclass(frozen=True)
class ConflictLine:
    """Articles that disagree on one aspect, or a later report that updates an earlier."""

    kind: ConflictKind
    #: "Conflict (number: deaths)"
    head: str
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class PositionRow(Line):
    """Who takes which stance on what, in the words of the sentence that says so."""

    who: str
    stance: StanceKind
    on: str
    #: the position is the actor's own words, shown in quote marks
    quoted: bool
    date: str


@dataclass(frozen=True)
class Event(Line):
    """A dated sentence of the timeline: the day resolved and the words that gave it."""

    date: str
    date_text: str


@dataclass(frozen=True)
class FactLine(Line):
    """A fact and the articles that report it."""

    #: how many independent sources and articles back it (a fact of several articles)
    note: str = ""
    #: the fact carries a figure (what a terminal keeps of the single-source facts)
    figures: bool = False


@dataclass(frozen=True)
class Wording(Line):
    """One way a statement was reported; the reports that word it alike are one wording
    citing each of them: twenty copies of a wire quote read once."""

    kind: QuoteKind
    #: "direct, said, as “Zelensky”": the kind, cue and name as the article gave it
    note: str


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None
    statements: int
    wordings: tuple[Wording, ...]


@dataclass(frozen=True)
class Pair:
    """An aligned passage of a reuse edge, each side cited."""

    origin_text: str
    copy_text: str
    similarity: float
    origin: Cite
    copy: Cite


@dataclass(frozen=True)
class Edge:
    """Who copied whom: origin and copy by id and number, and how much was reused."""

    origin_id: str
    copy_id: str
    origin: str
    copy: str
    kind: ReuseKind
    origin_share: float
    copy_share: float
    #: why this one is taken for the origin: "the origin credits Reuters"
    reason: str
    pairs: tuple[Pair, ...]

    @property
    def summary(self) -> str:
        """ "partial, 46% of the origin and 19% of the copy reused; the origin credits ..."."""
        return (
            f"{self.kind}, {percent(self.origin_share)} of the origin and "
            f"{percent(self.copy_share)} of the copy reused; {self.reason}"
        )


@dataclass(frozen=True)
class GraphLine:
    """A line of the reuse tree: an origin (no ``edge``) or, one level deeper than its
    origin, a copy with the edge that leads to it."""

    depth: int
    article_id: str
    number: str
    edge: Edge | None = None


@dataclass(frozen=True)
class ReuseGraph:
    #: article ids by generation: origins, then their copies, and so on
    layers: tuple[tuple[str, ...], ...]
    tree: tuple[GraphLine, ...]
    #: "{[1], [2]} · {[3]}": the independence groups, each counting once
    groups: str


@dataclass(frozen=True)
class ArticleEntry:
    number: int
    article: Article
    #: why it joined the story: "similarity 0.875, entities 0.218"
    joined: str | None
    quotes: tuple[Quote, ...]


Row = TypeVar("Row", covariant=True)


@dataclass(frozen=True)
class Section(Generic[Row]):
    """One section: heading, rows in order and the passages they cite (its notes)."""

    kind: SectionKind
    heading: str
    rows: tuple[Row, ...]
    #: what one row is, for "…and 3 more facts"
    unit: str
    notes: tuple[Cite, ...] = ()
    anchor: str = ""
    #: shown folded where a face can fold (single-source facts: most of any article)
    folded: bool = False


@dataclass(frozen=True)
class DatesNote:
    """How the dates of some articles are known: "[1][2] taken from their file names"."""

    numbers: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Head:
    title: str
    story_id: str
    articles: int
    sources: int
    #: "published 2013-05-02 – 2013-06-14 (known for 22 of 41 articles)"
    dates: str
    #: short source names with their article counts, most articles first
    outlets: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class StoryPage:
    """A story as every face shows it."""

    head: Head
    brief: Section[BriefLine]
    dates: tuple[DatesNote, ...]
    said: Section[Speaker]
    reuse: Section[Edge]
    graph: ReuseGraph
    conflicts: Section[ConflictLine]
    positions: Section[PositionRow]
    timeline: Section[Event]
    corroborated: Section[FactLine]
    single: Section[FactLine]
    articles: Section[ArticleEntry]

    @property
    def sections(self) -> tuple[Section[object], ...]:
        """The sections with rows, in reading order: what the story is, then what backs it,
        and last the articles the citations point at."""
        every: tuple[Section[object], ...] = (
            self.brief,
            self.said,
            self.reuse,
            self.conflicts,
            self.positions,
            self.timeline,
            self.corroborated,
            self.single,
            self.articles,
        )
        return tuple(s for s in every if s.rows)

    @property
    def dates_line(self) -> str:
        """ "Dates: [1][2] publication date unknown ... · [3] published 2016-04-27 (...)",
        unescaped; empty when there is no note."""
        if not self.dates:
            return ""
        notes = ("".join(f"[{n}]" for n in d.numbers) + f" {d.text}" for d in self.dates)
        return "Dates: " + " · ".join(notes)
