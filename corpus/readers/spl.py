"""FDA Structured Product Label (HL7 SPL XML) reader: one unit per section.

Each unit carries the label's section number and title ("5.1", "Skeletal Muscle") and the LOINC
section code ("43685-7"); the document's title, set id, version and effective date come from the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache
import xml.etree.ElementTree as ET
from pathlib import Path

from corpus.errors import ReadError
from corpus.models import ReadResult, Unit

NS = "{urn:hl7-org:v3}"
INDICATIONS_CODE = "34067-9"
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.*)$", re.DOTALL)
# Elements after which a line break keeps list items, paragraphs and table rows apart.
_BLOCK = {f"{NS}{t}" for t in ("paragraph", "item", "tr", "caption", "br", "content_block")}
_CELL = {f"{NS}td", f"{NS}th"}
_FRIENDLY = {"SPL Medguide": "Medication Guide", "SPL Patient Package Insert": "Patient Package Insert",
             "SPL Unclassified": "Unclassified section"}


def _flatten(elem: ET.Element) -> str:
    """Readable text of an SPL narrative element."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        if e.tag == f"{NS}section":  # subsections are units of their own
            return
        if e.tag == f"{NS}tr":  # a table row reads as one line: "cell | cell | cell"
            cells = [" ".join(_flatten(c).split()) for c in e if c.tag in _CELL]
            parts.append(" | ".join(c for c in cells if c))
            return
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
            if child.tag in _BLOCK:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n", text)
    # Cross-references are inline links: "[see Warnings and Precautions (5.1)]" stays on its line.
    text = re.sub(r"\[see\n([^\]\n]*(?:\n[^\]\n]*)?)\n?\]", lambda m: "[see " + m.group(1).replace("\n", " ") + "]", text)
    return text.strip()


@lru_cache(maxsize=1)
def section_names() -> dict[str, str]:
    """LOINC section code → name, from the SPL section table shipped beside this module."""
    table = Path(__file__).with_name("spl_sections.csv")
    names = {}
    for row in csv.reader(table.read_text(encoding="utf-8").splitlines()):
        if len(row) >= 2:
            names[row[0]] = _FRIENDLY.get(row[1], row[1])
    return names


def _date(value: str | None) -> dt.date | None:
    if value and len(value) >= 8 and value[:8].isdigit():
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    return None


def _section_text(section: ET.Element) -> str:
    """Text of a section's own narrative (not its subsections)."""
    chunks = [_flatten(t) for t in section.findall(f"{NS}text")]
    return "\n".join(c for c in chunks if c)


def _enclosing_number(element: ET.Element, parent: dict[ET.Element, ET.Element],
                      numbered: dict[ET.Element, str]) -> str | None:
    """The number of the closest numbered section around ``element``."""
    p = parent.get(element)
    while p is not None and p not in numbered:
        p = parent.get(p)
    return None if p is None else numbered[p]


def read_spl(path: Path) -> ReadResult:
    """Read an SPL XML label into section units."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ReadError(f"{path.name}: not well-formed XML ({exc}); re-download the label.") from exc
    if root.tag != f"{NS}document":
        raise ReadError(f"{path.name}: XML but not an HL7 SPL document; only SPL labels are read from XML.")
    units: list[Unit] = []
    # An unnumbered subsection is part of the numbered section it sits in: the "Clarithromycin:" paragraph under
    # "7.1 Strong Inhibitors of CYP 3A4" is cited as 7.1. It keeps its own title, if any: the section's title on each
    # of its paragraphs ("Clinical Trial Adverse Experiences" on ASCOT, CARDS, TNT…) would pull them all into every
    # search for the section's topic.
    parent = {child: p for p in root.iter() for child in p}
    numbered: dict[ET.Element, str] = {}  # (sections come in document order: an outer one before those inside it)
    for section in root.iter(f"{NS}section"):
        code_el = section.find(f"{NS}code")
        code = code_el.get("code") if code_el is not None else None
        title_el = section.find(f"{NS}title")
        title = " ".join(_flatten(title_el).split()) if title_el is not None else ""
        m = _NUMBER.match(title)
        if m:
            number, title = m.group(1), " ".join(m.group(2).split())
            numbered[section] = number
        else:
            number = _enclosing_number(section, parent, numbered)
        if not title and code:
            title = section_names().get(code) or (code_el.get("displayName") or "").title()
            if number is not None and title == _FRIENDLY["SPL Unclassified"]:
                title = ""  # a paragraph of a numbered section: its number says where it is
        text = _section_text(section)
        if text:
            units.append(Unit(kind="section", text=text, section_number=number, section_title=title or None,
                              section_code=code))
    if not units:
        raise ReadError(f"{path.name}: the label has no section text.")
    meta: dict[str, object] = {"type": "label"}
    set_id = root.find(f"{NS}setId")
    if set_id is not None and set_id.get("root"):
        meta["set_id"] = set_id.get("root")
    version = root.find(f"{NS}versionNumber")
    if version is not None and version.get("value"):
        meta["version"] = version.get("value")
    eff = root.find(f"{NS}effectiveTime")
    if eff is not None and _date(eff.get("value")):
        meta["approved_date"] = _date(eff.get("value"))
    product = root.find(f".//{NS}manufacturedProduct/{NS}manufacturedProduct/{NS}name")
    if product is None:
        product = root.find(f".//{NS}manufacturedMedicine/{NS}name")
    if product is not None and (product.text or "").strip():
        name = " ".join(product.text.split())
        meta["product"] = name
        meta["title"] = f"{name} label"
    else:
        title_el = root.find(f"{NS}title")
        if title_el is not None and _flatten(title_el):
            meta["title"] = " ".join(_flatten(title_el).split())[:120]
    return ReadResult(units=units, meta=meta)
