"""Dates and times in claims, resolved against the article's publication date.

News convention is followed for what dateparser leaves open: a bare weekday
("on Wednesday") is the day of that name in the week of publication (Monday
to Sunday); "next week" is the week after it; a month and day without a year
("on March 24", "since February 24") take the year that puts them closest to
publication. Absolute dates ("Nov 28, 2005") go to dateparser as they are.

A value is an ISO string at the grain the text gives: ``2022-03-16`` (day),
``2022-W12`` (week, ISO week number), ``2022-03`` (month), ``2022`` (year).
Without a publication date, only what the text itself pins down is resolved.

The publication date itself, when an article carries none, may be read from
a dateline or the URL in the article ("Posted 11/27/2005 7:21 AM",
``/2005/nov/28/``), or from the file it was read from
(``politico_2016-04-03_cruz-tops-trump.txt``); such a date is marked as
derived, with its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import cast

from crosswire.clean.dates import TOP_LINES, dateparser_module, lifted_date, line_date, name_date
from crosswire.model import Article, DateGrain, DateKind, DateMention, Span

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_WORD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"

# One pattern per kind of expression; the first that matches a span wins.
_EXPRESSIONS = re.compile(
    r"""
    (?P<absolute>
        \b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH(?:,?\s+\d{4})?\b
      | \bMONTH\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?
      | \b\d{1,2}\s?/\s?\d{1,2}\s?/\s?(?:\d{4}|\d{2})\b
      | \b\d{4}-\d{2}-\d{2}\b
    )
  | (?P<monthyear> \b(?:in\s+)?MONTH\s+\d{4}\b )
  | (?P<relweek> \b(?:next|last|this|previous|coming|past)\s+week(?:end)?\b )
  | (?P<relday> \b(?:today|tonight|yesterday|tomorrow|overnight)\b )
  | (?P<weekday> \b(?:(?:next|last|this)\s+)?WEEKDAY\b(?:\s+(?:morning|afternoon|evening|night))? )
  | (?P<month> \b(?:in|since|until|by|during|last|next|this|early|late|mid-?)\s+MONTH(?!\s*\d) )
  | (?P<year> \b(?:in|since|until|by|of|from|before|after|during)\s+(?:19|20)\d{2}\b(?!\s*-\d) )
    """.replace("MONTH", r"(?:" + "|".join(MONTHS) + r")").replace(
        "WEEKDAY", "(?:" + "|".join(WEEKDAYS) + ")"
    ),
    re.IGNORECASE | re.VERBOSE,
)


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _absolute(text: str, reference: date | None) -> tuple[str | None, DateGrain]:
    """Day-grain value of an explicit date; a year-less one takes the year nearest publication."""
    cleaned = re.sub(r"\s*/\s*", "/", text)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    has_year = bool(re.search(r"\b\d{4}\b|/\d{2}$", cleaned))
    if not has_year and reference is None:
        month_day = _month_day(cleaned)
        return (f"--{month_day[0]:02d}-{month_day[1]:02d}" if month_day else None), "day"
    day = parse_day(cleaned, reference or date(2000, 1, 1))
    if day is None:
        return None, "day"
    if not has_year and reference is not None:
        candidates = [day.replace(year=reference.year + k) for k in (-1, 0, 1) if _valid(day, k)]
        day = min(candidates, key=lambda d: abs((d - reference).days))
    return day.isoformat(), "day"


@lru_cache(maxsize=4096)
def parse_day(text: str, base: date) -> date | None:
    """The day an explicit date names, a missing year taken from ``base``: as
    :func:`dateparser_day` reads it, answered without dateparser for the plain forms
    news writes ("March 24, 2016", "24 March", "3/24/2016", "2016-03-24").

    dateparser costs about half a millisecond a call (and its import a tenth of a
    second); the plain forms are read by a regular expression, and every answer is
    kept, since an article names the same dates again and again.
    """
    fast = plain_day(text, base)
    return fast if fast is not None else dateparser_day(text, base)


def dateparser_day(text: str, base: date) -> date | None:
    """The reference reading of an explicit date: dateparser, month before day."""
    parsed = dateparser_module().parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(base, datetime.min.time()),
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "MDY",
        },
    )
    return None if parsed is None else parsed.date()


_MONTH_NUMBERS = {name: i for i, name in enumerate(MONTHS, 1)} | {
    **{f"{m[:3]}.": i for i, m in enumerate(MONTHS, 1) if m != "may"},
    **{m[:3]: i for i, m in enumerate(MONTHS, 1)},
    "sept": 9,
    "sept.": 9,
}
_PLAIN_DATE = re.compile(
    r"(?P<m1>[A-Za-z]+\.?) (?P<d1>\d{1,2})(?:,? (?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2}) (?P<m2>[A-Za-z]+\.?)(?:,? (?P<y2>\d{4}))?"
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>\d{4})"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
)


def plain_day(text: str, base: date) -> date | None:
    """The day of a date in one of the plain forms, read as dateparser reads it; None
    for anything else (another form, a day no month has), which dateparser is left to."""
    match = _PLAIN_DATE.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    for n in "1234":
        if groups[f"d{n}"] is not None:
            month_text, day_text, year_text = groups[f"m{n}"], groups[f"d{n}"], groups[f"y{n}"]
            break
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS.get(month_text.lower())
    if month is None:
        return None
    try:
        return date(int(year_text) if year_text else base.year, month, int(day_text))
    except ValueError:
        return None


def _valid(day: date, shift: int) -> bool:
    try:
        day.replace(year=day.year + shift)
    except ValueError:
        return False
    return True


def _month_day(text: str) -> tuple[int, int] | None:
    lowered = text.lower()
    month = next((i for abbr, i in _MONTH_ABBR.items() if re.search(rf"\b{abbr}", lowered)), None)
    day = re.search(r"\b(\d{1,2})\b", lowered)
    if month is None or day is None:
        return None
    return month, int(day.group(1))


def _weekday(text: str, reference: date | None, tense: str | None) -> tuple[str | None, DateGrain]:
    """The day in the week of publication; a past event after it (or a future one
    before it) is in the week before (after): "struck on Sunday", said on a Monday."""
    lowered = text.lower()
    index = next(i for i, name in enumerate(WEEKDAYS) if name in lowered)
    if reference is None:
        return None, "day"
    start = week_start(reference)
    if lowered.startswith("next "):
        start += timedelta(weeks=1)
    elif lowered.startswith("last "):
        start -= timedelta(weeks=1)
    day = start + timedelta(days=index)
    if not lowered.startswith(("next ", "last ")):
        if tense == "past" and day > reference:
            day -= timedelta(weeks=1)
        elif tense == "future" and day < reference:
            day += timedelta(weeks=1)
    return day.isoformat(), "day"


def _relative_day(text: str, reference: date | None) -> tuple[str | None, DateGrain]:
    if reference is None:
        return None, "day"
    shift = {"yesterday": -1, "tomorrow": 1, "overnight": 0}.get(text.lower(), 0)
    return (reference + timedelta(days=shift)).isoformat(), "day"


def _relative_week(text: str, reference: date | None) -> tuple[str | None, DateGrain]:
    if reference is None:
        return None, "week"
    lowered = text.lower()
    shift = 0
    if lowered.startswith(("next", "coming")):
        shift = 1
    elif lowered.startswith(("last", "previous", "past")):
        shift = -1
    return _iso_week(reference + timedelta(weeks=shift)), "week"


def _month(
    text: str, reference: date | None, tense: str | None = None
) -> tuple[str | None, DateGrain]:
    """A month: with its year, or the one nearest publication in the claim's direction.

    "in December" said in March is last December when the claim speaks of the
    past ("prices rose in December"); the coming one when it speaks of the
    future ("will", "by May", "next May") or in the present ("if he is the
    Republican nominee in November", said in March 2016: November 2016).
    """
    lowered = text.lower()
    month = next(i for i, name in enumerate(MONTHS, 1) if name in lowered)
    year_match = re.search(r"\b(\d{4})\b", lowered)
    if year_match:
        return f"{year_match.group(1)}-{month:02d}", "month"
    if reference is None:
        return None, "month"
    year = reference.year
    forward = lowered.startswith(("next", "until", "by")) or tense == "future"
    if lowered.startswith("next"):
        year += month <= reference.month
    elif month > reference.month and not forward and tense != "present":
        year -= 1
    elif month < reference.month and forward:
        year += 1
    return f"{year}-{month:02d}", "month"


def _year(text: str) -> tuple[str | None, DateGrain]:
    match = re.search(r"\d{4}", text)
    return (match.group() if match else None), "year"


def resolve(
    text: str, kind: DateKind, reference: date | None, tense: str | None = None
) -> tuple[str | None, DateGrain]:
    """The ISO value and grain of one expression of ``kind``, against ``reference``.

    ``tense`` (``past``, ``present``, ``future``) of the claim settles which
    week a bare weekday falls in when the week of publication would put a past
    event after publication or a future one before it.
    """
    if kind == "absolute":
        return _absolute(text, reference)
    if kind == "monthyear":
        return _month(text, reference, tense)
    if kind == "weekday":
        return _weekday(text, reference, tense)
    if kind == "relday":
        return _relative_day(text, reference)
    if kind == "relweek":
        return _relative_week(text, reference)
    if kind == "month":
        return _month(text, reference, tense)
    return _year(text)


def find_dates(
    text: str, offset: int = 0, reference: date | None = None, tense: str | None = None
) -> list[DateMention]:
    """Every date expression in ``text`` (offsets shifted by ``offset``), resolved."""
    out: list[DateMention] = []
    for match in _EXPRESSIONS.finditer(text):
        kind = cast(DateKind, match.lastgroup or "absolute")  # the pattern's group names
        raw = match.group()
        if not _month_capitalised(raw):
            continue  # "this may be", "troops march"
        if _a_title_word(text, match):
            continue  # "in an interview with USA TODAY", "NBC's Today show": a name
        stripped = raw
        if kind != "month":
            stripped = re.sub(
                r"^(?:in|since|until|by|of|from|before|after|during|on)\s+", "", raw, flags=re.I
            )
        start = match.start() + (len(raw) - len(stripped))
        value, grain = resolve(stripped, kind, reference, tense)
        relative = kind in ("weekday", "relday", "relweek") or (
            kind in ("absolute", "month") and not re.search(r"\d{4}", stripped)
        )
        out.append(
            DateMention(
                text=stripped,
                span=Span(offset + start, offset + match.end()),
                value=value,
                grain=grain,
                kind=kind,
                relative=relative,
            )
        )
    return out


def _a_title_word(text: str, match: re.Match[str]) -> bool:
    """A day or week word that is part of a name: in capitals after another capitalised
    word ("USA TODAY"), or every word capitalised mid-sentence ("the Today show", "Trump
    told ABC's This Week")."""
    raw = match.group()
    if match.lastgroup not in ("relday", "relweek") or match.start() == 0:
        return False
    if not all(word[:1].isupper() for word in raw.split()):
        return False
    before = text[: match.start()].rstrip()
    # not a sentence or quote opening: "Today, the senator said"
    return bool(before) and before[-1] not in ".!?:\"“”'‘’—-(\n"


def _month_capitalised(raw: str) -> bool:
    for word in re.findall(r"[A-Za-z]+", raw):
        if word.lower() in MONTHS and not word[0].isupper():
            return False
    return True


def reresolve(
    mention: DateMention, reference: date | None, tense: str | None = None
) -> DateMention:
    """The same mention resolved against another reference date (e.g. one given later)."""
    value, grain = resolve(mention.text, mention.kind, reference, tense)
    return replace(mention, value=value, grain=grain)


# --------------------------------------------------------------------------
# publication dates


@dataclass(frozen=True)
class Published:
    """An article's publication date and where it comes from.

    ``basis`` is ``given`` (metadata or user input), ``derived`` (read from a
    dateline or URL in the article, or the name of its file) or ``unknown``.
    """

    day: date | None
    basis: str
    evidence: str = ""


_DATELINE_CUES = re.compile(
    r"^\s*(?:(?:last\s+)?updated|published|posted|first\s+posted|date)\s*:?\s*", re.IGNORECASE
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})\s*/\s*(\d{1,2}|" + _MONTH_WORD + r")\s*/\s*(\d{1,2})\s*/", re.IGNORECASE
)
_URL_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})[/_-]")
_DATELINE_LINES = 5
_DATELINE_MAX_CHARS = 80


def _line_date(line: str) -> date | None:
    """The date a short dateline line gives ("Posted 11 / 27 / 2005 7: 21 AM")."""
    text = _DATELINE_CUES.sub("", line.strip())
    text = re.sub(r"\s*([/:])\s*", r"\1", text)
    text = re.sub(r"(\d{1,2})\s*-\s*(\d{4})", r"\1 \2", text)
    text = re.sub(r"\bNovemer\b", "November", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    if not re.search(r"\d", text) or len(text) > _DATELINE_MAX_CHARS:
        return None
    words = re.findall(r"[A-Za-z]+", text)
    known = {"am", "pm", "gmt", "utc", "et", "est", "pt", "uk", "at", "on", "of", "bst", "cet"}
    known |= {"posted", "updated", "last", "published", "first", "date"}
    if any(
        w.lower() not in known and not re.fullmatch(_MONTH_WORD, w.lower()) and not _is_weekday(w)
        for w in words
    ):
        return None
    match = re.search(
        r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
        r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r",?\s+\d{4}"
        r"|" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
        text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    return dateline_day(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", match.group()))


def dateline_day(text: str) -> date | None:
    """The day a dateline's date names ("Nov 28, 2005", "11/27/2005"): the plain forms
    read directly, the rest by dateparser (:func:`dateline_dateparser_day`)."""
    if re.search(r"\d{4}", text):  # a plain form with its year is read the same any day
        fast = plain_day(text, date(2000, 1, 1))
        if fast is not None:
            return fast
    return dateline_dateparser_day(text)


def dateline_dateparser_day(text: str) -> date | None:
    """The reference reading of a dateline's date: dateparser, month before day."""
    parsed = dateparser_module().parse(text, languages=["en"], settings={"DATE_ORDER": "MDY"})
    return parsed.date() if parsed else None


def _is_weekday(word: str) -> bool:
    return bool(re.fullmatch(_WEEKDAY_WORD, word.lower()))


def _url_date(line: str) -> date | None:
    compact = line.replace(" ", "")
    match = _URL_DATE.search(compact)
    if match:
        year, month_text, day = match.groups()
        month = int(month_text) if month_text.isdigit() else _MONTH_ABBR.get(month_text[:3].lower())
        try:
            return date(int(year), month or 0, int(day))
        except ValueError:
            return None
    match = _URL_COMPACT.search(compact)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    return None


def derive_published(
    text: str,
    *,
    title: str | None = None,
    removed: tuple[str, ...] = (),
    origin: str | None = None,
) -> Published:
    """A publication date read from the article's first lines (dateline, URL), if any,
    else from the name of the file it came from.

    ``title`` and ``removed`` (the lines cleaning took out) are read too: a
    page's URL or "Posted ..." line often ends up there. Collected articles
    are often saved under their date (``politico_2016-04-03_cruz-tops.txt``),
    so an ISO date in a file's name counts, after the text's own evidence.
    """
    lines = [line for line in text.splitlines() if line.strip()][:_DATELINE_LINES]
    lines = [*(x for x in (title, *removed) if x and x.strip()), *lines]
    for line in lines:
        day = _line_date(line)
        if day is not None:
            return Published(day, "derived", f"dateline “{line.strip()}”")
    for line in lines:
        if "http" in line or "www" in line:
            day = _url_date(line)
            if day is not None:
                return Published(day, "derived", f"URL “{line.strip()}”")
    day, name = file_name_date(origin)
    if day is not None:
        return Published(day, "derived", f"file name “{name}”")
    return Published(None, "unknown", "no date in the metadata, dateline, URL or file name")


def article_published(article: Article) -> Published:
    """The article's publication date: its metadata's (or one the user gave), else one
    derived from it. A date cleaning derived (``published_from``: a date line of the
    text, the file's name) stays marked derived, with the line or name as evidence."""
    if article.published is None:
        return derive_published(
            article.text, title=article.title, removed=article.removed_lines, origin=article.origin
        )
    day = article.published.date()
    if article.published_from == "file name":
        return Published(day, "derived", f"file name “{_file_name(article.origin)}”")
    if article.published_from == "text":
        return Published(day, "derived", _dateline_evidence(article, day))
    how = "input" if article.published_from == "given" else "article metadata"
    return Published(day, "given", how)


def _dateline_evidence(article: Article, day: date) -> str:
    """The line a text-derived date was read from ("dateline “Updated March 3, 2022”"):
    one a rule removed, or a short date line at the top of the text."""
    for line in article.removed_lines:
        if lifted_date(line) == day:
            return f"dateline “{line.strip()}”"
    for line in (article.title or "", *article.text.splitlines()[:TOP_LINES]):
        if line_date(line) == day:
            return f"dateline “{line.strip()}”"
    return "a date line of its text"


def file_name_date(origin: str | None) -> tuple[date | None, str]:
    """The date in the name of the file an article was read from, and that name.

    Only a plain file counts: a JSONL line (``news.jsonl:12``) or a URL names
    a file that holds many articles or none. The date is read as cleaning reads
    it (:func:`crosswire.clean.dates.name_date`: ``2016-04-03`` or ``20160403``, a
    real day of a plausible year).
    """
    if not origin or "://" in origin or re.search(r":\d+$", origin):
        return None, ""
    name = _file_name(origin)
    return name_date(name), name


def _file_name(origin: str) -> str:
    return re.split(r"[\\/]", origin)[-1]
