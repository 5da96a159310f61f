"""Recognising exports by content and reading rows as the typist numbers them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.readers import UnreadableFile, read_export
from tests.conftest import (
    BK_FINE_HEADERS,
    BK_PERSON_HEADERS,
    bk_person,
    cr_person,
    write_csv,
    write_workbook,
)


def test_workbook_with_title_blank_and_total_rows(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "any name.xlsx",
        [cr_person("CR-1"), None, cr_person("CR-2"), ["รวม", 2]],
        [["CR-1", "ช่วยเหลือ", "01/02/2564", "ตำรวจ", "ทางการ"]],
        title="รายงานข้อมูลผู้เสียหาย ปี 2564",
    )
    export = read_export(path)
    assert (export.source, export.kind) == ("chiang_rai", "workbook")
    persons, steps, fines = export.tables
    assert persons.header_row == 2
    assert persons.rows == [3, 5]  # row 4 is blank, row 6 the trailing total
    assert steps.rows == [3]
    assert fines.rows == []
    assert "notes" not in persons.cells  # free-text notes are never read


def test_total_word_mid_sheet_is_data(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "x.xlsx", [cr_person("CR-1"), ["รวม"], cr_person("CR-2")])
    assert read_export(path).tables[0].rows == [2, 3, 4]


def test_padded_and_english_alias_headers_and_sheet_names(tmp_path: Path) -> None:
    headers = ["  person_ref ", "case_ref", "joint_ref", "link_key", " sex", "age",
               "nationality  ", "home_province", "education", "recruitment_channels",
               "exploitation_country", "site", "exploitation_types", "control_means",
               "debt_amount", "debt_currency", "screening_result", "notes"]
    path = write_workbook(tmp_path / "cr.xlsx", [cr_person("CR-1")],
                          sheet_names=(" persons ", "referral_steps", " fines"),
                          person_headers=headers)
    export = read_export(path)
    assert [t.sheet for t in export.tables] == ["persons", "referral_steps", "fines"]
    assert export.tables[0].headers["sex"] == "sex"


def test_sheets_recognised_by_header_when_renamed(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "cr.xlsx", [cr_person("CR-1")],
                          [["CR-1", "ช่วยเหลือ", "01/02/2564", "", ""]],
                          sheet_names=("Sheet1", "Sheet2", "Sheet3"))
    export = read_export(path)
    assert [t.spec.kind for t in export.tables] == ["cr_persons", "cr_steps", "cr_fines"]


def test_csv_bom_quoting_and_record_numbers(tmp_path: Path) -> None:
    rows = [bk_person("BK-1", origin="Chiang Rai,\nMueang"), [], bk_person("BK-2")]
    path = write_csv(tmp_path / "p.csv", BK_PERSON_HEADERS, rows, bom=True)
    export = read_export(path)
    (table,) = export.tables
    assert (export.source, export.kind) == ("bokeo", "persons")
    assert table.rows == [2, 4]  # record 3 is blank; the quoted line break is one record
    assert table.cells["origin"][0] == "Chiang Rai,\nMueang"


def test_csv_lao_alias_headers(tmp_path: Path) -> None:
    headers = [{"sex": "ເພດ", "birth_year": "ປີເກີດ", "nationality": "ສັນຊາດ"}.get(h, h)
               for h in BK_PERSON_HEADERS]
    export = read_export(write_csv(tmp_path / "p.csv", headers, [bk_person("BK-1")]))
    assert set(export.tables[0].headers) >= {"sex", "birth_year", "nationality"}


def test_fines_csv_recognised_by_header(tmp_path: Path) -> None:
    export = read_export(write_csv(tmp_path / "bokeo_persons_2021.csv", BK_FINE_HEADERS,
                                   [["BK-1", "smoking", "2500", "THB"]]))
    assert export.kind == "fines"  # the header decides, not the file name


def test_csv_renamed_xlsx_is_read_by_content(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bokeo.xlsx", BK_FINE_HEADERS, [["BK-1", "meal", "500", "THB"]])
    assert read_export(path).kind == "fines"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"a,b,c\r\n1,2,3\r\n", "not a Bokeo export"),
        ("\ufeffperson_ref,sex\r\n".encode(), "not a Bokeo export"),
    ],
)
def test_unreadable_files_have_one_line_reasons(tmp_path: Path, content: bytes,
                                                message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message) as info:
        read_export(path)
    assert "\n" not in str(info.value)


def test_duplicated_header_is_a_clear_error(tmp_path: Path) -> None:
    headers = [*BK_FINE_HEADERS, "amount"]
    path = write_csv(tmp_path / "f.csv", headers, [["BK-1", "meal", "500", "THB", "600"]])
    with pytest.raises(UnreadableFile, match="'amount' appears twice"):
        read_export(path)


def test_workbook_without_persons_sheet(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["something", "else"])
    wb.save(tmp_path / "w.xlsx")
    with pytest.raises(UnreadableFile, match="not a Chiang Rai workbook"):
        read_export(tmp_path / "w.xlsx")


def _sheet_xml(rows: int) -> bytes:
    """Sheet XML with formulas without a value, error cells, cached formulas, shared formulas."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
           '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r in range(1, rows + 1):
        cells = f'<c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c>'
        if r % 7 == 0:
            cells += f'<c r="B{r}"><f>1+1</f></c>'
        elif r % 11 == 0:
            cells += f'<c r="B{r}" t="e"><v>#N/A</v></c>'
        elif r % 13 == 0:
            cells += f'<c r="B{r}" s="1"/><c r="C{r}"><f>A1</f><v>3</v></c>'
        elif r % 17 == 0:
            cells += f'<c r="C{r}"><f t="shared" ref="C1:C9" si="0"/></c>'
        out.append(f'<row r="{r}">{cells}</row>')
    out.append('</sheetData><conditionalFormatting sqref="A1"><cfRule type="expression">'
               '<formula>A1&gt;0</formula></cfRule></conditionalFormatting></worksheet>')
    return "".join(out).encode()


def test_formula_scan_in_pieces_finds_what_a_scan_of_the_whole_sheet_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet XML is scanned in pieces of whole rows; tiny pieces find the same cells."""
    import re
    import zipfile

    from pipelines import readers

    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="S1" '
                         'sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship '
                         'Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", _sheet_xml(400))
    xml = _sheet_xml(400)
    assert readers._flags(xml) == [m.start() for m in re.finditer(rb'<f[ >/]|t="e"', xml)]
    whole = readers._formula_findings(path)["S1"]
    no_value, error = ("formula without a computed value: read as empty",
                       "the cell shows the error #N/A: read as empty")
    expected = {}
    for r in range(1, 401):
        if r % 7 == 0:
            expected[(r, 1)] = no_value
        elif r % 11 == 0:
            expected[(r, 1)] = error
        elif r % 17 == 0 and r % 13:
            expected[(r, 2)] = no_value
    assert whole == expected
    for size in (50, 97, 1000):
        monkeypatch.setattr(readers, "SHEET_PIECE_BYTES", size)
        assert readers._formula_findings(path) == {"S1": whole}
