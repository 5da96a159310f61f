"""Rejection reports: outstanding problems only, in Thai / Lao with English, values as text."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from pipelines import parse
from pipelines.ingest import ingest
from pipelines.quality import messages as M
from pipelines.quality import rejections
from pipelines.sources import bokeo, chiang_rai
from tests.conftest import (
    AS_OF,
    BK_FINE_HEADERS,
    BK_PERSON_HEADERS,
    bk_person,
    cr_person,
    write_csv,
    write_workbook,
)

REPORT_DATE = dt.date(2026, 11, 30)
HYPERLINK = '=HYPERLINK("http://evil.example","click")'
PERSONS, STEPS, FINES = "ผู้เสียหาย", "การส่งต่อ", "ค่าปรับ"


def bkp(ref: str, **values: object) -> list[object]:
    """A Bokeo persons row with a dated step, so the person has a monitoring year."""
    return bk_person(ref, **{"date_reported": "2021-03-01", **values})


def old_exports(folder: Path) -> None:
    """The first exports: their problems are replaced by the later exports (except fines)."""
    folder.mkdir(parents=True)
    write_workbook(folder / "cr_2564_a.xlsx",
                   [cr_person("CR-1"), cr_person("CR-2", sex="xyz")],
                   [["CR-1", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
                    ["CR-2", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""]])
    write_csv(folder / "bokeo_persons_a.csv", BK_PERSON_HEADERS,
              [bkp("BK-1"), bkp("BK-2", sex="??")])
    write_csv(folder / "bokeo_fines_a.csv", BK_FINE_HEADERS, [
        ["BK-1", "sickness", "35,000", "THB"],   # record 2: loaded
        ["BK-404", "meal", "2500", "THB"],       # record 3: unknown person
        ["BK-2", "meal", "2500", "THB"],         # record 4: person quarantined in persons_a
    ])


def new_exports(folder: Path) -> None:
    folder.mkdir(parents=True)
    write_workbook(
        folder / "cr_2564_b.xlsx",
        [
            cr_person("CR-1", home_province="=1+1"),  # row 2: loads; formula without value
            cr_person("CR-2"),  # row 3: corrected
            cr_person("CR-4", sex="xyz", nationality="ดาวอังคาร"),  # row 4: two problems
            cr_person("CR-5", debt_amount="-500"),  # row 5: negative
            cr_person("CR-6", recruitment_channels="Facebook; นกพิราบ"),  # row 6: one unknown
            cr_person("CR-1"),  # row 7: duplicate
        ],
        [
            ["CR-1", "คัดแยกผู้เสียหาย", "10/02/2564", "", ""],  # row 2: loaded
            ["CR-4", "คัดแยกผู้เสียหาย", "10/02/2564", "", ""],  # row 3: person quarantined
            ["CR-404", "คัดแยกผู้เสียหาย", "10/02/2564", "", ""],  # row 4: unknown person
            ["CR-1", "ส่งกลับภูมิลำเนา", "31/04/2564", "", ""],  # row 5: no 31 April
            ["CR-1", "คืนสู่สังคม", "01/01/2600", "", ""],  # row 6: 2057, future
            ["CR-2", "", "01/03/2564", "", ""],  # row 7: step missing
            ["CR-2", "คัดแยกผู้เสียหาย", "10/02/2564", "", ""],  # row 8: loaded
        ],
        [
            ["CR-1", "สูบบุหรี่", "ประมาณ 1 แสน", "บาท"],  # row 2: amount in words
            ["CR-2", "สูบบุหรี่", "100 USD", "บาท"],  # row 3: currencies contradict
            ["CR-1", "สูบบุหรี่", "2,500", "บาท"],  # row 4: loaded
        ],
    )
    write_csv(folder / "bokeo_persons_b.csv", BK_PERSON_HEADERS, [
        bkp("BK-1"),  # record 2: loaded
        bkp("BK-3", birth_year="1850"),  # record 3
        bkp("BK-4", detained_days="99999"),  # record 4
        bkp("BK-5", immigration_fine_lak="500 THB"),  # record 5
        bkp("BK-6", date_rescued="yesterday"),  # record 6
        bkp("BK-7", nationality=HYPERLINK),  # record 7
        bkp("BK-8", debt_amount="-500", debt_currency="EUR"),  # record 8: two problems
    ])


# (file, sheet, row, column, rule) of every outstanding problem, in report order.
EXPECTED_CR = [
    ("cr_2564_b.xlsx", PERSONS, "4", "sex", "vocabulary"),
    ("cr_2564_b.xlsx", PERSONS, "4", "nationality", "vocabulary"),
    ("cr_2564_b.xlsx", PERSONS, "5", "debt_amount", "negative"),
    ("cr_2564_b.xlsx", PERSONS, "6", "recruitment_channels", "vocabulary"),
    ("cr_2564_b.xlsx", PERSONS, "7", "person_ref", "duplicate_person_ref"),
    ("cr_2564_b.xlsx", STEPS, "3", "person_ref", "person_quarantined"),
    ("cr_2564_b.xlsx", STEPS, "4", "person_ref", "unknown_person"),
    ("cr_2564_b.xlsx", STEPS, "5", "date", "invalid_date"),
    ("cr_2564_b.xlsx", STEPS, "6", "date", "future_date"),
    ("cr_2564_b.xlsx", STEPS, "7", "step", "missing_required"),
    ("cr_2564_b.xlsx", FINES, "2", "amount", "not_an_amount"),
    ("cr_2564_b.xlsx", FINES, "3", "currency", "currency_conflict"),
]
EXPECTED_BK = [
    # the fines file of the first export is still Bokeo's latest fines file
    ("bokeo_fines_a.csv", "", "3", "person_ref", "unknown_person"),
    ("bokeo_fines_a.csv", "", "4", "person_ref", "person_quarantined"),
    ("bokeo_persons_b.csv", "", "3", "birth_year", "birth_year_range"),
    ("bokeo_persons_b.csv", "", "4", "detained_days", "above_max"),
    ("bokeo_persons_b.csv", "", "5", "immigration_fine_lak", "not_kip"),
    ("bokeo_persons_b.csv", "", "6", "date_rescued", "not_a_date"),
    ("bokeo_persons_b.csv", "", "7", "nationality", "vocabulary"),
    ("bokeo_persons_b.csv", "", "8", "debt_amount", "negative"),
    ("bokeo_persons_b.csv", "", "8", "debt_currency", "not_a_currency"),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("rejections")
    db = base / "monitoring.duckdb"
    old_exports(base / "one")
    new_exports(base / "two")
    assert ingest([base / "one"], db, as_of=AS_OF).exit_code == 0
    assert ingest([base / "two"], db, as_of=AS_OF).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        paths = rejections.write_rejections(con, base / "out", report_date=REPORT_DATE)
        text = rejections.summary(con)
    finally:
        con.close()
    return {"paths": paths, "summary": text, "dir": base / "out"}


def sheet_rows(path: Path) -> list[list[str]]:
    wb = CalamineWorkbook.from_path(str(path))
    return [[str(c) for c in row] for row in wb.get_sheet_by_index(0).to_python()]


def table(rows: list[list[str]], lang: str) -> tuple[list[str], list[str], list[list[str]]]:
    """(local header, English header, data rows) of a report."""
    at = next(i for i, r in enumerate(rows) if r[:1] == [M.text("col_file", lang)])
    return rows[at], rows[at + 1], rows[at + 2:]


def test_one_report_per_source(reports) -> None:
    assert [p.name for p in reports["paths"]] == ["rejections_chiang_rai.xlsx",
                                                  "rejections_bokeo.xlsx"]


@pytest.mark.parametrize(("source", "lang", "expected"), [
    ("chiang_rai", "th", EXPECTED_CR), ("bokeo", "lo", EXPECTED_BK)])
def test_exactly_the_outstanding_problems(reports, source, lang, expected) -> None:
    rows = sheet_rows(reports["dir"] / f"rejections_{source}.xlsx")
    local, english, data = table(rows, lang)
    assert local == [M.text(f"col_{k}", lang) for k, _, _ in rejections.TABLE_COLUMNS]
    assert english == [M.text(f"col_{k}", "en") for k, _, _ in rejections.TABLE_COLUMNS]
    got = [(r[0], r[1], r[2], r[3]) for r in data]
    want = [(f, s, row, rejections.Line(source, "", 0, f, s, 0, col, "", rule, "").column_cell())
            for f, s, row, col, rule in expected]
    assert got == want
    # Older files replaced by a later export of the same kind are not listed.
    assert not any(r[0] in ("cr_2564_a.xlsx", "bokeo_persons_a.csv") for r in data)
    # Each line's reasons are the rule's own message (not the fallback), in the province's
    # script, with the English message beside it.
    script = {"th": ("\u0e00", "\u0e7f"), "lo": ("\u0e80", "\u0eff")}[lang]
    for (_, _, _, _, rule), cells in zip(expected, data, strict=True):
        local_start = M.RULE_MESSAGES[rule][lang].split("{")[0]
        english_start = M.RULE_MESSAGES[rule]["en"].split("{")[0]
        assert cells[5].startswith(local_start) and cells[6].startswith(english_start), rule
        assert any(script[0] <= ch <= script[1] for ch in cells[5]), rule
        assert not cells[5].startswith(M.FALLBACK[lang].split("{")[0]), rule
        assert "{" not in cells[5] + cells[6], rule


def test_thai_reasons_and_english_beside(reports) -> None:
    _, _, data = table(sheet_rows(reports["dir"] / "rejections_chiang_rai.xlsx"), "th")
    by_key = {(r[1], r[2], r[3]): r for r in data}
    sex = by_key[(PERSONS, "4", "เพศ (sex)")]
    assert sex[4] == "xyz"
    assert sex[5].startswith("“xyz” ไม่ใช่ค่าที่กำหนดไว้สำหรับคอลัมน์ เพศ")
    assert "ค่าที่ใช้ได้: ชาย, หญิง, อื่น ๆ, ไม่ระบุ" in sex[5]
    assert sex[6].startswith("'xyz' is not one of the accepted values for sex.")
    assert "Accepted values: ชาย, หญิง" in sex[6]
    channels = by_key[(PERSONS, "6", "ช่องทางการชักชวน (recruitment_channels)")]
    assert channels[4] == "Facebook; นกพิราบ"  # the cell as typed
    assert channels[5].startswith("“นกพิราบ” ไม่ใช่ค่าที่กำหนดไว้")  # only the unknown part
    negative = by_key[(PERSONS, "5", "หนี้ (debt_amount)")]
    assert negative[4] == "-500"
    assert "ติดลบ" in negative[5] and "is negative" in negative[6]
    future = by_key[(STEPS, "6", "วันที่ (date)")]
    assert "29/11/2569" in future[5]  # the check date in the Buddhist Era
    assert "2026-11-29" in future[6]
    orphan = by_key[(STEPS, "3", "รหัสผู้เสียหาย (person_ref)")]
    assert "แผ่นงาน “ผู้เสียหาย” ของไฟล์เดียวกัน" in orphan[5]
    conflict = by_key[(FINES, "3", "สกุลเงิน (currency)")]
    assert "สกุลเงิน USD" in conflict[5] and "currency USD" in conflict[6]
    missing = by_key[(STEPS, "7", "ขั้นตอน (step)")]
    assert missing[4] == ""
    assert missing[5] == "คอลัมน์ ขั้นตอน ว่างอยู่ ต้องกรอกข้อมูลในคอลัมน์นี้"


def test_lao_reasons_and_english_beside(reports) -> None:
    _, _, data = table(sheet_rows(reports["dir"] / "rejections_bokeo.xlsx"), "lo")
    by_key = {(r[0], r[2], r[3]): r for r in data}
    nat = by_key[("bokeo_persons_b.csv", "7", "nationality (ສັນຊາດ)")]
    assert nat[4] == HYPERLINK
    assert nat[5].startswith(f"“{HYPERLINK}” ບໍ່ແມ່ນຄ່າທີ່ກຳນົດໄວ້ສຳລັບຖັນ ສັນຊາດ")
    assert nat[6].startswith(f"'{HYPERLINK}' is not one of the accepted values for nationality")
    above = by_key[("bokeo_persons_b.csv", "4", "detained_days (ຈຳນວນມື້ທີ່ຖືກກັກຕົວ)")]
    assert "(36,500)" in above[5] and "(36,500)" in above[6]
    born = by_key[("bokeo_persons_b.csv", "3", "birth_year (ປີເກີດ)")]
    assert "ບໍ່ແມ່ນປີເກີດທີ່ເປັນໄປໄດ້ (ແຕ່ 1900 ຫາ 2026)" in born[5]
    orphan = by_key[("bokeo_fines_a.csv", "3", "person_ref (ລະຫັດຜູ້ຖືກເຄາະຮ້າຍ)")]
    assert orphan[4] == "BK-404"
    assert "ໄຟລ໌ຂໍ້ມູນຜູ້ຖືກເຄາະຮ້າຍ (persons) ຂອງແຂວງບໍ່ແກ້ວ" in orphan[5]
    assert "the Bokeo persons file" in orphan[6]
    rows = sheet_rows(reports["dir"] / "rejections_bokeo.xlsx")
    top = "\n".join(r[0] for r in rows[:12])
    assert "ລາຍການແຖວຂໍ້ມູນທີ່ບໍ່ໄດ້ນຳເຂົ້າ" in top and "Rows not loaded, to correct — Bokeo" in top
    assert "30/11/2026" in top  # report date, Gregorian for Lao readers
    assert "ກະລຸນາແກ້ໄຂແຖວເຫຼົ່ານີ້" in top  # what to do


def test_values_are_string_cells_never_formulas(reports) -> None:
    for path in reports["paths"]:
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s", (path.name, cell.coordinate, cell.value)
        with zipfile.ZipFile(path) as z:
            assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    ws = openpyxl.load_workbook(reports["dir"] / "rejections_bokeo.xlsx").worksheets[0]
    values = {c.value: c for row in ws.iter_rows() for c in row if c.value}
    assert values[HYPERLINK].data_type == "s"
    assert values["-500"].data_type == "s"


def test_report_layout(reports) -> None:
    ws = openpyxl.load_workbook(reports["dir"] / "rejections_chiang_rai.xlsx").worksheets[0]
    rows = sheet_rows(reports["dir"] / "rejections_chiang_rai.xlsx")
    header = next(i for i, r in enumerate(rows) if r[:1] == ["ไฟล์"])
    assert ws.freeze_panes == f"A{header + 3}"  # below both header rows
    assert ws.auto_filter.ref == f"A{header + 2}:G{len(rows)}"
    assert rows[0][0] == "รายการแถวข้อมูลที่ไม่ได้นำเข้า ต้องแก้ไข — จังหวัดเชียงราย"
    assert "30/11/2569" in rows[3][0] and "2026-11-30" in rows[3][0]
    font = ws["A1"].font
    assert font.name == M.REPORT_FONT


def test_nothing_to_correct(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    raw = tmp_path / "raw"
    raw.mkdir()
    step = [["CR-1", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""]]
    write_workbook(raw / "cr_a.xlsx", [cr_person("CR-1", sex="xyz")], step)
    ingest([raw], db, as_of=AS_OF)
    raw2 = tmp_path / "raw2"
    raw2.mkdir()
    write_workbook(raw2 / "cr_b.xlsx", [cr_person("CR-1")], step)  # corrected
    ingest([raw2], db, as_of=AS_OF)
    con = duckdb.connect(str(db), read_only=True)
    try:
        paths = rejections.write_rejections(con, tmp_path / "out", report_date=REPORT_DATE)
        text = rejections.summary(con)
    finally:
        con.close()
    assert [p.name for p in paths] == ["rejections_chiang_rai.xlsx"]  # no Bokeo files: none
    cells = [c for row in sheet_rows(paths[0]) for c in row if c]
    assert M.text("nothing", "th") in cells and M.text("nothing", "en") in cells
    assert M.text("col_file", "th") not in cells  # no empty table
    assert "outstanding quarantined rows: 0 (0 problems)" in text


def test_summary_counts(reports) -> None:
    text = reports["summary"]
    cr, bk = text.split("\nbokeo\n")
    assert cr.startswith("chiang_rai\n")
    assert "latest workbook cr_2564_b.xlsx" in cr and "read 16, loaded 5, quarantined 11" in cr
    assert "outstanding quarantined rows: 11 (12 problems)" in cr
    assert "vocabulary                 2 rows" in cr
    assert "file findings (latest files): formula_without_value 1" in cr
    assert "latest persons  bokeo_persons_b.csv" in bk and "read 7, loaded 1, quarantined 6" in bk
    assert "latest fines    bokeo_fines_a.csv" in bk
    assert "outstanding quarantined rows: 8 (9 problems)" in bk
    assert "negative                 1 row\n" in bk
    assert "link reviews: 0 candidate pairs" in text


# ---------------------------------------------------------------- the catalogue


def test_every_rule_has_all_three_languages() -> None:
    assert set(M.RULE_MESSAGES) == set(parse.RULES)
    sample = {"value": "x", "column": "c", "place": "p", "as_of": "d", "year": "2000",
              "year_be": "2543", "limit": "1", "low": "1900", "high": "2026", "currency": "USD"}
    for rule in parse.RULES:
        for lang in M.LANGUAGES:
            template = M.RULE_MESSAGES[rule].get(lang, "")
            assert template.strip(), (rule, lang)
            assert M.placeholders(template) <= set(sample), (rule, lang)
            assert M.reason(rule, lang, sample)
        # The same details in every language, so no translation drops the value or the limit.
        assert len({frozenset(M.placeholders(M.RULE_MESSAGES[rule][lg]) - {"year_be"})
                    for lg in M.LANGUAGES}) == 1, rule


def test_every_report_string_and_column_has_all_three_languages() -> None:
    assert all(M.FALLBACK[lg].strip() for lg in M.LANGUAGES)  # English adds {english}
    for table_ in (M.REPORT_TEXT, M.PLACES, M.SOURCE_NAMES, M.COLUMNS, {"h": M.ACCEPTED_HINT}):
        for key, texts in table_.items():
            assert set(texts) == set(M.LANGUAGES), key
            assert all(t.strip() for t in texts.values()), key
            assert len({frozenset(M.placeholders(t)) for t in texts.values()}) == 1, key
    fields = {f.name for spec in (*chiang_rai.SHEETS, *bokeo.FILES) for f in spec.fields}
    assert fields <= set(M.COLUMNS)


def test_accepted_values_are_accepted() -> None:
    specs = {"chiang_rai": chiang_rai.SHEETS, "bokeo": bokeo.FILES}
    for (source, column), values in M.ACCEPTED_VALUES.items():
        vocabs = [f.vocab for spec in specs[source] for f in spec.fields
                  if f.name == column and f.vocab]
        assert vocabs, (source, column)
        for value in values:
            assert all(parse.vocab_key(value) in v for v in vocabs), (source, column, value)


def test_value_as_typed_from_the_log() -> None:
    assert rejections.typed_value("'-500'") == "-500"
    assert rejections.typed_value("(blank)") == ""
    assert rejections.typed_value(repr("it's \"quoted\"\nand long")) == "it's \"quoted\"\nand long"
    assert rejections.typed_value("'" + "a" * 200 + "'… (250 characters)") == "a" * 200 + "…"
    assert rejections.typed_value("not a repr") == "not a repr"
