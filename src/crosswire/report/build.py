"""Build a story's page (``sections.StoryPage``) from its ``StoryReport``: every decision
of what a report shows, in what order, how it is worded and what each citation notes,
made once here for the Markdown, HTML and terminal faces."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from crosswire.model import (
    BriefSentence,
    Citation,
    Conflict,
    Fact,
    Position,
    Quote,
    Reuse,
    Span,
    Statement,
    StoryReport,
)
from crosswire.report.common import (
    anchorable,
    inline,
    paragraph_of,
    passage_id,
    plural,
    quote_wording,
    short_source,
    snippet,
    source_name,
)
from crosswire.report.sections import (
    ArticleEntry,
    BriefLine,
    Cite,
    ConflictLine,
    DatesNote,
    Edge,
    Event,
    FactLine,
    GraphLine,
    Head,
    Pair,
    PositionRow,
    ReuseGraph,
    Section,
    Side,
    Speaker,
    StoryPage,
    Wording,
    marks,
)


class _Index:
    """Article numbers, sources and texts of one story, for resolving citations."""

    def __init__(self, report: StoryReport) -> None:
        self.number = {a.id: n for n, a in enumerate(report.articles, 1)}
        self.text = {a.id: a.text for a in report.articles}
        self.source = {a.id: short_source(a) for a in report.articles}
        self.outlet = {
            a.id: snippet(inline(name), 40)
            for a in report.articles
            if (name := a.outlet or a.credited_source) and name.strip()
        }
        self.quotes = report.quotes

    def cite(self, article_id: str, span: Span | None) -> Cite:
        text = self.text.get(article_id, "")
        cited, paragraph, anchor = "", None, None
        if span is not None:
            cited = inline(text[max(span.start, 0) : span.end])
            paragraph = paragraph_of(text, span.start)
            anchor = passage_id(span) if anchorable(span, text) else None
        source = self.source.get(article_id, article_id)
        number = self.number.get(article_id)
        return Cite(article_id, number, span, cited, source, paragraph, anchor)

    def cites(self, pairs: Iterable[tuple[str, Span | None]]) -> tuple[Cite, ...]:
        """Citations in order, without repeats."""
        seen: set[tuple[str, int, int]] = set()
        out = []
        for article_id, span in pairs:
            key = (article_id, *((span.start, span.end) if span else (-1, -1)))
            if key not in seen:
                seen.add(key)
                out.append(self.cite(article_id, span))
        return tuple(out)

    def for_citations(self, citations: Iterable[Citation]) -> tuple[Cite, ...]:
        return self.cites((c.article_id, c.span) for c in citations)

    def for_fact(self, fact: Fact) -> tuple[Cite, ...]:
        """Each claim's span; articles the fact names without a claim cite bare."""
        pairs: list[tuple[str, Span | None]] = [(c.article_id, c.span) for c in fact.claims]
        claimed = {c.article_id for c in fact.claims}
        pairs += [(a, None) for a in fact.article_ids if a not in claimed]
        return self.cites(pairs)

    def num(self, article_id: str) -> str:
        n = self.number.get(article_id)
        return str(n) if n is not None else "?"

    def sources_text(self, groups: Sequence[Sequence[str]]) -> str:
        """The independent sources by article number, with the outlet where one is known:
        ``[1] Reuters + [2] · [3] BBC``."""
        return " · ".join(
            " + ".join(
                f"[{self.num(a)}]" + (f" {o}" if (o := self.outlet.get(a)) else "") for a in g
            )
            for g in groups
        )


def notes(lines: Iterable[tuple[str | None, Sequence[Cite]]]) -> tuple[Cite, ...]:
    """The passages a section cites, each once, by article and place: the section's notes.

    ``lines`` pairs each line's own text with its citations; a passage that is word for
    word the text its line shows needs no note (a quote, a single source's sentence), so a
    line given ``None`` notes all it cites.
    """
    found: dict[tuple[str, int, int], Cite] = {}
    for shown, cites in lines:
        plain = inline(shown).strip(' “”"') if shown is not None else None
        for cite in cites:
            if cite.span is None or not cite.text or cite.text.strip(' “”"') == plain:
                continue
            found.setdefault((cite.article_id, cite.span.start, cite.span.end), cite)
    return tuple(
        sorted(
            found.values(),
            key=lambda c: (
                c.number if c.number is not None else 1 << 30,
                c.span.start if c.span else 0,
            ),
        )
    )


def _brief_line(sentence: BriefSentence, index: _Index) -> BriefLine:
    note = plural(sentence.independent_sources, "independent source")
    if sentence.sources:
        note += f" ({index.sources_text(sentence.sources)})"
    if sentence.note:
        note += f"; {inline(sentence.note)}"
    cites = index.for_citations(sentence.citations)
    return BriefLine(
        inline(sentence.text), cites, sentence.independent_sources, note, tuple(sentence.values)
    )


def _fact_line(fact: Fact, index: _Index, noted: bool) -> FactLine:
    """A fact with its citations and, ``noted``, how many independent sources and articles
    back it, and which."""
    note = ""
    if noted:
        note = (
            f"{plural(fact.independent_sources, 'independent source')}, "
            f"{plural(len(fact.article_ids), 'article')}"
        )
        if fact.source_groups and len(fact.article_ids) > 1:
            note += ": " + index.sources_text(fact.source_groups)
    figures = bool(fact.claims and fact.claims[0].quantities)
    return FactLine(inline(fact.text), index.for_fact(fact), note, figures)


def _conflict_line(conflict: Conflict, index: _Index) -> ConflictLine:
    """A heading for one conflict or update, and each side's value with its citations."""
    head = f"{conflict.kind.capitalize()} ({conflict.aspect}: {inline(conflict.what)})"
    sides = []
    for side in conflict.sides:
        value = inline(side.value)
        if side.published:
            value += f" (published {side.published})"
        sides.append(Side(value, index.cites((c.article_id, c.span) for c in side.claims)))
    return ConflictLine(conflict.kind, head, tuple(sides))


def _position_row(position: Position, index: _Index) -> PositionRow:
    """Who holds a position (actor / speaker (role)) and on what: its object as the sentence
    names it, with the topic it falls under ("a neutral status (neutrality)")."""
    who = inline(position.actor)
    if position.speaker:
        who += f" / {inline(position.speaker)}"
        if position.role:
            who += f" ({inline(position.role)})"
    on = inline(position.target or "") or position.topic or ""
    if position.target and position.topic and position.topic.lower() not in position.target.lower():
        on = f"{inline(position.target)} ({position.topic})"
    return PositionRow(
        inline(position.text),
        index.for_citations(position.citations),
        who=who,
        stance=position.stance,
        on=on,
        quoted=position.kind == "quote",
        date=position.date or "",
    )


def _speaker(statement: Statement) -> tuple[str, str | None]:
    """Speaker name and role; a role the name already spells out is dropped."""
    name = inline(statement.speaker) or "Unattributed"
    role = inline(statement.role or "")
    return name, (role if role and role.lower() not in name.lower() else None)


def _quote_note(quote: Quote, statement: Statement) -> str:
    parts: list[str] = [quote.kind]
    if quote.cue:
        parts.append(inline(quote.cue))
    if quote.speaker and inline(quote.speaker.name) != inline(statement.speaker):
        parts.append(f"as “{inline(quote.speaker.name)}”")
    return ", ".join(parts)


def _speakers(report: StoryReport, index: _Index) -> tuple[Speaker, ...]:
    """Who said what, the most quoted speakers first, so a long list starts with the voices
    the story turns on; each statement's reports that word it alike are one wording."""
    groups: dict[str, list[Statement]] = {}
    for statement in report.statements:
        groups.setdefault(_speaker(statement)[0], []).append(statement)
    speakers = []
    for statements in sorted(groups.values(), key=len, reverse=True):
        name, role = _speaker(statements[0])
        wordings = []
        for statement in statements:
            worded: dict[str, list[Quote]] = {}
            for quote in statement.quotes:
                text = quote_wording(quote, index.text.get(quote.article_id, ""), index.quotes)
                worded.setdefault(inline(text), []).append(quote)
            for text, quotes in worded.items():
                cites = tuple(index.cite(q.article_id, q.content_span) for q in quotes)
                note = _quote_note(quotes[0], statement)
                wordings.append(Wording(text, cites, quotes[0].kind, note))
        speakers.append(Speaker(name, role, len(statements), tuple(wordings)))
    return tuple(speakers)


def _edge(edge: Reuse, index: _Index) -> Edge:
    pairs = tuple(
        Pair(
            p.origin_text,
            p.copy_text,
            p.similarity,
            index.cite(edge.origin_id, p.origin_span),
            index.cite(edge.copy_id, p.copy_span),
        )
        for p in edge.pairs
    )
    return Edge(
        edge.origin_id,
        edge.copy_id,
        index.num(edge.origin_id),
        index.num(edge.copy_id),
        edge.kind,
        edge.origin_share,
        edge.copy_share,
        inline(edge.direction_reason),
        pairs,
    )


def reuse_layers(report: StoryReport) -> list[list[str]]:
    """Articles in reuse edges by generation: origins first, then their copies, and so on."""
    involved = {x for e in report.reuse for x in (e.origin_id, e.copy_id)}
    copies = {e.copy_id for e in report.reuse}
    depth = {a.id: 0 for a in report.articles if a.id in involved and a.id not in copies}
    for _ in range(len(involved)):
        for e in report.reuse:
            if e.origin_id in depth and depth.get(e.copy_id, -1) <= depth[e.origin_id]:
                depth[e.copy_id] = min(depth[e.origin_id] + 1, len(involved))
    for article_id in involved - depth.keys():  # a cycle: read order decides
        depth[article_id] = 0
    order = [a.id for a in report.articles]
    layers: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for article_id in sorted(depth, key=order.index):
        layers[depth[article_id]].append(article_id)
    return layers


def _graph(report: StoryReport, edges: Sequence[Edge]) -> ReuseGraph:
    """Origin -> copies as generations (a drawing's columns) and as a tree (a list's
    indents), with the independence groups."""
    layers = reuse_layers(report)
    number = {a.id: str(n) for n, a in enumerate(report.articles, 1)}
    tree: list[GraphLine] = []
    seen: set[str] = set()

    def walk(article_id: str, depth: int) -> None:
        seen.add(article_id)
        for edge in edges:
            if edge.origin_id == article_id and edge.copy_id not in seen:
                tree.append(GraphLine(depth + 1, edge.copy_id, edge.copy, edge))
                walk(edge.copy_id, depth + 1)

    for article_id in layers[0] if layers else []:
        tree.append(GraphLine(0, article_id, number.get(article_id, "?")))
        walk(article_id, 0)
    groups = " · ".join(
        "{" + ", ".join(f"[{number.get(a, '?')}]" for a in g) + "}" for g in report.origin_groups
    )
    return ReuseGraph(tuple(map(tuple, layers)), tuple(tree), groups)


def _dates(report: StoryReport, index: _Index) -> tuple[DatesNote, ...]:
    """How the articles' publication dates are known, each note once with the articles
    it is true of: seven undated articles are one "publication date unknown", not seven;
    dates cleaning derived, which the article list shows, one "taken from their file
    names" (or "... from date lines of their texts")."""
    taken = {"file name": ("its file name", "their file names")}
    taken["text"] = ("a date line of its text", "date lines of their texts")
    shown = {a.id: a.published_from for a in report.articles if a.published is not None}
    grouped: dict[str, list[str]] = {}
    for p in report.published:
        source = shown.get(p.article_id) if p.basis == "derived" else None
        if p.date is None:
            note = (
                "publication date unknown (give it: --published or JSONL `published`); "
                "relative dates unresolved"
            )
        elif source in taken:
            note = source
        elif p.basis == "derived":
            note = f"published {p.date} (derived from {inline(p.evidence)})"
        else:
            note = f"dates resolved against {p.date} ({inline(p.evidence)})"
        grouped.setdefault(note, []).append(p.article_id)
    return tuple(
        DatesNote(
            tuple(index.num(a) for a in ids),
            f"taken from {taken[note][1 if len(ids) > 1 else 0]}" if note in taken else note,
        )
        for note, ids in grouped.items()
    )


def _date_span(report: StoryReport) -> str:
    """The publication dates the story spans, as far as they are known:
    "published 2013-05-02 – 2013-06-14 (known for 22 of 41 articles)". The comparison's
    dates (given or derived from the text) first, else the article's own."""
    known = {p.article_id: p.date for p in report.published if p.date}
    for article in report.articles:
        if article.id not in known and article.published:
            known[article.id] = article.published.date().isoformat()
    days = sorted(known.values())
    if not days:
        return "publication dates unknown"
    span = days[0] if days[0] == days[-1] else f"{days[0]} – {days[-1]}"
    if len(days) < len(report.articles):
        return f"published {span} (known for {len(days)} of {len(report.articles)} articles)"
    return f"published {span}"


def _head(report: StoryReport) -> Head:
    """What a reader needs first: the title, when, how many articles and independent
    sources, and who published them (most articles first, ties in reading order)."""
    counts: dict[str, int] = {}
    for article in report.articles:
        name = source_name(article)
        counts[name] = counts.get(name, 0) + 1
    order = {name: n for n, name in enumerate(counts)}
    outlets = sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))
    story = report.story
    title = inline(story.title) or "Untitled story"
    return Head(
        title,
        story.id,
        len(report.articles),
        len(report.origin_groups),
        _date_span(report),
        tuple(outlets),
    )


def _articles(report: StoryReport) -> tuple[ArticleEntry, ...]:
    joined = {
        p.article_id: ", ".join(f"{s.name} {s.value:g}" for s in p.signals)
        for p in report.placements
        if p.signals
    }
    quotes: dict[str, list[Quote]] = {}
    for quote in report.quotes:
        quotes.setdefault(quote.article_id, []).append(quote)
    return tuple(
        ArticleEntry(n, a, joined.get(a.id), tuple(quotes.get(a.id, ())))
        for n, a in enumerate(report.articles, 1)
    )


def _facts(
    kind: Literal["corroborated", "single"], facts: Sequence[Fact], index: _Index
) -> Section[FactLine]:
    """A fact section. A fact several articles report from one source (a wire and its
    copies, a rewrite) stands on that source: it is listed with the single-source facts,
    its note saying which articles repeat it, not under "corroborated"."""
    noted = kind == "corroborated"
    rows = tuple(_fact_line(f, index, len(f.article_ids) > 1) for f in facts)
    heading = "Corroborated by independent sources" if noted else "Single-source facts"
    cited = notes((f.text, row.cites) for f, row in zip(facts, rows, strict=True))
    return Section(kind, heading, rows, "fact", cited, folded=not noted)


def _corroborated(report: StoryReport) -> tuple[list[Fact], list[Fact]]:
    """(facts two independent sources or more back, facts that stand on one source):
    copies of one wire count once."""
    several = [f for f in report.shared_facts if f.corroborated]
    one = [f for f in report.shared_facts if not f.corroborated]
    return several, one + list(report.single_source_facts)


def story_page(report: StoryReport) -> StoryPage:
    """The whole story as sections: every decision of what is shown, in what order, and
    what each citation notes, made once for every face."""
    index = _Index(report)
    corroborated, single = _corroborated(report)
    brief = tuple(_brief_line(s, index) for s in report.brief)
    conflicts = tuple(_conflict_line(c, index) for c in report.conflicts)
    positions = tuple(_position_row(p, index) for p in report.positions)
    timeline = tuple(
        Event(inline(e.text), index.for_citations(e.citations), e.date, inline(e.date_text))
        for e in report.timeline
    )
    edges = tuple(_edge(e, index) for e in report.reuse)
    return StoryPage(
        head=_head(report),
        brief=Section("brief", "Brief", brief, "sentence", notes((None, b.cites) for b in brief)),
        dates=_dates(report, index),
        said=Section("said", "Who said what", _speakers(report, index), "speaker"),
        reuse=Section("reuse", "Reuse", edges, "reuse edge"),
        graph=_graph(report, edges),
        conflicts=Section(
            "conflicts",
            "Conflicts and updates",
            conflicts,
            "conflict",
            notes((None, side.cites) for c in conflicts for side in c.sides),
        ),
        positions=Section(
            "positions",
            "Positions",
            positions,
            "position",
            notes((p.text, p.cites) for p in positions),
        ),
        timeline=Section(
            "timeline", "Timeline", timeline, "event", notes((e.text, e.cites) for e in timeline)
        ),
        corroborated=_facts("corroborated", corroborated, index),
        single=_facts("single", single, index),
        articles=Section(
            "articles",
            "Articles",
            _articles(report),
            "article",
            anchor=f"articles-{report.story.id}",
        ),
    )


def brief_citations(report: StoryReport) -> tuple[list[str], list[str]]:
    """Each brief line's citations (``[1][2]``) and the notes of the passages they cite
    (``[1] Reuters, §2: “…”``), as plain text: what every face's brief shows."""
    brief = story_page(report).brief
    return [marks(line.cites) for line in brief.rows], [c.note for c in brief.notes]
