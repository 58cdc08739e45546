"""Who stands where: per actor, what they propose, demand, back, accept, reject or oppose.

A position is an actor's stance toward what the sentence names as its object,
whatever it is about: the annotate stage's stances ("Wallonia rejects the CETA
trade deal", "Pence calls for an independent prosecutor"). Topic words
(``topics.tsv``) only group them; they also let a quote with no stance verb
count as a position on a known topic ("the model can only be Ukrainian").
Those come from the story's statements (a speaker's quote, reported by one
or more articles) and from claims whose subject is an actor ("Russia may
accept this as a form of demilitarisation"). Speakers are put on their side
through data (``actors.tsv``, ``capitals.tsv``, demonyms): Kremlin spokesman
Dmitry Peskov speaks for Russia, Ukraine's negotiator Mikhailo Podolyak for
Ukraine. Stance and topic come from cue lists (``stances.tsv``,
``topics.tsv``); a short quote ("neutral") is read in its sentence, and a
topic the quote leaves implicit ("the model can only be Ukrainian") is looked
for in the sentence before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from crosswire.annotate.speaker_names import AliasTable, load_aliases, name_parts, speaker_matches
from crosswire.annotate.stances import stance_verbs
from crosswire.compare.lexicon import (
    actor_of,
    known_sides,
    side_named,
    stance_cues,
    topic_cues,
)
from crosswire.model import (
    AnnotatedArticle,
    Citation,
    Claim,
    Position,
    Quote,
    Span,
    Speaker,
    Stance,
    StanceKind,
    Statement,
)

SHORT_QUOTE_WORDS = 6
MERGE_OVERLAP = 0.7
GENERIC_TOPICS = frozenset({"peace talks"})


def stance_of(text: str) -> StanceKind | None:
    """The stance a quote's words state by cue ("can only be", "is a variant")."""
    for stance, cue in stance_cues():
        if cue.search(text):
            return stance
    return None


def topics_of(text: str) -> list[str]:
    """The topics a text names, leaving out those too general to group by ("peace talks")."""
    return [
        topic for topic, cue in topic_cues() if cue.search(text) and topic not in GENERIC_TOPICS
    ]


#: A side named at the head of a quote's words, or after its colon: "Ukraine is offering
#: ...", "Seemingly very good news: Moscow signals that it might accept ...".
_HEAD_NAME = re.compile(r"(?:^|:\s+)(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+[a-z]")


def _content_side(text: str) -> str | None:
    """The side a quote's words make their own subject, when one is named there: a
    Russian negotiator saying "Ukraine is offering ..." reports Ukraine's position."""
    for match in _HEAD_NAME.finditer(text):
        if match.group(1).endswith(("’s", "'s")):
            continue  # "Ukraine’s future membership": spoken of, not speaking
        side = side_named(match.group(1))
        if side in known_sides():
            return side
    return None


def _claim_at(article: AnnotatedArticle, span: Span) -> tuple[Claim | None, Claim | None]:
    """The claim holding ``span`` and the claim before it."""
    previous = None
    for claim in article.claims:
        if claim.span.start <= span.start < claim.span.end:
            return claim, previous
        if claim.span.end <= span.start:
            previous = claim
    return None, previous


def _date(claim: Claim | None, published: date | None) -> str | None:
    if claim is not None:
        for mention in claim.dates:
            if mention.grain == "day" and mention.value and not mention.value.startswith("-"):
                return mention.value
    return published.isoformat() if published else None


def _from_statement(
    statement: Statement,
    by_id: Mapping[str, AnnotatedArticle],
    published: Mapping[str, date | None],
) -> Position | None:
    quote: Quote = statement.quotes[0]
    if quote.speaker is None:
        return None
    article = by_id[quote.article_id]
    claim, previous = _claim_at(article, quote.content_span)
    text = quote.content
    if len(text.split()) < SHORT_QUOTE_WORDS:
        clause = getattr(quote, "clause_span", None)
        if clause is not None:
            text = article.article.text[clause.start : clause.end]
        elif claim is not None:
            text = claim.text
    stance = stance_of(f"{quote.cue or ''} {text}")
    if stance is None:
        return None  # a topic named with no stance ("refers to its actions as ...")
    topics = topics_of(text)
    if not topics and stance is not None and quote.kind == "direct" and previous is not None:
        # "the model can only be 'Ukrainian'": the topic is in the sentence before
        topics = topics_of(previous.text)
    if not topics:
        return None
    speaker = quote.speaker
    actor = _content_side(text) or actor_of(speaker.canonical, speaker.organization)
    if not actor[:1].isupper():
        return None  # "reference", "it": no actor
    return Position(
        actor=actor,
        speaker=speaker.canonical if speaker.canonical != actor else None,
        role=_voice_role(speaker, actor),
        stance=stance,
        topic=", ".join(topics) or None,
        text=text,
        citations=tuple(Citation(q.article_id, q.content_span) for q in statement.quotes),
        date=_date(claim, published.get(quote.article_id)),
        kind="quote",
        context=claim.text if claim is not None else text,
    )


def _voice_role(speaker: Speaker, actor: str) -> str | None:
    """The voice's role, saying whose side they are on when it is not the actor's: Russia's
    chief negotiator saying "Ukraine is offering ... a neutral demilitarised state" voices
    a position of Ukraine's, and "Ukraine / Vladimir Medinsky (chief negotiator)" read as
    Ukraine's negotiator; "(Russia's chief negotiator)" does not."""
    if speaker.role and speaker.role.lower() in speaker.canonical.lower():
        return None  # "Ukraine's chief negotiator (chief negotiator)" says it twice
    side = actor_of(speaker.canonical, speaker.organization)
    if side == actor or side == speaker.canonical or side not in known_sides():
        return speaker.role
    return f"{side}'s {speaker.role}" if speaker.role else side


def _from_claim(
    claim: Claim, published: Mapping[str, date | None], quoted: set[tuple[str, int]]
) -> Position | None:
    if (claim.article_id, claim.span.start) in quoted or not claim.subject:
        return None
    actor = actor_of(claim.subject)
    if actor == claim.subject.strip():
        return None  # the subject is no known side
    stance = stance_of(claim.text)
    topics = topics_of(claim.text)
    if stance is None or not topics:
        return None
    return Position(
        actor=actor,
        speaker=None,
        role=None,
        stance=stance,
        topic=", ".join(topics) or None,
        text=claim.text,
        citations=(Citation(claim.article_id, claim.span),),
        date=_date(claim, published.get(claim.article_id)),
        kind="claim",
        context=claim.text,
    )


def _quote_at(article: AnnotatedArticle, span: Span) -> Quote | None:
    """The quote whose words hold the stance's verb ("Peskov said Russia may be willing to
    accept ..."), not one whose cue the verb is ("he calls for $1 trillion")."""
    for quote in article.quotes:
        cue = quote.cue_span
        if cue is not None and cue.start <= span.start < cue.end:
            return None  # the stance verb is the quote's cue: the actor's own act
    for quote in article.quotes:
        if quote.content_span.start <= span.start < quote.content_span.end:
            return quote
    return None


def _sentence_at(article: AnnotatedArticle, span: Span) -> tuple[str, Span]:
    """The sentence holding ``span``, and its characters."""
    for sentence in article.sentences:
        if sentence.span.start <= span.start < sentence.span.end:
            return sentence.text, sentence.span
    return article.article.text[span.start : span.end], span


def _full_names(article: AnnotatedArticle, aliases: AliasTable) -> set[str]:
    """The people an article names in full ("Bernie Sanders"), among its speakers or, when
    none of them fits, among the people its body names ("Hillary Clinton" for a headline's
    "Clinton Wades In: Urges Britain ..."; the tagger's names in a title-cased headline,
    "Clinton Wades", are no one), read once per article for :func:`_full_name`."""
    people = {e.text for e in article.entities if e.label == "PERSON"}
    speakers = {
        q.speaker.canonical
        for q in article.quotes
        if q.speaker is not None
        and " " in q.speaker.canonical.strip()
        and name_parts(q.speaker.canonical) is not None  # people, not "the Business Council"
        and any(q.speaker.canonical in p or p in q.speaker.canonical for p in people)
    }
    headline_end = len(article.article.text.split("\n", 1)[0])
    body = {e.text for e in article.entities if e.label == "PERSON" and e.span.start > headline_end}
    named = {p for p in body if " " in p.strip() and name_parts(p) is not None}
    others = {p for p in named if not any(speaker_matches(p, s, aliases) for s in speakers)}
    return speakers | {p for p in others if not any(p != o and o in p for o in others)}


def _full_name(name: str, full: set[str], aliases: AliasTable) -> str:
    """The article's full name for an actor written short ("Bernie", "Mr. Sanders",
    "Sen. Ted Cruz" -> Bernie Sanders, Ted Cruz): the one person of ``full``
    (:func:`_full_names`) it names; else the name as written (two fit, or none)."""
    fits = {c for c in full if speaker_matches(name, c, aliases)}
    return fits.pop() if len(fits) == 1 else name


def _from_stance(
    stance: Stance,
    article: AnnotatedArticle,
    published: Mapping[str, date | None],
    full: str,
) -> Position | None:
    """A stance as a position: its actor's side (``full``, the actor's full name in the
    article), voiced by the quote's speaker when the stance sits in a quote ("Peskov said
    Russia may accept a neutral Ukraine": Russia, voiced by Peskov)."""
    actor = side_named(full)
    if not actor[:1].isupper() or any(w.lower() in stance_verbs() for w in full.split()):
        return None  # no actor; or a headline fragment taken for a name ("Supporting Gays")
    quote = _quote_at(article, stance.span)
    speaker = role = None
    if quote is not None and quote.speaker is not None and quote.speaker.canonical != actor:
        speaker, role = quote.speaker.canonical, _voice_role(quote.speaker, actor)
    elif actor != full:
        speaker = full
    sentence, where = _sentence_at(article, stance.span)
    claim, _ = _claim_at(article, stance.span)
    topics = topics_of(stance.target)
    return Position(
        actor=actor,
        speaker=speaker,
        role=role,
        stance=stance.stance,
        topic=", ".join(topics) or None,
        text=sentence,
        citations=(Citation(article.article.id, where),),
        date=_date(claim, published.get(article.article.id)),
        kind="claim",  # the text is the reporter's sentence, not the speaker's words
        context=sentence,
        target=stance.target,
    )


def _merge(positions: Sequence[Position]) -> list[Position]:
    """One position per actor, speaker, stance and wording, citing every report of it."""
    out: list[Position] = []
    for position in positions:
        for n, kept in enumerate(out):
            if (kept.actor, kept.speaker, kept.stance, kept.topic, kept.target) == (
                position.actor,
                position.speaker,
                position.stance,
                position.topic,
                position.target,
            ) and (claim_overlap(kept.text, position.text) >= MERGE_OVERLAP):
                out[n] = replace(kept, citations=(*kept.citations, *position.citations))
                break
        else:
            out.append(position)
    return out


def claim_overlap(a: str, b: str) -> float:
    wa = set(re.findall(r"[a-z]{4,}", a.lower()))
    wb = set(re.findall(r"[a-z]{4,}", b.lower()))
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def _named_speakers(positions: list[Position], statements: Sequence[Statement]) -> list[Position]:
    """Give a side's position its named voice when the sentence names one of the
    story's speakers on that side ("according to Kremlin spokesman Dmitry Peskov,
    Russia may accept ...": Russia, voiced by Peskov)."""
    people: dict[str, tuple[str, str | None]] = {}
    for statement in statements:
        for quote in statement.quotes:
            speaker = quote.speaker
            if speaker is None or " " not in speaker.canonical.strip():
                continue
            side = actor_of(speaker.canonical, speaker.organization)
            if side != speaker.canonical:
                people.setdefault(speaker.canonical, (side, speaker.role))
    out = []
    for position in positions:
        if position.speaker is None:
            for name, (side, role) in people.items():
                surname = name.split()[-1]
                if side == position.actor and re.search(
                    rf"\b{re.escape(surname)}\b", position.context
                ):
                    position = replace(position, speaker=name, role=role)
                    break
        out.append(position)
    return out


def build_positions(
    articles: Sequence[AnnotatedArticle],
    statements: Sequence[Statement],
    published: Mapping[str, date | None],
) -> list[Position]:
    """Every actor's stated positions: per actor, per object, oldest first, so one
    actor's positions on one object read as how it moved."""
    by_id = {a.article.id: a for a in articles}
    out: list[Position] = []
    stated: set[tuple[str, str]] = set()  # (article, sentence) a stance already reads
    aliases = load_aliases()
    for article in articles:
        full = _full_names(article, aliases) if article.stances else set()
        for stance in article.stances:
            name = _full_name(stance.actor, full, aliases)
            position = _from_stance(stance, article, published, name)
            if position is not None:
                out.append(position)
                stated.add((article.article.id, position.context))
    quoted: set[tuple[str, int]] = set()
    for statement in statements:
        position = _from_statement(statement, by_id, published)
        for quote in statement.quotes:
            claim, _ = _claim_at(by_id[quote.article_id], quote.content_span)
            if claim is not None:
                quoted.add((claim.article_id, claim.span.start))
        if position is None or _already_stated(position, by_id, stated):
            continue
        out.append(position)
    for article in articles:
        for claim in article.claims:
            position = _from_claim(claim, published, quoted)
            if position is not None and (claim.article_id, claim.text) not in stated:
                out.append(position)
    out = _merge(_named_speakers(out, statements))
    return _ordered(out, articles)


def _already_stated(
    position: Position, by_id: Mapping[str, AnnotatedArticle], stated: set[tuple[str, str]]
) -> bool:
    """Whether a topic position's quote sits in a sentence a stance already reads."""
    cite = position.citations[0]
    return (cite.article_id, _sentence_at(by_id[cite.article_id], cite.span)[0]) in stated


def object_key(position: Position) -> str:
    """What a position is on, for grouping: its topic words, else its object's words
    ("the CETA trade deal" and "CETA trade deal" are one)."""
    if position.topic:
        return position.topic
    words = re.findall(r"[a-z0-9]+", (position.target or "").lower())
    return " ".join(w for w in words if w not in ("the", "a", "an", "its", "their", "his", "her"))


def _ordered(positions: list[Position], articles: Sequence[AnnotatedArticle]) -> list[Position]:
    order = {a.article.id: i for i, a in enumerate(articles)}
    first_actor: dict[str, int] = {}
    first_object: dict[tuple[str, str], int] = {}
    for position in positions:
        first_actor.setdefault(position.actor, len(first_actor))
        first_object.setdefault((position.actor, object_key(position)), len(first_object))
    return sorted(
        positions,
        key=lambda p: (
            first_actor[p.actor],
            first_object[(p.actor, object_key(p))],
            p.date or "",
            order.get(p.citations[0].article_id, 0),
            p.citations[0].span.start,
        ),
    )
