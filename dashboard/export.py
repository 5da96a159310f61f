"""Downloads of a shown table: CSV and XLSX bytes, safe to open in a spreadsheet (spec §5).

Pure functions (no Streamlit). The frame given is the table as published by the meeting layer,
with translated labels; every cell goes through ``disclosure.spreadsheet_safe``, and the XLSX
writer writes text with ``write_string`` so that no cell is ever read as a formula.
"""

from __future__ import annotations

import io
import math
import numbers

import pandas as pd
import xlsxwriter

from pipelines import disclosure


def safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with text cells and headers neutralised, index as ordinary columns."""
    flat = frame.reset_index() if _has_named_index(frame) else frame.reset_index(drop=True)
    flat = pd.DataFrame({col: pd.Series([None if _missing(v) else v for v in flat[col]],
                                        dtype=object) for col in flat.columns})
    flat.columns = [str(c) for c in flat.columns]
    return disclosure.spreadsheet_safe(flat)


def _has_named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs show Thai and Lao."""
    return safe(frame).to_csv(index=False).encode("utf-8-sig")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value))


def _is_number(value: object) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def to_xlsx(frame: pd.DataFrame, notes: list[str] | None = None, sheet: str = "table") -> bytes:
    """One sheet with the table (text as strings, numbers as numbers); notes on a second."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    table = safe(frame)
    ws = book.add_worksheet(sheet[:31])
    for col, name in enumerate(table.columns):
        ws.write_string(0, col, str(name), bold)
        width = max([len(str(name))] + [len(str(v)) for v in table.iloc[:, col]])
        ws.set_column(col, col, min(max(width + 2, 8), 60))
    for row, values in enumerate(table.itertuples(index=False), start=1):
        for col, value in enumerate(values):
            if _missing(value):
                ws.write_blank(row, col, None)
            elif _is_number(value):
                ws.write_number(row, col, float(value))
            else:
                ws.write_string(row, col, str(value))
    ws.freeze_panes(1, 1)
    if notes:
        ns = book.add_worksheet("notes")
        ns.set_column(0, 0, 120)
        for row, note in enumerate(disclosure.spreadsheet_safe(
                pd.DataFrame({"n": notes}))["n"]):
            ns.write_string(row, 0, str(note))
    book.close()
    return out.getvalue()
