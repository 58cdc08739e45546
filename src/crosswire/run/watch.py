"""Continuous ingest: folders, feeds and sitemaps, polled, placed into stories as they come.

Restart-safe by construction: every poll re-lists its sources, and the store
skips articles it holds (ids come from the cleaned text) before any
annotation, while each batch commits as one transaction. A watcher killed
mid-batch loses only that uncommitted batch, which the next run ingests
again: nothing is lost, nothing doubled. Within one run, files already read
(same path, size and mtime) and feed entries already seen are not read again.
"""

from __future__ import annotations

import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from crosswire.annotate.nlp import NlpBackend
from crosswire.model import RawDocument, ReadError
from crosswire.read import read_paths, walk
from crosswire.read.archives import is_sitemap, read_feed, read_warc, sitemap_urls
from crosswire.read.urls import FetchRefused, PoliteFetcher
from crosswire.run.pipeline import IngestResult, ingest_documents
from crosswire.store.core import Store

SHORT_ENTRY_CHARS = 600
MAX_REMOTE_WARC_BYTES = 1024 * 1024 * 1024
MAX_LINKS_PER_POLL = 200


@dataclass
class WatchState:
    """What this run has already read, so a poll only reads what is new."""

    files: set[tuple[str, int, int]] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _new_files(folder: Path, state: WatchState) -> list[Path]:
    fresh = []
    for path in [folder] if folder.is_file() else walk(folder):
        info = path.stat()
        key = (str(path), info.st_size, info.st_mtime_ns)
        if key not in state.files:
            state.files.add(key)
            fresh.append(path)
    return fresh


def _from_url(
    source: str, fetcher: PoliteFetcher, state: WatchState
) -> Iterator[RawDocument | ReadError]:
    """An article page; a feed's entries (their pages fetched when the feed has only
    summaries); a sitemap's pages; or a web archive's pages."""
    if source.lower().split("?")[0].endswith((".warc", ".warc.gz")):
        yield from _remote_warc(source, fetcher)
        return
    try:
        page = fetcher.get(source)
    except FetchRefused as refused:
        yield ReadError(source, _why(source, refused))
        return
    data = page.content.encode("utf-8")
    links: list[str] = []
    if _is_page(page.content, page.content_type):
        state.urls.add(page.url)
        yield RawDocument(origin=source, content=page.content, format="html", url=page.url)
        return
    if is_sitemap(data):
        found = sitemap_urls(data, source)
        if isinstance(found, ReadError):
            yield found
            return
        links = found
    else:
        for item in read_feed(data, source):
            if isinstance(item, ReadError):
                yield item
                continue
            if item.url and item.url in state.urls:
                continue
            if item.url and len(item.content) < SHORT_ENTRY_CHARS:
                links.append(item.url)  # a summary: the article is on its page
                continue
            if item.url:
                state.urls.add(item.url)
            yield item
    for link in [u for u in links if u not in state.urls][:MAX_LINKS_PER_POLL]:
        state.urls.add(link)
        try:
            article = fetcher.get(link)
        except FetchRefused as refused:
            yield ReadError(link, _why(link, refused))
            continue
        markup = "html" in article.content_type or "<html" in article.content[:500].lower()
        kind: Literal["text", "html"] = "html" if markup else "text"
        yield RawDocument(origin=link, content=article.content, format=kind, url=article.url)


def read_sources(
    sources: Sequence[str | Path],
    fetcher: PoliteFetcher,
    left_out: Counter[str] | None = None,
) -> Iterator[RawDocument | ReadError]:
    """Every document of files, folders and web addresses, read once (``crosswire analyze
    report/ https://example.org/feed.xml``): a web address goes through the fetcher's
    checks, as in :func:`watch`, and is never mistaken for a path. ``left_out`` counts
    the files of the folders' walks left out for their type (:func:`read_paths`)."""
    state = WatchState()
    for source in sources:
        if isinstance(source, str) and _is_url(source):
            yield from _from_url(source, fetcher, state)
        else:
            yield from read_paths([source], left_out)


def _why(url: str, refused: FetchRefused) -> str:
    """The refusal's reason without the address the error line already names."""
    return str(refused).removeprefix(f"{url}: ")


def _is_page(content: str, content_type: str) -> bool:
    """An HTML page (an article), as opposed to a feed or a sitemap."""
    head = content[:1000].lstrip().lower()
    if head.startswith(("<?xml", "<rss", "<feed", "<urlset", "<sitemapindex")):
        return False
    return "html" in content_type.lower() or head.startswith(("<!doctype html", "<html"))


def _remote_warc(source: str, fetcher: PoliteFetcher) -> Iterator[RawDocument | ReadError]:
    """A web archive at a URL: downloaded (size-capped) into a temporary file, then read."""
    try:
        archive = fetcher.get_bytes(source, max_bytes=MAX_REMOTE_WARC_BYTES)
    except FetchRefused as refused:
        yield ReadError(source, _why(source, refused))
        return
    with tempfile.TemporaryDirectory(prefix="crosswire-warc-") as folder:
        path = Path(folder) / Path(source.split("?")[0]).name
        path.write_bytes(archive)
        for item in read_warc(path):
            yield replace(item, origin=item.origin.replace(str(path), source, 1))


def poll(
    sources: Sequence[str],
    store: Store,
    state: WatchState,
    fetcher: PoliteFetcher,
    *,
    backend: NlpBackend | None = None,
    on_error: Callable[[ReadError], None] | None = None,
) -> IngestResult:
    """One pass over every source: read what is new and ingest it."""

    def documents() -> Iterator[RawDocument | ReadError]:
        for source in sources:
            if _is_url(source):
                yield from _from_url(source, fetcher, state)
            else:
                path = Path(source)
                if not path.exists():
                    yield ReadError(source, "no such file or directory")
                    continue
                files = _new_files(path, state)
                if files:
                    yield from read_paths(files)

    return ingest_documents(documents(), store, backend=backend, on_error=on_error)


def watch(
    sources: Sequence[str],
    store: Store,
    *,
    interval_s: float = 30.0,
    stop: threading.Event | None = None,
    once: bool = False,
    fetcher: PoliteFetcher | None = None,
    backend: NlpBackend | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    on_poll: Callable[[IngestResult], None] | None = None,
) -> None:
    """Poll ``sources`` every ``interval_s`` seconds until ``stop`` is set (or once)."""
    stop = stop or threading.Event()
    state = WatchState()
    own = fetcher is None
    fetcher = fetcher or PoliteFetcher()
    try:
        while True:
            result = poll(sources, store, state, fetcher, backend=backend, on_error=on_error)
            if on_poll:
                on_poll(result)
            if once or stop.wait(interval_s):
                return
    finally:
        if own:
            fetcher.close()
