"""Ingest against the real store: report, incremental re-ingest, versions, withdrawal, expiry, interruption."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from corpus.ingest import recover

QUESTION = "Is advanced age a predisposing factor for myopathy?"


def _cited_versions(services, question: str = QUESTION) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(p.doc_id, p.version) for p in services.retriever.search(question, k=5)}


def test_bad_files_fail_alone_and_the_rest_ingest(fresh_services, pdfs: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    folder = pdfs["statin-response"].parent
    (folder / "notes.docx").write_bytes(b"PK")
    report = fresh_services.ingestor.ingest(folder)
    outcome = {Path(f.path).stem: (f.outcome, f.reason) for f in report.files}
    assert outcome["statin-response"][0] == "ingested"
    for bad, hint in [("locked", "password"), ("scanned", "OCR"), ("broken", "not a readable"), ("empty", "empty")]:
        assert outcome[bad][0] == "failed" and hint in outcome[bad][1]
    assert outcome["notes"][0] == "skipped"
    hits = fresh_services.retriever.search(QUESTION, k=3)
    assert hits and hits[0].doc_id == "statin-response" and hits[0].locator == "p. 2"


def test_unchanged_files_do_no_work_and_a_new_version_supersedes(fresh_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "myopathy-response.md"
    (folder / "manifest.yaml").write_text("documents:\n  - file: myopathy-response.md\n    version: 1\n")
    doc.write_text("# Myopathy response\n\nAdvanced age is a predisposing factor for myopathy in version one.\n")
    first = fresh_services.ingestor.ingest(folder)
    assert first.count("ingested") == 1
    again = fresh_services.ingestor.ingest(folder)
    assert again.count("unchanged") == 1 and again.chunks == 0
    assert _cited_versions(fresh_services) == {("myopathy-response", "1")}

    (folder / "manifest.yaml").write_text("documents:\n  - file: myopathy-response.md\n    version: 2\n")
    doc.write_text("# Myopathy response\n\nAdvanced age is a predisposing factor for myopathy, says version two.\n")
    assert fresh_services.ingestor.ingest(folder).count("ingested") == 1
    assert _cited_versions(fresh_services) == {("myopathy-response", "2")}
    rows = fresh_services.registry.documents(include_superseded=True)
    assert [(r.version, r.status) for r in rows] == [("1", "superseded"), ("2", "approved")]


def test_a_change_in_how_files_are_read_reads_them_again(fresh_services, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "myopathy-response.md").write_text("# Myopathy response\n\nAdvanced age is a predisposing factor.\n")
    assert fresh_services.ingestor.ingest(folder).count("ingested") == 1
    assert fresh_services.ingestor.ingest(folder).count("unchanged") == 1
    monkeypatch.setattr(corpus.ingest, "READ_VERSION", corpus.ingest.READ_VERSION + "-next")
    assert fresh_services.ingestor.ingest(folder).count("ingested") == 1  # same bytes, new reading rules
    assert [r.status for r in fresh_services.registry.documents(include_superseded=True)] == ["superseded", "approved"]
    hits = fresh_services.retriever.search(QUESTION, k=5)
    assert len({p.chunk_id for p in hits}) == len(hits) and {p.doc_id for p in hits} == {"myopathy-response"}


def test_withdraw_takes_a_document_out_of_answers_at_once(fresh_services, pdfs: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    fresh_services.ingestor.ingest(pdfs["statin-response"])
    assert _cited_versions(fresh_services)
    fresh_services.withdraw("statin-response")
    assert _cited_versions(fresh_services) == set()
    for mode in ("bm25", "dense", "hybrid"):
        assert fresh_services.retriever.search(QUESTION, mode=mode) == []
    assert fresh_services.registry.current("statin-response").status == "withdrawn"
    fresh_services.withdraw("statin-response", "approved")
    assert _cited_versions(fresh_services)


def test_expired_documents_never_answer(fresh_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "old.md").write_text("Advanced age is a predisposing factor for myopathy (old approval).\n")
    (folder / "soon.md").write_text("Advanced age is a predisposing factor for myopathy (expires soon).\n")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (folder / "manifest.yaml").write_text(
        f"documents:\n  - file: old.md\n    expiry_date: 2020-01-01\n  - file: soon.md\n    expiry_date: {tomorrow}\n")
    report = fresh_services.ingestor.ingest(folder)
    outcome = {Path(f.path).stem: f for f in report.files}
    assert outcome["old"].outcome == "skipped" and "expired" in outcome["old"].reason
    assert {p.doc_id for p in fresh_services.retriever.search(QUESTION)} == {"soon"}
    # The day after expiry the document is filtered out without any re-ingest.
    later = tomorrow + dt.timedelta(days=1)
    assert fresh_services.retriever.search(QUESTION, today=later) == []


class _Crash(Exception):
    pass


def test_an_interrupted_ingest_leaves_the_index_consistent(fresh_services, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"doc{i}.md").write_text(f"Advanced age is a predisposing factor for myopathy, document {i}.\n")
    store = fresh_services.store
    real = store.set_doc_status
    calls = {"n": 0}

    def crash_on_second(doc_id: str, sha: str, status: str) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise _Crash("power cut")
        return real(doc_id, sha, status)

    monkeypatch.setattr(store, "set_doc_status", crash_on_second)
    with pytest.raises(_Crash):
        fresh_services.ingestor.ingest(folder)
    # doc1's chunks were written as pending and never made current: nobody sees them.
    assert {p.doc_id for p in fresh_services.retriever.search(QUESTION, k=10)} == {"doc0"}
    assert len(fresh_services.registry.pending()) == 1
    monkeypatch.setattr(store, "set_doc_status", real)
    assert recover(fresh_services.registry, store) == 1
    assert store.count() == 1  # the pending chunks are gone
    report = fresh_services.ingestor.ingest(folder)
    assert sorted(f.outcome for f in report.files) == ["ingested", "ingested", "unchanged"]
    assert {p.doc_id for p in fresh_services.retriever.search(QUESTION, k=10)} == {"doc0", "doc1", "doc2"}


def test_a_bad_manifest_fails_its_folder_only(fresh_services, tmp_path: Path, pdfs: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "tree" / "bad"
    good = tmp_path / "tree" / "good"
    bad.mkdir(parents=True)
    good.mkdir(parents=True)
    (bad / "manifest.yaml").write_text("documents:\n  - file: a.md\n    type: brochure\n")
    (bad / "a.md").write_text("Some approved text about dosing in adults.\n")
    shutil.copy(pdfs["statin-response"], good)
    report = fresh_services.ingestor.ingest(tmp_path / "tree")
    outcome = {Path(f.path).name: f for f in report.files}
    assert outcome["a.md"].outcome == "failed" and "documents.0.type" in outcome["a.md"].reason
    assert outcome["statin-response.pdf"].outcome == "ingested"
