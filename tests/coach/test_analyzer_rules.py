"""Rule parts of the analysis that need no model: off-label topic mentions and insight classification."""

from __future__ import annotations

import pytest

from coach.acts.analyzer import topic_pattern
from coach.rehearsal.insight import classify_insight
from coach.rehearsal.models import Insight


@pytest.mark.parametrize(("topic", "text", "hit"), [
    ("dementia prevention", "Some colleagues give it for dementia.", True),
    ("Alzheimer's disease", "It might slow Alzheimer's in your patients.", True),
    ("treating multiple sclerosis", "It is used for treating relapsing multiple sclerosis.", True),
    ("treating multiple sclerosis", "Section 5.5 reports demyelinating disease, including multiple sclerosis.", False),
    ("for MS", "Neurologists use it for MS now.", True),
    ("for MS", "Muscle symptoms were reported.", False),
])
def test_off_label_topics_match_the_condition_not_the_exact_phrase(topic: str, text: str, hit: bool) -> None:
    assert bool(topic_pattern(topic).search(text)) is hit


@pytest.mark.parametrize(("text", "strategic"), [
    ("She avoids statins in her over-75s because two octogenarians developed myalgia on them.", True),
    ("He wants trials that include his frail patients before prescribing; the label's 7% over 75 is too few.", True),
    ("Nice meeting, she liked the presentation and asked for more samples.", False),
    ("Good chat.", False),
])
def test_insight_needs_specifics_and_a_why_in_their_usual_forms(text: str, strategic: bool) -> None:
    verdict = classify_insight(Insight(text=text))
    assert verdict.strategic is strategic, verdict.reason
