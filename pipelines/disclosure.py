"""Disclosure control (spec §5): the only way a count of persons leaves meeting-safe code.

Primary suppression hides counts between 1 and k−1; complementary suppression then hides further
cells until no hidden cell can be worked out from its row or column total. Pure functions over
pandas frames; callers render hidden cells as ``<k``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_K = 5


def hidden_mask(table: pd.DataFrame, k: int = DEFAULT_K) -> pd.DataFrame:
    """Which cells of a table of counts to hide, totals of rows and columns being published.

    A row or column with exactly one hidden cell would give it away (total − visible cells), so
    the smallest other non-zero cell there is hidden too, repeated until stable. Zeros stay
    visible: a structural zero reveals nobody.
    """
    values = table.to_numpy(dtype=float)
    hide = (values >= 1) & (values < k)
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            lines = hide if axis == 1 else hide.T
            vals = values if axis == 1 else values.T
            for i in range(lines.shape[0]):
                if lines[i].sum() != 1:
                    continue
                candidates = np.where(~lines[i] & (vals[i] > 0))[0]
                if candidates.size == 0:
                    continue
                j = candidates[np.argmin(vals[i][candidates])]
                lines[i, j] = True
                changed = True
    return pd.DataFrame(hide, index=table.index, columns=table.columns)


def suppress_table(table: pd.DataFrame, k: int = DEFAULT_K) -> pd.DataFrame:
    """Counts as display values: int, or the string '<k' where hidden."""
    mask = hidden_mask(table, k)
    shown = table.astype(object).copy()
    shown[mask] = f"<{k}"
    return shown


def suppress_total(value: int, k: int = DEFAULT_K) -> int | str:
    return f"<{k}" if 1 <= value < k else int(value)
