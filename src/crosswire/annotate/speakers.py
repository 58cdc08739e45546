"""Who is speaking within one article: an article names a person in full once
("Kremlin spokesman Dmitry Peskov") and then by surname, honorific, pronoun or role
("Mr Peskov", "he", "the Kremlin spokesman"). :class:`PeopleIndex` maps those mentions
back to the full name, with the role and organisation the text gives anywhere in the
article. Names across articles are :mod:`crosswire.annotate.speaker_names`'.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
from crosswire.annotate.speaker_names import (
    PLURAL_TAGS,
    NameParts,
    demonyms,
    fold,
    given_name_genders,
    may_name_a_person,
    name_parts,
    no_role,
    organisation_heads,
    organisation_nouns,
    parts_match,
    span_text,
)
from crosswire.annotate.speaking import honorific_gender, is_honorific, is_title, names_a_person

#: How far back (characters) "he" or "she" and "the candidate" look for the person they
#: are: about three paragraphs, and two sentences. Farther, the right antecedent was most
#: often a person the parse did not see as a subject.
PRONOUN_REACH = 1500
_GIVEN_NAME_VOTES = 2  # a given name outweighs one bound pronoun, not an honorific and one
_ASIDE_WORDS = 4  # words from a name to a pronoun in its aside: "Trump — even as he"
_ASIDE_OPENERS = frozenset({"even", "as", "while", "though", "although", "because", "since"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "iobj", "dative", "poss", "attr", "oprd"})
DESCRIPTION_REACH = 400
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_RELATIVES = frozenset({"who", "that", "which", "whom"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAME_DEPS = frozenset({"compound", "flat", "nmod", "amod"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_NOT_SPEAKERS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART"}
)
_SHARE_LABELS = frozenset({"PERCENT", "CARDINAL", "QUANTITY"})
_SHARES = frozenset(
    "half third quarter majority minority most many number proportion percentage share handful "
    "dozens hundreds thousands".split()
)
_MISREAD_NAMES = frozenset({"WORK_OF_ART", "EVENT"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
#: How a pronoun's clause hangs from the clause whose subject it can be bound to.
_BOUND_CLAUSES = frozenset({"ccomp", "advcl", "conj"})
_MAX_PLURAL_WORDS = 4
_PARTY_TAG = re.compile(
    r"\(\s*[A-Z]{1,3}\s*[-–]\s*[A-Z][A-Za-z]{0,3}\.?(?:\s?[A-Z][a-z]{0,3}\.?)?\s*\)"
)
#: Capitalised words a person's name needs after an outlet's ("Fox News Sean Hannity").
_NAME_AFTER_OUTLET = 2
_CLAUSE_BREAKS = frozenset({"CCONJ", "VERB", "AUX", "ADP", "SCONJ"})
_FRESH = frozenset({"new", "latest", "recent", "another"})  # "a new CNN poll"
_JOINERS = frozenset({"-", "–", "/", "&"})  # "Washington Post-ABC News", "NBC/WSJ"


@dataclass(frozen=True)
class Mention:
    """A speaker mention resolved within an article.

    ``start``/``end`` cover the words as written (surname, pronoun, role
    phrase); ``name`` is the fullest name the article gives. ``person`` is
    false for organisations and descriptions without a name.
    """

    name: str
    start: int
    end: int
    role: str | None = None
    organization: str | None = None
    person: bool = True


@dataclass(frozen=True)
class _Known:
    name: str
    parts: NameParts
    position: int
    role: str | None
    organization: str | None


def _entity_label(token: Token) -> str:
    return token.ent_type_ if token.ent_iob_ in ("B", "I") else ""


def _name_run(head: Token) -> list[Token]:
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


def _split_name(run: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """(title words, name words) of a proper-noun run.

    Titles are leading honorifics, title words and non-person entities
    ("NATO Secretary General", "President", "Mr"); a PERSON entity, when the
    tagger found one, also bounds the name.
    """
    if person := _after_outlet(run):
        return list(run[:person]), list(run[person:])  # "Fox News Sean Hannity"
    cut = 0
    titled = False
    while cut < len(run) - 1:
        token = run[cut]
        if is_honorific(token.text) or is_title(token.text):
            titled = True
        elif titled or _entity_label(token) not in _ORG_LABELS:
            break  # organisations come before titles ("NATO Secretary General")
        cut += 1
    titles, name = list(run[:cut]), list(run[cut:])
    while (
        len(name) > 1 and _entity_label(name[0]) != "PERSON" and _entity_label(name[-1]) == "PERSON"
    ):
        titles.append(name.pop(0))
    return titles, name


def _after_outlet(name: Sequence[Token]) -> int:
    """Where a person's name starts after an outlet or body written before it, which the
    tagger often takes for one organisation: "Fox News' Bret Baier", "Fox News Sean
    Hannity" (0 when there is none)."""
    for k in range(len(name) - _NAME_AFTER_OUTLET - 1, -1, -1):
        if name[k].lower_ not in organisation_heads():
            continue
        rest = [t for t in name[k + 1 :] if not t.is_punct]
        if name[k + 1].text in _JOINERS or rest[-1].lower_ in organisation_heads():
            continue  # two bodies, not a body and a person: "Washington Post-ABC News"
        if len(rest) >= _NAME_AFTER_OUTLET and all(
            t.text[:1].isupper() and t.is_alpha for t in rest
        ):
            start = k + 1
            while name[start].is_punct:
                start += 1  # the possessive of "Fox News' Bret Baier"
            while len(name) - start > _NAME_AFTER_OUTLET and (
                is_title(name[start].text) or is_honorific(name[start].text)
            ):
                start += 1  # "Democratic National Committee Chair Debbie Wasserman Schultz"
            return start
    return 0


def _outlet_of(titles: Sequence[Token]) -> str | None:
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


def _outlet_person(head: Token) -> tuple[list[Token], list[Token]] | None:
    """(outlet, name) when the organisation the tagger found at ``head`` is an outlet and
    a person's name: "Fox News' Bret Baier" (the possessive keeps them one entity)."""
    ent = _entity_of(head)
    if ent is None or _entity_label(head) not in _ORG_LABELS or ent.end != head.i + 1:
        return None
    words = list(ent)
    person = _after_outlet(words)
    if not person:
        return None
    return [t for t in words[:person] if not t.is_punct and t.tag_ != "POS"], words[person:]


def _another_title(role: str | None, description: Token) -> bool:
    """Whether a person's known role is another title than the one a description gives
    ("the mayor" is not the Clinton spokesman named last; "the former first lady and
    U.S. senator" may be the Democratic nominee)."""
    if not role or not is_title(description.lemma_):
        return False
    held = [w.lower().rstrip(".") for w in role.replace("(", " ").split()]
    if not any(is_title(w) for w in held):
        return False  # "Democratic nominee" is no title that "the senator" contradicts
    return description.lemma_.lower() not in held


def _named_elsewhere(name: str, description: Token) -> bool:
    """Whether the sentence of a description names ``name`` outside it: "The New York
    businessman says of *Clinton*" is not Clinton, whoever was named last."""
    surname = name.split()[-1]
    inside = range(description.left_edge.i, description.right_edge.i + 1)
    return any(t.text == surname and t.i not in inside for t in description.sent)


def _entity_of(token: Token) -> Span | None:
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


def _org_name(token: Token) -> str | None:
    """The organisation an entity word stands for ("Russian" -> "Russia")."""
    label = _entity_label(token)
    place = demonyms().get(token.text.lower())
    if place is not None and (label in ("NORP", "GPE") or token.pos_ == "ADJ"):
        return place
    if label in ("ORG", "GPE"):
        ent = _entity_of(token)
        if ent is not None:
            words = [t for t in ent if t.dep_ != "case" and t.tag_ != "POS"]
            if words and words[0].lower_ == "the":
                words = words[1:]
            return span_text(words) if words else None
    return None


def _role_and_org(tokens: Sequence[Token]) -> tuple[str | None, str | None]:
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
        if _entity_label(token) == "NORP" and _org_name(token) is None:
            index -= 1  # "Western officials": a description, neither role nor organisation
            continue
        if (
            token.pos_ in ("NOUN", "PROPN", "ADJ")
            and not is_honorific(token.text)
            and _org_name(token) is None
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
        organization = _org_name(token)
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
    role, organization = _role_and_org(left)
    if organization is None:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                organization = _org_name(pobj)
    return role, organization


class PeopleIndex:
    """The people one article names, so that later mentions can be resolved.

    Built once per article from its parse; ``skip`` are character ranges
    (quoted passages) whose subjects are not taken as antecedents of pronouns.
    """

    def __init__(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> None:
        self._doc = doc
        self._skip = tuple(skip)
        self._known: list[_Known] = []
        self._written: dict[str, list[int]] = {}  # where each known name is written in full
        self._alone = self._names_alone()
        self._organisations = frozenset(
            e.text for e in doc.ents if e.label_ == "ORG" and e.text[:1].isupper()
        )
        self._collect_names()
        self._drop_title_words()
        self._salient: list[tuple[int, Mention]] = []
        self._main_subjects: list[tuple[int, Mention]] = []  # named subjects of main clauses
        self._gender: dict[str, str] = {}
        self._resolved: dict[int, Mention] = {}
        self._people_named: list[tuple[int, Mention]] = []  # persons named, any place
        self._learn_genders()
        self._collect_subjects()

    # building

    def _collect_names(self) -> None:
        """Full names (given name + surname) with the roles the text gives them."""
        seen: set[int] = set()
        for token in self._doc:
            if token.pos_ != "PROPN" or token.i in seen:
                continue
            head = name_head(token)
            run = _name_run(head)
            seen.update(t.i for t in run)
            if head.dep_ == "compound" and head.head.pos_ == "NOUN":
                continue  # "Top Sanders strategists": a modifier of the noun, no one's name
            if self._quoted_whole(run):
                continue  # a shirt that read ''Fascist Trump'': words shown, no one named
            split = _outlet_person(head)
            titles, name = split or _split_name(run)
            outlet = span_text(split[0]) if split else None
            if len(name) < 2 or not self._looks_like_person(titles, name):
                continue
            parts = name_parts(span_text(name))
            if parts is None or not parts.given:
                continue
            role, organization = self._role_near(head, name[0])
            organization = outlet or organization
            existing = self._find(parts, head.idx)
            self._written.setdefault(existing.name if existing else span_text(name), []).append(
                name[0].idx
            )
            if existing is None:
                self._known.append(_Known(span_text(name), parts, name[0].idx, role, organization))
            elif (existing.role is None and role) or (
                existing.organization is None and organization
            ):
                index = self._known.index(existing)
                self._known[index] = _Known(
                    existing.name,
                    existing.parts,
                    existing.position,
                    existing.role or role,
                    existing.organization or organization,
                )

    def _drop_title_words(self) -> None:
        """A name with a leading word an honorific brought in, which the article also
        leaves out: "former Miss *Universe* Alicia Machado", then "Alicia Machado".
        The word is the title's ("Miss Universe"), so the person is the shorter name."""
        text = self._doc.text
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
                and name_head(token) is token
                and len(_name_run(token)) == 1
                and not self._skipped(token.idx)
            ):
                alone.add(fold(token.text))
        return frozenset(alone)

    def _looks_like_person(self, titles: Sequence[Token], name: Sequence[Token]) -> bool:
        labels = {_entity_label(t) for t in name}
        if "PERSON" in labels:
            return True
        before = name[0].doc[name[0].i - 1] if name[0].i > 0 else None
        if before is not None and (is_honorific(before.text) or is_title(before.text)):
            return True
        if any(is_honorific(t.text) or is_title(t.text) for t in titles):
            return True  # "Chancellor Olaf Scholz", even when the tagger says ORG
        if _outlet_of(titles) is not None:
            return True  # "Fox News' Bret Baier", which the tagger takes for one ORG
        return not labels - {""} and all(t.text[:1].isupper() and t.is_alpha for t in name)

    def _role_near(self, head: Token, first: Token) -> tuple[str | None, str | None]:
        """Role/organisation written before the name or in apposition to it."""
        left = [t for t in head.doc[head.left_edge.i : first.i] if t.dep_ != "det"]
        role, organization = _role_and_org(left) if left else (None, None)
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

    def _learn_genders(self) -> None:
        """Genders that rest on no guess, and the persons the article names anywhere.

        A gender comes from an honorific ("Mr. McKinley") or a pronoun bound in its
        own sentence to a named subject ("Clinton says *she* hopes"), the majority
        when they disagree. These are known before any pronoun is resolved: one
        "she" guessed across sentences ("Trump never contributed ... She says Trump
        ...") would else make Trump a woman, and every later "he" skip him.
        """
        votes: dict[str, Counter[str]] = {}
        for token in self._doc:
            if self._skipped(token.idx):
                continue
            gender = _PRONOUN_GENDER.get(token.lower_, "")
            mention: Mention | None = None
            if gender and token.dep_ in _SUBJECT_DEPS:
                binder = self._binder(token)
                if binder is not None and binder.pos_ == "PROPN":
                    mention = self._named(name_head(binder))
            elif token.pos_ == "PROPN" and name_head(token) is token:
                mention = self._named(token)
                if (
                    mention is not None
                    and mention.person
                    and name_parts(mention.name) is not None
                    and (_entity_label(token) == "PERSON" or mention.name in self.known_names())
                    and token.dep_ != "poss"
                    and not any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)
                ):  # "a former Miss Universe" names no one; "Obama's policies" are spoken of
                    self._people_named.append((token.idx, mention))
                run = _name_run(token)
                gender = next((honorific_gender(t.text) for t in run if is_honorific(t.text)), "")
            if gender and mention is not None and mention.person:
                votes.setdefault(mention.name, Counter())[gender] += 1
        for known in self._known:  # the given name's gender, outvoted by two signs
            prior = self._gender_of(known)
            if prior:
                votes.setdefault(known.name, Counter())[prior] += _GIVEN_NAME_VOTES
        for name, counted in votes.items():
            (top, n), *rest = counted.most_common()
            if not rest or rest[0][1] < n:
                self._gender[name] = top

    def _binder(self, pronoun: Token) -> Token | None:
        """The subject of the clause right above a pronoun's own, when written before the
        pronoun and no other person stands between: "*Donald Trump* is drawing criticism
        after he appeared to suggest", "*Republicans* had called the hearing because they
        felt", "*Clinton* says she hopes". Farther up, the parse too often climbs into
        another person's clause."""
        clause = pronoun.head
        if pronoun.dep_ not in _SUBJECT_DEPS or clause.dep_ not in _BOUND_CLAUSES:
            return None
        subjects = [c for c in clause.head.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects or subjects[0].i > pronoun.i or self._skipped(subjects[0].idx):
            return None
        binder = subjects[0]
        between = self._doc[binder.i + 1 : pronoun.i]
        if any(t.i > name_head(binder).i and self._a_person_named(t) for t in between):
            return None  # "Warren told *Stumpf*, after he admitted": he may be either
        return binder

    def _a_person_named(self, token: Token) -> bool:
        """A word that names a person: the tagger's PERSON, or a proper noun that is a
        known person's name though the tagger called it something else ("Stumpf")."""
        if _entity_label(token) == "PERSON":
            return True
        if token.pos_ in ("PRON", "DET", "ADP", "CCONJ") or not token.text[:1].isupper():
            return False  # the tagger may call a name a noun or a verb ("Trump this week")
        if not self._known:
            return False
        parts = name_parts(token.text)
        return parts is not None and bool(self._candidates(parts))

    def _bound(self, pronoun: Token, gender: str) -> Mention | None:
        """The person a "he" or "she" is bound to in its own sentence (:meth:`_binder`),
        unless the genders disagree ("Trump said she ...")."""
        binder = self._binder(pronoun)
        if binder is None:
            return None
        if binder.lower_ in _PRONOUN_GENDER:
            bound = self._resolved.get(binder.i) or self._pronoun(binder)
        else:
            bound = self.mention(binder)
        if bound is None or not bound.person or name_parts(bound.name) is None:
            return None
        known = self._gender.get(bound.name)
        return bound if known in (None, gender) else None

    def _collect_subjects(self) -> None:
        """Person subjects in reading order: the antecedents of "he" and "she".

        Genders are learned first (:meth:`_learn_genders`), then on the way from
        pronouns resolved, never against what was learned first, so that "she"
        skips a man named just before.
        """
        for token in self._doc:
            if token.dep_ not in _SUBJECT_DEPS or self._skipped(token.idx):
                continue
            mention = self.mention(token)
            if mention is None:
                continue
            # a named subject of a main clause is who "the candidate" next is ("Trump told
            # ABC ..."), even when the tagger did not call him a PERSON; a headline's "New
            # Polls Show ..." is not
            named = token.pos_ == "PROPN" and (
                _entity_label(token) == "PERSON"
                or (token.tag_ == "NNP" and len(_name_run(name_head(token))) == 1)
            )
            if token.lower_ in organisation_heads() or mention.name in self._organisations:
                named = False  # "The Post sent ...": no one "the mayor" could be
            if named and token.head.dep_ == "ROOT" and name_parts(mention.name) is not None:
                self._main_subjects.append((token.idx, mention))
            if not mention.person:
                continue
            gender = _PRONOUN_GENDER.get(token.lower_)
            if gender is not None:
                self._resolved[token.i] = mention
            else:
                run = _name_run(name_head(token)) if token.pos_ == "PROPN" else []
                gender = next((honorific_gender(t.text) for t in run if is_honorific(t.text)), "")
            if gender:
                self._gender.setdefault(mention.name, gender)
            self._salient.append((token.idx, mention))

    def _quoted_whole(self, run: Sequence[Token]) -> bool:
        """Whether the quote around the name holds nothing else: a slogan or a sign."""
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        return any(
            s <= start
            and end <= e
            and not self._doc.text[s:start].strip(" '\"“‘")
            and not self._doc.text[end:e].strip(" '\"”’,.")
            for s, e in self._skip
        )

    def _skipped(self, position: int) -> bool:
        return any(start <= position < end for start, end in self._skip)

    # lookups

    def _find(self, parts: NameParts, position: int, gender: str = "") -> _Known | None:
        """The known person ``parts`` names: the one written in full last before
        ``position``, else the first. "Scott said" after "Bobby Scott is not a household
        name" is Bobby Scott, even when "Tim Scott (R-S.C.)" was named in between once
        before and the article's first Scott came earlier. An honorific's ``gender``
        rules out the others: "Mrs. Clinton" is never Bill Clinton. A given name alone
        is the one person the article gives it to ("Jane" of Jane Sanders)."""
        matches = self._candidates(parts)
        if not matches and not parts.given:
            # a given name alone: "his wife, *Jane*, offered" is Jane Sanders
            matches = [k for k in self._known if k.parts.given[:1] == (parts.surname,)]
            matches = matches if len(matches) == 1 else []
        if gender:
            matches = [k for k in matches if self._gender_of(k) in ("", gender)]
        if not matches:
            return None

        def latest(known: _Known) -> int:
            return max((p for p in self._written.get(known.name, ()) if p <= position), default=-1)

        best = max(matches, key=latest)
        return best if latest(best) >= 0 else matches[0]

    def _gender_of(self, known: _Known) -> str:
        """A known person's gender: learned in the article, else their given name's
        (so "Mrs. Clinton" cannot make Bill Clinton a woman while genders are learned)."""
        if known.name in self._gender:
            return self._gender[known.name]
        given = known.parts.given
        return given_name_genders().get(fold(given[0]), "") if given else ""

    def _candidates(self, parts: NameParts) -> list[_Known]:
        """The known people ``parts`` may name; of several sharing a surname, not those the
        article calls by their given name alone ("Melania", "Bill")."""
        matches = [k for k in self._known if parts_match(parts, k.parts)]
        if not parts.given and len(matches) > 1:
            others = [k for k in matches if not any(g in self._alone for g in k.parts.given)]
            matches = others or matches
        return matches

    def _by_role(self, role: str, organization: str | None, position: int) -> _Known | None:
        noun = role.split()[-1].lower()
        matches = [
            k
            for k in self._known
            if k.role
            and k.role.split()[-1].lower() == noun
            and k.position < position
            and (organization is None or k.organization in (None, organization))
        ]
        return matches[-1] if matches else None

    def known_names(self) -> list[str]:
        """The full names the article gives, in order of first mention."""
        return [k.name for k in self._known]

    def mention(self, token: Token) -> Mention | None:
        """Resolve the noun phrase headed by ``token`` (a subject, an agent, an object)."""
        if token.lower_ in _RELATIVES and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in _PRONOUN_GENDER:
            return self._resolved.get(token.i) or self._pronoun(token)
        if token.lower_ == "they":
            return self._bound_plural(token) or self._organisation_subject(token)
        if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            return self._organisation_subject(token)
        if token.pos_ == "PRON" or token.is_punct or party_tag(token):
            return None
        if _entity_label(token) in _SHARE_LABELS or token.lower_ in _SHARES:
            # "45 percent of registered voters said", "One in three": who is counted speaks
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    return self.mention(pobj)
        for child in token.children:
            # "Dmitry Peskov, the Kremlin spokesman"; and a name the parse hangs from the
            # time line above it: "1:21 p.m. / Donald Trump is drawing criticism"
            between = token.doc[min(token.i, child.i) + 1 : max(token.i, child.i)]
            if any(t.text == ":" for t in between):
                continue  # "Issa: Clinton's 'Honesty Is In Question'": a headline's source
            if child.dep_ == "appos" and child.pos_ == "PROPN" and not party_tag(child):
                named = self._named(name_head(child))
                if named is not None and named.person:
                    return named
        if _entity_label(token) in _NOT_SPEAKERS and not self._known_name(token):
            return None
        if (person := self._possessed_person(token)) is not None:
            return person
        if token.pos_ == "PROPN" or _entity_label(token) == "PERSON" or self._a_person_named(token):
            return self._named(name_head(token))
        if token.pos_ in ("NOUN", "PROPN"):
            return self._described(token)
        return None

    def together(self, token: Token) -> Mention | None:
        """The speakers a subject names, all of them: "France and Germany unveiled a
        proposal", "Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) invoke" speak
        together, so neither alone is the source. One name is :meth:`mention`."""
        first = self.mention(token)
        names, last, joined = [token], token, False
        while first is not None and first.name:
            nxt = next((c for c in last.children if c.dep_ == "conj" and c.i > last.i), None)
            if nxt is None or nxt.pos_ != "PROPN":
                break
            joined = joined or any(c.dep_ == "cc" and c.lower_ == "and" for c in last.children)
            names.append(nxt)
            last = nxt
        if first is None or len(names) < 2 or not joined:
            return first
        mentions = [first] + [self.mention(name_head(t)) for t in names[1:]]
        written = [m.name for m in mentions if m is not None]
        if len(written) < len(mentions) or len(set(written)) < len(written):
            return first
        name = ", ".join(written[:-1]) + " and " + written[-1]
        end = max(m.end for m in mentions if m is not None)
        return Mention(name, first.start, end, None, None, False)

    def _possessed_person(self, token: Token) -> Mention | None:
        """The person an outlet's possessive introduces, when the parse makes the outlet
        the subject: "Fox News’ Bret Baier noticed" is Bret Baier of Fox News."""
        doc = token.doc
        if token.i + 2 >= len(doc) or doc[token.i + 1].text not in ("’", "'", "’s", "'s"):
            return None
        if _entity_label(token) not in _ORG_LABELS and token.lower_ not in organisation_heads():
            return None
        first = doc[token.i + 2]
        if first.pos_ != "PROPN" or not first.text[:1].isupper():
            return None
        named = self._named(name_head(first))
        if named is None or not named.person or name_parts(named.name) is None:
            return None
        outlet = _org_name(token) or token.text
        return Mention(named.name, named.start, named.end, named.role, outlet)

    def _known_name(self, token: Token) -> bool:
        """Whether a proper noun the tagger took for a title or an event names a person:
        one capitalised word ("Trump" of "Trump told CNN"), or a person the article gives
        in full. Longer titles stay out ("WikiLeaks Reveals Effort")."""
        if token.pos_ != "PROPN" or _entity_label(token) not in _MISREAD_NAMES:
            return False
        name = _split_name(_name_run(name_head(token)))[1]
        parts = name_parts(span_text(name))
        if parts is None:
            return False
        return len(name) == 1 or self._find(parts, token.idx) is not None

    def source_in(self, token: Token) -> Mention | None:
        """The speaker inside a source phrase: a person it names, else the phrase itself.

        "the most recent press briefing by Kremlin spokesman Dmitry Peskov"
        -> Dmitry Peskov; "a White House official" -> the official.
        """
        for inner in token.subtree:
            if inner.pos_ == "PROPN" and name_head(inner) is inner:
                named = self._named(inner)
                if named is not None and named.person and named.name in self.known_names():
                    return named
        for by in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"):
            for author in (c for c in by.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                found = self.mention(author)  # "according to a new report *by Politico*"
                if found is not None and found.person:
                    return found
                run = _name_run(author)  # the name as written, not the tagger's longer entity
                start, end = run[0].idx, author.idx + len(author)
                return Mention(span_text(run), start, end, None, span_text(run), False)
        return self.mention(token)

    def _last_named(self, position: int) -> Mention | None:
        """The person a definite description ("the candidate", "the senator") most likely
        is: the last person named as the subject of a main clause shortly before."""
        before = [m for p, m in self._main_subjects if position - DESCRIPTION_REACH <= p < position]
        return before[-1] if before else None

    def _bound_plural(self, pronoun: Token) -> Mention | None:
        """Who "they" are when its sentence says it: a plural subject it is bound to
        ("Republicans had called the hearing because *they* felt"); else no one."""
        binder = self._binder(pronoun)
        if binder is None or binder.tag_ not in PLURAL_TAGS:
            return None
        mention = self.mention(binder)
        if mention is None or len(mention.name.split()) > _MAX_PLURAL_WORDS:
            return None  # not "In the Wells Fargo scandal, people were mistakenly charged fees"
        return replace(mention, start=pronoun.idx, end=pronoun.idx + len(pronoun))

    def _aside_of(self, pronoun: Token, gender: str) -> Mention | None:
        """The known person named right before an aside that holds the pronoun:
        "*Trump* — even as he says ... — has proposed little". Not a person spoken to
        or of ("Obama praised *Biden* as he left"): an object is no antecedent here."""
        first = max(pronoun.sent.start, pronoun.i - _ASIDE_WORDS - 1)
        for token in reversed(self._doc[first : pronoun.i]):
            if token.is_punct or token.lower_ in _ASIDE_OPENERS:
                continue
            parts = name_parts(token.text) if token.text[:1].isupper() else None
            if parts is None or token.dep_ in _OBJECT_DEPS:
                return None
            known = self._find(parts, token.idx)
            if known is None or self._gender.get(known.name, gender) != gender:
                return None
            return Mention(
                known.name, token.idx, token.idx + len(token), known.role, known.organization
            )
        return None

    def _pronoun(self, token: Token) -> Mention | None:
        """The person a "he" or "she" is: the subject it is bound to in its sentence,
        else the nearest person subject before it of that gender; when none is in this
        sentence or the one before, a person those two sentences name in another place
        ("the Times gave *Clinton* a glowing endorsement: She has long been ...")."""
        gender = _PRONOUN_GENDER[token.lower_]
        bound = self._bound(token, gender) or self._aside_of(token, gender)
        if bound is not None:
            return replace(bound, start=token.idx, end=token.idx + len(token))
        before = [
            (position, m)
            for position, m in self._salient
            if token.idx - PRONOUN_REACH <= position < token.idx
            and self._gender.get(m.name, gender) == gender
        ]
        sentence = token.sent
        earlier = self._doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        # a person of unknown gender only when no subject of this gender is a few
        # sentences back: "These tactics ... in his debates against Clinton. ... he won't"
        # is still the Trump of two sentences before
        unsure = not before or before[-1][0] < token.idx - DESCRIPTION_REACH
        near = [
            m
            for position, m in self._people_named
            if earlier.start_char <= position < token.idx
            and self._gender.get(m.name, gender if unsure else "") == gender
        ]
        if near and (not before or before[-1][0] < earlier.start_char):
            return replace(near[-1], start=token.idx, end=token.idx + len(token))
        if not before:
            return None  # nobody near: no speaker is better than one 3,000 characters back
        antecedent = before[-1][1]
        return Mention(
            antecedent.name,
            token.idx,
            token.idx + len(token),
            antecedent.role,
            antecedent.organization,
        )

    def _named(self, head: Token) -> Mention | None:
        """A proper-noun mention: a known person, else an organisation or a bare name."""
        titles, name = _outlet_person(head) or _split_name(_name_run(head))
        if (
            titles
            and not any(is_honorific(t.text) for t in titles)
            and all(is_honorific(t.text) or is_title(t.text) for t in name)
        ):
            return None  # "the former Attorney General": a title names no one by itself
        text = span_text(name)
        start, end = name[0].idx, name[-1].idx + len(name[-1])
        parts = name_parts(text)
        if parts is not None:
            gender = next((honorific_gender(t.text) for t in titles if is_honorific(t.text)), "")
            known = self._find(parts, start, gender)
            if known is not None:
                return Mention(known.name, start, end, known.role, known.organization)
        label = _entity_label(head)
        # not a place ("Washington said" is no Washington Post) nor a person's name
        fuller = self._organisation_in_full(text) if label in ("", "ORG") and not titles else None
        if fuller is not None:  # "Peabody said" where the article names Peabody Energy
            return Mention(fuller, start, end, None, fuller, False)
        outlet = _outlet_of(titles)
        if outlet is not None and len(name) >= _NAME_AFTER_OUTLET:
            return Mention(text, start, end, None, outlet)  # "Fox News' Bret Baier"
        if label in _ORG_LABELS:
            ent = _entity_of(head)
            if ent is not None:
                return Mention(ent.text, ent.start_char, ent.end_char, None, _org_name(head), False)
        role, organization = self._role_near(head, name[0])
        if not titles and not role and len(name) == 1 and label != "PERSON":
            return Mention(text, start, end, None, None, False)
        return Mention(text, start, end, role, organization)

    def _another_named_before(self, name: str, description: Token) -> bool:
        """Whether the description's own sentence names, before it, another person the
        article knows: "calling on Republicans to unendorse *Trump* after the
        billionaire estate mogul claimed" is Trump or no one, not the subject named
        last (Lindsey Graham)."""
        words = description.doc[description.sent.start : description.left_edge.i]
        return any(
            t.pos_ == "PROPN" and t.text not in name.split() and self._in_a_known_name(t)
            for t in words
        )

    def _organisation_before(self, noun: Token) -> str | None:
        """The organisation "the company" is: the last one named before it in its sentence
        or the one before, outside quotes ("The Dow was held back by a drop in the oil
        giant Exxon Mobil. The company reported ..." is Exxon Mobil)."""
        sentence = noun.sent
        start = sentence.start
        if start > 0:  # the sentence before, or the one holding a quote that ends there
            start = self._doc[start - 1].sent.start
            while start > 0 and self._skipped(self._doc[start].idx):
                start = self._doc[start - 1].sent.start
        other = organisation_nouns()[noun.lemma_.lower()]
        for token in reversed(self._doc[start : noun.i]):
            if self._skipped(token.idx):
                continue
            name = self._organisation_named(token)
            if name is None:
                continue
            if name.split()[-1].lower() in other:
                return None  # "The New York Times reported ... The network said"
            return name
        return None

    def _organisation_subject(self, pronoun: Token) -> Mention | None:
        """The organisation an "it" or "they" speaking is: the nearest subject before it,
        in its sentence or the one before, when that subject is an organisation the
        tagger names ("Although *the IMF* did not single out Trump's proposals, *it*
        referenced", "*Politifact* seized on Trump's claim. *They* checked ... and
        found"), or for "they" a group ("labor-policy *experts* say, including a
        provision *they* say could exclude"). A nearer subject that is anything else
        ("the plan", a person) is what the pronoun more likely is, so then no one."""
        start = pronoun.sent.start
        if start > 0:
            start = self._doc[start - 1].sent.start
        for token in reversed(self._doc[start : pronoun.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or self._skipped(token.idx):
                continue
            if token.lower_ == pronoun.lower_:
                continue  # "it ... it": the same one again
            ent = _entity_of(token) if _entity_label(token) == "ORG" else None
            name = ent.text if ent is not None else self._organisation_named(name_head(token))
            if name is None and _entity_label(token) == "" and self._unknown_name(token):
                name = span_text(_name_run(token))  # "Politifact", which the tagger left untyped
            if name is None and pronoun.lower_ == "they" and token.tag_ in PLURAL_TAGS:
                group = self.mention(token)  # "labor-policy experts say ... they say"
                if group is None or len(group.name.split()) > _MAX_PLURAL_WORDS:
                    return None
                return replace(group, start=pronoun.idx, end=pronoun.idx + len(pronoun))
            if name is None or not name[:1].isupper():
                return None
            name = self._organisation_in_full(name) or name.removeprefix("the ")
            return Mention(name, pronoun.idx, pronoun.idx + len(pronoun), None, name, False)
        return None

    def _unknown_name(self, token: Token) -> bool:
        """A capitalised proper noun that is no part of any person's name the article
        gives."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return False
        return not self._in_a_known_name(token)

    def _in_a_known_name(self, token: Token) -> bool:
        """Whether ``token`` is a word of a name the article gives a person in full."""
        return any(token.text in k.name.split() for k in self._known)

    def _organisation_in_full(self, name: str) -> str | None:
        """The one organisation the article names in full that ``name`` shortens: its
        first or last words ("Peabody" for Peabody Energy, "the Post" for The
        Washington Post); none when two fit."""
        short = name.removeprefix("the ").removeprefix("The ")
        if not short:
            return None
        fits = {o for o in self._organisations if o.endswith(" " + short)}
        if short not in self._organisations:
            fits |= {o for o in self._organisations if o.startswith(short + " ")}
        # a name the tagger also gives alone only grows at its front: "the Times" is
        # the New York Times, but "the Senate" is not the Senate Judiciary Committee
        return fits.pop() if len(fits) == 1 else None

    def _organisation_named(self, token: Token) -> str | None:
        """The organisation whose name starts at ``token``: an ORG entity there, or the
        same words the tagger calls an organisation elsewhere in the article ("Zero
        Hedge asked" after "according to Zero Hedge")."""
        if _entity_label(token) == "ORG" and token.ent_iob_ == "B":
            ent = _entity_of(token)
            return ent.text if ent is not None and ent[-1].text[:1].isupper() else None
        if token.pos_ != "PROPN" or (token.i > 0 and self._doc[token.i - 1].pos_ == "PROPN"):
            return None
        run = self._doc[token.i : name_head(token).i + 1].text
        return run if run in self._organisations else None

    def _described(self, noun: Token) -> Mention | None:
        """A common-noun speaker: a role the article gave a person, else the description."""
        words = [t for t in noun.doc[noun.left_edge.i : noun.i + 1]]
        determiner = words[0].lower_ if words[0].dep_ == "det" else None
        while words and (words[0].dep_ == "det" or words[0].is_punct):
            words = words[1:]
        if not words:
            return None
        role, organization = _role_and_org(words)
        if determiner not in _INDEFINITE and role and is_title(noun.lemma_):
            known = self._by_role(role, organization, noun.idx)
            if known is not None:
                return Mention(
                    known.name,
                    words[0].idx,
                    noun.idx + len(noun),
                    known.role,
                    known.organization,
                )
        if (
            determiner == "the"
            and noun.tag_ == "NN"
            and noun.lemma_.lower() in organisation_nouns()
        ):
            body = self._organisation_before(noun)
            if body is not None:  # "... the oil giant Exxon Mobil. The company reported"
                return Mention(body, words[0].idx, noun.idx + len(noun), None, body, False)
        if determiner == "the" and noun.lower_ == "campaign" and len(words) == 1:
            named = self._last_named(noun.idx)
            if named is not None:  # "Hillary Clinton plans ... The campaign says": hers
                body = f"{named.name} campaign"
                return Mention(body, words[0].idx, noun.idx + len(noun), None, body, False)
        if determiner == "the" and role and names_a_person(noun.lemma_) and noun.tag_ == "NN":
            named = self._last_named(noun.idx)
            if (
                named is not None
                and not _named_elsewhere(named.name, noun)
                and not _another_title(named.role, noun)
                and not self._another_named_before(named.name, noun)
            ):  # "Trump told ABC ... the candidate said": Trump
                return Mention(named.name, words[0].idx, noun.idx + len(noun), role, organization)
        last = noun
        for child in noun.children:
            if child.dep_ == "conj" and child.i > last.i:
                last = child
            if child.dep_ == "prep" and child.lower_ in ("at", "of", "from", "in") and last is noun:
                objects = [c for c in child.children if c.dep_ == "pobj" and _org_name(c)]
                if objects and child.i == noun.i + 1:
                    organization = organization or _org_name(objects[0])
                    last = objects[0]
        end = last.idx + len(last)
        person = is_title(noun.lemma_) and noun.tag_ in ("NN", "NNP") and last is noun
        first = next((t for t in words if t.text not in _FRESH), words[0])
        text = noun.doc[first.i : last.i + 1].text  # "a *new* ... poll" is the poll
        if not is_title(noun.lemma_) or (role or "").lower() == text.lower():
            role = None  # "the newspaper", "officials": the speaker's own noun is no role
        return Mention(text, words[0].idx, end, role, organization, person)
