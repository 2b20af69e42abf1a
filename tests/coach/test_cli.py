"""The `coach` command end to end on a private library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import common
from coach.cli.main import _load_plugins, app
from tests.conftest import LABELS

runner = CliRunner()


@pytest.fixture()
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    common.services.cache_clear()
    yield tmp_path
    common.services.cache_clear()


def test_ingest_docs_ask_withdraw(cli_env: Path, pdfs: dict[str, Path]) -> None:
    r = runner.invoke(app, ["ingest", str(LABELS / "cough.xml"), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["files"][0]["outcome"] == "ingested"

    r = runner.invoke(app, ["docs"])
    assert "triaminic-label" in r.output and "approved" in r.output

    r = runner.invoke(app, ["ask", "How often can children 6 to 12 years take a dose?", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["refused"] is False and out["off_label"] is False
    c = out["citations"][0]
    assert {"doc_id", "version", "page", "section_number", "section_title", "quote"} <= c.keys()
    assert c["doc_id"] == "triaminic-label" and c["quote"]

    r = runner.invoke(app, ["ask", "How often can children 6 to 12 years take a dose?"])
    assert "[1]" in r.output and "Triaminic" in r.output.replace("TRIAMINIC", "Triaminic")

    assert runner.invoke(app, ["withdraw", "triaminic-label"]).exit_code == 0
    out = json.loads(runner.invoke(app, ["ask", "How often can children 6 to 12 years take a dose?", "--json"]).stdout)
    assert out["refused"] is True and out["citations"] == []
    assert "withdrawn" in runner.invoke(app, ["docs"]).output

    r = runner.invoke(app, ["audit", "--limit", "5"])
    assert r.output.count("Q: How often can children") == 3


def test_a_failed_file_sets_the_exit_code_and_says_why(cli_env: Path, pdfs: dict[str, Path]) -> None:
    r = runner.invoke(app, ["ingest", str(pdfs["locked"])])
    assert r.exit_code == 2 and "password-protected" in r.output


def test_domain_errors_are_one_clear_line(cli_env: Path) -> None:
    r = runner.invoke(app, ["withdraw", "no-such-doc"])
    assert r.exit_code == 1 and "No document 'no-such-doc'" in r.output
    r = runner.invoke(app, ["ask", "anything", "--mode", "generative"])
    assert r.exit_code == 1 and "COACH_LLM__PROVIDER" in r.output
    assert "library is empty" in runner.invoke(app, ["docs"]).output


def test_eval_commands_plug_in_by_entry_point() -> None:
    _load_plugins()
    r = runner.invoke(app, ["eval", "--help"])
    assert r.exit_code == 0 and "retrieval" in r.output and "answers" in r.output
