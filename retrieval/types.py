"""Passages out of retrieval, and the citations built on them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Passage:
    """A retrieved chunk with everything a citation needs."""

    chunk_id: str
    doc_id: str
    version: str
    title: str
    doc_type: str
    text: str
    kind: str  # page | section | document
    start: int
    end: int
    product: str | None = None
    therapeutic_area: str | None = None
    page: int | None = None
    section_number: str | None = None
    section_title: str | None = None
    section_code: str | None = None
    score: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def locator(self) -> str:
        """Where the passage is: 'p. 3', '5.1 Skeletal Muscle' or 'whole document'."""
        if self.kind == "page" and self.page is not None:
            return f"p. {self.page}"
        if self.kind == "section":
            return " ".join(x for x in (self.section_number, self.section_title) if x) or "section"
        return "whole document"

    @property
    def heading(self) -> str:
        """The headings the passage sits under (see ``section_heading``)."""
        return section_heading({"kind": self.kind, "type": self.doc_type, "section_title": self.section_title,
                                "section_number": self.section_number})

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any], score: float = 0.0) -> Passage:
        """Build from a stored chunk and its metadata."""
        def opt(key: str) -> Any:
            v = meta.get(key)
            return None if v in ("", None, -1) else v

        return cls(
            chunk_id=chunk_id, doc_id=str(meta["doc_id"]), version=str(meta["version"]), title=str(meta["title"]),
            doc_type=str(meta.get("type", "other")), text=text, kind=str(meta.get("kind", "document")),
            start=int(meta.get("start", 0)), end=int(meta.get("end", len(text))), product=opt("product"),
            therapeutic_area=opt("therapeutic_area"), page=opt("page"), section_number=opt("section_number"),
            section_title=opt("section_title"), section_code=opt("section_code"), score=score,
        )


@dataclass
class Citation:
    """A numbered pointer from an answer sentence to the exact approved text behind it."""

    number: int
    doc_id: str
    version: str
    title: str
    locator: str
    quote: str
    start: int  # character offsets of the quote within the page/section text
    end: int
    page: int | None = None
    section_number: str | None = None
    section_title: str | None = None
    chunk_id: str = ""

    @classmethod
    def from_passage(cls, number: int, p: Passage, quote: str | None = None, offset: int = 0) -> Citation:
        """Cite a passage, or a quote found at ``offset`` characters into it."""
        q = quote if quote is not None else p.text
        return cls(number=number, doc_id=p.doc_id, version=p.version, title=p.title, locator=p.locator,
                   quote=q, start=p.start + offset, end=p.start + offset + len(q), page=p.page,
                   section_number=p.section_number, section_title=p.section_title, chunk_id=p.chunk_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


def index_text(text: str, meta: dict[str, Any]) -> str:
    """What search sees of a chunk: its section title, then its text (the title often names the topic
    a question asks about — 'Mechanism of Action', 'Pregnancy' — that the section's sentences never repeat).
    Citations and quotes use the text alone."""
    title = str(meta.get("section_title") or "").strip()
    return f"{title}\n{text}" if title and meta.get("kind") == "section" else text


# The numbered top-level sections of a prescribing-information label (21 CFR 201.57(c)). A subsection
# such as "2.5 Plaque Psoriasis" sits under "Dosage and Administration" even where the label gives that
# heading no text of its own, so the chunk's metadata never names it.
LABEL_SECTIONS = {
    "1": "Indications and Usage", "2": "Dosage and Administration", "3": "Dosage Forms and Strengths",
    "4": "Contraindications", "5": "Warnings and Precautions", "6": "Adverse Reactions", "7": "Drug Interactions",
    "8": "Use in Specific Populations", "9": "Drug Abuse and Dependence", "10": "Overdosage", "11": "Description",
    "12": "Clinical Pharmacology", "13": "Nonclinical Toxicology", "14": "Clinical Studies", "15": "References",
    "16": "How Supplied/Storage and Handling", "17": "Patient Counseling Information",
}
# Section titles that say nothing about the topic: SPL's catch-all and the carton / container images.
UNINFORMATIVE_TITLE = re.compile(r"^\s*(?:unclassified section|package label|principal display panel)", re.I)


def section_heading(meta: dict[str, Any]) -> str:
    """The headings a section chunk sits under, broadest first ('Dosage and Administration › Plaque
    Psoriasis'), from its stored metadata; '' for pages, whole documents and titles that say nothing."""
    if meta.get("kind") != "section":
        return ""
    title = str(meta.get("section_title") or "").strip()
    if UNINFORMATIVE_TITLE.match(title):
        title = ""
    number = str(meta.get("section_number") or "").strip()
    top = LABEL_SECTIONS.get(number.split(".")[0]) if meta.get("type") == "label" and "." in number else None
    return " › ".join(x for x in (top, title) if x)
