"""Shared fixtures: small hand-written exports, and databases built from them."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import openpyxl
import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

AS_OF = dt.date(2026, 11, 29)

CR_PERSON_HEADERS = [
    "รหัสผู้เสียหาย", "รหัสคดี", "เลขอ้างอิงร่วม", "รหัสเชื่อมโยง", "เพศ", "อายุ", "สัญชาติ",
    "จังหวัดภูมิลำเนา", "ระดับการศึกษา", "ช่องทางการชักชวน", "ประเทศที่ถูกแสวงประโยชน์", "สถานที่",
    "รูปแบบการแสวงประโยชน์", "วิธีการควบคุม", "หนี้", "สกุลเงินหนี้", "ผลการคัดแยก", "หมายเหตุ",
]
CR_STEP_HEADERS = ["รหัสผู้เสียหาย", "ขั้นตอน", "วันที่", "หน่วยงาน", "ช่องทางประสานงาน"]
CR_FINE_HEADERS = ["รหัสผู้เสียหาย", "เหตุผล", "จำนวนเงิน", "สกุลเงิน"]
BK_PERSON_HEADERS = [
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "birth_year", "nationality",
    "origin", "recruitment_channel", "site", "exploitation", "date_reported", "date_rescued",
    "date_handed_over", "outcome", "immigration_fine_lak", "detained_days", "victim_screened",
    "debt_amount", "debt_currency", "agency", "channel",
]
BK_FINE_HEADERS = ["person_ref", "reason", "amount", "currency"]


def cr_person(ref: str, **values: object) -> list[object]:
    """A Chiang Rai persons row with sensible defaults; keyword = English alias of a column."""
    aliases = [
        "person_ref", "case_ref", "joint_ref", "link_key", "sex", "age", "nationality",
        "home_province", "education", "recruitment_channels", "exploitation_country", "site",
        "exploitation_types", "control_means", "debt_amount", "debt_currency",
        "screening_result", "notes",
    ]
    row = {a: "" for a in aliases}
    row.update(person_ref=ref, sex="ชาย", age="25", nationality="ไทย")
    row.update(values)
    return [row[a] for a in aliases]


def bk_person(ref: str, **values: object) -> list[object]:
    row = {h: "" for h in BK_PERSON_HEADERS}
    row.update(person_ref=ref, sex="M", birth_year="1996", nationality="TH")
    row.update(values)
    return [row[h] for h in BK_PERSON_HEADERS]


def write_workbook(
    path: Path,
    persons: Sequence[Sequence[object]],
    steps: Sequence[Sequence[object]] = (),
    fines: Sequence[Sequence[object]] = (),
    *,
    title: str | None = None,
    sheet_names: tuple[str, str, str] = ("ผู้เสียหาย", "การส่งต่อ", "ค่าปรับ"),
    person_headers: Sequence[str] = CR_PERSON_HEADERS,
) -> Path:
    """A Chiang Rai workbook; rows are written as given (None/[] = a blank row)."""
    wb = openpyxl.Workbook()
    sheets = [wb.active, wb.create_sheet(), wb.create_sheet()]
    headers = [list(person_headers), CR_STEP_HEADERS, CR_FINE_HEADERS]
    for sheet, name, header, rows in zip(sheets, sheet_names, headers,
                                         (persons, steps, fines), strict=True):
        sheet.title = name
        if title:
            sheet.append([title])
        sheet.append(header)
        for row in rows:
            sheet.append(list(row) if row else [])
    wb.save(path)
    return path


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """RFC 4180 text with CRLF, quoting only where needed, as spreadsheet programs write it."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in ',"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        return text

    lines = [",".join(cell(h) for h in headers)]
    lines += [",".join(cell(v) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
              bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + csv_text(headers, rows).encode())
    return path


@pytest.fixture(scope="session")
def validate():
    """The real Great Expectations gate over the committed suites, as ingest uses it."""
    from pipelines.quality.gate import gate

    return lambda suite, frame: gate().validate(suite, frame, "row_number", AS_OF)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "monitoring.duckdb"


def query(db_path: Path, statement: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(statement, params or []).fetchall()
    finally:
        con.close()


ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard_server(**env: str) -> Iterator[str]:
    """`streamlit run` of the dashboard on a free loopback port, as a user starts it; its URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("the dashboard did not start") from None
            time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
