"""The plain-date fast path reads every date as dateparser does (issue 19).

Explicit dates in claims and datelines are read by a regular expression when
they are in a plain form ("March 24, 2016", "24 March", "3/24/2016"), else by
dateparser; both readings are compared here on generated strings and on every
date mention and dateline of the PolNeAR and ECB+ texts.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crosswire.annotate import dates
from crosswire.annotate.dates import (
    MONTHS,
    dateline_dateparser_day,
    dateline_day,
    dateparser_day,
    derive_published,
    find_dates,
    parse_day,
    plain_day,
)
from crosswire.clean.dates import name_date

BASES = (date(2016, 4, 3), date(2015, 2, 10), date(2000, 1, 1))


def _generated() -> list[str]:
    words = ["Sept", "Sept.", "Marc", "Mayo"]
    for name in MONTHS:
        words += [
            name.capitalize(),
            name[:3].capitalize(),
            name[:3].capitalize() + ".",
            name.upper(),
        ]
    out = []
    for word in words:
        for day in (0, 1, 9, 29, 31, 32):
            out += [f"{word} {day}", f"{word} {day}, 2016", f"{day} {word}", f"{day} {word} 2012"]
    for month in (0, 2, 11, 13):
        for day in (1, 13, 29, 32):
            out += [f"{month}/{day}/2016", f"{month}/{day}/15", f"2016-{month:02d}-{day:02d}"]
    return out


def test_plain_forms_are_read_as_dateparser_reads_them() -> None:
    texts = _generated()
    assert len(texts) > 1000
    read_fast = 0
    for n, text in enumerate(texts):
        base = BASES[n % len(BASES)]
        assert parse_day.__wrapped__(text, base) == dateparser_day(text, base), text
        assert dateline_day(text) == dateline_dateparser_day(text), text
        read_fast += plain_day(text, base) is not None
    assert read_fast > len(texts) // 2  # the fast path answers most of them


def test_fast_path_reads_the_common_forms() -> None:
    base = date(2016, 4, 3)
    assert plain_day("March 24, 2016", base) == date(2016, 3, 24)
    assert plain_day("24 March", base) == date(2016, 3, 24)
    assert plain_day("Sept. 9 2015", base) == date(2015, 9, 9)
    assert plain_day("3/24/2016", base) == date(2016, 3, 24)
    assert plain_day("2016-03-24", base) == date(2016, 3, 24)
    assert plain_day("February 29", base.replace(year=2015)) is None  # left to dateparser
    assert plain_day("24 of March, 2016", base) is None
    assert plain_day("3/24/16", base) is None


def _corpus_texts(shared: Path) -> list[tuple[str, date | None]]:
    out: list[tuple[str, date | None]] = []
    for path in sorted((shared / "data" / "polnear").glob("*/text/*.txt")):
        day = name_date(path.name)
        out.append((path.read_text(encoding="utf-8"), day))
    ecb = shared / "data" / "ecbplus" / "ecbplus.jsonl"
    if ecb.exists():
        for line in ecb.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((json.loads(line)["text"], None))
    return out


def test_corpus_dates_are_read_as_dateparser_reads_them(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every date mention (against the article's date, or none) and every dateline of
    PolNeAR and ECB+ resolves the same with the fast path and with dateparser alone."""
    texts = _corpus_texts(shared_dir)
    assert len(texts) > 900

    def found(reference_only: bool) -> list[object]:
        if reference_only:
            monkeypatch.setattr(dates, "parse_day", dateparser_day)
            monkeypatch.setattr(dates, "dateline_day", dateline_dateparser_day)
        else:
            monkeypatch.undo()
        out: list[object] = []
        for text, day in texts:
            for reference in (day or date(2016, 4, 3), None):
                out.append(find_dates(text, 0, reference, "past"))
            out.append(derive_published(text))
        return out

    fast = found(reference_only=False)
    reference = found(reference_only=True)
    monkeypatch.undo()
    absolute = sum(
        m.kind == "absolute" for mentions in fast if isinstance(mentions, list) for m in mentions
    )
    assert absolute > 1000
    assert fast == reference
