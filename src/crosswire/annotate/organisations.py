"""The organisations one article names, so that a shorter mention of one is the one
named in full: "the Post" is The Washington Post, "Peabody said" is Peabody Energy, and
"Zero Hedge asked" is the organisation the tagger found in "according to Zero Hedge".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from crosswire.annotate.name_runs import entity_label, entity_of, name_head


class Organisations:
    """The organisations the tagger finds in one article: capitalised ORG entities."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self.names = frozenset(
            e.text for e in doc.ents if e.label_ == "ORG" and e.text[:1].isupper()
        )

    def in_full(self, name: str) -> str | None:
        """The one organisation the article names in full that ``name`` shortens: its
        first or last words ("Peabody" for Peabody Energy, "the Post" for The
        Washington Post); none when two fit."""
        short = name.removeprefix("the ").removeprefix("The ")
        if not short:
            return None
        fits = {o for o in self.names if o.endswith(" " + short)}
        if short not in self.names:
            fits |= {o for o in self.names if o.startswith(short + " ")}
        # a name the tagger also gives alone only grows at its front: "the Times" is
        # the New York Times, but "the Senate" is not the Senate Judiciary Committee
        return fits.pop() if len(fits) == 1 else None

    def named(self, token: Token) -> str | None:
        """The organisation whose name starts at ``token``: an ORG entity there, or the
        same words the tagger calls an organisation elsewhere in the article ("Zero
        Hedge asked" after "according to Zero Hedge")."""
        if entity_label(token) == "ORG" and token.ent_iob_ == "B":
            ent = entity_of(token)
            return ent.text if ent is not None and ent[-1].text[:1].isupper() else None
        if token.pos_ != "PROPN" or (token.i > 0 and self._doc[token.i - 1].pos_ == "PROPN"):
            return None
        run = self._doc[token.i : name_head(token).i + 1].text
        return run if run in self.names else None
