"""Rights: criminalisation (fined or detained by Lao authorities ÷ rescued in Lao PDR) and
screening before return (screened in Lao PDR ÷ handed over), with numerator, denominator and
share (meeting.rights, suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting

page = ui.start("nav.rights")
t = page.t

rights = meeting.rights(page.con, page.filters, k=page.k)
if rights.empty:
    page.nothing()
    st.stop()
rights = rights.set_index("year").assign(
    criminalised_share=lambda f: f["criminalised_share"] * 100,
    screened_share=lambda f: f["screened_share"] * 100)

title = t("rights.chart")
st.divider()
shares = page.labelled(rights, page.year,
                       {"criminalised_share": "rights.criminalised_share",
                        "screened_share": "rights.screened_share"}, t("common.year"))
page.chart(charts.grouped_bars(shares, title, t("common.year"), t("common.share_pct"),
                               page.separators, y_range=(0, 100)), "rights_shares")

for name, key, columns in (
    ("criminalisation", "rights.criminalisation_table",
     {"criminalised": "col.criminalised", "rescued_in_laos": "col.rescued_in_laos",
      "criminalised_share": "col.criminalised_share"}),
    ("screening_before_return", "rights.screening_table",
     {"screened_before_return": "col.screened_before_return", "handed_over": "col.handed_over",
      "screened_share": "col.screened_share"}),
):
    st.subheader(t(key))
    page.table(page.labelled(rights, page.year, columns, t("common.year")), name, t(key))
page.footer()
