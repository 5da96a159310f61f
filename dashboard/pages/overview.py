"""Overview: annual potential and identified victims by nationality (meeting mode, suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.data import cursor
from dashboard.i18n import translate
from pipelines import disclosure, indicators

lang = st.session_state.get("lang", "en")
k = disclosure.DEFAULT_K


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


st.title(t("app_title"))
con = cursor()
if con is None:
    st.info(t("no_data"))
    st.stop()

counts = indicators.annual_counts(con)
if counts.empty:
    st.info(t("no_data"))
    st.stop()

counts["year"] = counts["monitoring_year"].astype(object).where(
    counts["monitoring_year"].notna(), t("year_unknown")).astype(str)
table = counts.pivot_table(index="year", columns="nationality", values="potential_victims",
                           aggfunc="sum", fill_value=0, sort=True)
hidden = disclosure.hidden_mask(table, k)
table.columns = [t(c) for c in table.columns]
hidden.columns = table.columns

st.caption(f"{t('as_of')}: {indicators.as_of(con)}")
st.plotly_chart(
    charts.stacked_bars(table, hidden, t("annual_by_nationality"), t("year"), t("persons")),
    width="stretch", key="annual_by_nationality",
)
shown = disclosure.suppress_table(table, k)
shown.index.name = t("year")
st.dataframe(shown.astype(str), width="stretch")
st.caption(t("suppressed_note", k=k, k1=k - 1))
