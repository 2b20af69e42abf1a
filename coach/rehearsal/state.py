"""The simulated HCP's hidden state and the explicit rules that move it.

The state moves only through the rules below, each firing logged with its reason; the chat model
voices the state afterwards and never sets it. The same scenario and transcript therefore give the
same trajectory on every run and with any chat model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from coach.acts.claims import in_digits
from coach.acts.analyzer import OPEN_ASK
from coach.acts.cues import any_invitation, questions, sentences
from coach.ask.sentences import content_words
from coach.acts.types import OVERREACH_KINDS, Claim, TurnAnalysis
from coach.scenarios.model import Concern, Scenario

Embed = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised rows
ReactionKind = Literal["opening", "closed_answer", "reveal", "nothing_new", "resolved", "early_evidence",
                       "unconvinced", "pushback", "view", "acknowledge"]

TRUST_START = 0.6
TRUST_TO_REVEAL = 0.3  # below this the HCP stops opening up
PROMO_COST = 0.25
UNSUPPORTED_COST = 0.1
REFLECTION_GAIN = 0.05
CUE_MATCH = 0.5  # an open question this close to a concern's cues reveals that concern first
# An "anything else…?" asks the HCP to name one more thing, so it needs to come less close to point at a concern
# ("anything else on the chart side, say the drugs they're already on…" and the worry about warfarin and digoxin).
# A grid over 0.35-0.5 on all 115 dev rehearsals: 0.4 and below gain one, and lose none.
INVITE_MATCH = 0.4
CUE_TIE = 0.02  # two concerns this close to a question are a tie, settled by the scenario's order
# …or, short of that, this close and this much closer to one unvoiced concern than to any other: "What does go wrong at
# home, then?" is far from every cue, yet plainly about the worry over dosing at home, not the one about toddlers.
CUE_FLOOR, CUE_MARGIN = 0.35, 0.15
# An "anything else…?" that asks for the HCP's worries in general ("Is there anything else that worries you about
# them?", "Any other concerns?", "Anything there where you're not sure what to do?"), not for more of something ("Do
# they take anything else that worries you?").
ASKS_ABOUT_WORRIES = re.compile(r"^(?:[^?]{0,80}?,\s*)?\W*(?:(?:and|so|okay|ok|right|also|great|thanks)\W+)*(?:is there|are "
                                r"there|anything|any)\b[^?]{0,60}\b(?:worr\w*|concern\w*|bother\w*|hesita\w*|uneasy|"
                                r"reservations?|doubts?|hold(?:s|ing)? you back|puts? you off|on your mind|"
                                r"trips? you up|gives? you pause|not sure|unsure|uncertain)\b|"
                                r"\bor did anything else (?:make|lead|cause) (?:them|you|him|her|patients) (?:to )?stop\b", re.I)
RESOLVE_MATCH = 0.55  # evidence this close to what resolves a concern addresses it
# …or this close when it cites one of the concern's sections. A right section quoted for an unrelated fact (8.5 on
# age as a myopathy risk factor) scores about 0.4 against the trial-population concern, so that must not resolve it.
RESOLVE_MATCH_WITH_SECTION = 0.45
# A list's wrong item does not undo its right ones (Claim.parts) unless it is this much closer to the concern than they
# are: then it is the point of the list.
WRONG_ITEM_MARGIN = 0.1
# …and this much closer when the claim comes from another section of a document whose named sections resolve it (an
# ACR20 response rate from 14.1 read beside "malignancies … 0.6 per 100 patient-years with HUMIRA and with control")
ELSEWHERE_MARGIN = 0.05


@dataclass
class RuleEvent:
    """One rule firing: which rule, why, and what it changed."""

    turn: int
    rule: str
    detail: str
    concern: str | None = None
    stance_delta: float = 0.0
    trust_delta: float = 0.0


@dataclass
class Reaction:
    """What the HCP conveys in reply, with the scenario line to say it when there is no chat model."""

    kind: ReactionKind
    line: str
    concern: str | None = None


@dataclass
class HiddenState:
    """Where the HCP stands: never shown to the MSL during the call."""

    stance: float
    trust: float = TRUST_START
    revealed: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    early_evidence: list[str] = field(default_factory=list)
    view_checks: list[int] = field(default_factory=list)  # turns at which the MSL checked the view
    evidence_turns: list[int] = field(default_factory=list)  # turns at which the MSL presented evidence
    turn: int = 0
    log: list[RuleEvent] = field(default_factory=list)

    def snapshot(self) -> dict[str, Any]:
        """The state after a turn, for the trajectory."""
        return {"turn": self.turn, "stance": self.stance, "trust": round(self.trust, 3),
                "revealed": list(self.revealed), "resolved": list(self.resolved)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HiddenState:
        """Inverse of to_dict."""
        d = dict(d)
        d["log"] = [RuleEvent(**e) for e in d.get("log", [])]
        return cls(**d)


def _pick(lines: list[str], turn: int) -> str:
    return lines[turn % len(lines)]


# A question's words shared with a cue add to its embedding similarity, up to this much for every word of the cue: the
# small embedding model puts "how do you decide what dose a new patient starts on?" nearer "when something new is
# prescribed" than "how you decide the dose". Over the 870 MSL turns of the tunable rehearsals, the HCP line the annotator
# wrote was the replay's for 785 with no weight and 791 from 0.2 to 0.3.
LEX_WEIGHT = 0.25


def _stemmed(text: str) -> set[str]:
    """Content words, their endings cut ("starts", "starting" and "start" are one)."""
    return {re.sub(r"(?:ing|ed|es|e|s)$", "", w)[:5] for w in content_words(text)}


SET_ASIDE = re.compile(r"^\W*(?:(?:and|so|okay|ok|right|then)\W+)?(?:outside(?: of)?|beyond|apart from|other than|besides|"
                       r"aside from|leaving aside|setting aside)\b[^,?]{1,80},\s*", re.I)
# A question about patients named just before it ("…in those patients?", "…with them?")
# (…or at what was just described: "Tell me how you go about dosing it. What does that look like for a new patient?")
POINTS_BACK = re.compile(r"\b(?:those|these) (?:patients|ones|people|cases|folks)\b|\b(?:in|with|for|on) them\b|"
                         r"^\W*(?:(?:and|so)\W+)?(?:what|how) (?:does|did|would|do) (?:that|this) (?:look|work|play out)\b",
                         re.I)


class ConcernMatcher:
    """Semantic matching of questions to concern cues and of evidence to what resolves a concern."""

    def __init__(self, scenario: Scenario, embed: Embed) -> None:
        self.scenario = scenario
        self.embed = embed
        self._owner = [i for i, c in enumerate(scenario.concerns) for _ in c.reveal_cues]
        cues = [cue for c in scenario.concerns for cue in c.reveal_cues]
        self._cue_words = [_stemmed(cue) for cue in cues]
        fixes = [c.resolve_description for c in scenario.concerns]
        vecs = embed(cues + fixes)
        self._cues, self._fixes = vecs[: len(cues)], vecs[len(cues) :]

    def cue_scores(self, text: str) -> np.ndarray:
        """Similarity of a question to each concern's closest reveal cue (figures said in words read as digits, as the
        cues give them: "stopping at ten or twenty" is "why 10 or 20 mg", not "patients stopping")."""
        text = in_digits(text)
        sims = self._cues @ self.embed([text])[0]
        said = _stemmed(text)
        sims = sims + LEX_WEIGHT * np.array([len(w & said) / len(w) if w else 0.0 for w in self._cue_words])
        best = np.full(len(self.scenario.concerns), -1.0, dtype=np.float32)
        for sim, owner in zip(sims, self._owner):
            best[owner] = max(best[owner], sim)
        return best

    def question_scores(self, text: str) -> np.ndarray:
        """Per concern, how close a turn's questions come to its cues: the closest of its questions, each on its own
        ("Can we start with the ones on digoxin? How do you handle them…?" asks about digoxin). What the turn says
        before them does not count: a long preamble, such as sympathy for the HCP's story or "MS isn't an approved
        indication…" before "what prompted the question?", must not drown what is actually asked."""
        said, put = sentences(text), questions(text)
        # (a request for the HCP's account is asked as much as a question is: "Tell me how you actually go about
        # dosing it day to day.")
        asked = [q for q in said if q.strip() and (q in put or OPEN_ASK.match(q.strip()))]
        if not asked:
            return self.cue_scores(text)
        before = {q: said[i - 1] for i, q in enumerate(said) if i and POINTS_BACK.search(q)}
        # …except the sentence a question points back to ("…a lot of your patients have diabetes and kidney disease.
        # How do you handle atorvastatin in those patients?" asks about the kidney patients), and less what it sets
        # aside ("Outside the CYP3A4 drugs, which other combinations worry you?" asks about the others)
        read = [" ".join(filter(None, [before.get(q), SET_ASIDE.sub("", q) or q])) for q in asked]
        return np.max([self.cue_scores(q) for q in read], axis=0)

    def addressed(self, claims: list[Claim], cited_sections: list[str]) -> dict[int, float]:
        """The concerns a turn's supported claims address, with the best similarity for each.

        Each claim addresses the one concern it comes closest to (of those it is close enough to): a 5.5
        warning on demyelination does not also answer a worry about combined immunosuppression just because
        both texts are about TNF blockers. Separate claims in one turn can address separate concerns. A list
        with one wrong item ("start at 10 or 20, 40 for a bigger drop, recheck in four to six weeks") still
        makes its right items, unless the wrong one is clearly the item closest to the concern.
        """
        candidates: list[tuple[Claim, int]] = []  # a correct claim, and which list of wrong items sits beside it
        wrong_lists: list[list[Claim]] = [[]]  # list 0: none
        for c in claims:
            if c.supported:
                candidates.append((c, 0))
            elif c.parts:
                wrong_lists.append([p for p in c.parts if not p.supported])
                candidates += [(p, len(wrong_lists) - 1) for p in c.parts if p.supported]
        if not candidates:
            return {}
        rivals = [w for ws in wrong_lists for w in ws]
        texts = [c.text for c, _ in candidates] + [w.text for w in rivals]
        vecs = self.embed(texts + [_FRAME.sub("", c.text) for c, _ in candidates] +
                          [c.quote or c.text for c, _ in candidates])
        all_sims = self._fixes @ vecs[: len(texts)].T
        sims, rival_sims = all_sims[:, : len(candidates)], all_sims[:, len(candidates) :]
        # a claim framed by what it answers ("And for the patient who was told it might calm her MS: the indications
        # are…") is also read without its frame, which otherwise drowns the facts in the embedding: enough to meet a
        # section the claim cites, not to stand in for one
        n = len(candidates)
        cited = np.maximum(sims, self._fixes @ vecs[len(texts) : len(texts) + n].T)
        # …and a terse claim by the label sentence that backs it ("40 if they need a big drop" is "Patients who require
        # a large reduction in LDL-C … may be started at 40 mg"): its own words leave out what the label's carry
        quoted = self._fixes @ vecs[len(texts) + n :].T
        # per list of wrong items, how close its closest item comes to each concern
        starts = np.cumsum([0] + [len(ws) for ws in wrong_lists])
        beaten = [rival_sims[:, a:b].max(axis=1) if b > a else np.full(len(sims), -1.0)
                  for a, b in zip(starts[:-1], starts[1:])]
        out: dict[int, float] = {}
        for j, (claim, k) in enumerate(candidates):
            fits = []
            for i, concern in enumerate(self.scenario.concerns):
                if sims[i, j] + WRONG_ITEM_MARGIN <= beaten[k][i]:
                    continue
                matched = _section_match(concern, [claim], cited_sections)
                needed = RESOLVE_MATCH + (ELSEWHERE_MARGIN if not matched and _elsewhere(concern, claim) else 0.0)
                if sims[i, j] >= needed or (matched and (cited[i, j] >= RESOLVE_MATCH_WITH_SECTION
                                                         or quoted[i, j] >= RESOLVE_MATCH)):
                    fits.append(i)
            if fits:
                best = max(fits, key=lambda i: sims[i, j])
                out[best] = max(out.get(best, 0.0), float(sims[best, j]))
        return out


_FRAME = re.compile(r"^[^:]{3,90}:\s+(?=\S)")  # "On the liver calls, section 5.2: …" — the lead-in up to the colon


def _elsewhere(concern: Concern, claim: Claim) -> bool:
    """The claim comes from a known section of a document whose named sections resolve the concern (whether it is one
    of those sections is the caller's question)."""
    return bool(claim.section_number) and any(ref.doc_id == claim.doc_id and ref.sections
                                              for ref in concern.resolve_evidence)


def _section_match(concern: Concern, claims: list[Claim], cited_sections: list[str]) -> bool:
    for ref in concern.resolve_evidence:
        if not ref.sections:  # a whole document named (an OTC Drug Facts panel): a claim it backs is in it
            if any(c.doc_id == ref.doc_id for c in claims):
                return True
            continue
        for c in claims:
            if c.doc_id != ref.doc_id:
                continue
            where = [c.section_number or ""] + cited_sections
            # a subsection of a named section, or the section a named subsection sits in ("section 1" for 1.1–1.7)
            if any(w and (w == s or w.startswith(s + ".") or s.startswith(w + ".")) for w in where for s in ref.sections):
                return True
    return False


class HCPEngine:
    """Applies the rules to a turn's analysis."""

    def __init__(self, scenario: Scenario, matcher: ConcernMatcher) -> None:
        self.scenario = scenario
        self.matcher = matcher

    def initial_state(self) -> HiddenState:
        """The baseline state before the MSL speaks."""
        return HiddenState(stance=float(self.scenario.baseline.stance))

    def step(self, state: HiddenState, a: TurnAnalysis) -> tuple[HiddenState, list[Reaction]]:
        """Apply every rule to one MSL turn; returns the new state and what the HCP conveys."""
        s = HiddenState.from_dict(state.to_dict())
        s.turn += 1
        lines = self.scenario.lines
        reactions: list[Reaction] = []

        def fire(rule: str, detail: str, concern: str | None = None, stance: float = 0.0, trust: float = 0.0) -> None:
            if stance:
                s.stance = float(np.clip(s.stance + stance, -2, 2))
            if trust:
                s.trust = float(np.clip(s.trust + trust, 0, 1))
            s.log.append(RuleEvent(s.turn, rule, detail, concern, stance, trust))

        # 1. Promotion and unsupported claims cost trust: each unsupported superiority, comparison or absolute
        #    claim counts as one promotional statement, and so does each kind of them in one sentence ("the
        #    best-tolerated statin we have, and at 10 mg muscle side effects just aren't an issue" makes two; "better
        #    tolerated than simvastatin, so that should make it easier" one); other unsupported claims cost a little,
        #    once per turn.
        overreaching = [kind for c in a.unsupported_claims if c.overreaching
                        for kind in {f.split()[0] for f in c.flags if f.startswith(OVERREACH_KINDS)}]
        other_unsupported = [c for c in a.unsupported_claims if not c.overreaching]
        # (an off-label pitch beside an overreaching claim is a second promotional statement: "It's the safest
        # night-time option for kids, and the diphenhydramine helps them sleep right through")
        n_promo = max(len(overreaching) + (1 if a.off_label and overreaching else 0),
                      1 if (a.promotional or a.off_label) else 0)
        if n_promo:
            what = "an off-label suggestion" if a.off_label and not overreaching else \
                f"{n_promo} promotional statement(s)" if n_promo > 1 else "a promotional statement"
            fire("promotional_claim", f"{what} cost(s) trust", trust=-PROMO_COST * n_promo)
            reactions.append(Reaction("pushback", _pick(lines.pushback, s.turn)))
        if other_unsupported:
            fire("unsupported_claim", f"{len(other_unsupported)} claim(s) not supported by the approved sources",
                 trust=-UNSUPPORTED_COST)
            if not any(r.kind == "pushback" for r in reactions):
                reactions.append(Reaction("pushback", _pick(lines.pushback, s.turn)))

        # 2. Supported evidence resolves the concern it addresses, if that concern has been voiced.
        if a.may_state_facts and a.correct_claims:
            reactions += self._evidence(s, a, fire)
        elif a.plain_claims and not reactions:
            # label content said plainly answers a worry the HCP has voiced; said too early, or beside every worry,
            # it is just talk
            reactions += self._evidence(s, a, fire, plain=True)

        # 3. A question that checks the view gets an honest answer from the state. Before any evidence nothing
        #    could have moved it: an open question there asks for the view as it is, and probes.
        if a.evidence:
            s.evidence_turns.append(s.turn)
        if a.checks_view_change and (s.evidence_turns or a.question_type != "open"):
            s.view_checks.append(s.turn)
            fire("view_checked", f"the MSL checked the view; honest answer at stance {s.stance:+.0f}")
            reactions.append(Reaction("view", lines.view[int(round(s.stance))]))
        # 4. Open questions reveal the next hidden concern; closed ones get a short answer.
        elif a.question_type == "open":
            reactions.append(self._open_question(s, a, fire))
        elif a.question_type == "closed":
            reactions.append(self._closed_question(s, a, fire))

        # 5. Reflecting the HCP's words back builds a little trust.
        if a.reflection:
            fire("reflection", "the MSL summarised the HCP's view", trust=REFLECTION_GAIN)
        if not reactions:
            reactions.append(Reaction("acknowledge", _pick(lines.acknowledge, s.turn)))
        return s, reactions

    def _open_question(self, s: HiddenState, a: TurnAnalysis, fire: Callable[..., None]) -> Reaction:
        hidden = self._hidden(s)
        if not hidden:
            fire("open_question", "an open question, but every concern is already voiced")
            return Reaction("nothing_new", _pick(self.scenario.lines.nothing_new, s.turn))
        if s.trust < TRUST_TO_REVEAL:
            fire("guarded", f"trust {s.trust:.2f} is too low to open up")
            return Reaction("nothing_new", _pick(self.scenario.lines.nothing_new, s.turn))
        best = self._cued(s, a)
        concern = self.scenario.concerns[hidden[0] if best is None else best]
        how = "next in line" if best is None else "matched its cues"
        return self._reveal(s, concern, f"an open, probing question revealed '{concern.id}' ({how})", fire)

    def _closed_question(self, s: HiddenState, a: TurnAnalysis, fire: Callable[..., None]) -> Reaction:
        # "Is there anything else that…?" aimed at a concern still unspoken: the short answer names it. Asked about
        # worries in general ("Anything else that worries you about them?"), it names the next one in line.
        invited = any_invitation(a.read) and s.trust >= TRUST_TO_REVEAL
        best = self._cued(s, a, INVITE_MATCH) if invited else None
        if best is None and invited and ASKS_ABOUT_WORRIES.search(questions(a.read)[-1].strip()):
            best = next(iter(self._hidden(s)), None)
        if best is not None:
            concern = self.scenario.concerns[best]
            return self._reveal(s, concern, f"an 'anything else' question pointed at '{concern.id}', and the short "
                                "answer names it", fire)
        fire("closed_question", "a closed question gets a short answer and reveals nothing")
        return Reaction("closed_answer", _pick(self.scenario.lines.closed_answers, s.turn))

    def _cued(self, s: HiddenState, a: TurnAnalysis, threshold: float = CUE_MATCH) -> int | None:
        """The unvoiced concern the turn's questions come close enough to, if any."""
        hidden = self._hidden(s)
        scores = self.matcher.question_scores(a.read)
        best = max(hidden, key=lambda i: scores[i], default=None)
        if best is None:
            return None
        if scores[best] >= threshold:
            # a question as close to two worries is about the one that comes first ("what would that protocol have to
            # cope with in your patients?": the patients before the cancer question)
            return min(i for i in hidden if scores[i] >= scores[best] - CUE_TIE)
        runner_up = max((scores[i] for i in hidden if i != best), default=None)
        if runner_up is not None and scores[best] >= CUE_FLOOR and scores[best] - runner_up >= CUE_MARGIN:
            return best
        return None

    def _hidden(self, s: HiddenState) -> list[int]:
        """The concerns not yet voiced, in the scenario's order."""
        return [i for i, c in enumerate(self.scenario.concerns) if c.id not in s.revealed]

    @staticmethod
    def _reveal(s: HiddenState, concern: Concern, detail: str, fire: Callable[..., None]) -> Reaction:
        s.revealed.append(concern.id)
        fire("concern_revealed", detail, concern.id)
        return Reaction("reveal", concern.revealed_line.strip(), concern.id)

    def _evidence(self, s: HiddenState, a: TurnAnalysis, fire: Callable[..., None], plain: bool = False) -> list[Reaction]:
        scores = self.matcher.addressed(a.plain_claims if plain else a.claims, a.cited_sections)
        addressed = sorted(scores, key=lambda i: -scores[i])
        out: list[Reaction] = []
        for i in addressed:
            concern = self.scenario.concerns[i]
            if concern.id in s.resolved:
                continue
            if concern.id not in s.revealed:
                if plain:
                    continue
                if concern.id not in s.early_evidence:
                    s.early_evidence.append(concern.id)
                fire("evidence_before_probing", f"evidence addressed '{concern.id}' before the HCP voiced it: "
                     "no movement", concern.id)
                continue
            shift = concern.stance_shift if s.trust >= TRUST_TO_REVEAL else concern.stance_shift / 2
            s.resolved.append(concern.id)
            fire("concern_resolved", f"supported {'label content, said without a source,' if plain else 'evidence'} "
                 f"addressed the voiced concern '{concern.id}'", concern.id, stance=shift)
            out.append(Reaction("resolved", concern.resolved_line.strip(), concern.id))
        if not out and not plain:
            kind = "early_evidence" if any(self.scenario.concerns[i].id in s.early_evidence for i in addressed) \
                else "unconvinced"
            if kind == "unconvinced":
                fire("evidence_missed", "the evidence did not address any of the HCP's concerns")
            out.append(Reaction(kind, _pick(self.scenario.lines.unconvinced, s.turn)))
        return out
