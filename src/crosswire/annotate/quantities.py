"""Numbers in claims, normalised so that sources can be compared.

``$800 million`` -> 800000000 USD, ``3.4%`` -> 3.4 %, ``five people`` -> 5
people. spaCy finds the number entities; this module turns their text into
values. Scale and number words are data, so other languages can be added.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from crosswire.model import Quantity

NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_WORDS = {
    w: float(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70})
_WORDS.update({"eighty": 80, "ninety": 90, "a dozen": 12, "dozens": 24, "dozen": 12})
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "pounds": "GBP"}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")


def parse_number(text: str) -> float | None:
    """The value of a number phrase (digits or words, with scale words)."""
    lowered = text.lower().replace("\u2212", "-")
    match = _NUMBER.search(lowered)
    if match:
        value = float(match.group().replace(",", ""))
        rest = lowered[match.end() :]
    else:
        words = re.findall(r"[a-z]+", lowered)
        found = [_WORDS[w] for w in words if w in _WORDS]
        if not found:
            return None
        value = sum(found)
        rest = " ".join(w for w in words if w not in _WORDS)
    for word in re.findall(r"[a-z]+", rest):
        if word in _SCALES:
            value *= _SCALES[word]
    return value


def quantity_of(entity: SpacySpan) -> Quantity | None:
    """A normalised :class:`Quantity` for one number entity, or None if not numeric."""
    if entity.label_ not in NUMBER_LABELS:
        return None
    value = parse_number(entity.text)
    if value is None:
        return None
    unit: str | None = None
    lowered = entity.text.lower()
    if entity.label_ == "PERCENT" or "%" in lowered or "per cent" in lowered:
        unit = "%"
    elif entity.label_ == "MONEY":
        unit = next((c for s, c in _CURRENCIES.items() if s in lowered), None)
        unit = unit or next((c for w, c in _CURRENCY_WORDS.items() if w in lowered), "money")
    else:
        following = entity.doc[entity.end] if entity.end < len(entity.doc) else None
        if following is not None and following.pos_ == "NOUN":
            unit = following.lemma_.lower()
    return Quantity(text=entity.text, value=value, unit=unit)
