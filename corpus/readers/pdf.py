"""PDF reader: one unit per page, numbered from 1, with pypdf."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from corpus.errors import ReadError
from corpus.models import ReadResult, Unit


def read_pdf(path: Path) -> ReadResult:
    """Read a PDF into page units; raise ReadError for corrupt, encrypted, empty or image-only files."""
    if path.stat().st_size == 0:
        raise ReadError(f"{path.name}: the file is empty (0 bytes); export the PDF again and re-ingest.")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            # Owner-password-only PDFs open with an empty user password; real passwords do not.
            try:
                opened = reader.decrypt("")
            except Exception:  # pypdf raises several types for unsupported ciphers
                opened = 0
            if not opened:
                raise ReadError(
                    f"{path.name}: the PDF is password-protected; save an unprotected copy and re-ingest."
                )
        units = []
        for number, page in enumerate(reader.pages, start=1):
            text = (page.extract_text() or "").strip()
            if text:
                units.append(Unit(kind="page", text=text, page=number))
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except ReadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(
            f"{path.name}: not a readable PDF ({exc.__class__.__name__}: {exc}); check the file is complete "
            "and re-export it."
        ) from exc
    if not units:
        raise ReadError(
            f"{path.name}: no extractable text on any page (a scan without a text layer?); run OCR on it "
            "and re-ingest."
        )
    meta: dict[str, object] = {"title": meta_title.strip()} if meta_title and meta_title.strip() else {}
    return ReadResult(units=units, meta=meta)
