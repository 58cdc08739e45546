"""Who is speaking within one article: an article names a person in full once
("Kremlin spokesman Dmitry Peskov") and then by surname, honorific, pronoun or role
("Mr Peskov", "he", "the Kremlin spokesman"). :class:`PeopleIndex` maps those mentions
back to the full name, with the role and organisation the text gives anywhere in the
article. Its parts: the people named in full (:mod:`crosswire.annotate.known_people`),
a name and a role as written (:mod:`crosswire.annotate.name_runs`,
:mod:`crosswire.annotate.roles`), the organisations named
(:mod:`crosswire.annotate.organisations`) and pronouns
(:mod:`crosswire.annotate.pronouns`); this module resolves a noun phrase, a name or a
description ("the candidate", "the company"). Names across articles are
:mod:`crosswire.annotate.speaker_names`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from crosswire.annotate.documents import (
    a_bare_mention,
    document_nouns,
    earlier_mention,
    is_document,
    maker_by_verb,
    maker_in_phrase,
    maker_named_before,
)
from crosswire.annotate.interviews import answers, first_question, named_turns
from crosswire.annotate.known_people import KnownPeople, KnownPerson, Ranges
from crosswire.annotate.mentions import Mention
from crosswire.annotate.name_runs import (
    NAME_AFTER_OUTLET,
    ORG_LABELS,
    entity_label,
    entity_of,
    name_head,
    name_run,
    outlet_of,
    outlet_person,
    party_tag,
    split_name,
    surname_written,
)
from crosswire.annotate.organisations import Organisations
from crosswire.annotate.pronouns import (
    INDEFINITE,
    PRONOUN_GENDER,
    PronounResolution,
    mention_at,
)
from crosswire.annotate.roles import org_name, role_and_org, role_near, role_words
from crosswire.annotate.speaker_names import (
    name_parts,
    organisation_heads,
    organisation_nouns,
    span_text,
)
from crosswire.annotate.speaking import (
    document_about,
    honorific_gender,
    is_honorific,
    is_title,
    names_a_person,
    names_one_by_trade,
)

_RELATIVES = frozenset({"who", "that", "which", "whom"})
_NOT_SPEAKERS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART"}
)
_SHARE_LABELS = frozenset({"PERCENT", "CARDINAL", "QUANTITY"})
_SHARES = frozenset(
    "half third quarter majority minority most many number proportion percentage share handful "
    "dozens hundreds thousands".split()
)
_MISREAD_NAMES = frozenset({"WORK_OF_ART", "EVENT"})
_FRESH = frozenset({"new", "latest", "recent", "another"})  # "a new CNN poll"
_DOCUMENT_HOPS = 3  # bare "the ad" mentions looked through back to the one that says whose


def _another_title(role: str | None, description: Token) -> bool:
    """Whether a person's known role is another title than the one a description gives
    ("the mayor" is not the Clinton spokesman named last; "the former first lady and
    U.S. senator" may be the Democratic nominee)."""
    if not role or not is_title(description.lemma_):
        return False
    held = role_words(role)
    if not any(is_title(w) for w in held):
        return False  # "Democratic nominee" is no title that "the senator" contradicts
    return description.lemma_.lower() not in held


def _title_not_held(titles: Sequence[Token], role: str | None) -> bool:
    """Whether the title written before a name is one the known person of that name does
    not hold: "*President* Obama" is not Michelle Obama, "the first lady". A shortened
    title is held when the role's word starts with it ("Sen." of "senator")."""
    written = [
        t.lower_.rstrip(".") for t in titles if is_title(t.text) and not is_honorific(t.text)
    ]
    if not written or not role:
        return False
    held = role_words(role)
    if not any(is_title(w) for w in held):
        return False  # "Democratic nominee" holds no title that "Sen." contradicts
    return not any(h.startswith(w) for w in written for h in held)


def _named_elsewhere(name: str, description: Token) -> bool:
    """Whether the sentence of a description names ``name`` outside it: "The New York
    businessman says of *Clinton*" is not Clinton, whoever was named last."""
    inside = range(description.left_edge.i, description.right_edge.i + 1)
    return surname_written(name, (t for t in description.sent if t.i not in inside))


_OWNER_GENDER = {"his": "m", "her": "f"}
_SPOKEN_TO = frozenset({"dobj", "iobj", "dative"})  # "Obama praised *Biden*"
_PRONOUN_GENDERS = {**PRONOUN_GENDER, **_OWNER_GENDER}
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "mark"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: Nouns that name a place or a people more often than a body: "the state said" is no
#: "Islamic State", "the house" no "White House".
_PLACE_NOUNS = frozenset({"state", "house", "city", "country", "nation", "world", "people"})


def _a_clause(doc: Doc, mention: Mention) -> bool:
    """A speaker's name that is a clause the parse ran into a name: a comma and a
    finite verb inside it ("Tension flared in the race for the nomination on
    Thursday, with each candidate ..."); "Jeff Merkley, Sherrod Brown" and "gay
    rights groups, entertainers and business leaders" are names."""
    if "," not in mention.name:
        return False
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return words is not None and any(t.tag_ in _FINITE for t in words)


def _in_quote_marks(name: Token) -> bool:
    """Whether a name is set in quote marks: a title (a show, a book), not a person."""
    first = name_run(name_head(name))[0]
    return first.i > 0 and first.doc[first.i - 1].is_quote


def _word_before(token: Token) -> Token | None:
    """The word before ``token``, past a comma."""
    k = token.i - 1
    while k >= 0 and token.doc[k].text == ",":
        k -= 1
    return token.doc[k] if k >= 0 else None


def _person_like(noun: Token) -> bool:
    """Whether a noun can be who a "who" is: a name, a group, a person noun."""
    return (
        noun.pos_ == "PROPN"
        or entity_label(noun) in ("PERSON", "ORG", "NORP")
        or noun.tag_ == "NNPS"
        or noun.tag_ == "NNS"
        or names_a_person(noun.lemma_)
    )


def _person_relative_noun(relative: Token, noun: Token) -> Token:
    """The noun a relative pronoun stands for: the parse's, unless a "who" was hung on a
    thing past the people named nearer ("a focal point for *demonstrators* here, who
    have taken to the streets"), or a "that" on the topic of a document ("the F.B.I.
    *report* on her email practices that suggested")."""
    if relative.lower_ in ("that", "which"):
        return document_about(noun) or noun
    if relative.lower_ not in ("who", "whom") or _person_like(noun):
        return noun
    if noun.dep_ == "appos":
        return noun  # "John Bentel, a tech staffer at the State Department who"
    nearer = [t for t in relative.doc[noun.i + 1 : relative.i] if t.pos_ in ("NOUN", "PROPN")]
    if nearer and (nearer[-1].tag_ == "NNS" or entity_label(nearer[-1]) == "PERSON"):
        return nearer[-1]
    return noun


def _lower_case_proper(token: Token) -> bool:
    """A lower-case word the tagger called a proper noun: a description ("the billionaire
    business *mogul* told People"), not a name; a handle ("@nycsouthpaw") stays one."""
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and token.text.islower()
        and entity_label(token) == ""
    )


def _last_conjunct(noun: Token) -> Token | None:
    """The last noun joined to ``noun`` by "and" or a comma in a list, if any."""
    joined = [c for c in noun.children if c.dep_ == "conj" and c.i > noun.i]
    return joined[-1] if joined else None


class PeopleIndex(PronounResolution):
    """The people one article names, so that later mentions can be resolved.

    Built once per article from its parse; ``skip`` are character ranges
    (quoted passages) whose subjects are not taken as antecedents of pronouns.
    """

    def __init__(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> None:
        self._open: set[int] = set()  # the words being resolved (see :meth:`mention`)
        super().__init__(doc, skip, KnownPeople(doc, skip), Organisations(doc))

    @cached_property
    def _bodies_named(self) -> list[tuple[int, str]]:
        """(token index, name) of every organisation the article names outside quotes, in
        order: read once, for each "the company" or "the appeals court" to look back in."""
        return [
            (token.i, name)
            for token in self._doc
            if not self._skipped(token.idx) and (name := self._organisations.named(token))
        ]

    def gender(self, name: str) -> str:
        """A person's gender as the article shows it ("m", "f"), "" when unknown: learned
        from honorifics and bound pronouns, else the given name's."""
        known = next((k for k in self._known if k.name == name), None)
        return self._known.gender_of(known) if known is not None else ""

    @cached_property
    def _turns(self) -> list[tuple[int, int, str]]:
        return named_turns(self._doc.text)

    def _turn_of(self, token: Token) -> Mention | None:
        """Who speaks the transcript turn an "I" is in: the person the article names with
        the turn's name ("FALLIN:" is Gov. Mary Fallin), else that name as written."""
        for start, end, label in self._turns:
            if start <= token.idx < end:
                written = label.title()
                parts = name_parts(written)
                known = self._known.find(parts, token.idx) if parts is not None else None
                if known is not None:
                    return mention_at(known, token)
                return Mention(written, token.idx, token.idx + len(token))
        return None

    def known_names(self) -> list[str]:
        """The full names the article gives, in order of first mention."""
        return self._known.names()

    @cached_property
    def _interview(self) -> tuple[Ranges, Mention | None]:
        """A transcript's answers and who gives them: the first person its introduction
        names as a main clause's subject ("Vice President Joe Biden spent Thursday ...")."""
        text = self._doc.text
        spans = answers(text)
        if not spans:
            return Ranges(()), None
        intro = first_question(text)
        named = [m for p, m in self._main_subjects if p < intro and m.person]
        return Ranges(spans), (named[0] if named else None)

    def mention(self, token: Token) -> Mention | None:
        """Resolve the noun phrase headed by ``token`` (a subject, an agent, an object).

        A word is never resolved while it is being resolved: a relative, a pronoun, a
        description and a document each look at others, and one article's words could
        close a loop ("in a 58-page report, WHO said" once went report -> WHO -> report
        until Python's recursion limit); in a loop the word stands for no one."""
        if token.i in self._open:
            return None
        self._open.add(token.i)
        try:
            return self._resolve(token)
        finally:
            self._open.discard(token.i)

    def _resolve(self, token: Token) -> Mention | None:
        if token.text in ("Q", "A") and (token.i == 0 or "\n" in self._doc[token.i - 1].text):
            return None  # a transcript's "Q:" line: the interviewer, named nowhere
        if token.lower_ == "i" and not self._skipped(token.idx):
            answered, interviewee = self._interview
            if interviewee is not None and token.idx in answered:
                # "A: I think somebody's got to start": the interviewee
                return replace(interviewee, start=token.idx, end=token.idx + len(token))
            if (turn := self._turn_of(token)) is not None:
                return turn  # "FALLIN: I think he is trying to campaign as a racial healer"
        if token.lower_ in _RELATIVES and token.text.isupper() and token.i > 0:
            # "in a 58-page report, *WHO* said": the World Health Organization, no "who"
            # (read as one, its report was the speaker, and looking for the report's
            # maker came back to it)
            return Mention(token.text, token.idx, token.idx + len(token), None, token.text, False)
        if (
            token.lower_ in _RELATIVES
            and token.tag_ in ("WDT", "WP")
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.head.dep_ != "relcl"
        ):
            # "the Chicago Police Department *which* reported": a relative the parse did
            # not make one stands for the noun just before it
            before = _word_before(token)
            if before is None or before.pos_ not in ("NOUN", "PROPN"):
                return None
            return self.mention(name_head(before))
        if token.lower_ in _RELATIVES and token.head.dep_ == "relcl":
            relative, token = token, _person_relative_noun(token, token.head.head)
            # "Will Smith, ... and Stevie Wonder, *who* joked": Wonder; not "both Democrats
            # and Republicans, who *have* questioned"
            plural = any(t.tag_ == "VBP" for t in (relative.head, *relative.head.children))
            while not plural and (last := _last_conjunct(token)) is not None:
                if last.i > relative.i:
                    break
                token = last
            if token.dep_ == "appos" and token.head.pos_ == "PROPN":
                # "John Bentel, a tech staffer at the State Department *who* told": Bentel
                named = self._named(name_head(token.head))
                if named is not None and named.person:
                    return named
        if token.lower_ in PRONOUN_GENDER:
            return self._he_or_she(token)
        if token.lower_ == "they":
            return self._bound_plural(token) or self._organisation_subject(token)
        if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            return self._organisation_subject(token)
        if token.pos_ == "PRON" or token.is_punct or party_tag(token):
            return None
        if entity_label(token) in _SHARE_LABELS or token.lower_ in _SHARES:
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
                if _in_quote_marks(child):
                    continue  # "Joe Scarborough, host of MSNBC's “Morning Joe,”": a show
                if entity_label(token) == "PERSON" and any(
                    t.pos_ in ("VERB", "AUX") for t in between
                ):
                    # a person named already, the name hung after a clause of theirs: "Mark
                    # Zuckerberg, who announced ..., just as his role models Warren Buffett
                    # and Bill and Melinda Gates are doing" (not "the real Dred Scott, Chief
                    # Justice Roberts said")
                    continue
                named = self._named(name_head(child))
                if named is not None and named.person:
                    return named
        if entity_label(token) in _NOT_SPEAKERS and not self._known_name(token):
            return None
        if (person := self._possessed_person(token)) is not None:
            return person
        if (
            (token.pos_ == "PROPN" and not _lower_case_proper(token))
            or entity_label(token) == "PERSON"
            or self._known.a_person_named(token)
        ):
            return self._named(name_head(token))
        if token.pos_ in ("NOUN", "PROPN"):
            return self._described(token)
        return None

    def together(self, token: Token) -> Mention | None:
        """The speakers a subject names, all of them: "France and Germany unveiled a
        proposal", "Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) invoke" speak
        together, so neither alone is the source. One name is :meth:`mention`."""
        first = self.mention(token)
        if first is not None and _a_clause(self._doc, first):
            return None  # "Tension flared in the race ..., with each candidate ..."
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
        if entity_label(token) not in ORG_LABELS and token.lower_ not in organisation_heads():
            return None
        first = doc[token.i + 2]
        if first.pos_ != "PROPN" or not first.text[:1].isupper():
            return None
        named = self._named(name_head(first))
        if named is None or not named.person or name_parts(named.name) is None:
            return None
        outlet = org_name(token) or token.text
        return Mention(named.name, named.start, named.end, named.role, outlet)

    def _known_name(self, token: Token) -> bool:
        """Whether a proper noun the tagger took for a title or an event names a person:
        one capitalised word ("Trump" of "Trump told CNN"), or a person the article gives
        in full. Longer titles stay out ("WikiLeaks Reveals Effort")."""
        if token.pos_ != "PROPN" or entity_label(token) not in _MISREAD_NAMES:
            return False
        name = split_name(name_run(name_head(token)))[1]
        parts = name_parts(span_text(name))
        if parts is None:
            return False
        return len(name) == 1 or self._known.find(parts, token.idx) is not None

    def source_in(self, token: Token) -> Mention | None:
        """The speaker inside a source phrase: a person it names, else the phrase itself.

        "the most recent press briefing by Kremlin spokesman Dmitry Peskov"
        -> Dmitry Peskov; "a White House official" -> the official.
        """
        for inner in token.subtree:
            if inner.pos_ == "PROPN" and name_head(inner) is inner:
                named = self._named(inner)
                if named is not None and named.person and named.name in self._known.names():
                    return named
        for by in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"):
            for author in (c for c in by.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                found = self.mention(author)  # "according to a new report *by Politico*"
                if found is not None and found.person:
                    return found
                run = name_run(author)  # the name as written, not the tagger's longer entity
                start, end = run[0].idx, author.idx + len(author)
                return Mention(span_text(run), start, end, None, span_text(run), False)
        return self.mention(token)

    def _pronouns_gender(self, head: Token, name: Sequence[Token]) -> str:
        """The gender of the "he"/"she"/"his"/"her" in the clause a bare surname is the
        subject of, when it names no one else, outside quotes: whom a surname shared by
        a couple is ("In *her* 2003 book, Living History, Clinton noted"; "Clinton had
        told police officials that *she* didn't want the escort"). "" when none or both,
        or when the name is no subject ("He added a note of caution, should Clinton
        attempt": he is who spoke before)."""
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return ""
        verb, inside = head.head, {t.i for t in name}
        genders = set()
        for token in verb.subtree:
            if token.i in inside or self._skipped(token.idx):
                continue
            if token.pos_ == "PROPN" and self._a_known_person(token):
                return ""  # another person the pronouns may be
            if token.lower_ not in _PRONOUN_GENDERS:
                continue
            clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if clause is None:
                continue
            if (token.dep_ == "poss" and clause.i == verb.i) or (
                token.dep_ == "nsubj"
                and token.i > head.i
                and clause.dep_ == "ccomp"
                and clause.head.i == verb.i
            ):
                genders.add(_PRONOUN_GENDERS[token.lower_])
        return genders.pop() if len(genders) == 1 else ""

    def _a_known_person(self, token: Token) -> bool:
        """Whether a word names a person the article names in full; not the title of a
        thing ("her 2003 book, *Living History*", which the tagger calls a person)."""
        head = name_head(token)
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not _person_like(head.head):
            return False
        parts = name_parts(token.text)
        return parts is not None and self._known.find(parts, token.idx) is not None

    def _named(self, head: Token) -> Mention | None:
        """A proper-noun mention: a known person, else an organisation or a bare name."""
        titles, name = outlet_person(head) or split_name(name_run(head))
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
            likely = "" if gender or parts.given else self._pronouns_gender(head, name)
            known = self._known.find(parts, start, gender, likely)
            if known is not None and not _title_not_held(titles, known.role):
                return Mention(known.name, start, end, known.role, known.organization)
        label = entity_label(head)
        # not a place ("Washington said" is no Washington Post) nor a person's name
        fuller = self._organisations.in_full(text) if label in ("", "ORG") and not titles else None
        if fuller is not None:  # "Peabody said" where the article names Peabody Energy
            return Mention(fuller, start, end, None, fuller, False)
        outlet = outlet_of(titles)
        if outlet is not None and len(name) >= NAME_AFTER_OUTLET:
            return Mention(text, start, end, None, outlet)  # "Fox News' Bret Baier"
        if label in ORG_LABELS:
            ent = entity_of(head)
            if ent is not None:
                return Mention(ent.text, ent.start_char, ent.end_char, None, org_name(head), False)
        role, organization = role_near(head, name[0])
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
            t.pos_ == "PROPN" and t.text not in name.split() and self._known.in_a_known_name(t)
            for t in words
        )

    def _organisation_before(self, noun: Token) -> str | None:
        """The organisation "the company" is: the last one named before it in its sentence
        or the one before, outside quotes ("The Dow was held back by a drop in the oil
        giant Exxon Mobil. The company reported ..." is Exxon Mobil)."""
        start = self._from_sentence_before(noun)
        while start > 0 and self._skipped(self._doc[start].idx):
            start = self._doc[start - 1].sent.start  # or the one holding a quote ending there
        other = organisation_nouns()[noun.lemma_.lower()]
        for at, name in reversed(self._bodies_named):
            if at < start or at >= noun.i:
                continue
            if name.split()[-1].lower() in other:
                return None  # "The New York Times reported ... The network said"
            return name
        return None

    def _organisation_called(self, noun: Token) -> str | None:
        """The organisation last named in full before a description that its name holds
        with every word before the noun: "the appeals court" is the "U.S. Court of
        Appeals for the Sixth Circuit", "the committee" the "House Intelligence
        Committee"; not "the appeals court" of a "Supreme Court"."""
        wanted = {noun.lower_} | {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
        for at, name in reversed(self._bodies_named):
            if at < noun.i and wanted <= {w.lower() for w in name.split()}:
                return name
        return None

    def _named_next(self, noun: Token) -> KnownPerson | None:
        """The person a titled description opening its sentence stands for when the
        next sentence names them with that title: "The New York state attorney
        general is confirming ... Attorney General Eric Schneiderman said"."""
        following = noun.sent.end
        end = self._doc[following].sent.end_char if following < len(self._doc) else noun.idx
        return self._known.introduced_after(noun.lemma_, noun.idx, end)

    def _described(self, noun: Token) -> Mention | None:
        """A common-noun speaker: a role the article gave a person, else the description."""
        words = [t for t in noun.doc[noun.left_edge.i : noun.i + 1]]
        determiner = words[0].lower_ if words[0].dep_ == "det" else None
        while words and (words[0].dep_ == "det" or words[0].is_punct):
            words = words[1:]
        if not words or any(
            t.dep_ in _CLAUSE_DEPS or t.tag_ in _FINITE for t in words if t.i != noun.i
        ):  # "that Sanders co-sponsored bans", "Tension flared in the race ..., with each
            return None  # candidate": a clause the parse made a noun phrase
        if is_document(noun) and (made := self._document_maker(noun, words)):
            return made  # "A report released ... by the National Academies", "the poll"
        role, organization = role_and_org(words)
        if determiner not in INDEFINITE and role and is_title(noun.lemma_):
            known = self._known.by_role(role, organization, noun.idx)
            if known is None and noun.dep_ in ("nsubj", "nsubjpass") and len(words) > 1:
                known = self._named_next(noun)  # not a bare "the president": one named before
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
        if determiner == "the" and noun.tag_ == "NN" and noun.lower_ not in _PLACE_NOUNS:
            body = self._organisation_called(noun)
            if body is not None:  # "the U.S. Court of Appeals ... The appeals court ruled"
                return Mention(body, words[0].idx, noun.idx + len(noun), None, body, False)
        if determiner == "the" and noun.lower_ == "campaign" and len(words) == 1:
            named = self._last_named(noun.idx)
            if named is not None:  # "Hillary Clinton plans ... The campaign says": hers
                body = f"{named.name} campaign"
                return Mention(body, words[0].idx, noun.idx + len(noun), None, body, False)
        singular = noun.tag_ == "NN" or (noun.tag_ == "NNP" and _lower_case_proper(noun))
        if determiner == "the" and role and names_one_by_trade(noun.lemma_) and singular:
            named = self._last_named(noun.idx)
            if (
                named is not None
                and not _named_elsewhere(named.name, noun)
                and not _another_title(named.role, noun)
                and not self._another_named_before(named.name, noun)
                and not self._unnamed_since(named.start, noun, "")
            ):  # "Trump told ABC ... the candidate said": Trump; "Donna Lages ... a
                # middle-aged cashier was shaken ... said the woman": not Donna Lages
                return Mention(
                    named.name, words[0].idx, noun.idx + len(noun), named.role or role, organization
                )
        last = noun
        for child in noun.children:
            if child.dep_ == "conj" and child.i > last.i:
                last = child
            if child.dep_ == "prep" and child.lower_ in ("at", "of", "from", "in") and last is noun:
                objects = [c for c in child.children if c.dep_ == "pobj" and org_name(c)]
                if objects and child.i == noun.i + 1:
                    organization = organization or org_name(objects[0])
                    last = objects[0]
        end = last.idx + len(last)
        person = is_title(noun.lemma_) and noun.tag_ in ("NN", "NNP") and last is noun
        first = next((t for t in words if t.text not in _FRESH), words[0])
        text = noun.doc[first.i : last.i + 1].text  # "a *new* ... poll" is the poll
        if not is_title(noun.lemma_) or (role or "").lower() == text.lower():
            role = None  # "the newspaper", "officials": the speaker's own noun is no role
        owner = self._owner(words[0]) if len(words) > 1 else None
        if owner is not None:  # "*his* advisers have suggested": Barack Obama's advisers
            text = f"{owner.name}'s {noun.doc[max(first.i, words[1].i) : last.i + 1].text}"
        return Mention(text, words[0].idx, end, role, organization, person)

    def _document_maker(self, noun: Token, words: Sequence[Token]) -> Mention | None:
        """Whoever made a speaking document (:mod:`crosswire.annotate.documents`), as a
        speaker written at the document's words: its own phrase's maker, or, for a bare
        "the poll", its earlier mention's (that mention's maker, the subject of the verb
        that made it, or the organisation its name opens with: "The PPIC poll"), through
        earlier bare mentions ("A new ad from Donald Trump's presidential campaign ...
        The ad uses footage ... The ad then references")."""
        found = self._made_by(noun, earlier=False)
        earlier: Token | None = noun
        for _ in range(_DOCUMENT_HOPS):
            if found is not None or earlier is None or not a_bare_mention(earlier):
                break
            earlier = earlier_mention(earlier, self._skipped)
            found = self._made_by(earlier, earlier=True) if earlier is not None else None
        if found is None or found.name.lower() in document_nouns() or found.name.islower():
            return None  # "a poll" says no more than "the poll"; "a group of researchers"
        return replace(found, start=words[0].idx, end=noun.idx + len(noun))

    def _made_by(self, document: Token, *, earlier: bool) -> Mention | None:
        """The maker one mention of a document names, in its phrase or by the verb that
        made it; an ``earlier`` mention also by the organisation its name opens with."""
        if (maker := maker_in_phrase(document)) is not None and not is_document(maker):
            return self.together(maker)  # "a survey by Comcast Xfinity"
        if (maker := maker_by_verb(document)) is not None and not is_document(maker):
            return self.together(maker)  # "Cook provided a written statement"
        if not earlier:
            return None
        if (maker := maker_named_before(document)) is not None:
            name = self._doc[maker.left_edge.i : maker.i + 1].text  # "The PPIC poll"
            return Mention(name, maker.idx, maker.idx + len(maker), None, name, False)
        return None

    def _named_first(self, word: Token, gender: str) -> Mention | None:
        """The one person of that gender a possessive's own sentence names before it, when
        no person is its subject there: "Despite *Rubio's* standing, *his* donors remain
        confident" are Rubio's, not those of Cruz, the subject of the sentence before. A
        person spoken to or of as an object stays out ("praised Biden as his ...")."""
        sentence = word.sent
        if any(sentence.start_char <= p < word.idx for p, _ in self._salient):
            return None
        named: dict[str, Mention] = {}
        for token in self._doc[sentence.start : word.i]:
            if token.pos_ != "PROPN" or name_head(token).i != token.i or self._skipped(token.idx):
                continue
            parts = name_parts(token.text)
            known = self._known.find(parts, token.idx) if parts is not None else None
            if known is None or token.dep_ in _SPOKEN_TO:
                continue
            if self._known.genders.get(known.name) == gender:
                named[known.name] = mention_at(known, token)
        return next(iter(named.values())) if len(named) == 1 else None

    def _owner(self, word: Token) -> Mention | None:
        """The person a possessive "his" or "her" before a description is, so that the
        description says whose it is: "*his* advisers", "*her* campaign manager". Only a
        person of that gender named in this sentence or the one before: read on a real
        batch, owners found farther back were wrong half the time, and no owner is
        better than a wrong one."""
        gender = _OWNER_GENDER.get(word.lower_)
        if gender is None or word.tag_ != "PRP$":
            return None
        owner = self._named_first(word, gender) or self._pronoun(word, gender)
        if owner is None or not owner.person or name_parts(owner.name) is None:
            return None  # "*her* submission" of "the New York judge": no one's name
        if self.gender(owner.name) != gender:
            return None  # "her aides" is no Gene Sperling's
        start = self._from_sentence_before(word)
        if not surname_written(owner.name, self._doc[start : word.i]):
            return None  # named paragraphs back: "his campaign" was more often another's
        return owner
