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
    ("Because parents give night-time syrups to two-year-olds to settle them, her advice to skip syrups is about age "
     "cut-offs and measuring.", True),
    ("She's a big fan of atorvastatin and would like a one-page dosing summary for her practice.", False),
    ("Dr K is very sceptical of industry, says 'show me' a lot and wants to see more data before she changes "
     "anything.", False),
    # the why in other words: "…is why", "comes from", "prompted by", "expected … on … grounds"
    ("Two toddlers dosed with adult syrup last winter is why Dr L now tells every family to use the dosing cup.", True),
    ("Her refusal to start biologics in smokers comes from one patient's reactivated TB in 2019.", True),
    ("Dr Raman's MS question was prompted by a relapsing-remitting patient who developed optic neuritis six weeks "
     "after starting a TNF blocker for psoriasis.", True),
    # an event behind it is a why; "needs more convincing" is none, and rapport stays rapport whatever its "because"
    ("Dermatologists are telling Dr Raman's patients with MS and psoriasis that HUMIRA may calm their MS; after an "
     "optic neuritis case she wants the 5.5 demyelination warning in every referral letter.", True),
    ("Hospital pharmacists default to holding atorvastatin whenever an interacting drug is charted because they "
     "cannot keep the caps straight; a named-drug table they can code into order-set alerts would replace the hold.",
     True),
    ("Dr Feld is old-school and resistant to high-dose statins; he needs more convincing.", False),
    ("Good meeting - she was receptive and wants to see more data because she's evidence-minded.", False),
    # the visit and its follow-up, however specific, with no belief of the HCP's behind it
    ("He appreciated that I stayed inside five minutes, asked for the TNT summary to be emailed so he can read it "
     "between cases, and said to book a longer slot next quarter.", False),
    ("He asked for the TNT summary to be emailed because he is wary of 80 mg in his post-stent patients and wants "
     "the liver data before his next clinic.", True),
    # a taste for data is not a piece of evidence
    ("Dr. Kowalski is sceptical of industry because she has had bad experiences before, but she respects data and "
     "candour.", False),
    ("She is sceptical of the TNT data because the trial excluded patients over 75 like most of hers.", True),
    # the visit as typed: its time, what to send and when, whatever its "bc" or "before"
    ("dr feld only gives 5 min between cath cases so next time go early am before his 1st case w a 1 pager", False),
    ("v engaged, wants tbl 1 as a pdf b4 P&T next mo. f/u then", False),
    ("she avoids statins in her over-75s bc 2 of her pts in their 80s stopped walking w myalgia", True),
])
def test_insight_needs_specifics_and_a_why_in_their_usual_forms(text: str, strategic: bool) -> None:
    verdict = classify_insight(Insight(text=text))
    assert verdict.strategic is strategic, verdict.reason


@pytest.mark.parametrize(("text", "asked"), [
    ("how do you handle the ones who put it off bc of needles", ["how do you handle the ones who put it off bc of needles"]),
    ("I'll send it over. what are ur thoughts on the biosimilar", ["what are ur thoughts on the biosimilar"]),
    ("r u mostly prescribing the 140 now", ["r u mostly prescribing the 140 now"]),
    ("How we do it here is simple", []),
    ("The label covers it. How do you feel about that.", []),
    ("What happened next was a surprise", []),
    ("has anything we've gone through today made you rethink the referrals",
     ["has anything we've gone through today made you rethink the referrals"]),
    ("so where r u now on HPV for boys vs when we started", ["so where r u now on HPV for boys vs when we started"]),
    ("fair. one last thing — on a 1-10, how likely are you to use it now",
     ["one last thing — on a 1-10, how likely are you to use it now"]),
    # wondering whether is a question wherever it stands, end mark or not
    ("I'm just wondering whether the numbers have moved you at all. Happy to leave it there if not.",
     ["I'm just wondering whether the numbers have moved you at all."]),
    ("not saying it's for everyone, just wondering if that changes the order at all for you",
     ["not saying it's for everyone, just wondering if that changes the order at all for you"]),
    ("Then I'd be curious whether that shifts where it sits for you", ["Then I'd be curious whether that shifts where it sits for you"]),
    ("I wondered about that too, and the data surprised me.", []),
    ("In that trial, the rate was 2% in your age group", []),
])
def test_a_casual_question_without_a_question_mark_still_counts(text: str, asked: list[str]) -> None:
    from coach.acts.cues import questions

    assert questions(text) == asked


@pytest.mark.parametrize(("text", "qtype"), [
    ("how do you handle the ones who put it off bc of needles", "open"),
    ("how do you feel about the infusion risk now that you've seen the data", "open"),
    ("I'll leave the reprint with you.", "none"),
    # wondering whether, ending the turn, asks yes or no
    ("yeah it's consistent across QUEST. so i guess what i'm wondering is whether that's enough to make you refer "
     "the high-FeNO ones sooner", "closed"),
    # a leading clause of any length before the question word
    ("And the times you have pushed someone up to eighty, what went wrong?", "open"),
    ("oh interesting, what's kept it to a handful?", "open"),
    ("Do you use it, and how?", None),
    # polite closed form around an open question
    ("Can I ask what prompted the question?", "open"),
    ("Can I ask where the idea came from?", "open"),
    ("Can I ask where you practise?", None),
    ("Could you tell me how many you have on it?", None),
    ("Where do you think that idea came from?", "open"),
    # the clause after the dash decides
    ("What would it take to change that pathway — is it a cost argument they need, or outcome data?", "closed"),
    ("You said hypos are your biggest fear — can you tell me about a patient who made that real for you?", "open"),
    ("You can see why some centres use it — does any of that shift your own view, and if so, how?", "open"),
    ("You said you're not sure how soon to recheck - what else about dosing feels uncertain?", "open"),
    ("That one - how many of your patients are on it?", None),
    ("Where did your patients first get the idea that it might help their MS?", "open"),
    # a tag needs its comma; "a definite yes?" is not one
    ("Apart from that, what's still holding you back from a definite yes?", "open"),
    ("It's the 10 mg you start with, right?", "closed"),
    # asking for a reason is open, whatever numbers it names; a rhetorical "Why…? Because…" is not a question
    ("What's behind keeping the stented patients on 10 or 20, then?", "open"),
    ("What keeps most of your post-MI patients on 20 rather than 40?", "open"),
    ("Which part of the titration schedule would you most like to go over?", "open"),
    ("When a patient in her late eighties arrives with a risk score that would earn a statin at fifty, what runs "
     "through your head?", "open"),
    ("Why does age matter so much here? Because the outcome trials enrolled few people over 75.", None),
    ("Thanks. Can I start with how you handle it on the wards when an interacting drug turns up?", "open"),
    # a number on a scale is closed
    ("last thing — one to ten, how open are you to it for your next patient?", None),
    ("to kick off, how confident are you using it first-line, on a one-to-ten scale?", None),
    # a closed question spliced on with a comma is the one the HCP answers; an open request spliced on is not closed
    ("How's his morning stiffness changed since starting, is it still over an hour?", "closed"),
    ("To start, could you describe how you currently approach first-line treatment?", "open"),
    # a confirmation asked without a question mark; "whether, and how" asks how
    ("i'm sensing you're a little less worried about it than you were, am i reading that right", "closed"),
    ("I'd be curious to hear whether, and how, it shifts your thinking on the scalp-dominant patients", "open"),
    # a statement asked back asks for no account; "which other…" and "where else…" ask the HCP to name more
    ("Hoped it would settle them — so in those cases the syrup's really being used to get the toddler to sleep?",
     "closed"),
    ("So the alerts fire on the statin start itself?", "closed"),
    ("So the alerts fire on the statin start itself? Talk me through what happens next.", "open"),
    ("If that table goes into the order set, which other combinations would still make you reach for a hold?", "open"),
    ("Beyond the antibiotics, where else do combinations with atorvastatin cause you trouble on the wards?", "open"),
    ("Which other statin is on your formulary?", None),
])
def test_rule_question_type_reads_unpunctuated_questions(text: str, qtype: str) -> None:
    from coach.acts.analyzer import _rule_question_type

    assert _rule_question_type(text) == qtype


@pytest.mark.parametrize(("text", "anchor", "elsewhere"), [
    # the view moving because of this conversation
    ("Is immunotherapy back on the table for your patients with autoimmune disease?", True, False),
    ("So, any movement on where you'd place it in the sequence?", True, False),
    ("Does a 24% relative improvement change that for you?", True, False),
    ("Has your view on treating PS 2 patients with immunotherapy shifted at all since we started?", True, False),
    ("What are you taking away from this for the adolescents in your clinic?", True, False),
    ("with that long-term data, u think u'd use it more in the moderate ones?", True, False),
    ("Has what I've shared changed your view on these syrups at all?", True, False),
    # changes this conversation did not cause
    ("Have your patients' HbA1c levels shifted much since the switch?", False, True),
    ("How did the 2023 guideline change the way your clinic screens for hepatitis B?", True, True),
    ("How has that patient changed the way you talk about side effects?", True, True),
    ("What do you do differently for patients on dialysis?", True, True),
])
def test_view_check_cues_separate_this_conversation_from_other_changes(text: str, anchor: bool, elsewhere: bool) -> None:
    from coach.acts.cues import CHANGE_ELSEWHERE, VIEW_ANCHOR

    assert bool(VIEW_ANCHOR.search(text)) is anchor
    assert bool(CHANGE_ELSEWHERE.search(text)) is elsewhere


@pytest.mark.parametrize(("text", "invites"), [
    ("Is there anything else that makes you stop the statin, say when something new gets prescribed?", True),
    ("Anything in the other direction, atorvastatin affecting drugs the patient is already on?", True),
    ("Fine. And are there any other drugs you worry about?", True),
    ("Do you recommend anything instead?", False),
    ("Has anything changed?", False),
    # an example tacked on after the invitation does not undo it; a new question does
    ("Is there anything else you screen for before a biologic? Hepatitis B, say?", True),
    ("Is there anything else you screen for? Do you use a checklist?", False),
    # a long scene-setting lead, and "are there other…" without "any"
    ("Good. Now, with so many diabetics on your list, Doctor, is there anything else that trips you up on dosing?", True),
    ("Outside those, are there other combinations on the wards that make you reach for the hold?", True),
    ("Other than that, do you use it in the elderly?", False),
    ("And what about other medicines, antibiotics and all? Anything there where you're not sure what to do?", True),
    ("Do you see other patients like her?", False),
])
def test_an_anything_else_question_is_an_invitation(text: str, invites: bool) -> None:
    from coach.acts.cues import VIEW_CHECK, any_invitation

    assert any_invitation(text) is invites
    assert not VIEW_CHECK.search("So what else makes your patients different from the people in those studies?")


@pytest.mark.parametrize("text", [
    "Where do you land on aspirin for primary prevention these days?",
    "Before we get into any data, how do you feel about early combination therapy?",
])
def test_a_first_opinion_question_is_marked_as_such(text: str) -> None:
    from coach.acts.cues import CUE_NAMES, cue_features

    assert cue_features(text, "")[CUE_NAMES.index("first_view")] == 1.0


def test_a_list_said_to_be_complete_and_an_or_anything_else_question() -> None:
    from coach.acts.claims import core, expand_shorthand
    from coach.acts.cues import any_invitation

    assert core("The indications in section 1 are RA and plaque psoriasis - nothing neurological.") == \
        "The indications in section 1 are RA and plaque psoriasis"
    assert core("Do not use under 4, no exceptions.") == "Do not use under 4, no exceptions."
    assert expand_shorthand("Screen for TB; as in RA.") == \
        "Screen for TB (tuberculosis); as in RA (rheumatoid arthritis)."
    assert any_invitation("Two liver calls - was that what ended eighty, or did anything else make them stop?")
    assert not any_invitation("Was that what ended eighty for those patients?")


@pytest.mark.parametrize(("text", "evidence", "checked"), [
    # a pointer to where something is, and a recap of what was covered, state nothing new
    ("That one's in the dosing section too, 2.6, with the detail in 7.1.", True, False),
    ("So, pulling it together: not an MS treatment, and a labelled caution in demyelinating disease.", True, False),
    ("So, to pull it together: not an MS treatment, and an infection risk to weigh.", True, False),
    ("For your inhibitor list, section 2.6 sets it out by drug.", True, False),
    # a suggestion after a condition claims nothing; an absolute after one still does
    ("And for patients who struggle with a daily tablet, you could always give it every other day instead.", True, False),
    ("For patients over 75, Lipitor is always safe.", True, True),
    # a product said to help patients is a claim of benefit in any turn; an offer to help is not
    ("TNF drives a lot of the inflammation in MS, so HUMIRA could well help your patients.", False, True),
    ("It might help to look at the table together.", False, False),
    ("To sum up, the cap is 20 mg with clarithromycin.", True, True),  # …unless it carries a figure
    # a flat denial of harm is an absolute claim wherever it is said
    ("It's biologically plausible, and HUMIRA doesn't cause neurological problems.", False, True),
    # pharmacology words are clinical content in a turn that presents evidence
    ("Section 2.5 says renal disease does not affect plasma concentrations.", True, True),
    # that the label has something to say, or where it is, is not what it says
    ("Then there's safety information in the label you should have.", True, False),
    ("Then here's the table, from section 2.6 and Table 1 in 5.1.", True, False),
    ("Here's the table from section 2.6 showing that atorvastatin should be avoided with cyclosporine.", True, True),
    # why the MSL is about to do something, said before the "I"
    ("Since many of the GPs here have been asking me, I thought I'd just run through the dosing basics.", True, False),
    ("Since it is cleared by the liver, no dose change is needed in renal disease.", True, True),
    # a request for the HCP's account said as a statement asks, it does not claim
    ("Fair. Tell me what you've actually seen when patients go up to 80.", True, False),
    ("Tell me about the TNT data, it cut events by 22%.", True, True),
    # the label's instructions said to the HCP are label content; talk about the call is not
    ("You keep monitoring for TB during treatment, even if the test before starting was negative.", True, True),
    ("You've been very generous with your time before clinic.", True, False),
    # …and a reason said without a comma before what the MSL will do next
    ("Since you're a regular user I'll go straight to the dosing section.", True, False),
    ("Since it is cleared by the liver I would not change the dose in renal disease.", True, True),
    # the label compared with a practice is about the source; compared with a drug it is a claim
    ("That's where the label is more granular than a blanket hold.", True, False),
    ("The label is more reassuring than the one for simvastatin.", True, True),
    # a short restriction on a named drug is checked; a short courtesy is not
    ("Section 7.4: avoid atorvastatin with gemfibrozil.", True, True),
    ("Avoid the rush hour.", True, False),
    # a pointer through several sections, and a suggestion after a lead of any kind
    ("Here's how section 2.6 and Table 1 in 5.1 lay it out.", True, False),
    ("While they're on the table, you could also give them 80 before the cath.", True, False),
    # a testimonial makes what follows a claim to check
    ("But honestly, parents love the night-time formula: it calms the cough.", False, True),
])
def test_which_statements_are_checked_as_claims(text: str, evidence: bool, checked: bool) -> None:
    from coach.acts.claims import factual_statements

    assert bool(factual_statements(text, evidence)) is checked


def test_a_section_a_finding_is_written_up_in_is_a_citation() -> None:
    from coach.acts.cues import CITATION

    assert CITATION.search("That's exactly the group TNT randomised; it's written up in 14.1.")
    assert not CITATION.search("It was reported in 2019 by a colleague.")


def test_a_bare_answer_gives_nothing_to_follow_up_unless_the_question_is_about_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    new_topic, quoted = an.classify(
        ["Do you see many patients with diabetes in the clinic?",
         "Now and then. What tends to prompt a recheck when you do one?"], ["Yes.", "Now and then."])
    assert not new_topic.follow_up
    assert quoted.follow_up
    from coach.acts.analyzer import BACK_REFERENCE
    assert BACK_REFERENCE.search("Is that mainly because of side effects?")


@pytest.mark.parametrize(("text", "shift"), [
    ("Different topic: do your MS patients usually stay on their disease-modifying therapy?", True),
    ("Okay, changing tack. How do you choose the dose?", True),
    ("That was a different picture from what I expected. Why?", False),
])
def test_a_question_the_msl_calls_a_new_topic_is_not_a_follow_up(text: str, shift: bool) -> None:
    from coach.acts.analyzer import TOPIC_SHIFT

    assert bool(TOPIC_SHIFT.search(text)) is shift


@pytest.mark.parametrize(("text", "arms"), [
    ("Injection site reactions occurred in 14% of Humira patients versus 20% of placebo patients.",
     {"drug": "14%", "placebo": "20%"}),
    ("7% of patients taking HUMIRA and 4% of placebo-treated patients discontinued.", {"drug": "7%", "placebo": "4%"}),
    ("Humira 14% vs placebo 20%", {"drug": "14%", "placebo": "20%"}),
    ("Myalgia 2.7% on 80 mg against 3.1% on placebo", {"placebo": "3.1%"}),
    # a rate per 100 patient-years, its interval left out, and the bare figure it is compared with
    ("a rate of 0.6 (0.38, 0.91) per 100 patient-years among HUMIRA-treated patients versus 0.4 in controls",
     {"drug": "0.6 per 100 patient-years"}),
    ("Serious infections ran 3.1 per 100 patient-years on Humira versus 4.6 on control.",
     {"drug": "3.1 per 100 patient-years", "placebo": "4.6 per 100 patient-years"}),
])
def test_each_rate_is_read_with_its_arm(text: str, arms: dict[str, str]) -> None:
    from coach.acts.claims import _arm_rates

    assert _arm_rates(text) == arms


def test_a_restriction_said_of_a_panel_is_a_statement_to_check() -> None:
    from coach.acts.claims import core, factual_statements

    said = "The 'Do not use' box also rules out any other product containing diphenhydramine, even one on the skin."
    assert factual_statements(said, evidence=True) == [said]
    assert core("And on doubling up, the Directions panel says to use the enclosed dosing cup only.") == \
        "To use the enclosed dosing cup only."


@pytest.mark.parametrize(("text", "figures"), [
    ("pediatric patients 4 to 17 years of age", {"year": {"4", "17"}}),
    ("you can start from age 2", {"year": {"2"}}),
    ("0.6 (0.38, 0.91) per 100 patient-years", {"per 100 patient-years": {"0.6"}}),
    ("a median of approximately 0.6 years", {"year": {"0.6"}}),
    ("10-20 mg once daily", {"mg": {"10", "20"}}),
    ("up to 40 milligrams, at most 6 doses in 24 hours", {"mg": {"40"}, "dose": {"6"}, "hour": {"24"}}),
])
def test_figures_are_read_with_their_units(text: str, figures: dict[str, set[str]]) -> None:
    from coach.acts.claims import unit_figures

    assert unit_figures(text) == figures


def test_a_view_check_needs_a_word_of_change_time_or_the_talk(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.cues import MOVEMENT

    assert not MOVEMENT.search("So which ones are you dealing with? Walk me through a typical week of alerts.")
    assert not MOVEMENT.search("Can I ask about a different group?")  # another subject, not a view that moved
    assert MOVEMENT.search("Would you do anything differently now?")
    checks = labels_services.act_analyzer.classify(
        ["So which ones are you dealing with? Walk me through a typical week of alerts.",
         "Has the TNT result changed how you think about 80 mg for these patients?"],
        ["Honestly, the alerts drive me mad.", "Go on then."])
    assert [a.checks_view_change for a in checks] == [False, True]


def test_a_question_about_what_stands_in_the_way_is_not_a_view_check(labels_services) -> None:  # type: ignore[no-untyped-def]
    turns = labels_services.act_analyzer.classify(
        ["Going back to what you said when I walked in, what else worries you about these products?",
         "You leave them on 10, okay. What makes you hold back from going higher when their LDL is still up?",
         "Different question. What's the downside you see at 80?",
         "Even with that protocol in place, which of your patients would you still worry about most, and why?",
         # a barrier asked about now, or a change named, is still a check
         "You said you'd been telling patients it's worse than that. What would you tell the next worried patient now?",
         "Why has that shifted where you stand on 80 mg?"],
        ["I'm wary of both products.", "I leave them on 10.", "Fine.", "I can work with a protocol.",
         "I'd been telling patients it's far worse than that.", "That's more than I expected."])
    assert [t.checks_view_change for t in turns] == [False, False, False, False, True, True]
    assert "stands in the way" in turns[0].reasons["checks_view_change"]


def test_a_question_for_anything_more_builds_on_the_answer_only_when_it_picks_it_up(labels_services) -> None:  # type: ignore[no-untyped-def]
    turns = labels_services.act_analyzer.classify(
        ["Anything else stopping you going higher?",
         "What else goes into the decision for a patient over 75?",
         "Itraconazole on haematology, got it. Separately, do you see much gout on the wards?",
         "Two last year. Anything else about those two that stood out?",
         "Liver enzyme calls, okay. What else comes up with the liver tests at 80?"],
        ["Fewer events, and they were already at target. Not mortality, though. Noted.",
         "So it's occasional, age is a known risk factor, and there's a clear plan to monitor and stop.",
         "Clarithromycin for pneumonia, itraconazole on haematology, cyclosporine in transplant.",
         "Eighty means liver enzyme calls. Had two last year.",
         "Eighty means liver enzyme calls. Had two last year."])
    assert [t.follow_up for t in turns] == [False, False, False, True, True]


def test_a_closed_question_on_a_topic_of_its_own_is_marked_as_building_on_nothing_said(labels_services) -> None:  # type: ignore[no-untyped-def]
    turns = labels_services.act_analyzer.classify(
        ["Do you see much warfarin on the cardiology ward?",
         "Do most of your referrals come in already on a statin?",
         "Were both of those on 80?",
         "Was she on anything else at the time?"],
        ["Gemfibrozil out, other fibrates and colchicine with caution, a lower dose with niacin.",
         "So it's occasional, age is a known risk factor, and there's a clear plan to monitor and stop.",
         "Eighty means liver enzyme calls. Had two last year.",
         "One of my patients had optic neuritis six weeks after starting it."])
    assert [t.question_type for t in turns] == ["closed"] * 4
    assert [t.new_topic for t in turns] == [True, True, False, False]


def test_data_then_a_question_about_now_is_a_cue_of_its_own() -> None:
    from coach.acts.cues import CUE_NAMES, cue_features

    i = CUE_NAMES.index("data_then_now")
    assert cue_features("Section 5.1 puts it at 0.5%. Is it still top of your list?", "")[i] == 1.0
    assert cue_features("Is it still top of your list?", "")[i] == 0.0
    assert cue_features("Section 5.1 puts it at 0.5%. What else worries you?", "")[i] == 0.0


def test_named_data_asked_to_have_changed_things_is_a_view_check_even_on_a_first_turn(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.cues import PLAIN_VIEW_CHECK, VIEW_CHECK

    assert VIEW_CHECK.search("Then I'd be curious whether that shifts where deucravacitinib sits for you")
    follow_up_call = ("hi dr patel, following up from tues - did the MANDALA data on albuterol-budesonide change "
                      "anything in how ur handling the rescue inhaler conversation w patients?")
    assert PLAIN_VIEW_CHECK.search(follow_up_call)
    assert not PLAIN_VIEW_CHECK.search("Did the data change in the 2023 update of the guideline?")
    first, practice = labels_services.act_analyzer.classify(
        [follow_up_call, "Did the trial enrol many patients like yours?"], ["", "I mostly see older patients."])
    assert first.checks_view_change and not practice.checks_view_change


def test_asking_what_moved_the_hcp_is_a_view_check_and_an_offer_is_not(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.analyzer import _asks_what_moved
    from coach.acts.cues import OFFER

    moved = "Before today I'd have said a 3 out of 10 for the over-80s; I'm at a 6 now."
    assert _asks_what_moved("What got you from the 3 to the 6?", moved)
    assert not _asks_what_moved("What got you from the 3 to the 6?", "I mostly see over-80s.")  # nothing moved
    assert not _asks_what_moved("What changed it for you back then?", "I've come round to it over the years.")
    assert OFFER.search("Would you be open to me coming back in June with the registry data?")
    assert not OFFER.search("Would you be open to using it in the over-80s now?")
    turns = labels_services.act_analyzer.classify(
        ["What got you from the 3 to the 6?", "Would you be open to me coming back in June with the registry data?",
         "Would you consider a lower starting dose for her?", "Does that capture how your thinking has moved today?"],
        [moved, "Fine.", "She's 84 and frail.", "I'll try the slower titration."])
    assert [t.checks_view_change for t in turns] == [True, False, False, True]


def test_a_question_with_figures_in_it_presents_no_data_and_a_named_piece_of_the_label_can_move_a_view(
        labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.analyzer import _no_data

    probe = ("When a patient in her late eighties arrives with a risk score that would earn a statin at fifty, what runs "
             "through your head?")
    assert _no_data(probe)
    assert not _no_data("Section 8.5 puts 7% of patients at 75 or older. What runs through your head?")
    assert not _no_data("In TNT the higher dose cut events further. Does that surprise you?")  # a trial named
    # …but not a name inside the question itself
    assert _no_data("I'd like to understand your experience. Could you tell me about a patient on a TNF blocker who "
                    "did badly?")
    asked, checked, weighing = labels_services.act_analyzer.classify(
        [probe, "Has the 2.6 piece changed how you'll dose with clarithromycin?",
         "You're not convinced the trials cover your patients. When you weigh that for a 90-year-old, what else "
         "comes into it?"], ["", "Twenty with clarithromycin. Got it.", "The trials never had people like mine."])
    assert asked.question_type == "open" and not asked.evidence
    assert checked.checks_view_change
    assert not weighing.checks_view_change  # "convinced" in the statement, not in what is asked


def test_a_disclaimer_claims_nothing_and_promotes_nothing(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements

    disclaimed = "Fair enough, and I won't pretend it's risk-free. Section 5.1 covers the serious infections."
    assert factual_statements(disclaimed, True) == []
    assert factual_statements("The label doesn't pretend they're low risk. It names patients over 65 as possibly at "
                              "greater risk of infection.", True) == [
        "It names patients over 65 as possibly at greater risk of infection."]
    assert factual_statements("Honestly, it's risk-free in the elderly.", True)
    turn = labels_services.act_analyzer.analyze(disclaimed, "I'm not keen.", ["humira-label"])
    assert not turn.promotional, turn.reasons


def test_saying_a_short_answer_back_builds_on_it(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.analyzer import _echoes_answer

    assert _echoes_answer("A couple. What's happened with them?", "A couple of them.")
    assert not _echoes_answer("Right. Do you use a risk calculator?", "Right, maybe.")  # a filler says nothing back
    assert not _echoes_answer("What's happened with them?", "A couple of them.")
    echoed, = labels_services.act_analyzer.classify(["A couple. What's happened with them?"], ["A couple of them."])
    assert echoed.follow_up


@pytest.mark.parametrize(("text", "kind"), [
    ("Outside the CYP3A4 group, when you think about muscle risk on the wards, where does your mind go?", "open"),
    ("So four drug groups, each with its own rule - beyond those, which other combinations have given you muscle "
     "problems on the wards?", "open"),
    ("Which dose do you start at, 10 or 20?", "closed"),
    # "which … would you worry about most", however far the worry is from "which"
    ("When you picture running that protocol in your own clinic, which of your patients would you worry about most?",
     "open"),
    ("Beyond the anti-infectives, which combinations give you the most muscle trouble?", "open"),
    ("Outside the antibiotics, where have the muscle problems come from in your patients?", "open"),
    # a lead ended by a colon or a dash, and "MS." is no title that runs the sentences together
    ("Those two patients in their eighties who stopped walking: what else were they taking at the time?", "open"),
    ("You said you can't tell whether it was the drug or her MS. What else was she taking for the MS at the time?",
     "open"),
    ("Quick one: your stented patients — what makes you settle on 10 or 20 mg for them?", "open"),
    # "how do you handle…" asks how, whatever the "or" joins; a choice offered after a comma is still a choice
    ("And going the other way, how do you handle patients already on warfarin or digoxin when atorvastatin starts?",
     "open"),
    ("How do you feel about it now, better or worse?", "closed"),
    # an open request after the last question is what the HCP answers
    ("Why 10 or 20 for the post-stent patients? Walk me through how you pick the dose.", "open"),
    # "what else" asks for anything more, whatever the "or" joins; a hint after the question does not answer it
    ("Beyond cancer, what else do you or they need answered before you'd start? I'm thinking about what you check "
     "before any biologic.", "open"),
    ("Can you tell me about your experience with statins in patients over 75?", "open"),
    ("Glad to hear it. Even so, I'd love to know how you actually go about dosing it day to day.", "open"),
    ("Can you tell me if it was 10 mg?", "closed"),
    # asking for the reasons behind two doses asks why; the doses offered after a comma are a choice
    ("What's your thinking behind 10 or 20 for the post-PCI patients?", "open"),
    ("What's your thinking on the dose, 10 or 20?", "closed"),
    # an "or" in the lead-in offers no choice
    ("And when one of those patients gets an antibiotic or some other new prescription, what do you do with the "
     "statin?", "open"),
    ("Can I ask something different - where do your patients' ideas about HUMIRA tend to come from?", "open"),
    # a guessed answer after a comma only asks to be confirmed; a qualifier after one does not
    ("Two last year - what were their enzymes doing, over three times normal?", "closed"),
    ("What did you see in the older ones, more than 10%?", "closed"),
    ("What happened to her, say, after six weeks?", "open"),
    ("How do you decide, for the over-75s?", "open"),
])
def test_a_question_that_asks_the_hcp_to_name_what_they_have_seen_is_open(text: str, kind: str) -> None:
    from coach.acts.analyzer import _rule_question_type

    assert (_rule_question_type(text) == "open") is (kind == "open")


def test_a_figure_said_as_an_approximation_is_held_to_the_nearby_figure() -> None:
    from coach.acts.claims import _figure_flags

    backing = "Patients were followed for a median of 4.9 years."
    assert _figure_flags("followed for a median of just under 5 years", backing, "", [], "", []) == []
    assert _figure_flags("followed for a median of just under 7 years", backing, "", [], "", [])
    assert _figure_flags("followed for a median of 5 years", backing, "", [], "", [])  # said as exact, it is not


def test_a_figure_is_known_by_its_words_whatever_hedges_it() -> None:
    from coach.acts.claims import _figure_holders

    source = ["In 47 trials the observed rate of lymphomas was approximately 0.11 per 100 patient-years.",
              "The rate of reported active TB was 0.07 per 100 patient-years."]
    assert _figure_holders("Across the trials the rate was about 0.11 per 100 patient-years", source) == source[:1]


def test_framing_imagining_and_closing_a_list_are_not_claims() -> None:
    from coach.acts.claims import factual_statements

    for text in ("I wanted to take you through how the atorvastatin label handles interactions - section 2.6 and "
                 "Table 1 in 5.1.",
                 "Then section 2.6 should help, because it sorts everything by named drug, and Table 1 in 5.1 mirrors it.",
                 "Picture the next fit 78-year-old with high cardiovascular risk who comes through your clinic.",
                 "There's no neurological indication among them."):
        assert factual_statements(text, evidence=True) == [], text
    # …and after a list of indications, "There is no neurological indication." closes it; alone it is a claim
    listed = ("Section 1 lists rheumatoid arthritis, psoriatic arthritis, Crohn's disease and plaque psoriasis. There is "
              "no neurological indication.")
    assert factual_statements(listed, evidence=True) == [listed.split(". ")[0] + "."]
    assert factual_statements("There is no neurological indication.", evidence=True)
    # an imagined patient does not hide a rate, and a disclaimer does not hide the claim after its "but"
    assert factual_statements("Picture a patient on 80 mg: 2.3% of them had raised enzymes in the trials.", True)
    assert factual_statements("It's not in the label as such, but I've heard from a couple of centres that their MS "
                              "patients on HUMIRA had fewer relapses.", evidence=False)


def test_a_label_defines_its_abbreviations_and_a_list_is_cut_where_its_facts_part() -> None:
    from coach.acts.claims import _pieces, abbreviations

    assert abbreviations("any of the following major cardiovascular events (MCVE): death due to CHD; the "
                         "Collaborative Atorvastatin Diabetes Study (CARDS)") == {
        "MCVE": "major cardiovascular events", "CARDS": "Collaborative Atorvastatin Diabetes Study"}
    # what a "shouldn't be given" or a bare "and not" rules out stays with it; a semicolon starts a fact of its own
    assert _pieces("10 mL every 4 hours, no more than 8 doses in 24 hours, and not with any other diphenhydramine "
                   "product, even one used on skin") == [
        "10 mL every 4 hours", "no more than 8 doses in 24 hours",
        "and not with any other diphenhydramine product even one used on skin"]
    assert _pieces("no more than 4 doses in 24 hours; and under 'Do not use' it says not to use it with any other "
                   "product containing diphenhydramine")[-1].startswith("and under 'Do not use'")


def test_a_sentence_that_gives_every_figure_a_stretch_pairs_holds_them() -> None:
    from coach.acts.claims import _pair_holders

    source = ["In the database, 9.7% of patients on LIPITOR and 9.5% of the patients on placebo discontinued due to "
              "adverse reactions.", "Diabetes was reported as an adverse reaction in 6.1% versus 3.8% on placebo."]
    claim = "9.7% on atorvastatin stopped for an adverse reaction against 9.5% on placebo, and myalgia was rare"
    assert _pair_holders(claim, source) == source[:1]
    assert _pair_holders(claim.replace("9.5%", "9.1%"), source) == []


def test_a_label_section_named_by_its_title_is_a_citation_of_that_section(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.cues import titled_sections

    assert titled_sections("The PI's indications section lists seven.") == ["1"]
    assert titled_sections("In the warnings and precautions section it says so.") == ["5"]
    assert titled_sections("the label's dosage and administration section") == ["2"]
    assert titled_sections("the section on warnings, roughly") == []
    titled, bare = labels_services.act_analyzer.classify(
        ["The PI's indications section lists rheumatoid arthritis and plaque psoriasis.",
         "It's approved for rheumatoid arthritis and plaque psoriasis."], ["", ""])
    assert titled.citation and titled.cited_sections == ["1"]
    assert not bare.citation and not bare.cited_sections


def test_no_indication_after_the_list_a_corrected_figure_and_the_form_of_a_list_claim_nothing_more() -> None:
    from coach.acts.claims import core, factual_statements

    listed = ("Section 1 of the label lists the indications: rheumatoid arthritis, psoriatic arthritis, ankylosing "
              "spondylitis, Crohn's disease and plaque psoriasis. No neurological indication is listed.")
    assert factual_statements(listed, True) == [listed.split(". ")[0] + "."]
    assert factual_statements("It is used in many settings. No neurological indication is listed.", True) == \
        ["No neurological indication is listed."]  # with no list before it, it is a claim to check
    assert core("7.8 says approximately 20%, not 30%, and to monitor digoxin.") == \
        "Approximately 20%, and to monitor digoxin."
    assert core("Approximately 20% and not always, per 7.8.").startswith("Approximately 20% and not always")
    # what form the facts come in is no fact of the label's
    assert factual_statements("Atorvastatin shouldn't go above 20 mg with clarithromycin, so it's a short named list "
                              "with dose limits.", True) == ["Atorvastatin shouldn't go above 20 mg with clarithromycin"]
    assert factual_statements("Atorvastatin shouldn't go above 20 mg with clarithromycin, so it's safe in most "
                              "patients.", True) == ["Atorvastatin shouldn't go above 20 mg with clarithromycin, so "
                                                     "it's safe in most patients."]


def test_a_figure_is_held_to_the_table_row_of_the_drug_it_is_said_of(labels_services) -> None:  # type: ignore[no-untyped-def]
    claims = labels_services.act_analyzer.claims
    assert claims.check("Digoxin concentrations rose by approximately 20%.", ["lipitor-label"]).supported
    wrong = claims.check("Digoxin concentrations rose by approximately 30%.", ["lipitor-label"])
    assert not wrong.supported and any("not 30" in f for f in wrong.flags)  # 30% is another row's (rifampin, food)
    # what the label is said to call something is what it says
    assert claims.check("Advanced age is a recognised predisposing factor for myopathy.", ["lipitor-label"]).supported
    assert not claims.check("Myopathy is described as common.", ["lipitor-label"]).supported


def test_a_comparison_through_a_hyphenated_measure_is_a_comparative() -> None:
    from coach.acts.claims import risky_words

    assert risky_words("HUMIRA has a lower serious-infection rate than the other TNF blockers.")["comparative"]
    assert not risky_words("Serious-infection rates were higher in patients over 65.")["comparative"]


def test_a_rate_said_in_a_thousand_and_a_range_said_with_one_percent_are_percentages(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import numbers

    assert numbers("two in a thousand at ten milligrams") == {"0.2%", "10"}
    assert numbers("from 10.9 to 8.7 percent") == {"10.9%", "8.7%"}
    assert numbers("from 10 to 20 mg") == {"10", "20"}
    assert numbers("8.7% on 80 versus 10.9% on 10") == {"8.7%", "80", "10.9%", "10"}  # a dose between two rates
    claims = labels_services.act_analyzer.claims
    said = "Persistent transaminase rises above three times the upper limit of normal were seen in {} at ten milligrams."
    assert claims.check(said.format("two in a thousand"), ["lipitor-label"]).supported
    assert not claims.check(said.format("five in a thousand"), ["lipitor-label"]).supported


def test_a_section_number_leading_a_claim_and_an_instruction_in_the_source_are_read_as_such(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import named_sections

    claims = labels_services.act_analyzer.claims
    assert claims.check("7.5: with other fibrates, use caution.", ["lipitor-label"]).supported
    assert claims.check("And 7.11: myopathy including rhabdomyolysis has been reported with colchicine, so caution "
                        "when prescribing the two together.", ["lipitor-label"]).supported
    assert not claims.check("7.4: gemfibrozil is fine at any dose.", ["lipitor-label"]).supported
    # the patient information's "Do not change your dose…" instructs; it does not deny that the dose is changed
    assert claims.check("After starting or changing the dose, check lipids within 2 to 4 weeks.", ["lipitor-label"]).supported
    assert named_sections("Then 2.1 is the part that matters for you: 10 or 20 mg to start.") == ["2.1"]
    assert named_sections("It comes as 2.5 mg tablets.") == []


@pytest.mark.parametrize(("text", "superlative"), [
    ("It's the gentlest cold syrup on the shelf for that age group.", True),
    ("It's the cleanest option in its class.", True),
    ("The highest dose available is 80 mg.", False),
    ("The latest data available are from 2009.", False),
])
def test_a_quality_ranked_against_the_market_is_a_superlative(text: str, superlative: bool) -> None:
    from coach.acts.claims import risky_words

    assert bool(risky_words(text)["superlative"]) is superlative


def test_an_advantage_over_a_competitor_is_a_comparative_and_a_testimonial_promotes(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import risky_words

    assert risky_words("That's a real advantage over rosuvastatin in kidney disease.")["comparative"]
    from coach.acts.cues import TESTIMONIAL

    assert TESTIMONIAL.search("But honestly, parents love the night-time formula.")
    assert not TESTIMONIAL.search("Patients like yours were in the trials.")
    an = labels_services.act_analyzer
    loved, = an.classify(["Section 2.1 says start at 10 or 20 mg. And patients love that it's one tablet a day."], [""])
    assert loved.promotional
    quoted, = an.classify(["When you say 'patients love it', what do they tell you?"], ["Patients love it."])
    assert not quoted.promotional


def test_a_use_suggested_for_a_purpose_the_label_does_not_give_is_off_label_but_no_claim(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    pitched = an.analyze("While they're on the table, you could also give them 80 before the cath for contrast "
                         "nephropathy.", "Fewer events. Noted.", ["lipitor-label"])
    assert pitched.off_label and not pitched.claims, pitched.reasons
    timed = an.analyze("You could give it for two weeks and recheck.", "Okay.", ["lipitor-label"])
    assert not timed.off_label
    # a request for the HCP's account after a lead promotes nothing, whatever condition it names
    asked = an.analyze("Going back to your two patients: tell me about what they're on for their MS right now.",
                       "Psoriasis yes, MS no.", ["humira-label"], off_label_topics=["treating MS"])
    assert not asked.off_label, asked.reasons


def test_a_callback_to_earlier_in_the_call_or_a_turn_to_a_subject_of_ones_own_is_not_a_follow_up(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    context = "So it's occasional, age is a known risk factor, and there's a clear plan to monitor and stop."
    callback, taken_up = an.classify(
        ["You mentioned earlier that those two were in their eighties. Beyond the muscle side, what else goes into how "
         "you decide for someone over 75?",
         "You mentioned earlier that those two were in their eighties. Does a clear plan to monitor change that?"],
        [context, context])
    assert not callback.follow_up
    assert taken_up.follow_up
    own, = an.classify(["Exactly. Now, with so many diabetics on your list, tell me how you handle the dose when their "
                        "kidney function is down."],
                       ["Ten or twenty to start, and recheck in two to four weeks. That's simple enough."])
    assert not own.follow_up


def test_typed_claims_keep_their_sections_round_counts_and_spelling(labels_services) -> None:  # type: ignore[no-untyped-def]
    from coach.acts.claims import factual_statements, numbers, risky_words
    from coach.ask.sentences import content_words

    assert numbers("fyi TNT is in the label, 14.1 - 10,000 patients with CHD") == {"10000"}  # a section, then a count
    assert numbers("rates of 0.6 - 1.2 per 100") == {"0.6", "1.2", "100"}  # a range stays a range
    claims = labels_services.act_analyzer.claims
    assert claims.check("TNT in the label, 14.1 - 10,000 patients with CHD, randomised to 80 or 10 mg.",
                        ["lipitor-label"]).supported  # 10,001 said round
    assert not claims.check("TNT in the label, 14.1 - 20,000 patients with CHD.", ["lipitor-label"]).supported
    assert content_words("randomised paediatric tumours") == content_words("randomized pediatric tumors")
    # the HCP's point granted in their words, their own figure said back, a recap and a pointer claim nothing
    assert factual_statements("yeah the kitchen spoon thing is so common.", True, "Kitchen spoons, mostly.") == []
    assert factual_statements("yeah the label says no more than 6 doses in 24 hours.", True, "Kitchen spoons, mostly.")
    assert factual_statements("6 weeks is a tight window, really hard to untangle.", True,
                              "She had optic neuritis six weeks later.") == []
    assert factual_statements("ok so recap for your letter: not an MS treatment, 5.5 caution in demyelinating "
                              "disease.", True) == []
    assert factual_statements("table 1 in 5.1 has the full list by drug so you can check it against the medication "
                              "list", True) == []
    # a suggestion that gives a dose is checked
    assert factual_statements("with clarithromycin you can keep atorvastatin going up to 40 mg max per 2.6", True)
    assert risky_words("its drug interaction list is shorter than most statins")["comparative"]
    assert risky_words("so it's the easiest one to code for")["superlative"]


def test_a_turn_that_only_hands_something_over_promotes_nothing(labels_services) -> None:  # type: ignore[no-untyped-def]
    an = labels_services.act_analyzer
    left = an.analyze("gr8, ill leave the 2.1 dosing card w ur MA", "Yes. I'm confident.", ["lipitor-label"])
    assert not left.promotional
    pitched = an.analyze("Honestly, you could even keep it running in your septic patients on ICU rather than "
                         "holding it.", "We hold it.", ["lipitor-label"])
    assert pitched.promotional or pitched.off_label
