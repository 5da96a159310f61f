"""Annual report: the same package as `tipmon publish`, prepared on demand for download."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from dashboard import data, i18n, ui

page = ui.start("nav.report")
t = page.t
st.write(t("report.intro"))
if not page.years:
    page.nothing()
    st.stop()

year = st.selectbox(t("report.year"), list(reversed(page.years)), format_func=page.year,
                    key="report_year")
langs = st.multiselect(t("report.languages"), list(i18n.LANGUAGES), default=[page.lang],
                       format_func=i18n.LANGUAGES.get, key="report_langs")
if st.button(t("report.build"), key="report_build", disabled=not langs):
    from dashboard.report import build_package  # WeasyPrint and kaleido: only when asked

    with st.spinner(t("report.building")), tempfile.TemporaryDirectory() as tmp:
        con = data.cursor()
        try:
            build_package(con, int(year), Path(tmp), langs, page.k)
        finally:
            con.close()
        buffer = io.BytesIO()
        files = sorted(p for p in Path(tmp).rglob("*") if p.is_file())
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.relative_to(tmp).as_posix())
    st.session_state["report_zip"] = (int(year), buffer.getvalue(), len(files))

ready = st.session_state.get("report_zip")
if ready and ready[0] == year:
    st.success(t("report.ready", files=ready[2]))
    st.download_button(t("report.download"), ready[1], file_name=f"tip_monitoring_{year}.zip",
                       mime="application/zip", key="report_download", on_click="ignore")
page.footer()
