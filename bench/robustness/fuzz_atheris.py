"""Coverage-guided fuzzing of the readers and the cleaner with atheris (libFuzzer).

Each input's first byte picks the file suffix (.txt, .html, .jsonl); the rest
is the file. The input goes through the same check as the robustness bench
(`crosswire.bench.fuzz.check_input`): an exception, or an article or
error that breaks the promise (one-line error naming the input, no NUL or lone
surrogate in an article, ...), is a finding that libFuzzer saves as a crash-*
file. Time and memory caps are libFuzzer's own (-timeout, -rss_limit_mb).

    .venv/bin/python bench/robustness/fuzz_atheris.py -max_total_time=600 \\
        -timeout=20 -rss_limit_mb=3072 bench/robustness/corpus
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["crosswire"]):
    from crosswire.bench.fuzz import check_input

_SUFFIXES = (".txt", ".html", ".jsonl")
_FOLDER = Path(tempfile.mkdtemp(prefix="crosswire-atheris-"))


def test_one_input(data: bytes) -> None:
    if not data:
        return
    path = _FOLDER / f"input{_SUFFIXES[data[0] % len(_SUFFIXES)]}"
    path.write_bytes(data[1:])
    _, _, broken = check_input(path)
    if broken:
        raise AssertionError(f"broken promise: {broken[:3]}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
