"""Entry point: `streamlit run dashboard/app.py`. Navigation and the shared sidebar only.

Meeting mode only: every page shows aggregates from ``pipelines.meeting``, suppressed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import data, ui  # noqa: E402

st.set_page_config(page_title=ui.t("app.title"), layout="wide")

ui.sidebar(data.cursor())

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
pages = [st.Page(f"views/{name}.py", title=ui.t(key), url_path=name, default=name == "overview")
         for name, key in PAGES]
st.navigation(pages).run()
