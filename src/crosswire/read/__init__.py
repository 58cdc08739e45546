"""The read stage: files, folders and JSONL into raw documents or one-line errors."""

from crosswire.read.files import MAX_DOCUMENT_BYTES, SUFFIXES, read_paths

__all__ = ["MAX_DOCUMENT_BYTES", "SUFFIXES", "read_paths"]
