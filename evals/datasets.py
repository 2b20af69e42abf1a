"""Dataset formats of the evaluation commands (JSON Lines, one object a line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator


class EvalDataError(Exception):
    """A dataset line is malformed; the message names the file, line and field."""


class RetrievalQuestion(BaseModel):
    """``{"id": str, "question": str, "relevant": [doc_id, ...]}``"""

    model_config = ConfigDict(extra="allow")

    id: str
    question: str
    relevant: list[str] = []


class AnswerQuestion(RetrievalQuestion):
    """A question for `coach eval answers`.

    ``answerable``: true when the sources answer it, false when they do not (a refusal is right), null
    when only the off-label flag is judged. ``section`` lists the label sections (number such as "5.1",
    or title for unnumbered ones such as OTC Drug Facts headings) any of which holds the answer in
    ``doc_id`` (default: the first of ``relevant``). ``split`` is dev (for tuning) or test (held out).
    """

    reference: str | None = None
    answerable: bool | None = True
    doc_id: str | None = None
    section: list[str] = []
    off_label: bool | None = None
    split: str | None = None

    @field_validator("section", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        if v is None:
            return []
        return [v] if isinstance(v, str) else v

    @property
    def gold_doc(self) -> str | None:
        """The document that holds the answer."""
        return self.doc_id or (self.relevant[0] if self.relevant else None)


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
