"""What the MSL enters around a rehearsal: the pre-call plan, the self-assessment, the insight."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PreCallPlan(BaseModel):
    """The MSL's plan before the call."""

    model_config = ConfigDict(extra="forbid")

    objective: str = Field("", description="What the MSL wants from the call.")
    intends_to_evolve_view: bool = Field(False, description="Does the MSL plan to evolve the HCP's view?")
    hypothesis: str = Field("", description="The MSL's guess at the HCP's current view and why.")
    probing_questions: list[str] = Field(default_factory=list, description="Questions planned to probe the view.")
    evidence_to_bring: list[str] = Field(default_factory=list, description="Approved evidence planned (doc/section).")


class SelfAssessment(BaseModel):
    """The MSL's own answer after the call: did the view change, and to what?"""

    model_config = ConfigDict(extra="forbid")

    view_changed: Literal["yes", "no", "unsure"] = "unsure"
    new_stance: int | None = Field(None, ge=-2, le=2, description="Where the MSL thinks the HCP now stands.")
    summary: str = Field("", description="The HCP's view now, in the MSL's words.")


Category = Literal["unmet_need", "treatment_practice", "safety_perception", "evidence_gap", "access", "competitor",
                   "other"]


class Insight(BaseModel):
    """An insight captured after the call."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    therapeutic_area: str = ""
    topic: str = ""
    category: Category = "other"
    actionability: Literal["high", "medium", "low"] = "medium"
