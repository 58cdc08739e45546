"""Which common nouns can be a speaker on their own.

"Officials said", "a poll showed", "the video shows": a person, a group, an
organisation or a document speaks. "The average shows", "a number of ...":
the parse found a subject, but no one is speaking, and a reader shown
"average" as a speaker is misled. The list is data
(``data/speaking_nouns.tsv``); a quote whose speaker is another common noun
alone keeps its words and source span, with no speaker. The words that stand before
a person's name, honorifics, titles and person nouns (``data/person_titles.tsv``),
are read here too: a description speaks when its noun is one ("the senator").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from crosswire.annotate.tables import data_lines, data_words
from crosswire.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Token


def speaking_nouns() -> frozenset[str]:
    """The common nouns that may speak alone (``data/speaking_nouns.tsv``)."""
    return data_words("speaking_nouns.tsv")


# "front-runner", "governor", "strategist", "nominee", "Republican", "incumbent",
# "representative", "businessman", "Democrat", "neurosurgeon"
_AGENT_ENDINGS = ("er", "or", "ist", "ee", "an", "ant", "ent", "ive", "man", "crat", "geon")


def a_role_word(word: str) -> bool:
    """A noun for someone by what they do: ``role_nouns.tsv`` ("host", "hopeful") or a
    word made for who does something ("front-runner", "nominee", "strategist")."""
    text = word.lower().rstrip(".")
    return text in data_words("role_nouns.tsv") or text.endswith(_AGENT_ENDINGS)


#: Endings of nouns that name one person by trade and seldom a thing ("radioman",
#: "columnist", "physician", "neurosurgeon"): not "-er"/"-an", which "order" and "plan" end in.
_TRADE_ENDINGS = ("man", "woman", "ist", "ian", "geon")


def names_one_by_trade(word: str) -> bool:
    """A noun that names one person, by title, person noun or trade ("the senator", "the
    candidate", "the retired neurosurgeon", "the radioman"): what "the ..." speaking
    after a person was named can stand for."""
    text = word.lower().rstrip(".")
    return (
        names_a_person(text)
        or text in data_words("role_nouns.tsv")
        or text.endswith(_TRADE_ENDINGS)
    )


@lru_cache(maxsize=1)
def _titles() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """(honorific -> gender or "", titles, person nouns, title modifiers) from
    person_titles.tsv; a row of another kind is an error naming its line."""
    honorifics: dict[str, str] = {}
    kinds: dict[str, set[str]] = {"title": set(), "person": set(), "modifier": set()}
    for number, cells in data_lines("person_titles.tsv"):
        if cells[0] == "honorific":
            honorifics[cells[1].lower()] = cells[2] if len(cells) > 2 else ""
        elif cells[0] in kinds:
            kinds[cells[0]].add(cells[1].lower())
        else:
            raise ValueError(f"person_titles.tsv:{number}: unknown kind {cells[0]!r}")
    return (
        honorifics,
        frozenset(kinds["title"]),
        frozenset(kinds["person"]),
        frozenset(kinds["modifier"]),
    )


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in _titles()[0]


def honorific_gender(word: str) -> str:
    return _titles()[0].get(word.lower().rstrip("."), "")


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _titles()[1]


def opens_a_title(words: Sequence[str]) -> bool:
    """Whether the first word is a title, or a modifier of the title after it ("Majority
    Leader Harry Reid": neither "Majority" nor "Leader" is his name)."""
    first = words[0].lower().rstrip(".") if words else ""
    if first in _titles()[1]:
        return True
    return first in _titles()[3] and len(words) > 1 and is_title(words[1])


def names_a_person(word: str) -> bool:
    """A noun a later mention uses for a person: a title ("the senator") or a person
    noun ("the candidate")."""
    return is_title(word) or word.lower() in _titles()[2]


def document_about(noun: Token) -> Token | None:
    """The document a relative clause's noun is the topic of, which is what speaks: "the
    F.B.I. *report* on her email practices that suggested they were imprudent"."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.lower_ in speaking_nouns():
        return None
    owner = noun.head.head
    return owner if owner.pos_ == "NOUN" and owner.lower_ in speaking_nouns() else None


def can_speak(name: str) -> bool:
    """Whether a speaker's name can speak: a name, a speaking noun, or a description whose
    noun can (a person, a group, a document); not a common noun such as "average",
    "proportion" or "controversial comment" (a plural, "earnings", is read as a group
    and left to the list of ``crosswire bench speakers``)."""
    owned = name.split("'s ", 1)[-1]  # "Donald Trump's supporters", not "... best response"
    if not owned[:1].islower():
        return True
    word = owned.lower().split()[-1].strip(",.'’\"")
    if word.endswith("s") or word in speaking_nouns() or names_a_person(word):
        return True
    return word in data_words("role_nouns.tsv")  # not every "-er": "number", "center"


def only_speakers(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """The quotes, a speaker that cannot speak removed (the attribution stays), and a role
    that only repeats the speaker's own noun dropped ("Central European leaders", role
    "leaders"; "their attorneys", role "attorneys"): a role is a title the text gives."""
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and not can_speak(speaker.canonical):
            quote = replace(quote, speaker=None)
        elif speaker is not None and speaker.role and _repeats(speaker.role, speaker.canonical):
            quote = replace(quote, speaker=replace(speaker, role=None))
        out.append(quote)
    return tuple(out)


def _repeats(role: str, name: str) -> bool:
    words = name.lower().split()
    return bool(words) and role.lower().strip() == words[-1]
