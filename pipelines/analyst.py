"""The analyst view: row-level and unsuppressed data, each call checked and logged.

Pseudonymous rows (person_id, codes, dates; never notes, never a province's own references
beyond what the curated tables hold) and raw indicator counts. Only users with the analyst role
get them; every call, allowed or denied, goes to the audit log (``access.require``).

Uploads of new exports go through here too: the role check, the checks of the file (type, size,
content), saving it under the uploads folder and the audit record are in the data layer, so a
page (or anything else) cannot skip them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import os
import secrets
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from pipelines import access, indicators, sql
from pipelines.indicators import ALL, Filters

if TYPE_CHECKING:  # the ingest (and Great Expectations) is imported only when a file comes
    from pipelines.ingest import RunReport


def check(user: access.User, log: Path, what: str) -> None:
    """An analyst page that shows no data of its own (the upload form): checked and logged."""
    access.require(user, log, "analyst_view", what)


def persons(con: duckdb.DuckDBPyConnection, user: access.User, log: Path,
            filters: Filters = ALL) -> pd.DataFrame:
    access.require(user, log, "analyst_view", "persons (row level)")
    return con.execute(sql.ANALYST_PERSONS, filters.params()).df()


def quarantine(con: duckdb.DuckDBPyConnection, user: access.User, log: Path) -> pd.DataFrame:
    """Outstanding quarantined rows, one row per problem: file, sheet, row, column, rule."""
    access.require(user, log, "analyst_view", "quarantine browser")
    return con.execute(sql.ANALYST_QUARANTINE).df()


def counts(con: duckdb.DuckDBPyConnection, user: access.User, log: Path, dimension: str,
           filters: Filters = ALL) -> pd.DataFrame:
    access.require(user, log, "analyst_view", f"unsuppressed counts by {dimension}")
    return indicators.counts_by(con, dimension, filters)


# ---------------------------------------------------------------------------- uploads

UPLOAD_TYPES = (".xlsx", ".csv")
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB << 20
MAX_UNZIPPED_BYTES = 50 * MAX_UPLOAD_BYTES  # a workbook that inflates more is a zip bomb
MAX_NAME_CHARS = 120
UPLOAD_DIR_ENV = "TIPMON_UPLOAD_DIR"
DEFAULT_UPLOAD_DIR = Path("data/raw/uploads")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # also what a password-protected .xlsx is
_BINARY = (_ZIP, _OLE, b"%PDF", b"\x7fELF", b"MZ", b"\x89PNG", b"\xff\xd8\xff", b"\x1f\x8b")
_SEPARATORS = (",", ";", "\t")


class UploadRefused(ValueError):
    """An upload that is not an export we can take; ``reason`` is a stable code:
    name, type, empty, size, encrypted, content."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def upload_dir() -> Path:
    """Where uploads are kept: $TIPMON_UPLOAD_DIR, else data/raw/uploads."""
    env = os.environ.get(UPLOAD_DIR_ENV)
    return Path(env) if env else DEFAULT_UPLOAD_DIR


def check_upload(name: str, data: bytes) -> str:
    """The file name to save under when ``data`` looks like an export; UploadRefused if not."""
    if (not name or name != access.printable(name) or any(c in name for c in "/\\:")
            or name.startswith(".") or len(name) > MAX_NAME_CHARS or name != name.strip()):
        raise UploadRefused("name", "the file name is empty, too long or has a path or a "
                                    "control character in it")
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_TYPES:
        raise UploadRefused("type", f"only {' and '.join(UPLOAD_TYPES)} files are taken")
    if not data:
        raise UploadRefused("empty", "the file is empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused("size", f"the file is larger than {MAX_UPLOAD_MB} MB")
    if suffix == ".xlsx":
        _check_workbook(data)
    else:
        _check_csv(data)
    return name


def _check_workbook(data: bytes) -> None:
    if data.startswith(_OLE):
        raise UploadRefused("encrypted", "a password-protected (or old .xls) workbook: save it "
                                         "as .xlsx without a password")
    if not data.startswith(_ZIP):
        raise UploadRefused("content", "not an Excel workbook (.xlsx is a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise UploadRefused("content", "not a readable Excel workbook") from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UploadRefused("content", "a zip archive, but not an Excel workbook")
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise UploadRefused("content", "the workbook unpacks to far more than its size")


def _check_csv(data: bytes) -> None:
    head = data[:1 << 16]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        if head.startswith(_BINARY) or b"\x00" in head:
            raise UploadRefused("content", "binary content, not a CSV text file")
        cut = head[: head.rfind(b"\n") + 1] if len(data) > len(head) else head
        text = None
        for encoding in ("utf-8-sig", "cp874"):  # as readers._decode: UTF-8, else Thai Windows
            try:
                text = cut.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise UploadRefused("content", "not text in UTF-8, UTF-16 or Thai Windows-874")
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not any(sep in first for sep in _SEPARATORS):
        raise UploadRefused("content", "no header line with separated columns")


def upload(user: access.User, log: Path, name: str, data: bytes,
           dest_dir: Path | None = None) -> Path:
    """Check an uploaded export and save it under ``dest_dir`` (default ``upload_dir()``).

    Analysts only. Every attempt is in the audit log: ``denied``, ``upload_refused`` (with the
    reason) or ``upload`` (name, size, SHA-256, where it was saved). Each upload gets its own
    folder, so the export keeps the name the province gave it.
    """
    shown = access.printable(name)
    access.require(user, log, "upload", shown, record_allowed=False)
    try:
        clean = check_upload(name, data)
    except UploadRefused as exc:
        access.record(log, user, "upload_refused", f"{shown}: {exc.reason}: {exc}")
        raise
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(dest_dir or upload_dir()) / f"{stamp}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True, exist_ok=False)
    path = folder / clean
    with open(path, "xb") as out:
        out.write(data)
    digest = hashlib.sha256(data).hexdigest()
    access.record(log, user, "upload", f"{clean} ({len(data)} bytes, sha256 {digest}) → {path}")
    return path


def ingest_upload(user: access.User, log: Path, path: Path, db: Path,
                  as_of: dt.date | None = None) -> RunReport:
    """Ingest an uploaded export into the database at ``db`` (published atomically, as
    ``tipmon ingest``); analysts only, the outcome in the audit log (``ingest``)."""
    access.require(user, log, "ingest", path.name, record_allowed=False)
    from pipelines.ingest import ingest

    report = ingest([path], db, as_of=as_of)
    outcome = ", ".join(f"{f.file_name}: {f.status}" for f in report.files) or "no file"
    access.record(log, user, "ingest", f"{outcome} → {db}")
    return report
