"""Who said what across a story: one canonical speaker, one statement per utterance.

The same utterance reported by several outlets (translation variants,
trimmed quotes) becomes one :class:`Statement` listing every report of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz

from crosswire.annotate.speaker_names import AliasTable, canonical_names, name_key
from crosswire.annotate.speaking import speaking_nouns
from crosswire.model import AnnotatedArticle, Quote, Span, Statement

SAME_UTTERANCE_COSINE = 0.80
SAME_UTTERANCE_LEXICAL = 80.0
SAME_PHRASE = 95.0
MIN_PHRASE_WORDS = 2


def canonicalize(articles: Sequence[AnnotatedArticle], aliases: AliasTable) -> list[Quote]:
    """Every statement of the story (``Quote.statement``: not an act the text reports,
    "voted against the bill"), with speakers mapped to story-wide canonical names."""
    quotes = [q for a in articles for q in a.quotes if q.statement]
    names = [q.speaker.canonical for q in quotes if q.speaker is not None]
    mapping = canonical_names(names, aliases)
    out = []
    for quote in quotes:
        if quote.speaker is not None:
            canonical = mapping.get(quote.speaker.canonical, quote.speaker.canonical)
            quote = replace(quote, speaker=replace(quote.speaker, canonical=canonical))
        out.append(quote)
    return out


def report_people(articles: Iterable[AnnotatedArticle]) -> tuple[list[str], list[str]]:
    """The speakers' names of a report, for one name per person across its stories
    (:func:`~crosswire.annotate.speaker_names.with_people`): those that may join a
    person's full name, and the one-word names that may only join each other ("FBI",
    "F.B.I.").

    A one-word name an article never gives in full is as often a noun, a group, a
    place or a paper as a surname ("the report", "Democrats", "Israel", "The
    Guardian"), and a full name elsewhere ending in it ("Hurun Report", "Steve
    Israel", "Don Guardian") is no one it stands for. So it joins one only written
    capitalised without "the", not a speaking noun, and not read by its article's
    tagger as a group or a place ("Priebus", "Obama"; the tagger's ORG is no
    evidence, as it often labels a lone surname so).
    """
    joining: list[str] = []
    apart: list[str] = []
    for article in articles:
        not_people = {name_key(e.text) for e in article.entities if e.label in _NOT_PEOPLE}
        for quote in article.quotes:
            if quote.speaker is None:
                continue
            name = quote.speaker.canonical
            source = quote.source_span
            written = article.article.text[source.start : source.end] if source else name
            if len(name.split()) > 1 or _a_surname(name, written, not_people):
                joining.append(name)
            else:
                apart.append(name)
    return joining, apart


#: Entity labels of names no person has: groups, places, buildings, events.
_NOT_PEOPLE = frozenset({"NORP", "GPE", "LOC", "FAC", "EVENT"})


def _a_surname(name: str, written: str, not_people: set[str]) -> bool:
    key = name_key(name)
    return (
        name[:1].isupper()
        and not written.casefold().startswith("the ")
        and key not in speaking_nouns()
        and key not in not_people
    )


def _content_vector(article: AnnotatedArticle, span: Span) -> np.ndarray | None:
    rows = [
        vector
        for sentence, vector in zip(article.sentences, article.sentence_vectors, strict=False)
        if sentence.span.start < span.end and span.start < sentence.span.end
    ]
    if not rows:
        return None
    mean: np.ndarray = np.asarray(rows, dtype=np.float32).mean(axis=0)
    return mean / (float(np.linalg.norm(mean)) or 1.0)


def _same_utterance(a: Quote, b: Quote, va: np.ndarray | None, vb: np.ndarray | None) -> bool:
    """Same meaning (sentence embeddings), same words in another order or trimmed
    (token sets), or one report quoting a phrase of the other's wording (a mixed
    quote's "more realistic" in a paraphrase "talks were sounding more realistic")."""
    if va is not None and vb is not None and float(va @ vb) >= SAME_UTTERANCE_COSINE:
        return True
    if fuzz.token_set_ratio(a.content, b.content) >= SAME_UTTERANCE_LEXICAL:
        return True
    short, long = sorted((a.content, b.content), key=len)
    if len(short.split()) < MIN_PHRASE_WORDS or a.kind == b.kind == "direct":
        return False
    return fuzz.partial_ratio(short.casefold(), long.casefold()) >= SAME_PHRASE


def build_statements(
    articles: Sequence[AnnotatedArticle], quotes: Sequence[Quote]
) -> list[Statement]:
    """Group each speaker's quotes across articles into statements.

    Reported speech that names no one ("the decision was criticized") is an
    attribution but not anyone's statement: only quoted words are kept
    without a speaker.
    """
    quotes = [q for q in quotes if q.speaker is not None or q.kind == "direct"]
    by_id = {a.article.id: a for a in articles}
    vectors = [_content_vector(by_id[q.article_id], q.content_span) for q in quotes]
    statements: list[list[int]] = []
    for i, quote in enumerate(quotes):
        if quote.speaker is None:
            statements.append([i])
            continue
        for members in statements:
            first = quotes[members[0]]
            if (
                first.speaker is not None
                and first.speaker.canonical == quote.speaker.canonical
                and all(quotes[m].article_id != quote.article_id for m in members)
                and _same_utterance(first, quote, vectors[members[0]], vectors[i])
            ):
                members.append(i)
                break
        else:
            statements.append([i])
    out = []
    for members in statements:
        group = tuple(quotes[m] for m in members)
        speaker = group[0].speaker
        role = next((q.speaker.role for q in group if q.speaker and q.speaker.role), None)
        organization = next(
            (q.speaker.organization for q in group if q.speaker and q.speaker.organization), None
        )
        out.append(
            Statement(
                speaker=speaker.canonical if speaker else "unattributed",
                role=role,
                quotes=group,
                organization=organization,
            )
        )
    out.sort(key=lambda s: (-len({q.article_id for q in s.quotes}), s.speaker))
    return out
