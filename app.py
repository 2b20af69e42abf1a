"""Exchange Coach — Streamlit entry point: page navigation only (`make run` or `streamlit run app.py`)."""

from pathlib import Path

import streamlit as st

UI = Path(__file__).resolve().parent / "coach" / "ui"

st.set_page_config(page_title="Exchange Coach", page_icon=":material/forum:", layout="wide")
pages = {
    "Scientific exchange": [
        st.Page(UI / "ask_page.py", title="Ask", icon=":material/search:", default=True),
        st.Page(UI / "library_page.py", title="Library", icon=":material/library_books:"),
    ],
    "Coaching": [
        st.Page(UI / "rehearse_page.py", title="Rehearse", icon=":material/record_voice_over:"),
        st.Page(UI / "progress_page.py", title="My progress", icon=":material/trending_up:"),
    ],
}
st.navigation(pages).run()
