"""Manifests: defaults, per-file entries, and errors that name the file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.errors import ManifestError
from corpus.manifest import load_manifest


def test_entry_overrides_defaults(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(
        "defaults:\n  type: publication\n  expiry_date: 2030-01-01\n"
        "documents:\n  - file: a.pdf\n    doc_id: doc-a\n    version: 2\n    type: standard_response\n")
    m = load_manifest(tmp_path)
    assert m.fields_for("a.pdf") == {"type": "standard_response", "expiry_date": dt.date(2030, 1, 1),
                                     "doc_id": "doc-a", "version": "2"}
    assert m.fields_for("b.pdf") == {"type": "publication", "expiry_date": dt.date(2030, 1, 1)}


def test_no_manifest_is_an_empty_one(tmp_path: Path) -> None:
    assert load_manifest(tmp_path).fields_for("x.md") == {}


def test_bad_field_is_named_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  - file: a.pdf\n    type: brochure\n  - file: b.pdf\n    expiry_date: next year\n")
    with pytest.raises(ManifestError) as err:
        load_manifest(tmp_path)
    msg = str(err.value)
    assert "documents.0.type (file a.pdf)" in msg and "documents.1.expiry_date (file b.pdf)" in msg


def test_unknown_field_and_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text("defaults:\n  colour: red\n")
    with pytest.raises(ManifestError, match="defaults.colour"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.yaml").write_text("defaults: [unclosed\n")
    with pytest.raises(ManifestError, match="cannot be parsed"):
        load_manifest(tmp_path)
