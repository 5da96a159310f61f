"""Whole ingest runs on hand-written exports: counts, quarantine, re-exports, atomicity."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import ingest as ingest_module
from pipelines import link, parse, schema
from pipelines.generate import generate_exports
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

    def explode(con, quality=None, full=False):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "rebuild", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest([later], db, as_of=AS_OF)
    assert table_dump(db) == before
    assert query(db, "SELECT count(*) FROM ingest_files") == files_before


# ---------------------------------------------------------------- incremental rebuild


def curated_dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    return {t.name: sorted(map(repr, con.execute(f'SELECT * FROM "{t.name}"').fetchall()))
            for t in schema.CURATED_TABLES}


class Rebuilds(list):
    """Whether each ingest run's rebuild was whole (not those of the comparisons)."""

    comparing = False


def assert_same_as_full_rebuild(db: Path, scratch: Path, rebuilds: Rebuilds) -> None:
    """The curated tables the runs left equal those of a full rebuild of the same state."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        incremental = curated_dump(con)
    finally:
        con.close()
    copy = scratch / "full-rebuild.duckdb"
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    rebuilds.comparing = True
    try:
        ingest_module.rebuild(con, ingest_module._Quality(0, AS_OF), full=True)
        full = curated_dump(con)
    finally:
        rebuilds.comparing = False
        con.close()
        copy.unlink()
    for table, rows in full.items():
        assert incremental[table] == rows, table


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> Rebuilds:
    """Whether each rebuild was whole; incremental whatever share of the persons it touches."""
    monkeypatch.setattr(ingest_module, "FULL_REBUILD_SHARE", 1.0)
    wholes = Rebuilds()
    real = link.link

    def spy(con, whole):
        if not wholes.comparing:
            wholes.append(whole)
        return real(con, whole)

    monkeypatch.setattr(link, "link", spy)
    return wholes


def test_incremental_rebuild_equals_full_rebuild_generated(tmp_path: Path, db: Path,
                                                           rebuilds: Rebuilds) -> None:
    history, later = tmp_path / "history", tmp_path / "later"
    generate_exports(history, persons=300, seed=21)
    generate_exports(later, persons=120, seed=22)

    def year(f: Path) -> int:
        y = int(re.search(r"(\d{4})", f.name).group(1))
        return y - 543 if y > 2400 else y

    files = sorted(history.glob("*.*[vx]"))
    # Years in turn, and a year's Chiang Rai workbook one run before its Bokeo files, so that
    # persons link to records of earlier runs; then a re-export of the latest year whose
    # person_refs are also in the history (another seed: other values, other links).
    runs = [[f for f in files if year(f) <= 2021]]
    for years in ((2022, 2023), (2024, 2025, 2026)):
        runs.append([f for f in files if year(f) in years and f.suffix == ".xlsx"])
        runs.append([f for f in files if year(f) in years and f.suffix == ".csv"])
    latest = max(year(f) for f in later.glob("*.*[vx]"))
    runs.append([f for f in sorted(later.glob("*.*[vx]")) if year(f) == latest])
    for run in runs:
        assert ingest(run, db, as_of=AS_OF).exit_code == 0
        assert_same_as_full_rebuild(db, tmp_path, rebuilds)
    assert rebuilds == [True] + [False] * (len(runs) - 1)
    replaced = query(db, "SELECT count(*) FROM src_persons s JOIN src_registry r "
                         "USING (source, person_ref) WHERE s.file_seq > r.first_file_seq")
    assert replaced[0][0] > 0  # the re-export replaced persons of the history


def test_incremental_rebuild_equals_full_rebuild_spec_cases(tmp_path: Path, db: Path,
                                                            rebuilds: Rebuilds) -> None:
    cases = Path(__file__).parent / "data" / "spec_cases"
    for folder in ("initial", "reexport"):
        assert ingest([cases / folder], db, as_of=AS_OF).exit_code == 0
        assert_same_as_full_rebuild(db, tmp_path, rebuilds)
    assert rebuilds == [True, False]


def test_incremental_relinking_follows_every_change_of_a_candidate_group(
        tmp_path: Path, db: Path, rebuilds: Rebuilds) -> None:
    key_a, key_b, key_d = "a" * 64, "b" * 64, "d" * 64
    dated = {"date_reported": "2021-03-01"}

    def bokeo(run: str, *rows: list[object], fines: list[list[object]] = ()) -> list[Path]:
        folder = tmp_path / run
        folder.mkdir()
        out = [write_csv(folder / f"bokeo_persons_{run}.csv", BK_PERSON_HEADERS, rows)]
        if fines:
            out.append(write_csv(folder / f"bokeo_fines_{run}.csv", BK_FINE_HEADERS, fines))
        return out

    def linked() -> set[tuple[str, str]]:
        return set(query(db, "SELECT c.person_ref, b.person_ref FROM source_persons c "
                             "JOIN source_persons b USING (person_id) "
                             "WHERE c.source = 'chiang_rai' AND b.source = 'bokeo'"))

    def reviewed() -> set[tuple[str, str]]:
        return set(query(db, "SELECT chiang_rai_ref, bokeo_ref FROM link_reviews"))

    def run(files: list[Path]) -> None:
        assert ingest(files, db, as_of=AS_OF).exit_code == 0
        assert_same_as_full_rebuild(db, tmp_path, rebuilds)

    (tmp_path / "cr1").mkdir()
    run([write_workbook(tmp_path / "cr1" / "chiang_rai_1.xlsx", [
        cr_person("CR-1", link_key=key_a), cr_person("CR-2", link_key=key_b),
        cr_person("CR-4", joint_ref="TL-4", age="25"), cr_person("CR-5", joint_ref="TL-5"),
        cr_person("CR-7", link_key=key_d),
    ]), *bokeo(
        "bk1", bk_person("BK-1", link_key=key_a), bk_person("BK-2", link_key=key_b),
        bk_person("BK-3", link_key=key_b), bk_person("BK-4", joint_ref="TL-4", **dated),
        bk_person("BK-5", joint_ref="TL-5", **dated), bk_person("BK-6", joint_ref="TL-5", **dated),
    )])
    assert linked() == {("CR-1", "BK-1"), ("CR-4", "BK-4")}
    assert reviewed() == {("CR-2", "BK-2"), ("CR-2", "BK-3"), ("CR-5", "BK-5"), ("CR-5", "BK-6")}
    # BK-3 loses its key: CR-2 and BK-2, neither in the run, become one-to-one. A new BK-8
    # matches CR-7 of the first run.
    run(bokeo("bk2", bk_person("BK-3", link_key="N/A"), bk_person("BK-8", link_key=key_d)))
    assert linked() == {("CR-1", "BK-1"), ("CR-2", "BK-2"), ("CR-4", "BK-4"), ("CR-7", "BK-8")}
    # CR-1 takes key B: CR-1, CR-2 and BK-2 are ambiguous, BK-1 is left alone. CR-4's sex no
    # longer matches BK-4's.
    (tmp_path / "cr3").mkdir()
    run([write_workbook(tmp_path / "cr3" / "chiang_rai_3.xlsx", [
        cr_person("CR-1", link_key=key_b), cr_person("CR-4", joint_ref="TL-4", sex="หญิง"),
    ])])
    assert linked() == {("CR-7", "BK-8")}
    assert reviewed() == {("CR-1", "BK-2"), ("CR-2", "BK-2"), ("CR-5", "BK-5"),
                          ("CR-5", "BK-6")}
    # BK-6's age rules it out of TL-5; BK-4 is female after all; BK-1 joins key B; BK-5 fined.
    run(bokeo("bk4", bk_person("BK-6", joint_ref="TL-5", birth_year="1980", **dated),
              bk_person("BK-4", joint_ref="TL-4", sex="F", **dated),
              bk_person("BK-1", link_key=key_b),
              fines=[["BK-5", "smoking", "500", "THB"]]))
    assert linked() == {("CR-4", "BK-4"), ("CR-5", "BK-5"), ("CR-7", "BK-8")}
    assert reviewed() == {("CR-1", "BK-1"), ("CR-1", "BK-2"), ("CR-2", "BK-1"),
                          ("CR-2", "BK-2")}
    assert rebuilds == [True, False, False, False]


def test_full_rebuild_on_request(tmp_path: Path, db: Path, rebuilds: Rebuilds) -> None:
    first_export(tmp_path / "raw")
    ingest([tmp_path / "raw"], db, as_of=AS_OF)
    before = table_dump(db)
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF, full_rebuild=True)
    assert {f.status for f in report.files} == {"unchanged"}
    assert rebuilds == [True, True]
    assert table_dump(db) == before


# ---------------------------------------------------------------- remembered digests


def test_only_files_whose_size_or_mtime_changed_are_hashed_again(
        tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = first_export(tmp_path / "raw")
    an_hour_ago = time.time() - 3600
    for f in files:
        os.utime(f, (an_hour_ago, an_hour_ago))
    ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert query(db, "SELECT count(*) FROM file_stats") == [(3,)]
    hashed: list[str] = []
    real = ingest_module.sha256_of

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(ingest_module, "sha256_of", counting)
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert {f.status for f in report.files} == {"unchanged"}
    assert hashed == []  # same path, size and mtime: the remembered digest
    os.utime(files[1], (an_hour_ago + 60, an_hour_ago + 60))  # touched, same content
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert {f.status for f in report.files} == {"unchanged"}
    assert hashed == [files[1].name]
    # New content of the same size and mtime would go unseen, as in make or rsync; new content
    # written just now (a new mtime) is read, and not remembered while it may still change.
    text = files[2].read_bytes().replace(b"35,000", b"36,000")
    files[2].write_bytes(text)
    hashed.clear()
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert [f.status for f in report.files if f.file_name == files[2].name] == ["loaded"]
    assert files[2].name in hashed
    hashed.clear()
    report = ingest([tmp_path / "raw"], db, as_of=AS_OF)
    assert {f.status for f in report.files} == {"unchanged"}
    # The run that loaded it remembered the touched file, but not the one just written.
    assert hashed == [files[2].name]
