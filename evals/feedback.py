"""Feedback accuracy: replay labelled rehearsals and compare the scorecard with the gold verdicts."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.scorecard import ITEMS
from coach.rehearsal.session import Simulator
from coach.scenarios.loader import find_scenario, parse_scenario
from coach.services import Services


def load_rehearsals(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """Lines of a feedback file (optionally one split)."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        for field in ("scenario", "turns"):
            if field not in row:
                raise ValueError(f"{path}:{n}: field '{field}' is missing.")
        if split is None or row.get("split") == split:
            rows.append(row)
    return rows


def replay_one(services: Services, row: dict[str, Any], sims: dict[str, Simulator]) -> dict[str, bool]:
    """The scorecard verdicts of one labelled rehearsal."""
    sc = row["scenario"]
    scenario = parse_scenario(sc, "inline scenario") if isinstance(sc, dict) else find_scenario(sc)
    key = scenario.model_dump_json()
    if key not in sims:
        sims[key] = Simulator(scenario, services.act_analyzer, services.embed)
    sim = sims[key]
    msl, contexts, hcp_words, last_hcp = [], [], 0, scenario.lines.opening
    for i, t in enumerate(row["turns"]):
        if t["speaker"] == "msl":
            msl.append(t["text"])
            contexts.append(last_hcp)
        else:
            last_hcp = t["text"]
            if i > 0:
                hcp_words += len(t["text"].split())
    replay = sim.replay(msl, contexts)
    plan = PreCallPlan.model_validate(row.get("plan") or {})
    self_assessment = SelfAssessment.model_validate(row["self_assessment"]) if row.get("self_assessment") else None
    insight = Insight.model_validate(row["insight"]) if row.get("insight") else None
    return sim.score(plan, replay, hcp_words, self_assessment, insight).verdicts()


def evaluate_feedback(services: Services, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy per rubric item over the rehearsals that carry a gold verdict for it.

    Rehearsals labelled a second time, blind, by another annotator (``gold_b``) also give how often the two
    annotators agree and how often the scorecard agrees with the second: the ceiling the first figure is read against.
    """
    sims: dict[str, Simulator] = {}
    t0 = time.perf_counter()
    hits = {i: 0 for i in ITEMS}
    counts = {i: 0 for i in ITEMS}
    second = {i: [0, 0, 0] for i in ITEMS}  # rehearsals labelled twice, annotators agreeing, scorecard = second
    misses: list[dict[str, Any]] = []
    for row in rows:
        verdicts = replay_one(services, row, sims)
        other = row.get("gold_b") or {}
        for item, gold in (row.get("gold") or {}).items():
            if item not in verdicts:
                continue
            counts[item] += 1
            if verdicts[item] == bool(gold):
                hits[item] += 1
            else:
                misses.append({"id": row.get("id"), "item": item, "gold": bool(gold), "pred": verdicts[item]})
            if item in other:
                second[item][0] += 1
                second[item][1] += bool(other[item]) == bool(gold)
                second[item][2] += bool(other[item]) == verdicts[item]
    acc = {i: round(hits[i] / counts[i], 4) for i in ITEMS if counts[i]}
    agreement = {i: {"n": n, "annotators": round(a / n, 4), "scorecard_vs_second": round(b / n, 4)}
                 for i, (n, a, b) in second.items() if n}
    return {"n": len(rows), "seconds": round(time.perf_counter() - t0, 2), "accuracy": acc,
            "support": {i: counts[i] for i in ITEMS if counts[i]}, "agreement": agreement, "misses": misses}


def format_feedback(report: dict[str, Any]) -> str:
    """Accuracy table (with the second annotator's columns where there is one) and the disagreements."""
    agreement = report.get("agreement") or {}
    head = f"{'rubric item':<30}{'accuracy':>9}{'n':>5}"
    if agreement:
        head += f"{'2nd=gold':>10}{'vs 2nd':>8}{'n2':>5}"
    lines = [f"{report['n']} rehearsals replayed in {report['seconds']} s", head]
    for item, a in report["accuracy"].items():
        line = f"{item:<30}{a:>9.3f}{report['support'][item]:>5}"
        if item in agreement:
            g = agreement[item]
            line += f"{g['annotators']:>10.3f}{g['scorecard_vs_second']:>8.3f}{g['n']:>5}"
        lines.append(line)
    if agreement:
        lines.append("2nd=gold: a second annotator, labelling blind, agrees with the gold; vs 2nd: the scorecard "
                     "agrees with the second annotator.")
    if report["misses"]:
        lines.append("disagreements: " + ", ".join(f"{m['id']}:{m['item']}(gold {m['gold']})" for m in report["misses"]))
    return "\n".join(lines)
