"""Scenario files: the shipped library loads; malformed files name the field and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from coach.scenarios.loader import (LIBRARY, SCHEMA_PATH, ScenarioError, find_scenario, json_schema, load_library,
                                    load_scenario)
from corpus.readers import read_file
from tests.conftest import LABELS

LABEL_FILES = {"lipitor-label": "lipitor-orig.xml", "humira-label": "humira.xml", "triaminic-label": "cough.xml"}


def test_shipped_library_loads_with_varied_difficulty() -> None:
    lib = load_library()
    assert len(lib) >= 6
    assert {s.difficulty for s in lib.values()} == {"beginner", "intermediate", "advanced"}
    assert any(s.persona.terse for s in lib.values())


def test_every_resolving_section_exists_in_its_label() -> None:
    sections = {doc: {u.section_number for u in read_file(LABELS / f).units} for doc, f in LABEL_FILES.items()}
    for s in load_library().values():
        for c in s.concerns:
            for ref in c.resolve_evidence:
                assert ref.doc_id in s.documents, (s.id, c.id)
                for sec in ref.sections:
                    assert sec in sections[ref.doc_id], (s.id, c.id, sec)


def test_shipped_schema_matches_the_model() -> None:
    assert json.loads(SCHEMA_PATH.read_text()) == json_schema()


def _broken(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((LIBRARY / "statin-myopathy-elderly.yaml").read_text())
    change(data)
    p = tmp_path / "broken.yaml"
    p.write_text(yaml.safe_dump(data))
    return p


@pytest.mark.parametrize(("change", "field", "fix"), [
    (lambda d: d["baseline"].update(stance=5), "baseline.stance", "allowed range"),
    (lambda d: d["persona"].pop("name"), "persona.name", "add this field"),
    (lambda d: d["concerns"][1].update(colour="red"), "concerns.1.colour", "remove it"),
    (lambda d: d.update(difficulty="hard"), "difficulty", "listed values"),
    (lambda d: d["lines"]["view"].pop(2), "lines", "every stance"),
])
def test_malformed_scenarios_name_the_file_field_and_fix(tmp_path: Path, change, field: str, fix: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError) as err:
        load_scenario(_broken(tmp_path, change))
    msg = str(err.value)
    assert "broken.yaml" in msg and field in msg and fix in msg


def test_bad_yaml_and_unknown_ids(tmp_path: Path) -> None:
    p = tmp_path / "x.yaml"
    p.write_text("id: [unclosed\n")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        load_scenario(p)
    with pytest.raises(ScenarioError, match="coach scenarios list"):
        find_scenario("no-such-scenario")
