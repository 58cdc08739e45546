"""Quotes and who said them: direct, mixed and indirect attributions.

Quoted passages are found from the quote marks themselves, paragraph by
paragraph, because the parser's sentences often split or merge around quote
marks. Marks are paired in order within a paragraph whatever their direction,
which also repairs a closing mark typed as an opening one ("... interests
“In a video address, Zelensky stated."). Who said a passage is read from the
dependency parse near it: a speech cue (lexicon in ``data/speech_cues.tsv``)
and its subject, after the quote ("..., Mr Peskov was quoted as saying"),
before it ("told state television: ..."), governing it (a partial quote
inside reported speech), or inherited from the attribution right before it
(a quote continuing the same speaker's words). Names are resolved with
:class:`~crosswire.annotate.speakers.PeopleIndex`.

Reported speech without quote marks is found in two learned steps, both
trained on PolNeAR train only (``bench/quotes/``): a cue model scores every
content word as a possible cue ("said", "believes", "backed", "poll
*showing*"), and each candidate it proposes, with the content and source the
parse gives it, is judged as a whole by an attribution model (how the content
came out of the parse, what kind of source names it, whether it sits inside
another candidate's content).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from crosswire.annotate.speaker_names import AliasTable, load_aliases
from crosswire.model import Article, Quote, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc
from crosswire.annotate.attribution_finders import (
    continued_from,
    headline_source,
    inline_quote,
    partial_quote,
    reported_speech,
    said_right_after,
    signature_after,
    source_right_after,
    speaker_after,
    speaker_before,
)
from crosswire.annotate.attribution_model import QuoteModels, load_models
from crosswire.annotate.name_runs import surname_written
from crosswire.annotate.pronouns import PRONOUN_GENDER
from crosswire.annotate.quote_reader import FoundAttribution, ParsedArticle, not_words_said
from crosswire.annotate.quotemarks import Passage, quoted_passages
from crosswire.annotate.statement_filter import reports_statement

_MIN_UNATTRIBUTED_WORDS = 3


_BARE_MAX_WORDS = 2  # "Having said *that*": a word or two with no source is no claim
_SAME_VOICE_REACH = 600  # characters from one quote to the "she said" that goes on in it


_SPLIT_QUOTE_WORDS = 8  # '," said Sen. Ben Sasse (R-Neb.), "' between two halves


def extract_quotes(
    article: Article,
    doc: Doc,
    aliases: AliasTable | None = None,
    *,
    models: QuoteModels | None = None,
) -> tuple[Quote, ...]:
    """Every quote of ``article``: direct, mixed and indirect, with speaker and cue.

    ``doc`` must be the parse of ``article.text`` (its offsets are the
    article's). Speakers get their full name as the article gives it and a
    canonical form from ``aliases`` (the bundled table plus the user's when
    not given). A direct quote whose speaker cannot be found is kept with
    speaker ``None``; a quoted phrase that no one is said to have said
    (scare quotes) is not a quote. ``models`` default to the bundled ones.
    """
    aliases = aliases if aliases is not None else load_aliases()
    reader, found = _attributions(article, doc, models or load_models(), keep_all=False)
    return tuple(_quote(article, reader, f, aliases) for f in found)


@dataclass(frozen=True)
class Candidate:
    """A reported-speech attribution before the attribution model judges it
    (character spans; ``source`` is None when the text names none)."""

    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    features: tuple[str, ...]


def candidate_attributions(article: Article, doc: Doc, models: QuoteModels) -> list[Candidate]:
    """Every reported-speech candidate before the attribution model decides, with
    what it sees of each (what ``bench/quotes/train_attributions.py`` learns from)."""
    reader, found = _attributions(article, doc, models, keep_all=True)
    return [
        Candidate(f.content, reader.cue_span(f.cue), f.source, f.features)
        for f in found
        if f.features and f.cue is not None
    ]


def _attributions(
    article: Article, doc: Doc, models: QuoteModels, *, keep_all: bool
) -> tuple[ParsedArticle, list[FoundAttribution]]:
    if doc.text != article.text:
        raise ValueError(f"{article.id}: the parse is not of this article's text")
    judged = keep_all or bool(models.attribution_weights)
    reader = ParsedArticle(article.text, doc, quoted_passages(article.text), models, judged=judged)
    found: list[FoundAttribution] = []
    used: set[int] = set()
    unattributed: list[tuple[Passage, tuple[int, int]]] = []
    for line in reader.lines:
        headline = headline_source(reader, line)
        if headline is not None:
            found.append(headline)
    headlines = [f.content for f in found]
    # a nickname or title in quote marks ('Marcia "Cia" Price shouted') bounds no
    # quote's attribution: the passages around a quote are the ones of words said
    said = [p for p in reader.passages if not not_words_said(reader.text[p.open + 1 : p.close])]
    for n, passage in enumerate(said):
        if any(a <= passage.open + 1 and passage.close <= b + 1 for a, b in headlines):
            continue
        previous = said[n - 1].close + 1 if n else 0
        following = said[n + 1].open if n + 1 < len(said) else len(reader.text)
        result: FoundAttribution | None = _continued(reader, found[-1], passage) if found else None
        named_after = source_right_after(reader, passage) if result is None else None
        if result is None and (inline_quote(reader, passage) or named_after is not None):
            result = partial_quote(reader, passage, named_after)
        elif result is None:
            result = (
                said_right_after(reader, passage, following)
                or speaker_before(reader, passage, previous)
                or speaker_after(reader, passage, following)
                or signature_after(reader, passage, following)
            )
            if result is not None and _goes_on(reader, found, passage, result):
                result = None  # '"He's a new dad," he said. "A dad for ..." Others paid
                # tribute': the quote goes on in his words; a cue only learned after it
                # ("paid") does not take it
            if result is None:
                content = reader.trim(passage.open + 1, passage.close, ",;:")
                if len(reader.text[content[0] : content[1]].split()) >= _MIN_UNATTRIBUTED_WORDS:
                    unattributed.append((passage, content))
                continue
        if result is None or result.content[0] >= result.content[1]:
            continue
        if found and (whole := _rejoined(found[-1], result)) is not None:
            found[-1] = whole
            continue
        found.append(result)
        if result.cue is not None:
            used.add(result.cue.head)
    claimed = [f.clause or f.content for f in found]
    candidates = [
        result
        for cue in reader.cues
        if cue.head not in used and (result := reported_speech(reader, cue, claimed)) is not None
    ]
    if judged:
        candidates = _in_context(reader, candidates, claimed)
    if keep_all:
        found += candidates
    else:
        kept = _kept(reader, models, candidates)
        found += [
            f
            for f in kept
            if not (
                _no_one_and_no_claim(reader, f)
                or _names_no_claim(reader, f)
                or _the_reader(reader, f)
            )
        ]
    for passage, content in unattributed:
        if any(_inside(passage, f) for f in found if f.mention is not None):
            continue  # 'said that if his candidate won, "she would sign this legislation"'
        source = continued_from(reader, found, passage.open)
        mention = source.mention if source else None
        found.append(
            FoundAttribution(
                "direct",
                content,
                mention,
                None,
                passage.close + 1,
                source.source if source else None,
            )
        )
    found.sort(key=lambda f: f.content)
    return reader, _not_the_one_spoken_of(reader, found)


def _not_the_one_spoken_of(
    reader: ParsedArticle, found: list[FoundAttribution]
) -> list[FoundAttribution]:
    """A quote signed "she said" right after another speaker's words about a person is
    the other speaker's, not that person's: 'McClenney said Clinton doesn't show
    consistency. "It's not something that she continuously says," she said.' The
    pronoun went to the last subject, Clinton, who is only spoken of; the voter goes
    on speaking. Only in a paragraph of its own ('Flynn said Trump was "absolutely
    right" when he said ...' is Trump's), and when the earlier speaker's gender fits."""
    out: list[FoundAttribution] = []
    for f in found:
        earlier = next((p for p in reversed(out) if p.content[1] <= f.content[0]), None)
        source = f.source or (0, 0)
        pronoun = reader.text[source[0] : source[1]].lower()
        if (
            earlier is not None
            and f.mention is not None
            and earlier.mention is not None
            and earlier.mention.person
            and pronoun in PRONOUN_GENDER
            and earlier.mention.name != f.mention.name
            and f.content[0] - earlier.content[1] <= _SAME_VOICE_REACH
            and reader.line_of(source[0]) != reader.line_of(earlier.content[0])
            and reader.people.gender(earlier.mention.name) in ("", PRONOUN_GENDER[pronoun])
            and surname_written(f.mention.name, reader.tokens(*(earlier.clause or earlier.content)))
        ):
            f = replace(f, mention=replace(earlier.mention, start=source[0], end=source[1]))
        out.append(f)
    return out


def _inside(passage: Passage, found: FoundAttribution) -> bool:
    """Whether a quote lies within the words an attribution reports: it is that
    speaker's, already shown with them, not a quote of no one."""
    start, end = found.clause or found.content
    return start <= passage.open + 1 and passage.close <= end + 1


def _continued(
    reader: ParsedArticle, previous: FoundAttribution, passage: Passage
) -> FoundAttribution | None:
    """The second half of a quote its cue splits, when only the cue, its source and a
    conjunction stand between the halves ("You know, I love Larry," he said, but
    "when it comes to energy issues, ..."): the same speaker's words, whatever case
    the second half opens with."""
    if previous.kind != "direct" or previous.cue is None:
        return None
    at = reader.doc[previous.cue.head].idx
    if not previous.content[1] <= at < passage.open:
        return None
    between = reader.text[previous.content[1] : passage.open]
    if any(mark in between for mark in ".!?\n") or len(between.split()) > _SPLIT_QUOTE_WORDS:
        return None
    if sum(previous.content[1] <= reader.doc[c.head].idx < passage.open for c in reader.cues) > 1:
        return None  # '," he said, *adding* that "': the second half has a cue of its own
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    return replace(previous, content=content, extent=passage.close + 1)


def _goes_on(
    reader: ParsedArticle,
    found: Sequence[FoundAttribution],
    passage: Passage,
    result: FoundAttribution,
) -> bool:
    """Whether a quote that ends its sentence, given to a learned cue after it, continues
    right after it a quote of someone named: the one before is the speaker."""
    if result.cue is None or not result.cue.learned:
        return False
    if not reader.text[passage.open + 1 : passage.close].rstrip().endswith("."):
        return False  # '"Why isn't this ...?" Vitter demanded.': a stop ends the sentence
    before = continued_from(reader, found, passage.open)
    return before is not None and before.kind == "direct"


def _rejoined(first: FoundAttribution, second: FoundAttribution) -> FoundAttribution | None:
    """One quote split by its cue ("If you look back and check the transcripts,"
    Scott said, "I could have written those things last week."), or two partial
    quotes of one reported clause (ruled that Trump's statement about "thousands of
    shootings" in Chicago is "true"): the speaker's words are both parts, so a reader
    sees them as one statement, not a half without its claim; what stands between
    them is marked as an interruption."""
    if first.kind != second.kind or first.kind not in ("direct", "mixed"):
        return None
    if first.cue is None or second.cue is None or first.cue.head != second.cue.head:
        return None
    clause = _one_clause(first.clause, second.clause or _closing(first.clause, second.content))
    if clause is False:
        return None  # two partial quotes are one report when they share their clause
    if not first.content[1] < second.content[0]:
        return None
    if first.interruption is not None:
        if first.kind != "mixed":
            return None
        # a third partial quote of the clause ('called Trump a "pathological liar" who
        # is "utterly amoral," a "serial philanderer," a "bully"'): one statement still,
        # shown as its clause; the first gap stays the one marked
        return replace(first, content=(first.content[0], second.content[1]), clause=clause)
    gap = (first.content[1], second.content[0])
    return replace(
        first,
        clause=clause,
        content=(first.content[0], second.content[1]),
        extent=max(first.extent, second.extent),
        interruption=gap,
    )


def _one_clause(
    first: tuple[int, int] | None, second: tuple[int, int] | None
) -> tuple[int, int] | Literal[False] | None:
    """The clause two partial quotes of one cue share: the same, or the second's when it
    is the first's with a conjunct more ('said she wanted to speak "directly to white
    people" and let them know that "this is not who we are."'); False when they are
    two reports."""
    if first == second:
        return first
    if first is not None and second is not None and first[0] == second[0]:
        return (first[0], max(first[1], second[1]))
    return False


def _closing(clause: tuple[int, int] | None, content: tuple[int, int]) -> tuple[int, int] | None:
    """A clause run on to a later quote of its cue, when the parse gave that quote none
    of its own ("let them know that" under the "said" of the first); :func:`_one_clause`
    keeps the longer end."""
    return None if clause is None else (clause[0], content[1])


def _the_reader(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Reported speech whose source is the reader, addressed by the writer: "*you* can
    see why RT can seem like just another entrant", "if *you* want to understand the
    debate". It is the writer's own voice, not someone the story quotes; PolNeAR
    marks some, a reader of who said what none."""
    if found.kind != "indirect" or found.source is None:
        return False
    return reader.text[found.source[0] : found.source[1]].lower() == "you"


def _names_no_claim(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Reported speech whose content is only a thing said, never what it says: "the AP
    reported *the story*", "the campaign released *an ad*". A reader learns no claim
    from it; what the story or the ad says, when the text gives it, is its own
    attribution."""
    if found.kind != "indirect":
        return False
    words = [t for t in reader.tokens(*found.content) if not t.is_punct]
    return (
        len(words) == _BARE_MAX_WORDS
        and words[0].pos_ == "DET"
        and words[0].lower_ in ("the", "a", "an")
        and words[1].pos_ == "NOUN"
        and not words[1].ent_type_
    )


def _no_one_and_no_claim(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Reported speech naming no source whose content is no claim either: only what
    a passive acts on ("*The holiday* is observed as ...", "*The coal* was piled") or a
    word or two ("Having said *that*", "the one supporting *Bush*"). A reader of who
    said what can check neither who nor what; PolNeAR marks a few, the reader none."""
    if found.kind != "indirect" or found.source is not None or found.mention is not None:
        return False
    if "k=nsubjpass" in found.features:
        return True
    start, end = found.content
    return len(reader.text[start:end].split()) <= _BARE_MAX_WORDS


def _in_context(
    reader: ParsedArticle, candidates: list[FoundAttribution], claimed: Sequence[tuple[int, int]]
) -> list[FoundAttribution]:
    """Add what the attribution model needs to know of the other candidates: whether
    this cue lies inside another's content or a quote's ("notes that X *has
    vowed* to ..."), whether its content holds another's cue, and whether its
    cue word hangs from another cue ("demanded *to know*", "urging ... *calling
    for*"), which PolNeAR usually marks as one attribution."""
    heads = {c.cue.head for c in candidates if c.cue is not None}
    out = []
    for found in candidates:
        if found.cue is None:
            out.append(found)
            continue
        at = reader.doc[found.cue.head].idx
        start, end = found.content
        inside = any(
            o is not found and o.content[0] <= at < o.content[1] for o in candidates
        ) or any(a <= at < b for a, b in claimed)
        holds = any(
            o is not found and o.cue is not None and start <= reader.doc[o.cue.head].idx < end
            for o in candidates
        )
        overlaps = sum(
            o is not found and o.content[0] < end and start < o.content[1] for o in candidates
        )
        word = reader.doc[found.cue.head]
        governed = word.head.i in heads and word.head.i != word.i
        how = next((f[2:] for f in found.features if f.startswith("k=")), "")
        context = (
            f"in={inside}",
            f"holds={holds}",
            f"ov={min(overlaps, 2)}",
            f"gov={word.dep_ if governed else '-'}",
            f"kin={how}|{inside}|{holds}",
        )
        out.append(replace(found, features=found.features + context))
    return out


def _kept(
    reader: ParsedArticle, models: QuoteModels, candidates: list[FoundAttribution]
) -> list[FoundAttribution]:
    """The reported-speech candidates the attribution model keeps. Of two kept
    candidates that report the same words without one holding the other's cue
    (not "X said that Y believes Z" but "demanded" / "to know" over one
    question), only the likelier stays: PolNeAR marks one attribution there."""
    if not models.attribution_weights:
        return candidates
    scored = sorted(
        (
            (models.attribution_probability(c.features), n, c)
            for n, c in enumerate(candidates)
            if c.cue is not None
        ),
        key=lambda s: (-s[0], s[1]),
    )
    kept: list[FoundAttribution] = []
    for probability, _, found in scored:
        if probability < models.attribution_threshold:
            break
        if not any(_same_report(reader, found, other) for other in kept):
            kept.append(found)
    return kept


def _same_report(reader: ParsedArticle, a: FoundAttribution, b: FoundAttribution) -> bool:
    """Two attributions over overlapping words, neither nested in the other. One is
    nested in the other when its cue and its own source lie in the other's content
    ("X said that *Y believes* Z"); a cue sharing the other's source ("X
    demanded *to know* whether") is the same report."""
    if not (a.content[0] < b.content[1] and b.content[0] < a.content[1]):
        return False
    return not (_nested(reader, a, b) or _nested(reader, b, a))


def _nested(reader: ParsedArticle, inner: FoundAttribution, outer: FoundAttribution) -> bool:
    assert inner.cue is not None
    start, end = outer.content
    at = reader.doc[inner.cue.head].idx
    source = inner.source
    return start <= at < end and source is not None and start <= source[0] < end


def _quote(
    article: Article, reader: ParsedArticle, found: FoundAttribution, aliases: AliasTable
) -> Quote:
    start, end = found.content
    speaker = None
    if found.mention is not None:
        m = found.mention
        name = _without_article(m.name)
        speaker = Speaker(
            name=name,
            canonical=aliases.resolve(name),
            role=m.role,
            organization=m.organization,
            span=Span(m.start, m.end),
        )
    cue = reader.cue_words(found.cue, found.clause or found.content) if found.cue else None
    source = Span(*found.source) if found.source else None
    clause = Span(*found.clause) if found.clause else None
    content = article.text[start:end]
    interruption = None
    if found.interruption is not None:
        interruption = Span(*found.interruption)
        before, after = (
            article.text[start : interruption.start],
            article.text[interruption.end : end],
        )
        content = f"{before.rstrip()} … {after.lstrip()}"
    return Quote(
        article_id=article.id,
        kind=found.kind,
        content=content,
        content_span=Span(start, end),
        speaker=speaker,
        cue=article.text[cue[0] : cue[1]] if cue else None,
        cue_span=Span(*cue) if cue else None,
        source_span=source,
        clause_span=clause,
        interruption=interruption,
        statement=reports_statement(reader, found),
    )


def _without_article(name: str) -> str:
    """A name as a list of speakers shows it: "Supreme Court", not "the Supreme Court"
    beside it (the tagger's entity sometimes takes the article in)."""
    for article in ("the ", "The "):
        rest = name.removeprefix(article)
        if rest != name and rest[:1].isupper():
            return rest
    return name
