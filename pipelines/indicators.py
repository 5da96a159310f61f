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


def persons_by_year_nationality(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql.PERSONS_BY_YEAR_NATIONALITY).df()


def fines_by_reason(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Number of fines and median amounts (USD, THB) per reason."""
    return con.execute(sql.FINES_BY_REASON).df()


def referral_durations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Days between steps per person; persons who reached the first step only are 'waiting'."""
    return con.execute(sql.REFERRAL_DURATIONS).df()


def ratio(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, int]:
    """(numerator, denominator) of a rights indicator: 'criminalisation' or
    'screening_before_return'."""
    statement = {"criminalisation": sql.CRIMINALISATION,
                 "screening_before_return": sql.SCREENING_BEFORE_RETURN}[name]
    numerator, denominator = con.execute(statement).fetchall()[0]
    return int(numerator), int(denominator)


def completeness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Share of source persons with each key field filled, by source and monitoring year."""
    return con.execute(sql.COMPLETENESS).df()


def timeliness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Days from a step to the ingest of the file that first reported it (spec §6.12)."""
    return con.execute(sql.TIMELINESS).df()
