"""The audit log of answers: question, answer, citations with document versions, model, flags."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class AuditBase(DeclarativeBase):
    """Declarative base of the audit table."""


class AuditRow(AuditBase):
    """One answered (or refused) question."""

    __tablename__ = "audit_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None))
    user: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(200))
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    off_label: Mapped[bool] = mapped_column(Boolean, default=False)
    citations_json: Mapped[str] = mapped_column(Text, default="[]")
    filters_json: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def citations(self) -> list[dict[str, Any]]:
        """Citations as dicts (doc_id, version, locator, quote, offsets)."""
        return json.loads(self.citations_json)


class AuditLog:
    """Append-only record of every answer."""

    def __init__(self, engine: Engine) -> None:
        AuditBase.metadata.create_all(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def record(self, *, question: str, answer: str, mode: str, model: str, refused: bool, off_label: bool,
               citations: list[dict[str, Any]], filters: dict[str, Any] | None = None, user: str = "") -> int:
        """Write one entry; returns its id."""
        with self._sessions.begin() as s:
            row = AuditRow(question=question, answer=answer, mode=mode, model=model, refused=refused,
                           off_label=off_label, citations_json=json.dumps(citations),
                           filters_json=json.dumps(filters or {}, default=str), user=user)
            s.add(row)
            s.flush()
            return row.id

    def recent(self, limit: int = 50) -> list[AuditRow]:
        """The newest entries first."""
        with self._sessions() as s:
            return list(s.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)))
