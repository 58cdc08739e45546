"""crosswire: follow a news story across its sources.

The public API is small: read and clean articles, annotate them, and run the
whole pipeline into a store whose stories you can compare and report.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crosswire")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

from crosswire.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Fact,
    Quote,
    Reuse,
    Statement,
    Story,
    StoryReport,
)
from crosswire.report import render_html, render_json, render_markdown

__all__ = [
    "AnnotatedArticle",
    "Article",
    "Claim",
    "Fact",
    "Quote",
    "Reuse",
    "Statement",
    "Story",
    "StoryReport",
    "__version__",
    "analyze",
    "render_html",
    "render_json",
    "render_markdown",
]


def analyze(
    paths: list[str],
    db: str = ":memory:",
    published: date | Mapping[str, date] | None = None,
) -> list[StoryReport]:
    """Read ``paths`` (files, folders, web addresses) into the store ``db`` and return a
    report per story.

    The one-call Python API: ``crosswire.analyze(["examples/"])``. An input that cannot
    be read is skipped with a warning naming it and why; when nothing at all is read,
    ``ValueError`` says so (a mistyped folder is not an empty list of stories).
    ``published`` is as ``crosswire analyze --published``: one date for every article
    read that has none, or dates by input (``{"cruz.txt": date(2016, 4, 3)}``: file
    name, path or origin), which win over any other.
    """
    import warnings

    from crosswire.clean.dates import GivenDates
    from crosswire.model import ReadError
    from crosswire.read.urls import PoliteFetcher
    from crosswire.run import ingest_documents, story_reports
    from crosswire.run.watch import read_sources
    from crosswire.store import open_store

    def warn(error: ReadError) -> None:
        warnings.warn(f"skipped {error.origin}: {error.reason}", stacklevel=4)

    fetcher = PoliteFetcher()
    try:
        with open_store(db) as store:
            given = (
                GivenDates(every=published)
                if isinstance(published, date)
                else GivenDates(inputs=dict(published or {}))
            )
            result = ingest_documents(
                read_sources(paths, fetcher), store, on_error=warn, published=given
            )
            if not result.read:
                why = "; ".join(f"{e.origin}: {e.reason}" for e in result.errors[:3])
                raise ValueError(f"read no article from {paths}: {why or 'no readable file'}")
            return story_reports(store)
    finally:
        fetcher.close()
