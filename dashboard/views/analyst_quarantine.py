"""Analyst view: the quarantine browser — every problem of the rows held back from loading
(file, sheet, row, column, rule, problem), filterable by file and rule (analyst.quarantine:
the role is checked, and the view logged, in the data layer)."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, ui
from pipelines import access, analyst

page = ui.start("nav.analyst_quarantine", analyst=True)
t = page.t

try:
    problems = analyst.quarantine(page.con, auth.current_user(), auth.log_path())
except access.AccessDenied:
    auth.denied(t)

st.write(t("analyst.quarantine_intro"))
st.info(t("common.filters_not_applied"))
left, right = st.columns(2)
files = left.multiselect(t("analyst.filter_file"), sorted(problems["file_name"].unique()),
                         key="analyst_q_files", placeholder=t("side.all"))
rules = right.multiselect(t("analyst.filter_rule"), sorted(problems["rule"].unique()),
                          key="analyst_q_rules", placeholder=t("side.all"))
shown = problems
if files:
    shown = shown[shown["file_name"].isin(files)]
if rules:
    shown = shown[shown["rule"].isin(rules)]
page.rows(shown.reset_index(drop=True), "analyst_quarantine", filtered=False)
