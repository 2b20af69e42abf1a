"""What dialogue-act analysis says about one MSL turn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuestionType = Literal["open", "closed", "none"]
# The flags of a claim that make it overreach: a compliance problem as well as a claims one.
OVERREACH_KINDS = ("superlative", "comparative", "absolute")
FIELDS = ("question_type", "follow_up", "evidence", "checks_view_change", "reflection", "promotional")


@dataclass
class Claim:
    """A factual claim in a turn, checked against the approved corpus."""

    text: str
    supported: bool
    support: float
    doc_id: str | None = None
    version: str | None = None
    locator: str | None = None
    section_number: str | None = None
    quote: str | None = None
    flags: list[str] = field(default_factory=list)  # why it is not supported (empty when it is)
    # Of a list of facts (three stretches or more) that fails on one of them, every stretch checked on its own
    # ("start at 10 or 20 mg once daily" in a list that gets the recheck interval wrong): each that holds is correct.
    parts: list[Claim] = field(default_factory=list)

    @property
    def correct(self) -> list[Claim]:
        """The claim if it holds, else its stretches that hold."""
        return [self] if self.supported else [p for p in self.parts if p.supported]

    @property
    def overreaching(self) -> bool:
        """An unsupported superlative, comparison or absolute claim: a compliance problem as well."""
        return not self.supported and any(f.startswith(OVERREACH_KINDS) for f in self.flags)


@dataclass
class TurnAnalysis:
    """Dialogue acts of one MSL turn, with the claims it makes."""

    text: str  # as the MSL typed it (what the scorecard quotes)
    question_type: QuestionType = "none"
    follow_up: bool = False
    evidence: bool = False
    citation: bool = False
    checks_view_change: bool = False
    reflection: bool = False
    promotional: bool = False
    off_label: bool = False
    sidesteps: bool = False  # the HCP had just asked something, and the turn takes up none of its words
    # a closed question that neither names nor points back at anything the HCP just said ("Do you see much warfarin on
    # the ward?" after the fibrates): on topic, perhaps, but it builds on nothing the HCP said
    new_topic: bool = False
    claims: list[Claim] = field(default_factory=list)
    # Label content said plainly in a turn that neither asks nor presents evidence ("It shouldn't be given to
    # under-fours at all…"): not judged as claims, but those the label supports may still answer a voiced worry.
    plain_claims: list[Claim] = field(default_factory=list)
    cited_sections: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    read: str = ""  # the turn as read, typed shorthand written out ("where r u now" is "where are you now")

    def __post_init__(self) -> None:
        self.read = self.read or self.text

    @property
    def supported_claims(self) -> list[Claim]:
        """Claims the approved corpus supports."""
        return [c for c in self.claims if c.supported]

    @property
    def may_state_facts(self) -> bool:
        """Presents evidence, or asks nothing: any clinical statement in it is a claim to check (and may answer a
        worry), cited or not."""
        return self.evidence or self.question_type == "none"

    @property
    def correct_claims(self) -> list[Claim]:
        """Supported claims, and the stretches that hold of those that fail on one detail."""
        return [p for c in self.claims for p in c.correct]

    @property
    def unsupported_claims(self) -> list[Claim]:
        """Claims no approved passage supports."""
        return [c for c in self.claims if not c.supported]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TurnAnalysis:
        """Inverse of to_dict."""
        d = dict(d)
        d["claims"] = [_claim(c) for c in d.get("claims", [])]
        d["plain_claims"] = [_claim(c) for c in d.get("plain_claims", [])]
        return cls(**d)


def _claim(d: dict[str, Any]) -> Claim:
    return Claim(**{**d, "parts": [_claim(p) for p in d.get("parts", [])]})
