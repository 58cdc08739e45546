"""``crosswire bench positions``: do headlines that state a stance yield that position?

A reader skimming a story's positions expects "Mike Pence Calls for Special
Prosecutor" to read as Pence demanding a special prosecutor, whatever the
subject. ``bench/positions/headlines.tsv`` holds PolNeAR headlines that state
a stance, labelled by reading (actor words, stance, object words); each is
annotated as its article's first line, as crosswire reads a ``.txt`` file,
and counts as yielded when one of its stances has that stance, an actor
holding the actor words and an object holding the object words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.model import Article, Stance, StanceKind


@dataclass(frozen=True)
class HeadlineLabel:
    """One labelled headline: who takes which stance toward what."""

    doc: str
    headline: str
    actor: str
    stance: StanceKind
    target: str


@dataclass
class HeadlineCheck:
    """What the headlines yielded, with the misses listed for reading."""

    labels: int = 0
    yielded: int = 0
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "headlines": self.labels,
            "yielded": self.yielded,
            "share": round(self.yielded / self.labels, 4) if self.labels else 0.0,
            "headlines_per_s": round(self.labels / self.seconds, 1) if self.seconds else 0.0,
            "misses": self.misses,
        }


def read_labels(path: Path) -> list[HeadlineLabel]:
    """The labelled headlines; a malformed row is an error naming its line."""
    known = set(get_args(StanceKind))
    out: list[HeadlineLabel] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 5 or cells[3] not in known:
            raise ValueError(
                f"{path}:{number}: expected doc, headline, actor, stance, object "
                f"(stance one of {', '.join(sorted(known))})"
            )
        doc, headline, actor, stance, target = (c.strip() for c in cells)
        out.append(HeadlineLabel(doc, headline, actor, stance, target))  # type: ignore[arg-type]
    return out


def yields(label: HeadlineLabel, stances: tuple[Stance, ...]) -> bool:
    """Whether one of the stances found is the labelled one."""
    return any(
        s.stance == label.stance
        and label.actor.lower() in s.actor.lower()
        and label.target.lower() in s.target.lower()
        for s in stances
    )


def check_headlines(labels: list[HeadlineLabel], backend: NlpBackend) -> HeadlineCheck:
    """Annotate each headline as an article's first line and match its stances."""
    check = HeadlineCheck(labels=len(labels))
    started = time.perf_counter()
    articles = [Article(f"h{n}", label.doc, label.headline) for n, label in enumerate(labels)]
    annotated = annotate(articles, backend)
    check.seconds = time.perf_counter() - started
    for label, article in zip(labels, annotated, strict=True):
        if yields(label, article.stances):
            check.yielded += 1
            continue
        found = "; ".join(f"{s.actor} {s.stance} {s.target!r}" for s in article.stances)
        check.misses.append(
            f"{label.headline} | expected {label.actor} {label.stance} {label.target!r} "
            f"| found {found or 'nothing'}"
        )
    return check
