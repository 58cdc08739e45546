"""The rewrite test of ``crosswire bench reuse``: copies of real ECB+ articles made with
the edits article spinners make ("Reportedly, " hedges, synonyms, quotes reworded), from
recipes in ``bench/reuse/recipes.jsonl`` applied at run time to the text in
``../shared/data``; precision and recall per kind of reuse (see bench/reuse/README.md).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.annotate.pipeline import annotate
from crosswire.bench.clusters import annotate_file
from crosswire.bench.reuse import (
    DATA,
    KINDS,
    WHOLE,
    Progress,
    articles_by_line,
    label,
    read_records,
)
from crosswire.clean import clean_document
from crosswire.link.reuse import find_reuse
from crosswire.model import (
    AnnotatedArticle,
    Article,
    RawDocument,
)

_T0 = datetime(2020, 3, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Recipe:
    """How one test copy is made from a real article: kind, origin, second source, seed, edits."""

    id: str
    kind: str
    origin: str
    other: str | None
    seed: int
    edits: tuple[str, ...]
    dated: bool


def read_recipes(path: Path = DATA / "recipes.jsonl") -> list[Recipe]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Recipe(
                    id=row["id"],
                    kind=row["kind"],
                    origin=row["origin"],
                    other=row.get("other"),
                    seed=int(row["seed"]),
                    edits=tuple(row["edits"]),
                    dated=bool(row["dated"]),
                )
            )
    return out


_HEDGES = ("Reportedly, ", "It is understood that ", "According to reports, ", "Notably, ")
_EDITS = {
    "verbatim": ["reflow"],
    "syndicated": ["headline", "chrome", "small_edit", "trim_end"],
    "rewrite": ["synonyms", "quotes", "drop", "swap", "mix_in"],
    "partial": ["borrow"],
}


def make_recipes(
    records: Sequence[dict[str, object]], per_kind: int = 30, seed: int = 4
) -> list[Recipe]:
    """Draw origins (ECB+ articles of 6+ sentences whose event has another report) and seeds."""
    rng = random.Random(seed)
    events: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    for row in records:
        events.setdefault(str(row["subtopic"]), []).append(str(row["id"]))
        sizes[str(row["id"])] = len(_body(row))
    event_of = {i: e for e, ids in events.items() for i in ids}
    pool = sorted(i for i, n in sizes.items() if n >= 6 and len(events[event_of[i]]) > 1)
    recipes: list[Recipe] = []
    for kind, edits in _EDITS.items():
        for n, origin in enumerate(rng.sample(pool, per_kind)):
            others = [i for i in events[event_of[origin]] if i != origin and sizes[i] >= 4]
            recipes.append(
                Recipe(
                    id=f"{kind}-{n:02d}",
                    kind=kind,
                    origin=origin,
                    other=rng.choice(others) if others else None,
                    seed=rng.randrange(1 << 30),
                    edits=tuple(edits),
                    dated=n % 2 == 0,
                )
            )
    return recipes


def write_recipes(recipes: Sequence[Recipe], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for r in recipes:
            handle.write(
                json.dumps(
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "origin": r.origin,
                        "other": r.other,
                        "seed": r.seed,
                        "edits": list(r.edits),
                        "dated": r.dated,
                    }
                )
                + "\n"
            )


def read_synonyms(path: Path = DATA / "synonyms.tsv") -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, other = line.split("\t")
            out[word] = other
    return out


def _body(row: dict[str, object]) -> list[str]:
    """An ECB+ article's sentences without its URL line (what a republisher keeps)."""
    sentences = row.get("sentences") or str(row["text"]).splitlines()
    assert isinstance(sentences, list)
    return [str(s) for s in sentences if str(s).strip() and not str(s).startswith("http")]


def _spin(sentence: str, synonyms: dict[str, str], rng: random.Random, rate: float) -> str:
    """Swap words for synonyms, keeping capitals, as spinners do."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = synonyms.get(word.lower())
        if other is None or rng.random() > rate:
            return word
        return other[0].upper() + other[1:] if word[0].isupper() else other

    return re.sub(r"[A-Za-z]+", swap, sentence)


_QUOTE = re.compile(
    r'^["“](?P<q>.+?)[,.]?["”],?\s+(?P<who>[^"“”]+?)\s+(?P<v>said|says|told [^.]+)\.$'
)


def _requote(sentence: str, synonyms: dict[str, str], rng: random.Random) -> str:
    """A direct quote turned into reported speech with other words ("X," he said -> He said X)."""
    match = _QUOTE.match(sentence.strip())
    if not match:
        return sentence
    quote = _spin(match.group("q"), synonyms, rng, 1.0)
    who = match.group("who")
    return f"{who[0].upper()}{who[1:]} {match.group('v')} that {quote[0].lower()}{quote[1:]}."


def apply_recipe(
    recipe: Recipe, rows: dict[str, dict[str, object]], synonyms: dict[str, str]
) -> tuple[str, str]:
    """The copy's title and text, made from the origin's sentences by the recipe's edits."""
    rng = random.Random(recipe.seed)
    sentences = _body(rows[recipe.origin])
    other = _body(rows[recipe.other]) if recipe.other else []
    title = ""
    lines: list[str] = list(sentences)
    if "small_edit" in recipe.edits:
        # one word changed in one sentence (the first that has a word to change)
        editable = [k for k, s in enumerate(lines) if _spin(s, synonyms, rng, 1.0) != s]
        if editable:
            k = rng.choice(editable)
            words = re.findall(r"[A-Za-z]+", lines[k])
            word = next(w for w in rng.sample(words, len(words)) if w.lower() in synonyms)
            lines[k] = re.sub(rf"\b{word}\b", synonyms[word.lower()], lines[k], count=1)
    if "trim_end" in recipe.edits and rng.random() < 0.5:
        lines = lines[:-1]
    if "quotes" in recipe.edits:
        lines = [_requote(s, synonyms, rng) for s in lines]
    if "synonyms" in recipe.edits:
        spun = [_spin(s, synonyms, rng, 0.9) for s in lines]
        # a sentence with no word to swap gets a spinner's hedge instead
        lines = [
            t if t != s else f"{rng.choice(_HEDGES)}{s[0].lower()}{s[1:]}"
            for s, t in zip(lines, spun, strict=True)
        ]
    if "drop" in recipe.edits:
        drop = set(rng.sample(range(1, len(lines)), max(1, len(lines) // 5)))
        lines = [s for k, s in enumerate(lines) if k not in drop]
    if "swap" in recipe.edits and len(lines) > 3:
        k = rng.randrange(1, len(lines) - 1)
        lines[k], lines[k + 1] = lines[k + 1], lines[k]
    if "mix_in" in recipe.edits and other:
        # a second source's sentences woven in: at most a fifth of the copy
        for s in rng.sample(other, min(len(other), max(1, len(lines) // 5))):
            lines.insert(rng.randrange(1, len(lines) + 1), _spin(s, synonyms, rng, 0.9))
    if "borrow" in recipe.edits:
        # an independent report of the event that lifts two or three of the origin's sentences
        taken = sorted(rng.sample(range(len(sentences)), min(len(sentences), rng.choice((2, 3)))))
        lines = list(other) if other else []
        for k in taken:
            lines.insert(rng.randrange(len(lines) + 1), sentences[k])
    if "headline" in recipe.edits:
        words = sentences[0].split()[:9]
        title = " ".join(w.capitalize() for w in words)
    if "chrome" in recipe.edits:
        lines = ["Advertisement", *lines, "Share this article", "Trending"]
    # a republisher's own paragraph markup: blank lines between paragraphs
    text = "\n\n".join(lines) if "reflow" in recipe.edits else "\n".join(lines)
    return title, text


@dataclass
class RewriteResult:
    pairs: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    direction_right: int = 0
    direction_total: int = 0
    seconds: float = 0.0

    def scores(self) -> dict[str, dict[str, float]]:
        """Precision and recall per kind, and for "any reuse" and "whole copy" (kind ignored)."""
        out: dict[str, dict[str, float]] = {}
        groups = {k: {k} for k in KINDS} | {
            "any reuse": set(KINDS) - {"none"},
            "whole copy": set(WHOLE),
        }
        for name, members in groups.items():
            tp = sum(n for (g, p), n in self.confusion.items() if g in members and p in members)
            predicted = sum(n for (_, p), n in self.confusion.items() if p in members)
            actual = sum(n for (g, _), n in self.confusion.items() if g in members)
            out[name] = {
                "precision": round(tp / predicted, 4) if predicted else 0.0,
                "recall": round(tp / actual, 4) if actual else 0.0,
                "gold": actual,
                "predicted": predicted,
            }
        return out

    def summary(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "scores": self.scores(),
            "direction_accuracy": round(self.direction_right / max(1, self.direction_total), 4),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "seconds": round(self.seconds, 1),
        }


def build_copies(
    recipes: Sequence[Recipe],
    records: Sequence[dict[str, object]],
    backend: NlpBackend,
    progress: Progress | None = None,
) -> list[AnnotatedArticle]:
    """Each recipe's copy, read through clean and annotate like any input."""
    rows = {str(r["id"]): r for r in records}
    synonyms = read_synonyms()
    articles: list[Article] = []
    for recipe in recipes:
        title, text = apply_recipe(recipe, rows, synonyms)
        published = (_T0 + timedelta(hours=3)).isoformat() if recipe.dated else None
        raw = RawDocument(
            origin=f"recipe:{recipe.id}",
            content=(f"{title}\n\n{text}" if title else text),
            format="text",
            published=published,
        )
        cleaned = clean_document(raw)
        assert isinstance(cleaned, Article), cleaned
        articles.append(cleaned)
    out: list[AnnotatedArticle] = []
    for start in range(0, len(articles), 32):
        out += annotate(articles[start : start + 32], backend)
        if progress:
            progress("annotating copies", len(out), len(articles))
    return out


def run_rewrites(
    path: Path,
    annotated: Sequence[AnnotatedArticle] | None = None,
    backend: NlpBackend | None = None,
    progress: Progress | None = None,
    negatives: int = 60,
    copies: Sequence[AnnotatedArticle] | None = None,
) -> RewriteResult:
    """Precision/recall per kind on the recipe copies plus independent same-event pairs."""
    records = read_records(path)
    if annotated is None or copies is None:
        backend = backend or load_backend()
    if annotated is None:
        annotated, _, _ = annotate_file(path, backend, progress=progress)
    by_id = {str(records[n - 1]["id"]): a for n, a in articles_by_line(annotated).items()}
    # a smaller file than ECB+ runs the recipes whose articles it holds
    recipes = [r for r in read_recipes() if r.origin in by_id and (r.other or r.origin) in by_id]
    if copies is None:
        copies = build_copies(recipes, records, backend or load_backend(), progress)
    started = time.perf_counter()
    result = RewriteResult()
    for recipe, copy in zip(recipes, copies, strict=True):
        origin = by_id[recipe.origin]
        if recipe.dated:
            origin = replace(origin, article=replace(origin.article, published=_T0))
        # the copy is offered first, so an undecided direction counts as wrong
        edge = find_reuse(copy, origin)
        result.pairs += 1
        result.confusion[recipe.kind, label(edge)] += 1
        if edge is not None:
            result.direction_total += 1
            result.direction_right += edge.origin_id == origin.article.id
    # the "none" class: reports of another event of the same kind (ECB+ pairs each topic
    # with a near-twin event: Tara Reid's rehab and Lindsay Lohan's), never copies
    rng = random.Random(11)
    topic = {str(r["id"]): (str(r["topic"]), str(r["subtopic"])) for r in records}
    twins: dict[str, list[str]] = {}
    for doc, (t, _) in sorted(topic.items()):
        if doc in by_id:
            twins.setdefault(t, []).append(doc)
    seen: set[frozenset[str]] = set()
    for recipe in rng.sample(recipes, len(recipes)):
        if len(seen) == negatives:
            break
        t, event = topic[recipe.origin]
        others = [d for d in twins[t] if topic[d][1] != event]
        if not others:
            continue
        key = frozenset((recipe.origin, rng.choice(others)))
        if key in seen:
            continue
        seen.add(key)
        x, y = sorted(key)
        edge = find_reuse(by_id[x], by_id[y])
        result.pairs += 1
        result.confusion["none", label(edge)] += 1
    result.seconds = time.perf_counter() - started
    return result
