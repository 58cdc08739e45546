"""The bundled data files of the annotate stage (``annotate/data/*.tsv``), read one way.

Every word list here is a user-editable file ("stance_verbs.tsv", "speaking_nouns.tsv",
"person_titles.tsv"); reading them through one function keeps the comment and blank-line
rules, and the line numbers errors name, the same for all.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources


def data_lines(name: str) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows of a bundled data file with their line numbers, without
    comments and blank lines."""
    text = (resources.files("crosswire.annotate") / "data" / name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, [cell.strip() for cell in line.split("\t")]


@cache
def data_words(name: str) -> frozenset[str]:
    """The lower-cased first cells of a bundled data file: a word list such as
    "relation_nouns.tsv" ("rival", "wife"), read once."""
    return frozenset(cells[0].lower() for _, cells in data_lines(name))
