"""The bad-input corpus (tests/data/bad/): what a provincial clerk might really send.

For every file, what the user sees of ``tipmon ingest FILE``: either exit 2 with one line that
names the file and a reason the clerk can act on, or exit 0 with exactly the expected rows in
quarantine and rows read = loaded + quarantined on every sheet. Never a traceback (nor a Rust
panic report) anywhere in the output. README.md in that folder lists the files and outcomes.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from pipelines import cli
from pipelines.readers import UnreadableFile, read_export, sniff_kind
from tests.conftest import CR_PERSON_HEADERS, CR_STEP_HEADERS, cr_person, query
from tests.data.bad import build

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.suffix not in (".py", ".md"))
P, S, F = "ผู้เสียหาย", "การส่งต่อ", "ค่าปรับ"  # the Chiang Rai sheets
# A file-level reason never quotes the file's cells: no person or case ids, no place names.
CELL_CONTENT = re.compile(r"\b(BK|CR|OLD)-\d|Houayxay|ແຂວງ|เชียงราย|pasted text")
MAX_REASON = 200


@dataclass
class Run:
    code: int
    output: str  # stdout and stderr, as the terminal shows them (file descriptors 1 and 2)
    db: Path

    def line_of(self, name: str) -> str:
        lines = [line for line in self.output.splitlines() if name in line]
        assert len(lines) == 1, self.output
        return lines[0]


def tipmon_ingest(name: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> Run:
    db = tmp_path / "monitoring.duckdb"
    code = cli.main(["ingest", str(BAD / name), "--db", str(db), "--quiet"])
    out, err = capfd.readouterr()
    output = out + err
    assert "Traceback" not in output and "panicked" not in output, output
    return Run(code, output, db)


# ---------------------------------------------------------------- files that cannot be read

REJECTED = {
    "empty.csv": "the file is empty",
    "bom_only.csv": "the file is empty",
    "bokeo_persons_no_person_ref.csv":
        "the header row (row 1) has sex and nationality but no person_ref column",
    "cr_persons_no_person_ref.xlsx":
        "sheet 'ผู้เสียหาย': the header row (row 1) has sex (เพศ) and nationality (สัญชาติ) "
        "but no person_ref (รหัสผู้เสียหาย) column",
    "cr_steps_no_step_column.xlsx":
        "sheet 'การส่งต่อ': the header row (row 1) has person_ref (รหัสผู้เสียหาย) but no step "
        "(ขั้นตอน) column",
    "bokeo_fines_duplicate_header.csv": "column 'amount' appears twice in the header row "
                                        "(columns C and E)",
    "cr_duplicate_header.xlsx": "sheet 'ผู้เสียหาย': column 'sex' appears twice in the header "
                                "row (columns E and S)",
    "corrupt.xlsx": "the file is cut short or damaged: export it again",
    "truncated.xlsx": "the file is cut short or damaged: export it again",
    "cr_legacy_excel97_truncated.xls": "the file is cut short or damaged: export it again",
    "password_protected.xlsx": "the workbook is password-protected: save it without a password",
    "cr_persons_saved_as_csv_tis620.csv":
        "a Chiang Rai persons (ผู้เสียหาย) sheet saved as CSV: Chiang Rai exports are read only "
        "as the Excel workbook (.xlsx)",
    "bokeo_persons_semicolons.csv": "the columns are separated by semicolons (;), not commas: "
                                    "save it as 'CSV UTF-8 (Comma delimited)'",
    "bokeo_persons_unicode_text.csv": "the columns are separated by tabs, not commas: save it "
                                      "as 'CSV UTF-8 (Comma delimited)'",
    "bokeo_persons_nul_bytes.csv": "the file holds NUL characters, a sign that it is damaged",
    "bokeo_persons_unbalanced_quote.csv": "a quotation mark (\") opened on line 3 is never "
                                          "closed",
    "bokeo_persons_text_after_quote.csv": "line 3: a value has text after its closing quotation "
                                          "mark",
    "chart_only.xlsx": "the workbook holds only charts, no table of data",
    "cr_value_in_last_cell.xlsx": "sheet 'ผู้เสียหาย' has something typed far beyond its table "
                                  "(its last filled cell is XFD1048576)",
    "cr_export_html_table.xls": "a web page (HTML) with a spreadsheet's name, not a real "
                                "workbook: open it in Excel and save it as 'Excel Workbook",
    "bokeo_export_2021.zip": "a ZIP archive (compressed folder) holding 2 file(s), not a "
                             "workbook: unzip it",
    "~$cr_export_2564.xlsx": "an Excel lock file (its name starts with ~$)",
    "cr_export_scan.xlsx": "a PDF document, not a spreadsheet",
    "cr_export_photo.xlsx": "a picture, not a spreadsheet",
}


@pytest.mark.parametrize(("name", "reason"), sorted(REJECTED.items()))
def test_rejected_with_one_clear_line(name: str, reason: str, tmp_path: Path,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    run = tipmon_ingest(name, tmp_path, capfd)
    assert run.code == 2
    line = run.line_of(name)
    assert "rejected" in line and reason in line
    (stored,) = query(run.db, "SELECT reason FROM ingest_files "
                              "WHERE file_name = ? AND status = 'rejected'", [name])
    assert line.endswith(stored[0])  # the log keeps what the clerk was told
    assert "\n" not in stored[0] and len(stored[0]) <= MAX_REASON
    assert not CELL_CONTENT.search(stored[0])
    assert query(run.db, "SELECT count(*) FROM src_persons") == [(0,)]


# ---------------------------------------------------------------- files that load


@dataclass
class Loaded:
    sheets: dict[str | None, tuple[int, int, int]]  # sheet → rows read, loaded, quarantined
    # sheet, row number, columns, and what the reason must say (column and value as typed)
    quarantine: list[tuple[str | None, int, str, tuple[str, ...]]] = field(default_factory=list)
    check: Callable[[Path], None] | None = None


def refs(db: Path) -> set[str]:
    return {r for (r,) in query(db, "SELECT person_ref FROM src_persons")}


def step_dates(db: Path) -> dict[str, str]:
    return dict(query(db, "SELECT step, step_date::VARCHAR FROM src_steps"))


def check_tis620(db: Path) -> None:
    rows = query(db, "SELECT person_ref, home_province FROM src_persons ORDER BY 1")
    assert rows == [("BK-1", "อ.แม่สาย จ.เชียงราย"), ("BK-2", "Houayxay")]
    assert query(db, "SELECT agency FROM src_steps WHERE step = 'rescued' "
                     "AND person_ref = 'BK-1'") == [("ตำรวจท่องเที่ยว",)]


def check_hidden_sheets(db: Path) -> None:
    assert refs(db) == {"CR-1", "CR-2"}  # not the hidden old copy's OLD-1, OLD-2


def check_merged_headers(db: Path) -> None:
    assert query(db, "SELECT header_row FROM ingest_sheets WHERE sheet = ?", [P]) == [(3,)]
    assert query(db, "SELECT person_ref, case_ref, sex FROM src_persons ORDER BY 1") == [
        ("CR-1", "CR-C-2564-001", "male"), ("CR-2", "CR-C-2564-001", "female"),
        ("CR-3", "CR-C-2564-002", "male")]


def check_serial_dates(db: Path) -> None:
    assert step_dates(db) == {"reported": "2021-02-01", "rescued": "2021-02-03",
                              "handed_over": "2021-02-05"}


def check_feb29(db: Path) -> None:
    assert step_dates(db) == {"reported": "2020-02-29", "sheltered": "2020-02-29"}


def check_ages(db: Path) -> None:
    assert query(db, "SELECT person_ref, age FROM src_persons ORDER BY 1") == [
        ("CR-1", 0), ("CR-6", 100)]


def check_negative_amounts(db: Path) -> None:
    assert query(db, "SELECT person_ref, debt_amount, debt_currency FROM src_persons") == [
        ("BK-1", 5000.0, "THB")]


def check_amounts_in_words(db: Path) -> None:
    assert query(db, "SELECT debt_amount, debt_currency FROM src_persons") == [
        (100000.0, "THB")]
    assert query(db, "SELECT reason, amount FROM src_fines") == [("sickness", 1500.0)]


def check_formulas(db: Path) -> None:
    persons = query(db, "SELECT person_ref, sex, age FROM src_persons ORDER BY 1")
    assert persons == [("CR-1", "male", 25), ("CR-2", "male", None), ("CR-3", "unknown", 25),
                       ("CR-5", "male", 25)]
    assert query(db, "SELECT step_date::VARCHAR FROM src_steps WHERE step = 'screened'") == [
        ("2021-02-10",)]
    findings = query(db, "SELECT sheet, row_number, column_name, detail FROM ingest_findings "
                         "ORDER BY sheet, row_number")
    assert [f[:3] for f in findings] == [(S, 3, "date"), (P, 3, "age"), (P, 4, "sex"),
                                         (P, 5, "person_ref")]
    details = {f[1:3]: f[3] for f in findings}
    assert details[(4, "sex")] == "the cell shows the error #N/A: read as empty"
    assert details[(3, "age")] == "formula without a computed value: read as empty"


def check_huge_cell(db: Path) -> None:
    (reason,) = query(db, "SELECT reason FROM quarantine")[0]
    (value,) = query(db, "SELECT value FROM quarantine_problems")[0]
    assert len(reason) <= 300 and len(value) <= 250


def check_duplicates(db: Path) -> None:
    assert query(db, "SELECT person_ref, sex FROM src_persons ORDER BY 1") == [
        ("BK-1", "male"), ("BK-2", "male")]  # the first BK-1 row is kept


def check_link_key(db: Path) -> None:
    assert query(db, "SELECT kind, file_name, row_number, column_name FROM dq_findings "
                     "WHERE kind = 'malformed_link_key'") == [
        ("malformed_link_key", "bokeo_persons_link_key_wrong_length.csv", 3, "link_key")]
    assert query(db, "SELECT person_ref, link_key_status FROM src_persons ORDER BY 1") == [
        ("BK-1", "ok"), ("BK-2", "malformed")]


def check_refs(*expected: str) -> Callable[[Path], None]:
    def check(db: Path) -> None:
        assert refs(db) == set(expected)
    return check


def check_kind(source: str, kind: str, *expected: str) -> Callable[[Path], None]:
    def check(db: Path) -> None:
        assert query(db, "SELECT source, kind FROM ingest_files") == [(source, kind)]
        assert refs(db) == set(expected)
    return check


def check_no_year(db: Path) -> None:
    assert query(db, "SELECT count(*), count(monitoring_year) FROM persons") == [(1, 0)]


def check_legacy_xls(db: Path) -> None:
    assert refs(db) == {"CR-1", "CR-2"}
    assert step_dates(db) == {"screened": "2021-02-10", "returned_home": "2021-03-01"}


FUTURE = "is in the future"
LOADED: dict[str, Loaded] = {
    "bokeo_persons_header_only.csv": Loaded({None: (0, 0, 0)}),
    "cr_header_only.xlsx": Loaded({P: (0, 0, 0), S: (0, 0, 0), F: (0, 0, 0)}),
    "bokeo_persons_csv_named.xlsx": Loaded(
        {None: (2, 2, 0)}, check=check_kind("bokeo", "persons", "BK-1", "BK-2")),
    "cr_workbook_named.csv": Loaded(
        {P: (2, 2, 0), S: (2, 2, 0), F: (1, 1, 0)},
        check=check_kind("chiang_rai", "workbook", "CR-1", "CR-2")),
    "cr_legacy_excel97.xls": Loaded({P: (2, 2, 0), S: (2, 2, 0), F: (0, 0, 0)},
                                    check=check_legacy_xls),
    "bokeo_persons_tis620.csv": Loaded({None: (2, 2, 0)}, check=check_tis620),
    "cr_hidden_sheets.xlsx": Loaded({"Sheet1": (2, 2, 0), "Sheet2": (2, 2, 0)},
                                    check=check_hidden_sheets),
    "cr_persons_sheet_hidden.xlsx": Loaded({P: (2, 2, 0), S: (2, 2, 0)},
                                           check=check_refs("CR-1", "CR-2")),
    "cr_merged_headers.xlsx": Loaded({P: (3, 3, 0), S: (3, 3, 0)}, check=check_merged_headers),
    "cr_excel_serial_dates.xlsx": Loaded(
        {P: (1, 1, 0), S: (4, 3, 1), F: (0, 0, 0)},
        [(S, 5, "date", ("วันที่ (date)", "'123'", "is not a date"))],
        check=check_serial_dates),
    "cr_future_dates.xlsx": Loaded(
        {P: (1, 1, 0), S: (4, 1, 3), F: (0, 0, 0)},
        [(S, 3, "date", ("วันที่ (date)", "'01/01/2642'", FUTURE)),
         (S, 4, "date", ("วันที่ (date)", "'2642-01-01'", FUTURE)),
         (S, 5, "date", ("วันที่ (date)", "'01/01/2099'", FUTURE))]),
    "bokeo_persons_future_date.csv": Loaded(
        {None: (2, 1, 1)}, [(None, 3, "date_handed_over", ("'2099-01-01'", FUTURE))],
        check=check_refs("BK-1")),
    "cr_feb29_buddhist_era.xlsx": Loaded(
        {P: (1, 1, 0), S: (4, 2, 2), F: (0, 0, 0)},
        [(S, 3, "date", ("วันที่ (date)", "'29/02/2564'", "is not a valid calendar date")),
         (S, 4, "date", ("วันที่ (date)", "'2564-02-29'", "is not a valid calendar date"))],
        check=check_feb29),
    "cr_ages.xlsx": Loaded(
        {P: (6, 2, 4), S: (2, 2, 0), F: (0, 0, 0)},
        [(P, 3, "age", ("อายุ (age)", "'150'", "is above 100")),
         (P, 4, "age", ("อายุ (age)", "'๑๕๐'", "is above 100")),
         (P, 5, "age", ("อายุ (age)", "'-1'", "is negative")),
         (P, 6, "age", ("อายุ (age)", "'25 ปี'", "is not a whole number"))],
        check=check_ages),
    "bokeo_persons_negative_amounts.csv": Loaded(
        {None: (3, 1, 2)},
        [(None, 3, "debt_amount", ("debt_amount: '-5000'", "is negative")),
         (None, 4, "immigration_fine_lak", ("immigration_fine_lak: '-1,000,000'",
                                            "is negative"))],
        check=check_negative_amounts),
    "cr_amounts_in_words.xlsx": Loaded(
        {P: (2, 1, 1), S: (1, 1, 0), F: (3, 1, 2)},
        [(F, 2, "amount", ("จำนวนเงิน (amount)", "'สองพันบาท'", "is not an amount")),
         (F, 3, "amount", ("จำนวนเงิน (amount)", "'-2,500'", "is negative")),
         (P, 3, "debt_amount", ("หนี้ (debt_amount)", "'ประมาณ 1 แสน'", "is not an amount"))],
        check=check_amounts_in_words),
    "cr_formulas.xlsx": Loaded(
        {P: (5, 4, 1), S: (5, 5, 0), F: (0, 0, 0)},
        [(P, 5, "person_ref", ("รหัสผู้เสียหาย (person_ref)", "(blank)", "is missing"))],
        check=check_formulas),
    "bokeo_persons_huge_cell.csv": Loaded(
        {None: (2, 1, 1)},
        [(None, 3, "sex", ("sex: 'pasted text", "(100000 characters)",
                           "is not in the accepted vocabulary"))],
        check=check_huge_cell),
    "bokeo_persons_duplicate_refs.csv": Loaded(
        {None: (3, 2, 1)}, [(None, 4, "person_ref", ("person_ref: 'BK-1'", "is duplicated"))],
        check=check_duplicates),
    "bokeo_persons_link_key_wrong_length.csv": Loaded({None: (2, 2, 0)}, check=check_link_key),
    "bokeo_persons_crlf_ctrl_z.csv": Loaded({None: (2, 2, 0)}, check=check_refs("BK-1", "BK-2")),
    "cr_16384_columns.xlsx": Loaded(
        {P: (2, 1, 1), S: (1, 1, 0)}, [(P, 3, "age", ("อายุ (age)", "'150'", "is above 100"))],
        check=check_refs("CR-1")),
    "cr_stray_cell_last_row.xlsx": Loaded({P: (1, 1, 0), S: (1, 1, 0)},
                                          check=check_refs("CR-1")),
    "cr_person_without_steps.xlsx": Loaded({P: (1, 1, 0), S: (0, 0, 0), F: (0, 0, 0)},
                                           check=check_no_year),
}


def assert_loaded(name: str, expected: Loaded, tmp_path: Path,
                  capfd: pytest.CaptureFixture[str]) -> None:
    run = tipmon_ingest(name, tmp_path, capfd)
    assert run.code == 0, run.output
    assert " loaded " in run.line_of(name)
    sheets = query(run.db, "SELECT sheet, rows_read, rows_loaded, rows_quarantined "
                           "FROM ingest_sheets WHERE file_name = ?", [name])
    assert {s: (r, ld, q) for s, r, ld, q in sheets} == expected.sheets
    assert all(r == ld + q for _, r, ld, q in sheets)
    got = sorted(query(run.db, "SELECT sheet, row_number, columns, reason FROM quarantine "
                               "WHERE file_name = ?", [name]),
                 key=lambda q: (q[0] or "", q[1]))
    want = sorted(expected.quarantine, key=lambda q: (q[0] or "", q[1]))
    assert [g[:3] for g in got] == [w[:3] for w in want]
    for (_, _, _, reason), (_, _, _, fragments) in zip(got, want, strict=True):
        assert all(f in reason for f in fragments), reason
    if expected.check is not None:
        expected.check(run.db)


@pytest.mark.parametrize("name", sorted(LOADED))
def test_loaded_with_exact_quarantine(name: str, tmp_path: Path,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    assert_loaded(name, LOADED[name], tmp_path, capfd)


# ---------------------------------------------------------------- fixes needed outside readers


def test_huge_cell_in_a_multi_valued_column_keeps_the_reason_short(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert_loaded("bokeo_persons_huge_multi_value.csv", Loaded(
        {None: (2, 1, 1)},
        [(None, 3, "recruitment_channel", ("recruitment_channel: 'pasted text",))],
        check=check_huge_cell), tmp_path, capfd)


def test_huge_number_is_quarantined_not_a_crash(tmp_path: Path,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    assert_loaded("bokeo_persons_huge_number.csv", Loaded(
        {None: (2, 1, 1)}, [(None, 3, "detained_days", ("detained_days: '999",))]),
        tmp_path, capfd)


def test_huge_amount_is_quarantined(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert_loaded("bokeo_persons_huge_amount.csv", Loaded(
        {None: (2, 1, 1)}, [(None, 3, "debt_amount", ("debt_amount: '999",))]),
        tmp_path, capfd)


def check_date_part(db: Path) -> None:
    assert step_dates(db) == {"reported": "2021-02-10"}


def test_unformatted_date_with_a_time_of_day(tmp_path: Path,
                                             capfd: pytest.CaptureFixture[str]) -> None:
    assert_loaded("cr_serial_date_with_time.xlsx", Loaded(
        {P: (1, 1, 0), S: (1, 1, 0), F: (0, 0, 0)},
        check=check_date_part), tmp_path, capfd)


# ---------------------------------------------------------------- the reader, file by file

XFAIL_FILES = {"bokeo_persons_huge_multi_value.csv", "bokeo_persons_huge_number.csv",
               "bokeo_persons_huge_amount.csv", "cr_serial_date_with_time.xlsx"}


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert set(CORPUS) == set(REJECTED) | set(LOADED) | XFAIL_FILES
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("name", [n for n in CORPUS if n != "cr_stray_cell_last_row.xlsx"])
def test_read_export_returns_or_says_why(name: str) -> None:
    """Whatever the file, read_export gives tables or an UnreadableFile of one short line."""
    try:
        export = read_export(BAD / name)
    except UnreadableFile as exc:
        assert name in REJECTED
        assert "\n" not in str(exc) and len(str(exc)) <= MAX_REASON
        return
    assert name not in REJECTED
    assert export.tables
    assert sniff_kind(BAD / name) in ("workbook", "persons", "fines")


@pytest.mark.parametrize("name", CORPUS)
def test_sniff_kind_never_raises(name: str) -> None:
    assert sniff_kind(BAD / name) in ("workbook", "persons", "fines", "unknown")


@pytest.mark.parametrize("source", ["cr_workbook_named.csv", "cr_legacy_excel97.xls",
                                    "cr_formulas.xlsx", "bokeo_persons_tis620.csv"])
def test_damaged_copies_never_escape(source: str, tmp_path: Path,
                                     capfd: pytest.CaptureFixture[str]) -> None:
    """Cut, overwritten and holed copies of good files: a reason, never an exception.

    Damaged .xls files make calamine panic (a Rust panic, BaseException in Python) after
    printing a report with a backtrace to file descriptor 2: neither may reach the clerk.
    """
    rng = random.Random(source)
    data = (BAD / source).read_bytes()
    path = tmp_path / ("copy" + Path(source).suffix)
    for i in range(45):
        damaged = bytearray(data)
        if i % 3 == 0:
            damaged = damaged[: rng.randrange(1, len(damaged))]
        elif i % 3 == 1:
            for _ in range(rng.randrange(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        else:
            at = rng.randrange(len(damaged))
            del damaged[at: at + rng.randrange(1, 200)]
        path.write_bytes(bytes(damaged))
        try:
            read_export(path)
        except UnreadableFile as exc:
            assert "\n" not in str(exc)
    out, err = capfd.readouterr()
    assert "panicked" not in out + err and "Traceback" not in out + err


def test_a_cut_xls_panics_calamine_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnreadableFile, match="cut short or damaged"):
        read_export(BAD / "cr_legacy_excel97_truncated.xls")
    out, err = capfd.readouterr()
    assert out + err == ""


def test_merged_area_fills_only_rows_that_hold_something_else(tmp_path: Path) -> None:
    """A note merged over three rows below the table is one (quarantined) row, not three."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = P
    ws.append(CR_PERSON_HEADERS)
    ws.append(cr_person("CR-1", case_ref="C-1"))
    ws.append(cr_person("CR-2"))
    ws.merge_cells("B2:B3")  # one case, two persons
    ws["A5"] = "หมายเหตุ: ข้อมูลถึงเดือนมีนาคม"
    ws.merge_cells("A5:R7")
    wb.save(tmp_path / "m.xlsx")
    (persons,) = read_export(tmp_path / "m.xlsx").tables
    assert persons.rows == [2, 3, 5]
    assert persons.cells["case_ref"] == ["C-1", "C-1", ""]
    assert persons.cells["person_ref"][2] == "หมายเหตุ: ข้อมูลถึงเดือนมีนาคม"


def test_formula_finding_lands_on_its_own_cell_after_a_formatted_empty_one(
        tmp_path: Path) -> None:
    """A formatted empty cell is written <c r="E2" s="1"/>; the uncached formula after it is
    in F2 (age), not E2 (sex)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = P
    ws.append(CR_PERSON_HEADERS)
    ws.append(cr_person("CR-1", sex=None, age="=20+5"))
    ws["E2"].font = openpyxl.styles.Font(bold=True)
    wb.create_sheet(S).append(CR_STEP_HEADERS)
    wb.save(tmp_path / "f.xlsx")
    (persons, _steps) = read_export(tmp_path / "f.xlsx").tables
    assert persons.findings == [(2, "age", "formula without a computed value: read as empty")]


def test_visible_sheet_wins_over_a_hidden_copy_with_the_same_header(tmp_path: Path) -> None:
    (persons, _steps) = read_export(BAD / "cr_hidden_sheets.xlsx").tables
    assert persons.sheet == "Sheet1"


def test_utf16_csv_with_commas_is_read(tmp_path: Path) -> None:
    text = build.csv_text([build.BK_PERSON_HEADERS, build.bk_person("BK-1", origin="ບໍ່ແກ້ວ")])
    path = tmp_path / "p.csv"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (table,) = read_export(path).tables
    assert table.rows == [2] and table.cells["origin"] == ["ບໍ່ແກ້ວ"]


def test_utf8_bom_with_broken_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"\xef\xbb\xbfperson_ref,sex,nationality\r\nBK-1,\xff,TH\r\n")
    with pytest.raises(UnreadableFile, match="says it is UTF-8 text but is not"):
        read_export(path)


def test_an_xls_named_xlsx_opens_by_content(tmp_path: Path) -> None:
    shutil.copy(BAD / "cr_legacy_excel97.xls", tmp_path / "export.xlsx")
    assert [t.rows for t in read_export(tmp_path / "export.xlsx").tables] == [[2, 3], [2, 3], []]


def test_unexpected_library_failure_is_still_one_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.readers as readers

    def boom(path: Path) -> None:
        raise LookupError("something deep inside, with a cell value BK-1")

    monkeypatch.setattr(readers, "_read_csv", boom)
    with pytest.raises(UnreadableFile) as info:
        read_export(BAD / "bokeo_persons_tis620.csv")
    assert str(info.value).startswith("the file cannot be read (LookupError)")
    assert "BK-1" not in str(info.value)


# ---------------------------------------------------------------- the corpus itself


def test_build_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    written = set(build.build(tmp_path)) - build.WRITE_ONCE  # those are written once, kept
    assert written == set(CORPUS) - build.WRITE_ONCE
    for name in sorted(written):
        assert (tmp_path / name).read_bytes() == (BAD / name).read_bytes(), name
