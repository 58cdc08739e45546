"""Who a pronoun is, within one article: the person a "he" or "she" is bound to in its
own sentence ("*Clinton* says *she* hopes"), else the person last named as a subject of
that gender; the group or organisation a "they" or "it" speaking is ("*Politifact*
seized on Trump's claim. *They* checked ..."). The subjects read in order for this are
also whom a definite description follows ("Trump told ABC ... *the candidate* said").

:class:`PronounResolution` is the part of
:class:`~crosswire.annotate.speakers.PeopleIndex` that reads these antecedents once,
when the index is built; how a noun phrase resolves is the index's own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from crosswire.annotate.known_people import KnownPeople, KnownPerson, Ranges
from crosswire.annotate.mentions import Mention
from crosswire.annotate.name_runs import entity_label, entity_of, name_head, name_run
from crosswire.annotate.organisations import Organisations
from crosswire.annotate.speaker_names import (
    PLURAL_TAGS,
    fold,
    given_name_genders,
    name_parts,
    organisation_heads,
    span_text,
)
from crosswire.annotate.speaking import (
    honorific_gender,
    is_honorific,
    names_a_person,
    speaking_nouns,
)
from crosswire.annotate.tables import data_lines

#: How far back (characters) "he" or "she" and "the candidate" look for the person they
#: are: about three paragraphs, and two sentences. Farther, the right antecedent was most
#: often a person the parse did not see as a subject.
PRONOUN_REACH = 1500
_UNNAMED_REACH = 2  # sentences back an unnamed person subject is looked for
_GIVEN_NAME_VOTES = 2  # a given name outweighs one bound pronoun, not an honorific and one
_ASIDE_WORDS = 4  # words from a name to a pronoun in its aside: "Trump — even as he"
_ASIDE_OPENERS = frozenset({"even", "as", "while", "though", "although", "because", "since"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "iobj", "dative", "poss", "attr", "oprd"})
DESCRIPTION_REACH = 400
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
#: How a pronoun's clause hangs from the clause whose subject it can be bound to.
_BOUND_CLAUSES = frozenset({"ccomp", "advcl", "conj"})
_MAX_PLURAL_WORDS = 4
#: who, that, which: the subject a relative clause has of its own
_RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})


class PronounResolution(ABC):
    """The antecedents of one article's pronouns, read when the index is built.

    Genders are learned first (:meth:`_learn_genders`), then the person subjects in
    reading order (:meth:`_collect_subjects`); both resolve noun phrases with the
    subclass's :meth:`mention` and :meth:`_named`. ``skip`` are character ranges
    (quoted passages) whose subjects are not taken as antecedents.
    """

    def __init__(
        self,
        doc: Doc,
        skip: Sequence[tuple[int, int]],
        known: KnownPeople,
        organisations: Organisations,
    ) -> None:
        self._doc = doc
        self._skip = tuple(skip)
        self._quoted = Ranges(self._skip)
        self._known = known
        self._organisations = organisations
        self._salient: list[tuple[int, Mention]] = []
        self._main_subjects: list[tuple[int, Mention]] = []  # named subjects of main clauses
        self._main_clause: set[int] = set()  # where a salient subject is a main clause's
        self._resolved: dict[int, Mention] = {}
        self._people_named: list[tuple[int, Mention]] = []  # persons named, any place
        self._learn_genders()
        self._collect_subjects()

    @abstractmethod
    def mention(self, token: Token) -> Mention | None:
        """Resolve the noun phrase headed by ``token`` (a subject, an agent, an object)."""

    @abstractmethod
    def together(self, token: Token) -> Mention | None:
        """The speakers a subject names, all of them ("France and Germany")."""

    @abstractmethod
    def _named(self, head: Token) -> Mention | None:
        """A proper-noun mention: a known person, else an organisation or a bare name."""

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
            gender = PRONOUN_GENDER.get(token.lower_, "")
            mention: Mention | None = None
            if gender and token.dep_ in _SUBJECT_DEPS:
                binder = self._binder(token)
                if binder is not None and binder.pos_ == "PROPN":
                    mention = self._named(name_head(binder))
            elif token.pos_ == "PROPN" and name_head(token).i == token.i:
                mention = self._named(token)
                if (
                    mention is not None
                    and mention.person
                    and name_parts(mention.name) is not None
                    and (entity_label(token) == "PERSON" or mention.name in self._known.names())
                    and token.dep_ != "poss"
                    and not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children)
                ):  # "a former Miss Universe" names no one; "Obama's policies" are spoken of
                    self._people_named.append((token.idx, mention))
                run = name_run(token)
                gender = next((honorific_gender(t.text) for t in run if is_honorific(t.text)), "")
            if gender and mention is not None and mention.person:
                if self._surname_against_given_name(token, mention, gender):
                    continue
                votes.setdefault(mention.name, Counter())[gender] += 1
        for known in self._known:  # the given name's gender, outvoted by two signs
            prior = self._known.gender_of(known)
            if prior:
                votes.setdefault(known.name, Counter())[prior] += _GIVEN_NAME_VOTES
        for name, counted in votes.items():
            (top, n), *rest = counted.most_common()
            if not rest or rest[0][1] < n:
                self._known.genders[name] = top

    def _surname_against_given_name(self, token: Token, mention: Mention, gender: str) -> bool:
        """Whether a gender sign comes from a surname alone and contradicts the given name
        of the one person of that surname the article names in full: "*Mr.* Obama" in an
        article that names only Michelle Obama in full is another Obama, not a sign that
        Michelle is a man."""
        parts = name_parts(mention.name)
        if parts is None or not parts.given:
            return False
        if given_name_genders().get(fold(parts.given[0]), gender) == gender:
            return False
        written = {t.lower_ for t in name_run(token)} if token.pos_ == "PROPN" else set()
        return parts.given[0].lower() not in written

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
        if any(t.i > name_head(binder).i and self._known.a_person_named(t) for t in between):
            return None  # "Warren told *Stumpf*, after he admitted": he may be either
        return binder

    def _bound(self, pronoun: Token, gender: str) -> Mention | None:
        """The person a "he" or "she" is bound to in its own sentence (:meth:`_binder`),
        unless the genders disagree ("Trump said she ...")."""
        binder = self._binder(pronoun)
        if binder is None:
            return None
        bound = self._he_or_she(binder) if binder.lower_ in PRONOUN_GENDER else self.mention(binder)
        if bound is None or not bound.person or name_parts(bound.name) is None:
            return None
        known = self._known.genders.get(bound.name)
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
                entity_label(token) == "PERSON"
                or (token.tag_ == "NNP" and len(name_run(name_head(token))) == 1)
            )
            if token.lower_ in organisation_heads() or mention.name in self._organisations.names:
                named = False  # "The Post sent ...": no one "the mayor" could be
            if named and token.head.dep_ == "ROOT" and name_parts(mention.name) is not None:
                self._main_subjects.append((token.idx, mention))
            if not mention.person:
                continue
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is not None:
                self._resolved[token.i] = mention
            else:
                run = name_run(name_head(token)) if token.pos_ == "PROPN" else []
                gender = next((honorific_gender(t.text) for t in run if is_honorific(t.text)), "")
            if gender:
                self._known.genders.setdefault(mention.name, gender)
            if token.head.dep_ == "relcl" and token.tag_ in _RELATIVE_TAGS:
                # "the author of that boast, Muhammad Ali, *who* died": an aside; a name is
                # a subject there ("the reason *President Obama* is seeking approval. It's
                # to the advantage of the United States, he says" is Obama)
                continue
            self._salient.append((token.idx, mention))
            if token.head.dep_ == "ROOT":
                self._main_clause.add(token.idx)

    def _from_sentence_before(self, token: Token) -> int:
        """Where the sentence before ``token``'s starts (its own, when it is the first):
        how far back "it", "his" or "the company" looks for whom it stands for."""
        return sentences_back(token, 1)

    def _skipped(self, position: int) -> bool:
        return position in self._quoted

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
            known = self._known.find(parts, token.idx)
            if known is None or self._known.genders.get(known.name, gender) != gender:
                return None
            return mention_at(known, token)
        return None

    def _he_or_she(self, token: Token) -> Mention | None:
        """The person a "he" or "she" is: as resolved when the subjects were read, else
        :meth:`_pronoun`."""
        return self._resolved.get(token.i) or self._pronoun(token)

    def _pronoun(self, token: Token, gender: str = "") -> Mention | None:
        """The person a "he" or "she" is: the subject it is bound to in its sentence,
        else the nearest person subject before it of that gender; when none is in this
        sentence or the one before, a person those two sentences name in another place
        ("the Times gave *Clinton* a glowing endorsement: She has long been ...")."""
        gender = gender or PRONOUN_GENDER[token.lower_]
        bound = self._bound(token, gender) or self._aside_of(token, gender)
        if bound is not None:
            return replace(bound, start=token.idx, end=token.idx + len(token))
        below = self._named_below(token)
        before = [
            (position, m)
            for position, m in self._salient
            if token.idx - PRONOUN_REACH <= position < token.idx
            and self._known.genders.get(m.name, gender) == gender
            and _surname(m.name) not in below
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
            and self._known.genders.get(m.name, gender if unsure else "") == gender
            and _surname(m.name) not in below
        ]
        if near and (not before or before[-1][0] < earlier.start_char):
            if self._unnamed_since(near[-1].start, token, gender):
                return None
            return replace(near[-1], start=token.idx, end=token.idx + len(token))
        if not before:
            return None  # nobody near: no speaker is better than one 3,000 characters back
        if self._unnamed_since(before[-1][0], token, gender):
            return None
        antecedent = before[-1][1]
        if before[-1][0] < sentence.start_char and _first_subject(token):
            # "Trump called for the president to resign. *He* said": a pronoun opening its
            # sentence continues the subject of the sentence before, not one it embeds
            main = [m for p, m in before if p >= earlier.start_char and p in self._main_clause]
            antecedent = main[-1] if main else antecedent
        return Mention(
            antecedent.name,
            token.idx,
            token.idx + len(token),
            antecedent.role,
            antecedent.organization,
        )

    def _unnamed_since(self, position: int, pronoun: Token, gender: str) -> bool:
        """Whether a person the article does not name is the subject of a clause after
        ``position`` and before the pronoun, in its sentence or the two before (a quote
        alone is a sentence), and can be who it is: "A 29-year-old Berlin *woman* ...
        received probation after she had posted ... 'Filth out!' *she* wrote" is that
        woman, not a woman named earlier (``unnamed_people.tsv``)."""
        for token in self._doc[sentences_back(pronoun, _UNNAMED_REACH) : pronoun.i]:
            if token.idx <= position or token.dep_ not in _SUBJECT_DEPS or token.tag_ != "NN":
                continue
            if self._skipped(token.idx) or token.head.dep_ == "relcl":
                continue  # not "'A man you can bait with a tweet ...,' said the nominee",
                # nor "the amount of debt *an average college student* has"
            held = _unnamed_people().get(token.lemma_.lower())
            if held is None or (gender and held not in ("-", gender)):
                continue
            determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), "")
            definite = (
                determiner == "the"
                and held != "-"
                and not any(c.dep_ in ("compound", "conj") for c in token.children)
            )  # not "the former first lady and U.S. senator": Clinton
            if (determiner in INDEFINITE or definite) and not any(
                c.dep_ == "appos" for c in token.children
            ):
                return True  # not "the man, Omar Mateen,": named there
        return False

    def _named_below(self, pronoun: Token) -> frozenset[str]:
        """The folded names a subject pronoun's own clause holds after it, whom it cannot
        stand for: "*He* insisted Curiel had 'an inherent conflict of interest'" is not
        Curiel, "He said Obama hopes" not Obama. An owner ("he notes ... an issue with
        Trump's microphone") or a name in quote marks ("she added the words, 'Hillary
        Clinton'") may still be the same person, as news writes."""
        if pronoun.dep_ not in _SUBJECT_DEPS:
            return frozenset()
        # never past its paragraph, which the parse sometimes runs on into the next
        # ("'...,' she said, but added ... / 'Isabelle thinks ...,' Ms. Sherry said")
        doc = pronoun.doc
        end = next((t.i for t in doc[pronoun.i :] if "\n" in t.text_with_ws), len(doc))
        return frozenset(
            fold(t.text)
            for t in pronoun.head.subtree
            if pronoun.i < t.i <= end
            and t.pos_ == "PROPN"
            and name_head(t).dep_ != "poss"
            and not self._skipped(t.idx)
        )

    def _organisation_subject(self, pronoun: Token) -> Mention | None:
        """The organisation an "it" or "they" speaking is: the nearest subject before it,
        in its sentence or the one before, when that subject is an organisation the
        tagger names ("Although *the IMF* did not single out Trump's proposals, *it*
        referenced", "*Politifact* seized on Trump's claim. *They* checked ... and
        found"), or for "they" a group ("labor-policy *experts* say, including a
        provision *they* say could exclude"), or for "it" a document ("'...,' *the
        article* read. '...,' *it* added"). A nearer subject that is anything else
        ("the plan", a person) is what the pronoun more likely is, so then no one."""
        start = self._from_sentence_before(pronoun)
        for token in reversed(self._doc[start : pronoun.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or self._skipped(token.idx):
                continue
            if token.lower_ == pronoun.lower_:
                continue  # "it ... it": the same one again
            if pronoun.lower_ == "it" and token.lower_ in PRONOUN_GENDER:
                continue  # "The ad then references ... while *she* was secretary of state.
                # *It* also mentions": a person is never "it"
            if token.tag_ == "WDT" and token.head.dep_ == "relcl" and pronoun.lower_ == "it":
                # "a company called *Cambridge Analytica*, which specializes in building
                # what *it* calls 'psychographic' profiles": the noun "which" stands for
                # (not for "they": "statements that turned out untrue ... they" are not
                # the statements)
                token = _called(token.head.head)
            if pronoun.lower_ == "they" and any(c.dep_ == "conj" for c in token.children):
                # "what *Trump and Lewandowski* said about the incident. *They* had
                # asserted": the people a subject names together
                group = self.together(token)
                if group is not None and " and " in group.name:
                    return replace(group, start=pronoun.idx, end=pronoun.idx + len(pronoun))
            if self._known.a_person_named(token):
                return None  # "officers saw *Scott* get out ..., and they ordered him"
            ent = entity_of(token) if entity_label(token) == "ORG" else None
            name = ent.text if ent is not None else self._organisations.named(name_head(token))
            if name is None and entity_label(token) == "" and self._known.unknown_name(token):
                name = span_text(name_run(token))  # "Politifact", which the tagger left untyped
            if name is None and pronoun.lower_ == "they" and token.tag_ in PLURAL_TAGS:
                group = self.mention(token)  # "labor-policy experts say ... they say"
                if group is None or len(group.name.split()) > _MAX_PLURAL_WORDS:
                    return None
                return replace(group, start=pronoun.idx, end=pronoun.idx + len(pronoun))
            if name is None and pronoun.lower_ == "it" and _a_document(token):
                document = self.mention(token)  # "'...,' the article read. '...,' it added"
                if document is None:
                    return None
                return replace(document, start=pronoun.idx, end=pronoun.idx + len(pronoun))
            if name is None or not name[:1].isupper():
                return None
            name = self._organisations.in_full(name) or name.removeprefix("the ")
            return Mention(name, pronoun.idx, pronoun.idx + len(pronoun), None, name, False)
        return None


def sentences_back(token: Token, count: int) -> int:
    """The index of the first token of the sentence ``count`` sentences before
    ``token``'s (of the first sentence, when there are fewer)."""
    start = token.sent.start
    for _ in range(count):
        start = token.doc[start - 1].sent.start if start > 0 else start
    return start


def mention_at(known: KnownPerson, token: Token) -> Mention:
    """A mention of a known person, written at ``token`` (a surname, a pronoun)."""
    return Mention(known.name, token.idx, token.idx + len(token), known.role, known.organization)


def _called(noun: Token) -> Token:
    """The name a noun is given ("a company *called* Cambridge Analytica"), else itself."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_ in ("call", "name"):
            named = [c for c in child.children if c.dep_ in ("oprd", "dobj", "attr")]
            if named and named[0].pos_ == "PROPN":
                return named[0]
    return noun


def _a_document(noun: Token) -> bool:
    """Whether a singular common noun is a thing that speaks, as a document does ("the
    article", "the ad", "the report"), not a person ("the spokesman")."""
    return noun.tag_ == "NN" and noun.lower_ in speaking_nouns() and not names_a_person(noun.lower_)


def _surname(name: str) -> str:
    parts = name_parts(name)
    return parts.surname if parts is not None else fold(name.split()[-1]) if name else ""


def _first_subject(pronoun: Token) -> bool:
    """Whether a pronoun is the first subject of its sentence ("*He* said ...")."""
    return pronoun.dep_ in _SUBJECT_DEPS and not any(
        t.dep_ in _SUBJECT_DEPS for t in pronoun.doc[pronoun.sent.start : pronoun.i]
    )


@cache
def _unnamed_people() -> dict[str, str]:
    """``unnamed_people.tsv``: noun -> the gender of the person it names ("f", "m", "-"
    for either); a row without one of those is an error naming its line."""
    out = {}
    for number, cells in data_lines("unnamed_people.tsv"):
        if len(cells) < 2 or cells[1] not in ("f", "m", "-"):
            raise ValueError(f"unnamed_people.tsv:{number}: expected noun<TAB>f, m or -")
        out[cells[0].lower()] = cells[1]
    return out
