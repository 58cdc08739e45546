"""The compare stage's word lists, read from data files (extend them, not the code).

- ``annotate/data/actors.tsv`` and ``capitals.tsv``, with the demonyms, put a
  name on its side: "Kremlin", "Moscow", "Russian" -> Russia.
- ``compare/data/measures.tsv``: what a number measures ("killed", "dead",
  "death toll" -> dead), so figures of one measure compare.
- ``compare/data/event_antonyms.tsv``: verbs that contradict ("accept" /
  "reject").
- ``compare/data/stances.tsv`` and ``topics.tsv``: how an actor stands on what.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import cast, get_args

from crosswire.annotate.speaker_names import demonyms
from crosswire.model import Quantity, StanceKind


def _rows(package: str, name: str) -> Iterator[list[str]]:
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


@cache
def _actors() -> dict[str, str]:
    table = {k.lower(): v for k, v in demonyms().items()}
    for name in ("capitals.tsv", "actors.tsv"):
        table.update({cells[0].lower(): cells[1] for cells in _rows("crosswire.annotate", name)})
    return table


@cache
def _actor_pattern() -> re.Pattern[str]:
    names = sorted(_actors(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?:['’]s)?(?![\w])",
        re.IGNORECASE,
    )


def actor_of(name: str | None, organization: str | None = None) -> str:
    """The side a name stands for: "Kremlin" -> Russia, "Ukraine's negotiator" -> Ukraine.

    A name that is no country, capital or institution stands for itself (a
    person with no known affiliation), unless ``organization`` places it.
    """
    table = _actors()
    countries = {v.lower(): v for v in table.values()}
    for candidate in (organization, name):
        if not candidate:
            continue
        key = re.sub(r"^the\s+", "", candidate.strip(), flags=re.IGNORECASE).lower()
        key = re.sub(r"(?:’s|'s)$", "", key)
        if key in table:
            return table[key]
        if key in countries:
            return countries[key]
        for match in _actor_pattern().finditer(candidate):
            if match.group(1)[0].isupper():
                return table[match.group(1).lower()]
        for country in sorted(countries, key=len, reverse=True):
            if re.search(rf"\b{re.escape(country)}\b", key):
                return countries[country]
    return (name or organization or "").strip()


def side_named(name: str) -> str:
    """The side a name is, only when the whole name is one ("Kremlin" -> Russia, "the
    Ukrainians" -> Ukraine); else the name itself: "the Business Council of British
    Columbia" is no British actor, as :func:`actor_of`'s word search would have it."""
    table = _actors()
    key = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower()
    key = re.sub(r"(?:’s|'s)$", "", key)
    countries = {v.lower(): v for v in table.values()}
    return table.get(key) or countries.get(key) or name.strip()


@cache
def known_sides() -> frozenset[str]:
    """Every side the actor tables know (countries, institutions)."""
    return frozenset(_actors().values())


@cache
def _measures() -> dict[str, str]:
    return {cells[0]: cells[1] for cells in _rows("crosswire.compare", "measures.tsv")}


# Nouns that count people in general; any other counted noun ("two women") is a
# part of the whole, and its measure says so ("dead:woman"), so that "three
# killed" and "two women and a man killed" do not conflict.
PERSON_NOUNS = frozenset({"people", "person", "persons", "villager", "civilian", "individual"})


def measure_of(quantity: Quantity) -> str:
    """What a number measures, for comparing: a currency, ``%``, ``dead``, ``people``..."""
    unit = (quantity.unit or "").lower()
    if unit in ("usd", "eur", "gbp", "jpy", "money", "%"):
        return unit.upper() if unit != "%" else "%"
    measures = _measures()
    if quantity.event and quantity.event in measures:
        measure = measures[quantity.event]
        if unit and unit not in PERSON_NOUNS and measures.get(unit) != measure:
            return f"{measure}:{unit}"
        return measure
    if unit in measures:
        return measures[unit]
    if unit in PERSON_NOUNS:
        return f"people:{quantity.event}" if quantity.event else ""
    return unit


@cache
def antonyms() -> frozenset[frozenset[str]]:
    """Pairs of verbs that contradict each other about one fact."""
    return frozenset(
        frozenset(cells[:2]) for cells in _rows("crosswire.compare", "event_antonyms.tsv")
    )


@cache
def stance_cues() -> tuple[tuple[StanceKind, re.Pattern[str]], ...]:
    """Cues of a stance in a quote's words; a row naming an unknown stance is an error."""
    known = set(get_args(StanceKind))
    out: list[tuple[StanceKind, re.Pattern[str]]] = []
    for cells in _rows("crosswire.compare", "stances.tsv"):
        if cells[0] not in known:
            raise ValueError(f"stances.tsv: unknown stance {cells[0]!r}")
        out.append((cast(StanceKind, cells[0]), re.compile(cells[1], re.IGNORECASE)))
    return tuple(out)


@cache
def topic_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (cells[0], re.compile(cells[1], re.IGNORECASE))
        for cells in _rows("crosswire.compare", "topics.tsv")
    )


CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY"})


@cache
def toll_measures() -> frozenset[str]:
    """What an event did: its tolls (``developing.tsv``) and its magnitude. In one story two
    figures of one of them are likely about one thing, where "25 delegates" and "27", or a
    contract and a box office, are not."""
    return developing_measures() | {"magnitude", "population", *CURRENCIES}


@cache
def static_measures() -> frozenset[str]:
    """Measures whose true figure does not move with time (a magnitude, a population):
    figures of them that differ conflict whenever they were reported. Counts of anything
    else (delegates, money raised) are compared only within one day of reporting."""
    return frozenset(_measures().values()) - developing_measures()


@cache
def developing_measures() -> frozenset[str]:
    """Measures whose later figures update earlier ones (tolls), from ``developing.tsv``."""
    return frozenset(cells[0] for cells in _rows("crosswire.compare", "developing.tsv"))
