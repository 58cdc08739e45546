"""The annotate stage: one pure function from articles to annotated articles."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.quantities import quantity_of
from crosswire.annotate.quotes import extract_quotes
from crosswire.model import AnnotatedArticle, Article, Claim, Entity, Sentence, Span

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
_MIN_CLAIM_WORDS = 6
_TERM_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def annotate(articles: Sequence[Article], backend: NlpBackend) -> list[AnnotatedArticle]:
    """Sentences, entities, quotes, claims and embeddings for each article.

    Parses and embeds the whole batch at once, since both models are much
    faster per item on batches.
    """
    docs = backend.parse([a.text for a in articles])
    sentences_per_doc = [_sentences(doc) for doc in docs]
    flat = [s.text for sentences in sentences_per_doc for s in sentences]
    vectors = backend.embed(flat)
    out: list[AnnotatedArticle] = []
    offset = 0
    for article, doc, sentences in zip(articles, docs, sentences_per_doc, strict=True):
        sentence_vectors = vectors[offset : offset + len(sentences)]
        offset += len(sentences)
        entities = tuple(
            Entity(e.text, e.label_, e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ in ENTITY_LABELS
        )
        out.append(
            AnnotatedArticle(
                article=article,
                sentences=sentences,
                entities=entities,
                quotes=extract_quotes(article, doc),
                claims=_claims(article, doc),
                vector=_article_vector(sentence_vectors),
                sentence_vectors=tuple(tuple(float(x) for x in row) for row in sentence_vectors),
                terms=_terms(doc),
            )
        )
    return out


def _terms(doc: object) -> tuple[str, ...]:
    """Lemmas of content words (nouns, names, verbs, adjectives, numbers), lower-cased."""
    return tuple(
        token.lemma_.lower()
        for token in doc  # type: ignore[attr-defined]
        if token.pos_ in _TERM_POS
        and not token.is_stop
        and len(token.text) > 1
        and not token.like_url
        and not token.text.lower().startswith("http")
    )


def _sentences(doc: object) -> tuple[Sentence, ...]:
    """Sentences, never crossing a paragraph break (spaCy sometimes does)."""
    out: list[Sentence] = []
    for sent in doc.sents:  # type: ignore[attr-defined]
        start = sent.start_char
        for piece in sent.text.split("\n"):
            stripped = piece.strip()
            if stripped:
                begin = start + piece.index(stripped)
                out.append(Sentence(begin, begin + len(stripped), stripped))
            start += len(piece) + 1
    return tuple(out)


def _claims(article: Article, doc: object) -> tuple[Claim, ...]:
    """Sentence-level claims with the entities and numbers they mention."""
    claims: list[Claim] = []
    for sentence in _sentences(doc):
        if len(sentence.text.split()) < _MIN_CLAIM_WORDS:
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")  # type: ignore[attr-defined]
        ents = [] if span is None else list(span.ents)
        quantities = tuple(q for q in (quantity_of(e) for e in ents) if q is not None)
        names = tuple(dict.fromkeys(e.text for e in ents if e.label_ in ENTITY_LABELS))
        claims.append(
            Claim(
                article_id=article.id,
                text=sentence.text,
                span=Span(sentence.start, sentence.end),
                entities=names,
                quantities=quantities,
            )
        )
    return tuple(claims)


def _article_vector(sentence_vectors: np.ndarray) -> tuple[float, ...]:
    """Mean of sentence vectors, renormalised: MiniLM reads only 256 wordpieces at once."""
    if len(sentence_vectors) == 0:
        return ()
    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    return tuple(float(x) for x in mean / norm)
