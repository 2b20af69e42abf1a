"""Scorecard rendering shared by the Rehearse and My progress pages."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from coach.rehearsal.scorecard import HEADLINE, Scorecard


def stance_chart(card: Scorecard, self_stance: int | None = None) -> alt.LayerChart:
    """The HCP's hidden stance (and trust) by MSL turn, from the baseline; the MSL's own estimate dashed."""
    rows = [{"turn": 0, "value": card.baseline_stance, "series": "stance"}]
    rows += [{"turn": p["turn"], "value": p["stance"], "series": "stance"} for p in card.trajectory]
    rows += [{"turn": p["turn"], "value": p["trust"] * 4 - 2, "series": "trust (scaled)"} for p in card.trajectory]
    data = pd.DataFrame(rows)
    y = alt.Y("value:Q", scale=alt.Scale(domain=[-2, 2]), title="HCP stance (−2…+2)")
    lines = alt.Chart(data).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("turn:Q", title="your turn", axis=alt.Axis(tickMinStep=1, format="d")), y=y,
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=["#1f77b4", "#c7c7c7"])),
        tooltip=["turn", "series", alt.Tooltip("value:Q", format="+.2f")])
    layers: list[Any] = [lines]
    if self_stance is not None:
        layers.append(alt.Chart(pd.DataFrame([{"value": self_stance, "label": "your estimate"}]))
                      .mark_rule(strokeDash=[6, 4], color="#d62728").encode(y="value:Q", tooltip=["label", "value"]))
    return alt.layer(*layers).properties(height=220)


def show_scorecard(card: Scorecard, self_stance: int | None = None) -> None:
    """Headline items first, each with its evidence, quotes and one tip; then ratios and the stance chart."""
    passed = sum(i.passed for i in card.items)
    st.subheader(f"Scorecard — {passed}/{len(card.items)} items")
    cols = st.columns(len(HEADLINE))
    for col, item_id in zip(cols, HEADLINE):
        item = card.item(item_id)
        col.metric(item.title, "PASS" if item.passed else "FAIL")
    r = card.ratios
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Open questions", f"{r.get('open_question_share', 0):.0%}")
    c2.metric("Follow-up depth", f"{r.get('follow_up_depth', 0):.0f}")
    c3.metric("You talked", f"{r.get('talk_ratio', 0):.0%}")
    moved = card.final_stance - card.baseline_stance
    c4.metric("HCP's stance", f"{card.final_stance:+.0f}", f"{moved:+.0f} from the start" if moved else None)
    if not moved:  # a delta would carry an arrow, and nothing moved
        c4.caption("unchanged from the start")
    st.altair_chart(stance_chart(card, self_stance), use_container_width=True)
    order = sorted(card.items, key=lambda i: (i.id not in HEADLINE, i.passed))
    for item in order:
        icon = ":material/check_circle:" if item.passed else ":material/cancel:"
        with st.expander(f"{'Pass' if item.passed else 'Fail'} · {item.title}", icon=icon,
                         expanded=not item.passed and item.id in HEADLINE):
            st.write(item.seen)
            for q in item.quotes:
                st.markdown(f"> turn {q.turn}: “{q.text}”")
            st.markdown(f"**Tip:** {item.tip}")


def card_frame(cards: list[tuple[str, Scorecard]]) -> pd.DataFrame:
    """One row per (session, item) with 1/0 for pass/fail, for trends."""
    return pd.DataFrame([{"session": label, "n": n, "item": i.title, "id": i.id, "passed": int(i.passed)}
                         for n, (label, card) in enumerate(cards, 1) for i in card.items])
