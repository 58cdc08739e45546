"""Execution around the stages: the local, in-process pipeline."""

from crosswire.run.pipeline import IngestResult, ingest, story_reports

__all__ = ["IngestResult", "ingest", "story_reports"]
