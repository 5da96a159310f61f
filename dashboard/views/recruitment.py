"""Recruitment: how victims were recruited — share of victims per channel and year
(meeting.shares(con, "channel"), suppressed)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting
from pipelines import vocab

page = ui.start("nav.recruitment")
t = page.t

counts, shares = (page.reorder(p, vocab.CHANNELS)
                  for p in meeting.shares(page.con, "channel", page.filters, k=page.k))
title = t("recruitment.by_year")
st.divider()
if shares.empty:
    page.nothing()
    st.stop()


def channel(value: object) -> str:
    return page.code("channel", value)


# Channels as rows, years as columns: one coloured cell per share, the '<5' ones uncoloured.
values = page.labelled(shares.values.T, channel, page.year, t("dim.channel"))
text = page.labelled(shares.table.T, channel, page.year, t("dim.channel")).map(
    lambda v: page.num(v, 1))
page.chart(charts.heatmap(values, text, title, t("common.year"), t("dim.channel"),
                          t("common.share_pct"), page.separators), "channel_shares")
page.table(page.labelled(shares.table, page.year, channel, t("common.year")),
           "channel_shares", title)
st.caption(t("common.multi_valued"))

st.subheader(t("recruitment.counts"))
page.table(page.labelled(counts.table, page.year, channel, t("common.year")),
           "channel_counts", t("recruitment.counts"))
page.footer()
