"""An interview printed as a transcript: "Q:" opens each question, "A:" each answer.

In the answers the interviewee speaks in the first person outside quote marks ("A: I
think somebody's got to start"), so an "I" there is the person the introduction
presents, and "Q" is no one's name (it marks the interviewer's line).
"""

from __future__ import annotations

import re

_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s", re.MULTILINE)
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s", re.MULTILINE)
_MIN_TURNS = 2  # questions and answers each, before a text reads as a transcript


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
