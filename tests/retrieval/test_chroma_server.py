"""The same code path against a real `chroma run` server on loopback, started by this test."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coach.services import Services
from coach.settings import LLMSettings, Settings
from retrieval.config import RetrievalSettings
from retrieval.errors import StoreError
from retrieval.store import make_client
from tests.conftest import LABELS

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed in this environment")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = open(path / "server.log", "w")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited: {(path / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("chroma run did not answer within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_ingest_search_and_withdraw_through_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, llm=LLMSettings(provider="none"),
                        retrieval=RetrievalSettings(chroma_url=chroma_url))
    s = Services(settings)
    report = s.ingestor.ingest(LABELS / "cough.xml")
    assert report.count("ingested") == 1
    assert not (tmp_path / "chroma").exists()  # nothing embedded: the server holds the vectors
    hits = s.retriever.search("How often can a child take a dose?", k=3, mode="hybrid")
    assert hits and hits[0].doc_id == "triaminic-label"
    s.withdraw("triaminic-label")
    # A second process-like client sees the withdrawal at once.
    other = Services(settings)
    assert other.retriever.search("How often can a child take a dose?", k=3) == []


def test_unreachable_server_says_what_to_do() -> None:
    with pytest.raises(StoreError, match="chroma run"):
        make_client(url=f"http://127.0.0.1:{_free_port()}")
