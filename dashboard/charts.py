"""Pure chart builders: DataFrame in, Plotly figure out. Large type for a projected screen."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
FONT = {"family": "Noto Sans Thai, Noto Sans Lao, Noto Sans, sans-serif", "size": 18}


def stacked_bars(table: pd.DataFrame, title: str, x_title: str, y_title: str) -> go.Figure:
    """Counts by category (columns) over years (index); hidden cells (NaN) are left out."""
    fig = go.Figure()
    for i, col in enumerate(table.columns):
        shown = table[col].notna().to_numpy()
        # Hidden cells are left out of the trace: a NaN inside a stack makes plotly.js drop
        # the bars stacked beneath it.
        fig.add_bar(x=[str(x) for x in table.index[shown]],
                    y=table[col].to_numpy()[shown].tolist(), name=str(col),
                    marker_color=PALETTE[i % len(PALETTE)])
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[str(x) for x in table.index])
    fig.update_layout(barmode="stack", title=title, font=FONT, xaxis_title=x_title,
                      yaxis_title=y_title, legend_title_text="", margin={"t": 70})
    return fig
