"""Benchmarks of quality and speed, run through the production code path."""
