"""Rehearsal sessions: plan → turns (analyse → rules → voice) → self-assessment → scorecard.

Each MSL turn is saved the moment it arrives, then its analysis and the new hidden state, then the
HCP's reply, so an interrupted session loses nothing and resumes where it stopped. The state is
driven by the scenario's scripted meaning of each reply, never by the chat model's wording, so a
transcript gives the same trajectory and scorecard with any model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from langchain_core.language_models.chat_models import BaseChatModel

from coach.acts.analyzer import ActAnalyzer
from coach.acts.classifier import Embed
from coach.acts.types import TurnAnalysis
from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.scorecard import Scorecard, build_scorecard
from coach.rehearsal.state import ConcernMatcher, HCPEngine, HiddenState, Reaction
from coach.rehearsal.store import RehearsalStore
from coach.rehearsal.voice import scripted_reply, voice
from coach.scenarios.loader import parse_scenario
from coach.scenarios.model import Scenario


@dataclass
class Replay:
    """A rehearsal's analyses, states and scripted replies, turn by turn."""

    analyses: list[TurnAnalysis] = field(default_factory=list)
    states: list[HiddenState] = field(default_factory=list)
    reactions: list[list[Reaction]] = field(default_factory=list)

    @property
    def state(self) -> HiddenState | None:
        """The latest state."""
        return self.states[-1] if self.states else None


class Simulator:
    """Analysis and rules for one scenario; no storage, no chat model."""

    def __init__(self, scenario: Scenario, analyzer: ActAnalyzer, embed: Embed) -> None:
        self.scenario = scenario
        self.analyzer = analyzer
        self.engine = HCPEngine(scenario, ConcernMatcher(scenario, embed))

    def step(self, state: HiddenState, text: str, context: str) -> tuple[TurnAnalysis, HiddenState, list[Reaction]]:
        """Analyse one MSL turn and apply the rules."""
        a = self.analyzer.analyze(text, context, self.scenario.documents, self.scenario.off_label_topics)
        new, reactions = self.engine.step(state, a)
        return a, new, reactions

    def replay(self, msl_turns: list[str], contexts: list[str] | None = None) -> Replay:
        """Run a transcript's MSL turns; contexts default to the simulator's own scripted replies."""
        out = Replay()
        state = self.engine.initial_state()
        last = self.scenario.lines.opening
        for i, text in enumerate(msl_turns):
            ctx = contexts[i] if contexts is not None else last
            a, state, reactions = self.step(state, text, ctx)
            out.analyses.append(a)
            out.states.append(state)
            out.reactions.append(reactions)
            last = scripted_reply(reactions)
        return out

    def score(self, plan: PreCallPlan, replay: Replay, hcp_words: int, self_assessment: SelfAssessment | None,
              insight: Insight | None) -> Scorecard:
        """The scorecard of a replayed rehearsal."""
        return build_scorecard(self.scenario, plan, replay.analyses, hcp_words, replay.states, self_assessment, insight)


class RehearsalService:
    """Live rehearsals with persistence, shared by the CLI and the app."""

    def __init__(self, analyzer: ActAnalyzer, embed: Embed, store: RehearsalStore,
                 chat_model: BaseChatModel | None = None, model_name: str = "none") -> None:
        self.analyzer = analyzer
        self.embed = embed
        self.store = store
        self.chat_model = chat_model
        self.model_name = model_name
        self._sims: dict[str, Simulator] = {}

    def simulator(self, scenario: Scenario) -> Simulator:
        """The (cached) simulator of a scenario."""
        key = scenario.model_dump_json()
        if key not in self._sims:
            self._sims[key] = Simulator(scenario, self.analyzer, self.embed)
        return self._sims[key]

    def start(self, user: str, scenario: Scenario, plan: PreCallPlan) -> int:
        """Open a session and save the HCP's opening line; returns the session id."""
        sid = self.store.create(user, scenario.id, scenario.model_dump(mode="json"), plan.model_dump(), self.model_name)
        self.store.add_turn(sid, "hcp", scenario.lines.opening.strip(), state={"scripted": scenario.lines.opening.strip()})
        return sid

    def load(self, sid: int) -> tuple[Scenario, PreCallPlan, list[tuple[str, str]], Replay]:
        """A session's scenario, plan, transcript and replayed analysis (for resuming and scoring)."""
        row = self.store.get(sid)
        if row is None:
            raise KeyError(f"No rehearsal {sid}")
        scenario = parse_scenario(json.loads(row.scenario_json), f"session {sid}")
        plan = PreCallPlan.model_validate(json.loads(row.plan_json or "{}"))
        turns = self.store.turns(sid)
        transcript = [(t.speaker, t.text) for t in turns]
        replay = Replay()
        for t in turns:
            if t.speaker == "msl" and t.analysis_json and t.state_json:
                replay.analyses.append(TurnAnalysis.from_dict(json.loads(t.analysis_json)))
                replay.states.append(HiddenState.from_dict(json.loads(t.state_json)["state"]))
        return scenario, plan, transcript, replay

    def say(self, sid: int, text: str) -> Iterator[str]:
        """The MSL speaks: save the turn, update the hidden state, stream the HCP's reply and save it."""
        scenario, _, transcript, replay = self.load(sid)
        sim = self.simulator(scenario)
        turns = self.store.turns(sid)
        context = next((json.loads(t.state_json).get("scripted", t.text) for t in reversed(turns)
                        if t.speaker == "hcp" and t.state_json), scenario.lines.opening)
        state = replay.state or sim.engine.initial_state()
        a, new, reactions = sim.step(state, text, context)
        self.store.add_turn(sid, "msl", text, analysis=a.to_dict(), state={"state": new.to_dict()})
        pieces: list[str] = []
        for piece in voice(self.chat_model, scenario, transcript + [("msl", text)], reactions):
            pieces.append(piece)
            yield piece
        reply = "".join(pieces).strip() or scripted_reply(reactions)
        self.store.add_turn(sid, "hcp", reply, state={"scripted": scripted_reply(reactions),
                                                      "reactions": [r.kind for r in reactions]})

    def finish(self, sid: int, self_assessment: SelfAssessment, insight: Insight | None) -> Scorecard:
        """Score the session with the MSL's self-assessment and insight; saved with the session."""
        scenario, plan, transcript, replay = self.load(sid)
        hcp_words = sum(len(t.split()) for s, t in transcript[1:] if s == "hcp")
        card = self.simulator(scenario).score(plan, replay, hcp_words, self_assessment, insight)
        self.store.update(sid, self_assessment=self_assessment.model_dump(), insight=(insight.model_dump() if insight else {}),
                          scorecard=card.to_dict(), status="done")
        return card
