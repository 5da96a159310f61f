"""The dashboard driven as a user would (Streamlit AppTest), against the meeting layer.

Every page: runs, shows a chart, offers downloads, shows the meeting layer's numbers for the
sidebar's filters, and never a count from 1 to k−1. Filters and language are per session.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import export, i18n, ui
from pipelines import disclosure, meeting, store
from pipelines.generate import generate_exports
from pipelines.indicators import Filters
from pipelines.ingest import ingest
from tests.conftest import AS_OF, BK_PERSON_HEADERS, cr_person, write_csv, write_workbook

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
PAGES = ("overview", "recruitment", "debt", "control", "durations", "coordination", "rights",
         "data_quality", "about")
K = disclosure.DEFAULT_K


# ---------------------------------------------------------------------------- fixtures

@contextlib.contextmanager
def serving(db: Path) -> Iterator[None]:
    """TIPMON_DB points at ``db`` for a whole module (monkeypatch is function-scoped)."""
    before = os.environ.get("TIPMON_DB")
    os.environ["TIPMON_DB"] = str(db)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TIPMON_DB", None)
        else:
            os.environ["TIPMON_DB"] = before


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """400 synthetic persons from `tipmon generate`, ingested: small cells on every page."""
    base = tmp_path_factory.mktemp("dash")
    generate_exports(base / "raw", 400, seed=11)
    db = base / "m.duckdb"
    ingest([base / "raw"], db, as_of=AS_OF)
    with serving(db):
        yield db


@pytest.fixture(scope="module")
def con(generated_db: Path) -> Iterator[object]:
    connection = store.connect(generated_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def tiny_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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


# ---------------------------------------------------------------------------- helpers

def run_app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if lang:
        at.selectbox(key="lang").set_value(lang).run()
    return at


def open_page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in at.dataframe]


def table_with(at: AppTest, first_header: str, header: str) -> pd.DataFrame:
    """The shown table whose first column is ``first_header`` and which has ``header``."""
    found = [f for f in tables(at) if f.columns[0] == first_header and header in f.columns]
    assert found, (first_header, header, [list(f.columns) for f in tables(at)])
    return found[0]


def grid(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Cells of a shown table keyed by (row label, column header)."""
    return {(str(row.iloc[0]), str(col)): str(row[col])
            for _, row in frame.iterrows() for col in frame.columns[1:]}


def shown(value: object, digits: int = 0, lang: str = "en") -> str:
    """How the dashboard writes a published cell (the formatting is the only change)."""
    if isinstance(value, float) and value == value and digits == 0:
        value = round(value)
    return i18n.number(value, lang, digits)


def expected(table: pd.DataFrame, rows, columns, digits: int = 0) -> dict[tuple[str, str], str]:
    return {(rows(r), columns(c)): shown(table.loc[r, c], digits)
            for r in table.index for c in table.columns}


def year(value: object) -> str:
    return i18n.year(value, "en")


def t(key: str, **values: object) -> str:
    return i18n.translate(key, "en", **values)


_COUNT = re.compile(r"\d{1,3}(,\d{3})*")


def small_counts(at: AppTest) -> list[str]:
    """Every visible count from 1 to k−1 in the tables and metrics of a page (English)."""
    stat_headers = {t(key) for key in ui.STAT_COLUMNS}
    bad = []
    for frame in tables(at):
        for col in frame.columns[1:]:
            if col in stat_headers:
                continue
            for cell in frame[col].astype(str):
                if _COUNT.fullmatch(cell) and 1 <= int(cell.replace(",", "")) < K:
                    bad.append(f"{col}={cell}")
    for metric in at.metric:
        value = str(metric.value)
        if _COUNT.fullmatch(value) and 1 <= int(value.replace(",", "")) < K:
            bad.append(f"{metric.label}={value}")
    return bad


# ---------------------------------------------------------------------------- every page

@pytest.fixture(scope="module")
def english(generated_db: Path) -> AppTest:
    return run_app()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_charts_downloads_and_hides_small_counts(english: AppTest,
                                                                  name: str) -> None:
    at = open_page(english, name)
    charts = at.get("plotly_chart")
    assert len(charts) >= 1
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels.count(t("common.download_csv")) >= len(charts)
    assert labels.count(t("common.download_xlsx")) >= len(charts)
    assert tables(at), "a table with every chart"
    assert small_counts(at) == []


def test_overview_equals_meeting_layer(english: AppTest, con) -> None:
    at = open_page(english, "overview")
    published = meeting.annual_by(con, "nationality", Filters())
    frame = table_with(at, t("common.year"), t("nationality.TH"))
    assert grid(frame) == expected(published.table, year,
                                   lambda c: i18n.code("nationality", c, "en"))
    assert "<5" in grid(frame).values()  # 400 persons: small cells exist and are hidden
    direction = meeting.annual_by(con, "direction", Filters())
    frame = table_with(at, t("common.year"), i18n.direction("TH-LA", "en"))
    assert grid(frame) == expected(direction.table, year, lambda c: i18n.direction(c, "en"))
    # Key figures: the last year against the one before, as meeting.key_figures says.
    last = max(int(y) for y in published.table.index if str(y).isdigit())
    figures = meeting.key_figures(con, last, Filters())
    metrics = {m.label: m.value for m in at.metric}
    for row in figures.itertuples():
        assert metrics[t(f"figure.{row.figure}")] == shown(row.value)


@pytest.mark.parametrize("name, field", [("recruitment", "channel"),
                                         ("control", "control_means"),
                                         ("control", "exploitation")])
def test_shares_equal_meeting_layer(english: AppTest, con, name: str, field: str) -> None:
    at = open_page(english, name)
    counts, shares = meeting.shares(con, field, Filters())
    first = shares.table.columns[0]
    header = i18n.code(field, first, "en")
    shown_shares = [f for f in tables(at) if f.columns[0] == t("common.year")
                    and header in f.columns]
    label = lambda c: i18n.code(field, c, "en")  # noqa: E731
    assert expected(shares.table, year, label, 1) in [grid(f) for f in shown_shares]
    assert expected(counts.table, year, label) in [grid(f) for f in shown_shares]


def test_debt_and_fines_equal_meeting_layer(english: AppTest, con) -> None:
    at = open_page(english, "debt")
    debt = meeting.debt(con, Filters()).set_index("year")
    frame = table_with(at, t("common.year"), t("col.in_bondage"))
    cells = grid(frame)
    for y, row in debt.iterrows():
        assert cells[(year(y), t("col.persons"))] == shown(row["persons"])
        assert cells[(year(y), t("col.in_bondage"))] == shown(row["in_bondage"])
        assert cells[(year(y), t("col.bondage_share"))] == shown(
            round(row["bondage_share"] * 100, 1) if row["bondage_share"] == row["bondage_share"]
            else row["bondage_share"], 1)
    bands = meeting.debt_bands(con, Filters())
    frame = table_with(at, t("debt.band"), t("col.persons"))
    assert grid(frame) == expected(bands.table, lambda b: t(f"debt_band.{b}") if b != "total"
                                   else t("common.total"), lambda c: t("col.persons"))
    by_reason, per_person = meeting.fines(con, Filters())
    frame = table_with(at, t("dim.fine_reason"), t("col.fines"))
    cells = grid(frame)
    for row in by_reason.itertuples():
        label = i18n.code("fine_reason", row.reason, "en")
        assert cells[(label, t("col.fines"))] == shown(row.fines)
        assert cells[(label, t("col.persons_fined"))] == shown(row.persons)
    frame = table_with(at, t("common.label"), t("col.persons_fined"))
    assert frame.iloc[0][t("col.persons_fined")] == shown(per_person.iloc[0]["persons"])


def test_durations_show_open_cases_and_benchmarks(english: AppTest, con) -> None:
    at = open_page(english, "durations")
    summary, bands = meeting.durations(con, Filters())
    frame = table_with(at, t("durations.steps"), t("col.waiting"))
    cells = grid(frame)
    for row in summary.itertuples():
        label = t("durations.pair", start=i18n.code("step", row.from_step, "en"),
                  end=i18n.code("step", row.to_step, "en"))
        assert cells[(label, t("col.n"))] == shown(row.n)
        assert cells[(label, t("col.waiting"))] == shown(row.waiting)
        assert cells[(label, t("col.median_days"))] == shown(row.median_days, 1)
    assert "waiting" in bands.table.columns
    frame = table_with(at, t("durations.steps"), t("band.waiting"))
    shown_waiting = frame[t("band.waiting")].tolist()
    assert shown_waiting == [shown(v) for v in bands.table["waiting"]]
    specs = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert t("band.waiting") in specs  # open cases are drawn, not left out
    assert t("durations.benchmark_10") in specs and t("durations.benchmark_6m") in specs


def test_coordination_rights_quality_about_equal_meeting_layer(english: AppTest, con) -> None:
    at = open_page(english, "coordination")
    per_case, _ = meeting.coordination(con, Filters())
    frame = table_with(at, t("coordination.agencies"), t("col.persons"))
    assert grid(frame) == expected(per_case.table,
                                   lambda a: t("common.total") if a == "total" else str(a),
                                   lambda c: t("col.persons"))

    at = open_page(english, "rights")
    rights = meeting.rights(con, Filters()).set_index("year")
    cells = grid(table_with(at, t("common.year"), t("col.criminalised")))
    for y, row in rights.iterrows():
        assert cells[(year(y), t("col.criminalised"))] == shown(row["criminalised"])
        assert cells[(year(y), t("col.rescued_in_laos"))] == shown(row["rescued_in_laos"])
    cells = grid(table_with(at, t("common.year"), t("col.handed_over")))
    for y, row in rights.iterrows():
        assert cells[(year(y), t("col.screened_before_return"))] == shown(
            row["screened_before_return"])
        assert cells[(year(y), t("col.handed_over"))] == shown(row["handed_over"])

    at = open_page(english, "data_quality")
    files = meeting.data_quality(con)["files"]
    frame = table_with(at, t("col.file_name"), t("col.rows_read"))
    assert frame[t("col.file_name")].tolist() == files["file_name"].tolist()
    assert frame[t("col.rows_quarantined")].tolist() == [shown(v) for v in
                                                         files["rows_quarantined"]]

    at = open_page(english, "about")
    published = meeting.annual_by(con, "sources", Filters())
    frame = table_with(at, t("common.year"), t("sources.both"))
    assert grid(frame) == expected(published.table, year,
                                   lambda c: i18n.code("sources", c, "en"))
    text = " ".join(m.value for m in at.markdown)
    assert f"k = {K}" in text


# ---------------------------------------------------------------------------- behaviour

def test_nationality_filter_changes_counts_and_follows_to_other_pages(generated_db: Path,
                                                                      con) -> None:
    at = run_app()
    before = grid(table_with(at, t("common.year"), t("nationality.TH")))
    at.multiselect(key="f_nationality").set_value(["LA"]).run()
    assert not at.exception
    lao = Filters(nationality=("LA",))
    published = meeting.annual_by(con, "nationality", lao)
    frame = table_with(at, t("common.year"), t("nationality.LA"))
    assert grid(frame) == expected(published.table, year,
                                   lambda c: i18n.code("nationality", c, "en"))
    assert grid(frame) != before
    assert t("nationality.TH") not in frame.columns
    # Identified victims instead of potential ones: the same filter, the other measure.
    at.button_group(key="overview_measure").set_value("identified_victims").run()
    identified = meeting.annual_by(con, "nationality", lao, measure="identified_victims")
    frame = table_with(at, t("common.year"), t("nationality.LA"))
    assert grid(frame) == expected(identified.table, year,
                                   lambda c: i18n.code("nationality", c, "en"))
    # Switching page keeps the filter (st.session_state): recruitment is for Lao nationals.
    open_page(at, "recruitment")
    assert at.multiselect(key="f_nationality").value == ["LA"]
    counts, _ = meeting.shares(con, "channel", lao)
    label = lambda c: i18n.code("channel", c, "en")  # noqa: E731
    assert expected(counts.table, year, label) in [grid(f) for f in tables(at)]
    assert small_counts(at) == []


def test_year_range_filter(generated_db: Path, con) -> None:
    at = run_app()
    years = sorted(int(y) for y in meeting.annual_by(con, "nationality").table.index
                   if str(y).isdigit())
    at.select_slider(key="f_years").set_range(years[1], years[-2]).run()
    assert not at.exception
    chosen = Filters(year_from=years[1], year_to=years[-2])
    frame = table_with(at, t("common.year"), t("nationality.TH"))
    assert grid(frame) == expected(meeting.annual_by(con, "nationality", chosen).table, year,
                                   lambda c: i18n.code("nationality", c, "en"))
    assert t("common.year_unknown") not in frame[t("common.year")].tolist()


def test_thai_labels_and_buddhist_era_years(generated_db: Path, con,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    downloaded: list[bytes] = []
    real = export.to_csv
    monkeypatch.setattr(export, "to_csv", lambda f: downloaded.append(real(f)) or b"")
    at = run_app("th")
    assert not at.exception
    assert at.title[0].value == "ภาพรวม"
    frame = table_with(at, "ปี", "ไทย")
    assert "2021" in frame["ปี"].tolist() and "รวม" in frame["ปี"].tolist()
    downloaded.clear()
    at.checkbox(key="be_years").check().run()
    assert not at.exception
    frame = table_with(at, "ปี", "ไทย")
    assert "2564" in frame["ปี"].tolist() and "2021" not in frame["ปี"].tolist()
    csv = b"".join(downloaded).decode("utf-8-sig")
    assert re.search(r"^2564,", csv, re.M) and not re.search(r"^2021,", csv, re.M)
    specs = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert "2564" in specs  # the chart axes too
    # English hides the era choice; back in Thai it is still on.
    at.selectbox(key="lang").set_value("en").run()
    assert "2021" in table_with(at, t("common.year"),
                                t("nationality.TH"))[t("common.year")].tolist()
    at.selectbox(key="lang").set_value("th").run()
    assert "2564" in table_with(at, "ปี", "ไทย")["ปี"].tolist()


@pytest.mark.parametrize("name, lao, english", [
    ("debt", r"\d{1,3}(\.\d{3})+", r"\d{1,3}(,\d{3})+"),  # thousands: 1.234, not 1,234
    ("durations", r"\d+,\d", r"\d+\.\d"),  # decimals: 12,5, not 12.5
])
def test_lao_pages_use_lao_labels_and_number_format(generated_db: Path, name: str, lao: str,
                                                    english: str) -> None:
    at = run_app("lo")
    open_page(at, name)
    assert at.title[0].value == i18n.translate(f"nav.{name}", "lo")
    cells = [c for f in tables(at) for col in f.columns[1:] for c in f[col].astype(str)]
    assert any(re.fullmatch(lao, c) for c in cells)
    assert not any(re.fullmatch(english, c) for c in cells)


def test_language_choice_does_not_leak_into_a_new_session(generated_db: Path) -> None:
    thai = run_app("th")
    assert thai.title[0].value == "ภาพรวม"
    english = run_app()
    assert english.title[0].value == "Overview"
    assert english.session_state["lang"] == "en"


def test_great_expectations_is_never_imported_by_the_dashboard(generated_db: Path) -> None:
    """In a fresh interpreter (the test session imports GX for ingest): every page, no GX."""
    script = f"""
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({APP!r}, default_timeout=60)
at.run()
for name in {PAGES!r}:
    at.switch_page(f"views/{{name}}.py").run()
    assert not at.exception, name
print("GX" if any(m.split(".")[0] == "great_expectations" for m in sys.modules) else "clean")
"""
    env = {**os.environ, "TIPMON_DB": str(generated_db)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "clean"


def test_no_html_from_data_and_one_door_to_the_data() -> None:
    """The Streamlit app's files (the annual report under dashboard/report is not served)."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py")
               if "report" not in p.relative_to(ROOT / "dashboard").parts}
    assert not [p for p, text in sources.items() if "unsafe_allow_html" in text]
    assert not [p for p, text in sources.items() if "great_expectations" in text]
    # Only data.py opens the database; pages reach it through ui.start → data.cursor.
    assert [p.name for p, text in sources.items() if "store.connect" in text] == ["data.py"]


# ---------------------------------------------------------------------------- small cases

def test_overview_hides_small_counts_and_their_complements(tiny_db: Path) -> None:
    at = run_app()
    assert not at.exception
    frame = table_with(at, t("common.year"), t("nationality.TH"))
    cells = list(grid(frame).values())
    assert "<5" in cells and "9" in cells
    assert "3" not in cells  # 3 Lao persons in 2021: shown as <5
    # 2021 has one small cell (Lao 3) beside Thai 12: its year total would reveal it unless
    # the complement is hidden too, and so on for the Lao and Thai columns.
    assert "12" not in cells
    # Hidden to protect the small ones: counts of k or more, marked "x" (not "<5", which
    # would be false); 3 and the Lao total 3+6 → "<5"/"x" as they are.
    assert cells.count("<5") + cells.count("x") == 4 and cells.count("<5") >= 1
    assert small_counts(at) == []


def test_no_database_yet_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPMON_DB", str(tmp_path / "absent.duckdb"))
    at = run_app()
    assert not at.exception
    assert "tipmon ingest" in at.info[0].value


# ---------------------------------------------------------------------------- downloads

def test_downloads_are_spreadsheet_safe_and_keep_text_as_text(tmp_path: Path) -> None:
    import openpyxl

    frame = pd.DataFrame({"Year": ["2564", "=1+1"], "Persons": [12, "<5"],
                          "Share (%)": [37.7, float("nan")]}).set_index("Year")
    csv = export.to_csv(frame).decode("utf-8-sig")
    assert csv.splitlines() == ["Year,Persons,Share (%)", "2564,12,37.7", "'=1+1,<5,"]
    path = tmp_path / "t.xlsx"
    path.write_bytes(export.to_xlsx(frame, ["title", "@note"]))
    book = openpyxl.load_workbook(path)
    rows = list(book["table"].iter_rows(values_only=True))
    assert rows[0] == ("Year", "Persons", "Share (%)")
    assert rows[1] == ("2564", 12, 37.7)  # a year stays text, a count a number
    assert rows[2] == ("'=1+1", "<5", None)
    assert [r[0] for r in book["notes"].iter_rows(values_only=True)] == ["title", "'@note"]


# ---------------------------------------------------------------------------- report page

def test_report_page_prepares_the_package_for_download(generated_db: Path) -> None:
    import io
    import zipfile

    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    open_page(at, "report")
    year = at.selectbox(key="report_year").value
    at.button(key="report_build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    built_year, payload, files = at.session_state["report_zip"]
    assert built_year == year
    names = zipfile.ZipFile(io.BytesIO(payload)).namelist()
    assert len(names) == files
    assert "manifest.json" in names and f"report_{year}_en.pdf" in names
    assert any(n.startswith("tables/") and n.endswith(".csv") for n in names)
    assert len(at.get("download_button")) == 1


# ---------------------------------------------------------------------------- outside exports

@pytest.fixture(scope="module")
def spec_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The hand-written exports of tests/data/spec_cases (initial, then the re-export)."""
    cases = ROOT / "tests" / "data" / "spec_cases"
    db = tmp_path_factory.mktemp("spec") / "m.duckdb"
    ingest([cases / "initial"], db, as_of=AS_OF)
    ingest([cases / "reexport"], db, as_of=AS_OF)
    with serving(db):
        yield db


def test_exports_from_outside_show_no_small_count_on_any_page(spec_db: Path) -> None:
    """23 persons, mostly in cells below k: every page runs and hides every small count."""
    at = run_app()
    for name in PAGES:
        open_page(at, name)
        assert small_counts(at) == [], name
    con = store.connect(spec_db, read_only=True)
    try:
        published = meeting.annual_by(con, "nationality", k=K)
    finally:
        con.close()
    open_page(at, "overview")
    shown = grid(table_with(at, t("common.year"), t("nationality.TH")))
    assert str(published.table.loc["total", "total"]) in shown.values()
