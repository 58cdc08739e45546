"""What a speaker mention resolves to within one article: "Mr Peskov", "he" or "the
Kremlin spokesman" is Dmitry Peskov, with the role and organisation the article gives
him. A module of its own because both parts of the people index make them: pronouns
(:mod:`crosswire.annotate.pronouns`) and names and descriptions
(:mod:`crosswire.annotate.speakers`).
"""

from __future__ import annotations

from dataclasses import dataclass


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
