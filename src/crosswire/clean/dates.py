"""Publication dates read from what an input carries when its metadata gives none.

Two places are read, and only a whole calendar date counts (nothing is guessed:
"March 3", "2 hours ago" or an ambiguous "3/4/2022" give none):

- a short line at the top of the text that is a date, perhaps after a cue
  ("Updated March 3, 2022 10:15 AM", "Published: 3 March 2022");
- the name of the file that holds the article alone, as collectors save them
  (``politico_2016-04-03_cruz-tops-trump.txt``, ``ap_20220303_talks.html``).

Dates a user gives for a run (``--published 2016-04-03``, or ``FILE=2016-04-03`` for
one input) are parsed here too (:func:`given_dates`) and set by :func:`with_given`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import PurePath
from typing import Any

from crosswire.model import Article

#: Plausible publication years; a number outside is an id or a count, not a date.
MIN_YEAR, MAX_YEAR = 1990, 2100
#: How many non-empty lines at the top of a text may hold its date line.
TOP_LINES = 5
#: Longest date line ("Last Updated: Monday, 28 November 2005, 02:24 GMT" is 50).
LINE_MAX_CHARS = 80

#: ``2016-04-03`` after any non-digit; ``20160403`` only as a part of its own
#: (``ap_20220303.txt``), since eight digits inside a hash or an id are no date.
_NAME_DATE = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<![0-9A-Za-z])(\d{4})(\d{2})(\d{2})(?![0-9A-Za-z])"
)
_CUE = re.compile(
    r"^(?:(?:last\s+|first\s+)?(?:updated|published|posted)|date)(?:\s+on)?\s*[:|–—-]?\s*",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: A whole date inside a longer string: "Sep 18, 2013", "18 September 2013",
#: "9/18/2013", "2013-09-18".
_FULL_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_MONTHS = 12
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})\b")
_STRICT = {
    "STRICT_PARSING": True,  # day, month and year all written: none is filled in
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],  # no "2 hours ago", no timestamps
    "DATE_ORDER": "MDY",
}


def name_date(name: str | None) -> date | None:
    """The date a file's name carries, when it carries exactly one plausible one.

    ``politico_2016-04-03_cruz-tops-trump.txt`` gives 2016-04-03; ``2016-13-45.txt``
    (no such day), ``1887-01-01.txt`` (no plausible year) and a name with two
    different dates give none.
    """
    if not name:
        return None
    stem = PurePath(name).stem
    found = set()
    for match in _NAME_DATE.finditer(stem):
        year, month, day = (int(g) for g in match.groups() if g is not None)
        if not MIN_YEAR <= year <= MAX_YEAR:
            continue
        try:
            found.add(date(year, month, day))
        except ValueError:  # 2016-02-30
            continue
    return found.pop() if len(found) == 1 else None


def top_line_date(lines: Sequence[str]) -> tuple[date, str] | None:
    """The date of the first short date line among the text's top lines, and that line.

    "Updated March 3, 2022 10:15 AM" above the story gives 2022-03-03; a sentence that
    mentions a date ("The Senate voted on March 3, 2022.") gives none.
    """
    for line in [line for line in lines if line.strip()][:TOP_LINES]:
        day = line_date(line)
        if day is not None:
            return day, line.strip()
    return None


def line_date(line: str) -> date | None:
    """The date a line gives when the line is a date and nothing more, a cue word aside.

    "Posted 11/27/2005 7:21 AM" and "Last Updated: Monday, 28 November 2005, 02:24 GMT"
    give theirs; "WASHINGTON March 3, 2022" (a place too) and "3/4/2022" (March or
    April?) give none.
    """
    text = _normalized(_CUE.sub("", line.strip(), count=1))
    if len(text) > LINE_MAX_CHARS or _FULL_DATE.search(text) is None or _ambiguous(text):
        return None
    return _strict(text)


def lifted_date(value: str | None) -> date | None:
    """The whole date inside what a line rule lifted as one ("Sep 18, 2013, 02. 16PM IST"
    after a "Reuters" credit): the rule judged the line; only the date is read here."""
    if not value:
        return None
    text = _normalized(value)
    day = _strict(text) if len(text) <= LINE_MAX_CHARS and not _ambiguous(text) else None
    if day is not None:
        return day
    match = _FULL_DATE.search(text)
    if match is None or _ambiguous(match.group()):
        return None
    return _strict(match.group())


def _normalized(text: str) -> str:
    """Spacing that tokenised copies put inside dates and times closed up ("11 / 27 /
    2005 7: 21 AM"), ordinals made numbers ("28th")."""
    text = re.sub(r"\s*([/:])\s*", r"\1", text.strip())
    return re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)


def _ambiguous(text: str) -> bool:
    """Whether a numeric date could be read day first or month first ("3/4/2022")."""
    for match in _NUMERIC.finditer(text):
        first, second = int(match[1]), int(match[2])
        if first != second and first <= _MONTHS and second <= _MONTHS:
            return True
    return False


def _strict(text: str) -> date | None:
    parsed = dateparser_module().parse(text, languages=["en"], settings=_STRICT)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return date(parsed.year, parsed.month, parsed.day)  # the day as written, in its zone


@cache
def dateparser_module() -> Any:
    """dateparser, imported on first use: it is slow to import (about a tenth of a
    second) and most texts never need it."""
    import dateparser

    return dateparser


def as_published(day: date) -> datetime:
    """A derived day as a publication time: midnight UTC, which reports show as the day
    alone (no time of day is claimed that the evidence did not give)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


# -- dates a user gives for a run ----------------------------------------------


@dataclass(frozen=True)
class GivenDates:
    """Publication dates given for a run: ``every`` for each article that has none,
    ``inputs`` for the articles of one input, named by its origin or file name
    (``{"politico.txt": date(2016, 4, 3)}``), which wins over any other date."""

    every: date | None = None
    inputs: Mapping[str, date] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.every is not None or bool(self.inputs)

    def named(self, origin: str) -> date | None:
        """The date given for the input ``origin`` comes from, by any name it goes by:
        ``news.jsonl:3`` is named by itself, ``news.jsonl`` or its path."""
        for key in _names(origin):
            if key in self.inputs:
                return self.inputs[key]
        return None

    def unused(self, origins: Iterable[str]) -> list[str]:
        """The input names that named none of ``origins`` (a mistyped file name)."""
        seen = {key for origin in origins for key in _names(origin)}
        return [key for key in self.inputs if key not in seen]


def _names(origin: str) -> list[str]:
    """What a user may call the input of ``origin``: itself, its file (a JSONL line's,
    a feed entry's), that file's path and its bare name."""
    file = re.sub(r"(?::\d+|#.*)$", "", origin)
    return list(dict.fromkeys((origin, file, PurePath(file).name)))


def given_dates(values: Iterable[str]) -> GivenDates:
    """``YYYY-MM-DD`` for every article, ``FILE=YYYY-MM-DD`` for one input's (its file
    name, path or origin).

    A value that is neither raises ``ValueError`` naming it: ``'2016-13-45'`` is no day.
    """
    every: date | None = None
    inputs: dict[str, date] = {}
    for value in values:
        key, _, day_text = value.rpartition("=")
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            raise ValueError(f"{value!r}: expected YYYY-MM-DD or FILE=YYYY-MM-DD") from None
        if key.strip():
            inputs[key.strip()] = day
        else:
            every = day
    return GivenDates(every, inputs)


def with_given(article: Article, given: GivenDates) -> Article:
    """``article`` with the date given for its input, or the date given for every article
    when it has none of its own (metadata, a date line, its file name)."""
    day = given.named(article.origin)
    if day is None and article.published is None:
        day = given.every
    if day is None:
        return article
    return replace(article, published=as_published(day), published_from="given")
