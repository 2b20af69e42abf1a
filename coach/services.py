"""One factory for the services every entry point uses (CLI, app, evals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")

from langchain_core.language_models.chat_models import BaseChatModel  # noqa: E402

from coach.ask.answer import Composer  # noqa: E402
from coach.ask.audit import AuditLog  # noqa: E402
from coach.ask.service import AskService  # noqa: E402
from coach.llm.providers import get_chat_model, model_label  # noqa: E402
from coach.settings import Settings  # noqa: E402
from corpus.chunking import Chunker  # noqa: E402
from corpus.ingest import Ingestor  # noqa: E402
from corpus.models import Chunk, DocumentMeta  # noqa: E402
from corpus.registry import Registry, make_engine  # noqa: E402
from corpus.tokens import ensure_tiktoken_cache  # noqa: E402
from retrieval.embeddings import get_embeddings, model_slug, persistent_cache  # noqa: E402
from retrieval.retriever import Retriever  # noqa: E402
from retrieval.store import PassageStore, chunk_metadata, make_client  # noqa: E402
from retrieval.types import Passage  # noqa: E402


@dataclass
class Services:
    """Lazily built services for one settings object."""

    settings: Settings = field(default_factory=Settings)
    chat_model_override: BaseChatModel | None = None

    def __post_init__(self) -> None:
        ensure_tiktoken_cache(self.settings.cache_dir / "tiktoken")

    @cached_property
    def engine(self) -> Any:
        """The app database engine."""
        return make_engine(self.settings.database_url)

    @cached_property
    def chunker(self) -> Chunker:
        """Token-aware chunker."""
        return Chunker(self.settings.corpus)

    @property
    def collection_name(self) -> str:
        """Collection name encoding the embedding model, chunking and indexed text so vectors never mix."""
        r = self.settings.retrieval
        return f"{r.collection_prefix}-{model_slug(r)}-{self.chunker.signature}-t"

    @cached_property
    def registry(self) -> Registry:
        """The document registry."""
        return Registry(self.engine, self.collection_name)

    @cached_property
    def store(self) -> PassageStore:
        """The Chroma passage store."""
        client = make_client(self.settings.chroma_path, self.settings.retrieval.chroma_url)
        return PassageStore(client, self.collection_name, get_embeddings(self.settings.retrieval))

    @cached_property
    def retriever(self) -> Retriever:
        """Hybrid retriever over the store."""
        return Retriever(self.store, self.settings.retrieval)

    @cached_property
    def ingestor(self) -> Ingestor:
        """The ingest pipeline."""
        return Ingestor(self.registry, self.store, self.chunker, on_chunks=self._embed_sentences)

    def _embed_sentences(self, chunks: list[Chunk], meta: DocumentMeta) -> None:
        """Embed a new version's quotable sentences once, at ingest, so an Ask embeds only the question."""
        self.composer.warm([Passage.from_record(c.chunk_id, c.text, chunk_metadata(c, meta, meta.status))
                            for c in chunks])

    @cached_property
    def audit(self) -> AuditLog:
        """The answer audit log."""
        return AuditLog(self.engine)

    @cached_property
    def chat_model(self) -> BaseChatModel | None:
        """The configured chat model (loaded on first use)."""
        if self.chat_model_override is not None:
            return self.chat_model_override
        return get_chat_model(self.settings.llm, self.settings.cache_dir)

    @property
    def model_name(self) -> str:
        """Label of the chat model."""
        if self.chat_model_override is not None:
            return getattr(self.chat_model_override, "_llm_type", "custom")
        return model_label(self.settings.llm)

    @cached_property
    def composer(self) -> Composer:
        """Builds and checks cited answers."""
        stored = persistent_cache(self.store.embeddings, self.engine,
                                  namespace=f"sentences-{model_slug(self.settings.retrieval)}")
        return Composer(self.store.embeddings, self.settings.ask, stored)

    def ask_service(self, need_model: bool = False) -> AskService:
        """The Ask use case; loads the chat model only when generative answers are needed."""
        model = self.chat_model if need_model else None
        if need_model and model is None:
            from coach.errors import ModelError

            raise ModelError("Generative answers need a chat model: set COACH_LLM__PROVIDER (llama, openai, azure) "
                             "or use the extractive mode.")
        return AskService(self.retriever, self.registry, self.composer, self.audit, model, self.model_name)

    @property
    def embed(self):  # type: ignore[no-untyped-def]
        """texts -> L2-normalised embedding rows (the bundled model), memoised by the composer."""
        return self.composer.embed

    @cached_property
    def act_analyzer(self):  # type: ignore[no-untyped-def]
        """Dialogue-act analysis with the trained classifier and claim checking."""
        from coach.acts.analyzer import ActAnalyzer
        from coach.acts.claims import ClaimChecker
        from coach.acts.classifier import load_or_train

        model = load_or_train(self.embed, self.settings.cache_dir)
        return ActAnalyzer(self.embed, model, ClaimChecker(self.retriever, self.composer))

    @cached_property
    def rehearsal_store(self):  # type: ignore[no-untyped-def]
        """Sessions and turns."""
        from coach.rehearsal.store import RehearsalStore

        return RehearsalStore(self.engine)

    def rehearsal_service(self, need_model: bool = True):  # type: ignore[no-untyped-def]
        """Live rehearsals; without a chat model the HCP speaks the scenario's lines."""
        from coach.rehearsal.session import RehearsalService

        model = self.chat_model if need_model else None
        return RehearsalService(self.act_analyzer, self.embed, self.rehearsal_store, model,
                                self.model_name if model is not None else "scripted")

    def withdraw(self, doc_id: str, status: str = "withdrawn") -> int:
        """Take a document out of answers at once (or put it back with status 'approved')."""
        row = self.registry.current(doc_id)
        if row is None:
            from corpus.errors import UnknownDocumentError

            raise UnknownDocumentError(f"No document '{doc_id}' in the library; `coach docs` lists them.")
        n = self.store.set_doc_status(doc_id, row.sha256, status)
        self.registry.set_status(doc_id, status)
        return n
