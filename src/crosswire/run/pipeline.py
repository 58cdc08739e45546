"""Run the stages in order over a batch and keep the store consistent.

read -> clean -> (skip what is stored) -> annotate -> link -> store, one
transaction per batch (the store is also the link stage's state, so a batch's
placements and story changes commit with its articles); then compare -> report
reads stories back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.annotate.nlp import Embedder, NlpBackend, load_embedder
from crosswire.annotate.pipeline import embed_sentences
from crosswire.annotate.speaker_names import load_aliases, with_people
from crosswire.clean import clean_document
from crosswire.clean.dates import GivenDates, with_given
from crosswire.compare import compare_story, report_people
from crosswire.link import DEFAULT_PARAMS, LinkParams, link_features, place
from crosswire.model import (
    AnnotatedArticle,
    Article,
    Placement,
    RawDocument,
    ReadError,
    StoryReport,
)
from crosswire.read import read_paths
from crosswire.run.executors import Executor, InProcess, describe
from crosswire.store.browse import update_search_index
from crosswire.store.core import Store

BATCH_SIZE = 16
Progress = Callable[[int, int], None]


@dataclass
class IngestResult:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    errors: list[ReadError] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    #: wall seconds per stage: read_clean, annotate (waiting for it), link_store
    seconds: dict[str, float] = field(
        default_factory=lambda: {"read_clean": 0.0, "annotate": 0.0, "link_store": 0.0}
    )


def _arrival(article: Article) -> tuple[bool, float]:
    """Where an article goes in its batch: by the date its source or the user gave, as a
    stream would bring it; one derived from a file name or a date line (often an
    update's) keeps the order the inputs came in, which a guess should not reshuffle."""
    dated = article.published is not None and article.published_from in ("source", "given", None)
    return (not dated, article.published.timestamp() if dated and article.published else 0.0)


def _clean_all(
    items: Iterable[RawDocument | ReadError], result: IngestResult, given: GivenDates | None = None
) -> list[Article]:
    """Cleaned articles, each once, with the dates ``given`` for the run set."""
    articles: dict[str, Article] = {}
    for item in items:
        if isinstance(item, ReadError):
            result.errors.append(item)
            continue
        try:
            cleaned = clean_document(item)
        except Exception as error:  # a cleaner bug on one input must not stop the batch
            cleaned = ReadError(item.origin, f"could not be cleaned ({describe(error)})")
        if isinstance(cleaned, ReadError):
            result.errors.append(cleaned)
            continue
        result.read += 1
        if given:
            cleaned = with_given(cleaned, given)
        articles.setdefault(cleaned.id, cleaned)
    return list(articles.values())


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    backend: NlpBackend | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    progress: Progress | None = None,
    params: LinkParams = DEFAULT_PARAMS,
    executor: Executor | None = None,
    published: GivenDates | None = None,
) -> IngestResult:
    """Read, clean, annotate and place new articles; store them batch by batch."""
    return ingest_documents(
        read_paths(paths),
        store,
        backend=backend,
        on_error=on_error,
        progress=progress,
        params=params,
        executor=executor,
        published=published,
    )


def ingest_documents(
    documents: Iterable[RawDocument | ReadError],
    store: Store,
    *,
    backend: NlpBackend | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    progress: Progress | None = None,
    params: LinkParams = DEFAULT_PARAMS,
    executor: Executor | None = None,
    published: GivenDates | None = None,
) -> IngestResult:
    """Like :func:`ingest`, for documents already read (HTTP uploads, fetched URLs, feeds).

    ``executor`` runs the annotate stage (default: in this process); linking
    and storing stay here, in order, so every executor gives the same stories.
    ``published`` sets dates the user gave for the run (``--published``) on the
    articles read, before annotation resolves "on Wednesday" against them; an
    article already stored keeps the date it was stored with.
    """
    result = IngestResult()
    began = time.perf_counter()
    articles = _clean_all(documents, result, published)
    result.seconds["read_clean"] += time.perf_counter() - began
    if on_error:
        for error in result.errors:
            on_error(error)
    known = store.known([a.id for a in articles])
    new = [a for a in articles if a.id not in known]
    result.already_stored = len(articles) - len(new)
    new.sort(key=_arrival)
    if not new:
        return result
    executor = executor or InProcess(backend)
    done = 0

    def fail(error: ReadError) -> None:
        result.errors.append(error)
        if on_error:
            on_error(error)

    chunks = [new[start : start + BATCH_SIZE] for start in range(0, len(new), BATCH_SIZE)]
    # sentences are embedded only once an article has company in its story (below)
    annotated_batches = executor.annotate(chunks, sentence_vectors=False)
    for chunk in chunks:
        began = time.perf_counter()
        batch, problems = next(annotated_batches)
        linking = time.perf_counter()
        result.seconds["annotate"] += linking - began
        for problem in problems:
            fail(problem)
        touched: set[str] = set()
        with store.transaction():
            for annotated in batch:
                try:
                    with store.savepoint():
                        change = place(link_features(annotated), store, params)
                        stored = store.add_article(annotated, change)
                except store.errors:
                    raise  # the store itself failed: the whole batch rolls back
                except Exception as error:  # one article's link bug stays that article's
                    reason = f"could not be linked ({describe(error)})"
                    fail(ReadError(annotated.article.origin, reason))
                    continue
                touched.update(story for _, story in (*change.moves, *change.merges))
                if stored:
                    result.added += 1
                    result.placements.append(change.placement)
            # sentences of the articles this batch gave company (an older one too)
            embed_story_sentences(store, touched, backend, batch)
        result.seconds["link_store"] += time.perf_counter() - linking
        done += len(chunk)
        if progress:
            progress(done, len(new))
    update_search_index(store)
    return result


def embed_story_sentences(
    store: Store,
    story_ids: Collection[str],
    embedder: Embedder | None = None,
    fresh: Sequence[AnnotatedArticle] = (),
) -> int:
    """Embed the sentences of every article of these stories that has company and no
    sentence vectors yet, as annotating it would have (:func:`embed_sentences`), and
    store them; how many articles were embedded.

    Call inside the transaction that gave them company (placing a batch does), so
    no story of two or more is ever stored without them. ``embedder`` defaults to
    the process's MiniLM model, loaded only when there is something to embed (beside
    a process pool, this process may never need it). ``fresh`` are articles of that
    transaction still in hand, which need not be read back.
    """
    missing = store.unembedded(story_ids)
    if not missing:
        return 0
    at_hand = {a.article.id: a for a in fresh}
    articles = []
    for article_id in missing:
        known = at_hand.get(article_id)
        if known is None and (stored := store.article(article_id)) is not None:
            known = stored[0]
        if known is not None and known.sentences:
            articles.append(known)
    for annotated in embed_sentences(articles, embedder or load_embedder()):
        store.set_sentence_vectors(annotated.article.id, annotated.sentence_vectors)
    return len(articles)


def story_reports(store: Store, story_ids: Sequence[str] | None = None) -> list[StoryReport]:
    """Compare each stored story (or the ones named) into a report.

    Reports on every story give each person one name across stories (``with_people``:
    "Donald J. Trump" in one, "Donald Trump" in another); a story reported alone
    names its speakers as that story does.
    """
    aliases = load_aliases()
    stories = [
        (story, *store.articles_of(story))
        for story, _ in store.stories()
        if story_ids is None or story.id in story_ids
    ]
    if story_ids is None:
        joining, apart = report_people(a for _, arts, _ in stories for a in arts)
        aliases = with_people(with_people(aliases, joining), apart)
    return [
        compare_story(story, articles, placements, aliases)
        for story, articles, placements in stories
    ]
