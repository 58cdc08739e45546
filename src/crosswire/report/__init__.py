"""The report stage: one story report rendered as Markdown, HTML or JSON.

Renderers read only the model (and the codec for JSON), so they can run on a
report loaded from any store without the NLP stack.
"""

from __future__ import annotations

from crosswire.report.render import (
    STORY_CSS,
    StoryLayout,
    article_label,
    brief_citations,
    brief_to_dict,
    cited_spans,
    quote_wording,
    render_brief,
    render_html,
    render_json,
    render_markdown,
    report_to_dict,
    source_name,
    story_html,
)

__all__ = [
    "STORY_CSS",
    "StoryLayout",
    "article_label",
    "brief_citations",
    "brief_to_dict",
    "cited_spans",
    "quote_wording",
    "render_brief",
    "render_html",
    "render_json",
    "render_markdown",
    "report_to_dict",
    "source_name",
    "story_html",
]
