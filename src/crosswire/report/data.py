"""The JSON face: a story report as plain data for other programs, every part kept;
character spans stay here, never in prose."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from crosswire.codec import to_dict
from crosswire.model import StoryReport
from crosswire.report.common import article_label


def report_to_dict(report: StoryReport) -> dict[str, Any]:
    """The whole report as plain data (datetimes as ISO 8601 strings)."""
    return cast(dict[str, Any], to_dict(report))


def render_json(reports: Sequence[StoryReport]) -> str:
    """Every story with all its parts, for other programs to consume."""
    data = {"stories": [report_to_dict(r) for r in reports]}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def brief_to_dict(report: StoryReport) -> dict[str, Any]:
    """One story's brief with what backs it: sources, conflicts, positions, timeline."""
    data = report_to_dict(report)
    articles = [
        {"number": str(n), "id": a.id, "label": article_label(a), "origin": a.origin}
        for n, a in enumerate(report.articles, 1)
    ]
    keep = ("brief", "conflicts", "positions", "timeline", "published", "origin_groups")
    return {"story": data["story"], "articles": articles} | {k: data[k] for k in keep}


def brief_json(report: StoryReport) -> str:
    return json.dumps(brief_to_dict(report), ensure_ascii=False, indent=2) + "\n"
