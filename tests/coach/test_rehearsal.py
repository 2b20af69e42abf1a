"""The simulated HCP: rules that move the hidden state, determinism, persistence and the scorecard."""

from __future__ import annotations

import pytest

from coach.acts.claims import NO_SENTENCE, expand_shorthand
from coach.acts.types import Claim, TurnAnalysis
from coach.llm.fake import FakeChatModel
from coach.rehearsal.insight import classify_insight
from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.session import RehearsalService, Simulator
from coach.rehearsal.state import CUE_MATCH, PROMO_COST, TRUST_START, ConcernMatcher, HCPEngine
from coach.scenarios.loader import find_scenario

SCENARIO = find_scenario("statin-myopathy-elderly")
PLAN = PreCallPlan(objective="Evolve Dr Okafor's view on statins in patients over 75", intends_to_evolve_view=True)
GOOD_CALL = [
    "Thanks for seeing me. What have you seen in your older patients on statins?",
    "You mentioned patients who stopped walking — what happened in those cases?",
    "Do you check CK levels?",
    "The LIPITOR label, section 5.1, says myopathy is occasional and rhabdomyolysis is rare, that advanced age is a "
    "predisposing factor, and that therapy should be stopped if CPK rises markedly or myopathy is suspected.",
    "Where does that leave you now on starting a statin in your over-75s?",
]
STRATEGIC = ("Dr Okafor avoids statins in patients over 75 because two patients had severe myalgia; she would start "
             "if a CK monitoring plan is agreed.")


@pytest.fixture(scope="module")
def engine(labels_services) -> HCPEngine:  # type: ignore[no-untyped-def]
    return HCPEngine(SCENARIO, ConcernMatcher(SCENARIO, labels_services.embed))


def _refused(claim: Claim, why: str) -> bool:
    """The claim is not supported, and one of its flags says why."""
    return not claim.supported and any(why in f for f in claim.flags)


def _turn(**kw) -> TurnAnalysis:  # type: ignore[no-untyped-def]
    return TurnAnalysis(text=kw.pop("text", "…"), **kw)


def _scored(engine: HCPEngine, turns: list[TurnAnalysis], item: str):  # type: ignore[no-untyped-def]
    """One scorecard item of the turns replayed through the engine."""
    from coach.rehearsal.scorecard import build_scorecard

    s, states = engine.initial_state(), []
    for t in turns:
        s, _ = engine.step(s, t)
        states.append(s)
    return build_scorecard(SCENARIO, PLAN, turns, 50, states, None, None).item(item)


MYOPATHY_CLAIM = Claim("Advanced age is a predisposing factor for myopathy; stop therapy if CPK rises markedly.",
                       True, 0.8, "lipitor-label", "11", "5.1 Skeletal Muscle", "5.1")


def test_closed_question_reveals_nothing_open_question_reveals_a_concern(engine: HCPEngine) -> None:
    s0 = engine.initial_state()
    s1, r1 = engine.step(s0, _turn(text="Do you prescribe statins?", question_type="closed"))
    assert s1.revealed == [] and r1[0].kind == "closed_answer" and r1[0].line in SCENARIO.lines.closed_answers
    s2, r2 = engine.step(s1, _turn(text="What worries you about muscle side effects in older patients?",
                                   question_type="open"))
    assert s2.revealed == ["myopathy-risk"] and r2[0].kind == "reveal"
    assert s2.log[-1].rule == "concern_revealed" and s2.stance == s0.stance


def test_supported_evidence_moves_the_stance_only_after_the_concern_is_voiced(engine: HCPEngine) -> None:
    evidence = _turn(text=MYOPATHY_CLAIM.text, evidence=True, citation=True, cited_sections=["5.1"],
                     claims=[MYOPATHY_CLAIM])
    early, _ = engine.step(engine.initial_state(), evidence)
    assert early.stance == -1 and early.early_evidence == ["myopathy-risk"]
    assert early.log[-1].rule == "evidence_before_probing"
    voiced, _ = engine.step(engine.initial_state(), _turn(text="What have you seen with muscle side effects?",
                                                          question_type="open"))
    after, reactions = engine.step(voiced, evidence)
    assert after.resolved == ["myopathy-risk"] and after.stance == 0
    assert reactions[0].kind == "resolved"


def test_unsupported_evidence_and_promotion_cost_trust_and_move_nothing(engine: HCPEngine) -> None:
    voiced, _ = engine.step(engine.initial_state(), _turn(text="What have you seen with muscle side effects?",
                                                          question_type="open"))
    bad = Claim("Myopathy never happens in the elderly.", False, 0.3, "lipitor-label", "11", "5.1", "5.1")
    s, r = engine.step(voiced, _turn(text=bad.text, evidence=True, claims=[bad], promotional=True))
    assert s.stance == voiced.stance and s.resolved == []
    assert s.trust == pytest.approx(voiced.trust - PROMO_COST - 0.1)
    assert r[0].kind == "pushback"


def test_view_check_gets_an_honest_answer_from_the_state(engine: HCPEngine) -> None:
    s, r = engine.step(engine.initial_state(), _turn(text="Has your view changed?", question_type="closed",
                                                     checks_view_change=True))
    assert r[0].kind == "view" and r[0].line == SCENARIO.lines.view[-1] and s.view_checks == [1]


def test_low_trust_stops_the_hcp_opening_up(engine: HCPEngine) -> None:
    s = engine.initial_state()
    for _ in range(3):
        s, _ = engine.step(s, _turn(text="Best statin ever.", promotional=True))
    s, r = engine.step(s, _turn(text="What worries you?", question_type="open"))
    assert s.revealed == [] and r[0].kind == "nothing_new" and s.log[-1].rule == "guarded"


def test_replay_is_deterministic_and_the_good_call_scores_well(labels_services) -> None:  # type: ignore[no-untyped-def]
    sim = Simulator(SCENARIO, labels_services.act_analyzer, labels_services.embed)
    a, b = sim.replay(GOOD_CALL), sim.replay(GOOD_CALL)
    assert [x.snapshot() for x in a.states] == [x.snapshot() for x in b.states]
    assert a.states[-1].resolved == ["myopathy-risk"] and a.states[-1].stance == 0
    card = sim.score(PLAN, a, 120, SelfAssessment(view_changed="yes", new_stance=0), Insight(text=STRATEGIC))
    verdicts = card.verdicts()
    for item in ("planned", "probed_before_presenting", "evidence_addresses_concern", "claims_supported",
                 "compliant", "checked_view_change", "calibration", "insight"):
        assert verdicts[item], (item, card.item(item).seen)
    assert not verdicts["concerns_uncovered"]  # 2 of 3 voiced
    assert card.trajectory[0]["stance"] == -1 and card.trajectory[-1]["stance"] == 0
    wrong = sim.score(PLAN, a, 120, SelfAssessment(view_changed="yes", new_stance=2), None)
    assert not wrong.verdicts()["calibration"] and not wrong.verdicts()["insight"]


def test_live_session_is_saved_turn_by_turn_and_independent_of_the_model(labels_services) -> None:  # type: ignore[no-untyped-def]
    scripted = RehearsalService(labels_services.act_analyzer, labels_services.embed, labels_services.rehearsal_store)
    voiced = RehearsalService(labels_services.act_analyzer, labels_services.embed, labels_services.rehearsal_store,
                              FakeChatModel(replies=["Hmm, let me think about that for a moment."]), "fake")
    cards = []
    for svc in (scripted, voiced):
        sid = svc.start("tester", SCENARIO, PLAN)
        for text in GOOD_CALL:
            assert "".join(svc.say(sid, text))
        turns = labels_services.rehearsal_store.turns(sid)
        assert [t.speaker for t in turns] == ["hcp"] + ["msl", "hcp"] * len(GOOD_CALL)
        cards.append(svc.finish(sid, SelfAssessment(view_changed="yes", new_stance=0), Insight(text=STRATEGIC)))
        assert labels_services.rehearsal_store.get(sid).status == "done"
    assert cards[0].verdicts() == cards[1].verdicts() and cards[0].trajectory == cards[1].trajectory


def test_an_interrupted_reply_loses_no_turn_and_the_session_resumes(labels_services) -> None:  # type: ignore[no-untyped-def]
    class Crash(FakeChatModel):
        def _stream(self, *a, **k):  # type: ignore[no-untyped-def]
            raise ConnectionError("model went away")
            yield

    broken = RehearsalService(labels_services.act_analyzer, labels_services.embed, labels_services.rehearsal_store,
                              Crash(), "crash")
    sid = broken.start("tester", SCENARIO, PLAN)
    with pytest.raises(ConnectionError):
        "".join(broken.say(sid, GOOD_CALL[0]))
    _, _, transcript, replay = broken.load(sid)
    assert transcript[-1] == ("msl", GOOD_CALL[0]) and replay.state.revealed == ["myopathy-risk"]
    resumed = RehearsalService(labels_services.act_analyzer, labels_services.embed, labels_services.rehearsal_store)
    "".join(resumed.say(sid, GOOD_CALL[1]))
    _, _, transcript, replay = resumed.load(sid)
    assert [s for s, _ in transcript] == ["hcp", "msl", "msl", "hcp"] and len(replay.states) == 2


def test_insight_classification_says_why() -> None:
    assert classify_insight(Insight(text=STRATEGIC)).strategic
    general = classify_insight(Insight(text="She liked the meeting and wants more samples."))
    assert not general.strategic and "rapport" in general.reason
    assert classify_insight(Insight(text="")).reason == "no insight was written"


def test_a_refused_claim_says_why_and_what_the_label_says_nearest(engine: HCPEngine) -> None:
    wrong = Claim("Stop it if CPK rises at all.", False, 0.43, "lipitor-label", "11", "5.1 Skeletal Muscle", "5.1",
                  "LIPITOR therapy should be discontinued if markedly elevated CPK levels occur or myopathy is diagnosed "
                  "or suspected.", ["the source sets a threshold: 'markedly'"])
    turns = [_turn(text="What worries you about statins in older patients?", question_type="open"),
             _turn(text=MYOPATHY_CLAIM.text, evidence=True, citation=True, cited_sections=["5.1"], claims=[MYOPATHY_CLAIM]),
             _turn(text=wrong.text, evidence=True, claims=[wrong])]
    item = _scored(engine, turns, "claims_supported")
    assert not item.passed and item.seen.startswith("1 of 2 claim(s) supported.")
    assert "Turn 3: the source sets a threshold: 'markedly'." in item.seen and "(5.1): “LIPITOR therapy" in item.seen
    assert [q.turn for q in item.quotes] == [3]


def test_a_view_check_counts_only_after_evidence(engine: HCPEngine) -> None:
    probe = _turn(text="What worries you about statins in older patients?", question_type="open")
    check = _turn(text="Has talking it through changed your view at all?", question_type="closed",
                  checks_view_change=True)
    evidence = _turn(text=MYOPATHY_CLAIM.text, evidence=True, citation=True, cited_sections=["5.1"],
                     claims=[MYOPATHY_CLAIM])

    def card(turns: list[TurnAnalysis]):  # type: ignore[no-untyped-def]
        return _scored(engine, turns, "checked_view_change")

    no_data = card([probe, check])
    assert not no_data.passed and "no evidence was presented" in no_data.seen and no_data.quotes[0].turn == 2
    before = card([probe, check, evidence])
    assert not before.passed and "none after the data" in before.seen
    after = card([probe, evidence, check])
    assert after.passed and after.quotes[0].turn == 3
    # a figure with no source that the label does not give is nothing to change a view over
    invented = Claim("Demyelination is well under one in ten thousand.", False, 0.4, flags=["figure not in the source"])
    hearsay = _turn(text=invented.text, evidence=True, claims=[invented])
    unsourced = card([probe, hearsay, check])
    assert not unsourced.passed and "no source and no claim the label supports" in unsourced.seen


def test_a_closed_question_on_a_new_topic_is_no_follow_up_on_the_scorecard(engine: HCPEngine) -> None:
    opener = _turn(text="What worries you about statins in older patients?", question_type="open")
    why = _turn(text="Why is that?", question_type="open", follow_up=True)
    named = _turn(text="Were both of those on 80?", question_type="closed", follow_up=True)
    elsewhere = _turn(text="Do most of your referrals come in already on a statin?", question_type="closed",
                      follow_up=True, new_topic=True)

    assert _scored(engine, [opener, why, named], "follow_up").passed
    assert not _scored(engine, [opener, why, elsewhere], "follow_up").passed


def test_overreaching_claims_cost_trust_one_promotional_statement_each(engine: HCPEngine) -> None:
    safest = Claim("Lipitor is the safest statin.", False, 0.6, flags=["superlative the source does not make: 'safest'"])
    better = Claim("It's better tolerated than simvastatin.", False, 0.5,
                   flags=["comparative the source does not make: 'better'"])
    invented = Claim("Fewer than 1 in 10,000 get myopathy.", False, 0.6, flags=["figure not in the source: 10000"])
    assert safest.overreaching and better.overreaching and not invented.overreaching
    s0 = engine.initial_state()
    one, r = engine.step(s0, _turn(text=safest.text, promotional=True, claims=[safest]))
    assert one.trust == pytest.approx(s0.trust - PROMO_COST) and r[0].kind == "pushback"
    two, _ = engine.step(s0, _turn(text=safest.text + " " + better.text, promotional=True, claims=[safest, better]))
    assert two.trust == pytest.approx(s0.trust - 2 * PROMO_COST)
    guarded, r = engine.step(two, _turn(text="What worries you?", question_type="open"))
    assert guarded.revealed == [] and r[0].kind == "nothing_new"
    still_open, _ = engine.step(one, _turn(text="What worries you?", question_type="open"))
    assert still_open.revealed == ["myopathy-risk"]
    figure, _ = engine.step(s0, _turn(text=invented.text, evidence=True, claims=[invented]))
    assert figure.trust == pytest.approx(s0.trust - 0.1) and figure.log[-1].rule == "unsupported_claim"


def test_unsupported_comparison_fails_compliance_and_claims(labels_services) -> None:  # type: ignore[no-untyped-def]
    sim = Simulator(SCENARIO, labels_services.act_analyzer, labels_services.embed)
    call = ["Dr. Okafor, Lipitor is the best statin for the elderly. It's much better tolerated than simvastatin.",
            "What worries you about statins in older patients?"]
    replay = sim.replay(call)
    first = replay.analyses[0]
    assert len(first.claims) == 2 and all(c.overreaching for c in first.claims) and first.promotional
    assert replay.states[-1].revealed == []  # two promotional statements: she stays guarded
    verdicts = sim.score(PLAN, replay, 40, None, None).verdicts()
    assert not verdicts["claims_supported"] and not verdicts["compliant"]
    assert sim.replay(call).states[-1].snapshot() == replay.states[-1].snapshot()


def test_the_question_asked_decides_the_concern_not_a_long_preamble(engine: HCPEngine) -> None:
    """Sympathy for the HCP's story before the question must not drown what is actually asked."""
    s0 = engine.initial_state()
    s1, _ = engine.step(s0, _turn(text="What has your experience been with statins in your patients over 75?",
                                  question_type="open"))
    assert s1.revealed == ["myopathy-risk"]
    text = ("Losing the ability to walk is a terrible outcome for anyone in their eighties, and I understand why those "
            "two cases stay with you when you see older patients. What role do the other prescriptions they're on "
            "play in your decision?")
    whole = engine.matcher.cue_scores(text)
    asked = engine.matcher.question_scores(text)
    poly = [c.id for c in SCENARIO.concerns].index("polypharmacy")
    only = engine.matcher.cue_scores("What role do the other prescriptions they're on play in your decision?")
    assert asked[poly] > whole[poly] and (asked == only).all()
    s2, r2 = engine.step(s1, _turn(text=text, question_type="open"))
    assert s2.revealed == ["myopathy-risk", "polypharmacy"] and r2[0].concern == "polypharmacy"


def test_a_question_about_those_patients_is_about_the_patients_just_named(labels_services) -> None:  # type: ignore[no-untyped-def]
    scenario = find_scenario("favourable-dosing-doubt")
    matcher = ConcernMatcher(scenario, labels_services.embed)
    renal = [c.id for c in scenario.concerns].index("renal-dosing")
    text = ("I gather a lot of your patients have diabetes and kidney disease. How do you handle atorvastatin in "
            "those patients?")
    scores = matcher.question_scores(text)
    assert int(scores.argmax()) == renal and scores[renal] >= CUE_MATCH
    assert matcher.question_scores("How do you handle atorvastatin in those patients?")[renal] < CUE_MATCH


def test_what_a_question_sets_aside_is_not_what_it_asks_and_a_tie_goes_to_the_first_worry(labels_services) -> None:  # type: ignore[no-untyped-def]
    pharmacist = find_scenario("pharmacist-interactions")
    engine = HCPEngine(pharmacist, ConcernMatcher(pharmacist, labels_services.embed))
    s, _ = engine.step(engine.initial_state(), _turn(
        text="When an interacting drug turns up on the chart, walk me through why you hold the atorvastatin.",
        question_type="open"))
    assert s.revealed == ["cyp3a4-inhibitors"]
    s, _ = engine.step(s, _turn(text="Outside the CYP3A4 drugs, which other combinations actually worry you on the "
                                     "wards?", question_type="open"))
    assert s.revealed == ["cyp3a4-inhibitors", "fibrates-colchicine"]

    tnf = find_scenario("tnf-infection-risk")
    engine = HCPEngine(tnf, ConcernMatcher(tnf, labels_services.embed))
    s, _ = engine.step(engine.initial_state(), _turn(text="Tell me about a patient who did badly on a TNF blocker.",
                                                     question_type="open"))
    asked = "A protocol you can work with - what would that protocol have to cope with in your particular patients?"
    scores = engine.matcher.question_scores(asked)
    ids = [c.id for c in tnf.concerns]
    assert abs(scores[ids.index("immunosuppressed-patients")] - scores[ids.index("malignancy-lymphoma")]) < 0.02
    s, _ = engine.step(s, _turn(text=asked, question_type="open"))
    assert s.revealed == ["tb-reactivation", "immunosuppressed-patients"]


def test_an_anything_else_question_aimed_at_an_unspoken_concern_gets_it_named(engine: HCPEngine) -> None:
    """Closed in form, but the short answer to "Is there anything else…?" names what it points at; other closed
    questions, and an "anything else" that points at nothing in particular, reveal nothing."""
    s0 = engine.initial_state()
    s1, r1 = engine.step(s0, _turn(text="Is there anything about the other medicines they're on that worries you?",
                                   question_type="closed"))
    assert s1.revealed == ["polypharmacy"] and r1[0].kind == "reveal" and r1[0].concern == "polypharmacy"
    s2, r2 = engine.step(s1, _turn(text="Do they take anything else that worries you?", question_type="closed"))
    assert s2.revealed == ["polypharmacy"] and r2[0].kind == "closed_answer"
    s3, r3 = engine.step(s1, _turn(text="Anything else I can send you after today?", question_type="closed"))
    assert s3.revealed == ["polypharmacy"] and r3[0].kind == "closed_answer"
    # asked about their worries in general, the HCP names the next one in line
    s4, r4 = engine.step(s1, _turn(text="Okay. Is there anything else that worries you about them?",
                                   question_type="closed"))
    assert s4.revealed == ["polypharmacy", "myopathy-risk"] and r4[0].kind == "reveal"
    s5, _ = engine.step(s1, _turn(text="When you see them next, is there anything else about their treatment that's "
                                       "bothering you?", question_type="closed"))
    assert s5.revealed == ["polypharmacy", "myopathy-risk"]
    # "Any X questions/worries about…?" points where "anything…" does; about nothing in particular it reveals nothing
    s6, r6 = engine.step(s0, _turn(text="Any worries about the other medicines they're on?", question_type="closed"))
    assert s6.revealed == ["polypharmacy"] and r6[0].kind == "reveal"
    s7, r7 = engine.step(s0, _turn(text="Any questions on the logistics of the meeting next month?",
                                   question_type="closed"))
    assert s7.revealed == [] and r7[0].kind == "closed_answer"
    # what is unclear to the HCP is a worry too, and a long lead before the invitation does not hide it
    s8, r8 = engine.step(s1, _turn(text="Now, with so many of them on your list, Doctor, is there anything else there "
                                        "where you're not sure what to do?", question_type="closed"))
    assert s8.revealed == ["polypharmacy", "myopathy-risk"] and r8[0].kind == "reveal"
    s9, r9 = engine.step(s1, _turn(text="Now, with so many of them on your list, Doctor, is there anything else you "
                                        "prescribe for them?", question_type="closed"))
    assert s9.revealed == ["polypharmacy"] and r9[0].kind == "closed_answer"


def test_an_anything_else_question_needs_to_come_less_close_than_an_open_one(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"Anything else…, say the drugs patients are already on…?" names the last unspoken worry (effects on warfarin and
    digoxin) though it comes closer to one already voiced; the same words as a statement reveal nothing."""
    pharmacist = find_scenario("pharmacist-interactions")
    engine = HCPEngine(pharmacist, ConcernMatcher(pharmacist, labels_services.embed))
    s = engine.initial_state()
    s.revealed = ["cyp3a4-inhibitors", "fibrates-colchicine"]
    asked = "Is there anything else on the chart side, say the drugs patients are already on, that sets off alerts for you?"
    after, reactions = engine.step(s, _turn(text=asked, question_type="closed"))
    assert after.revealed[-1] == "effects-on-other-drugs" and reactions[0].kind == "reveal"
    told, _ = engine.step(s, _turn(text="Alerts fire for the drugs patients are already on.", question_type="none"))
    assert told.revealed == s.revealed


def test_a_dose_multiplier_the_label_never_gives_is_not_supported(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    doubling, halving, faithful = checker.check_many(
        ["The label advises doubling the dose in the elderly.",
         "Section 2.5 says you can halve the dose in renal impairment.",
         "Section 2.5 says no dose adjustment is needed in renal impairment."], ["lipitor-label"])
    assert _refused(doubling, "doubling")
    assert _refused(halving, "halve")
    assert faithful.supported, faithful.flags


def test_a_paraphrase_must_agree_with_the_sentence_behind_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    claims = {
        # Each of these shares most of its words with a label sentence, and says something the label does not.
        "The label advises a lower starting dose in the elderly.": "population",
        "Section 8.5 says Lipitor is contraindicated in patients over 75.": "restriction",
        "Renal impairment is a contraindication to Lipitor.": "restriction",
        "The label recommends Lipitor for patients with active liver disease under monitoring.": "restricts",
        "Section 8.5 says no dose adjustment is needed in the elderly.": "negates",
        "The label says rhabdomyolysis is common in older patients.": "more than the source",
        "Lipitor is metabolized by CYP2D6.": "more than the source",
    }
    for claim, result in zip(claims, checker.check_many(list(claims), ["lipitor-label"])):
        assert _refused(result, claims[claim]), (claim, result.flags)
    faithful = ["Section 8.5 says advanced age is a predisposing factor for myopathy, so Lipitor should be prescribed "
                "with caution in the elderly.",
                "On the muscle side, myopathy is occasional, rhabdomyolysis is rare, and the guidance is to stop therapy "
                "if CPK is markedly raised or myopathy is suspected.",
                "In clinical studies 7% of patients were 75 or older, with no overall differences in safety or "
                "effectiveness.",
                "The label says to avoid Lipitor in patients taking cyclosporine.",
                # four facts from three sentences, none of which says it all: each stretch is matched on its own
                "The Lipitor label, section 5.1, says myopathy is occasional and rhabdomyolysis rare, lists advanced age "
                "as a predisposing factor, and advises stopping the drug if CPK rises markedly or myopathy is suspected."]
    for claim in faithful:  # each as its own turn
        result = checker.check(claim, ["lipitor-label"])
        assert result.supported, (claim, result.flags)


def test_an_open_view_question_before_any_evidence_probes_instead(engine: HCPEngine) -> None:
    # Nothing has been presented, so nothing could have moved the view: the open question asks for it as it is.
    ask = _turn(text="What have you seen with statins in your patients that puts them at the bottom of your list?",
                question_type="open", checks_view_change=True)
    s1, r1 = engine.step(engine.initial_state(), ask)
    assert r1[0].kind == "reveal" and s1.view_checks == [] and s1.revealed
    s2, _ = engine.step(s1, _turn(question_type="none", evidence=True, claims=[MYOPATHY_CLAIM], cited_sections=["5.1"]))
    s3, r3 = engine.step(s2, _turn(text="Where does that leave you now?", question_type="open", checks_view_change=True))
    assert r3[0].kind == "view" and s3.view_checks == [3] and s2.evidence_turns == [2]


MS = find_scenario("humira-ms-offlabel")
WARNING_5_5 = Claim("Section 5.5 says TNF blockers, HUMIRA included, have been associated with rare cases of new onset or "
                    "worsening of central demyelinating disease, including MS and optic neuritis.",
                    True, 0.8, "humira-label", "1", "5.5 Neurologic Reactions", "5.5")


def test_one_claim_addresses_the_one_concern_it_is_closest_to(labels_services) -> None:  # type: ignore[no-untyped-def]
    """The 5.5 warning is about TNF blockers, like the worry about stacked immunosuppression, but it answers only the
    demyelination concern; a second claim in the same turn can answer a second one."""
    engine = HCPEngine(MS, ConcernMatcher(MS, labels_services.embed))
    s = engine.initial_state()
    for q in ("What prompted the question?", "How do you think about combining treatments in your MS patients?"):
        s, _ = engine.step(s, _turn(text=q, question_type="open"))
    assert s.revealed == ["demyelination-signal", "stacked-immunosuppression"]
    one, _ = engine.step(s, _turn(text=WARNING_5_5.text, evidence=True, citation=True, cited_sections=["5.5"],
                                  claims=[WARNING_5_5]))
    assert one.resolved == ["demyelination-signal"] and one.stance == MS.baseline.stance + 1
    combined = Claim("Section 5.1 says patients taking concomitant immunosuppressants may be at greater risk of serious "
                     "infection.", True, 0.8, "humira-label", "1", "5.1 Serious Infections", "5.1")
    two, _ = engine.step(s, _turn(text="…", evidence=True, citation=True, cited_sections=["5.5", "5.1"],
                                  claims=[WARNING_5_5, combined]))
    assert sorted(two.resolved) == ["demyelination-signal", "stacked-immunosuppression"]


def test_citing_a_section_covers_its_subsections(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"Section 1 of the label lists…" cites where the indications 1.1–1.7 sit, so it answers the question of what
    HUMIRA is approved for even when the sentence that backs it is elsewhere."""
    engine = HCPEngine(MS, ConcernMatcher(MS, labels_services.embed))
    s, _ = engine.step(engine.initial_state(), _turn(text="Can I ask where the idea came from?", question_type="open"))
    assert s.revealed == ["what-patients-were-told"]
    listed = Claim("On what it's approved for: section 1 of the label lists rheumatoid arthritis, juvenile idiopathic arthritis, psoriatic "
                   "arthritis, ankylosing spondylitis, Crohn's disease, ulcerative colitis and plaque psoriasis.",
                   True, 0.7, "humira-label", "1", "6.1 Clinical Trials Experience", "6.1")
    after, _ = engine.step(s, _turn(text=listed.text, evidence=True, citation=True, cited_sections=["1"],
                                    claims=[listed]))
    assert after.resolved == ["what-patients-were-told"]
    elsewhere, _ = engine.step(s, _turn(text=listed.text, evidence=True, citation=True, cited_sections=["6"],
                                        claims=[listed]))
    assert elsewhere.resolved == []


def test_saying_a_use_is_off_label_is_not_evidence_and_the_question_after_it_probes(labels_services) -> None:  # type: ignore[no-untyped-def]
    sim = Simulator(MS, labels_services.act_analyzer, labels_services.embed)
    call = ["I'm glad you asked me directly. MS isn't one of HUMIRA's approved indications, so I'm not able to discuss "
            "efficacy there; I can submit a medical information request for you. Can I ask what prompted the question?",
            "On your patient, " + WARNING_5_5.text[0].lower() + WARNING_5_5.text[1:],
            "Where does that leave you on the patients you share with dermatology?"]
    replay = sim.replay(call)
    first = replay.analyses[0]
    assert not first.evidence and first.question_type == "open" and first.claims == []
    assert replay.states[0].revealed == ["demyelination-signal"]
    verdicts = sim.score(PLAN, replay, 60, None, None).verdicts()
    assert verdicts["probed_before_presenting"] and verdicts["checked_view_change"]


def test_a_drug_facts_panel_named_is_a_citation(labels_services) -> None:  # type: ignore[no-untyped-def]
    analyzer = labels_services.act_analyzer
    panel, bare = analyzer.classify(
        ["And on the spoons: the Directions say use the enclosed dosing cup only, no other dosing device.",
         "Use the enclosed dosing cup only, no other dosing device."], ["", ""])
    assert panel.citation and not bare.citation
    said, ruled = analyzer.classify(["What the Directions do say: use the enclosed dosing cup only.",
                                     "And the Do not use section rules out any other product with diphenhydramine."],
                                    ["", ""])
    assert said.citation and ruled.citation


def test_an_otc_age_band_may_be_said_the_way_clinicians_say_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    band, wrong = checker.check_many(
        ["For a 6 to 11-year-old it's 2 teaspoonfuls, 10 mL, every 4 hours, no more than 6 doses in 24 hours.",
         "For a 6 to 13-year-old it's 2 teaspoonfuls."], ["triaminic-label"])
    assert band.supported, band.flags
    assert _refused(wrong, "13")


def test_courtesies_are_not_claims_and_fewer_than_is_a_comparison(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    assert factual_statements("Thanks, that makes it easier. How do you decide the starting dose?", False) == []
    assert factual_statements("Great, it's easier to dose than the others.", False)
    checker = labels_services.act_analyzer.claims
    fewer = checker.check("Atorvastatin has fewer interactions to manage than most other statins.", ["lipitor-label"])
    assert not fewer.supported and fewer.overreaching


def test_a_list_of_indications_is_checked_as_a_claim(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    turn = ("To your question about approvals: the label's Indications and Usage, sections 1.1 to 1.7, lists rheumatoid "
            "arthritis, psoriatic arthritis, ankylosing spondylitis, Crohn's disease, ulcerative colitis and plaque "
            "psoriasis.")
    said = factual_statements(turn, True)
    assert said == [turn]
    assert labels_services.act_analyzer.claims.check(said[0], ["humira-label"]).supported


def test_a_question_that_passes_over_the_hcps_question_is_not_a_follow_up(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.cues import sidesteps

    assert sidesteps("Fair challenge, I'll park that. What's your hesitation with your own patients?",
                     "Where's that in the label?")
    assert not sidesteps("Both of those on eighty?", "Eighty means liver enzyme calls. Had two last year.")
    assert not sidesteps("What happened with those two?", "Had two last year.")  # no question asked: the classifier decides
    sim = Simulator(SCENARIO, labels_services.act_analyzer, labels_services.embed)
    call = ["What have you seen in your older patients on statins?",
            "You mentioned two who stopped walking. What happened with those two patients?",
            "Fair enough. What do you weigh when you start someone in their eighties?",
            "When those two stopped walking, was it within the first few months?"]
    contexts = [SCENARIO.lines.opening, "Two of my over-80s stopped walking on a statin.",
                "Is there anything in the label about that, or is it just your opinion?",
                "Frailty, mostly. And what they're already on."]
    replay = sim.replay(call, contexts)
    assert replay.analyses[2].sidesteps and replay.analyses[2].follow_up  # the classifier alone would count it
    assert not replay.analyses[1].sidesteps
    follow = sim.score(PLAN, replay, 40, None, None).item("follow_up")
    assert 3 not in {q.turn for q in follow.quotes}  # quotes are numbered from 1: turn 3 passed over her question


def test_a_figure_must_be_the_one_its_sentence_gives_and_an_interval_its_interval(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    lipitor = checker.check_many([
        "Patients who need an LDL-C reduction of more than 45% can be started directly on 80 mg once daily.",
        "Patients who need an LDL-C reduction of more than 45% can be started on 40 mg once daily.",
        "Co-administration with Lipitor increased steady-state digoxin concentrations by about 40%.",
        # "showed up" is not an attribution verb: the claim keeps its subject
        "In clinical trials, persistent transaminase elevations over 3 times ULN showed up in 0.7% of Lipitor "
        "patients."], ["lipitor-label"])
    wrong_dose, right_dose, wrong_share, lead_in = lipitor
    assert _refused(wrong_dose, "not 80 mg"), wrong_dose.flags
    assert right_dose.supported, right_dose.flags
    assert _refused(wrong_share, "not 40 %"), wrong_share.flags
    # the 12.3 digoxin row's "40 mg QD" is a dose: it does not vouch for a 40% rise
    tabled = checker.check("Section 7.8: steady-state digoxin concentrations rise by roughly 40% when the two are "
                           "co-administered.", ["lipitor-label"])
    assert _refused(tabled, "not 40 %"), tabled.flags
    # the drug the section is said to speak on stays with the limit said after the colon
    spoken_on = checker.check_many(["Section 2.6 is clear on clarithromycin: don't go above 40 mg.",
                                    "Section 2.6 is clear on clarithromycin: don't go above 20 mg."], ["lipitor-label"])
    assert _refused(spoken_on[0], "limits it to 20 mg"), spoken_on[0].flags
    assert spoken_on[1].supported, spoken_on[1].flags
    # "should not use it" is the Directions' "do not use"
    directions = checker.check("Children 4 to under 6 should not use it unless directed by a doctor.",
                               ["triaminic-label"])
    assert directions.supported, directions.flags
    assert lead_in.supported, lead_in.flags
    weekly, fortnightly = checker.check_many(
        ["For adults with RA, the recommended dose is Humira 40 mg every week.",
         "For adults with RA, the recommended dose is Humira 40 mg every other week."], ["humira-label"])
    assert _refused(weekly, "interval"), weekly.flags
    assert fortnightly.supported, fortnightly.flags


def test_a_figure_is_the_named_drugs_and_a_table_share_is_its_rows(labels_services) -> None:  # type: ignore[no-untyped-def]
    """Section 2.6 gives 20 mg for clarithromycin and 40 mg for nelfinavir: each figure belongs to its drug. TNT's
    Table 5 gives the event rates in brackets beside the counts."""
    checker = labels_services.act_analyzer.claims
    wrong_cap, right_cap, other_drug, tnt, tnt_wrong, gemfibrozil, colchicine = checker.check_many([
        "Section 2.6 says that with clarithromycin or itraconazole, Lipitor shouldn't exceed 40 mg.",
        "Section 2.6 says that with clarithromycin or itraconazole, Lipitor shouldn't exceed 20 mg.",
        "With nelfinavir, section 2.6 says Lipitor shouldn't exceed 40 mg.",
        "80 mg reduced major cardiovascular events, 8.7% versus 10.9%, a 22% relative risk reduction.",
        "80 mg reduced major cardiovascular events, 7.7% versus 10.9%, a 22% relative risk reduction.",
        "Atorvastatin should be avoided with gemfibrozil, used with caution with other fibrates, and a lower dose "
        "considered with niacin.",
        "Atorvastatin should be avoided with colchicine."], ["lipitor-label"])
    assert _refused(wrong_cap, "not 40 mg"), wrong_cap.flags
    assert right_cap.supported and other_drug.supported, (right_cap.flags, other_drug.flags)
    # a condition before the attribution stays part of the claim
    if_cap, if_wrong = checker.check_many([
        "If your patient is on clarithromycin or itraconazole, the label says Lipitor should be limited to 20 mg.",
        "If your patient is on clarithromycin or itraconazole, the label says Lipitor should be limited to 40 mg."],
        ["lipitor-label"])
    assert if_cap.supported, if_cap.flags
    assert not if_wrong.supported, if_wrong.flags
    assert tnt.supported, tnt.flags
    assert _refused(tnt_wrong, "7.7"), tnt_wrong.flags
    assert gemfibrozil.supported, gemfibrozil.flags
    assert not colchicine.supported, colchicine.flags
    row, wrong_row = checker.check_many([
        "Myalgia was reported in 2.7% of patients on 80 mg against 3.1% on placebo.",
        "Myalgia was reported in 3.7% of patients on 80 mg against 3.1% on placebo."], ["lipitor-label"])
    assert row.supported, row.flags  # Table 2's row says it
    assert not wrong_row.supported, wrong_row.flags
    # 5.2: "0.2%, 0.2%, 0.6%, and 2.3% for 10, 20, 40, and 80 mg, respectively" — 0.7% is the all-dose rate
    per_dose, = checker.check_many([
        "Persistent transaminase rises above three times normal were seen in 0.7% of patients on 80 mg, and levels "
        "came back to or near baseline once the dose was cut or the drug stopped."], ["lipitor-label"])
    assert _refused(per_dose, "2.3% at 80 mg"), per_dose.flags
    # "two years" is a figure too, held to the sentence on the 47 trials (a median of about 0.6 years)
    two_years, right_years = checker.check_many([
        "Across 47 trials with a median treatment duration of about two years, lymphoma ran at about 0.11 per 100 "
        "patient-years, and the label notes that patients with highly active RA can be at higher lymphoma risk.",
        "Across 47 trials with a median treatment duration of approximately 0.6 years, lymphoma ran at about 0.11 per "
        "100 patient-years."], ["humira-label"])
    assert _refused(two_years, "not 2 year"), two_years.flags
    assert right_years.supported, right_years.flags
    swapped, straight = checker.check_many([
        "Injection site reactions occurred in 14% of Humira patients versus 20% of placebo patients.",
        "Injection site reactions occurred in 20% of Humira patients versus 14% of placebo patients."], ["humira-label"])
    assert _refused(swapped, "swaps the arms"), swapped.flags
    assert straight.supported, straight.flags


def test_a_figure_belongs_to_its_condition_and_a_ranking_to_its_first_item(labels_services) -> None:  # type: ignore[no-untyped-def]
    """Humira's 160 mg loading dose is Crohn's and UC's, not psoriasis's; 'no dose adjustment' and 'not established'
    deny what a claim adds; 'the most common' is the first item of the list the label ranks."""
    checker = labels_services.act_analyzer.claims
    ps_wrong, ps_right, cd_right, jia_wrong, jia_right, mtx_wrong, mtx_right, uc_wrong, uc_right = checker.check_many([
        "In psoriasis patients Humira starts with a 160 mg dose, then 40 mg every other week from a week later.",
        "In psoriasis patients Humira starts with an 80 mg dose, then 40 mg every other week from a week later.",
        "In Crohn's disease the first Humira dose is 160 mg on Day 1.",
        "Humira can be used in polyarticular JIA from age 2.",
        "Humira can be used in polyarticular JIA from age 4.",
        "Methotrexate slows adalimumab clearance, so you'd want to reduce the Humira dose when they're on both.",
        "Methotrexate slows adalimumab clearance, but the label says no dose adjustment is needed for either drug.",
        "In UC, Humira still works in patients who have lost response to other TNF blockers.",
        "In UC, Humira's effectiveness hasn't been established in patients who lost response to other TNF blockers.",
    ], ["humira-label"])
    assert _refused(ps_wrong, "not 160 mg"), ps_wrong.flags
    assert ps_right.supported, ps_right.flags
    assert cd_right.supported, cd_right.flags
    assert _refused(jia_wrong, "not 2 year"), jia_wrong.flags
    assert jia_right.supported, jia_right.flags
    assert _refused(mtx_wrong, "no dose adjustment"), mtx_wrong.flags
    assert mtx_right.supported, mtx_right.flags
    assert _refused(uc_wrong, "no such claim"), uc_wrong.flags
    assert uc_right.supported, uc_right.flags
    infections, = checker.check_many(
        ["In the controlled trials serious infections were 3.1 per 100 patient-years on Humira and 4.6 on control."],
        ["humira-label"])
    assert _refused(infections, "swaps the arms"), infections.flags
    first, second, narrower, right = checker.check_many([
        "Nasopharyngitis was the most common adverse reaction in Lipitor's placebo-controlled trials.",
        "Diarrhea was the most common adverse reaction in Lipitor's placebo-controlled trials.",
        "Myalgia was the most frequently reported adverse reaction with Lipitor.",
        "Renal impairment doesn't change atorvastatin levels, so no dose adjustment is needed in kidney disease.",
    ], ["lipitor-label"])
    assert first.supported, first.flags
    assert _refused(second, "ranking"), second.flags
    assert _refused(narrower, "ranking"), narrower.flags
    assert right.supported, right.flags
    cut, = checker.check_many(["In kidney disease, cut the Lipitor dose because renal impairment raises its levels."],
                              ["lipitor-label"])
    assert _refused(cut, "no dose adjustment"), cut.flags


def test_a_direction_a_dose_limit_and_a_dose_count_are_the_labels(labels_services) -> None:  # type: ignore[no-untyped-def]
    """Grapefruit juice raises atorvastatin levels; clarithromycin caps it at 20 mg; the cough syrup allows 6 doses a
    day. A panel named as the source is an attribution, and a hyphen does not make a word new."""
    checker = labels_services.act_analyzer.claims
    down, up, cap_wrong, cap_right = checker.check_many([
        "Grapefruit juice in large amounts lowers atorvastatin plasma levels.",
        "Grapefruit juice in large amounts raises atorvastatin plasma levels.",
        "On clarithromycin you can take atorvastatin up to 40 milligrams.",
        "On clarithromycin, don't go above 20 mg of atorvastatin.",
    ], ["lipitor-label"])
    assert _refused(down, "other way"), down.flags
    assert up.supported, up.flags
    assert _refused(cap_wrong, "limits it to 20 mg"), cap_wrong.flags
    assert cap_right.supported, cap_right.flags
    four, six, cup = checker.check_many([
        "For children 6 to under 12, give no more than 4 doses in 24 hours.",
        "For children 6 to under 12, give no more than 6 doses in 24 hours.",
        "The Directions panel says to use only the enclosed dosing cup.",
    ], ["triaminic-label"])
    assert _refused(four, "not 4 dose"), four.flags
    assert six.supported and cup.supported, (six.flags, cup.flags)
    hyphen, = checker.check_many(["Use caution with HUMIRA in anyone with pre-existing demyelinating disorders."],
                                 ["humira-label"])
    assert hyphen.supported, hyphen.flags
    # a comparison with other drugs, an overreach, and an outcome the label says is not established
    other_tnf, eliminates, screening, childhood = checker.check_many([
        "Humira had a lower rate of lymphoma than the other TNF blockers in trials.",
        "Treating latent TB first eliminates the risk of reactivation on Humira.",
        "Test for latent TB before starting Humira and treat latent infection before therapy.",
        "Treating HeFH with Lipitor in childhood reduces morbidity and mortality in adulthood.",
    ], ["humira-label", "lipitor-label"])
    assert _refused(other_tnf, "comparative"), other_tnf.flags
    assert _refused(eliminates, "absolute"), eliminates.flags
    assert screening.supported, screening.flags
    assert _refused(childhood, "no such claim"), childhood.flags


def test_terse_clinical_paraphrases_of_the_label_are_supported(labels_services) -> None:  # type: ignore[no-untyped-def]
    """How MSLs say label facts in a hurry: bare section numbers, limits, everyday verbs, partitive 'everyone'."""
    from coach.acts.claims import numbers, risky_words

    assert numbers("Colchicine is 7.11: myopathy has been reported") == set()
    assert risky_words("Of everyone who got it in the studies, 7% were 75 or older.")["absolute"] == []
    assert risky_words("Section 8.5 is more specific than people expect.")["comparative"] == []
    checker = labels_services.act_analyzer.claims
    said = ["Nelfinavir or boceprevir, no more than 40 mg.",
            "Then 7.4 is your line: avoid atorvastatin with gemfibrozil.",
            "With dose reduction, interruption or stopping, levels went back to or near pretreatment without sequelae."]
    for claim, result in zip(said, checker.check_many(said, ["lipitor-label"])):
        assert result.supported, (claim, result.flags)
    wrong = checker.check("Patients who need more than a 45% LDL-C reduction can start on no more than 20 mg.",
                          ["lipitor-label"])
    assert not wrong.supported, wrong.flags


def test_a_promotional_suggestion_is_not_data_and_a_recap_saying_not_a_treatment_is_not_off_label(labels_services) -> None:  # type: ignore[no-untyped-def]
    sim = Simulator(MS, labels_services.act_analyzer, labels_services.embed)
    replay = sim.replay(["Great question. For your patients who have psoriasis as well as MS, HUMIRA could be a nice way "
                         "to settle both at once.",
                         "What's made you think about it for your MS patients?",
                         "So, pulling it together: not an MS treatment, a labelled caution in demyelinating disease."])
    suggestion, probe, recap = replay.analyses
    assert (suggestion.promotional or suggestion.off_label) and not suggestion.evidence
    assert probe.question_type == "open"
    assert not recap.off_label
    assert sim.score(PLAN, replay, 40, None, None).verdicts()["probed_before_presenting"]


def _right_then_wrong(checker, doc_id: str, right: str, wrong: str, *marks: str) -> None:  # type: ignore[no-untyped-def]
    """The faithful claim is supported; its altered twin is refused with a flag naming one of ``marks``."""
    ok, bad = checker.check_many([right, wrong], [doc_id])
    assert ok.supported, ok.flags
    assert not bad.supported and any(m in f for f in bad.flags for m in marks), bad.flags


def test_a_table_row_named_by_the_claim_vouches_for_its_cells(labels_services) -> None:  # type: ignore[no-untyped-def]
    _right_then_wrong(labels_services.act_analyzer.claims, "lipitor-label",
                      "Myalgia at 80 mg was 2.7% against 3.1% on placebo.",
                      "Myalgia at 80 mg was 4.7% against 3.1% on placebo.", "4.7")


def test_several_label_sentences_strung_together_are_checked_clause_by_clause(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    lead, limits = checker.check_many([
        # a section range in the lead-in is a citation, not a figure
        "For the lipid and gout side, sections 7.4 to 7.6 and 7.11: avoid gemfibrozil; use caution with other "
        "fibrates; consider a lower Lipitor dose with niacin; and use caution with colchicine.",
        # the restriction on cyclosporine is stated in a close sentence that names it
        "Section 2.6 and Table 1 in 5.1: avoid atorvastatin with cyclosporine, tipranavir plus ritonavir or "
        "telaprevir; do not exceed 20 mg with clarithromycin or itraconazole; do not exceed 40 mg with nelfinavir.",
    ], ["lipitor-label"])
    assert lead.supported, lead.flags
    assert limits.supported, limits.flags
    # a figure in the table of the section the claim names
    _right_then_wrong(checker, "lipitor-label",
                      "Per section 14.1, over a median of 4.9 years 80 mg cut major cardiovascular events from 10.9% to 8.7%.",
                      "Per section 14.1, over a median of 4.9 years 80 mg cut major cardiovascular events from 12.9% to 6.7%.",
                      "12.9", "6.7")


def test_a_figure_may_come_from_the_sentence_that_gives_it_for_the_same_thing(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # TNT's follow-up and its risk reduction sit in sentences other than the one that best matches the claim
    _right_then_wrong(checker, "lipitor-label",
                      "Over a median of 4.9 years major cardiovascular events were 8.7% on 80 versus 10.9% on 10.",
                      "Over a median of 3.9 years major cardiovascular events were 8.7% on 80 versus 10.9% on 10.", "3.9")
    _right_then_wrong(checker, "lipitor-label",
                      "In TNT, 80 mg cut major cardiovascular events by 22% versus 10 mg in coronary heart disease.",
                      "In TNT, 80 mg cut major cardiovascular events by 32% versus 10 mg in coronary heart disease.", "32")
    # a rate listed for another dose is not vouched for by the list that holds it
    wrong = checker.check("Persistent transaminase elevations occurred in 0.6% of patients on Lipitor 80 mg.",
                          ["lipitor-label"])
    assert not wrong.supported, wrong.flags


def test_loose_paraphrases_shorthand_and_a_denied_benefit(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # shorthand is read in the label's words
    assert checker.check("LFTs before you start, then as clinically indicated.", ["lipitor-label"]).supported
    # a loose paraphrase of several label sentences, nearly every word of it in the text around the best one
    _right_then_wrong(checker, "humira-label",
                      "Don't start it during an active infection, even a localised one, and stop it if a serious "
                      "infection or sepsis develops.",
                      "Don't start it during an active infection, even a localised one, and stop it if a mild cold "
                      "develops.", "mild", "cold", NO_SENTENCE)
    # a second section named after a comma starts a clause of its own ("…, 8.5 names advanced age…")
    _right_then_wrong(checker, "lipitor-label",
                      "And on muscle: 5.1 describes myopathy as occasional and rhabdomyolysis as rare, 8.5 names advanced "
                      "age, 65 and over, as a predisposing factor, and you stop it if CPK is markedly elevated or "
                      "myopathy is suspected.",
                      "And on muscle: 5.1 describes myopathy as occasional and rhabdomyolysis as rare, 8.5 names advanced "
                      "age, 65 and over, as a predisposing factor, and you stop it if CPK rises at all.", "threshold")
    # a positive paraphrase of a sentence that denies the benefit
    _right_then_wrong(checker, "humira-label",
                      "Combining Humira with anakinra raised serious infections without added benefit.",
                      "Adding anakinra to Humira improves clinical benefit in RA.", "no such benefit")


def test_a_use_said_to_do_good_for_an_off_label_condition_is_flagged_but_a_quote_is_not(labels_services) -> None:  # type: ignore[no-untyped-def]
    an, ms = labels_services.act_analyzer, find_scenario("humira-ms-offlabel")
    pitch = an.analyze("It's a great instinct - TNF drives so much of the inflammation that blocking it should settle MS "
                       "activity too.", ms.lines.opening, ms.documents, ms.off_label_topics)
    assert pitch.off_label and not pitch.evidence, pitch.reasons
    quoted = an.analyze("'Might calm the MS down too' is quite a thing to hear. Where do you think that idea came from?",
                        "A dermatologist told her it might calm the MS down too.", ms.documents, ms.off_label_topics)
    assert not quoted.off_label
    # a change said in plain words ("goes up") is clinical content, checked against the label
    pharm = find_scenario("pharmacist-interactions")
    warfarin = an.analyze("Per 7.8, steady-state digoxin concentrations rose by about 20% with multiple doses, so monitor "
                          "digoxin appropriately. And 7.10 on warfarin: prothrombin time goes up, so you'd want an extra "
                          "INR in the first week.", "What about warfarin?", pharm.documents, pharm.off_label_topics)
    assert [c.supported for c in warfarin.claims] == [True, False], [c.flags for c in warfarin.claims]


def test_never_says_what_a_do_not_use_heading_says(labels_services) -> None:  # type: ignore[no-untyped-def]
    _right_then_wrong(labels_services.act_analyzer.claims, "triaminic-label",
                      "Use the enclosed dosing cup only, and never together with another product containing "
                      "diphenhydramine, even one used on the skin.",
                      "It never causes drowsiness.", "never")


def test_what_a_do_not_use_heading_rules_out_may_not_be_allowed_and_plain_words_for_its_panel(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"You can combine it with other diphenhydramine products" passed against the sentence under "Do not use": the
    heading is what the sentence means. Said the way a parent would hear it (the cup in the box, a cream), it holds."""
    _right_then_wrong(labels_services.act_analyzer.claims, "triaminic-label",
                      "The cup in the box is the only thing to measure with, and it shouldn't be given alongside "
                      "anything else that contains diphenhydramine, even a cream.",
                      "You can combine it with other diphenhydramine products.", "Do not use")


def test_a_dose_said_for_a_day_of_the_schedule_must_be_that_days(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import _day_doses

    label = ("The recommended dosage for adults with Crohn's disease is 160 mg initially on Day 1 (given as four 40 mg "
             "injections in one day), followed by 80 mg two weeks later (Day 15).")
    assert _day_doses(label, label=True) == {"1": "160", "15": "80"}
    _right_then_wrong(labels_services.act_analyzer.claims, "humira-label",
                      "In Crohn's disease, the Day 15 Humira dose is 80 mg.",
                      "In Crohn's disease, the Day 15 Humira dose is 160 mg.", "Day 15")


def test_a_faithful_list_of_limits_is_not_promotional_but_an_every_other_day_suggestion_is(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    faithful = an.analyze("Sure. Cyclosporine, tipranavir with ritonavir, and telaprevir: you avoid atorvastatin. "
                          "Clarithromycin and itraconazole, no more than 20 mg. Nelfinavir, no more than 40 mg.",
                          "Which ones do I cap?", ["lipitor-label"])
    assert not faithful.promotional and not faithful.unsupported_claims, faithful.reasons
    dosing = find_scenario("favourable-dosing-doubt")
    slip = an.analyze("Plenty of GPs give it every other day. You could easily do that with your older patients.",
                      "They grumble about a tablet every day.", ["lipitor-label"], dosing.off_label_topics)
    assert slip.off_label


def test_a_wrong_item_in_a_list_does_not_undo_the_right_ones_unless_it_is_the_point(labels_services) -> None:  # type: ignore[no-untyped-def]
    """Dosing from 2.1 with the recheck interval wrong still answers the starting-dose worry; a TNT summary whose one
    figure is wrong answers nothing, though its setting is right."""
    dosing = find_scenario("favourable-dosing-doubt")
    sim = Simulator(dosing, labels_services.act_analyzer, labels_services.embed)
    opener = "I'd love to hear how you go about dosing it day to day."
    listed = sim.replay([opener, "Dosing section 2.1 - starting dose ten or twenty once daily, forty if they need more "
                         "than a 45% LDL-C drop, range ten to eighty, and you recheck lipids within four to six weeks "
                         "of starting or titrating."])
    said = listed.analyses[1]
    assert said.unsupported_claims and said.correct_claims  # the wrong interval is still a claims problem…
    assert listed.state.resolved == ["starting-dose"]  # …but the right doses still answer the worry
    wrong_all = sim.replay([opener, "Dosing section 2.1 - starting dose forty or eighty once daily, eighty if they need "
                            "more than a 45% LDL-C drop, range forty to eighty, and you recheck lipids within four to "
                            "six weeks of starting or titrating."])
    assert wrong_all.state.resolved == []
    terse = find_scenario("busy-cardiologist-terse")
    tnt = Simulator(terse, labels_services.act_analyzer, labels_services.embed).replay(
        ["What would convince you that going higher is worth it for patients already at target?",
         "TNT in section 14.1: in coronary patients already at target on 10 mg, moving to 80 mg cut major "
         "cardiovascular events by 30%."])
    assert tnt.analyses[1].unsupported_claims and tnt.state.resolved == []


def test_a_label_limit_said_before_its_attribution_verb_is_the_claim(labels_services) -> None:  # type: ignore[no-untyped-def]
    """'Section 2.6 caps it … and says avoid…' claims both halves; uncited label content in a statement still answers
    a voiced worry (the stance moves without a citation), and a suggestion of what parents could do is no claim."""
    from coach.acts.claims import core, factual_statements

    capped = "Section 2.6 caps it at 20 mg with clarithromycin or itraconazole and says avoid it with cyclosporine."
    assert core(capped) == capped
    assert core("Section 5.1 says stop it if CPK is markedly raised.") == "Stop it if CPK is markedly raised."
    assert factual_statements("Well, for a restless older child with a cold, parents could give a dose at bedtime.",
                              True) == []
    assert factual_statements("Patients can be at higher risk of infection on steroids.", True)
    sim = Simulator(SCENARIO, labels_services.act_analyzer, labels_services.embed)
    replay = sim.replay(["What worries you about statins in your oldest patients?",
                         "And on muscles, it's occasional myopathy, rare rhabdo, and you stop it if the CPK is "
                         "markedly raised."])
    uncited = replay.analyses[1]
    assert not uncited.citation and uncited.correct_claims
    assert replay.state.resolved == ["myopathy-risk"] and replay.state.stance > SCENARIO.baseline.stance


def test_a_section_named_by_its_number_as_the_source_is_cited_evidence(labels_services) -> None:  # type: ignore[no-untyped-def]
    """'7.3 says…' is a citation and, when the label supports what follows, evidence: a call that opens with it has
    presented data before any probing question."""
    from coach.acts.claims import named_sections

    assert named_sections("For example, 7.3 says co-administration with cyclosporine should be avoided.") == ["7.3"]
    assert named_sections("It cut events over 2.2 years at 10.5 mg.") == []
    pharmacist = find_scenario("pharmacist-interactions")
    sim = Simulator(pharmacist, labels_services.act_analyzer, labels_services.embed)
    replay = sim.replay(["Great - I wanted to go through the interactions section with you. For example, 7.3 says "
                         "co-administration with cyclosporine should be avoided.",
                         "Okay - what makes holding the default for you?"])
    first = replay.analyses[0]
    assert first.evidence and first.citation and "7.3" in first.cited_sections
    assert not sim.score(PLAN, replay, 40, None, None).verdicts()["probed_before_presenting"]
    wrong = sim.replay(["For example, 7.3 says cyclosporine is fine at any dose."]).analyses[0]
    assert wrong.citation and not wrong.supported_claims


def test_a_plain_paraphrase_strung_with_commas_and_a_recap_to_confirm(labels_services) -> None:  # type: ignore[no-untyped-def]
    """'…advanced age, 65 and over, is a predisposing factor…' keeps its predicate with its subject and reads CK as
    the label's CPK; a recap the MSL asks the HCP to confirm repeats the call and is not checked again; what a patient
    was told is given back, not promoted."""
    from coach.acts.claims import factual_statements

    paraphrase = ("Myopathy is occasional and rhabdomyolysis rare, but advanced age, {} and over, is a predisposing "
                  "factor, so the advice is caution in older patients, asking them to report unexplained muscle pain "
                  "promptly, and stopping the drug if CK is markedly raised or myopathy is suspected.")
    _right_then_wrong(labels_services.act_analyzer.claims, "lipitor-label", paraphrase.format(65), paraphrase.format(50),
                      "50")
    recap = ("So: TB screening with retesting, a stop rule for serious infection, 0.6 versus 0.6 on malignancy, and a "
             "hepatitis B protocol. Is that a fair picture of where you've landed?")
    assert factual_statements(recap, True) == []
    assert factual_statements(recap.replace("Is that a fair picture of", "So what is"), True)
    assert factual_statements("So: it's the safest biologic there is. Have I got that right?", True)  # still a claim
    ms = labels_services.act_analyzer.analyze("She was told it might calm the MS. How did that conversation go?",
                                              documents=MS.documents, off_label_topics=MS.off_label_topics)
    assert not ms.off_label
    pitch = labels_services.act_analyzer.analyze("Honestly, it might calm the MS too.", documents=MS.documents,
                                                 off_label_topics=MS.off_label_topics)
    assert pitch.off_label


def test_a_suggestion_to_try_it_for_the_condition_is_off_label_whatever_disclaimer_comes_first(labels_services) -> None:  # type: ignore[no-untyped-def]
    def off_label(text: str) -> bool:
        return labels_services.act_analyzer.analyze(text, documents=MS.documents,
                                                    off_label_topics=MS.off_label_topics).off_label

    assert off_label("It isn't an approved indication, but for your relapsing patients who also have psoriasis you "
                     "could try it and see whether the MS settles as well.")
    assert off_label("MS isn't on the label, but honestly, you could try it in one of your relapsing patients.")
    assert not off_label("For her psoriasis you could use it, but in MS the label advises caution.")
    assert not off_label("MS isn't an approved indication for HUMIRA, so I can't discuss its use there.")
    # asking what the patient is on for her MS promotes nothing
    assert not off_label("When you see her next, what else will be on your mind? Talk me through what she's on for "
                         "her MS at the moment.")


def test_a_faithful_list_with_a_short_framing_sentence_is_not_promotional(labels_services) -> None:  # type: ignore[no-untyped-def]
    turn = labels_services.act_analyzer.analyze(
        "Those are worth separating. Gemfibrozil should be avoided with atorvastatin altogether; other fibrates can be "
        "used, but with caution. Colchicine also calls for caution, because myopathy including rhabdomyolysis has been "
        "reported with the combination. And if niacin is in the mix, a lower atorvastatin dose should be considered.",
        "Fibrates and colchicine are the ones I remember.", documents=["lipitor-label"])
    assert turn.claims and not turn.unsupported_claims
    assert not turn.promotional, turn.reasons


def test_an_exception_and_a_none_section_are_read_as_the_label_means_them(labels_services) -> None:  # type: ignore[no-untyped-def]
    """'May receive vaccinations, except for live vaccines' neither allows live vaccines nor rules out all vaccines;
    a section whose whole text is 'None.' backs 'there are none', and an absence must be one the label states."""
    checker = labels_services.act_analyzer.claims
    live, none_at_all, right, no_contra, latex = checker.check_many([
        "Live vaccines are fine to give alongside Humira.",
        "People on Humira can't have any vaccinations at all.",
        "Patients on Humira can be vaccinated, just not with live vaccines.",
        "Section 4 of the Humira label lists no contraindications.",
        "Humira is contraindicated in anyone with a latex allergy.",
    ], ["humira-label"])
    assert _refused(live, "excepts"), live.flags
    assert _refused(none_at_all, "but for its exception"), none_at_all.flags
    assert right.supported, right.flags
    assert no_contra.supported and no_contra.section_number == "4", no_contra.flags
    assert not latex.supported, latex.flags
    no_warnings, = checker.check_many(["Humira has no warnings."], ["humira-label"])
    assert _refused(no_warnings, "absence the source does not state"), no_warnings.flags
    lipitor_none, warfarin = checker.check_many([
        "Lipitor has no contraindications.",
        "Lipitor had no clinically significant effect on prothrombin time in patients on long-term warfarin."],
        ["lipitor-label"])
    assert _refused(lipitor_none, "absence the source does not state"), lipitor_none.flags
    assert warfarin.supported, warfarin.flags


def test_an_approximate_figure_is_held_to_the_label_within_a_twentieth(labels_services) -> None:  # type: ignore[no-untyped-def]
    """The label's 39,828 patients are "just under 40,000", not "just under 30,000"; a courtesy is no claim."""
    from coach.acts.claims import factual_statements

    checker = labels_services.act_analyzer.claims
    close, far = checker.check_many([
        "Of just under 40,000 patients given atorvastatin in the clinical studies, 40% were 65 or older.",
        "Of just under 30,000 patients given atorvastatin in the clinical studies, 40% were 65 or older."],
        ["lipitor-label"])
    assert close.supported, close.flags
    assert _refused(far, "figure not in the source: 30000"), far.flags
    assert factual_statements("Always nice to hear! Section 2.1 says to start at 10 or 20 mg once daily.", True) == [
        "Section 2.1 says to start at 10 or 20 mg once daily."]


def test_a_claim_framed_by_the_concern_it_answers_still_addresses_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"For the patient who was told it might calm her MS: the indications are…" answers what she was told."""
    matcher = ConcernMatcher(MS, labels_services.embed)
    indications = ("rheumatoid arthritis, juvenile idiopathic arthritis, psoriatic arthritis, ankylosing spondylitis, "
                   "Crohn's disease, ulcerative colitis and plaque psoriasis")
    framed = Claim(f"And on the patient whose dermatologist said it might settle her MS too: section 1 lists {indications}.",
                   True, 0.5, "humira-label", "1", "5.2", "5.2")
    told = [c.id for c in MS.concerns].index("what-patients-were-told")
    assert told in matcher.addressed([framed], ["1"])


def test_efficacy_from_another_section_does_not_answer_a_safety_worry_it_merely_resembles(labels_services) -> None:  # type: ignore[no-untyped-def]
    """An ACR20 rate from 14.1 reads like the 5.2 malignancy rates ("x% on HUMIRA against y% on control"), but it does
    not answer the worry about lymphoma; the 5.2 rates do."""
    tnf = find_scenario("tnf-infection-risk")
    matcher = ConcernMatcher(tnf, labels_services.embed)
    cancer = [c.id for c in tnf.concerns].index("malignancy-lymphoma")
    acr20 = Claim("In section 14.1, in study RA-III, 63% of patients on HUMIRA plus methotrexate reached an ACR20 "
                  "response at six months, against 30% on placebo plus methotrexate.", True, 0.7, "humira-label", "1",
                  "14.1 Rheumatoid Arthritis", "14.1")
    rates = Claim("In the controlled portions of 34 HUMIRA trials in adults, malignancies other than non-melanoma skin "
                  "cancer occurred at 0.6 per 100 patient-years with HUMIRA and 0.6 with control.", True, 0.8,
                  "humira-label", "1", "5.2 Malignancies", "5.2")
    assert cancer not in matcher.addressed([acr20], ["14.1"])
    assert cancer in matcher.addressed([rates], ["5.2"])


def test_the_hcps_own_facts_said_back_item_by_item_are_not_claims() -> None:
    from coach.acts.claims import factual_statements

    heard = ("Most of my RA patients are over sixty-five, on prednisone and methotrexate, and half of them are "
             "diabetic. Put a TNF blocker on top of that and I'm waiting for the pneumonia.")
    said_back = ("Over sixty-five, on prednisone and methotrexate, half of them diabetic, that's a lot of risk stacked "
                 "up already. When you talk it through with those patients, what do they ask you?")
    assert factual_statements(said_back, False, heard) == []
    assert factual_statements(said_back, False, "I mostly see younger patients.")  # not theirs: a claim to check


def test_a_pointer_to_a_table_claims_nothing_and_no_need_is_the_labels_not_necessary(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    assert factual_statements("And for those long medication lists, section 2.6 and Table 1 in 5.1 name the "
                              "interacting drugs.", True) == []
    assert factual_statements("Section 2.6 lists clarithromycin among the drugs to avoid entirely.", True)
    renal, clarithromycin = labels_services.act_analyzer.claims.check_many(
        ["Kidney disease doesn't change atorvastatin's plasma levels, so there's no need to adjust the dose for renal "
         "function.", "There's no need to adjust the dose with clarithromycin."], ["lipitor-label"])
    assert renal.supported, renal.flags
    assert not clarithromycin.supported


def test_what_the_label_does_not_recommend_is_not_allowed_and_a_contrast_negates_nothing(labels_services) -> None:  # type: ignore[no-untyped-def]
    """'The combination of HUMIRA and anakinra is not recommended' does not back 'they can be combined'; 'at the same
    time, not later' says when, it denies nothing; an unsupported superlative is flagged however it is worded."""
    checker = labels_services.act_analyzer.claims
    combined, not_combined = checker.check_many(
        ["Humira and anakinra can be given together.", "Giving Humira together with anakinra isn't recommended."],
        ["humira-label"])
    assert _refused(combined, "restricts what this allows"), combined.flags
    assert not_combined.supported, not_combined.flags
    same_time, forgiving = checker.check_many(
        ["Rifampin and atorvastatin should be taken at the same time, not later, since delayed atorvastatin has been "
         "associated with a significant reduction in its levels.",
         "Atorvastatin is the most forgiving statin on interactions."], ["lipitor-label"])
    assert same_time.supported, same_time.flags
    assert _refused(forgiving, "superlative"), forgiving.flags


def test_terse_claims_tables_of_doses_and_of_trials_and_claims_that_turn_the_source_round(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # terse: the words are the label's synonyms ("avoid the combination" is "concomitant administration … avoided")
    for claim in ("Gemfibrozil, section 7.4: avoid the combination.", "Kidney problems? No dose adjustment, section 2.5."):
        assert checker.check(claim, ["lipitor-label"]).supported, claim
    assert checker.check("Four to under six, only if a doctor directs.", ["triaminic-label"]).supported
    # ages said in words: "under-fours" are children under 4 years, "between four and six" is 4 and 6
    _right_then_wrong(checker, "triaminic-label",
                      "It shouldn't be given to under-fours at all, and between four and six only if a doctor says so.",
                      "It shouldn't be given to under-twos at all, and between two and six only if a doctor says so.",
                      "not 2 year")
    # "weekly" is the label's "every week"
    assert expand_shorthand("40 mg weekly, or fortnightly") == "40 mg every week, or every other week"
    assert checker.check("RA patients who aren't on methotrexate may get more out of going to 40 mg weekly.",
                         ["humira-label"]).supported
    # a table of doses by row and column: LDL-C's -60 at 80 mg, not Apo B's -50 in the same row
    _right_then_wrong(checker, "lipitor-label",
                      "In the pooled dose-response studies, 80 mg brought LDL-C down 60% and triglycerides down 37%.",
                      "In the pooled dose-response studies, 80 mg brought LDL-C down 50% and triglycerides down 37%.",
                      "gives 45")
    # a table of trials by column: 36% is CD-I's remission rate, CD-II's is 21%
    _right_then_wrong(checker, "humira-label",
                      "In CD-II, week-4 remission was 21% on 160/80 versus 7% on placebo.",
                      "In CD-II, week-4 remission was 36% on 160/80 versus 7% on placebo.", "another trial")
    # "A rather than B" where the label recommends B
    _right_then_wrong(checker, "lipitor-label",
                      "Rifampin should be given at the same time as Lipitor rather than staggered.",
                      "When Lipitor is used with rifampin, it should be given several hours after the rifampin dose "
                      "rather than at the same time.",
                      "recommends what the claim sets aside")
    wrong = {"The elderly had more muscle side effects than younger patients in the trials.": "no difference",
             "Max dose with cyclosporine is 10 mg.": "avoided"}
    for claim, mark in wrong.items():
        result = checker.check(claim, ["lipitor-label"])
        assert not result.supported and any(mark in f for f in result.flags), (claim, result.flags)
    _right_then_wrong(checker, "lipitor-label",
                      "Hemodialysis is not expected to significantly enhance atorvastatin clearance.",
                      "Hemodialysis significantly enhances atorvastatin clearance.", "the opposite")
    lymphoma = checker.check("Lymphoma rates in the trials were no higher than in the general population.", ["humira-label"])
    assert not lymphoma.supported and any("reports a rise" in f for f in lymphoma.flags), lymphoma.flags


def test_a_terse_recap_after_an_interjection_is_evidence_that_resolves_the_concern(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import core, factual_statements

    recap = "Right, so like I said: 10 or 20 to start, 40 if they need a big drop, and recheck within 2 to 4 weeks."
    assert core(recap) == "10 or 20 to start, 40 if they need a big drop, and recheck within 2 to 4 weeks."
    assert core("Right, I'll send that over.") == "Right, I'll send that over."  # too short to be a claim after it
    # a frame with nothing clinical in it before a list of figures is not part of the claim
    assert core("It's not one rule for all of them: with clarithromycin or itraconazole, up to 20 mg, with nelfinavir "
                "up to 40.").startswith("With clarithromycin")
    assert factual_statements("Great - I wanted to go through the interactions section with you.", True) == []
    checker = labels_services.act_analyzer.claims
    terse = checker.check(recap, ["lipitor-label"])
    assert terse.supported and terse.section_number == "2.1", (terse.flags, terse.section_number)  # not 2.2's sentence
    wrong = checker.check("10 or 20 to start, 80 if they need a big drop, and recheck within 2 to 4 weeks.", ["lipitor-label"])
    assert not wrong.supported
    dosing = find_scenario("favourable-dosing-doubt")
    sim = Simulator(dosing, labels_services.act_analyzer, labels_services.embed)
    replay = sim.replay(["How do you decide on the starting dose for a new patient?", recap])
    assert replay.states[0].revealed == ["starting-dose"]
    assert replay.states[1].resolved == ["starting-dose"] and replay.states[1].stance > replay.states[0].stance


def test_an_open_question_clearly_nearer_one_concern_reveals_it_though_it_is_not_next(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"What does go wrong at home?" is far from every cue, but much nearer the worry about dosing at home than the one
    about toddlers: the HCP names the dosing worry, not the next in line. A question near neither reveals the next."""
    scenario = find_scenario("pediatric-otc-cough")
    engine = HCPEngine(scenario, ConcernMatcher(scenario, labels_services.embed))
    scores = engine.matcher.question_scores("What does go wrong at home, then?")
    assert scores.max() < CUE_MATCH
    s1, r1 = engine.step(engine.initial_state(), _turn(text="What does go wrong at home, then?", question_type="open"))
    assert s1.revealed == ["dosing-mistakes"] and r1[0].kind == "reveal"
    s2, _ = engine.step(engine.initial_state(), _turn(text="How has your week been?", question_type="open"))
    assert s2.revealed == ["young-children"]


def test_the_words_of_a_cue_count_and_a_preamble_does_not(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"How do you decide what dose a new patient starts on?" shares its words with "how you decide the dose", though
    the embedding alone puts it nearer "when something new is prescribed"; "MS isn't an approved indication…" before
    "what prompted the question?" must not turn the question into one about what the patient was told."""
    dosing = find_scenario("favourable-dosing-doubt")
    engine = HCPEngine(dosing, ConcernMatcher(dosing, labels_services.embed))
    s1, _ = engine.step(engine.initial_state(), _turn(
        text="Thanks, that makes it easier. Before I say anything, how do you usually decide what dose a new patient "
             "starts on?", question_type="open"))
    assert s1.revealed == ["starting-dose"]
    ms = find_scenario("humira-ms-offlabel")
    engine = HCPEngine(ms, ConcernMatcher(ms, labels_services.embed))
    s1, _ = engine.step(engine.initial_state(), _turn(
        text="MS isn't an approved indication for HUMIRA, so I can't go into efficacy there; I'm happy to submit a "
             "medical information request for a documented response. I'm curious, though: what prompted the question?",
        question_type="open"))
    assert s1.revealed == ["demyelination-signal"]


def test_figures_in_words_and_plain_absolutes_are_claims_the_label_must_hold(labels_services) -> None:  # type: ignore[no-untyped-def]
    """A recheck interval said in words is checked like one in digits; "doesn't happen", "you don't need to retest"
    and "one in ten thousand" are claims the label must make. The HCP's own "six weeks" given back is not a figure."""
    analyzer = labels_services.act_analyzer
    right = analyzer.analyze("Section 2.1 says to recheck lipids two to four weeks after starting and titrate from "
                             "there.", "", ["lipitor-label"])
    wrong = analyzer.analyze("Section 2.1 says to recheck lipids six to eight weeks after starting and titrate from "
                             "there.", "", ["lipitor-label"])
    assert right.claims and right.claims[0].supported
    assert wrong.claims and not wrong.claims[0].supported
    for said in ("With proper screening, TB on Humira just doesn't happen anymore.",
                 "And the label's clear that once the latent TB screen is negative, you don't need to retest.",
                 "Demyelination on TNF blockers is vanishingly rare, well under one in ten thousand."):
        a = analyzer.analyze(said, "", ["humira-label"])
        assert a.claims and not a.claims[0].supported, said
    echo = analyzer.analyze("Optic neuritis six weeks in is a hard one to untangle.",
                            "She had optic neuritis six weeks later.", ["humira-label"])
    assert echo.claims == []
    limits = analyzer.analyze("With clarithromycin, 20 mg is the ceiling, and with cyclosporine you avoid it altogether.",
                              "", ["lipitor-label"])
    assert limits.claims and all(c.supported for c in limits.claims)  # "altogether" says how, not more


def test_label_content_said_plainly_answers_a_voiced_worry_and_costs_nothing_when_it_does_not_hold(labels_services) -> None:  # type: ignore[no-untyped-def]
    """With no source and no figure, "It shouldn't be given to under-fours at all…" is not judged as a claim, but it
    is what the label says: after the HCP voices her worry about toddlers it answers it (the stance moves; the cited
    evidence item still needs a source). Before she voices it, or when it is not what the label says, it is just talk."""
    scenario = find_scenario("pediatric-otc-cough")
    sim = Simulator(scenario, labels_services.act_analyzer, labels_services.embed)
    plain = "That's a real worry. It shouldn't be given to under-fours at all, and between four and six only if a doctor says so."
    asked = "So it's more how they get used at home, then. What are parents actually doing with them?"
    rp = sim.replay([asked, plain], [scenario.lines.opening, "No."])
    a = rp.analyses[1]
    assert a.claims == [] and a.plain_claims and not a.evidence
    assert rp.states[1].resolved == ["young-children"] and rp.states[1].stance == scenario.baseline.stance + 1
    early = sim.replay([plain], [scenario.lines.opening])
    assert early.states[0].resolved == [] and [r.kind for r in early.reactions[0]] == ["acknowledge"]
    wrong = sim.replay([asked, "That's a real worry. Toddlers do well on it as long as parents stick to the dose."],
                       [scenario.lines.opening, "No."])
    assert wrong.analyses[1].plain_claims == [] and wrong.states[1].resolved == []


def test_a_rate_for_a_dose_is_read_from_the_labels_per_dose_sentence(labels_services) -> None:  # type: ignore[no-untyped-def]
    """"The incidence of these abnormalities was 0.2%, 0.2%, 0.6%, and 2.3% for 10, 20, 40, and 80 mg, respectively"
    gives 80 mg its 2.3%, though a trial's sentence on persistent elevations at 80 mg (1.3%) is closer in words."""
    checker = labels_services.act_analyzer.claims
    right = checker.check("Persistent transaminase rises at 80 mg ran at 2.3%, and with dose reduction or stopping they "
                          "went back to or near pretreatment levels without sequelae.", ["lipitor-label"])
    wrong = checker.check("On the liver calls, section 5.2 puts persistent transaminase elevations at 80 mg at 0.6%.",
                          ["lipitor-label"])
    assert right.supported, right.flags
    assert not wrong.supported and any("2.3% at 80 mg" in f for f in wrong.flags), wrong.flags


def test_numbers_in_words_are_figures_and_a_limit_said_as_a_ceiling_is_held_to_the_label(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import in_digits

    assert in_digits("about ten thousand patients went up to eighty milligrams") == \
        "about 10000 patients went up to 80 milligrams"
    assert in_digits("a third of patients, one dose") == "a third of patients, one dose"  # a share and a count stay
    checker = labels_services.act_analyzer.claims
    # a figure in words is checked like one in digits, against a label that says it in words or digits
    _right_then_wrong(checker, "humira-label",
                      "Most TB cases in the trials showed up within the first eight months, which may reflect "
                      "reactivation of latent disease, and some TB cases were fatal.",
                      "Most TB cases in the trials showed up within the first eighteen months, which may reflect "
                      "reactivation of latent disease, and some TB cases were fatal.", "18")
    # a dose limit said as a ceiling, a cap or a limit, figure first or last
    _right_then_wrong(checker, "lipitor-label", "With clarithromycin, 20 mg is the ceiling.",
                      "With clarithromycin, 80 mg is the ceiling.", "20 mg with clarithromycin")
    assert not checker.check("With clarithromycin, the limit is 80 mg.", ["lipitor-label"]).supported
    # "one" as a pronoun, emphasis and idiom are not words the label must hold
    assert checker.check("Gemfibrozil is one to avoid altogether.", ["lipitor-label"]).supported
    assert checker.check("Lopinavir with ritonavir: caution and the lowest dose that does the job.",
                         ["lipitor-label"]).supported
    # "6 doses in 24 hours" is "6 doses a day"; a section a claim is taken from is not one of its figures
    assert checker.check("No more than six doses a day.", ["triaminic-label"]).supported
    from coach.acts.claims import numbers

    assert numbers("Worth having from 6.1: 9.7% on Lipitor stopped for adverse reactions") == {"9.7%"}


def test_two_figures_said_together_must_stand_together_in_the_source(labels_services) -> None:  # type: ignore[no-untyped-def]
    # 8.5: "15,813 (40%) were ≥65 years old and 2,800 (7%) were ≥75 years old"
    _right_then_wrong(labels_services.act_analyzer.claims, "lipitor-label",
                      "Section 8.5: about 7% of the patients in the clinical studies were 75 or older.",
                      "Section 8.5: about seven percent of the patients in the clinical studies were sixty-five or "
                      "older.", "not 65 with 7%")


def test_a_direction_is_read_of_what_moves_before_the_verb_as_well_as_after(labels_services) -> None:  # type: ignore[no-untyped-def]
    # 7.8: "steady state plasma digoxin concentrations increased by approximately 20%"
    _right_then_wrong(labels_services.act_analyzer.claims, "lipitor-label",
                      "Section 7.8: atorvastatin raises digoxin levels by about twenty percent.",
                      "Section 7.8: atorvastatin lowers digoxin levels by about twenty percent.", "other way")
    wrong = labels_services.act_analyzer.claims.check(
        "Steady-state digoxin concentrations fell about 20% with atorvastatin.", ["lipitor-label"])
    assert not wrong.supported and any("other way" in f for f in wrong.flags), wrong.flags


def test_a_claims_verdict_does_not_depend_on_what_else_the_turn_says(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    checker = labels_services.act_analyzer.claims
    for doc, turn in (
            ("humira-label", "On your patients specifically, 5.1 doesn't pretend they're low risk. It names patients "
             "over 65, those with co-morbid conditions and those on concomitant immunosuppressants such as "
             "corticosteroids or methotrexate as possibly at greater risk of infection. Don't start during an active "
             "infection, localized ones included, and stop HUMIRA if a serious infection or sepsis develops. Section "
             "8.5 adds that serious infections were more frequent in the over-65s in the trials and advises caution "
             "in the elderly."),
            ("lipitor-label", "On the enzymes, section 5.2: persistent transaminase rises above three times the upper "
             "limit of normal were seen in 0.7 percent of trial patients overall - two in a thousand at ten "
             "milligrams, 2.3 percent at eighty - and levels went back to or near baseline after a dose cut, a pause "
             "or stopping, without sequelae. Test before starting, then as clinically indicated.")):
        said = factual_statements(turn, True)
        assert len(said) >= 2
        together = [c.supported for c in checker.check_many(said, [doc])]
        assert together == [checker.check(c, [doc]).supported for c in said]


def test_a_trial_named_by_its_acronym_keeps_its_own_figures(labels_services) -> None:  # type: ignore[no-untyped-def]
    # 14.1: TNT's 80 mg cut major cardiovascular events by 22%; CARDS's 10 mg by 37%
    checker = labels_services.act_analyzer.claims
    _right_then_wrong(checker, "lipitor-label",
                      "In TNT, 80 mg cut major cardiovascular events by 22%, 8.7% against 10.9%.",
                      "In TNT, 80 mg cut major cardiovascular events by 37%.", "for CARDS, not TNT")
    swapped = checker.check("In CARDS, 10 mg cut major cardiovascular events by 22%.", ["lipitor-label"])
    assert _refused(swapped, "for TNT, not CARDS")


def test_trial_figures_run_from_where_a_trial_is_named_to_the_next_trial_or_section() -> None:
    from coach.acts.claims import trial_figures

    chunks = [("14.1", "In the Treating to New Targets Study (TNT), 10,001 subjects were followed. The relative risk "
                       "reduction was 22%."),
              ("14.1", "Subjects on 80 mg had 8.7% events. In the Collaborative Atorvastatin Diabetes Study (CARDS), "
                       "the relative risk reduction was 37%."),
              ("14.2", "In a prospective, randomized, open-label, blinded endpoint (PROBE) study, 45% responded.")]
    figures = trial_figures(chunks)
    assert set(figures) == {"TNT", "CARDS"}  # a study design is no trial
    assert {"10001", "22", "8.7"} <= figures["TNT"] and "37" not in figures["TNT"]
    assert "37" in figures["CARDS"] and "45" not in figures["CARDS"]  # (the next section is no trial's)


def test_a_short_restriction_is_held_to_the_label_and_a_double_blind_study_doubles_nothing(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # 2.6 limits atorvastatin to 20 mg with clarithromycin; it does not rule it out
    assert not checker.check("With clarithromycin it should not be used.", ["lipitor-label"]).supported
    # 5.1 gives no multiple for the infections of patients on immunosuppressants ("2-fold" is 5.2's lymphoma)
    doubled = checker.check("Section 5.1 says patients taking concomitant immunosuppressants may be at greater risk "
                            "of infection, roughly double in the trials.", ["humira-label"])
    assert _refused(doubled, "'double'")


def test_who_a_trial_enrolled_and_plain_words_for_the_labels(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    checker = labels_services.act_analyzer.claims
    turn = ("Because that's exactly who TNT enrolled. Everyone had already reached an LDL-C under 130 on 10 mg in an "
            "eight-week run-in before they were randomised.")
    said = factual_statements(turn, True)
    assert said == [turn.split(". ", 1)[1]]  # the pointer at the HCP's patients claims nothing
    assert checker.check(said[0], ["lipitor-label"]).supported
    assert _refused(checker.check("Everyone in the trial did well on it.", ["lipitor-label"]), "everyone")
    for doc, claim in (("lipitor-label", "Muscle problems are real, no question, but with atorvastatin myopathy is "
                                         "only occasional and rhabdomyolysis is rare."),
                       ("humira-label", "It shouldn't be started in anyone with an active infection, even a localized "
                                        "one."),
                       ("triaminic-label", "For six- to eleven-year-olds it's 10 mL every four hours.")):
        assert checker.check(claim, [doc]).supported, claim
    assert _refused(checker.check("For 6- to 13-year-olds it's 10 mL every four hours.", ["triaminic-label"]), "13")


def test_what_the_msl_has_the_hcp_pass_on_and_a_figure_in_words_are_claims(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    said = factual_statements("And frankly, you can tell them HUMIRA has the most reassuring long-term safety record "
                              "of any TNF blocker, so they're in the safest hands with it.", False)
    assert len(said) == 1
    assert factual_statements("Good. And, for what it's worth, myalgia on eighty ran under two percent in the trials.",
                              False)
    # …but a pointer and what the MSL will do next are not
    assert factual_statements("Here is the label wording, section 2.6 and Table 1 in 5.1.", True) == []
    assert factual_statements("Section 2.6, and the interaction table in section 7, set it out by drug, so let me go "
                              "through it the way you'd code it.", True) == []


def test_an_off_label_pitch_beside_an_overreaching_claim_leaves_the_hcp_guarded(labels_services) -> None:  # type: ignore[no-untyped-def]
    cough = find_scenario("pediatric-otc-cough")
    sim = Simulator(cough, labels_services.act_analyzer, labels_services.embed)
    states = sim.replay(["What do you see parents doing at home when their child has a cold?",
                         "Honestly, that's where Triaminic Night Time shines. It's the safest night-time option for "
                         "kids, and the diphenhydramine helps them sleep right through, so parents get a decent night "
                         "too.",
                         "Tell me more about how you counsel families when they ask about these products."],
                        [cough.lines.opening, "…", "…"]).states
    assert [e.rule for e in states[1].log if e.turn == 2].count("promotional_claim") == 1
    assert states[1].trust == pytest.approx(TRUST_START - 2 * PROMO_COST)
    assert states[2].revealed == states[1].revealed  # guarded: nothing new


def test_a_request_for_an_account_is_asked_and_an_agenda_item_or_offer_follows_nothing(labels_services) -> None:  # type: ignore[no-untyped-def]
    dosing = find_scenario("favourable-dosing-doubt")
    matcher = ConcernMatcher(dosing, labels_services.embed)
    scores = matcher.question_scores("Sorry, I jumped ahead. Tell me how you actually go about dosing it day to day. "
                                     "What does that look like for a typical new patient?")
    assert int(scores.argmax()) == [c.id for c in dosing.concerns].index("starting-dose")
    acts = labels_services.act_analyzer.classify(
        ["Third area: what's your process for the drugs patients are already on when atorvastatin is started?",
         "Would it help if I sent you the interaction table from the label?",
         "Can you tell me a bit about how you decide, for a particular patient over 75, whether a statin is worth "
         "starting at all?",
         "Before I say anything about the product, I'd really like to hear what you're seeing in clinic with these "
         "syrups."],
        ["Gemfibrozil out, other fibrates and colchicine with caution, a lower dose with niacin.",
         "My patients are on eight, ten medicines. Clarithromycin for a chest infection, that sort of thing.", "…", "…"])
    assert not acts[0].follow_up
    assert [a.question_type for a in acts[2:]] == ["open", "open"]
    from coach.rehearsal.scorecard import _offer

    assert _offer(acts[1].text) and not _offer(acts[2].text)


def test_a_trial_code_keeps_its_tables_figures_and_a_share_in_words_may_be_said_with_its_figure(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # Table 14 (Ps-I): PASI 75 in 71% against 7%; Table 15 (Ps-II): 78%. CD-I and CD-II share one table's columns.
    _right_then_wrong(checker, "humira-label",
                      "In Ps-I, 71% reached PASI 75 at week 16 against 7% on placebo.",
                      "In Ps-I, 78% reached PASI 75 at week 16 against 7% on placebo.", "for Ps-II")
    assert checker.check("In CD-I, the TNF-naive induction study, week-4 clinical remission was 36% with 160/80 versus "
                         "12% on placebo.", ["humira-label"]).supported
    # ASCOT's 36% is "about a third"
    assert checker.check("In ASCOT the 10 mg dose cut coronary events by about a third, a 36% relative risk reduction, "
                         "with incidences of roughly 1.9% versus 3% on placebo over a median 3.3 years.",
                         ["lipitor-label"]).supported


def test_each_drug_said_to_be_avoided_must_be_one_the_label_says_to_avoid(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import _avoided_drugs

    # Table 1: avoid with cyclosporine, tipranavir plus ritonavir, telaprevir; lopinavir plus ritonavir is caution
    _right_then_wrong(labels_services.act_analyzer.claims, "lipitor-label",
                      "Table 1 says to avoid atorvastatin with cyclosporine, tipranavir plus ritonavir, or telaprevir.",
                      "Table 1 says to avoid atorvastatin altogether with cyclosporine, tipranavir plus ritonavir, "
                      "telaprevir, and lopinavir plus ritonavir.", "not say to avoid lopinavir")
    assert _avoided_drugs("Tipranavir with ritonavir is an avoid, saquinavir or darunavir with ritonavir is a 20 mg "
                          "ceiling, and lopinavir with ritonavir is caution.") == {"tipranavir", "ritonavir"}
    assert _avoided_drugs("Other fibrates are caution rather than avoid.") == set()


def test_an_item_no_sentence_names_undoes_a_list(labels_services) -> None:  # type: ignore[no-untyped-def]
    claim = labels_services.act_analyzer.claims.check(
        "It temporarily relieves sneezing, runny nose, nasal congestion and muscle aches.", ["triaminic-label"])
    assert _refused(claim, "'muscle aches'")


def test_a_rule_for_a_named_drug_may_sit_in_any_close_sentence_about_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # 7.3: "The co-administration of LIPITOR with cyclosporine should be avoided", though 7.3's other sentences match
    # the words better; digoxin has no such sentence
    _right_then_wrong(checker, "lipitor-label", "Atorvastatin should be avoided with cyclosporine.",
                      "Atorvastatin shouldn't be used with digoxin.", "negates")
    # a rule said as a heading ("Avoid: …") is what the list is for
    assert checker.check("Avoid: cyclosporine, tipranavir plus ritonavir, telaprevir.", ["lipitor-label"]).supported
    # "dosage adjustment in patients with renal dysfunction is not necessary": no adjustment, for kidneys alone
    _right_then_wrong(checker, "lipitor-label",
                      "Kidney disease doesn't change atorvastatin blood levels or how much it lowers LDL-C, so there's "
                      "no dose adjustment for renal function.",
                      "There's no dose adjustment for hepatic impairment.", "population")


def test_each_drug_of_a_limits_list_needs_that_limit_and_a_qualifier_is_no_item(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import _LIMIT_FIGURE, _drugs_under

    checker = labels_services.act_analyzer.claims
    _right_then_wrong(checker, "lipitor-label",
                      "Don't exceed 20 mg a day with clarithromycin, itraconazole, saquinavir plus ritonavir, darunavir "
                      "plus ritonavir, or fosamprenavir, boosted or not.",
                      "Don't exceed 20 mg a day with clarithromycin, itraconazole, saquinavir plus ritonavir, darunavir "
                      "plus ritonavir, or digoxin.", "'digoxin'")
    # lopinavir plus ritonavir is "use with caution", with no figure
    _right_then_wrong(checker, "lipitor-label", "Don't go above 40 mg with nelfinavir or boceprevir.",
                      "No more than 40 mg: nelfinavir, boceprevir, and lopinavir plus ritonavir.",
                      "no dose limit with lopinavir")
    # each rule keeps its own drugs
    assert _drugs_under("Section 2.6 says Lipitor should be avoided with cyclosporine and limited to 20 mg with "
                        "clarithromycin or itraconazole, section 7.4 says to avoid gemfibrozil",
                        _LIMIT_FIGURE) == {"clarithromycin", "itraconazole"}


def test_who_a_trial_took_in_said_with_its_own_figures_and_an_absence_said_as_experience(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # TNT: "subjects … who had achieved a target LDL-C level <130 mg/dL after … run-in period with LIPITOR 10 mg/day"
    _right_then_wrong(checker, "lipitor-label",
                      "Everyone had got under 130 on 10 mg first, and 80 still cut first major cardiovascular events "
                      "from 10.9% to 8.7%.",
                      "Everyone got to under 70 on 10 mg first.", "everyone")
    claim = checker.check("Optic neuritis just isn't something you see with HUMIRA.", ["humira-label"])
    assert _refused(claim, "absolute") and claim.overreaching


def test_each_kind_of_overreach_in_one_sentence_is_a_promotional_statement(labels_services) -> None:  # type: ignore[no-untyped-def]
    elderly = find_scenario("statin-myopathy-elderly")
    sim = Simulator(elderly, labels_services.act_analyzer, labels_services.embed)
    opening = "What worries you when you think about starting one in someone over 75?"
    two = sim.replay([opening, "The thing is, atorvastatin is honestly the best-tolerated statin we have for older "
                               "patients, and at 10 mg muscle side effects just aren't an issue."],
                     [elderly.lines.opening, "…"]).states
    def cost(states):  # type: ignore[no-untyped-def]
        return sum(e.trust_delta for e in states[1].log if e.turn == 2 and e.rule == "promotional_claim")

    assert cost(two) == pytest.approx(-2 * PROMO_COST)
    # a comparison and what it is said to make easier are one
    one = sim.replay([opening, "And honestly, atorvastatin is better tolerated than simvastatin in older patients, so "
                               "that should make it easier."],
                     [elderly.lines.opening, "…"]).states
    assert cost(one) == pytest.approx(-PROMO_COST)


def test_a_wrong_fact_said_plainly_is_no_pitch_and_an_adverb_hides_no_suggestion(labels_services) -> None:  # type: ignore[no-untyped-def]
    analyzer = labels_services.act_analyzer
    wrong = analyzer.analyze("Short answer, no. Atorvastatin doesn't change digoxin levels, so there's nothing extra to "
                             "do there.", "Do I need extra levels and INRs every time atorvastatin starts?",
                             ["lipitor-label"])
    assert wrong.unsupported_claims and not wrong.promotional
    ms = find_scenario("humira-ms-offlabel")
    said = "That said, if you have a patient with both psoriasis and MS, you could {} try it and see whether the MS " \
           "quietens down as well."
    assert analyzer.analyze(said.format("reasonably"), "", ms.documents, ms.off_label_topics).off_label
    assert not analyzer.analyze("If you have a patient with both psoriasis and MS, you could reasonably ask the "
                                "neurologist first.", "", ms.documents, ms.off_label_topics).off_label


def test_a_check_said_to_be_done_once_is_held_to_a_label_that_repeats_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    # "Prior to initiating HUMIRA and periodically during therapy, … test for latent infection"
    _right_then_wrong(labels_services.act_analyzer.claims, "humira-label",
                      "The label asks for a latent TB test before the first dose and periodically during therapy.",
                      "The label only asks for a latent TB test once, before the first dose.", "again")


def test_a_reply_that_steps_out_of_the_role_to_refuse_is_replaced_by_the_scenario_line() -> None:
    from coach.rehearsal.state import Reaction
    from coach.rehearsal.voice import voice

    dosing = find_scenario("favourable-dosing-doubt")
    reveal = [Reaction("reveal", dosing.concerns[0].revealed_line, dosing.concerns[0].id)]

    def said(reply: str) -> list[str]:
        return list(voice(FakeChatModel(replies=[reply]), dosing, [("msl", "How do you start people on it?")], reveal))

    assert said("I'm sorry, but I can't assist with that.") == [dosing.concerns[0].revealed_line.strip()]
    assert said("As an AI, I cannot give medical advice.") == [dosing.concerns[0].revealed_line.strip()]
    assert said("I'm sorry, but I don't have any specific information about the statins you're referring to.") == \
        [dosing.concerns[0].revealed_line.strip()]
    # in character, it streams as it comes, word by word
    assert "".join(said("I'm sorry to hear you ask. I start everyone on ten.")) == \
        "I'm sorry to hear you ask. I start everyone on ten."
    assert len(said("Honestly, I start everyone on ten and leave them there.")) > 1
