"""Acceptance: exports written to the spec by someone outside the pipeline, and the numbers the
spec implies for them, worked out by hand (tests/data/spec_cases/README.md, expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines import indicators, schema
from pipelines.ingest import ingest
from tests.conftest import AS_OF

CASES = Path(__file__).parent / "data" / "spec_cases"
EXPECTED = json.loads((CASES / "expected.json").read_text("utf-8"))
SCENARIOS = {
    "initial": [["initial"]],
    "initial_then_reexport": [["initial"], ["reexport"]],
}


@pytest.fixture(scope="module", params=list(SCENARIOS))
def scenario(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    name = request.param
    db = tmp_path_factory.mktemp(name) / "m.duckdb"
    for run in SCENARIOS[name]:
        report = ingest([CASES / folder for folder in run], db, as_of=AS_OF)
        assert report.exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    yield EXPECTED["scenarios"][name], con
    con.close()


def test_rows_read_loaded_quarantined_per_sheet(scenario) -> None:
    expected, con = scenario
    got = {(f, s): (r, lo, q) for f, s, r, lo, q in con.execute(
        "SELECT file_name, sheet, rows_read, rows_loaded, rows_quarantined FROM ingest_sheets"
    ).fetchall()}
    want = {(e["file"], e["sheet"]): (e["rows_read"], e["rows_loaded"], e["rows_quarantined"])
            for e in expected["ingest"]}
    assert got == want


def test_exactly_the_bad_rows_are_quarantined_naming_their_column(scenario) -> None:
    expected, con = scenario
    rows = con.execute(
        "SELECT file_name, sheet, row_number, columns FROM quarantine").fetchall()
    got = {(f, s, r): set(c.split(", ")) for f, s, r, c in rows}
    want = {tuple(q[:3]): q[3] for e in expected["ingest"] for q in e["quarantined"]}
    assert set(got) == set(want)
    alternatives = {tuple(a["row"]): {a["expected_column"], *a["also_acceptable"]}
                    for a in EXPECTED["scenarios"]["initial"]["quarantine_column_alternatives"]}
    for key, column in want.items():
        assert got[key] & alternatives.get(key, {column}), (key, got[key], column)


def test_outstanding_quarantine_is_the_latest_files(scenario) -> None:
    expected, con = scenario
    if "outstanding_quarantine" in expected:
        want = {tuple(r[:3]) for r in expected["outstanding_quarantine"]["rows"]}
    else:  # one export of each kind: every quarantined row is outstanding
        want = {tuple(q[:3]) for e in expected["ingest"] for q in e["quarantined"]}
    rows = con.execute("SELECT file_name, sheet, row_number FROM quarantine_outstanding")
    assert set(rows.fetchall()) == want


def test_persons_per_year_and_nationality(scenario) -> None:
    expected, con = scenario
    want = expected["persons"]
    assert con.execute("SELECT count(*) FROM persons").fetchall()[0][0] == want["total"]
    linked = con.execute("SELECT count(*) FROM persons WHERE in_chiang_rai AND in_bokeo")
    assert linked.fetchall()[0][0] == want["linked"]
    got: dict[str, dict[str, int]] = {}
    for year, nationality, n in indicators.persons_by_year_nationality(con).itertuples(
            index=False):
        got.setdefault(year, {})[nationality] = int(n)
    assert got == want["by_year_nationality"]
    by_sex = dict(con.execute("SELECT sex, count(*) FROM persons GROUP BY 1").fetchall())
    assert by_sex == want["by_sex"]


def test_identified_victims(scenario) -> None:
    expected, con = scenario
    want = {k: v for k, v in expected["identified_victims_by_year"].items()
            if k not in ("total", "why")}
    counts = indicators.annual_counts(con)
    got = {}
    for year, group in counts.groupby("year"):
        n = int(group["identified_victims"].sum())
        if n:
            got[year] = n
    assert got == want


def test_findings(scenario) -> None:
    expected, con = scenario
    want = expected["findings"]
    reviews = con.execute(
        "SELECT count(DISTINCT chiang_rai_ref) FROM link_reviews WHERE chiang_rai_candidates > 1"
        " UNION ALL SELECT count(DISTINCT bokeo_ref) FROM link_reviews WHERE bokeo_candidates > 1"
    ).fetchall()
    assert sum(r[0] for r in reviews) == want["ambiguous_link_reviews"]
    kinds = dict(con.execute("SELECT kind, count(*) FROM dq_findings GROUP BY 1").fetchall())
    conflicts = kinds.get("conflict_sex", 0) + kinds.get("conflict_nationality", 0)
    assert conflicts == want["sex_nationality_conflicts"]
    assert kinds.get("malformed_link_key", 0) == want["malformed_link_key"]
    formulas = con.execute("SELECT count(*) FROM ingest_findings "
                           "WHERE kind = 'formula_without_value'").fetchall()[0][0]
    formula_want = want["formula_without_cached_value"]
    if isinstance(formula_want, dict):
        formula_want = formula_want["logged_all_files"]
    assert formulas == formula_want


def test_fines_by_reason(scenario) -> None:
    expected, con = scenario
    want = expected["fines_by_reason"]
    got = indicators.fines_by_reason(con).set_index("reason")
    assert int(got["fines"].sum()) == want["total_fines"]
    for reason, w in want.items():
        if not isinstance(w, dict):
            continue
        assert got.loc[reason, "fines"] == w["n"], reason
        assert got.loc[reason, "median_usd"] == pytest.approx(w["median_amount_usd"], abs=0.01)
        assert got.loc[reason, "median_thb"] == pytest.approx(w["median_amount_thb"], abs=0.01)


def test_debts_in_usd(scenario) -> None:
    expected, con = scenario
    want = expected["debts"]
    rows = con.execute(
        "SELECT d.source, s.person_ref, d.amount, d.currency, d.amount_usd, d.amount_thb "
        "FROM debts d JOIN source_persons s ON s.person_id = d.person_id "
        "AND s.source = d.source").fetchall()
    got = {(src, ref): (amount, cur, usd, thb) for src, ref, amount, cur, usd, thb in rows}
    assert len({r[0] for r in con.execute("SELECT person_id FROM debts").fetchall()}) == want[
        "persons_with_debt"]
    assert set(got) == {(i["source"], i["person_ref"]) for i in want["items"]}
    for item in want["items"]:
        amount, currency, usd, thb = got[(item["source"], item["person_ref"])]
        assert (amount, currency) == (item["amount"], item["currency"]), item
        for value, wanted in ((usd, item["amount_usd"]), (thb, item["amount_thb"])):
            if wanted is None:
                assert value is None, item
            else:
                assert value == pytest.approx(wanted, abs=0.01), item


def test_referral_durations(scenario) -> None:
    expected, con = scenario
    got = indicators.referral_durations(con)
    got = {f"{a}->{b}": (n, m) for a, b, n, m in
           got[["from_step", "to_step", "n", "median_days"]].itertuples(index=False)}
    for pair, w in expected["referral_durations"].items():
        if not isinstance(w, dict):
            continue
        n, median = got[pair]
        assert (n, median) == (w["n"], w["median_days"]), pair


def test_rights_indicators(scenario) -> None:
    expected, con = scenario
    for name in ("criminalisation", "screening_before_return"):
        w = expected[name]
        assert indicators.ratio(con, name) == (w["numerator"], w["denominator"]), name


def test_note_markers_appear_nowhere(scenario) -> None:
    expected, con = scenario
    for table in schema.TABLES:
        for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
            text = " ".join(str(v) for v in row)
            for marker in expected["note_markers"]:
                assert marker not in text, (table, marker)
