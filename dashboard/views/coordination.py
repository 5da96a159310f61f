"""Coordination: how many agencies, both sides together, worked on each case, and how much of
the coordination went through informal channels (meeting.coordination, suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting

page = ui.start("nav.coordination")
t = page.t

per_case, channels = meeting.coordination(page.con, page.filters, k=page.k)
title = t("coordination.agencies_chart")
st.divider()
if per_case.empty:
    page.nothing()
    st.stop()


def agencies(value: object) -> str:
    return t("common.total") if value == "total" else str(value)


values = per_case.values.drop(index="total", errors="ignore")["persons"]
values.index = [agencies(v) for v in values.index]
page.chart(charts.grouped_bars(values.to_frame(t("common.persons")), title,
                               t("coordination.agencies"), t("common.persons"),
                               page.separators), "agencies_per_case")
page.table(page.labelled(per_case.table, agencies, {"persons": "col.persons"},
                         t("coordination.agencies")), "agencies_per_case", title)

if not channels.empty:
    st.divider()
    title = t("coordination.informal_chart")
    share = channels.assign(pct=channels["informal_share"] * 100).pivot_table(
        index="year", columns="source", values="pct", aggfunc="first", dropna=False)
    share = share.reindex(columns=[s for s in ("chiang_rai", "bokeo") if s in share.columns])
    share.index = [page.year(y) for y in share.index]
    share.columns = [t(f"source.{s}") for s in share.columns]
    page.chart(charts.lines(share, title, t("common.year"), t("col.informal_share"),
                            page.separators), "informal_share")
    table = channels.set_index("year")[["source", "informal", "steps_with_channel",
                                        "informal_share"]].copy()
    table["informal_share"] = table["informal_share"] * 100
    table["source"] = [t(f"source.{s}") for s in table["source"]]
    page.table(page.labelled(table, page.year, {
        "source": "col.source", "informal": "col.informal_steps",
        "steps_with_channel": "col.steps_with_channel",
        "informal_share": "col.informal_share"}, t("common.year")), "informal_share", title)
page.footer()
