"""The people one article names in full, so that a later surname, honorific or role
can be looked up: "Kremlin spokesman Dmitry Peskov" is known, with his role and
organisation, when "Mr Peskov" or "the spokesman" speaks further down. Of two people
sharing a surname, the one written in full last is meant, and an honorific's gender
rules out the other ("Mrs. Clinton" is never Bill Clinton). Resolving a mention to one
of them is :class:`~crosswire.annotate.speakers.PeopleIndex`'s.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from crosswire.annotate.name_runs import (
    entity_label,
    name_head,
    name_run,
    outlet_of,
    outlet_person,
    split_name,
    title_case,
)
from crosswire.annotate.roles import role_near, role_words
from crosswire.annotate.speaker_names import (
    NameParts,
    a_given_name,
    fold,
    given_name_genders,
    is_relation_noun,
    name_parts,
    names_a_body,
    organisation_heads,
    parts_match,
    span_text,
)
from crosswire.annotate.speaking import is_honorific, is_title, names_a_person

_INITIAL = re.compile(r"^[A-Z]\.$")
_LIST_REACH = 12  # words a list of names may run before the organisation's word


class Ranges:
    """Character ranges (the quoted passages an index of people reads around), merged
    and sorted once, so that asking whether a position lies in one is a bisection, not
    a pass over every passage for every word of the article."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        n = bisect_right(self._starts, position) - 1
        return n >= 0 and position < self._ends[n]


def _a_dateline(name: Sequence[Token]) -> bool:
    """A name in capitals opening its line before a comma: a dateline's place
    ("NEWPORT NEWS, Va. -"), which the tagger may take for a person."""
    first, last = name[0], name[-1]
    opens = first.i == 0 or "\n" in first.doc[first.i - 1].text_with_ws
    after = first.doc[last.i + 1] if last.i + 1 < len(first.doc) else None
    capitals = all(t.text.isupper() and len(t.text) > 1 for t in name)
    return opens and capitals and after is not None and after.text == ","


def _given_first(run: Sequence[Token]) -> bool:
    """A run of two names or more that opens with a known given name ("Carly Fiorina")."""
    return len(run) > 1 and a_given_name(run[0].text)


def _in_a_body_name(token: Token) -> bool:
    """Whether a name begins a list of names that ends in an organisation's word: "the
    *Bill*, *Hillary* & Chelsea Clinton Foundation" names no one by a given name alone."""
    last = token
    for word in token.doc[token.i + 1 : token.i + _LIST_REACH]:
        if word.pos_ == "PROPN":
            last = word
        elif word.text not in (",", "&", "and"):
            break
    return last.lower_ in organisation_heads()


@dataclass(frozen=True)
class KnownPerson:
    """A person the article names in full: the name, where it is first written, and
    the role and organisation the text gives it anywhere."""

    name: str
    parts: NameParts
    position: int
    role: str | None
    organization: str | None


class KnownPeople:
    """The people one article names in full (given name and surname), in order of first
    mention; ``skip`` are the quoted passages, where a name stands alone as words shown
    (a slogan, a sign), not as how the article calls someone."""

    def __init__(self, doc: Doc, skip: Sequence[tuple[int, int]]) -> None:
        self._doc = doc
        self._skip = tuple(skip)
        self._quoted = Ranges(self._skip)
        self._text = doc.text  # joined from every token on each call of ``doc.text``
        self._known: list[KnownPerson] = []
        self._written: dict[str, list[int]] = {}  # where each known name is written in full
        self._in_passing: set[int] = set()  # of those, where a relative is named
        self._alone = self._names_alone()
        #: A name's gender as the article shows it (an honorific, a pronoun bound to it),
        #: learned by the index that reads the article's pronouns; before the given name's.
        self.genders: dict[str, str] = {}
        self._collect_names()
        self._drop_title_words()

    def __iter__(self) -> Iterator[KnownPerson]:
        return iter(self._known)

    # building

    def _collect_names(self) -> None:
        """Full names (given name + surname) with the roles the text gives them."""
        seen: set[int] = set()
        headlines = Ranges(self._title_case_lines())
        for token in self._doc:
            if token.pos_ != "PROPN" or token.i in seen:
                continue
            if token.idx in headlines:
                # "Hillary Clinton Slams Donald Trump On Abortion": one run of names and
                # verbs, so only a given name and the surname after it name someone
                name = _headline_name(token)
                seen.update(t.i for t in name)
                if name:
                    self._learn(name[-1], [], name, None)
                continue
            head = name_head(token)
            run = name_run(head)
            seen.update(t.i for t in run)
            if head.dep_ == "compound" and head.head.pos_ == "NOUN" and not _given_first(run):
                # "Top Sanders strategists": a modifier of the noun, no one's name; but
                # "Carly Fiorina strode onstage", which the parse made a noun, names her
                continue
            if self._quoted_whole(run):
                continue  # a shirt that read ''Fascist Trump'': words shown, no one named
            split = outlet_person(head)
            titles, name = split or split_name(run)
            outlet = span_text(split[0]) if split else None
            if len(name) < 2 or not self._looks_like_person(titles, name):
                continue
            self._learn(head, titles, name, outlet)

    def _learn(
        self, head: Token, titles: Sequence[Token], name: Sequence[Token], outlet: str | None
    ) -> None:
        """Record a full name written at ``name``: a new person, or another mention of a
        known one (with the role or organisation learned there)."""
        parts = name_parts(span_text(name))
        if parts is None or not parts.given:
            return
        role, organization = role_near(head, name[0])
        if role and head.idx in self._quoted and not names_a_person(role_words(role)[-1]):
            # inside a quote, a speaker's word for someone is no role unless it is an
            # office or a person noun: "the Republican nominee, Donald Trump" is his role,
            # "a judge who is a hater of Donald Trump, a hater" gave him "hater"
            role, organization = None, None
        organization = outlet or organization
        existing = self.find(parts, head.idx)
        self._written.setdefault(existing.name if existing else span_text(name), []).append(
            name[0].idx
        )
        if _in_passing(name[0]):
            self._in_passing.add(name[0].idx)
        if existing is None:
            self._known.append(KnownPerson(span_text(name), parts, name[0].idx, role, organization))
        elif (existing.role is None and role) or (existing.organization is None and organization):
            index = self._known.index(existing)
            self._known[index] = KnownPerson(
                existing.name,
                existing.parts,
                existing.position,
                existing.role or role,
                existing.organization or organization,
            )

    def _title_case_lines(self) -> list[tuple[int, int]]:
        """The character ranges of the title-case lines (headlines, subheads), where the
        tagger reads every capitalised word as a name and runs people and verbs into one:
        the people they name are named again in the text."""
        out, start = [], 0
        for line in self._text.split("\n"):
            end = start + len(line)
            words = self._doc.char_span(start, end, alignment_mode="contract")
            if words is not None and title_case(words, share=1.0):
                out.append((start, end))
            start = end + 1
        return out

    def _drop_title_words(self) -> None:
        """A name with a leading word an honorific brought in, which the article also
        leaves out: "former Miss *Universe* Alicia Machado", then "Alicia Machado".
        The word is the title's ("Miss Universe"), so the person is the shorter name."""
        text = self._text
        for n, known in enumerate(self._known):
            first, _, rest = known.name.partition(" ")
            parts = name_parts(rest)
            if parts is None or not parts.given:
                continue
            at = self._doc.char_span(known.position, known.position + len(first))
            if at is None or at.start == 0 or not is_honorific(self._doc[at.start - 1].text):
                continue
            written = self._written.get(known.name, [])
            if not any(text.startswith(rest, p) for p in written):
                continue
            self._known[n] = replace(known, name=rest, parts=parts)
            self._written[rest] = self._written.pop(known.name)

    def _names_alone(self) -> frozenset[str]:
        """Folded one-word names written alone outside quotes: a given name there ("Melania
        was born in a poor communist country") is how the article calls that person, so
        their surname alone ("Everything Trump says") is the other person of that name."""
        alone = set()
        for token in self._doc:
            if (
                token.pos_ == "PROPN"
                and name_head(token).i == token.i
                and len(name_run(token)) == 1
                and token.idx not in self._quoted
                and not _in_a_body_name(token)
                and not token.text.isupper()  # "CARLY for America", a PAC: no one called so
            ):
                alone.add(fold(token.text))
        return frozenset(alone)

    def _looks_like_person(self, titles: Sequence[Token], name: Sequence[Token]) -> bool:
        if _a_dateline(name):
            return False  # "NEWPORT NEWS, Va. - In a tradition ...": a place
        if names_a_body(span_text(name)):
            return False  # "the Bill, Hillary & Chelsea Clinton Foundation": no one's name
        labels = {entity_label(t) for t in name}
        if "PERSON" in labels:
            return True
        before = name[0].doc[name[0].i - 1] if name[0].i > 0 else None
        if before is not None and (is_honorific(before.text) or names_a_person(before.lower_)):
            return True  # "presidential candidate Carly Fiorina", though the tagger says ORG
        if any(is_honorific(t.text) or is_title(t.text) for t in titles):
            return True  # "Chancellor Olaf Scholz", even when the tagger says ORG
        if outlet_of(titles) is not None:
            return True  # "Fox News' Bret Baier", which the tagger takes for one ORG
        return not labels - {""} and all(t.text[:1].isupper() and t.is_alpha for t in name)

    def _quoted_whole(self, run: Sequence[Token]) -> bool:
        """Whether the quote around the name holds nothing else: a slogan or a sign."""
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        return any(
            s <= start
            and end <= e
            and not self._text[s:start].strip(" '\"“‘")
            and not self._text[end:e].strip(" '\"”’,.")
            for s, e in self._skip
        )

    # lookups

    def find(
        self, parts: NameParts, position: int, gender: str = "", likely_gender: str = ""
    ) -> KnownPerson | None:
        """The known person ``parts`` names: the one written in full last before
        ``position``, else the first. "Scott said" after "Bobby Scott is not a household
        name" is Bobby Scott, even when "Tim Scott (R-S.C.)" was named in between once
        before and the article's first Scott came earlier. A surname alone does not pass
        to a relative named in passing: "Clinton had told police" after "her
        daughter Chelsea Clinton's apartment" is still Hillary Clinton. A
        ``likely_gender`` (the pronouns of the sentence) picks among several, never
        rules out the one: "In her 2003 book, Clinton noted" is Hillary Clinton. An
        honorific's ``gender`` rules out the others: "Mrs. Clinton" is never Bill
        Clinton. A given name alone is the one person the article gives it to ("Jane" of
        Jane Sanders)."""
        matches = self._candidates(parts)
        if likely_gender and not parts.given:
            everyone = [k for k in self._known if parts_match(parts, k.parts)]
            fitting = [k for k in everyone if self.gender_of(k) == likely_gender]
            matches = fitting if fitting and len(everyone) > 1 else matches
        if not matches and not parts.given:
            # a given name alone: "his wife, *Jane*, offered" is Jane Sanders
            matches = [k for k in self._known if k.parts.given[:1] == (parts.surname,)]
            matches = matches if len(matches) == 1 else []
        if gender:
            matches = [k for k in matches if self.gender_of(k) in ("", gender)]
        if not matches:
            return None

        passing = self._in_passing if len(matches) > 1 and not parts.given else set()

        def latest(known: KnownPerson) -> int:
            written = self._written.get(known.name, ())
            return max((p for p in written if p <= position and p not in passing), default=-1)

        best = max(matches, key=latest)
        return best if latest(best) >= 0 else matches[0]

    def gender_of(self, known: KnownPerson) -> str:
        """A known person's gender: learned in the article, else their given name's
        (so "Mrs. Clinton" cannot make Bill Clinton a woman while genders are learned)."""
        if known.name in self.genders:
            return self.genders[known.name]
        given = known.parts.given
        return given_name_genders().get(fold(given[0]), "") if given else ""

    def _candidates(self, parts: NameParts) -> list[KnownPerson]:
        """The known people ``parts`` may name; of several sharing a surname, not those the
        article calls by their given name alone ("Melania", "Bill")."""
        matches = [k for k in self._known if parts_match(parts, k.parts)]
        if not parts.given and len(matches) > 1:
            others = [k for k in matches if not any(g in self._alone for g in k.parts.given)]
            matches = others or matches
        return matches

    def by_role(self, role: str, organization: str | None, position: int) -> KnownPerson | None:
        """The person last named in full before ``position`` whose role ends in the same
        noun or its short form ("the spokesman" after "Kremlin spokesman Dmitry Peskov",
        "the senator" after "Sen. Ted Cruz"), of the same organisation when both are
        known."""
        noun = role.split()[-1].lower()
        matches = [
            k
            for k in self._known
            if k.role
            and any(_same_title(noun, w) for w in role_words(k.role)[-2:])
            and k.position < position
            and (organization is None or k.organization in (None, organization))
        ]
        return matches[-1] if matches else None

    def introduced_after(self, title: str, start: int, end: int) -> KnownPerson | None:
        """The first person named in full between ``start`` and ``end`` whose role holds
        ``title`` (or its short form: "Sen." for "senator"): whom a description that
        opens a story stands for when the next sentence names them ("The New York
        state attorney general is confirming ... Attorney General Eric Schneiderman")."""
        title = title.lower()
        for known in self._known:
            if not (start < known.position <= end) or not known.role:
                continue
            if any(_same_title(title, w) for w in role_words(known.role)):
                return known
        return None

    def names(self) -> list[str]:
        """The full names the article gives, in order of first mention."""
        return [k.name for k in self._known]

    def a_person_named(self, token: Token) -> bool:
        """A word that names a person: the tagger's PERSON, or a proper noun that is a
        known person's name though the tagger called it something else ("Stumpf")."""
        if entity_label(token) == "PERSON":
            return True
        if token.pos_ in ("PRON", "DET", "ADP", "CCONJ") or not token.text[:1].isupper():
            return False  # the tagger may call a name a noun or a verb ("Trump this week")
        if not self._known:
            return False
        parts = name_parts(token.text)
        return parts is not None and bool(self._candidates(parts))

    def unknown_name(self, token: Token) -> bool:
        """A capitalised proper noun that is no part of any person's name the article
        gives."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return False
        return not self.in_a_known_name(token)

    def in_a_known_name(self, token: Token) -> bool:
        """Whether ``token`` is a word of a name the article gives a person in full."""
        return any(token.text in k.name.split() for k in self._known)


def _in_passing(first: Token) -> bool:
    """Whether a full name is written as someone's relative ("daughter *Chelsea
    Clinton*", "his wife *Hillary Clinton*", "her husband, *Frank Fiorina*"), as a
    person is named in passing. (An
    owner is not: "*Hillary Clinton's* campaign" names the candidate herself.)"""
    before = first.i - 1
    if before > 0 and first.doc[before].text == ",":
        before -= 1  # "her husband, Frank Fiorina"
    return before >= 0 and is_relation_noun(first.doc[before])


def _same_title(noun: str, word: str) -> bool:
    """Whether a description's noun is a role's word or what it shortens ("senator" of
    "Sen.", as :func:`role_words` gives it: "sen")."""
    return bool(word) and (noun == word or (len(word) >= 3 and noun.startswith(word)))


def _headline_name(token: Token) -> list[Token]:
    """The name a title-case headline writes at ``token``: a given name, an initial or
    two, and the surname ("Hillary Clinton" of "Hillary Clinton Slams Donald Trump");
    [] when ``token`` is no given name."""
    if not a_given_name(token.text):
        return []
    name, k = [token], token.i + 1
    while k < len(token.doc) and _INITIAL.match(token.doc[k].text):
        name.append(token.doc[k])
        k += 1
    if k < len(token.doc) and token.doc[k].is_alpha and token.doc[k].text[:1].isupper():
        return [*name, token.doc[k]]
    return []
