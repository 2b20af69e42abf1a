"""Chat-model providers and local model files."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coach.errors import ModelError
from coach.llm import model_files
from coach.llm.model_files import QWEN_SIZE, assemble_qwen, resolve_gguf, smollm_path
from coach.llm.providers import get_chat_model, model_label
from coach.services import Services
from coach.settings import LLMSettings, Settings
from tests.conftest import LABELS

QUESTION = "What is the recommended starting dose of Lipitor for hyperlipidemia?"


def test_tiny_model_is_found_inside_its_wheel() -> None:
    assert smollm_path().suffix == ".gguf"
    assert resolve_gguf("smollm2-135m", Path("/nonexistent")) == smollm_path()


def test_assembly_refuses_a_file_whose_hash_differs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = []
    for i in range(2):
        p = tmp_path / f"part{i}.bin"
        p.write_bytes(b"not the model" * 10)
        parts.append(p)
    monkeypatch.setattr(model_files, "qwen_parts", lambda: parts)
    with pytest.raises(ModelError, match="sha256"):
        assemble_qwen(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf"))


def test_clear_errors_for_missing_files_and_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="No GGUF file"):
        resolve_gguf("/no/such/model.gguf", tmp_path)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ModelError, match="OPENAI_API_KEY"):
        get_chat_model(LLMSettings(provider="openai", model="gpt-4o-mini"), tmp_path)
    with pytest.raises(ModelError, match="AZURE_OPENAI_API_KEY"):
        get_chat_model(LLMSettings(provider="azure", model="gpt-4o"), tmp_path)
    assert get_chat_model(LLMSettings(provider="none"), tmp_path) is None
    assert model_label(LLMSettings(provider="openai", model="m")) == "openai:m"


def _generative_services(tmp_path: Path, **llm: object) -> Services:
    s = Services(Settings(data_dir=tmp_path, llm=LLMSettings(**llm)))
    assert s.ingestor.ingest(LABELS / "lipitor-orig.xml").count("ingested") == 1
    return s


def _check_grounded(answer) -> None:  # type: ignore[no-untyped-def]
    """Every shown sentence is cited and supported; nothing unsupported carries a citation."""
    assert not answer.refused
    assert answer.sentences
    for s in answer.sentences:
        assert s.supported and s.citations
        assert all(1 <= n <= len(answer.citations) for n in s.citations)
    assert all(not r.citations for r in answer.removed)


@pytest.mark.slow
def test_tiny_local_model_streams_a_checked_answer(tmp_path: Path) -> None:
    s = _generative_services(tmp_path, provider="llama", model="smollm2-135m", max_tokens=96)
    events = list(s.ask_service(need_model=True).stream(QUESTION, mode="generative"))
    assert events[0].kind == "sources" and events[0].snippets
    assert sum(e.kind == "token" for e in events) > 1  # streamed
    _check_grounded(events[-1].answer)


@pytest.mark.slow
def test_default_local_model_answers_with_citations(tmp_path: Path) -> None:
    path = assemble_qwen(Settings().cache_dir)
    assert path.stat().st_size == QWEN_SIZE
    s = _generative_services(tmp_path, provider="llama", max_tokens=120)
    answer = s.ask_service(need_model=True).ask(QUESTION, mode="generative")
    _check_grounded(answer)
    assert answer.mode == "generative", answer.refusal_reason
    assert answer.first_token_seconds is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.server
def test_openai_compatible_endpoint_against_a_local_llama_cpp_server(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(smollm_path()),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--model_alias", "smollm"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("llama_cpp.server did not start")
                time.sleep(0.5)
        s = _generative_services(tmp_path, provider="openai", model="smollm", base_url=f"http://127.0.0.1:{port}/v1",
                                 max_tokens=96)
        events = list(s.ask_service(need_model=True).stream(QUESTION, mode="generative"))
        assert sum(e.kind == "token" for e in events) > 1
        answer = events[-1].answer
        _check_grounded(answer)
        assert answer.model == "openai:smollm"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
