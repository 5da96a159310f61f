"""Data Docs, offline: self-contained pages, counts that match dq_results, no failing values."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest
from pipelines.quality import docs, suites
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

# Planted bad values (and person refs): none may reach the pages.
SECRETS = ("ZZ-SECRET-VALUE", "987654", "ZZ-LINKKEY-SECRET", "PREF-SECRET", "424242",
           "ZZ-NOT-A-DATE", "ZZ-FINE-REASON", "313131")
CR_FILE = 'ส่งออก_เชียงราย_<2564>&"ก".xlsx'  # Thai, with every character HTML must escape
BK_FILE = "ບໍ່ແກ້ວ_persons_'&'.csv"
BK_FINES_FILE = "bokeo_fines_2021.csv"
FORBIDDEN = ("http://", "https://", "<script", "<link", "@import", "url(")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two ingest runs (the second with a rejected file), then the docs; → (db, out_dir)."""
    root = tmp_path_factory.mktemp("docs")
    db = root / "monitoring.duckdb"
    first, second = root / "run1", root / "run2"
    first.mkdir()
    second.mkdir()
    write_workbook(
        first / CR_FILE,
        [cr_person("PREF-SECRET-1"), cr_person("PREF-SECRET-2", sex="ZZ-SECRET-VALUE"),
         cr_person("PREF-SECRET-3", age="150")],
        [["PREF-SECRET-1", "ช่วยเหลือ", "10/01/2564", "", ""],
         ["PREF-SECRET-1", "รับแจ้งเหตุ", "15/01/2564", "", ""],  # rescued before reported
         ["PREF-SECRET-1", "ส่งต่อ", "ZZ-NOT-A-DATE", "", ""]],
        [["PREF-SECRET-1", "อื่นๆ", "-987654", "THB"]],
    )
    write_csv(first / BK_FILE, BK_PERSON_HEADERS, [
        bk_person("PREF-SECRET-B1", link_key="ZZ-LINKKEY-SECRET", date_reported="2021-02-01"),
        bk_person("PREF-SECRET-B2", debt_amount="-424242", debt_currency="THB"),
        bk_person("PREF-SECRET-B3"),
    ])
    ingest([first], db, as_of=AS_OF)
    write_csv(second / BK_FINES_FILE, BK_FINE_HEADERS, [
        ["PREF-SECRET-B1", "ZZ-FINE-REASON", "100", "THB"],
        ["PREF-SECRET-B3", "smoking", "-313131", "THB"],
        ["PREF-SECRET-B3", "smoking", "500", "THB"],
    ])
    (second / "ไฟล์เสีย.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    ingest([second], db, as_of=AS_OF)
    out = root / "site"
    con = duckdb.connect(str(db), read_only=True)
    try:
        index = docs.build_docs(con, out)
    finally:
        con.close()
    assert index == out / "index.html"
    return db, out


class Tables(HTMLParser):
    """Tables of a page as text cells, with the class of the table and of its <section>."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._section: dict = {}
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self._section = a
        elif tag == "table":
            self.tables.append({"class": a.get("class"), "section": self._section, "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(a.get("href") or "")
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = {}
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table(self, cls: str) -> list[list[str]]:
        """Body rows of the one table of class ``cls``."""
        (found,) = [t for t in self.tables if t["class"] == cls]
        return found["rows"][1:]


def parse(path: Path) -> Tables:
    parser = Tables()
    parser.feed(path.read_text("utf-8"))
    return parser


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_index_and_suite_pages_exist_and_link_to_each_other(site) -> None:
    _, out = site
    index = parse(out / "index.html")
    for name in suites.load_all():
        page = out / docs.suite_page(name)
        assert page.exists(), name
        assert docs.suite_page(name) in index.links
        assert "index.html" in parse(page).links
    assert {p.name for p in out.iterdir()} == {"index.html"} | {
        docs.suite_page(n) for n in suites.load_all()}


def test_pages_fetch_nothing_and_have_one_inline_style(site) -> None:
    _, out = site
    for page in out.iterdir():
        text = page.read_text("utf-8")
        for bad in FORBIDDEN:
            assert bad not in text.lower(), (page.name, bad)
        assert text.count("<style>") == 1 and "<style " not in text
        assert '"Noto Sans Thai", "Noto Sans Lao", "Noto Sans", sans-serif' in text
        assert "@media print" in text
        assert '<meta charset="utf-8">' in text
        assert all(h.endswith(".html") and "/" not in h for h in parse(page).links), page.name


def test_no_failing_value_anywhere(site) -> None:
    db, out = site
    # The planted values are in the database (so the check below means something) …
    kept = " ".join(str(v) for (v,) in query(db, "SELECT value FROM quarantine_problems"))
    for planted in ("ZZ-SECRET-VALUE", "-987654", "ZZ-NOT-A-DATE", "-424242", "ZZ-FINE-REASON",
                    "-313131"):
        assert planted in kept
    assert query(db, "SELECT count(*) FROM src_persons WHERE person_ref LIKE 'PREF-SECRET%'")
    # … and in no file of the site, raw or escaped.
    for page in out.iterdir():
        data = page.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, (page.name, secret)
            assert html.escape(secret).encode() not in data, (page.name, secret)


def test_suite_pages_show_the_counts_of_dq_results(site) -> None:
    db, out = site
    loaded = suites.load_all()
    checked = 0
    for name, suite in loaded.items():
        rows = query(db, "SELECT file_name, sheet, expectation, column_name, success, "
                         "unexpected_count, element_count FROM dq_results "
                         "WHERE suite = ? AND run_id = (SELECT max(run_id) FROM dq_results "
                         "WHERE suite = ?)", [name, name])
        expected = {(f, s, e, c): (ok, u, n) for f, s, e, c, ok, u, n in rows}
        page = parse(out / docs.suite_page(name))
        checks = page.table("checks")
        assert [number(r[0]) for r in checks] == list(range(1, len(suite["expectations"]) + 1))
        shown = {}
        for table in (t for t in page.tables if t["class"] == "results"):
            where = (table["section"].get("data-file"), table["section"].get("data-sheet"))
            for num, _check, result, unexpected, elements in table["rows"][1:]:
                e = suite["expectations"][number(num) - 1]
                columns = ", ".join(docs._columns(e["kwargs"]))
                shown[(*where, e["type"], columns)] = (result == "pass", number(unexpected),
                                                       number(elements))
        assert shown == expected, name
        checked += len(shown)
    assert checked == sum(n for (n,) in query(
        db, "SELECT count(*) FROM dq_results r WHERE run_id = "
            "(SELECT max(run_id) FROM dq_results WHERE suite = r.suite)"))
    # at least one failure of each consequence is shown
    failing = query(db, "SELECT DISTINCT on_failure FROM dq_results WHERE NOT success")
    assert {k for (k,) in failing} >= {"quarantine", "finding"}


def test_index_shows_runs_suites_files_and_findings_as_recorded(site) -> None:
    db, out = site
    index = parse(out / "index.html")
    runs = query(db, "SELECT run_id, batches, expectations, failed FROM dq_runs "
                     "ORDER BY run_id DESC")
    assert len(runs) == 2
    shown_runs = [(number(r[0]), number(r[5]), number(r[6]), number(r[7]))
                  for r in index.table("runs")]
    assert shown_runs == runs
    assert [number(r[4]) for r in index.table("runs")] == [1, 0]  # files rejected per run
    text = " ".join("".join(index.text).split())
    run_id, batches, expectations, failed = runs[0]
    assert (f"Run {run_id}" in text and f"{batches} batches validated, {expectations} "
            f"expectation results, {failed} failed") in text
    assert text.index("Latest ingest run") < text.index("Expectation suites") \
        < text.index("Files ingested") < text.index("Findings")

    by_suite = {r[0]: r for r in index.table("suites")}
    assert set(by_suite) == set(suites.load_all())
    for suite, run, total, passed, failed_n, unexpected in query(
            db, "SELECT suite, run_id, count(*), count(*) FILTER (WHERE success), "
                "count(*) FILTER (WHERE NOT success), sum(unexpected_count) FROM dq_results r "
                "WHERE run_id = (SELECT max(run_id) FROM dq_results WHERE suite = r.suite) "
                "GROUP BY ALL"):
        row = by_suite[suite]
        assert [number(c) for c in row[2:3] + row[4:8]] == [run, total, passed, failed_n,
                                                             unexpected], suite

    files = query(db, "SELECT file_name, source, status, rows_read, rows_loaded, "
                      "rows_quarantined FROM ingest_files ORDER BY seq")
    shown_files = [(r[1], None if r[2] == "–" else r[2], r[4].split()[0], number(r[5]),
                    number(r[6]), number(r[7])) for r in index.table("files")]
    assert shown_files == files
    (rejected,) = [r for r in index.table("files") if r[4].startswith("rejected")]
    (reason,) = query(db, "SELECT reason FROM ingest_files WHERE status = 'rejected'")[0]
    assert rejected[1] == "ไฟล์เสีย.xlsx" and reason in rejected[4]

    findings = query(db, "SELECT kind, coalesce(source, '–'), count(*) FROM dq_findings "
                         "GROUP BY ALL ORDER BY ALL")
    assert {"malformed_link_key", "step_order"} <= {k for k, _, _ in findings}
    shown_findings = sorted((r[0], r[2], number(r[3])) for r in index.table("findings"))
    assert shown_findings == sorted(findings)


def test_thai_and_lao_file_names_are_escaped(site) -> None:
    _, out = site
    index = (out / "index.html").read_text("utf-8")
    for name in (CR_FILE, BK_FILE):
        assert html.escape(name) in index
        assert name not in index  # every < > & " ' is an entity
    assert "ส่งออก_เชียงราย_&lt;2564&gt;&amp;&quot;ก&quot;.xlsx" in index  # Thai as UTF-8 text
    assert "ບໍ່ແກ້ວ_persons_&#x27;&amp;&#x27;.csv" in index
    assert "&#3" not in index  # no Thai or Lao character written as a numeric entity
    cr_page = parse(out / docs.suite_page("source.cr_persons"))
    (section,) = [t["section"] for t in cr_page.tables if t["class"] == "results"]
    assert section == {"class": "batch", "data-file": CR_FILE, "data-sheet": "ผู้เสียหาย"}
    assert {r[2] for r in parse(out / "index.html").table("sheets")} >= {
        "ผู้เสียหาย", "การส่งต่อ", "ค่าปรับ", "–"}


@pytest.mark.parametrize(("expectation", "words"), [
    ({"type": "expect_column_values_to_be_between",
      "kwargs": {"column": "age", "min_value": 0, "max_value": 100}}, "age is between 0 and 100"),
    ({"type": "expect_column_values_to_be_between",
      "kwargs": {"column": "step_date", "min_value": suites.MIN_DATE,
                 "max_value": suites.TODAY}},
     "step_date is between 2000-01-01 and the day of ingest"),
    ({"type": "expect_column_values_to_be_between",
      "kwargs": {"column": "amount", "min_value": 0}}, "amount is at least 0"),
    ({"type": "expect_column_values_to_be_in_set",
      "kwargs": {"column": "link_key_status", "value_set": ["ok", "missing"]}},
     "link_key_status is one of: ok, missing"),
    ({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "person_ref"}},
     "person_ref is filled in (not empty)"),
    ({"type": "expect_column_values_to_be_unique", "kwargs": {"column": "person_id"}},
     "person_id is unique: no value appears twice"),
    ({"type": "expect_column_values_to_match_regex",
      "kwargs": {"column": "link_key", "regex": "^[0-9a-f]{64}$"}},
     "link_key matches the pattern ^[0-9a-f]{64}$"),
    ({"type": "expect_column_pair_values_a_to_be_greater_than_b",
      "kwargs": {"column_A": "rescued", "column_B": "reported", "or_equal": True,
                 "ignore_row_if": "either_value_is_missing"}},
     "rescued is on or after reported (rows where either is missing are not checked)"),
    ({"type": "expect_something_new", "kwargs": {"column": "<x>", "limit": 3}},
     'expect_something_new (column="<x>", limit=3)'),
])
def test_expectations_in_plain_english(expectation: dict, words: str) -> None:
    rendered = docs.describe(expectation)
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == words
    assert "<x>" not in rendered


def test_every_committed_expectation_has_plain_words_and_a_consequence(site) -> None:
    _, out = site
    for name, suite in suites.load_all().items():
        checks = parse(out / docs.suite_page(name)).table("checks")
        for row, e in zip(checks, suite["expectations"], strict=True):
            assert not row[1].startswith("expect_"), (name, row)
            assert "$PARAMETER" not in row[1]
            consequence = docs.ON_FAILURE[e["meta"]["on_failure"]]
            assert row[2].startswith(consequence)


def test_empty_database_and_a_subset_of_suites(tmp_path: Path) -> None:
    subset = tmp_path / "suites"
    subset.mkdir()
    for name in ("source.cr_steps", "curated.persons"):
        shutil.copy(suites.SUITES_DIR / f"{name}.json", subset)
    out = tmp_path / "site"
    out.mkdir()
    (out / "suite-source.gone.html").write_text("stale", "utf-8")
    (out / "notes.txt").write_text("not ours", "utf-8")
    con = duckdb.connect(":memory:")
    try:
        index = docs.build_docs(con, out, subset)
    finally:
        con.close()
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html", "notes.txt", "suite-curated.persons.html", "suite-source.cr_steps.html"]
    text = index.read_text("utf-8")
    assert "No ingest run is recorded yet" in text and "No file has been ingested yet" in text
    assert "This suite has not run yet" in (out / "suite-source.cr_steps.html").read_text("utf-8")
