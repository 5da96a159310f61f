"""Entry point: `streamlit run dashboard/app.py`. Navigation and the shared sidebar only.

Everyone gets meeting mode: every page shows aggregates from ``pipelines.meeting``, suppressed.
A signed-in analyst (dashboard/auth.py) also gets the analyst view's pages; they are added to
the navigation only then, and their data comes from ``pipelines.analyst``, which checks the
role itself (a page reached some other way shows the denial, not the data).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import auth, data, ui  # noqa: E402

st.set_page_config(page_title=ui.t("app.title"), layout="wide")

ui.sidebar(data.cursor())
user = auth.sidebar(ui.t)

PAGES = (
    ("overview", "nav.overview"),
    ("recruitment", "nav.recruitment"),
    ("debt", "nav.debt"),
    ("control", "nav.control"),
    ("durations", "nav.durations"),
    ("coordination", "nav.coordination"),
    ("rights", "nav.rights"),
    ("data_quality", "nav.data_quality"),
    ("report", "nav.report"),
    ("about", "nav.about"),
)
ANALYST_PAGES = (
    ("analyst_persons", "nav.analyst_persons"),
    ("analyst_counts", "nav.analyst_counts"),
    ("analyst_quarantine", "nav.analyst_quarantine"),
    ("analyst_upload", "nav.analyst_upload"),
)
pages = [st.Page(f"views/{name}.py", title=ui.t(key), url_path=name, default=name == "overview")
         for name, key in PAGES]
if user.role == "analyst":
    analyst_pages = [st.Page(f"views/{name}.py", title=ui.t(key), url_path=name)
                     for name, key in ANALYST_PAGES]
    st.navigation({ui.t("nav.section_meeting"): pages,
                   ui.t("nav.section_analyst"): analyst_pages}, expanded=True).run()
else:
    st.navigation(pages).run()
