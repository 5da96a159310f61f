"""Analyst view: potential and identified victims per year and category, not suppressed
(analyst.counts: the role is checked, and the view logged, in the data layer)."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, ui
from pipelines import access, analyst, indicators

page = ui.start("nav.analyst_counts", analyst=True)
t = page.t

dimension = st.selectbox(t("analyst.counted_by"), list(indicators.DIMENSIONS),
                         format_func=lambda d: t(f"analyst.dim.{d}"), key="analyst_dimension")
try:
    counts = analyst.counts(page.con, auth.current_user(), auth.log_path(), dimension,
                            page.filters)
except access.AccessDenied:
    auth.denied(t)

st.write(t("analyst.counts_intro"))
page.rows(counts, f"analyst_counts_by_{dimension}")
