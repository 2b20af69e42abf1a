"""Approved sentences are embedded once, at ingest, and read back by every later question."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings
from sqlalchemy import create_engine

from retrieval.embeddings import get_embeddings, persistent_cache
from tests.conftest import make_services


class Counting(Embeddings):
    """Passes calls through to a real model and records every text it had to embed."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.documents: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += texts
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def test_the_cache_returns_the_models_vectors_and_persists_them(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    texts = ["Store at 20-25°C.", "Myopathy risk increases with higher doses."]
    first = Counting(get_embeddings())
    got = persistent_cache(first, engine, "sentences-test").embed_documents(texts)
    assert first.documents == texts
    expected = np.asarray(get_embeddings().embed_documents(texts))
    assert np.allclose(np.asarray(got), expected, atol=1e-6)

    again = Counting(get_embeddings())  # a new process: nothing in memory, the table still has them
    reread = persistent_cache(again, engine, "sentences-test").embed_documents(texts)
    assert again.documents == []
    assert np.allclose(np.asarray(reread), expected, atol=1e-6)

    other = Counting(get_embeddings())  # another model's namespace never reads these vectors
    persistent_cache(other, engine, "sentences-other-model").embed_documents(texts[:1])
    assert other.documents == texts[:1]


def test_an_ask_on_an_ingested_library_embeds_only_the_question(labels_services) -> None:  # type: ignore[no-untyped-def]
    s = make_services(labels_services.settings.data_dir)  # a new process on the ingested library
    counting = Counting(s.store.embeddings)
    s.store.embeddings = counting
    question = "What is the recommended starting dose of Lipitor for adults?"
    answer = s.ask_service().ask(question)
    assert answer.citations and not answer.refused
    assert counting.documents == [question.replace("Lipitor", "it")]  # the product name does not score
    quoted = {c.quote for c in answer.citations}
    assert quoted <= set(s.composer._memo)  # the quotes were scored with vectors read from the cache


def test_a_failure_while_embedding_sentences_leaves_no_half_ingested_version(fresh_services, pdfs) -> None:  # type: ignore[no-untyped-def]
    ingestor = fresh_services.ingestor
    hook = ingestor.on_chunks

    def crash(chunks, meta):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    ingestor.on_chunks = crash
    with pytest.raises(KeyboardInterrupt):
        ingestor.ingest(pdfs["statin-response"])
    assert fresh_services.registry.active() == []
    assert fresh_services.retriever.search("page", k=3) == []

    ingestor.on_chunks = hook
    report = ingestor.ingest(pdfs["statin-response"])
    assert report.count("ingested") == 1
    assert fresh_services.store.count() == report.chunks  # the interrupted version's chunks were rolled back
