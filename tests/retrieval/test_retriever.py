"""Retrieval on the real demo labels: all three modes, fusion, filters, citations' locators."""

from __future__ import annotations

import pytest

from retrieval.errors import StoreError
from retrieval.retriever import MODES, rrf
from retrieval.store import active_filter


@pytest.mark.parametrize("mode", MODES)
def test_each_mode_finds_the_right_label_section(labels_services, mode: str) -> None:  # type: ignore[no-untyped-def]
    hits = labels_services.retriever.search("serious infections such as tuberculosis with adalimumab", k=5, mode=mode)
    assert hits, mode
    assert hits[0].doc_id == "humira-label"
    if mode != "dense":  # the lexical signal pins the warning section itself
        assert any(h.locator.startswith("5.1 Serious Infections") for h in hits)
    assert all(h.text for h in hits) and len({h.chunk_id for h in hits}) == len(hits)


def test_product_filter_keeps_only_that_products_documents(labels_services) -> None:  # type: ignore[no-untyped-def]
    q = "What should patients report to their doctor?"
    for mode in MODES:
        hits = labels_services.retriever.search(q, k=8, mode=mode, filters={"product": "Triaminic"})
        assert hits and {h.product for h in hits} == {"Triaminic"}, mode
    both = labels_services.retriever.search(q, k=20, mode="bm25", filters={"product": ["Lipitor", "Humira"]})
    assert {h.product for h in both} == {"Lipitor", "Humira"}


def test_passages_carry_everything_a_citation_needs(labels_services) -> None:  # type: ignore[no-untyped-def]
    hit = labels_services.retriever.search("grapefruit juice atorvastatin", k=1, mode="hybrid")[0]
    assert (hit.doc_id, hit.version, hit.doc_type) == ("lipitor-label", "11", "label")
    assert hit.locator.startswith("7.2") or "rapefruit" in hit.text
    assert hit.end - hit.start == len(hit.text)
    assert hit.scores.keys() == {"dense", "bm25"}


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = rrf([(["a", "b", "c"], 1.0), (["c", "a", "d"], 1.0)], k=60)
    assert [i for i, _ in fused][:2] == ["a", "c"]
    assert fused[-1][0] in {"b", "d"}
    assert rrf([(["x"], 0.0), (["y"], 1.0)])[0][0] == "y"


def test_filters_reject_unknown_keys() -> None:
    with pytest.raises(StoreError, match="Cannot filter on 'colour'"):
        active_filter({"colour": "red"})
    clauses = active_filter({"product": "Lipitor", "type": None})["$and"]
    assert {"product": "Lipitor"} in clauses and {"status": "approved"} in clauses


def test_empty_library_returns_nothing(fresh_services) -> None:  # type: ignore[no-untyped-def]
    for mode in MODES:
        assert fresh_services.retriever.search("anything at all", mode=mode) == []


def test_python_filter_means_the_same_as_chromas() -> None:
    from retrieval.store import matches

    meta = {"status": "approved", "expires": 20300101, "product": "Lipitor", "type": "label"}
    assert matches(meta, active_filter({"product": "Lipitor"}))
    assert matches(meta, active_filter({"product": ["Humira", "Lipitor"], "type": "label"}))
    assert not matches(meta, active_filter({"product": "Humira"}))
    assert not matches({**meta, "status": "withdrawn"}, active_filter())
    assert not matches({**meta, "expires": 20200101}, active_filter())
