"""Read export files into raw tables with provenance; recognise a file by content, not name.

A workbook is recognised by its sheet names or header rows, a CSV by its header row. Rows come
out as the typist sees them: spreadsheet row numbers, RFC 4180 record numbers (header = 1).
Title rows, blank rows and a trailing total row are set aside here; they are not data rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.parse import is_blank, vocab_key
from pipelines.sources import SheetSpec, bokeo, chiang_rai

HEADER_SEARCH_ROWS = 30
TOTAL_WORDS = {vocab_key("รวม"), vocab_key("Total"), vocab_key("ລວມ")}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableFile(Exception):
    """A file that cannot be read at all: recorded as rejected with this one-line reason."""


@dataclass
class RawTable:
    """The data rows of one sheet or CSV file, cells as read, keyed by the spec's field names."""

    spec: SheetSpec
    file_name: str
    sheet: str | None
    header_row: int
    headers: dict[str, str]  # field name → header as typed
    rows: list[int]  # row numbers of the data rows
    cells: dict[str, list[object]]  # field name → one cell per data row
    columns: dict[str, int] = field(default_factory=dict)  # field name → 0-based column
    findings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, field, detail)

    @property
    def rows_read(self) -> int:
        return len(self.rows)


@dataclass
class ExportFile:
    path: Path
    sha256: str
    source: str
    kind: str  # workbook | persons | fines
    tables: list[RawTable]

    @property
    def file_name(self) -> str:
        return self.path.name


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_export(path: Path, sha256: str | None = None) -> ExportFile:
    """Open any export; raise UnreadableFile with a clear reason when it is none we know."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UnreadableFile(f"cannot open file: {exc.strerror}") from None
    digest = sha256 or sha256_of(path)
    if not head:
        raise UnreadableFile("file is empty")
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
        tables = _read_workbook(path, is_ole=head.startswith(OLE_MAGIC))
        return ExportFile(path, digest, chiang_rai.SOURCE, "workbook", tables)
    table = _read_csv(path)
    return ExportFile(path, digest, bokeo.SOURCE, table.spec.role, [table])


# ---------------------------------------------------------------- workbooks


def _read_workbook(path: Path, is_ole: bool) -> list[RawTable]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        if is_ole:
            raise UnreadableFile(
                "workbook is password-protected or an old binary format that cannot be read; "
                "save it as an unprotected .xlsx"
            ) from None
        raise UnreadableFile(f"workbook is damaged or not an .xlsx file ({_short(exc)})") from None
    names = list(workbook.sheet_names)
    matched: dict[str, str] = {}
    for spec in chiang_rai.SHEETS:
        wanted = {vocab_key(n) for n in spec.sheet_names}
        for name in names:
            if vocab_key(name) in wanted and name not in matched.values():
                matched[spec.kind] = name
                break
    grids: dict[str, list[list[object]]] = {}

    def grid(name: str) -> list[list[object]]:
        if name not in grids:
            try:
                grids[name] = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise UnreadableFile(f"sheet {name!r} cannot be read ({_short(exc)})") from None
        return grids[name]

    # Sheets not found by name are looked for by their header row.
    for spec in chiang_rai.SHEETS:
        if spec.kind in matched:
            continue
        for name in names:
            if name in matched.values():
                continue
            if _find_header(grid(name), spec) is not None:
                matched[spec.kind] = name
                break
    if chiang_rai.PERSONS.kind not in matched:
        raise UnreadableFile(
            "not a Chiang Rai workbook: no sheet 'ผู้เสียหาย' (persons) and no sheet with its "
            "header row (รหัสผู้เสียหาย, เพศ, สัญชาติ)"
        )
    tables = []
    formulas = _uncached_formulas(path) if not is_ole else {}
    for spec in chiang_rai.SHEETS:
        name = matched.get(spec.kind)
        if name is None:
            continue  # an export without steps or fines has none to report
        table = _table_from_grid(grid(name), spec, path.name, name.strip())
        _note_formulas(table, formulas.get(name, set()))
        tables.append(table)
    return tables


_SHEET_TAG = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL_TAG = re.compile(rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"'
                      rb'|<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"')
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*>(?:(?!</c>).)*?<f[ >/](?:(?!</c>).)*?</c>',
                           re.S)
_HAS_VALUE = re.compile(rb"<v>[^<]+</v>")


def _uncached_formulas(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Formula cells with no value Excel computed, per sheet: (row number, column index).

    calamine reads such a cell as empty, which is right (spec §6.3); this finds them so the
    finding can be recorded. Only sheets that hold a formula at all are scanned cell by cell.
    """
    import html

    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            targets = {}
            for m in _REL_TAG.finditer(rels):
                target, rid = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                targets[rid.decode()] = target.decode()
            for m in _SHEET_TAG.finditer(workbook):
                name = html.unescape(m.group(1).decode())
                target = targets.get(m.group(2).decode(), "")
                member = target.lstrip("/") if target.startswith("/") else "xl/" + target
                try:
                    xml = archive.read(member)
                except KeyError:
                    continue
                if b"<f" not in xml:
                    continue
                cells = {
                    (int(c.group(2)), _col_index(c.group(1).decode()))
                    for c in _FORMULA_CELL.finditer(xml)
                    if not _HAS_VALUE.search(c.group(0))
                }
                if cells:
                    found[name] = cells
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    return found


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _note_formulas(table: RawTable, cells: set[tuple[int, int]]) -> None:
    if not cells:
        return
    data_rows = set(table.rows)
    by_column = {col: name for name, col in table.columns.items()}
    for row, col in sorted(cells):
        if row in data_rows and col in by_column:
            table.findings.append(
                (row, by_column[col], "formula without a computed value: read as empty"))


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _find_header(rows: Sequence[Sequence[object]], spec: SheetSpec) -> int | None:
    """Index of the first row holding all the spec's key headers (spec §6.8)."""
    index = spec.header_index()
    keys = set(spec.key_headers)
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {index[k].name for c in row if (k := vocab_key(c)) in index}
        if keys <= found:
            return i
    return None


def _table_from_grid(
    rows: list[list[object]], spec: SheetSpec, file_name: str, sheet: str | None,
    number_of: Sequence[int] | None = None,
) -> RawTable:
    """Map the header row, then keep the data rows (not blank, not the trailing total)."""
    where = f"sheet {sheet!r}" if sheet else "file"
    header_at = _find_header(rows, spec)
    if header_at is None:
        expected = ", ".join(spec.key_headers)
        raise UnreadableFile(f"{where}: no header row with the required columns ({expected})")
    row_no = (lambda i: number_of[i]) if number_of is not None else (lambda i: i + 1)
    index = spec.header_index()
    ignored = spec.ignored_keys()
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for col, cell in enumerate(rows[header_at]):
        key = vocab_key(cell)
        if key in ignored or key not in index:
            continue
        fld = index[key]
        if fld.name in columns:
            raise UnreadableFile(
                f"{where}: column {fld.name!r} appears twice in the header row "
                f"(columns {_col_letter(columns[fld.name])} and {_col_letter(col)})"
            )
        columns[fld.name] = col
        headers[fld.name] = str(cell).strip()
    body = list(range(header_at + 1, len(rows)))
    non_blank = [i for i in body if not all(is_blank(c) for c in rows[i])]
    if non_blank:
        last = non_blank[-1]
        first_cell = next(c for c in rows[last] if not is_blank(c))
        if vocab_key(first_cell) in TOTAL_WORDS:
            non_blank.pop()
    cells: dict[str, list[object]] = {name: [] for name in columns}
    for i in non_blank:
        row = rows[i]
        width = len(row)
        for name, col in columns.items():
            cells[name].append(row[col] if col < width else "")
    return RawTable(
        spec=spec,
        file_name=file_name,
        sheet=sheet,
        header_row=row_no(header_at),
        headers=headers,
        rows=[row_no(i) for i in non_blank],
        cells=cells,
        columns=columns,
    )


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- CSV

SNIFF_BYTES = 64 << 10


def sniff_kind(path: Path) -> str:
    """workbook | persons | fines | unknown, from the first bytes only.

    Lets a run order person files before fine files (spec §6.9) without holding every file in
    memory at once; the full read still decides, and still names what is wrong.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return "unknown"
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
        return "workbook"
    try:
        text = _decode(head[: head.rfind(b"\n") + 1] or head)
        records = list(csv.reader(io.StringIO(text, newline="")))
    except (UnreadableFile, csv.Error):
        return "unknown"
    for spec in (bokeo.FINES, bokeo.PERSONS):
        if _find_header(records, spec) is not None:
            return spec.role
    return "unknown"



def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise UnreadableFile("not a text file: neither an .xlsx workbook nor a UTF-8 CSV")
    try:
        # Thai Windows (TIS-620 / Windows-874) is the usual legacy encoding on the Thai side.
        return data.decode("cp874")
    except UnicodeDecodeError:
        raise UnreadableFile("CSV is not UTF-8 text; save it as 'CSV UTF-8'") from None


def _read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes())
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise UnreadableFile(f"CSV cannot be parsed ({_short(exc)})") from None
    if not records or all(not r for r in records):
        raise UnreadableFile("CSV has no header row")
    for spec in (bokeo.FINES, bokeo.PERSONS):
        if _find_header(records, spec) is not None:
            return _table_from_grid(records, spec, path.name, None)
    raise UnreadableFile(
        "not a Bokeo export: the header row has neither the persons columns "
        "(person_ref, sex, nationality) nor the fines columns (person_ref, reason, amount)"
    )
