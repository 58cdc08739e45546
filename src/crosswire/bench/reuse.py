"""``crosswire bench reuse``: who copied whom, measured three ways (see bench/reuse/README.md).

1. ECB+ same-event pairs (:func:`run_ecb`): every pair of documents that
   report one event, each from its own outlet. Independent reports are the
   negative test (they share names, numbers and the event, not the text);
   the few true copies among them were found by reading the flagged pairs
   and are listed in ``bench/reuse/ecb_gold.tsv``.
2. The rewrite test (:func:`run_rewrites`): copies of real ECB+ articles made
   with the edits article spinners make, from recipes in
   ``bench/reuse/recipes.jsonl`` (kind, origin id, seed, edits) applied at
   run time to the text in ``../shared/data``; precision and recall per kind.
3. Scale (:func:`run_scale`): candidate generation plus alignment on corpora
   of 1,000 and 10,000 articles built from annotated ECB+ blocks.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import numpy as np

from crosswire.annotate.nlp import NlpBackend, load_backend
from crosswire.annotate.pipeline import annotate
from crosswire.bench.clusters import annotate_file
from crosswire.clean import clean_document
from crosswire.link.candidates import candidate_pairs
from crosswire.link.reuse import find_reuse
from crosswire.model import (
    AnnotatedArticle,
    Article,
    Entity,
    RawDocument,
    Reuse,
    Sentence,
    Span,
)

Progress = Callable[[str, int, int], None]
DATA = Path(__file__).resolve().parents[3] / "bench" / "reuse"
KINDS = ("verbatim", "syndicated", "rewrite", "partial", "none")
WHOLE = frozenset({"verbatim", "syndicated", "rewrite"})
_T0 = datetime(2020, 3, 1, 9, 0, tzinfo=UTC)


def _label(edge: Reuse | None) -> str:
    return edge.kind if edge else "none"


def read_records(path: Path) -> list[dict[str, object]]:
    """ECB+ lines as dicts (id, subtopic, text, sentences), in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _by_line(annotated: Sequence[AnnotatedArticle]) -> dict[int, AnnotatedArticle]:
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
    by_line = _by_line(annotated)
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
        kind = _label(edge)
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


# --------------------------------------------------------------------------
# 2. The rewrite test


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
    by_id = {str(records[n - 1]["id"]): a for n, a in _by_line(annotated).items()}
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
        result.confusion[recipe.kind, _label(edge)] += 1
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
        result.confusion["none", _label(edge)] += 1
    result.seconds = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------
# 3. Scale


@dataclass(frozen=True)
class ScalePoint:
    size: int
    candidates: int
    edges: int
    planted: int
    planted_found: int
    candidate_seconds: float
    align_seconds: float

    @property
    def ms_per_1000(self) -> float:
        return 1000 * (self.candidate_seconds + self.align_seconds) / self.size * 1000


def _excerpt(article: AnnotatedArticle, keep: Sequence[int], tag: str) -> AnnotatedArticle:
    """A copy made of some of an article's sentences (text, spans, entities and vectors kept)."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    pos = 0
    for k in keep:
        s = article.sentences[k]
        sentences.append(Sentence(Span(pos, pos + len(s.text)), s.text))
        shift = pos - s.span.start
        entities += [
            Entity(e.text, e.label, Span(e.span.start + shift, e.span.end + shift))
            for e in article.entities
            if s.span.start <= e.span.start < s.span.end
        ]
        parts.append(s.text)
        pos += len(s.text) + 1
    vectors = [article.sentence_vectors[k] for k in keep]
    mean = np.asarray(vectors, dtype=np.float64).mean(axis=0)
    text = "\n".join(parts)
    return replace(
        article,
        article=replace(article.article, id=f"{article.article.id}-{tag}", text=text),
        sentences=tuple(sentences),
        entities=tuple(entities),
        quotes=(),
        claims=(),
        vector=tuple(float(x) for x in mean / (np.linalg.norm(mean) or 1.0)),
        sentence_vectors=tuple(vectors),
    )


def _block(
    base: Sequence[AnnotatedArticle], block: int, rng: random.Random
) -> list[AnnotatedArticle]:
    """One copy of the corpus in its own "language": words ciphered, vectors rotated.

    Within a block, texts share exactly the shingles and cosines the originals
    do; across blocks they share none, so a corpus of ten blocks has ten times
    the articles with the same density of reuse, which is what a scale test of
    a near-linear method needs.
    """
    if block == 0:
        return list(base)
    dim = len(base[0].vector)
    rotation, _ = np.linalg.qr(np.random.default_rng(block).standard_normal((dim, dim)))
    cipher: dict[str, str] = {}

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        if w not in cipher:
            cipher[w] = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in w)
        return cipher[w]

    def spin(text: str) -> str:
        return re.sub(r"[A-Za-z]+", word, text)

    out = []
    for a in base:
        text = spin(a.article.text)  # same length, so every span still holds
        out.append(
            replace(
                a,
                article=replace(a.article, id=f"{a.article.id}-b{block}", text=text),
                sentences=tuple(replace(s, text=spin(s.text)) for s in a.sentences),
                entities=tuple(replace(e, text=spin(e.text)) for e in a.entities),
                vector=tuple((np.asarray(a.vector) @ rotation).tolist()),
                sentence_vectors=tuple(
                    tuple(row) for row in (np.asarray(a.sentence_vectors) @ rotation).tolist()
                ),
            )
        )
    return out


def scale_corpus(
    base: Sequence[AnnotatedArticle], size: int, seed: int = 3
) -> tuple[list[AnnotatedArticle], set[tuple[str, str]]]:
    """``size`` articles: blocks of real articles, a quarter of each block planted copies."""
    rng = random.Random(seed)
    usable = [a for a in base if len(a.sentences) >= 5]
    originals_per_block = max(1, (3 * 1000) // 4)
    corpus: list[AnnotatedArticle] = []
    planted: set[tuple[str, str]] = set()
    block = 0
    while len(corpus) < size:
        chosen = rng.sample(usable, min(len(usable), originals_per_block))
        articles = _block(chosen, block, rng)
        copies = []
        for n, origin in enumerate(rng.sample(articles, min(len(articles), 1000 - len(articles)))):
            count = len(origin.sentences)
            if n % 2:
                keep = sorted(rng.sample(range(count), max(2, count * 3 // 4)))  # trimmed copy
            else:
                keep = sorted(rng.sample(range(count), max(2, count // 3)))  # borrowed passages
            copies.append(_excerpt(origin, keep, f"c{n}"))
            planted.add((origin.article.id, copies[-1].article.id))
        corpus += articles + copies
        block += 1
    return corpus[:size], {p for p in planted if p[1] in {a.article.id for a in corpus[:size]}}


def run_scale(
    base: Sequence[AnnotatedArticle],
    sizes: Sequence[int] = (1000, 10000),
    progress: Progress | None = None,
) -> list[ScalePoint]:
    """Time candidate generation and alignment of candidate pairs at each corpus size."""
    points = []
    for size in sizes:
        corpus, planted = scale_corpus(base, size)
        if progress:
            progress(f"candidates for {size:,}", 0, 1)
        started = time.perf_counter()
        cands = candidate_pairs(corpus)
        middle = time.perf_counter()
        edges: set[tuple[str, str]] = set()
        for done, (i, j) in enumerate(cands, 1):
            edge = find_reuse(corpus[i], corpus[j])
            if edge is not None:
                edges.add((edge.origin_id, edge.copy_id))
                edges.add((edge.copy_id, edge.origin_id))
            if progress and done % 500 == 0:
                progress(f"aligning candidates at {size:,}", done, len(cands))
        ended = time.perf_counter()
        points.append(
            ScalePoint(
                size=size,
                candidates=len(cands),
                edges=len(edges) // 2,
                planted=len(planted),
                planted_found=sum(1 for p in planted if p in edges),
                candidate_seconds=middle - started,
                align_seconds=ended - middle,
            )
        )
    return points
