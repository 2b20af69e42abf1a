"""My progress: past rehearsals, their scorecards, and the trend of each rubric item against the field."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from coach.rehearsal.scorecard import Scorecard
from coach.ui.scorecard_view import card_frame, show_scorecard
from coach.ui.state import BENCHMARKS, current_user, get_services, user_box

st.title("My progress")
user_box()
services = get_services()
rows = services.rehearsal_store.sessions(current_user())
done = sorted((r for r in rows if r.status == "done" and r.scorecard_json), key=lambda r: r.id)
if not done:
    st.info(f"No finished rehearsals for **{current_user()}** yet. Rehearse a call on the **Rehearse** page; "
            "each scorecard then shows up here with your trend per rubric item.")
    open_calls = [r for r in rows if r.status != "done"]
    if open_calls:
        st.caption(f"{len(open_calls)} unfinished call(s) can be resumed on the Rehearse page.")
    st.stop()

cards = [(f"#{r.id} {r.scenario_id}", Scorecard.from_dict(json.loads(r.scorecard_json))) for r in done]
frame = card_frame(cards)
rates = frame.groupby("id")["passed"].mean()
selfs = [json.loads(r.self_json or "{}") for r in done]
believed = sum(s.get("view_changed") == "yes" for s in selfs) / len(done)

st.subheader("You against the field")
c1, c2, c3 = st.columns(3)
c1.metric("Planned to evolve the view", f"{rates.get('planned', 0):.0%}",
          f"{rates.get('planned', 0) - BENCHMARKS['planned']:+.0%} vs field {BENCHMARKS['planned']:.0%}")
c2.metric("Checked for a change in view", f"{rates.get('checked_view_change', 0):.0%}",
          f"{rates.get('checked_view_change', 0) - BENCHMARKS['checked_view_change']:+.0%} vs field "
          f"{BENCHMARKS['checked_view_change']:.0%}")
c3.metric("Believed the view changed", f"{believed:.0%}", f"field {BENCHMARKS['believed_changed']:.0%}",
          delta_color="off")
st.caption("Field figures: one Medical Affairs team's benchmark — MSLs planned to evolve the view in 21% of "
           "interactions, checked it in 16% (33% after coaching) and believed they had changed it in 68%.")

st.subheader("Rubric items")
summary = frame.groupby("item", sort=False)["passed"].mean().reset_index(name="rate")
bars = alt.Chart(summary).mark_bar().encode(
    x=alt.X("rate:Q", title="share of rehearsals passed", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
    y=alt.Y("item:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
    color=alt.condition(alt.datum.rate >= 0.5, alt.value("#2ca02c"), alt.value("#d62728")),
    tooltip=["item", alt.Tooltip("rate:Q", format=".0%")])
st.altair_chart(bars.properties(height=30 * len(summary)), use_container_width=True)
if len(cards) >= 2:
    st.subheader("Trend per rubric item")
    rolling = frame.sort_values("n").copy()
    rolling["rate"] = rolling.groupby("id")["passed"].transform(lambda s: s.rolling(3, min_periods=1).mean())
    chart = alt.Chart(rolling).mark_line(point=True).encode(
        x=alt.X("n:Q", title="rehearsal", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("rate:Q", title="pass rate, last 3 rehearsals", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("item:N", title=None, legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)),
        tooltip=["session", "item", alt.Tooltip("rate:Q", format=".0%")])
    st.altair_chart(chart.properties(height=280), use_container_width=True)
else:
    st.caption("Your trend per item appears from the second finished rehearsal.")

grid = frame.pivot_table(index="item", columns="session", values="passed", aggfunc="max", sort=False)
st.dataframe(grid.replace({1: "pass", 0: "fail"}), use_container_width=True)

st.subheader("Sessions")


def _estimate(said: dict) -> str:
    """The MSL's own read of the view, as they gave it: a stance, or only whether it changed."""
    stance = said.get("new_stance")
    if isinstance(stance, (int, float)):
        return f"{stance:+.0f}"
    return {"yes": "changed", "no": "unchanged", "unsure": "unsure"}.get(str(said.get("view_changed")), "—")


table = pd.DataFrame([{"session": label, "date": r.updated_at.strftime("%Y-%m-%d %H:%M"),
                       "items passed": f"{sum(i.passed for i in c.items)}/{len(c.items)}",
                       "stance": f"{c.baseline_stance:+.0f} → {c.final_stance:+.0f}",
                       "your estimate": _estimate(s), "model": r.model}
                      for (label, c), r, s in zip(cards, done, selfs)])
st.dataframe(table.iloc[::-1], hide_index=True, use_container_width=True)
pick = st.selectbox("Open a scorecard", [label for label, _ in reversed(cards)], key="progress_pick")
idx = [label for label, _ in cards].index(pick)
show_scorecard(cards[idx][1], selfs[idx].get("new_stance"))
with st.expander("Transcript"):
    for t in services.rehearsal_store.turns(done[idx].id):
        st.markdown(f"**{'HCP' if t.speaker == 'hcp' else 'You'}:** {t.text}")
