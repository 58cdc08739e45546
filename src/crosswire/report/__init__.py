"""The report stage: one story report rendered as Markdown, HTML, JSON or on a terminal.

``sections.story_page`` builds a story once as data (head, sections, rows, citations and
notes); ``markdown``, ``html`` and ``terminal`` render it, ``data`` gives it to programs.
Renderers read only the model (and the codec for JSON), so they can run on a report
loaded from any store without the NLP stack.
"""

from __future__ import annotations

from crosswire.model import StoryReport
from crosswire.report.build import brief_citations, reuse_layers, story_page
from crosswire.report.common import (
    article_label,
    cited_spans,
    passage_id,
    quote_wording,
    source_name,
)
from crosswire.report.data import brief_json, brief_to_dict, render_json, report_to_dict
from crosswire.report.html import STORY_CSS, StoryLayout, brief_html, render_html, story_html
from crosswire.report.markdown import brief_markdown, render_markdown
from crosswire.report.pages import article_html, coverage_html
from crosswire.report.terminal import print_story

__all__ = [
    "STORY_CSS",
    "StoryLayout",
    "article_html",
    "article_label",
    "brief_citations",
    "brief_to_dict",
    "cited_spans",
    "coverage_html",
    "passage_id",
    "print_story",
    "quote_wording",
    "render_brief",
    "render_html",
    "render_json",
    "render_markdown",
    "report_to_dict",
    "reuse_layers",
    "source_name",
    "story_html",
    "story_page",
]


def render_brief(report: StoryReport, fmt: str = "md") -> str:
    """One story's cited brief as Markdown (``md``), HTML (``html``) or JSON (``json``).

    Each sentence says how many independent sources back it and which; then
    the story's conflicts and updates, positions and timeline, all cited.
    """
    if fmt == "json":
        return brief_json(report)
    return brief_html(report) if fmt == "html" else brief_markdown(report)
