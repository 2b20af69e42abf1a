"""Claim-check accuracy: labelled MSL claims about a label, each supported by it or not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coach.acts.claims import ClaimChecker


def load_claims(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """Lines of a claims file (optionally one split); each needs 'claim', 'doc_id' and 'supported'."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        for field in ("claim", "doc_id", "supported"):
            if field not in row:
                raise ValueError(f"{path}:{n}: field '{field}' is missing.")
        if split is None or row.get("split") == split:
            rows.append(row)
    return rows


def evaluate_claims(checker: ClaimChecker, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, and how many unsupported claims pass and supported ones are refused, with why."""
    results = [checker.check(r["claim"], [r["doc_id"]]) for r in rows]
    right = [res.supported == r["supported"] for r, res in zip(rows, results)]
    return {
        "n": len(rows),
        "accuracy": round(sum(right) / max(len(rows), 1), 4),
        "unsupported_passed": sum(res.supported and not r["supported"] for r, res in zip(rows, results)),
        "unsupported": sum(not r["supported"] for r in rows),
        "supported_refused": sum(r["supported"] and not res.supported for r, res in zip(rows, results)),
        "supported": sum(bool(r["supported"]) for r in rows),
        "errors": [{"id": r.get("id"), "claim": r["claim"], "gold": r["supported"], "flags": res.flags}
                   for r, res, ok in zip(rows, results, right) if not ok],
    }


def format_claims(report: dict[str, Any]) -> str:
    """A short summary and the claims judged wrongly."""
    lines = [f"{report['n']} claims, accuracy {report['accuracy']:.3f}",
             f"unsupported claims passed: {report['unsupported_passed']} of {report['unsupported']}",
             f"supported claims refused: {report['supported_refused']} of {report['supported']}"]
    for e in report["errors"]:
        lines.append(f"  {e['id']} (gold {'supported' if e['gold'] else 'unsupported'}): {e['claim']}")
    return "\n".join(lines)
