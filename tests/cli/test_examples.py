"""The bundled example must stay the seeds, byte for byte."""

from pathlib import Path

from conftest import SEED_REWRITE, SEED_WIRE


def test_examples_are_the_shared_seeds(shared_dir: Path, seeds_dir: Path) -> None:
    for name in (SEED_WIRE, SEED_REWRITE):
        assert (seeds_dir / name).read_bytes() == (shared_dir / "seeds" / name).read_bytes()
