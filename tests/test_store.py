"""Frames are written in their schema types: through Arrow when the values already have them,
the general way otherwise, with the same rows either way."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pipelines import schema, store

TABLE = schema.Table("t", (
    schema.C("i", "INTEGER"), schema.C("b", "BIGINT"), schema.C("d", "DOUBLE"),
    schema.C("z", "BOOLEAN"), schema.C("day", "DATE"), schema.C("ts", "TIMESTAMP"),
    schema.C("s"), schema.C("sex", vocab="sex"),
), "test")
D = dt.date
COLUMNS = {
    "i": [[1, None, 3], [1.0, 2.0, None], [1.0, 2.5, 3.0], np.array([1, 2, 3]),
          pd.array([1, None, 3], dtype="Int64"), [True, False, None], [float("nan"), 1, 2],
          ["1", "2", None], [2**40, 1, 1]],
    "b": [[1, None, 3], [2**40, None, 5], np.array([5, 6, 7])],
    "d": [[1.5, None, float("nan")], [1, 2.5, None], np.array([1.0, np.nan, 3.0]),
          ["x", 1.0, None], [True, 1.0, None], pd.array([1.5, None, 2], dtype="Float64")],
    "z": [[True, None, False], np.array([True, False, True]), [1, 0, None],
          [True, float("nan"), False]],
    "day": [[D(2020, 1, 1), None, D(1, 1, 1)], [dt.datetime(2020, 1, 1, 5), None, D(2020, 1, 2)],
            [pd.Timestamp("2020-01-01"), pd.NaT, None],
            np.array(["2020-01-01", "NaT", "2020-03-01"], dtype="datetime64[us]"),
            ["2020-01-01", None, "x"]],
    "ts": [[dt.datetime(2020, 1, 1, 5), None, dt.datetime(2021, 1, 1)]],
    "s": [["a", None, "b"], ["a", float("nan"), pd.NA], ["a", 1, None], [1.0, None, "x"],
          pd.Series(["x", "y", None], dtype="str"), np.array([1, 2, 3]), ["\udc80", "a", None],
          ["ບໍ່ແກ້ວ", None, "ບໍ່ແກ້ວ"], [f"R-{i}" for i in range(3)]],
    "sex": [["female", None, "male"], ["bad", None, None]],
}


def _rows(frame: pd.DataFrame, general: bool) -> object:
    con = duckdb.connect()
    con.execute(schema.ddl(TABLE))
    try:
        if general:
            con.register("g", store._typed_frame(frame, TABLE))
            con.execute(f"INSERT INTO t SELECT {', '.join(TABLE.column_names)} FROM g")
        else:
            store.insert_frame(con, TABLE, frame)
    except (duckdb.Error, TypeError, ValueError) as exc:
        return type(exc).__name__
    return con.execute("SELECT * FROM t").fetchall()


@pytest.mark.parametrize(("column", "values"),
                         [(c, v) for c, vs in COLUMNS.items() for v in vs])
def test_arrow_and_general_ways_write_the_same_rows(column: str, values: object) -> None:
    series = values if isinstance(values, pd.Series) else pd.Series(
        values, dtype=object if isinstance(values, list) else None)
    frame = pd.DataFrame({column: series})
    assert _rows(frame, general=False) == _rows(frame, general=True)


def test_repeated_text_is_written_once_per_value_and_reads_back_whole() -> None:
    values = ["ບໍ່ແກ້ວ", None, "ແມ່ສາຍ", float("nan")] * 500
    frame = pd.DataFrame({"s": pd.Series(values, dtype=object)})
    assert pa.types.is_dictionary(store.typed(frame, TABLE).column("s").type)
    assert _rows(frame, general=False) == _rows(frame, general=True)
