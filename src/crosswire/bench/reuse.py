"""``crosswire bench reuse``: who copied whom, measured three ways (see bench/reuse/README.md).

1. ECB+ same-event pairs (:func:`run_ecb`, here): every pair of documents that
   report one event, each from its own outlet. Independent reports are the
   negative test (they share names, numbers and the event, not the text);
   the few true copies among them were found by reading the flagged pairs
   and are listed in ``bench/reuse/ecb_gold.tsv``.
2. The rewrite test (:mod:`crosswire.bench.rewrites`): copies of real ECB+
   articles made with the edits article spinners make, from recipes in
   ``bench/reuse/recipes.jsonl`` (kind, origin id, seed, edits) applied at
   run time to the text in ``../shared/data``; precision and recall per kind.
3. Scale (:mod:`crosswire.bench.reuse_scale`): candidate generation plus
   alignment on corpora of 1,000 and 10,000 articles built from annotated ECB+ blocks.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.clusters import annotate_file
from crosswire.link.candidates import candidate_pairs
from crosswire.link.reuse import find_reuse
from crosswire.model import (
    AnnotatedArticle,
    Reuse,
)

Progress = Callable[[str, int, int], None]
DATA = Path(__file__).resolve().parents[3] / "bench" / "reuse"
KINDS = ("verbatim", "syndicated", "rewrite", "partial", "none")
WHOLE = frozenset({"verbatim", "syndicated", "rewrite"})


def label(edge: Reuse | None) -> str:
    return edge.kind if edge else "none"


def read_records(path: Path) -> list[dict[str, object]]:
    """ECB+ lines as dicts (id, subtopic, text, sentences), in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def articles_by_line(annotated: Sequence[AnnotatedArticle]) -> dict[int, AnnotatedArticle]:
    """ECB+ annotated articles by their 1-based line (their origin is ``path:line``)."""
    return {int(a.article.origin.rsplit(":", 1)[1]): a for a in annotated}


# --------------------------------------------------------------------------
# 1. ECB+ same-event pairs


@dataclass
class EcbResult:
    """Kinds found over all same-event pairs, and agreement with the hand-labelled ones."""

    pairs: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    candidates: int = 0
    candidates_same_event: int = 0
    labelled: Counter[tuple[str, str]] = field(default_factory=Counter)
    flagged: list[tuple[str, str, str, float, float, int]] = field(default_factory=list)
    flagged_candidates: int = 0
    seconds: float = 0.0

    def count(self, gold: Collection[str], predicted: Collection[str]) -> int:
        return sum(n for (g, p), n in self.labelled.items() if g in gold and p in predicted)

    def summary(self) -> dict[str, object]:
        reuse = set(KINDS) - {"none"}
        independent = self.count({"none"}, set(KINDS))
        copies = self.count(reuse, set(KINDS))
        return {
            "same_event_pairs": self.pairs,
            "kinds": {k: self.kinds.get(k, 0) for k in KINDS},
            "hand_labelled_pairs": sum(self.labelled.values()),
            "labelled_reuse": copies,
            "labelled_reuse_found": self.count(reuse, reuse),
            "labelled_whole_copies_found_whole": self.count(WHOLE, WHOLE),
            "labelled_whole_copies": self.count(WHOLE, set(KINDS)),
            "labelled_independent": independent,
            "labelled_independent_flagged_whole_copy": self.count({"none"}, WHOLE),
            "labelled_independent_flagged_partial": self.count({"none"}, {"partial"}),
            "candidate_pairs_all_events": self.candidates,
            "candidate_pairs_same_event": self.candidates_same_event,
            "edges_among_candidates": self.flagged_candidates,
            "edges": len(self.flagged),
            "seconds": round(self.seconds, 1),
        }


def read_ecb_gold(path: Path = DATA / "ecb_gold.tsv") -> dict[frozenset[str], str]:
    """Hand-checked labels of ECB+ pairs: ``{id_a, id_b}`` -> kind (``none`` = independent)."""
    gold: dict[frozenset[str], str] = {}
    if not path.exists():
        return gold
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b, kind, *_ = line.split("\t")
            gold[frozenset((a, b))] = kind
    return gold


def run_ecb(
    path: Path,
    annotated: Sequence[AnnotatedArticle] | None = None,
    backend: NlpBackend | None = None,
    progress: Progress | None = None,
) -> EcbResult:
    """Reuse on every same-event pair of ECB+ (all pairs, to see what candidates would miss),
    scored against the hand-labelled pairs of ``bench/reuse/ecb_gold.tsv``."""
    records = read_records(path)
    if annotated is None:
        annotated, _, _ = annotate_file(path, backend, progress=progress)
    by_line = articles_by_line(annotated)
    started = time.perf_counter()
    ids = {n: str(records[n - 1]["id"]) for n in by_line}
    events: dict[str, list[int]] = {}
    for n in sorted(by_line):
        events.setdefault(str(records[n - 1]["subtopic"]), []).append(n)
    gold = read_ecb_gold()
    result = EcbResult()
    lines = sorted(by_line)
    event_of = {n: str(records[n - 1]["subtopic"]) for n in lines}
    cands = candidate_pairs([by_line[n] for n in lines])
    result.candidates = len(cands)
    result.candidates_same_event = sum(
        1 for i, j in cands if event_of[lines[i]] == event_of[lines[j]]
    )
    proposed = {(lines[i], lines[j]) for i, j in cands}
    pairs = [p for members in events.values() for p in combinations(members, 2)]
    for done, (x, y) in enumerate(pairs, 1):
        edge = find_reuse(by_line[x], by_line[y])
        kind = label(edge)
        result.pairs += 1
        result.kinds[kind] += 1
        truth = gold.get(frozenset((ids[x], ids[y])))
        if truth is not None:
            result.labelled[truth, kind] += 1
        if edge is not None:
            result.flagged_candidates += (x, y) in proposed
            result.flagged.append(
                (ids[x], ids[y], kind, edge.origin_share, edge.copy_share, len(edge.pairs))
            )
        if progress and done % 200 == 0:
            progress("aligning same-event pairs", done, len(pairs))
    result.seconds = time.perf_counter() - started
    return result
