"""Fit the brief's same-fact decision on MSRP train and write it for crosswire to ship.

    .venv/bin/python bench/facts/train_same_fact.py [../shared/data/msrp/train.tsv]

Every sentence goes through crosswire's clean and annotate path; the model is
a logistic regression over :data:`crosswire.compare.same_fact.FEATURES`,
fitted on every pair, with the threshold at which 5-fold cross-validated
precision reaches ``TARGET_PRECISION`` (:func:`crosswire.bench.facts.train`).
Writes ``src/crosswire/compare/data/same_fact_model.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from crosswire.bench.facts import prepare, train

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "crosswire" / "compare" / "data" / "same_fact_model.json"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/msrp/train.tsv"
    data = prepare(path, progress=lambda stage, done, total: print(stage, done, total, end="\r"))
    model = train(data.features, data.labels)
    OUT.write_text(model.to_json(), encoding="utf-8")
    print(f"\nwrote {OUT}: threshold {model.threshold:.4f}, {len(data.pairs)} pairs")


if __name__ == "__main__":
    main()
