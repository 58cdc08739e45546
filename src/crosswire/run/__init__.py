"""Execution around the stages: the local, in-process pipeline."""

from crosswire.run.pipeline import IngestResult, ingest, ingest_documents, story_reports

__all__ = ["IngestResult", "ingest", "ingest_documents", "story_reports"]
