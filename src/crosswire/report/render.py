"""Render story reports for readers (Markdown, HTML) and programs (JSON).

Every sentence of a brief and every fact is shown with citations that name
the article *and* the character span it rests on, so a reader can check each
line against its source. Article text is untrusted input: the HTML page
escapes all of it, links only http(s) URLs and carries a CSP that forbids
scripts and external resources.
"""

from __future__ import annotations

import difflib
import html
import json
import posixpath
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
TOOLTIP_WIDTH = 400
MAX_PAIRS = 12

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


@dataclass(frozen=True)
class _Cite:
    """One rendered citation: article number, span and the text it points at."""

    article_id: str
    number: int | None
    span: Span | None
    text: str

    @property
    def label(self) -> str:
        num = str(self.number) if self.number is not None else "?"
        if self.span is None:
            return num
        return f"{num} §{self.span.start}–{self.span.end}"


class _Index:
    """Article numbers and texts of one story, for resolving citations."""

    def __init__(self, report: StoryReport) -> None:
        self.number = {a.id: n for n, a in enumerate(report.articles, 1)}
        self.text = {a.id: a.text for a in report.articles}
        self.quotes = report.quotes

    def cite(self, article_id: str, span: Span | None) -> _Cite:
        cited = ""
        if span is not None:
            cited = _inline(self.text.get(article_id, "")[max(span.start, 0) : span.end])
        return _Cite(article_id, self.number.get(article_id), span, cited)

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
    """The independent sources by article number: ``[1]+[2] · [3]``."""
    return " · ".join("+".join(f"[{index.num(a)}]" for a in group) for group in groups)


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
        for conflict in report.conflicts:
            head, sides = _conflict_line(conflict, index)
            arrow = " → " if conflict.kind == "update" else " vs "
            body = arrow.join(f"{_md(v)} {_md_cites(c)}" for v, c in sides)
            out.append(f"- **{_md(head)}**: {body}")
        out.append("")
    if report.positions:
        out += ["### Positions", "", "| actor | stance | on | what | date | cited |"]
        out.append("| --- | --- | --- | --- | --- | --- |")
        for p in report.positions:
            text = f"“{_md_cell(p.text)}”" if p.kind == "quote" else _md_cell(p.text)
            who, on = _md_cell(_position_who(p)), _md_cell(_position_on(p))
            out.append(
                f"| {who} | {p.stance} | {on} | {text} | "
                f"{p.date or ''} | {_md_cites(index.for_citations(p.citations))} |"
            )
        out.append("")
    if report.timeline:
        out += ["### Timeline", ""]
        for event in report.timeline:
            out.append(
                f"- **{event.date}** ({_md(event.date_text)}): {_md(event.text)} "
                f"{_md_cites(index.for_citations(event.citations))}"
            )
        out.append("")
    return out


def _h_compare_sections(report: StoryReport, index: _Index) -> list[str]:
    """Conflicts and updates, positions and timeline, in HTML."""
    out: list[str] = []
    dates = _dates_line(report, index, _e)
    if dates:
        out.append(f'<p class="note">{dates}</p>')
    if report.conflicts:
        out += ["<h3>Conflicts and updates</h3>", '<ul class="conflicts">']
        for conflict in report.conflicts:
            head, sides = _conflict_line(conflict, index)
            arrow = " → " if conflict.kind == "update" else " <em>vs</em> "
            body = arrow.join(f"{_e(v)} {_h_cites(c)}" for v, c in sides)
            out.append(f"<li><strong>{_e(head)}</strong>: {body}</li>")
        out.append("</ul>")
    if report.positions:
        out += [
            "<h3>Positions</h3>",
            '<table class="pairs positions"><colgroup><col style="width:19%">'
            '<col style="width:10%"><col style="width:17%"><col style="width:44%">'
            '<col style="width:10%"></colgroup><thead><tr><th>actor</th><th>stance</th>'
            "<th>on</th><th>what</th><th>date</th></tr></thead><tbody>",
        ]
        for p in report.positions:
            text = _e(_inline(p.text))
            text = f"“{text}”" if p.kind == "quote" else text
            out.append(
                f"<tr><td>{_e(_position_who(p))}</td><td>{_e(p.stance)}</td>"
                f"<td>{_e(_position_on(p))}</td><td>{text} "
                f"{_h_cites(index.for_citations(p.citations))}"
                f"</td><td>{_e(p.date or '')}</td></tr>"
            )
        out.append("</tbody></table>")
    if report.timeline:
        out += ["<h3>Timeline</h3>", '<ol class="timeline">']
        for event in report.timeline:
            out.append(
                f"<li><strong>{_e(event.date)}</strong> ({_e(_inline(event.date_text))}): "
                f"{_e(_inline(event.text))} {_h_cites(index.for_citations(event.citations))}</li>"
            )
        out.append("</ol>")
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
    if not cites:
        return "[uncited]"
    return "[" + ", ".join(c.label for c in cites) + "]"


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

    if report.shared_facts:
        out += ["### Corroborated by independent sources", ""]
        for fact in report.shared_facts:
            out.append(
                f"- {_md(fact.text)} {_md_cites(index.for_fact(fact))} "
                f"({_md(_fact_note(fact, index))})"
            )
        out.append("")

    if report.single_source_facts:
        out += ["### Single-source facts", ""]
        for fact in report.single_source_facts:
            out.append(f"- {_md(fact.text)} {_md_cites(index.for_fact(fact))}")
        out.append("")

    if report.reuse:
        out += ["### Reuse", ""]
        out += _md_reuse_graph(report, index)
        for edge in report.reuse:
            out += [_md_edge(edge, index), ""]
            out += _md_pairs(edge, index)
    return out


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
            f"| {_md_cell(pair.origin_text)} [{origin} §{pair.origin_span.start}–"
            f"{pair.origin_span.end}] | {_md_cell(pair.copy_text)} [{copy} "
            f"§{pair.copy_span.start}–{pair.copy_span.end}] | {pair.similarity:.2f} |"
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
        body += _h_compare_sections(report, index)
        return "\n".join(_html_page(f"crosswire brief: {title}", body)) + "\n"
    out = [f"# {_md(title)}", "", f"Story `{report.story.id}`", "", "### Articles", ""]
    out += [f"- **[{n}]** {_md(article_label(a))}" for n, a in enumerate(report.articles, 1)]
    out += ["", "### Brief", ""]
    out += [_md_brief(s, index) for s in report.brief]
    out.append("")
    out += _md_compare_sections(report, index)
    return "\n".join(out).rstrip() + "\n"


def _html_page(title: str, body: Sequence[str]) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        *body,
        "</main></body>",
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

CSP = "default-src 'none'; style-src 'unsafe-inline'"

CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;background:#fff}
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
""".strip()


def _e(text: str) -> str:
    """Escape untrusted text for element content and quoted attributes."""
    return html.escape(text, quote=True)


def _h_cite(cite: _Cite) -> str:
    title = f' title="{_e(_truncate(cite.text, TOOLTIP_WIDTH))}"' if cite.text else ""
    return f'<a class="cite" href="#a-{_e(cite.article_id)}"{title}>{_e(cite.label)}</a>'


def _h_cites(cites: Sequence[_Cite]) -> str:
    if not cites:
        return '<span class="cites">[uncited]</span>'
    return '<span class="cites">[' + ", ".join(_h_cite(c) for c in cites) + "]</span>"


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


def _h_article(n: int, article: Article, quotes: Sequence[Quote], why: str | None) -> str:
    meta: list[str] = []
    if article.title and _inline(article.title) not in article_label(article):
        meta.append(f"“{_e(_inline(article.title))}”")
    if published := _date(article.published):
        meta.append(f"published {_e(published)}")
    if article.byline:
        meta.append(f"by {_e(_inline(article.byline))}")
    if article.credited_source:
        meta.append(f"credits <strong>{_e(_inline(article.credited_source))}</strong>")
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
        f'<li id="a-{_e(article.id)}"><span class="num">[{n}]</span> '
        f"{_e(article_label(article))}"
        f'<div class="meta">{" · ".join(meta)}</div>'
        f"<details><summary>Text ({len(article.text)} characters)</summary>"
        f'<div class="text">{_highlighted(article.text, quotes)}</div>{removed}</details></li>'
    )


def _h_edge(edge: Reuse, index: _Index) -> list[str]:
    origin, copy = index.num(edge.origin_id), index.num(edge.copy_id)
    out = [
        f'<p><strong><a class="cite" href="#a-{_e(edge.origin_id)}">[{origin}]</a> → '
        f'<a class="cite" href="#a-{_e(edge.copy_id)}">[{copy}]</a></strong>: '
        f"{_e(_edge_summary(edge))}</p>"
    ]
    if not edge.pairs:
        return out
    out.append(
        f'<table class="pairs"><thead><tr><th>origin [{origin}]</th><th>copy [{copy}]</th>'
        "</tr></thead><tbody>"
    )
    for pair in edge.pairs[:MAX_PAIRS]:
        out.append(_h_pair(pair, edge, index))
    out.append("</tbody></table>")
    if len(edge.pairs) > MAX_PAIRS:
        out.append(f'<p class="note">…and {len(edge.pairs) - MAX_PAIRS} more aligned passages.</p>')
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
        text = _truncate(f"[{index.num(article_id)}] {label.get(article_id, article_id)}", 30)
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
    return (
        f"<tr><td>{left} {lcite}</td><td>{right} {rcite} "
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


def _md_brief(sentence: BriefSentence, index: _Index) -> str:
    values = f" — values: {_md('; '.join(sentence.values))}" if sentence.values else ""
    return (
        f"- {_md(sentence.text)} {_md_cites(index.for_citations(sentence.citations))} "
        f"({_md(_brief_note(sentence, index))}){values}"
    )


def _h_statements(statements: Sequence[Statement], index: _Index) -> list[str]:
    """One speaker's statements under one heading, each report of each statement quoted."""
    name, role = _speaker(statements[0])
    note = f' <span class="role">({_e(role)})</span>' if role else ""
    out = [f'<p class="speaker">{_e(name)}{note}</p>']
    for statement in statements:
        for quote in statement.quotes:
            cite = _h_cites([index.cite(quote.article_id, quote.content_span)])
            wording = index.wording(quote)
            out.append(
                f"<blockquote>{_e(_inline(wording))} — {cite} "
                f'<span class="note">({_e(_quote_note(quote, statement))})</span></blockquote>'
            )
    return out


def _h_story(report: StoryReport) -> list[str]:
    index = _Index(report)
    story = report.story
    by_article: dict[str, list[Quote]] = {}
    for quote in report.quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    signals: Mapping[str, str] = _signals(report)
    out = [
        f'<section class="story" id="s-{_e(story.id)}">',
        f"<h2>{_e(_inline(story.title) or 'Untitled story')} <small>{_e(story.id)}</small></h2>",
        f'<p class="meta">{_plural(len(report.articles), "article")} · '
        f"{_plural(len(report.origin_groups), 'independent source')}</p>",
        "<h3>Articles</h3>",
        '<ol class="articles">',
    ]
    out += [
        _h_article(n, a, by_article.get(a.id, []), signals.get(a.id))
        for n, a in enumerate(report.articles, 1)
    ]
    out.append("</ol>")
    if report.brief:
        out += ["<h3>Brief</h3>", "<ul>"]
        out += [_h_brief(s, index) for s in report.brief]
        out.append("</ul>")
        out += _h_compare_sections(report, index)
    if report.statements:
        out.append("<h3>Who said what</h3>")
        for statements in _by_speaker(report.statements):
            out += _h_statements(statements, index)
    if report.shared_facts:
        out += ["<h3>Corroborated by independent sources</h3>", "<ul>"]
        out += [
            f"<li>{_e(_inline(f.text))} {_h_cites(index.for_fact(f))} "
            f'<span class="note">({_e(_fact_note(f, index))})</span></li>'
            for f in report.shared_facts
        ]
        out.append("</ul>")
    if report.single_source_facts:
        out += ["<h3>Single-source facts</h3>", "<ul>"]
        out += [
            f"<li>{_e(_inline(f.text))} {_h_cites(index.for_fact(f))}</li>"
            for f in report.single_source_facts
        ]
        out.append("</ul>")
    if report.reuse:
        out.append("<h3>Reuse</h3>")
        out += _h_reuse_graph(report, index)
        for edge in report.reuse:
            out += _h_edge(edge, index)
    out.append("</section>")
    return out


def render_html(reports: Sequence[StoryReport]) -> str:
    """One self-contained page: no scripts, no external resources, all text escaped."""
    toc = "".join(
        f'<li><a href="#s-{_e(r.story.id)}">{_e(_inline(r.story.title) or r.story.id)}</a> '
        f'<span class="note">({_plural(len(r.articles), "article")})</span></li>'
        for r in reports
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>crosswire: {_plural(len(reports), 'story')}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header><h1>crosswire report</h1>",
        f"<nav><ol>{toc}</ol></nav>" if reports else "<p>No stories.</p>",
        "</header>",
        "<main>",
    ]
    for report in reports:
        out += _h_story(report)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
