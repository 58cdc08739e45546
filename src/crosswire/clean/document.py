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
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crosswire.clean.rules import LineRule, canonical_wire, line_rules
from crosswire.model import Article, RawDocument, ReadError

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
    return Article(
        id=article_id(text),
        origin=raw.origin,
        text=text,
        title=_one_line(title),
        url=url,
        outlet=_one_line(outlet),
        published=parse_date(published or found.date),
        byline=_one_line(byline or found.byline),
        credited_source=found.wire,
        removed_lines=tuple(found.removed),
    )


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
    """Lines that survive the rules; ``edge`` rules only act before and after the body."""
    body = [i for i, line in enumerate(lines) if _is_body(line)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append(line)
            continue
        at_edge = i < first or i > last
        result = _match(line, rules, at_edge, found)
        if result is None:
            found.removed.append(line)
        else:
            kept.append(result)
    return kept


def _match(line: str, rules: tuple[LineRule, ...], at_edge: bool, found: _Found) -> str | None:
    """The line as kept (``None`` when dropped), after the first rule that fits it."""
    for rule in rules:
        if rule.where == "edge" and not at_edge:
            continue
        if rule.action == "lead":
            match = rule.pattern.match(line)
            if match and match.end() < len(line):
                _lift(match, rule, found)
                found.removed.append(match.group(0).strip())
                return line[match.end() :]
            continue
        match = rule.pattern.fullmatch(line)
        if match:
            _lift(match, rule, found)
            return None
    return line


def _lift(match: re.Match[str], rule: LineRule, found: _Found) -> None:
    groups = match.groupdict()
    wire = groups.get("wire") or rule.wire
    if wire and rule.action in ("credit", "lead") and found.wire is None:
        found.wire = canonical_wire(wire)
    if groups.get("byline") and found.byline is None:
        found.byline = groups["byline"].strip()
    if groups.get("date") and found.date is None:
        found.date = groups["date"].strip()


def _take_title(
    lines: list[str], title: str | None, found: _Found, *, from_text: bool
) -> tuple[list[str], str | None]:
    """Lift a plain-text headline (a short first line) and drop repeats of the title."""
    if from_text and title is None:
        for i, line in enumerate(lines):
            if not line:
                continue
            rest = lines[:i] + lines[i + 1 :]
            headline = _words(line) <= _TITLE_MAX_WORDS and not line.endswith((".", ":", ","))
            if headline and any(rest):  # a one-line text is its own body, not a title
                title, lines = line, rest
            break
    if title:
        key = title.casefold().strip()
        repeats = [line for line in lines if line.casefold() == key]
        found.removed.extend(repeats)
        lines = [line for line in lines if line.casefold() != key]
    return lines, title


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
    """Main text and metadata through trafilatura, precision first, recall as a fallback."""
    import trafilatura  # heavy import, only for HTML input

    for precision in (True, False):
        document = trafilatura.bare_extraction(
            html,
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
