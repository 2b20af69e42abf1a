"""Load and validate scenario files; errors name the file, the field and the fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coach.errors import CoachError
from coach.scenarios.model import Scenario

LIBRARY = Path(__file__).with_name("library")
SCHEMA_PATH = Path(__file__).with_name("scenario.schema.json")


class ScenarioError(CoachError):
    """A scenario file is malformed or missing."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format."""
    return Scenario.model_json_schema()


def _fix(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "add this field"
    if kind == "extra_forbidden":
        return "remove it or check its spelling"
    if kind in ("greater_than_equal", "less_than_equal"):
        return "use a value in the allowed range"
    if kind == "literal_error":
        return "use one of the listed values"
    if kind == "string_pattern_mismatch":
        return "use lower-case letters, digits and dashes"
    if kind == "too_short":
        return "add at least one item"
    return "correct the value"


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    """Validate a parsed YAML/JSON object."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: a scenario is a mapping of fields (id, title, persona, …); got {type(data).__name__}.")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(top level)"
            problems.append(f"field '{field}': {err['msg']} — {_fix(err)}")
        raise ScenarioError(f"{source}: " + "; ".join(problems)) from exc


def load_scenario(path: Path) -> Scenario:
    """Read one scenario file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioError(f"{path}: no such scenario file.") from exc
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML ({exc}); fix the indentation or quoting.") from exc
    return parse_scenario(data, str(path))


def scenario_files(folder: Path | None = None) -> list[Path]:
    """Scenario files in a folder (the shipped library by default)."""
    folder = folder or LIBRARY
    return sorted(p for p in folder.glob("*.y*ml"))


def load_library(folder: Path | None = None) -> dict[str, Scenario]:
    """Every scenario of a folder by id; a malformed file raises with its name."""
    out: dict[str, Scenario] = {}
    for path in scenario_files(folder):
        s = load_scenario(path)
        if s.id in out:
            raise ScenarioError(f"{path}: id '{s.id}' is used by another scenario; give it a unique id.")
        out[s.id] = s
    return out


def find_scenario(ref: str, folder: Path | None = None) -> Scenario:
    """A scenario by id or by file path."""
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return load_scenario(p)
    library = load_library(folder)
    if ref not in library:
        raise ScenarioError(f"No scenario '{ref}'; `coach scenarios list` shows the ids.")
    return library[ref]


def write_schema() -> Path:
    """Regenerate the shipped JSON Schema file."""
    SCHEMA_PATH.write_text(json.dumps(json_schema(), indent=2) + "\n")
    return SCHEMA_PATH
