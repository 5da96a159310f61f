"""``report_<year>.xlsx``: one sheet per published table, then notes and definitions.

Text is written with ``write_string`` after ``disclosure.spreadsheet_safe`` (nothing is ever
read as a formula), numbers with ``write_number``; a cell not shown is left blank.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path

import pandas as pd
import xlsxwriter

from dashboard.report import labels, strings
from dashboard.report.tables import DIGITS, PERSONS, SUPPRESSED_KINDS, Table
from pipelines import disclosure
from pipelines.quality.messages import REPORT_FONT

RESERVED = ("contents", "notes", "definitions")


def _safe_text(value: str) -> str:
    return str(disclosure.spreadsheet_safe(pd.DataFrame({"v": [value]}))["v"].iloc[0])


def _is_number(value: object) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def sheet_name(name: str, used: set[str]) -> str:
    base = name[:31]
    candidate, i = base, 2
    while candidate.lower() in used or candidate.lower() in RESERVED:
        suffix = f"_{i}"
        candidate, i = base[:31 - len(suffix)] + suffix, i + 1
    used.add(candidate.lower())
    return candidate


def write_workbook(path: Path, tables: list[Table], langs: list[str],
                   notes: list[tuple[str, dict[str, str]]], definitions: list[str]) -> Path:
    """The workbook. ``notes``: (label, text per language); ``definitions``: catalogue keys."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_urls": False,
                                           "strings_to_numbers": False})
    base = {"font_name": REPORT_FONT, "font_size": 10}
    text = book.add_format({**base, "valign": "top"})
    wrap = book.add_format({**base, "valign": "top", "text_wrap": True})
    title = book.add_format({**base, "bold": True, "font_size": 12})
    subtitle = book.add_format({**base, "italic": True, "font_color": "#444444"})
    header = book.add_format({**base, "bold": True, "bg_color": "#0B3D6B",
                              "font_color": "#FFFFFF", "text_wrap": True, "valign": "top"})
    numbers_by_digits = {d: book.add_format({**base, "num_format": "#,##0" + ("." + "0" * d
                                                                           if d else "")})
                         for d in range(3)}
    langs_all = list(dict.fromkeys([*langs, *strings.LANGUAGES]))

    contents = book.add_worksheet("contents")
    used: set[str] = set()
    names = {table.name: sheet_name(table.name, used) for table in tables}
    contents.set_column(0, 0, 26)
    contents.set_column(1, len(langs_all), 60)
    contents.write_string(0, 0, "sheet", header)
    for j, lang in enumerate(langs_all, start=1):
        contents.write_string(0, j, f"title ({lang})", header)
    for i, table in enumerate(tables, start=1):
        contents.write_string(i, 0, names[table.name], text)
        for j, lang in enumerate(langs_all, start=1):
            contents.write_string(i, j, _safe_text(labels.title(table, lang)), wrap)
    contents.freeze_panes(1, 1)

    for table in tables:
        ws = book.add_worksheet(names[table.name])
        for row, lang in enumerate(langs_all):
            ws.write_string(row, 0, _safe_text(labels.title(table, lang)),
                            title if row == 0 else subtitle)
        top = len(langs_all) + 1
        frame = disclosure.spreadsheet_safe(table.frame)
        for col, name in enumerate(frame.columns):
            ws.write_string(top, col, str(name), header)
            width = max([len(str(name))] + [len(str(v)) for v in frame.iloc[:, col]])
            ws.set_column(col, col, min(max(width + 2, 9), 50))
        digits = [0 if table.kinds[c] in SUPPRESSED_KINDS else DIGITS.get(table.kinds[c], 0)
                  for c in table.kinds]
        for row, values in enumerate(frame.itertuples(index=False), start=top + 1):
            for col, value in enumerate(values):
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    ws.write_blank(row, col, None, text)
                elif _is_number(value):
                    ws.write_number(row, col, float(value), numbers_by_digits[digits[col]])
                else:
                    ws.write_string(row, col, str(value), text)
        ws.freeze_panes(top + 1, 1)

    ns = book.add_worksheet("notes")
    ns.set_column(0, 0, 24)
    ns.set_column(1, len(langs_all), 80)
    ns.write_string(0, 0, "note", header)
    for j, lang in enumerate(langs_all, start=1):
        ns.write_string(0, j, lang, header)
    for i, (label, texts) in enumerate(notes, start=1):
        ns.write_string(i, 0, _safe_text(label), text)
        for j, lang in enumerate(langs_all, start=1):
            if lang in texts:
                ns.write_string(i, j, _safe_text(texts[lang]), wrap)

    ds = book.add_worksheet("definitions")
    ds.set_column(0, 1, 24)
    ds.set_column(2, 4, 12)
    ds.set_column(5, 5 + len(langs_all), 45)
    row = 0
    ds.write_string(row, 0, "definition", header)
    for j, lang in enumerate(langs_all, start=1):
        ds.write_string(row, j, lang, header)
    for key in definitions:
        row += 1
        ds.write_string(row, 0, key, text)
        for j, lang in enumerate(langs_all, start=1):
            ds.write_string(row, j, _safe_text(strings.t(key, lang)), wrap)
    row += 2
    heads = ["table", "column", "kind", "counts persons", "suppressed (0, <k or ≥ k)",
             *[f"label ({lang})" for lang in langs_all]]
    for j, head in enumerate(heads):
        ds.write_string(row, j, head, header)
    for table in tables:
        for column, kind in table.kinds.items():
            row += 1
            ds.write_string(row, 0, table.name, text)
            ds.write_string(row, 1, _safe_text(column), text)
            ds.write_string(row, 2, kind, text)
            ds.write_string(row, 3, "yes" if kind == PERSONS else "no", text)
            ds.write_string(row, 4, "yes" if kind in SUPPRESSED_KINDS else "no", text)
            for j, lang in enumerate(langs_all, start=5):
                ds.write_string(row, j, _safe_text(labels.column(table, column, lang)), wrap)
    book.close()
    return path
