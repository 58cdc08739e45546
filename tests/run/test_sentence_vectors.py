"""Sentences are embedded only once an article has company in its story (issue 19).

Annotation skips the sentence embedding (most of its cost); the run layer embeds
the sentences of every article of a story of two or more, in the transaction
that gave it company, with the same model call annotate makes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import SEED_REWRITE, SEED_WIRE
from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate, embed_sentences
from crosswire.clean import clean_document
from crosswire.model import AnnotatedArticle, Article, RawDocument
from crosswire.read import read_paths
from crosswire.run import ingest, story_reports
from crosswire.store import open_store
from crosswire.store.check import check_store
from crosswire.store.core import Store


@pytest.fixture(scope="module")
def seeds_annotated(seeds_dir: Path, backend: NlpBackend) -> dict[str, AnnotatedArticle]:
    """The two seeds annotated as annotate() does by default, by file name."""
    read = list(read_paths([seeds_dir / SEED_WIRE, seeds_dir / SEED_REWRITE]))
    articles = [clean_document(d) for d in read if isinstance(d, RawDocument)]
    assert len(articles) == 2 and all(isinstance(a, Article) for a in articles)
    done = annotate([a for a in articles if isinstance(a, Article)], backend)
    return {Path(a.article.origin).name: a for a in done}


def _stored(store: Store, expected: AnnotatedArticle) -> AnnotatedArticle:
    found = store.article(expected.article.id)
    assert found is not None, expected.article.origin
    return found[0]


def _same_vectors(stored: AnnotatedArticle, expected: AnnotatedArticle) -> bool:
    got = np.asarray(stored.sentence_vectors, dtype=np.float32)
    want = np.asarray(expected.sentence_vectors, dtype=np.float32)
    return got.shape == want.shape and bool(np.allclose(got, want, atol=1e-6))


def test_embedding_later_gives_the_vectors_annotate_gives(
    seeds_annotated: dict[str, AnnotatedArticle], backend: NlpBackend
) -> None:
    articles = [a.article for a in seeds_annotated.values()]
    bare = annotate(articles, backend, sentence_vectors=False)
    assert all(a.sentence_vectors == () for a in bare)
    assert [replace(a, sentence_vectors=()) for a in seeds_annotated.values()] == bare
    # embedded one at a time, apart from the batch annotate embedded them in
    later = [embed_sentences([a], backend)[0] for a in bare]
    for embedded, expected in zip(later, seeds_annotated.values(), strict=True):
        assert len(embedded.sentence_vectors) == len(expected.sentences) > 1
        assert _same_vectors(embedded, expected)


def test_both_seeds_of_one_story_are_stored_with_their_sentence_vectors(
    tmp_path: Path,
    seeds_dir: Path,
    backend: NlpBackend,
    seeds_annotated: dict[str, AnnotatedArticle],
) -> None:
    db = tmp_path / "seeds.db"
    with open_store(db) as store:
        result = ingest([seeds_dir], store, backend=backend)
        assert result.added == 2 and len(store.stories()) == 1
        for expected in seeds_annotated.values():
            assert _same_vectors(_stored(store, expected), expected), expected.article.origin
    assert check_store(db) == []


def test_an_article_alone_gets_its_vectors_when_a_later_run_brings_it_company(
    tmp_path: Path,
    seeds_dir: Path,
    backend: NlpBackend,
    seeds_annotated: dict[str, AnnotatedArticle],
) -> None:
    db = tmp_path / "grow.db"
    wire, rewrite = seeds_annotated[SEED_WIRE], seeds_annotated[SEED_REWRITE]
    with open_store(db) as store:
        ingest([seeds_dir / SEED_WIRE], store, backend=backend)
        alone = _stored(store, wire)
        assert alone.sentences and alone.sentence_vectors == ()
        (report,) = story_reports(store)  # compared alone, it still has its facts
        assert report.single_source_facts or report.shared_facts
    assert check_store(db) == []
    with open_store(db) as store:
        ingest([seeds_dir / SEED_REWRITE], store, backend=backend)
        assert len(store.stories()) == 1
        assert _same_vectors(_stored(store, wire), wire)
        assert _same_vectors(_stored(store, rewrite), rewrite)
        (report,) = story_reports(store)
        assert report.reuse  # the rewrite's reuse of the wire is traced on those vectors
    assert check_store(db) == []


def test_a_story_of_several_is_not_compared_without_sentence_vectors(
    seeds_annotated: dict[str, AnnotatedArticle],
) -> None:
    from crosswire.annotate.speaker_names import load_aliases
    from crosswire.compare import compare_story
    from crosswire.model import Story

    wire, rewrite = seeds_annotated[SEED_WIRE], seeds_annotated[SEED_REWRITE]
    story = Story("s", "seeds", (wire.article.id, rewrite.article.id))
    unembedded = replace(wire, sentence_vectors=())
    with pytest.raises(ValueError, match="no sentence vectors"):
        compare_story(story, [unembedded, rewrite], [], load_aliases())


def test_an_article_alone_joins_only_the_sentences_it_repeats_word_for_word(
    backend: NlpBackend,
) -> None:
    from crosswire.compare.facts import align_claims

    repeated = "The ministry said 12 people were killed in the flooding on Tuesday."
    text = (
        f"{repeated}\n\nRescue teams reached three villages cut off by the river overnight.\n\n"
        f"Officials expect the toll to rise as roads reopen.\n\n{repeated}"
    )
    (alone,) = annotate([Article("flood", "flood.txt", text)], backend, sentence_vectors=False)
    assert alone.sentence_vectors == () and len(alone.claims) == 4
    facts = align_claims([alone]).facts
    assert sorted(len(f) for f in facts) == [1, 1, 2]
    (twice,) = (f for f in facts if len(f) == 2)
    assert {c.text for c in twice} == {repeated}
