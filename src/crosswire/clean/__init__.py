"""The clean stage: raw documents into articles with main text and metadata."""

from crosswire.clean.document import article_id, clean_document, parse_date

__all__ = ["article_id", "clean_document", "parse_date"]
