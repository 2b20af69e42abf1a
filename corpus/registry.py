"""The document registry: every ingested version of every document, with its approval status.

Rows move pending → ready on a completed ingest; an older ready version becomes 'superseded'.
Only 'ready' rows with status 'approved' and an unexpired date may answer questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Date, DateTime, Integer, String, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from corpus.errors import UnknownDocumentError
from corpus.models import DocumentMeta


class CorpusBase(DeclarativeBase):
    """Declarative base of the corpus tables."""


class DocumentRow(CorpusBase):
    """One version of one document."""

    __tablename__ = "corpus_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(40))
    product: Mapped[str | None] = mapped_column(String(200), nullable=True)
    therapeutic_area: Mapped[str | None] = mapped_column(String(200), nullable=True)
    approval_code: Mapped[str | None] = mapped_column(String(100), nullable=True)
    approved_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    source_file: Mapped[str] = mapped_column(String(1000))
    set_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | ready
    n_chunks: Mapped[int] = mapped_column(Integer, default=0)
    collection: Mapped[str] = mapped_column(String(200), default="")
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.utcnow)

    def meta(self) -> DocumentMeta:
        """The row as DocumentMeta."""
        return DocumentMeta(
            doc_id=self.doc_id, title=self.title, type=self.type, product=self.product,  # type: ignore[arg-type]
            therapeutic_area=self.therapeutic_area, approval_code=self.approval_code, version=self.version,
            approved_date=self.approved_date, expiry_date=self.expiry_date, status=self.status,  # type: ignore[arg-type]
            source_file=self.source_file, sha256=self.sha256, set_id=self.set_id,
        )


def make_engine(url: str) -> Engine:
    """A SQLAlchemy engine; SQLite folders are created and foreign keys enforced."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, pool_pre_ping=True)


class Registry:
    """Read and change the registry of document versions in one collection."""

    def __init__(self, engine: Engine, collection: str) -> None:
        self.engine = engine
        self.collection = collection
        CorpusBase.metadata.create_all(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction that commits on success."""
        with self._sessions.begin() as s:
            yield s

    def _rows(self, s: Session, **where: object) -> list[DocumentRow]:
        q = select(DocumentRow).where(DocumentRow.collection == self.collection)
        for k, v in where.items():
            q = q.where(getattr(DocumentRow, k) == v)
        return list(s.scalars(q.order_by(DocumentRow.id)))

    def current(self, doc_id: str) -> DocumentRow | None:
        """The latest ready version of a document."""
        with self.session() as s:
            rows = [r for r in self._rows(s, doc_id=doc_id, state="ready") if r.status != "superseded"]
            return rows[-1] if rows else None

    def find_ready(self, doc_id: str, sha256: str) -> DocumentRow | None:
        """A ready row with this content, if this exact file was ingested before."""
        with self.session() as s:
            rows = self._rows(s, doc_id=doc_id, sha256=sha256, state="ready")
            return rows[-1] if rows else None

    def add_pending(self, meta: DocumentMeta, n_chunks: int) -> int:
        """Record a version whose chunks are being written; returns its row id."""
        with self.session() as s:
            row = DocumentRow(
                doc_id=meta.doc_id, version=meta.version, sha256=meta.sha256, title=meta.title, type=meta.type,
                product=meta.product, therapeutic_area=meta.therapeutic_area, approval_code=meta.approval_code,
                approved_date=meta.approved_date, expiry_date=meta.expiry_date, status=meta.status,
                source_file=meta.source_file, set_id=meta.set_id, state="pending", n_chunks=n_chunks,
                collection=self.collection,
            )
            s.add(row)
            s.flush()
            return row.id

    def mark_ready(self, row_id: int) -> list[DocumentRow]:
        """Make a version current; returns the older versions it superseded."""
        with self.session() as s:
            row = s.get(DocumentRow, row_id)
            assert row is not None
            older = [r for r in self._rows(s, doc_id=row.doc_id, state="ready") if r.id != row.id
                     and r.status != "superseded"]
            for r in older:
                r.status = "superseded"
            row.state = "ready"
            return older

    def pending(self) -> list[DocumentRow]:
        """Versions whose ingest did not finish."""
        with self.session() as s:
            return self._rows(s, state="pending")

    def delete(self, row_id: int) -> None:
        """Forget a version (used to roll back an unfinished ingest)."""
        with self.session() as s:
            row = s.get(DocumentRow, row_id)
            if row is not None:
                s.delete(row)

    def set_status(self, doc_id: str, status: str) -> DocumentRow:
        """Change the status of a document's current version (withdraw, expire, re-approve)."""
        with self.session() as s:
            rows = [r for r in self._rows(s, doc_id=doc_id, state="ready") if r.status != "superseded"]
            if not rows:
                raise UnknownDocumentError(f"No document '{doc_id}' in the library; `coach docs` lists them.")
            rows[-1].status = status
            return rows[-1]

    def documents(self, include_superseded: bool = False) -> list[DocumentRow]:
        """Ready versions, newest last (current ones only unless asked)."""
        with self.session() as s:
            rows = self._rows(s, state="ready")
        return rows if include_superseded else [r for r in rows if r.status != "superseded"]

    def active(self, today: dt.date | None = None) -> list[DocumentRow]:
        """Current versions that may answer questions today."""
        return [r for r in self.documents() if r.meta().is_active(today)]
