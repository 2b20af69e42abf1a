"""Ask: a question in, an answer in which every sentence is cited to approved text — or a refusal."""

from __future__ import annotations

import streamlit as st

from coach.errors import CoachError
from coach.ui.state import citation_label, get_services, model_available, show_citation, user_box

st.title("Ask the approved sources")
st.caption("Answers come only from approved, unexpired documents. Every sentence is cited; when the sources "
           "do not answer, you are told so.")
user_box()
services = get_services()
active = services.registry.active()
if not active:
    st.info("The library is empty. Add approved documents on the **Library** page (or run "
            "`coach ingest PATH`), then ask here.")
    st.stop()

products = sorted({r.product for r in active if r.product})
types = sorted({r.type for r in active})
has_model = model_available(services)
with st.form("ask"):
    question = st.text_area("Question", key="question", height=80,
                            placeholder="e.g. What does the label say about myopathy in older patients?")
    c1, c2, c3 = st.columns(3)
    mode = c1.radio("Answer", ["generative", "extractive"] if has_model else ["extractive"], horizontal=True,
                    help="Generative: the chat model phrases the answer from the cited passages, and every "
                         "sentence is checked against them. Extractive: approved sentences quoted verbatim.")
    product = c2.selectbox("Product", ["any"] + products)
    doc_type = c3.selectbox("Document type", ["any"] + types)
    asked = st.form_submit_button("Ask", type="primary")

if not has_model:
    st.caption("No chat model is configured (`COACH_LLM__PROVIDER=none`): answers quote approved sentences.")

if asked and question.strip():
    filters = {"product": None if product == "any" else product, "type": None if doc_type == "any" else doc_type}
    sources_box = st.container()
    stream_box = st.empty()
    streamed = ""
    final = None
    try:
        svc = services.ask_service(need_model=mode == "generative")
        with st.spinner("Searching the approved sources…"):
            events = svc.stream(question, mode, filters, user=st.session_state.get("user", ""))  # type: ignore[arg-type]
            first = next(events)
        for event in [first, *events]:
            if event.kind == "sources" and event.snippets:
                with sources_box.expander(f"Passages found ({len(event.snippets)})", expanded=False):
                    for i, snip in enumerate(event.snippets[:6], 1):
                        st.markdown(f"**{i}. {snip.passage.title} — {snip.passage.locator}**  \n{snip.sentence}")
            elif event.kind == "token":
                streamed += event.text
                stream_box.markdown(streamed + " ▌")
            elif event.kind == "answer":
                final = event.answer
    except CoachError as exc:
        st.error(str(exc))
        st.stop()
    stream_box.empty()
    assert final is not None
    flag = final.off_label
    if flag and flag.off_label:
        st.warning(f"**Off-label request.** {flag.reason}.\n\n{flag.guidance}", icon=":material/warning:")
    if final.refused:
        st.info(f"**The approved sources do not answer this question.** ({final.refusal_reason}). "
                "Offer to follow up through Medical Information.", icon=":material/block:")
    else:
        st.subheader("Answer")
        st.markdown(" ".join(f"{s.text} **[{', '.join(map(str, s.citations))}]**" for s in final.sentences))
        if final.refusal_reason:
            st.caption(final.refusal_reason)
        if final.removed:
            with st.expander(f"{len(final.removed)} generated sentence(s) removed: not supported by the sources"):
                for s in final.removed:
                    st.markdown(f"- ~~{s.text}~~")
        st.subheader("Citations")
        for c in final.citations:
            show_citation(c, expanded=len(final.citations) == 1)
        st.caption(f"{final.mode} · {final.model} · {final.seconds:.2f} s"
                   + (f" · first token {final.first_token_seconds:.1f} s" if final.first_token_seconds else "")
                   + " · saved to the audit log")
    st.session_state["last_answer"] = {"refused": final.refused,
                                       "off_label": bool(flag and flag.off_label),
                                       "citations": [citation_label(c) for c in final.citations]}
elif asked:
    st.warning("Type a question first.")
