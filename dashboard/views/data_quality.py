"""Data quality: files received with rows read / loaded / held back, completeness of key
fields over time, timeliness of reporting (meeting.data_quality, suppressed).

Left out until the meeting layer publishes them suppressed: outstanding problems by rule and
the findings by kind (meeting.data_quality returns their raw counts, 1 to k−1 included).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, ui
from dashboard.data import meeting
from pipelines import vocab

page = ui.start("nav.data_quality")
t = page.t
st.info(t("common.filters_not_applied"))

quality = meeting.data_quality(page.con, k=page.k)


def source(value: object) -> str:
    return page.code("source", value)


# Key fields in the order a clerk fills them in; fields of one source only come last.
FIELDS = ("sex", "age", "nationality", "recruitment_channel", "exploitation", "site",
          "link_key", "first_step_date", "screening_result", "education", "control_means",
          "lao_outcome", "victim_screened")


def step_order(frame: pd.DataFrame) -> pd.DataFrame:
    return page.ordered(frame, vocab.STEPS, axis="index")


# ---------------------------------------------------------------------------- completeness
complete = quality["completeness"]
for src in [s for s in vocab.SOURCES if s in set(complete["source"])]:
    title = t("dq.completeness_chart", source=source(src))
    st.divider()
    rows = complete[complete["source"] == src].assign(share=lambda f: f["share"] * 100)
    grid = page.ordered(rows.pivot(index="field", columns="year", values="share"), FIELDS,
                        axis="index")
    grid = grid[sorted(grid.columns, key=lambda y: (y == "unknown", str(y)))]
    values = page.labelled(grid, lambda f: t(f"field.{f}"), page.year, t("col.field"))
    text = values.map(lambda v: page.num(v, 0))
    page.chart(charts.heatmap(values, text, title, t("common.year"), t("col.field"),
                              t("col.filled_share"), page.separators),
               f"completeness_{src}")
    long = rows.assign(year=[page.year(y) for y in rows["year"]],
                       field=[t(f"field.{f}") for f in rows["field"]])
    long = long.set_index("year")[["field", "filled", "persons", "share"]]
    long.columns = [t("col.field"), t("col.filled"), t("col.persons"), t("col.filled_share")]
    long.index.name = t("common.year")
    with st.expander(title):
        page.table(long, f"completeness_{src}", title)

# ---------------------------------------------------------------------------- timeliness
timely = quality["timeliness"]
for src in [s for s in vocab.SOURCES if s in set(timely["source"])]:
    title = t("dq.timeliness_chart", source=source(src))
    st.divider()
    rows = timely[timely["source"] == src]
    grid = step_order(rows.pivot(index="step", columns="year", values="median_days"))
    values = page.labelled(grid, lambda s: page.code("step", s), page.year, t("col.step"))
    text = values.map(lambda v: page.num(v, 0))
    page.chart(charts.heatmap(values, text, title, t("common.year"), t("col.step"),
                              t("common.days"), page.separators), f"timeliness_{src}")
    long = rows.assign(year=[page.year(y) for y in rows["year"]],
                       step=[page.code("step", s) for s in rows["step"]])
    long = long.set_index("year")[["step", "steps", "median_days", "p90_days"]]
    long.columns = [t("col.step"), t("col.steps"), t("col.median_days"), t("col.p90_days")]
    long.index.name = t("common.year")
    with st.expander(title):
        page.table(long, f"timeliness_{src}", title)

# ---------------------------------------------------------------------------- files
title = t("dq.files")
st.subheader(title)
files = quality["files"].assign(
    source=lambda f: [source(s) if isinstance(s, str) else None for s in f["source"]],
    kind=lambda f: [t(f"file_kind.{k}") if isinstance(k, str) else None for k in f["kind"]],
    status=lambda f: [t(f"file_status.{s}") for s in f["status"]],
    ingested_at=lambda f: [f"{d.day}/{d.month}/{page.year(d.year)}" if pd.notna(d) else None
                           for d in pd.to_datetime(f["ingested_at"])],
).set_index("file_name")
page.table(page.labelled(files, str, {"source": "col.source", "kind": "col.kind",
                                      "status": "col.status", "rows_read": "col.rows_read",
                                      "rows_loaded": "col.rows_loaded",
                                      "rows_quarantined": "col.rows_quarantined",
                                      "ingested_at": "col.ingested_at"}, t("col.file_name")),
           "files", title)
page.footer()
