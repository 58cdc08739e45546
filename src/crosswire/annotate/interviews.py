"""An interview printed as a transcript: "Q:" opens each question, "A:" each answer, or
each turn opens with its speaker's name ("TAPPER: Do you think ...", "FALLIN: I think
he is trying ...").

In the answers the interviewee speaks in the first person outside quote marks ("A: I
think somebody's got to start"), so an "I" there is the person the introduction
presents, and "Q" is no one's name (it marks the interviewer's line). In a named turn,
"I" is the one it names.
"""

from __future__ import annotations

import re

_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s", re.MULTILINE)
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s", re.MULTILINE)
_MIN_TURNS = 2  # questions and answers each, before a text reads as a transcript
#: A turn's label: a name in capitals ("FALLIN:", "SEN. CRUZ:") opening a line.
_LABEL = re.compile(r"^((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):\s", re.MULTILINE)
_LABEL_WORDS = frozenset({"Q", "A", "UPDATE", "BREAKING", "WATCH", "VIDEO", "NOTE", "EXCLUSIVE"})


def answers(text: str) -> list[tuple[int, int]]:
    """The character ranges of a transcript's answers: from each "A:" line to the next
    "Q:" line; none when the text is no transcript."""
    questions = [m.start() for m in _QUESTION.finditer(text)]
    starts = [m.start() for m in _ANSWER.finditer(text)]
    if len(questions) < _MIN_TURNS or len(starts) < _MIN_TURNS:
        return []
    out = []
    for start in starts:
        end = next((q for q in questions if q > start), len(text))
        out.append((start, end))
    return out


def first_question(text: str) -> int:
    """Where a transcript's first question starts: the introduction ends there."""
    found = _QUESTION.search(text)
    return found.start() if found else len(text)


def named_turns(text: str) -> list[tuple[int, int, str]]:
    """A transcript's turns that open with their speaker's name in capitals: (start, end,
    name), each up to the next; none unless two or more names take turns at least
    twice each, as a dialogue does (a one-off "WASHINGTON:" or "UPDATE:" is none)."""
    found = [
        (m.start(), m.group(1))
        for m in _LABEL.finditer(text)
        if m.group(1) not in _LABEL_WORDS and len(m.group(1)) > 2
    ]
    names = {name for _, name in found}
    if len(names) < _MIN_TURNS or len(found) < 2 * _MIN_TURNS:
        return []
    ends = [start for start, _ in found[1:]] + [len(text)]
    return [(start, end, name) for (start, name), end in zip(found, ends, strict=True)]
