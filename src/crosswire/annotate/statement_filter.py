"""Which attributions are statements a reader of who said what expects (``Quote.statement``).

PolNeAR counts acts and looks as attributions ("voted against", "seems"); the report
shows someone's words, view, wish, stance or finding, never a thing only named ("wrote
*his book*").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from crosswire.annotate.speaking import speaking_nouns
from crosswire.annotate.stances import stance_verbs
from crosswire.annotate.tables import data_lines

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crosswire.annotate.quote_reader import FoundAttribution, ParsedArticle
from crosswire.annotate.quote_content import SUBJECTS

_STATEMENT_CLASSES = ("words", "views", "wishes", "stances", "findings", "topics")


_WH_WORDS = frozenset({"how", "why", "whether", "when", "where"})


_HEDGES = frozenset({"perhaps", "maybe", "possibly", "presumably"})  # the writer's guess


_ASKING = frozenset({"ask", "wonder", "question", "inquire"})  # a question asked is said


_TITLE_CUES = frozenset({"title", "entitle", "headline"})  # a paper *titled* "How to ..."


_NOTHING = frozenset({"nothing", "none"})  # "proposed *nothing* that would": none was made


_BARE = frozenset({"PRON", "NUM", "DET"})  # a word standing for what is not given


_THINGS = frozenset({"something", "anything", "nothing", "everything", "one"})


#: Verbs that, with "to" and a verb, say what is likely, not what anyone said ("the
#: candidates *figure to* fall by the wayside")
_LIKELY_TO = frozenset({"figure"})
#: Modals that make a cue what someone may, might or ought to do, not what they did:
#: "middle-income Americans *might consider* it a good deal", "It *could also
#: encourage* Mr. Sanders to stay", "superdelegates *should consider* switching".
_MAY_OR_OUGHT = frozenset({"might", "could", "may", "should", "must"})
_STOCK_OBJECTS = frozenset({"anonymity"})  # "requested *anonymity* to discuss": no claim
#: Verbs of saying that a learned cue may hand its words to ("interjected *to say*");
#: not "vowed not *to repeat* that mistake", a vow, nor "did remember *telling*".
_SAYING = frozenset({"say", "add"})


_ON_THE_RECORD = re.compile(
    r"^(?:to\s+)?(?:speak|talk|comment|be\s+named)\b.*\bon the record\b", re.I
)


def _takes_stance(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Whether a cue is a stance verb of ``stance_verbs.tsv`` with the particle the
    table gives it: "endorsed Cruz", "called for a ban", not "agreed *with*
    Matthews" (the table's "agree" is "agree *to*")."""
    assert found.cue is not None
    head = reader.doc[found.cue.head]
    entries = stance_verbs().get(head.lower_) or stance_verbs().get(head.lemma_.lower(), ())
    cue_words = {reader.doc[i].lower_ for i in range(found.cue.start, found.cue.end)}
    following = {t.lower_ for t in head.children if t.dep_ in ("prep", "prt")}
    return any(not particle or particle in cue_words | following for _, particle in entries)


def reports_statement(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Whether an attribution reports a statement (``Quote.statement``): quoted words,
    a speech cue, a source cue, or a learned cue whose word ``statement_words.tsv``
    lists ("hoped", "criticized", "shows"); not "voted against", "recruited",
    "seems". Nor, whatever the cue, what gives no claim: a pronoun or number alone
    ("endorsed *one*"), "nothing" ("proposed *nothing*"), a name alone where no stance
    is taken ("has not mentioned *Machado*", "agreed with *Matthews*"), the clause
    of a "what" never given ("what Trump says *his tax plan would do*"), a title
    ("a paper titled *How to Foster ...*"), words said not to be said ("did not
    suggest retaliation"), the writer's question ("But has he called for ...?") or
    guess ("*perhaps* recognizing that ...")."""
    if found.cue is None:
        return True
    head = reader.doc[found.cue.head]
    lemma = head.lemma_.lower()
    if found.kind == "direct":
        return lemma not in _TITLE_CUES
    if found.kind != "indirect":
        return True
    words = [t for t in reader.tokens(*found.content) if not t.is_punct]
    if found.mention is None and _no_ones(head) and _statement_words().get(lemma) == "views":
        return False  # "is expected to continue to make appearances": the writer's forecast
    if any(c.dep_ == "dobj" and c.lower_ in _STOCK_OBJECTS for c in head.children):
        return False  # "requested anonymity to discuss a private conversation"
    if _ON_THE_RECORD.search(reader.text[found.content[0] : found.content[1]]):
        return False  # "didn't want to speak on the record for fear of retribution"
    if words and (words[0].lower_ in _NOTHING or (len(words) == 1 and words[0].pos_ in _BARE)):
        return False  # "endorsed *one* in July", "has proposed *nothing* that would"
    if words and _a_name(words) and not _takes_stance(reader, found):
        return False
    if any(t.tag_ == "WP" and t.i < head.i and t.head.i > head.i for t in head.sent):
        return False
    if any(c.lower_ in _HEDGES for c in head.children if c.dep_ == "advmod"):
        return False
    if (
        found.cue.learned
        and any(c.dep_ == "xcomp" and c.lemma_.lower() in _SAYING for c in head.children)
        and not any(c.dep_ in ("dobj", "prep", "prt") for c in head.children)
    ):
        return False  # "interjected *to say*: 'They've both been ...'": the words are its;
        # not "have called on Democrats to say", a call made
    if any(c.dep_ == "aux" and c.lower_ in _MAY_OR_OUGHT for c in head.children):
        return False  # the writer's guess or advice: "voters might blame a Democrat"
    if lemma == "agree" and _agreed_to(head) and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return False  # "agreed to a phone call", "a settlement": a deal made; not "agree on"
    if head.head.lower_ == "let" or head.head.head.lower_ == "let":
        return False  # "Let's say you think ...": the writer's supposition
    if _the_writer_tells_the_reader(head):
        return False  # "See photos from the debate below", "Call it a familiarity fetish"
    if lemma in _LIKELY_TO and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in head.children):
        return False  # "Many of the candidates *figure to* fall by the wayside": likely to
    if head.dep_ in ("acl", "relcl") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in head.head.children
    ):
        return False  # "investigators have *no evidence to suggest* that": none suggests it
    if lemma == "ask" and head.tag_ == "VBN" and not any(c.dep_ == "agent" for c in head.children):
        return False  # "Asked about Trump's declaration, Clinton said": a question, no one's
    if head.sent.text.rstrip().endswith("?") and lemma not in _ASKING:
        return False
    kind = _statement_words().get(lemma)
    spoken = not found.cue.learned or kind in ("words", "topics")
    if (kind == "topics" or (spoken and _after_about(reader, found))) and _a_topic(reader, words):
        return False  # "wrote *his book*", "jokes about *coloring her hair*"
    if words and words[0].lower_ in _WH_WORDS and (kind == "topics" or head.pos_ == "NOUN"):
        return False  # "views on *how the campaign handled it*": what about, not what
    if found.cue.learned and _a_thing(reader.subject(head)):
        return False
    negated = any(c.dep_ == "neg" for c in head.children)
    if negated and (spoken or kind == "stances" or _takes_stance(reader, found)):
        return False  # "did not suggest retaliation", "would not endorse his former rival"
    if head.dep_ == "acl" and head.tag_ == "VBG" and _takes_stance(reader, found):
        return False  # "a super PAC supporting Clinton": who it is, not what it said
    return not found.cue.learned or kind is not None


def _the_writer_tells_the_reader(cue: Token) -> bool:
    """An imperative opening its sentence: the writer speaking to the reader ("*See*
    photos from the debate below", "*Call* it a familiarity fetish"), no one reported."""
    if cue.tag_ not in ("VB", "VBP") or cue.dep_ != "ROOT":
        return False  # the tagger reads some ("See photos") as a present tense
    if any(c.dep_.startswith("nsubj") and c.i < cue.i for c in cue.children):
        return False
    if any(c.dep_ == "aux" for c in cue.children):
        return False  # "will call", "to call": not an imperative
    first = next((t for t in cue.sent if not (t.is_punct or t.is_space)), cue)
    return first.i == cue.i


def _agreed_to(cue: Token) -> bool:
    """Whether "agree" takes its object with "to" ("agreed *to* a 10-month moratorium"),
    not "on" or "with" ("to agree *on* the need for lower taxes": a view they share)."""
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in cue.children)


def _no_ones(cue: Token) -> bool:
    """A passive cue with no one by whom ("is expected", "was considered"): with no
    source named either, a view of this kind is the writer's, while "was accused of"
    still reports words, whoever said them."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
    return passive and not any(c.dep_ == "agent" for c in cue.children)


def _a_name(words: Sequence[Token]) -> bool:
    """Content that is only someone's name, with what describes them and no verb, or a
    pronoun: "NBC's Matt Lauer", "her Democratic rival Bernie Sanders", "Florida primary
    winner Donald Trump", "challenged *her*". It names who was spoken to or of, not a
    claim."""
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head is t]
    return len(heads) == 1 and heads[0].pos_ in ("PROPN", "PRON")  # "challenged *her*"


def _a_thing(subject: Token | None) -> bool:
    """A subject that is a thing, not one who can state anything: a common noun
    outside ``speaking_nouns.tsv`` ("that freewheeling *environment* also underscored
    a weakness", "one of the many *reasons* that Trump refuses"). The cue model learned
    such acts and looks as attributions; a reader sees no one's statement there."""
    if subject is not None and subject.tag_ == "WDT" and subject.head.dep_ == "relcl":
        return subject.head.head.lower_ in _THINGS  # "*something that* worries Republicans"
    if subject is None or subject.pos_ != "NOUN" or not subject.text[:1].islower():
        return False  # "Sanders", which the tagger may call a noun, is a name
    return subject.lower_ not in speaking_nouns() and subject.lemma_.lower() not in speaking_nouns()


def _after_about(reader: ParsedArticle, found: FoundAttribution) -> bool:
    """Whether a content is what a cue is *about* ("jokes about coloring her hair")."""
    start = found.content[0]
    before = reader.text[max(0, start - 20) : start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].lower() == "about"


def _a_topic(reader: ParsedArticle, words: Sequence[Token]) -> bool:
    """Content that only names what was spoken of: a noun phrase with no clause of
    its own ("wrote *his book*", "explains *America's historical treatment of black
    people*", "referencing *the bank's fierce drive to "cross-sell"*"), unless most of
    it is the speaker's quoted words ("it referenced *"political tensions"*")."""
    inside = {t.i for t in words}
    tops = {t.i for t in words if t.head.i not in inside or t.head.i == t.i}
    if not words or any(
        (t.dep_ in SUBJECTS or t.dep_ == "mark") and not _in_a_relative(t, inside, tops)
        for t in words
    ):
        return False  # a clause of its own, not a thing named
    if any(t.lower_ == "as" and t.dep_ == "prep" for t in words):
        return False  # "described him *as a liar*" judges
    quoted = sum(1 for t in words if reader.quoted(t.idx))
    return 2 * quoted < len(words)


def _in_a_relative(token: Token, inside: set[int], tops: set[int]) -> bool:
    """Whether a word of a content (the token indices ``inside``, whose heads are
    ``tops``) is inside a clause describing a noun of it: "a job *he's widely believed
    to want*" is still a thing named, not a clause of its own."""
    while token.head.i in inside and token.head.i != token.i:
        if token.dep_ == "relcl":
            # of the content's own noun ("many of the examples that critics point to ...
            # failed": a parse that hid the clause), and not of a noun that says
            # something ("unveiled *a proposal* that would create")
            noun = token.head
            return noun.i in tops and noun.lemma_.lower() not in speaking_nouns()
        token = token.head
    return False


@lru_cache(maxsize=1)
def _statement_words() -> dict[str, str]:
    """``data/statement_words.tsv``: learned cue lemma -> its class ("words", "views",
    "wishes", "stances", "findings"); a row without a known class is an error naming
    its line."""
    out = {}
    for number, cells in data_lines("statement_words.tsv"):
        if len(cells) < 2 or cells[1] not in _STATEMENT_CLASSES:
            raise ValueError(
                f"statement_words.tsv:{number}: expected lemma<TAB>class, class one of "
                f"{', '.join(_STATEMENT_CLASSES)}"
            )
        out[cells[0].lower()] = cells[1]
    return out
