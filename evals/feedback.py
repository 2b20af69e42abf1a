"""Feedback accuracy: replay labelled rehearsals and compare the scorecard with the gold verdicts."""

from __future__ import annotations

import difflib
import json
import time
from pathlib import Path
from typing import Any

from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.scorecard import ITEMS
from coach.rehearsal.session import Replay, Simulator
from coach.scenarios.loader import find_scenario, parse_scenario
from coach.scenarios.model import Scenario
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
    return replay_row(services, row, sims)[0]


# An annotator's HCP line is read as the scenario line it is nearest to, when it is this close (they write the
# scenario's lines "verbatim or nearly so").
LINE_MATCH = 0.6


def _line_kinds(scenario: Scenario) -> list[tuple[str, str]]:
    """Each scenario line with what it conveys: a concern voiced or answered, or a kind of reply."""
    lines = scenario.lines
    out = [(t.strip(), f"{kind}:{c.id}") for c in scenario.concerns
           for t, kind in ((c.revealed_line, "reveal"), (c.resolved_line, "resolved"))]
    for kind, texts in (("closed_answer", lines.closed_answers), ("nothing_new", lines.nothing_new),
                        ("pushback", lines.pushback), ("unconvinced", lines.unconvinced),
                        ("view", list(lines.view.values())), ("acknowledge", lines.acknowledge)):
        out += [(t.strip(), kind) for t in texts]
    return out


def hcp_lines_agree(scenario: Scenario, replay: Replay, answers: list[str]) -> tuple[int, int]:
    """Of the annotator's HCP answers that read as one of the scenario's lines, how many say what the replayed hidden
    state says at that turn (the same concern voiced or answered, or the same kind of reply): a turn-by-turn check of
    the state the verdicts rest on."""
    kinds = _line_kinds(scenario)
    agree = total = 0
    for answer, reactions in zip(answers, replay.reactions):
        if not answer.strip():
            continue
        ratios = [difflib.SequenceMatcher(None, answer.lower(), t.lower()).ratio() for t, _ in kinds]
        best = max(range(len(kinds)), key=ratios.__getitem__)
        if ratios[best] < LINE_MATCH:
            continue
        said = {f"{r.kind}:{r.concern}" if r.kind in ("reveal", "resolved") else r.kind for r in reactions}
        if "early_evidence" in said:  # evidence before its concern is voiced gets an 'unconvinced' line
            said.add("unconvinced")
        total += 1
        agree += kinds[best][1] in said
    return agree, total


def replay_row(services: Services, row: dict[str, Any], sims: dict[str, Simulator]) -> tuple[dict[str, bool], int, int]:
    """The scorecard verdicts of one labelled rehearsal, and how many of its HCP answers the replay agrees with (of
    those that read as a scenario line)."""
    sc = row["scenario"]
    scenario = parse_scenario(sc, "inline scenario") if isinstance(sc, dict) else find_scenario(sc)
    key = scenario.model_dump_json()
    if key not in sims:
        sims[key] = Simulator(scenario, services.act_analyzer, services.embed)
    sim = sims[key]
    msl, contexts, answers, hcp_words, last_hcp = [], [], [], 0, scenario.lines.opening
    turns = row["turns"]
    for i, t in enumerate(turns):
        if t["speaker"] == "msl":
            msl.append(t["text"])
            contexts.append(last_hcp)
            answers.append(turns[i + 1]["text"] if i + 1 < len(turns) and turns[i + 1]["speaker"] == "hcp" else "")
        else:
            last_hcp = t["text"]
            if i > 0:
                hcp_words += len(t["text"].split())
    replay = sim.replay(msl, contexts)
    agree, total = hcp_lines_agree(scenario, replay, answers)
    plan = PreCallPlan.model_validate(row.get("plan") or {})
    self_assessment = SelfAssessment.model_validate(row["self_assessment"]) if row.get("self_assessment") else None
    insight = Insight.model_validate(row["insight"]) if row.get("insight") else None
    return sim.score(plan, replay, hcp_words, self_assessment, insight).verdicts(), agree, total


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
    lines = [0, 0]  # HCP answers the replay agrees with, of those read as a scenario line
    for row in rows:
        verdicts, agree, total = replay_row(services, row, sims)
        lines[0] += agree
        lines[1] += total
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
            "support": {i: counts[i] for i in ITEMS if counts[i]}, "agreement": agreement,
            "hcp_lines": {"agree": lines[0], "of": lines[1]}, "misses": misses}


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
    hcp = report.get("hcp_lines") or {}
    if hcp.get("of"):
        lines.append(f"HCP answers the replayed state agrees with: {hcp['agree']} of {hcp['of']} "
                     f"({hcp['agree'] / hcp['of']:.3f})")
    if report["misses"]:
        lines.append("disagreements: " + ", ".join(f"{m['id']}:{m['item']}(gold {m['gold']})" for m in report["misses"]))
    return "\n".join(lines)
