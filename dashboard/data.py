"""The dashboard's only door to the data: a read-only DuckDB connection, a cursor per query.

DuckDB connections are not thread-safe and Streamlit serves each session in its own thread, so
the cached connection is never used directly: every page run takes a fresh cursor. An ingest
publishes a new database file by renaming it over the old one; the connection is cached per
file identity (inode and modification time), so the next page run opens the new file and the
old connection, still reading the old file, is let go.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from pipelines import indicators, store


@st.cache_resource(max_entries=2)
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    del inode, mtime_ns  # part of the cache key only: a new file is a new connection
    return store.connect(path, read_only=True)


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A fresh cursor on the current database file; None when there is no database yet."""
    path = Path(store.db_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _connection(str(path), stat.st_ino, stat.st_mtime_ns).cursor()


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Monitoring years present (the year filter's range)."""
    return indicators.years(con)


def directions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Directions of travel present (the direction filter's choices)."""
    return indicators.directions(con)


def as_of(con: duckdb.DuckDBPyConnection) -> object:
    """The data's as-of date: the latest step date received."""
    return indicators.as_of(con)
