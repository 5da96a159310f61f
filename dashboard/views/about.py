"""About: what every indicator means (spec §4 in plain words), the sources and where the
records come from (meeting.annual_by by source), the data's as-of date, the disclosure rule
with its k, and the note on exchange rates."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting

page = ui.start("nav.about")
t = page.t

st.header(t("about.heading_data"))
st.write(t("about.as_of", date=page.as_of_text))
st.write(t("about.sources"))

title = t("about.sources_chart")
st.divider()
published = meeting.annual_by(page.con, "sources", page.filters, k=page.k)
if published.empty:
    page.nothing()
else:
    published = page.reorder(published, ("chiang_rai", "bokeo", "both"))

    def sources(value: object) -> str:
        return page.code("sources", value)

    bars = published.values.drop(index="total", columns="total", errors="ignore")
    page.chart(charts.stacked_bars(page.labelled(bars, page.year, sources, t("common.year")),
                                   title, t("common.year"), t("common.persons"),
                                   page.separators), "sources")
    page.table(page.labelled(published.table, page.year, sources, t("common.year")),
               "persons_by_source", title)

st.header(t("about.heading_definitions"))
for key in ("def_year", "def_potential", "def_identified", "def_direction", "def_shares",
            "def_debt", "def_fines", "def_durations", "def_coordination", "def_criminalisation",
            "def_screening", "def_quality", "def_median"):
    st.markdown("- " + t(f"about.{key}"))

st.header(t("about.heading_disclosure"))
st.write(t("about.disclosure", k=page.k, k1=page.k - 1))
st.write(t("about.k", k=page.k))

st.header(t("about.heading_fx"))
st.write(t("about.fx"))
