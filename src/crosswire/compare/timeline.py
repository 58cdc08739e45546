"""The story's dated events in order, each cited to the claims that date it.

Every resolved date of a fact's claims (day, week or month; bare years are
background, "since 1945", and left out) gives one entry; reports of one fact
on one date are one entry citing all of them. Dates the text leaves without a
year ("March 24" in an undated article) are kept at the end, marked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from crosswire.model import Citation, DateMention, Fact, TimelineEvent

GRAINS = frozenset({"day", "week", "month"})


def sort_key(value: str) -> tuple[int, str]:
    """Chronological key for ISO days, weeks (2022-W12) and months; year-less last."""
    if value.startswith("--"):
        return 1, value
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        start = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return 0, start.isoformat() + "w"
    return 0, value


_DATELINE = re.compile(r"^\s*(?:last\s+)?(?:posted|updated|published|first posted)\b", re.I)


def _dateline(text: str, mentions: Sequence[DateMention]) -> bool:
    """A dateline ("Posted 11 / 27 / 2005 7: 21 AM"), not an event."""
    if _DATELINE.match(text):
        return True
    dated = sum(len(m.text) for m in mentions)
    return dated > 0.4 * len(text.strip())


def build_timeline(
    facts: Sequence[Fact], basis: Mapping[str, str] | None = None
) -> list[TimelineEvent]:
    """Dated events of the story, oldest first.

    ``basis`` maps article ids to how their publication date is known
    (``given``, ``derived``), which relative dates ("on Wednesday") inherit.
    """
    basis = basis or {}
    entries: dict[tuple[str, str], TimelineEvent] = {}
    for fact in facts:
        for claim in fact.claims:
            if _dateline(claim.text, claim.dates):
                continue
            for mention in claim.dates:
                if mention.grain not in GRAINS or not mention.value:
                    continue
                key = (fact.id or fact.text, mention.value)
                citation = Citation(claim.article_id, claim.span)
                how = basis.get(claim.article_id, "text") if mention.relative else "text"
                if key in entries:
                    event = entries[key]
                    if citation not in event.citations:
                        entries[key] = TimelineEvent(
                            event.date,
                            event.grain,
                            event.text,
                            event.date_text,
                            (*event.citations, citation),
                            event.basis,
                        )
                    continue
                entries[key] = TimelineEvent(
                    date=mention.value,
                    grain=mention.grain,
                    text=claim.text,
                    date_text=mention.text,
                    citations=(citation,),
                    basis=f"relative to the {how} publication date" if mention.relative else how,
                )
    # a claim shared by several facts (own-number facts) is listed once per date
    seen: set[tuple[str, str, int]] = set()
    out = []
    for event in sorted(entries.values(), key=lambda e: sort_key(e.date)):
        first = event.citations[0]
        if (event.date, first.article_id, first.span.start) in seen:
            continue
        seen.add((event.date, first.article_id, first.span.start))
        out.append(event)
    return out
