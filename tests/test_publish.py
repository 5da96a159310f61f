"""`tipmon publish`: the annual report and data package (dashboard/report/).

One small generated database; the English package is built once for the module with every
network connection refused, and the three languages once through the command line.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import io
import json
import re
import shutil
import socket
import subprocess
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard.report import html, package, strings, tables
from dashboard.report import pdf as report_pdf
from pipelines import cli, meeting
from pipelines.generate import generate_exports
from pipelines.indicators import Filters
from pipelines.ingest import ingest

YEAR = 2025
K = 5
LOCAL = ("127.0.0.1", "::1", "localhost")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    generate_exports(raw, persons=600, seed=2026)
    path = raw.parent / "publish.duckdb"
    assert ingest([raw], path).exit_code == 0
    return path


def _is_local(address: object) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    return isinstance(host, str) and host in LOCAL


@pytest.fixture(scope="module")
def offline() -> list[object]:
    """Sockets to anything but the loopback refused (and recorded) while in use."""
    attempts: list[object] = []

    def guard(address: object) -> None:
        if not _is_local(address):
            attempts.append(address)
            raise OSError(f"network access refused in tests: {address!r}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def connect(self, address):  # noqa: ANN001, ANN202
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):  # noqa: ANN001, ANN202
        guard(address)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):  # noqa: ANN001, ANN202
        guard(address)
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):  # noqa: ANN001, ANN202
        if host is not None and not _is_local((host,)):
            guard((host,))
        return real_getaddrinfo(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "create_connection", create_connection)
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        yield attempts


@pytest.fixture(scope="module")
def built(db: Path, offline: list[object], tmp_path_factory: pytest.TempPathFactory):
    """The English package, built with the network refused."""
    out = tmp_path_factory.mktemp("package")
    con = duckdb.connect(str(db), read_only=True)
    try:
        paths = package.build_package(con, YEAR, out, ["en"], K)
    finally:
        con.close()
    return out, paths, list(offline)


@pytest.fixture(scope="module")
def manifest(built) -> dict:
    return json.loads((built[0] / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def three_languages(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli")
    code = cli.main(["publish", "--year", str(YEAR), "--out", str(out), "--lang", "en", "th",
                     "lo", "--db", str(db)])
    assert code == 0
    return out


@pytest.fixture
def con(db: Path):
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def pdf_text(path: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------------------- the files

def test_package_is_built_without_any_network_request(built) -> None:
    out, paths, attempts = built
    assert attempts == []
    assert paths["pdf"]["en"].exists() and paths["xlsx"].exists()


def test_files_written(built, manifest: dict) -> None:
    out, paths, _ = built
    assert paths["manifest"] == out / "manifest.json"
    assert paths["xlsx"] == out / f"report_{YEAR}.xlsx"
    assert paths["pdf"] == {"en": out / f"report_{YEAR}_en.pdf"}
    names = {t["name"] for t in manifest["tables"]}
    assert set(paths["tables"]) == names
    assert {p.name for p in (out / "tables").glob("*.csv")} == {f"{n}.csv" for n in names}
    assert {"key_figures", "potential_by_nationality", "identified_by_nationality",
            "potential_by_direction", "channel_shares", "debt", "fines_by_reason",
            "durations", "duration_bands", "rights", "completeness", "files"} <= names
    for table in manifest["tables"]:
        data = (out / table["file"]).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM for Excel"
        assert hashlib.sha256(data).hexdigest() == table["sha256"]


def test_every_person_count_is_zero_small_or_at_least_k(built, manifest: dict) -> None:
    out = built[0]
    checked = 0
    for table in manifest["tables"]:
        assert table["k"] == K
        suppressed = [c["name"] for c in table["columns"] if c["suppressed"]]
        assert set(table["counts_persons"]) <= set(suppressed)
        for row in read_csv(out / table["file"]):
            for column in suppressed:
                value = row[column]
                checked += 1
                assert value in ("0", f"<{K}", "x") or int(value) >= K, (
                    table["name"], column, value)
    assert checked > 200


def test_no_line_with_a_visible_total_hides_exactly_one_cell(built, manifest: dict) -> None:
    out = built[0]
    with_totals = [t for t in manifest["tables"] if t["total_row"] or t["total_column"]]
    assert {"potential_by_nationality", "potential_by_direction", "debt_bands",
            "agencies_per_case"} <= {t["name"] for t in with_totals}
    for table in with_totals:
        rows = read_csv(out / table["file"])
        cells = [c["name"] for c in table["columns"] if c["suppressed"]]
        grid = [[row[c] in (f"<{K}", "x") for c in cells] for row in rows]
        if table["total_column"]:  # every row has its total shown
            for row, hidden in zip(rows, grid, strict=True):
                assert sum(hidden) != 1, (table["name"], row)
        if table["total_row"]:  # every column has its total shown
            for j, column in enumerate(cells):
                assert sum(line[j] for line in grid) != 1, (table["name"], column)


def test_tables_are_the_meeting_layers_for_the_year(built, con) -> None:
    """The same numbers as the dashboard for the same filters."""
    out = built[0]
    one_year = Filters(year_from=YEAR, year_to=YEAR)
    published = meeting.annual_by(con, "direction", one_year, k=K)
    rows = {r["year"]: r for r in read_csv(out / "tables" / "potential_by_direction.csv")}
    for year, line in published.table.iterrows():
        for column, value in line.items():
            assert rows[str(year)][str(column)] == str(value), (year, column)
    figures = meeting.key_figures(con, YEAR, one_year, k=K)
    csv_figures = {r["figure"]: r for r in read_csv(out / "tables" / "key_figures.csv")}
    for row in figures.itertuples(index=False):
        assert csv_figures[row.figure]["value"] == str(row.value)
        assert csv_figures[row.figure]["previous"] == str(row.previous)


def test_csv_cells_cannot_run_as_formulas(built, manifest: dict) -> None:
    out = built[0]
    for table in manifest["tables"]:
        text = (out / table["file"]).read_text("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    float(cell)  # only a number may start so (a negative change)
    frame = pd.DataFrame({"file_name": ["=HYPERLINK(\"x\")", "@SUM(A1)", "ok.csv"]})
    table = tables.Table("t", "quality", frame, {"file_name": tables.TEXT})
    rows = list(csv.reader(io.StringIO(package._csv_bytes(table).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'@SUM(A1)", "ok.csv"]


def test_manifest_titles_columns_and_provenance(built, manifest: dict, con) -> None:
    assert manifest["year"] == YEAR and manifest["k"] == K
    assert manifest["software"]["version"] == importlib.metadata.version("tipmon")
    thai, lao = re.compile("[\u0e00-\u0e7f]"), re.compile("[\u0e80-\u0eff]")
    for table in manifest["tables"]:
        assert set(table["title"]) == {"en", "th", "lo"}
        assert thai.search(table["title"]["th"]) and lao.search(table["title"]["lo"])
        for column in table["columns"]:
            assert set(column["label"]) == {"en", "th", "lo"}
    key = {t["name"]: t for t in manifest["tables"]}["key_figures"]
    assert key["counts_persons"] == ["value", "previous"]
    files = manifest["provenance"]["export_files"]
    hashes = dict(con.execute("SELECT file_name, sha256 FROM ingest_files").fetchall())
    assert {f["file_name"]: f["sha256"] for f in files} == hashes
    for f in files:
        assert re.fullmatch("[0-9a-f]{64}", f["sha256"])
        assert f["as_of_basis"] in ("latest_step", "ingest_date")
        if f["kind"] == "fines":
            assert f["as_of_basis"] == "ingest_date"
        assert f["as_of"] <= manifest["generated_on"]
    assert "as_of_rule" in manifest["provenance"]
    quality = manifest["provenance"]["data_quality"]
    assert {"outstanding_quarantine", "findings", "completeness"} <= set(quality)
    for row in quality["outstanding_quarantine"]:
        assert row["problems"] in (f"<{K}", "x") or row["problems"] >= K


def test_workbook_has_a_sheet_per_table_notes_and_definitions(built, manifest: dict) -> None:
    out = built[0]
    book = openpyxl.load_workbook(out / f"report_{YEAR}.xlsx")
    names = [t["name"] for t in manifest["tables"]]
    assert set(names) | {"contents", "notes", "definitions"} == set(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    sheet = book["key_figures"]
    header_row = next(i for i, row in enumerate(sheet.iter_rows(values_only=True), 1)
                      if row[0] == "figure")
    rows = list(sheet.iter_rows(min_row=header_row + 1, values_only=True))
    csv_rows = read_csv(out / "tables" / "key_figures.csv")
    assert [(r[0], r[2]) for r in rows] == [(r["figure"], int(r["value"])) for r in csv_rows]


# ---------------------------------------------------------------------------- the PDF

def _signed(cell: str, pattern: str, kind: type) -> str:
    """A change as the report shows it: with its sign, 0 without one, '–' when not shown."""
    if not cell:
        return "–"
    value = kind(cell)
    return pattern.format(value) if value else pattern.replace("+", "").format(value)


@needs_poppler
def test_pdf_key_figures_equal_the_csv(built) -> None:
    out = built[0]
    text = pdf_text(out / f"report_{YEAR}_en.pdf", layout=True)
    names = {"potential_victims": "Potential victims", "identified_victims":
             "Identified victims", "thai_nationals": "Thai nationals",
             "lao_nationals": "Lao nationals"}
    for row in read_csv(out / "tables" / "key_figures.csv"):
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(names[row["figure"]]))
        want = [row["value"], row["previous"], _signed(row["change"], "{:+d}", int),
                _signed(row["change_pct"], "{:+.1f}", float)]
        assert line.split()[len(names[row["figure"]].split()):] == want, line


@needs_poppler
def test_pdf_fonts_are_embedded(built) -> None:
    out = built[0]
    fonts = subprocess.run(["pdffonts", str(out / f"report_{YEAR}_en.pdf")],
                           capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and any("Noto-Sans" in f for f in fonts)
    assert all(f.split()[-5] == "yes" for f in fonts), fonts  # the 'emb' column


def test_html_refers_to_nothing_on_the_network(con) -> None:
    import datetime as dt

    built_tables = {t.name: t for t in tables.build_tables(con, YEAR, K)}
    for lang in strings.LANGUAGES:
        ctx = html.Context(lang, YEAR, K, dt.date(2026, 1, 1), dt.date(2026, 1, 2), "x",
                           built_tables)
        document = html.document(ctx)
        assert not re.search(r"(?i)(https?:|ftp:|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\()",
                             document)


def test_the_url_fetcher_refuses_the_network() -> None:
    from weasyprint.urls import URLFetcher

    fetcher = report_pdf.offline_fetcher()
    assert isinstance(fetcher, URLFetcher)
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("https://fonts.googleapis.com/css2?family=Noto+Sans+Thai")


@needs_poppler
def test_three_languages_from_the_command_line(three_languages: Path) -> None:
    out = three_languages
    assert {p.name for p in out.glob("*.pdf")} == {
        f"report_{YEAR}_{lang}.pdf" for lang in ("en", "th", "lo")}
    thai = pdf_text(out / f"report_{YEAR}_th.pdf")
    assert f"รายงานประจำปี {YEAR}" in thai
    assert "ระยะเวลาการส่งต่อ" in thai and "ผู้เสียหายที่ผ่านการคัดแยก" in thai
    lao = pdf_text(out / f"report_{YEAR}_lo.pdf")
    assert f"ລາຍງານປະຈຳປີ {YEAR}" in lao
    assert "ໄລຍະເວລາການສົ່ງຕໍ່" in lao and "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນ" in lao
    for lang, family in (("th", "Noto-Sans-Thai"), ("lo", "Noto-Sans-Lao")):
        fonts = subprocess.run(["pdffonts", str(out / f"report_{YEAR}_{lang}.pdf")],
                               capture_output=True, text=True, check=True).stdout
        assert any(family in line and line.split()[-5] == "yes"
                   for line in fonts.splitlines()), fonts
    # Lao numbers: decimal comma; the key figures still equal the CSV.
    lao_layout = pdf_text(out / f"report_{YEAR}_lo.pdf", layout=True)
    row = next(r for r in read_csv(out / "tables" / "key_figures.csv")
               if r["figure"] == "potential_victims")
    line = next(ln for ln in lao_layout.splitlines()
                if ln.strip().startswith("ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ"))
    assert line.split()[1:3] == [row["value"], row["previous"]]
    assert line.split()[-1] == _signed(row["change_pct"], "{:+.1f}", float).replace(".", ",")


def test_bad_requests_are_refused(db: Path, con, tmp_path: Path, capsys) -> None:
    with pytest.raises(ValueError, match="monitoring year 1990"):
        package.build_package(con, 1990, tmp_path, ["en"], K)
    with pytest.raises(ValueError, match="language"):
        package.build_package(con, YEAR, tmp_path, ["fr"], K)
    with pytest.raises(ValueError, match="k must be"):
        package.build_package(con, YEAR, tmp_path, ["en"], 1)
    assert not any(tmp_path.iterdir()), "nothing written"
    code = cli.main(["publish", "--year", "1990", "--out", str(tmp_path), "--db", str(db)])
    assert code == 2 and "1990" in capsys.readouterr().err
    code = cli.main(["publish", "--year", str(YEAR), "--out", str(tmp_path),
                     "--db", str(tmp_path / "none.duckdb")])
    assert code == 2


def test_completeness_share_hidden_with_its_count(con, monkeypatch) -> None:
    real = meeting.data_quality

    def small(connection, k=K):  # noqa: ANN001, ANN202
        quality = real(connection, k=k)
        frame = quality["completeness"].copy()
        first = frame.index[frame["year"].astype(str) == str(YEAR)][0]
        frame["filled"] = frame["filled"].astype(object)
        frame.loc[first, "filled"] = f"<{k}"
        quality["completeness"] = frame
        return quality

    monkeypatch.setattr(meeting, "data_quality", small)
    built_tables = {t.name: t for t in tables.build_tables(con, YEAR, K)}
    frame = built_tables["completeness"].frame
    hidden = frame[frame["filled"] == f"<{K}"]
    assert len(hidden) == 1 and hidden["share_pct"].isna().all()


# ---------------------------------------------------------------------------- the words

def test_report_catalogues_have_the_same_keys_and_format() -> None:
    values = {"year": YEAR, "previous": YEAR - 1, "be_year": YEAR + 543, "k": K, "k1": K - 1,
              "as_of": "1/1/2026", "today": "2/1/2026", "version": "0.1.0"}
    for lang, catalogue in strings.CATALOGUES.items():
        assert set(catalogue) == set(strings.EN), lang
        for key, text in catalogue.items():
            assert text.strip(), (lang, key)
            text.format(**values)  # no unknown placeholder
            if lang != "en" and key not in ("report.col.sha256",):
                assert text != strings.EN[key], (lang, key)


def test_searchable_text_hook_is_removed_after_rendering() -> None:
    from weasyprint.draw import text as draw_text

    before = draw_text.draw_first_line
    report_pdf.write_pdf("<html lang='th'><body><p>ประจำปี</p></body></html>")
    assert draw_text.draw_first_line is before


def test_chromium_is_started_offline(monkeypatch) -> None:
    """kaleido's Chromium asks Google for the time and updates when it starts: it is given a
    proxy nobody listens on, and MathJax (a CDN script) is off."""
    import asyncio

    import kaleido
    import plotly.graph_objects as go

    from dashboard.report import figures

    seen: dict[str, object] = {}

    class Browser:
        def __init__(self, **options: object) -> None:
            seen.update(options)

        async def __aenter__(self) -> Browser:
            return self

        async def __aexit__(self, *exc: object) -> bool:
            return False

        async def calc_fig(self, figure: object, opts: dict) -> bytes:
            seen["opts"] = opts
            return b"%PDF-1.4"

    monkeypatch.setattr(kaleido, "Kaleido", Browser)
    chart = figures.Chart(go.Figure(), height=300)
    assert asyncio.run(figures._print_all([chart])) == [b"%PDF-1.4"]
    assert seen["mathjax"] is False and seen["n"] == 1
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", str(seen["proxy_server"]))
    assert seen["opts"] == {"format": "pdf", "width": figures.WIDTH + figures.PAD,
                            "height": 300 + figures.PAD}


def test_printed_chart_is_cropped_back_to_the_figure() -> None:
    from dashboard.report import figures

    svg = ('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="768pt" '
           'height="243pt" viewBox="0 0 768 243" version="1.2"><g/></svg>')
    cropped = figures.crop(svg, 1000, 300)
    assert 'width="750pt" height="225pt" viewBox="7.2 7.2 750 225"' in cropped
    assert cropped.count("viewBox") == 1 and cropped.endswith("<g/></svg>")
