"""What every face of the report shares: short names for articles and sources, text made
one line, dates, safe URLs, passage ids and snippets, and a quote's wording.

Kept apart from the faces so that the section model, Markdown, HTML and the terminal
name an article, cut a snippet and word a quote one way.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from datetime import datetime, time
from urllib.parse import urlsplit

from crosswire.model import Article, Quote, Span, StoryReport

LABEL_WIDTH = 60
MAX_PAIRS = 12
SOURCE_WIDTH = 24
TITLE_WIDTH = 120
OUTLETS_SHOWN = 12
_STAMP = re.compile(r"\d{8}T\d{6}")
_DATED_STEM = re.compile(r"^(\w[\w.-]*?)_\d{4}-\d{2}-\d{2}(?:_|$)")


def inline(text: str) -> str:
    """Collapse all whitespace (newlines included) so text stays on one line."""
    return " ".join(text.split())


def truncate(text: str, width: int) -> str:
    """Shorten ``text`` to ``width`` characters, marking the cut with an ellipsis."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def origin_name(origin: str) -> str:
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
            inline(s)
            for s in (article.outlet, article.title, origin_name(article.origin))
            if s and s.strip()
        ),
        article.id,
    )
    label = truncate(base, LABEL_WIDTH)
    if article.credited_source:
        label += f" (via {inline(article.credited_source)})"
    return label


def source_name(article: Article) -> str:
    """Who published an article, in a few characters: its outlet, else its URL's site,
    else a short stem of its file (``politico_2016-04-03_cruz-tops-trump.txt`` ->
    ``politico``). Never a path: forty sources must fit a line or a column head."""
    if article.outlet and article.outlet.strip():
        return truncate(inline(article.outlet), SOURCE_WIDTH)
    for where in (article.url, article.origin):
        if safe_url(where):
            host = (urlsplit(str(where)).hostname or "").removeprefix("www.")
            if host:
                return truncate(host, SOURCE_WIDTH)
    return truncate(_stem(article.origin) or article.id, SOURCE_WIDTH)


def _stem(origin: str) -> str:
    """A file's short name from an origin: no folders, line number, feed entry, suffix or
    date and slug (``/in/feed.jsonl:12`` -> ``feed``, ``upload:harbour.html`` ->
    ``harbour``, ``api:20240101T120000:3`` -> ``api``)."""
    name = origin_name(origin.split("#", 1)[0])
    name = re.sub(r":\d+$", "", name)
    if ":" in name:
        scheme, rest = name.split(":", 1)
        name = scheme if not rest or _STAMP.fullmatch(rest) else rest
    name = re.sub(r"(\.[A-Za-z][A-Za-z0-9]{0,4})+$", "", name) or name
    dated = _DATED_STEM.match(name)
    return dated.group(1) if dated else name


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def short_date(value: datetime | None) -> str | None:
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


def percent(share: float) -> str:
    return f"{share:.0%}"


def safe_url(url: str | None) -> str | None:
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


def snippet(text: str, width: int = SNIPPET_WIDTH) -> str:
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


def short_source(article: Article) -> str:
    """Who a reader would say an article is from, briefly: its outlet, else the wire it
    credits, else its title or file name."""
    names = (article.outlet, article.credited_source, article.title, origin_name(article.origin))
    return snippet(next((inline(s) for s in names if s and s.strip()), article.id), 40)


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
    return _without_its_cue(wording, quote, clause.start)


def _without_its_cue(wording: str, quote: Quote, start: int) -> str:
    """A clause the attribution's own source and cue interrupt, without them: "the prime
    minister ''looked ashen,'' … from ''the direct body blow.''", not "..., Mr. Arad said,
    from ...": the words are the speaker's, the cue the reporter's."""
    spans = [s for s in (quote.source_span, quote.cue_span) if s is not None]
    if not spans:
        return wording
    cut_start = min(s.start for s in spans) - start
    cut_end = max(s.end for s in spans) - start
    if not 0 < cut_start < cut_end < len(wording):
        return wording
    before, after = wording[:cut_start].rstrip(), wording[cut_end:].lstrip()
    # set off by commas: not "what he called a 'brazen breach'", where the cue is the clause's
    if not (after.startswith(",") and before.rstrip("'\"”’").endswith(",")):
        return wording
    return f"{before.rstrip(' ,')} … {after.lstrip(' ,')}"
