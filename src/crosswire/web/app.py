"""The HTTP API and the web pages, over one store.

Server-rendered pages (Jinja2, autoescaped) and a JSON API whose schema
FastAPI documents at ``/docs`` and ``/openapi.json``. Reading never blocks on
the NLP models: a story's comparison is computed once per change of the
story and cached. Writing (ingest) needs the write token when one is set,
runs one batch at a time, and fetches URLs only through
:mod:`crosswire.read.urls`'s checks.
"""

from __future__ import annotations

import hmac
import json
import tempfile
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosswire import __version__
from crosswire.codec import to_dict
from crosswire.model import RawDocument, ReadError, StoryReport
from crosswire.read import read_paths
from crosswire.read.urls import FetchRefused, fetch
from crosswire.report import (
    STORY_CSS,
    StoryLayout,
    article_html,
    cited_spans,
    coverage_html,
    report_to_dict,
    story_html,
)
from crosswire.run import ingest_documents, story_reports
from crosswire.settings import ServeSettings
from crosswire.store import Store, open_store
from crosswire.store.browse import (
    StorySummary,
    find_article,
    search,
    story_summaries,
    story_updated,
    update_search_index,
)

HERE = Path(__file__).parent
MAX_ARTICLES_PER_REQUEST = 100
MAX_TEXT_CHARS = 1_000_000
MAX_URLS_PER_REQUEST = 20
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
PAGE_LIMIT = 200
CACHE_STORIES = 256
#: Where an article's page is: the story page's citations link there, to the passage.
ARTICLE_HREF = "/articles/{id}"
#: what the story page shows of a long story before "…and N more" (see story_layout)
STORY_ITEMS = 30
STORY_SAID = 3
STORY_PAIRS = 4
STORY_TABLES = 8
K = TypeVar("K")
V = TypeVar("V")
CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
    "form-action 'self'"
)


class ArticleIn(BaseModel):
    """One article to ingest: its text (or HTML) and what is known about it."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    format: Literal["text", "html"] = "text"
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=200, description="The outlet.")
    published: str | None = Field(default=None, max_length=100)
    byline: str | None = Field(default=None, max_length=500)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ARTICLES_PER_REQUEST)
    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS_PER_REQUEST)


class IngestOut(BaseModel):
    read: int
    added: int
    already_stored: int
    errors: list[dict[str, str]]
    stories: list[str] = Field(description="Ids of the stories the new articles joined.")


class StoryItem(BaseModel):
    id: str
    title: str
    articles: int
    updated: datetime


class StoryPage(BaseModel):
    items: list[StoryItem]
    total: int
    offset: int
    limit: int


class SearchItem(BaseModel):
    article_id: str
    story_id: str
    title: str
    snippet: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    articles: int


class _Stores:
    """One store connection per server thread (sqlite3 connections stay in their thread;
    a PostgreSQL connection serves one request at a time)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, reading=True)
            self._local.store = store
        return store


class _Versioned(Generic[K, V]):
    """Values kept with the version of the data they were made from, least recently
    used out first: a hit needs the version to match, so a change is never served stale."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[K, tuple[object, V]] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: K, version: object) -> V | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != version:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def put(self, key: K, version: object, value: V) -> V:
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


@dataclass
class _Entry:
    """One compared story at one version: its report, its JSON, its pages once rendered
    (the story page, and the one with every list whole)."""

    report: StoryReport
    json: bytes
    page: bytes | None = None
    whole: bytes | None = None


class _ReportCache:
    """Compared stories, keyed by the story's last change.

    :meth:`fresh` is a cheap check (one indexed query and a dict lookup) that
    can run on the event loop; :meth:`build` compares the story, which takes
    a thread.
    """

    def __init__(self, size: int = CACHE_STORIES) -> None:
        self._items = _Versioned[str, _Entry](size)

    def fresh(self, store: Store, story_id: str) -> _Entry | Literal[False] | None:
        """The cached entry if current; ``None`` when there is no such story; else False."""
        version = story_updated(store, story_id)
        if version is None:
            return None
        hit = self._items.get(story_id, version)
        return False if hit is None else hit

    def build(self, store: Store, story_id: str) -> _Entry | None:
        """Compare the story now (or take the entry another thread just built)."""
        version = story_updated(store, story_id)
        if version is None:
            return None
        hit = self._items.get(story_id, version)
        if hit is not None:
            return hit
        (report,) = story_reports(store, [story_id])
        encoded = json.dumps(report_to_dict(report), ensure_ascii=False).encode("utf-8")
        return self._items.put(story_id, version, _Entry(report, encoded))

    def get(self, store: Store, story_id: str) -> tuple[StoryReport, bytes] | None:
        entry = self.build(store, story_id)
        return None if entry is None else (entry.report, entry.json)


class _ListCache:
    """Pages of the story list, kept until the next article is stored.

    Stories only change when an article is added (placing it may merge or
    split stories), so the article count is the list's version: checking it
    is one count, while building a page groups every story of the store.
    """

    def __init__(self, size: int = 64) -> None:
        self._items = _Versioned[tuple[int, int], bytes](size)

    def get(self, store: Store, offset: int, limit: int) -> bytes:
        """The page as JSON, the same bytes FastAPI would make of its :class:`StoryPage`."""
        version = store.count_articles()
        hit = self._items.get((offset, limit), version)
        if hit is not None:
            return hit
        rows, total = story_summaries(store, offset=offset, limit=limit)
        page = StoryPage(items=[_item(r) for r in rows], total=total, offset=offset, limit=limit)
        return self._items.put((offset, limit), version, page.model_dump_json().encode("utf-8"))


def _item(row: StorySummary) -> StoryItem:
    return StoryItem(id=row.id, title=row.title, articles=row.articles, updated=row.updated)


class _SecurityHeaders:
    """CSP and friends on every response, as a plain ASGI wrapper (no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    allow_private: bool = False,
    threads: int = 40,
) -> FastAPI:
    """The app for one store. ``token``: required (Bearer) for ingest when set;
    ``threads``: how many requests may wait on the store at once."""
    with _fresh(str(db)) as writer:
        update_search_index(writer)  # a store written by an older crosswire: index it once
    stores = _Stores(str(db))
    cache = _ReportCache()
    listing = _ListCache()
    write_lock = threading.Lock()
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="crosswire",
        version=__version__,
        description=(
            "Stories, reuse, quotes, facts and cited briefs over a crosswire store. "
            "Field names are stable within a major version."
        ),
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(_SecurityHeaders)

    app.state.stores = stores
    app.state.token = token

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(request: Request) -> Health:
        s = _store(request)
        return Health(status="ok", version=__version__, articles=s.count_articles())

    @app.get("/api/stories", response_model=StoryPage, tags=["stories"])
    def list_stories(
        request: Request,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 50,
        q: Annotated[str | None, Query(max_length=200, description="Full-text search")] = None,
    ) -> StoryPage | Response:
        s = _store(request)
        if not q:
            return Response(listing.get(s, offset, limit), media_type="application/json")
        ids = list(dict.fromkeys(h.story_id for h in search(s, q, limit=500)))
        rows, total = story_summaries(s, offset=offset, limit=limit, story_ids=ids)
        return StoryPage(items=[_item(r) for r in rows], total=total, offset=offset, limit=limit)

    async def entry(request: Request, story_id: str) -> _Entry:
        """The story's cache entry: checked on the event loop, built in a thread when stale."""
        found = cache.fresh(_store(request), story_id)
        if isinstance(found, _Entry):
            return found
        built = None
        if found is False:
            built = await run_in_threadpool(lambda: cache.build(stores.get(), story_id))
        if built is None:
            raise HTTPException(404, f"no story {story_id}")
        return built

    @app.get("/api/stories/{story_id}", tags=["stories"], response_class=Response)
    async def get_story(request: Request, story_id: str) -> Response:
        """The compared story: articles, brief, facts, statements, reuse edges, origin groups."""
        return Response((await entry(request, story_id)).json, media_type="application/json")

    @app.get("/api/search", response_model=list[SearchItem], tags=["stories"])
    def search_articles(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 50,
    ) -> list[SearchItem]:
        s = _store(request)
        return [SearchItem(**vars(h)) for h in search(s, q, limit=limit)]

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        """One article: clean text, metadata, and its annotations with character spans."""
        found = find_article(_store(request), article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        annotated, placement = found
        data = to_dict(annotated)
        data.pop("sentence_vectors", None)
        data.pop("vector", None)
        data["story_id"] = placement.story_id
        data["placement"] = to_dict(placement)
        return dict(data)

    @app.post("/api/articles", response_model=IngestOut, tags=["ingest"])
    def post_articles(body: IngestIn, _: WriteAllowed) -> IngestOut:
        """Ingest articles (JSON) and URLs to fetch; new articles are placed into stories."""
        documents: list[RawDocument | ReadError] = []
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        for n, item in enumerate(body.articles):
            documents.append(
                RawDocument(
                    origin=item.url or f"api:{stamp}:{n}",
                    content=item.text,
                    format=item.format,
                    title=item.title,
                    url=item.url,
                    outlet=item.source,
                    published=item.published,
                    byline=item.byline,
                )
            )
        for url in body.urls:
            try:
                page = fetch(url, allow_private=allow_private)
            except FetchRefused as refused:
                documents.append(ReadError(url, str(refused)))
                continue
            kind: Literal["text", "html"] = "html" if "html" in page.content_type else "text"
            documents.append(
                RawDocument(origin=page.url, content=page.content, format=kind, url=page.url)
            )
        return _ingest(stores.db, write_lock, documents)

    @app.post("/api/files", response_model=IngestOut, tags=["ingest"])
    async def post_file(
        request: Request,
        _: WriteAllowed,
        name: Annotated[
            str,
            Query(
                min_length=1,
                max_length=200,
                description="File name; its suffix says the format (.txt .html .jsonl "
                ".json .xml .rss .warc.gz ...).",
            ),
        ],
    ) -> IngestOut:
        """Ingest one uploaded file (the request body), read as `crosswire analyze` reads files."""
        safe = _safe_name(name)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_UPLOAD_BYTES:
                raise HTTPException(413, f"{safe}: larger than {MAX_UPLOAD_BYTES // 1_000_000} MB")
        return await run_in_threadpool(_ingest_upload, stores.db, write_lock, safe, bytes(body))

    # -- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_stories(
        request: Request,
        offset: Annotated[int, Query(ge=0)] = 0,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> HTMLResponse:
        s = _store(request)
        limit = 50
        rows, total = story_summaries(s, offset=offset, limit=limit)
        hits = search(s, q) if q else []
        return templates.TemplateResponse(
            request,
            "stories.html",
            {
                "stories": rows,
                "total": total,
                "offset": offset,
                "limit": limit,
                "q": q,
                "hits": hits,
                "db": stores.db,
            },
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def page_story(request: Request, story_id: str) -> HTMLResponse:
        found = await entry(request, story_id)
        if found.page is None:
            found.page = await run_in_threadpool(render_story_page, templates, found.report)
        return HTMLResponse(found.page)

    @app.get("/stories/{story_id}/all", response_class=HTMLResponse, include_in_schema=False)
    async def page_story_whole(request: Request, story_id: str) -> HTMLResponse:
        """The story with every list whole (speakers, events, facts): where the story
        page's "…and N more" links go. Article texts stay on the article pages."""
        found = await entry(request, story_id)
        if found.whole is None:
            found.whole = await run_in_threadpool(render_story_page, templates, found.report, True)
        return HTMLResponse(found.whole)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, article_id: str) -> HTMLResponse:
        s = _store(request)
        found = find_article(s, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        annotated, placement = found
        cached = cache.get(s, placement.story_id)
        edges = cached[0].reuse if cached else ()
        quotes = [
            q
            for q in (cached[0].quotes if cached else annotated.quotes)
            if q.article_id == annotated.article.id and q.statement
        ]
        shown = type(annotated)(**{**vars(annotated), "quotes": tuple(quotes)})
        cited = cited_spans(cached[0]).get(annotated.article.id, set()) if cached else set()
        article = annotated.article
        meta = [
            (name, value)
            for name, value in (
                ("outlet", article.outlet),
                ("published", article.published.isoformat() if article.published else None),
                ("byline", article.byline),
                ("credits", article.credited_source),
                ("url", article.url),
                ("origin", article.origin),
            )
            if value
        ]
        return templates.TemplateResponse(
            request,
            "article.html",
            {
                "article": article,
                "story_id": placement.story_id,
                "meta": meta,
                "body": article_html(shown, edges, cited),
            },
        )

    @app.get("/report.css", include_in_schema=False)
    def report_css() -> HTMLResponse:
        return HTMLResponse(STORY_CSS, media_type="text/css")

    return app


def app_from_env() -> FastAPI:
    """The app as ``crosswire serve --workers N`` starts it in each worker process:
    the settings come from the environment the command set."""
    return app_for(ServeSettings.from_env())


def app_for(settings: ServeSettings) -> FastAPI:
    """The app serving ``settings.db`` as ``settings`` say."""
    return create_app(
        settings.db,
        token=settings.token,
        allow_private=settings.allow_private,
        threads=settings.threads,
    )


def _store(request: Request) -> Store:
    """This thread's store. Called in the endpoint's body: FastAPI runs sync dependencies
    in another pool thread than the endpoint, and SQLite connections stay in their thread."""
    stores: _Stores = request.app.state.stores
    return stores.get()


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Ingest is open when no token is set, else it needs ``Authorization: Bearer TOKEN``."""
    token: str | None = request.app.state.token
    if token is None:
        return
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "ingest needs the write token: Authorization: Bearer TOKEN")


WriteAllowed = Annotated[None, Depends(require_token)]


def story_layout(story_id: str, whole: bool = False) -> StoryLayout:
    """How the web shows a story: title as the page's h1, articles linked to their own
    pages rather than inlined, and (unless ``whole``) long lists cut at 30 rows, 3
    statements per speaker and the passages of 8 reuse edges, with a link to the whole.
    A 40-article story's page stays a few hundred KB, where inlining made it 1.4 MB."""
    if whole:
        return StoryLayout(level=1, items=None, said=None, article_href=ARTICLE_HREF)
    return StoryLayout(
        level=1,
        items=STORY_ITEMS,
        said=STORY_SAID,
        pairs=STORY_PAIRS,
        tables=STORY_TABLES,
        article_href=ARTICLE_HREF,
        more_href=f"/stories/{story_id}/all",
    )


def render_story_page(
    templates: Jinja2Templates, report: StoryReport, whole: bool = False
) -> bytes:
    """The story page (or with ``whole`` every list of it), rendered once per version of
    the story: what the story is and its brief first, the coverage matrix last, folded."""
    layout = story_layout(report.story.id, whole)
    page = templates.env.get_template("story.html").render(
        report=report,
        whole=whole,
        coverage=coverage_html(report, ARTICLE_HREF),
        body=story_html(report, layout),
    )
    return page.encode("utf-8")


def _safe_name(name: str) -> str:
    """The last path component, in plain characters: an upload can't name a path."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base).lstrip(".")
    if not cleaned:
        raise HTTPException(422, f"{name!r}: not a usable file name")
    return cleaned


def _ingest_upload(db: str, lock: threading.Lock, name: str, data: bytes) -> IngestOut:
    with tempfile.TemporaryDirectory(prefix="crosswire-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        documents = [
            replace(item, origin=item.origin.replace(str(path), f"upload:{name}", 1))
            for item in read_paths([path])
        ]
    return _ingest(db, lock, documents)


def _ingest(db: str, lock: threading.Lock, documents: list[RawDocument | ReadError]) -> IngestOut:
    """One writer at a time, on a store opened for the write (fresh link counts)."""
    with lock, _fresh(db) as writer:
        result = ingest_documents(documents, writer)
    return IngestOut(
        read=result.read,
        added=result.added,
        already_stored=result.already_stored,
        errors=[{"origin": e.origin, "reason": e.reason} for e in result.errors],
        stories=list(dict.fromkeys(p.story_id for p in result.placements)),
    )


@contextmanager
def _fresh(db: str) -> Iterator[Store]:
    """A store opened for one write: it loads the link counts as they are now on disk."""
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()
