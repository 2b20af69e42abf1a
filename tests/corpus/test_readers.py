"""Readers: PDF pages, SPL label sections, Markdown sections, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.errors import ReadError
from corpus.readers import read_file
from tests.conftest import LABELS


def test_pdf_pages_are_numbered_from_one(pdfs: dict[str, Path]) -> None:
    r = read_file(pdfs["statin-response"])
    assert [u.page for u in r.units] == [1, 2]
    assert "Advanced age" in r.units[1].text
    assert r.units[1].locator == "p. 2"


@pytest.mark.parametrize(("name", "words"), [
    ("locked", "password"), ("scanned", "OCR"), ("broken", "not a readable PDF"), ("empty", "empty"),
])
def test_bad_pdfs_fail_with_a_reason_that_says_what_to_do(pdfs: dict[str, Path], name: str, words: str) -> None:
    with pytest.raises(ReadError, match=words):
        read_file(pdfs[name])


def test_spl_label_sections_carry_number_title_and_loinc_code() -> None:
    r = read_file(LABELS / "lipitor-orig.xml")
    by_loc = {u.locator: u for u in r.units}
    muscle = by_loc["5.1 Skeletal Muscle"]
    assert muscle.section_number == "5.1" and muscle.section_title == "Skeletal Muscle"
    assert "myopathy" in muscle.text.lower()
    indications = next(u for u in r.units if u.section_code == "34067-9")
    assert indications.section_number == "1"
    assert r.meta["version"] == "11"
    assert r.meta["set_id"] == "c6e131fe-e7df-4876-83f7-9156fc4e8228"
    assert r.meta["approved_date"] == dt.date(2014, 1, 13)
    assert all(u.text.strip() for u in r.units)


def test_spl_reader_rejects_xml_that_is_not_a_label(tmp_path: Path) -> None:
    p = tmp_path / "other.xml"
    p.write_text("<root><a>text</a></root>")
    with pytest.raises(ReadError, match="not an HL7 SPL"):
        read_file(p)
    p.write_text("<document><unclosed>")
    with pytest.raises(ReadError, match="not well-formed"):
        read_file(p)


def test_markdown_headings_become_sections(tmp_path: Path) -> None:
    p = tmp_path / "response.md"
    p.write_text("# Standard response: dosing\n\nIntro line.\n\n## 2.1 Starting dose\n\nStart at 10 mg.\n\n"
                 "## Renal impairment\n\nNo adjustment needed.\n")
    r = read_file(p)
    assert r.meta["title"] == "Standard response: dosing"
    sections = [u for u in r.units if u.kind == "section"]
    assert [(u.section_number, u.section_title) for u in sections] == [
        (None, "Standard response: dosing"), ("2.1", "Starting dose"), (None, "Renal impairment")]
    assert sections[1].text == "Start at 10 mg." and sections[1].locator == "2.1 Starting dose"


def test_unsupported_and_empty_text_files(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(ReadError, match="unsupported"):
        read_file(tmp_path / "x.docx")
    (tmp_path / "blank.txt").write_text("  \n")
    with pytest.raises(ReadError, match="no text"):
        read_file(tmp_path / "blank.txt")


def test_sections_without_a_title_are_named_from_the_loinc_table() -> None:
    r = read_file(LABELS / "humira.xml")
    assert "Medication Guide" in {u.section_title for u in r.units}


def test_an_unnumbered_spl_subsection_is_cited_by_the_section_it_sits_in() -> None:
    units = read_file(LABELS / "lipitor-orig.xml").units
    clarithromycin = next(u for u in units if u.text.startswith("Clarithromycin:"))
    assert clarithromycin.section_number == "7.1"
    assert clarithromycin.section_title is None  # its own paragraph, not another copy of the section's title
    absorption = next(u for u in units if u.text.startswith("Absorption:"))
    assert absorption.section_number == "12.3"  # 12.3 has no text of its own, only these paragraphs
    # a top-level section with no number stays unnumbered
    assert any(u.section_title == "Medication Guide" and u.section_number is None
               for u in read_file(LABELS / "humira.xml").units)
