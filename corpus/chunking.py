"""Token-aware chunking that never crosses a page or section and keeps character offsets."""

from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from corpus.config import CorpusSettings
from corpus.models import Chunk, Unit
from corpus.tokens import ensure_tiktoken_cache


class Chunker:
    """Splits each unit on its own with LangChain's recursive splitter measured in tiktoken tokens."""

    def __init__(self, settings: CorpusSettings | None = None) -> None:
        self.settings = settings or CorpusSettings()
        ensure_tiktoken_cache()
        self._splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(
            encoding_name=self.settings.encoding,
            chunk_size=self.settings.chunk_tokens,
            chunk_overlap=self.settings.chunk_overlap,
            separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
            keep_separator="end",
            add_start_index=True,
        )

    @property
    def signature(self) -> str:
        """Short text naming the chunking settings (part of the collection name)."""
        return f"t{self.settings.chunk_tokens}o{self.settings.chunk_overlap}"

    def chunk(self, doc_id: str, version: str, units: list[Unit], key: str | None = None) -> list[Chunk]:
        """Chunks of all units, numbered in document order; offsets index into each unit's text.

        ``key`` makes chunk ids unique per content (e.g. the file hash), default the version.
        """
        chunks: list[Chunk] = []
        for unit in units:
            docs = self._splitter.create_documents([unit.text])
            for d in docs:
                text = d.page_content.strip()
                if not text:
                    continue
                start = int(d.metadata["start_index"])
                start += d.page_content.find(text)
                if start < 0 or unit.text[start : start + len(text)] != text:
                    start = unit.text.find(text)
                i = len(chunks)
                chunks.append(Chunk(chunk_id=f"{doc_id}::{key or version}::{i}", doc_id=doc_id, version=version,
                                    text=text, unit=unit, start=start, end=start + len(text), index=i))
        return chunks
