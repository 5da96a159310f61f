"""(Re)write the bad-input corpus in this folder: what a provincial clerk might really send.

Run:  .venv/bin/python tests/data/bad/build.py [OUT_DIR]      (needs openpyxl and xlsxwriter)

Every file is small (a few rows) and written as exact bytes: workbook zip entries and
docProps/core.xml carry fixed timestamps, so two runs give byte-identical files
(tests/test_bad_inputs.py checks this against the committed copies).

Two files need a tool the project does not depend on; they are committed, and this script
writes them only when the tool can be imported AND the file is not there yet (so a rebuild never
changes them):
    password_protected.xlsx   msoffcrypto-tool (encryption salts are random by design)
    cr_legacy_excel97.xls     xlwt (Excel 97-2003 binary workbook)
Generate them once with, e.g.:
    python -m venv /tmp/probe-venv && /tmp/probe-venv/bin/pip install msoffcrypto-tool xlwt
    PYTHONPATH=/tmp/probe-venv/lib/python3.11/site-packages .venv/bin/python tests/data/bad/build.py

What each file holds and what ingesting it must do is listed in README.md and asserted in
tests/test_bad_inputs.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import xlsxwriter

HERE = Path(__file__).resolve().parent
FIXED_TS = "2024-01-01T00:00:00Z"
FIXED_DT = dt.datetime(2024, 1, 1)
KEY = "ab" * 32  # a well-formed link_key (64 hex characters)

CR_PERSON_HEADERS = [
    "รหัสผู้เสียหาย", "รหัสคดี", "เลขอ้างอิงร่วม", "รหัสเชื่อมโยง", "เพศ", "อายุ", "สัญชาติ",
    "จังหวัดภูมิลำเนา", "ระดับการศึกษา", "ช่องทางการชักชวน", "ประเทศที่ถูกแสวงประโยชน์", "สถานที่",
    "รูปแบบการแสวงประโยชน์", "วิธีการควบคุม", "หนี้", "สกุลเงินหนี้", "ผลการคัดแยก", "หมายเหตุ",
]
CR_ALIASES = [
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "age", "nationality",
    "home_province", "education", "recruitment_channels", "exploitation_country", "site",
    "exploitation_types", "control_means", "debt_amount", "debt_currency", "screening_result",
    "notes",
]
CR_STEP_HEADERS = ["รหัสผู้เสียหาย", "ขั้นตอน", "วันที่", "หน่วยงาน", "ช่องทางประสานงาน"]
CR_FINE_HEADERS = ["รหัสผู้เสียหาย", "เหตุผล", "จำนวนเงิน", "สกุลเงิน"]
BK_PERSON_HEADERS = [
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "birth_year", "nationality",
    "origin", "recruitment_channel", "site", "exploitation", "date_reported", "date_rescued",
    "date_handed_over", "outcome", "immigration_fine_lak", "detained_days", "victim_screened",
    "debt_amount", "debt_currency", "agency", "channel",
]
BK_FINE_HEADERS = ["person_ref", "reason", "amount", "currency"]


def cr_person(ref: str, **values: object) -> list[object]:
    """A Chiang Rai persons row (columns A..R); keyword = English alias of a column."""
    row: dict[str, object] = dict.fromkeys(CR_ALIASES, None)
    row.update(person_ref=ref, sex="ชาย", age=25, nationality="ไทย", site="สามเหลี่ยมทองคำ")
    row.update(values)
    return [row[a] for a in CR_ALIASES]


def bk_person(ref: str, **values: object) -> list[object]:
    row: dict[str, object] = dict.fromkeys(BK_PERSON_HEADERS, "")
    row.update(person_ref=ref, sex="M", birth_year="1996", nationality="TH", site="GTSEZ",
               date_rescued="01/02/2021")
    row.update(values)
    return [row[h] for h in BK_PERSON_HEADERS]


STEP = ["CR-1", "คัดแยกผู้เสียหาย", "10/02/2564", "พมจ.เชียงราย", "ทางการ"]


def reported(*refs: str) -> list[list[object]]:
    """A dated 'reported' step for each person, so that every loaded person has a monitoring
    year (persons without one are covered by cr_person_without_steps.xlsx)."""
    return [[ref, "รับแจ้งเหตุ", "01/02/2564", "", ""] for ref in refs]


# ------------------------------------------------------------------------------ CSV writing


def csv_text(rows: Sequence[Sequence[object]], sep: str = ",", eol: str = "\r\n") -> str:
    """RFC 4180 text, quoting only where needed, as spreadsheet programs write it."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in (sep, '"', "\r", "\n")):
            text = '"' + text.replace('"', '""') + '"'
        return text

    return "".join(sep.join(cell(v) for v in row) + eol for row in rows)


def utf8(text: str, bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# ------------------------------------------------------------------------------ workbooks


class Formula(str):
    """A formula cell; ``cached`` is the value Excel last computed (None: never computed)."""

    cached: object = None
    kind: str = "n"  # n (number) | str | e (error)

    def __new__(cls, text: str, cached: object = None, kind: str = "n") -> Formula:
        obj = super().__new__(cls, text)
        obj.cached = cached
        obj.kind = kind
        return obj


def pin(data: bytes, patch: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite an .xlsx zip with fixed entry times and core.xml dates (and optional patches)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                                lambda m: m.group(1) + FIXED_TS.encode(), member)
            if patch is not None:
                member = patch(info.filename, member)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, member)
    return out.getvalue()


class Sheet:
    def __init__(self, name: str, rows: Sequence[Sequence[object] | None], *,
                 state: str = "visible", merges: Sequence[str] = ()) -> None:
        self.name = name
        self.rows = rows
        self.state = state
        self.merges = merges


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx written by openpyxl, rows as given (None = blank row), formulas patched in."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, Formula]] = {}
    for index, spec in enumerate(sheets, start=1):
        ws = wb.create_sheet(title=spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row or (), start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy"
                if isinstance(value, Formula) and value.cached is not None:
                    cached.setdefault(f"xl/worksheets/sheet{index}.xml", {})[cell.coordinate] = \
                        value
        for ref in spec.merges:
            ws.merge_cells(ref)
        ws.sheet_state = spec.state
    visible = [i for i, s in enumerate(sheets) if s.state == "visible"]
    if visible:
        wb.active = visible[0]
    wb.properties.creator = "tests/data/bad/build.py"
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    buffer = io.BytesIO()
    wb.save(buffer)

    def patch(name: str, member: bytes) -> bytes:
        for coordinate, formula in cached.get(name, {}).items():
            pattern = re.compile(rb'<c r="' + coordinate.encode() + rb'"([^>]*)>(<f>.*?</f>)<v ?/>')
            typed = b"" if formula.kind == "n" else b' t="' + formula.kind.encode() + b'"'
            value = str(formula.cached).encode()
            ref = coordinate.encode()
            member, n = pattern.subn(
                lambda m, t=typed, v=value, c=ref: b'<c r="' + c + b'"'
                + m.group(1) + t + b">" + m.group(2) + b"<v>" + v + b"</v>", member)
            assert n == 1, (name, coordinate)
        return member

    return pin(buffer.getvalue(), patch)


def cr_workbook(persons: Sequence[Sequence[object] | None],
                steps: Sequence[Sequence[object] | None] = (),
                fines: Sequence[Sequence[object] | None] = (),
                *, person_headers: Sequence[str] = CR_PERSON_HEADERS,
                step_headers: Sequence[str] = CR_STEP_HEADERS) -> bytes:
    return workbook([
        Sheet("ผู้เสียหาย", [list(person_headers), *persons]),
        Sheet("การส่งต่อ", [list(step_headers), *steps]),
        Sheet("ค่าปรับ", [CR_FINE_HEADERS, *fines]),
    ])


VALID_CR = cr_workbook(
    [cr_person("CR-1", link_key=KEY, exploitation_country="ลาว"), cr_person("CR-2", sex="หญิง")],
    [STEP, ["CR-2", "ส่งกลับภูมิลำเนา", "01/03/2564", "", ""]],
    [["CR-1", "สูบบุหรี่", "2,500", "บาท"]],
)
VALID_BK_PERSONS = csv_text([BK_PERSON_HEADERS, bk_person("BK-1"), bk_person("BK-2", sex="F")])


# ------------------------------------------------------------------------------ the corpus
# name → bytes (or a function giving bytes, or None when it cannot be produced here)


def chart_only() -> bytes:
    """A workbook holding a single chart sheet and no worksheet at all ("Move chart" gone wrong).

    xlsxwriter needs a worksheet for the chart's data; it is removed afterwards, as Excel
    leaves it when the clerk deletes the data sheet (the chart keeps its cached numbers).
    """
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    data = wb.add_worksheet("data")
    data.write_column(0, 0, [3, 5, 2])
    chartsheet = wb.add_chartsheet("แผนภูมิ")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=data!$A$1:$A$3", "name": "ผู้เสียหาย"})
    chartsheet.set_chart(chart)
    chartsheet.activate()
    wb.set_properties({"created": FIXED_DT})
    wb.close()
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))

    def patch(name: str, member: bytes) -> bytes:
        if name == "xl/workbook.xml":
            member = re.sub(rb'<sheet name="data"[^>]*/>', b"", member)
            member = re.sub(rb"<definedNames>.*?</definedNames>", b"", member)
        elif name == "xl/_rels/workbook.xml.rels":
            member = re.sub(rb'<Relationship [^>]*Target="worksheets/sheet1.xml"/>', b"", member)
        elif name == "[Content_Types].xml":
            member = re.sub(rb'<Override PartName="/xl/worksheets/sheet1.xml"[^>]*/>', b"",
                            member)
        elif name == "docProps/app.xml":
            member = re.sub(rb"<vt:lpstr>data</vt:lpstr>", b"", member)
        return member

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, patch(info.filename, src.read(info.filename)))
    return pin(out.getvalue())


def wide_16384_columns() -> bytes:
    """A persons sheet whose used range reaches column XFD (16,384): a formatted empty cell
    at the far right of the header row and an empty string there in a data row."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("ผู้เสียหาย")
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, CR_PERSON_HEADERS, bold)
    ws.write_blank(0, 16383, None, bold)
    ws.write_row(1, 0, [v if v is not None else "" for v in cr_person("CR-1")])
    ws.write_row(2, 0, [v if v is not None else "" for v in cr_person("CR-2", age=150)])
    ws.write_string(2, 16383, "")
    steps = wb.add_worksheet("การส่งต่อ")
    for r, row in enumerate([CR_STEP_HEADERS, *reported("CR-1")]):
        steps.write_row(r, 0, row)
    wb.set_properties({"created": FIXED_DT})
    wb.close()
    return pin(buffer.getvalue())


def stray_cell_last_row() -> bytes:
    """A persons sheet with a single space typed in the very last row (1,048,576)."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("ผู้เสียหาย")
    ws.write_row(0, 0, CR_PERSON_HEADERS)
    ws.write_row(1, 0, [v if v is not None else "" for v in cr_person("CR-1")])
    ws.write_string(1048575, 0, " ")
    steps = wb.add_worksheet("การส่งต่อ")
    for r, row in enumerate([CR_STEP_HEADERS, *reported("CR-1")]):
        steps.write_row(r, 0, row)
    wb.set_properties({"created": FIXED_DT})
    wb.close()
    return pin(buffer.getvalue())


def value_in_last_cell() -> bytes:
    """A persons sheet with an 'x' typed in the sheet's very last cell, XFD1048576."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("ผู้เสียหาย")
    ws.write_row(0, 0, CR_PERSON_HEADERS)
    ws.write_row(1, 0, [v if v is not None else "" for v in cr_person("CR-1")])
    ws.write_string(1048575, 16383, "x")
    wb.set_properties({"created": FIXED_DT})
    wb.close()
    return pin(buffer.getvalue())


def formulas() -> bytes:
    """Formula cells with a value Excel computed, without one, and with an error value."""
    return cr_workbook(
        [
            cr_person("CR-1", age=Formula("=20+5", 25)),                       # row 2: 25
            cr_person("CR-2", age=Formula("=20+6")),                           # row 3: no value
            cr_person("CR-3", sex=Formula('=VLOOKUP("F",$T$1:$U$2,2,0)', "#N/A", "e")),  # row 4
            cr_person(Formula('="CR-"&4')),                                    # row 5: no value
            cr_person(Formula('="CR-"&5', "CR-5", "str")),                     # row 6: "CR-5"
        ],
        [
            ["CR-1", "คัดแยกผู้เสียหาย", Formula("=DATE(2021,2,10)", 44237), "", ""],  # row 2
            ["CR-1", "ส่งกลับภูมิลำเนา", Formula("=C2+20"), "", ""],              # row 3
            *reported("CR-2", "CR-3", "CR-5"),                                  # rows 4-6
        ],
    )


def merged_headers() -> bytes:
    """A two-row header built with merged cells, a merged title, a case_ref merged over the
    two persons of one case."""
    title = "รายงานข้อมูลผู้เสียหาย ปี 2564"
    group_row: list[object] = list(CR_PERSON_HEADERS)
    sub_row: list[object] = [None] * len(CR_PERSON_HEADERS)
    group_row[4:7] = ["ข้อมูลส่วนบุคคล", None, None]  # E2:G2 merged, headers below in row 3
    sub_row[4:7] = CR_PERSON_HEADERS[4:7]
    merges = ["A1:R1", "E2:G2", "B4:B5"]
    merges += [f"{c}2:{c}3" for c in "ABCDHIJKLMNOPQR"]
    p1 = cr_person("CR-1", case_ref="CR-C-2564-001")
    p2 = cr_person("CR-2", case_ref=None, sex="หญิง")
    p3 = cr_person("CR-3", case_ref="CR-C-2564-002")
    return workbook([
        Sheet("ผู้เสียหาย", [[title], group_row, sub_row, p1, p2, p3], merges=merges),
        Sheet("การส่งต่อ", [CR_STEP_HEADERS, *reported("CR-1", "CR-2", "CR-3")]),
    ])


def hidden_sheets() -> bytes:
    """Sheets renamed Sheet1/Sheet2 (recognised by header), a hidden old copy of the persons
    sheet placed first, a hidden drop-down list sheet last."""
    old_copy = [CR_PERSON_HEADERS, cr_person("OLD-1"), cr_person("OLD-2")]
    lists = [["เพศ", "สัญชาติ"], ["ชาย", "ไทย"], ["หญิง", "ลาว"]]
    return workbook([
        Sheet("ข้อมูลเดิม", old_copy, state="hidden"),
        Sheet("Sheet1", [CR_PERSON_HEADERS, cr_person("CR-1"), cr_person("CR-2")]),
        Sheet("Sheet2", [CR_STEP_HEADERS, *reported("CR-1", "CR-2")]),
        Sheet("รายการ", lists, state="veryHidden"),
    ])


def persons_sheet_hidden() -> bytes:
    return workbook([
        Sheet("ผู้เสียหาย", [CR_PERSON_HEADERS, cr_person("CR-1"), cr_person("CR-2")],
              state="hidden"),
        Sheet("การส่งต่อ", [CR_STEP_HEADERS, *reported("CR-1", "CR-2")]),
    ])


def password_protected() -> bytes | None:
    try:
        import msoffcrypto  # noqa: F401
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return None
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(VALID_CR)).encrypt("tipmon", out)
    return out.getvalue()


def legacy_xls() -> bytes | None:
    """An Excel 97-2003 (.xls) Chiang Rai workbook, as an old office machine saves it."""
    try:
        import xlwt
    except ImportError:
        return None
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    sheets = [
        ("ผู้เสียหาย", [CR_PERSON_HEADERS, cr_person("CR-1"), cr_person("CR-2", sex="หญิง")]),
        ("การส่งต่อ", [CR_STEP_HEADERS, STEP,
                       ["CR-2", "ส่งกลับภูมิลำเนา", dt.datetime(2021, 3, 1), "", ""]]),
        ("ค่าปรับ", [CR_FINE_HEADERS]),
    ]
    for name, rows in sheets:
        ws = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def truncated_xls() -> bytes | None:
    """The .xls above, cut short in its last sector (as an interrupted copy leaves it)."""
    committed = HERE / "cr_legacy_excel97.xls"
    data = committed.read_bytes() if committed.exists() else legacy_xls()
    return None if data is None else data[:4500]


def png_image() -> bytes:
    """A 1×1 PNG: a photo of the paper form instead of the export."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def zipped_csvs() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("bokeo_persons_2021.csv", VALID_BK_PERSONS),
                           ("bokeo_fines_2021.csv",
                            csv_text([BK_FINE_HEADERS, ["BK-1", "meal", "500", "THB"]]))):
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(zi, text.encode())
    return out.getvalue()


def excel_lock_file() -> bytes:
    """The owner file Excel leaves next to an open workbook: '~$' + name, 165 bytes."""
    user = b"psdhs"
    data = bytes([len(user)]) + user.ljust(53, b" ")
    data += struct.pack("<H", len(user)) + "psdhs".encode("utf-16-le")
    return data.ljust(165, b"\x00")


def corpus() -> dict[str, Callable[[], bytes | None]]:
    bk = BK_PERSON_HEADERS
    no_ref = [h for h in bk if h != "person_ref"]
    huge = ("pasted text " * 10_000)[:100_000]
    return {
        # ---- not readable at all: exit 2, one line naming the file and the reason
        "empty.csv": lambda: b"",
        "bom_only.csv": lambda: b"\xef\xbb\xbf\r\n",
        "bokeo_persons_no_person_ref.csv": lambda: utf8(csv_text(
            [no_ref, bk_person("BK-1")[1:], bk_person("BK-2")[1:]])),
        "cr_persons_no_person_ref.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")[1:]], person_headers=CR_PERSON_HEADERS[1:]),
        "cr_steps_no_step_column.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")], [["CR-1", "10/02/2564", "", ""]],
            step_headers=[h for h in CR_STEP_HEADERS if h != "ขั้นตอน"]),
        "bokeo_fines_duplicate_header.csv": lambda: utf8(csv_text(
            [[*BK_FINE_HEADERS, "amount"], ["BK-1", "meal", "500", "THB", "600"]])),
        "cr_duplicate_header.xlsx": lambda: cr_workbook(
            [[*cr_person("CR-1"), "หญิง"]], person_headers=[*CR_PERSON_HEADERS, "sex"]),
        "corrupt.xlsx": lambda: b"PK\x03\x04" + bytes(range(256)) * 4,
        "truncated.xlsx": lambda: VALID_CR[: len(VALID_CR) // 2],
        "cr_legacy_excel97_truncated.xls": truncated_xls,
        "password_protected.xlsx": password_protected,
        "cr_persons_saved_as_csv_tis620.csv": lambda: csv_text(
            [CR_PERSON_HEADERS[:-1], cr_person("CR-1")[:-1]]).encode("cp874"),
        "bokeo_persons_semicolons.csv": lambda: utf8(csv_text(
            [bk, bk_person("BK-1")], sep=";"), bom=True),
        "bokeo_persons_unicode_text.csv": lambda: b"\xff\xfe" + csv_text(
            [bk, bk_person("BK-1", origin="ແຂວງບໍ່ແກ້ວ")], sep="\t").encode("utf-16-le"),
        "bokeo_persons_nul_bytes.csv": lambda: utf8(VALID_BK_PERSONS)[:200] + b"\x00" * 64
        + utf8(VALID_BK_PERSONS)[200:],
        "bokeo_persons_unbalanced_quote.csv": lambda: utf8(
            csv_text([bk, bk_person("BK-1")])
            + ",".join(bk_person("BK-2", origin='"Houayxay, Bokeo')) + "\r\n"
            + csv_text([bk_person("BK-3")])),
        "bokeo_persons_text_after_quote.csv": lambda: utf8(
            csv_text([bk, bk_person("BK-1")])
            + ",".join(bk_person("BK-2", origin='"Ton Pheung" district')) + "\r\n"),
        "chart_only.xlsx": chart_only,
        "cr_value_in_last_cell.xlsx": value_in_last_cell,
        "cr_export_html_table.xls": lambda: (
            "<html><head><meta charset='utf-8'></head><body><table>"
            + "<tr>" + "".join(f"<th>{h}</th>" for h in CR_PERSON_HEADERS) + "</tr>"
            + "</table></body></html>").encode(),
        "bokeo_export_2021.zip": zipped_csvs,
        "~$cr_export_2564.xlsx": excel_lock_file,
        "cr_export_scan.xlsx": lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
        b"trailer\n<<>>\n%%EOF\n",
        "cr_export_photo.xlsx": png_image,
        # ---- read; rows loaded or quarantined, nothing lost
        "bokeo_persons_header_only.csv": lambda: utf8(csv_text([bk]), bom=True),
        "cr_header_only.xlsx": lambda: cr_workbook([]),
        "bokeo_persons_csv_named.xlsx": lambda: utf8(VALID_BK_PERSONS),
        "cr_workbook_named.csv": lambda: VALID_CR,
        "cr_legacy_excel97.xls": legacy_xls,
        "bokeo_persons_tis620.csv": lambda: csv_text([
            bk,
            bk_person("BK-1", origin="อ.แม่สาย จ.เชียงราย", agency="ตำรวจท่องเที่ยว"),
            bk_person("BK-2", origin="Houayxay"),
        ]).encode("cp874"),
        "cr_hidden_sheets.xlsx": hidden_sheets,
        "cr_persons_sheet_hidden.xlsx": persons_sheet_hidden,
        "cr_merged_headers.xlsx": merged_headers,
        "cr_excel_serial_dates.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")],
            [
                ["CR-1", "รับแจ้งเหตุ", 44228, "", ""],             # row 2: 01/02/2021
                ["CR-1", "ช่วยเหลือ", 44230.0, "", ""],             # row 3: 03/02/2021
                ["CR-1", "ส่งมอบ ณ ด่านชายแดน", "44232", "", ""],   # row 4: text → 05/02/2021
                ["CR-1", "เข้าสถานคุ้มครอง", 123, "", ""],          # row 5: not a date
            ]),
        "cr_future_dates.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")],
            [
                ["CR-1", "รับแจ้งเหตุ", "01/02/2564", "", ""],                 # row 2: fine
                ["CR-1", "ช่วยเหลือ", "01/01/2642", "", ""],                   # row 3: 2099
                ["CR-1", "คัดแยกผู้เสียหาย", dt.datetime(2642, 1, 1), "", ""],  # row 4: 2099
                ["CR-1", "ส่งกลับภูมิลำเนา", "01/01/2099", "", ""],            # row 5: 2099
            ]),
        "bokeo_persons_future_date.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2", date_handed_over="2099-01-01")])),
        "cr_feb29_buddhist_era.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")],
            [
                ["CR-1", "รับแจ้งเหตุ", "29/02/2563", "", ""],                 # row 2: 2020 ✓
                ["CR-1", "ช่วยเหลือ", "29/02/2564", "", ""],                   # row 3: 2021 ✗
                ["CR-1", "คัดแยกผู้เสียหาย", dt.datetime(2564, 2, 29), "", ""],  # row 4: 2021 ✗
                ["CR-1", "เข้าสถานคุ้มครอง", "๒๙/๐๒/๒๕๖๓", "", ""],            # row 5: 2020 ✓
            ]),
        "cr_ages.xlsx": lambda: cr_workbook([
            cr_person("CR-1", age=0),          # row 2: valid
            cr_person("CR-2", age=150),        # row 3: above 100
            cr_person("CR-3", age="๑๕๐"),      # row 4: above 100, Thai digits
            cr_person("CR-4", age=-1),         # row 5: negative
            cr_person("CR-5", age="25 ปี"),    # row 6: not a whole number
            cr_person("CR-6", age=100),        # row 7: valid
        ], reported("CR-1", "CR-6")),
        "bokeo_persons_negative_amounts.csv": lambda: utf8(csv_text([
            bk,
            bk_person("BK-1", debt_amount="5000", debt_currency="THB"),
            bk_person("BK-2", debt_amount="-5000", debt_currency="THB"),
            bk_person("BK-3", immigration_fine_lak="-1,000,000"),
        ])),
        "cr_amounts_in_words.xlsx": lambda: cr_workbook(
            [
                cr_person("CR-1", debt_amount="100,000 บาท"),
                cr_person("CR-2", debt_amount="ประมาณ 1 แสน"),
            ],
            reported("CR-1"),
            [
                ["CR-1", "สูบบุหรี่", "สองพันบาท", ""],     # row 2: words
                ["CR-1", "ทานอาหารไม่หมด", "-2,500", "บาท"],  # row 3: negative
                ["CR-1", "เจ็บป่วย", "1,500", "บาท"],         # row 4: fine
            ]),
        "cr_formulas.xlsx": formulas,
        "bokeo_persons_huge_cell.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2", sex=huge)])),
        "bokeo_persons_duplicate_refs.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2"), bk_person("BK-1", sex="F")])),
        "bokeo_persons_link_key_wrong_length.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1", link_key=KEY), bk_person("BK-2", link_key=KEY[:63])])),
        "bokeo_persons_crlf_ctrl_z.csv": lambda: utf8(VALID_BK_PERSONS) + b"\x1a",
        "cr_16384_columns.xlsx": wide_16384_columns,
        "cr_stray_cell_last_row.xlsx": stray_cell_last_row,
        # ---- bugs outside readers.py (tests marked xfail)
        "bokeo_persons_huge_multi_value.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2", recruitment_channel=huge)])),
        "bokeo_persons_huge_number.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2", detained_days="9" * 400)])),
        "bokeo_persons_huge_amount.csv": lambda: utf8(csv_text([
            bk, bk_person("BK-1"), bk_person("BK-2", debt_amount="9" * 400, debt_currency="THB")])),
        "cr_serial_date_with_time.xlsx": lambda: cr_workbook(
            [cr_person("CR-1")],
            [["CR-1", "รับแจ้งเหตุ", 44237.5, "", ""]]),  # row 2: 10/02/2021 12:00, unformatted
        "cr_person_without_steps.xlsx": lambda: cr_workbook([cr_person("CR-1")]),
    }


# Written only when absent (see the module docstring).
WRITE_ONCE = {"password_protected.xlsx", "cr_legacy_excel97.xls"}


def build(out: Path) -> list[str]:
    """Write the corpus into ``out``; return the names written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in corpus().items():
        path = out / name
        if name in WRITE_ONCE and path.exists():
            continue
        data = make()
        if data is None:
            print(f"skipped {name}: the tool to write it is not installed", file=sys.stderr)
            continue
        path.write_bytes(data)
        written.append(name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    names = build(target)
    print(f"wrote {len(names)} files to {target}")
