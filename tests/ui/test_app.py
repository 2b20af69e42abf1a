"""The Streamlit app driven headless with AppTest: Ask, Library, a whole rehearsal, and My progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import LABELS, ROOT

UI = ROOT / "coach" / "ui"
TIMEOUT = 180


@pytest.fixture()
def app_data(labels_data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the labels library, used by the app through the environment's settings."""
    monkeypatch.setenv("COACH_LLM__PROVIDER", "none")
    st.cache_resource.clear()
    yield labels_data_copy
    st.cache_resource.clear()


@pytest.fixture()
def empty_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("COACH_LLM__PROVIDER", "none")
    st.cache_resource.clear()
    yield tmp_path / "empty"
    st.cache_resource.clear()


def page(name: str) -> AppTest:
    at = AppTest.from_file(str(UI / name), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_app_opens_on_the_ask_page(empty_data: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Ask the approved sources"
    assert "library is empty" in at.info[0].value


def test_ask_cites_the_label_section_with_its_quote(app_data: Path) -> None:
    at = page("ask_page.py")
    at.text_area(key="question").input("What does the Lipitor label say about myopathy and rhabdomyolysis?")
    button(at, "Ask").click().run()
    assert not at.exception
    assert any(h.value == "Answer" for h in at.subheader)
    labels = [e.label for e in at.expander]
    cited = [lab for lab in labels if lab.startswith("[1]")]
    assert cited and re.search(r"LIPITOR .* · version \d+ · \d+(\.\d+)* [A-Z]", cited[0]), labels
    quotes = " ".join(m.value for m in at.markdown if m.value.startswith(">"))
    assert "myopathy" in quotes.lower()
    assert not at.warning  # on-label question: no off-label banner


def test_ask_refuses_and_flags_off_label(app_data: Path) -> None:
    at = page("ask_page.py")
    at.text_area(key="question").input("What did the sales team spend on the Lipitor launch party in Paris?")
    button(at, "Ask").click().run()
    assert "do not answer" in at.info[0].value
    assert not [e for e in at.expander if e.label.startswith("[1]")]

    at.text_area(key="question").input("Can Humira be used to treat multiple sclerosis?")
    button(at, "Ask").click().run()
    assert at.warning and "Off-label" in at.warning[0].value
    assert "Medical Information" in at.warning[0].value


def test_library_lists_withdraws_and_reinstates(app_data: Path) -> None:
    at = page("library_page.py")
    table = at.dataframe[0].value
    assert set(table["doc_id"]) == {"lipitor-label", "humira-label", "triaminic-label"}
    assert table["answers"].all()
    at.selectbox(key="status_doc").select("humira-label")
    button(at, "Withdraw").click().run()
    assert "Withdrew humira-label" in at.success[0].value
    table = at.dataframe[0].value
    assert not table.loc[table["doc_id"] == "humira-label", "answers"].item()
    assert at.metric[0].value == "2"
    at.selectbox(key="status_doc").select("humira-label")
    button(at, "Reinstate").click().run()
    assert at.metric[0].value == "3"


def test_uploaded_file_is_ingested_with_its_metadata_and_reported(app_data: Path, pdfs: dict[str, Path]) -> None:
    from coach.services import Services
    from coach.settings import Settings
    from coach.ui.state import ingest_upload

    s = Services(Settings())
    report = ingest_upload(s, "My statin response.pdf", pdfs["statin-response"].read_bytes(),
                           {"doc_id": "sr-statin", "title": "Statin standard response", "type": "standard_response",
                            "product": "Lipitor"})
    assert report.count("ingested") == 1
    bad = ingest_upload(s, "scan.pdf", pdfs["scanned"].read_bytes(), {})
    assert bad.count("failed") == 1 and "text" in bad.files[0].reason.lower()
    st.cache_resource.clear()
    at = page("library_page.py")
    table = at.dataframe[0].value
    row = table[table["doc_id"] == "sr-statin"].iloc[0]
    assert row["title"] == "Statin standard response" and row["type"] == "standard_response"


def _rehearse(at: AppTest, turns: list[str]) -> AppTest:
    at.selectbox(key="scenario_id").select("statin-myopathy-elderly").run()
    areas = at.text_area
    areas[0].input("Understand her concerns about statins over 75 and evolve her view to case-by-case use.")
    areas[1].input("Reluctant because of muscle side effects.")
    areas[2].input("What worries you most about statins in your older patients?")
    button(at, "Start the call").click().run()
    assert not at.exception
    assert at.chat_message, "the HCP's opening line is shown"
    for text in turns:
        at.chat_input[0].set_value(text).run()
        assert not at.exception, at.exception
    button(at, "End the call").click().run()
    at.radio(key="view_changed").set_value("yes")
    at.select_slider[0].set_value(0)
    at.text_area[0].input("She worries about myopathy in patients over 75 because two of her patients stopped "
                          "walking; she would consider it with a monitoring plan.")
    button(at, "See my scorecard").click().run()
    assert not at.exception, at.exception
    return at


def test_a_whole_rehearsal_ends_in_a_scorecard_and_shows_in_progress(app_data: Path) -> None:
    at = page("rehearse_page.py")
    at = _rehearse(at, [
        "Can you tell me what worries you most about statins in your older patients?",
        "You mentioned two patients in their eighties with muscle pain. What happened with them?",
        "The Lipitor label, section 5.1, says myopathy is occasional and rhabdomyolysis rare, and lists advanced "
        "age as a predisposing factor; it advises stopping if CPK rises markedly or myopathy is suspected.",
        "Having seen that, has your view on starting a statin in patients over 75 changed at all?",
    ])
    assert any(h.value.startswith("Scorecard") for h in at.subheader)
    titles = [e.label for e in at.expander]
    assert any("Checked for a change in view" in t or "view" in t.lower() for t in titles)
    assert [m for m in at.metric if m.label == "HCP's stance"]

    from coach.services import Services
    from coach.settings import Settings

    store = Services(Settings()).rehearsal_store
    (row,) = store.sessions("me")
    assert row.status == "done"
    turns = store.turns(row.id)
    assert [t.speaker for t in turns] == ["hcp"] + ["msl", "hcp"] * 4
    assert all(t.analysis_json for t in turns if t.speaker == "msl")

    prog = page("progress_page.py")
    assert prog.title[0].value == "My progress"
    assert any(m.label == "Checked for a change in view" for m in prog.metric)
    assert prog.dataframe
    sessions = prog.dataframe[-1].value
    assert "None" not in set(map(str, sessions["your estimate"]))  # the MSL's read as given, never a bare "None"


def test_progress_and_rehearse_have_helpful_empty_states(app_data: Path) -> None:
    prog = page("progress_page.py")
    assert "No finished rehearsals" in prog.info[0].value
    at = page("rehearse_page.py")
    assert len(at.selectbox(key="scenario_id").options) >= 1
    assert not at.chat_input  # no call until the plan is made


def test_an_unfinished_call_can_be_resumed(app_data: Path) -> None:
    at = page("rehearse_page.py")
    at.selectbox(key="scenario_id").select("statin-myopathy-elderly").run()
    button(at, "Start the call").click().run()
    at.chat_input[0].set_value("What do you think about statins?").run()
    fresh = page("rehearse_page.py")  # a new browser session
    resume = [b for b in fresh.button if b.label.startswith("Session ")]
    assert resume
    resume[0].click().run()
    said = [m.markdown[0].value for m in fresh.chat_message if m.markdown]
    assert "What do you think about statins?" in said
