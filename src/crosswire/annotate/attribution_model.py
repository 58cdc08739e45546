"""The two learned models of reported speech, and the features they read.

Both are logistic models trained on PolNeAR train only (``bench/quotes/train_cues.py``
and ``train_attributions.py``) and bundled as JSON weights keyed by feature string, so a
feature's spelling is part of the model: renaming one silently zeroes its weight.

The cue model scores each content word as a possible cue ("said", "believes",
"backed", "poll *showing*"); the attribution model judges each candidate the cue
gives, with the content and source the parse gives it, as a whole.

| prefix | model | what it holds |
|---|---|---|
| ``bias`` | both | always on |
| ``l=`` | both | the cue's lemma |
| ``p=`` / ``t=`` / ``d=`` | cue | the word's part of speech, tag and dependency |
| ``ld=`` / ``lt=`` | both / cue | lemma with dependency / with tag |
| ``hd=`` / ``hl=`` | cue | the head's dependency / lemma, with the word's dependency |
| ``q`` / ``ql=`` | cue | the word stands next to a quote (and its lemma) |
| ``w-1=`` ``lw-1=`` ``w+1=`` ``lw+1=`` ``p+1=`` ``w-2=`` | cue | the words around it |
| ``c=`` / ``lc=`` / ``lp=`` | cue | an argument's dependency and class / with lemma / preposition |
| ``cm=`` / ``lcq=`` | cue | a clausal complement's mark / whether it holds a quote |
| ``ls=`` | both | lemma with the subject's (cue) or source's (attribution) class |
| ``cs=`` / ``lcs=`` | cue | the set of argument dependencies (with lemma) |
| ``o=`` / ``cp=`` / ``ocp=`` | attribution | lexicon or model cue, its score (tenths), both |
| ``k=`` / ``lk=`` / ``kd=`` | attribution | how the parse gave the content (ccomp, dobj) |
| ``n=`` / ``kn=`` / ``sn=`` | attribution | content length bin / with how / source length bin |
| ``f=`` | attribution | the content's first word ("that", "to") or its part of speech |
| ``ch=`` / ``kch=`` | attribution | the content head's part of speech and entity type |
| ``s=`` / ``ks=`` | attribution | the source's class (PERSON, NOUN, sourceless, none) |
| ``q=`` / ``c=`` (attribution) | attribution | the content holds a quote mark / the cue's kind |
| ``in=`` / ``holds=`` / ``ov=`` | attribution | the cue lies in another's content / the content |
| | | holds another's cue / how many contents it overlaps (``quotes._in_context``) |
| ``gov=`` / ``kin=`` | attribution | the cue hangs from another cue / how, in, holds together |
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crosswire.annotate.quote_reader import Cue, ParsedArticle
from crosswire.annotate.quotemarks import MARKS

CUE_MODEL = "cue_model.json"


ATTRIBUTION_MODEL = "attribution_model.json"


CUE_THRESHOLD = 0.5


_CUE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})


_ARGUMENT_DEPS = ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "poss")


_PRONOUN_CLASS = {"he": "PER", "she": "PER", "i": "PER", "we": "PER", "they": "PLU", "it": "IT"}


def cue_candidate(token: Token) -> bool:
    """Tokens the cue model scores: content words, and "according"."""
    return token.pos_ in _CUE_POS or token.lower_ == "according"


def _argument_class(token: Token) -> str:
    if token.lower_ in _PRONOUN_CLASS:
        return _PRONOUN_CLASS[token.lower_]
    if token.ent_type_:
        return token.ent_type_
    return token.pos_


def cue_features(token: Token, quoted: bool) -> list[str]:
    """What the cue model sees of one token: its word, its place in the parse, and
    the kinds of argument it takes (a clause, a person as subject...)."""
    lemma = token.lemma_.lower()
    head = token.head
    doc = token.doc
    features = [
        "bias",
        f"l={lemma}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"ld={lemma}|{token.dep_}",
        f"lt={lemma}|{token.tag_}",
        f"hd={head.dep_}|{token.dep_}",
        f"hl={head.lemma_.lower()}|{token.dep_}",
    ]
    if quoted:
        features += ["q", f"ql={lemma}"]
    if token.i > 0:
        prev = doc[token.i - 1]
        features += [f"w-1={prev.lower_}", f"lw-1={lemma}|{prev.lower_}"]
    if token.i + 1 < len(doc):
        after = doc[token.i + 1]
        features += [f"w+1={after.lower_}", f"lw+1={lemma}|{after.lower_}", f"p+1={after.pos_}"]
    deps = set()
    for child in token.children:
        dep = child.dep_
        if dep not in _ARGUMENT_DEPS:
            continue
        deps.add(dep)
        kind = _argument_class(child)
        features += [f"c={dep}|{kind}", f"lc={lemma}|{dep}"]
        if dep == "prep":
            features.append(f"lp={lemma}|{child.lower_}")
        if dep == "ccomp":
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            features.append(f"cm={marks[0] if marks else '-'}")
            features.append(f"lcq={lemma}|{'q' if _has_quote(child) else '-'}")
        if dep in ("nsubj", "nsubjpass"):
            features.append(f"ls={lemma}|{kind}")
    shape = ",".join(sorted(deps))
    features += [f"cs={shape}", f"lcs={lemma}|{shape}"]
    if token.i > 1:
        features.append(f"w-2={doc[token.i - 2].lower_}|{doc[token.i - 1].lower_}")
    return features


def _has_quote(token: Token) -> bool:
    doc = token.doc
    return any(t.text in MARKS for t in doc[token.left_edge.i : token.right_edge.i + 1])


@dataclass(frozen=True)
class QuoteModels:
    """The two learned models of attribution extraction, both trained on PolNeAR
    train only (``bench/quotes/train_cues.py``, ``bench/quotes/train_attributions.py``).

    ``cue_weights`` score each word as a cue; a word scoring at least
    ``cue_floor`` becomes a candidate. ``attribution_weights`` then score each
    candidate reported-speech attribution as a whole (the cue's score, how its
    content and source came out of the parse), and those scoring at least
    ``attribution_threshold`` are kept. Empty ``attribution_weights`` keep
    every candidate (the cue floor alone decides).
    """

    cue_weights: dict[str, float]
    cue_floor: float
    attribution_weights: dict[str, float]
    attribution_threshold: float

    def cue_probability(self, token: Token, quoted: bool = False) -> float:
        return _logistic(self.cue_weights, cue_features(token, quoted))

    def attribution_probability(self, features: Sequence[str]) -> float:
        return _logistic(self.attribution_weights, features)


def _logistic(weights: dict[str, float], features: Sequence[str]) -> float:
    score = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _model_file(name: str) -> dict[str, object]:
    path = resources.files("crosswire.annotate") / "data" / name
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def load_models() -> QuoteModels:
    """The bundled models (``data/cue_model.json``, ``data/attribution_model.json``)."""
    cue = _model_file(CUE_MODEL)
    attribution = _model_file(ATTRIBUTION_MODEL)
    cue_weights = cue["weights"]
    weights = attribution["weights"]
    floor = attribution.get("cue_floor", cue.get("threshold", CUE_THRESHOLD))
    threshold = attribution["threshold"]
    assert isinstance(cue_weights, dict) and isinstance(weights, dict)
    assert isinstance(floor, float) and isinstance(threshold, float)
    return QuoteModels(cue_weights, floor, weights, threshold)


def cue_probability(token: Token, quoted: bool) -> float:
    """How likely ``token`` is the cue of an attribution, by the learned model."""
    return load_models().cue_probability(token, quoted)


def _length_bin(words: int) -> str:
    for bound in (1, 2, 3, 5, 8, 13, 21, 34):
        if words <= bound:
            return str(bound)
    return "more"


def attribution_features(
    reader: ParsedArticle,
    cue: Cue,
    content: tuple[int, int],
    how: str,
    source: tuple[int, int] | None,
    sourceless: bool,
) -> tuple[str, ...]:
    """What the attribution model sees of a candidate reported-speech attribution:
    the cue's learned score, whether the lexicon lists it, its word and place in
    the parse, how the content came out of the parse (a clause, an object...)
    and its length, and what kind of source names it."""
    head = reader.doc[cue.head]
    lemma = head.lemma_.lower()
    origin = "model" if cue.learned else "lexicon"
    score = min(9, int(cue.probability * 10))
    words = reader.tokens(*content)
    first = words[0] if words else head
    inner = [t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i] if words else []
    content_head = inner[0] if inner else first
    if source is None:
        source_kind = "sourceless" if sourceless else "none"
        source_words = 0
    else:
        named = reader.tokens(*source)
        source_words = len(named)
        root = next((t for t in named if t.head.i < named[0].i or t.head.i > named[-1].i), None)
        source_kind = _argument_class(root) if root is not None else "?"
    quoted = any(t.text in MARKS for t in words)
    return (
        "bias",
        f"o={origin}",
        f"cp={score}",
        f"ocp={origin}|{score}",
        f"l={lemma}",
        f"lk={lemma}|{how}",
        f"k={how}",
        f"t={head.tag_}",
        f"d={head.dep_}",
        f"ld={lemma}|{head.dep_}",
        f"p={head.pos_}|{head.dep_}",
        f"kd={how}|{head.dep_}",
        f"n={_length_bin(len(words))}",
        f"kn={how}|{_length_bin(len(words))}",
        f"f={first.lower_ if first.lower_ in ('that', 'to', 'whether', 'if') else first.pos_}",
        f"ch={content_head.pos_}|{content_head.ent_type_}",
        f"kch={how}|{content_head.pos_}|{content_head.ent_type_}",
        f"s={source_kind}",
        f"sn={_length_bin(source_words)}",
        f"ls={lemma}|{source_kind}",
        f"ks={how}|{source_kind}",
        f"q={quoted}",
        f"c={cue.kind}",
    )
