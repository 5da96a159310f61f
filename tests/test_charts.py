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


def _all_font_sizes(fig) -> list[float]:
    layout = fig.layout
    sizes = [layout.font.size, layout.title.font.size, layout.legend.font.size]
    for axis in (layout.xaxis, layout.yaxis):
        sizes += [axis.tickfont.size, axis.title.font.size]
    sizes += [a.font.size for a in layout.annotations]
    for trace in fig.data:
        if getattr(trace, "textfont", None) is not None and trace.textfont.size:
            sizes.append(trace.textfont.size)
    return [s for s in sizes if s is not None]


def _figures() -> dict[str, object]:
    table = pd.DataFrame({"A": [10.0, float("nan")], "B": [5.0, 7.0]}, index=["2021", "2022"])
    text = pd.DataFrame({"A": ["10", "<5"], "B": ["5", "7"]}, index=table.index)
    return {
        "stacked": charts.stacked_bars(table, "t", "x", "y"),
        "grouped": charts.grouped_bars(table, "t", "x", "y"),
        "horizontal": charts.horizontal_bars(table["A"], "t", "x", "y"),
        "heatmap": charts.heatmap(table, text, "t", "x", "y", "%"),
        "lines": charts.lines(table, "t", "x", "y"),
        "summary": charts.duration_summary(table, "t", "days", [(10, "10 d"), (182, "6 m")]),
        "bands": charts.duration_bands(table, "B", "t", "persons"),
    }


def test_every_chart_is_readable_on_a_projected_screen() -> None:
    for name, fig in _figures().items():
        assert fig.layout.font.family == charts.FONT["family"], name
        assert fig.layout.font.family.startswith("Noto Sans Thai, Noto Sans Lao")
        assert min(_all_font_sizes(fig)) >= 18, name
        assert fig.layout.title.text == "t", name


def test_palette_is_okabe_ito() -> None:
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#000000"}
    assert set(charts.PALETTE) == okabe_ito
    assert set(charts.BAND_COLOURS) <= okabe_ito
    # Series beyond eight repeat a colour with a hatch, so no two look alike.
    table = pd.DataFrame({str(i): [5.0] for i in range(10)}, index=["2021"])
    fig = charts.stacked_bars(table, "t", "x", "y")
    looks = {(tr.marker.color, tr.marker.pattern.shape or "") for tr in fig.data}
    assert len(looks) == 10


def test_hidden_cells_are_left_out_of_every_bar_chart() -> None:
    figs = _figures()
    for name in ("stacked", "grouped", "summary", "bands"):
        values = [y for tr in figs[name].data for y in (tr.x if tr.orientation == "h" else tr.y)]
        assert all(not math.isnan(v) for v in values), name
    assert list(figs["horizontal"].data[0].y) == ["2021"]  # '2022' hidden in A


def test_heatmap_labels_hidden_cells_and_leaves_them_uncoloured() -> None:
    fig = _figures()["heatmap"]
    z, text = fig.data[0].z, fig.data[0].text
    assert math.isnan(z[1][0]) and text[1][0] == "<5"


def test_durations_show_open_cases_and_benchmark_lines() -> None:
    table = pd.DataFrame({"0–10": [900.0, float("nan")], "11–30": [100.0, 50.0],
                          "open": [426.0, 593.0]}, index=["reported → rescued",
                                                          "rescued → handed over"])
    fig = charts.duration_bands(table, "open", "t", "persons")
    open_trace = [tr for tr in fig.data if tr.name == "open"]
    assert len(open_trace) == 1 and list(open_trace[0].x) == [426.0, 593.0]
    assert open_trace[0].marker.color == charts.OPEN_COLOUR
    assert open_trace[0].marker.pattern.shape == "/"
    assert fig.data[-1].name == "open"  # drawn last, after the closed bands

    summary = charts.duration_summary(
        pd.DataFrame({"median": [12.0, 3.0], "p90": [28.0, 7.0]}, index=["a", "b"]),
        "t", "days", [(10, "10 days"), (182, "6 months")])
    assert sorted(shape.x0 for shape in summary.layout.shapes) == [10, 182]
    assert {a.text for a in summary.layout.annotations} == {"10 days", "6 months"}
    assert summary.layout.xaxis.range[1] > 182  # both lines inside the plot


def test_separators_follow_the_language() -> None:
    table = pd.DataFrame({"A": [1234.5]}, index=["2021"])
    assert charts.grouped_bars(table, "t", "x", "y", separators=",.").layout.separators == ",."


def test_chart_builders_are_pure() -> None:
    """charts.py turns frames into figures: no Streamlit, no database."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(charts.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in (node.names if isinstance(node, ast.Import)
                              else [ast.alias(node.module or "")])}
    assert imported.isdisjoint({"streamlit", "duckdb", "pipelines"})
