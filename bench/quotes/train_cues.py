"""Train crosswire's attribution-cue model on PolNeAR train (and nothing else).

    .venv/bin/python bench/quotes/train_cues.py ../shared/data/polnear/train \
        [--cache /tmp/quotes/train.spacy]

Every candidate token (content words and "according") is labelled a cue when
any annotator's Cue span covers it; a logistic regression over the features
of :func:`crosswire.annotate.attribution_model.cue_features` is fitted on 80% of the
articles, its threshold chosen for F1 on the other 20%, then refitted on all
of them. The weights go to ``src/crosswire/annotate/data/cue_model.json``.
Run ``train_attributions.py`` after it: the attribution model is stacked on
this one.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from crosswire.annotate.attribution_model import cue_candidate, cue_features
from crosswire.annotate.nlp import SPACY_MODEL
from crosswire.annotate.quotemarks import quoted_passages
from crosswire.bench.quotes import PolnearDoc, read_polnear

OUT = Path(__file__).resolve().parents[2] / "src/crosswire/annotate/data/cue_model.json"
C = 0.5  # L1: a few thousand non-zero weights, a small data file (C = 1: held-out
# token F1 0.678 vs 0.676 with twice the weights: not worth it)
# The threshold written to the model: chosen on train with the whole pipeline
# (`crosswire bench quotes ../shared/data/polnear/train`, content overlap F1 of
# 0.753 / 0.764 / 0.758 at 0.275 / 0.4 / 0.5). The token-level F1 optimum on the
# held-out fifth of train (printed) is lower, because an attribution also needs
# a content and a source, which filters some false cues out. Extraction now
# proposes every word above the attribution model's own cue floor instead
# (`train_attributions.py`, chosen by cross-validation on train); this
# threshold is only the fallback of a model file without one.
THRESHOLD = 0.4


def parse(docs: list[PolnearDoc], cache: Path | None) -> list[spacy.tokens.Doc]:
    if cache is not None and cache.exists():
        nlp = spacy.blank("en")
        parsed = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if len(parsed) == len(docs) and all(
            p.text == d.text for p, d in zip(parsed, docs, strict=True)
        ):
            return parsed
    nlp = spacy.load(SPACY_MODEL)
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    if cache is not None:
        bin_ = DocBin(docs=parsed)
        cache.write_bytes(bin_.to_bytes())
    return parsed


def examples(doc: PolnearDoc, parsed: spacy.tokens.Doc) -> tuple[list[list[str]], list[int]]:
    cue_chars = np.zeros(len(doc.text) + 1, dtype=bool)
    for gold in doc.annotators.values():
        for attribution in gold:
            for start, end in attribution.cue:
                cue_chars[start:end] = True
    passages = quoted_passages(doc.text)
    features, labels = [], []
    for token in parsed:
        if not cue_candidate(token):
            continue
        quoted = any(p.open < token.idx < p.close for p in passages)
        features.append(cue_features(token, quoted))
        labels.append(int(cue_chars[token.idx : token.idx + len(token)].any()))
    return features, labels


def prepared(
    train: Path, cache: Path | None
) -> tuple[
    list[PolnearDoc], list[spacy.tokens.Doc], list[tuple[list[list[str]], list[int]]], list[int]
]:
    """The articles, their parses, their cue examples, and the article order both
    training scripts split by (a seed-0 shuffle: the same folds in every run)."""
    docs = read_polnear(train)
    parsed = parse(docs, cache)
    per_doc = [examples(d, p) for d, p in zip(docs, parsed, strict=True)]
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    return docs, parsed, per_doc, order


def _matrix(vectorizer: DictVectorizer, rows: list[list[str]], *, fit: bool = False) -> object:
    """Binary features as a CSR matrix with 32-bit indices (what liblinear accepts)."""
    dicts = [dict.fromkeys(r, 1) for r in rows]
    x = (vectorizer.fit_transform(dicts) if fit else vectorizer.transform(dicts)).tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def fit(rows: list[list[str]], labels: list[int]) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    x = _matrix(vectorizer, rows, fit=True)
    model = LogisticRegression(
        C=C, l1_ratio=1.0, max_iter=2000, fit_intercept=False, solver="liblinear", random_state=0
    )
    model.fit(x, labels)
    return vectorizer, model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    _, _, per_doc, order = prepared(args.train, args.cache)
    held = set(order[: len(order) // 5])
    rows = [r for n, (f, _) in enumerate(per_doc) if n not in held for r in f]
    labels = [y for n, (_, ys) in enumerate(per_doc) if n not in held for y in ys]
    vectorizer, model = fit(rows, labels)
    test_rows = [r for n, (f, _) in enumerate(per_doc) if n in held for r in f]
    test_labels = np.array([y for n, (_, ys) in enumerate(per_doc) if n in held for y in ys])
    probs = model.predict_proba(_matrix(vectorizer, test_rows))[:, 1]
    best = (0.0, 0.5)
    for threshold in np.arange(0.2, 0.8, 0.025):
        predicted = probs >= threshold
        tp = float((predicted & (test_labels == 1)).sum())
        p = tp / max(1, predicted.sum())
        r = tp / max(1, (test_labels == 1).sum())
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f1, float(threshold)))
    print(f"held-out token cue F1 {best[0]:.3f} at threshold {best[1]:.3f}")
    all_rows = [r for f, _ in per_doc for r in f]
    all_labels = [y for _, ys in per_doc for y in ys]
    weights = nonzero_weights(*fit(all_rows, all_labels))
    write_model(
        OUT,
        "attribution cue model; trained on PolNeAR train by bench/quotes/train_cues.py",
        {"threshold": THRESHOLD, "token_f1_threshold": round(best[1], 3)},
        weights,
    )
    print(f"{len(weights)} weights -> {OUT}")


def nonzero_weights(vectorizer: DictVectorizer, model: LogisticRegression) -> dict[str, float]:
    """The model's weights by feature name, the ones that matter, rounded for the JSON file."""
    return {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }


def write_model(
    path: Path, about: str, settings: dict[str, object], weights: dict[str, float]
) -> None:
    """A model as the package data file crosswire reads it (sorted weights, one per line)."""
    data = {"about": about, **settings, "weights": dict(sorted(weights.items()))}
    path.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
