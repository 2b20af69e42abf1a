"""Types that flow through the corpus package: document metadata, source units, chunks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal["publication", "label", "standard_response", "slide_deck", "other"]
Status = Literal["approved", "withdrawn", "expired", "superseded"]
NO_EXPIRY = dt.date(9999, 12, 31)


class DocumentMeta(BaseModel):
    """Approval metadata every document carries."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Stable identifier across versions, e.g. 'lipitor-label'.")
    title: str = Field(description="Human title shown in citations.")
    type: DocType = Field("other", description="publication | label | standard_response | slide_deck | other")
    product: str | None = Field(None, description="Product the document is about, e.g. 'Lipitor'.")
    therapeutic_area: str | None = Field(None, description="e.g. 'Cardiology'.")
    approval_code: str | None = Field(None, description="Medical/legal/regulatory approval code.")
    version: str = Field("1", description="Document version; a new version supersedes the old.")
    approved_date: dt.date | None = Field(None, description="Date the document was approved for use.")
    expiry_date: dt.date | None = Field(None, description="Date after which it may no longer be used.")
    status: Status = Field("approved", description="approved | withdrawn | expired | superseded")
    source_file: str = Field("", description="File the document was read from.")
    sha256: str = Field("", description="Content hash of the source file.")
    set_id: str | None = Field(None, description="SPL set id for labels.")

    def is_active(self, today: dt.date | None = None) -> bool:
        """True when the document may answer questions today."""
        today = today or dt.date.today()
        return self.status == "approved" and (self.expiry_date or NO_EXPIRY) >= today


@dataclass(frozen=True)
class Unit:
    """The finest citable unit of a source: a PDF page, a label section, a whole text file."""

    kind: Literal["page", "section", "document"]
    text: str
    page: int | None = None
    section_number: str | None = None
    section_title: str | None = None
    section_code: str | None = None

    @property
    def locator(self) -> str:
        """Where the unit is, as a reader would say it: 'p. 3' or '5.1 Skeletal Muscle'."""
        if self.kind == "page":
            return f"p. {self.page}"
        if self.kind == "section":
            return " ".join(x for x in (self.section_number, self.section_title) if x) or "section"
        return "whole document"


@dataclass
class ReadResult:
    """What a reader found: the units and any metadata the file itself carries."""

    units: list[Unit]
    meta: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """A passage of one unit, with character offsets into that unit's text."""

    chunk_id: str
    doc_id: str
    version: str
    text: str
    unit: Unit
    start: int
    end: int
    index: int
