"""Library: the approved documents, their status, and adding or withdrawing them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from coach.errors import CoachError
from coach.ui.state import get_services, ingest_upload, user_box
from corpus.errors import CorpusError

st.title("Library")
st.caption("Only approved, unexpired documents answer questions. Withdrawing a document takes it out of "
           "answers at once; a new version of a document supersedes the old one.")
user_box()
services = get_services()
today = dt.date.today()


def _doc_table() -> pd.DataFrame:
    rows = services.registry.documents(include_superseded=True)
    return pd.DataFrame([{
        "doc_id": r.doc_id, "title": r.title, "type": r.type, "product": r.product or "",
        "area": r.therapeutic_area or "", "version": r.version,
        "status": "expired" if r.status == "approved" and r.expiry_date and r.expiry_date < today else r.status,
        "answers": r.meta().is_active(today), "expires": r.expiry_date, "chunks": r.n_chunks,
        "ingested": r.ingested_at.strftime("%Y-%m-%d %H:%M"),
    } for r in rows])


docs = _doc_table()
if docs.empty:
    st.info("No documents yet. Upload an approved PDF, FDA label (SPL XML), Markdown or text file below, "
            "or run `coach ingest PATH` on a folder with a manifest.")
else:
    live = int(docs["answers"].sum())
    c1, c2, c3 = st.columns(3)
    c1.metric("Documents answering", live)
    c2.metric("Not answering", int((~docs["answers"]).sum()), help="Withdrawn, expired or superseded versions.")
    c3.metric("Chunks indexed", int(docs.loc[docs["answers"], "chunks"].sum()))
    types = st.multiselect("Type", sorted(docs["type"].unique()), placeholder="all types")
    shown = docs[docs["type"].isin(types)] if types else docs
    st.dataframe(shown, hide_index=True, use_container_width=True,
                 column_config={"answers": st.column_config.CheckboxColumn("answers?")})

# -- Withdraw / reinstate ---------------------------------------------------------------------------
if not docs.empty:
    with st.expander("Withdraw or reinstate a document"):
        current = docs[docs["status"] != "superseded"]
        doc_id = st.selectbox("Document", current["doc_id"].tolist(), key="status_doc")
        c1, c2 = st.columns(2)
        if c1.button("Withdraw", help="Takes it out of answers at once."):
            n = services.withdraw(doc_id)
            st.session_state["library_msg"] = f"Withdrew {doc_id} ({n} chunks no longer answer)."
            st.rerun()
        if c2.button("Reinstate"):
            n = services.withdraw(doc_id, status="approved")
            st.session_state["library_msg"] = f"Reinstated {doc_id} ({n} chunks answer again)."
            st.rerun()
if msg := st.session_state.pop("library_msg", None):
    st.success(msg)

# -- Upload -----------------------------------------------------------------------------------------
st.subheader("Add an approved document")
with st.form("upload", clear_on_submit=False):
    upload = st.file_uploader("File", type=["pdf", "xml", "md", "markdown", "txt"],
                              help="PDF (page-cited), FDA SPL XML label (section-cited), Markdown or text.")
    c1, c2 = st.columns(2)
    title = c1.text_input("Title", help="Shown in citations; default: from the file.")
    doc_id = c2.text_input("Document id", help="Stable across versions; default: the file name.")
    c1, c2, c3 = st.columns(3)
    doc_type = c1.selectbox("Type", ["publication", "label", "standard_response", "slide_deck", "other"])
    product = c2.text_input("Product")
    area = c3.text_input("Therapeutic area")
    c1, c2, c3 = st.columns(3)
    version = c1.text_input("Version", help="Default: from the file, or 1.")
    approval_code = c2.text_input("Approval code")
    expires = c3.date_input("Expires", value=None, min_value=today)
    add = st.form_submit_button("Ingest", type="primary")

if add:
    if upload is None:
        st.warning("Choose a file to ingest.")
    else:
        overrides = {"doc_id": doc_id.strip() or None, "title": title.strip() or None, "type": doc_type,
                     "product": product.strip() or None, "therapeutic_area": area.strip() or None,
                     "version": version.strip() or None, "approval_code": approval_code.strip() or None,
                     "expiry_date": expires}
        try:
            with st.spinner(f"Reading, chunking and embedding {upload.name}…"):
                report = ingest_upload(services, upload.name, upload.getvalue(), overrides)
        except (CoachError, CorpusError) as exc:
            st.error(str(exc))
        else:
            st.session_state["ingest_report"] = report
            st.rerun()

report = st.session_state.get("ingest_report")
if report is not None:
    st.subheader("Last ingest")
    counts = Counter(f.outcome for f in report.files)
    (st.success if not counts.get("failed") else st.error)(report.summary())
    st.dataframe(pd.DataFrame([{"file": Path(f.path).name, "outcome": f.outcome, "doc_id": f.doc_id,
                                "version": f.version, "pages/sections": f.pages, "chunks": f.chunks,
                                "why": f.reason} for f in report.files]), hide_index=True, use_container_width=True)
