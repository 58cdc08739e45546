"""The annotate stage: one pure function from articles to annotated articles."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from crosswire.annotate.dates import article_published, find_dates
from crosswire.annotate.nlp import Embedder, NlpBackend
from crosswire.annotate.quantities import (
    NUMBER_LABELS,
    merge_split_numbers,
    quantity_of,
    text_amounts,
)
from crosswire.annotate.quotes import extract_quotes
from crosswire.annotate.speaking import only_speakers
from crosswire.annotate.stances import article_stances
from crosswire.model import AnnotatedArticle, Article, Claim, Entity, Quote, Sentence, Span

#: Wordpieces of headline and opening the article vector reads: the lead says what the
#: story is; at 128 it matches people's same-story ratings best (SemEval-2022 Task 8).
LEAD_TOKENS = 128
_STAMP_WORDS = 10
_URL_LINE = re.compile(r"^\s*(?:https?:|www\.)|^\S+\s*/\s*/\s*\S+")
_STAMP_WORD = re.compile(
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?"
    r"|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|posted|updated|published|last|on|at|am|pm"
    r"|[apm]|gmt|utc|e[sd]?t|[snrt][tdh])",
    re.IGNORECASE,
)
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
_MIN_CLAIM_WORDS = 6
_TERM_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def annotate(
    articles: Sequence[Article], backend: NlpBackend, *, sentence_vectors: bool = True
) -> list[AnnotatedArticle]:
    """Sentences, entities, quotes, claims and embeddings for each article.

    Parses and embeds the whole batch at once, since both models are much
    faster per item on batches. ``sentence_vectors=False`` leaves the sentences
    unembedded (most of annotation's cost): comparing an article with others
    reads them, so the run layer embeds them (:func:`embed_sentences`) once the
    article has company in its story; alone, its facts join only sentences
    repeated word for word (:mod:`crosswire.compare.facts`).
    """
    docs = backend.parse([a.text for a in articles])
    leads = backend.embed([lead_text(a) for a in articles], max_tokens=LEAD_TOKENS)
    out: list[AnnotatedArticle] = []
    for article, doc, lead in zip(articles, docs, leads, strict=True):
        sentences = _sentences(doc)
        entities = tuple(
            Entity(e.text, e.label_, Span(e.start_char, e.end_char))
            for e in doc.ents
            if e.label_ in ENTITY_LABELS
        )
        out.append(
            AnnotatedArticle(
                article=article,
                sentences=sentences,
                entities=entities,
                quotes=(quotes := only_speakers(extract_quotes(article, doc))),
                claims=_claims(article, doc, quotes, sentences),
                # the same Python floats as float() of each float32, made in one pass
                vector=tuple(lead.tolist()),
                terms=_terms(doc),
                stances=article_stances(article, doc, quotes),
            )
        )
    return embed_sentences(out, backend) if sentence_vectors else out


def embed_sentences(
    annotated: Sequence[AnnotatedArticle], embedder: Embedder
) -> list[AnnotatedArticle]:
    """The articles with one vector per sentence, every sentence embedded in one call.

    A text's vector does not depend on the texts embedded with it, so an
    article embedded here later, beside others, gets the vectors annotating
    it would have given.
    """
    vectors = embedder.embed([s.text for a in annotated for s in a.sentences])
    out = []
    offset = 0
    for article in annotated:
        rows = vectors[offset : offset + len(article.sentences)]
        offset += len(article.sentences)
        out.append(replace(article, sentence_vectors=tuple(map(tuple, rows.tolist()))))
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
                out.append(Sentence(Span(begin, begin + len(stripped)), stripped))
            start += len(piece) + 1
    return tuple(out)


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Verbs that report rather than happen: "X said Y" is about Y, voiced by X.
REPORTING_VERBS = frozenset(
    "say tell report state announce claim add confirm quote note warn insist stress write "
    "tweet declare explain believe think estimate according".split()
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"})
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|is|are) (?:be )?(?:expected|set|due|scheduled|poised|going) to\b"
    r"|\bwill\b|\bwould\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\baccording to (?:the |a |an )?([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*(?: official)?)",
)
_SUBJECT_WORDS = 8


def _event_verb(root: object) -> tuple[object, object | None]:
    """The verb a sentence reports (a reporting verb's complement), and the reporting verb."""
    if getattr(root, "lemma_", "").lower() in REPORTING_VERBS:
        for child in root.children:  # type: ignore[attr-defined]
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                return child, root
    return root, None


def _subject(verb: object) -> str | None:
    for child in verb.children:  # type: ignore[attr-defined]
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            words = [t.text for t in child.subtree][:_SUBJECT_WORDS]
            return " ".join(words) if child.dep_ != "expl" else None
    return None


def _negated(verb: object, text: str) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):  # type: ignore[attr-defined]
        return True
    return any(c.lower_ in _NEGATIONS and c.dep_ == "det" for c in verb.children)  # type: ignore[attr-defined]


def _tense(verb: object, sentence: str) -> str:
    if _FUTURE_CUES.search(sentence) and any(
        c.lower_ in ("will", "shall") or c.lemma_ in ("expect", "set", "due", "schedule")
        for c in [verb, *verb.children]  # type: ignore[attr-defined]
    ):
        return "future"
    if re.search(r"\b(?:is|are) (?:expected|set|due|scheduled) to\b", sentence):
        return "future"
    tags = {verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass"))}  # type: ignore[attr-defined]
    return "past" if tags & {"VBD", "VBN"} else "present"


def _source(
    sentence: Sentence, quotes: Sequence[Quote], reporter: object
) -> tuple[str | None, str | None]:
    """Who the claim is attributed to (a quote's speaker, "according to X", the
    reporting verb's subject), and that source's organisation when known."""
    for quote in quotes:
        cue = quote.cue_span or quote.content_span
        if quote.speaker is not None and sentence.span.start <= cue.start < sentence.span.end:
            return quote.speaker.canonical, quote.speaker.organization
    match = _ACCORDING.search(sentence.text)
    if match:
        return match.group(1), None
    if reporter is not None:
        return _subject(reporter), None
    return None, None


def _claims(
    article: Article,
    doc: object,
    quotes: Sequence[Quote] = (),
    sentences: Sequence[Sentence] | None = None,
) -> tuple[Claim, ...]:
    """Sentence-level claims: subject, event, values (numbers, dates, places), source."""
    published = article_published(article).day
    claims: list[Claim] = []
    # the doc's entities once: Span.ents makes every entity of the doc again each time
    doc_ents = list(doc.ents)  # type: ignore[attr-defined]
    ent_starts = [e.start for e in doc_ents]
    for sentence in _sentences(doc) if sentences is None else sentences:
        if len(sentence.text.split()) < _MIN_CLAIM_WORDS or not_a_statement(sentence.text):
            continue
        where = sentence.span
        span = doc.char_span(where.start, where.end, alignment_mode="expand")  # type: ignore[attr-defined]
        ents = [] if span is None else ents_within(doc_ents, ent_starts, span.start, span.end)
        numbers = merge_split_numbers([e for e in ents if e.label_ in NUMBER_LABELS])
        found = [q for q in (quantity_of(e) for e in numbers) if q is not None]
        found += text_amounts(sentence.text, where.start, [q.span for q in found if q.span])
        quantities = tuple(found)
        names = tuple(dict.fromkeys(e.text for e in ents if e.label_ in ENTITY_LABELS))
        places = tuple(dict.fromkeys(e.text for e in ents if e.label_ in PLACE_LABELS))
        subject = event = reporter = None
        negated = False
        tense = None
        if span is not None:
            verb, reporter = _event_verb(span.root)
            subject = _subject(verb) or (_subject(reporter) if reporter is not None else None)
            event = str(verb.lemma_).lower()  # type: ignore[attr-defined]
            negated = _negated(verb, sentence.text)
            tense = _tense(verb, sentence.text)
        source, organization = _source(sentence, quotes, reporter)
        claims.append(
            Claim(
                article_id=article.id,
                text=sentence.text,
                span=where,
                entities=names,
                quantities=quantities,
                subject=subject,
                event=event,
                negated=negated,
                dates=tuple(find_dates(sentence.text, where.start, published, tense)),
                places=places,
                source=source,
                tense=tense,
                source_organization=organization,
            )
        )
    return tuple(claims)


def ents_within(ents: Sequence[Any], starts: Sequence[int], start: int, end: int) -> list[Any]:
    """The entities wholly within tokens ``start``..``end``, as ``Span.ents`` gives them."""
    out = []
    for ent in ents[bisect_left(starts, start) :]:
        if ent.end > end:
            break
        out.append(ent)
    return out


def lead_text(article: Article) -> str:
    """The headline and opening an article's meaning is read from.

    Lines that say nothing of the story are left out: a page's URL and
    date stamps ("http: / / www.cbc.ca/...", "November 28, 2005", "Posted
    11/27/2005 7:21 AM"), which scraped texts start with.
    """
    lines = [line for line in (article.title, *article.text.splitlines()) if line and line.strip()]
    return "\n".join(line for line in lines if not _stamp(line))


#: A web address, whole or as scraped text spaces it ("nbcsports. com / 2012 / 12 / 23 /").
URLISH = re.compile(r"https?:|www\.|\.\s?(com|org|net|co\.uk)\b|( / .*){3}")


def not_a_statement(text: str) -> bool:
    """A line that states nothing: a web address or a date stamp ("Posted on January 5,
    2011, 3:37 PM EDT"), which two copies of one page share without corroborating."""
    return bool(URLISH.search(text)) or _stamp(text)


def _stamp(line: str) -> bool:
    """A URL line, or a short line of numbers and date words only ("27 NOVEMBER, 2005",
    "Posted 11 / 27 / 2005 7: 21 AM"), never a headline ("Sunday blast kills 3")."""
    if _URL_LINE.match(line):
        return True
    words = re.findall(r"[^\W\d_]+", line)
    return (
        len(re.findall(r"\w+", line)) <= _STAMP_WORDS
        and any(c.isdigit() for c in line)
        and all(_STAMP_WORD.fullmatch(w) for w in words)
    )
