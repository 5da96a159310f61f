"""The curated tables as Parquet, hive-partitioned, for analysts' own tools (analyst view only).

``out_dir/<table>/`` per table; the person-level tables are partitioned by the person's
monitoring year (``monitoring_year=2021``; ``monitoring_year=NULL`` for year unknown) and, where
rows come from one source, by source (``source=bokeo/monitoring_year=2021/data_0.parquet``);
``fx_rates`` is one file, and so is a table without rows (its partition columns inside), so
that every table reads back. Read back with
``read_parquet('out_dir/referral_steps/**/*.parquet', hive_partitioning = true)``: the partition
columns come back from the folder names (after the other columns; the year as BIGINT).

This is a copy of the analyst view, person references included: it is not a disclosure product
and stays where the database may be.

The target of ``COPY … TO`` cannot be bound as a ``?`` parameter, so it is written into the
statement as a string literal. That is safe here because
- the path is ours: ``out_dir`` resolved to an absolute local path (no ``s3://``, ``http://`` or
  ``~`` that DuckDB would interpret) joined with a table name from the schema;
- in a DuckDB string literal the only character with a meaning is the single quote, and every
  one is doubled (standard SQL, no backslash escapes), so the value cannot end the literal;
- control characters are refused;
- everything else in the statement (tables, columns, partitions) is a constant of ``sql``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb

from pipelines import sql

TABLES = tuple(sql.EXPORT_PARQUET_COPY)
_HIVE_DIR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=.*$")


def sql_literal(path: Path) -> str:
    """A local path as a DuckDB string literal: quotes doubled, control characters refused."""
    text = str(path)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ValueError(f"refusing a path with control characters: {text!r}")
    return "'" + text.replace("'", "''") + "'"


def output_dir(out_dir: Path | str) -> Path:
    """``out_dir`` created if need be, as an absolute local path."""
    path = Path(out_dir).expanduser()
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"{path} is a file; give a folder to write the tables into")
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve(strict=True)


def _only_our_output(folder: Path) -> bool:
    """True when ``folder`` holds nothing but Parquet files and ``key=value`` folders of them."""
    for item in folder.rglob("*"):
        if item.is_symlink():
            return False
        if item.is_dir() and not _HIVE_DIR.match(item.name):
            return False
        if item.is_file() and item.suffix != ".parquet":
            return False
    return True


def _check_free(root: Path) -> None:
    """Refuse, before anything is removed, when a table's folder holds anything but an earlier
    Parquet export (a user's own folder of the same name is never deleted)."""
    blocked = [str(root / t) for t in TABLES if (root / t).exists() and (
        (root / t).is_symlink() or not (root / t).is_dir() or not _only_our_output(root / t))]
    if blocked:
        raise FileExistsError(f"not an earlier Parquet export, not replaced: {', '.join(blocked)}"
                              "; move it away or choose another folder")


def _copy(con: duckdb.DuckDBPyConnection, statement: str, target: Path) -> int:
    return int(con.execute(statement.format(target=sql_literal(target))).fetchall()[0][0])


def parquet(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict:
    """Write every curated table under ``out_dir/<table>/`` (an earlier export of the table is
    replaced). Returns ``format``, ``rows`` (all tables), ``tables`` ({table: rows, path,
    partition_by}), ``out_dir``, ``paths`` (one folder per table), ``generalised`` and
    ``suppressed`` (0)."""
    root = output_dir(out_dir)
    _check_free(root)
    tables: dict[str, dict] = {}
    for table in TABLES:
        folder = root / table
        if folder.exists():
            shutil.rmtree(folder)
        partition_by = sql.EXPORT_PARQUET_PARTITIONS[table]
        rows = 0
        if partition_by:  # DuckDB creates the folder and one folder per partition value
            rows = _copy(con, sql.EXPORT_PARQUET_COPY[table], folder)
        if not partition_by or rows == 0:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            rows = _copy(con, sql.EXPORT_PARQUET_COPY_ONE_FILE[table], folder / "data_0.parquet")
        tables[table] = {"rows": rows, "path": str(folder),
                         "partition_by": list(partition_by) if rows else []}
    return {"format": "parquet", "rows": sum(t["rows"] for t in tables.values()),
            "tables": tables, "out_dir": str(root), "paths": [t["path"] for t in tables.values()],
            "generalised": 0, "suppressed": 0}
