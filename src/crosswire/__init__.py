"""crosswire: follow a news story across its sources.

The public API is small: read and clean articles, annotate them, and run the
whole pipeline into a store whose stories you can compare and report.
"""

from __future__ import annotations

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


def analyze(paths: list[str], db: str = ":memory:") -> list[StoryReport]:
    """Read ``paths`` into the store ``db`` and return a report per story.

    The one-call Python API: ``crosswire.analyze(["examples/"])``.
    """
    from crosswire.run import ingest, story_reports
    from crosswire.store import open_store

    with open_store(db) as store:
        ingest(paths, store)
        return story_reports(store)
