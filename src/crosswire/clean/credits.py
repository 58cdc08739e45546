"""Where a wire credit can stand in an article, and which names are wires.

A wire copy carries its credit where an editor puts it: in the dateline that
opens the story (``WASHINGTON (AP) —``), in a byline or a line of its own
before the body (``By Tom Balmforth | Reuters``), or at its end (``SOURCE:
REUTERS``, ``-- AP``, ``(Reporting by ...; Editing by ...)``). The same words
inside the body are something else: a photo credit between paragraphs
(``ASSOCIATED PRESS.``, ``Carlos Barria / Reuters.``), a mid-story dateline of a
quoted dispatch, or a story that merely cites a wire ("the Associated Press
reported"). So each line gets the set of places it stands in, and a rule only
acts where its ``where`` column lets it (see ``data/lines.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.clean.rules import Where, wire_names

#: A paragraph of this many words is the story's lead: the dateline is in it or before it.
LEAD_WORDS = 20
#: The first lines that always count as the opening (headline, byline, dateline),
#: and the last lines that always count as the end (staff lines, links, credits).
HEAD_LINES = 3


def line_places(lines: Sequence[str], is_body: Sequence[bool]) -> list[frozenset[Where]]:
    """The places each line stands in (a blank line stands nowhere)."""
    body = [i for i, flag in enumerate(is_body) if flag]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    filled = [i for i, line in enumerate(lines) if line]
    long_lines = [i for i in filled if len(lines[i].split()) >= LEAD_WORDS]
    head_end = max(
        long_lines[0] if long_lines else len(lines),
        filled[HEAD_LINES - 1] if len(filled) >= HEAD_LINES else len(lines),
    )
    foot_start = min(
        last if body else len(lines),
        filled[-HEAD_LINES] if len(filled) >= HEAD_LINES else 0,
    )
    places: list[frozenset[Where]] = []
    for i, line in enumerate(lines):
        here: set[Where] = {"any"}
        if i < first or i > last:
            here.add("edge")
        if i <= head_end:
            here |= {"head", "ends"}
        if i >= foot_start:
            here |= {"foot", "ends"}
        places.append(frozenset(here) if line else frozenset())
    return places


def known_wire(name: str) -> str | None:
    """The canonical name of a news agency named in a credit, or ``None`` for anything else.

    ``Source: NATO.`` under a chart is a data source, not a wire; only the
    agencies listed in ``data/wires.tsv`` are credited sources.
    """
    plain = " ".join(name.replace(".", " ").split()).lower()
    return wire_names().get(plain)
