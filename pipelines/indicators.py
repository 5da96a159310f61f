"""Indicators (spec §4) as named, parameterised queries returning DataFrames.

Every consumer (dashboard, downloads, report) calls these; none computes an indicator itself.
Counts returned here are raw: they pass through ``disclosure`` before leaving the analyst view.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from pipelines import sql


@dataclass(frozen=True)
class Filters:
    """Filters shared by every indicator; None means all."""

    year_from: int | None = None
    year_to: int | None = None
    nationalities: tuple[str, ...] | None = None

    def params(self) -> list[object]:
        return [
            self.year_from, self.year_from,
            self.year_to, self.year_to,
            list(self.nationalities) if self.nationalities else None,
            list(self.nationalities) if self.nationalities else None,
        ]


def annual_counts(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    """Potential and identified victims per monitoring year and nationality."""
    frame = con.execute(sql.ANNUAL_COUNTS, filters.params()).df()
    frame["monitoring_year"] = frame["monitoring_year"].astype("Int64")
    return frame


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [int(r[0]) for r in con.execute(sql.MONITORING_YEARS).fetchall()]


def as_of(con: duckdb.DuckDBPyConnection) -> object:
    rows = con.execute(sql.DATA_AS_OF).fetchall()
    return rows[0][0] if rows else None
