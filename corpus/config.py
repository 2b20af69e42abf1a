"""Settings of the corpus package: chunking and the document registry."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CorpusSettings(BaseModel):
    """How documents are cut into passages."""

    model_config = ConfigDict(extra="forbid")

    chunk_tokens: int = Field(160, ge=20, le=2000, description="Target passage size in cl100k_base tokens (MiniLM reads ~256 word pieces).")
    chunk_overlap: int = Field(24, ge=0, le=500, description="Tokens shared by neighbouring passages.")
    encoding: str = Field("cl100k_base", description="tiktoken encoding used to count tokens.")
