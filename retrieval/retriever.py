"""Search approved passages by BM25, dense embeddings or both fused (reciprocal rank fusion)."""

from __future__ import annotations

import datetime as dt
import math
import threading
from functools import lru_cache
from typing import Any, Literal

from retrieval.bm25 import BM25Index, tokenize
from retrieval.config import RetrievalSettings
from retrieval.store import PassageStore, active_filter
from retrieval.types import Passage, section_heading

Mode = Literal["bm25", "dense", "hybrid"]
MODES: tuple[Mode, ...] = ("bm25", "dense", "hybrid")


def rrf(rankings: list[tuple[list[str], float]], k: int = 60) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion of ranked id lists."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, i in enumerate(ids):
            fused[i] = fused.get(i, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda kv: -kv[1])


# Label headings use regulatory words where questions use plain ones ("Dosage", "Geriatric Use",
# "Nursing Mothers", "Hepatic Impairment"): stems that name the same topic are read as one.
_SAME_TOPIC = {
    "dosag": "dose", "overdosag": "overdos", "pregnanc": "pregnant", "storag": "store",
    "administr": "administ",
    "geriatr": "elder", "pediatr": "child", "children": "child", "hepat": "liver", "kidney": "renal",
    "nurs": "breastfeed", "lactat": "breastfeed", "advers": "side",
}


@lru_cache(maxsize=8192)
def heading_terms(text: str) -> frozenset[str]:
    """Stemmed words of a heading or a query, with label vocabulary mapped to the plain word."""
    return frozenset(_SAME_TOPIC.get(t, t) for t in tokenize([text])[0])


class HeadingIndex:
    """Which chunks sit under a heading that names what a query asks about ('Mechanism of Action',
    'Dosage and Administration › Plaque Psoriasis'): section text rarely repeats its own heading.

    Only documents of ``types`` count: a label's headings name clinical topics, while a paper's
    ('Methods', 'Results') name its structure and would pull every paper's results section forward.
    """

    def __init__(self, ids: list[str], metas: list[dict[str, Any]],
                 types: tuple[str, ...] = ("label",)) -> None:
        self.heading: dict[str, tuple[str, str]] = {}  # chunk id -> (document, heading)
        for i, m in zip(ids, metas):
            if m.get("type") in types and (h := section_heading(m)):
                self.heading[i] = (str(m.get("doc_id")), h)
        sections = set(self.heading.values())
        self.terms = {h: heading_terms(h) for _, h in sections}
        df: dict[str, int] = {}
        for _, h in sections:
            for t in self.terms[h]:
                df[t] = df.get(t, 0) + 1
        n = len(sections)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def rank(self, query: str, ids: list[str]) -> list[str]:
        """The first of ``ids`` from each section whose heading shares words with the query, best match
        first (rare words count more; a heading the query covers more fully wins a tie; then the given
        order). One chunk a section: a long section must not crowd out the rest by its length alone."""
        q = heading_terms(query)
        scored = []
        seen: set[tuple[str, str]] = set()
        for pos, i in enumerate(ids):
            key = self.heading.get(i)
            if key is None or key in seen:
                continue
            seen.add(key)
            terms = self.terms[key[1]]
            hit = sum(self.idf[t] for t in terms & q)
            if hit > 0:
                scored.append((-hit, -hit / sum(self.idf[t] for t in terms), pos, i))
        return [i for *_, i in sorted(scored)]


class Retriever:
    """Passages out: the one entry point for search. Never calls a chat model."""

    def __init__(self, store: PassageStore, settings: RetrievalSettings | None = None) -> None:
        self.store = store
        self.settings = settings or RetrievalSettings()
        self._bm25: BM25Index | None = None
        self._bm25_key: tuple[int, int] | None = None
        self._headings: HeadingIndex | None = None
        self._lock = threading.Lock()

    def bm25_index(self) -> BM25Index:
        """The BM25 index, rebuilt when the store's content changed (other processes' writes within 2 s)."""
        key = (self.store.count(max_age=2.0), self.store.generation)
        with self._lock:
            if self._bm25 is None or self._bm25_key != key:
                ids, texts, metas = self.store.all_records()
                self._bm25 = BM25Index(ids, texts, metas)
                self._headings = HeadingIndex(ids, metas, tuple(self.settings.heading_types))
                self._bm25_key = key
            return self._bm25

    def heading_index(self) -> HeadingIndex:
        """Section headings of the stored chunks (rebuilt with the BM25 index)."""
        self.bm25_index()
        assert self._headings is not None
        return self._headings

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
        rankings = [([p.chunk_id for p in dense], self.settings.dense_weight),
                    ([i for i, _ in lexical], self.settings.bm25_weight)]
        if self.settings.heading_weight > 0:
            # A third opinion on the candidates the two found: does the section's heading name the topic?
            candidates = [i for i, _ in rrf(rankings, self.settings.rrf_k)]
            rankings.append((self.heading_index().rank(query, candidates), self.settings.heading_weight))
        fused = rrf(rankings, self.settings.rrf_k)
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
