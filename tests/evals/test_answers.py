"""`coach eval answers`: citation, section, refusal and off-label figures on the real demo labels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from coach.ask.answer import Snippet, _usable, consistent, unknown_names
from coach.cli.main import _load_plugins, app
from evals.answers import evaluate_answers, format_report, section_hit, sentence_support
from evals.datasets import AnswerQuestion, read_jsonl
from retrieval.types import Passage

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

QUESTIONS = [
    {"id": "hf", "question": "Should Humira be used in a patient with congestive heart failure?",
     "relevant": ["humira-label"], "section": "5.8", "answerable": True, "off_label": False, "split": "dev",
     "reference": "Exercise caution when using HUMIRA in patients who have heart failure and monitor them."},
    {"id": "uses", "question": "Which symptoms does Triaminic temporarily relieve?",
     "doc_id": "triaminic-label", "section": ["Uses"], "answerable": True, "off_label": False,
     "split": "test",
     "reference": "Sneezing, itchy nose or throat, runny nose, itchy watery eyes, congestion and cough."},
    {"id": "other-drug", "question": "What are the most common side effects of Eliquis?", "answerable": False,
     "off_label": False, "split": "dev"},
    {"id": "ms", "question": "Can Humira be used to treat multiple sclerosis?", "doc_id": "humira-label",
     "answerable": None, "off_label": True, "split": "test"},
]


def test_answer_figures_on_known_questions(labels_services) -> None:  # type: ignore[no-untyped-def]
    qs = [AnswerQuestion.model_validate(q) for q in QUESTIONS]
    report = evaluate_answers(labels_services, qs, mode="extractive")
    rows = {r["id"]: r for r in report["questions"]}

    # Answerable: answered from the gold section, every quote verbatim where it is cited.
    assert not rows["hf"]["refused"] and rows["hf"]["section_hit"], rows["hf"]["citations"]
    assert rows["hf"]["citations"][0]["doc_id"] == "humira-label"
    # OTC Drug Facts lines start in lower case and still answer, cited to their heading.
    assert not rows["uses"]["refused"] and rows["uses"]["section_hit"], rows["uses"]
    # A drug the library does not hold: refused and counted as such.
    assert rows["other-drug"]["refused"] and rows["other-drug"]["kind"] == "unanswerable"
    assert rows["ms"]["off_label_pred"] is True and rows["ms"]["kind"] == "off_label"

    all_ = report["overall"]
    assert all_["refusal_rate_unanswerable"] == 1.0 and all_["false_refusal_rate"] == 0.0
    assert all_["section_accuracy"] == 1.0 and all_["citation_validity"] == 1.0
    assert all_["citation_precision"] == 1.0  # extractive sentences are their own quotes
    assert all_["off_label_recall"] == 1.0
    judged = [r for r in rows.values() if r["off_label_gold"] is not None]
    assert all_["off_label_accuracy"] == round(sum(r["off_label_pred"] == r["off_label_gold"] for r in judged)
                                               / len(judged), 4)
    assert 0.0 < all_["ragas_rouge_l"] <= 1.0 and all_["ragas_context_recall"] is not None
    assert set(report["splits"]) == {"dev", "test"}
    assert report["splits"]["dev"]["unanswerable"] == 1 and report["splits"]["test"]["answerable"] == 1

    text = format_report(report)
    assert "refusal_rate_unanswerable" in text and "dev" in text and "test" in text and "ragas_rouge_l" in text
    json.dumps(report)  # --json writes it as is


def test_support_check_catches_wrong_numbers_and_sections() -> None:
    quote = "The recommended starting dose of LIPITOR is 10 or 20 mg once daily."
    assert sentence_support("The recommended starting dose is 10 or 20 mg once daily.", [quote], 0.9)[0]
    assert not sentence_support("The recommended starting dose is 40 mg once daily.", [quote], 0.95)[0]
    assert not sentence_support("Lipitor lowers blood pressure in most patients.", [quote], 0.3)[0]
    vaccines = "Patients on HUMIRA may receive concurrent vaccinations, except for live vaccines."
    assert not sentence_support("Patients on HUMIRA may receive live vaccines.", [vaccines], 0.9)[0]
    assert section_hit("lipitor-label", "5.1", "Skeletal Muscle", "lipitor-label", ["2.1", "5.1"])
    assert section_hit("triaminic-label", None, "Uses", "triaminic-label", ["uses"])
    assert not section_hit("humira-label", "5.1", "Serious Infections", "lipitor-label", ["5.1"])


def test_drug_facts_lines_are_usable_but_fragments_and_headings_are_not() -> None:
    assert _usable("temporarily relieves cough due to minor throat irritation", lowercase_ok=True)
    assert not _usable("temporarily relieves cough due to minor throat irritation")
    assert not _usable("Crohn’s Disease Clinical Studies Overview")
    assert not _usable("LDL-C remains ≥ 190 mg/dL in these patients or")
    assert not _usable("caution should be used when the LIPITOR dose exceeds 20 mg [see", lowercase_ok=True)
    assert unknown_names("Is it better than rosuvastatin or Eliquis?", ["LIPITOR reduces LDL-C."]) == \
        ["rosuvastatin", "Eliquis"]
    assert unknown_names("Can it raise HbA1c in SPARCL?", ["HbA1c rose in the SPARCL trial."]) == []


def test_eval_answers_command_on_one_label(tmp_path: Path) -> None:
    corpus = tmp_path / "otc"
    corpus.mkdir()
    shutil.copy(ROOT / "demo_corpus" / "labels" / "cough.xml", corpus / "cough.xml")
    (corpus / "manifest.yaml").write_text(
        "defaults:\n  type: label\n  expiry_date: 2099-12-31\ndocuments:\n  - file: cough.xml\n"
        "    doc_id: triaminic-label\n    product: Triaminic\n"
        "    title: TRIAMINIC Night Time Cold and Cough (diphenhydramine, phenylephrine)\n")
    lines = [
        {"id": "a1", "question": "Can Triaminic make a child drowsy?", "relevant": ["triaminic-label"],
         "section": "When using this product", "reference": "Marked drowsiness may occur.", "split": "dev"},
        {"id": "a2", "question": "How often can Triaminic be given?", "relevant": ["triaminic-label"],
         "section": "Directions", "reference": "Every 4 hours; at most 6 doses in 24 hours.",
         "split": "test"},
        {"id": "u1", "question": "What is the recommended dose of Ozempic for weight loss?",
         "answerable": False, "split": "dev"},
        {"id": "o1", "question": "Can Triaminic be used for asthma in children?",
         "relevant": ["triaminic-label"], "answerable": None, "off_label": True, "split": "test"},
    ]
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(x) for x in lines))
    assert len(read_jsonl(questions, AnswerQuestion)) == 4
    out = tmp_path / "answers.json"
    _load_plugins()
    r = runner.invoke(app, ["eval", "answers", "--corpus", str(corpus), "--questions", str(questions),
                            "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert "section_accuracy" in r.output and "citation_precision" in r.output
    figures = json.loads(out.read_text())
    assert figures["overall"]["n"] == 4 and figures["overall"]["refusal_rate_unanswerable"] == 1.0
    assert figures["overall"]["section_accuracy"] == 1.0, [q["citations"] for q in figures["questions"]]
    assert set(figures["splits"]) == {"dev", "test"}


def test_generated_sentences_need_consistent_sources() -> None:
    def snippet(text: str, title: str) -> Snippet:
        p = Passage("c1", "triaminic-label", "1", "Drug Facts", "label", text, "section", 0, len(text),
                    section_title=title)
        return Snippet(p, text, 0, 0.9)

    avoid = snippet("with any other product containing diphenhydramine, even one used on skin", "Do not use")
    assert not consistent("Yes, it can be used with another product that contains diphenhydramine.", avoid)
    assert consistent("Do not use it with other products containing diphenhydramine.", avoid)
    ms = snippet("Use of TNF blockers has been associated with rare cases of multiple sclerosis.", "Neuro")
    assert not consistent("Yes, Humira can be used to treat multiple sclerosis.", ms)
    vaccines = snippet("Patients on HUMIRA may receive concurrent vaccinations, except for live vaccines.", "")
    assert not consistent("Yes, patients on Humira can receive live vaccines.", vaccines)
    dose = snippet("The recommended starting dose of LIPITOR is 10 or 20 mg once daily.", "Hyperlipidemia")
    assert consistent("The recommended starting dose is 10 or 20 mg once daily.", dose)
    assert not consistent("The recommended starting dose is 40 mg once daily.", dose)
