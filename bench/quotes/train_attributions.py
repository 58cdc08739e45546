"""Train crosswire's attribution model on PolNeAR train (and nothing else).

    .venv/bin/python bench/quotes/train_attributions.py ../shared/data/polnear/train \\
        [--cache /tmp/quotes/train.spacy]

The cue model (``train_cues.py``) proposes every word scoring at least the
cue floor; the attribution model then judges each reported-speech candidate
as a whole (see :func:`crosswire.annotate.attribution_model.attribution_features`). It is
a stacked model, so its training data must be out of fold: the articles are
split in five folds, and for each fold a cue model fitted on the other four
proposes the candidates of its articles. A candidate is labelled right when
its content and cue overlap those of one gold attribution (for at least half
of the article's annotators). The threshold is chosen by cross-validation of
the whole extraction: for each fold, an attribution model fitted on the
other folds' candidates filters the fold's candidates, and the bench scores
the result against the fold's annotations; the threshold with the best mean
of source F1 and content overlap F1 over all folds is kept. The model refitted
on all the candidates goes to
``src/crosswire/annotate/data/attribution_model.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from train_cues import _matrix, fit, nonzero_weights, prepared, write_model

from crosswire.annotate.attribution_model import QuoteModels
from crosswire.annotate.quotes import candidate_attributions
from crosswire.annotate.speaker_names import AliasTable
from crosswire.bench.quotes import (
    PolnearDoc,
    QuoteBench,
    Tokens,
    attributions,
    polnear_article,
)

OUT = Path(__file__).resolve().parents[2] / "src/crosswire/annotate/data/attribution_model.json"
FOLDS = 5
C = 1.0  # L1: a small data file (C = 0.3: the same cross-validated F1, 373 weights)
CUE_FLOOR = 0.25
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.5)
BASELINE_CUE_THRESHOLD = 0.4  # the cue model's own threshold (train_cues.py)

Candidate = tuple[list[str], int]


def cue_weights(rows: list[list[str]], labels: list[int]) -> dict[str, float]:
    vectorizer, model = fit(rows, labels)
    return {
        name: float(w)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }


def labelled(doc: PolnearDoc, parsed: object, models: QuoteModels) -> list[Candidate]:
    """The article's candidates, each labelled by whether the annotators agree."""
    tokens = Tokens(doc.text)
    golds = [
        [(tokens.of(a.content), tokens.of(a.cue)) for a in gold] for gold in doc.annotators.values()
    ]
    out = []
    article = polnear_article(doc)
    for candidate in candidate_attributions(article, parsed, models):  # type: ignore[arg-type]
        c, q = tokens.of((candidate.content,)), tokens.of((candidate.cue,))
        agree = sum(any(c & gc and q & gq for gc, gq in gold) for gold in golds)
        out.append((list(candidate.features), int(2 * agree >= len(golds))))
    return out


def fit_attributions(candidates: list[Candidate], c: float = C) -> dict[str, float]:
    vectorizer = DictVectorizer()
    x = _matrix(vectorizer, [f for f, _ in candidates], fit=True)
    y = [label for _, label in candidates]
    model = LogisticRegression(
        C=c, l1_ratio=1.0, solver="liblinear", max_iter=3000, fit_intercept=False, random_state=0
    )
    model.fit(x, y)
    return nonzero_weights(vectorizer, model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--cache", type=Path, help="spaCy parses of the articles (DocBin)")
    parser.add_argument("--folds", type=Path, help="the per-fold cue models, kept for reruns")
    parser.add_argument("--floor", type=float, default=CUE_FLOOR, help="the cue model's floor")
    parser.add_argument("--c", type=float, default=C, help="inverse L1 strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    docs, parsed, per_doc, order = prepared(args.train, args.cache)
    fold_of = {n: k % FOLDS for k, n in enumerate(order)}
    cue_models: list[dict[str, float]] = []
    if args.folds is not None and args.folds.exists():
        cue_models = json.loads(args.folds.read_text(encoding="utf-8"))
    candidates: list[list[Candidate]] = []
    for k in range(FOLDS):
        if len(cue_models) <= k:
            rows = [r for n, (f, _) in enumerate(per_doc) if fold_of[n] != k for r in f]
            labels = [y for n, (_, ys) in enumerate(per_doc) if fold_of[n] != k for y in ys]
            cue_models.append(cue_weights(rows, labels))
        weights = cue_models[k]
        proposer = QuoteModels(weights, args.floor, {}, 0.5)
        candidates.append(
            [
                c
                for n, (d, p) in enumerate(zip(docs, parsed, strict=True))
                if fold_of[n] == k
                for c in labelled(d, p, proposer)
            ]
        )
        print(f"fold {k}: {len(candidates[k])} candidates", flush=True)
    if args.folds is not None:
        args.folds.write_text(json.dumps(cue_models), encoding="utf-8")
    benches = {t: QuoteBench() for t in THRESHOLDS}
    baseline = QuoteBench()  # the cue model alone at its own threshold, no attribution model
    aliases = AliasTable(())
    for k in range(FOLDS):
        weights = fit_attributions(
            [c for j in range(FOLDS) if j != k for c in candidates[j]], args.c
        )
        alone = QuoteModels(cue_models[k], BASELINE_CUE_THRESHOLD, {}, 0.5)
        for n, (d, p) in enumerate(zip(docs, parsed, strict=True)):
            if fold_of[n] == k:
                found = attributions(polnear_article(d), p, aliases, models=alone)
                baseline.add_document(d.text, found, d)
        for threshold in THRESHOLDS:
            models = QuoteModels(cue_models[k], args.floor, weights, threshold)
            for n, (d, p) in enumerate(zip(docs, parsed, strict=True)):
                if fold_of[n] == k:
                    found = attributions(polnear_article(d), p, aliases, models=models)
                    benches[threshold].add_document(d.text, found, d)
    best = max(
        THRESHOLDS,
        key=lambda t: (
            benches[t].summary()["source_f1"] + benches[t].summary()["content_overlap_f1"]
        ),
    )
    for name, bench in (
        ("cue model alone", baseline),
        *((f"threshold {t}", benches[t]) for t in THRESHOLDS),
    ):
        s = bench.summary()
        print(
            f"{name}: source F1 {s['source_f1']} (P {s['source_overlap_p']} R "
            f"{s['source_overlap_r']}) content overlap F1 {s['content_overlap_f1']} "
            f"(P {s['content_overlap_p']} R "
            f"{s['content_overlap_r']}) cue F1 {s['cue_f1']} triple F1 {s['triple_f1']}"
        )
    weights = fit_attributions([c for fold in candidates for c in fold], args.c)
    write_model(
        args.out,
        "attribution model; trained on PolNeAR train by bench/quotes/train_attributions.py",
        {
            "cue_floor": args.floor,
            "threshold": best,
            "cross_validated": {
                k: v for k, v in benches[best].summary().items() if k != "docs_per_s"
            },
        },
        weights,
    )
    print(f"threshold {best}, {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
