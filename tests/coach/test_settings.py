"""Settings: one root object, env prefix, nested sections, unknown fields refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coach.settings import Settings


def test_nested_sections_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM__PROVIDER", "openai")
    monkeypatch.setenv("COACH_RETRIEVAL__CHROMA_URL", "http://127.0.0.1:8000")
    monkeypatch.setenv("COACH_CORPUS__CHUNK_TOKENS", "120")
    s = Settings()
    assert (s.llm.provider, s.retrieval.chroma_url, s.corpus.chunk_tokens) == ("openai", "http://127.0.0.1:8000", 120)


def test_defaults_are_local_and_embedded(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COACH_LLM__PROVIDER", raising=False)
    s = Settings(data_dir=tmp_path)
    assert s.llm.provider == "llama" and s.llm.model == "qwen2.5-1.5b"
    assert s.retrieval.chroma_url is None and s.chroma_path == tmp_path / "chroma"
    assert s.database_url == f"sqlite:///{tmp_path / 'coach.db'}"


def test_unknown_fields_and_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_LLM__TEMPRATURE", "0.5")
    with pytest.raises(ValidationError, match="temprature"):
        Settings()
    monkeypatch.delenv("COACH_LLM__TEMPRATURE")
    monkeypatch.setenv("COACH_LLM__PROVIDER", "gpt")
    with pytest.raises(ValidationError, match="provider"):
        Settings()
