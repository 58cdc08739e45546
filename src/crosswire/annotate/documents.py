"""Whose a document is, when a document speaks: "A report released in September by
the National Academies of Sciences noted" is the National Academies'; "Cook provided a
written statement ... the statement said" is Cook's; "a Morning Consult poll ... according
to the results" is Morning Consult's. A reader of who said what wants the maker, not
"report" or "statement" (audit samples 15-17: "the survey", "the poll", "the results",
"the letter" were each marked a description while the article named whose).

This module finds the words that say so in the parse: the maker inside the document's
own phrase, or the document's earlier mention. :class:`crosswire.annotate.speakers.PeopleIndex`
turns those words into a speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from crosswire.annotate.pronouns import sentences_back
from crosswire.annotate.speaking import speaking_nouns
from crosswire.annotate.tables import data_lines

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs whose subject made their object: "Cook *provided* a written statement", "the
#: groups *sent* a letter", "Quinnipiac *conducted* the poll".
_MAKING_VERBS = frozenset(
    "issue release send post publish write pen sign put provide conduct commission "
    "produce prepare deliver distribute circulate file unveil".split()
)
#: Verbs whose subject spoke "in" a document: "Powell's office *said* in a statement".
_SAYING_VERBS = frozenset(
    "say tell write announce add state note explain respond reply declare comment".split()
)
#: Entity labels of a maker named inside the phrase ("*Exxon Mobil's* letter", "a
#: survey *by Comcast Xfinity*"): not "*Monday's* poll", not "the *Iowa* poll".
_MAKER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
_FRESH = frozenset({"new", "latest", "recent", "same"})  # "the new poll"
#: Sentences before a bare "the poll" that its earlier mention may be in.
_REACH = 2


@cache
def document_nouns() -> dict[str, frozenset[str]]:
    """``document_nouns.tsv``: document noun -> the nouns its earlier mention may use; a
    row without them is an error naming its line."""
    out = {}
    for number, cells in data_lines("document_nouns.tsv"):
        if len(cells) < 2 or not cells[1].split():
            raise ValueError(
                f"document_nouns.tsv:{number}: expected noun<TAB>earlier nouns, space-separated"
            )
        out[cells[0].lower()] = frozenset(cells[1].lower().split())
    return out


def is_document(noun: Token) -> bool:
    """Whether a common noun is a document that may speak for its maker ("the poll")."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in document_nouns()


def a_bare_mention(noun: Token) -> bool:
    """Whether a document is named only as "the poll", "the new report", "this
    statement": it stands for one the article named before."""
    before = [t for t in noun.doc[noun.left_edge.i : noun.i] if not t.is_punct]
    if not before or before[0].lower_ not in ("the", "this", "that"):
        return False
    return all(t.lower_ in _FRESH for t in before[1:])


def maker_in_phrase(noun: Token) -> Token | None:
    """The maker a document's own phrase names: "a survey *by* Comcast Xfinity", "a report
    *from* the State Department's inspector general", "a report issued over the summer
    *by* the Organization for Economic Cooperation and Development", "*Exxon Mobil's*
    letter". ``None`` when it names none ("Monday's poll", "the Iowa poll")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ in _MAKER_LABELS:
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i == child.head.i + 1:
            maker = _object_of(child)
            if maker is not None and (child.lower_ == "by" or _a_maker(maker)):
                return maker  # not "exclusive reports *from the convention*"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _MAKING_VERBS:
            for agent in (c for c in child.children if c.dep_ == "agent"):
                maker = _object_of(agent)
                if maker is not None:
                    return maker
    return None


def maker_named_before(noun: Token) -> Token | None:
    """The organisation a document's name opens with: "the *PPIC* poll", "a *CBS News*
    poll"; not "Monday's poll", not "the Iowa poll"."""
    return next((c for c in noun.children if c.dep_ == "compound" and c.ent_type_ == "ORG"), None)


def _a_maker(noun: Token) -> bool:
    """Whether what a document comes *from* can have made it: a named organisation or
    person, a speaking noun ("a letter from *his doctor*"), or whose ("a new ad from
    *Donald Trump's presidential campaign*"); not an event ("reports from *the
    convention*")."""
    if noun.ent_type_ in _MAKER_LABELS or noun.lower_ in speaking_nouns():
        return True
    return any(c.dep_ == "poss" and c.ent_type_ in _MAKER_LABELS for c in noun.children)


def _object_of(preposition: Token) -> Token | None:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects or objects[0].pos_ not in ("PROPN", "NOUN"):
        return None
    return objects[0]


def earlier_mention(noun: Token, quoted: Callable[[int], bool]) -> Token | None:
    """The document a bare "the poll" or "the statement" stands for: the last noun
    before it, in its sentence or the :data:`_REACH` before, that
    ``document_nouns.tsv`` lets it stand for, outside quoted words (``quoted``: whether
    a character position is inside a quote)."""
    wanted = document_nouns().get(noun.lemma_.lower(), frozenset())
    for token in reversed(noun.doc[sentences_back(noun, _REACH) : noun.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in wanted and not quoted(token.idx):
            return token
    return None


def maker_by_verb(noun: Token) -> Token | None:
    """The subject of the verb that made a document: "Cook *provided* a written
    statement", "Powell's office said *in a statement*"; ``None`` when the sentence
    does not say who made it."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "in":
        verb = verb.head  # "said in a statement", not "a lead ... in a CBS News poll"
        if verb.lemma_.lower() not in _SAYING_VERBS:
            return None
    elif not (noun.dep_ == "dobj" and verb.lemma_.lower() in _MAKING_VERBS):
        return None
    for _ in range(2):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ not in ("advcl", "conj", "xcomp"):
            return subject
        verb = verb.head  # "Mr. Sanders showed no sign of backing down, *releasing* a statement"
    return None
