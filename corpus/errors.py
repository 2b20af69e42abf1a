"""Errors of the corpus package; each message says what to do."""

from __future__ import annotations


class CorpusError(Exception):
    """Root of corpus errors."""


class ReadError(CorpusError):
    """A file could not be read into text (corrupt, encrypted, image-only, empty, unknown type)."""


class ManifestError(CorpusError):
    """A manifest entry is malformed; the message names the file and field."""


class UnknownDocumentError(CorpusError):
    """A doc_id that the registry does not hold."""
