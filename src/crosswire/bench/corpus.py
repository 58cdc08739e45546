"""Real articles from ``../shared/data`` for load and scale benchmarks.

ECB+ documents first (772 news reports of 66 events), then PolNeAR articles
(US political news, with publication dates), then SemEval-2022 pair texts;
duplicates (same text) are dropped. When more articles are asked for than
exist, the rest are wire copies: copy ``k`` of an article is the same text
under a dateline naming copy ``k``, as outlets republish wire copy, so its
annotation costs the same and its id differs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.model import AnnotatedArticle, Article, RawDocument

BATCH = 32
Progress = Callable[[str, int, int], None]

DATELINES = ("WASHINGTON", "LONDON", "PARIS", "BERLIN", "NEW YORK", "TOKYO", "NAIROBI", "SYDNEY")


def _ecbplus(shared: Path) -> Iterator[RawDocument]:
    path = shared / "data" / "ecbplus" / "ecbplus.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield RawDocument(
                origin=f"ecbplus:{record['id']}", content=record["text"], format="text"
            )


def _polnear(shared: Path) -> Iterator[RawDocument]:
    root = shared / "data" / "polnear"
    dates: dict[str, str] = {}
    metadata = root / "metadata.tsv"
    if metadata.exists():
        rows = metadata.read_text(encoding="utf-8").splitlines()
        header = rows[0].split("\t")
        for row in rows[1:]:
            fields = dict(zip(header, row.split("\t"), strict=False))
            dates[fields.get("filename", "")] = fields.get("publication_date", "")
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            yield RawDocument(
                origin=f"polnear:{split}/{path.name}",
                content=path.read_text(encoding="utf-8"),
                format="text",
                outlet=path.name.split("_", 1)[0],
                published=dates.get(path.stem) or None,
            )


def _semeval(shared: Path) -> Iterator[RawDocument]:
    path = shared / "data" / "semeval2022-task8-en" / "pairs.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for side in ("text1", "text2"):
                text = record.get(side) or ""
                if len(text.split()) >= 50:
                    yield RawDocument(
                        origin=f"semeval:{record['pair_id']}:{side}", content=text, format="text"
                    )


SETS = {"ecbplus": _ecbplus, "polnear": _polnear, "semeval": _semeval}


def real_articles(shared: Path, sets: tuple[str, ...] = tuple(SETS)) -> list[RawDocument]:
    """Every distinct article of the shared evaluation sets (or of ``sets``), in a fixed
    order. PolNeAR alone gives news of typical length (about 750 words, median 580);
    ECB+ reports are short (about 190 words)."""
    seen: set[str] = set()
    out = []
    for source in (SETS[name] for name in sets):
        for document in source(shared):
            key = " ".join(document.content.split())
            if key and key not in seen:
                seen.add(key)
                out.append(document)
    return out


def corpus(shared: Path, size: int, sets: tuple[str, ...] = tuple(SETS)) -> list[RawDocument]:
    """``size`` articles: the real ones, then wire copies of them (see the module docstring)."""
    base = real_articles(shared, sets)
    if not base:
        raise ValueError(f"{shared}/data holds no articles")
    out = base[:size]
    k = 1
    while len(out) < size:
        for document in base[: size - len(out)]:
            dateline = f"{DATELINES[k % len(DATELINES)]} (copy {k}) -"
            out.append(
                RawDocument(
                    origin=f"{document.origin}#copy{k}",
                    content=f"{dateline} {document.content.lstrip()}",
                    format=document.format,
                    outlet=f"outlet-{k}",
                    published=document.published,
                )
            )
        k += 1
    return out


def annotate_all(
    articles: Sequence[Article],
    backend: NlpBackend,
    progress: Progress | None = None,
    batch: int = BATCH,
    *,
    sentence_vectors: bool = True,
) -> tuple[list[AnnotatedArticle], float]:
    """Annotate ``articles`` in batches (the models are faster per item on batches),
    reporting ``("annotating", done, total)``; also the seconds it took. A bench that
    reads no sentence vectors (placing, one sentence's claim) leaves them out: they are
    most of annotation's cost (:func:`~crosswire.annotate.pipeline.annotate`)."""
    started = time.perf_counter()
    annotated: list[AnnotatedArticle] = []
    for start in range(0, len(articles), batch):
        chunk = articles[start : start + batch]
        annotated += annotate(chunk, backend, sentence_vectors=sentence_vectors)
        if progress:
            progress("annotating", len(annotated), len(articles))
    return annotated, time.perf_counter() - started


def read_label_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a labels file, one a line (``#`` comments, blank lines), each with
    its ``line``; a line that is not JSON raises ValueError naming the file and line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: {error.msg}") from None
        row["line"] = number
        yield row
