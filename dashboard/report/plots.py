"""The report's charts in one language: ``dashboard.charts`` builders fed with the published
tables, laid out for an A4 page. A hidden cell is left out of the bars (as on the dashboard)
and its published mark ('<5', '–') is written where its bar would start, so an empty row does
not read as zero; shown bars carry their number."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, i18n
from dashboard.report import labels, strings
from dashboard.report.figures import Chart, for_print
from dashboard.report.tables import DIGITS, TOTAL, Table

BENCHMARKS = ((10, "durations.benchmark_10"), (182, "durations.benchmark_6m"))
ROW = 44  # px per bar row (18 px type)
TEXT_SIZE = 16


def _year_cells(table: Table, year: int) -> tuple[pd.Series, pd.Series]:
    """A cross-table's row for ``year`` (numbers with NaN where hidden; published cells),
    its total left out."""
    values = table.values
    if values is None or str(year) not in values.index:
        return pd.Series(dtype=float), pd.Series(dtype=object)
    numbers = values.loc[str(year)].drop(labels=[TOTAL], errors="ignore")
    index = table.label_columns[0]
    record = table.frame[table.frame[index].astype(str) == str(year)].iloc[0]
    shown = pd.Series([record[c] for c in numbers.index], index=numbers.index, dtype=object)
    return numbers, shown


def _rows_cells(table: Table, column: str) -> tuple[pd.Series, pd.Series]:
    """A one-way table's column by row label (its total row left out)."""
    frame = table.frame
    label = table.label_columns[0]
    frame = frame[frame[label] != TOTAL]
    shown = pd.Series(list(frame[column]), index=[str(v) for v in frame[label]], dtype=object)
    return pd.to_numeric(shown, errors="coerce"), shown


def _mark_bars(figure: go.Figure, numbers: pd.Series, shown: pd.Series, lang: str,
               digits: int, horizontal: bool) -> None:
    """Numbers on the shown bars; the published mark where a hidden bar would be."""
    not_shown = i18n.translate("fmt.not_shown", lang)
    trace = figure.data[0]
    positions = list(trace.y if horizontal else trace.x)
    by_label = {str(k): v for k, v in numbers.items()}
    trace.text = [i18n.number(by_label[p], lang, digits) for p in positions]
    trace.textposition = "outside"
    trace.textfont = {"size": TEXT_SIZE}
    trace.cliponaxis = False
    # On a category axis a label such as "3" would be read as a position: place by position.
    axis = figure.layout.yaxis if horizontal else figure.layout.xaxis
    order = [str(c) for c in (axis.categoryarray or [])]
    for label, value in numbers.items():
        if pd.isna(value) and str(label) in order:
            mark = shown.get(label)
            mark = mark if isinstance(mark, str) else not_shown
            at = order.index(str(label))
            if horizontal:
                figure.add_annotation(x=0, y=at, text=mark, showarrow=False,
                                      xanchor="left", xshift=4, font={"size": TEXT_SIZE})
            else:
                figure.add_annotation(x=at, y=0, text=mark, showarrow=False,
                                      yanchor="bottom", yshift=4, font={"size": TEXT_SIZE})


def _bars(numbers: pd.Series, shown: pd.Series, vocabulary: str, lang: str, x_title: str,
          digits: int = 0) -> Chart | None:
    numbers = pd.to_numeric(numbers, errors="coerce")
    if numbers.empty or numbers.isna().all():
        return None
    names = [labels.code(vocabulary, c, lang) for c in numbers.index]
    numbers = pd.Series(numbers.to_numpy(), index=names)
    shown = pd.Series(shown.to_numpy(), index=names, dtype=object)
    figure = charts.horizontal_bars(numbers, "", x_title, "", i18n.plotly_separators(lang))
    _mark_bars(figure, numbers, shown, lang, digits, horizontal=True)
    figure.update_yaxes(ticklabelstandoff=8)
    figure.update_xaxes(range=[0, float(numbers.max()) * 1.12])
    return for_print(figure, 90 + ROW * len(numbers))


def build(tables: dict[str, Table], year: int, lang: str) -> dict[str, Chart]:
    """Chart name -> chart, for the charts whose data are there."""
    def t(key: str, **values: object) -> str:
        return strings.t(key, lang, **values)

    separators = i18n.plotly_separators(lang)
    out: dict[str, Chart | None] = {}
    if "potential_by_direction" in tables:
        out["direction"] = _bars(*_year_cells(tables["potential_by_direction"], year),
                                 "direction", lang, t("common.persons"))
    for name in ("channel", "control_means"):
        if f"{name}_shares" in tables:
            out[name] = _bars(*_year_cells(tables[f"{name}_shares"], year), name, lang,
                              t("report.col.share_pct"), DIGITS["percent"])
    if "debt_bands" in tables:
        out["debt_bands"] = _bars(*_rows_cells(tables["debt_bands"], "persons"), "debt_band",
                                  lang, t("common.persons"))
    if "fines_by_reason" in tables:
        out["fines"] = _bars(*_rows_cells(tables["fines_by_reason"], "fines"), "fine_reason",
                             lang, t("col.fines"))
    if "durations" in tables:
        frame = tables["durations"].frame
        pairs = [f"{a}→{b}" for a, b in zip(frame["from_step"], frame["to_step"], strict=True)]
        stats = pd.DataFrame({t("durations.median"): list(frame["median_days"]),
                              t("durations.p90"): list(frame["p90_days"])},
                             index=[labels.code("pair", p, lang) for p in pairs])
        stats = stats.apply(pd.to_numeric, errors="coerce")
        if stats.notna().any().any():
            figure = charts.duration_summary(stats, "", t("common.days"),
                                             [(days, t(key)) for days, key in BENCHMARKS],
                                             separators)
            figure.update_yaxes(ticklabelstandoff=8)
            out["durations"] = for_print(figure, 200 + 70 * len(stats), top=40,
                                         legend="below")
    if "duration_bands" in tables and tables["duration_bands"].values is not None:
        values = tables["duration_bands"].values.copy()
        values.index = [labels.code("pair", p, lang) for p in values.index]
        values.columns = [labels.code("duration_band", c, lang) for c in values.columns]
        figure = charts.duration_bands(values, t("band.waiting"), "", t("common.persons"),
                                       separators)
        figure.update_yaxes(ticklabelstandoff=8)
        out["duration_bands"] = for_print(figure, 170 + 62 * len(values), top=80,
                                          legend="above")
    if "agencies_per_case" in tables:
        numbers, shown = _rows_cells(tables["agencies_per_case"], "persons")
        if numbers.notna().any():
            frame = numbers.to_frame(t("common.persons"))
            figure = charts.grouped_bars(frame, "", t("coordination.agencies"),
                                         t("common.persons"), separators)
            _mark_bars(figure, numbers, shown, lang, 0, horizontal=False)
            figure.update_xaxes(range=[-0.5, len(numbers) - 0.5])
            figure.update_yaxes(range=[0, float(numbers.max()) * 1.15])
            out["agencies"] = for_print(figure, 380)
    return {name: chart for name, chart in out.items() if chart is not None}
