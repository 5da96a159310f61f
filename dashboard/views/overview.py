"""Overview: key figures of the latest year, and victims per year by nationality and by
direction of travel (meeting.key_figures, meeting.annual_by — suppressed)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting
from pipelines import vocab
from pipelines.meeting import Published

page = ui.start("nav.overview")
t = page.t

measure = st.segmented_control(
    t("overview.measure"), ["potential_victims", "identified_victims"],
    format_func=lambda m: t(f"measure.{m}"), key="overview_measure", default="potential_victims",
) or "potential_victims"

# Key figures: the last year of the chosen range against the year before it.
if page.years:
    year = page.filters.year_to or page.years[-1]
    around = dataclasses.replace(page.filters, year_from=None, year_to=None)
    figures = meeting.key_figures(page.con, year, around, k=page.k)
    st.subheader(t("overview.key_figures", year=page.year(year), previous=page.year(year - 1)))
    for column, row in zip(st.columns(len(figures)), figures.itertuples(index=False),
                           strict=True):
        delta = None
        if row.change is not None and row.change == row.change:
            delta = page.signed(row.change)
            if row.change_pct is not None and row.change_pct == row.change_pct:
                delta += f" ({page.signed(row.change_pct, 1)}%)"
        column.metric(t(f"figure.{row.figure}"), page.num(row.value), delta,
                      delta_color="off", border=True)
    shown = figures.set_index("figure")[["value", "previous", "change", "change_pct"]]
    labelled = page.labelled(
        shown, lambda f: t(f"figure.{f}"),
        {"value": "col.value", "previous": "col.previous", "change": "col.change",
         "change_pct": "col.change_pct"}, t("col.figure"))
    with st.expander(t("overview.key_figures", year=page.year(year),
                       previous=page.year(year - 1))):
        page.table(labelled, "key_figures", t("overview.key_figures", year=page.year(year),
                                                previous=page.year(year - 1)),
                   digits={t("col.change"): 0, t("col.change_pct"): 1})
else:
    st.info(t("overview.no_year"))



def direction_order(published: Published) -> tuple[str, ...]:
    """The two directions the mechanism is about first, then by nationality and country."""
    present = [c for c in published.table.columns if "-" in str(c)]
    rank = {c: i for i, c in enumerate(vocab.COUNTRIES)}
    return tuple(sorted(present, key=lambda d: (
        d not in BILATERAL, BILATERAL.index(d) if d in BILATERAL else 0,
        *(rank.get(part, len(rank)) for part in d.split("-", 1)))))


BILATERAL = ("TH-LA", "LA-TH")
ORDER = {"nationality": lambda _: vocab.COUNTRIES, "direction": direction_order}
measure_label = t(f"measure.{measure}")
for dimension, label in (("nationality", page.nationality), ("direction", page.direction)):
    published = meeting.annual_by(page.con, dimension, page.filters, k=page.k, measure=measure)
    published = page.reorder(published, ORDER[dimension](published))
    title = t(f"overview.by_{dimension}", measure=measure_label)
    st.divider()
    if published.empty:
        page.nothing()
        continue
    bars = published.values.drop(index="total", columns="total", errors="ignore")
    bars = page.labelled(bars, page.year, label, t("common.year"))
    page.chart(charts.stacked_bars(bars, title, t("common.year"), t("common.persons"),
                                   page.separators), f"annual_{dimension}")
    table = page.labelled(published.table, page.year, label, t("common.year"))
    page.table(table, f"{measure}_by_{dimension}", title)

page.footer()
