"""`coach eval acts` and `coach eval feedback` on small real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from typer.testing import CliRunner

from coach.cli.main import _load_plugins, app
from evals.acts import evaluate_acts, format_acts

runner = CliRunner()
LINES = [
    {"text": "Can you tell me how you decide when to start a statin in your older patients?", "context": "",
     "question_type": "open", "checks_view_change": False},
    {"text": "So you'd agree the muscle risk is small, right?", "context": "It worries me.",
     "question_type": "closed", "checks_view_change": False},
    {"text": "Having gone through section 5.1 together, where does that leave you on starting a statin at 80?",
     "context": "That's clearer than I thought.", "question_type": "open", "checks_view_change": True},
    {"text": "The label reports rhabdomyolysis as rare.", "context": "", "question_type": "none",
     "checks_view_change": False, "evidence": True},
]


def test_acts_metrics_on_clear_cases(labels_services) -> None:  # type: ignore[no-untyped-def]
    report = evaluate_acts(labels_services.act_analyzer, LINES)
    qt = report["fields"]["question_type"]
    assert qt["macro_f1"] == 1.0, qt["errors"]
    assert qt["confusion"] == [[1, 0, 0], [0, 1, 0], [0, 0, 2]] or sum(map(sum, qt["confusion"])) == 4
    assert report["fields"]["checks_view_change"]["per_value"]["True"]["recall"] == 1.0
    assert "macro-F1" in format_acts(report) and "confusion" in format_acts(report)


def test_eval_acts_command_writes_json(tmp_path: Path, labels_services) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "acts.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in LINES))
    _load_plugins()
    out = tmp_path / "acts.json"
    r = runner.invoke(app, ["eval", "acts", "--data", str(data), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["fields"]["question_type"]["per_value"]["open"]["support"] == 2


def _rehearsal(rid: str, msl: list[str], gold: dict[str, bool], **extra: object) -> dict[str, object]:
    turns: list[dict[str, str]] = [{"speaker": "hcp", "text": "Thanks for coming by. What did you want to talk about?"}]
    for text in msl:
        turns += [{"speaker": "msl", "text": text}, {"speaker": "hcp", "text": "Okay."}]
    return {"id": rid, "split": "dev", "scenario": "statin-myopathy-elderly", "turns": turns, "gold": gold,
            "plan": {"objective": "Evolve her view on statins after 75", "intends_to_evolve_view": True}, **extra}


def test_eval_feedback_accuracy_is_counted_per_item(labels_services) -> None:  # type: ignore[no-untyped-def]
    from evals.feedback import evaluate_feedback, format_feedback, replay_one

    good = _rehearsal("r1", [
        "What have you seen in your older patients on statins?",
        "The LIPITOR label, section 5.1, says myopathy is occasional and rhabdomyolysis is rare, and that therapy "
        "should be discontinued if CPK is markedly elevated or myopathy is suspected.",
        "Where does that leave you now on starting a statin in your over-75s?",
    ], {}, self_assessment={"view_changed": "yes", "new_stance": 0})
    no_evidence = _rehearsal("r2", [
        "What worries you about statins in older patients?",
        "Has talking it through changed your view at all?",
    ], {})
    sims: dict = {}
    v1, v2 = replay_one(labels_services, good, sims), replay_one(labels_services, no_evidence, sims)
    assert v1["checked_view_change"] and v1["claims_supported"] and v1["calibration"]
    assert not v2["checked_view_change"]  # a view check with no evidence presented does not count
    # Gold: agree everywhere on r1; on r2 disagree on 'planned' only and leave 'insight' unlabelled.
    good["gold"] = dict(v1)
    no_evidence["gold"] = {k: (not v if k == "planned" else v) for k, v in v2.items() if k != "insight"}
    report = evaluate_feedback(labels_services, [good, no_evidence])
    assert report["n"] == 2
    assert report["accuracy"]["planned"] == 0.5 and report["support"]["planned"] == 2
    assert report["support"]["insight"] == 1 and report["accuracy"]["insight"] == 1.0
    assert all(a == 1.0 for item, a in report["accuracy"].items() if item != "planned")
    assert report["misses"] == [{"id": "r2", "item": "planned", "gold": not v2["planned"], "pred": v2["planned"]}]
    assert "r2:planned" in format_feedback(report) and "2nd=gold" not in format_feedback(report)
    # A second annotator, labelling blind, who sides with the scorecard on r2's 'planned' and labels only that item.
    no_evidence["gold_b"] = {"planned": v2["planned"]}
    good["gold_b"] = {"planned": v1["planned"], "insight": not v1["insight"]}
    twice = evaluate_feedback(labels_services, [good, no_evidence])
    assert twice["accuracy"] == report["accuracy"]  # the gold still decides the accuracy
    assert twice["agreement"]["planned"] == {"n": 2, "annotators": 0.5, "scorecard_vs_second": 1.0}
    assert twice["agreement"]["insight"] == {"n": 1, "annotators": 0.0, "scorecard_vs_second": 0.0}
    assert "follow_up" not in twice["agreement"] and "2nd=gold" in format_feedback(twice)


def test_eval_acts_reports_a_second_annotators_agreement(labels_services) -> None:  # type: ignore[no-untyped-def]
    twice = [dict(x, second={"checks_view_change": x["checks_view_change"] if i else not x["checks_view_change"]})
             for i, x in enumerate(LINES)]
    report = evaluate_acts(labels_services.act_analyzer, twice)
    second = report["fields"]["checks_view_change"]["second_annotator"]
    assert second["n"] == 4 and second["agreement"] == 0.75
    assert "second_annotator" not in report["fields"]["question_type"]
    assert "a second annotator, blind, on 4 of these lines: agreement 0.750" in format_acts(report)


def test_claims_are_checked_against_the_label_sentence_by_sentence(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    docs = ["lipitor-label"]
    ok = [
        "Section 5.1 says myopathy occurs occasionally, rhabdomyolysis is rare, and Lipitor should be discontinued "
        "if CPK is markedly elevated or myopathy is suspected.",
        "Of the 39,828 patients in clinical studies, 7% were 75 or older, and no overall differences in safety or "
        "effectiveness were observed.",
        "In the head-to-head study in section 14.2, Lipitor 10 mg lowered LDL-C by 37% compared with 30% for "
        "simvastatin 10 mg over 16 weeks.",  # the figures are in the table next to the sentence
        "Section 2.6 says Lipitor should be avoided with cyclosporine and limited to 20 mg with clarithromycin, "
        "section 7.4 says to avoid gemfibrozil, and 7.11 asks for caution with colchicine.",  # clause by clause
    ]
    for text in ok:
        c = checker.check(text, docs)
        assert c.supported, (text, c.flags)
        assert c.doc_id == "lipitor-label" and c.quote
    bad = {
        "Lipitor is the safest statin you can give an older patient.": "superlative",
        "It's much better tolerated than simvastatin, so muscle problems aren't really an issue.": "comparative",
        "In the trials fewer than 1 in 10,000 patients over 75 developed myopathy on atorvastatin.": "figure",
        "In patients over 75, Lipitor cut heart attacks by half.": "figure",
        "Unlike rosuvastatin, you never have to worry about the kidneys with Lipitor.": "comparative",
    }
    for text, why in bad.items():
        c = checker.check(text, docs)
        assert not c.supported and any(f.startswith(why) for f in c.flags), (text, c.flags)
    assert checker.check("Lipitor is the safest statin.", docs).overreaching
    assert not checker.check("Fewer than 1 in 10,000 patients over 75 developed myopathy.", docs).overreaching


def test_factual_statements_skip_questions_reflections_and_suggestions() -> None:
    from coach.acts.claims import core, factual_statements, numbers

    assert factual_statements("I'm curious what worries you most about a statin for an 80-year-old.", False) == []
    assert factual_statements("Thank you. You could consider it for dementia prevention as well.", False) == []
    assert factual_statements("You said you're never sure the trials included people like yours.", True) == []
    assert factual_statements("Honestly, it's the best-studied statin. Nothing else comes close.", False) == [
        "Honestly, it's the best-studied statin.", "Nothing else comes close."]
    said = factual_statements("Fair, let me stick to the label. Section 8.5 says 7% of patients were 75 or older.", True)
    assert said == ["Section 8.5 says 7% of patients were 75 or older."]
    assert core(said[0]) == "7% of patients were 75 or older."
    assert numbers("Section 8.5 and 7.11 say 39,828 patients; 7 % were 75") == {"39828", "7%", "75"}


@pytest.mark.parametrize(("text", "figures", "claimed"), [
    ("Section 8.5 flags advanced age as a predisposing factor.", set(), "Advanced age as a predisposing factor."),
    ("Section 5.1 says myopathy is occasional and 8.5 flags age as a predisposing factor.", set(), None),
    ("5.1 points out that atorvastatin occasionally causes myopathy.", set(), "Atorvastatin occasionally causes myopathy."),
    ("8.5 and 5.1 both highlight that age is a risk factor.", set(), "Age is a risk factor."),
    ("In 8.5 the label cautions that 7% were 75 or older.", {"7%", "75"}, "7% were 75 or older."),
    ("The label warns that rhabdomyolysis is rare.", set(), "Rhabdomyolysis is rare."),
    ("Section 2.6 spells out a 20 mg limit with clarithromycin.", {"20"}, "A 20 mg limit with clarithromycin."),
    # a bare decimal that is a figure stays a figure
    ("Transaminases rose in 8.5 patients per 100.", {"8.5", "100"}, None),
    ("Doses went from 2.5 to 10 mg.", {"2.5", "10"}, None),
])
def test_attribution_verbs_make_section_numbers_citations(text: str, figures: set[str], claimed: str | None) -> None:
    from coach.acts.claims import core, numbers

    assert numbers(text) == figures
    if claimed is not None:
        assert core(text) == claimed


def test_the_hcps_own_words_given_back_are_not_msl_claims() -> None:
    from coach.acts.claims import factual_statements, without_echoes

    hcp = "And I'm never sure the trials even included people like mine. Most of my patients are over 75."
    # a paraphrase addressed to the HCP, a quote of their sentence, "as you put it"
    assert factual_statements("So most of your patients are over 75, and you're never sure the trials included "
                              "people like them.", True, hcp) == []
    assert factual_statements("You're right that \"most of my patients are over 75\".", True, hcp) == []
    turn = ("As you put it, \"most of my patients are over 75.\" Section 8.5 reports that 7% of the 39,828 patients "
            "in clinical studies were 75 or older.")
    assert factual_statements(turn, True, hcp) == [
        "Section 8.5 reports that 7% of the 39,828 patients in clinical studies were 75 or older."]
    # the MSL's own claim in the same sentence as an echo is kept; without the HCP turn nothing is dropped
    muscle = "Two of my patients in their eighties developed muscle pain bad enough that they stopped walking."
    kept = factual_statements("Two patients in their eighties who stopped walking - the label says myopathy occurs in "
                              "1 in 500 older patients.", True, muscle)
    assert kept == ["The label says myopathy occurs in 1 in 500 older patients."]
    assert without_echoes("You mentioned two patients in their eighties who stopped walking.", muscle) == ""
    assert without_echoes("You mentioned muscle pain; myopathy occurs in 1 in 500 older patients.", muscle) == \
        "Myopathy occurs in 1 in 500 older patients."
    assert factual_statements("Most of your patients are over 75 and 40% of patients in the studies were 65 or "
                              "older.", True, "") != []
    # the HCP asked; an answer that repeats their words is still the MSL's claim
    asked = "Is rhabdomyolysis rare with it?"
    assert factual_statements("Rhabdomyolysis is rare with it, the label says.", True, asked) != []


def test_eval_claims_counts_what_passes_and_what_is_refused(labels_services) -> None:  # type: ignore[no-untyped-def]
    from evals.claims import evaluate_claims, format_claims

    rows = [{"id": "ok", "claim": "The recommended starting dose is 10 or 20 mg once daily.", "doc_id": "lipitor-label",
             "supported": True},
            {"id": "wrong", "claim": "Section 8.5 says Lipitor is contraindicated in patients over 75.",
             "doc_id": "lipitor-label", "supported": False},
            {"id": "mislabelled", "claim": "Lipitor can be taken with or without food.", "doc_id": "lipitor-label",
             "supported": False}]
    report = evaluate_claims(labels_services.act_analyzer.claims, rows)
    assert (report["n"], report["unsupported"], report["supported"]) == (3, 2, 1)
    assert report["unsupported_passed"] == 1 and report["supported_refused"] == 0
    assert [e["id"] for e in report["errors"]] == ["mislabelled"] and report["accuracy"] == round(2 / 3, 4)
    assert "mislabelled" in format_claims(report)


@pytest.mark.parametrize(("text", "figures"), [
    ("Colchicine is 7.11: myopathy has been reported with the combination.", set()),
    ("Then 7.4 is your line: avoid it with gemfibrozil.", set()),
    ("Myalgia | 3.5 | 3.6 | 2.7 | 3.1", {"3.5", "3.6", "2.7", "3.1"}),  # table cells are figures
    ("It fell by 2.3% over 4.9 years.", {"2.3%", "4.9"}),
])
def test_a_bare_section_number_is_a_citation_and_a_table_cell_a_figure(text: str, figures: set[str]) -> None:
    from coach.acts.claims import numbers

    assert numbers(text) == figures


def test_eval_feedback_counts_the_hcp_answers_the_replayed_state_agrees_with(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.rehearsal.session import Simulator
    from coach.scenarios.loader import find_scenario
    from evals.feedback import evaluate_feedback, format_feedback

    scenario = find_scenario("statin-myopathy-elderly")
    msl = ["What have you seen in your older patients on statins?",
           "The LIPITOR label, section 5.1, says myopathy is occasional and rhabdomyolysis is rare, and that therapy "
           "should be discontinued if CPK is markedly elevated or myopathy is suspected.",
           "Where does that leave you now on starting a statin in your over-75s?"]
    sim = Simulator(scenario, labels_services.act_analyzer, labels_services.embed)
    contexts = [scenario.lines.opening, "", ""]
    for _ in range(2):  # each turn is analysed against the HCP answer before it
        replay = sim.replay(msl, contexts)
        answers = [r[0].line for r in replay.reactions]
        contexts = [scenario.lines.opening, *answers[:-1]]
    row = _rehearsal("r1", msl, {"planned": True})
    row["turns"] = [{"speaker": "hcp", "text": scenario.lines.opening}]
    for m, a in zip(msl, answers):
        row["turns"] += [{"speaker": "msl", "text": m}, {"speaker": "hcp", "text": a}]
    assert evaluate_feedback(labels_services, [row])["hcp_lines"] == {"agree": 3, "of": 3}
    # the annotator has the HCP voice another concern at the first question, and says something no line says last
    other = next(c for c in scenario.concerns if c.id != replay.states[0].revealed[0])
    row["turns"][2]["text"] = other.revealed_line
    row["turns"][6]["text"] = "Let me think about the budget side with the practice manager."
    report = evaluate_feedback(labels_services, [row])
    assert report["hcp_lines"] == {"agree": 1, "of": 2}
    assert "1 of 2" in format_feedback(report)


def test_plain_words_for_the_labels_own_and_a_limit_said_as_should_not(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    ok = {
        "lipitor-label": [
            # "with no sequelae" is "without sequelae", "came back to baseline" is "returned to pretreatment levels"
            "Section 5.2: persistent transaminase rises above three times the upper limit of normal were 2.3% at 80 mg "
            "versus 0.2% at 10, and they came back to or near baseline after a dose reduction, interruption or "
            "stopping, with no sequelae.",
            "Digoxin: with repeated co-dosing, steady-state digoxin concentrations rose by about 20%, so digoxin "
            "patients should be monitored appropriately.",
            "With cyclosporine it should be avoided; with clarithromycin or itraconazole it should not go above 20 mg, "
            "using the lowest dose necessary.",
        ],
        # a figure hedged with "about" is the label's "approximately", an attribution in the middle notwithstanding
        "humira-label": ["For lymphoma, across the trials the rate was about 0.11 per 100 patient-years - the label "
                         "states that's roughly three-fold higher than expected in the general US population."],
    }
    for doc, texts in ok.items():
        for text in texts:
            c = checker.check(text, [doc])
            assert c.supported, (text, c.flags)
    assert not checker.check("With clarithromycin it should not go above 40 mg.", ["lipitor-label"]).supported
    assert not checker.check("The transaminase rises came back to baseline with no monitoring.",
                             ["lipitor-label"]).supported


def test_a_list_whose_every_item_the_label_says_holds_and_an_abbreviation_is_read_written_out(labels_services) -> None:  # type: ignore[no-untyped-def]
    checker = labels_services.act_analyzer.claims
    # the TNT sentence says "MCVE", defined in the sentence before
    tnt = checker.check("Over a median 4.9 years, 80 mg cut major cardiovascular events by 22%, 8.7% against 10.9%.",
                        ["lipitor-label"])
    assert tnt.supported and tnt.section_number == "14.1", tnt.flags
    # "Such patients merit closer monitoring" is about the renal patients of the sentence before it, not anyone else
    assert checker.check("Patients with a history of renal impairment do merit closer monitoring for muscle effects.",
                         ["lipitor-label"]).supported
    assert not checker.check("Patients over 75 merit closer monitoring for skeletal muscle effects.",
                             ["lipitor-label"]).supported
    # JIA is shorthand a claim spells out itself: the weight bands still rest on the dosing table
    assert checker.check("For JIA, kids from 15 kg up to 30 kg get 20 mg every other week, and 30 kg and above get "
                         "40 mg every other week.", ["humira-label"]).supported
    # no single sentence says the whole list, but the Drug Facts say each item of it
    docs = ["triaminic-label"]
    listed = ("It's meant to be given with the enclosed dosing cup only: two teaspoonfuls, 10 mL, every four hours for "
              "children 6 to under 12, no more than six doses in 24 hours, and never alongside another product "
              "containing diphenhydramine, even one used on the skin.")
    assert checker.check(listed, docs).supported
    for wrong in ("no more than eight doses in 24 hours", "20 mL"):
        c = checker.check(listed.replace("no more than six doses in 24 hours", wrong)
                          if "doses" in wrong else listed.replace("10 mL", wrong), docs)
        assert not c.supported, wrong
