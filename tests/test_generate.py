"""Tests for the synthetic export generator (pipelines.generate).

Besides format checks, a small independent reader below re-derives the truth from the files
alone (vocabularies, dates, amounts, linkage rules of the monitoring model), so the truth the
generator claims is checked against what it actually wrote.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipelines import generate_files
from pipelines.generate import generate_exports

N = 300
SEED = 7
TODAY = dt.date(2026, 11, 29)
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

CR_SHEETS = {
    "ผู้เสียหาย": "persons", "persons": "persons",
    "การส่งต่อ": "steps", "referral_steps": "steps",
    "ค่าปรับ": "fines", "fines": "fines",
}
CR_HEADERS = {
    "persons": (
        ["รหัสผู้เสียหาย", "รหัสคดี", "เลขอ้างอิงร่วม", "รหัสเชื่อมโยง", "เพศ", "อายุ", "สัญชาติ",
         "จังหวัดภูมิลำเนา", "ระดับการศึกษา", "ช่องทางการชักชวน", "ประเทศที่ถูกแสวงประโยชน์",
         "สถานที่", "รูปแบบการแสวงประโยชน์", "วิธีการควบคุม", "หนี้", "สกุลเงินหนี้", "ผลการคัดแยก",
         "หมายเหตุ"],
        ["person_ref", "case_ref", "joint_ref", "link_key", "sex", "age", "nationality",
         "home_province", "education", "recruitment_channels", "exploitation_country", "site",
         "exploitation_types", "control_means", "debt_amount", "debt_currency",
         "screening_result", "notes"],
    ),
    "steps": (
        ["รหัสผู้เสียหาย", "ขั้นตอน", "วันที่", "หน่วยงาน", "ช่องทางประสานงาน"],
        ["person_ref", "step", "date", "agency", "channel"],
    ),
    "fines": (
        ["รหัสผู้เสียหาย", "เหตุผล", "จำนวนเงิน", "สกุลเงิน"],
        ["person_ref", "reason", "amount", "currency"],
    ),
}
BK_PERSONS = [
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "birth_year", "nationality",
    "origin", "recruitment_channel", "site", "exploitation", "date_reported", "date_rescued",
    "date_handed_over", "outcome", "immigration_fine_lak", "detained_days", "victim_screened",
    "debt_amount", "debt_currency", "agency", "channel",
]
BK_LAO = {"ເພດ": "sex", "ປີເກີດ": "birth_year", "ສັນຊາດ": "nationality"}
BK_FINES = ["person_ref", "reason", "amount", "currency"]


def key(v: object) -> str:
    """Vocabulary matching: ignore whitespace and letter case (model §6.2)."""
    return re.sub(r"\s+", "", str(v)).lower()


def vocab(d: dict[str, str]) -> dict[str, str]:
    out = {key(k): v for k, v in d.items()}
    out.update({key(v): v for v in d.values()})  # canonical codes accepted too
    return out


CR_SEX = vocab({"หญิง": "female", "ชาย": "male", "อื่น ๆ": "other", "ไม่ระบุ": "unknown"})
CR_NAT = vocab({"ไทย": "TH", "ลาว": "LA", "เมียนมา": "MM", "พม่า": "MM", "กัมพูชา": "KH",
                "จีน": "CN", "เวียดนาม": "VN", "อื่น ๆ": "other"})
CR_SCREEN = vocab({"เป็นผู้เสียหาย": "identified_victim", "ไม่เป็นผู้เสียหาย": "not_victim",
                   "อยู่ระหว่างคัดแยก": "pending", "ไม่ได้คัดแยก": "not_screened"})
CR_STEP = vocab({"รับแจ้งเหตุ": "reported", "ช่วยเหลือ": "rescued",
                 "ส่งมอบ ณ ด่านชายแดน": "handed_over", "คัดแยกผู้เสียหาย": "screened",
                 "เข้าสถานคุ้มครอง": "sheltered", "ส่งกลับภูมิลำเนา": "returned_home",
                 "คืนสู่สังคม": "reintegrated"})
CR_REASON = vocab({"ไม่เก็บเก้าอี้": "chairs_not_put_away", "ทานอาหารไม่หมด": "meal_not_finished",
                   "สูบบุหรี่": "smoking", "มีความสัมพันธ์กับเพื่อนร่วมงาน": "relationship",
                   "เจ็บป่วย": "sickness", "ทำยอดไม่ถึงเป้า": "target_not_met",
                   "อื่น ๆ": "other"})
CURRENCY = vocab({"THB": "THB", "USD": "USD", "CNY": "CNY", "LAK": "LAK", "บาท": "THB",
                  "ดอลลาร์": "USD", "หยวน": "CNY", "กีบ": "LAK"})
BK_SEX = vocab({"M": "male", "F": "female", "ຊາຍ": "male", "ຍິງ": "female"})
BK_NAT = vocab({"TH": "TH", "LA": "LA", "MM": "MM", "KH": "KH", "CN": "CN", "VN": "VN",
                "Thai": "TH", "Lao": "LA", "Myanmar": "MM", "ໄທ": "TH", "ລາວ": "LA"})
BK_OUTCOME = vocab({o: o for o in ("handed_over", "deported", "released", "remains")})
BK_SCREENED = vocab({"Y": "Y", "yes": "Y", "ແມ່ນ": "Y", "N": "N", "no": "N", "ບໍ່": "N"})
BK_REASON = vocab({"chairs": "chairs_not_put_away", "meal": "meal_not_finished",
                   "smoking": "smoking", "relationship": "relationship",
                   "sickness": "sickness", "target": "target_not_met", "other": "other"})
HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


class Bad(Exception):
    """A value that must quarantine its row: (column, reason kind)."""

    def __init__(self, col: str, kind: str) -> None:
        super().__init__(col, kind)
        self.col, self.kind = col, kind


def parse_date(v: object, col: str) -> dt.date | None:
    if v in ("", None):
        return None
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        y = v.year - 543 if v.year >= 2400 else v.year
        return dt.date(y, v.month, v.day)
    t = str(v).strip().translate(THAI_DIGITS)
    mt = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if mt:
        d, mo, y = (int(x) for x in mt.groups())
    else:
        mt = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
        assert mt, f"unparseable date {v!r}"
        y, mo, d = (int(x) for x in mt.groups())
    if y >= 2400:
        y -= 543
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise Bad(col, "impossible_date") from None


def parse_amount(v: object, cur: object, col: str, required: bool) -> tuple[float, str] | None:
    if isinstance(v, float | int):
        num, text_cur = float(v), None
    else:
        t = str(v).strip()
        if not t:
            if required:
                raise Bad(col, "missing_required")
            return None
        text_cur = None
        for mark, c in (("บาท", "THB"), ("฿", "THB"), ("USD", "USD"), ("$", "USD")):
            if mark in t:
                text_cur, t = c, t.replace(mark, "")
        t = t.replace(",", "").strip()
        if t.startswith("-"):
            raise Bad(col, "negative_amount")
        num = float(t)
    c = str(cur).strip()
    col_cur = CURRENCY[key(c)] if c else None
    if text_cur and col_cur and text_cur != col_cur:
        raise Bad(col, "currency_conflict")
    return num, col_cur or text_cur or "THB"


def lookup(table: dict[str, str], v: object, col: str, blank: str | None = None) -> str | None:
    if str(v).strip() == "":
        return blank
    try:
        return table[key(v)]
    except KeyError:
        raise Bad(col, "vocabulary") from None


def required(v: object, col: str) -> str:
    if str(v).strip() == "":
        raise Bad(col, "missing_required")
    return str(v).strip()


def read_workbook(path: Path) -> dict[str, tuple[str, list[tuple[int, dict]]]]:
    """sheet kind -> (sheet name as written, [(row number, {alias: value})]), data rows only."""
    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        kind = CR_SHEETS[name.strip()]
        sheet = wb.get_sheet_by_name(name)
        assert sheet.start in (None, (0, 0))
        rows = sheet.to_python()
        h = next(i for i, r in enumerate(rows) if str(r[0]).strip() in ("รหัสผู้เสียหาย", "person_ref"))
        header = [str(c).strip() for c in rows[h]]
        thai, eng = CR_HEADERS[kind]
        assert header[: len(thai)] in (thai, eng), (path.name, name, header)
        nonblank = [i for i in range(h + 1, len(rows)) if any(c not in ("", None) for c in rows[i])]
        if nonblank and str(rows[nonblank[-1]][0]).strip() in ("รวม", "Total"):
            nonblank.pop()
        out[kind] = (name, [(i + 1, dict(zip(eng, rows[i], strict=False))) for i in nonblank])
    return out


def read_csv(path: Path) -> tuple[bool, list[str], list[tuple[int, dict]]]:
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        recs = list(csv.reader(fh))
    header = recs[0]
    cols = [BK_LAO.get(c, c) for c in header]
    return raw.startswith(b"\xef\xbb\xbf"), header, [
        (i + 1, dict(zip(cols, r, strict=True))) for i, r in enumerate(recs) if i > 0
    ]


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("gen")
    return out, generate_exports(out, N, seed=SEED)


@pytest.fixture(scope="module")
def parsed(gen: tuple[Path, dict]) -> dict:
    out, truth = gen
    wbs, csvs = {}, {}
    for name, info in truth["files"].items():
        if info["source"] == "chiang_rai":
            wbs[name] = read_workbook(out / name)
        else:
            csvs[name] = read_csv(out / name)
    return {"workbooks": wbs, "csvs": csvs}


def all_cells(parsed: dict, kind: str, col: str) -> list:
    return [
        r[col]
        for wb in parsed["workbooks"].values()
        if kind in wb
        for _, r in wb[kind][1]
    ]


# ---------------------------------------------------------------- basic contract
def test_truth_file_matches_return(gen: tuple[Path, dict]) -> None:
    out, truth = gen
    assert json.loads((out / "truth.json").read_text(encoding="utf-8")) == truth
    for k in ("seed", "persons_requested", "files", "persons_total", "linked_persons",
              "persons_by_year_nationality", "identified_victims_by_year", "fines_by_reason",
              "note_markers"):
        assert k in truth
    assert truth["persons_requested"] == N and truth["seed"] == SEED


def test_files_listed_exist_and_nothing_else(gen: tuple[Path, dict]) -> None:
    out, truth = gen
    on_disk = {p.name for p in out.iterdir()} - {"truth.json"}
    assert on_disk == set(truth["files"])
    assert {p.suffix for p in out.iterdir()} == {".xlsx", ".csv", ".json"}


def test_deterministic(gen: tuple[Path, dict], tmp_path: Path) -> None:
    out, truth = gen
    again = generate_exports(tmp_path / "a", N, seed=SEED)
    assert again == truth
    for name in truth["files"]:
        assert (out / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name
    other = generate_exports(tmp_path / "b", N, seed=SEED + 1)
    assert other["files"] != truth["files"] or other["persons_total"] != truth["persons_total"]


def test_file_names(gen: tuple[Path, dict]) -> None:
    _, truth = gen
    names = list(truth["files"])
    assert any(re.fullmatch(r"chiang_rai_25\d\d\.xlsx", n) for n in names)
    assert any(re.fullmatch(r"bokeo_persons_20\d\d\.csv", n) for n in names)
    assert any(re.fullmatch(r"bokeo_fines_20\d\d\.csv", n) for n in names)
    usual = re.compile(r"chiang_rai_25\d\d(_part\d+)?\.xlsx|bokeo_(persons|fines)_20\d\d\.csv")
    assert [n for n in names if not usual.fullmatch(n)], "one file should be named unusually"


def test_headers_and_data_rows(gen: tuple[Path, dict], parsed: dict) -> None:
    _, truth = gen
    for name, wb in parsed["workbooks"].items():
        sheets = truth["files"][name]["sheets"]
        assert set(sheets) == {v[0] for v in wb.values()}
        for _, (sheet_name, rows) in wb.items():
            assert sheets[sheet_name]["data_rows"] == len(rows), (name, sheet_name)
    for name, (_, header, rows) in parsed["csvs"].items():
        assert [BK_LAO.get(c, c) for c in header] in (BK_PERSONS, BK_FINES), name
        assert truth["files"][name]["sheets"]["null"]["data_rows"] == len(rows)


def test_bad_rows_present_and_of_every_kind(gen: tuple[Path, dict]) -> None:
    _, truth = gen
    kinds = Counter()
    for info in truth["files"].values():
        for sh in info["sheets"].values():
            nums = [b[0] for b in sh["bad_rows"]]
            assert len(nums) == len(set(nums))
            kinds.update(b[2] for b in sh["bad_rows"])
    assert set(kinds) == {
        "vocabulary", "impossible_date", "negative_amount", "missing_required",
        "duplicate_person_ref", "currency_conflict", "unknown_person_ref",
    }
    total = sum(
        sh["data_rows"] for info in truth["files"].values() for sh in info["sheets"].values()
    )
    assert 0.005 * total <= sum(kinds.values()) <= 0.05 * total


def test_no_bad_rows_when_share_zero(tmp_path: Path) -> None:
    truth = generate_exports(tmp_path, 150, seed=3, bad_share=0.0)
    assert all(
        not sh["bad_rows"] for info in truth["files"].values() for sh in info["sheets"].values()
    )


def test_no_future_dates_and_ages(parsed: dict) -> None:
    dates = []
    for v in all_cells(parsed, "steps", "date"):
        try:
            d = parse_date(v, "date")
        except Bad:
            continue  # the planted 31/02
        if d:
            dates.append(d)
    for _, _, rows in parsed["csvs"].values():
        for _, r in rows:
            for c in ("date_reported", "date_rescued", "date_handed_over"):
                try:
                    d = parse_date(r.get(c, ""), c)
                except Bad:
                    continue
                if d:
                    dates.append(d)
    assert dates and max(dates) <= TODAY and min(dates) >= dt.date(2019, 1, 1)
    ages = [int(float(str(a).translate(THAI_DIGITS))) for a in all_cells(parsed, "persons", "age")
            if str(a).strip()]
    assert sum(20 <= a <= 35 for a in ages) / len(ages) > 0.7


# ---------------------------------------------------------------- variations
def test_chiang_rai_variations(gen: tuple[Path, dict], parsed: dict) -> None:
    out, truth = gen
    dates = all_cells(parsed, "steps", "date")
    texts = [d for d in dates if isinstance(d, str)]
    assert any(re.fullmatch(r"\d\d/\d\d/25\d\d", d) for d in texts), "BE text date"
    assert any(re.fullmatch(r"\d\d/\d\d/20\d\d", d) for d in texts), "Gregorian text date"
    assert any(re.search(r"[๐-๙]{2}/[๐-๙]{2}/[๐-๙]{4}", d) for d in texts), "Thai-digit date"
    cells = [d for d in dates if isinstance(d, dt.date)]
    assert any(d.year < 2400 for d in cells) and any(d.year >= 2400 for d in cells)
    ages = all_cells(parsed, "persons", "age")
    assert any(isinstance(a, float) for a in ages)
    assert any(isinstance(a, str) and re.fullmatch(r"[๐-๙]+", a) for a in ages)
    assert any(isinstance(a, str) and re.fullmatch(r"\d+", a) for a in ages)

    amounts = all_cells(parsed, "persons", "debt_amount") + all_cells(parsed, "fines", "amount")
    strs = [a for a in amounts if isinstance(a, str)]
    assert any(isinstance(a, float) for a in amounts)
    for pattern in (r"\d+", r"\d{1,3}(,\d{3})+", r"[\d,]+ บาท", r"฿[\d,]+", r"[\d,]+ USD",
                    r"\$[\d,]+"):
        assert any(re.fullmatch(pattern, a) for a in strs), pattern
    currencies = set(all_cells(parsed, "persons", "debt_currency")) | set(
        all_cells(parsed, "fines", "currency")
    )
    assert {"", "THB", "USD", "CNY", "LAK", "บาท", "ดอลลาร์", "หยวน", "กีบ"} <= currencies
    formulas = 0  # an amount typed as a formula (=50000+50000): Excel's cached value counts
    for name in parsed["workbooks"]:
        with zipfile.ZipFile(out / name) as z:
            formulas += sum(
                len(re.findall(rb"<f>\d+\+\d+</f>", z.read(n)))
                for n in z.namelist() if "worksheets" in n
            )
    assert formulas > 0

    chans = all_cells(parsed, "persons", "recruitment_channels")
    assert any(";" in c for c in chans) and any("," in c for c in chans)
    assert any("\n" in c for c in chans)
    assert {"facebook", "FACEBOOK", "Facebook"} <= {
        t.strip() for c in chans for t in re.split(r"[;,\n]", c)
    }
    nat_words = set(all_cells(parsed, "persons", "nationality")) | set(
        all_cells(parsed, "persons", "exploitation_country")
    )
    assert {"พม่า", "เมียนมา"} <= nat_words
    every = json.dumps([wb for wb in parsed["workbooks"].values()], default=str,
                       ensure_ascii=False)
    assert "อื่นๆ" in every and "อื่น ๆ" in every
    keys = set(all_cells(parsed, "persons", "link_key"))
    assert {"", "N/A", "-"} <= keys
    sites = " ".join(all_cells(parsed, "persons", "site"))
    for well_known in ("คิงส์โรมัน", "สามเหลี่ยมทองคำ", "KK Park", "Shwe Kokko", "สีหนุวิลล์"):
        assert well_known in sites
    notes = " ".join(all_cells(parsed, "persons", "notes"))
    assert truth["note_markers"] and all(mk in notes for mk in truth["note_markers"])
    for wb in parsed["workbooks"].values():  # markers only in notes: a DB check is meaningful
        for _, rows in wb.values():
            for _, r in rows:
                for col, v in r.items():
                    if col != "notes":
                        assert not any(mk in str(v) for mk in truth["note_markers"])

    # workbook habits
    names = [n for wb in parsed["workbooks"].values() for n, _ in wb.values()]
    assert any(n != n.strip() for n in names), "sheet name with surrounding spaces"
    assert any(n.strip() == "persons" for n in names), "English alias workbook"
    assert any(n.strip() == "ผู้เสียหาย" for n in names)
    titles = totals = blanks = padded = 0
    for name in parsed["workbooks"]:
        wb = CalamineWorkbook.from_path(str(out / name))
        for sn in wb.sheet_names:
            rows = wb.get_sheet_by_name(sn).to_python()
            h = next(i for i, r in enumerate(rows)
                     if str(r[0]).strip() in ("รหัสผู้เสียหาย", "person_ref"))
            titles += h > 0
            padded += any(c != c.strip() for c in rows[h] if isinstance(c, str))
            body = rows[h + 1:]
            blanks += any(all(c in ("", None) for c in r) for r in body)
            totals += bool(body) and str(body[-1][0]).strip() in ("รวม", "Total")
    assert titles and totals and blanks and padded


def test_bokeo_variations(gen: tuple[Path, dict], parsed: dict) -> None:
    out, _ = gen
    boms = {bom for bom, _, _ in parsed["csvs"].values()}
    assert boms == {True, False}
    headers = [h for _, h, _ in parsed["csvs"].values()]
    assert any("ເພດ" in h and "ປີເກີດ" in h and "ສັນຊາດ" in h for h in headers)
    assert any("sex" in h for h in headers)
    persons = [r for _, h, rows in parsed["csvs"].values() for _, r in rows if "origin" in r]

    def values(col: str) -> set[str]:
        return {r[col] for r in persons}

    assert {"M", "F", "male", "female", "ຊາຍ", "ຍິງ", ""} <= values("sex")
    assert {"TH", "LA", "MM", "Thai", "Lao", "ໄທ", "ລາວ"} <= values("nationality")
    dates = values("date_reported") | values("date_rescued")
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert any("," in f for f in values("immigration_fine_lak"))
    assert {"Y", "N", "yes", "no", "ແມ່ນ", "ບໍ່"} <= values("victim_screened")
    sites = values("site")
    assert {"GTSEZ", "Ton Pheung"} <= sites and sites - {"GTSEZ", "Ton Pheung"}
    assert {"handed_over", "deported", "released", "remains"} <= values("outcome")
    quoted = [v for r in persons for v in (r["origin"], r["agency"], r["site"])]
    assert any("\n" in v for v in quoted) and any("," in v for v in quoted)
    raw = b"".join((out / n).read_bytes() for n in parsed["csvs"])
    assert b'"' in raw and b"\r\n" in raw


# ---------------------------------------------------------------- independent truth
def _cr_records(parsed: dict, truth: dict) -> tuple[dict, list, list, dict]:
    """Load Chiang Rai as a careful ingest would; check every bad row is exactly as labelled."""
    persons, steps, fines, seen_bad = {}, [], [], {}
    for name, wb in sorted(parsed["workbooks"].items()):
        info = truth["files"][name]["sheets"]
        for kind in ("persons", "steps", "fines"):
            sheet_name, rows = wb[kind]
            bad = {b[0]: (b[1], b[2]) for b in info[sheet_name]["bad_rows"]}
            refs_here: set[str] = set()
            for num, r in rows:
                problem = None
                try:
                    ref = required(r["person_ref"], "person_ref")
                    if kind == "persons":
                        if ref in refs_here:
                            raise Bad("person_ref", "duplicate_person_ref")
                        refs_here.add(ref)
                        sex = lookup(CR_SEX, r["sex"], "sex", "unknown")
                        nat = lookup(CR_NAT, r["nationality"], "nationality")
                        scr = lookup(CR_SCREEN, r["screening_result"], "screening_result")
                        parse_amount(r["debt_amount"], r["debt_currency"], "debt_amount", False)
                        age = str(r["age"]).translate(THAI_DIGITS).strip()
                        rec = {"sex": sex, "nat": nat, "screen": scr,
                               "age": int(float(age)) if age else None,
                               "key": r["link_key"].strip(), "joint": r["joint_ref"].strip()}
                    elif kind == "steps":
                        lookup(CR_STEP, required(r["step"], "step"), "step")
                        d = parse_date(r["date"], "date")
                    else:
                        reason = lookup(CR_REASON, required(r["reason"], "reason"), "reason")
                        parse_amount(r["amount"], r["currency"], "amount", True)
                    if kind != "persons" and ref not in persons:
                        raise Bad("person_ref", "unknown_person_ref")
                except Bad as e:
                    problem = (e.col, e.kind)
                assert problem == bad.get(num), (name, sheet_name, num, r, problem)
                if problem:
                    seen_bad[(name, sheet_name, num)] = problem
                    continue
                if kind == "persons":
                    persons[ref] = rec
                elif kind == "steps":
                    steps.append((ref, d))
                else:
                    fines.append(reason)
    return persons, steps, fines, seen_bad


def _bk_records(parsed: dict, truth: dict) -> tuple[dict, list]:
    persons, fines = {}, []
    files = sorted(  # persons files before fines files, as the ingest order says
        parsed["csvs"].items(), key=lambda kv: (BK_PERSONS[7] not in kv[1][1], kv[0])
    )
    for name, (_, _, rows) in files:
        bad = {b[0]: (b[1], b[2]) for b in truth["files"][name]["sheets"]["null"]["bad_rows"]}
        refs_here: set[str] = set()
        for num, r in rows:
            problem = None
            try:
                ref = required(r["person_ref"], "person_ref")
                if "origin" in r:
                    if ref in refs_here:
                        raise Bad("person_ref", "duplicate_person_ref")
                    refs_here.add(ref)
                    sex = lookup(BK_SEX, r["sex"], "sex", "unknown")
                    nat = lookup(BK_NAT, r["nationality"], "nationality")
                    lookup(BK_OUTCOME, r["outcome"], "outcome")
                    lookup(BK_SCREENED, r["victim_screened"], "victim_screened")
                    ds = [parse_date(r[c], c) for c in
                          ("date_reported", "date_rescued", "date_handed_over")]
                    parse_amount(r["debt_amount"], r["debt_currency"], "debt_amount", False)
                    rec = {"sex": sex, "nat": nat, "birth": int(r["birth_year"]),
                           "key": r["link_key"].strip(), "joint": r["joint_ref"].strip(),
                           "dates": [d for d in ds if d]}
                else:
                    reason = lookup(BK_REASON, required(r["reason"], "reason"), "reason")
                    parse_amount(r["amount"], r["currency"], "amount", True)
                    if ref not in persons:
                        raise Bad("person_ref", "unknown_person_ref")
            except Bad as e:
                problem = (e.col, e.kind)
            assert problem == bad.get(num), (name, num, r, problem)
            if problem:
                continue
            if "origin" in r:
                persons[ref] = rec
            else:
                fines.append(reason)
    return persons, fines


def test_truth_rederived_from_files(gen: tuple[Path, dict], parsed: dict) -> None:
    _, truth = gen
    crp, crs, crf, _ = _cr_records(parsed, truth)
    bkp, bkf = _bk_records(parsed, truth)
    for ref, d in crs:
        if d:
            crp[ref].setdefault("dates", []).append(d)

    # linkage (model §2.2): well-formed equal keys, else joint_ref + sex + nationality + age
    def ok(k: str) -> bool:
        return bool(HEX64.match(k))

    bk_by_key = {p["key"].lower(): r for r, p in bkp.items() if ok(p["key"])}
    links: dict[str, str] = {}
    for ref, p in crp.items():
        if ok(p["key"]) and p["key"].lower() in bk_by_key:
            links[ref] = bk_by_key[p["key"].lower()]
    cands = defaultdict(list)
    for bref, b in bkp.items():
        if not ok(b["key"]) and b["joint"] and b["dates"]:
            cands[b["joint"]].append(bref)
    back = defaultdict(list)
    pairs = []
    for ref, p in crp.items():
        if ok(p["key"]) or not p["joint"] or p["sex"] in ("unknown", None) or p["age"] is None:
            continue
        hits = [
            b for b in cands[p["joint"]]
            if bkp[b]["sex"] == p["sex"] and bkp[b]["nat"] == p["nat"]
            and abs(p["age"] - (min(bkp[b]["dates"]).year - bkp[b]["birth"])) <= 1
        ]
        if len(hits) == 1:
            pairs.append((ref, hits[0]))
            back[hits[0]].append(ref)
    for ref, b in pairs:
        if len(back[b]) == 1:
            links[ref] = b
    assert len(links) == truth["linked_persons"]
    linked_bk = set(links.values())
    people = []
    for ref, p in crp.items():
        dates = list(p.get("dates", []))
        if ref in links:
            dates += bkp[links[ref]]["dates"]
        people.append((min(dates).year if dates else "unknown", p["nat"], p["screen"]))
    for bref, b in bkp.items():
        if bref not in linked_bk:
            people.append((min(b["dates"]).year if b["dates"] else "unknown", b["nat"], None))
    assert len(people) == truth["persons_total"]
    by = defaultdict(Counter)
    ident = Counter()
    for y, nat, scr in people:
        by[str(y)][nat] += 1
        if scr == "identified_victim":
            ident[str(y)] += 1
    assert {y: dict(c) for y, c in by.items()} == truth["persons_by_year_nationality"]
    assert dict(ident) == truth["identified_victims_by_year"]
    assert dict(Counter(crf + bkf)) == truth["fines_by_reason"]


def test_link_keys_look_like_hmac(gen: tuple[Path, dict], parsed: dict) -> None:
    _, truth = gen
    keys = [k for k in all_cells(parsed, "persons", "link_key") if HEX64.match(k)]
    assert keys and all(k == k.lower() for k in keys)
    dups = sum(
        b[2] == "duplicate_person_ref"
        for info in truth["files"].values() if info["source"] == "chiang_rai"
        for sh in info["sheets"].values() for b in sh["bad_rows"]
    )
    assert len(set(keys)) >= len(keys) - dups  # one key per person (a duplicate row repeats it)


def test_year_split_into_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = generate_exports(tmp_path / "whole", N, seed=SEED)
    monkeypatch.setattr(generate_files, "SHEET_ROW_LIMIT", 260)
    split = generate_exports(tmp_path / "split", N, seed=SEED)
    parts = [n for n in split["files"] if "_part" in n]
    assert parts
    for k in ("persons_total", "linked_persons", "persons_by_year_nationality",
              "fines_by_reason"):
        assert split[k] == base[k]

    def rows(t: dict, source: str) -> int:
        return sum(
            sh["data_rows"] - len(sh["bad_rows"])
            for info in t["files"].values() if info["source"] == source
            for sh in info["sheets"].values()
        )

    assert rows(split, "chiang_rai") == rows(base, "chiang_rai")
    for name in parts:
        wb = CalamineWorkbook.from_path(str(tmp_path / "split" / name))
        for sn in wb.sheet_names:
            assert wb.get_sheet_by_name(sn).height <= 260


def test_progress_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate_exports(tmp_path / "quiet", 30, seed=1)
    quiet = capsys.readouterr()
    assert quiet.out == "" and quiet.err == ""
    generate_exports(tmp_path / "loud", 30, seed=1, progress=True)
    assert "generate" in capsys.readouterr().err
