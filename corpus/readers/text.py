"""Markdown and plain-text reader: sections by Markdown heading, or the whole file."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.errors import ReadError
from corpus.models import ReadResult, Unit

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*)$")


def read_text(path: Path) -> ReadResult:
    """Read a .md/.txt file; Markdown headings split it into titled sections."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path.name}: not UTF-8 text; save it as UTF-8 and re-ingest.") from exc
    if not raw.strip():
        raise ReadError(f"{path.name}: the file has no text.")
    meta: dict[str, object] = {}
    headings = list(_HEADING.finditer(raw)) if path.suffix.lower() in {".md", ".markdown"} else []
    if not headings:
        return ReadResult(units=[Unit(kind="document", text=raw.strip())], meta=meta)
    units: list[Unit] = []
    if headings[0].group(1) == "#":
        meta["title"] = headings[0].group(2).strip()
    preamble = raw[: headings[0].start()].strip()
    if preamble:
        units.append(Unit(kind="document", text=preamble))
    for i, h in enumerate(headings):
        body = raw[h.end() : headings[i + 1].start() if i + 1 < len(headings) else len(raw)].strip()
        if not body:
            continue
        title = h.group(2).strip()
        number = None
        m = _NUMBERED.match(title)
        if m:
            number, title = m.group(1), m.group(2).strip()
        units.append(Unit(kind="section", text=body, section_number=number, section_title=title))
    if not units:
        raise ReadError(f"{path.name}: headings only, no text under them.")
    return ReadResult(units=units, meta=meta)
