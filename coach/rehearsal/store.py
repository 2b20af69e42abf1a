"""Rehearsal persistence: sessions and their turns, written turn by turn so nothing is lost."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class RehearsalBase(DeclarativeBase):
    """Declarative base of the rehearsal tables."""


class SessionRow(RehearsalBase):
    """One rehearsal."""

    __tablename__ = "rehearsal_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(200), index=True)
    scenario_id: Mapped[str] = mapped_column(String(200), index=True)
    scenario_json: Mapped[str] = mapped_column(Text)  # the scenario as rehearsed, for later replays
    plan_json: Mapped[str] = mapped_column(Text, default="{}")
    self_json: Mapped[str] = mapped_column(Text, default="")
    insight_json: Mapped[str] = mapped_column(Text, default="")
    scorecard_json: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="in_call")  # in_call | done
    model: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class TurnRow(RehearsalBase):
    """One utterance, with the analysis and hidden state after it for MSL turns."""

    __tablename__ = "rehearsal_turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("rehearsal_sessions.id"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(10))  # msl | hcp
    text: Mapped[str] = mapped_column(Text)
    analysis_json: Mapped[str] = mapped_column(Text, default="")
    state_json: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class RehearsalStore:
    """Read and write rehearsals."""

    def __init__(self, engine: Engine) -> None:
        RehearsalBase.metadata.create_all(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create(self, user: str, scenario_id: str, scenario: dict[str, Any], plan: dict[str, Any], model: str) -> int:
        """A new session; returns its id."""
        with self._sessions.begin() as s:
            row = SessionRow(user=user, scenario_id=scenario_id, scenario_json=json.dumps(scenario),
                             plan_json=json.dumps(plan), model=model)
            s.add(row)
            s.flush()
            return row.id

    def add_turn(self, session_id: int, speaker: str, text: str, analysis: dict[str, Any] | None = None,
                 state: dict[str, Any] | None = None) -> int:
        """Append a turn and commit at once; returns its index."""
        with self._sessions.begin() as s:
            n = len(list(s.scalars(select(TurnRow.id).where(TurnRow.session_id == session_id))))
            s.add(TurnRow(session_id=session_id, idx=n, speaker=speaker, text=text,
                          analysis_json=json.dumps(analysis) if analysis else "",
                          state_json=json.dumps(state) if state else ""))
            row = s.get(SessionRow, session_id)
            if row is not None:
                row.updated_at = _now()
            return n

    def update(self, session_id: int, **fields: Any) -> None:
        """Set JSON fields (plan, self_assessment, insight, scorecard) or status."""
        columns = {"plan": "plan_json", "self_assessment": "self_json", "insight": "insight_json",
                   "scorecard": "scorecard_json"}
        with self._sessions.begin() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise KeyError(session_id)
            for key, value in fields.items():
                if key == "status":
                    row.status = value
                else:
                    setattr(row, columns[key], json.dumps(value))
            row.updated_at = _now()

    def get(self, session_id: int) -> SessionRow | None:
        """One session."""
        with self._sessions() as s:
            return s.get(SessionRow, session_id)

    def turns(self, session_id: int) -> list[TurnRow]:
        """A session's turns in order."""
        with self._sessions() as s:
            return list(s.scalars(select(TurnRow).where(TurnRow.session_id == session_id).order_by(TurnRow.idx)))

    def sessions(self, user: str | None = None, status: str | None = None) -> list[SessionRow]:
        """Sessions, newest first."""
        with self._sessions() as s:
            q = select(SessionRow).order_by(SessionRow.id.desc())
            if user is not None:
                q = q.where(SessionRow.user == user)
            if status is not None:
                q = q.where(SessionRow.status == status)
            return list(s.scalars(q))
