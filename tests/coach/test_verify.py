"""A generated answer keeps only the sentences its cited sources support."""

from __future__ import annotations

from coach.ask.answer import SYSTEM_PROMPT, Answer, Snippet
from retrieval.types import Passage

SOURCE = ("Renal disease does not affect the plasma concentrations nor LDL-C reduction of LIPITOR; thus, dosage "
          "adjustment in patients with renal dysfunction is not necessary.")


def _snippet() -> Snippet:
    p = Passage(chunk_id="c1", doc_id="lipitor-label", version="1", title="LIPITOR label", doc_type="label",
                text=SOURCE, kind="section", start=0, end=len(SOURCE), section_number="2.5",
                section_title="Dosage in Patients With Renal Impairment")
    return Snippet(p, SOURCE, 0, 0.8)


def _verify(labels_services, generated: str) -> Answer:  # type: ignore[no-untyped-def]
    question = "Do I need to adjust the dose for a patient with renal impairment?"
    return labels_services.composer.verify(Answer(question, "generative", "test"), generated, [_snippet()])


def test_a_supported_sentence_is_kept_with_its_citation(labels_services) -> None:  # type: ignore[no-untyped-def]
    a = _verify(labels_services, "Dosage adjustment in patients with renal dysfunction is not necessary [1].")
    assert [s.citations for s in a.sentences] == [[1]] and not a.removed
    assert a.citations[0].section_number == "2.5" and a.citations[0].quote == SOURCE


def test_a_changed_number_or_a_dropped_negation_is_removed(labels_services) -> None:  # type: ignore[no-untyped-def]
    a = _verify(labels_services, "Reduce the dose by 50% in patients with renal dysfunction [1]. "
                                 "Dosage adjustment in patients with renal dysfunction is necessary [1].")
    assert not a.sentences
    assert len(a.removed) == 2


def test_an_answer_does_not_open_with_a_connective(labels_services) -> None:  # type: ignore[no-untyped-def]
    a = _verify(labels_services, "However, dosage adjustment in patients with renal dysfunction is not necessary [1].")
    assert a.sentences[0].text.startswith("Dosage adjustment")


def test_the_model_is_not_offered_a_refusal_to_copy() -> None:
    # Refusals are decided before the model runs; a small model offered an escape phrase takes it.
    assert "do not answer" not in SYSTEM_PROMPT


def test_a_sentence_that_says_more_than_its_source_is_removed(labels_services) -> None:  # type: ignore[no-untyped-def]
    a = _verify(labels_services, "Dosage adjustment in patients with renal dysfunction is not necessary, "
                                 "but monitor creatinine kinase and hepatic enzymes weekly [1].")
    assert not a.sentences and a.removed
