"""``crosswire bench quotes``: attributions against PolNeAR's annotators.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks every attribution in
US political news as Source, Cue and Content spans (brat standoff, ``E``
lines join them; a span may be discontinuous). crosswire reads each
article's text only, through :func:`~crosswire.annotate.quotes.extract_quotes`,
and is scored against every annotator's file for that article.

Scoring (documented with examples in ``bench/quotes/README.md``):

* spans are compared as sets of word tokens (``\\w+`` runs; punctuation and
  quote marks do not count), a token belonging to a span when any of its
  characters lies in it (a span of punctuation only, the cue ":", is its
  characters);
* each role (source, cue, content) is scored on its own, over the distinct
  spans of that role in the article: *exact* when the token sets are equal,
  *overlap* when they share a token, pairs matched one-to-one (maximum total
  overlap); *token* precision/recall over the union of the role's tokens;
* the *triple* matches an attribution when content and cue overlap and the
  sources overlap (or neither has one), one-to-one;
* per article, the counts are averaged over its annotators; the averaged
  counts are summed over articles (micro average) before P/R/F1.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment

from crosswire.annotate.attribution_model import QuoteModels
from crosswire.annotate.quotes import extract_quotes
from crosswire.annotate.speaker_names import AliasTable
from crosswire.model import Article, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

Progress = Callable[[str, int, int], None]
Spans = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")
_ANNOTATOR = re.compile(r"^(?P<article>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True)
class Attribution:
    """Source, cue and content as character spans (empty when absent)."""

    source: Spans
    cue: Spans
    content: Spans

    def role(self, name: str) -> Spans:
        spans: Spans = getattr(self, name)
        return spans


def parse_ann(text: str, origin: str = "<ann>") -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (``E`` lines with their ``T`` spans)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.split("\t")
        if not cells[0] or len(cells) < 2:
            continue
        if cells[0].startswith("T"):
            _, _, offsets = cells[1].partition(" ")
            try:
                pieces = tuple(
                    (int(a), int(b))
                    for a, b in (piece.split() for piece in offsets.split(";") if piece.strip())
                )
            except ValueError as error:
                raise ValueError(f"{origin}:{number}: bad offsets {offsets!r}") from error
            spans[cells[0]] = pieces
        elif cells[0].startswith("E"):
            roles = dict(part.split(":", 1) for part in cells[1].split() if ":" in part)
            events.append(roles)
    out = []
    for roles in events:

        def get(role: str, roles: dict[str, str] = roles) -> Spans:
            return spans.get(roles.get(role, ""), ())

        if get("Content") or get("Cue"):
            out.append(Attribution(get("Source"), get("Cue"), get("Content")))
    return out


def from_quote(quote: Quote) -> Attribution:
    """A crosswire quote as spans: the speaker as named in its sentence, cue, content."""
    named = quote.source_span or (quote.speaker.span if quote.speaker is not None else None)
    source: Spans = ((named.start, named.end),) if named is not None else ()
    cue: Spans = ((quote.cue_span.start, quote.cue_span.end),) if quote.cue_span else ()
    reported = quote.clause_span or quote.content_span
    content: Spans = ((reported.start, reported.end),)
    gap = quote.interruption
    if gap is not None and reported.start <= gap.start < gap.end <= reported.end:
        content = ((reported.start, gap.start), (gap.end, reported.end))
    return Attribution(source, cue, content)


# --- scoring --------------------------------------------------------------------------------


class Tokens:
    """Word-token indices of a text, for comparing character spans."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        for match in _WORD.finditer(text):
            self._starts.append(match.start())
            self._ends.append(match.end())
        self._ends_array = np.asarray(self._ends)
        self._starts_array = np.asarray(self._starts)

    def of(self, spans: Spans) -> frozenset[int]:
        out: set[int] = set()
        for start, end in spans:
            first = int(np.searchsorted(self._ends_array, start, side="right"))
            last = int(np.searchsorted(self._starts_array, end, side="left"))
            out.update(range(first, last))
        if not out:  # a span of punctuation only (the cue ":"): its characters stand in
            out.update(
                -1 - i for start, end in spans for i in range(start, end) if self._text[i].strip()
            )
        return frozenset(out)


@dataclass
class Counts:
    """Matched, predicted and gold counts of one measure (fractional after averaging)."""

    matched_pred: float = 0.0
    predicted: float = 0.0
    matched_gold: float = 0.0
    gold: float = 0.0

    def add(self, other: Counts, weight: float = 1.0) -> None:
        self.matched_pred += weight * other.matched_pred
        self.predicted += weight * other.predicted
        self.matched_gold += weight * other.matched_gold
        self.gold += weight * other.gold

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _one_to_one(weights: np.ndarray) -> int:
    """Pairs with a positive weight in a maximum-weight one-to-one matching."""
    if weights.size == 0 or not weights.any():
        return 0
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return int((weights[rows, cols] > 0).sum())


def _role_counts(
    predicted: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]
) -> dict[str, Counts]:
    pred = list({s for s in predicted if s})
    true = list({s for s in gold if s})
    exact = len(set(pred) & set(true))
    weights = np.array([[len(p & g) for g in true] for p in pred], dtype=float).reshape(
        len(pred), len(true)
    )
    overlap = _one_to_one(weights)
    pred_tokens = frozenset().union(*pred) if pred else frozenset()
    gold_tokens = frozenset().union(*true) if true else frozenset()
    common = len(pred_tokens & gold_tokens)
    return {
        "exact": Counts(exact, len(pred), exact, len(true)),
        "overlap": Counts(overlap, len(pred), overlap, len(true)),
        "token": Counts(common, len(pred_tokens), common, len(gold_tokens)),
    }


def _triple_counts(
    predicted: Sequence[Attribution], gold: Sequence[Attribution], tokens: Tokens
) -> Counts:
    def sets(a: Attribution) -> tuple[frozenset[int], ...]:
        return tuple(tokens.of(a.role(r)) for r in ROLES)

    pred = [sets(a) for a in predicted]
    true = [sets(a) for a in gold]
    weights = np.zeros((len(pred), len(true)))
    for i, (ps, pc, pt) in enumerate(pred):
        for j, (gs, gc, gt) in enumerate(true):
            sources_agree = (not ps and not gs) or bool(ps & gs)
            if sources_agree and pc & gc and pt & gt:
                weights[i, j] = len(pt & gt) + 1
    matched = _one_to_one(weights)
    return Counts(matched, len(pred), matched, len(true))


def score_document(
    text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution]
) -> dict[str, Counts]:
    """Counts of every measure for one article against one annotator."""
    tokens = Tokens(text)
    out: dict[str, Counts] = {}
    for role in ROLES:
        pred = [tokens.of(a.role(role)) for a in predicted]
        true = [tokens.of(a.role(role)) for a in gold]
        for measure, counts in _role_counts(pred, true).items():
            out[f"{role}_{measure}"] = counts
    out["triple"] = _triple_counts(predicted, gold, tokens)
    return out


# --- the corpus -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PolnearDoc:
    """One article: its text and each annotator's attributions."""

    name: str
    text: str
    annotators: dict[str, list[Attribution]]


def read_polnear(directory: Path) -> list[PolnearDoc]:
    """``DIR/text/*.txt`` with every ``DIR/attributions/NAME_ANNOTATOR.ann``."""
    by_article: dict[str, dict[str, list[Attribution]]] = defaultdict(dict)
    for ann in sorted((directory / "attributions").glob("*.ann")):
        match = _ANNOTATOR.match(ann.name)
        if match is None:
            continue
        by_article[match["article"]][match["annotator"]] = parse_ann(
            ann.read_text(encoding="utf-8"), str(ann)
        )
    docs = []
    for path in sorted((directory / "text").glob("*.txt")):
        annotators = by_article.get(path.stem)
        if annotators:
            docs.append(PolnearDoc(path.stem, path.read_text(encoding="utf-8"), annotators))
    return docs


MEASURES = (*(f"{r}_{m}" for r in ROLES for m in ("exact", "overlap", "token")), "triple")


@dataclass
class QuoteBench:
    """Summed (annotator-averaged) counts over the corpus, and speed."""

    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MEASURES})
    documents: int = 0
    annotations: int = 0
    seconds: float = 0.0

    def add_document(
        self, text: str, predicted: Sequence[Attribution], doc: PolnearDoc, share: float = 1.0
    ) -> None:
        """Score one article's predictions against each of its annotators, averaged;
        ``share`` of the article's weight when it is scored more than once."""
        weight = share / len(doc.annotators)
        for gold in doc.annotators.values():
            for measure, counts in score_document(text, predicted, gold).items():
                self.counts[measure].add(counts, weight)
        self.documents += 1
        self.annotations += len(doc.annotators)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, float | int]:
        """The ``--json`` object: headline F1s first, then every P/R/F1."""
        c = self.counts
        out: dict[str, float | int] = {
            "source_f1": round(c["source_overlap"].f1, 4),
            "cue_f1": round(c["cue_overlap"].f1, 4),
            "content_f1": round(c["content_exact"].f1, 4),
            "content_overlap_f1": round(c["content_overlap"].f1, 4),
            "source_exact_f1": round(c["source_exact"].f1, 4),
            "triple_f1": round(c["triple"].f1, 4),
            "docs_per_s": round(self.docs_per_s, 2),
            "documents": self.documents,
            "annotations": self.annotations,
        }
        for measure in MEASURES:
            counts = c[measure]
            out[f"{measure}_p"] = round(counts.precision, 4)
            out[f"{measure}_r"] = round(counts.recall, 4)
            out[f"{measure}_f1"] = round(counts.f1, 4)
        return out


def agreement(docs: Sequence[PolnearDoc]) -> QuoteBench:
    """PolNeAR's annotators scored against each other, as crosswire is scored.

    On every article with several annotators, each annotator's file stands as the
    prediction against the others' (averaged), each article weighing once. This
    is how far people trained on the guidelines agree: the ceiling to read the
    extractor's figures against.
    """
    bench = QuoteBench()
    shared = [doc for doc in docs if len(doc.annotators) > 1]
    for doc in shared:
        for name, predicted in doc.annotators.items():
            others = {k: v for k, v in doc.annotators.items() if k != name}
            bench.add_document(
                doc.text, predicted, replace(doc, annotators=others), 1.0 / len(doc.annotators)
            )
    bench.documents = len(shared)
    bench.annotations = sum(len(doc.annotators) for doc in shared)
    return bench


def attributions(
    article: Article,
    doc: Doc,
    aliases: AliasTable | None = None,
    *,
    models: QuoteModels | None = None,
) -> list[Attribution]:
    """crosswire's attributions of one parsed article, as spans.

    A quote that continues the one before it (same source, no cue of its own:
    ``"A," she said. "B."``) is one attribution with two content pieces, as
    PolNeAR marks it.
    """
    out: list[Attribution] = []
    previous: Quote | None = None
    for quote in extract_quotes(article, doc, aliases, models=models):
        current = from_quote(quote)
        if (
            previous is not None
            and out
            and quote.kind == "direct"
            and quote.cue_span is None
            and quote.source_span is not None
            and quote.source_span == previous.source_span
        ):
            last = out[-1]
            out[-1] = Attribution(last.source, last.cue, last.content + current.content)
            continue
        out.append(current)
        previous = quote
    return out


def polnear_article(doc: PolnearDoc) -> Article:
    """The article as crosswire sees it: its text, nothing else."""
    return Article(id=doc.name, origin=doc.name, text=doc.text)


def run_quotes(
    directory: Path,
    *,
    parse: Callable[[list[str]], Iterable[Doc]] | None = None,
    progress: Progress | None = None,
    limit: int | None = None,
) -> QuoteBench:
    """Parse every article (spaCy only, no embeddings), extract and score.

    The clock covers parsing and extraction, not reading files or scoring.
    """
    docs = read_polnear(directory)[:limit]
    if parse is None:
        from crosswire.annotate.nlp import load_spacy

        nlp = load_spacy()

        def parse(texts: list[str]) -> Iterable[Doc]:
            return nlp.pipe(texts, batch_size=16)

    bench = QuoteBench()
    aliases = AliasTable(())
    batch = 16
    for start in range(0, len(docs), batch):
        chunk = docs[start : start + batch]
        began = time.perf_counter()
        parsed = list(parse([d.text for d in chunk]))
        found = [
            attributions(polnear_article(d), p, aliases) for d, p in zip(chunk, parsed, strict=True)
        ]
        bench.seconds += time.perf_counter() - began
        for doc, predicted in zip(chunk, found, strict=True):
            bench.add_document(doc.text, predicted, doc)
        if progress is not None:
            progress("parsing and extracting", start + len(chunk), len(docs))
    return bench
