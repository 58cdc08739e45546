"""Line rules as data: what site chrome, credit, date and byline lines look like.

The rules live in ``data/lines.tsv`` (and wire spellings in ``data/wires.tsv``)
so that new outlets' furniture is a line of data, not another ``if``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

Action = Literal["chrome", "credit", "lead", "tail", "date", "byline"]
#: ``any``: anywhere; ``edge``: in the run of short lines before or after the
#: body; ``head``: the opening lines up to the story's first full paragraph;
#: ``foot``: the last body paragraph and what follows it; ``ends``: head or
#: foot (see :mod:`.credits`).
Where = Literal["edge", "any", "head", "foot", "ends"]
_ACTIONS: tuple[Action, ...] = ("chrome", "credit", "lead", "tail", "date", "byline")
_WHERE: tuple[Where, ...] = ("edge", "any", "head", "foot", "ends")


@dataclass(frozen=True)
class LineRule:
    """One rule of ``lines.tsv``; ``wire`` is a fixed credit when the pattern names none."""

    action: Action
    where: Where
    pattern: re.Pattern[str]
    wire: str | None = None


def _data(name: str) -> str:
    return (resources.files("crosswire.clean") / "data" / name).read_text(encoding="utf-8")


def parse_rules(text: str, origin: str = "lines.tsv") -> tuple[LineRule, ...]:
    """Rules of a ``lines.tsv`` text; a malformed line is an error naming its number."""
    rules: list[LineRule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (3, 4) or cells[0] not in _ACTIONS or cells[1] not in _WHERE:
            expected = "action<TAB>where<TAB>pattern[<TAB>wire]"
            raise ValueError(f"{origin}:{number}: expected '{expected}'")
        source = cells[2] if cells[0] != "tail" else f"(?:{cells[2]})\\Z"
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"{origin}:{number}: bad pattern: {error}") from error
        action = next(a for a in _ACTIONS if a == cells[0])
        where = next(w for w in _WHERE if w == cells[1])
        wire = cells[3].strip() if len(cells) == 4 and cells[3].strip() else None
        rules.append(LineRule(action, where, pattern, wire))
    return tuple(rules)


@lru_cache(maxsize=1)
def line_rules() -> tuple[LineRule, ...]:
    return parse_rules(_data("lines.tsv"))


@lru_cache(maxsize=1)
def wire_names() -> dict[str, str]:
    """Lower-cased spelling -> canonical wire name (``associated press`` -> ``AP``)."""
    names: dict[str, str] = {}
    for line in _data("wires.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, spelling = (c.strip() for c in line.split("\t"))
            names[spelling.lower()] = canonical
    return names


def canonical_wire(name: str) -> str:
    """The wire's usual name; an unknown credited source keeps its words, title-cased."""
    plain = " ".join(name.replace(".", " ").split())
    known = wire_names().get(plain.lower())
    if known:
        return known
    return plain if any(c.islower() for c in plain) else plain.title()
