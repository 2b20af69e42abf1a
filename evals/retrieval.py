"""Retrieval metrics: recall@k, MRR, nDCG@10 and query latency, per mode, side by side."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from evals.datasets import RetrievalQuestion
from retrieval.retriever import Mode, Retriever

KS = (1, 5, 10)


def doc_ranking(retriever: Retriever, question: str, mode: Mode, depth: int) -> list[str]:
    """Distinct doc_ids in rank order (chunks of one document count once)."""
    seen: list[str] = []
    for p in retriever.search(question, k=depth * 3, mode=mode):
        if p.doc_id not in seen:
            seen.append(p.doc_id)
        if len(seen) == depth:
            break
    return seen


def ndcg(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    """Binary-relevance nDCG@k."""
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


@dataclass
class ModeResult:
    """Figures of one mode."""

    mode: str
    recall: dict[int, float] = field(default_factory=dict)
    mrr: float = 0.0
    ndcg10: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    n: int = 0

    def as_dict(self) -> dict[str, float | str | int]:
        """Flat dict for JSON."""
        d: dict[str, float | str | int] = {"mode": self.mode, "n": self.n}
        d.update({f"recall@{k}": round(v, 4) for k, v in self.recall.items()})
        d.update({"mrr": round(self.mrr, 4), "ndcg@10": round(self.ndcg10, 4), "p50_ms": round(self.p50_ms, 1),
                  "p95_ms": round(self.p95_ms, 1)})
        return d


def evaluate_retrieval(retriever: Retriever, questions: list[RetrievalQuestion], modes: list[Mode],
                       depth: int = 10) -> list[ModeResult]:
    """Run every question through every mode."""
    # Warm up once so index building and model loading are not timed.
    for mode in modes:
        retriever.search(questions[0].question, k=3, mode=mode)
    results = []
    for mode in modes:
        r = ModeResult(mode=mode, n=len(questions))
        hits = {k: 0.0 for k in KS}
        rr, nd, lat = 0.0, 0.0, []
        for q in questions:
            rel = set(q.relevant)
            t0 = time.perf_counter()
            ranked = doc_ranking(retriever, q.question, mode, depth)
            lat.append((time.perf_counter() - t0) * 1000)
            for k in KS:
                hits[k] += len(rel & set(ranked[:k])) / len(rel) if rel else 0.0
            first = next((i for i, d in enumerate(ranked) if d in rel), None)
            rr += 1 / (first + 1) if first is not None else 0.0
            nd += ndcg(ranked, rel, 10)
        n = len(questions)
        r.recall = {k: hits[k] / n for k in KS}
        r.mrr, r.ndcg10 = rr / n, nd / n
        r.p50_ms, r.p95_ms = float(np.percentile(lat, 50)), float(np.percentile(lat, 95))
        results.append(r)
    return results


def format_table(results: list[ModeResult]) -> str:
    """The modes side by side."""
    rows = ["recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "p50_ms", "p95_ms"]
    dicts = [r.as_dict() for r in results]
    head = f"{'metric':<10}" + "".join(f"{d['mode']:>10}" for d in dicts)
    lines = [head, "-" * len(head)]
    for key in rows:
        lines.append(f"{key:<10}" + "".join(f"{d[key]:>10}" for d in dicts))
    lines.append(f"({results[0].n} questions)" if results else "(no questions)")
    return "\n".join(lines)
