"""Settings of the retrieval package: embeddings, vector store and fusion."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class RetrievalSettings(BaseModel):
    """Where passages are stored and how they are found."""

    model_config = ConfigDict(extra="forbid")

    embedding_provider: str = Field(
        "local", description="'local' (bundled all-MiniLM-L6-v2) or 'openai' (needs OPENAI_API_KEY)."
    )
    embedding_model: str = Field(
        "all-MiniLM-L6-v2", description="Model name; for 'local' a folder path may be given instead."
    )
    chroma_path: Path | None = Field(None, description="Embedded Chroma folder; default <data_dir>/chroma.")
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port); when set the HTTP client is used."
    )
    collection_prefix: str = Field("coach", description="Start of the Chroma collection name.")
    k: int = Field(6, ge=1, le=100, description="Passages returned by a search.")
    candidates: int = Field(40, ge=1, le=500, description="Candidates each retriever hands to fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    bm25_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion.")
    heading_weight: float = Field(
        0.5, ge=0, description="Weight in fusion of the candidates ranked by how well their section heading "
        "matches the query (0 = off; no effect on passages without section titles)."
    )
    heading_types: list[str] = Field(
        ["label"], description="Document types whose section headings name topics (a label's 'Mechanism of "
        "Action'), not structure (a paper's 'Methods')."
    )
