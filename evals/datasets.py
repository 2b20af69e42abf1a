"""Dataset formats of the evaluation commands (JSON Lines, one object a line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError


class EvalDataError(Exception):
    """A dataset line is malformed; the message names the file, line and field."""


class RetrievalQuestion(BaseModel):
    """``{"id": str, "question": str, "relevant": [doc_id, ...]}``"""

    model_config = ConfigDict(extra="allow")

    id: str
    question: str
    relevant: list[str] = []


class AnswerQuestion(RetrievalQuestion):
    """A retrieval question that may carry a reference answer, the expected section and answerability."""

    reference: str | None = None
    answerable: bool = True
    section: str | None = None  # expected label section number, e.g. "5.1"
    off_label: bool | None = None


def read_jsonl(path: Path, model: type[BaseModel]) -> list[Any]:
    """Parse and validate every line; errors name the line and field."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{path}:{n}: not JSON ({exc.msg}).") from exc
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise EvalDataError(f"{path}:{n}: field '{field}': {err['msg']}.") from exc
    if not out:
        raise EvalDataError(f"{path}: no questions in the file.")
    return out
