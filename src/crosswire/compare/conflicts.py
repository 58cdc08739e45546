"""Where the claims of one fact disagree, and which disagreements are updates.

A conflict needs one fact with two values. Two claims are of one fact when
they are aligned as such, or when they say the same once their figures and
dates are masked (``rivals`` of :class:`crosswire.compare.facts.Alignment`):
"25 delegates" for Cruz in North Dakota and "27" for Trump in Indiana share
a unit, not a fact. Figures of claims that name different places, or
different days, are never compared. Two such claims conflict when:

- numbers: they give figures of one measure (``dead``, ``injured``, ``USD``,
  ``magnitude``) that cannot both hold. Qualifiers are read as bounds ("at
  least three" holds with ten; "about 50" with 52), words like "dozens" are
  never compared, and a claim giving two figures of one measure (it reports
  the disagreement itself) is left out for that measure;
- polarity: one negates the event the other affirms, or they use verbs of
  opposite sense ("accepts" / "rejects", data in ``event_antonyms.tsv``);
- dates: each names one day for the event, and the days differ;
- places: each names one country for the event, and they differ.

A disagreement in a developing measure (a toll: ``dead``, ``injured``...,
listed in ``developing.tsv``) is an *update*, not a contradiction, when the
times say so: the articles' publication dates differ (the later report
updates the earlier, even "at least three" to "ten"), or one claim says its
figure is new ("rose to", "climbed to"). Static measures (a magnitude, a
population, a sum) that disagree conflict whatever the dates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import combinations

from rapidfuzz import fuzz

from crosswire.compare.facts import Rivals
from crosswire.compare.lexicon import (
    CURRENCIES,
    actor_of,
    antonyms,
    developing_measures,
    known_sides,
    measure_of,
    static_measures,
    toll_measures,
)
from crosswire.model import (
    Claim,
    Conflict,
    ConflictAspect,
    ConflictKind,
    ConflictSide,
    Fact,
    Quantity,
)

# Exact figures agree within this relative tolerance (rounding: 6.1 vs 6.10).
TOLERANCE = 0.005
APPROX_TOLERANCE = 0.05
_LOWER_BOUNDS = frozenset({"at least", "more than", "over"})
_UPPER_BOUNDS = frozenset(
    {"at most", "up to", "less than", "fewer than", "nearly", "almost", "as many as", "under"}
)
_APPROX = frozenset({"about", "around", "approximately", "roughly", "some", "estimated"})
_UPDATE_CUES = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|jumped|increased|grew|raised|revised|updated)"
    r"\s+(?:up\s+)?to\b|\bhas reached\b|\bnew (?:death )?toll\b|\bnow stands\b",
    re.IGNORECASE,
)
#: rapidfuzz ratio at which two place names are one place spelled two ways.
PLACE_SPELLING = 85


def interval(quantity: Quantity) -> tuple[float, float]:
    """The values a figure allows, given its qualifier."""
    v = quantity.value
    q = quantity.qualifier
    if q in _LOWER_BOUNDS:
        return v, math.inf
    if q in _UPPER_BOUNDS:
        return 0.0, v
    if q in _APPROX:
        return v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)
    return v * (1 - TOLERANCE), v * (1 + TOLERANCE)


def compatible(a: Quantity, b: Quantity) -> bool:
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


#: A figure the writer hedges is no report to hold against another: "could be up to $180
#: million", "a magnitude 6 quake can cause severe damage".
_HEDGED = re.compile(r"\b(?:can|could|may|might)\b", re.IGNORECASE)


#: What follows a figure that makes it a count of the past: "Gray has four prior arrests"
#: is his record, not the arrests at the protest ("one person has been arrested").
_HISTORY = r"\s+(?:prior|previous|earlier|past|former)\b"


def _figures(claim: Claim) -> dict[str, Quantity]:
    """One figure per measure (a claim giving two of one measure is left out for it)."""
    if _HEDGED.search(claim.text):
        return {}
    seen: dict[str, list[Quantity]] = {}
    for quantity in claim.quantities:
        measure = measure_of(quantity)
        if quantity.vague or not measure or quantity.value <= 0:
            continue
        if re.search(re.escape(quantity.text) + _HISTORY, claim.text, re.IGNORECASE):
            continue
        if measure in ("people", "year", "%") and not quantity.event:
            continue
        seen.setdefault(measure, []).append(quantity)
    out = {}
    for measure, quantities in seen.items():
        values = {round(q.value, 6) for q in quantities}
        if len(values) == 1:
            out[measure] = quantities[0]
    return out


def _label(quantity: Quantity, measure: str) -> str:
    value = f"{quantity.value:,.6g}" if quantity.value < 1e6 else f"{quantity.value:,.0f}"
    qualifier = f"{quantity.qualifier} " if quantity.qualifier else ""
    return f"{qualifier}{value} {measure}".strip()


def _order(
    a: Sequence[Claim], b: Sequence[Claim], published: Mapping[str, date | None]
) -> tuple[ConflictKind, str, bool] | None:
    """("update", reason, a_first) when the times order the two sides, else None."""
    da = [published.get(c.article_id) for c in a]
    db = [published.get(c.article_id) for c in b]
    if all(da) and all(db):
        if max(d for d in da if d) < min(d for d in db if d):
            return "update", "the later report gives a new figure", True
        if max(d for d in db if d) < min(d for d in da if d):
            return "update", "the later report gives a new figure", False
    cue_a = any(_UPDATE_CUES.search(c.text) for c in a)
    cue_b = any(_UPDATE_CUES.search(c.text) for c in b)
    if cue_a != cue_b:
        return "update", "one report says its figure is new", cue_b
    return None


def _day(claim: Claim) -> str | None:
    """The one absolute day the claim names: a weekday read against the publication
    date ("on Tuesday") says when the article was written as much as when it happened,
    so two articles' Tuesdays are not a disagreement."""
    days = {
        d.value
        for d in claim.dates
        if d.grain == "day" and d.value and d.value[0] != "-" and not d.relative
    }
    return days.pop() if len(days) == 1 else None


def _country(claim: Claim) -> str | None:
    countries = {actor_of(p) for p in claim.places}
    if len(countries) != 1:
        return None
    (country,) = countries
    return country if country in known_sides() else None


def _published_text(claims: Sequence[Claim], published: Mapping[str, date | None]) -> str | None:
    days = sorted({d.isoformat() for c in claims if (d := published.get(c.article_id))})
    return ", ".join(days) if days else None


def _conflict(
    fact: Fact,
    aspect: ConflictAspect,
    what: str,
    a: tuple[str, Sequence[Claim]],
    b: tuple[str, Sequence[Claim]],
    published: Mapping[str, date | None],
    reason: str,
) -> Conflict:
    order = _order(a[1], b[1], published)
    kind: ConflictKind = "conflict"
    if order is not None and aspect == "number" and what in developing_measures():
        kind, reason, a_first = order
        if not a_first:
            a, b = b, a
    sides = tuple(
        ConflictSide(value, tuple(claims), _published_text(claims, published))
        for value, claims in (a, b)
    )
    return Conflict(fact.id, kind, aspect, what, sides, reason)


def _same_place(a: str, b: str) -> bool:
    """One place under two spellings or lengths ("Dargahan" / "Dargehan", "Qeshm" /
    "Qeshm island")."""
    return a == b or a in b.split() or b in a.split() or fuzz.ratio(a, b) >= PLACE_SPELLING


def _apart(a: Claim, b: Claim) -> bool:
    """Whether two claims speak of different places or times, so their figures may differ
    for that reason ("25 delegates in North Dakota", "27 in Indiana"; a toll "on Monday"
    and one "on Tuesday"; this quake "on Sunday" and another "in September")."""
    places_a = {actor_of(p).lower().removeprefix("the ") for p in a.places}
    places_b = {actor_of(p).lower().removeprefix("the ") for p in b.places}
    if places_a and places_b and not any(_same_place(x, y) for x in places_a for y in places_b):
        return True
    if _bounds(a) != _bounds(b):
        return True  # "arrested three times since October" / "four times" (in all)
    if not a.dates or not b.dates:
        return False
    times_a = {d.value or d.text.lower() for d in a.dates}
    times_b = {d.value or d.text.lower() for d in b.dates}
    return not times_a & times_b


#: Currencies a story's own sums may be in, so that its dollar figures are conversions.
_FOREIGN_CURRENCIES = frozenset({"EUR", "GBP", "JPY"})


def _dollars_converted(facts: Sequence[Fact]) -> bool:
    """Whether the story reports a sum in another currency than the dollar: its "$"
    figures are then conversions, at rates and into dollars (US, Canadian, Australian)
    each outlet chose ("85 million euros" is "$108 million", "$137-million" and "more
    than $160 million"), and do not disagree."""
    return any(
        not q.vague and measure_of(q) in _FOREIGN_CURRENCIES
        for fact in facts
        for claim in fact.claims
        for q in claim.quantities
    )


_BOUNDS = ("since", "so far", "this year", "to date", "in the past", "over the past")
#: A span of several periods a count is summed over that is no date: "over four nights".
#: (A count "since the shooting" is the running total, which a later figure updates.)
_SPANS = re.compile(
    r"\bover (?:the )?(?:past |last )?(?:[a-z]+|\d+) (?:days|nights|weeks|months|years)\b",
    re.IGNORECASE,
)


def _bounds(claim: Claim) -> frozenset[str]:
    """The periods a claim bounds its counts by ("since October", "so far this year",
    "over four nights"): a count over part of the time, or summed over several nights, is
    another figure than one over all of it or of one night."""
    dated = {d.text.lower() for d in claim.dates if d.text.lower().startswith(_BOUNDS)}
    return frozenset(dated | {m.lower() for m in _SPANS.findall(claim.text)})


def _number_conflicts(
    fact: Fact,
    published: Mapping[str, date | None],
    skip: frozenset[str] = frozenset(),
    only: frozenset[str] = frozenset(),
) -> list[Conflict]:
    figures = [(claim, _figures(claim)) for claim in fact.claims]
    found_of = {id(claim): found for claim, found in figures}
    measures = {m for _, f in figures for m in f if not only or m in only} - skip
    out: list[Conflict] = []
    for measure in sorted(measures):
        sides: list[tuple[Quantity, list[Claim]]] = []
        for claim, found in figures:
            quantity = found.get(measure)
            if quantity is None:
                continue
            for side in sides:
                first = side[1][0]
                if (
                    first.article_id != claim.article_id
                    and _same_figure(side[0], quantity)
                    and published.get(first.article_id) == published.get(claim.article_id)
                ):
                    side[1].append(claim)
                    break
            else:
                sides.append((quantity, [claim]))
        for (qa, ca), (qb, cb) in combinations(sides, 2):
            if {c.article_id for c in ca} == {c.article_id for c in cb}:
                continue
            if any(_apart(x, y) for x in ca for y in cb):
                continue
            if any(_elsewhen(x, published) != _elsewhen(y, published) for x in ca for y in cb):
                continue  # "a 6.4 quake hit Zarand in February": background, another time
            if (measure not in toll_measures() or measure in CURRENCIES) and _other_events(qa, qb):
                continue  # "scored 20 points" / "needed nine points": other things counted
            if any(
                _other_subjects(x, found_of[id(x)][measure], y, found_of[id(y)][measure])
                for x in ca
                for y in cb
            ):
                continue  # "Charles rushed for 226 yards" / "Hillis rushed for 101 yards"
            if _equal(qa, qb):
                continue  # "10" and "at least 10": one figure
            developing = measure in developing_measures()
            if (
                not developing
                and measure not in static_measures()
                and _other_days(ca, cb, published)
            ):
                continue  # a count that moves (delegates, money raised) on other days
            if compatible(qa, qb) and (not developing or _order(ca, cb, published) is None):
                continue
            out.append(
                _conflict(
                    fact,
                    "number",
                    measure,
                    (_label(qa, measure), ca),
                    (_label(qb, measure), cb),
                    published,
                    f"{qa.text} vs {qb.text}",
                )
            )
    return out


def _other_days(
    a: Sequence[Claim], b: Sequence[Claim], published: Mapping[str, date | None]
) -> bool:
    """Whether the two sides were published on different days (both known)."""
    days_a = {published.get(c.article_id) for c in a}
    days_b = {published.get(c.article_id) for c in b}
    if None in days_a or None in days_b:
        return False
    return not days_a & days_b


#: A claim dated this many days or more from its article's publication is about another
#: time (background: an earlier quake, last year's figures).
ELSEWHEN_DAYS = 31


def _elsewhen(claim: Claim, published: Mapping[str, date | None]) -> bool:
    """Whether the claim dates itself far from when its article was published."""
    own = published.get(claim.article_id)
    if own is None:
        return False
    for mention in claim.dates:
        day = _first_day(mention.value)
        if day is not None and abs((day - own).days) >= ELSEWHEN_DAYS:
            return True
    return False


def _first_day(value: str | None) -> date | None:
    """The first day of an ISO day, month or year value (``2005-02`` -> 1 Feb 2005)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    return date(int(year), int(month or 1), int(day or 1))


def _other_events(a: Quantity, b: Quantity) -> bool:
    """Whether two figures belong to different verbs (both known)."""
    return bool(a.event and b.event and a.event != b.event)


def _named_subject(claim: Claim, quantity: Quantity) -> set[str] | None:
    """The words of the name that is the subject of the figure's verb ("Jamaal Charles"
    of "Jamaal Charles rushed for 226 yards"), when the figure belongs to the claim's
    main verb and its subject names someone; else None."""
    if not claim.subject or not quantity.event or quantity.event != claim.event:
        return None
    names = [name for name in claim.entities if name in claim.subject]
    words = {w.lower() for name in names for w in re.findall(r"[A-Za-z]{3,}", name)}
    return words or None


def _other_subjects(x: Claim, qa: Quantity, y: Claim, qb: Quantity) -> bool:
    """Whether the two figures are of differently named subjects ("Jamaal Charles rushed
    for 226 yards while Peyton Hillis added 101" / "Peyton Hillis rushed for 101 yards"):
    one player's yards, or one team's offer, are no figure of another's."""
    a, b = _named_subject(x, qa), _named_subject(y, qb)
    return a is not None and b is not None and not a & b


def _equal(a: Quantity, b: Quantity) -> bool:
    return abs(a.value - b.value) <= TOLERANCE * max(a.value, b.value)


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return abs(a.value - b.value) <= TOLERANCE * max(a.value, b.value) and (
        a.qualifier == b.qualifier
    )


_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|nothing|neither|nor)\b|n\s?['’]\s?t\b", re.IGNORECASE
)


#: Verbs too light to carry an event whose negation could contradict another report.
_LIGHT_EVENTS = frozenset({"be", "have", "do", "get", "say"})


def _same_subject(x: Claim, y: Claim) -> bool:
    """Whether the claims' subjects share a word (unknown subjects do not disagree)."""
    if not x.subject or not y.subject:
        return True
    words_x = set(re.findall(r"[a-z]{3,}", x.subject.lower()))
    words_y = set(re.findall(r"[a-z]{3,}", y.subject.lower()))
    return bool(words_x & words_y) or not words_x or not words_y


def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def _polarity_conflicts(fact: Fact) -> list[Conflict]:
    out = []
    pairs = antonyms()
    for x, y in combinations(fact.claims, 2):
        if x.article_id == y.article_id or not x.event or not y.event:
            continue
        if x.event in _LIGHT_EVENTS or not _same_subject(x, y):
            continue  # "were a terrible experience" / "weren't so hot": no event to oppose
        if x.event == y.event and x.negated != y.negated:
            if _negations(x.text) % 2 == _negations(y.text) % 2:
                continue  # "I didn't feel we were" / "I feel we weren't": the "not" moved
            reason = f"“{x.event}” is negated in one report only"
        elif frozenset((x.event, y.event)) in pairs and x.negated == y.negated:
            reason = f"“{x.event}” vs “{y.event}”"
        else:
            continue
        label_x = ("not " if x.negated else "") + x.event
        label_y = ("not " if y.negated else "") + y.event
        sides = (ConflictSide(label_x, (x,)), ConflictSide(label_y, (y,)))
        out.append(Conflict(fact.id, "conflict", "polarity", "event", sides, reason))
    return out


def _self_dated(claim: Claim, day: object, published: Mapping[str, date | None]) -> bool:
    """Whether the day a claim names is its own article's publication day."""
    own = published.get(claim.article_id)
    return own is not None and day == own.isoformat()


def _value_conflicts(
    fact: Fact, aspect: ConflictAspect, value_of: object, published: Mapping[str, date | None]
) -> list[Conflict]:
    out = []
    for x, y in combinations(fact.claims, 2):
        if x.article_id == y.article_id or x.event != y.event:
            continue  # one event: the same verb
        vx, vy = value_of(x), value_of(y)  # type: ignore[operator]
        if aspect == "date" and _self_dated(x, vx, published) and _self_dated(y, vy, published):
            continue  # "This is HuffPollster for Wednesday, February 3": each its own day
        if vx and vy and vx != vy:
            sides = (
                ConflictSide(vx, (x,), _published_text((x,), published)),
                ConflictSide(vy, (y,), _published_text((y,), published)),
            )
            reason = f"{vx} vs {vy}"
            out.append(Conflict(fact.id, "conflict", aspect, aspect, sides, reason))
    return out


def find_conflicts(
    facts: Sequence[Fact],
    published: Mapping[str, date | None],
    rivals: Sequence[Rivals] = (),
) -> list[Conflict]:
    """Every disagreement within a fact or between rival claims, as conflicts or updates,
    both sides cited."""
    fact_of = {id(claim): fact for fact in facts for claim in fact.claims}
    skip = frozenset({"USD"}) if _dollars_converted(facts) else frozenset()
    found: list[Conflict] = []
    for fact in facts:
        if len({c.article_id for c in fact.claims}) < 2:
            continue
        found += _number_conflicts(fact, published, skip)
        found += _polarity_conflicts(fact)
        found += _value_conflicts(fact, "date", _day, published)
        found += _value_conflicts(fact, "place", _country, published)
    for rival in rivals:  # one fact but for the figures: only the figures are compared
        a, b = rival.first, rival.second
        home = fact_of.get(id(a)) or fact_of.get(id(b))
        pair = Fact(a.text, (a, b), (a.article_id, b.article_id), 2, id=home.id if home else None)
        found += _number_conflicts(pair, published, skip, rival.measures)
    out: list[Conflict] = []
    seen: set[tuple[str, frozenset[int]]] = set()
    for conflict in found:
        key = (conflict.what, frozenset(id(c) for side in conflict.sides for c in side.claims))
        if key not in seen:
            seen.add(key)
            out.append(conflict)
    return out
