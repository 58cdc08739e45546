"""Feeds, web archives and crawler output: RSS/Atom, WARC (CC-NEWS), news-please JSON.

Each reader turns one input into documents and one-line errors, like the
file reader, with caps on what hostile input can cost: feeds are checked by
defusedxml first (no entity expansion, no external entities), WARC records
are read only up to a size cap per record and in total (a gzip bomb stops at
the cap), and only HTML responses with a 2xx status are taken.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosswire.model import RawDocument, ReadError

MAX_FEED_BYTES = 20 * 1024 * 1024
MAX_RECORD_BYTES = 10 * 1024 * 1024
MAX_WARC_BYTES = 8 * 1024 * 1024 * 1024
MAX_FEED_ENTRIES = 10_000

Item = RawDocument | ReadError


def _text(value: Any, limit: int = 2000) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:limit]
    return None


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def _fragment_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed entry's content is not a whole page)."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_feed(data: bytes, origin: str) -> Iterator[Item]:
    """Entries of an RSS or Atom feed, with their full content when the feed carries it.

    A feed with only summaries gives short documents; fetch the entries' links
    to get whole articles (``crosswire watch`` does).
    """
    import defusedxml.ElementTree as safe_xml
    import feedparser
    from defusedxml import DefusedXmlException

    if len(data) > MAX_FEED_BYTES:
        yield ReadError(origin, f"feed too large (> {MAX_FEED_BYTES // 1_000_000} MB)")
        return
    try:
        safe_xml.fromstring(data)
    except DefusedXmlException as error:
        yield ReadError(origin, f"unsafe XML refused ({type(error).__name__})")
        return
    except safe_xml.ParseError as error:
        yield ReadError(origin, f"not a well-formed feed: {error}")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        yield ReadError(origin, "no feed entries")
        return
    outlet = _text(parsed.feed.get("title"), 200)
    for n, entry in enumerate(parsed.entries[:MAX_FEED_ENTRIES]):
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        where = f"{origin}#{entry.get('id') or entry.get('link') or n}"
        if not isinstance(body, str) or not body.strip():
            yield ReadError(where, "feed entry has no text")
            continue
        authors = ", ".join(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
        text = _fragment_text(body) if "<" in body else body
        if not text.strip():
            yield ReadError(where, "feed entry has no text")
            continue
        yield RawDocument(
            origin=where,
            content=text,
            format="text",
            title=_text(entry.get("title"), 500),
            url=_text(entry.get("link"), 4000),
            outlet=outlet,
            published=_text(entry.get("published") or entry.get("updated"), 100),
            byline=_text(authors, 500),
        )


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC or WARC.gz file (as Common Crawl's CC-NEWS ships them)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    total = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{origin}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
                status = record.http_headers.get_statuscode() if record.http_headers else None
                kind = record.http_headers.get_header("Content-Type", "") if status else ""
                if not status or not status.startswith("2") or "html" not in kind.lower():
                    continue
                body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                total += len(body)
                if len(body) > MAX_RECORD_BYTES:
                    yield ReadError(where, f"record larger than {MAX_RECORD_BYTES // 1_000_000} MB")
                    continue
                if total > MAX_WARC_BYTES:
                    yield ReadError(origin, "archive larger than the cap; the rest is skipped")
                    return
                charset = "utf-8"
                if "charset=" in kind.lower():
                    charset = kind.lower().split("charset=", 1)[1].split(";")[0].strip() or charset
                try:
                    content = body.decode(charset, errors="replace")
                except LookupError:
                    content = body.decode("utf-8", errors="replace")
                yield RawDocument(
                    origin=where,
                    content=content,
                    format="html",
                    url=url or None,  # WARC-Date is the crawl time, not publication
                )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        # warcio's messages span lines; a skipped input gets one
        yield ReadError(origin, f"cannot read WARC: {' '.join(str(error).split())[:300]}")


_NEWSPLEASE_TEXT = ("maintext", "text")


def read_newsplease(path: Path, data: bytes) -> Iterator[Item]:
    """One news-please JSON article (``maintext``, ``title``, ``date_publish``, ``authors``...)."""
    origin = str(path)
    try:
        record = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        yield ReadError(origin, f"invalid JSON: {error}")
        return
    except RecursionError:
        yield ReadError(origin, "invalid JSON: nested too deeply")
        return
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        yield ReadError(origin, f"invalid JSON: {' '.join(str(error).split())[:200]}")
        return
    records = record if isinstance(record, list) else [record]
    for n, item in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}:{n + 1}"
        if not isinstance(item, dict):
            yield ReadError(where, "not a news-please article object")
            continue
        text = next((item[k] for k in _NEWSPLEASE_TEXT if isinstance(item.get(k), str)), None)
        if not text or not text.strip():
            yield ReadError(where, "no `maintext`")
            continue
        authors = item.get("authors")
        byline = (
            ", ".join(a for a in authors if isinstance(a, str))
            if isinstance(authors, list)
            else None
        )
        yield RawDocument(
            origin=where,
            content=text,
            format="text",
            title=_text(item.get("title"), 500),
            url=_text(item.get("url"), 4000),
            outlet=_text(item.get("source_domain"), 200),
            published=_text(item.get("date_publish"), 100),
            byline=_text(byline, 500),
        )


ARCHIVE_SUFFIXES = {
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".json": "newsplease",
}


def archive_kind(name: str) -> str | None:
    """``warc``, ``feed`` or ``newsplease`` for a file name crosswire reads as such."""
    lower = name.lower()
    for suffix, kind in ARCHIVE_SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    return None


def read_archive(path: Path, kind: str) -> Iterator[Item]:
    """Documents of one feed, WARC or news-please file, by ``kind`` (see :func:`archive_kind`)."""
    if kind == "warc":
        yield from read_warc(path)
        return
    cap = MAX_FEED_BYTES if kind == "feed" else MAX_RECORD_BYTES
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        yield ReadError(str(path), f"cannot read: {error.strerror or error}")
        return
    if len(data) > cap:
        yield ReadError(str(path), f"file too large (> {cap // 1_000_000} MB)")
    elif kind == "feed":
        yield from read_feed(data, str(path))
    else:
        yield from read_newsplease(path, data)


def sitemap_urls(data: bytes, origin: str) -> list[str] | ReadError:
    """Page URLs of a sitemap (``<urlset>``), or nested sitemap URLs of a ``<sitemapindex>``."""
    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    try:
        root = safe_xml.fromstring(data[: MAX_FEED_BYTES + 1])
    except (DefusedXmlException, safe_xml.ParseError) as error:
        return ReadError(origin, f"not a usable sitemap: {type(error).__name__}")
    if not root.tag.endswith(("urlset", "sitemapindex")):
        return ReadError(origin, "not a sitemap")
    found = [
        (element.text or "").strip()
        for element in root.iter()
        if element.tag.endswith("loc") and (element.text or "").strip()
    ]
    return found[:MAX_FEED_ENTRIES]


def is_sitemap(data: bytes) -> bool:
    head = data[:2000].lower()
    return b"<urlset" in head or b"<sitemapindex" in head
