"""Exchange Coach — Streamlit entry point: page navigation only (`make run` or `streamlit run app.py`)."""

from pathlib import Path

import streamlit as st

UI = Path(__file__).resolve().parent / "coach" / "ui"

st.set_page_config(page_title="Exchange Coach", page_icon="💬", layout="wide")
pages = {
    "Scientific exchange": [
        st.Page(UI / "ask_page.py", title="Ask", icon="🔎", default=True),
        st.Page(UI / "library_page.py", title="Library", icon="📚"),
    ],
    "Coaching": [
        st.Page(UI / "rehearse_page.py", title="Rehearse", icon="🎭"),
        st.Page(UI / "progress_page.py", title="My progress", icon="📈"),
    ],
}
st.navigation(pages).run()
