"""Each accepted variation becomes the canonical code; each bad value quarantines its row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.normalise import normalise
from pipelines.readers import read_export
from tests.conftest import (
    AS_OF,
    BK_FINE_HEADERS,
    BK_PERSON_HEADERS,
    bk_person,
    cr_person,
    write_csv,
    write_workbook,
)


@pytest.fixture
def cr_tables(tmp_path: Path, validate):
    def build(persons, steps=(), fines=()):
        export = read_export(write_workbook(tmp_path / "cr.xlsx", persons, steps, fines))
        return [normalise(t, AS_OF, validate) for t in export.tables]

    return build


@pytest.fixture
def bk_table(tmp_path: Path, validate):
    def build(headers, rows):
        (table,) = read_export(write_csv(tmp_path / "bk.csv", headers, rows)).tables
        return normalise(table, AS_OF, validate)

    return build


def test_chiang_rai_person_variations(cr_tables) -> None:
    persons, _, _ = cr_tables([
        cr_person("CR-1", sex="หญิง", age="๒๕", nationality="พม่า", education="ปริญญาตรี",
                  recruitment_channels="FaceBook; เพื่อน/คนรู้จัก\nTIKTOK,line",
                  exploitation_country="ลาว", site="คาสิโน Kings Romans สามเหลี่ยมทองคำ",
                  exploitation_types="หลอกลวงออนไลน์", control_means="ยึดเอกสาร, พันธนาการหนี้",
                  debt_amount="฿100,000", screening_result="เป็นผู้เสียหาย",
                  link_key="AB" * 32, notes="NOTE-MARKER must never load"),
        cr_person("CR-2", sex="อื่นๆ", age=31.0, nationality="อื่น ๆ", debt_amount="2,800 USD",
                  debt_currency="ดอลลาร์", site="KK Park เมียวดี", link_key="N/A"),
        cr_person("CR-3", sex="", nationality="เมียนมา", site="ตลาดนัด", debt_amount="100000",
                  debt_currency="", link_key="-"),
    ])
    assert persons.problems == []
    p = persons.persons.set_index("person_ref")
    assert p.loc["CR-1", "sex"] == "female"
    assert p.loc["CR-1", "age"] == 25
    assert p.loc["CR-1", "nationality"] == "MM"
    assert p.loc["CR-1", "site"] == "golden_triangle_sez"
    assert p.loc["CR-1", "link_key"] == "ab" * 32
    assert (p.loc["CR-1", "debt_amount"], p.loc["CR-1", "debt_currency"]) == (100000.0, "THB")
    assert (p.loc["CR-2", "debt_amount"], p.loc["CR-2", "debt_currency"]) == (2800.0, "USD")
    assert p.loc["CR-2", "sex"] == "other" and p.loc["CR-2", "nationality"] == "other"
    assert p.loc["CR-2", "site"] == "kk_park"  # first match in the spec's order wins
    assert p.loc["CR-3", "sex"] == "unknown"  # blank sex is unknown, not an error
    assert (p.loc["CR-3", "site"], p.loc["CR-3", "site_text"]) == ("other", "ตลาดนัด")
    assert p.loc["CR-3", "debt_currency"] == "THB"  # no currency anywhere: THB
    assert list(p["link_key_status"]) == ["ok", "malformed", "malformed"]
    codes = persons.codes
    channels = codes[(codes.person_ref == "CR-1") & (codes.field == "channel")]["code"]
    assert list(channels) == ["facebook", "friend_acquaintance", "tiktok", "line"]
    means = codes[(codes.person_ref == "CR-1") & (codes.field == "control_means")]["code"]
    assert set(means) == {"withholds_documents", "debt_bondage"}
    assert "notes" not in persons.persons.columns
    assert all("NOTE-MARKER" not in str(v) for v in persons.persons.to_numpy().ravel())
    assert [f[1] for f in persons.findings] == ["malformed_link_key", "malformed_link_key"]


def test_steps_dates_in_every_form(cr_tables) -> None:
    _, steps, _ = cr_tables([cr_person("CR-1")], [
        ["CR-1", "รับแจ้งเหตุ", "29/02/2563", "", ""],
        ["CR-1", "ช่วยเหลือ", "02/03/2020", "", "ไม่เป็นทางการ"],
        ["CR-1", "ส่งมอบ ณ ด่านชายแดน", dt.datetime(2563, 3, 5), "", "ทางการ"],
        ["CR-1", "คัดแยกผู้เสียหาย", dt.datetime(2020, 3, 6), "", ""],
        ["CR-1", "ส่งกลับภูมิลำเนา", "๑๐/๐๔/๒๕๖๓", "", ""],
        ["CR-1", "คืนสู่สังคม", "", "", ""],
    ])
    assert steps.problems == []
    got = dict(zip(steps.steps["step"], steps.steps["step_date"], strict=True))
    assert got == {
        "reported": dt.date(2020, 2, 29), "rescued": dt.date(2020, 3, 2),
        "handed_over": dt.date(2020, 3, 5), "screened": dt.date(2020, 3, 6),
        "returned_home": dt.date(2020, 4, 10), "reintegrated": None,
    }


def test_bad_values_quarantine_whole_rows_naming_column_and_value(cr_tables) -> None:
    persons, steps, fines = cr_tables(
        [cr_person("CR-1"), cr_person("CR-2", sex="xyz", age="150"), cr_person("CR-1"),
         cr_person("", age="30"), cr_person("CR-4", debt_amount="-500"),
         cr_person("CR-5", debt_amount="2,800 USD", debt_currency="บาท"),
         cr_person("CR-6", recruitment_channels="Facebook; MySpace"),
         cr_person("CR-7", debt_amount="ประมาณ 1 แสน")],
        [["CR-1", "ช่วยเหลือ", "31/02/2564", "", ""], ["CR-1", "", "01/01/2564", "", ""],
         ["CR-1", "เดินทาง", "01/01/2564", "", ""],
         ["CR-1", "ช่วยเหลือ", "01/01/2599", "", ""]],
        [["CR-1", "สูบบุหรี่", "", ""], ["CR-1", "นอนดึก", "500", ""]],
    )
    reasons = {p.row: [] for p in persons.problems}
    for p in persons.problems:
        reasons[p.row].append(p.text)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert any("เพศ (sex): 'xyz' is not in the accepted vocabulary" in r for r in reasons[3])
    # every problem named; range checks come from the GX gate and name their expectation
    assert "อายุ (age): '150' is above 100 (expect_column_values_to_be_between)" in reasons[3]
    assert any("duplicated" in r for r in reasons[4])
    assert any("(person_ref): (blank) is missing" in r and "not_be_null" in r for r in reasons[5])
    assert any("(debt_amount): '-500' is negative" in r for r in reasons[6])
    assert any("contradicts the currency USD" in r for r in reasons[7])
    assert any("'MySpace'" in r for r in reasons[8])
    assert any("'ประมาณ 1 แสน' is not an amount" in r for r in reasons[9])
    assert list(persons.persons["person_ref"]) == ["CR-1"]
    assert {p.row: p.column for p in steps.problems} == {2: "date", 3: "step", 4: "step",
                                                         5: "date"}
    assert any("in the future" in p.text for p in steps.problems)
    assert {p.row: p.column for p in fines.problems} == {2: "amount", 3: "reason"}


def test_bokeo_person_variations(bk_table) -> None:
    norm = bk_table(BK_PERSON_HEADERS, [
        bk_person("BK-1", sex="ຍິງ", nationality="ລາວ", recruitment_channel="friend",
                  site="GTSEZ", exploitation="scam", date_reported="2021-01-02",
                  date_rescued="05/01/2021", date_handed_over="07/01/2564",
                  outcome="handed_over", immigration_fine_lak="1,500,000", detained_days="3",
                  victim_screened="ແມ່ນ", debt_amount="3000", debt_currency="USD",
                  agency="Bokeo police", channel="informal"),
        bk_person("BK-2", sex="female", nationality="Thai", victim_screened="no",
                  site="Ton Pheung market"),
        bk_person("BK-3", sex="", nationality="", victim_screened="Y", birth_year=""),
    ])
    assert norm.problems == []
    p = norm.persons.set_index("person_ref")
    assert (p.loc["BK-1", "sex"], p.loc["BK-1", "nationality"]) == ("female", "LA")
    assert p.loc["BK-1", "immigration_fine_lak"] == 1_500_000
    assert p.loc["BK-1", "screened_in_laos"] is True
    assert p.loc["BK-2", "screened_in_laos"] is False
    assert (p.loc["BK-2", "site"], p.loc["BK-2", "site_text"]) == ("other", "Ton Pheung market")
    assert p.loc["BK-3", "sex"] == "unknown" and p.loc["BK-3", "nationality"] is None
    steps = norm.steps[norm.steps.person_ref == "BK-1"].set_index("step")
    assert steps.loc["reported", "step_date"] == dt.date(2021, 1, 2)
    assert steps.loc["handed_over", "step_date"] == dt.date(2021, 1, 7)
    assert steps.loc["rescued", "agency"] == "Bokeo police"  # agency → rescued step
    assert steps.loc["handed_over", "channel"] == "informal"  # channel → handed_over step
    assert steps.loc["reported", "agency"] is None
    codes = norm.codes[norm.codes.person_ref == "BK-1"]
    assert set(zip(codes.field, codes.code, strict=True)) == {
        ("channel", "friend_acquaintance"), ("exploitation", "forced_criminality")}


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"sex": "X"}, "sex"),
        ({"birth_year": "96"}, "birth_year"),
        ({"nationality": "Atlantis"}, "nationality"),
        ({"victim_screened": "maybe"}, "victim_screened"),
        ({"immigration_fine_lak": "-100"}, "immigration_fine_lak"),
        ({"immigration_fine_lak": "100 USD"}, "immigration_fine_lak"),
        ({"date_rescued": "2021-02-30"}, "date_rescued"),
        ({"outcome": "escaped"}, "outcome"),
        ({"detained_days": "two"}, "detained_days"),
    ],
)
def test_bokeo_bad_values(bk_table, values: dict, column: str) -> None:
    norm = bk_table(BK_PERSON_HEADERS, [bk_person("BK-1"), bk_person("BK-2", **values)])
    assert [(p.row, p.column) for p in norm.problems] == [(3, column)]
    assert list(norm.persons["person_ref"]) == ["BK-1"]


def test_bokeo_fines(bk_table) -> None:
    norm = bk_table(BK_FINE_HEADERS, [
        ["BK-1", "chairs", "500", "THB"], ["BK-1", "target", "1,000", ""],
        ["BK-1", "meal", "-5", "THB"], ["BK-1", "noise", "5", "THB"], ["", "meal", "5", "THB"],
    ])
    assert list(norm.fines["reason"]) == ["chairs_not_put_away", "target_not_met"]
    assert list(norm.fines["currency"]) == ["THB", "THB"]
    assert {p.row: p.column for p in norm.problems} == {4: "amount", 5: "reason",
                                                        6: "person_ref"}


CELLS = ["", " ", "  a  b ", "ABC", "1", "1.0", "2,000", "฿500", "500 THB", "12/03/2564",
         "2021-01-05", "29/02/2564", "ชาย", "female", "nope", "x; y", "ลาว", "a" * 64, "zz" * 32,
         "\u00a0x\u2003y\u00a0", "LAK 1000", "แม่สาย ด่าน", 1.0, 2.5, -3.0, 44000.0, 2564.0,
         True, False, 1, 7, None, float("nan"), dt.date(2021, 3, 4), dt.datetime(2021, 3, 4),
         dt.datetime(2021, 3, 4, 5, 6), dt.time(1, 2), dt.timedelta(days=3)]


@pytest.mark.parametrize("kinds", [(str,), (str, float), (str, dt.date), None])
def test_parse_column_gives_what_parsing_each_cell_gives(kinds) -> None:
    """Distinct values are parsed once (pd.factorize, or one pass for references): the cells,
    their types (1, 1.0 and True stay apart) and the errors are those of a cell-by-cell parse."""
    import random

    from pipelines.normalise import _parse_each, _parser, parse_column
    from pipelines.sources import bokeo, chiang_rai

    rng = random.Random(7)
    pool = [c for c in CELLS if kinds is None or type(c) in kinds]
    for spec in (*chiang_rai.SHEETS, *bokeo.FILES):
        for fld in spec.fields:
            parser = _parser(fld)
            for size in (0, 1, 5, 40, 1500):
                cells = [rng.choice(pool) for _ in range(size)]
                if size == 1500 and kinds == (str,):  # mostly distinct: the references' pass
                    cells = [f" R-{i}\t{rng.choice(pool)} " for i in range(size)]
                fast, slow = parse_column(cells, parser), _parse_each(cells, parser)
                assert [repr(v) for v in fast[0]] == [repr(v) for v in slow[0]], fld.name
                assert list(fast[1].items()) == list(slow[1].items()), fld.name
