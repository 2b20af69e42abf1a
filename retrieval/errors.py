"""Errors of the retrieval package; each message says what to do."""

from __future__ import annotations


class RetrievalError(Exception):
    """Root of retrieval errors."""


class EmbeddingError(RetrievalError):
    """The embedding model cannot be loaded."""


class StoreError(RetrievalError):
    """The vector store cannot be reached or used."""
