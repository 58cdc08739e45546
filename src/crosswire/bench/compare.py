"""``crosswire bench compare``: fact grouping and conflict detection against hand labels.

The labels (``bench/compare/facts.jsonl``, rules in ``bench/compare/README.md``)
name documents and sentences by a short quote: ECB+ documents by ``id`` (an
event is an ECB+ ``subtopic``), PolNeAR train articles by file name (an event
is a row listing its ``docs``: articles compared as one story, as a reader
would put them together). For each labelled event, every document goes
through the production path (read, clean, annotate, compare as one story);
publication dates are whatever crosswire derives (ECB+ datelines, PolNeAR
file names).

Scores:

- grouping: pairwise precision, recall and F1 over the labelled claims (two
  claims of different documents are a pair when they are in one group);
- conflicts: precision and recall over labelled conflict and update pairs;
  a predicted pair counts when both its claims are labelled (labels are
  exhaustive within their groups), and an update is right only as an update.
  Rows with ``"conflict": "none"`` are pairs that share a measure and differ
  in value but are not one fact (delegates of two states, two polls): every
  one flagged counts against precision (``non_conflicts_flagged``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.annotate.pipeline import annotate
from crosswire.annotate.speaker_names import load_aliases
from crosswire.bench.corpus import read_label_rows
from crosswire.clean import clean_document
from crosswire.compare import compare_story
from crosswire.model import (
    AnnotatedArticle,
    Article,
    Claim,
    RawDocument,
    ReadError,
    Story,
    StoryReport,
)

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_LABELS = ROOT / "bench" / "compare" / "facts.jsonl"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"
#: PolNeAR train articles, named in the labels by file name without ``.txt``.
POLNEAR_TEXTS = Path("polnear") / "train" / "text"

Key = tuple[str, int]  # (document id, claim start offset)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


@dataclass
class CompareBench:
    grouping: Scores
    conflicts: Scores
    groups: int
    claims: int
    stories: int
    gold_conflicts: int
    non_conflicts: int = 0
    non_conflicts_flagged: int = 0
    errors: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        def row(s: Scores) -> dict[str, float | int]:
            return {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "gold": s.gold,
                "predicted": s.predicted,
                "correct": s.correct,
            }

        return {
            "grouping": row(self.grouping),
            "conflicts": row(self.conflicts),
            "groups": self.groups,
            "claims": self.claims,
            "stories": self.stories,
            "gold_conflicts": self.gold_conflicts,
            "non_conflicts": self.non_conflicts,
            "non_conflicts_flagged": self.non_conflicts_flagged,
            "unmatched": len(self.errors),
        }


def scores(gold: set[Any], predicted: set[Any]) -> Scores:
    correct = len(gold & predicted)
    p = correct / len(predicted) if predicted else 1.0
    r = correct / len(gold) if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f1, len(gold), len(predicted), correct)


def load_labels(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(groups, conflicts) from the labels file: one JSON object per line, '#' comments.

    Conflict rows include the ``"none"`` ones (pairs that are not conflicts);
    event rows (``docs``) are read by :func:`load_events`.
    """
    groups: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for row in read_label_rows(path):
        if "conflict" in row:
            conflicts.append(row)
        elif "docs" not in row:
            groups.append(row)
    return groups, conflicts


def load_events(path: Path) -> dict[str, list[str]]:
    """Events defined by their documents (PolNeAR articles compared as one story)."""
    return {row["event"]: list(row["docs"]) for row in read_label_rows(path) if "docs" in row}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _find(article: AnnotatedArticle, quote: str) -> Claim | None:
    needle = _norm(quote)
    for claim in article.claims:
        if needle in _norm(claim.text):
            return claim
    return None


def annotate_events(
    data: Path,
    events: Iterable[str],
    backend: NlpBackend,
    defined: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[AnnotatedArticle]]:
    """Every document of the named events, cleaned and annotated (production path).

    An event is an ECB+ ``subtopic`` of ``data``, or, when ``defined`` lists its
    documents, those PolNeAR train articles (read from beside ``data``'s
    folder, as files, so their names give their dates).
    """
    defined = defined or {}
    wanted = set(events) - set(defined)
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    documents = [
        (row["subtopic"], RawDocument(origin=row["id"], content=row["text"], format="text"))
        for row in rows
        if row["subtopic"] in wanted
    ]
    texts = data.parent.parent / POLNEAR_TEXTS
    for event in sorted(set(events) & set(defined)):
        for doc in defined[event]:
            path = texts / f"{doc}.txt"
            documents.append((event, RawDocument(str(path), path.read_text("utf-8"), "text")))
    articles: list[tuple[str, Article]] = []
    for event, document in documents:
        cleaned = clean_document(document)
        if not isinstance(cleaned, ReadError):
            articles.append((event, cleaned))
    annotated = annotate([a for _, a in articles], backend)
    out: dict[str, list[AnnotatedArticle]] = {}
    for (event, _), item in zip(articles, annotated, strict=True):
        out.setdefault(event, []).append(item)
    return out


def _doc(article: Article) -> str:
    """How the labels name an article: its ECB+ id, or its PolNeAR file name's stem."""
    return Path(article.origin).stem if article.origin.endswith(".txt") else article.origin


def _locate(
    by_doc: Mapping[str, AnnotatedArticle], member: Mapping[str, str], line: int, errors: list[str]
) -> Key | None:
    """The claim a label names (document and quote), or None with the miss recorded."""
    article = by_doc.get(member["doc"])
    claim = _find(article, member["quote"]) if article else None
    if claim is None:
        errors.append(f"line {line}: {member['doc']}: “{member['quote']}”")
        return None
    return (member["doc"], claim.span.start)


def _text(by_doc: Mapping[str, AnnotatedArticle], key: Key) -> str:
    return next(c.text for c in by_doc[key[0]].claims if c.span.start == key[1])


def _fact_of(report: StoryReport) -> dict[Key, str | None]:
    """Each claim's fact: the largest fact holding it (own-number facts are extra views)."""
    out: dict[Key, str | None] = {}
    size: dict[Key, int] = {}
    for fact in (*report.shared_facts, *report.single_source_facts):
        for claim in fact.claims:
            key = (claim.article_id, claim.span.start)
            if len(fact.claims) > size.get(key, 0):
                out[key], size[key] = fact.id, len(fact.claims)
    return out


def run_compare(labels: Path, data: Path, backend: NlpBackend | None = None) -> CompareBench:
    """Score the compare stage on the labelled fact groups and conflicts."""
    groups, conflicts = load_labels(labels)
    defined = load_events(labels)
    events = sorted({g["event"] for g in groups} | set(defined))
    annotated = annotate_events(data, events, backend or load_backend(), defined)
    aliases = load_aliases()
    errors: list[str] = []
    key_of: dict[tuple[str, str], Key] = {}  # (doc id, quote) -> claim key
    doc_of_article: dict[str, str] = {}
    gold_group: dict[Key, str] = {}
    predicted_fact: dict[Key, str] = {}
    predicted_conflicts: set[tuple[frozenset[Key], str]] = set()
    texts: dict[Key, str] = {}
    for event in events:
        articles = annotated.get(event, [])
        by_doc = {_doc(a.article): a for a in articles}
        for a in articles:
            doc_of_article[a.article.id] = _doc(a.article)
        story = Story(f"bench-{event}", event, tuple(a.article.id for a in articles))
        report = compare_story(story, articles, [], aliases)
        for group in (g for g in groups if g["event"] == event):
            for member in group["claims"]:
                key = _locate(by_doc, member, group["line"], errors)
                if key is not None:
                    key_of[(member["doc"], member["quote"])] = key
                    gold_group[key] = group["group"]
                    texts[key] = _text(by_doc, key)
        for row in conflicts:
            for member in (*row["a"], *row["b"]):
                if row["conflict"] == "none" and member["doc"] in by_doc:
                    key = _locate(by_doc, member, row["line"], errors)
                    if key is not None:
                        key_of[(member["doc"], member["quote"])] = key
                        texts[key] = _text(by_doc, key)
        facts = _fact_of(report)
        for (article_id, start), fact_id in facts.items():
            predicted_fact[(doc_of_article[article_id], start)] = f"{event}:{fact_id}"
        for conflict in report.conflicts:
            for side_a, side_b in combinations(conflict.sides, 2):
                for x in side_a.claims:
                    for y in side_b.claims:
                        pair = frozenset(
                            {
                                (doc_of_article[x.article_id], x.span.start),
                                (doc_of_article[y.article_id], y.span.start),
                            }
                        )
                        predicted_conflicts.add((pair, conflict.kind))
    labelled = sorted(gold_group)
    judged_claims = set(key_of.values())
    gold_pairs = {
        frozenset((x, y))
        for x, y in combinations(labelled, 2)
        if x[0] != y[0] and gold_group[x] == gold_group[y]
    }
    pred_pairs = {
        frozenset((x, y))
        for x, y in combinations(labelled, 2)
        if x[0] != y[0] and x in predicted_fact and predicted_fact.get(x) == predicted_fact.get(y)
    }
    gold_conflicts: set[tuple[frozenset[Key], str]] = set()
    non_conflicts: set[frozenset[Key]] = set()
    for row in conflicts:
        for a in row["a"]:
            for b in row["b"]:
                ka, kb = key_of.get((a["doc"], a["quote"])), key_of.get((b["doc"], b["quote"]))
                if ka is None or kb is None:
                    errors.append(f"line {row['line']}: conflict side not among labelled claims")
                    continue
                if row["conflict"] == "none":
                    non_conflicts.add(frozenset((ka, kb)))
                else:
                    gold_conflicts.add((frozenset((ka, kb)), row["conflict"]))
    judged = {(pair, kind) for pair, kind in predicted_conflicts if pair <= judged_claims}
    bench = CompareBench(
        grouping=scores(gold_pairs, pred_pairs),
        conflicts=scores(gold_conflicts, judged),
        groups=len(groups),
        claims=len(labelled),
        stories=len(events),
        gold_conflicts=len(gold_conflicts),
        non_conflicts=len(non_conflicts),
        non_conflicts_flagged=len({pair for pair, _ in judged} & non_conflicts),
        errors=errors,
    )

    def show(pair: frozenset[Key], kind: str) -> str:
        return f"{kind}: " + " | ".join(f"{k[0]}: {texts.get(k, '?')[:70]}" for k in sorted(pair))

    bench.missed = [show(p, k) for p, k in sorted(gold_conflicts - judged, key=str)]
    bench.spurious = [show(p, k) for p, k in sorted(judged - gold_conflicts, key=str)]
    return bench
