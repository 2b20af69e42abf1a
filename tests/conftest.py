"""Shared fixtures: isolated data folders, services on a small real corpus, test PDFs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "demo_corpus" / "labels"
PUBLICATIONS = ROOT / "demo_corpus" / "publications"


@pytest.fixture(autouse=True, scope="session")
def _isolated_env(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The run never touches the user's library or a remote service: settings from the environment are
    dropped and the default data dir is a temporary one (tests that need their own set it themselves)."""
    for var in list(os.environ):
        if var.startswith("COACH_") and var != "COACH_CACHE_DIR":
            del os.environ[var]
    os.environ["COACH_DATA_DIR"] = str(tmp_path_factory.mktemp("default-data"))
    os.environ["COACH_LLM__PROVIDER"] = "none"


def make_services(data_dir: Path, **llm: object):  # type: ignore[no-untyped-def]
    """Services on a fresh data dir (no chat model unless given)."""
    from coach.services import Services
    from coach.settings import LLMSettings, Settings

    settings = Settings(data_dir=data_dir, llm=LLMSettings(**({"provider": "none"} | llm)))
    return Services(settings)


@pytest.fixture(scope="session")
def labels_services(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Services with the three demo labels ingested (read-only use: do not withdraw here)."""
    s = make_services(tmp_path_factory.mktemp("labels-index"))
    report = s.ingestor.ingest(LABELS)
    assert report.count("ingested") == 3, report.files
    return s


@pytest.fixture()
def labels_data_copy(labels_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """A private copy of the labels library's data dir, made the default one (COACH_DATA_DIR) for this test."""
    labels_services.engine.dispose()
    dst = tmp_path / "data"
    shutil.copytree(labels_services.settings.data_dir, dst)
    monkeypatch.setenv("COACH_DATA_DIR", str(dst))
    return dst


@pytest.fixture()
def fresh_services(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Services on an empty library of this test's own."""
    return make_services(tmp_path / "lib")


@pytest.fixture()
def pdfs(tmp_path: Path) -> dict[str, Path]:
    """A good two-page PDF and the bad kinds: encrypted, image-only, corrupt, empty."""
    from fpdf import FPDF

    out = tmp_path / "pdfs"
    out.mkdir()

    def text_pdf(path: Path, pages: list[str], password: str | None = None) -> None:
        pdf = FPDF()
        pdf.set_font("helvetica", size=11)
        for body in pages:
            pdf.add_page()
            pdf.multi_cell(0, 6, body)
        if password:
            pdf.set_encryption(owner_password="owner-" + password, user_password=password)
        pdf.output(str(path))

    good = out / "statin-response.pdf"
    text_pdf(good, [
        "Standard response: atorvastatin and muscle symptoms. Myopathy with atorvastatin is rare. "
        "Patients should report unexplained muscle pain, tenderness or weakness promptly.",
        "Older patients. Advanced age (65 years or older) is a predisposing factor for myopathy. "
        "Creatine kinase should be measured when symptoms occur.",
    ])
    text_pdf(out / "locked.pdf", ["Secret approved text about dosing."], password="s3cret")
    img = FPDF()
    img.add_page()
    img.set_fill_color(30, 30, 30)
    img.rect(20, 20, 100, 60, style="F")  # drawn shapes only: no text layer
    img.output(str(out / "scanned.pdf"))
    (out / "broken.pdf").write_bytes(good.read_bytes()[:400])
    (out / "empty.pdf").write_bytes(b"")
    return {p.stem: p for p in out.iterdir()}


@pytest.fixture()
def label_copy(tmp_path: Path) -> Path:
    """A private copy of the demo labels folder (tests may change files in it)."""
    dst = tmp_path / "labels"
    shutil.copytree(LABELS, dst)
    return dst
