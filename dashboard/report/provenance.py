"""Where the package's numbers come from: the export files (SHA-256, as-of date), the data
quality summary and the software version — for ``manifest.json``.

The as-of date of a file is the latest referral-step date the database holds from it: the
steps it was the first to report (``src_step_seen``) and the steps it is still the latest
word on (``src_steps``). A file that reported no dated step (a fines file, a file that could
not be read) gets the date it was received instead; ``as_of_basis`` says which.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata

import duckdb
import pandas as pd

from pipelines import indicators

# Read-only and about the files, not the persons: no indicator is computed here.
FILES_AS_OF = """
WITH reported AS (
    SELECT file_seq, step_date FROM src_step_seen
    UNION ALL
    SELECT file_seq, step_date FROM src_steps WHERE step_date IS NOT NULL
)
SELECT f.seq, f.file_name, f.sha256, f.source, f.kind, f.status, f.ingested_at,
       max(r.step_date) AS latest_step
FROM ingest_files f LEFT JOIN reported r ON r.file_seq = f.seq
GROUP BY ALL ORDER BY f.seq
"""

LATEST_STEP, INGEST_DATE = "latest_step", "ingest_date"


def software_version() -> str:
    try:
        return metadata.version("tipmon")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def files(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per file received: name, SHA-256, source, kind, status, as-of and its basis."""
    frame = con.execute(FILES_AS_OF).df()
    ingested = pd.to_datetime(frame["ingested_at"]).dt.date
    latest = pd.to_datetime(frame["latest_step"]).dt.date
    has_step = frame["latest_step"].notna()
    frame["as_of"] = [(s if h else i) for s, i, h in zip(latest, ingested, has_step,
                                                          strict=True)]
    frame["as_of_basis"] = [LATEST_STEP if h else INGEST_DATE for h in has_step]
    return frame.drop(columns=["latest_step"])


def data_as_of(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    value = indicators.as_of(con)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


FX_OF_YEAR = """
SELECT currency, units_per_usd, source_note FROM fx_rates WHERE year = ? ORDER BY currency
"""


def fx_rates(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """The reference rates the database converted the year's amounts with (spec §4)."""
    frame = con.execute(FX_OF_YEAR, [year]).df()
    order = {c: i for i, c in enumerate(("THB", "LAK", "CNY", "USD"))}
    return frame.sort_values("currency", key=lambda s: s.map(lambda c: order.get(c, 9)))
