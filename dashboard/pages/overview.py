"""Overview: annual potential and identified victims by nationality (meeting mode, suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.data import cursor
from dashboard.i18n import translate
from pipelines import disclosure, indicators, meeting

lang = st.session_state.get("lang", "en")
k = disclosure.DEFAULT_K


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


st.title(t("app_title"))
con = cursor()
if con is None:
    st.info(t("no_data"))
    st.stop()

published = meeting.annual_by(con, "nationality", k=k)
if published.empty:
    st.info(t("no_data"))
    st.stop()


def label(code: str) -> str:
    return {"unknown": t("year_unknown"), "total": t("total")}.get(code, t(code))


values = published.values.drop(index="total", columns="total")
st.caption(f"{t('as_of')}: {indicators.as_of(con)}")
st.plotly_chart(
    charts.stacked_bars(values.rename(index=label, columns=label), t("annual_by_nationality"),
                        t("year"), t("persons")),
    width="stretch", key="annual_by_nationality",
)
shown = published.table.rename(index=label, columns=label)
shown.index.name = t("year")
st.dataframe(shown.astype(str), width="stretch")
st.caption(t("suppressed_note", k=k, k1=k - 1))
