"""Which common nouns can be a speaker on their own.

"Officials said", "a poll showed", "the video shows": a person, a group, an
organisation or a document speaks. "The average shows", "a number of ...":
the parse found a subject, but no one is speaking, and a reader shown
"average" as a speaker is misled. The list is data
(``data/speaking_nouns.tsv``); a quote whose speaker is another common noun
alone keeps its words and source span, with no speaker.
"""

from __future__ import annotations

from dataclasses import replace

from crosswire.annotate.tables import data_words
from crosswire.model import Quote


def speaking_nouns() -> frozenset[str]:
    """The common nouns that may speak alone (``data/speaking_nouns.tsv``)."""
    return data_words("speaking_nouns.tsv")


def can_speak(name: str) -> bool:
    """Whether a speaker's name can speak: a name, a phrase, or a speaking noun; not a
    lone common noun such as "average" or "proportion" (a plural, "earnings", is read
    as a group and left to the list of ``crosswire bench speakers``)."""
    word = name.lower().strip(",.'’\"")
    if len(name.split()) != 1 or not name[:1].islower() or word.endswith("s"):
        return True
    return word in speaking_nouns()


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
