"""Clean one raw document into an :class:`Article`: main text plus metadata.

HTML goes through trafilatura (precision mode) for the main text and its
metadata; then every document, HTML or plain text, goes through the same line
rules, because republished wire copy carries chrome and credit lines inside
what extractors call the main text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from crosswire.clean.credits import known_wire, line_places
from crosswire.clean.dates import as_published, lifted_date, name_date, top_line_date
from crosswire.clean.rules import LineRule, Where, line_rules
from crosswire.model import Article, PublishedFrom, RawDocument, ReadError

#: A line with this many words, or a full sentence of _SENTENCE_WORDS, is body text.
_BODY_WORDS = 20
_SENTENCE_WORDS = 8
_TITLE_MAX_WORDS = 25
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass
class _Found:
    """What the line rules lifted out of the text."""

    wire: str | None = None
    byline: str | None = None
    date: str | None = None
    removed: list[str] = field(default_factory=list)


def clean_document(raw: RawDocument) -> Article | ReadError:
    """The article in ``raw``, or a :class:`ReadError` when no text is left."""
    raw = _sanitized(raw)
    problem = _input_problem(raw)
    if problem:
        return ReadError(raw.origin, problem)
    title, published, outlet, byline, url = (
        raw.title,
        raw.published,
        raw.outlet,
        raw.byline,
        raw.url,
    )
    content = raw.content
    if raw.format == "html":
        extracted = _extract_html(content, url)
        if extracted is None:
            return ReadError(raw.origin, "no article text found in the HTML")
        content = extracted.text
        title = title or extracted.title
        published = published or extracted.date
        outlet = outlet or extracted.sitename
        byline = byline or extracted.author
        url = url or extracted.url
    lines = normalize_lines(content)
    found = _Found()
    kept = _apply_rules(lines, line_rules(), found)
    kept, title = _take_title(kept, title, found, from_text=raw.format == "text")
    kept = _merge_paragraphs(kept)
    text = "\n\n".join(kept).strip()
    if not text:
        return ReadError(raw.origin, "no article text after cleaning")
    problem = _output_problem(text, title=title, url=url, outlet=outlet, byline=byline)
    if problem:
        return ReadError(raw.origin, problem)
    if published and len(published) > MAX_DATE_CHARS:
        published = None  # no date is that long: unparseable, like any other non-date
    when, when_from = _publication(published, found, lines, raw.file_name)
    return Article(
        id=article_id(text),
        origin=raw.origin,
        text=text,
        title=_one_line(title),
        url=url,
        outlet=_one_line(outlet),
        published=when,
        byline=_one_line(byline or found.byline),
        credited_source=found.wire,
        removed_lines=tuple(found.removed),
        published_from=when_from,
    )


def _publication(
    given: str | None, found: _Found, lines: list[str], file_name: str | None
) -> tuple[datetime | None, PublishedFrom | None]:
    """The publication time and where it came from: the input's metadata first, then a
    date line of the text (one a rule lifted, or a short date line at the top), then
    the file's name ("politico_2016-04-03_cruz-tops-trump.txt"). The text comes before
    the name: it is the article's own word, the name a collector's."""
    if given and (parsed := parse_date(given)) is not None:
        return parsed, "source"
    day = lifted_date(found.date)
    if day is None and (line := top_line_date(lines)) is not None:  # lines as read
        day = line[0]
    if day is not None:
        return as_published(day), "text"
    day = name_date(file_name)
    return (as_published(day), "file name") if day is not None else (None, None)


def article_id(text: str) -> str:
    """Same text, same id: case, spacing and Unicode form do not change it."""
    key = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def normalize_lines(content: str) -> list[str]:
    """Lines in NFC with invisible characters gone and spacing collapsed; blanks kept."""
    text = unicodedata.normalize("NFC", content).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def parse_date(value: str | None) -> datetime | None:
    """A publication time in UTC; ISO 8601 directly, anything else through dateparser."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        import dateparser  # slow to import; only needed for free-form dates

        parsed_or_none = dateparser.parse(
            value,
            languages=["en"],
            settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC"},
        )
        if parsed_or_none is None:
            return None
        parsed = parsed_or_none
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _words(line: str) -> int:
    return len(line.split())


def _is_body(line: str) -> bool:
    words = _words(line)
    return words >= _BODY_WORDS or (words >= _SENTENCE_WORDS and line.endswith(_SENTENCE_END))


def _apply_rules(lines: list[str], rules: tuple[LineRule, ...], found: _Found) -> list[str]:
    """Lines that survive the rules; each rule acts only in the places its ``where`` allows."""
    places = line_places(lines, [_is_body(line) for line in lines])
    kept: list[str] = []
    for line, here in zip(lines, places, strict=True):
        if not line:
            kept.append(line)
            continue
        result = _match(line, rules, here, found)
        if result is None:
            found.removed.append(line)
        else:
            kept.append(result)
    return kept


def _match(
    line: str, rules: tuple[LineRule, ...], here: frozenset[Where], found: _Found
) -> str | None:
    """The line as kept (``None`` when dropped), after the first rule that fits it."""
    for rule in rules:
        if rule.where not in here:
            continue
        if rule.action == "lead":
            match = rule.pattern.match(line)
            if match and match.end() < len(line):
                _lift(match, rule, found)
                found.removed.append(match.group(0).strip())
                return line[match.end() :]
            continue
        if rule.action == "tail":
            match = rule.pattern.search(line)
            if match and match.start() > 0:
                _lift(match, rule, found)
                found.removed.append(match.group(0).strip())
                return line[: match.start()].rstrip()
            continue
        match = rule.pattern.fullmatch(line)
        if match:
            _lift(match, rule, found)
            return None
    return line


def _lift(match: re.Match[str], rule: LineRule, found: _Found) -> None:
    """Record what a rule's named groups hold; only a known news agency is a credit."""
    groups = match.groupdict()
    named = groups.get("wire") or rule.wire
    wire = known_wire(named) if named and rule.action in ("credit", "lead", "tail") else None
    if wire and found.wire is None:
        found.wire = wire
    if groups.get("byline") and found.byline is None:
        found.byline = groups["byline"].strip()
    if groups.get("date") and found.date is None:
        found.date = groups["date"].strip()


def _take_title(
    lines: list[str], title: str | None, found: _Found, *, from_text: bool
) -> tuple[list[str], str | None]:
    """Lift a plain-text headline (a short first line) and drop repeats of the title.

    A short first line that ends in a full stop and stands alone as a paragraph ("O'Malley
    campaign to shift staff, resources to Iowa." then a blank line, as PolNeAR's files
    are) is the title too, but stays in the text as written: it may be a one-sentence
    lead, and the text (hence the article's id and every offset) does not change."""
    if from_text and title is None:
        for i, line in enumerate(lines):
            if not line:
                continue
            rest = lines[:i] + lines[i + 1 :]
            short = _words(line) <= _TITLE_MAX_WORDS
            headline = short and not line.endswith((".", ":", ","))
            if headline and any(rest):  # a one-line text is its own body, not a title
                title, lines = line, rest
            elif short and line.endswith(".") and _alone(lines, i):
                return lines, line
            break
    if title:
        key = title.casefold().strip()
        repeats = [line for line in lines if line.casefold() == key]
        found.removed.extend(repeats)
        lines = [line for line in lines if line.casefold() != key]
    return lines, title


def _alone(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a paragraph of its own with more text after it."""
    return i + 1 < len(lines) and not lines[i + 1] and any(lines[i + 2 :])


def _merge_paragraphs(lines: list[str]) -> list[str]:
    """Non-empty lines, one per paragraph (blank-line runs collapse)."""
    return [line for line in lines if line]


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    flat = " ".join(value.split())
    return flat or None


@dataclass(frozen=True)
class _Extracted:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    author: str | None
    url: str | None


def _extract_html(html: str, url: str | None) -> _Extracted | None:
    """Main text and metadata through trafilatura, precision first, recall as a fallback.

    The page is parsed once, by trafilatura's own loader, and its root made an
    ``<html>`` element: a fragment whose root is, say, ``<math>`` or ``<style>``
    otherwise trips trafilatura's cleaners, which drop such elements from their
    parent (and a root has none).
    """
    import trafilatura  # heavy import, only for HTML input
    from lxml import html as lxml_html

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    if tree.tag != "html":
        root = lxml_html.Element("html")
        root.append(tree)
        tree = root
    for precision in (True, False):
        document = trafilatura.bare_extraction(
            tree,  # copied by trafilatura, so each pass starts from the parsed page
            url=url,
            favor_precision=precision,
            favor_recall=not precision,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
        if document is not None and not isinstance(document, dict):
            document = document.as_dict()
        if isinstance(document, dict) and (document.get("text") or "").strip():
            return _Extracted(
                text=str(document["text"]),
                title=_str(document.get("title")),
                date=_str(document.get("date")),
                sitename=_str(document.get("sitename")),
                author=_str(document.get("author")),
                url=_str(document.get("url")),
            )
    return None


def _str(value: object) -> str | None:
    return str(value) if value else None


# -- guards: what hostile or broken input may not do ----------------------------

#: Longest article text kept (about 30,000 words; the longest long-reads are a third
#: of that). Longer text is refused, not cut: a cut article would be quoted wrongly.
MAX_ARTICLE_CHARS = 200_000
#: Longest title, outlet, byline or URL.
MAX_FIELD_CHARS = 2_000
#: Longer publication "dates" are treated as unparseable.
MAX_DATE_CHARS = 100
#: HTML whose visible text is longer than this holds no single article; refusing it
#: early bounds trafilatura's time (about 5 s per million characters of text).
MAX_HTML_TEXT_CHARS = 4 * MAX_ARTICLE_CHARS
#: Characters XML (hence lxml) and UTF-8 cannot carry: C0 controls but tab and
#: newlines (dropped; vertical tab and form feed become newlines), lone surrogates
#: (become U+FFFD), and the two non-characters U+FFFE/U+FFFF (dropped).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_PAGE_BREAKS = str.maketrans("\x0b\x0c", "\n\n")  # vertical tab, form feed: line breaks
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _safe(value: str) -> str:
    """``value`` without characters no store, parser or encoder downstream accepts."""
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", value.translate(_PAGE_BREAKS)))


def _sanitized(raw: RawDocument) -> RawDocument:
    """``raw`` with every field made safe (a JSON line may hold ``\\ud800`` or ``\\u0000``)."""
    fields = (raw.content, raw.title, raw.url, raw.outlet, raw.published, raw.byline)
    if not any(v and _UNSAFE.search(v) for v in fields):
        return raw
    return replace(  # the rest (encoding, file name) kept as read
        raw,
        content=_safe(raw.content),
        title=_safe(raw.title) if raw.title else raw.title,
        url=_safe(raw.url) if raw.url else raw.url,
        outlet=_safe(raw.outlet) if raw.outlet else raw.outlet,
        published=_safe(raw.published) if raw.published else raw.published,
        byline=_safe(raw.byline) if raw.byline else raw.byline,
    )


def _input_problem(raw: RawDocument) -> str | None:
    """Why ``raw`` is refused before any work on it, if it is."""
    if raw.format == "text" and len(raw.content) > MAX_HTML_TEXT_CHARS:
        return _too_long("text", len(raw.content), MAX_HTML_TEXT_CHARS)
    if raw.format == "html":
        visible = _visible_chars(raw.content)
        if visible > MAX_HTML_TEXT_CHARS:
            return _too_long("HTML text", visible, MAX_HTML_TEXT_CHARS)
    return None


def _output_problem(text: str, **fields: str | None) -> str | None:
    """Why a cleaned article is refused: longer than one article or field may be, or no
    prose at all (a Makefile saved as .txt gave ".PHONY" as a speaker)."""
    if len(text) > MAX_ARTICLE_CHARS:
        return _too_long("article text", len(text), MAX_ARTICLE_CHARS)
    for name, value in fields.items():
        if value and len(value) > MAX_FIELD_CHARS:
            return _too_long(name, len(value), MAX_FIELD_CHARS)
    share = _prose_share(text)
    if share < MIN_PROSE_SHARE:
        return f"not prose: {share:.0%} of its text is in sentences (code, a table or a list?)"
    return None


#: Share of a text's characters in sentences below which it is no article: news texts
#: measured 0.58 at the least (PolNeAR, ECB+, SemEval: 2,122 texts), code and lists
#: 0.04-0.16 (a Makefile, pyproject.toml, a Python module, requirements.txt).
MIN_PROSE_SHARE = 0.3
#: Texts of fewer lines are judged no prose only by their length limits: a one-line
#: article or a headline and a paragraph.
_PROSE_MIN_LINES = 5
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')]*(?:\s|$)")
_PROSE_WORDS = 6


def _prose_share(text: str) -> float:
    """Share of the text's characters in lines that hold a sentence: six words or more
    and a full stop, question or exclamation mark (closing quotes allowed after it)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < _PROSE_MIN_LINES:
        return 1.0
    sentences = sum(
        len(line)
        for line in lines
        if len(line.split()) >= _PROSE_WORDS and _SENTENCE_STOP.search(line)
    )
    return sentences / sum(len(line) for line in lines)


def _too_long(what: str, size: int, limit: int) -> str:
    return f"{what} too long ({size:,} characters > {limit:,})"


def _visible_chars(html: str) -> int:
    """Non-blank characters of text in ``html``, scripts and styles left out (lxml, linear)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.LxmlError, ValueError):
        return len(html)  # the extractor will find nothing either; bound it by size
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    return sum(len(piece.strip()) for piece in tree.itertext())
