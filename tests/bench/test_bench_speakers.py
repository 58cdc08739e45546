"""`crosswire bench speakers`: what a reader trips over among a report's canonical speakers."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crosswire.annotate.speaker_names import AliasTable
from crosswire.bench.speakers import check_speakers, not_a_speaker
from crosswire.cli import app

# canonical speakers of crosswire's report on bench/stream/polnear-150.txt (2026-12-06),
# and the held-back report's examples quoted in the issue
SPEAKERS = {
    "Donald J. Trump": 49,
    "Donald Trump": 162,
    "Hillary Clinton": 40,
    "Bill Clinton": 6,
    "Clinton": 3,
    "Reince Priebus": 8,
    "Priebus": 2,
    "Department Hid Key Clinton Benghazi Email": 1,
    "number": 6,
    "officials": 4,
    "if she's elected president": 1,
    ".PHONY": 1,
    # 2026-12-07: a noun is no surname of a party's name cut short
    "People": 2,
    "Swiss People": 1,
}


def test_one_person_under_two_names_and_ambiguous_surnames_are_listed() -> None:
    check = check_speakers(SPEAKERS, AliasTable(()))
    assert ("Donald J. Trump", "Donald Trump") in check.two_names
    assert ("Priebus", "Reince Priebus") in check.two_names
    assert check.ambiguous == {"Clinton": ["Bill Clinton", "Hillary Clinton"]}
    assert not [pair for pair in check.two_names if "Clinton" in pair]
    assert not [pair for pair in check.two_names if "People" in pair]


def test_names_that_cannot_speak_are_flagged_and_generic_sources_are_not() -> None:
    assert not_a_speaker("Department Hid Key Clinton Benghazi Email") == "headline"
    assert not_a_speaker("if she's elected president") == "clause"
    assert not_a_speaker("number") == "noun"
    assert not_a_speaker(".PHONY") == "code"
    for speaker in ("officials", "the campaign", "Reince Priebus", "The New York Times"):
        assert not_a_speaker(speaker) is None, speaker


def test_bench_speakers_cli_reads_a_json_report(tmp_path: Path) -> None:
    report = tmp_path / "stories.json"
    quotes = [{"speaker": {"canonical": name}} for name, n in SPEAKERS.items() for _ in range(n)]
    report.write_text(json.dumps({"stories": [{"quotes": quotes}]}))
    result = CliRunner().invoke(app, ["bench", "speakers", str(report), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["attributions"] == sum(SPEAKERS.values())
    assert {"names": ["Donald J. Trump", "Donald Trump"], "attributions": [49, 162]} in data[
        "two_names"
    ]
    result = CliRunner().invoke(app, ["bench", "speakers", str(tmp_path / "nope.json")])
    assert result.exit_code == 1 and "no such file" in result.output
    report.write_text("[1, 2]")  # JSON, but no report: one line naming the file, no crash
    result = CliRunner().invoke(app, ["bench", "speakers", str(report)])
    assert result.exit_code == 1 and "not a JSON report" in result.output, result.output
