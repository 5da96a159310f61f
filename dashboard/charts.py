"""Pure chart builders: DataFrame in, Plotly figure out. Large type for a projected screen.

Inputs are already published (meeting layer) and translated (pages): a hidden cell arrives as
NaN and is left out of the figure, never drawn as a zero. No Streamlit here.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
# Beyond eight series the colours repeat with a hatch, so no two series look alike.
PATTERNS = ["", "/", ".", "x"]
FONT = {"family": "Noto Sans Thai, Noto Sans Lao, Noto Sans, sans-serif", "size": 18}
TITLE_SIZE = 24
OPEN_COLOUR = "#8C8C8C"  # open cases (still waiting): grey with a hatch, apart from the bands
# Ordered duration bands: short (green) to long (vermillion), all Okabe–Ito.
BAND_COLOURS = ["#009E73", "#56B4E9", "#0072B2", "#E69F00", "#D55E00", "#CC79A7"]
HEATMAP_SCALE = "cividis"  # perceptually uniform and colour-vision safe


def wrap(title: str, width: int = 70) -> str:
    """Break a long title into lines (on spaces; Thai and Lao titles carry spaces too)."""
    return "<br>".join(textwrap.wrap(title, width)) or title


def _style(fig: go.Figure, title: str, x_title: str, y_title: str, separators: str,
           height: int = 560, legend: bool = True) -> go.Figure:
    lines = wrap(title).count("<br>") + 1
    fig.update_layout(
        title={"text": wrap(title), "font": {"size": TITLE_SIZE}, "x": 0, "xanchor": "left"},
        font=FONT, separators=separators, height=height, showlegend=legend,
        legend={"title": {"text": ""}, "font": {"size": 18}},
        margin={"t": 50 + 34 * lines, "l": 10, "r": 10, "b": 10},
        hoverlabel={"font": {"size": 18}},
    )
    fig.update_xaxes(title_text=x_title, title_font={"size": 18}, tickfont={"size": 18},
                     automargin=True)
    fig.update_yaxes(title_text=y_title, title_font={"size": 18}, tickfont={"size": 18},
                     automargin=True)
    return fig


def _colour(i: int) -> dict[str, object]:
    return {"color": PALETTE[i % len(PALETTE)],
            "pattern": {"shape": PATTERNS[(i // len(PALETTE)) % len(PATTERNS)],
                        "fillmode": "overlay", "fgcolor": "#FFFFFF", "solidity": 0.4}}


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def _shown(series: pd.Series) -> np.ndarray:
    return ~np.isnan(_numbers(series))


def _bars(fig: go.Figure, table: pd.DataFrame) -> None:
    """One bar trace per column over the index, in the index's order.

    Hidden cells are left out of the trace: a NaN inside a stack makes plotly.js drop the bars
    stacked beneath it.
    """
    for i, col in enumerate(table.columns):
        shown = _shown(table[col])
        fig.add_bar(x=[str(x) for x in table.index[shown]],
                    y=_numbers(table[col])[shown].tolist(), name=str(col),
                    marker=_colour(i))
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[str(x) for x in table.index])


def stacked_bars(table: pd.DataFrame, title: str, x_title: str, y_title: str,
                 separators: str = ".,") -> go.Figure:
    """Counts by category (columns) over years (index); hidden cells (NaN) are left out."""
    fig = go.Figure()
    _bars(fig, table)
    fig.update_layout(barmode="stack")
    fig = _style(fig, title, x_title, y_title, separators)
    if len(table.columns) > 8:  # a long legend reads better under the bars than scrolled
        fig.update_layout(height=560 + 30 * ((len(table.columns) + 2) // 3),
                          legend={"orientation": "h", "y": -0.15, "yanchor": "top"})
    return fig


def grouped_bars(table: pd.DataFrame, title: str, x_title: str, y_title: str,
                 separators: str = ".,", y_range: tuple[float, float] | None = None
                 ) -> go.Figure:
    """One bar per column side by side for each index value (e.g. shares per year)."""
    fig = go.Figure()
    _bars(fig, table)
    fig.update_layout(barmode="group")
    if y_range:
        fig.update_yaxes(range=list(y_range))
    return _style(fig, title, x_title, y_title, separators, legend=len(table.columns) > 1)


def horizontal_bars(series: pd.Series, title: str, x_title: str, y_title: str,
                    separators: str = ".,") -> go.Figure:
    """One bar per category, top to bottom in the order given; hidden (NaN) left out."""
    shown = _shown(series)
    labels = [str(x) for x in series.index]
    fig = go.Figure(go.Bar(
        y=[labels[i] for i in np.where(shown)[0]],
        x=_numbers(series)[shown].tolist(), orientation="h",
        marker={"color": PALETTE[0]}, name=str(series.name or ""),
    ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])
    return _style(fig, title, x_title, y_title, separators,
                  height=max(360, 120 + 56 * len(labels)), legend=False)


def heatmap(values: pd.DataFrame, text: pd.DataFrame, title: str, x_title: str,
            y_title: str, colour_title: str, separators: str = ".,",
            zmin: float | None = None, zmax: float | None = None) -> go.Figure:
    """Rows × columns coloured by value, each cell labelled with its shown text ('<5' where
    hidden: a hidden cell is left uncoloured)."""
    z = values.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(c) for c in values.columns], y=[str(r) for r in values.index],
        text=text.astype(str).to_numpy(), texttemplate="%{text}", textfont={"size": 18},
        colorscale=HEATMAP_SCALE, zmin=zmin, zmax=zmax, xgap=2, ygap=2, hoverongaps=False,
        colorbar={"title": {"text": colour_title, "side": "right"}, "tickfont": {"size": 18}},
    ))
    fig.update_xaxes(type="category", side="bottom")
    fig.update_yaxes(type="category", autorange="reversed")
    return _style(fig, title, x_title, y_title, separators,
                  height=max(420, 170 + 52 * len(values.index)), legend=False)


def lines(table: pd.DataFrame, title: str, x_title: str, y_title: str,
          separators: str = ".,") -> go.Figure:
    """One line per column over the index (years); hidden points (NaN) left as gaps."""
    fig = go.Figure()
    for i, col in enumerate(table.columns):
        y = pd.to_numeric(table[col], errors="coerce")
        fig.add_scatter(x=[str(x) for x in table.index], y=y.tolist(), name=str(col),
                        mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)],
                                                    "width": 4},
                        marker={"size": 12, "symbol": ["circle", "diamond", "square"][i % 3]})
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[str(x) for x in table.index])
    fig.update_yaxes(rangemode="tozero")
    return _style(fig, title, x_title, y_title, separators)


def duration_summary(table: pd.DataFrame, title: str, x_title: str,
                     benchmarks: list[tuple[float, str]], separators: str = ".,") -> go.Figure:
    """Days per step pair (rows): one horizontal bar per statistic (columns, e.g. median and
    90th percentile), with dashed reference lines at the benchmark days."""
    fig = go.Figure()
    labels = [str(x) for x in table.index]
    # Horizontal groups stack their bars bottom-up: add the statistics in reverse so the first
    # (the median) is on top of its group, and list the legend in reverse to match.
    for i, col in reversed(list(enumerate(table.columns))):
        shown = _shown(table[col])
        fig.add_bar(y=[labels[j] for j in np.where(shown)[0]],
                    x=_numbers(table[col])[shown].tolist(), name=str(col),
                    orientation="h", marker={"color": PALETTE[i % len(PALETTE)]})
    top = max([float(np.nanmax(_numbers(table[c]))) for c in table.columns
               if _shown(table[c]).any()] + [days for days, _ in benchmarks] + [1.0])
    for i, (days, label) in enumerate(benchmarks):
        # The first label reads to the right of its line, the last to the left: both stay
        # inside the plot whatever the axis range.
        right = i == len(benchmarks) - 1 and len(benchmarks) > 1
        fig.add_vline(x=days, line={"dash": "dash", "color": "#000000", "width": 3})
        fig.add_annotation(x=days, y=1.0, yref="paper", yanchor="bottom", text=label,
                           showarrow=False, xanchor="right" if right else "left",
                           font={"size": 18}, bgcolor="rgba(255,255,255,0.85)")
    fig.update_xaxes(range=[0, top * 1.08])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.18,
                                               "traceorder": "reversed"})
    fig = _style(fig, title, x_title, "", separators, height=max(480, 200 + 80 * len(labels)))
    fig.update_layout(margin={"t": fig.layout.margin.t + 30})
    return fig


def duration_bands(table: pd.DataFrame, open_column: str, title: str, x_title: str,
                   separators: str = ".,") -> go.Figure:
    """Persons per step pair (rows) and duration band (columns, shortest first), stacked;
    the ``open_column`` (still waiting) is drawn as open cases — grey and hatched, last."""
    fig = go.Figure()
    labels = [str(x) for x in table.index]
    bands = [c for c in table.columns if c != open_column]
    for i, col in enumerate([*bands, open_column] if open_column in table else bands):
        shown = _shown(table[col])
        is_open = col == open_column
        marker = ({"color": OPEN_COLOUR, "pattern": {"shape": "/", "fillmode": "overlay",
                                                     "fgcolor": "#FFFFFF", "solidity": 0.35}}
                  if is_open else {"color": BAND_COLOURS[i % len(BAND_COLOURS)]})
        fig.add_bar(y=[labels[j] for j in np.where(shown)[0]],
                    x=_numbers(table[col])[shown].tolist(), name=str(col),
                    orientation="h", marker=marker)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2,
                                               "traceorder": "normal"})
    return _style(fig, title, x_title, "", separators, height=max(480, 220 + 80 * len(labels)))
