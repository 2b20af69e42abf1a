"""Answer metrics: citation precision/validity, section accuracy, refusals, off-label flags, latency, ragas.

Every question goes through the product's own Ask use case. The figures:

- citation precision: share of answer sentences that their cited quote supports, judged by a check of
  its own (not the Composer's): every number in the sentence appears in the quote, neither of the two
  negates what the other states, and most of the sentence's content words are in the quote or the two
  are close in embedding space;
- citation validity: share of citations whose quote is found verbatim at the cited offsets of the cited
  chunk, in the cited document, version and section of the index;
- section accuracy (citation recall): answerable questions whose citations include a gold section of the
  gold document (any citation, and the first one); beside it, how often a gold section was among the
  retrieved passages at all (what retrieval leaves the answer to choose from);
- refusal rate on unanswerable questions, false refusal rate on answerable ones;
- off-label flag accuracy (with precision and recall of the flag);
- latency p50/p95 of a whole answer;
- ragas metrics through :mod:`evals.ragas_metrics` (non-LLM ones always, LLM-judged ones with ``judge``).

Questions that carry a ``split`` are also reported per split (dev for tuning, test held out).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.ask.answer import Answer
from coach.ask.sentences import content_words, overlap
from evals.datasets import AnswerQuestion

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NEGATED = re.compile(r"\b(?:not|no|never|none|avoid\w*|contraindicated|cannot|except|unless)\b|n[’']t\b",
                      re.I)
# Independent support check of a sentence against its cited quote.
SUPPORT_OVERLAP = 0.6
SUPPORT_COSINE = 0.8


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def sentence_support(sentence: str, quotes: list[str], cosine: float) -> tuple[bool, float]:
    """Is ``sentence`` backed by one of ``quotes``? (verdict, best content-word overlap).

    Numbers are checked strictly (a dose or a rate that is not in the quote fails the sentence), so is
    polarity (a dropped "not" or "except"); the wording may be close in embedding space (``cosine``) or
    share most content words.
    """
    if not quotes:
        return False, 0.0
    quoted_numbers = set().union(*(_numbers(q) for q in quotes))
    numbers_ok = _numbers(sentence) <= quoted_numbers
    # A sentence that drops (or adds) the quote's "not"/"except" says something else.
    polarity_ok = any(bool(_NEGATED.search(sentence)) == bool(_NEGATED.search(q)) for q in quotes)
    best = max(overlap(sentence, q) for q in quotes)
    if not content_words(sentence):
        best = 1.0 if any(sentence.strip().lower() in q.lower() for q in quotes) else 0.0
    return numbers_ok and polarity_ok and (best >= SUPPORT_OVERLAP or cosine >= SUPPORT_COSINE), best


def section_hit(doc_id: str | None, number: str | None, title: str | None, gold_doc: str | None,
                gold_sections: list[str]) -> bool:
    """Does a citation point into the gold document and, when sections are given, one of them?"""
    if gold_doc is None or doc_id != gold_doc:
        return False
    if not gold_sections:
        return True
    number, title = (number or "").strip(), (title or "").strip().lower()
    return any(s.strip() == number or s.strip().lower() == title for s in gold_sections if s.strip())


def _rate(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 4) if hits else None


def _mean(values: list[float]) -> float | None:
    vals = [v for v in values if v is not None and not (isinstance(v, float) and np.isnan(v))]
    return round(float(np.mean(vals)), 4) if vals else None


def kind_of(q: AnswerQuestion) -> str:
    """answerable | unanswerable | off_label (only the flag is judged)."""
    if q.answerable is None:
        return "off_label"
    return "answerable" if q.answerable else "unanswerable"


class _Index:
    """Reads stored chunks back, to check quotes and to build reference contexts."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self._doc_chunks: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    def chunks(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        if not ids:
            return {}
        got = self.services.store.collection.get(ids=list(dict.fromkeys(ids)),
                                                 include=["documents", "metadatas"])
        return {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}

    def doc_chunks(self, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
        if doc_id not in self._doc_chunks:
            row = self.services.registry.current(doc_id)
            where: dict[str, Any] = {"doc_id": doc_id}
            if row is not None:
                where = {"$and": [{"doc_id": doc_id}, {"sha": row.sha256[:12]}]}
            got = self.services.store.collection.get(where=where, include=["documents", "metadatas"])
            self._doc_chunks[doc_id] = list(zip(got["documents"], got["metadatas"]))
        return self._doc_chunks[doc_id]

    def reference_contexts(self, q: AnswerQuestion) -> list[str]:
        """Chunks of the gold sections that hold the reference answer (the best one at least)."""
        doc = q.gold_doc
        if not doc or not q.section:
            return []
        cands = [t for t, m in self.doc_chunks(doc)
                 if section_hit(doc, str(m.get("section_number") or ""), str(m.get("section_title") or ""),
                                doc, q.section)]
        if not cands:
            return []
        if not q.reference:
            return cands
        scored = sorted(((overlap(q.reference, t), t) for t in cands), key=lambda x: -x[0])
        return [t for s, t in scored if s >= 0.5] or [scored[0][1]]


def citation_valid(answer: Answer, index: _Index) -> list[bool]:
    """For each citation: is its quote verbatim at its offsets in the cited chunk, document and section?"""
    stored = index.chunks([c.chunk_id for c in answer.citations if c.chunk_id])
    out = []
    for c in answer.citations:
        text, meta = stored.get(c.chunk_id, ("", {}))
        start = int(meta.get("start", 0)) if meta else 0
        out.append(bool(meta) and text[c.start - start : c.end - start] == c.quote
                   and meta.get("doc_id") == c.doc_id and str(meta.get("version")) == str(c.version)
                   and str(meta.get("section_number") or "") == str(c.section_number or ""))
    return out


def _judge_row(q: AnswerQuestion, answer: Answer, seconds: float, mode: str, index: _Index,
               embed: Callable[[list[str]], np.ndarray]) -> dict[str, Any]:
    """Per-question figures."""
    quotes = {c.number: c.quote for c in answer.citations}
    sents = [] if answer.refused else answer.sentences
    support: list[bool] = []
    overlaps: list[float] = []
    if sents:
        texts = [s.text for s in sents]
        cited = [[quotes[n] for n in s.citations if n in quotes] for s in sents]
        flat = [t for qs in cited for t in qs]
        vecs = embed(texts + flat) if flat else None
        pos = len(texts)
        for i, s in enumerate(sents):
            cos = 0.0
            if vecs is not None and cited[i]:
                cos = float(np.max(vecs[pos : pos + len(cited[i])] @ vecs[i]))
            pos += len(cited[i])
            ok, ov = sentence_support(s.text, cited[i], cos)
            support.append(ok)
            overlaps.append(ov)
    cites = [] if answer.refused else answer.citations
    hits = [section_hit(c.doc_id, c.section_number, c.section_title, q.gold_doc, q.section) for c in cites]
    flag = answer.off_label
    return {
        "id": q.id, "split": q.split, "kind": kind_of(q), "question": q.question,
        "refused": answer.refused, "refusal_reason": answer.refusal_reason,
        "answer": answer.text, "mode": answer.mode,
        "fell_back": mode == "generative" and answer.mode == "extractive" and not answer.refused,
        "citations": [{"doc_id": c.doc_id, "version": c.version, "section": c.locator, "quote": c.quote}
                      for c in cites],
        "gold_doc": q.gold_doc, "gold_sections": q.section,
        "section_hit": any(hits), "section_hit_top1": bool(hits and hits[0]),
        "section_retrieved": any(section_hit(p.doc_id, p.section_number, p.section_title, q.gold_doc,
                                             q.section) for p in answer.passages),
        "doc_hit": any(c.doc_id == q.gold_doc for c in cites),
        "sentences": len(sents), "sentences_supported": sum(support),
        "sentence_support": support, "sentence_overlap": [round(o, 3) for o in overlaps],
        "citations_valid": sum(citation_valid(answer, index)) if cites else 0, "citations_n": len(cites),
        "removed_sentences": len(answer.removed),
        "off_label_pred": bool(flag and flag.off_label), "off_label_gold": q.off_label,
        "off_label_reason": flag.reason if flag else "",
        "seconds": round(seconds, 3),
    }


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate figures over some per-question rows."""
    ans = [r for r in rows if r["kind"] == "answerable"]
    unans = [r for r in rows if r["kind"] == "unanswerable"]
    answered = [r for r in rows if not r["refused"] and r["kind"] != "unanswerable"]
    flags = [r for r in rows if r["off_label_gold"] is not None]
    flagged_gold = [r for r in flags if r["off_label_gold"]]
    flagged_pred = [r for r in flags if r["off_label_pred"]]
    support = [ok for r in answered for ok in r["sentence_support"]]
    n_cites = sum(r["citations_n"] for r in rows)
    lat = [r["seconds"] for r in rows]
    out: dict[str, Any] = {
        "n": len(rows), "answerable": len(ans), "unanswerable": len(unans),
        "off_label_questions": len([r for r in rows if r["kind"] == "off_label"]),
        "citation_precision": _rate(support),
        "citation_validity": round(sum(r["citations_valid"] for r in rows) / n_cites, 4) if n_cites else None,
        "section_accuracy": _rate([r["section_hit"] for r in ans]),
        "section_accuracy_top1": _rate([r["section_hit_top1"] for r in ans]),
        "section_accuracy_answered": _rate([r["section_hit"] for r in ans if not r["refused"]]),
        "section_retrieved": _rate([r["section_retrieved"] for r in ans]),
        "doc_accuracy": _rate([r["doc_hit"] for r in ans]),
        "refusal_rate_unanswerable": _rate([r["refused"] for r in unans]),
        "false_refusal_rate": _rate([r["refused"] for r in ans]),
        "off_label_accuracy": _rate([r["off_label_pred"] == r["off_label_gold"] for r in flags]),
        "off_label_recall": _rate([r["off_label_pred"] for r in flagged_gold]),
        "off_label_precision": _rate([bool(r["off_label_gold"]) for r in flagged_pred]),
        "sentences_per_answer": _mean([float(r["sentences"]) for r in answered]),
        "generated_sentences_removed": _mean([float(r["removed_sentences"]) for r in answered]),
        "fallback_to_quotes_rate": _rate([r["fell_back"] for r in answered]) if answered else None,
        "latency_p50_s": round(float(np.percentile(lat, 50)), 3) if lat else None,
        "latency_p95_s": round(float(np.percentile(lat, 95)), 3) if lat else None,
    }
    for k in sorted({k for r in rows for k in r.get("ragas", {})}):
        out[f"ragas_{k}"] = _mean([r["ragas"][k] for r in rows if k in r.get("ragas", {})])
    return out


def evaluate_answers(services: Any, questions: list[AnswerQuestion], mode: str = "extractive",
                     judge: bool = False, progress: bool | None = None) -> dict[str, Any]:
    """Ask every question and score the answers; figures overall and per split.

    ``progress``: a progress bar on stderr (default: only when stderr is a terminal).
    """
    from tqdm import tqdm

    from evals import ragas_metrics

    if mode not in ("extractive", "generative"):
        raise ValueError(f"unknown mode '{mode}'; use extractive or generative")
    ask = services.ask_service(need_model=(mode == "generative"))
    index = _Index(services)
    ask.ask(questions[0].question, mode="extractive", user="eval-warmup")  # load models outside the timings
    rows: list[dict[str, Any]] = []
    samples: list[dict[str, Any]] = []
    quiet = None if progress is None else not progress
    bar = tqdm(questions, desc=f"Answering ({mode})", unit="q", disable=quiet)
    for q in bar:
        t0 = time.perf_counter()
        answer = ask.ask(q.question, mode=mode, user="eval")  # type: ignore[arg-type]
        seconds = time.perf_counter() - t0
        row = _judge_row(q, answer, seconds, mode, index, services.embed)
        rows.append(row)
        if q.answerable and not answer.refused:
            cited = {c.chunk_id for c in answer.citations}
            samples.append({"user_input": q.question, "response": " ".join(s.text for s in answer.sentences),
                            "retrieved_contexts": [p.text for p in answer.passages],
                            "cited_contexts": [p.text for p in answer.passages if p.chunk_id in cited],
                            "reference": q.reference or "",
                            "reference_contexts": index.reference_contexts(q)})
            row["ragas"] = {}
    scored = [r for r in rows if "ragas" in r]
    if samples:
        scores = ragas_metrics.nonllm_scores(samples)
        if judge:
            judged = ragas_metrics.judged_scores(samples, services.chat_model, services.store.embeddings)
            scores = [a | b for a, b in zip(scores, judged)]
        for row, sc in zip(scored, scores):
            row["ragas"] = sc
    settings = services.settings.ask
    report: dict[str, Any] = {
        "mode": mode, "judge": judge, "model": ask.model_name if mode == "generative" else "extractive",
        "settings": {"min_relevance": settings.min_relevance, "min_support": settings.min_support,
                     "max_sentences": settings.max_sentences, "passages": settings.passages},
        "ragas_metrics": ragas_metrics.metric_names(judge),
        "overall": summarize(rows), "splits": {},
    }
    for split in sorted({r["split"] for r in rows if r["split"]}):
        report["splits"][split] = summarize([r for r in rows if r["split"] == split])
    report["questions"] = rows
    return report


ROWS = [
    ("citation_precision", "answer sentences their cited quote supports"),
    ("citation_validity", "quotes found verbatim at the cited place"),
    ("section_accuracy", "answerable: a gold section is cited"),
    ("section_accuracy_top1", "answerable: the first citation is a gold section"),
    ("section_accuracy_answered", "the same, over the answerable ones answered"),
    ("section_retrieved", "answerable: a gold section among the retrieved passages"),
    ("doc_accuracy", "answerable: the gold document is cited"),
    ("refusal_rate_unanswerable", "unanswerable: refused"),
    ("false_refusal_rate", "answerable: refused"),
    ("off_label_accuracy", "off-label flag right"),
    ("off_label_recall", "off-label questions flagged"),
    ("off_label_precision", "flags that were off-label"),
    ("sentences_per_answer", "sentences in an answer"),
    ("generated_sentences_removed", "generated sentences dropped as unsupported"),
    ("fallback_to_quotes_rate", "generative answers that fell back to quotes"),
    ("latency_p50_s", "seconds per answer, median"),
    ("latency_p95_s", "seconds per answer, 95th percentile"),
]
GENERATIVE_ONLY = ("generated_sentences_removed", "fallback_to_quotes_rate")
RAGAS_MEANING = {
    "context_precision": "retrieved passages that are gold passages (ranked)",
    "context_recall": "gold passages among the retrieved",
    "string_similarity": "answer vs reference, Levenshtein",
    "rouge_l": "answer vs reference, ROUGE-L F",
    "bleu": "answer vs reference, BLEU",
    "faithfulness": "judge: claims of the answer in its cited passages",
    "answer_relevancy": "judge: the answer addresses the question",
    "llm_context_precision": "judge: retrieved passages useful for the reference",
    "llm_context_recall": "judge: reference claims found in retrieved passages",
}


def format_report(report: dict[str, Any]) -> str:
    """The figures as a table: one column per split and one for all questions."""
    cols = list(report.get("splits", {}).items()) + [("all", report["overall"])]
    keys = ROWS + [(k, RAGAS_MEANING.get(k.removeprefix("ragas_"), "")) for k in report["overall"]
                   if k.startswith("ragas_")]
    head = f"{'metric':<28}" + "".join(f"{name:>9}" for name, _ in cols) + "   meaning"
    cfg = report["settings"]
    lines = [f"Answers: mode={report['mode']} model={report['model']} judge={report['judge']} "
             f"min_relevance={cfg['min_relevance']} min_support={cfg['min_support']}", head, "-" * len(head)]
    for key, meaning in keys:
        if report["mode"] == "extractive" and key in GENERATIVE_ONLY:
            continue
        cells = "".join(f"{'-' if fig.get(key) is None else fig.get(key):>9}" for _, fig in cols)
        lines.append(f"{key:<28}{cells}   {meaning}")
    lines.append(" | ".join(f"{name}: {fig['n']} questions ({fig['answerable']} answerable, "
                            f"{fig['unanswerable']} unanswerable, {fig['off_label_questions']} off-label)"
                            for name, fig in cols))
    misses = [r for r in report.get("questions", [])
              if (r["kind"] == "answerable" and not r["section_hit"])
              or (r["kind"] == "unanswerable" and not r["refused"])]
    if misses:
        lines.append("Misses (answerable without a gold section cited; unanswerable not refused):")
        for r in misses[:30]:
            where = ", ".join(dict.fromkeys(c["section"] for c in r["citations"])) or "refused"
            lines.append(f"  {r['id']:<9} {r['split'] or '':<5} {r['question'][:58]:<58} -> {where[:60]}")
    return "\n".join(lines)
