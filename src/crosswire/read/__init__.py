"""The read stage: files, folders, JSONL, feeds, web archives and URLs into raw documents.

Every input ends as a :class:`~crosswire.model.RawDocument` or a one-line
:class:`~crosswire.model.ReadError` naming it.
"""

from crosswire.read.files import (
    MAX_DOCUMENT_BYTES,
    SUFFIXES,
    read_paths,
    readable,
    walk,
)

__all__ = ["MAX_DOCUMENT_BYTES", "SUFFIXES", "read_paths", "readable", "walk"]
