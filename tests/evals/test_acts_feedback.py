"""`coach eval acts` and `coach eval feedback` on small real data."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coach.cli.main import _load_plugins, app
from evals.acts import evaluate_acts, format_acts

runner = CliRunner()
LINES = [
    {"text": "Can you tell me how you decide when to start a statin in your older patients?", "context": "",
     "question_type": "open", "checks_view_change": False},
    {"text": "So you'd agree the muscle risk is small, right?", "context": "It worries me.",
     "question_type": "closed", "checks_view_change": False},
    {"text": "Having gone through section 5.1 together, where does that leave you on starting a statin at 80?",
     "context": "That's clearer than I thought.", "question_type": "open", "checks_view_change": True},
    {"text": "The label reports rhabdomyolysis as rare.", "context": "", "question_type": "none",
     "checks_view_change": False, "evidence": True},
]


def test_acts_metrics_on_clear_cases(labels_services) -> None:  # type: ignore[no-untyped-def]
    report = evaluate_acts(labels_services.act_analyzer, LINES)
    qt = report["fields"]["question_type"]
    assert qt["macro_f1"] == 1.0, qt["errors"]
    assert qt["confusion"] == [[1, 0, 0], [0, 1, 0], [0, 0, 2]] or sum(map(sum, qt["confusion"])) == 4
    assert report["fields"]["checks_view_change"]["per_value"]["True"]["recall"] == 1.0
    assert "macro-F1" in format_acts(report) and "confusion" in format_acts(report)


def test_eval_acts_command_writes_json(tmp_path: Path, labels_services) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "acts.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in LINES))
    _load_plugins()
    out = tmp_path / "acts.json"
    r = runner.invoke(app, ["eval", "acts", "--data", str(data), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["fields"]["question_type"]["per_value"]["open"]["support"] == 2
