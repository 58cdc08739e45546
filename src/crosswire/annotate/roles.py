"""The role and organisation an article writes beside a person's name: before it
("Ukraine's President Volodymyr Zelenskiy" -> President, Ukraine; "Russian Foreign
Minister Sergei Lavrov" -> Foreign Minister, Russia), in apposition ("Dmitry Peskov,
the Kremlin spokesman") or as a party tag ("Sen. Ben Sasse (R-Neb.)"). Pure functions
of spaCy tokens; where the name itself runs is :mod:`crosswire.annotate.name_runs`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token
from crosswire.annotate.name_runs import entity_label, entity_of, party_tag
from crosswire.annotate.speaker_names import demonyms, may_name_a_person, no_role, span_text
from crosswire.annotate.speaking import is_honorific

_CLAUSE_BREAKS = frozenset({"CCONJ", "VERB", "AUX", "ADP", "SCONJ"})


def role_words(role: str) -> list[str]:
    """A role's words as a title is compared with them: lower case, without a closing dot
    or comma or an opening bracket ("Sen. (R-Neb.)" -> "sen", "r-neb")."""
    return [w.lower().rstrip(".,") for w in role.replace("(", " ").split()]


def org_name(token: Token) -> str | None:
    """The organisation an entity word stands for ("Russian" -> "Russia")."""
    label = entity_label(token)
    place = demonyms().get(token.text.lower())
    if place is not None and (label in ("NORP", "GPE") or token.pos_ == "ADJ"):
        return place
    if label in ("ORG", "GPE"):
        ent = entity_of(token)
        if ent is not None:
            words = [t for t in ent if t.dep_ != "case" and t.tag_ != "POS"]
            if words and words[0].lower_ == "the":
                words = words[1:]
            return span_text(words) if words else None
    return None


def role_and_org(tokens: Sequence[Token]) -> tuple[str | None, str | None]:
    """Role and organisation in the words before a name or role noun.

    "Ukraine's President" -> ("President", "Ukraine"); "Kremlin spokesman" ->
    ("spokesman", "Kremlin"); "Russian Foreign Minister" -> ("Foreign
    Minister", "Russia"). The role is the run of content words right before
    the name; organisation the first entity (or demonym) before that.
    """
    breaks = [n for n, t in enumerate(tokens) if _breaks_a_role(t)]
    tokens = tokens[breaks[-1] + 1 :] if breaks else tokens  # "9:42 p.m." is a line above
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    role: list[Token] = []
    index = len(words) - 1
    while index >= 0:
        token = words[index]
        if entity_label(token) == "NORP" and org_name(token) is None:
            index -= 1  # "Western officials": a description, neither role nor organisation
            continue
        if (
            token.pos_ in ("NOUN", "PROPN", "ADJ")
            and not (is_honorific(token.text) and token.text[:1].isupper())  # "the first *lady*"
            and org_name(token) is None
        ):
            role.insert(0, token)
            index -= 1
        else:
            break
    while role and role[0].i >= 2 and _hyphen_before(role[0]):
        role.insert(0, role[0].nbor(-2))  # "a *two-decade* veteran", not "decade veteran"
    if role and no_role(role, words):
        role = []
    start = index
    while start >= 0 and words[start].pos_ not in _CLAUSE_BREAKS:
        start -= 1  # not across "and", a verb or a preposition: "Trump *and* ... Clinton"
    organization = None
    for token in words[start + 1 : index + 1]:
        organization = org_name(token)
        if organization:
            break
    return (span_text(role) if role else None), organization


def _breaks_a_role(token: Token) -> bool:
    """A line break, or a dash set off by spaces: no role runs across it ("9:42 p.m." on
    the line above, "the Republican candidates - Sen. Ted Cruz")."""
    if "\n" in token.text or "\n" in token.whitespace_:
        return True
    return token.text in ("-", "–", "—", "--") and bool(token.whitespace_)


def _hyphen_before(word: Token) -> bool:
    """Whether ``word`` ends a hyphenated compound ("two-decade"), not a clause after a
    dash ("one naysayer remained - Senator Bernie Sanders")."""
    hyphen = word.nbor(-1)
    return hyphen.text == "-" and not hyphen.whitespace_ and not hyphen.nbor(-1).whitespace_


def _bracketed(noun: Token) -> bool:
    """Whether an apposition opens with a bracket: "Hillary Clinton (all *times* EDT)" is
    a note of the story's, no role ("(R-Neb.)" is read as a party tag elsewhere)."""
    first = noun.left_edge
    return first.i > 0 and noun.doc[first.i - 1].text.startswith("(")


def _appos_role(noun: Token) -> tuple[str | None, str | None]:
    """Role and organisation of a role noun phrase ("Russia's chief negotiator")."""
    left = list(noun.doc[noun.left_edge.i : noun.i + 1])
    left = [t for t in left if t.dep_ != "det"]
    role, organization = role_and_org(left)
    if organization is None:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                organization = org_name(pobj)
    return role, organization


def role_near(head: Token, first: Token) -> tuple[str | None, str | None]:
    """Role and organisation of the name whose last word is ``head`` and first word
    ``first``: written before it ("Kremlin spokesman Dmitry Peskov"), else in apposition
    to it ("Dmitry Peskov, the Kremlin spokesman"), with a party tag after it as part of
    the role ("Sen. Ben Sasse (R-Neb.)")."""
    left = [t for t in head.doc[head.left_edge.i : first.i] if t.dep_ != "det"]
    role, organization = role_and_org(left) if left else (None, None)
    if (
        role is None
        and head.dep_ == "appos"
        and head.head.pos_ == "NOUN"
        and may_name_a_person(head.head)
    ):
        role, organization = _appos_role(head.head)
    if role is None:
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN" and not _bracketed(child):
                role, organization = _appos_role(child)
                break
    doc = head.doc
    opens = head.i + 2 < len(doc) and doc[head.i + 1].text == "("
    tag = party_tag(doc[head.i + 2]) if opens else None
    if tag is not None:
        role = f"{role} ({tag})" if role else tag  # "Sen. Ben Sasse (R-Neb.)"
    return role, organization
