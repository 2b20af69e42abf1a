"""File readers by type: PDF, SPL XML labels, Markdown and text."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import ReadError
from corpus.models import ReadResult
from corpus.readers.pdf import read_pdf
from corpus.readers.spl import read_spl
from corpus.readers.text import read_text

READERS = {".pdf": read_pdf, ".xml": read_spl, ".md": read_text, ".markdown": read_text, ".txt": read_text}


def supported(path: Path) -> bool:
    """True when a reader exists for the file's extension."""
    return path.suffix.lower() in READERS


def read_file(path: Path) -> ReadResult:
    """Read any supported file; ReadError says why a file cannot be read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"{path.name}: unsupported type; use PDF, SPL XML, Markdown or text.")
    return reader(path)


__all__ = ["read_file", "supported", "READERS"]
