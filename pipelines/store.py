"""DuckDB at the edge: open, create the schema from its one definition, write typed frames."""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import schema, sql

DEFAULT_DB = Path("data/curated/monitoring.duckdb")


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db beats TIPMON_DB beats the default under data/curated/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TIPMON_DB")
    return Path(env) if env else DEFAULT_DB


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if str(path) != ":memory:" and not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and load the FX reference once."""
    for table in schema.ALL_TABLES:
        con.execute(schema.ddl(table))
    for statement in sql.VIEWS.values():
        con.execute(statement)
    if scalar(con, sql.FX_COUNT) == 0:
        insert_frame(con, schema.FX_RATES, fx_reference())


def fx_reference() -> pd.DataFrame:
    """The shipped FX table (spec §4), with where its numbers come from."""
    text = resources.files("pipelines").joinpath("reference/fx_rates.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return pd.DataFrame(rows).astype({"year": int, "units_per_usd": float})


_PANDAS_TYPES = {"INTEGER": "Int64", "DOUBLE": "Float64", "BOOLEAN": "boolean"}


def typed(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """Give every column its schema type so DuckDB never guesses from object columns."""
    out = {}
    n = len(frame)
    for col in table.columns:
        values = frame[col.name] if col.name in frame.columns else pd.Series([None] * n,
                                                                             dtype=object)
        values = values.reset_index(drop=True)
        if col.type in _PANDAS_TYPES:
            values = values.astype(object).where(values.notna(), None)
            out[col.name] = pd.array(values.tolist(), dtype=_PANDAS_TYPES[col.type])
        elif col.type == "DATE":
            out[col.name] = pd.to_datetime(values, errors="raise").astype("datetime64[s]")
        elif col.type == "TIMESTAMP":
            out[col.name] = pd.to_datetime(values)
        else:
            out[col.name] = values.astype(object).where(values.notna(), None)
    return pd.DataFrame(out, index=range(n))


def insert_frame(con: duckdb.DuckDBPyConnection, table: schema.Table, frame: pd.DataFrame) -> int:
    if frame is None or len(frame) == 0:
        return 0
    data = typed(frame, table)
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con.register("_insert_frame", data)
    try:
        con.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM _insert_frame')
    finally:
        con.unregister("_insert_frame")
    return len(data)


def fetch_df(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None
             ) -> pd.DataFrame:
    return con.execute(query, params or []).df()


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> object:
    """First value of a query; fetches all so DuckDB 2 has no unfinished result left open."""
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None


def first_row(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> tuple:
    rows = con.execute(query, params or []).fetchall()
    return rows[0] if rows else ()


LOCK_SUFFIX = ".lock"
NEXT_SUFFIX = ".next"


@contextmanager
def writer(path: Path, needed: Callable[[], bool] | None = None) -> Iterator[Path | None]:
    """The one writer of a database: a locked working copy, published with an atomic rename.

    Yields the path to write (a copy of the live file beside it) and, when the block ends
    without an error, replaces the live file with it in one rename, so that readers see the
    old database or the new one and never a half-written one, and a crash (even SIGKILL)
    leaves the live file as it was. A second writer waits for the lock. ``needed`` is asked
    under the lock before copying; when it says no, None is yielded and nothing is written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + LOCK_SUFFIX), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        work = path.with_name(path.name + NEXT_SUFFIX)
        for stale in (work, work.with_name(work.name + ".wal")):
            stale.unlink(missing_ok=True)  # left by a crashed run
        if needed is not None and path.exists() and not needed():
            yield None
            return
        if path.exists():
            shutil.copyfile(path, work)
        try:
            yield work
        except BaseException:
            work.unlink(missing_ok=True)
            raise
        if not work.exists():
            return
        _fsync(work)
        os.replace(work, path)
        _fsync(path.parent)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
