"""Referral durations: days between steps per step pair and end to end — n, median, 90th
percentile, and the persons still waiting shown as open cases (meeting.durations)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting

page = ui.start("nav.durations")
t = page.t

WAITING = "waiting"  # the open-cases band of the meeting layer's bands table
BENCHMARKS = ((10, "durations.benchmark_10"), (182, "durations.benchmark_6m"))
SUMMARY_COLUMNS = {"n": "col.n", "median_days": "col.median_days", "p90_days": "col.p90_days",
                   "waiting": "col.waiting", "median_waiting_days": "col.median_waiting_days"}

summary, bands = meeting.durations(page.con, page.filters, k=page.k)
if summary.empty:
    page.nothing()
    st.stop()


def pair(value: object) -> str:
    start, _, end = str(value).partition("→")
    return t("durations.pair", start=page.code("step", start), end=page.code("step", end))


def band(value: object) -> str:
    return t("band.waiting") if value == WAITING else t("band.days", band=value)


summary = summary.assign(pair=summary["from_step"] + "→" + summary["to_step"]).set_index("pair")

title = t("durations.summary_chart")
st.divider()
stats = summary[["median_days", "p90_days"]].rename(
    columns={"median_days": t("durations.median"), "p90_days": t("durations.p90")})
stats.index = [pair(p) for p in stats.index]
page.chart(charts.duration_summary(stats, title, t("common.days"),
                                   [(days, t(key)) for days, key in BENCHMARKS],
                                   page.separators), "duration_summary")
page.table(page.labelled(summary, pair, SUMMARY_COLUMNS, t("durations.steps")),
           "durations", title)
st.caption(t("durations.open_note", date=page.as_of_text))

title = t("durations.bands_chart")
st.divider()
if bands.empty:
    page.nothing()
else:
    values = page.labelled(bands.values, pair, band, t("durations.steps"))
    page.chart(charts.duration_bands(values, t("band.waiting"), title, t("common.persons"),
                                     page.separators), "duration_bands")
    page.table(page.labelled(bands.table, pair, band, t("durations.steps")),
               "duration_bands", title)
page.footer()
