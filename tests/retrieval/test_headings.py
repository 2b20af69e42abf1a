"""Section headings as a ranking signal: a label's headings name topics its sentences never repeat."""

from __future__ import annotations

from retrieval.config import RetrievalSettings
from retrieval.retriever import HeadingIndex, Retriever, heading_terms
from retrieval.types import section_heading


def _meta(doc: str, number: str, title: str, doc_type: str = "label") -> dict[str, str]:
    return {"doc_id": doc, "section_number": number, "section_title": title, "kind": "section", "type": doc_type}


def test_a_label_subsection_sits_under_its_regulated_top_heading() -> None:
    assert section_heading(_meta("l", "2.5", "Plaque Psoriasis")) == "Dosage and Administration › Plaque Psoriasis"
    assert section_heading(_meta("l", "12.1", "Mechanism of Action")) == "Clinical Pharmacology › Mechanism of Action"
    assert section_heading(_meta("l", "3", "DOSAGE FORMS AND STRENGTHS")) == "DOSAGE FORMS AND STRENGTHS"
    assert section_heading(_meta("l", "", "Stop use and ask a doctor if")) == "Stop use and ask a doctor if"
    # Titles that say nothing, and numbers outside a label, add nothing.
    assert section_heading(_meta("l", "", "PRINCIPAL DISPLAY PANEL - 10 mg Tablet Packet")) == ""
    assert section_heading(_meta("l", "", "Unclassified section")) == ""
    assert section_heading(_meta("p", "2.1", "Methods", doc_type="publication")) == "Methods"
    assert section_heading({"kind": "page", "section_title": "Results"}) == ""


def test_label_words_and_plain_words_meet() -> None:
    assert heading_terms("dose") & heading_terms("Dosage and Administration")
    assert heading_terms("elderly") & heading_terms("Geriatric Use")
    assert heading_terms("breastfeeding") & heading_terms("Nursing Mothers")
    assert not heading_terms("live vaccines") & heading_terms("Liver Dysfunction")


def test_heading_rank_picks_the_named_section_once_and_only_for_labels() -> None:
    ids = ["rif", "moa1", "moa2", "dose", "study", "panel", "paper"]
    metas = [_meta("l", "7.7", "Rifampin or other Inducers of Cytochrome P450 3A4"),
             _meta("l", "12.1", "Mechanism of Action"), _meta("l", "12.1", "Mechanism of Action"),
             _meta("l", "2.5", "Plaque Psoriasis"), _meta("l", "14.7", "Plaque Psoriasis"),
             _meta("l", "", "Package Label: Principal Display Panel"),
             _meta("p", "", "Mechanism of action", doc_type="publication")]
    index = HeadingIndex(ids, metas)
    # One chunk a section (the first in the given order), and no paper, panel or unrelated heading.
    assert index.rank("What is the mechanism of action of atorvastatin?", ids) == ["moa1"]
    # Both psoriasis sections match; the one under Dosage and Administration matches 'dosed' as well.
    assert index.rank("How is it dosed for plaque psoriasis?", ids) == ["dose", "study"]
    assert index.rank("What tablet strengths are there?", ids) == []


def test_fusion_brings_a_section_named_by_its_heading_forward(labels_services) -> None:  # type: ignore[no-untyped-def]
    q = "What is the mechanism of action of atorvastatin?"
    retriever = labels_services.retriever
    on = retriever.search(q, k=6, filters={"product": "Lipitor"})
    assert on[0].section_number == "12.1", [p.locator for p in on]
    off = Retriever(retriever.store, RetrievalSettings(heading_weight=0)).search(q, k=6, filters={"product": "Lipitor"})
    assert off[0].section_number != "12.1"  # dense alone prefers 'dual interaction mechanism' (7.7)
