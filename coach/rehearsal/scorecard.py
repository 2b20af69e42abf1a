"""The feedback scorecard: checkable items, each with the quoted turns behind it and one concrete tip."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coach.acts.claims import NO_SENTENCE
from coach.acts.cues import OFFER, questions
from coach.acts.types import Claim, TurnAnalysis
from coach.rehearsal.insight import classify_insight
from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.state import TRUST_START, HiddenState
from coach.scenarios.model import Scenario

ITEMS = ("planned", "probed_before_presenting", "follow_up", "concerns_uncovered", "evidence_addresses_concern",
         "claims_supported", "compliant", "checked_view_change", "calibration", "insight")
HEADLINE = ("checked_view_change", "calibration")


@dataclass
class Quote:
    """A turn behind a verdict."""

    turn: int  # 1-based MSL turn number
    text: str


def _why_refused(bad: list[tuple[int, Claim]]) -> str:
    """Why each refused claim was refused (its first reason), and the nearest approved text, so the MSL can fix it."""
    out = []
    for n, c in bad[:3]:
        why = (c.flags or [NO_SENTENCE])[0]
        near = f" Nearest approved text ({c.section_number}): “{_short(c.quote)}”" if c.quote and c.section_number else ""
        out.append(f" Turn {n}: {why}.{near}")
    return "".join(out)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Item:
    """One rubric item."""

    id: str
    title: str
    passed: bool
    seen: str
    tip: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Scorecard:
    """All items, the ratios and the stance trajectory."""

    items: list[Item]
    ratios: dict[str, float]
    trajectory: list[dict[str, Any]]
    baseline_stance: float
    final_stance: float

    def item(self, item_id: str) -> Item:
        """One item by id."""
        return next(i for i in self.items if i.id == item_id)

    def verdicts(self) -> dict[str, bool]:
        """Pass/fail per item id."""
        return {i.id: i.passed for i in self.items}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorecard:
        """Inverse of to_dict."""
        items = [Item(**{**i, "quotes": [Quote(**q) for q in i["quotes"]]}) for i in d["items"]]
        return cls(items, d["ratios"], d["trajectory"], d["baseline_stance"], d["final_stance"])


def _q(turns: list[tuple[int, TurnAnalysis]], limit: int = 3) -> list[Quote]:
    return [Quote(n, a.text) for n, a in turns[:limit]]


def build_scorecard(scenario: Scenario, plan: PreCallPlan, msl: list[TurnAnalysis], hcp_words: int,
                    trajectory: list[HiddenState], self_assessment: SelfAssessment | None,
                    insight: Insight | None) -> Scorecard:
    """Score a rehearsal from the MSL's analysed turns and the hidden-state trajectory (one state per MSL turn)."""
    numbered = list(enumerate(msl, start=1))
    final = trajectory[-1] if trajectory else None
    baseline = float(scenario.baseline.stance)
    final_stance = final.stance if final else baseline
    items: list[Item] = []

    # Plan
    planned = plan.intends_to_evolve_view and bool(plan.objective.strip())
    items.append(Item("planned", "Planned to evolve the view", planned,
                      f"Objective: “{plan.objective.strip() or '—'}”; intends to evolve the view: "
                      f"{'yes' if plan.intends_to_evolve_view else 'no'}; {len(plan.probing_questions)} probing "
                      "question(s) planned.",
                      "Write an objective that names the view you want to evolve and from where to where." if not planned
                      else "Keep naming the view you aim to evolve; it is what you check at the end."))

    # Probe before presenting
    evidence_turns = [(n, a) for n, a in numbered if a.evidence]
    # A view check as the HCP heard it: an open "how do you see it" before any data asks for the view as it is, and
    # probes (the engine answers it with a concern, not with the view line).
    heard_checks = set(final.view_checks) if final else set()
    open_turns = [(n, a) for n, a in numbered if a.question_type == "open" and n not in heard_checks]
    first_evidence = evidence_turns[0][0] if evidence_turns else None
    probes_before = [(n, a) for n, a in open_turns if first_evidence is None or n < first_evidence]
    probed = bool(probes_before)
    seen = (f"{len(probes_before)} open question(s) before the first data at turn {first_evidence}." if first_evidence
            else f"{len(probes_before)} open question(s); no data presented.")
    items.append(Item("probed_before_presenting", "Probed the current view before presenting data", probed, seen,
                      "Start with an open question about how the HCP decides today, before any data." if not probed
                      else "Good: you learned the view before presenting.", _q(probes_before or evidence_turns)))

    # Sequential follow-ups
    # The first turn replies to the HCP's greeting, not to an answer: it cannot be a follow-up.
    # A view check about the MSL's own data is not a follow-up, whatever words of the HCP it picks up.
    # A question that passes over what the HCP just asked the MSL builds on nothing they said, nor does a closed
    # question that neither names nor points back at anything in the answer, nor an offer ("Would it help if I sent you
    # the interaction table?").
    is_follow = [n > 1 and a.follow_up and a.question_type != "none" and n not in heard_checks
                 and not a.sidesteps and not a.new_topic and not _offer(a.read) for n, a in numbered]
    follow = [(n, a) for (n, a), f in zip(numbered, is_follow) if f]
    depth = _longest_run(is_follow)
    items.append(Item("follow_up", "Asked sequential follow-up questions", len(follow) >= 2,
                      f"{len(follow)} follow-up question(s); longest chain {depth}.",
                      "After an answer, ask about what the HCP just said (“You mentioned … — what happened then?”)."
                      if len(follow) < 2 else "Keep building on the HCP's words.", _q(follow)))

    # Concerns uncovered
    revealed = final.revealed if final else []
    m = len(scenario.concerns)
    reveal_turns = {e.concern: e.turn for s in trajectory[-1:] for e in s.log if e.rule == "concern_revealed"}
    items.append(Item("concerns_uncovered", "Uncovered the hidden concerns", len(revealed) == m,
                      f"{len(revealed)} of {m} concerns uncovered: " + (", ".join(
                          c.summary for c in scenario.concerns if c.id in revealed) or "none") + ".",
                      "Each open, probing question about reasons or experience uncovers one more concern; keep probing."
                      if len(revealed) < m else "All concerns surfaced.",
                      [Quote(t, msl[t - 1].text) for t in sorted(reveal_turns.values())][:3]))

    # Evidence that addresses a concern, with a citation
    resolve_turns = sorted({e.turn for e in (final.log if final else []) if e.rule == "concern_resolved"})
    cited = [t for t in resolve_turns if msl[t - 1].citation or msl[t - 1].cited_sections]
    early = final.early_evidence if final else []
    seen = (f"{len(resolve_turns)} concern(s) resolved by supported evidence, {len(cited)} with a citation."
            + (f" Evidence came before the HCP voiced: {', '.join(early)}." if early else ""))
    items.append(Item("evidence_addresses_concern", "Presented cited evidence that addresses the actual concern",
                      bool(cited), seen,
                      "Present approved evidence only after the HCP has voiced the concern it answers, and name the "
                      "source (e.g. “the label, section 5.1”)." if not cited else "Evidence matched a voiced concern.",
                      [Quote(t, msl[t - 1].text) for t in (cited or resolve_turns)] or _q(evidence_turns)))

    # Claims supported
    claims = [(n, c) for n, a in numbered for c in a.claims]
    bad = [(n, c) for n, c in claims if not c.supported]
    items.append(Item("claims_supported", "Every factual claim supported by approved sources", not bad,
                      f"{len(claims) - len(bad)} of {len(claims)} claim(s) supported." + _why_refused(bad)
                      if claims else "No factual claims made.",
                      "Quote the approved source for each number you give; drop claims you cannot cite." if bad
                      else "Claims matched the approved sources.", [Quote(n, c.text) for n, c in bad][:3]))

    # Compliance
    promo = [(n, a) for n, a in numbered if a.promotional or a.off_label or any(c.overreaching for c in a.claims)]
    items.append(Item("compliant", "Compliant: no off-label promotion or unsupported comparisons", not promo,
                      f"{len(promo)} promotional or off-label statement(s)." if promo else "No promotional statements.",
                      "Stay within the label; answer off-label questions only when unsolicited and refer to Medical "
                      "Information." if promo else "Stayed within the label.", _q(promo)))

    # Checked whether the view changed
    # A check counts only after evidence was presented: with nothing presented there is nothing to have moved the view.
    checks = [(n, a) for n, a in numbered if a.checks_view_change]
    # data that could move a view: a source named or label content said right ("well under one in ten thousand", said
    # with no source and found nowhere in the label, gives the HCP nothing to change their mind over)
    shown = next((n for n, a in numbered if (a.evidence and (a.citation or a.supported_claims)) or a.plain_claims), None)
    after = [(n, a) for n, a in checks if shown is not None and n > shown]
    if after:
        seen = f"{len(after)} view check(s) after presenting data (first at turn {after[0][0]})."
    elif checks and first_evidence is None:
        seen = f"{len(checks)} view check(s), but no evidence was presented, so there was nothing to change the view."
    elif checks and shown is None:
        seen = f"{len(checks)} view check(s), but the data at turn {first_evidence} had no source and no claim the label " \
               "supports, so there was nothing to change the view."
    elif checks:
        seen = f"{len(checks)} view check(s), none after the data at turn {shown}."
    else:
        seen = "The view was never checked."
    items.append(Item("checked_view_change", "Checked whether the HCP's view changed", bool(after), seen,
                      "After your evidence, ask “Where does that leave you on …?” and listen to the answer."
                      if not after else "You checked for change: keep doing it in every call.", _q(after or checks)))

    # Calibration
    actual_changed = final_stance != baseline
    if self_assessment is None:
        calibrated, seen = False, "No self-assessment given."
    else:
        said_changed = self_assessment.view_changed == "yes"
        direction_ok = self_assessment.view_changed != "unsure" and said_changed == actual_changed
        stance_ok = self_assessment.new_stance is None or abs(self_assessment.new_stance - final_stance) <= 0.5
        calibrated = direction_ok and stance_ok
        guess = "" if self_assessment.new_stance is None else f" at {self_assessment.new_stance:+d}"
        seen = (f"You said the view {'changed' if said_changed else 'did not change' if self_assessment.view_changed == 'no' else 'may have changed'}"
                f"{guess}; it moved from {baseline:+.0f} to {final_stance:+.0f}.")
    items.append(Item("calibration", "Calibration: your read of the view against where it really is", calibrated, seen,
                      "Base your read on what the HCP said when you checked, not on how the call felt."
                      if not calibrated else "Your read matched the HCP's actual view.", _q(checks)))

    # Insight
    verdict = classify_insight(insight) if insight and insight.text.strip() else None
    items.append(Item("insight", "Insight captured and classified", bool(verdict and verdict.strategic),
                      f"Classified as {verdict.label.replace('_', ' ')}: {verdict.reason}." if verdict else
                      "No insight captured.",
                      "Write what the HCP believes or does, for which patients, and why — that is what makes it strategic."
                      if not (verdict and verdict.strategic) else "A strategic insight the team can act on."))

    questions = [a for a in msl if a.question_type != "none"]
    msl_words = sum(len(a.text.split()) for a in msl)
    ratios = {"open_question_share": round(sum(a.question_type == "open" for a in questions) / len(questions), 3)
              if questions else 0.0,
              "follow_up_depth": float(depth),
              "talk_ratio": round(msl_words / (msl_words + hcp_words), 3) if msl_words + hcp_words else 0.0}
    traj = [{"turn": 0, "stance": baseline, "trust": TRUST_START}] + \
        [{"turn": s.turn, "stance": s.stance, "trust": round(s.trust, 3)} for s in trajectory]
    return Scorecard(items, ratios, traj, baseline, final_stance)


def _longest_run(flags: list[bool]) -> int:
    best = cur = 0
    for f in flags:
        cur = cur + 1 if f else 0
        best = max(best, cur)
    return best


def _offer(text: str) -> bool:
    """The turn's last question offers the MSL's help rather than asking about the HCP."""
    asked = questions(text)
    return bool(asked and OFFER.search(asked[-1].strip()))
