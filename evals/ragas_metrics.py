"""Ragas metrics of cited answers (the only module of the project that imports ragas).

A sample is a dict with ``user_input``, ``response``, ``reference``, ``retrieved_contexts`` and
``reference_contexts``. Non-LLM metrics run offline and need no model:

- ``context_precision`` / ``context_recall``: ragas' NonLLMContextPrecisionWithReference and
  NonLLMContextRecall, retrieved passages against the gold-section passages (string similarity);
- ``string_similarity``, ``rouge_l``, ``bleu``: the answer against the reference answer.

LLM-judged metrics (``judged_scores``) use the configured chat model through LangChain and the bundled
embeddings: ``faithfulness``, ``answer_relevancy`` (ragas ResponseRelevancy), ``llm_context_precision``
(LLMContextPrecisionWithReference) and ``llm_context_recall`` (LLMContextRecall).
"""

from __future__ import annotations

import asyncio
import math
import os
import warnings
from typing import Any

os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")

NONLLM = ("context_precision", "context_recall", "string_similarity", "rouge_l", "bleu")
JUDGED = ("faithfulness", "answer_relevancy", "llm_context_precision", "llm_context_recall")


def metric_names(judge: bool) -> list[str]:
    """Names of the ragas figures a run reports."""
    return list(NONLLM) + (list(JUDGED) if judge else [])


def _legacy() -> Any:
    """The single-turn metric classes (their import path warns that it is deprecated)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import ragas.metrics as m
        from ragas.dataset_schema import SingleTurnSample

        return m, SingleTurnSample


def _clean(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else round(f, 4)


async def _score_all(metrics: dict[str, Any], samples: list[dict[str, Any]],
                     needs: dict[str, tuple[str, ...]],
                     timeout: float | None = None) -> list[dict[str, float | None]]:
    _, single = _legacy()
    out: list[dict[str, float | None]] = []
    for s in samples:
        row: dict[str, float | None] = {}
        for name, metric in metrics.items():
            if any(not s.get(k) for k in needs[name]):
                continue  # e.g. no reference contexts for this question
            sample = single(**{k: s[k] for k in ("user_input", "response", "reference", "retrieved_contexts",
                                                 "reference_contexts") if s.get(k)})
            try:
                row[name] = _clean(await metric.single_turn_ascore(sample, timeout=timeout))
            except Exception as exc:  # a judge model may fail to produce parseable output
                row[name] = None
                warnings.warn(f"ragas {name} failed: {exc}", stacklevel=1)
        out.append(row)
    return out


def nonllm_scores(samples: list[dict[str, Any]]) -> list[dict[str, float | None]]:
    """Offline ragas figures for each sample."""
    m, _ = _legacy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        metrics = {
            "context_precision": m.NonLLMContextPrecisionWithReference(),
            "context_recall": m.NonLLMContextRecall(),
            "string_similarity": m.NonLLMStringSimilarity(),
            "rouge_l": m.RougeScore(rouge_type="rougeL", mode="fmeasure"),
            "bleu": m.BleuScore(),
        }
    needs = {"context_precision": ("retrieved_contexts", "reference_contexts"),
             "context_recall": ("retrieved_contexts", "reference_contexts"),
             "string_similarity": ("response", "reference"), "rouge_l": ("response", "reference"),
             "bleu": ("response", "reference")}
    return asyncio.run(_score_all(metrics, samples, needs))


def judged_scores(samples: list[dict[str, Any]], chat_model: Any, embeddings: Any,
                  timeout: float = 900.0, max_contexts: int = 3) -> list[dict[str, float | None]]:
    """LLM-judged ragas figures for each sample (slow with a small local model: minutes per sample)."""
    if chat_model is None:
        raise ValueError("LLM-judged ragas metrics need a chat model (set COACH_LLM__PROVIDER).")
    m, _ = _legacy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ragas.embeddings import LangchainEmbeddingsWrapper
        from ragas.llms import LangchainLLMWrapper
        from ragas.run_config import RunConfig

        cfg = RunConfig(timeout=int(timeout), max_retries=1, max_workers=1)
        llm = LangchainLLMWrapper(chat_model, run_config=cfg)
        emb = LangchainEmbeddingsWrapper(embeddings, run_config=cfg)
        faithful = {"faithfulness": m.Faithfulness(llm=llm)}
        metrics = {
            "answer_relevancy": m.ResponseRelevancy(llm=llm, embeddings=emb, strictness=1),
            "llm_context_precision": m.LLMContextPrecisionWithReference(llm=llm),
            "llm_context_recall": m.LLMContextRecall(llm=llm),
        }
    needs = {"faithfulness": ("user_input", "response", "retrieved_contexts"),
             "answer_relevancy": ("user_input", "response"),
             "llm_context_precision": ("user_input", "retrieved_contexts", "reference"),
             "llm_context_recall": ("user_input", "retrieved_contexts", "reference")}
    # Faithfulness is judged against the passages the answer cites (a short prompt for a small model).
    # The other judges read the first few retrieved passages only, for the same reason.
    cited = [s | {"retrieved_contexts": s.get("cited_contexts") or s["retrieved_contexts"]} for s in samples]
    top = [s | {"retrieved_contexts": s["retrieved_contexts"][:max_contexts]} for s in samples]
    first = asyncio.run(_score_all(faithful, cited, needs, timeout=timeout))
    rest = asyncio.run(_score_all(metrics, top, needs, timeout=timeout))
    return [a | b for a, b in zip(first, rest)]
