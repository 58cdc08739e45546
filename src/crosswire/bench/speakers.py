"""``crosswire bench speakers``: the mechanical part of a reader's check of who said what.

Reads a JSON report (``crosswire analyze --format json``: ``stories.json``) and
lists what a reader would trip over among its canonical speakers:

- one person under two names: two canonical names that :func:`same_person`
  says are one person ("Donald J. Trump" and "Donald Trump" in two stories);
  names of bodies ("Missouri Senate", "NY Post") are not people and are left out;
- ambiguous names, listed rather than merged: a bare surname that fits several
  full names ("Clinton" beside Hillary and Bill Clinton);
- names that are not speakers: clause fragments ("if she's elected
  president"), headline fragments ("WikiLeaks Reveals Effort"), common nouns
  that cannot speak ("earnings"), code ("PHONY").

It reads no text: what it flags is to be read, not a verdict.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

from crosswire.annotate.speaker_names import (
    AliasTable,
    canonical_names,
    name_parts,
    names_a_body,
    same_person,
)
from crosswire.annotate.speaking import can_speak, speaking_nouns

NotSpeakerKind = Literal["clause", "headline", "noun", "code"]

#: Words that open or join a clause: a speaker holding one is a fragment of a sentence.
_CLAUSE_WORDS = frozenset(
    {"if", "that", "when", "whether", "because", "while", "how", "although", "unless"}
)
#: Verbs headlines are written with ("WikiLeaks Reveals Effort ..."): a speaker holding
#: one after its first word is a headline, not a name.
_HEADLINE_VERBS = frozenset(
    (
        "reveals says shows slams wins hits calls finds gets makes takes backs blasts rips "
        "urges warns vows claims defends attacks praises rejects demands hid hides sets "
        "leads trails tops beats drops launches"
    ).split()
)


@dataclass
class SpeakerCheck:
    """What the check lists, with how many attributions each name carries."""

    speakers: int = 0
    attributions: int = 0
    two_names: list[tuple[str, str]] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    not_speakers: list[tuple[NotSpeakerKind, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        return {
            "speakers": self.speakers,
            "attributions": self.attributions,
            "two_names": [
                {"names": list(pair), "attributions": [self.counts[n] for n in pair]}
                for pair in self.two_names
            ],
            "ambiguous": self.ambiguous,
            "not_speakers": [
                {"kind": kind, "name": name, "attributions": self.counts[name]}
                for kind, name in self.not_speakers
            ],
        }


def report_speakers(report: Mapping[str, Any]) -> Counter[str]:
    """Canonical speakers of a JSON report, with their number of attributions."""
    counts: Counter[str] = Counter()
    for story in _objects(report.get("stories")):
        for quote in _objects(story.get("quotes")):
            speaker = quote.get("speaker")
            if isinstance(speaker, dict) and isinstance(speaker.get("canonical"), str):
                counts[speaker["canonical"]] += 1
    return counts


def _objects(value: object) -> list[dict[str, Any]]:
    """The JSON objects of a list (anything else in it, or no list, is nothing)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def not_a_speaker(name: str) -> NotSpeakerKind | None:
    """Why a canonical name cannot be a speaker, if it cannot."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name):
        return "code"
    if name.startswith(".") or re.search(r"[{}();=<>]|^\w+\.\w+\(", name):
        return "code"
    lowered = [w.lower().strip(",.'’\"") for w in words]
    if len(words) > 1 and (set(lowered) & _CLAUSE_WORDS) and name[:1].islower():
        return "clause"
    if (
        len(words) >= 3
        and all(w[:1].isupper() for w in words)
        and set(lowered[1:]) & (_HEADLINE_VERBS)
    ):
        return "headline"
    if not can_speak(name):
        return "noun"  # "earnings" is plural and no speaker either: read the list
    return None


def check_speakers(counts: Mapping[str, int], aliases: AliasTable) -> SpeakerCheck:
    """List one person under two names, ambiguous surnames and names that are not speakers."""
    check = SpeakerCheck(speakers=len(counts), attributions=sum(counts.values()))
    check.counts.update(counts)
    # bodies keep their names ("Senate" of one story, "Missouri Senate" of another)
    # nor is a noun a surname: the polnear-150 report's "People" is not the "Swiss People"
    people = [
        n
        for n in sorted(counts)
        if name_parts(n) is not None
        and not names_a_body(n)
        and not (len(n.split()) == 1 and n.casefold() in speaking_nouns())
    ]
    full = [n for n in people if len(n.split()) > 1]
    fits = {
        name: [f for f in full if same_person(name, f, aliases)]
        for name in people
        if len(name.split()) == 1
    }
    for name, found in fits.items():
        distinct = sorted(set(canonical_names(found, aliases).values()))
        if len(distinct) > 1:
            check.ambiguous[name] = distinct
    for a, b in combinations(full, 2):
        if same_person(a, b, aliases):
            check.two_names.append((a, b))
    for name, found in fits.items():
        if name not in check.ambiguous:
            check.two_names += [(name, f) for f in found]
    for name in sorted(counts):
        kind = not_a_speaker(name)
        if kind is not None:
            check.not_speakers.append((kind, name))
    return check


def run_speakers(path: Path, aliases: AliasTable) -> SpeakerCheck:
    """The check on a ``stories.json`` report file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("stories"), list):
        raise ValueError('expected an object with a "stories" list')
    return check_speakers(report_speakers(data), aliases)
