"""The naive baseline: what an analyst's notebook would do with the same files.

pandas with openpyxl (``pd.read_excel(engine="openpyxl")``) for the workbooks and
``pd.read_csv`` for the Bokeo files, a header row found by its key headers, then one Python
function applied row by row (``df.apply(axis=1)``) that turns Buddhist-Era dates into dates,
amounts with currency signs into numbers, and the Thai and Lao words into codes; the result
goes into DuckDB. It borrows only the mapping tables (headers, vocabularies, sites) from
``pipelines.sources``, as the analyst would copy them from the specification.

It does less than ``tipmon ingest``: no quarantine (a value it cannot read becomes NULL), no
duplicate or unknown-person checks, no data-quality gate, no cross-border linkage, no curated
tables. So the ratio ``naive / ingest`` understates what the pipeline buys.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd

from pipelines.sources import SITE_PATTERNS, SheetSpec, bokeo, chiang_rai

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙໐໑໒໓໔໕໖໗໘໙", "01234567890123456789")
EXCEL_EPOCH = dt.date(1899, 12, 30)
CURRENCIES = {
    "บาท": "THB", "฿": "THB", "thb": "THB", "baht": "THB",
    "usd": "USD", "us$": "USD", "$": "USD", "ดอลลาร์": "USD",
    "หยวน": "CNY", "cny": "CNY", "rmb": "CNY", "¥": "CNY",
    "กีบ": "LAK", "ກີບ": "LAK", "lak": "LAK", "kip": "LAK", "₭": "LAK",
}
DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
SPLIT = re.compile(r"[;,\n]+")
NOT_NUMBER = re.compile(r"[^0-9.\-]")
TOTALS = {"รวม", "total", "ລວມ"}


def key(value: object) -> str:
    return re.sub(r"\s+", "", str(value)).casefold()


def blank(value: object) -> bool:
    return (value is None or (isinstance(value, float) and math.isnan(value))
            or (isinstance(value, str) and not value.strip()))


def to_date(value: object) -> dt.date | None:
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    try:
        if isinstance(value, dt.date):
            year = value.year - 543 if value.year > 2400 else value.year
            return dt.date(year, value.month, value.day)
        if isinstance(value, int | float):
            return EXCEL_EPOCH + dt.timedelta(days=int(value)) if 20000 < value < 60000 else None
        text = str(value).strip().translate(THAI_DIGITS)
        if m := DMY.match(text):
            day, month, year = map(int, m.groups())
        elif m := YMD.match(text):
            year, month, day = map(int, m.groups())
        else:
            return None
        return dt.date(year - 543 if year > 2400 else year, month, day)
    except (ValueError, OverflowError):
        return None


def to_amount(value: object) -> tuple[float | None, str | None]:
    if blank(value):
        return None, None
    if isinstance(value, int | float):
        return float(value), None
    text = str(value).translate(THAI_DIGITS).casefold()
    currency = next((code for word, code in CURRENCIES.items() if word in text), None)
    try:
        return float(NOT_NUMBER.sub("", text)), currency
    except ValueError:
        return None, currency


def to_int(value: object) -> int | None:
    if blank(value):
        return None
    try:
        return int(float(str(value).translate(THAI_DIGITS).replace(",", "")))
    except ValueError:
        return None


def to_site(value: object) -> str | None:
    if blank(value):
        return None
    text = key(value)
    return next((site for site, words in SITE_PATTERNS if any(w in text for w in words)), None)


def normalise_row(row: pd.Series, spec: SheetSpec) -> dict:
    """One row of any sheet, field by field: the function the notebook applies with axis=1."""
    out: dict[str, object] = {}
    for fld in spec.fields:
        value = row.get(fld.name)
        kind = fld.kind
        if kind in ("ref", "text"):
            out[fld.target] = None if blank(value) else re.sub(r"\s+", " ", str(value)).strip()
        elif kind in ("int", "year"):
            out[fld.target] = to_int(value)
        elif kind == "date":
            out[fld.target] = to_date(value)
        elif kind in ("amount", "lak"):
            amount, currency = to_amount(value)
            out[fld.target] = amount
            out[fld.target + "_currency_in_cell"] = currency
        elif kind == "currency":
            out[fld.target] = None if blank(value) else CURRENCIES.get(key(value), key(value))
        elif kind in ("code", "bool"):
            out[fld.target] = None if blank(value) else fld.vocab.get(key(value))
        elif kind == "codes":
            parts = [] if blank(value) else SPLIT.split(str(value))
            codes = [fld.vocab.get(key(p)) for p in parts if p.strip()]
            out[fld.target] = ";".join(c for c in codes if c) or None
        elif kind == "link_key":
            text = "" if blank(value) else str(value).strip().lower()
            out[fld.target] = text if re.fullmatch(r"[0-9a-f]{64}", text) else None
        elif kind == "site":
            out[fld.target] = to_site(value)
    return out


def _header_at(grid: pd.DataFrame, spec: SheetSpec) -> int | None:
    index = spec.header_index()
    wanted = set(spec.key_headers)
    for i in range(min(30, len(grid))):
        found = {index[k].name for c in grid.iloc[i] if not blank(c) and (k := key(c)) in index}
        if wanted <= found:
            return i
    return None


def _table(grid: pd.DataFrame, spec: SheetSpec) -> pd.DataFrame | None:
    """Header row found, columns renamed to the spec's names, blank and total rows dropped."""
    at = _header_at(grid, spec)
    if at is None:
        return None
    index = spec.header_index()
    names = [index[key(c)].name if not blank(c) and key(c) in index else None
             for c in grid.iloc[at]]
    body = grid.iloc[at + 1:]
    body = body.loc[:, [n is not None for n in names]]
    body.columns = [n for n in names if n is not None]
    body = body.dropna(how="all")
    body = body[~body.apply(lambda r: all(blank(c) for c in r), axis=1)]
    if len(body) and key(next((c for c in body.iloc[-1] if not blank(c)), "")) in TOTALS:
        body = body.iloc[:-1]
    return body


def _typed(frame: pd.DataFrame, spec: SheetSpec) -> pd.DataFrame:
    for fld in spec.fields:
        if fld.kind in ("int", "year"):
            frame[fld.target] = frame[fld.target].astype("Int64")
        elif fld.kind in ("amount", "lak"):
            frame[fld.target] = frame[fld.target].astype("Float64")
        elif fld.kind == "date":
            frame[fld.target] = pd.to_datetime(frame[fld.target], errors="coerce")
    return frame.astype({c: "string" for c in frame.columns if frame[c].dtype == object})


def _store(con, frame: pd.DataFrame, spec: SheetSpec) -> int:
    if frame is None or frame.empty:
        return 0
    rows = frame.apply(normalise_row, axis=1, spec=spec)
    out = _typed(pd.DataFrame(rows.tolist()), spec)
    con.register("notebook_frame", out)
    con.execute(f"CREATE TABLE IF NOT EXISTS {spec.kind} AS "
                "SELECT * FROM notebook_frame LIMIT 0")
    con.execute(f"INSERT INTO {spec.kind} BY NAME SELECT * FROM notebook_frame")
    con.unregister("notebook_frame")
    return len(out)


def load(src: Path, db: Path) -> dict:
    """The notebook over every export file under ``src``, into a fresh database at ``db``."""
    import duckdb

    from benchmarks.floor import export_files

    con = duckdb.connect(str(db))
    rows = 0
    try:
        for path in export_files(src):
            if path.suffix.lower() == ".xlsx":
                sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl",
                                       dtype=object)
                for name, grid in sheets.items():
                    spec = next((s for s in chiang_rai.SHEETS
                                 if key(name) in {key(n) for n in s.sheet_names}), None)
                    if spec is not None:
                        rows += _store(con, _table(grid, spec), spec)
            else:
                frame = pd.read_csv(path, dtype=str, keep_default_na=False, header=None,
                                    encoding="utf-8-sig")
                spec = bokeo.FINES if _header_at(frame, bokeo.FINES) is not None else bokeo.PERSONS
                rows += _store(con, _table(frame, spec), spec)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"rows": rows}
