"""Whole ingest runs on hand-written exports: counts, quarantine, re-exports, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import ingest as ingest_module
from pipelines import parse, schema
from pipelines.ingest import ingest
from tests.conftest import (
    AS_OF,
    BK_FINE_HEADERS,
    BK_PERSON_HEADERS,
    bk_person,
    cr_person,
    query,
    write_csv,
    write_workbook,
)

KEY = "c" * 64
MARKER = "NOTE-MARKER-7f3a"


def first_export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    cr = write_workbook(
        folder / "chiang_rai_2564.xlsx",
        [
            cr_person("CR-1", link_key=KEY.upper(), age="25", screening_result="เป็นผู้เสียหาย",
                      debt_amount="100,000 บาท", notes=MARKER, exploitation_country="ลาว"),
            cr_person("CR-2", joint_ref="TL-2021-0002", age="30", sex="หญิง",
                      screening_result="ไม่เป็นผู้เสียหาย", notes=MARKER + " again"),
            cr_person("CR-3", sex="xyz"),  # quarantined, and so are its step and fine
            None,
            ["รวม", 3],
        ],
        [
            ["CR-1", "คัดแยกผู้เสียหาย", "10/02/2564", "พมจ.เชียงราย", "ทางการ"],
            ["CR-1", "ส่งกลับภูมิลำเนา", "01/03/2564", "พมจ.เชียงราย", "ทางการ"],
            ["CR-2", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
            ["CR-3", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
            ["CR-9", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
        ],
        [["CR-1", "สูบบุหรี่", "2,500", "บาท"], ["CR-3", "สูบบุหรี่", "2,500", ""]],
        title="รายงานข้อมูลผู้เสียหาย ปี 2564",
    )
    bk = write_csv(folder / "bokeo_persons_2021.csv", BK_PERSON_HEADERS, [
        bk_person("BK-1", link_key=KEY, date_rescued="01/02/2021", date_handed_over="2021-02-05",
                  immigration_fine_lak="1,000,000", outcome="deported"),
        bk_person("BK-2", joint_ref="TL-2021-0002", sex="F", birth_year="1991",
                  date_reported="2021-03-01", date_rescued="2021-03-03", detained_days="4"),
        bk_person("BK-3", sex="??"),
    ], bom=True)
    fines = write_csv(folder / "bokeo_fines_2021.csv", BK_FINE_HEADERS, [
        ["BK-1", "sickness", "35,000", "THB"], ["BK-2", "relationship", "50000", ""],
        ["BK-3", "meal", "2500", "THB"], ["BK-404", "meal", "2500", "THB"],
    ])
    return [cr, bk, fines]


def table_dump(db: Path) -> dict[str, list[tuple]]:
    names = [t.name for t in (*schema.SOURCE_TABLES, *schema.CURATED_TABLES)]
    return {n: sorted(map(repr, query(db, f'SELECT * FROM "{n}"'))) for n in names}


def test_first_ingest_counts(tmp_path: Path, db: Path) -> None:
    files = first_export(tmp_path / "raw")
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert report.exit_code == 0
    by_file = {f.file_name: (f.rows_read, f.rows_loaded, f.rows_quarantined)
               for f in report.files}
    assert by_file == {files[0].name: (10, 6, 4), files[1].name: (3, 2, 1),
                       files[2].name: (4, 2, 2)}
    assert query(db, "SELECT count(*) FROM persons") == [(2,)]
    assert query(db, "SELECT linked_by, count(*) FROM persons GROUP BY 1 ORDER BY 1") == [
        ("joint_ref", 1), ("link_key", 1)]
    quarantined = query(db, "SELECT file_name, sheet, row_number, columns FROM quarantine "
                            "ORDER BY file_name, sheet, row_number")
    assert quarantined == [
        ("bokeo_fines_2021.csv", None, 4, "person_ref"),
        ("bokeo_fines_2021.csv", None, 5, "person_ref"),
        ("bokeo_persons_2021.csv", None, 4, "sex"),
        ("chiang_rai_2564.xlsx", "การส่งต่อ", 6, "person_ref"),  # title row 1, header row 2
        ("chiang_rai_2564.xlsx", "การส่งต่อ", 7, "person_ref"),
        ("chiang_rai_2564.xlsx", "ค่าปรับ", 4, "person_ref"),
        ("chiang_rai_2564.xlsx", "ผู้เสียหาย", 5, "sex"),
    ]
    rules = {r for (r,) in query(db, "SELECT rule FROM quarantine_problems")}
    assert rules == {"vocabulary", "person_quarantined", "unknown_person"}
    assert rules <= set(parse.RULES)
    # Row conservation per sheet, as recorded in the log.
    for read, loaded, quarantined_n in query(
            db, "SELECT rows_read, rows_loaded, rows_quarantined FROM ingest_sheets"):
        assert read == loaded + quarantined_n
    # The linked person: Chiang Rai's attributes, Bokeo's Lao outcome, earliest step's year.
    row = query(db, "SELECT sex, age, nationality, direction, monitoring_year, lao_outcome, "
                    "immigration_fine_lak, screening_result FROM persons "
                    "WHERE linked_by = 'link_key'")
    assert row == [("male", 25, "TH", "TH-LA", 2021, "deported", 1_000_000.0,
                    "identified_victim")]
    # Amounts: THB debt of 2021 → USD at 31.98 THB per USD.
    debt = query(db, "SELECT amount, currency, round(amount_usd, 2), amount_thb FROM debts")
    assert debt == [(100000.0, "THB", round(100000 / 31.98, 2), 100000.0)]
    fines = query(db, "SELECT source, reason, amount_thb FROM fines ORDER BY amount_thb")
    assert fines == [("chiang_rai", "smoking", 2500.0), ("bokeo", "sickness", 35000.0),
                     ("bokeo", "relationship", 50000.0)]
    assert query(db, "SELECT count(*) FROM referral_steps") == [(7,)]


def test_notes_never_reach_the_database(tmp_path: Path, db: Path) -> None:
    first_export(tmp_path / "raw")
    ingest([tmp_path / "raw"], db, as_of=AS_OF)
    for name in schema.TABLES:
        for row in query(db, f'SELECT * FROM "{name}"'):
            assert all(MARKER not in str(v) for v in row), name


def test_same_files_twice_change_nothing(tmp_path: Path, db: Path) -> None:
    first_export(tmp_path / "raw")
    ingest([tmp_path / "raw"], db, as_of=AS_OF)
    before = table_dump(db)
    report = ingest([tmp_path / "raw", tmp_path / "raw"], db, as_of=AS_OF)
    assert {f.status for f in report.files} == {"unchanged"}
    assert table_dump(db) == before
    assert query(db, "SELECT count(*) FROM ingest_files") == [(3,)]


def test_cumulative_reexport(tmp_path: Path, db: Path) -> None:
    first_export(tmp_path / "one")
    ingest([tmp_path / "one"], db, as_of=AS_OF)
    pid_cr1 = query(db, "SELECT person_id FROM source_persons WHERE person_ref = 'CR-1'")
    later = tmp_path / "two"
    later.mkdir()
    write_workbook(
        later / "chiang_rai_2564_v2.xlsx",
        [
            cr_person("CR-1", link_key=KEY, age="25", screening_result="เป็นผู้เสียหาย",
                      debt_amount="90,000", exploitation_country="ลาว"),  # corrected debt
            cr_person("CR-3", sex="หญิง", age="28"),  # now valid
            cr_person("CR-4", age="33", sex="xyz"),  # new, but quarantined
            cr_person("CR-5", age="22"),  # new person
        ],
        [
            ["CR-1", "คัดแยกผู้เสียหาย", "11/02/2564", "พมจ.เชียงราย", "ทางการ"],  # corrected
            ["CR-1", "ส่งกลับภูมิลำเนา", "01/03/2564", "พมจ.เชียงราย", "ทางการ"],
            ["CR-1", "คืนสู่สังคม", "01/06/2564", "", ""],  # new step
            ["CR-3", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
            ["CR-4", "คัดแยกผู้เสียหาย", "15/03/2564", "", ""],
            ["CR-5", "รับแจ้งเหตุ", "01/01/2022", "", ""],
        ],
    )
    lao_headers = [{"sex": "ເພດ", "birth_year": "ປີເກີດ", "nationality": "ສັນຊາດ"}.get(h, h)
                   for h in BK_PERSON_HEADERS]
    write_csv(later / "bokeo_persons_2021_v2.csv", lao_headers, [
        bk_person("BK-1", link_key=KEY, date_rescued="01/02/2021",
                  date_handed_over="2021-02-04", immigration_fine_lak="1,000,000",
                  outcome="deported"),  # corrected handover date; its fine is gone
        bk_person("BK-2", sex="??"),  # now quarantined: the earlier state stays
    ])
    report = ingest([later], db, as_of=AS_OF)
    assert report.exit_code == 0
    assert query(db, "SELECT person_id FROM source_persons WHERE person_ref = 'CR-1'") == pid_cr1
    assert query(db, "SELECT amount FROM debts WHERE source = 'chiang_rai'") == [(90000.0,)]
    steps = query(db, "SELECT step, step_date::VARCHAR FROM referral_steps r "
                      "JOIN source_persons s USING (person_id) "
                      "WHERE s.person_ref = 'CR-1' AND r.source = 'chiang_rai' ORDER BY 2")
    assert steps == [("screened", "2021-02-11"), ("returned_home", "2021-03-01"),
                     ("reintegrated", "2021-06-01")]
    # CR-2 was not in the re-export: it keeps what the first export said.
    assert query(db, "SELECT count(*) FROM src_steps WHERE person_ref = 'CR-2'") == [(1,)]
    # BK-2's quarantined re-export row leaves its earlier state, fines included.
    assert query(db, "SELECT sex, detained_days FROM src_persons WHERE person_ref = 'BK-2'") == [
        ("female", 4)]
    assert query(db, "SELECT count(*) FROM src_fines WHERE person_ref = 'BK-2'") == [(1,)]
    # BK-1's re-export held no fines file: what Bokeo said of BK-1 before is replaced.
    assert query(db, "SELECT count(*) FROM src_fines WHERE person_ref = 'BK-1'") == [(0,)]
    assert query(db, "SELECT step_date::VARCHAR FROM src_steps WHERE person_ref = 'BK-1' "
                     "AND step = 'handed_over'") == [("2021-02-04",)]
    # Persons: CR-1+BK-1, CR-2+BK-2, CR-3, CR-5 (CR-4 quarantined).
    assert query(db, "SELECT count(*) FROM persons") == [(4,)]
    assert query(db, "SELECT count(*) FROM quarantine WHERE file_name LIKE '%v2%'") == [(3,)]
    # The quarantine stays a log per file: the first export's rows are still there.
    assert query(db, "SELECT count(*) FROM quarantine WHERE file_name = 'chiang_rai_2564.xlsx'"
                 ) == [(4,)]


def test_unreadable_file_is_rejected_and_others_still_load(tmp_path: Path, db: Path) -> None:
    files = first_export(tmp_path / "raw")
    broken = tmp_path / "raw" / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert report.exit_code == 2
    statuses = dict(query(db, "SELECT file_name, status FROM ingest_files"))
    assert statuses["broken.xlsx"] == "rejected"
    assert all(statuses[f.name] == "loaded" for f in files)
    assert query(db, "SELECT count(*) FROM persons") == [(2,)]
    again = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert again.exit_code == 2  # still unreadable: said again, logged once
    assert [f.status for f in again.files if f.file_name == "broken.xlsx"] == ["rejected"]
    assert query(db, "SELECT count(*) FROM ingest_files WHERE status = 'rejected'") == [(1,)]


def test_a_failing_run_leaves_the_database_as_it_was(tmp_path: Path, db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first_export(tmp_path / "one")
    ingest([tmp_path / "one"], db, as_of=AS_OF)
    before = table_dump(db)
    files_before = query(db, "SELECT count(*) FROM ingest_files")
    later = tmp_path / "two"
    later.mkdir()
    write_workbook(later / "cr_new.xlsx", [cr_person("CR-77", age="40")])

    def explode(con, quality=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "rebuild", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest([later], db, as_of=AS_OF)
    assert table_dump(db) == before
    assert query(db, "SELECT count(*) FROM ingest_files") == files_before
