"""Control and exploitation: means of control and types of exploitation, share of victims
per year (meeting.shares(con, "control_means" / "exploitation"), suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting
from pipelines import vocab

page = ui.start("nav.control")
t = page.t

for field, chart_key, counts_key, dim_key in (
    ("control_means", "control.means_chart", "control.means_counts", "dim.control_means"),
    ("exploitation", "control.exploitation_chart", "control.exploitation_counts",
     "dim.exploitation"),
):
    counts, shares = (page.reorder(p, vocab.VOCABULARIES[field])
                      for p in meeting.shares(page.con, field, page.filters, k=page.k))
    title = t(chart_key)
    st.divider()
    if shares.empty:
        page.nothing()
        continue

    def label(value: object, field: str = field) -> str:
        return page.code(field, value)

    values = page.labelled(shares.values.T, label, page.year, t(dim_key))
    text = page.labelled(shares.table.T, label, page.year, t(dim_key)).map(
        lambda v: page.num(v, 1))
    page.chart(charts.heatmap(values, text, title, t("common.year"), t(dim_key),
                              t("common.share_pct"), page.separators),
               f"{field}_shares")
    page.table(page.labelled(shares.table, page.year, label, t("common.year")),
               f"{field}_shares", title)
    with st.expander(t(counts_key)):
        page.table(page.labelled(counts.table, page.year, label, t("common.year")),
                   f"{field}_counts", t(counts_key))

st.caption(t("common.multi_valued"))
page.footer()
