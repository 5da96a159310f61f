"""Indicators (spec §4) as named, parameterised queries returning DataFrames.

Every consumer (dashboard, downloads, report) calls these; none computes an indicator itself.
Counts returned here are raw: outside the analyst view they leave only through ``meeting``,
which applies ``disclosure``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import duckdb
import pandas as pd

from pipelines import sql

DIMENSIONS = tuple(sql.DIMENSIONS)
MULTI_VALUED = tuple(sql.SHARES_BY_YEAR)


@dataclass(frozen=True)
class Filters:
    """Filters shared by every indicator and page; None means all."""

    year_from: int | None = None
    year_to: int | None = None
    nationality: tuple[str, ...] | None = None
    direction: tuple[str, ...] | None = None
    sex: tuple[str, ...] | None = None
    age_band: tuple[str, ...] | None = None
    source: tuple[str, ...] | None = None
    exploitation: tuple[str, ...] | None = None
    site: tuple[str, ...] | None = None

    def params(self) -> dict[str, object]:
        """Named parameters of sql.FILTERED_PERSONS; empty selections mean all."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) and value else (
                None if isinstance(value, tuple) else value)
        return out


ALL = Filters()


def _df(con: duckdb.DuckDBPyConnection, statement: str, filters: Filters) -> pd.DataFrame:
    return con.execute(statement, filters.params()).df()


def counts_by(con: duckdb.DuckDBPyConnection, dimension: str, filters: Filters = ALL
              ) -> pd.DataFrame:
    """Potential and identified victims per monitoring year ('unknown' too) and category."""
    return _df(con, sql.COUNTS_BY[dimension], filters)


def annual_counts(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Potential and identified victims per monitoring year and nationality."""
    return counts_by(con, "nationality", filters).rename(columns={"category": "nationality"})


def persons_by_year_nationality(con: duckdb.DuckDBPyConnection, filters: Filters = ALL
                                ) -> pd.DataFrame:
    frame = annual_counts(con, filters)
    return frame[["year", "nationality", "potential_victims"]].rename(
        columns={"potential_victims": "persons"})


def shares_by_year(con: duckdb.DuckDBPyConnection, field: str, filters: Filters = ALL
                   ) -> pd.DataFrame:
    """Persons with each value of a multi-valued field ÷ persons with any known value."""
    return _df(con, sql.SHARES_BY_YEAR[field], filters)


def debt_by_year(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    return _df(con, sql.DEBT_BY_YEAR, filters)


def debt_bands(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    frame = _df(con, sql.DEBT_BANDS, filters)
    frame["band"] = frame["band"].map(sql.DEBT_BAND_LABELS)
    return frame


def fines_by_reason(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Number of fines, persons fined and median amounts (USD, THB) per reason."""
    return _df(con, sql.FINES_BY_REASON, filters)


def fined_per_person(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    return _df(con, sql.FINED_PER_PERSON, filters)


def referral_durations(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Days between steps per person; persons who reached the first step only are 'waiting'."""
    return _df(con, sql.REFERRAL_DURATIONS, filters)


def duration_bands(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    frame = _df(con, sql.DURATION_BANDS, filters)
    frame["band"] = frame["band"].map(sql.DURATION_BAND_LABELS)
    return frame


def agencies_per_case(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    return _df(con, sql.AGENCIES_PER_CASE, filters)


def coordination_channels(con: duckdb.DuckDBPyConnection, filters: Filters = ALL
                          ) -> pd.DataFrame:
    frame = _df(con, sql.COORDINATION_CHANNELS, filters)
    frame["informal_share"] = frame["informal"] / frame["steps_with_channel"].where(
        frame["steps_with_channel"] > 0)
    return frame


def rights_by_year(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Criminalisation and screening before return, as numerators and denominators."""
    return _df(con, sql.RIGHTS_BY_YEAR, filters)


def ratio(con: duckdb.DuckDBPyConnection, name: str, filters: Filters = ALL) -> tuple[int, int]:
    """(numerator, denominator) over all years: 'criminalisation' or 'screening_before_return'."""
    frame = rights_by_year(con, filters)
    num, den = {"criminalisation": ("criminalised", "rescued_in_laos"),
                "screening_before_return": ("screened_before_return", "handed_over")}[name]
    return int(frame[num].sum()), int(frame[den].sum())


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [int(r[0]) for r in con.execute(sql.MONITORING_YEARS).fetchall()]


def directions(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(sql.FILTER_VALUES["direction"]).fetchall()]


def as_of(con: duckdb.DuckDBPyConnection) -> object:
    rows = con.execute(sql.DATA_AS_OF).fetchall()
    return rows[0][0] if rows else None


def files_ingested(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql.FILES_INGESTED).df()


def outstanding_by_rule(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql.OUTSTANDING_BY_RULE).df()


def findings_by_kind(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql.FINDINGS_BY_KIND).df()


def completeness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Share of source persons with each key field filled, by source and monitoring year."""
    return con.execute(sql.COMPLETENESS).df()


def timeliness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Days from a step to the ingest of the file that first reported it (spec §6.12)."""
    return con.execute(sql.TIMELINESS).df()
