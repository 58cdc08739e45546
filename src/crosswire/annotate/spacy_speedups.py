"""Faster stand-ins for two of en_core_web_sm's rule components, with the same output.

The model's ``attribute_ruler`` runs a spaCy ``Matcher`` over 179 patterns of one
or two tokens, each a test of a token's tag, lower-cased form, dependency label
or whether it is a space. :class:`RulerLookup` finds the same matches from those
four values alone, with the tests' answers kept per combination of values (a
dictionary lookup per token once a text's words have been seen), and hands them
to the ruler's own ``set_annotations``: the rules, their order and what they set
stay the model's. A ruler with a pattern of any other kind keeps its Matcher.

The ``lemmatizer`` reads a token's lemma from its form, part of speech and
morphology; :func:`cache_lemmas` keeps each answer, where spaCy keeps only some.

Nothing in the model files changes; ``tests/test_spacy_speedups.py`` checks both
give what the model's own components give, token by token, on PolNeAR.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Token values a pattern may test here, in the order ``Doc.to_array`` gives them.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_CACHE_LIMIT = 100_000  # token value combinations (or lemmas) kept, a few MB

Test = Callable[[tuple[str, str, str, bool]], bool]
Match = tuple[int, int, int, int]
_Passed = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, int], ...], frozenset[int]]


class Unsupported(ValueError):
    """A pattern this lookup does not read; the Matcher is kept."""


def _value_test(attr: str, spec: Any) -> Callable[[Any], bool]:
    """The test of one value as the Matcher makes it: equal, IN, NOT_IN or REGEX
    (``re.search``) on a string; a flag (IS_SPACE) equal to true or false."""
    if isinstance(spec, bool) != (attr == "IS_SPACE"):
        raise Unsupported(f"{attr}: {spec!r}")
    if isinstance(spec, bool | str):
        return functools.partial(operator.eq, spec)
    if isinstance(spec, dict) and len(spec) == 1:
        ((name, argument),) = spec.items()
        if name in ("IN", "NOT_IN") and all(isinstance(v, str) for v in argument):
            values = frozenset(argument)
            return values.__contains__ if name == "IN" else _not_in(values)
        if name == "REGEX" and isinstance(argument, str):
            search = re.compile(argument).search
            return lambda value: search(value) is not None
    raise Unsupported(f"{attr}: {spec!r}")


def _not_in(values: frozenset[str]) -> Callable[[Any], bool]:
    return lambda value: value not in values


def _allowed(spec: Any) -> frozenset[str] | None:
    """The values a test of one attribute lets through, when it names them."""
    if isinstance(spec, str):
        return frozenset((spec,))
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


def _token_test(spec: dict[str, Any]) -> tuple[Test, str, frozenset[str] | None]:
    """The test of one token's values, and the attribute (with its values) that
    narrows down which tokens can pass it."""
    tests = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            raise Unsupported(attr)
        tests.append((_ATTRS.index(attr), _value_test(attr, value)))
    narrowed = next(
        ((attr, values) for attr in ("TAG", "LOWER") if (values := _allowed(spec.get(attr)))),
        ("", None),
    )
    return (lambda values: all(test(values[i]) for i, test in tests)), *narrowed


class RulerLookup:
    """The matches of an AttributeRuler's patterns, found by lookups on token values.

    Gives the list ``AttributeRuler.match`` gives (rule number, match id, start, end,
    sorted), so the ruler's own ``set_annotations`` sets the same attributes.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self._vocab = ruler.vocab
        self._columns = [TAG, LOWER, DEP, IS_SPACE]
        self._tests: list[Test] = []
        # which tests a token can pass, by its tag, by its lower-cased form, or any
        self._by_tag: dict[str, list[int]] = {}
        self._by_lower: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        self._single: dict[int, list[tuple[int, int]]] = {}  # test: rule, match id
        self._double: dict[int, list[tuple[int, int, int]]] = {}  # first: rule, id, second
        for rule in range(len(ruler.attrs)):
            key = ruler.vocab.strings[str(rule)]
            patterns = ruler.matcher.get(key)[1]
            for pattern in patterns:
                tests = [self._add_test(spec) for spec in pattern]
                if len(tests) == 1:
                    self._single.setdefault(tests[0], []).append((rule, key))
                elif len(tests) == 2:
                    self._double.setdefault(tests[0], []).append((rule, key, tests[1]))
                else:
                    raise Unsupported(f"a pattern of {len(tests)} tokens")
        self._known: dict[tuple[int, ...], _Passed] = {}
        self._answers: dict[_Passed, _Passed] = {}

    def _add_test(self, spec: dict[str, Any]) -> int:
        test, attr, values = _token_test(spec)
        number = len(self._tests)
        self._tests.append(test)
        index = {"TAG": self._by_tag, "LOWER": self._by_lower}.get(attr)
        if index is None or values is None:
            self._anywhere.append(number)
        else:
            for value in values:
                index.setdefault(value, []).append(number)
        return number

    def _passed(self, row: tuple[int, ...]) -> _Passed:
        """What a token with these values matches alone, the two-token patterns it
        starts, and the tests it passes (for a two-token pattern it would end)."""
        strings = self._vocab.strings
        values = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
        candidates = (
            *self._by_tag.get(values[0], ()),
            *self._by_lower.get(values[1], ()),
            *self._anywhere,
        )
        tests = frozenset(n for n in candidates if self._tests[n](values))
        single = tuple(match for n in tests for match in self._single.get(n, ()))
        starts = tuple(start for n in tests for start in self._double.get(n, ()))
        if len(self._known) >= _CACHE_LIMIT:
            self._known.clear()
        # most tokens share one of a few hundred answers: keep one copy of each
        passed = self._answers.setdefault((single, starts, tests), (single, starts, tests))
        self._known[row] = passed
        return passed

    def __call__(self, doc: Doc) -> list[Match]:
        if not len(doc):
            return []
        known = self._known
        passed = []
        for row in map(tuple, doc.to_array(self._columns).tolist()):
            found = known.get(row)
            passed.append(self._passed(row) if found is None else found)
        matches: list[Match] = []
        last = len(passed) - 1
        for start, (single, starts, _) in enumerate(passed):
            for rule, key in single:
                matches.append((rule, key, start, start + 1))
            for rule, key, second in starts:
                if start < last and second in passed[start + 1][2]:
                    matches.append((rule, key, start, start + 2))
        matches.sort()
        return matches


def lookup_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Let the pipeline's attribute ruler find its matches by lookup; False (and the
    Matcher kept) when it has patterns the lookup does not read."""
    if name not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe(name)
    try:
        ruler.match = RulerLookup(ruler)
    except Unsupported:
        return False
    return True


def cache_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Keep every lemma the rule lemmatizer works out, by form, part of speech and
    morphology (all it reads); spaCy keeps only those found through its rule tables."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe(name)
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    lemmatize: Callable[[Token], Sequence[str]] = lemmatizer.lemmatize
    kept: dict[tuple[int, int, int], Sequence[str]] = {}

    def cached(token: Any) -> Sequence[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = kept.get(key)
        if forms is None:
            if len(kept) >= _CACHE_LIMIT:
                kept.clear()
            forms = kept[key] = lemmatize(token)
        return forms

    lemmatizer.lemmatize = cached
    return True


def speed_up(nlp: Language) -> Language:
    """The pipeline with both stand-ins where they apply (same output, less time)."""
    lookup_attribute_ruler(nlp)
    cache_lemmas(nlp)
    return nlp
