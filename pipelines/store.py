"""DuckDB at the edge: open, create the schema from its one definition, write typed frames."""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from pipelines import schema, sql

DEFAULT_DB = Path("data/curated/monitoring.duckdb")


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db beats TIPMON_DB beats the default under data/curated/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TIPMON_DB")
    return Path(env) if env else DEFAULT_DB


KEY_ENV = "TIPMON_DB_KEY"
CATALOG = "monitoring"  # the name a file is attached under (readers, encrypted databases)


class DatabaseKeyError(ValueError):
    """The database and TIPMON_DB_KEY do not match (missing, wrong, or set for a plain file)."""


def encryption_key() -> str | None:
    """The database key, from the environment only (never a file of the project, never a flag)."""
    return os.environ.get(KEY_ENV) or None


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; encrypted (AES-256-GCM, DuckDB's own) when TIPMON_DB_KEY is set.

    Readers and encrypted files get a fresh in-memory instance with the file attached under
    one catalog name, made the default (``cursor`` carries it over to new cursors). Readers need
    it because DuckDB hands ``duckdb.connect(path)`` the instance it already has open for that
    path, i.e. the file an ingest has since renamed a new one over: the dashboard would go on
    showing the old data until restarted.
    """
    if str(path) == ":memory:":
        return duckdb.connect(":memory:")
    key = encryption_key()
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if key is None:
            try:
                return duckdb.connect(str(path))
            except duckdb.Error as exc:
                raise _key_error(exc, path) from exc
    con = duckdb.connect()
    if key is not None and not read_only:
        # DuckDB writes encrypted files only with the OpenSSL crypto of its httpfs extension;
        # the signed binary comes in the duckdb-extension-httpfs wheel, so nothing is fetched.
        con.load_extension(_httpfs_extension())
    try:
        con.execute(sql.attach(str(path), CATALOG, key=key, read_only=read_only))
    except duckdb.Error as exc:
        con.close()
        raise _key_error(exc, path) from exc
    con.execute(sql.USE_CATALOG.format(catalog=CATALOG))
    if key is not None:
        con.execute(sql.ENCRYPT_TEMP_FILES)
    return con


def _key_error(exc: duckdb.Error, path: Path | str) -> Exception:
    """DuckDB's key errors in words that name the setting to change; other errors unchanged."""
    text = str(exc)
    if "not encrypted" in text:
        return DatabaseKeyError(f"{path} is not encrypted but {KEY_ENV} is set: unset it, or "
                                "re-create the database with the key set")
    if "rong encryption key" in text:
        return DatabaseKeyError(f"{KEY_ENV} is not the key of {path}")
    if "encrypted" in text:
        return DatabaseKeyError(f"{path} is encrypted: set {KEY_ENV} to its key")
    return exc


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor reading the same default catalog as ``con`` (encrypted or not)."""
    cur = con.cursor()
    if cur.execute(sql.CATALOG_ATTACHED, [CATALOG]).fetchall():
        cur.execute(sql.USE_CATALOG.format(catalog=CATALOG))
    return cur


def _httpfs_extension() -> str:
    import duckdb_extension_httpfs

    folder = Path(duckdb_extension_httpfs.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    return str(folder / "httpfs.duckdb_extension")


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


def typed(frame: pd.DataFrame, table: schema.Table) -> pa.Table:
    """Every column in its schema type, as an Arrow table, so DuckDB never guesses.

    Columns already holding their type's values (Python ints, floats, dates, text, or numpy
    arrays of them) are converted in C; any other column goes the general way
    (``_typed_column``), with the same result.
    """
    n = len(frame)
    arrays = []
    for col in table.columns:
        if col.name not in frame.columns:
            arrays.append(pa.nulls(n, _ARROW_TYPES.get(col.type, pa.string())))
            continue
        values = frame[col.name]
        array = _fast_column(values, col.type)
        if array is None:
            array = pa.array(_typed_column(values.reset_index(drop=True), col.type),
                             from_pandas=True)
        arrays.append(array)
    return pa.Table.from_arrays(arrays, names=table.column_names)


_ARROW_TYPES = {"INTEGER": pa.int64(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
                "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "VARCHAR": pa.string(),
                "TIMESTAMP": pa.timestamp("us")}
# Cell types an object column may hold to be converted by Arrow directly (NaN and None = NULL).
_NONE = type(None)
_OBJECT_TYPES = {"INTEGER": {int, _NONE}, "BIGINT": {int, _NONE},
                 "DOUBLE": {float, int, _NONE}, "BOOLEAN": {bool, _NONE},
                 "DATE": {dt.date, _NONE}, "VARCHAR": {str, float, _NONE}}


_SAMPLE, _FEW = 1024, 64  # a text column with ≤ _FEW values in its first _SAMPLE rows repeats


def _fast_column(values: pd.Series, type_: str) -> pa.Array | None:
    """The column as Arrow when its values already are of the type; None otherwise."""
    if isinstance(values.dtype, pd.StringDtype):  # pandas text (Arrow inside): no copy
        return pa.array(values.array, from_pandas=True) if type_ == "VARCHAR" else None
    kind = values.dtype.kind
    if kind == "O":
        allowed = _OBJECT_TYPES.get(type_)
        if allowed is None:
            return None
        data = values.to_numpy()
        types = set(map(type, data))
        if not types <= allowed:
            return None
        if float in types and type_ == "VARCHAR" and not set(
                map(type, data[pd.notna(data)])) <= {str}:
            return None  # a number in a text column: the general way says what becomes of it
        if type_ == "VARCHAR" and len(set(data[:_SAMPLE])) <= _FEW:
            # Text that repeats (vocabulary codes, agencies): each distinct value converted
            # once, the rows as indices into them (Arrow converts every Thai or Lao text anew)
            codes, uniques = pd.factorize(data)  # None and NaN alike: -1, NULL
            return pa.DictionaryArray.from_arrays(
                pa.array(codes.astype(np.int32), mask=codes < 0),
                pa.array(uniques, type=pa.string()))
        return pa.array(data, type=_ARROW_TYPES[type_], from_pandas=True)
    if type_ in ("INTEGER", "BIGINT") and (kind in "iu" or isinstance(
            values.dtype, pd.Int64Dtype | pd.Int32Dtype)):
        return pa.array(values, from_pandas=True)
    if type_ == "DOUBLE" and (kind == "f" or isinstance(values.dtype, pd.Float64Dtype)):
        return pa.array(values, type=pa.float64(), from_pandas=True)
    if type_ == "BOOLEAN" and (kind == "b" or isinstance(values.dtype, pd.BooleanDtype)):
        return pa.array(values, from_pandas=True)
    return None


def _typed_column(values: pd.Series, type_: str) -> object:
    if type_ in _PANDAS_TYPES:
        values = values.astype(object).where(values.notna(), None)
        return pd.array(values.tolist(), dtype=_PANDAS_TYPES[type_])
    if type_ == "DATE":
        return pd.to_datetime(values, errors="raise").astype("datetime64[s]")
    if type_ == "TIMESTAMP":
        return pd.to_datetime(values)
    return values.astype(object).where(values.notna(), None)


def _typed_frame(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """The general way for every column, as a pandas frame (for what Arrow will not take)."""
    n = len(frame)
    return pd.DataFrame({
        col.name: _typed_column(frame[col.name].reset_index(drop=True)
                                if col.name in frame.columns
                                else pd.Series([None] * n, dtype=object), col.type)
        for col in table.columns}, index=range(n))


def insert_frame(con: duckdb.DuckDBPyConnection, table: schema.Table, frame: pd.DataFrame) -> int:
    if frame is None or len(frame) == 0:
        return 0
    try:
        data: pa.Table | pd.DataFrame = typed(frame, table)
    except (pa.ArrowException, TypeError, ValueError, UnicodeError, OverflowError):
        data = _typed_frame(frame, table)  # DuckDB reads what Arrow would not hold
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con.register("_insert_frame", data)
    try:
        con.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM _insert_frame')
    finally:
        con.unregister("_insert_frame")
    return len(frame)


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
