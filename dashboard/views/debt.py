"""Debt and fines: debt bondage prevalence and debt size in USD and THB (meeting.debt,
meeting.debt_bands); fines by reason and total fined per person (meeting.fines).
Each chart is followed by its table and the table's downloads."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting
from pipelines import vocab

page = ui.start("nav.debt")
t = page.t

MONEY = ("median_usd", "p90_usd", "max_usd", "median_thb", "p90_thb", "max_thb")
MONEY_DIGITS = {t(f"col.{m}"): 0 for m in MONEY}

currency = st.segmented_control(t("debt.currency"), ["USD", "THB"], key="debt_currency",
                                format_func=lambda c: t(f"currency.{c}"), default="USD") or "USD"
unit = currency.lower()
currency_name = t(f"currency.{currency}")

debt = meeting.debt(page.con, page.filters, k=page.k)
if debt.empty:
    page.nothing()
    st.stop()
debt = debt.set_index("year").assign(bondage_share=lambda f: f["bondage_share"] * 100)

# ---------------------------------------------------------------------------- bondage
title = t("debt.bondage_chart")
st.divider()
share = page.labelled(debt, page.year, {"bondage_share": "col.bondage_share"}, t("common.year"))
page.chart(charts.grouped_bars(share, title, t("common.year"), t("common.share_pct"),
                               page.separators, y_range=(0, 100)), "bondage_share")
page.table(page.labelled(debt, page.year,
                         {"persons": "col.persons", "with_debt": "col.with_debt",
                          "in_bondage": "col.in_bondage", "bondage_share": "col.bondage_share"},
                         t("common.year")),
           "debt_bondage", title, digits={t("col.bondage_share"): 1})

# ---------------------------------------------------------------------------- debt size
title = t("debt.size_chart", currency=currency_name)
st.divider()
size = page.labelled(debt, page.year, {f"median_{unit}": "debt.median",
                                       f"p90_{unit}": "debt.p90"}, t("common.year"))
page.chart(charts.lines(size, title, t("common.year"), currency, page.separators), "debt_size")
page.table(page.labelled(debt, page.year,
                         {"with_debt_amount": "col.with_debt_amount",
                          **{m: f"col.{m}" for m in MONEY}}, t("common.year")),
           "debt_size", t("debt.table"), digits=MONEY_DIGITS)

# ---------------------------------------------------------------------------- debt bands
title = t("debt.bands_chart")
st.divider()
bands = meeting.debt_bands(page.con, page.filters, k=page.k)
if bands.empty:
    page.nothing()
else:
    def band(value: object) -> str:
        return t(f"debt_band.{value}") if value != "total" else t("common.total")

    values = bands.values.drop(index="total", errors="ignore")["persons"]
    values.index = [band(b) for b in values.index]
    page.chart(charts.horizontal_bars(values, title, t("common.persons"), t("debt.band"),
                                      page.separators), "debt_bands")
    page.table(page.labelled(bands.table, band, {"persons": "col.persons"}, t("debt.band")),
               "debt_bands", title)

# ---------------------------------------------------------------------------- fines
st.header(t("fines.heading"))
by_reason, per_person = meeting.fines(page.con, page.filters, k=page.k)
if by_reason.empty:
    page.nothing()
    page.footer()
    st.stop()
by_reason = page.ordered(by_reason.set_index("reason"), vocab.FINE_REASONS, axis="index")


def reason(value: object) -> str:
    return page.code("fine_reason", value)


title = t("fines.count_chart")
st.divider()
page.chart(charts.horizontal_bars(page.labelled(by_reason, reason, {"fines": "col.fines"},
                                                t("dim.fine_reason"))[t("col.fines")],
                                  title, t("col.fines"), t("dim.fine_reason"), page.separators),
           "fines_count")
page.table(page.labelled(by_reason, reason, {"fines": "col.fines",
                                             "persons": "col.persons_fined"},
                         t("dim.fine_reason")), "fines_by_reason", title)

title = t("fines.median_chart", currency=currency_name)
st.divider()
median = page.labelled(by_reason, reason, {f"median_{unit}": f"col.median_{unit}"},
                       t("dim.fine_reason"))
page.chart(charts.horizontal_bars(median[t(f"col.median_{unit}")], title, currency,
                                  t("dim.fine_reason"), page.separators), "fines_median")
page.table(page.labelled(by_reason, reason, {"persons": "col.persons_fined",
                                             "median_usd": "col.median_usd",
                                             "median_thb": "col.median_thb"},
                         t("dim.fine_reason")), "fines_median", title, digits=MONEY_DIGITS)

title = t("fines.per_person")
st.subheader(title)
per_person = per_person.assign(label=t("common.total")).set_index("label")
page.table(page.labelled(per_person, str, {"persons": "col.persons_fined", "fines": "col.fines",
                                           **{m: f"col.{m}" for m in MONEY}},
                         t("common.label")),
           "fined_per_person", title, digits={t("col.fines"): 0, **MONEY_DIGITS})
page.footer()
