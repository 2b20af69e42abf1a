"""`coach rehearse` at the terminal: a whole call from piped answers, an interruption, and the resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import common
from coach.cli.main import app

runner = CliRunner()
PLAN = ["Understand her worries about statins over 75 and evolve her view to case by case",  # objective
        "y",  # intends to evolve the view
        "Reluctant because of muscle effects",  # hypothesis
        "What worries you most?; How do you decide?",  # probing questions
        "Lipitor label 5.1; 8.5"]  # evidence


@pytest.fixture()
def rehearse_env(labels_data_copy: Path) -> Path:
    common.services.cache_clear()
    yield labels_data_copy
    common.services.cache_clear()


def _sessions() -> list[dict]:  # type: ignore[type-arg]
    return json.loads(runner.invoke(app, ["sessions", "--json"]).stdout)  # type: ignore[no-any-return]


def test_a_piped_rehearsal_prints_the_scorecard_and_is_saved(rehearse_env: Path) -> None:
    turns = ["Can you tell me what worries you most about statins in your older patients?",
             "You said two patients had muscle pain. What happened then?",
             "The Lipitor label, section 5.1, says myopathy is occasional and rhabdomyolysis rare, lists advanced age "
             "as a predisposing factor, and advises stopping the drug if myopathy is suspected.",
             "Having seen that, has your view on statins in patients over 75 changed?",
             "/end"]
    after = ["yes", "0", "Open to it case by case with monitoring",
             "She avoids statins over 75 because two patients developed myopathy; she would use them with monitoring."]
    before = {s["id"] for s in _sessions()}  # the copied library may hold other tests' sessions
    r = runner.invoke(app, ["rehearse", "statin-myopathy-elderly", "--scripted"],
                      input="\n".join(PLAN + turns + after) + "\n")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "HCP: Thanks for coming by" in out
    assert "Two of my patients in their eighties" in out  # the open question revealed the concern
    assert "Scorecard" in out and "PASS" in out
    assert "Stance by turn:" in out

    sessions = [s for s in _sessions() if s["id"] not in before]
    assert len(sessions) == 1 and sessions[0]["status"] == "done"
    assert sessions[0]["passed"]["probed_before_presenting"] is True


def test_an_interrupted_rehearsal_resumes_with_its_transcript(rehearse_env: Path) -> None:
    # The input ends mid-call: the terminal closes after the first turn.
    r = runner.invoke(app, ["rehearse", "statin-myopathy-elderly", "--scripted"],
                      input="\n".join(PLAN + ["What worries you most about statins in older patients?"]) + "\n")
    assert "HCP:" in r.output
    s = max(_sessions(), key=lambda s: s["id"])
    r = runner.invoke(app, ["rehearse", "--resume", str(s["id"]), "--scripted"],
                      input="/end\nunsure\n\n\n\n")
    assert r.exit_code == 0, r.output
    assert "Resuming session" in r.output
    assert "You: What worries you most about statins in older patients?" in r.output
    assert "Scorecard" in r.output
