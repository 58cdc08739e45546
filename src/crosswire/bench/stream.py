"""``crosswire bench stream``: read crosswire's answers on a real stream as a fact-checker.

Benchmarks score proxies; this checks what a reader is told. A folder of
real articles goes through ``crosswire analyze`` (into a fresh store), and
its answers are judged against labels a person wrote by reading the articles
(``bench/stream/labels.jsonl``, rules in ``bench/stream/README.md``):

- stories: for every story of two or more articles, does each article report
  the story's event? Labels are pairs of articles (``same_event``); an article
  belongs when it reports the same event as at least half of the others.
- corroboration: for every fact counted as backed by two or more independent
  sources, does each cited passage report the fact (``support``)?
- conflicts: is each conflict real (``conflict``)?
- boilerplate: no sentence carried word for word by several articles counts
  as several sources (checked without labels).

Items with no label are listed, not counted: after a change, they are what
is left to read.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from crosswire.annotate.nlp import NlpBackend
from crosswire.bench.corpus import read_label_rows
from crosswire.model import Claim, Fact, StoryReport
from crosswire.run import ingest, story_reports
from crosswire.store import open_store

LabelKind = Literal["same_event", "support", "conflict"]
Progress = Callable[[int, int], None]
ROOT = Path(__file__).resolve().parents[3]
DEFAULT_LABELS = ROOT / "bench" / "stream" / "labels.jsonl"


@dataclass
class Share:
    """How many judged items hold up, of how many judged, and what is left to read."""

    good: int = 0
    judged: int = 0
    unlabelled: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.good / self.judged if self.judged else 1.0

    def summary(self) -> dict[str, Any]:
        return {
            "share": round(self.share, 4),
            "good": self.good,
            "judged": self.judged,
            "unlabelled": len(self.unlabelled),
        }


@dataclass
class StreamCheck:
    """The three judged shares and the boilerplate count of one run."""

    articles: int = 0
    stories: int = 0
    multi_article_stories: int = 0
    members: Share = field(default_factory=Share)
    supports: Share = field(default_factory=Share)
    conflicts: Share = field(default_factory=Share)
    corroborated_facts: int = 0
    repeated_sentences_counted_twice: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "stories": self.stories,
            "multi_article_stories": self.multi_article_stories,
            "members": self.members.summary(),
            "corroborated_facts": self.corroborated_facts,
            "supports": self.supports.summary(),
            "conflicts": self.conflicts.summary(),
            "repeated_sentences_counted_twice": self.repeated_sentences_counted_twice,
        }


def doc_name(origin: str) -> str:
    """How the labels name an article: its file's name (``name.jsonl:12`` for a line)."""
    return Path(origin).name


def read_sample(path: Path, shared: Path) -> list[Path]:
    """The articles a sample file lists (one path relative to ``shared`` a line, ``#``
    comments), so a check can be rerun on the very same articles."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [shared / line.strip() for line in lines if line.strip() and not line.startswith("#")]


def load_labels(path: Path) -> list[dict[str, Any]]:
    """Label rows (one JSON object per line, ``#`` comments); errors name the line."""
    rows = list(read_label_rows(path))
    for row in rows:
        if row.get("kind") not in ("same_event", "support", "conflict"):
            raise ValueError(f"{path}:{row['line']}: kind must be same_event, support or conflict")
    return rows


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class _Labels:
    """Label lookups by article names and sentence quotes."""

    def __init__(self, rows: Sequence[dict[str, Any]]) -> None:
        self.same: dict[frozenset[str], bool] = {}
        self.claims: list[tuple[LabelKind, dict[str, str], dict[str, str], bool]] = []
        for row in rows:
            if row["kind"] == "same_event":
                self.same[frozenset((row["a"], row["b"]))] = bool(row["same"])
            elif row["kind"] == "support":
                self.claims.append(("support", row["fact"], row["support"], bool(row["reports"])))
            else:
                self.claims.append(("conflict", row["a"], row["b"], bool(row["real"])))

    def judge(self, kind: LabelKind, x: tuple[str, Claim], y: tuple[str, Claim]) -> bool | None:
        """The label for two claims (by document and quote, in either order), if any."""
        for label_kind, a, b, value in self.claims:
            if label_kind != kind:
                continue
            for first, second in ((x, y), (y, x)):
                if _names(a, first) and _names(b, second):
                    return value
        return None


def _names(label: dict[str, str], claim: tuple[str, Claim]) -> bool:
    doc, found = claim
    return label["doc"] == doc and _norm(label["quote"]) in _norm(found.text)


def _quote(doc: str, claim: Claim) -> str:
    return f"{doc}: {claim.text[:100]}"


def judge(reports: Sequence[StoryReport], labels: Sequence[dict[str, Any]]) -> StreamCheck:
    """Judge a run's stories, corroborated facts and conflicts against the labels."""
    lookup = _Labels(labels)
    check = StreamCheck(
        articles=sum(len(r.articles) for r in reports),
        stories=len(reports),
        multi_article_stories=sum(len(r.articles) > 1 for r in reports),
    )
    for report in reports:
        name = {a.id: doc_name(a.origin) for a in report.articles}
        docs = [name[a.id] for a in report.articles]
        if len(docs) > 1:
            _judge_members(docs, lookup, check.members)
        for fact in report.shared_facts:
            if not fact.corroborated:
                continue
            check.corroborated_facts += 1
            first = (name[fact.claims[0].article_id], fact.claims[0])
            for claim in fact.claims[1:]:
                if claim.article_id == fact.claims[0].article_id:
                    continue
                cited = (name[claim.article_id], claim)
                _count(check.supports, lookup.judge("support", first, cited), first, cited)
            check.repeated_sentences_counted_twice += _repeated_as_sources(fact)
        for conflict in report.conflicts:
            x, y = conflict.sides[0].claims[0], conflict.sides[1].claims[0]
            a, b = (name[x.article_id], x), (name[y.article_id], y)
            _count(check.conflicts, lookup.judge("conflict", a, b), a, b)
    return check


def _repeated_as_sources(fact: Fact) -> int:
    """Sentences the fact's articles carry word for word yet counts as several sources."""
    source_of = {a: n for n, group in enumerate(fact.source_groups) for a in group}
    sources_of_text: dict[str, set[int]] = {}
    for claim in fact.claims:
        sources_of_text.setdefault(_norm(claim.text), set()).add(source_of[claim.article_id])
    return sum(len(sources) > 1 for sources in sources_of_text.values())


def _judge_members(docs: Sequence[str], lookup: _Labels, share: Share) -> None:
    for doc in docs:
        others = [other for other in docs if other != doc]
        verdicts = [lookup.same.get(frozenset((doc, other))) for other in others]
        missing = [other for other, v in zip(others, verdicts, strict=True) if v is None]
        if missing:
            share.unlabelled += [f"{doc} / {other}" for other in missing]
            continue
        share.judged += 1
        if 2 * sum(bool(v) for v in verdicts) >= len(others):
            share.good += 1
        else:
            share.wrong.append(f"{doc} in a story of {len(docs)}")


def _count(share: Share, verdict: bool | None, a: tuple[str, Claim], b: tuple[str, Claim]) -> None:
    item = f"{_quote(*a)} || {_quote(*b)}"
    if verdict is None:
        share.unlabelled.append(item)
        return
    share.judged += 1
    if verdict:
        share.good += 1
    else:
        share.wrong.append(item)


def run_stream_check(
    paths: Sequence[str | Path],
    labels: Path,
    *,
    backend: NlpBackend | None = None,
    progress: Progress | None = None,
) -> StreamCheck:
    """``crosswire analyze`` of ``paths`` into a fresh store, then :func:`judge`."""
    rows = load_labels(labels)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
        result = ingest(paths, store, backend=backend, progress=progress)
        reports = story_reports(store)
    check = judge(reports, rows)
    check.errors = [f"{e.origin}: {e.reason}" for e in result.errors]
    return check
