"""The synthetic exports, ingested: the pipeline must find exactly what the generator planted.

The generator knows the truth of what it wrote (truth.json); the pipeline only sees the files.
Any disagreement is a bug in one of the two, and both are ours.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines import cli, indicators, schema
from pipelines.generate import generate_exports
from pipelines.ingest import ingest


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("exports")
    truth = generate_exports(out, persons=600, seed=11)
    db = out.parent / "generated.duckdb"
    report = ingest([out], db)
    assert report.exit_code == 0
    return truth, report, out, db


@pytest.fixture
def con(generated):
    connection = duckdb.connect(str(generated[3]), read_only=True)
    yield connection
    connection.close()


def test_every_data_row_read_and_bad_rows_quarantined(generated, con) -> None:
    truth = generated[0]
    sheets = {(f, s): (r, q) for f, s, r, q in con.execute(
        "SELECT file_name, sheet, rows_read, rows_quarantined FROM ingest_sheets").fetchall()}
    quarantined = {(f, s, r) for f, s, r in con.execute(
        "SELECT file_name, sheet, row_number FROM quarantine").fetchall()}
    want_quarantine = set()
    for file_name, info in truth["files"].items():
        for sheet, part in info["sheets"].items():
            sheet_name = None if sheet in (None, "null") else sheet.strip()
            read, _ = sheets[(file_name, sheet_name)]
            assert read == part["data_rows"], (file_name, sheet)
            want_quarantine |= {(file_name, sheet_name, row) for row, *_ in part["bad_rows"]}
    assert quarantined == want_quarantine
    assert want_quarantine, "the generator plants bad rows"


def test_counts_match_the_truth(generated, con) -> None:
    truth, report, _, _ = generated
    assert report.persons == truth["persons_total"]
    assert report.linked == truth["linked_persons"]
    got: dict[str, dict[str, int]] = {}
    for year, nationality, n in indicators.persons_by_year_nationality(con).itertuples(
            index=False):
        got.setdefault(year, {})[nationality] = int(n)
    assert got == truth["persons_by_year_nationality"]
    identified = indicators.annual_counts(con).groupby("year")["identified_victims"].sum()
    assert {y: int(n) for y, n in identified.items() if n} == truth["identified_victims_by_year"]
    fines = indicators.fines_by_reason(con).set_index("reason")["fines"]
    assert {r: int(n) for r, n in fines.items()} == truth["fines_by_reason"]


def test_notes_are_never_loaded(generated, con) -> None:
    truth = generated[0]
    for table in schema.TABLES:
        for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
            text = " ".join(map(str, row))
            assert not any(marker in text for marker in truth["note_markers"]), table


def test_second_ingest_of_the_same_folder_changes_nothing(generated) -> None:
    _, _, out, db = generated
    con = duckdb.connect(str(db))
    before = {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchall()
              for t in schema.ALL_TABLES}
    con.close()
    again = ingest([out], db)
    assert {f.status for f in again.files} == {"unchanged"}
    con = duckdb.connect(str(db))
    after = {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchall()
             for t in schema.ALL_TABLES}
    con.close()
    assert after == before


def test_cli_generate_ingest_status(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out, db = tmp_path / "raw", tmp_path / "m.duckdb"
    assert cli.main(["generate", "--persons", "120", "--seed", "5", "--out", str(out),
                     "--quiet"]) == 0
    assert cli.main(["ingest", str(out), "--db", str(db), "--quiet"]) == 0
    printed = capsys.readouterr().out
    truth = json.loads((out / "truth.json").read_text("utf-8"))
    assert f"persons: {truth['persons_total']}" in printed
    assert cli.main(["status", "--db", str(db)]) == 0
    status = capsys.readouterr().out
    assert "chiang_rai" in status and f"persons {truth['persons_total']}" in status
    assert cli.main(["quality", "--db", str(db), "--rejections", str(tmp_path / "rej"),
                     "--docs", str(tmp_path / "docs")]) == 0
    quality = capsys.readouterr().out
    assert "rejections_chiang_rai.xlsx" in quality and "rejections_bokeo.xlsx" in quality
    assert (tmp_path / "rej" / "rejections_bokeo.xlsx").stat().st_size > 0
    assert (tmp_path / "docs" / "index.html").exists()
    assert cli.main(["export", "--format", "ctdc", "--out", str(tmp_path / "ctdc.csv"),
                     "--db", str(db)]) == 0
    assert "k = 11" in capsys.readouterr().out
    broken = tmp_path / "broken.csv"
    broken.write_text("hello,world\n1,2\n", encoding="utf-8")
    assert cli.main(["ingest", str(broken), "--db", str(db), "--quiet"]) == 2
    assert "not a Bokeo export" in capsys.readouterr().out
