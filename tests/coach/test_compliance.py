"""Off-label checks: a use the label does not list is flagged; safety and dosing in a population is not."""

from __future__ import annotations

import pytest

from coach.ask.compliance import asked_targets, check_off_label, commercial_request

HUMIRA = """Rheumatoid Arthritis
HUMIRA is indicated for reducing signs and symptoms in adult patients with moderately to severely active
rheumatoid arthritis.
Juvenile Idiopathic Arthritis
HUMIRA is indicated for reducing signs and symptoms of moderately to severely active polyarticular juvenile
idiopathic arthritis in pediatric patients 4 years of age and older.
Crohn’s Disease
HUMIRA is indicated for inducing and maintaining clinical remission in adult patients with moderately to
severely active Crohn’s disease.
Plaque Psoriasis
HUMIRA is indicated for the treatment of adult patients with moderate to severe chronic plaque psoriasis."""

LIPITOR = """Prevention of Cardiovascular Disease
In adult patients with multiple risk factors for coronary heart disease, LIPITOR is indicated to reduce the
risk of myocardial infarction and stroke in individuals at increased risk for atherosclerotic vascular disease.
Hyperlipidemia
As an adjunct to diet to reduce elevated total-C and LDL-C in patients with primary hypercholesterolemia,
and in boys and postmenarchal girls, 10 to 17 years of age, with heterozygous familial hypercholesterolemia."""

LABELS = {"Humira": (HUMIRA, ["Humira", "adalimumab"]), "Lipitor": (LIPITOR, ["Lipitor", "atorvastatin"])}


def flag(product: str, question: str) -> bool:
    text, names = LABELS[product]
    return check_off_label(question, product, text, names).off_label


@pytest.mark.parametrize(("product", "question"), [
    ("Humira", "Can Humira be used to treat multiple sclerosis?"),
    ("Humira", "What dose of Humira should be used for hidradenitis suppurativa?"),
    ("Humira", "What is the dose of Humira in hidradenitis suppurativa?"),
    ("Humira", "Is Humira effective in uveitis?"),
    ("Lipitor", "Could Lipitor help patients with multiple sclerosis?"),  # 'sclero' of 'atherosclerotic' is no match
    ("Lipitor", "Is Lipitor effective for dementia prevention?"),
    ("Lipitor", "Can Lipitor help with weight loss?"),
    ("Lipitor", "Can Lipitor be used for osteoporosis in postmenopausal women?"),
])
def test_a_use_the_label_does_not_list_is_flagged(product: str, question: str) -> None:
    assert flag(product, question)


@pytest.mark.parametrize(("product", "question"), [
    ("Lipitor", "Do I need to adjust the Lipitor dose for a patient with renal impairment?"),
    ("Lipitor", "Can Lipitor be used in a woman who is pregnant?"),
    ("Lipitor", "Are there special considerations for Lipitor in elderly patients?"),
    ("Lipitor", "What is the maximum Lipitor dose for a patient who is also taking clarithromycin?"),
    ("Lipitor", "Should the Lipitor dose be reduced in patients with hepatic impairment?"),
    ("Humira", "Can Humira be used in a nursing mother?"),
    ("Humira", "Should Humira be used in a patient with congestive heart failure?"),
    ("Humira", "Do patients need to be screened for tuberculosis before starting Humira?"),
    ("Humira", "What is known about lymphoma in children treated with TNF blockers such as Humira?"),
    ("Humira", "Can Humira be used with another product that contains methotrexate?"),
])
def test_safety_dosing_and_monitoring_in_a_population_is_not_flagged(product: str, question: str) -> None:
    assert not flag(product, question)


@pytest.mark.parametrize(("product", "question"), [
    ("Humira", "What is the recommended Humira dose for adults with rheumatoid arthritis?"),
    ("Humira", "What is the Humira induction regimen in Crohn's disease?"),  # curly apostrophe in the label
    ("Humira", "How is the Humira dose chosen for a child with juvenile idiopathic arthritis?"),
    # 'hyperlipidemia' is named by the subsection title only, which the indications text carries
    ("Lipitor", "What is the recommended starting dose of Lipitor for a patient with primary hyperlipidemia?"),
])
def test_a_listed_indication_is_not_flagged(product: str, question: str) -> None:
    assert not flag(product, question)


def test_an_age_group_counts_for_a_use_but_not_for_a_dose() -> None:
    text = "temporarily relieves • sneezing • runny nose\n• cough due to minor throat irritation"
    names = ["Triaminic"]
    assert check_off_label("Can Triaminic be used for asthma in children?", "Triaminic", text, names).off_label
    dosing = check_off_label("What is the Triaminic dose for children 6 to under 12 years old?", "Triaminic", text,
                             names)
    assert not dosing.off_label
    assert asked_targets("What is the Triaminic dose for children 6 to under 12 years old?", names) == []
    assert asked_targets("Can Triaminic be used for asthma in children?", names) == ["asthma children"]


def test_the_service_reads_indication_titles_and_flags_on_the_real_label(labels_services) -> None:  # type: ignore[no-untyped-def]
    svc = labels_services.ask_service()
    text, _names = svc.indications("Lipitor")
    assert "Hyperlipidemia" in text.splitlines()  # the 1.2 subsection title, not only its text
    assert not svc.off_label("Do I need to adjust the Lipitor dose for a patient with renal impairment?",
                             "Lipitor").off_label
    assert svc.off_label("Can Humira be used to treat multiple sclerosis?", "Humira").off_label


@pytest.mark.parametrize("question, sentences, topic", [
    ("What is the price of a Humira pen?", ["Enclosed within the pen is a single-use, 1 mL prefilled glass syringe."],
     "price"),
    ("Is Lipitor covered by Medicare?", ["LIPITOR is indicated to reduce the risk of MI."], "covered by medicare"),
    ("Do you have copay cards for Humira?", [], "copay"),
    # an approved sentence that speaks to the cost answers it; clinical questions are not commercial
    ("What does Humira cost?", ["The cost of HUMIRA is given in the price list."], None),
    ("What is the starting dose of Lipitor?", ["The recommended starting dose of LIPITOR is 10 or 20 mg."], None),
    ("Which patients discontinued because of adverse reactions?", ["Discontinuation rates were 5%."], None),
])
def test_commercial_questions_are_told_apart(question: str, sentences: list[str], topic: str | None) -> None:
    assert commercial_request(question, sentences) == topic
