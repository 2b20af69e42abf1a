"""Rehearse: choose a scenario → plan → the call with a simulated HCP → self-assessment → insight → scorecard.

Every turn is saved as it happens; an unfinished call can be resumed from this page or from the CLI.
"""

from __future__ import annotations

import streamlit as st

from coach.errors import CoachError
from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.scorecard import Scorecard
from coach.scenarios.loader import ScenarioError, load_library
from coach.ui.scorecard_view import show_scorecard
from coach.ui.state import current_user, get_services, model_available, user_box

CATEGORIES = ["unmet_need", "treatment_practice", "safety_perception", "evidence_gap", "access", "competitor",
              "other"]

st.title("Rehearse a call")
user_box()
services = get_services()
rh = st.session_state.setdefault("rh", {"stage": "choose"})

voices = (["chat model", "scripted lines"] if model_available(services) else ["scripted lines"])
voice = st.sidebar.radio("HCP voice", voices, key="hcp_voice",
                         help="The hidden state and the scorecard are the same either way; the chat model only "
                              "phrases the HCP's replies. Scripted lines need no model.")


def service():  # type: ignore[no-untyped-def]
    """The rehearsal service with the chosen HCP voice."""
    return services.rehearsal_service(need_model=voice == "chat model")


def reset() -> None:
    """Back to choosing a scenario."""
    st.session_state["rh"] = {"stage": "choose"}


try:
    library = load_library()
except ScenarioError as exc:
    st.error(f"A scenario file is invalid: {exc}")
    st.stop()
if not library:
    st.info("No scenarios yet. Add YAML files to the scenario library (`coach scenarios schema` prints the format).")
    st.stop()

# -- 1. Choose and plan -----------------------------------------------------------------------------
if rh["stage"] == "choose":
    unfinished = [r for r in services.rehearsal_store.sessions(current_user(), status="in_call")]
    if unfinished:
        with st.expander(f"Resume an unfinished call ({len(unfinished)})"):
            for r in unfinished[:5]:
                title = library[r.scenario_id].title if r.scenario_id in library else r.scenario_id
                if st.button(f"Session {r.id} · {title} · {r.updated_at:%Y-%m-%d %H:%M}", key=f"resume-{r.id}"):
                    st.session_state["rh"] = {"stage": "call", "sid": r.id}
                    st.rerun()

    order = sorted(library.values(), key=lambda s: (["beginner", "intermediate", "advanced"].index(s.difficulty), s.id))
    sid_choice = st.selectbox("Scenario", [s.id for s in order], key="scenario_id",
                              format_func=lambda i: f"{library[i].title}  ·  {library[i].difficulty}")
    sc = library[sid_choice]
    with st.container(border=True):
        st.markdown(f"**{sc.persona.name}** — {sc.persona.specialty}, {sc.persona.setting}  \n"
                    f"*{sc.persona.style}*")
        st.markdown(f"**Topic:** {sc.topic} · **Product:** {sc.product} · **Area:** {sc.therapeutic_area}")
        st.markdown(f"**Objective:** {sc.objective.strip()}")
        st.caption(f"Compliance: {sc.compliance_notes.strip()}")

    st.subheader("Pre-call plan")
    with st.form("plan"):
        objective = st.text_area("Your objective for this call", height=70,
                                 placeholder="e.g. Understand why she avoids statins over 75 and evolve her view "
                                             "from reluctant to case-by-case.")
        evolve = st.checkbox("I intend to evolve the HCP's view", value=True)
        hypothesis = st.text_area("Your hypothesis of the HCP's current view", height=70)
        questions = st.text_area("Probing questions you plan to ask (one per line)", height=90)
        evidence = st.text_area("Approved evidence to bring (one per line, e.g. 'Lipitor label 5.1')", height=70)
        start = st.form_submit_button("Start the call", type="primary")
    if start:
        plan = PreCallPlan(objective=objective.strip(), intends_to_evolve_view=evolve, hypothesis=hypothesis.strip(),
                           probing_questions=[q.strip() for q in questions.splitlines() if q.strip()],
                           evidence_to_bring=[e.strip() for e in evidence.splitlines() if e.strip()])
        try:
            sid = service().start(current_user(), sc, plan)
        except CoachError as exc:
            st.error(str(exc))
            st.stop()
        st.session_state["rh"] = {"stage": "call", "sid": sid}
        st.rerun()

# -- 2. The call ------------------------------------------------------------------------------------
elif rh["stage"] == "call":
    svc = service()
    sc, plan, transcript, _ = svc.load(rh["sid"])
    st.caption(f"Session {rh['sid']} · {sc.persona.name}, {sc.persona.specialty} · saved turn by turn")
    if plan.probing_questions:
        with st.sidebar.expander("Your plan", expanded=True):
            st.markdown("\n".join(f"- {q}" for q in plan.probing_questions))
    for speaker, text in transcript:
        with st.chat_message("assistant" if speaker == "hcp" else "user"):
            st.write(text)
    said = st.chat_input("Your turn — ask, listen, present cited evidence, check the view")
    if said and said.strip():
        with st.chat_message("user"):
            st.write(said)
        with st.chat_message("assistant"):
            try:
                st.write_stream(svc.say(rh["sid"], said.strip()))
            except CoachError as exc:
                st.error(str(exc))
    if st.button("End the call", type="primary" if len(transcript) > 4 else "secondary"):
        rh["stage"] = "after"
        st.rerun()

# -- 3. After the call: self-assessment and insight -------------------------------------------------
elif rh["stage"] == "after":
    svc = service()
    sc, _, transcript, _ = svc.load(rh["sid"])
    st.subheader("After the call")
    with st.form("after"):
        changed = st.radio("Did the HCP's view change?", ["yes", "no", "unsure"], index=2, horizontal=True,
                           key="view_changed")
        stance = st.select_slider("Where does the HCP stand now?", options=["unsure", -2, -1, 0, 1, 2],
                                  value="unsure", help="−2 firmly against … +2 firmly for")
        summary = st.text_input("The HCP's view now, in one sentence")
        st.markdown("**Insight**")
        text = st.text_area("What does the HCP believe or do, and why?", height=90)
        c1, c2 = st.columns(2)
        area = c1.text_input("Therapeutic area", value=sc.therapeutic_area)
        topic = c2.text_input("Topic", value=sc.topic)
        c1, c2 = st.columns(2)
        category = c1.selectbox("Category", CATEGORIES, format_func=lambda c: c.replace("_", " "))
        actionability = c2.selectbox("Actionability", ["high", "medium", "low"], index=1)
        done = st.form_submit_button("See my scorecard", type="primary")
    if st.button("Back to the call"):
        rh["stage"] = "call"
        st.rerun()
    if done:
        assessment = SelfAssessment(view_changed=changed, new_stance=None if stance == "unsure" else int(stance),
                                    summary=summary.strip())
        insight = Insight(text=text.strip(), therapeutic_area=area, topic=topic, category=category,
                          actionability=actionability)
        card = svc.finish(rh["sid"], assessment, insight)
        st.session_state["rh"] = {"stage": "card", "sid": rh["sid"], "card": card.to_dict(),
                                  "self_stance": assessment.new_stance}
        st.rerun()

# -- 4. Scorecard -----------------------------------------------------------------------------------
elif rh["stage"] == "card":
    card = Scorecard.from_dict(rh["card"])
    show_scorecard(card, rh.get("self_stance"))
    _, _, transcript, _ = services.rehearsal_service(need_model=False).load(rh["sid"])
    with st.expander("Transcript"):
        for speaker, text in transcript:
            st.markdown(f"**{'HCP' if speaker == 'hcp' else 'You'}:** {text}")
    st.button("Rehearse again", on_click=reset, type="primary")
