"""A person's name as the parse writes it, read from spaCy's tokens: which words run
together into one name ("Kremlin spokesman Dmitry *Peskov*" -> Dmitry Peskov), which
leading words are titles or an outlet's rather than the name ("Fox News' Bret Baier"),
and what is a party tag, never a name ("Sen. Ben Sasse *(R-Neb.)*"). Pure functions,
shared by the people an article names in full (:mod:`crosswire.annotate.known_people`)
and the mentions resolved to them (:mod:`crosswire.annotate.speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
from crosswire.annotate.speaker_names import a_given_name, organisation_heads, span_text
from crosswire.annotate.speaking import is_honorific, is_title, opens_a_title

_NAME_DEPS = frozenset({"compound", "flat", "nmod", "amod"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_PARTY_TAG = re.compile(
    r"\(\s*[A-Z]{1,3}\s*[-–]\s*[A-Z][A-Za-z]{0,3}\.?(?:\s?[A-Z][a-z]{0,3}\.?)?\s*\)"
)
#: Capitalised words a person's name needs after an outlet's ("Fox News Sean Hannity").
NAME_AFTER_OUTLET = 2
_JOINERS = frozenset({"-", "–", "/", "&"})  # "Washington Post-ABC News", "NBC/WSJ"


def entity_label(token: Token) -> str:
    """The tagger's entity label of ``token`` ("PERSON", "ORG"), "" outside any entity."""
    return token.ent_type_ if token.ent_iob_ in ("B", "I") else ""


def name_run(head: Token) -> list[Token]:
    """The contiguous proper nouns that modify ``head`` from the left, and ``head``.

    A hyphen written without spaces joins the parts of one name: "Ms. Reed-Veal",
    "Hong Yong-pyo", "Mariana Panuncio-Feldman" (the tokenizer splits them).
    """
    doc = head.doc
    start = head.i
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ == "PROPN" and prev.dep_ in _NAME_DEPS and start - 1 < prev.head.i <= head.i:
            start -= 1
        elif _joins_name(prev):
            start -= 2
        else:
            break
    return list(doc[start : head.i + 1])


def _joins_name(hyphen: Token) -> bool:
    """A hyphen inside a name: unspaced, between two capitalised words that are not a
    party tag ("R-Neb.")."""
    if hyphen.text != "-" or hyphen.whitespace_ or hyphen.i == 0 or hyphen.i + 1 >= len(hyphen.doc):
        return False
    before, after = hyphen.doc[hyphen.i - 1], hyphen.doc[hyphen.i + 1]
    return (
        not before.whitespace_
        and before.text[:1].isupper()
        and before.is_alpha
        and len(before) > 1
        and after.is_alpha
        and not party_tag(hyphen)
    )


def party_tag(token: Token) -> str | None:
    """The party-and-state tag ``token`` is part of, as written: "(R-Neb.)", "(D-Mo.)",
    "(R-WI)". It tells a lawmaker's party and state, so it is a role, never a name."""
    doc = token.doc
    start = token.i
    while start > 0 and token.i - start < 6 and doc[start].text != "(":
        start -= 1
    if doc[start].text != "(":
        return None
    end = start
    while end < len(doc) - 1 and end - start < 7 and doc[end].text != ")":
        end += 1
    if not token.i <= end:
        return None
    text = doc[start : end + 1].text
    return text[1:-1].strip() if _PARTY_TAG.fullmatch(text) else None


def name_head(token: Token) -> Token:
    """The last word of the name ``token`` belongs to ("Dmitry" -> "Peskov")."""
    while (
        token.dep_ in ("compound", "flat")
        and token.head.pos_ == "PROPN"
        and 0 < token.head.i - token.i <= 4
    ):
        token = token.head
    return token


_NAME_AFTER_TITLE = 2


def split_name(run: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """(title words, name words) of a proper-noun run.

    Titles are leading honorifics, title words and non-person entities
    ("NATO Secretary General", "President", "Mr"); a PERSON entity, when the
    tagger found one, also bounds the name.
    """
    # "Fox News Sean Hannity"; "Senate Majority Leader Harry Reid": titles may follow
    outlet = _after_outlet(run)
    cut = outlet
    titled = False
    while cut < len(run) - 1:
        token = run[cut]
        if is_honorific(token.text) or opens_a_title([t.text for t in run[cut : cut + 2]]):
            titled = True  # "Senate Majority Leader Harry Reid"
        elif titled or entity_label(token) not in ORG_LABELS:
            break  # organisations come before titles ("NATO Secretary General")
        cut += 1
    if not titled and a_given_name(run[outlet].text):
        # no title after the words the tagger called a body, and the first is a given
        # name: "Carly Fiorina" (but "the Washington Post Trump said")
        cut = outlet
    if cut == 0:
        cut = _after_a_placed_title(run)
    titles, name = list(run[:cut]), list(run[cut:])
    if outlet:
        return titles, name
    while (
        len(name) > 1 and entity_label(name[0]) != "PERSON" and entity_label(name[-1]) == "PERSON"
    ):
        titles.append(name.pop(0))
    return titles, name


def _after_a_placed_title(run: Sequence[Token]) -> int:
    """Where a name starts after a title that a place or body is written before, which
    the tagger often runs into the person: "Charlotte Mayor Jennifer Roberts" (0 when
    there is none). Two name words must follow, so "Martin Luther King Jr." keeps his."""
    for k in range(1, len(run) - _NAME_AFTER_TITLE):
        if not is_title(run[k].text) or not run[k].text[:1].isupper():
            continue
        rest = run[k + 1 :]
        if all(t.is_alpha and t.text[:1].isupper() and not is_title(t.text) for t in rest):
            return k + 1
    return 0


def _after_outlet(name: Sequence[Token]) -> int:
    """Where a person's name starts after an outlet or body written before it, which the
    tagger often takes for one organisation: "Fox News' Bret Baier", "Fox News Sean
    Hannity" (0 when there is none)."""
    for k in range(len(name) - NAME_AFTER_OUTLET - 1, -1, -1):
        if name[k].lower_ not in organisation_heads():
            continue
        rest = [t for t in name[k + 1 :] if not t.is_punct]
        if name[k + 1].text in _JOINERS or rest[-1].lower_ in organisation_heads():
            continue  # two bodies, not a body and a person: "Washington Post-ABC News"
        if len(rest) >= NAME_AFTER_OUTLET and all(
            t.text[:1].isupper() and t.is_alpha for t in rest
        ):
            start = k + 1
            while name[start].is_punct:
                start += 1  # the possessive of "Fox News' Bret Baier"
            while len(name) - start > NAME_AFTER_OUTLET and (
                is_title(name[start].text) or is_honorific(name[start].text)
            ):
                start += 1  # "Democratic National Committee Chair Debbie Wasserman Schultz"
            return start
    return 0


def outlet_of(titles: Sequence[Token]) -> str | None:
    """The outlet or body a name was written after ("Fox News" of "Fox News' Bret Baier")."""
    for k in range(len(titles) - 1, -1, -1):
        if titles[k].lower_ in organisation_heads():
            start = k
            while (
                start > 0
                and titles[start - 1].pos_ == "PROPN"
                and not is_title(titles[start - 1].text)
            ):
                start -= 1
            return span_text(titles[start : k + 1])
    return None


def outlet_person(head: Token) -> tuple[list[Token], list[Token]] | None:
    """(outlet, name) when the organisation the tagger found at ``head`` is an outlet and
    a person's name: "Fox News' Bret Baier" (the possessive keeps them one entity)."""
    ent = entity_of(head)
    if ent is None or entity_label(head) not in ORG_LABELS or ent.end != head.i + 1:
        return None
    words = list(ent)
    person = _after_outlet(words)
    if not person:
        return None
    return [t for t in words[:person] if not t.is_punct and t.tag_ != "POS"], words[person:]


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of (from its IOB tags: no scan of ``doc.ents``)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def surname_written(name: str, tokens: Iterable[Token]) -> bool:
    """Whether the surname of ``name`` is one of ``tokens`` as written: "Clinton" of
    "Hillary Clinton" in 'McClenney said *Clinton* doesn't show consistency'."""
    surname = name.split()[-1]
    return any(t.text == surname for t in tokens)


#: Share of a line's words that are capitalised for it to read as a title-case headline.
TITLE_CASE_SHARE = 0.6


def title_case(words: Iterable[Token], share: float = TITLE_CASE_SHARE) -> bool:
    """Whether a line is a title-case headline ("Mike Pence Calls for Special Prosecutor"),
    whose verbs the tagger reads as names: ``share`` of its longer words capitalised (a
    sentence full of names can reach 0.6; only a headline reaches 1)."""
    long = [t for t in words if t.is_alpha and len(t.text) > 3]
    return len(long) >= 3 and sum(t.text[0].isupper() for t in long) >= share * len(long)
