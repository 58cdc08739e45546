"""Numbers in claims, normalised so that sources can be compared.

``$800 million`` -> 800000000 USD, ``3.4%`` -> 3.4 %, ``five people`` -> 5
people. spaCy finds the number entities; this module turns their text into
values. Scale and number words are data, so other languages can be added.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span as SpacySpan

from crosswire.model import Quantity, Span

NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "b": 1e9,  # "110 b. Euro"
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
# Words that give an order of size, not a figure: never compared as values.
VAGUE_WORDS = frozenset({"dozens", "hundreds", "thousands", "several", "few", "many", "scores"})
# A number followed by these counts an increment ("two more victims", "five other
# workers"), not the total a toll gives: it is never compared.
_INCREMENTS = frozenset({"more", "other", "additional", "further", "new"})
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# Plain-text stand-ins for currency signs lost in conversion ("e80 million", "p74million").
_LOST_SIGNS = {"e": "EUR", "p": "GBP"}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "sterling": "GBP",
    "pound": "GBP",
}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
# Qualifiers that bound a figure, longest first; matched on the words before it.
QUALIFIERS = (
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "as many as",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "estimated",
    "an estimated",
)


def _despace(text: str) -> str:
    """Undo tokenizer spacing inside numbers ("2. 5" -> "2.5", "120, 000" -> "120,000")."""
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)
    return re.sub(r"(\d), (\d{3})\b", r"\1,\2", text)


def parse_number(text: str) -> float | None:
    """The value of a number phrase (digits or words, with scale words)."""
    lowered = _despace(text.lower().replace("\u2212", "-"))
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


def _currency(lowered: str, entity: SpacySpan) -> str | None:
    unit = next((c for s, c in _CURRENCIES.items() if s in lowered), None)
    if unit:
        return unit
    lost = re.match(r"([ep])\s?\d", lowered)
    if lost:
        return _LOST_SIGNS[lost.group(1)]
    before = entity.doc[entity.start - 1].text.lower() if entity.start > 0 else ""
    if before in _CURRENCIES:
        return _CURRENCIES[before]
    after = entity.doc[entity.end].text.lower() if entity.end < len(entity.doc) else ""
    return next((c for w, c in _CURRENCY_WORDS.items() if w in lowered or w == after), None)


def _qualifier(entity: SpacySpan) -> str | None:
    lowered = entity.text.lower()
    before = " ".join(t.text.lower() for t in entity.doc[max(0, entity.start - 3) : entity.start])
    for q in QUALIFIERS:
        if lowered.startswith(q + " ") or before.endswith(" " + q) or before == q:
            return q.removeprefix("an ")
    return None


def _event(entity: SpacySpan) -> str | None:
    """The verb a number belongs to: "killed five people", "ten people were killed",
    "at least 50 injured"."""
    token = entity.root
    for child in token.children:
        if (
            child.dep_ in ("acl", "amod")
            and child.pos_ in ("VERB", "ADJ")
            and child.i >= entity.end
        ):
            return str(child.lemma_.lower())
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            if token.lemma_.lower() in _LIGHT_VERBS:
                # "received treatment after being injured", "left three people dead"
                for t in token.subtree:
                    if t.i > max(token.i, entity.end - 1) and (
                        t.tag_ == "VBN" or (t.pos_ == "ADJ" and t.dep_ in ("oprd", "acomp"))
                    ):
                        return str(t.lemma_.lower())
            return str(token.lemma_.lower())
        if token.head.i == token.i:
            return None
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "npadvmod"):
            token = token.head
            continue
        token = token.head
    return None


# Verbs that carry little meaning of their own: the participle after them says
# what the number counts ("received treatment after being injured").
_LIGHT_VERBS = frozenset({"receive", "leave", "have", "get", "suffer", "be"})
_MEASURE_NOUNS = frozenset({"magnitude", "richter", "strength"})
_COUNT_HEADS = frozenset({"number", "toll", "total", "count", "tally"})
_COUNT_WINDOW = 12


def _counted(entity: SpacySpan) -> str | None:
    """What a bare number counts: the noun after it, a measure before it, or "number of X"."""
    doc = entity.doc
    if any(t.lemma_.lower() in _MEASURE_NOUNS for t in entity):
        return "magnitude"  # "5. 9 - magnitude"
    if entity.label_ == "QUANTITY" and (inner := [t for t in entity if t.is_alpha]):
        # "about 15 miles north of Detroit", "seven km (4 miles) east": a distance, a
        # weight, never a count of the people the sentence's verb is about
        return str(inner[-1].lemma_.lower())
    following = doc[entity.end] if entity.end < len(doc) else None
    head = entity.root.head
    if entity.root.dep_ == "nummod" and head.pos_ == "NOUN" and head.i >= entity.end:
        # "three strong aftershocks": the counted noun past its adjectives
        between = {t.lemma_.lower() for t in doc[entity.end : head.i + 1]}
        return "magnitude" if between & _MEASURE_NOUNS else str(head.lemma_.lower())
    if following is not None and following.pos_ == "NOUN":
        if following.lemma_.lower() in _MEASURE_NOUNS or following.text == "-":
            return "magnitude"
        return str(following.lemma_.lower())
    after = doc[entity.end + 1] if entity.end + 1 < len(doc) else None
    hyphen = following is not None and following.text == "-"
    if hyphen and after is not None and after.lemma_.lower() in _MEASURE_NOUNS:
        return "magnitude"
    of = entity.start >= 2 and doc[entity.start - 1].lower_ == "of"
    if of and doc[entity.start - 2].lemma_.lower() == "population":
        return "population"
    before = {t.lemma_.lower() for t in doc[max(0, entity.start - 4) : entity.start]}
    if before & _MEASURE_NOUNS or "richter" in {t.lower_ for t in doc[entity.end : entity.end + 4]}:
        return "magnitude"
    # "the number of refugees ... reached 3 million", "the death toll rose to 10"
    window = doc[max(entity.sent.start, entity.start - _COUNT_WINDOW) : entity.start]
    for token in reversed(list(window)):
        if token.lemma_.lower() not in _COUNT_HEADS:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of" and token.i + 2 < len(doc):
            counted = doc[token.i + 2]
            if counted.pos_ in ("NOUN", "PROPN"):
                return str(counted.lemma_.lower())
        before_head = doc[token.i - 1] if token.i > 0 else None
        if before_head is not None and before_head.pos_ in ("NOUN", "ADJ"):
            return str(before_head.lemma_.lower())
    if following is not None and following.text.lower() == "others":
        return "people"
    return None


_SPLIT_NUMBER = re.compile(r"\d[.,] \d")


def _split_at(doc: Any, mark: int) -> bool:
    """Whether the punctuation token ``mark`` splits one number ("5. 9", "120, 000")."""
    return (
        0 < mark < len(doc) - 1
        and doc[mark].text in (".", ",")
        and not doc[mark - 1].whitespace_
        and doc[mark - 1].text[-1:].isdigit()
        and doc[mark + 1].text[:1].isdigit()
        and (doc[mark].text == "." or len(doc[mark + 1].text) == 3)
    )


def _extend(entity: SpacySpan) -> SpacySpan:
    """A number entity that stops at spaced punctuation ("6" of "6. 1", "9" of "5. 9")
    with its tail and its head."""
    doc = entity.doc
    start, end = entity.start, entity.end
    while _split_at(doc, end):
        end += 2
    while _split_at(doc, start - 1):
        start -= 2
    if (start, end) == (entity.start, entity.end):
        return entity
    return SpacySpan(doc, start, end, label=entity.label_)


def merge_split_numbers(entities: list[SpacySpan]) -> list[SpacySpan]:
    """Join number entities that text spacing split ("5. 9" -> 5.9, "120, 000" -> 120,000)."""
    out: list[SpacySpan] = []
    for entity in (_extend(e) for e in entities):
        if out and entity.start < out[-1].end:
            continue  # swallowed by the previous one's tail ("000" of "120, 000")
        if out and entity.label_ in NUMBER_LABELS and out[-1].label_ in NUMBER_LABELS:
            previous = out[-1]
            doc = entity.doc
            joined = doc.text[previous.start_char : entity.end_char]
            if entity.start - previous.end <= 1 and _SPLIT_NUMBER.search(
                doc.text[previous.end_char - 1 : entity.start_char + 1]
            ):
                label = previous.label_ if previous.label_ != "CARDINAL" else entity.label_
                merged = SpacySpan(doc, previous.start, entity.end, label=label)
                if merged.text == joined:
                    out[-1] = merged
                    continue
        out.append(entity)
    return out


# "per season", "a year", "an hour": what turns a figure into a rate.
_RATE_OF = frozenset({"per", "a", "an", "each", "every"})
_RATE_PERIODS = frozenset({"year", "season", "month", "week", "day", "hour", "game", "night"})
_RATE_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week"}


def _rate(entity: SpacySpan) -> str | None:
    """The period a figure is counted per ("$22 million per season" -> ``season``): a
    rate is another measure than a total ("$200 million deal")."""
    doc = entity.doc
    # hyphens skipped: "$5 million-a-year"
    nxt = [t.lower_ for t in doc[entity.end : entity.end + 5] if t.text != "-"][:2]
    if nxt and nxt[0] in _RATE_ADVERBS:
        return _RATE_ADVERBS[nxt[0]]
    if len(nxt) == 2 and nxt[0] in _RATE_OF and nxt[1].rstrip("s") in _RATE_PERIODS:
        return nxt[1].rstrip("s")
    return None


# What stands before a bracket that restates it: a number, a scale, a currency word or sign.
_RESTATED = re.compile(
    r"(?:\d(?:\s?(?:{scales}))?|\b(?:{scales}|{words})|[{signs}])\s*\(\s*$".format(
        scales="|".join(sorted(_SCALES, key=len, reverse=True)),
        words="|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True)),
        signs=re.escape("".join(sorted({k[-1] for k in _CURRENCIES}))),
    ),
    re.IGNORECASE,
)


def _restates(before: str) -> bool:
    """Whether a sum after ``before`` is another sum restated in brackets ("85 million
    euros ($108 million)", "110 billion ($143 billion)"): a conversion at a rate the
    writer chose, not a figure reported."""
    return _RESTATED.search(before) is not None


def quantity_of(entity: SpacySpan) -> Quantity | None:
    """A normalised :class:`Quantity` for one number entity, or None if not numeric."""
    if entity.label_ not in NUMBER_LABELS:
        return None
    lowered = _despace(entity.text.lower())
    if re.search(r"\d(?:st|nd|rd|th)\b", lowered):
        return None  # "his 2,292nd point": a rank, never a count
    if entity.label_ == "MONEY":
        lowered = re.sub(r"(\d)\s?mm\b", r"\1 million", lowered)  # "$200MM": finance's million
    if entity.label_ == "MONEY" and (lost := re.match(r"[ep](\d.*)", lowered)):
        value = parse_number(lost.group(1))
    else:
        value = parse_number(lowered)
    if value is None:
        return None
    unit: str | None = None
    if entity.label_ == "PERCENT" or "%" in lowered or "per cent" in lowered:
        unit = "%"
    elif entity.label_ == "MONEY" or re.match(r"[ep]\d", lowered):
        unit = _currency(lowered, entity) or "money"
    else:
        unit = _counted(entity)
        if unit in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[unit]  # "85 million euros"
    words = set(re.findall(r"[a-z]+", lowered))
    before = entity.doc[entity.start - 1].lower_ if entity.start > 0 else ""
    if unit is None and before in ("at", "aged", "age"):
        unit = "year"  # "dies at 91", "aged 43": an age, never a count of anything
    nxt = entity.doc[entity.end].lower_ if entity.end < len(entity.doc) else ""
    increment = nxt in _INCREMENTS  # "two more victims": an increment, not a total
    if unit and (period := _rate(entity)):
        unit = f"{unit}/{period}"
    converted = (
        unit is not None
        and entity.label_ == "MONEY"
        and _restates(entity.doc[max(0, entity.start - 4) : entity.start].text)
    )
    return Quantity(
        text=entity.text,
        value=value,
        unit=unit,
        event=_event(entity),
        qualifier=_qualifier(entity),
        vague=bool(words & VAGUE_WORDS) or increment or converted,
        span=Span(entity.start_char, entity.end_char),
    )


_AMOUNT = re.compile(
    r"(?<![\w$€£])(?P<sign>US\$|\$|€|£|e|p)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?-?\s?"
    r"(?P<scale>million|billion|mln|bn)\b"
)


def text_amounts(text: str, offset: int, taken: list[Span]) -> list[Quantity]:
    """Sums the entity recogniser missed ("e80 million", "p74million", "$137-million").

    ``e`` and ``p`` stand for the euro and pound signs that plain-text copies
    lose; amounts overlapping ``taken`` (already found) are skipped.
    """
    out: list[Quantity] = []
    for match in _AMOUNT.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(start < t.end and t.start < end for t in taken):
            continue
        sign = match.group("sign")
        unit = _CURRENCIES.get(sign.lower()) or _LOST_SIGNS.get(sign, "money")
        value = float(match.group("num").replace(",", "")) * _SCALES[match.group("scale")]
        before = text[max(0, match.start() - 14) : match.start()].lower()
        qualifier = next((q for q in QUALIFIERS if before.rstrip().endswith(q)), None)
        converted = _restates(before)
        out.append(
            Quantity(
                text=match.group(),
                value=value,
                unit=unit,
                qualifier=qualifier.removeprefix("an ") if qualifier else None,
                vague=converted,  # "110 billion ($143 billion)": a conversion
                span=Span(start, end),
            )
        )
    return out
