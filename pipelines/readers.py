"""Read export files into raw tables with provenance; recognise a file by content, not name.

A workbook is recognised by its sheet names or header rows, a CSV by its header row. Rows come
out as the typist sees them: spreadsheet row numbers, RFC 4180 record numbers (header = 1).
Title rows, blank rows and a trailing total row are set aside here; they are not data rows.

Whatever a file holds, ``read_export`` either returns its tables or raises ``UnreadableFile``
with one line a provincial clerk can act on ("the workbook is password-protected: save it
without a password…"). Reasons name the file's problem, never the contents of its cells.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import html
import io
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.parse import is_blank, vocab_key
from pipelines.sources import SheetSpec, bokeo, chiang_rai

HEADER_SEARCH_ROWS = 30
TOTAL_WORDS = {vocab_key("รวม"), vocab_key("Total"), vocab_key("ລວມ")}
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 8
# Not spreadsheets at all: what a clerk attaches by mistake.
PICTURE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
PDF_MAGIC = b"%PDF"

SEND_EXPORT = "send the Excel (.xlsx) or CSV export itself"
SAVE_AS_XLSX = "open it in Excel and save it as 'Excel Workbook (.xlsx)'"
SAVE_AS_CSV = "save it as 'CSV UTF-8 (Comma delimited)'"
DAMAGED = "the file is cut short or damaged: export it again"
PASSWORD = "the workbook is password-protected: save it without a password and send it again"


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
    """Open any export; raise UnreadableFile with a clear reason when it is none we know.

    Nothing else escapes: a failure of an underlying library (calamine, zip, csv, a codec)
    becomes an UnreadableFile whose reason says what to do, in one line, without cell values.
    """
    if path.name.startswith("~$") and path.is_file() and path.stat().st_size <= 1024:
        raise UnreadableFile("an Excel lock file (its name starts with ~$), left behind while "
                             "the workbook was open, not an export: send the workbook itself")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        digest = sha256 or sha256_of(path)
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror or 'no access'})"
                             ) from None
    if not head:
        raise UnreadableFile("the file is empty: export it again")
    try:
        if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC, OLE_MAGIC)):
            tables = _read_workbook(path, is_ole=head.startswith(OLE_MAGIC))
            return ExportFile(path, digest, chiang_rai.SOURCE, "workbook", tables)
        if head.startswith(PDF_MAGIC):
            raise UnreadableFile(f"a PDF document, not a spreadsheet: {SEND_EXPORT}")
        if head.startswith(PICTURE_MAGICS):
            raise UnreadableFile(f"a picture, not a spreadsheet: {SEND_EXPORT}")
        table = _read_csv(path)
        return ExportFile(path, digest, bokeo.SOURCE, table.spec.role, [table])
    except UnreadableFile:
        raise
    except MemoryError:
        raise UnreadableFile("the file is too large to read on this computer: split the "
                             "export by period and send the parts") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a library failing in a way not foreseen below: still one line
        raise UnreadableFile(f"the file cannot be read ({type(exc).__name__}): export it again, "
                             "and if that does not help send it to the data team") from None


# ---------------------------------------------------------------- workbooks


class _LibraryFailure(Exception):
    """calamine failed: its own error, or a Rust panic (which Python sees as BaseException)."""


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Keep calamine's Rust panic report (and backtrace) off the terminal.

    A panic is written straight to file descriptor 2 before Python sees the exception; the
    exception itself becomes a clear reason, so the report is only noise for a clerk.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def _guarded(call: Callable[[], object]) -> object:
    """Run one calamine call; every way it can fail becomes _LibraryFailure or PASSWORD."""
    with _native_stderr_silenced():
        try:
            return call()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # pyo3 turns a Rust panic into PanicException(BaseException)
            if type(exc).__name__ == "PasswordError":
                raise UnreadableFile(PASSWORD) from None
            raise _LibraryFailure(type(exc).__name__) from None


def _read_workbook(path: Path, is_ole: bool) -> list[RawTable]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    data = path.read_bytes()
    if is_ole and _is_encrypted_ooxml(data):
        raise UnreadableFile(PASSWORD)

    def open_workbook():
        # By content, not by name: an .xls renamed .xlsx (or an .xlsx named .csv) still opens.
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book, list(book.sheet_names), {m.name: m for m in book.sheets_metadata}

    try:
        workbook, names, metadata = _guarded(open_workbook)
    except _LibraryFailure:
        raise UnreadableFile(_why_not_a_workbook(data, is_ole)) from None
    oversized = {} if is_ole else _oversized_sheets(data)

    def is_worksheet(name: str) -> bool:
        meta = metadata.get(name)
        return meta is None or meta.typ == SheetTypeEnum.WorkSheet

    def is_visible(name: str) -> bool:
        meta = metadata.get(name)
        return meta is None or meta.visible == SheetVisibleEnum.Visible

    # Chart sheets hold no cells. Visible sheets are looked at before hidden ones, so a hidden
    # old copy of a sheet never wins over the sheet the clerk sees; a hidden sheet is still
    # read when it is the only one that serves (hiding is how a sheet is shown, not a deletion).
    candidates = sorted((n for n in names if is_worksheet(n)), key=lambda n: not is_visible(n))
    if not candidates:
        raise UnreadableFile("the workbook holds only charts, no table of data: send the workbook "
                             "with its sheet 'ผู้เสียหาย' (persons)")
    matched: dict[str, str] = {}
    for spec in chiang_rai.SHEETS:
        wanted = {vocab_key(n) for n in spec.sheet_names}
        for name in candidates:
            if vocab_key(name) in wanted and name not in matched.values():
                matched[spec.kind] = name
                break
    grids: dict[str, list[Sequence[object]]] = {}

    def grid(name: str) -> list[Sequence[object]]:
        if name not in grids:
            if name in oversized:
                raise UnreadableFile(oversized[name])
            try:
                grids[name] = _guarded(lambda: _sheet_rows(workbook.get_sheet_by_name(name)))
            except _LibraryFailure:
                raise UnreadableFile(f"sheet {name.strip()!r} is damaged and cannot be read: "
                                     "export the workbook again") from None
        return grids[name]

    # Sheets not found by name are looked for by their header row.
    for spec in chiang_rai.SHEETS:
        if spec.kind in matched:
            continue
        for name in candidates:
            if name in matched.values():
                continue
            if _find_header(grid(name), spec) is not None:
                matched[spec.kind] = name
                break
    if chiang_rai.PERSONS.kind not in matched:
        for name in candidates:
            missing = _missing_headers(grid(name), chiang_rai.PERSONS, at_least=2)
            if missing is not None:
                raise UnreadableFile(f"sheet {name.strip()!r}: {missing}")
        raise UnreadableFile(
            "not a Chiang Rai workbook: no sheet 'ผู้เสียหาย' (persons) and no sheet with its "
            "header row (รหัสผู้เสียหาย, เพศ, สัญชาติ)"
        )
    tables = []
    formulas = _formula_findings(path) if not is_ole else {}
    for spec in chiang_rai.SHEETS:
        name = matched.get(spec.kind)
        if name is None:
            continue  # an export without steps or fines has none to report
        table = _table_from_grid(grid(name), spec, path.name, name.strip())
        grids.pop(name)  # the table holds the cells it needs: the sheet's rows can go
        _note_formulas(table, formulas.get(name, {}))
        tables.append(table)
    return tables


def _sheet_rows(sheet) -> list[Sequence[object]]:
    """The sheet from A1 on (row i = spreadsheet row i + 1), merged areas filled in.

    Blank rows are kept as empty tuples: a stray keystroke in row 1,048,576 costs a pointer
    per row, not a million rows of empty cells.
    """
    end = sheet.end
    if end is None:
        return []
    rows: list[Sequence[object]] = [row if row.count("") != len(row) else ()
                                    for row in sheet.iter_rows()]
    width = max(map(len, rows), default=0)
    # Where the rows and columns start (calamine may leave out the empty area before the
    # data), from where they end: the last row and column are the sheet's last.
    top = max(0, end[0] + 1 - len(rows))
    left = max(0, end[1] + 1 - width)
    if left:
        pad = [""] * left
        rows = [pad + list(r) if r else r for r in rows]
    if top:
        rows = [()] * top + rows
    _fill_merged(rows, sheet.merged_cell_ranges)
    return rows


def _fill_merged(rows: list[Sequence[object]], ranges) -> None:
    """A merged area shows its value in every row it covers: read it so in each of those rows
    that holds something else (a header over two rows; one case number over two persons).

    Only the area's first column is filled (the columns to its right are not the value's
    column), and a row holding nothing else stays blank (no data row is made up).
    """
    for (r0, c0), (r1, _c1) in ranges or ():
        if r1 <= r0 or r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else ""
        if is_blank(value):
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and is_blank(row[c0]) and any(not is_blank(c) for c in row):
                row[c0] = value  # type: ignore[index]  # non-blank rows are lists


_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _is_encrypted_ooxml(data: bytes) -> bool:
    """An encrypted .xlsx is an OLE compound file holding an 'EncryptedPackage' stream."""
    return _ENCRYPTED_STREAM in data


def _why_not_a_workbook(data: bytes, is_ole: bool) -> str:
    """A one-line reason for a file that looks like a workbook but does not open as one."""
    if is_ole:
        if len(data) < 512:
            return DAMAGED
        sector = 1 << min(int.from_bytes(data[30:32], "little"), 16)
        if (len(data) - 512) % sector:  # a compound file is whole sectors: this one is cut
            return DAMAGED
        if "WordDocument".encode("utf-16-le") in data:
            return f"a Word document, not an Excel workbook: {SEND_EXPORT}"
        return f"an old-format Office file that is not a readable Excel workbook: {SAVE_AS_XLSX}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    return f"a Word document, not an Excel workbook: {SEND_EXPORT}"
                if any(n.startswith("content.xml") for n in names) or not names:
                    return f"not an Excel workbook: {SAVE_AS_XLSX}"
                files = [n for n in names if not n.endswith("/")]
                return (f"a ZIP archive (compressed folder) holding {len(files)} file(s), not a "
                        "workbook: unzip it and ingest the files inside")
            if archive.testzip() is not None:
                return DAMAGED
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return DAMAGED
    except Exception:  # a broken member can make zlib raise its own errors
        return DAMAGED
    return f"the workbook cannot be read (damaged, or not saved by Excel): {SAVE_AS_XLSX}"


_SHEET_TAG = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL_TAG = re.compile(rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"'
                      rb'|<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CELL_TYPE = re.compile(rb'\bt="([^"]*)"')
_HAS_FORMULA = re.compile(rb"<f[\s>/]")
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding its cells (xlsx)."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for m in _REL_TAG.finditer(rels):
        target, rid = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        targets[rid.decode()] = target.decode()
    members = {}
    for m in _SHEET_TAG.finditer(workbook):
        name = html.unescape(m.group(1).decode())
        target = targets.get(m.group(2).decode(), "")
        members[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return members


# calamine holds a sheet as one dense block from its first to its last filled cell, about 32
# bytes a cell: 20 million cells is some 650 MB. A value typed in the very last cell (XFD1048576)
# would ask for 550 GB and end the process, every file of the run with it.
MAX_SHEET_CELLS = 20_000_000
_DIMENSION = re.compile(rb'<dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
_REF_ONLY = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?>\s*<(?:v|is|f)\b')


def _oversized_sheets(data: bytes) -> dict[str, str]:
    """Sheets whose filled cells span more than MAX_SHEET_CELLS, as a reason per sheet name.

    The sheet's <dimension> (which counts formatted empty cells too) clears most sheets at the
    cost of reading its first bytes; only a sheet it does not clear is scanned cell by cell.
    """
    oversized: dict[str, str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name, member in _sheet_members(archive).items():
                try:
                    with archive.open(member) as handle:
                        head = handle.read(4096)
                except KeyError:
                    continue
                dim = _DIMENSION.search(head)
                if dim and (int(dim.group(2)) * (_col_index(dim.group(1).decode()) + 1)
                            <= MAX_SHEET_CELLS):
                    continue
                last_row = last_col = 0
                for m in _REF_ONLY.finditer(archive.read(member)):
                    last_row = max(last_row, int(m.group(2)))
                    last_col = max(last_col, _col_index(m.group(1).decode()) + 1)
                if last_row * last_col > MAX_SHEET_CELLS:
                    corner = f"{_col_letter(last_col - 1)}{last_row}"
                    oversized[name] = (
                        f"sheet {name.strip()!r} has something typed far beyond its table (its "
                        f"last filled cell is {corner}): delete it (Ctrl+End in Excel finds it) "
                        "and save again")
    except Exception:  # not a readable zip: calamine will say so
        return {}
    return oversized


def _formula_findings(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Cells calamine reads as empty although they are not, per sheet: (row, column) → detail.

    A formula with no value Excel computed reads as empty, which is right (spec §6.3); so does
    a cell showing an error such as #N/A or #REF!. Both are recorded as findings. Only sheets
    that hold a formula or an error at all are scanned cell by cell.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name, member in _sheet_members(archive).items():
                cells: dict[tuple[int, int], str] = {}
                try:
                    for xml in _sheet_pieces(archive, member):
                        if b"<f" in xml or b't="e"' in xml:
                            _note_flagged(xml, cells)
                except KeyError:
                    continue
                if cells:
                    found[name] = cells
    except Exception:  # the workbook opened; a finding we cannot make is no reason to reject
        return {}
    return found


SHEET_PIECE_BYTES = 8 << 20


def _sheet_pieces(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A sheet's XML in pieces of whole rows, about SHEET_PIECE_BYTES each: a sheet of a
    million rows is never held whole (a cell lies within its row, so no piece cuts one)."""
    with archive.open(member) as handle:
        carry = b""
        while block := handle.read(SHEET_PIECE_BYTES):
            data = carry + block
            cut = data.rfind(b"</row>")
            if cut < 0:
                carry = data
                continue
            cut += len(b"</row>")
            yield data[:cut]
            carry = data[cut:]
        if carry:
            yield carry


def _note_flagged(xml: bytes, cells: dict[tuple[int, int], str]) -> None:
    """The formulas without a value and the error cells of a piece of sheet XML, by cell."""
    for c in _flagged_cells(xml):
        attrs, body = c.group(1), c.group(2) or b""
        ref = _CELL_REF.search(attrs)
        if ref is None:
            continue
        where = (int(ref.group(2)), _col_index(ref.group(1).decode()))
        kind = _CELL_TYPE.search(attrs)
        value = _VALUE.search(body)
        if kind is not None and kind.group(1) == b"e":
            shown = value.group(1).decode(errors="replace")[:10] if value else "?"
            cells[where] = f"the cell shows the error {shown}: read as empty"
        elif _HAS_FORMULA.search(body) and value is None:
            cells[where] = "formula without a computed value: read as empty"


_FORMULA_MARK = re.compile(rb"<f[ >/]")
_ERROR_MARK = re.compile(rb't="e"')


def _flags(xml: bytes) -> list[int]:
    """Where a formula (``<f>``, ``<f …>``, ``<f/>``) or an error (``t="e"``) is marked, in
    order. Two patterns that each start with a fixed text: the regex engine skips to that text
    at memory speed, where one pattern with two alternatives is tried at every byte."""
    return sorted([m.start() for m in _FORMULA_MARK.finditer(xml)]
                  + [m.start() for m in _ERROR_MARK.finditer(xml)])


def _flagged_cells(xml: bytes):
    """The cells holding a formula or an error, found from those marks alone: a sheet of a
    million cells with one formula is not parsed cell by cell."""
    done: set[int] = set()
    for flag in _flags(xml):
        start = xml.rfind(b"<c ", 0, flag + 1)
        if start < 0 or start in done:
            continue
        done.add(start)
        end = xml.find(b"</c>", start)
        cell = _CELL.match(xml, start, len(xml) if end < 0 else end + 4)
        if cell is not None:
            yield cell


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _note_formulas(table: RawTable, cells: dict[tuple[int, int], str]) -> None:
    if not cells:
        return
    data_rows = set(table.rows)
    by_column = {col: name for name, col in table.columns.items()}
    for (row, col), detail in sorted(cells.items()):
        if row in data_rows and col in by_column:
            table.findings.append((row, by_column[col], detail))


def _found_keys(row: Sequence[object], spec: SheetSpec) -> set[str]:
    index = spec.header_index()
    return {index[k].name for c in row
            if c != "" and c is not None and (k := vocab_key(c)) in index}


def _find_header(rows: Sequence[Sequence[object]], spec: SheetSpec) -> int | None:
    """Index of the first row holding all the spec's key headers (spec §6.8)."""
    keys = set(spec.key_headers)
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if keys <= _found_keys(row, spec):
            return i
    return None


def _column_label(spec: SheetSpec, name: str) -> str:
    """A column as the clerk knows it: the spec's name and, for Thai sheets, the Thai header."""
    fld = next(f for f in spec.fields if f.name == name)
    local = next((h for h in fld.headers if not h.isascii()), None)
    return f"{name} ({local})" if local and spec.source == chiang_rai.SOURCE else name


def _missing_headers(rows: Sequence[Sequence[object]], spec: SheetSpec,
                     at_least: int = 1) -> str | None:
    """Which key headers the best header-like row lacks, as a reason; None if no row has
    ``at_least`` of them."""
    best: tuple[int, set[str]] | None = None
    keys = set(spec.key_headers)
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _found_keys(row, spec) & keys
        if len(found) >= at_least and (best is None or len(found) > len(best[1])):
            best = (i, found)
    if best is None:
        return None
    i, found = best
    missing = [k for k in spec.key_headers if k not in found]
    if not missing:
        return None
    have = " and ".join(_column_label(spec, k) for k in spec.key_headers if k in found)
    lacks = " and ".join(_column_label(spec, k) for k in missing)
    plural = "columns" if len(missing) > 1 else "column"
    return f"the header row (row {i + 1}) has {have} but no {lacks} {plural}"


def _table_from_grid(
    rows: list[Sequence[object]], spec: SheetSpec, file_name: str, sheet: str | None,
    number_of: Sequence[int] | None = None,
) -> RawTable:
    """Map the header row, then keep the data rows (not blank, not the trailing total)."""
    where = f"sheet {sheet!r}" if sheet else "file"
    header_at = _find_header(rows, spec)
    if header_at is None:
        missing = _missing_headers(rows, spec)
        if missing is not None:
            raise UnreadableFile(f"{where}: {missing}")
        expected = ", ".join(_column_label(spec, k) for k in spec.key_headers)
        raise UnreadableFile(f"{where}: no header row with the required columns ({expected})")
    row_no = (lambda i: number_of[i]) if number_of is not None else (lambda i: i + 1)
    index = spec.header_index()
    ignored = spec.ignored_keys()
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for col, cell in enumerate(rows[header_at]):
        if cell == "" or cell is None:
            continue
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
    body = range(header_at + 1, len(rows))
    non_blank = [i for i in body if rows[i] and _filled(rows[i])]
    if non_blank:
        last = non_blank[-1]
        first_cell = next(c for c in rows[last] if not is_blank(c))
        if vocab_key(first_cell) in TOTAL_WORDS:
            non_blank.pop()
    data = [rows[i] for i in non_blank]
    if min(map(len, data), default=0) > max(columns.values(), default=-1):
        cells = {name: [row[col] for row in data] for name, col in columns.items()}
    else:  # short rows (a CSV record with fewer fields): the missing cells are blank
        cells = {name: [row[col] if col < len(row) else "" for row in data]
                 for name, col in columns.items()}
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


def _filled(row: Sequence[object]) -> bool:
    """Whether a row holds a value that is not blank (see ``is_blank``)."""
    for c in row:
        if c.__class__ is str:
            if c and not c.isspace():  # the same as c.strip() != ""
                return True
        elif not is_blank(c):
            return True
    return False


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- CSV

SNIFF_BYTES = 64 << 10
OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}
CR_SHEET_WORDS = {"cr_persons": "persons (ผู้เสียหาย)", "cr_steps": "referral steps (การส่งต่อ)",
                  "cr_fines": "fines (ค่าปรับ)"}


def sniff_kind(path: Path) -> str:
    """workbook | persons | fines | unknown, from the first bytes only.

    Lets a run order person files before fine files (spec §6.9) without holding every file in
    memory at once; the full read still decides, and still names what is wrong. Never raises.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC, OLE_MAGIC)):
            return "workbook"
        text = _decode(head[: head.rfind(b"\n") + 1] or head)
        records = list(csv.reader(io.StringIO(text, newline="")))
        for spec in (bokeo.FINES, bokeo.PERSONS):
            if _find_header(records, spec) is not None:
                return spec.role
    except Exception:  # an unreadable file is reported by the full read, in its turn
        return "unknown"
    return "unknown"


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Thai Windows-874 (TIS-620)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableFile(
                f"the file says it is UTF-8 text but is not (damaged?): {SAVE_AS_CSV}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(DAMAGED) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"not a spreadsheet or a CSV text file: {SEND_EXPORT}")
    try:
        # Thai Windows (TIS-620 / Windows-874) is the usual legacy encoding on the Thai side.
        return data.decode("cp874")
    except UnicodeDecodeError:
        raise UnreadableFile(f"the CSV file is not UTF-8 text: {SAVE_AS_CSV}") from None


_CTRL_Z_AT_END = re.compile(r"\x1a[\r\n]*\Z")


def _csv_text(data: bytes) -> str:
    """The text of a CSV file, refused early when it is no CSV at all."""
    text = _decode(data)
    text = _CTRL_Z_AT_END.sub("", text)  # DOS end-of-file mark some old programs still write
    if not text.strip():
        raise UnreadableFile("the file is empty: export it again")
    if "\x00" in text:
        raise UnreadableFile("the file holds NUL characters, a sign that it is damaged: "
                             "export it again")
    start = text.lstrip()[:2000].casefold()
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        raise UnreadableFile(f"an 'XML Spreadsheet 2003' file, not a workbook: {SAVE_AS_XLSX}")
    if start.startswith(("<!doctype html", "<html", "<table", "<head", "<body", "<meta")) \
            or (start.startswith("<") and "<html" in start):
        raise UnreadableFile("a web page (HTML) with a spreadsheet's name, not a real workbook: "
                             f"{SAVE_AS_XLSX}")
    if start.startswith("<?xml"):
        raise UnreadableFile(f"an XML file, not a spreadsheet: {SEND_EXPORT}")
    return text


def _parse_csv(text: str, delimiter: str = ",", limit: int | None = None) -> list[list[str]]:
    """RFC 4180 records; a quoting mistake becomes a reason that names the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    start = 1  # the line the record being read starts on
    try:
        for record in reader:
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "unexpected end of data" in message:
            reason = (f"a quotation mark (\") opened on line {start} is never closed: "
                      "correct that row and export again")
        elif "expected after" in message:
            reason = (f"line {reader.line_num}: a value has text after its closing quotation "
                      "mark (\"): correct that row and export again")
        elif "field larger than field limit" in message:
            reason = (f"a value starting on line {start} is longer than "
                      f"{csv.field_size_limit():,} characters, usually because a quotation "
                      "mark (\") is never closed: correct that row and export again")
        else:
            reason = f"the CSV text cannot be read from line {start} on: export it again"
        raise UnreadableFile(reason) from None
    return records


def _read_csv(path: Path) -> RawTable:
    text = _csv_text(path.read_bytes())
    records = _parse_csv(text)
    if not records or all(not r for r in records):
        raise UnreadableFile("the file is empty: export it again")
    for spec in (bokeo.FINES, bokeo.PERSONS):
        if _find_header(records, spec) is not None:
            return _table_from_grid(records, spec, path.name, None)
    raise UnreadableFile(_why_not_bokeo(text, records))


def _why_not_bokeo(text: str, records: list[list[str]]) -> str:
    """The most useful reason for a CSV file whose header row is not a Bokeo one."""
    for spec in chiang_rai.SHEETS:
        if _find_header(records, spec) is not None:
            return (f"a Chiang Rai {CR_SHEET_WORDS[spec.kind]} sheet saved as CSV: Chiang Rai "
                    "exports are read only as the Excel workbook (.xlsx) with all its sheets; "
                    "send the workbook")
    for separator, words in OTHER_SEPARATORS.items():
        try:
            sample = _parse_csv(text, separator, limit=HEADER_SEARCH_ROWS)
        except UnreadableFile:
            continue
        if any(_find_header(sample, s) is not None for s in (*bokeo.FILES, *chiang_rai.SHEETS)):
            return f"the columns are separated by {words}, not commas: {SAVE_AS_CSV}"
    for spec, what in ((bokeo.PERSONS, "persons"), (bokeo.FINES, "fines")):
        missing = _missing_headers(records, spec, at_least=2)
        if missing is not None:
            return f"not a Bokeo export: {missing}, which a {what} file needs"
    return ("not a Bokeo export: the header row has neither the persons columns "
            "(person_ref, sex, nationality) nor the fines columns (person_ref, reason, amount)")
