"""The analyst view: row-level and unsuppressed data, each call checked and logged.

Pseudonymous rows (person_id, codes, dates; never notes, never a province's own references
beyond what the curated tables hold) and raw indicator counts. Only users with the analyst role
get them; every call, allowed or denied, goes to the audit log (``access.require``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines import access, indicators, sql
from pipelines.indicators import ALL, Filters


def persons(con: duckdb.DuckDBPyConnection, user: access.User, log: Path,
            filters: Filters = ALL) -> pd.DataFrame:
    access.require(user, log, "analyst_view", "persons (row level)")
    return con.execute(sql.ANALYST_PERSONS, filters.params()).df()


def quarantine(con: duckdb.DuckDBPyConnection, user: access.User, log: Path) -> pd.DataFrame:
    access.require(user, log, "analyst_view", "quarantine browser")
    return con.execute(sql.ANALYST_QUARANTINE).df()


def counts(con: duckdb.DuckDBPyConnection, user: access.User, log: Path, dimension: str,
           filters: Filters = ALL) -> pd.DataFrame:
    access.require(user, log, "analyst_view", f"unsuppressed counts by {dimension}")
    return indicators.counts_by(con, dimension, filters)
