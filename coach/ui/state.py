"""What the Streamlit pages share: the services (one per process), the user, and small renderers.

Pages keep nothing of their own beyond ``st.session_state``; everything durable lives in the
database and the vector store, so several app replicas can serve one team.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import streamlit as st

from coach.services import Services
from coach.settings import Settings
from corpus.ingest import IngestReport
from retrieval.types import Citation

# The field's own numbers (DESIGN.md): share of interactions in which MSLs planned to evolve the view,
# checked whether it changed, and believed it had changed.
BENCHMARKS = {"planned": 0.21, "checked_view_change": 0.16, "checked_after_coaching": 0.33, "believed_changed": 0.68}


@st.cache_resource(show_spinner="Loading the library and models…")
def get_services() -> Services:
    """The services of this app process, built from the environment's settings."""
    return Services(Settings())


def current_user() -> str:
    """The person using the app (set in the sidebar; 'me' until then)."""
    return str(st.session_state.get("user") or "me")


def user_box() -> None:
    """Sidebar field for the user's name, kept across pages."""
    st.session_state.setdefault("user", "me")
    st.sidebar.text_input("Your name", key="user", help="Rehearsals and progress are kept per name.")


def model_available(s: Services) -> bool:
    """Is a chat model configured (it is loaded only when first used)?"""
    return s.settings.llm.provider != "none"


def citation_label(c: Citation | dict[str, Any]) -> str:
    """'[2] Lipitor label · v3 · 5.1 Skeletal Muscle Effects'."""
    d = c if isinstance(c, dict) else c.to_dict()
    where = d.get("locator") or (f"p. {d['page']}" if d.get("page") else d.get("section_number") or "")
    return f"[{d['number']}] {d['title']} · version {d['version']} · {where}"


def show_citation(c: Citation, expanded: bool = False) -> None:
    """An expander with the quoted approved passage and exactly where it is."""
    with st.expander(citation_label(c), expanded=expanded):
        st.markdown(f"> {c.quote}")
        st.caption(f"Document `{c.doc_id}` · version {c.version} · {c.locator} · characters {c.start}–{c.end}")


def ingest_upload(services: Services, filename: str, data: bytes, overrides: dict[str, object]) -> IngestReport:
    """Keep an uploaded file in the data folder (so the source stays citable) and ingest it."""
    folder = services.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename).name).strip("._") or "upload")
    target.write_bytes(data)
    return services.ingestor.ingest(target, overrides=overrides)
