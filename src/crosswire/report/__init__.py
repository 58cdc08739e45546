"""The report stage: one story report rendered as Markdown, HTML or JSON.

Renderers read only the model (and the codec for JSON), so they can run on a
report loaded from any store without the NLP stack.
"""

from __future__ import annotations

from crosswire.report.render import (
    article_label,
    brief_citations,
    brief_to_dict,
    quote_wording,
    render_brief,
    render_html,
    render_json,
    render_markdown,
    report_to_dict,
    source_name,
)

__all__ = [
    "article_label",
    "brief_citations",
    "brief_to_dict",
    "quote_wording",
    "render_brief",
    "render_html",
    "render_json",
    "render_markdown",
    "report_to_dict",
    "source_name",
]
