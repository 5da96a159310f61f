"""The first dashboard page, driven as a user would (Streamlit AppTest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.ingest import ingest
from tests.conftest import AS_OF, BK_PERSON_HEADERS, cr_person, write_csv, write_workbook

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Thai/Lao persons per year: 2021 12/3 (3 must be hidden), 2022 7/6, 2023 9/0."""
    counts = {("2564", "ไทย"): 12, ("2564", "ลาว"): 3, ("2565", "ไทย"): 7, ("2565", "ลาว"): 6,
              ("2566", "ไทย"): 9}
    persons, steps = [], []
    for (year, nationality), n in counts.items():
        for i in range(n):
            ref = f"CR-{year}-{nationality}-{i}"
            persons.append(cr_person(ref, nationality=nationality))
            steps.append([ref, "ช่วยเหลือ", f"01/05/{year}", "", ""])
    raw = tmp_path / "raw"
    raw.mkdir()
    write_workbook(raw / "cr.xlsx", persons, steps)
    write_csv(raw / "bk.csv", BK_PERSON_HEADERS, [])
    db = tmp_path / "m.duckdb"
    ingest([raw], db, as_of=AS_OF)
    monkeypatch.setenv("TIPMON_DB", str(db))
    return db


def run_app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if lang:
        at.selectbox(key="lang").set_value(lang).run()
    return at


def visible_numbers(at: AppTest) -> list[str]:
    texts = []
    for frame in at.dataframe:
        texts.extend(str(v) for v in frame.value.to_numpy().ravel())
    return texts


def test_overview_shows_suppressed_annual_counts(demo_db: Path) -> None:
    at = run_app()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    cells = visible_numbers(at)
    assert "<5" in cells and "9" in cells
    assert "3" not in cells  # 3 Lao persons in 2021: shown as <5
    # 2021 has one small cell (Lao 3) beside Thai 12: its year total would reveal it unless
    # the complement is hidden too, and so on for the Lao and Thai columns.
    assert "12" not in cells
    assert cells.count("<5") == 4
    for value in cells:
        if re.fullmatch(r"\d+", value):
            assert int(value) == 0 or int(value) >= 5


def test_language_switch_is_per_session(demo_db: Path) -> None:
    thai = run_app("th")
    assert not thai.exception
    assert "การติดตามร่วม" in thai.title[0].value
    english = run_app()
    assert english.title[0].value.startswith("Joint monitoring")


def test_no_database_yet_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPMON_DB", str(tmp_path / "absent.duckdb"))
    at = run_app()
    assert not at.exception
    assert "tipmon ingest" in at.info[0].value
