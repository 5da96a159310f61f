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
from pipelines import meeting as meeting_layer


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
    return store.cursor(_connection(str(path), stat.st_ino, stat.st_mtime_ns))


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Monitoring years present (the year filter's range)."""
    return indicators.years(con)


def directions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Directions of travel present (the direction filter's choices)."""
    return indicators.directions(con)


def as_of(con: duckdb.DuckDBPyConnection) -> object:
    """The data's as-of date: the latest step date received."""
    return indicators.as_of(con)


def _database_key() -> tuple[str, int, int]:
    path = Path(store.db_path())
    stat = path.stat()
    return str(path), stat.st_ino, stat.st_mtime_ns


@st.cache_data(max_entries=512, show_spinner=False)
def _published(name: str, database: tuple[str, int, int], args: tuple, kwargs: dict) -> object:
    """A meeting-mode result, computed once per database file and arguments.

    Meeting mode shows the same aggregates to every session, so the cache is shared; a newly
    published database file has a new key, so nothing stale is ever served.
    """
    del database  # the cache key: the result depends on the file the cursor opens
    con = cursor()
    try:
        return getattr(meeting_layer, name)(con, *args, **kwargs)
    finally:
        con.close()


class _CachedMeeting:
    """``pipelines.meeting`` with every function's result cached (see ``_published``).

    Pages call it like the module: ``meeting.annual_by(con, ...)``; the connection argument is
    replaced by a fresh cursor on the current file.
    """

    def __getattr__(self, name: str):
        getattr(meeting_layer, name)  # AttributeError for what the module lacks

        def call(con: duckdb.DuckDBPyConnection | None, *args: object, **kwargs: object):
            del con
            return _published(name, _database_key(), args, kwargs)

        return call


meeting = _CachedMeeting()
