"""Expectation suites and the GX gate: derived from the schema, run on every ingest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from pipelines.ingest import ingest
from pipelines.quality import suites
from pipelines.vocab import VOCABULARIES
from tests.conftest import (
    AS_OF,
    BK_PERSON_HEADERS,
    bk_person,
    cr_person,
    query,
    write_csv,
    write_workbook,
)


def test_committed_suites_are_what_the_schema_derives() -> None:
    """Edit pipelines/vocab.py, schema.py or sources, then `tipmon quality --write-suites`."""
    committed = suites.load_all()
    assert committed == suites.build_all()
    for path in suites.SUITES_DIR.glob("*.json"):
        assert json.loads(path.read_text("utf-8"))["name"] + ".json" == path.name


def test_suites_load_as_gx_suites_and_cover_every_vocabulary() -> None:
    from pipelines.quality.gate import gate

    g = gate()
    assert set(g.suites) == set(suites.build_all())
    for name in g.suites:
        g._definition(name)  # raises if GX cannot build the suite
    unused = set(VOCABULARIES) - suites.vocabularies_used() - {"link_key_status"}
    assert unused == set()


def test_every_quarantine_expectation_names_a_rule() -> None:
    for suite in suites.build_all().values():
        for e in suite["expectations"]:
            assert e["meta"]["on_failure"] in ("quarantine", "finding", "report")
            if e["meta"]["on_failure"] == "quarantine":
                assert e["meta"].get("rule"), e


def test_gate_names_failing_rows_and_keeps_counts_only(validate) -> None:
    frame = pd.DataFrame({
        "row_number": [2, 3, 4],
        "person_ref": ["A", None, "C"],
        "step": ["rescued", "rescued", "rescued"],
        "step_date": [dt.date(2021, 1, 1), dt.date(2021, 1, 1), dt.date(2099, 1, 1)],
        "channel": [None, "formal", None],
    })
    result = validate("source.cr_steps", frame)
    failing = {(f.index, f.column, f.rule) for f in result.failures}
    assert failing == {(3, "person_ref", "missing_required"), (4, "step_date", "date_window")}
    assert all(set(r) == {"suite", "expectation", "column_name", "on_failure", "success",
                          "unexpected_count", "element_count"} for r in result.results)
    assert sum(not r["success"] for r in result.results) == 2


def test_ingest_records_runs_results_and_step_order_findings(tmp_path: Path, db: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_workbook(raw / "cr.xlsx", [cr_person("CR-1"), cr_person("CR-2", age="150")],
                   [["CR-1", "ช่วยเหลือ", "10/01/2564", "", ""],
                    ["CR-1", "รับแจ้งเหตุ", "15/01/2564", "", ""]])  # rescued before reported
    write_csv(raw / "bk.csv", BK_PERSON_HEADERS,
              [bk_person("BK-1", date_rescued="2021-02-01", date_handed_over="2021-01-20",
                         link_key="N/A")])
    ingest([raw], db, as_of=AS_OF)
    (run,) = query(db, "SELECT run_id, batches, expectations, failed FROM dq_runs")
    assert run[1] >= 9 and run[2] > 20 and run[3] >= 3
    failed = query(db, "SELECT suite, column_name, on_failure, unexpected_count FROM dq_results "
                       "WHERE NOT success ORDER BY suite, column_name")
    assert ("source.cr_persons", "age", "quarantine", 1) in failed
    assert ("source.bk_persons", "link_key_status", "finding", 1) in failed
    kinds = sorted(k for (k,) in query(db, "SELECT kind FROM dq_findings"))
    assert kinds == ["malformed_link_key", "step_order", "step_order"]
    reason = query(db, "SELECT reason FROM quarantine")
    assert reason == [("อายุ (age): '150' is above 100 (expect_column_values_to_be_between)",)]
    # Results hold counts, not values: no cell of the quarantined row is in dq_results.
    for row in query(db, "SELECT * FROM dq_results"):
        assert "150" not in " ".join(map(str, row))


def test_completeness_and_timeliness(tmp_path: Path, db: Path) -> None:
    from pipelines import indicators, store

    raw = tmp_path / "raw"
    raw.mkdir()
    write_workbook(raw / "cr.xlsx",
                   [cr_person("CR-1", screening_result="เป็นผู้เสียหาย",
                              recruitment_channels="Facebook"),
                    cr_person("CR-2", sex="", nationality="")],
                   [["CR-1", "ช่วยเหลือ", "10/01/2564", "", ""],
                    ["CR-2", "ช่วยเหลือ", "20/01/2564", "", ""]])
    ingest([raw], db)  # today's date: timeliness counts to the real ingest day
    con = store.connect(db, read_only=True)
    try:
        full = indicators.completeness(con)
        timely = indicators.timeliness(con)
    finally:
        con.close()
    share = {(r.field): (r.filled, r.persons) for r in full.itertuples() if r.year == "2021"}
    assert share["sex"] == (1, 2) and share["nationality"] == (1, 2)
    assert share["screening_result"] == (1, 2) and share["recruitment_channel"] == (1, 2)
    assert share["age"] == (2, 2) and share["first_step_date"] == (2, 2)
    assert "lao_outcome" not in share  # a Bokeo field is not asked of Chiang Rai
    (row,) = timely.itertuples()
    today = dt.date.today()
    expected = sorted([(today - dt.date(2021, 1, 10)).days, (today - dt.date(2021, 1, 20)).days])
    assert (row.source, row.year, row.step, row.steps) == ("chiang_rai", 2021, "rescued", 2)
    assert row.median_days == sum(expected) / 2


def test_a_person_without_dated_steps_passes_the_gate(tmp_path: Path, db: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_workbook(raw / "cr.xlsx", [cr_person("CR-1"), cr_person("CR-2")],
                   [["CR-1", "ช่วยเหลือ", "", "", ""]])
    assert ingest([raw], db, as_of=AS_OF).exit_code == 0
    assert query(db, "SELECT count(*) FROM persons WHERE monitoring_year IS NULL") == [(2,)]


def test_batches_validated_together_get_the_results_of_one_run_each() -> None:
    """The ingest validates the batches of one suite from several files in one GX run
    (Gate.validate_many): each batch gets exactly what a run on it alone gives, uniqueness
    within the batch included; dates beyond what nanoseconds hold still fail their window."""
    from pipelines.quality.gate import gate

    g = gate()
    d = dt.date
    steps = [
        pd.DataFrame({"row_number": [2, 3, 4, 5, 6], "person_ref": ["A", None, "C", "A", "E"],
                      "step": ["rescued", "nope", "rescued", "rescued", None],
                      "step_date": [d(2021, 1, 1), d(2657, 1, 1), d(1, 1, 1), None,
                                    d(2026, 11, 30)],
                      "channel": [None, "formal", None, "x", None]}),
        pd.DataFrame({"row_number": [], "person_ref": [], "step": [], "step_date": [],
                      "channel": []}, dtype=object),
        pd.DataFrame({"row_number": [2, 3], "person_ref": ["A", "B"],
                      "step": ["rescued", "reported"],
                      "step_date": [d(2020, 5, 1), d(2099, 1, 1)], "channel": [None, None]}),
    ]
    refs = [["P1", "P1", "P2"], ["P1", "P2", "P3"]]  # P1 twice in the first batch only
    persons = [pd.DataFrame({"row_number": [2, 3, 4], "person_ref": r, "sex": ["male"] * 3,
                             "age": [20, 150, None], "link_key": [None] * 3,
                             "link_key_status": ["missing", "odd", "ok"]}) for r in refs]

    def seen(v):
        return (sorted((f.index, f.column, f.expectation, f.on_failure) for f in v.failures),
                v.results)

    for suite, frames in (("source.cr_steps", steps), ("source.bk_persons", persons)):
        together = g.validate_many(suite, frames, "row_number", AS_OF)
        alone = [g.validate(suite, f, "row_number", AS_OF) for f in frames]
        assert [seen(v) for v in together] == [seen(v) for v in alone]
    (first, _empty, third) = g.validate_many("source.cr_steps", steps, "row_number", AS_OF)
    dates = {f.index for f in first.failures if f.column == "step_date"}
    assert dates == {3, 4, 6} and {f.index for f in third.failures} == {3}
    unique = [next(r for r in v.results if r["expectation"].endswith("_unique"))
              for v in g.validate_many("source.bk_persons", persons, "row_number", AS_OF)]
    assert [r["unexpected_count"] for r in unique] == [2, 0]
