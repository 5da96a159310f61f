"""Exports: CTDC (k-anonymised), HTCDS 2.0 (analysts only), Parquet (curated tables).

Most tests run on generated exports ingested once per module; the numbers of the k-anonymiser
are also worked by hand on a small database written here.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import exports, schema, store, vocab
from pipelines.exports import ctdc_file, htcds_file, kanon, parquet_tables
from pipelines.generate import generate_exports
from pipelines.ingest import ingest

# Copies of shared/reference (the CTDC coding and the HTCDS 2.0 standard), kept with the tests
# so they run wherever the repository is cloned.
SHARED = Path(__file__).resolve().parent / "data" / "reference"

# ctdc-coding.md, written out here so that the module is checked against the reference.
CTDC_HEADER = [
    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
    "traffickMonths", "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex",
    "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds", "meansExcessiveWorkHours",
    "meansWithholdDocs", "isForcedLabour", "isSexualExploit", "isOtherExploit",
    "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
    "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography",
    "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
    "recruiterRelationOther",
]
QIS = CTDC_HEADER[:5]
CTDC_GENDER = {"female": "Woman", "male": "Man",
               "other": "Trans/Transgender/NonConforming", "unknown": ""}
CTDC_AGE = {"0-8": "0--8", "9-17": "09--17", "18-20": "18--20", "21-23": "21--23",
            "24-26": "24--26", "27-29": "27--29", "30-38": "30--38", "39-47": "39--47",
            "48+": "48+"}
CTDC_COUNTRY = {"TH": "THA", "LA": "LAO", "MM": "MMR", "KH": "KHM", "CN": "CHN", "VN": "VNM"}
WIDE_AGES = {"0--17", "18--29", "30+"}
NOT_HELD = ["traffickMonths", "meansFalsePromises", "meansExcessiveWorkHours",
            "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
            "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography",
            "recruiterRelationIntimatePartner"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("exports_raw")
    truth = generate_exports(raw, persons=500, seed=29)
    db = raw.parent / "exports.duckdb"
    assert ingest([raw], db).exit_code == 0
    return truth, db


@pytest.fixture
def con(built):
    connection = duckdb.connect(str(built[1]), read_only=True)
    yield connection
    connection.close()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def scalar(con: duckdb.DuckDBPyConnection, statement: str) -> object:
    return con.execute(statement).fetchall()[0][0]


# ---------------------------------------------------------------- the k-anonymiser by hand
def _person(pid: str, year: int | None, sex: str, age: int | None, nat: str | None,
            country: str | None) -> dict:
    return {"person_id": pid, "sex": sex, "age": age, "age_band": vocab.age_band(age),
            "nationality": nat, "exploitation_country": country, "monitoring_year": year,
            "in_chiang_rai": True, "in_bokeo": False}


@pytest.fixture
def hand_db(tmp_path: Path) -> Path:
    """13 persons whose fate under k = 3 is worked out by hand in test_ctdc_by_hand."""
    people = [
        *(_person(f"A{i}", 2021, "female", 25, "TH", "LA") for i in range(3)),  # exact
        _person("B0", 2021, "female", 22, "TH", "LA"),   # 21-23 ┐ 18--29 together: rung 1
        _person("B1", 2021, "female", 23, "TH", "LA"),   # 21-23 │
        _person("B2", 2021, "female", 28, "TH", "LA"),   # 27-29 ┘
        _person("C0", 2020, "male", 35, "TH", "LA"),     # 30+ in 2020, 2021, 2019: together
        _person("C1", 2021, "male", 31, "TH", "LA"),     # only once age and year are empty
        _person("C2", 2019, "male", 40, "TH", "LA"),     # (rung 6)
        _person("D0", 2022, "other", 15, "MM", "MM"),    # alone whatever we do: suppressed
        *(_person(f"E{i}", None, "unknown", None, None, None) for i in range(3)),  # exact
    ]
    db = tmp_path / "hand.duckdb"
    con = store.connect(db)
    store.ensure_schema(con)
    store.insert_frame(con, schema.PERSONS, pd.DataFrame(people))
    codes = {
        "person_control_means": [("A0", "threats"), ("A0", "arbitrary_fines"), ("A1", "sold_on"),
                                 ("D0", "threats")],
        "person_channels": [("A0", "facebook"), ("A1", "family"), ("A2", "job_advert")],
        "person_exploitation": [("A0", "forced_criminality"), ("A1", "forced_labour")],
    }
    for table, rows in codes.items():
        t = schema.TABLES[table]
        store.insert_frame(con, t, pd.DataFrame(rows, columns=t.column_names))
    con.close()
    return db


def test_ctdc_by_hand(hand_db: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(hand_db), read_only=True)
    summary = exports.ctdc(con, tmp_path / "ctdc.csv", k=3)
    con.close()
    assert (summary["records"], summary["rows"], summary["generalised"],
            summary["suppressed"]) == (13, 12, 6, 1)
    assert summary["by_level"] == {"as recorded": 6, "ageBroad in wide bands": 3,
                                   "yearOfRegistration left empty": 3}
    header, rows = read_csv(tmp_path / "ctdc.csv")
    assert header == CTDC_HEADER
    groups = Counter(tuple(r[q] for q in QIS) for r in rows)
    assert groups == {
        ("2021", "Woman", "24--26", "THA", "LAO"): 3,
        ("2021", "Woman", "18--29", "THA", "LAO"): 3,
        ("", "Man", "", "THA", "LAO"): 3,
        ("", "", "", "", ""): 3,
    }
    flags = Counter(frozenset(f for f in CTDC_HEADER[5:] if r[f] == "1") for r in rows
                    if r["ageBroad"] == "24--26")
    assert flags == {
        # A0: threats, arbitrary fines; facebook (a platform: no relation); forced criminality
        frozenset({"meansThreats", "meansDebtBondageEarnings", "isOtherExploit"}): 1,
        # A1: sold on (no CTDC flag); family; forced labour
        frozenset({"recruiterRelationFamily", "isForcedLabour"}): 1,
        # A2: job advert
        frozenset({"recruiterRelationOther"}): 1,
    }
    assert "MMR" not in (tmp_path / "ctdc.csv").read_text("utf-8")  # D0 is suppressed


def test_kanon_keeps_groups_of_k_and_only_coarsens_small_ones() -> None:
    ladder = (kanon.Step("b to *", 1, lambda v: "*"),
              kanon.Step("x, y to empty", 0, lambda v: "" if v in ("x", "y") else v))
    records = [("x", "1")] * 4 + [("x", "2")] * 2 + [("y", "2")] * 2 + [("z", "3")]
    result = kanon.anonymise(records, 3, ladder)
    assert result.values == ((("x", "1"),) * 4 + (("", "*"),) * 4 + (None,))
    assert (result.generalised, result.suppressed, result.kept) == (4, 1, 8)
    assert result.by_level() == {0: 4, 2: 4}
    # order does not matter
    again = kanon.anonymise(list(reversed(records)), 3, ladder)
    assert Counter(again.values) == Counter(result.values)
    assert kanon.anonymise(records, 1, ladder).generalised == 0
    with pytest.raises(ValueError):
        kanon.anonymise(records, 0, ladder)


def test_year_spans_nest() -> None:
    assert ctdc_file.year_span("2021", 2) == "2020--2021"
    assert ctdc_file.year_span("2019", 2) == "2018--2019"
    assert ctdc_file.year_span("2020--2021", 4) == "2020--2023"
    assert ctdc_file.year_span("2021", 4) == "2020--2023"
    assert ctdc_file.year_span("2020--2023", 2) == "2020--2023"
    assert ctdc_file.year_span("", 2) == ""
    for year in range(2000, 2040):  # a 2-year span lies inside the 4-year span of its years
        two = ctdc_file.year_span(str(year), 2)
        assert ctdc_file.year_span(two, 4) == ctdc_file.year_span(str(year), 4)


def test_ctdc_maps_every_code() -> None:
    for field, mapping in ctdc_file.FIELD_MAPS.items():
        assert set(mapping) == set(vocab.VOCABULARIES[field]), field
        assert {f for f in mapping.values() if f} <= set(ctdc_file.FLAGS), field
    assert set(ctdc_file.GENDER) == set(vocab.SEX)
    assert set(ctdc_file.AGE_BROAD) == set(vocab.AGE_BANDS)
    assert set(ctdc_file.ALPHA3) == set(vocab.COUNTRIES)


def test_ctdc_header_is_the_reference_list() -> None:
    assert list(ctdc_file.COLUMNS) == CTDC_HEADER
    reference = SHARED / "ctdc-coding.md"
    text = reference.read_text("utf-8")
    section = text.split("## Variables of the 2024 global dataset, in order")[1].split("##")[0]
    assert re.findall(r"`([A-Za-z]+)`", section) == CTDC_HEADER


# ---------------------------------------------------------------- CTDC on generated data
def test_ctdc_is_k_anonymous_and_reports_its_numbers(con, tmp_path: Path) -> None:
    out = tmp_path / "out" / "ctdc.csv"
    summary = exports.ctdc(con, out)
    assert summary["k"] == 11
    header, rows = read_csv(out)
    assert header == CTDC_HEADER
    persons = scalar(con, "SELECT count(*) FROM persons "
                          "WHERE screening_result IS DISTINCT FROM 'not_victim'")
    assert summary["records"] == persons  # CTDC counts victims: not_victim left out
    assert summary["rows"] == len(rows) == persons - summary["suppressed"]
    assert sum(summary["by_level"].values()) == len(rows)
    groups = Counter(tuple(r[q] for q in QIS) for r in rows)
    assert min(groups.values()) >= 11
    assert summary["smallest_group"] == min(groups.values())
    assert summary["suppressed"] > 0 and summary["generalised"] > 0  # 500 persons, k = 11

    # generalised: rows whose quasi-identifiers differ from the person's as recorded, coded
    # here from the database independently of the module
    recorded = {pid: (
        "" if year is None else str(year), CTDC_GENDER[sex], CTDC_AGE.get(band, ""),
        CTDC_COUNTRY.get(nat, ""), CTDC_COUNTRY.get(country, ""))
        for pid, year, sex, band, nat, country in con.execute(
            "SELECT person_id, monitoring_year, sex, age_band, nationality, "
            "exploitation_country FROM persons "
            "WHERE screening_result IS DISTINCT FROM 'not_victim'").fetchall()}
    people = ctdc_file.records(con)
    assert [qis for _, qis, _ in people] == [recorded[pid] for pid, _, _ in people]
    result = kanon.anonymise([qis for _, qis, _ in people], 11, ctdc_file.LADDER)
    changed = sum(1 for (pid, _, _), v in zip(people, result.values, strict=True)
                  if v is not None and v != recorded[pid])
    assert summary["generalised"] == changed
    assert summary["suppressed"] == sum(v is None for v in result.values)
    # the file holds exactly the kept persons' rows
    want = Counter(tuple(ctdc_file.row(v, flags)) for (_, _, flags), v
                   in zip(people, result.values, strict=True) if v is not None)
    assert Counter(tuple(r[c] for c in CTDC_HEADER) for r in rows) == want
    # a row in a group of k as recorded is published as recorded
    sizes = Counter(recorded.values())
    assert sum(1 for v in recorded.values() if sizes[v] >= 11) == summary["by_level"].get(
        "as recorded", 0)
    # the sidecar says what was done
    text = Path(summary["paths"][1]).read_text("utf-8")
    assert f"suppressed: {summary['suppressed']}" in text and "k = 11" in text


def test_ctdc_codes_follow_the_reference(con, tmp_path: Path) -> None:
    exports.ctdc(con, tmp_path / "k5.csv", k=5)
    exports.ctdc(con, tmp_path / "k1.csv", k=1)
    _, rows = read_csv(tmp_path / "k5.csv")
    _, exact = read_csv(tmp_path / "k1.csv")
    rows += exact
    span = re.compile(r"^(\d{4})--(\d{4})$")
    for r in rows:
        year = r["yearOfRegistration"]
        if m := span.match(year):
            lo, hi = int(m[1]), int(m[2])
            assert hi - lo + 1 in (2, 4) and (lo - 2000) % (hi - lo + 1) == 0, year
        else:
            assert year == "" or re.fullmatch(r"20\d\d", year), year
        assert r["gender"] in {"Man", "Woman", "Trans/Transgender/NonConforming", ""}
        assert r["ageBroad"] in set(CTDC_AGE.values()) | WIDE_AGES | {""}
        assert r["citizenship"] in set(CTDC_COUNTRY.values()) | {""}
        assert r["CountryOfExploitation"] in set(CTDC_COUNTRY.values()) | {""}
        assert all(r[f] in ("1", "") for f in CTDC_HEADER[6:])
        assert all(r[f] == "" for f in NOT_HELD)
    assert {r["ageBroad"] for r in exact} == {CTDC_AGE.get(b, "") for (b,) in con.execute(
        "SELECT DISTINCT age_band FROM persons").fetchall()}
    assert "09--17" in {r["ageBroad"] for r in exact}
    assert {r["citizenship"] for r in exact} >= {"THA", "LAO", "MMR"}


def test_ctdc_flags_count_the_database(con, tmp_path: Path) -> None:
    """With k = 1 nothing is generalised or suppressed: every flag total is the database's."""
    summary = exports.ctdc(con, tmp_path / "all.csv", k=1)
    assert (summary["generalised"], summary["suppressed"]) == (0, 0)
    _, rows = read_csv(tmp_path / "all.csv")
    got = {f: sum(r[f] == "1" for r in rows) for f in CTDC_HEADER[6:]}

    def persons_with(table: str, column: str, codes: tuple[str, ...]) -> int:
        return con.execute(f"SELECT count(DISTINCT person_id) FROM {table} JOIN persons "
                           "USING (person_id) WHERE screening_result IS DISTINCT FROM "
                           f"'not_victim' AND list_contains(?, {column})",
                           [list(codes)]).fetchall()[0][0]

    means = ("person_control_means", "means")
    assert got["meansWithholdDocs"] == persons_with(*means, ("withholds_documents",))
    assert got["meansThreats"] == persons_with(*means, ("threats",))
    assert got["meansAbusePsyPhySex"] == persons_with(*means, ("physical_violence",
                                                               "sexual_abuse"))
    assert got["meansDebtBondageEarnings"] == persons_with(
        *means, ("debt_bondage", "withholds_wages", "arbitrary_fines"))
    assert got["meansDenyBasicNeeds"] == persons_with(*means, ("restricts_movement",))
    assert got["meansDrugsAlcohol"] == persons_with(*means, ("forced_drug_use",))
    expl = ("person_exploitation", "exploitation_type")
    assert got["isForcedLabour"] == persons_with(*expl, ("forced_labour",))
    assert got["isSexualExploit"] == persons_with(*expl, ("sexual_exploitation",))
    assert got["isOtherExploit"] == persons_with(*expl, ("forced_criminality", "other"))
    chan = ("person_channels", "channel")
    assert got["recruiterRelationFriend"] == persons_with(*chan, ("friend_acquaintance",))
    assert got["recruiterRelationFamily"] == persons_with(*chan, ("family",))
    assert got["recruiterRelationOther"] == persons_with(*chan, ("broker", "job_advert", "other"))
    assert all(got[f] == 0 for f in NOT_HELD if f in got)
    assert got["meansThreats"] > 0 and got["isOtherExploit"] > 0


def test_ctdc_is_deterministic_and_carries_no_identifier(con, tmp_path: Path) -> None:
    a = exports.ctdc(con, tmp_path / "a.csv")
    b = exports.ctdc(con, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert {k: v for k, v in a.items() if k != "paths"} == {
        k: v for k, v in b.items() if k != "paths"}
    text = (tmp_path / "a.csv").read_text("utf-8")
    ids = [r[0] for r in con.execute("SELECT person_id FROM persons").fetchall()]
    assert not any(pid in text for pid in ids)
    _, rows = read_csv(tmp_path / "a.csv")
    assert [list(r.values()) for r in rows] == sorted(list(r.values()) for r in rows)


# ---------------------------------------------------------------- HTCDS
def _standard() -> dict[str, tuple[str, list[str]]]:
    """HTCDS 2.0 field name → (type, picklist value names) from the shared reference."""
    path = SHARED / "htcds2_field_standards.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    fields = {}
    for r in rows[1:]:
        r = r + [""] * (13 - len(r))
        if r[6] and r[6] != "N/A":
            values = [v.strip() for v in r[9].splitlines() if v.strip()]
            fields[r[6]] = (r[7], values if "Picklist" in r[7] else [])
    return fields


def test_htcds_names_and_picklists_are_the_standard(con, tmp_path: Path) -> None:
    standard = _standard()
    for name, values in htcds_file.HTCDS_PICKLISTS.items():
        assert name in standard, name
        if values:
            assert list(values) == standard[name][1], name
    for table in schema.ALL_TABLES:  # schema metadata: a standard name or a documented fix
        for col in table.columns:
            if col.htcds:
                assert col.htcds in standard or col.htcds in htcds_file.HTCDS_NAME_FIXES, (
                    table.name, col.name, col.htcds)
    summary = exports.htcds(con, tmp_path / "htcds.csv")
    header, rows = read_csv(tmp_path / "htcds.csv")
    assert summary["rows"] == len(rows) == scalar(con, "SELECT count(*) FROM persons")
    assert header[0] == "x_PersonId" and len(header) == len(set(header))
    for name in header:
        assert name.startswith("x_") or name in standard, name
    for name in (n for n in header if not n.startswith("x_")):
        typ, values = standard[name]
        seen = {v for r in rows for v in r[name].split(";") if v}
        if name == "prs_Citizenship":
            assert all(re.fullmatch(r"[A-Z]{2}", v) for v in seen)
        elif "Picklist" in typ:
            assert seen <= set(values), (name, seen - set(values))
            assert seen, name
    # multi-valued fields in the standard's order, without repeats
    for name in ("vic_MethodOfRecruitment", "vic_MethodsOfControl", "vic_TypeOfExploitation"):
        order = standard[name][1]
        for r in rows:
            got = [v for v in r[name].split(";") if v]
            assert got == sorted(set(got), key=order.index)


def test_htcds_content_matches_the_database(con, tmp_path: Path) -> None:
    exports.htcds(con, tmp_path / "htcds.csv")
    _, rows = read_csv(tmp_path / "htcds.csv")
    by_id = {r["x_PersonId"]: r for r in rows}
    assert set(by_id) == {r[0] for r in con.execute("SELECT person_id FROM persons").fetchall()}
    criminality = {r[0] for r in con.execute(
        "SELECT person_id FROM person_exploitation WHERE exploitation_type = "
        "'forced_criminality'").fetchall()}
    assert {p for p, r in by_id.items() if r["x_ForcedCriminality"] == "true"} == criminality
    assert all("Other" in by_id[p]["vic_TypeOfExploitation"].split(";") for p in criminality)
    identified = scalar(con, "SELECT count(*) FROM persons "
                             "WHERE screening_result = 'identified_victim'")
    assert sum(r["vic_TraffickingStatus"] == "ActualVictimOfTrafficking" for r in rows) == \
        identified
    assert all(r["vic_TraffickingStatus"] for r in rows)
    assert sum(int(r["x_FinesCount"]) for r in rows) == scalar(con, "SELECT count(*) FROM fines")
    fines_usd = scalar(con, "SELECT sum(amount_usd) FROM fines")
    assert sum(float(r["x_FinesTotalUSD"] or 0) for r in rows) == pytest.approx(fines_usd,
                                                                                 abs=1.0)
    sex = dict(con.execute("SELECT person_id, sex FROM persons").fetchall())
    assert all(r["prs_Gender"] == htcds_file.GENDER[sex[p]] for p, r in by_id.items())
    social = {r[0] for r in con.execute(
        "SELECT person_id FROM person_channels WHERE channel = 'tiktok'").fetchall()}
    assert {p for p, r in by_id.items() if "TikTok" in r["vic_RecruitmentWebsitesAndApps"]} == \
        social
    threats = {r[0] for r in con.execute(
        "SELECT person_id FROM person_control_means WHERE means = 'threats'").fetchall()}
    assert {p for p, r in by_id.items() if "threats" in r["x_MethodsOfControl"].split(";")} == \
        threats


def test_htcds_holds_no_free_text_and_no_source_keys(built, con, tmp_path: Path) -> None:
    truth = built[0]
    summary = exports.htcds(con, tmp_path / "htcds.csv")
    header, rows = read_csv(tmp_path / "htcds.csv")
    for banned in ("person_ref", "case_ref", "joint_ref", "link_key", "home_province", "agency",
                   "site_text", "notes"):
        assert not any(banned.replace("_", "").lower() in h.lower().replace("_", "")
                       for h in header), banned
    cells = {v for r in rows for v in r.values()}
    keys = {v for row in con.execute(
        "SELECT person_ref, case_ref, joint_ref, link_key FROM src_persons").fetchall()
        for v in row if v}
    keys |= {r[0] for r in con.execute("SELECT person_ref FROM source_persons").fetchall()}
    assert not keys & cells
    free = {v for row in con.execute(
        "SELECT home_province, site_text FROM src_persons").fetchall() for v in row if v}
    free |= {r[0] for r in con.execute(
        "SELECT DISTINCT agency FROM referral_steps WHERE agency IS NOT NULL").fetchall()}
    assert free and not free & cells
    text = (tmp_path / "htcds.csv").read_text("utf-8")
    assert text.isascii()  # Thai or Lao text could only be free text
    assert not any(marker in text for marker in truth["note_markers"])
    # the data dictionary, next to the CSV, restricts the file and documents every column
    doc = Path(summary["paths"][1])
    assert doc == tmp_path / "htcds.csv.md"
    words = doc.read_text("utf-8")
    assert "analysts" in words and "person-level" in words.lower()
    assert "Do not publish" in words
    assert all(f"`{h}`" in words for h in header)


# ---------------------------------------------------------------- Parquet
def _read_back(con: duckdb.DuckDBPyConnection, out: Path, table: str) -> str:
    glob = str(out / table / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = true)"


def test_parquet_round_trip_per_table_and_year(con, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    summary = exports.parquet(con, out)
    assert set(summary["tables"]) == {
        "persons", "source_persons", "referral_steps", "fines", "debts", "person_channels",
        "person_exploitation", "person_control_means", "fx_rates"}
    assert any(out.glob("persons/monitoring_year=2021/*.parquet"))
    assert any(out.glob("referral_steps/source=bokeo/monitoring_year=*/*.parquet"))
    assert (out / "fx_rates" / "data_0.parquet").exists()
    for table, info in summary["tables"].items():
        source = _read_back(con, out, table)
        db_count = scalar(con, f"SELECT count(*) FROM {table}")
        assert info["rows"] == db_count == scalar(con, f"SELECT count(*) FROM {source}"), table
        got_cols = {d[0] for d in con.execute(f"SELECT * FROM {source} LIMIT 0").description}
        assert set(schema.TABLES[table].column_names) <= got_cols, table
        if "monitoring_year" not in info["partition_by"]:
            continue
        by = ", ".join(info["partition_by"])
        if table == "persons":
            want = con.execute(f"SELECT {by}, count(*) FROM persons GROUP BY ALL "
                               "ORDER BY ALL").fetchall()
        else:
            cols = ", ".join(f"t.{c}" if c != "monitoring_year" else "p.monitoring_year"
                             for c in info["partition_by"])
            want = con.execute(f"SELECT {cols}, count(*) FROM {table} t LEFT JOIN persons p "
                               "USING (person_id) GROUP BY ALL ORDER BY ALL").fetchall()
        got = con.execute(f"SELECT {by}, count(*) FROM {source} GROUP BY ALL "
                          "ORDER BY ALL").fetchall()
        assert got == want, table
        assert any(row[-2] is None for row in want) or table != "persons"  # year unknown kept
    # every column survives: the persons read back equal the table
    back = con.execute(f"SELECT * EXCLUDE (monitoring_year), monitoring_year::INTEGER AS "
                       f"monitoring_year FROM {_read_back(con, out, 'persons')} "
                       "ORDER BY person_id").df()
    want_df = con.execute("SELECT * FROM persons ORDER BY person_id").df()
    pd.testing.assert_frame_equal(back[want_df.columns], want_df, check_dtype=False)


def test_parquet_target_path_is_quoted_not_injected(built, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(built[1], db)
    con = duckdb.connect(str(db))  # writable: a successful injection would drop the table
    try:
        out = tmp_path / "o'brien'); DROP TABLE persons; --"
        summary = exports.parquet(con, out)
        assert Path(summary["out_dir"]) == out.resolve()
        assert scalar(con, "SELECT count(*) FROM persons") == summary["tables"]["persons"]["rows"]
        assert scalar(con, f"SELECT count(*) FROM {_read_back(con, out, 'persons')}") == \
            summary["tables"]["persons"]["rows"]
        literal = parquet_tables.sql_literal(out)
        assert scalar(con, f"SELECT {literal}") == str(out)
        with pytest.raises(ValueError):
            parquet_tables.sql_literal(Path("/tmp/a\nb"))
    finally:
        con.close()


def test_parquet_replaces_its_own_export_only(con, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    first = exports.parquet(con, out)
    again = exports.parquet(con, out)
    assert again["tables"] == first["tables"]
    (out / "debts" / "my_notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        exports.parquet(con, out)
    assert (out / "debts" / "my_notes.txt").exists()
    assert any((out / "persons").rglob("*.parquet"))  # nothing removed before refusing
    with pytest.raises(NotADirectoryError):
        exports.parquet(con, out / "debts" / "my_notes.txt")


def test_empty_tables_still_read_back(hand_db: Path, tmp_path: Path) -> None:
    """The hand database has persons but no steps, fines or debts."""
    con = duckdb.connect(str(hand_db), read_only=True)
    try:
        summary = exports.parquet(con, tmp_path / "pq")
        assert summary["tables"]["fines"]["rows"] == 0
        assert (tmp_path / "pq" / "fines" / "data_0.parquet").exists()
        for table in summary["tables"]:
            source = _read_back(con, tmp_path / "pq", table)
            assert scalar(con, f"SELECT count(*) FROM {source}") == scalar(
                con, f"SELECT count(*) FROM {table}")
        assert scalar(con, "SELECT count(*) FROM " + _read_back(con, tmp_path / "pq", "persons")
                      + " WHERE monitoring_year IS NULL") == 3
    finally:
        con.close()


def test_csv_exports_write_only_csv_files(hand_db: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(hand_db), read_only=True)
    try:
        for export in (exports.ctdc, exports.htcds):
            with pytest.raises(ValueError):
                export(con, tmp_path / "monitoring.duckdb")
            with pytest.raises(IsADirectoryError):
                export(con, tmp_path)
    finally:
        con.close()


def test_describe_gives_the_numbers(hand_db: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(hand_db), read_only=True)
    try:
        line = exports.describe(exports.ctdc(con, tmp_path / "c.csv", k=3))
    finally:
        con.close()
    assert "12 of 13 records" in line and "6 generalised" in line and "1 suppressed" in line
