"""Do two sentences of different articles report the same fact? One learned decision.

Sharing names or numbers is not enough: "Yucaipa owned Dominick's before
selling the chain to Safeway in 1998 for $2.5 billion" and "Yucaipa bought
Dominick's in 1995 for $693 million and sold it to Safeway for $1.8 billion
in 1998" share most of their words and report different facts. The decision
is learned over what tells such pairs apart: how alike the
sentences mean (MiniLM cosine), how much of each one's words and word
sequences the other carries (a sentence that adds a clause says more), and
whether their numbers, names and negation agree. It was fitted on the
Microsoft Research Paraphrase Corpus (news sentences people judged same or
different, training part, ``bench/facts/train_same_fact.py``), averaged with
boosted trees over the same features; the threshold
is the probability at which cross-validated precision reaches 0.91, because a
fact wrongly counted as corroborated misleads while a missed corroboration
only undersells. ``crosswire bench facts --msrp`` scores it.

Features are symmetric: the order of the two sentences never matters.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from crosswire.compare.lexicon import measure_of
from crosswire.model import Claim

#: Pairs less alike in meaning are never the same fact (1% of MSRP's same pairs are below).
MIN_COSINE = 0.5
_STEM = 5
_STOPWORDS = frozenset(
    "the a an of to in and or for on at by with from as is was were be been are it its this "
    "that he she they his her their we our you not but have has had will would said says say "
    "also after about over into than more most up out who which what when where".split()
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d[\d,.]*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'-]+")
FEATURES = (
    "cosine",
    "word_jaccard",
    "word_cover_min",
    "word_cover_max",
    "length_ratio",
    "length_difference",
    "char_ratio",
    "token_sort_ratio",
    "token_set_ratio",
    "partial_ratio",
    "common_sequence_min",
    "common_sequence_max",
    "unigram_min",
    "unigram_max",
    "bigram_min",
    "bigram_max",
    "trigram_min",
    "trigram_max",
    "numbers_in_both",
    "numbers_same",
    "numbers_only_min",
    "numbers_only_max",
    "name_jaccard",
    "names_only",
    "negation_differs",
    "negated_differs",
    "same_event",
    "values_only",
    "figures_disagree",
)


def value_keys(claim: Claim) -> set[str]:
    """What a claim measures or dates: ``dead``, ``USD``, ``day:2022-03-16``."""
    keys = {measure_of(q) for q in claim.quantities if not q.vague}
    keys |= {f"day:{d.value}" for d in claim.dates if d.grain == "day" and d.value}
    keys.discard("")
    return keys


#: "was to", "is expected to": a form of "be" that announces what follows.
_BE_DUE = r"(?:was|were|is|are)\s+(?:(?:set|due|expected|scheduled|going|poised|about)\s+)?to"
_BE_TO = re.compile(rf"\b{_BE_DUE}\s+[a-z]+", re.IGNORECASE)
#: Words that announce an event rather than report it done.
_PLAN = rf"(?:{_BE_DUE}|will|plans?\s+to|planned\s+to)"


def _announces(claim: Claim, event: str) -> bool:
    """Whether the claim announces ``event`` rather than reports it done: "Microsoft was to
    release an emergency patch", "will release", "plans to release"."""
    verb = re.escape(event[:5])
    if re.search(rf"\b{_PLAN}\s+(?:\w+\s+)?{verb}", claim.text, re.IGNORECASE):
        return True
    # "was to release" parses as "be": its plan is the announcing clause itself
    return claim.event == "be" and _BE_TO.search(claim.text) is not None


def plan_and_deed(a: Claim, b: Claim) -> bool:
    """Whether one claim announces what the other reports done ("was to release a patch
    yesterday" / "released a patch on Wednesday"): two facts, not one, however alike."""
    for plan, deed in ((a, b), (b, a)):
        event = deed.event
        if (
            event
            and deed.tense == "past"
            and not _announces(deed, event)
            and _announces(plan, event)
        ):
            return True
    return False


#: A word negated by its prefix: "unpatched", "uninsured", "unidentified".
_UN_WORD = re.compile(r"un([a-z]{4,})")


def negated_by_prefix(a: Claim, b: Claim) -> bool:
    """Whether one claim denies by a prefix what the other states ("attackers are
    exploiting a previously unknown, *unpatched* vulnerability" / "Microsoft has issued a
    *patch*"; "was *uninsured*" / "was insured"): two facts, not one, however alike. A
    word both claims hold ("previously unknown") negates nothing between them."""
    words_a, words_b = set(_words(a.text)), set(_words(b.text))
    for own, other in ((words_a - words_b, words_b), (words_b - words_a, words_a)):
        for word in own:
            match = _UN_WORD.fullmatch(word)
            if match and any(w.startswith(match.group(1)[:_STEM]) for w in other):
                return True
    return False


def figures_disagree(a: Claim, b: Claim) -> bool:
    """Whether the claims give a measure they share values that have nothing in common
    ("plus or minus four percentage points" / "plus or minus 5.7 percentage points").

    The decision only weighs this (MSRP's judges call many such pairs equivalent: "The
    Nasdaq rose 17.48 points" / "... added 0.35 of a point"); the brief never counts such
    claims as one fact: they are two figures to compare, maybe a conflict.
    """
    values_a: dict[str, set[float]] = {}
    values_b: dict[str, set[float]] = {}
    for claim, values in ((a, values_a), (b, values_b)):
        for q in claim.quantities:
            if not q.vague and (measure := measure_of(q)):
                values.setdefault(measure, set()).add(round(q.value, 6))
    return any(not values_a[m] & values_b[m] for m in values_a.keys() & values_b.keys())


def _absolute_dates(claim: Claim) -> set[str]:
    return {d.value for d in claim.dates if d.value and d.value[0] != "-" and not d.relative}


def coarser_date(passage: Claim, fact: Claim) -> bool:
    """Whether the passage dates the fact's event only at a coarser grain ("Born in 1923
    in Nashville" for "born on April 22, 1923, in Nashville"): it does not report the
    day. A finer date in the passage ("convicted in June 1998" for "a 1998 conviction")
    is an extra detail, and reports the fact."""
    fact_dates, passage_dates = _absolute_dates(fact), _absolute_dates(passage)
    return any(
        not any(p.startswith(f) for p in passage_dates)
        and any(f.startswith(p) for p in passage_dates)
        for f in fact_dates
    )


#: "the Medal of Honor", "the Gulf of Aden": a named thing of a kind and its specifier.
_NAMED_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?([A-Z][a-z]+)")


def _one_against_many(a: Claim, b: Claim) -> bool:
    """Whether ``a`` gives one of what ``b`` counts several of ("serving a life sentence" /
    "serving three life sentences")."""
    for q in b.quantities:
        unit = q.unit or ""
        if q.vague or q.value == 1 or not unit.isalpha() or measure_of(q) in _NOT_COUNTS:
            continue
        one = rf"\b(?:a|an|one)\s+(?:[a-z-]+\s+)?{re.escape(unit)}\b"
        if re.search(one, a.text, re.IGNORECASE):
            return True
    return False


#: Measures a figure gives without counting things: "a magnitude 6 quake" is no "one".
_NOT_COUNTS = frozenset({"magnitude", "%", "USD", "EUR", "GBP", "JPY", "money"})


def other_particulars(a: Claim, b: Claim) -> bool:
    """Whether the claims tell apart what they report: one of a thing against several
    ("a life sentence" / "three life sentences"), or two named things of one kind ("the
    department's Medal of Honor" / "the city's Medal of Valor"). However alike the rest,
    they are two facts: the second is no corroboration of the first."""
    if _one_against_many(a, b) or _one_against_many(b, a):
        return True
    named_a: dict[str, set[str]] = {}
    named_b: dict[str, set[str]] = {}
    for claim, named in ((a, named_a), (b, named_b)):
        for kind, specifier in _NAMED_OF.findall(claim.text):
            named.setdefault(kind, set()).add(specifier)
    return any(not named_a[k] & named_b[k] for k in named_a.keys() & named_b.keys())


#: A line is title-cased when each of its words longer than this is capitalised (and it
#: has at least that many).
_TITLE_WORDS = 3


def headline(claim: Claim) -> bool:
    """Whether the claim reads as a headline, not a body sentence: title-cased ("Convicted
    Child Molestor Arcade Joseph Comeaux Jr.", where "Bettie Mae Page was born on April
    22" is not) or without closing punctuation ("Major fire at Waitrose in Wellington")."""
    text = claim.text.strip()
    if not text.endswith((".", "!", "?", '"', "”", "'", "’")):
        return True
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > _TITLE_WORDS]
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= _TITLE_WORDS and capitals == len(words)


def _names(claim: Claim) -> set[str]:
    """The claim's capitalised words, lower-cased; in a headline, where words are
    capitalised for the layout ("Matanuska Maid Dairy Building Was Uninsured", "Man
    charged with arson over Waitrose fire"), only the words of the names the tagger
    found, so that "Was Uninsured" and "Burns Down" differ as words, not as names."""
    if headline(claim):
        return {w.lower() for name in claim.entities for w in _NAME.findall(name)}
    return {n.lower() for n in _NAME.findall(claim.text)}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def _grams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(words[k:] for k in range(n)), strict=False))


def _shares(common: float, a: float, b: float) -> tuple[float, float]:
    """``common`` as a share of ``a`` and of ``b``: (smaller, larger)."""
    share_a, share_b = common / max(a, 1.0), common / max(b, 1.0)
    return min(share_a, share_b), max(share_a, share_b)


def pair_features(a: Claim, b: Claim, cosine: float) -> list[float]:
    """The decision's features for two claims, in the order of :data:`FEATURES`."""
    words_a, words_b = _words(a.text), _words(b.text)
    content_a = {w[:_STEM] for w in words_a if w not in _STOPWORDS}
    content_b = {w[:_STEM] for w in words_b if w not in _STOPWORDS}
    shared = len(content_a & content_b)
    cover = _shares(shared, len(content_a), len(content_b))
    common = LCSseq.similarity(words_a, words_b)
    sequence = _shares(common, len(words_a), len(words_b))
    grams: list[float] = []
    for n in (1, 2, 3):
        ga, gb = _grams(words_a, n), _grams(words_b, n)
        grams += _shares(sum((ga & gb).values()), sum(ga.values()), sum(gb.values()))
    numbers_a, numbers_b = _numbers(a.text), _numbers(b.text)
    names_a, names_b = _names(a), _names(b)
    negation_a = any(w in _NEGATIONS for w in words_a)
    negation_b = any(w in _NEGATIONS for w in words_b)
    lower_a, lower_b = a.text.lower(), b.text.lower()
    return [
        cosine,
        shared / max(1, len(content_a | content_b)),
        *cover,
        min(len(words_a), len(words_b)) / max(1, len(words_a), len(words_b)),
        float(abs(len(words_a) - len(words_b))),
        fuzz.ratio(lower_a, lower_b) / 100,
        fuzz.token_sort_ratio(a.text, b.text) / 100,
        fuzz.token_set_ratio(a.text, b.text) / 100,
        fuzz.partial_ratio(lower_a, lower_b) / 100,
        *sequence,
        *grams,
        float(bool(numbers_a) and bool(numbers_b)),
        float(bool(numbers_a) and numbers_a == numbers_b),
        float(min(len(numbers_a - numbers_b), len(numbers_b - numbers_a))),
        float(max(len(numbers_a - numbers_b), len(numbers_b - numbers_a))),
        len(names_a & names_b) / max(1, len(names_a | names_b)),
        float(len(names_a ^ names_b)),
        float(negation_a != negation_b),
        float(a.negated != b.negated),
        float(bool(a.event) and a.event == b.event),
        float(len(value_keys(a) ^ value_keys(b))),
        float(figures_disagree(a, b)),
    ]


@dataclass(frozen=True)
class Tree:
    """One regression tree of the boosted half: node ``k`` sends a row left when
    ``x[feature[k]] <= threshold[k]``; a leaf adds ``value[k]`` to the score."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    leaf: tuple[bool, ...]

    def score(self, x: Sequence[float]) -> float:
        k = 0
        while not self.leaf[k]:
            k = self.left[k] if x[self.feature[k]] <= self.threshold[k] else self.right[k]
        return self.value[k]


@dataclass(frozen=True)
class SameFactModel:
    """Two halves averaged: a logistic regression over standardised :data:`FEATURES`
    (``mean``, ``scale``, ``weights``, ``bias``) and boosted trees (``trees`` from
    ``tree_bias``), each a probability; and the threshold on their mean.

    The regression weighs the evidence evenly; the trees catch what only counts
    together (long sentences alike in words but not in meaning). Averaged, they
    are right more often than either (5-fold CV on MSRP train).
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    trees: tuple[Tree, ...] = ()
    tree_bias: float = 0.0

    def probability(self, features: Sequence[float]) -> float:
        """How likely two claims with these features report the same fact."""
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, features, self.mean, self.scale, strict=True)
        )
        linear = 1.0 / (1.0 + math.exp(-z))
        if not self.trees:
            return linear
        boosted = self.tree_bias + sum(tree.score(features) for tree in self.trees)
        return (linear + 1.0 / (1.0 + math.exp(-boosted))) / 2

    def to_json(self) -> str:
        data = dict(self.__dict__, trees=[tree.__dict__ for tree in self.trees])
        return json.dumps(data, separators=(",", ":")) + "\n"


@cache
def same_fact_model() -> SameFactModel:
    """The shipped model (``compare/data/same_fact_model.json``)."""
    text = (resources.files("crosswire.compare") / "data" / "same_fact_model.json").read_text(
        encoding="utf-8"
    )
    data = json.loads(text)
    model = SameFactModel(
        features=tuple(data["features"]),
        mean=tuple(data["mean"]),
        scale=tuple(data["scale"]),
        weights=tuple(data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        trees=tuple(
            Tree(**{k: tuple(v) for k, v in tree.items()}) for tree in data.get("trees", ())
        ),
        tree_bias=float(data.get("tree_bias", 0.0)),
    )
    if model.features != FEATURES:
        raise ValueError("same_fact_model.json was fitted on other features; retrain it")
    return model


def same_fact_probability(a: Claim, b: Claim, cosine: float) -> float:
    """How likely ``a`` and ``b`` report the same fact (0 below :data:`MIN_COSINE`)."""
    if cosine < MIN_COSINE:
        return 0.0
    return same_fact_model().probability(pair_features(a, b, cosine))


def value_blind(claim: Claim) -> Claim:
    """The claim with its figures and dates masked ("killed # people on #"), to ask
    whether two claims report one fact apart from its values (a conflict, or an update)."""
    spans = [q.span for q in claim.quantities if q.span] + [d.span for d in claim.dates]
    text = claim.text
    for span in sorted(spans, key=lambda s: -s.start):
        start, end = span.start - claim.span.start, span.end - claim.span.start
        if 0 <= start < end <= len(text):
            text = text[:start] + "#" + text[end:]
    return replace(claim, text=_DIGITS.sub("#", text))


def same_fact(a: Claim, b: Claim, cosine: float) -> bool:
    """Whether a reader would say ``a`` and ``b`` say the same thing."""
    return same_fact_probability(a, b, cosine) >= same_fact_model().threshold
