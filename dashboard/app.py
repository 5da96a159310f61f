"""Entry point: `streamlit run dashboard/app.py`. Navigation and the shared sidebar only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.i18n import LANGUAGES, translate  # noqa: E402

st.set_page_config(page_title="TIP monitoring Chiang Rai – Bokeo", layout="wide")

lang = st.sidebar.selectbox(
    "Language / ภาษา / ພາສາ", list(LANGUAGES), format_func=LANGUAGES.get, key="lang"
)

pages = [
    st.Page("pages/overview.py", title=translate("overview", lang), default=True),
]
st.navigation(pages).run()
