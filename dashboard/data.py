"""The dashboard's only door to the data: a read-only DuckDB connection, a cursor per query."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from pipelines import store


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return store.connect(path, read_only=True)


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A fresh cursor on the shared read-only connection; None when there is no database yet."""
    path = store.db_path()
    if not Path(path).exists():
        return None
    return _connection(str(path)).cursor()
