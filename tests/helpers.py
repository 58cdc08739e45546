"""Helpers several test files share (kept out of the test files themselves)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TypedDict

from crosswire.bench.clusters import read_gold
from crosswire.model import AnnotatedArticle, DateMention, Quantity


class ClaimFields(TypedDict, total=False):
    """The optional fields of a Claim, for helpers that make claims by keyword."""

    entities: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    subject: str | None
    event: str | None
    negated: bool
    dates: tuple[DateMention, ...]
    places: tuple[str, ...]
    source: str | None
    tense: str | None
    source_organization: str | None


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
