"""``crosswire bench credits``: wire credit detection against PolNeAR's ``wire`` labels.

Each PolNeAR text goes through crosswire's own read and clean path, and the
article's ``credited_source`` is compared with the ``wire`` column of
``metadata.tsv``: nothing but the text reaches the cleaner (no publisher,
author or title column). ``None``, ``NA`` (outlets whose wire was not
annotated) and empty labels are "no wire"; a credit found there counts as a
false positive.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crosswire.clean import clean_document
from crosswire.clean.rules import canonical_wire, wire_names
from crosswire.model import Article, ReadError
from crosswire.read import read_paths

Progress = Callable[[str, int, int], None]
WIRES = ("AP", "Reuters", "AFP", "UPI")
SPLITS = ("train", "dev")
NO_WIRE = frozenset({"", "none", "na", "null"})
#: Label of "no credit" in the confusion table.
NONE = "-"


@dataclass(frozen=True)
class CreditCase:
    """One article: its gold wire, the credit crosswire found, and the lines it came from."""

    name: str
    gold: str | None
    predicted: str | None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class WireScore:
    wire: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "wire": self.wire,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class CreditBench:
    """Every article's case, plus the files that could not be read or cleaned."""

    cases: list[CreditCase] = field(default_factory=list)
    skipped: list[ReadError] = field(default_factory=list)

    def score(self, wire: str) -> WireScore:
        tp = sum(c.gold == wire and c.predicted == wire for c in self.cases)
        fp = sum(c.predicted == wire and c.gold != wire for c in self.cases)
        fn = sum(c.gold == wire and c.predicted != wire for c in self.cases)
        return WireScore(wire, tp, fp, fn)

    def overall(self) -> WireScore:
        """Micro-averaged over all wires: a credit to the wrong wire is both an FP and an FN."""
        tp = sum(c.predicted is not None and c.predicted == c.gold for c in self.cases)
        fp = sum(c.predicted is not None and c.predicted != c.gold for c in self.cases)
        fn = sum(c.gold is not None and c.predicted != c.gold for c in self.cases)
        return WireScore("overall", tp, fp, fn)

    def false_positives(self) -> list[CreditCase]:
        return [c for c in self.cases if c.predicted is not None and c.predicted != c.gold]

    def false_negatives(self) -> list[CreditCase]:
        return [c for c in self.cases if c.gold is not None and c.predicted != c.gold]

    def confusion(self) -> dict[str, dict[str, int]]:
        """gold -> predicted -> count, only for the articles where either has a wire."""
        table: dict[str, Counter[str]] = {}
        for c in self.cases:
            if c.gold is None and c.predicted is None:
                continue
            table.setdefault(c.gold or NONE, Counter())[c.predicted or NONE] += 1
        return {gold: dict(row) for gold, row in sorted(table.items())}

    def summary(self, examples: int = 5) -> dict[str, object]:
        overall = self.overall()
        return {
            "articles": len(self.cases),
            "gold_wire_articles": sum(c.gold is not None for c in self.cases),
            "credited_articles": sum(c.predicted is not None for c in self.cases),
            "precision": overall.precision,
            "recall": overall.recall,
            "f1": overall.f1,
            "tp": overall.tp,
            "fp": overall.fp,
            "fn": overall.fn,
            "wires": [self.score(w).as_dict() for w in WIRES],
            "confusion": self.confusion(),
            "false_positives": [vars(c) for c in self.false_positives()[:examples]],
            "false_negatives": [vars(c) for c in self.false_negatives()[:examples]],
            "skipped": [f"{e.origin}: {e.reason}" for e in self.skipped],
        }


def gold_wire(label: str) -> str | None:
    """A ``wire`` cell as a canonical wire name (``reuters`` -> ``Reuters``), or ``None``."""
    return None if label.strip().lower() in NO_WIRE else canonical_wire(label)


def read_labels(metadata: Path) -> dict[str, str | None]:
    """File stem -> gold wire, from PolNeAR's ``metadata.tsv``."""
    with metadata.open(encoding="utf-8", newline="") as handle:
        return {
            row["filename"]: gold_wire(row.get("wire") or "")
            for row in csv.DictReader(handle, delimiter="\t")
        }


@lru_cache(maxsize=1)
def _wire_mention() -> re.Pattern[str]:
    names = sorted(wire_names(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def _evidence(article: Article) -> tuple[str, ...]:
    """Lines the cleaner lifted that name a wire (what the credit came from)."""
    return tuple(line for line in article.removed_lines if _wire_mention().search(line))[:3]


def run_credits(
    polnear: Path, splits: Sequence[str] = SPLITS, progress: Progress | None = None
) -> CreditBench:
    """Read and clean every text of ``splits`` and compare its credit with the gold wire."""
    labels = read_labels(polnear / "metadata.tsv")
    folders = [polnear / split / "text" for split in splits]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise FileNotFoundError(f"no PolNeAR text folder: {', '.join(missing)}")
    items = list(read_paths(folders))
    bench = CreditBench()
    for done, item in enumerate(items, 1):
        cleaned = item if isinstance(item, ReadError) else clean_document(item)
        if isinstance(cleaned, ReadError):
            bench.skipped.append(cleaned)
            continue
        name = Path(cleaned.origin).stem
        if name not in labels:
            bench.skipped.append(ReadError(cleaned.origin, "not in metadata.tsv"))
            continue
        bench.cases.append(
            CreditCase(name, labels[name], cleaned.credited_source, _evidence(cleaned))
        )
        if progress:
            progress("cleaning", done, len(items))
    return bench
