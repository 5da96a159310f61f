"""Analyst view: upload a new export (.xlsx or .csv, up to analyst.MAX_UPLOAD_MB), then ingest
it into the database the dashboard serves and show the ingest's report.

The role check, the checks of the file (type, size, content), where it is saved and the audit
records are in the data layer (analyst.upload, analyst.ingest_upload); the uploader's own type
and size limits are only the browser's first filter.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, i18n, ui
from pipelines import access, analyst, store

REPORT = "upload_report"

ui.heading("nav.analyst_upload", analyst=True)
t = ui.t
user, log = auth.current_user(), auth.log_path()
try:
    analyst.check(user, log, "upload page")
except access.AccessDenied:
    auth.denied(t)

st.write(t("upload.intro", mb=analyst.MAX_UPLOAD_MB))
# The browser offers only these types and sizes; a request sent past it with another type is
# refused by Streamlit before this page runs, and analyst.upload checks everything again.
uploaded = st.file_uploader(t("upload.file"), type=[s.lstrip(".") for s in analyst.UPLOAD_TYPES],
                            max_upload_size=analyst.MAX_UPLOAD_MB, key="upload_file")

if st.button(t("upload.submit"), key="upload_submit", disabled=uploaded is None,
             type="primary") and uploaded is not None:
    st.session_state.pop(REPORT, None)
    try:
        path = analyst.upload(user, log, uploaded.name, uploaded.getvalue())
    except access.AccessDenied:
        auth.denied(t)
    except analyst.UploadRefused as refused:
        st.error(t(f"upload.refused_{refused.reason}", mb=analyst.MAX_UPLOAD_MB))
    else:
        with st.spinner(t("upload.running")):
            report = analyst.ingest_upload(user, log, path, store.db_path())
        st.session_state[REPORT] = (
            [(f.file_name, f.status, f.rows_read, f.rows_loaded, f.rows_quarantined,
              f.reason or "") for f in report.files],
            report.persons, report.linked)

done = st.session_state.get(REPORT)
if done:
    files, persons, linked = done
    if any(status == "rejected" for _, status, *_ in files):
        st.warning(t("upload.rejected"))
    else:
        st.success(t("upload.done", persons=i18n.number(persons, ui.lang()),
                     linked=i18n.number(linked, ui.lang())))
    st.subheader(t("upload.report"))
    st.dataframe(pd.DataFrame(
        [(name, t(f"file_status.{status}"), read, loaded, held, reason)
         for name, status, read, loaded, held, reason in files],
        columns=[t("col.file_name"), t("col.status"), t("col.rows_read"),
                 t("col.rows_loaded"), t("col.rows_quarantined"), t("col.reason")]),
        hide_index=True, width="stretch", key="upload_report_table")
