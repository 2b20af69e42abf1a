"""Search approved passages by BM25, dense embeddings or both fused (reciprocal rank fusion)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any, Literal

from retrieval.bm25 import BM25Index
from retrieval.config import RetrievalSettings
from retrieval.store import PassageStore, active_filter
from retrieval.types import Passage

Mode = Literal["bm25", "dense", "hybrid"]
MODES: tuple[Mode, ...] = ("bm25", "dense", "hybrid")


def rrf(rankings: list[tuple[list[str], float]], k: int = 60) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion of ranked id lists."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, i in enumerate(ids):
            fused[i] = fused.get(i, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda kv: -kv[1])


class Retriever:
    """Passages out: the one entry point for search. Never calls a chat model."""

    def __init__(self, store: PassageStore, settings: RetrievalSettings | None = None) -> None:
        self.store = store
        self.settings = settings or RetrievalSettings()
        self._bm25: BM25Index | None = None
        self._bm25_key: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def bm25_index(self) -> BM25Index:
        """The BM25 index, rebuilt when the store's content changed (other processes' writes within 2 s)."""
        key = (self.store.count(max_age=2.0), self.store.generation)
        with self._lock:
            if self._bm25 is None or self._bm25_key != key:
                ids, texts, metas = self.store.all_records()
                self._bm25 = BM25Index(ids, texts, metas)
                self._bm25_key = key
            return self._bm25

    def embed_query(self, query: str) -> list[float]:
        """The query's embedding."""
        return self.store.embeddings.embed_query(query)

    def search(self, query: str, k: int | None = None, mode: Mode = "hybrid",
               filters: dict[str, Any] | None = None, today: dt.date | None = None) -> list[Passage]:
        """The ``k`` best approved, unexpired passages for ``query`` that match ``filters``."""
        k = k or self.settings.k
        where = active_filter(filters, today)
        n = max(self.settings.candidates, k)
        if mode == "dense":
            return self.store.dense(self.embed_query(query), k, where)
        lexical = self.bm25_index().search(query, n * 2 if mode == "bm25" else n, filters)
        if mode == "bm25":
            out: list[Passage] = []
            for start in range(0, len(lexical), k * 2):  # usually one round: withdrawn chunks are rare
                part = lexical[start : start + k * 2]
                found = self.store.fetch([i for i, _ in part], where)  # drops withdrawn/expired at once
                out += [self._scored(found[i], s, {"bm25": s}) for i, s in part if i in found]
                if len(out) >= k:
                    break
            return out[:k]
        dense = self.store.dense(self.embed_query(query), n, where)
        fused = rrf([([p.chunk_id for p in dense], self.settings.dense_weight),
                     ([i for i, _ in lexical], self.settings.bm25_weight)], self.settings.rrf_k)
        by_id = {p.chunk_id: p for p in dense}
        missing = [i for i, _ in fused[: k * 3] if i not in by_id]
        by_id.update(self.store.fetch(missing, where))
        dense_score = {p.chunk_id: p.score for p in dense}
        bm25_score = dict(lexical)
        out = []
        for i, s in fused:
            if i in by_id:
                out.append(self._scored(by_id[i], s, {"dense": dense_score.get(i, 0.0),
                                                      "bm25": bm25_score.get(i, 0.0)}))
            if len(out) == k:
                break
        return out

    @staticmethod
    def _scored(p: Passage, score: float, parts: dict[str, float]) -> Passage:
        p.score = score
        p.scores = parts
        return p
