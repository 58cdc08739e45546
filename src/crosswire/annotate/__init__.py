"""Annotate: sentences, entities, quotes, claims and embeddings of an article."""
