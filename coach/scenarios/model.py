"""The scenario format managers author (YAML): persona, baseline view, hidden concerns, objective."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Difficulty = Literal["beginner", "intermediate", "advanced"]


class Persona(BaseModel):
    """Who the simulated HCP is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="e.g. 'Dr. Amara Okafor'")
    specialty: str = Field(description="e.g. 'Geriatric medicine'")
    setting: str = Field(description="e.g. 'Community hospital geriatric clinic'")
    style: str = Field(description="How they talk, e.g. 'thoughtful, guarded with industry'")
    terse: bool = Field(False, description="Answers closed questions in a handful of words and volunteers nothing.")


class Baseline(BaseModel):
    """The HCP's view before the call."""

    model_config = ConfigDict(extra="forbid")

    stance: int = Field(ge=-2, le=2, description="-2 strongly against … +2 strongly for.")
    statement: str = Field(description="The view in the HCP's words.")


class EvidenceRef(BaseModel):
    """Approved evidence that can resolve a concern."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="An approved document, e.g. 'lipitor-label'.")
    sections: list[str] = Field(default_factory=list, description="Label sections, e.g. ['5.1']; empty = any.")


class Concern(BaseModel):
    """A hidden reason that holds the view in place."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Short id, e.g. 'myopathy-risk'.")
    summary: str = Field(description="The concern in one line (shown in feedback, never to the MSL mid-call).")
    reveal_cues: list[str] = Field(min_length=1, description="Topics an open, probing question about which reveals it.")
    revealed_line: str = Field(description="What the HCP says when it is revealed.")
    resolve_evidence: list[EvidenceRef] = Field(default_factory=list, description="Documents/sections that resolve it.")
    resolve_description: str = Field(description="What evidence would resolve it, matched semantically.")
    resolved_line: str = Field(description="What the HCP says when the evidence lands.")
    stance_shift: int = Field(1, ge=0, le=2, description="How far resolving it moves the stance.")


class Lines(BaseModel):
    """Scenario-authored lines so rehearsal works with no chat model."""

    model_config = ConfigDict(extra="forbid")

    opening: str = Field(description="The HCP's first words.")
    closed_answers: list[str] = Field(min_length=1, description="Short answers to closed questions.")
    nothing_new: list[str] = Field(min_length=1, description="When an open question finds nothing more to reveal.")
    pushback: list[str] = Field(min_length=1, description="After a promotional or unsupported claim.")
    unconvinced: list[str] = Field(min_length=1, description="Evidence that does not meet a voiced concern.")
    view: dict[int, str] = Field(description="Honest answer to 'has your view changed?' per stance -2…2.")
    acknowledge: list[str] = Field(default_factory=lambda: ["Go on."], description="Neutral acknowledgements.")

    @model_validator(mode="after")
    def _all_stances(self) -> Lines:
        missing = [s for s in range(-2, 3) if s not in self.view]
        if missing:
            raise ValueError(f"view needs a line for every stance -2..2; missing {missing}")
        return self


class Scenario(BaseModel):
    """A coaching scenario."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, e.g. 'statin-myopathy-elderly'.")
    title: str
    difficulty: Difficulty = "intermediate"
    therapeutic_area: str
    product: str = Field(description="Product as named in the library, e.g. 'Lipitor'.")
    documents: list[str] = Field(min_length=1, description="Approved doc_ids the MSL may use.")
    topic: str
    objective: str = Field(description="What the manager wants the MSL to achieve.")
    persona: Persona
    baseline: Baseline
    concerns: list[Concern] = Field(min_length=1)
    lines: Lines
    compliance_notes: str = ""
    off_label_topics: list[str] = Field(default_factory=list, description="Uses the label does not list.")

    @model_validator(mode="after")
    def _unique_concerns(self) -> Scenario:
        ids = [c.id for c in self.concerns]
        if len(ids) != len(set(ids)):
            raise ValueError(f"concern ids must be unique: {ids}")
        return self

    @property
    def max_stance(self) -> int:
        """The stance reached when every concern is resolved."""
        return min(2, self.baseline.stance + sum(c.stance_shift for c in self.concerns))
