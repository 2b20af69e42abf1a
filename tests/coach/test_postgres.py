"""App state on PostgreSQL: a real server from Debian's packages, started on loopback by this test."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from coach.services import Services
from coach.settings import AppSettings, LLMSettings, Settings

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():  # type: ignore[no-untyped-def]
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        pytest.skip("PostgreSQL server binaries not installed (scripts/test-services.sh installs them)")
    bindir = Path(found[-1]).parent
    root = os.geteuid() == 0
    work = Path(tempfile.mkdtemp(prefix="coach-pg-", dir="/tmp"))
    run_as: list[str] = []
    if root:  # postgres refuses to run as root
        shutil.chown(work, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = work / "data", _free_port()
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    server = subprocess.Popen([*run_as, str(bindir / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port),
                               "-k", str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while subprocess.run([str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                         capture_output=True).returncode != 0:
        if time.time() > deadline or server.poll() is not None:
            server.terminate()
            pytest.fail("PostgreSQL did not start")
        time.sleep(0.3)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)


def test_registry_and_audit_log_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, llm=LLMSettings(provider="none"), app=AppSettings(database_url=postgres_url))
    s = Services(settings)
    doc = tmp_path / "docs" / "renal-dosing.md"
    doc.parent.mkdir()
    doc.write_text("# Renal dosing\n\nNo dose adjustment of the product is needed in renal impairment.\n")
    assert s.ingestor.ingest(doc.parent).count("ingested") == 1
    assert s.ingestor.ingest(doc.parent).count("unchanged") == 1
    answer = s.ask_service().ask("Is a dose adjustment needed in renal impairment?")
    assert not answer.refused and answer.citations[0].doc_id == "renal-dosing"
    # A second app replica sharing the database sees the same library and audit log.
    other = Services(settings)
    assert [r.doc_id for r in other.registry.documents()] == ["renal-dosing"]
    entry = other.audit.recent(1)[0]
    assert entry.question.startswith("Is a dose adjustment") and entry.citations[0]["doc_id"] == "renal-dosing"
    s.withdraw("renal-dosing")
    assert other.registry.current("renal-dosing").status == "withdrawn"
