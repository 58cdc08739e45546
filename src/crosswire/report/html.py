"""The HTML face: a story page (``sections.story_page``) as HTML, for the static report
(one self-contained file) and the web app's story pages (``story_html`` with a
``StoryLayout``).

Every citation ``[1]`` links to its passage and carries it in a tip; article text is
untrusted input: all of it is escaped, only http(s) URLs are linked and the page's CSP
forbids scripts and external resources.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.model import Quote, StoryReport
from crosswire.report.build import story_page
from crosswire.report.common import (
    MAX_PAIRS,
    OUTLETS_SHOWN,
    TITLE_WIDTH,
    article_label,
    inline,
    plural,
    safe_url,
    short_date,
    source_name,
    truncate,
)
from crosswire.report.sections import (
    ArticleEntry,
    BriefLine,
    Cite,
    Edge,
    Pair,
    Section,
    Speaker,
    StoryPage,
    by_article,
)


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


def _href(cite: Cite, layout: StoryLayout) -> str:
    """Where a citation leads: its passage on the article's page (``article_href``), else
    the article's entry in the same page (``#a-ID``), which a static report has instead."""
    if layout.article_href is None:
        return f"#a-{cite.article_id}"
    href = layout.article_href.format(id=cite.article_id)
    return href + f"#{cite.anchor}" if cite.anchor else href


def _cite(group: Sequence[Cite], layout: StoryLayout) -> str:
    """``[1]`` linking to the first passage this line cites of an article, with every such
    passage in a tip that hover, keyboard focus and a tap (which focuses a link) show."""
    first = group[0]
    tip = " · ".join([first.about, *(c.where for c in group[1:] if c.where)])
    return (
        f'<a class="cite" href="{_e(_href(first, layout))}">{_e(first.mark)}'
        f'<span class="tip">{_e(tip)}</span></a>'
    )


def _cites(cites: Sequence[Cite], layout: StoryLayout) -> str:
    """A line's citations: each cited article once, as a link with its passages' tip."""
    if not cites:
        return '<span class="cites">[uncited]</span>'
    links = "".join(_cite(g, layout) for g in by_article(cites))
    return f'<span class="cites">{links}</span>'


def _notes(notes: Sequence[Cite], layout: StoryLayout) -> list[str]:
    """A section's cited passages as a footnote list, each linked like its citation."""
    if not notes:
        return []
    items = "".join(
        f'<li><a class="cite" href="{_e(_href(c, layout))}">{_e(c.mark)}</a> {_e(c.about)}</li>'
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
        out.append(f'<mark class="q" title="{_e(inline(who))}">{_e(text[start:end])}</mark>')
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


def _article(entry: ArticleEntry, layout: StoryLayout) -> str:
    """One entry of the articles list: number, source, title and what is known of it.

    The static report folds the article's text under it (the file is the only place
    it is); the web page links the article's own page instead, which has the text
    marked up, so forty texts are not carried on the story page.
    """
    article = entry.article
    name = _e(source_name(article))
    if article.credited_source:
        name += f" (via {_e(inline(article.credited_source))})"
    meta: list[str] = []
    if article.title:
        title = _e(truncate(inline(article.title), TITLE_WIDTH))
        if layout.article_href:
            href = _e(layout.article_href.format(id=article.id))
            title = f'<a href="{href}">{title}</a>'
        meta.append(f"“{title}”")
    elif layout.article_href:
        meta.append(f'<a href="{_e(layout.article_href.format(id=article.id))}">text</a>')
    if published := short_date(article.published):
        meta.append(f"published {_e(published)}")
    if article.byline:
        meta.append(f"by {_e(truncate(inline(article.byline), TITLE_WIDTH))}")
    head = (
        f'<li id="a-{_e(article.id)}"><span class="num">[{entry.number}]</span> '
        f"<strong>{name}</strong>"
    )
    if layout.article_href:  # url, origin and text are on the article's page
        return f'{head} <span class="meta">{" · ".join(meta)}</span></li>'
    if url := safe_url(article.url):
        meta.append(f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>')
    elif article.url:
        meta.append(f"url: {_e(inline(article.url))}")
    meta.append(f"origin: <code>{_e(inline(article.origin))}</code>")
    if entry.joined:
        meta.append(f"joined: {_e(entry.joined)}")
    removed = ""
    if article.removed_lines:
        removed = (
            f'<p class="note">{plural(len(article.removed_lines), "line")} of page chrome '
            f"removed.</p>"
        )
    return (
        f'{head}<div class="meta">{" · ".join(meta)}</div>'
        f"<details><summary>Text ({len(article.text)} characters)</summary>"
        f'<div class="text">{_highlighted(article.text, entry.quotes)}</div>{removed}'
        "</details></li>"
    )


def _edge(edge: Edge, pairs: int, layout: StoryLayout) -> list[str]:
    """One reuse edge: who copied whom and how much, its aligned passages folded under it
    (``pairs`` of them; 0 shows the summary line alone)."""
    line = (
        f'<strong><a class="cite" href="#a-{_e(edge.origin_id)}">[{edge.origin}]</a> → '
        f'<a class="cite" href="#a-{_e(edge.copy_id)}">[{edge.copy}]</a></strong>: '
        f"{_e(edge.summary)}"
    )
    if not edge.pairs or pairs <= 0:
        return [f'<p class="edge">{line}</p>']
    out = [
        f'<details class="edge"><summary>{line} '
        f'<span class="note">({plural(len(edge.pairs), "aligned passage")})</span></summary>',
        f'<table class="pairs"><thead><tr><th>origin [{edge.origin}]</th>'
        f"<th>copy [{edge.copy}]</th></tr></thead><tbody>",
    ]
    out += [_pair(pair, edge, layout) for pair in edge.pairs[:pairs]]
    out.append("</tbody></table>")
    if len(edge.pairs) > pairs:
        out.append(f'<p class="note">…and {len(edge.pairs) - pairs} more aligned passages.</p>')
    out.append("</details>")
    return out


def _pair(pair: Pair, edge: Edge, layout: StoryLayout) -> str:
    left, right = _diff(pair.origin_text, pair.copy_text)
    lcite, rcite = _cites([pair.origin], layout), _cites([pair.copy], layout)
    return (
        f'<tr><td data-label="origin [{edge.origin}]">{left} {lcite}</td>'
        f'<td data-label="copy [{edge.copy}]">{right} {rcite} '
        f'<span class="note">(similarity {pair.similarity:.2f})</span></td></tr>'
    )


def _graph(page: StoryPage) -> list[str]:
    """A small inline SVG: origins on the left, their copies to the right, arrows named by kind."""
    layers = page.graph.layers
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
    entries = page.articles.rows
    label = {e.article.id: article_label(e.article) for e in entries}
    short = {e.article.id: f"[{e.number}] {source_name(e.article)}" for e in entries}
    arrow = f"arrow-{_e(page.head.story_id)}"
    out = [
        f'<svg class="graph" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Who copied whom: arrows go from the origin to the copy</title>",
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    ]
    for edge in page.reuse.rows:
        (x1, y1), (x2, y2) = where[edge.origin_id], where[edge.copy_id]
        sx, sy, ey = x1 + box_w, y1 + box_h / 2, y2 + box_h / 2
        ex = x2 if x2 > x1 else x2 + box_w  # same column: arc on the right
        out.append(
            f'<line x1="{sx}" y1="{sy}" x2="{ex}" y2="{ey}" stroke="#555" '
            f'marker-end="url(#{arrow})"><title>{_e(edge.summary)}</title></line>'
            f'<text x="{(sx + ex) / 2}" y="{(sy + ey) / 2 - 4}" font-size="12" '
            f'text-anchor="middle" fill="#333">{_e(edge.kind)}</text>'
        )
    for article_id, (x, y) in where.items():
        text = truncate(short.get(article_id, f"[?] {article_id}"), 30)
        out.append(
            f'<a href="#a-{_e(article_id)}"><rect x="{x}" y="{y}" width="{box_w}" '
            f'height="{box_h}" rx="4" fill="#eef4fb" stroke="#0b57a4"/>'
            f'<text x="{x + 6}" y="{y + 19}" font-size="12" fill="#0b57a4">{_e(text)}</text>'
            f"<title>{_e(label.get(article_id, article_id))}</title></a>"
        )
    out.append("</svg>")
    groups = _e(page.graph.groups)
    out.append(f'<p class="note">Independence groups (each counts once): {groups}</p>')
    return out


def _brief(line: BriefLine, layout: StoryLayout) -> str:
    values = (
        f'<br><span class="note">values: {_e("; ".join(line.values))}</span>' if line.values else ""
    )
    return (
        f"<li>{_e(line.text)} {_cites(line.cites, layout)} "
        f'<span class="note">({_e(line.note)})</span>{values}</li>'
    )


def _speaker(speaker: Speaker, layout: StoryLayout) -> str:
    """One speaker's statements under one heading, each wording once with its reports."""
    note = f' <span class="role">({_e(speaker.role)})</span>' if speaker.role else ""
    rows = [
        f"<blockquote>{_e(w.text)} — {_cites(w.cites, layout)} "
        f'<span class="note">({_e(w.note)})</span></blockquote>'
        for w in speaker.wordings
    ]
    shown = _listed(rows, layout.said, layout, "statement", by=f" by {speaker.name}")
    return "\n".join(
        [f'<div class="said"><p class="speaker">{_e(speaker.name)}{note}</p>', *shown, "</div>"]
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


def _heading(layout: StoryLayout, section: Section[object]) -> str:
    """A section heading, one level below the story's title."""
    level = min(layout.level + 1, 6)
    attr = f' id="{_e(section.anchor)}"' if section.anchor else ""
    return f"<h{level}{attr}>{_e(section.heading)}</h{level}>"


def _section(
    section: Section[object], rows: Sequence[str], layout: StoryLayout, wrap: tuple[str, str]
) -> list[str]:
    """A section's heading and its rows, a long list cut as ``layout`` says."""
    if not section.rows:
        return []
    return [_heading(layout, section), *_listed(rows, layout.items, layout, section.unit, wrap)]


def _head(page: StoryPage, layout: StoryLayout) -> list[str]:
    """What a reader needs first: the title, when, how many articles and independent
    sources, and who published them, in a few lines above the brief."""
    head = page.head
    level = min(layout.level, 6)
    counts = f"{plural(head.articles, 'article')} · {plural(head.sources, 'independent source')}"
    names = head.outlets
    shown = " · ".join(
        _e(name) + (f' <span class="note">×{n}</span>' if n > 1 else "")
        for name, n in names[:OUTLETS_SHOWN]
    )
    if len(names) > OUTLETS_SHOWN:
        shown += f' · <a href="#{_e(page.articles.anchor)}">{len(names) - OUTLETS_SHOWN} more</a>'
    return [
        '<header class="story-head">',
        f'<h{level} class="story-title">{_e(head.title)}</h{level}>',
        f'<p class="meta">{_e(head.dates)} · {counts} · story <code>{_e(head.story_id)}</code></p>',
        f'<p class="outlets"><span class="note">Outlets ({len(names)}):</span> {shown}</p>',
        "</header>",
    ]


def _compare(page: StoryPage, layout: StoryLayout) -> list[str]:
    """Conflicts and updates, positions and timeline."""
    conflicts = []
    for conflict in page.conflicts.rows:
        arrow = " → " if conflict.kind == "update" else " <em>vs</em> "
        body = arrow.join(f"{_e(s.text)} {_cites(s.cites, layout)}" for s in conflict.sides)
        conflicts.append(f"<li><strong>{_e(conflict.head)}</strong>: {body}</li>")
    positions = []
    for p in page.positions.rows:
        text = f"“{_e(p.text)}”" if p.quoted else _e(p.text)
        positions.append(
            f'<tr><td data-label="actor">{_e(p.who)}</td>'
            f'<td data-label="stance">{_e(p.stance)}</td>'
            f'<td data-label="on">{_e(p.on)}</td><td data-label="what">{text} '
            f"{_cites(p.cites, layout)}</td>"
            f'<td data-label="date">{_e(p.date)}</td></tr>'
        )
    events = [
        f"<li><strong>{_e(e.date)}</strong> ({_e(e.date_text)}): "
        f"{_e(e.text)} {_cites(e.cites, layout)}</li>"
        for e in page.timeline.rows
    ]
    return [
        *_section(page.conflicts, conflicts, layout, ('<ul class="conflicts">', "</ul>")),
        *_section(page.positions, positions, layout, (POSITIONS_TABLE, "</tbody></table>")),
        *_section(page.timeline, events, layout, ('<ol class="timeline">', "</ol>")),
    ]


POSITIONS_TABLE = (
    '<table class="pairs positions"><colgroup><col style="width:19%">'
    '<col style="width:10%"><col style="width:17%"><col style="width:44%">'
    '<col style="width:10%"></colgroup><thead><tr><th>actor</th><th>stance</th>'
    "<th>on</th><th>what</th><th>date</th></tr></thead><tbody>"
)


def _facts(page: StoryPage, layout: StoryLayout) -> list[str]:
    """Corroborated facts open; single-source ones (most of any article) folded."""
    out: list[str] = []
    for facts in (page.corroborated, page.single):
        if not facts.rows:
            continue
        rows = [
            f"<li>{_e(f.text)} {_cites(f.cites, layout)}"
            + (f' <span class="note">({_e(f.note)})</span>' if f.note else "")
            + "</li>"
            for f in facts.rows
        ]
        listed = _listed(rows, layout.items, layout, facts.unit, ("<ul>", "</ul>"))
        if not facts.folded:
            out += [_heading(layout, facts), *listed]
            continue
        count = plural(len(rows), "fact")
        out.append(
            f'<details class="fold"><summary>{_heading(layout, facts)} '
            f'<span class="note">({count} one source reports)</span></summary>'
        )
        out += [*listed, "</details>"]
    return out


def _story(report: StoryReport, layout: StoryLayout | None = None) -> list[str]:
    """One story in reading order: what it is (title, dates, sources), the cited brief,
    who said what, reuse, conflicts, positions, timeline, facts, and last the articles
    the citations point at."""
    layout = layout or StoryLayout()
    page = story_page(report)
    out = [f'<section class="story" id="s-{_e(page.head.story_id)}">', *_head(page, layout)]
    if page.brief.rows:
        out += [_heading(layout, page.brief), '<ul class="brief">']
        out += [_brief(line, layout) for line in page.brief.rows]
        out.append("</ul>")
        if page.dates:
            out.append(f'<p class="note">{_e(page.dates_line)}</p>')
    speakers = [_speaker(s, layout) for s in page.said.rows]
    out += _section(page.said, speakers, layout, ("", ""))
    if page.reuse.rows:
        tables = len(page.reuse.rows) if layout.tables is None else layout.tables
        edges = [
            "\n".join(_edge(edge, layout.pairs if k < tables else 0, layout))
            for k, edge in enumerate(page.reuse.rows)
        ]
        out += [_heading(layout, page.reuse), *_graph(page)]
        out += _listed(edges, layout.items, layout, page.reuse.unit)
    out += _compare(page, layout)
    out += _facts(page, layout)
    out += [_heading(layout, page.articles), '<ol class="articles">']
    out += [_article(entry, layout) for entry in page.articles.rows]
    out += ["</ol>", "</section>"]
    return out


def story_html(report: StoryReport, layout: StoryLayout | None = None) -> str:
    """One story's section of a page, as ``render_html`` lays it out, for a page of its
    own (the web app's story page, with its ``layout``)."""
    return "\n".join(_story(report, layout))


def html_page(title: str, body: Sequence[str], *, main: bool = True) -> str:
    """A self-contained page: the CSP, the report's CSS and ``body``; ``main`` wraps the
    body in ``<main>`` (the report page puts its header before its own)."""
    lines = [
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
    return "\n".join(lines) + "\n"


def render_html(reports: Sequence[StoryReport]) -> str:
    """One self-contained page: no scripts, no external resources, all text escaped."""
    toc = "".join(
        f'<li><a href="#s-{_e(r.story.id)}">{_e(inline(r.story.title) or r.story.id)}</a> '
        f'<span class="note">({plural(len(r.articles), "article")})</span></li>'
        for r in reports
    )
    body = [
        "<header><h1>crosswire report</h1>",
        f"<nav><ol>{toc}</ol></nav>" if reports else "<p>No stories.</p>",
        "</header>",
        "<main>",
    ]
    for report in reports:
        body += _story(report)
    body.append("</main>")
    return html_page(f"crosswire: {plural(len(reports), 'story')}", body, main=False)


def brief_html(report: StoryReport) -> str:
    """One story's cited brief on a page of its own, with its articles, the passages the
    brief cites, its dates, conflicts, positions and timeline, every list whole."""
    page = story_page(report)
    layout = StoryLayout(items=None)
    head = page.head
    body = [f"<h1>{_e(head.title)} <small>{_e(head.story_id)}</small></h1>", "<h3>Articles</h3>"]
    body.append("<ol>")
    body += [
        f'<li id="a-{_e(e.article.id)}">{_e(article_label(e.article))} '
        f'<span class="note">{_e(inline(e.article.origin))}</span></li>'
        for e in page.articles.rows
    ]
    body += ["</ol>", "<h3>Brief</h3>", "<ul>"]
    body += [_brief(line, layout) for line in page.brief.rows]
    body.append("</ul>")
    body += _notes(page.brief.notes, layout)
    if page.dates:
        body.append(f'<p class="note">{_e(page.dates_line)}</p>')
    body += _compare(page, layout)
    return html_page(f"crosswire brief: {head.title}", body)
