"""Chart builders: what a projected chart may and may not contain."""

from __future__ import annotations

import math

import pandas as pd

from dashboard import charts
from pipelines import disclosure


def test_hidden_cells_are_left_out_of_stacked_bars() -> None:
    table = pd.DataFrame({"TH": [54, 81], "LA": [34, 25], "MM": [13, 3]}, index=["2019", "2020"])
    hidden = disclosure.hidden_mask(table, totals=False)
    fig = charts.stacked_bars(table.astype(float).mask(hidden), "t", "x", "y")
    shown = {(tr.name, x): y for tr in fig.data for x, y in zip(tr.x, tr.y, strict=True)}
    assert ("MM", "2020") not in shown  # 3 < k
    assert all(not (isinstance(y, float) and math.isnan(y)) for y in shown.values())
    assert all(y == 0 or y >= disclosure.DEFAULT_K for y in shown.values())
    # Every bar that is shown has its true value; nothing else was dropped.
    assert len(shown) == int((~hidden).to_numpy().sum())
    assert list(fig.layout.xaxis.categoryarray) == ["2019", "2020"]
