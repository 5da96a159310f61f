"""Analyst view: one row per person after cross-border linkage — pseudonymous (person_id,
codes, dates), for the sidebar's filters — with its CSV download (analyst.persons: the role is
checked, and the view logged, in the data layer)."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, ui
from pipelines import access, analyst

page = ui.start("nav.analyst_persons", analyst=True)
t = page.t

try:
    persons = analyst.persons(page.con, auth.current_user(), auth.log_path(), page.filters)
except access.AccessDenied:
    auth.denied(t)

st.write(t("analyst.persons_intro"))
page.rows(persons, "analyst_persons")
