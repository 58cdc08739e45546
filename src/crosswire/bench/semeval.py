"""SemEval-2022 Task 8 (English pairs): crosswire's same-story score vs human ratings.

Each pair's two texts go through crosswire's clean and annotate path and are
scored by :func:`crosswire.link.similarity.same_story_score`, with rarity taken
from all the texts of the file (as the linker takes it from its store). The
human ``Overall`` rating runs from 1 (same story) to 4 (unrelated), so a good
score correlates *negatively*. A plain TF-IDF cosine over the raw texts is
computed in the same run as the baseline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.bench.corpus import annotate_all
from crosswire.clean import clean_document
from crosswire.link.similarity import (
    CorpusRarity,
    StoryProfile,
    meaning_similarity,
    profiles,
    same_story_score,
    wording_similarity,
)
from crosswire.model import Article, RawDocument

Progress = Callable[[str, int, int], None]
#: Best English-English Pearson of the task (supervised, official test set), in absolute value.
BEST_SUPERVISED = 0.872
BATCH = 32


def read_pairs(path: Path) -> list[dict[str, object]]:
    """The pairs of a SemEval JSONL file that carry two texts and an ``Overall`` rating."""
    pairs: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if isinstance(row.get("Overall"), int | float) and "text1" in row and "text2" in row:
                pairs.append(row)
    return pairs


def _article(pair_id: str, side: str, text: object) -> Article | None:
    cleaned = clean_document(RawDocument(f"{pair_id}:{side}", str(text or ""), "text"))
    return cleaned if isinstance(cleaned, Article) else None


def _pearson(x: list[float], y: list[float]) -> float:
    return float(pearsonr(x, y)[0]) if len(x) > 2 else float("nan")


def run_semeval(
    path: Path,
    progress: Progress | None = None,
    *,
    backend: NlpBackend | None = None,
) -> dict[str, float | int]:
    """Pearson of the same-story score (and of its parts and a TF-IDF baseline) vs ``Overall``.

    A pair whose text has nothing left after cleaning is skipped and counted in
    ``skipped``; the TF-IDF baseline is computed on the same pairs.
    """
    pairs = read_pairs(path)
    kept: list[tuple[dict[str, object], Article, Article]] = []
    for pair in pairs:
        left = _article(str(pair.get("pair_id")), "text1", pair["text1"])
        right = _article(str(pair.get("pair_id")), "text2", pair["text2"])
        if left is not None and right is not None:
            kept.append((pair, left, right))
    articles = [a for _, left, right in kept for a in (left, right)]
    backend = backend or load_backend()
    annotated, _ = annotate_all(articles, backend, progress, BATCH)
    if progress:
        progress("embedding leads", 0, len(annotated))
    full = profiles(annotated, backend)
    plain = profiles(annotated)
    if progress:
        progress("scoring", len(annotated), len(annotated))
    rarity = CorpusRarity(p.features for p in full)
    gold = [float(str(pair["Overall"])) for pair, _, _ in kept]

    def scores(items: list[StoryProfile], kind: str) -> list[float]:
        out = []
        for i in range(0, len(items), 2):
            a, b = items[i], items[i + 1]
            if kind == "score":
                out.append(same_story_score(a, b, rarity))
            elif kind == "meaning":
                out.append(meaning_similarity(a, b))
            else:
                out.append(wording_similarity(a.features, b.features, rarity))
        return out

    score = scores(full, "score")
    texts = [str(pair[side] or "") for pair, _, _ in kept for side in ("text1", "text2")]
    tfidf = TfidfVectorizer().fit_transform(texts)
    baseline = np.asarray(tfidf[0::2].multiply(tfidf[1::2]).sum(axis=1)).ravel().tolist()
    return {
        "pairs": len(kept),
        "skipped": len(pairs) - len(kept),
        "pearson": _pearson(score, gold),
        "spearman": float(spearmanr(score, gold)[0]),
        "tfidf_pearson": _pearson(baseline, gold),
        "meaning_pearson": _pearson(scores(full, "meaning"), gold),
        "wording_pearson": _pearson(scores(full, "wording"), gold),
        "sentence_leads_pearson": _pearson(scores(plain, "score"), gold),
        "best_supervised_abs": BEST_SUPERVISED,
    }
