"""HTML fragments for the web pages: the coverage matrix and a highlighted article.

Pure functions from the model to escaped HTML, so the web layer only lays
pages out. Article text is untrusted: every character of it passes through
:func:`html.escape`; only the markup added here is trusted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from crosswire.model import AnnotatedArticle, Fact, Reuse, Span, StoryReport
from crosswire.report.common import anchorable, article_label, passage_id, source_name

MAX_FACTS = 40
_ROLE_CLASSES = ("quote", "cue", "source", "entity", "reused")


@dataclass(frozen=True)
class CoverageRow:
    """One fact and, per article of the story, whether that article reports it."""

    fact: Fact
    reported: tuple[bool, ...]
    shared: bool


def coverage(report: StoryReport, limit: int = MAX_FACTS) -> list[CoverageRow]:
    """Who reports what: facts several articles report first, then single-article ones that
    carry figures.

    Single-source facts without numbers are left out: they are most of any
    article and would drown the matrix; the story page lists them anyway.
    """
    ids = [a.id for a in report.articles]
    facts = list(report.shared_facts) + [
        f for f in report.single_source_facts if any(c.quantities for c in f.claims)
    ]
    rows = []
    for fact in facts[:limit]:
        present = set(fact.article_ids)
        rows.append(
            CoverageRow(fact, tuple(i in present for i in ids), shared=len(fact.article_ids) > 1)
        )
    return rows


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def coverage_html(report: StoryReport, article_href: str = "/articles/{id}") -> str:
    """The sources x facts table: a tick where an article reports a fact, a gap where not.

    Columns are headed by number and short source name, never a path; an empty cell is
    bare and a tick names its source in ``data-label``, so 40 sources x 40 facts stay
    small and a phone can show each fact as a card listing who reports it.
    """
    rows = coverage(report)
    if not rows:
        return '<p class="note">No facts to compare.</p>'
    names = [f"[{n}] {source_name(a)}" for n, a in enumerate(report.articles, 1)]
    head = "".join(
        f'<th scope="col"><a href="{html.escape(article_href.format(id=a.id))}" '
        f'title="{html.escape(_short(article_label(a), 200))}">'
        f"<span>{html.escape(name)}</span></a></th>"
        for a, name in zip(report.articles, names, strict=True)
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="yes" data-label="{html.escape(name)}">✓</td>' if present else "<td>·</td>"
            for present, name in zip(row.reported, names, strict=True)
        )
        sources = row.fact.independent_sources
        note = f"{sources} independent" if row.shared else "single source"
        body.append(
            f'<tr class="{"shared" if row.shared else "single"}">'
            f'<th scope="row">{html.escape(_short(row.fact.text))} '
            f'<span class="note">({note})</span></th>{cells}</tr>'
        )
    return (
        '<p class="note">✓: the article reports the fact. Columns are the articles, '
        "numbered as in the list above.</p>"
        '<div class="matrix-wrap"><table class="coverage" id="coverage">'
        f'<thead><tr><th scope="col">fact</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _marks(
    annotated: AnnotatedArticle, reuse: Iterable[Reuse]
) -> list[tuple[Span, str, str | None]]:
    """Spans to highlight in one article, each with its role and a tooltip."""
    article_id = annotated.article.id
    marks: list[tuple[Span, str, str | None]] = []
    for quote in (q for q in annotated.quotes if q.statement):
        who = quote.speaker.canonical if quote.speaker else "unattributed"
        marks.append((quote.content_span, "quote", f"{quote.kind} quote: {who}"))
        if quote.cue_span:
            marks.append((quote.cue_span, "cue", quote.cue))
        if quote.speaker and quote.speaker.span:
            marks.append((quote.speaker.span, "source", quote.speaker.role))
    for entity in annotated.entities:
        marks.append((entity.span, "entity", entity.label))
    for edge in reuse:
        for pair in edge.pairs:
            if edge.copy_id == article_id:
                marks.append((pair.copy_span, "reused", f"reused ({pair.similarity:.2f})"))
            elif edge.origin_id == article_id:
                marks.append((pair.origin_span, "reused", f"copied ({pair.similarity:.2f})"))
    return marks


def article_html(
    annotated: AnnotatedArticle, reuse: Sequence[Reuse] = (), cited: Iterable[Span] = ()
) -> str:
    """The article's text, paragraph by paragraph, with quotes, entities and reuse marked,
    and each ``cited`` passage wrapped in an anchor (``id="p-START-END"``) that a story's
    citation links to and the page highlights when it is the target.

    Overlapping spans (a name inside a quote inside a reused passage) are
    cut at every boundary, so each piece carries all the roles that cover it
    and the markup never nests wrongly. A cited passage that crosses another's
    end or a paragraph break is closed there and reopened without its id: the
    id stays on the passage's start, where the link lands.
    """
    text = annotated.article.text
    marks = [(s, role, tip) for s, role, tip in _marks(annotated, reuse) if 0 <= s.start < s.end]
    anchors = sorted({s for s in cited if anchorable(s, text)}, key=lambda s: (s.start, -s.end))
    breaks = {m.start() for m in re.finditer("\n\n", text)}
    cuts = sorted(
        {0, len(text)}
        | {m[0].start for m in marks}
        | {min(m[0].end, len(text)) for m in marks}
        | {x for s in anchors for x in (s.start, s.end)}
        | {x for b in breaks for x in (b, b + 2)}
    )
    out: list[str] = ["<p>"]
    open_: list[Span] = []  # anchors open around the current piece, outermost first
    named: set[Span] = set()  # anchors whose id is written
    for start, end in pairwise(cuts):
        inside = [a for a in anchors if a.start <= start and end <= a.end]
        paragraph_break = start in breaks and end == start + 2
        keep = 0
        while not paragraph_break and keep < min(len(open_), len(inside)):
            if open_[keep] != inside[keep]:
                break
            keep += 1
        out.append("</span>" * (len(open_) - keep))
        open_ = open_[:keep]
        if paragraph_break:
            out.append("</p><p>")
            continue
        for anchor in inside[keep:]:
            name = "" if anchor in named else f' id="{passage_id(anchor)}"'
            named.add(anchor)
            out.append(f'<span class="cited"{name}>')
            open_.append(anchor)
        covering = [m for m in marks if m[0].start <= start and end <= m[0].end]
        piece = html.escape(text[start:end]).replace("\n", "<br>")
        if not covering:
            out.append(piece)
            continue
        roles = sorted({role for _, role, _ in covering}, key=_ROLE_CLASSES.index)
        tips = "; ".join(dict.fromkeys(t for _, _, t in covering if t))
        out.append(f'<span class="{" ".join(roles)}" title="{html.escape(tips)}">{piece}</span>')
    out.append("</span>" * len(open_))
    out.append("</p>")
    return "".join(out)
