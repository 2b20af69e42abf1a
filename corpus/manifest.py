"""Approval metadata from a manifest beside the files (manifest.yaml, .yml or .json).

Format::

    defaults:                 # optional, applies to every file in the folder
      type: publication
      therapeutic_area: Cardiology
      approval_code: PUB-2026-001
      approved_date: 2026-01-15
      expiry_date: 2028-01-15
    documents:                # optional, one entry per file; overrides defaults and the file's own metadata
      - file: lipitor-orig.xml
        doc_id: lipitor-label
        product: Lipitor
        approval_code: LBL-LIP-11

    exclude: [NOTES.md]       # optional, file-name patterns not to ingest

A file with no entry gets ``doc_id`` = its file name without extension. README, LICENSE and SOURCE
files are not ingested unless the manifest lists them.
"""

from __future__ import annotations

import datetime as dt
import json
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corpus.errors import ManifestError
from corpus.models import DocType, Status

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml", "manifest.json")


class ManifestFields(BaseModel):
    """Fields a manifest may set; all optional so defaults and entries can be partial."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None = None
    title: str | None = None
    type: DocType | None = None
    product: str | None = None
    therapeutic_area: str | None = None
    approval_code: str | None = None
    version: str | None = None
    approved_date: dt.date | None = None
    expiry_date: dt.date | None = None
    status: Status | None = None


class ManifestEntry(ManifestFields):
    """One file's entry."""

    file: str = Field(description="File name relative to the manifest's folder.")


class Manifest(BaseModel):
    """A folder's manifest."""

    model_config = ConfigDict(extra="forbid")

    defaults: ManifestFields = Field(default_factory=ManifestFields)
    documents: list[ManifestEntry] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list, description="File-name patterns not to ingest.")

    def excluded(self, file_name: str) -> bool:
        """True for files the manifest leaves out, and for README/LICENSE/SOURCE notes it does not list."""
        if any(fnmatch(file_name, pattern) for pattern in self.exclude):
            return True
        listed = any(e.file == file_name for e in self.documents)
        return not listed and file_name.split(".")[0].upper() in {"README", "LICENSE", "LICENCE", "SOURCE", "NOTICE"}

    def fields_for(self, file_name: str) -> dict[str, Any]:
        """Metadata for a file: defaults overlaid by its entry, unset fields left out."""
        merged = self.defaults.model_dump(exclude_none=True)
        for entry in self.documents:
            if entry.file == file_name:
                merged.update(entry.model_dump(exclude_none=True, exclude={"file"}))
        return merged


def find_manifest(folder: Path) -> Path | None:
    """The manifest file in a folder, if any."""
    for name in MANIFEST_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def load_manifest(folder: Path) -> Manifest:
    """Load and validate the folder's manifest (an empty one when there is none)."""
    path = find_manifest(folder)
    if path is None:
        return Manifest()
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot be parsed ({exc}); fix the syntax and re-ingest.") from exc
    try:
        # Versions are strings even when written as numbers in YAML.
        for item in (data or {}).get("documents", []) or []:
            if isinstance(item, dict) and isinstance(item.get("version"), (int, float)):
                item["version"] = str(item["version"])
        return Manifest.model_validate(data or {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err["loc"]
            where = ".".join(str(p) for p in loc)
            if len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int):
                docs = data.get("documents") or []
                name = docs[loc[1]].get("file", "?") if isinstance(docs[loc[1]], dict) else "?"
                where = f"{where} (file {name})"
            problems.append(f"field {where}: {err['msg']}")
        raise ManifestError(f"{path}: " + "; ".join(problems)) from exc
