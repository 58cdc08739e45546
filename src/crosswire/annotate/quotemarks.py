"""Quote marks paired into quoted passages: pure string work, no parse.

Marks pair in order within a paragraph whatever their direction, which also repairs
a closing mark typed as an opening one ("... interests “In a video address, Zelensky
stated.").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    pass


MARKS = '"“”„«»'


_OPENERS = '"“„«'


@dataclass(frozen=True)
class Passage:
    """A quoted passage: ``open`` is its opening mark, ``close`` its closing mark
    (or the paragraph end when the closing mark is missing)."""

    open: int
    close: int


def paragraph_lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        out.append((position, position + len(line)))
        position += len(line) + 1
    return out


def _first_char(text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        if not text[index].isspace():
            return index
    return None


def quoted_passages(text: str) -> list[Passage]:
    """Pair the double quote marks of ``text``, paragraph (line) by paragraph.

    Marks pair in order within a paragraph. An unpaired last mark continues
    into the next paragraph when that one starts with an opening mark (a
    quote running over several paragraphs), or into the next line when that
    line also has an unpaired mark (a hard-wrapped paragraph); otherwise it
    is dropped. Single marks are never paired: they are apostrophes or
    nested quotes; two in a row (``''``, the New York Times' archive style)
    are a double mark, whose first character stands for it.
    """
    text = text.replace("''", "\"'")  # same length: offsets stay the article's
    lines = paragraph_lines(text)
    marks = [[i for i in range(s, e) if text[i] in MARKS] for s, e in lines]
    nonempty = [n for n, (s, e) in enumerate(lines) if text[s:e].strip()]

    def continuation(n: int) -> Literal["paragraph", "wrap"] | None:
        later = [m for m in nonempty if m > n]
        if not later:
            return None
        following = later[0]
        start, end = lines[following]
        first = _first_char(text, start, end)
        if first is not None and text[first] in _OPENERS:
            return "paragraph"
        if following == n + 1 and len(marks[following]) % 2 == 1:
            return "wrap"
        return None

    out: list[Passage] = []
    pending: int | None = None
    mode: Literal["paragraph", "wrap"] | None = None
    for n, (start, end) in enumerate(lines):
        line_marks = list(marks[n])
        curly = [i for i in line_marks if text[i] in "“”"]
        if 0 < len(curly) < len(line_marks) and _alternating(text, curly):
            # straight and curly marks mixed: the curly ones pair among themselves, a
            # quote inside a straight-quoted paragraph ("... what she called a “rant,” ...)
            out += [Passage(a, b) for a, b in zip(curly[0::2], curly[1::2], strict=True)]
            line_marks = [i for i in line_marks if i not in curly]
        if pending is not None:
            if (
                mode == "paragraph"
                and line_marks
                and line_marks[0] == _first_char(text, start, end)
            ):
                line_marks = line_marks[1:]
            if not line_marks:
                if text[start:end].strip():
                    mode = continuation(n)
                    if mode != "paragraph":
                        out.append(Passage(pending, end))
                        pending, mode = None, None
                continue
            out.append(Passage(pending, line_marks[0]))
            line_marks = line_marks[1:]
            pending, mode = None, None
        for a, b in zip(line_marks[0::2], line_marks[1::2], strict=False):
            out.append(Passage(a, b))
        if len(line_marks) % 2 == 1:
            mode = continuation(n)
            pending = line_marks[-1] if mode else None
    return sorted(out, key=lambda p: p.open)


def _alternating(text: str, marks: Sequence[int]) -> bool:
    """Curly marks that open and close in turn: “ ” “ ”."""
    return len(marks) % 2 == 0 and all(
        text[i] == ("“" if n % 2 == 0 else "”") for n, i in enumerate(marks)
    )
