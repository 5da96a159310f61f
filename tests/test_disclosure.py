"""Disclosure control (spec §5), property-based: what a meeting screen may never show."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pipelines import disclosure

counts = st.integers(min_value=1, max_value=6).flatmap(
    lambda rows: st.integers(min_value=1, max_value=6).flatmap(
        lambda cols: arrays(np.int64, (rows, cols),
                            elements=st.one_of(st.just(0), st.integers(1, 4),
                                               st.integers(5, 60)))))


def frame(values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(values, index=[f"r{i}" for i in range(values.shape[0])],
                        columns=[f"c{j}" for j in range(values.shape[1])])


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(min_value=2, max_value=11))
def test_no_visible_small_count_and_no_derivable_hidden_cell(values: np.ndarray, k: int) -> None:
    table = frame(values)
    full = disclosure.with_totals(table)
    hidden = disclosure.hidden_mask(table, k)
    shown = full.to_numpy()[~hidden.to_numpy()]
    assert not ((shown >= 1) & (shown < k)).any()  # primary suppression, totals included
    assert not (hidden.to_numpy() & (full.to_numpy() == 0)).any()  # zeros are never hidden
    # With the totals published, a line (row or column, total line included) that hides
    # exactly one cell would give it away by subtraction. A one-column table has no row totals.
    for axis in (0, 1) if values.shape[1] > 1 else (0,):
        per_line = hidden.to_numpy().sum(axis=axis)
        assert not (per_line == 1).any()


@given(counts)
def test_suppressed_table_shows_the_true_value_or_the_marker(values: np.ndarray) -> None:
    table = frame(values)
    shown = disclosure.suppress_table(table, 5)
    full = disclosure.with_totals(table)
    for cell, true in zip(shown.to_numpy().ravel(), full.to_numpy().ravel(), strict=True):
        # "<5" only for 1..4; "x" only for a complement of 5 or more; otherwise the count
        assert cell == true or (cell == "<5" and 1 <= true < 5) or (cell == "x" and true >= 5)


def test_single_column_has_a_total_row_only() -> None:
    table = pd.DataFrame({"persons": [12, 3, 40]}, index=["a", "b", "c"])
    shown = disclosure.suppress_table(table, 5)
    assert list(shown.columns) == ["persons"]
    # 3 is hidden; 12 is hidden with it (the total would give 3 away) and marked "x": 12 ≥ k
    assert shown.loc["b", "persons"] == "<5" and shown.loc["a", "persons"] == "x"
    assert shown.loc["total", "persons"] == 55


def test_small_statistics_and_shares_are_hidden() -> None:
    stats = pd.DataFrame({"n": [4, 5], "median": [10.0, 12.0]})
    assert disclosure.hide_small_stats(stats, "n", ["median"], 5)["median"].isna().tolist() == [
        True, False]
    shares = pd.DataFrame({"num": [2, 0, 6, 6], "den": [50, 50, 4, 40], "share": [.04, 0, 1, .15]})
    out = disclosure.hide_small_shares(shares, "num", "den", "share", 5)
    assert out["share"].isna().tolist() == [True, False, True, False]


def test_spreadsheet_safe_neutralises_formulas() -> None:
    risky = pd.DataFrame({"a": ["=1+1", "+SUM(A1)", "-2", "@x", "\tx", "\rx", "ok", 5]})
    safe = disclosure.spreadsheet_safe(risky)["a"].tolist()
    assert safe[:6] == ["'=1+1", "'+SUM(A1)", "'-2", "'@x", "'\tx", "'\rx"]
    assert safe[6:] == ["ok", 5]
