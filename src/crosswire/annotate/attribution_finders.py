"""The attributions one passage or cue gives: a quote with its speaker before, after
or around it, a partial quote inside reported speech, reported speech without quote
marks, "according to", a headline's "Name: words", and a quote continuing the one
before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from crosswire.annotate.name_runs import name_head
from crosswire.model import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Token
from crosswire.annotate.attribution_model import attribution_features
from crosswire.annotate.quote_content import SENTENCE_END
from crosswire.annotate.quote_reader import Cue, FoundAttribution, ParsedArticle, is_passive
from crosswire.annotate.quotemarks import MARKS, Passage

_LEAD_ENDS = frozenset({":", ",", "—", "–"})


_GAP_CHARS = frozenset(MARKS + "’'.!?)") | frozenset(" \t\r\n")


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


_MAX_CLIMB = 12


_HEADLINE_MAX_WORDS = 20


_HEADLINE_MAX_NAME = 4


_SIGNATURE_DASHES = "―—–"


_SIGNATURE_MAX_WORDS = 5


_COLUMN_WORDS = frozenset(
    {"guide", "latest", "analysis", "review", "update", "explainer", "factbox", "timeline"}
)


def _clause_verb(token: Token) -> bool:
    """A finite verb of another clause: between a cue and its quote it means the
    cue is not the attribution. Relative clauses ("Dorothy Poynter, who grew up
    with Ali, ...") do not count."""
    if token.tag_ not in _FINITE_TAGS or token.dep_ in ("aux", "auxpass"):
        return False
    return not any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors))


def _colon_paragraph(reader: ParsedArticle, line_start: int, previous_close: int) -> list[Token]:
    """The paragraph before one that opens with a quote, when it ends with a colon
    and so introduces it ("Stated Stone:")."""
    words = reader.tokens(previous_close, line_start)
    if not words or words[-1].text != ":":
        return []
    start, _ = reader.line_of(words[-1].idx)
    return [t for t in words if t.idx >= start]


def speaker_before(
    reader: ParsedArticle, passage: Passage, previous_close: int
) -> FoundAttribution | None:
    """A speaker before the quote, ending in a colon or comma: "X told television: ..."."""
    line_start, _ = reader.line_of(passage.open)
    before = reader.tokens(max(line_start, previous_close), passage.open)
    if not before:
        before = _colon_paragraph(reader, line_start, previous_close)
    if not before:
        return None
    start, _ = reader.sentence(before[-1])
    lead = [t for t in before if t.idx >= start]
    ends = [n for n, t in enumerate(lead[:-1]) if t.text in SENTENCE_END]
    if ends:
        lead = lead[ends[-1] + 1 :]
    if not lead:
        return None
    last = lead[-1]
    if last.text not in _LEAD_ENDS and last.i not in reader.cue_at:
        return None
    cues = [c for c in reader.cues if lead[0].i <= c.start and c.end <= last.i + 1]
    if not cues:
        return None
    cue = _governing(reader, cues[-1], cues)
    if any(_clause_verb(t) for t in lead if t.i >= cue.end):
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    mention = reader.speaker(cue, lead)
    return FoundAttribution(
        "direct", content, mention, cue, passage.close + 1, reader.source_span(cue, mention)
    )


def _governing(reader: ParsedArticle, cue: Cue, others: Sequence[Cue]) -> Cue:
    """The lexicon cue a learned one hangs from, if any: in "X said in a
    *statement*:" the cue is "said" (its medium follows it), not the noun."""
    if not cue.learned:
        return cue
    heads = {c.head: c for c in others if c is not cue and not c.learned}
    token = reader.doc[cue.head]
    for _ in range(_MAX_CLIMB):
        if token.head.i == token.i:
            break
        token = token.head
        if token.i in heads:
            return heads[token.i]
    return cue


def speaker_after(
    reader: ParsedArticle, passage: Passage, next_open: int
) -> FoundAttribution | None:
    """A speaker after the quote: "...,” Mr Peskov was quoted as saying."."""
    _, line_end = reader.line_of(passage.close)
    if passage.close >= line_end:
        return None
    tail = reader.tokens(passage.close + 1, min(line_end, next_open))
    ends = [n for n, t in enumerate(tail) if t.text in SENTENCE_END]
    if ends:
        tail = tail[: ends[0] + 1]
    cues = [c for c in reader.cues if tail and tail[0].i <= c.start and c.end <= tail[-1].i + 1]
    if not cues:
        return None
    cue = cues[0]
    head = reader.doc[cue.head]
    if any(_clause_verb(t) for t in tail if t.i < cue.start):
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    own_clause = any(c.dep_ == "ccomp" and not reader.quoted(c.idx) for c in head.children)
    if reader.text[content[1] - 1 : content[1]] == "." and own_clause:
        return None
    extent = tail[-1].idx + len(tail[-1])
    mention = reader.speaker(cue, tail, tail=True)
    return FoundAttribution(
        "direct", content, mention, cue, extent, reader.source_span(cue, mention)
    )


def said_right_after(
    reader: ParsedArticle, passage: Passage, next_open: int
) -> FoundAttribution | None:
    """A quote whose own words end in a comma, a question or an exclamation mark, its
    speech cue right after the closing mark: '... but Moscow strongly denies — “why
    wouldn't you want to raise the potential?” asked Dunn' is Dunn's, though it opens
    mid-sentence and the parse hangs it from the aside before it. Before any speaker
    before the quote: the cue before the dash is the aside's."""
    inner = reader.text[passage.open + 1 : passage.close].rstrip()
    if not inner or inner[-1] not in ",?!":
        return None
    after = [t for t in reader.tokens(passage.close + 1, next_open) if not t.is_quote]
    found = speaker_after(reader, passage, next_open)
    if found is None or found.cue is None or not after or found.cue.start != after[0].i:
        return None
    subjects = (c for c in reader.doc[found.cue.head].children if c.dep_ in ("nsubj", "nsubjpass"))
    # its own subject after it: not ', adding that ...', which goes on in the speaker before
    return found if any(c.idx > passage.close for c in subjects) else None


def signature_after(
    reader: ParsedArticle, passage: Passage, next_open: int
) -> FoundAttribution | None:
    """A quote signed like a reader's comment or an epigraph, a dash and a name ending
    its paragraph: "“Trump must stop portraying Latinos as ...”― Carla Sanchez"."""
    _, line_end = reader.line_of(passage.close)
    end = min(line_end, next_open)
    after = reader.text[passage.close + 1 : end].lstrip()
    if not after or after[0] not in _SIGNATURE_DASHES:
        return None
    words = [
        t
        for t in reader.tokens(passage.close + 1, end)
        if not t.is_punct and t.text not in _SIGNATURE_DASHES
    ]
    if not words or len(words) > _SIGNATURE_MAX_WORDS or words[-1].pos_ != "PROPN":
        return None
    if not all(t.text[:1].isupper() for t in words):
        return None  # "— and so on", a sentence going on after a dash
    mention = reader.people.mention(name_head(words[-1]))
    if mention is None or not mention.person:
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    source = (words[0].idx, words[-1].idx + len(words[-1]))
    # a signature gives a name and nothing else: the parse's "role" is the quote's words
    signed = replace(mention, role=None, organization=None)
    # ends at the closing mark: the next paragraph's quote is another reader's, not hers
    return FoundAttribution("direct", content, signed, None, passage.close + 1, source)


def _governing_cue(reader: ParsedArticle, inside: Sequence[Token]) -> Cue | None:
    """The speech cue a partial quote hangs from in the parse, if any.

    The nearest cue above the quote, unless only the cue model knows it (a
    belief or intention: "Russia may be *willing* to accept a “neutral”
    status") and a speech cue or a source phrase governs it further up
    ("*According to* ... Peskov, Russia may be willing ..."): the quoted words
    are that speaker's.
    """
    indices = {t.i for t in inside}
    line = reader.line_of(inside[0].idx)
    nearest: Cue | None = None
    for root in (t for t in inside if t.head.i not in indices and not t.is_punct):
        token = root.head
        for _ in range(_MAX_CLIMB):
            cue = reader.cue_at.get(token.i)
            if cue is not None and reader.line_of(token.idx) == line:
                if not cue.learned and not _told_by_a_thing(token):
                    return cue
                nearest = nearest or cue
            for child in token.children:
                source = reader.cue_at.get(child.i)
                if source is not None and source.kind == "source" and child.i not in indices:
                    return source
            if token.head.i == token.i:
                break
            token = token.head
    return nearest


def source_right_after(reader: ParsedArticle, passage: Passage) -> Cue | None:
    """A source phrase set right after a partial quote gives its words: "she doesn't like
    'surprises,' *in the words of* one top staffer" are the staffer's, not hers."""
    for cue in reader.cues:
        if cue.kind != "source":
            continue
        at = reader.doc[cue.start].idx
        if passage.close < at and not reader.text[passage.close + 1 : at].strip(" ,"):
            return cue
    return None


def _told_by_a_thing(cue: Token) -> bool:
    """A speech verb whose subject is "it" ("Obama said *it would tell* an American
    story, one of ''suffering and delight''"): the quoted words are more likely those
    of a speaker further up than of the thing."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it" for c in cue.children)


def partial_quote(
    reader: ParsedArticle, passage: Passage, named_after: Cue | None
) -> FoundAttribution | None:
    """A partial quote inside reported speech: Lavrov said there was "some hope".
    ``named_after`` is the source phrase right after it, if any (:func:`source_right_after`)."""
    inside = reader.tokens(passage.open + 1, passage.close)
    if not inside:
        return None
    cue = _governing_cue(reader, inside)
    if named_after is not None and (cue is None or cue.learned):
        cue = named_after  # not a speech verb's: "The witness said the order was to 'avoid ...,'
        # according to the report" stays the witness's
    if cue is None:
        return None
    region_start, region_end = reader.sentence(reader.doc[cue.head])
    region = reader.tokens(region_start, region_end)
    content = reader.trim(passage.open + 1, passage.close, ",;:.")
    extent = _past_stops(reader.text, passage.close + 1)
    mention = reader.speaker(cue, region)
    source = reader.source_span(cue, mention)
    if source is not None and source[0] <= passage.open and passage.close < source[1]:
        return None  # words describing the speaker: "Ramos, whose book features “rebels”, said"
    if cue.kind == "source":
        reported = _according_words(reader, cue) if mention or source else None
        clause = reported[0] if reported is not None else None
    else:
        clause = reader.content_of(cue)
    if clause is not None and clause[0] <= content[0] < clause[1] < content[1]:
        # 'He called Burma a "good news story in an era when ... direction."': the parse
        # ended the clause inside the quote, which goes on in the same words
        clause = clause[0], content[1]
    if clause is not None and not (clause[0] <= content[0] and content[1] <= clause[1]):
        clause = _with_conjunct(reader, cue, clause, content)
    if clause is not None:
        extent = max(extent, clause[1])
    said = max(reader.cue_span(cue)[1], source[1] if source is not None else 0)
    after = reader.text[passage.close + 1 : said]
    if said > passage.close and not any(m in after for m in (*MARKS, "''")):
        # 'Teachers are "looking to see ...," NEA President Lily Eskelsen García said.
        # "That's got to scare an educator."': the next quote goes on in her words
        extent = max(extent, _past_stops(reader.text, said))
    return FoundAttribution("mixed", content, mention, cue, extent, source, clause)


def _with_conjunct(
    reader: ParsedArticle, cue: Cue, clause: tuple[int, int], content: tuple[int, int]
) -> tuple[int, int] | None:
    """The reported clause run on through the clause the parse coordinated with the cue
    verb when that holds the quote: 'the mayor also said that it was too early to tell
    ..., and there was "no evidence" yet that it was an act of terrorism' reports both
    halves; "no evidence" alone loses the claim. None when no such clause holds it."""
    head = reader.doc[cue.head]
    cues = {c.head for c in reader.cues}
    for conj in (c for c in head.children if c.dep_ == "conj" and c.i > head.i):
        words = reader.doc[conj.left_edge.i : conj.right_edge.i + 1]
        if any(t.i in cues for t in words):
            continue  # "said X, and Peskov added Y": another cue's words
        start, end = reader.trim(words[0].idx, words[-1].idx + len(words[-1]), ",;:.")
        after_cue = reader.cue_span(cue)[1] <= clause[0]  # not 'Oz is "smart," X wrote'
        if after_cue and start <= content[0] and content[1] <= end and clause[1] <= start:
            return clause[0], end
    return None


def _past_stops(text: str, at: int) -> int:
    """``at`` moved past the full stops that end the sentence there ("said.", "?!")."""
    while at < len(text) and text[at] in ".!?":
        at += 1
    return at


def inline_quote(reader: ParsedArticle, passage: Passage) -> bool:
    """A passage opening mid-clause ("were becoming "more realistic"") rather than
    at a paragraph start or after a colon, comma or a speech verb."""
    line_start, _ = reader.line_of(passage.open)
    index = passage.open - 1
    while index >= line_start and reader.text[index] in " \t":
        index -= 1
    if index < line_start or reader.text[index] in _LEAD_ENDS or reader.text[index] in ".!?;":
        return False
    before = reader.tokens(line_start, passage.open)
    return not (before and before[-1].i in reader.cue_at)


def reported_speech(
    reader: ParsedArticle, cue: Cue, claimed: Sequence[tuple[int, int]]
) -> FoundAttribution | None:
    """Reported speech without quote marks (or around a quote no other cue claimed):
    a cue and what it reports, from the parse."""
    if cue.kind == "source":
        return _according(reader, cue, claimed)
    head = reader.doc[cue.head]
    reported = reader.reported(cue)
    if reported is None:
        return None
    (start, end), how = reported
    if any(a <= start and end <= b for a, b in claimed):
        return None  # words of a quote already attributed
    sentence = reader.tokens(*reader.sentence(head))
    mention = reader.speaker(cue, sentence)
    source = reader.source_span(cue, mention)
    cue_start, cue_end = reader.cue_span(cue)
    parenthetical = start < cue_start and cue_end < end
    if source is not None and source[0] < end and start < source[1] and not parenthetical:
        return None
    sourceless = False
    if mention is None and source is None:
        subject = reader.subject(head)
        sourceless = is_passive(head) if subject is None else reader.sourceless(head, subject)
        if not sourceless and not reader.judged:
            return None  # keep only what the text leaves sourceless: "was criticized"
    extent = max(end, reader.cue_span(cue)[1])
    # the model judges the content as it learned it, before the preposition completing
    # an object ("accused Holt | of being a Democrat"): that only shows the words whole
    bare = reader.reported(cue, completed=False)
    judged = bare[0] if bare is not None else (start, end)
    features = attribution_features(reader, cue, judged, how, source, sourceless)
    aside = _aside(reader, (start, end), source, (cue_start, cue_end)) if parenthetical else None
    return FoundAttribution(
        "indirect", (start, end), mention, cue, extent, source, None, features, aside
    )


def _aside(
    reader: ParsedArticle,
    content: tuple[int, int],
    source: tuple[int, int] | None,
    cue: tuple[int, int],
) -> tuple[int, int] | None:
    """The attribution set inside what it reports ("The economic weapons his country has,
    *he added,* are like nuclear bombs"): from the comma before its source to the comma
    after its cue, which the content covers but a reader should not see as the words."""
    first = min(cue[0], source[0]) if source is not None else cue[0]
    last = cue[1]
    text = reader.text
    before = text.rfind(",", content[0], first)
    after = text.find(",", last, content[1])
    if before < 0 or after < 0 or text[before + 1 : first].strip() or text[last:after].strip():
        return None  # not set off by commas: no aside to take out
    return (before, after + 1)


_GOES_ON = frozenset({"and", "but", "or", "yet"})


def _according_words(reader: ParsedArticle, cue: Cue) -> tuple[tuple[int, int], int] | None:
    """What a source phrase reports, in "According to X, Y" (or "Y, according
    to X") Y, with where the phrase ends; None when the sentence has no Y."""
    according = reader.doc[cue.start]
    sent_start, sent_end = reader.sentence(according)
    phrase = list(according.subtree)
    phrase_start = min(phrase[0].idx, according.idx)
    last = max(phrase, key=lambda t: t.idx)
    phrase_end = max(last.idx + len(last), reader.cue_span(cue)[1])
    before = reader.trim(sent_start, phrase_start, ",;:.—– ")
    lead_in = reader.text.rfind(": ", before[0], before[1])
    if lead_in >= 0:
        # "Among the tidbits in the newer letter: Trump is 6'3\" tall ..., according to
        # X": the words before the colon introduce what X reports
        before = reader.trim(lead_in + 1, before[1], ",;:.—– ")
    after = reader.trim(phrase_end, sent_end, ",;:.")
    longer = after[1] - after[0] >= before[1] - before[0]
    if reader.text[after[0] : after[1]].split(" ", 1)[0] in _GOES_ON:
        longer = False  # "she doesn't like surprises, in the words of one staffer, *and*
        # bristled when ...": the sentence goes on past the phrase, which tells its start
    start, end = after if longer else before
    return ((start, end), phrase_end) if start < end else None


def _according(
    reader: ParsedArticle, cue: Cue, claimed: Sequence[tuple[int, int]]
) -> FoundAttribution | None:
    """Reported speech with a source phrase: in "According to X, Y" (or "Y,
    according to X") Y is what X reports."""
    words = _according_words(reader, cue)
    if words is None:
        return None
    (start, end), phrase_end = words
    if any(a < end and start < b for a, b in claimed):
        return None
    mention = reader.speaker(cue, [])
    source = reader.source_span(cue, mention)
    if mention is None and source is None:
        return None
    how = "according-after" if start >= phrase_end else "according-before"
    features = attribution_features(reader, cue, (start, end), how, source, False)
    return FoundAttribution(
        "indirect", (start, end), mention, cue, max(end, phrase_end), source, None, features
    )


def continued_from(
    reader: ParsedArticle, found: Sequence[FoundAttribution], position: int
) -> FoundAttribution | None:
    """The attribution a speakerless quote continues: the one ending right before it."""
    earlier = [f for f in found if f.mention is not None and f.extent <= position]
    if not earlier:
        return None
    last = max(earlier, key=lambda f: f.extent)
    end = last.extent
    if last.cue is not None and reader.doc[last.cue.head].idx >= last.content[1]:
        # "'too little,' he added *on Twitter*. 'Without changing policies ...'": the
        # rest of the sentence the cue closes is no gap between the two quotes
        end = max(end, reader.sentence(reader.doc[last.cue.head])[1])
    gap = reader.text[end:position] if end <= position else ""
    return last if all(c in _GAP_CHARS for c in gap) else None


def headline_source(reader: ParsedArticle, line: tuple[int, int]) -> FoundAttribution | None:
    """A headline that gives a name and what they said: "Issa: Clinton's 'Honesty
    Is In Question'", "NY Post: Megyn Kelly Is No Different ..."."""
    words = reader.tokens(*line)
    if not words or len(words) > _HEADLINE_MAX_WORDS:
        return None
    colon = next((n for n, t in enumerate(words) if t.text == ":"), None)
    if colon is None or not 1 <= colon <= _HEADLINE_MAX_NAME or colon + 2 >= len(words):
        return None
    name = words[:colon]
    if len(name) == 1 and len(name[0].text) == 1:
        return None  # a transcript's "Q:" or "A:", no one's name
    if name[0].text.upper() in ("EXCLUSIVE", "WATCH", "UPDATE", "BREAKING", "VIDEO", "LIVE"):
        name = [t for t in name[1:] if not t.is_punct]
    if not name or not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name):
        return None
    if not any(t.pos_ == "PROPN" for t in name) or any(t.pos_ == "VERB" for t in name):
        return None
    if name[-1].lower_ in _COLUMN_WORDS:
        return None  # "News Guide: Donors flocked to ...": a column's label, not a source
    start, end = reader.trim(words[colon + 1].idx, line[1], ".")
    if start >= end:
        return None
    colon_token = words[colon]
    cue = Cue(colon_token.i, colon_token.i + 1, colon_token.i, "phrase")
    mention = reader.people.mention(name_head(name[-1]))
    source = (name[0].idx, name[-1].idx + len(name[-1]))
    kind: QuoteKind = "direct" if reader.text[start] in MARKS + "‘'" else "indirect"
    if kind == "direct":
        start, end = reader.trim(start + 1, end, ",;:'’" + MARKS)
    return FoundAttribution(kind, (start, end), mention, cue, end, source)
