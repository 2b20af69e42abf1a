"""Turns typed fast on a phone or tablet are read in the words they stand for."""

from __future__ import annotations

import pytest

from coach.acts.typed import as_words, question_marked


@pytest.mark.parametrize(("typed", "read"), [
    ("so where r u now on this", "so where are you now on this?"),
    ("pts over 75 w/ CK up - what do u do", "patients over 75 with CK up - what do you do?"),
    ("per PI 5.2 persistent LFT >3x ULN 0.2% on 10mg", "per prescribing information section 5.2 persistent LFT more than "
                                                      "3 times ULN 0.2% on 10 mg"),
    ("sec 2.6 caps it at 20mg w/clarithro", "section 2.6 caps it at 20 mg with clarithromycin"),
    ("80yo w/o renal issues", "80-year-old without renal issues"),
    ("of ~39.8k pts 40% were 65+", "of about 39,800 patients 40% were 65 or older"),
    ("7.10 - no sig effect on PT in pts on warfarin", "7.10 - no significant effect on prothrombin time in patients on "
                                                     "warfarin"),
    ("is it the HIV PIs that trip ppl up?", "is it the HIV PIs that trip people up?"),  # protease inhibitors stay
    ("whats ur experience w muscle AEs in ur older pts", "what's your experience with muscle adverse events in your "
                                                         "older patients?"),
    ("great, ill leave the TNT table w ur coordinator, thx", "great, I'll leave the TNT table with your coordinator, "
                                                             "thanks"),
    ("im not sure the IM route matters", "I'm not sure the IM route matters"),
])
def test_shorthand_is_read_as_the_words_it_stands_for(typed: str, read: str) -> None:
    assert as_words(typed) == read


@pytest.mark.parametrize("prose", [
    "Tell me about your patients.",
    "Section 5.1 says latent TB should be treated before starting HUMIRA.",
    "The label says 20 mg is the limit, which is why I raised it",
    "Ranges of 0.6 - 1.2 per 100 patient-years were seen.",
])
def test_prose_is_left_as_it_is(prose: str) -> None:
    assert as_words(prose) == prose


@pytest.mark.parametrize(("typed", "asks"), [
    ("anything else that makes it tricky in ur clinic, other meds etc", True),
    ("stopped walking, thats serious - did they recover once u stopped the statin", True),
    ("which of ur RA pts worry u most re infection", True),
    ("ok great, ill send tbl 1 and the 8.5 text", False),
    ("what the label says is 20 mg max", False),
    ("how do you decide the dose for your stented patients", True),
    ("ok quick one - you keep most of your CAD pts on 10 or 20 right", True),  # a tag typed without its mark
    ("Section 5.1 lists it, right", False),
])
def test_a_typed_question_gets_its_mark(typed: str, asks: bool) -> None:
    assert as_words(typed).endswith("?") is asks
    assert question_marked("Do you recheck?") == "Do you recheck?"


def test_a_typed_turn_is_analysed_as_its_words_and_quoted_as_typed(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    asked, checked = an.classify(["whats ur experience been w muscle side effects in ur older pts",
                                  "still same view or has any of this moved u"],
                                 ["I'm not keen.", "That's a protocol I can work with."])
    assert asked.question_type == "open" and asked.text.startswith("whats ur")
    assert checked.checks_view_change
    cited = an.analyze("per PI 5.2 persistent LFT >3x ULN 0.2% on 10mg vs 2.3% on 80", "Eighty means liver calls.",
                       ["lipitor-label"])
    assert cited.citation and "5.2" in cited.cited_sections
    assert cited.claims and all(c.supported for c in cited.claims), [c.flags for c in cited.claims]
