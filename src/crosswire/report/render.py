"""Render story reports for readers (Markdown, HTML) and programs (JSON).

Every sentence of a brief and every fact is cited ``[1]``, the article it rests
on, and the passage itself is given where a reader can follow it: in notes
under the section (``[1] Reuters, §2: “…”``, source, paragraph and snippet),
and in HTML as a tip on the link, which leads to the passage on the article's
page. Character spans stay in the JSON, never in prose. Article text is
untrusted input: the HTML page escapes all of it, links only http(s) URLs and
carries a CSP that forbids scripts and external resources.
"""

from __future__ import annotations

import difflib
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, cast
from urllib.parse import urlsplit

from crosswire.codec import to_dict
from crosswire.model import (
    AlignedPair,
    Article,
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

LABEL_WIDTH = 60
MAX_PAIRS = 12
SOURCE_WIDTH = 24
TITLE_WIDTH = 120
OUTLETS_SHOWN = 12
_STAMP = re.compile(r"\d{8}T\d{6}")
_DATED_STEM = re.compile(r"^(\w[\w.-]*?)_\d{4}-\d{2}-\d{2}(?:_|$)")

# --------------------------------------------------------------------------
# shared helpers


def _inline(text: str) -> str:
    """Collapse all whitespace (newlines included) so text stays on one line."""
    return " ".join(text.split())


def _truncate(text: str, width: int) -> str:
    """Shorten ``text`` to ``width`` characters, marking the cut with an ellipsis."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def _origin_name(origin: str) -> str:
    """The file (or last URL segment) an origin names, without its folders."""
    name = posixpath.basename(origin.replace("\\", "/").rstrip("/"))
    return name or origin


def article_label(article: Article) -> str:
    """A short name for an article: outlet, else title, else its file name.

    Wire copies are marked ``(via Reuters)`` because a reader weighing sources
    needs to see at a glance that two outlets may be one source.
    """
    base = next(
        (
            _inline(s)
            for s in (article.outlet, article.title, _origin_name(article.origin))
            if s and s.strip()
        ),
        article.id,
    )
    label = _truncate(base, LABEL_WIDTH)
    if article.credited_source:
        label += f" (via {_inline(article.credited_source)})"
    return label


def source_name(article: Article) -> str:
    """Who published an article, in a few characters: its outlet, else its URL's site,
    else a short stem of its file (``politico_2016-04-03_cruz-tops-trump.txt`` ->
    ``politico``). Never a path: forty sources must fit a line or a column head."""
    if article.outlet and article.outlet.strip():
        return _truncate(_inline(article.outlet), SOURCE_WIDTH)
    for where in (article.url, article.origin):
        if _safe_url(where):
            host = (urlsplit(str(where)).hostname or "").removeprefix("www.")
            if host:
                return _truncate(host, SOURCE_WIDTH)
    return _truncate(_stem(article.origin) or article.id, SOURCE_WIDTH)


def _stem(origin: str) -> str:
    """A file's short name from an origin: no folders, line number, feed entry, suffix or
    date and slug (``/in/feed.jsonl:12`` -> ``feed``, ``upload:harbour.html`` ->
    ``harbour``, ``api:20240101T120000:3`` -> ``api``)."""
    name = _origin_name(origin.split("#", 1)[0])
    name = re.sub(r":\d+$", "", name)
    if ":" in name:
        scheme, rest = name.split(":", 1)
        name = scheme if not rest or _STAMP.fullmatch(rest) else rest
    name = re.sub(r"(\.[A-Za-z][A-Za-z0-9]{0,4})+$", "", name) or name
    dated = _DATED_STEM.match(name)
    return dated.group(1) if dated else name


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _date(value: datetime | None) -> str | None:
    """A compact date: the day, plus the time of day when one is known."""
    if value is None:
        return None
    if value.timetz().replace(tzinfo=None) == time(0, 0):
        return value.date().isoformat()
    text = value.strftime("%Y-%m-%d %H:%M")
    offset = value.utcoffset()
    if offset is not None:
        text += " UTC" if not offset else value.strftime(" %z")
    return text


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address; anything else is never linked."""
    if not url:
        return None
    url = url.strip()
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


SNIPPET_WIDTH = 160


def _snippet(text: str, width: int = SNIPPET_WIDTH) -> str:
    """``text`` cut to at most ``width`` characters at a word, the cut marked "…": enough
    of a passage to recognise it, short enough for a footnote or a tooltip."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if not text[width - 1].isspace() and " " in cut[width // 2 :]:  # a word cut: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def paragraph_of(text: str, offset: int) -> int:
    """The paragraph (from 1) that ``offset`` falls in, paragraphs parted by a blank line as
    the article page lays them out: "§3" is a place a reader can count to."""
    return text.count("\n\n", 0, max(offset, 0)) + 1


def passage_id(span: Span) -> str:
    """The HTML id of a cited passage on its article's page: citations link to it."""
    return f"p-{span.start}-{span.end}"


def anchorable(span: Span, text: str) -> bool:
    """Whether the article page can mark ``span`` of ``text``: a citation links to a
    passage only where its anchor will be."""
    return 0 <= span.start < span.end <= len(text)


def _source_name(article: Article) -> str:
    """Who a reader would say an article is from, briefly: its outlet, else the wire it
    credits, else its title or file name."""
    names = (article.outlet, article.credited_source, article.title, _origin_name(article.origin))
    return _snippet(next((_inline(s) for s in names if s and s.strip()), article.id), 40)


@dataclass(frozen=True)
class _Cite:
    """One citation as a reader follows it: the article's number and source, the paragraph
    its passage sits in and the passage itself; the span is kept for links, never shown."""

    article_id: str
    number: int | None
    span: Span | None
    text: str
    source: str = ""
    paragraph: int | None = None
    href: str = ""

    @property
    def mark(self) -> str:
        """``[1]``: the article's number, what a line shows."""
        return f"[{self.number if self.number is not None else '?'}]"

    @property
    def where(self) -> str:
        """``§2: “…”``: the paragraph and a snippet of the passage (empty without one)."""
        if self.span is None or not self.text:
            return ""
        return f"§{self.paragraph}: “{_snippet(self.text)}”"

    @property
    def about(self) -> str:
        """``Reuters, §2: “…”``: the source and, for a passage, where and what it is."""
        return f"{self.source}, {self.where}" if self.where else self.source

    @property
    def note(self) -> str:
        """``[1] Reuters, §2: “…”``: the footnote a cited passage gets under its section."""
        return f"{self.mark} {self.about}"


def _by_article(cites: Iterable[_Cite]) -> list[list[_Cite]]:
    """Citations grouped per article, articles in the order first cited: one line citing an
    article twice shows its number once."""
    groups: dict[str, list[_Cite]] = {}
    for cite in cites:
        groups.setdefault(cite.article_id, []).append(cite)
    return list(groups.values())


def _marks(cites: Sequence[_Cite]) -> str:
    """``[1][2]``: each cited article once, or ``[uncited]``."""
    return "".join(group[0].mark for group in _by_article(cites)) or "[uncited]"


def _notes(lines: Iterable[tuple[str | None, Sequence[_Cite]]]) -> list[_Cite]:
    """The passages a section cites, each once, by article and place: the section's notes.

    ``lines`` pairs each line's own text with its citations; a passage that is word for
    word the text its line shows needs no note (a quote, a single source's sentence), so a
    line given ``None`` notes all it cites.
    """
    notes: dict[tuple[str, int, int], _Cite] = {}
    for shown, cites in lines:
        plain = _inline(shown).strip(' “”"') if shown is not None else None
        for cite in cites:
            if cite.span is None or not cite.text or cite.text.strip(' “”"') == plain:
                continue
            notes.setdefault((cite.article_id, cite.span.start, cite.span.end), cite)
    return sorted(
        notes.values(),
        key=lambda c: (
            c.number if c.number is not None else 1 << 30,
            c.span.start if c.span else 0,
        ),
    )


class _Index:
    """Article numbers, sources and texts of one story, for resolving citations.

    ``article_href`` is where an article's page is (``"/articles/{id}"`` in the web app):
    given, a citation links to its passage there; else to the article's entry in the same
    page (``#a-ID``), which a static report has instead of article pages.
    """

    def __init__(self, report: StoryReport, article_href: str | None = None) -> None:
        self.number = {a.id: n for n, a in enumerate(report.articles, 1)}
        self.text = {a.id: a.text for a in report.articles}
        self.source = {a.id: _source_name(a) for a in report.articles}
        self.outlet = {
            a.id: _snippet(_inline(name), 40)
            for a in report.articles
            if (name := a.outlet or a.credited_source) and name.strip()
        }
        self.quotes = report.quotes
        self.article_href = article_href

    def cite(self, article_id: str, span: Span | None) -> _Cite:
        text = self.text.get(article_id, "")
        cited, paragraph = "", None
        if span is not None:
            cited = _inline(text[max(span.start, 0) : span.end])
            paragraph = paragraph_of(text, span.start)
        if self.article_href is None:
            href = f"#a-{article_id}"
        else:
            href = self.article_href.format(id=article_id)
            if span is not None and anchorable(span, text):
                href += f"#{passage_id(span)}"
        source = self.source.get(article_id, article_id)
        return _Cite(article_id, self.number.get(article_id), span, cited, source, paragraph, href)

    def wording(self, quote: Quote) -> str:
        return quote_wording(quote, self.text.get(quote.article_id, ""), self.quotes)

    def cites(self, pairs: Iterable[tuple[str, Span | None]]) -> list[_Cite]:
        """Citations in order, without repeats."""
        seen: set[tuple[str, int, int]] = set()
        out = []
        for article_id, span in pairs:
            key = (article_id, *((span.start, span.end) if span else (-1, -1)))
            if key not in seen:
                seen.add(key)
                out.append(self.cite(article_id, span))
        return out

    def for_citations(self, citations: Iterable[Citation]) -> list[_Cite]:
        return self.cites((c.article_id, c.span) for c in citations)

    def for_fact(self, fact: Fact) -> list[_Cite]:
        """Each claim's span; articles the fact names without a claim cite bare."""
        pairs: list[tuple[str, Span | None]] = [(c.article_id, c.span) for c in fact.claims]
        claimed = {c.article_id for c in fact.claims}
        pairs += [(a, None) for a in fact.article_ids if a not in claimed]
        return self.cites(pairs)

    def num(self, article_id: str) -> str:
        n = self.number.get(article_id)
        return str(n) if n is not None else "?"


def cited_spans(report: StoryReport) -> dict[str, set[Span]]:
    """Every passage the story's page cites, by article: the anchors its article pages
    carry, so that each citation lands on its passage."""
    pairs = [(c.article_id, c.span) for s in report.brief for c in s.citations]
    pairs += [(c.article_id, c.span) for x in report.conflicts for y in x.sides for c in y.claims]
    pairs += [(c.article_id, c.span) for p in report.positions for c in p.citations]
    pairs += [(c.article_id, c.span) for e in report.timeline for c in e.citations]
    pairs += [(q.article_id, q.content_span) for s in report.statements for q in s.quotes]
    facts = (*report.shared_facts, *report.single_source_facts)
    pairs += [(c.article_id, c.span) for f in facts for c in f.claims]
    for edge in report.reuse:
        for pair in edge.pairs:
            pairs += [(edge.origin_id, pair.origin_span), (edge.copy_id, pair.copy_span)]
    spans: dict[str, set[Span]] = {}
    for article_id, span in pairs:
        spans.setdefault(article_id, set()).add(span)
    return spans


def _signals(report: StoryReport) -> dict[str, str]:
    return {
        p.article_id: ", ".join(f"{s.name} {s.value:g}" for s in p.signals)
        for p in report.placements
        if p.signals
    }


def _fact_note(fact: Fact, index: _Index | None = None) -> str:
    """How many independent sources and articles back a fact, and which."""
    note = (
        f"{_plural(fact.independent_sources, 'independent source')}, "
        f"{_plural(len(fact.article_ids), 'article')}"
    )
    if index is not None and fact.source_groups and len(fact.article_ids) > 1:
        note += ": " + _sources_text(fact.source_groups, index)
    return note


def _sources_text(groups: Sequence[Sequence[str]], index: _Index) -> str:
    """The independent sources by article number, with the outlet where one is known, as
    a line naming sources should: ``[1] Reuters + [2] · [3] BBC``."""
    return " · ".join(
        " + ".join(f"[{index.num(a)}]" + (f" {o}" if (o := index.outlet.get(a)) else "") for a in g)
        for g in groups
    )


def _brief_note(sentence: BriefSentence, index: _Index) -> str:
    """The sources note of a brief line: count, which articles, how they relate."""
    note = _plural(sentence.independent_sources, "independent source")
    if sentence.sources:
        note += f" ({_sources_text(sentence.sources, index)})"
    if sentence.note:
        note += f"; {_inline(sentence.note)}"
    return note


def _conflict_line(conflict: Conflict, index: _Index) -> tuple[str, list[tuple[str, list[_Cite]]]]:
    """A heading for one conflict or update, and each side's value with its citations."""
    label = "Update" if conflict.kind == "update" else "Conflict"
    head = f"{label} ({conflict.aspect}: {_inline(conflict.what)})"
    sides = []
    for side in conflict.sides:
        value = _inline(side.value)
        if side.published:
            value += f" (published {side.published})"
        sides.append((value, index.cites((c.article_id, c.span) for c in side.claims)))
    return head, sides


def _position_on(position: Position) -> str:
    """What a position is on: its object as the sentence names it, with the topic it
    falls under ("a neutral non-aligned status (neutrality)"), or the topic alone."""
    if position.target and position.topic and position.topic.lower() not in position.target.lower():
        return f"{_inline(position.target)} ({position.topic})"
    return _inline(position.target) or position.topic


def _position_who(position: Position) -> str:
    who = _inline(position.actor)
    if position.speaker:
        who += f" / {_inline(position.speaker)}"
        if position.role:
            who += f" ({_inline(position.role)})"
    return who


def _dates_note(report: StoryReport) -> list[tuple[list[str], str]]:
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
            note = f"published {p.date} (derived from {_inline(p.evidence)})"
        else:
            note = f"dates resolved against {p.date} ({_inline(p.evidence)})"
        grouped.setdefault(note, []).append(p.article_id)
    return [
        (ids, f"taken from {taken[note][1 if len(ids) > 1 else 0]}" if note in taken else note)
        for note, ids in grouped.items()
    ]


def _dates_line(report: StoryReport, index: _Index, escape: Callable[[str], str]) -> str:
    """The dates note as one line, for Markdown or HTML by its ``escape``:
    "Dates: [1][2] publication date unknown ... · [3] published 2016-04-27 (derived ...)";
    empty when the report has no article."""
    notes = _dates_note(report)
    if not notes:
        return ""
    cited = ("".join(f"[{index.num(a)}]" for a in ids) + f" {escape(n)}" for ids, n in notes)
    return "Dates: " + " · ".join(cited)


def _md_compare_sections(report: StoryReport, index: _Index) -> list[str]:
    """Conflicts and updates, positions and timeline, in Markdown."""
    out: list[str] = []
    dates = _dates_line(report, index, _md)
    if dates:
        out += [dates, ""]
    if report.conflicts:
        out += ["### Conflicts and updates", ""]
        cited: list[Sequence[_Cite]] = []
        for conflict in report.conflicts:
            head, sides = _conflict_line(conflict, index)
            arrow = " → " if conflict.kind == "update" else " vs "
            body = arrow.join(f"{_md(v)} {_md_cites(c)}" for v, c in sides)
            out.append(f"- **{_md(head)}**: {body}")
            cited += [c for _, c in sides]
        out.append("")
        out += _md_notes(_notes((None, c) for c in cited))
    if report.positions:
        out += ["### Positions", "", "| actor | stance | on | what | date | cited |"]
        out.append("| --- | --- | --- | --- | --- | --- |")
        cites = [index.for_citations(p.citations) for p in report.positions]
        for p, cited_by in zip(report.positions, cites, strict=True):
            text = f"“{_md_cell(p.text)}”" if p.kind == "quote" else _md_cell(p.text)
            who, on = _md_cell(_position_who(p)), _md_cell(_position_on(p))
            out.append(
                f"| {who} | {p.stance} | {on} | {text} | {p.date or ''} | {_md_cites(cited_by)} |"
            )
        out.append("")
        out += _md_notes(_notes(zip((p.text for p in report.positions), cites, strict=True)))
    if report.timeline:
        out += ["### Timeline", ""]
        cites = [index.for_citations(event.citations) for event in report.timeline]
        for event, cited_by in zip(report.timeline, cites, strict=True):
            out.append(
                f"- **{event.date}** ({_md(event.date_text)}): {_md(event.text)} "
                f"{_md_cites(cited_by)}"
            )
        out.append("")
        out += _md_notes(_notes(zip((e.text for e in report.timeline), cites, strict=True)))
    return out


def _speaker(statement: Statement) -> tuple[str, str | None]:
    """Speaker name and role; a role the name already spells out is dropped."""
    name = _inline(statement.speaker) or "Unattributed"
    role = _inline(statement.role or "")
    return name, (role if role and role.lower() not in name.lower() else None)


def _by_speaker(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Statements grouped per speaker, speakers in the order they first appear."""
    groups: dict[str, list[Statement]] = {}
    for statement in statements:
        groups.setdefault(_speaker(statement)[0], []).append(statement)
    return list(groups.values())


def quote_wording(quote: Quote, text: str, others: Sequence[Quote] = ()) -> str:
    """What a reader should see of an attribution: the speaker's words in quote marks, a
    paraphrase as it stands, and a mixed quote as its whole clause, quote marks as the
    article wrote them: `negotiations were becoming "more realistic"`, not “more
    realistic”, which loses the claim ("unbelievably dishonest": who is?). The clause
    stops where another attribution of the article begins (", while Lavrov said ...")."""
    clause = quote.clause_span
    if (
        quote.kind != "mixed"
        or clause is None
        or not 0 <= clause.start <= quote.content_span.start
        or not quote.content_span.end <= clause.end <= len(text)
    ):
        return quote.content if quote.kind == "indirect" else f"“{quote.content}”"
    end = clause.end
    for other in others:
        if other.article_id != quote.article_id or other is quote:
            continue
        for span in (other.source_span, other.cue_span, other.content_span):
            if span is not None and quote.content_span.end < span.start < end:
                end = span.start
    wording = text[clause.start : end]
    if end < clause.end:  # ", while Russian Foreign Minister": up to the last quote mark
        wording = wording[: quote.content_span.end - clause.start + 1]
        wording = wording.rstrip(" ,;:")
    elif wording.count("“") > wording.count("”") and text[end : end + 2].lstrip(".,!?")[:1] == "”":
        wording += "”"  # a clause ending on quoted words: is “true”, not is “true
    return wording


def _quote_note(quote: Quote, statement: Statement) -> str:
    parts: list[str] = [quote.kind]
    if quote.cue:
        parts.append(_inline(quote.cue))
    if quote.speaker and _inline(quote.speaker.name) != _inline(statement.speaker):
        parts.append(f"as “{_inline(quote.speaker.name)}”")
    return ", ".join(parts)


# --------------------------------------------------------------------------
# JSON


def report_to_dict(report: StoryReport) -> dict[str, Any]:
    """The whole report as plain data (datetimes as ISO 8601 strings)."""
    return cast(dict[str, Any], to_dict(report))


def render_json(reports: Sequence[StoryReport]) -> str:
    """Every story with all its parts, for other programs to consume."""
    data = {"stories": [report_to_dict(r) for r in reports]}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


# --------------------------------------------------------------------------
# Markdown


def _md(text: str) -> str:
    """One line of untrusted text, with markup characters made inert for Markdown viewers."""
    return html.escape(_inline(text), quote=False)


def _md_cites(cites: Sequence[_Cite]) -> str:
    """``[1][2]``: the articles a line cites, each once; their passages go in the notes."""
    return _marks(cites)


def _md_notes(notes: Sequence[_Cite]) -> list[str]:
    """A section's cited passages as a footnote list, one ``[1] Reuters, §2: “…”`` a line."""
    if not notes:
        return []
    return ["Cited passages:", "", *(f"- {_md(c.note)}" for c in notes), ""]


def _md_cell(text: str) -> str:
    """Table-cell text: one line, pipes escaped so the row keeps its columns."""
    return _md(text).replace("|", "\\|")


def _md_story(report: StoryReport) -> list[str]:
    index = _Index(report)
    story = report.story
    out = [
        f"## {_md(story.title) or 'Untitled story'}",
        "",
        f"Story `{story.id}` · {_plural(len(report.articles), 'article')} · "
        f"{_plural(len(report.origin_groups), 'independent source')}",
        "",
        "### Articles",
        "",
    ]
    signals = _signals(report)
    for n, article in enumerate(report.articles, 1):
        bits = [f"- **[{n}]** {_md(article_label(article))}"]
        if article.title and _md(article.title) not in _md(article_label(article)):
            bits.append(f"“{_truncate(_md(article.title), 100)}”")
        if published := _date(article.published):
            bits.append(f"published {published}")
        if article.byline:
            bits.append(f"by {_md(article.byline)}")
        if article.credited_source:
            bits.append(f"credits {_md(article.credited_source)}")
        if url := _safe_url(article.url):
            bits.append(f"<{url}>")
        bits.append(f"origin: {_md(article.origin)}")
        if why := signals.get(article.id):
            bits.append(f"joined: {why}")
        out.append(" · ".join(bits))
    out.append("")

    if report.brief:
        out += ["### Brief", ""]
        out += [_md_brief(sentence, index) for sentence in report.brief]
        out.append("")
        out += _md_notes(_brief_notes(report, index))
        out += _md_compare_sections(report, index)

    if report.statements:
        out += ["### Who said what", ""]
        for statements in _by_speaker(report.statements):
            who, role = _speaker(statements[0])
            if role:
                who += f" ({role})"
            out += [f"**{_md(who)}**", ""]
            for statement in statements:
                for quote in statement.quotes:
                    cite = _md_cites([index.cite(quote.article_id, quote.content_span)])
                    note = _md(_quote_note(quote, statement))
                    wording = _md(index.wording(quote))
                    out += [f"> {wording} — {cite} ({note})", ""]

    out += _md_facts("Corroborated by independent sources", report.shared_facts, index, True)
    out += _md_facts("Single-source facts", report.single_source_facts, index, False)

    if report.reuse:
        out += ["### Reuse", ""]
        out += _md_reuse_graph(report, index)
        for edge in report.reuse:
            out += [_md_edge(edge, index), ""]
            out += _md_pairs(edge, index)
    return out


def _md_facts(heading: str, facts: Sequence[Fact], index: _Index, noted: bool) -> list[str]:
    """A fact section in Markdown: each fact with its citations (and, ``noted``, how many
    independent sources give it), then the passages cited."""
    if not facts:
        return []
    out = [f"### {heading}", ""]
    cites = [index.for_fact(fact) for fact in facts]
    for fact, cited_by in zip(facts, cites, strict=True):
        note = f" ({_md(_fact_note(fact, index))})" if noted else ""
        out.append(f"- {_md(fact.text)} {_md_cites(cited_by)}{note}")
    out.append("")
    return out + _md_notes(_notes(zip((f.text for f in facts), cites, strict=True)))


def _edge_summary(edge: Reuse) -> str:
    return (
        f"{edge.kind}, {_percent(edge.origin_share)} of the origin and "
        f"{_percent(edge.copy_share)} of the copy reused; {_md(edge.direction_reason)}"
    )


def _md_edge(edge: Reuse, index: _Index) -> str:
    origin, copy = index.num(edge.origin_id), index.num(edge.copy_id)
    return f"**[{origin}] → [{copy}]**: {_md(_edge_summary(edge))}"


def _md_pairs(edge: Reuse, index: _Index) -> list[str]:
    if not edge.pairs:
        return []
    origin, copy = index.num(edge.origin_id), index.num(edge.copy_id)
    out = [f"| origin [{origin}] | copy [{copy}] | similarity |", "| --- | --- | --- |"]
    for pair in edge.pairs[:MAX_PAIRS]:
        out.append(
            f"| {_md_cell(pair.origin_text)} [{origin}] | {_md_cell(pair.copy_text)} [{copy}] "
            f"| {pair.similarity:.2f} |"
        )
    out.append("")
    if len(edge.pairs) > MAX_PAIRS:
        out += [f"…and {len(edge.pairs) - MAX_PAIRS} more aligned passages.", ""]
    return out


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


def _md_reuse_graph(report: StoryReport, index: _Index) -> list[str]:
    """Origin -> copies as an indented list, with the independence groups."""
    out = ["Who copied whom:", ""]
    for article_id in [x for layer in reuse_layers(report)[:1] for x in layer]:
        out += _md_graph_node(report, index, article_id, 0, set())
    groups = " · ".join(
        "{" + ", ".join(f"[{index.num(a)}]" for a in group) + "}" for group in report.origin_groups
    )
    out += ["", f"Independence groups (each counts once): {groups}", ""]
    return out


def _md_graph_node(
    report: StoryReport, index: _Index, article_id: str, level: int, seen: set[str]
) -> list[str]:
    seen.add(article_id)
    out: list[str] = []
    if level == 0:
        out.append(f"- [{index.num(article_id)}] (origin)")
    for edge in report.reuse:
        if edge.origin_id == article_id and edge.copy_id not in seen:
            out.append(
                f"{'  ' * (level + 1)}- → [{index.num(edge.copy_id)}] {edge.kind}, "
                f"{_percent(edge.copy_share)} of the copy reused"
            )
            out += _md_graph_node(report, index, edge.copy_id, level + 1, seen)
    return out


def brief_to_dict(report: StoryReport) -> dict[str, Any]:
    """One story's brief with what backs it: sources, conflicts, positions, timeline."""
    index = _Index(report)
    data = cast(dict[str, Any], to_dict(report))
    articles = [
        {"number": index.num(a.id), "id": a.id, "label": article_label(a), "origin": a.origin}
        for a in report.articles
    ]
    keep = ("brief", "conflicts", "positions", "timeline", "published", "origin_groups")
    return {"story": data["story"], "articles": articles} | {k: data[k] for k in keep}


def render_brief(report: StoryReport, fmt: str = "md") -> str:
    """One story's cited brief as Markdown (``md``), HTML (``html``) or JSON (``json``).

    Each sentence says how many independent sources back it and which; then
    the story's conflicts and updates, positions and timeline, all cited.
    """
    if fmt == "json":
        return json.dumps(brief_to_dict(report), ensure_ascii=False, indent=2) + "\n"
    index = _Index(report)
    title = _inline(report.story.title) or "Untitled story"
    if fmt == "html":
        body = [f"<h1>{_e(title)} <small>{_e(report.story.id)}</small></h1>", "<h3>Articles</h3>"]
        body.append("<ol>")
        body += [
            f'<li id="a-{_e(a.id)}">{_e(article_label(a))} '
            f'<span class="note">{_e(_inline(a.origin))}</span></li>'
            for a in report.articles
        ]
        body += ["</ol>", "<h3>Brief</h3>", "<ul>"]
        body += [_h_brief(s, index) for s in report.brief]
        body.append("</ul>")
        body += _h_notes(_brief_notes(report, index))
        body += _h_compare_sections(report, index)
        return "\n".join(_html_page(f"crosswire brief: {title}", body)) + "\n"
    out = [f"# {_md(title)}", "", f"Story `{report.story.id}`", "", "### Articles", ""]
    out += [f"- **[{n}]** {_md(article_label(a))}" for n, a in enumerate(report.articles, 1)]
    out += ["", "### Brief", ""]
    out += [_md_brief(s, index) for s in report.brief]
    out.append("")
    out += _md_notes(_brief_notes(report, index))
    out += _md_compare_sections(report, index)
    return "\n".join(out).rstrip() + "\n"


def _html_page(title: str, body: Sequence[str], *, main: bool = True) -> list[str]:
    """A self-contained page: the CSP, the report's CSS and ``body``; ``main`` wraps the
    body in ``<main>`` (the report page puts its header before its own)."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>" if main else "<body>",
        *body,
        "</main></body>" if main else "</body>",
        "</html>",
    ]


def render_markdown(reports: Sequence[StoryReport]) -> str:
    """All stories as one Markdown document, every line cited to its source."""
    out = ["# crosswire report", "", f"{_plural(len(reports), 'story')}.", ""]
    if not reports:
        out[2] = "No stories."
    for report in reports:
        out += _md_story(report)
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------
# HTML


@dataclass(frozen=True)
class StoryLayout:
    """How much of a story one HTML page shows, and where the rest is.

    The static report is one self-contained file: every part stays, a long list shows
    its first ``items`` rows and folds the rest, each article's text is folded under
    it. The web story page has a page per article (``article_href``) and one with
    every list whole (``more_href``), so it links to them instead: a 40-article
    story's page was 1.4 MB and 200,000 px tall with everything inlined.
    """

    #: heading level of the story's title; its sections are one level below
    level: int = 2
    #: rows a long list (speakers, events, facts, positions, reuse edges) shows
    items: int | None = 30
    #: statements shown per speaker
    said: int | None = 5
    #: aligned passages shown per reuse edge, and how many edges show theirs
    pairs: int = MAX_PAIRS
    tables: int | None = None
    #: "/articles/{id}": link each article's page rather than carry its text
    article_href: str | None = None
    #: where a cut list's rest is; None folds the rest on the page itself
    more_href: str | None = None


CSP = "default-src 'none'; style-src 'unsafe-inline'"

#: The static report's page rule; a page of its own (the web app's) brings its own.
PAGE_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;background:#fff}"""

#: The rules of a story's sections, wherever they are shown.
STORY_CSS = """
h1{font-size:1.6rem}h2{margin-top:3rem;border-bottom:2px solid #ddd}
h2 small,.meta,.note{color:#666;font-weight:normal;font-size:.9rem}
ol.articles{padding-left:0;list-style:none}ol.articles>li{margin:.6rem 0}
.num{font-weight:bold}a.cite{text-decoration:none;color:#0b57a4}
a.cite:hover,a.cite:focus{text-decoration:underline}
:target{background:#fff6d6}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.8rem;border-left:3px solid #ccc}
.speaker{margin:1rem 0 .2rem;font-weight:bold}.role{font-weight:normal;color:#555}
table.pairs{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0 1.5rem}
table.pairs th,table.pairs td{border:1px solid #ddd;padding:.4rem;vertical-align:top;
text-align:left}
del{background:#ffe0e0;text-decoration:line-through}ins{background:#dcf5dc;text-decoration:none}
mark.q{background:#fff1a8}
details .text{white-space:pre-wrap;font-family:Georgia,serif;background:#fafafa;
padding:.8rem;border:1px solid #eee}
.story-head p{margin:.25rem 0}.story-head code{font-size:.85em}
summary{cursor:pointer}details.fold>summary>*{display:inline}
details.fold,details.more,details.edge,p.more,p.edge{margin:.5rem 0}
main{overflow-wrap:anywhere}
@media (max-width:40rem){
ul,ol{padding-left:1.2rem}blockquote{margin-left:.2rem;padding-left:.5rem}
table.pairs,table.pairs tbody,table.pairs tr,table.pairs td{display:block;width:auto}
table.pairs thead,table.pairs colgroup{display:none}
table.pairs tr{border:1px solid #ddd;margin:.6rem 0}
table.pairs td{border:0;border-top:1px solid #eee}
table.pairs td:first-child{border-top:0}
table.pairs td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;
font-weight:600;color:#666}
svg.graph{max-width:100%;height:auto}
}
""".strip()

#: Citations: ``[1]`` keeps its passage in a tip, hidden but read by screen readers, that
#: hover and focus (the keyboard's, or a tap's) show by the link; on a narrow or touch screen
#: it sits at the viewport's foot instead, where it cannot run off the side. Kept apart from
#: the page's layout rules.
CITE_CSS = """
a.cite{position:relative;white-space:nowrap}
a.cite .tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);
white-space:nowrap}
a.cite:hover .tip,a.cite:focus .tip{width:max-content;max-width:min(26rem,80vw);height:auto;
overflow:visible;clip-path:none;white-space:normal;left:0;top:1.5em;z-index:5;
padding:.4rem .6rem;background:#fff;color:#1b1b1b;border:1px solid #bbb;border-radius:4px;
box-shadow:0 2px 8px rgba(0,0,0,.18);font-size:.85rem;font-weight:normal;line-height:1.4;
text-align:left}
@media (max-width:40rem),(hover:none){a.cite:hover .tip,a.cite:focus .tip{position:fixed;
top:auto;left:.5rem;right:.5rem;bottom:.5rem;width:auto;max-width:none}}
ul.notes{list-style:none;padding-left:1rem;margin:.2rem 0 1rem;font-size:.9rem;color:#444}
""".strip()
STORY_CSS += "\n" + CITE_CSS
CSS = PAGE_CSS + "\n" + STORY_CSS


def _e(text: str) -> str:
    """Escape untrusted text for element content and quoted attributes."""
    return html.escape(text, quote=True)


def _h_cite(group: Sequence[_Cite]) -> str:
    """``[1]`` linking to the first passage this line cites of an article, with every such
    passage in a tip that hover, keyboard focus and a tap (which focuses a link) show."""
    first = group[0]
    tip = " · ".join([first.about, *(c.where for c in group[1:] if c.where)])
    return (
        f'<a class="cite" href="{_e(first.href)}">{_e(first.mark)}'
        f'<span class="tip">{_e(tip)}</span></a>'
    )


def _h_cites(cites: Sequence[_Cite]) -> str:
    """A line's citations: each cited article once, as a link with its passages' tip."""
    if not cites:
        return '<span class="cites">[uncited]</span>'
    return '<span class="cites">' + "".join(_h_cite(g) for g in _by_article(cites)) + "</span>"


def _h_notes(notes: Sequence[_Cite]) -> list[str]:
    """A section's cited passages as a footnote list, each linked like its citation."""
    if not notes:
        return []
    items = "".join(
        f'<li><a class="cite" href="{_e(c.href)}">{_e(c.mark)}</a> {_e(c.about)}</li>'
        for c in notes
    )
    return [f'<p class="note">Cited passages:</p><ul class="notes">{items}</ul>']


def _highlighted(text: str, quotes: Sequence[Quote]) -> str:
    """Article text, escaped, with each quote's span marked."""
    spans = sorted(
        (
            (q.content_span.start, q.content_span.end, q)
            for q in quotes
            if 0 <= q.content_span.start < q.content_span.end <= len(text)
        ),
        key=lambda item: item[:2],  # two attributions of one passage tie: keep their order
    )
    out: list[str] = []
    pos = 0
    for start, end, quote in spans:
        if start < pos:  # overlapping spans: keep the first
            continue
        who = quote.speaker.canonical if quote.speaker else "unattributed"
        out.append(_e(text[pos:start]))
        out.append(f'<mark class="q" title="{_e(_inline(who))}">{_e(text[start:end])}</mark>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _diff(origin: str, copy: str) -> tuple[str, str]:
    """Both passages, escaped, with the words that differ marked del/ins."""
    a, b = origin.split(), copy.split()
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = _e(" ".join(a[i1:i2])), _e(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(f"<del>{old}</del>")
        if new:
            right.append(f"<ins>{new}</ins>")
    return " ".join(left), " ".join(right)


def _h_article(
    n: int, article: Article, quotes: Sequence[Quote], why: str | None, layout: StoryLayout
) -> str:
    """One entry of the articles list: number, source, title and what is known of it.

    The static report folds the article's text under it (the file is the only place
    it is); the web page links the article's own page instead, which has the text
    marked up, so forty texts are not carried on the story page.
    """
    name = _e(source_name(article))
    if article.credited_source:
        name += f" (via {_e(_inline(article.credited_source))})"
    meta: list[str] = []
    if article.title:
        title = _e(_truncate(_inline(article.title), TITLE_WIDTH))
        if layout.article_href:
            href = _e(layout.article_href.format(id=article.id))
            title = f'<a href="{href}">{title}</a>'
        meta.append(f"“{title}”")
    elif layout.article_href:
        meta.append(f'<a href="{_e(layout.article_href.format(id=article.id))}">text</a>')
    if published := _date(article.published):
        meta.append(f"published {_e(published)}")
    if article.byline:
        meta.append(f"by {_e(_truncate(_inline(article.byline), TITLE_WIDTH))}")
    head = f'<li id="a-{_e(article.id)}"><span class="num">[{n}]</span> <strong>{name}</strong>'
    if layout.article_href:  # url, origin and text are on the article's page
        return f'{head} <span class="meta">{" · ".join(meta)}</span></li>'
    if url := _safe_url(article.url):
        meta.append(f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>')
    elif article.url:
        meta.append(f"url: {_e(_inline(article.url))}")
    meta.append(f"origin: <code>{_e(_inline(article.origin))}</code>")
    if why:
        meta.append(f"joined: {_e(why)}")
    removed = ""
    if article.removed_lines:
        removed = (
            f'<p class="note">{_plural(len(article.removed_lines), "line")} of page chrome '
            f"removed.</p>"
        )
    return (
        f'{head}<div class="meta">{" · ".join(meta)}</div>'
        f"<details><summary>Text ({len(article.text)} characters)</summary>"
        f'<div class="text">{_highlighted(article.text, quotes)}</div>{removed}</details></li>'
    )


def _h_edge(edge: Reuse, index: _Index, pairs: int) -> list[str]:
    """One reuse edge: who copied whom and how much, its aligned passages folded under it
    (``pairs`` of them; 0 shows the summary line alone)."""
    origin, copy = index.num(edge.origin_id), index.num(edge.copy_id)
    line = (
        f'<strong><a class="cite" href="#a-{_e(edge.origin_id)}">[{origin}]</a> → '
        f'<a class="cite" href="#a-{_e(edge.copy_id)}">[{copy}]</a></strong>: '
        f"{_e(_edge_summary(edge))}"
    )
    if not edge.pairs or pairs <= 0:
        return [f'<p class="edge">{line}</p>']
    out = [
        f'<details class="edge"><summary>{line} '
        f'<span class="note">({_plural(len(edge.pairs), "aligned passage")})</span></summary>',
        f'<table class="pairs"><thead><tr><th>origin [{origin}]</th><th>copy [{copy}]</th>'
        "</tr></thead><tbody>",
    ]
    for pair in edge.pairs[:pairs]:
        out.append(_h_pair(pair, edge, index))
    out.append("</tbody></table>")
    if len(edge.pairs) > pairs:
        out.append(f'<p class="note">…and {len(edge.pairs) - pairs} more aligned passages.</p>')
    out.append("</details>")
    return out


def _h_reuse_graph(report: StoryReport, index: _Index) -> list[str]:
    """A small inline SVG: origins on the left, their copies to the right, arrows named by kind."""
    layers = reuse_layers(report)
    if not layers:
        return []
    col, row, box_w, box_h = 250, 46, 200, 30
    where = {
        a: (12 + x * col, 10 + y * row)
        for x, layer in enumerate(layers)
        for y, a in enumerate(layer)
    }
    width = 24 + (len(layers) - 1) * col + box_w
    height = 20 + max(len(layer) for layer in layers) * row
    label = {a.id: article_label(a) for a in report.articles}
    short = {a.id: source_name(a) for a in report.articles}
    arrow = f"arrow-{_e(report.story.id)}"
    out = [
        f'<svg class="graph" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Who copied whom: arrows go from the origin to the copy</title>",
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    ]
    for edge in report.reuse:
        (x1, y1), (x2, y2) = where[edge.origin_id], where[edge.copy_id]
        if x2 > x1:
            sx, sy, ex, ey = x1 + box_w, y1 + box_h / 2, x2, y2 + box_h / 2
        else:  # same column: arc on the right
            sx, sy, ex, ey = x1 + box_w, y1 + box_h / 2, x2 + box_w, y2 + box_h / 2
        out.append(
            f'<line x1="{sx}" y1="{sy}" x2="{ex}" y2="{ey}" stroke="#555" '
            f'marker-end="url(#{arrow})"><title>{_e(_edge_summary(edge))}</title></line>'
            f'<text x="{(sx + ex) / 2}" y="{(sy + ey) / 2 - 4}" font-size="12" '
            f'text-anchor="middle" fill="#333">{_e(edge.kind)}</text>'
        )
    for article_id, (x, y) in where.items():
        text = _truncate(f"[{index.num(article_id)}] {short.get(article_id, article_id)}", 30)
        out.append(
            f'<a href="#a-{_e(article_id)}"><rect x="{x}" y="{y}" width="{box_w}" '
            f'height="{box_h}" rx="4" fill="#eef4fb" stroke="#0b57a4"/>'
            f'<text x="{x + 6}" y="{y + 19}" font-size="12" fill="#0b57a4">{_e(text)}</text>'
            f"<title>{_e(label.get(article_id, article_id))}</title></a>"
        )
    out.append("</svg>")
    groups = " · ".join(
        "{" + ", ".join(f"[{index.num(a)}]" for a in group) + "}" for group in report.origin_groups
    )
    out.append(f'<p class="note">Independence groups (each counts once): {_e(groups)}</p>')
    return out


def _h_pair(pair: AlignedPair, edge: Reuse, index: _Index) -> str:
    left, right = _diff(pair.origin_text, pair.copy_text)
    lcite = _h_cites([index.cite(edge.origin_id, pair.origin_span)])
    rcite = _h_cites([index.cite(edge.copy_id, pair.copy_span)])
    origin, copy = index.num(edge.origin_id), index.num(edge.copy_id)
    return (
        f'<tr><td data-label="origin [{origin}]">{left} {lcite}</td>'
        f'<td data-label="copy [{copy}]">{right} {rcite} '
        f'<span class="note">(similarity {pair.similarity:.2f})</span></td></tr>'
    )


def _h_brief(sentence: BriefSentence, index: _Index) -> str:
    values = (
        f'<br><span class="note">values: {_e("; ".join(sentence.values))}</span>'
        if sentence.values
        else ""
    )
    return (
        f"<li>{_e(_inline(sentence.text))} {_h_cites(index.for_citations(sentence.citations))} "
        f'<span class="note">({_e(_brief_note(sentence, index))})</span>{values}</li>'
    )


def _brief_notes(report: StoryReport, index: _Index) -> list[_Cite]:
    """The passages the brief cites, each once: its notes, built here for every format."""
    return _notes((None, index.for_citations(s.citations)) for s in report.brief)


def brief_citations(report: StoryReport) -> tuple[list[str], list[str]]:
    """Each brief line's citations (``[1][2]``) and the notes of the passages they cite
    (``[1] Reuters, §2: “…”``), as plain text for a terminal: what the Markdown brief shows."""
    index = _Index(report)
    marks = [_marks(index.for_citations(s.citations)) for s in report.brief]
    return marks, [c.note for c in _brief_notes(report, index)]


def _md_brief(sentence: BriefSentence, index: _Index) -> str:
    values = f" — values: {_md('; '.join(sentence.values))}" if sentence.values else ""
    return (
        f"- {_md(sentence.text)} {_md_cites(index.for_citations(sentence.citations))} "
        f"({_md(_brief_note(sentence, index))}){values}"
    )


def _h_statements(statements: Sequence[Statement], index: _Index, layout: StoryLayout) -> str:
    """One speaker's statements under one heading. The reports of one statement that word
    it alike are one quote citing each of them: twenty copies of a wire quote read once."""
    name, role = _speaker(statements[0])
    note = f' <span class="role">({_e(role)})</span>' if role else ""
    rows: list[str] = []
    for statement in statements:
        worded: dict[str, list[Quote]] = {}
        for quote in statement.quotes:
            worded.setdefault(_inline(index.wording(quote)), []).append(quote)
        for wording, quotes in worded.items():
            cites = _h_cites([index.cite(q.article_id, q.content_span) for q in quotes])
            rows.append(
                f"<blockquote>{_e(wording)} — {cites} "
                f'<span class="note">({_e(_quote_note(quotes[0], statement))})</span></blockquote>'
            )
    shown = _listed(rows, layout.said, layout, "statement", by=f" by {name}")
    return "\n".join(
        [f'<div class="said"><p class="speaker">{_e(name)}{note}</p>', *shown, "</div>"]
    )


def _listed(
    rows: Sequence[str],
    limit: int | None,
    layout: StoryLayout,
    what: str,
    wrap: tuple[str, str] = ("", ""),
    by: str = "",
) -> list[str]:
    """A list's first ``limit`` rows in ``wrap`` (its start and end tags); the rest folded
    under them (static report) or left to the page that shows every list whole (web):
    "…and 171 more facts"."""
    start, end = wrap
    shown = list(rows if limit is None else rows[:limit])
    out = [start, *shown, end] if shown else []
    rest = rows[len(shown) :]
    if not rest:
        return [line for line in out if line]
    more = f"{len(rest)} more {what}{'' if len(rest) == 1 else 's'}{by}"
    if layout.more_href:
        out.append(
            f'<p class="more">…and {_e(more)}: '
            f'<a href="{_e(layout.more_href)}">the whole story on one page</a></p>'
        )
    else:
        again = start.replace("<ol", f'<ol start="{len(shown) + 1}"', 1)
        out += [f'<details class="more"><summary>{_e(more)}</summary>', again, *rest, end]
        out.append("</details>")
    return [line for line in out if line]


def _heading(layout: StoryLayout, text: str, ident: str = "") -> str:
    """A section heading, one level below the story's title."""
    level = min(layout.level + 1, 6)
    attr = f' id="{_e(ident)}"' if ident else ""
    return f"<h{level}{attr}>{_e(text)}</h{level}>"


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


def _outlets(report: StoryReport) -> list[tuple[str, int]]:
    """The story's sources by short name with their article counts, most articles first
    (ties in reading order)."""
    counts: dict[str, int] = {}
    for article in report.articles:
        name = source_name(article)
        counts[name] = counts.get(name, 0) + 1
    order = {name: n for n, name in enumerate(counts)}
    return sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))


def _h_head(report: StoryReport, layout: StoryLayout) -> list[str]:
    """What a reader needs first: the title, when, how many articles and independent
    sources, and who published them, in a few lines above the brief."""
    story = report.story
    level = min(layout.level, 6)
    title = _e(_inline(story.title) or "Untitled story")
    counts = (
        f"{_plural(len(report.articles), 'article')} · "
        f"{_plural(len(report.origin_groups), 'independent source')}"
    )
    names = _outlets(report)
    shown = " · ".join(
        _e(name) + (f' <span class="note">×{n}</span>' if n > 1 else "")
        for name, n in names[:OUTLETS_SHOWN]
    )
    if len(names) > OUTLETS_SHOWN:
        shown += f' · <a href="#articles-{_e(story.id)}">{len(names) - OUTLETS_SHOWN} more</a>'
    return [
        '<header class="story-head">',
        f'<h{level} class="story-title">{title}</h{level}>',
        f'<p class="meta">{_e(_date_span(report))} · {counts} · '
        f"story <code>{_e(story.id)}</code></p>",
        f'<p class="outlets"><span class="note">Outlets ({len(names)}):</span> {shown}</p>',
        "</header>",
    ]


def _h_brief_section(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    if not report.brief:
        return []
    out = [_heading(layout, "Brief"), '<ul class="brief">']
    out += [_h_brief(s, index) for s in report.brief]
    out.append("</ul>")
    dates = _dates_line(report, index, _e)
    if dates:
        out.append(f'<p class="note">{dates}</p>')
    return out


def _h_said(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    """Who said what: the most quoted speakers first, so a long list starts with the
    voices the story turns on."""
    if not report.statements:
        return []
    groups = sorted(_by_speaker(report.statements), key=len, reverse=True)
    blocks = [_h_statements(group, index, layout) for group in groups]
    return [_heading(layout, "Who said what"), *_listed(blocks, layout.items, layout, "speaker")]


def _h_reuse(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    if not report.reuse:
        return []
    out = [_heading(layout, "Reuse"), *_h_reuse_graph(report, index)]
    tables = len(report.reuse) if layout.tables is None else layout.tables
    edges = [
        "\n".join(_h_edge(edge, index, layout.pairs if k < tables else 0))
        for k, edge in enumerate(report.reuse)
    ]
    return out + _listed(edges, layout.items, layout, "reuse edge")


def _h_conflicts(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    if not report.conflicts:
        return []
    rows = []
    for conflict in report.conflicts:
        head, sides = _conflict_line(conflict, index)
        arrow = " → " if conflict.kind == "update" else " <em>vs</em> "
        body = arrow.join(f"{_e(v)} {_h_cites(c)}" for v, c in sides)
        rows.append(f"<li><strong>{_e(head)}</strong>: {body}</li>")
    wrap = ('<ul class="conflicts">', "</ul>")
    listed = _listed(rows, layout.items, layout, "conflict", wrap)
    return [_heading(layout, "Conflicts and updates"), *listed]


def _h_positions(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    if not report.positions:
        return []
    rows = []
    for p in report.positions:
        text = _e(_inline(p.text))
        text = f"“{text}”" if p.kind == "quote" else text
        rows.append(
            f'<tr><td data-label="actor">{_e(_position_who(p))}</td>'
            f'<td data-label="stance">{_e(p.stance)}</td>'
            f'<td data-label="on">{_e(_position_on(p))}</td><td data-label="what">{text} '
            f"{_h_cites(index.for_citations(p.citations))}</td>"
            f'<td data-label="date">{_e(p.date or "")}</td></tr>'
        )
    start = (
        '<table class="pairs positions"><colgroup><col style="width:19%">'
        '<col style="width:10%"><col style="width:17%"><col style="width:44%">'
        '<col style="width:10%"></colgroup><thead><tr><th>actor</th><th>stance</th>'
        "<th>on</th><th>what</th><th>date</th></tr></thead><tbody>"
    )
    listed = _listed(rows, layout.items, layout, "position", (start, "</tbody></table>"))
    return [_heading(layout, "Positions"), *listed]


def _h_timeline(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    if not report.timeline:
        return []
    rows = [
        f"<li><strong>{_e(event.date)}</strong> ({_e(_inline(event.date_text))}): "
        f"{_e(_inline(event.text))} {_h_cites(index.for_citations(event.citations))}</li>"
        for event in report.timeline
    ]
    listed = _listed(rows, layout.items, layout, "event", ('<ol class="timeline">', "</ol>"))
    return [_heading(layout, "Timeline"), *listed]


def _h_facts(report: StoryReport, index: _Index, layout: StoryLayout) -> list[str]:
    """Corroborated facts open; single-source ones (most of any article) folded."""
    out: list[str] = []
    if report.shared_facts:
        rows = [
            f"<li>{_e(_inline(f.text))} {_h_cites(index.for_fact(f))} "
            f'<span class="note">({_e(_fact_note(f, index))})</span></li>'
            for f in report.shared_facts
        ]
        out.append(_heading(layout, "Corroborated by independent sources"))
        out += _listed(rows, layout.items, layout, "fact", ("<ul>", "</ul>"))
    if report.single_source_facts:
        rows = [
            f"<li>{_e(_inline(f.text))} {_h_cites(index.for_fact(f))}</li>"
            for f in report.single_source_facts
        ]
        count = _plural(len(rows), "fact")
        out.append(
            f'<details class="fold"><summary>{_heading(layout, "Single-source facts")} '
            f'<span class="note">({count} one source reports)</span></summary>'
        )
        out += _listed(rows, layout.items, layout, "fact", ("<ul>", "</ul>"))
        out.append("</details>")
    return out


def _h_compare_sections(report: StoryReport, index: _Index) -> list[str]:
    """Dates, conflicts and updates, positions and timeline, in HTML (the brief's page)."""
    layout = StoryLayout(items=None)
    dates = _dates_line(report, index, _e)
    out = [f'<p class="note">{dates}</p>'] if dates else []
    out += _h_conflicts(report, index, layout)
    out += _h_positions(report, index, layout)
    out += _h_timeline(report, index, layout)
    return out


def _h_story(report: StoryReport, layout: StoryLayout | None = None) -> list[str]:
    """One story in reading order: what it is (title, dates, sources), the cited brief,
    who said what, reuse, conflicts, positions, timeline, facts, and last the articles
    the citations point at."""
    layout = layout or StoryLayout()
    index = _Index(report, layout.article_href)
    story = report.story
    by_article: dict[str, list[Quote]] = {}
    for quote in report.quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    signals: Mapping[str, str] = _signals(report)
    out = [f'<section class="story" id="s-{_e(story.id)}">', *_h_head(report, layout)]
    out += _h_brief_section(report, index, layout)
    out += _h_said(report, index, layout)
    out += _h_reuse(report, index, layout)
    out += _h_conflicts(report, index, layout)
    out += _h_positions(report, index, layout)
    out += _h_timeline(report, index, layout)
    out += _h_facts(report, index, layout)
    out += [_heading(layout, "Articles", ident=f"articles-{story.id}"), '<ol class="articles">']
    out += [
        _h_article(n, a, by_article.get(a.id, []), signals.get(a.id), layout)
        for n, a in enumerate(report.articles, 1)
    ]
    out += ["</ol>", "</section>"]
    return out


def story_html(report: StoryReport, layout: StoryLayout | None = None) -> str:
    """One story's section of a page, as ``render_html`` lays it out, for a page of its
    own (the web app's story page, with its ``layout``)."""
    return "\n".join(_h_story(report, layout))


def render_html(reports: Sequence[StoryReport]) -> str:
    """One self-contained page: no scripts, no external resources, all text escaped."""
    toc = "".join(
        f'<li><a href="#s-{_e(r.story.id)}">{_e(_inline(r.story.title) or r.story.id)}</a> '
        f'<span class="note">({_plural(len(r.articles), "article")})</span></li>'
        for r in reports
    )
    body = [
        "<header><h1>crosswire report</h1>",
        f"<nav><ol>{toc}</ol></nav>" if reports else "<p>No stories.</p>",
        "</header>",
        "<main>",
    ]
    for report in reports:
        body += _h_story(report)
    body.append("</main>")
    title = f"crosswire: {_plural(len(reports), 'story')}"
    return "\n".join(_html_page(title, body, main=False)) + "\n"
