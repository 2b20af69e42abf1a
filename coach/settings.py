"""One root settings object, built from a section per package.

Every field can be set from the environment with the ``COACH_`` prefix and ``__`` between
sections, e.g. ``COACH_LLM__PROVIDER=openai`` or ``COACH_RETRIEVAL__CHROMA_URL=http://127.0.0.1:8000``.
Secrets come only from their conventional variables (``OPENAI_API_KEY``, ``AZURE_OPENAI_API_KEY``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from corpus.config import CorpusSettings
from retrieval.config import RetrievalSettings


def _default_data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "exchange-coach"


def _default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "exchange-coach"


class LLMSettings(BaseModel):
    """Which chat model voices answers and the simulated HCP."""

    model_config = ConfigDict(extra="forbid")

    provider: Literal["llama", "openai", "azure", "none"] = Field(
        "llama", description="'llama' in-process GGUF, 'openai' any OpenAI-compatible endpoint, "
        "'azure' Azure OpenAI, 'none' extractive answers and scripted HCP lines only."
    )
    model: str = Field(
        "qwen2.5-1.5b",
        description="For 'llama': 'qwen2.5-1.5b' (default), 'smollm2-135m' (tiny) or a path to a .gguf file. "
        "For 'openai'/'azure': the model or deployment name.",
    )
    base_url: str | None = Field(None, description="OpenAI-compatible base URL (vLLM, Ollama, llama.cpp server).")
    azure_endpoint: str | None = Field(None, description="Azure OpenAI endpoint URL.")
    api_version: str = Field("2024-10-21", description="Azure OpenAI API version.")
    temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature; 0 keeps answers repeatable.")
    max_tokens: int = Field(256, ge=16, le=4096, description="Longest reply in tokens.")
    n_ctx: int = Field(4096, ge=512, description="llama.cpp context window.")
    n_threads: int | None = Field(None, description="llama.cpp threads; default all cores.")
    seed: int = Field(7, description="Sampling seed for local models.")


class AskSettings(BaseModel):
    """How cited answers are built."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["extractive", "generative"] = Field(
        "generative", description="Generative uses the chat model; extractive quotes approved sentences only."
    )
    passages: int = Field(3, ge=1, le=10, description="Passages given to the chat model (prompt budget).")
    max_sentences: int = Field(3, ge=1, le=10, description="Sentences in an extractive answer.")
    min_relevance: float = Field(
        0.42, ge=0, le=1, description="Below this question-to-sentence similarity the sources do not answer "
        "(tuned on the dev split of evals/data/label_questions.jsonl)."
    )
    min_support: float = Field(
        0.75, ge=0, le=1, description="A generated sentence is cited only if its cited passage supports it this well "
        "(tuned on the dev split of evals/data/label_questions.jsonl)."
    )


class AppSettings(BaseModel):
    """Where the application keeps its state."""

    model_config = ConfigDict(extra="forbid")

    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data_dir.")


class Settings(BaseSettings):
    """Root settings of Exchange Coach."""

    model_config = SettingsConfigDict(env_prefix="COACH_", env_nested_delimiter="__", extra="forbid")

    data_dir: Path = Field(default_factory=_default_data_dir, description="Index, database and audit log.")
    cache_dir: Path = Field(default_factory=_default_cache_dir, description="Assembled models, tokenizer files.")
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ask: AskSettings = Field(default_factory=AskSettings)
    app: AppSettings = Field(default_factory=AppSettings)

    @property
    def database_url(self) -> str:
        """The app database URL (SQLite file in data_dir unless set)."""
        return self.app.database_url or f"sqlite:///{self.data_dir / 'coach.db'}"

    @property
    def chroma_path(self) -> Path:
        """The embedded Chroma folder."""
        return self.retrieval.chroma_path or self.data_dir / "chroma"
