"""The learned side of attribution extraction: cue candidates, the attribution model
that judges them, and the parse rules that give them content and source."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Doc

from crosswire.annotate.attribution_model import load_models
from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.quotes import candidate_attributions, extract_quotes
from crosswire.annotate.speaker_names import AliasTable
from crosswire.model import Article, Quote, Span

NO_ALIASES = AliasTable(())


def _parse(text: str, backend: NlpBackend) -> tuple[Article, Doc]:
    (doc,) = backend.parse([text])
    return Article(id="t", origin="t", text=text), doc


def _said(quotes: tuple[Quote, ...], text: str) -> set[tuple[str | None, str | None, str]]:
    def cut(span: Span) -> str:
        return text[span.start : span.end]

    return {
        (
            cut(q.source_span) if q.source_span is not None else None,
            q.cue,
            cut(q.clause_span or q.content_span),
        )
        for q in quotes
    }


def test_bundled_models_load_with_only_features_the_extractor_makes() -> None:
    # what training on train and cross-validation gave is in bench/quotes/README.md;
    # here: the bundled weights load, their thresholds are ordered, and no weight is
    # keyed by a feature the extractor cannot produce (a renamed prefix would zero it)
    models = load_models()
    assert models.cue_weights and models.attribution_weights
    assert 0.0 < models.cue_floor < models.attribution_threshold < 1.0
    # every weight is a feature the extractor can produce (no stray names)
    prefixes = {name.split("=", 1)[0] for name in models.attribution_weights}
    assert prefixes <= {
        "bias", "o", "cp", "ocp", "l", "lk", "k", "t", "d", "ld", "p", "kd", "n", "kn", "f",
        "ch", "kch", "s", "sn", "ls", "ks", "q", "c", "in", "holds", "ov", "gov", "kin",
    }  # fmt: skip


def test_candidates_carry_what_the_attribution_model_sees(backend: NlpBackend) -> None:
    text = "Most voters believe that the economy is improving."
    article, doc = _parse(text, backend)
    candidates = candidate_attributions(article, doc, load_models())
    believe = next(c for c in candidates if text[c.cue[0] : c.cue[1]] == "believe")
    assert text[believe.content[0] : believe.content[1]] == "that the economy is improving"
    assert believe.source is not None
    assert text[believe.source[0] : believe.source[1]] == "Most voters"
    assert {"k=ccomp", "l=believe", "s=NOUN", "f=that"} <= set(believe.features)


def test_the_attribution_model_decides_which_candidates_stay(backend: NlpBackend) -> None:
    text = "Most voters believe that the economy is improving."
    article, doc = _parse(text, backend)
    models = load_models()
    kept = _said(extract_quotes(article, doc, NO_ALIASES, models=models), text)
    assert ("Most voters", "believe", "that the economy is improving") in kept
    # the same candidate, with a model that has learned to distrust clausal contents
    weights = dict(models.attribution_weights)
    weights["k=ccomp"] = weights.get("k=ccomp", 0.0) - 50.0
    strict = replace(models, attribution_weights=weights)
    assert not extract_quotes(article, doc, NO_ALIASES, models=strict)


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        # a noun cue's clause: "his claim *that* ..." (the source: who makes the claim)
        (
            "Trump repeated his claim that the election was rigged against him.",
            "claim",
            "Trump",
            "that the election was rigged against him",
        ),
        # an active participle describing its source: "polls *showing* ..."
        (
            "The senator pointed to recent polls showing a tightening of the race.",
            "showing",
            "recent polls",
            "a tightening of the race",
        ),
        # a passive: what it is about is its subject, the source its agent
        (
            "The bill was sharply criticized by the governor.",
            "criticized",
            "the governor",
            "The bill",
        ),
    ],
)
def test_parse_rules_give_content_and_source(
    text: str,
    cue: str,
    source: str,
    content: str,
    backend: NlpBackend,
) -> None:
    article, doc = _parse(text, backend)
    models = replace(load_models(), cue_floor=0.01)  # every word the cue model can score
    found = {
        (
            text[c.cue[0] : c.cue[1]],
            text[c.source[0] : c.source[1]] if c.source else None,
            text[c.content[0] : c.content[1]],
        )
        for c in candidate_attributions(article, doc, models)
    }
    assert (cue, source, content) in found, found
