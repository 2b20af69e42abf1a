"""Dialogue-act metrics: precision/recall/F1 per field and value, macro-F1, confusion matrices."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from coach.acts.analyzer import ActAnalyzer

GOLD_FIELDS = ("question_type", "follow_up", "evidence", "checks_view_change", "reflection", "promotional")


def load_utterances(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """Lines of an acts file (optionally one split); each needs 'text'."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row:
            raise ValueError(f"{path}:{n}: field 'text' is missing.")
        if split is None or row.get("split") == split:
            rows.append(row)
    return rows


def evaluate_acts(analyzer: ActAnalyzer, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Predict every line and score each gold field present."""
    t0 = time.perf_counter()
    preds = analyzer.classify([r["text"] for r in rows], [r.get("context", "") or "" for r in rows])
    per_turn_ms = (time.perf_counter() - t0) * 1000 / max(len(rows), 1)
    report: dict[str, Any] = {"n": len(rows), "ms_per_turn": round(per_turn_ms, 2), "fields": {}}
    for f in GOLD_FIELDS:
        idx = [i for i, r in enumerate(rows) if f in r]
        if not idx:
            continue
        gold = [str(rows[i][f]) for i in idx]
        pred = [str(getattr(preds[i], f)) for i in idx]
        labels = sorted(set(gold) | set(pred))
        p, r, f1, support = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
        report["fields"][f] = {
            "macro_f1": round(float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0)), 4),
            "per_value": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                                "f1": round(float(f1[i]), 4), "support": int(support[i])} for i, lab in enumerate(labels)},
            "labels": labels,
            "confusion": confusion_matrix(gold, pred, labels=labels).tolist(),
            "errors": [{"text": rows[i]["text"], "gold": g, "pred": q} for i, g, q in zip(idx, gold, pred) if g != q][:20],
        }
        # Lines labelled a second time, blind, by another annotator: how far two people agree on this field.
        twice = [i for i in idx if f in (rows[i].get("second") or {})]
        if twice:
            first, other = [str(rows[i][f]) for i in twice], [str(rows[i]["second"][f]) for i in twice]
            report["fields"][f]["second_annotator"] = {
                "n": len(twice),
                "agreement": round(sum(a == b for a, b in zip(first, other)) / len(twice), 4),
                "macro_f1": round(float(f1_score(first, other, labels=sorted(set(first)), average="macro",
                                                 zero_division=0)), 4)}
    return report


def format_acts(report: dict[str, Any]) -> str:
    """Readable tables."""
    lines = [f"{report['n']} utterances, {report['ms_per_turn']} ms per turn (batch)"]
    for f, d in report["fields"].items():
        lines.append(f"\n{f}: macro-F1 {d['macro_f1']:.3f}")
        if "second_annotator" in d:
            sa = d["second_annotator"]
            lines.append(f"  a second annotator, blind, on {sa['n']} of these lines: agreement {sa['agreement']:.3f}, "
                         f"macro-F1 against the gold {sa['macro_f1']:.3f}")
        lines.append(f"  {'value':<8}{'prec':>7}{'recall':>8}{'f1':>7}{'n':>5}")
        for v, m in d["per_value"].items():
            lines.append(f"  {v:<8}{m['precision']:>7.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['support']:>5}")
        labels = d["labels"]
        lines.append("  confusion (rows gold, columns predicted): " + " ".join(labels))
        for lab, row in zip(labels, np.array(d["confusion"])):
            lines.append(f"    {lab:<8}" + "".join(f"{x:>6}" for x in row))
    return "\n".join(lines)
