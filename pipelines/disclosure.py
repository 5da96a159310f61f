"""Disclosure control (spec §5): the only way a count of persons leaves meeting-safe code.

- Primary suppression: a count between 1 and k−1 is hidden (shown as ``<k``); 0 stays 0.
- Complementary suppression: tables are protected together with their row and column totals;
  wherever a row or column (totals included) has exactly one hidden cell, the smallest other
  non-zero cell of it is hidden too, until no hidden cell can be worked out by subtraction.
- A share, median or other statistic over fewer than k persons is not shown, nor a share whose
  numerator is between 1 and k−1 (with its denominator shown, it would give the count away).
- Cells of downloads are made safe to open in a spreadsheet.

Pure functions over pandas frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_K = 5
TOTAL = "total"
SECONDARY = "x"  # a count of k or more, hidden to protect a smaller one (complementary)


def _complement(values: np.ndarray, hide: np.ndarray) -> np.ndarray:
    """Hide more cells until no row or column has exactly one hidden cell."""
    hide = hide.copy()
    changed = True
    while changed:
        changed = False
        for lines, vals in ((hide, values), (hide.T, values.T)):
            for i in range(lines.shape[0]):
                if lines[i].sum() != 1:
                    continue
                candidates = np.where(~lines[i] & (vals[i] > 0))[0]
                if candidates.size == 0:
                    continue
                lines[i, candidates[np.argmin(vals[i][candidates])]] = True
                changed = True
    return hide


def with_totals(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a total row, and a total column unless it has a single column."""
    out = table.copy()
    if out.shape[1] > 1:
        out[TOTAL] = out.sum(axis=1)
    out.loc[TOTAL] = out.sum(axis=0)
    return out


def hidden_mask(table: pd.DataFrame, k: int = DEFAULT_K, totals: bool = True) -> pd.DataFrame:
    """Cells of a table of person counts to hide; with ``totals``, the totals' cells too.

    The mask returned has the shape of the input unless ``totals`` is True, in which case it
    is the mask of ``with_totals(table)``.
    """
    full = with_totals(table) if totals else table
    values = full.to_numpy(dtype=float)
    hide = _complement(values, (values >= 1) & (values < k))
    return pd.DataFrame(hide, index=full.index, columns=full.columns)


def suppress_table(table: pd.DataFrame, k: int = DEFAULT_K, totals: bool = True) -> pd.DataFrame:
    """Counts as display values, totals included: the count, or a marker where hidden.

    A count of 1..k−1 reads ``<k``; a cell hidden only so that such a count cannot be worked out
    from the totals holds k or more, so it reads ``x`` (saying ``<k`` there would be false).
    """
    full = with_totals(table) if totals else table
    mask = hidden_mask(table, k, totals)
    small = (full >= 1) & (full < k)
    return full.astype(object).mask(mask & small, f"<{k}").mask(mask & ~small, SECONDARY)


def suppress_count(value: int, k: int = DEFAULT_K) -> int | str:
    return f"<{k}" if 1 <= value < k else int(value)


def hide_small_stats(frame: pd.DataFrame, n_column: str, stat_columns: list[str],
                     k: int = DEFAULT_K) -> pd.DataFrame:
    """Statistics (medians, percentiles, maxima) over fewer than k persons become NaN."""
    out = frame.copy()
    small = out[n_column] < k
    for col in stat_columns:
        out[col] = out[col].astype(float).where(~small)
    return out


def hide_small_shares(frame: pd.DataFrame, numerator: str, denominator: str, share: str,
                      k: int = DEFAULT_K) -> pd.DataFrame:
    """A share is hidden when its numerator is 1..k−1 or its denominator below k."""
    out = frame.copy()
    num, den = out[numerator], out[denominator]
    bad = ((num >= 1) & (num < k)) | (den < k)
    out[share] = out[share].astype(float).where(~bad)
    return out


_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_RISKY_START) else v)
    out.columns = [("'" + c if isinstance(c, str) and c.startswith(_RISKY_START) else c)
                   for c in out.columns]
    return out
