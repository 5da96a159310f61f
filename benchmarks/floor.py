"""The floor: the same export files in DuckDB tables, with no normalisation at all.

Bokeo CSVs go through DuckDB's own ``read_csv`` with every column as VARCHAR; each sheet of a
Chiang Rai workbook is read with python-calamine (``to_python()``), made a DataFrame of text
cells and inserted. No header search, no parsing, no quarantine, no linkage: what any load of
these files must cost at least, on this machine.
"""

from __future__ import annotations

from pathlib import Path

EXPORT_SUFFIXES = {".xlsx", ".csv"}


def export_files(src: Path) -> list[Path]:
    return sorted(p for p in Path(src).rglob("*")
                  if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES)


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load(src: Path, db: Path) -> dict:
    """Load every export file under ``src`` into a fresh database at ``db``; rows per table."""
    import duckdb
    import pandas as pd
    from python_calamine import CalamineWorkbook

    con = duckdb.connect(str(db))
    rows = 0
    tables = 0
    try:
        for i, path in enumerate(export_files(src)):
            if path.suffix.lower() == ".csv":
                con.execute(
                    f"CREATE TABLE t{i} AS SELECT * FROM read_csv({_sql_text(str(path))}, "
                    "all_varchar = true, header = true)")
                rows += con.execute(f"SELECT count(*) FROM t{i}").fetchall()[0][0]
                tables += 1
                continue
            book = CalamineWorkbook.from_path(str(path))
            for j, name in enumerate(book.sheet_names):
                grid = book.get_sheet_by_name(name).to_python()
                width = max(map(len, grid), default=0)
                cells = [[None if c == "" else str(c) for c in r] for r in grid]
                frame = pd.DataFrame(cells, columns=[f"c{k}" for k in range(width)],
                                     dtype=object)
                con.register("sheet_frame", frame)
                con.execute(f"CREATE TABLE t{i}_{j} AS SELECT * FROM sheet_frame")
                con.unregister("sheet_frame")
                rows += len(frame)
                tables += 1
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"rows": rows, "tables": tables}
