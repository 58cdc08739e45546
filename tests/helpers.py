"""Helpers several test files share (kept out of the test files themselves)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from crosswire.bench.clusters import read_gold
from crosswire.model import AnnotatedArticle


def events_by_gold(
    ecb_annotated: list[AnnotatedArticle], ecb_file: Path, *names: str
) -> dict[str, list[AnnotatedArticle]]:
    """The annotated ECB+ articles of the gold events ``names``, by event."""
    gold = read_gold(ecb_file)
    groups: dict[str, list[AnnotatedArticle]] = defaultdict(list)
    for article in ecb_annotated:
        if gold[article.article.origin] in names:
            groups[gold[article.article.origin]].append(article)
    return groups
