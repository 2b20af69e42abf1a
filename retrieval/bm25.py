"""BM25 over the stored chunks, with bm25s (sparse matrices) and Snowball stemming."""

from __future__ import annotations

from typing import Any

import bm25s
import numpy as np

from retrieval.types import index_text

try:  # stemming helps recall; bm25s works without it
    import Stemmer

    _STEMMER: Any = Stemmer.Stemmer("english")
except ImportError:  # pragma: no cover - PyStemmer is in the pinned set
    _STEMMER = None


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed tokens of each text."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)


class BM25Index:
    """A BM25 index of chunk ids, with their static metadata for filtering."""

    def __init__(self, ids: list[str], texts: list[str], metas: list[dict[str, Any]]) -> None:
        self.ids = ids
        self.metas = metas
        self.model = bm25s.BM25()
        if ids:
            self.model.index(tokenize([index_text(t, m) for t, m in zip(texts, metas)]), show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, filters: dict[str, Any]) -> np.ndarray | None:
        """0/1 weights for chunks matching equality or membership filters (None = all)."""
        active = {k: v for k, v in filters.items() if v not in (None, "", [])}
        if not active:
            return None
        keep = np.ones(len(self.ids), dtype=np.float32)
        for key, value in active.items():
            allowed = set(value) if isinstance(value, (list, tuple, set)) else {value}
            keep *= np.fromiter((m.get(key) in allowed for m in self.metas), dtype=np.float32,
                                count=len(self.metas))
        return keep

    def search(self, query: str, k: int, filters: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) pairs with a positive score."""
        if not self.ids:
            return []
        q = tokenize([query])[0]
        if not q:
            return []
        scores = self.model.get_scores(q)
        m = self.mask(filters or {})
        if m is not None:
            scores = scores * m
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
