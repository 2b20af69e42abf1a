"""Ask reads a sentence under the headings it sits under when matching it to the question."""

from __future__ import annotations

from coach.ask.answer import word_match


def test_word_match_reads_a_sentence_under_its_headings() -> None:
    q = "What is the mechanism of action of it?"
    sentence = "It is a selective, competitive inhibitor of HMG-CoA reductase."
    assert word_match(q, sentence) == 0.0
    assert word_match(q, sentence, "Clinical Pharmacology › Mechanism of Action") == 1.0
    assert word_match("How is it dosed for plaque psoriasis?", "80 mg initial dose",
                      "Dosage and Administration › Plaque Psoriasis") == 1.0


def test_a_question_named_by_a_section_heading_is_answered_from_that_section(labels_services) -> None:  # type: ignore[no-untyped-def]
    # 12.1 never says "mechanism"; the rifampin interaction section (7.7) does ("dual interaction mechanism").
    answer = labels_services.ask_service().ask("What is the mechanism of action of atorvastatin?", mode="extractive")
    assert not answer.refused, answer.refusal_reason
    assert answer.citations[0].section_number == "12.1", [c.locator for c in answer.citations]
