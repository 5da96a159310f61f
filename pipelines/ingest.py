"""One ingest run: read → normalise → apply per person → relink → rebuild, all-or-nothing.

The run is one DuckDB transaction: an error anywhere rolls every file of the run back, so the
database is always the state after some whole number of runs. A file that cannot be read at
all is not an error of the run: it is recorded as rejected and the others go on.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import link, schema, sql, store
from pipelines.normalise import (
    Normalised,
    normalise,
    require_persons,
    row_person_refs,
    show_value,
)
from pipelines.readers import ExportFile, UnreadableFile, read_export, sha256_of, sniff_kind

EXPORT_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}
LARGE_FILE_BYTES = 5 << 20  # show a progress bar from this size on


@dataclass
class SheetReport:
    sheet: str | None
    kind: str
    header_row: int
    rows_read: int
    rows_loaded: int
    rows_quarantined: int


@dataclass
class FileReport:
    file_name: str
    status: str  # loaded | rejected | unchanged
    source: str | None = None
    kind: str | None = None
    reason: str | None = None
    sheets: list[SheetReport] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(s.rows_read for s in self.sheets)

    @property
    def rows_loaded(self) -> int:
        return sum(s.rows_loaded for s in self.sheets)

    @property
    def rows_quarantined(self) -> int:
        return sum(s.rows_quarantined for s in self.sheets)


@dataclass
class RunReport:
    files: list[FileReport]
    persons: int = 0
    linked: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if any(f.status == "rejected" for f in self.files) else 0


def collect(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders walked recursively for export files, in name order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in EXPORT_SUFFIXES
                and not f.name.startswith((".", "~$"))
            ))
        else:
            found.append(p)
    return found


def ingest(
    paths: Iterable[Path | str],
    db: Path | str,
    as_of: dt.date | None = None,
    progress: bool = False,
) -> RunReport:
    """Ingest export files into the database at ``db``, published atomically.

    The run works on a copy beside the live file and replaces it only when everything went
    through: readers keep the old file until then, a crash leaves the live file untouched, and
    an in-memory database (``":memory:"``, for tests) is written in place in one transaction.
    """
    as_of = as_of or dt.date.today()
    files = collect(paths)
    if str(db) == ":memory:":
        raise ValueError("ingest needs a database file; use store.connect for in-memory work")
    db = Path(db)
    digests = {}
    for path in files:
        try:
            digests[path] = sha256_of(path)
        except OSError:
            digests[path] = None

    def anything_new() -> bool:
        con = store.connect(db, read_only=True)
        try:
            known = {d for (d, _, _) in con.execute(sql.KNOWN_HASHES).fetchall()}
        except duckdb.CatalogException:
            return True
        finally:
            con.close()
        return any(d is None or d not in known for d in digests.values())

    with store.writer(db, anything_new) as work:
        if work is None:  # nothing new: every file was ingested before
            return _unchanged(db, files, digests)
        con = store.connect(work)
        try:
            store.ensure_schema(con)
            con.execute("BEGIN TRANSACTION")
            try:
                report = _run(con, files, digests, as_of, progress)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return report


def _unchanged(db: Path, files: list[Path], digests: dict[Path, str | None]) -> RunReport:
    con = store.connect(db, read_only=True)
    try:
        known = {d: (s, r) for d, s, r in con.execute(sql.KNOWN_HASHES).fetchall()}
        persons, linked = store.first_row(con, sql.PERSON_COUNTS)
    finally:
        con.close()
    reports = []
    for path in files:
        status, reason = known[digests[path]]
        reports.append(FileReport(path.name, "unchanged" if status == "loaded" else "rejected",
                                  reason="already ingested" if status == "loaded" else reason))
    return RunReport(reports, persons, linked)


class _Quality:
    """The gate for one run, created on first use, and the results it gathers."""

    def __init__(self, run_id: int, as_of: dt.date) -> None:
        self.run_id = run_id
        self.as_of = as_of
        self.started = dt.datetime.now()
        self.results: list[dict] = []
        self.batches = 0

    def validate(self, suite: str, frame: pd.DataFrame, index: str = "row_number"):
        from pipelines.quality.gate import gate

        self.batches += 1
        return gate().validate(suite, frame, index, self.as_of)

    def keep(self, results: list[dict], file_name: str | None, sheet: str | None) -> None:
        self.results.extend({**r, "run_id": self.run_id, "file_name": file_name, "sheet": sheet}
                            for r in results)

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        if not self.batches:
            return
        store.insert_frame(con, schema.DQ_RESULTS, pd.DataFrame(self.results))
        store.insert_frame(con, schema.DQ_RUNS, pd.DataFrame([{
            "run_id": self.run_id, "started_at": self.started, "finished_at": dt.datetime.now(),
            "batches": self.batches, "expectations": len(self.results),
            "failed": sum(not r["success"] for r in self.results),
        }]))


def _run(con: duckdb.DuckDBPyConnection, files: list[Path], digests: dict[Path, str | None],
         as_of: dt.date, progress: bool) -> RunReport:
    known = {digest: (status, reason)
             for digest, status, reason in con.execute(sql.KNOWN_HASHES).fetchall()}
    run_id = store.scalar(con, sql.NEXT_RUN_ID)
    quality = _Quality(run_id, as_of)
    reports: list[FileReport] = []
    # Within a run, person files before fine files (spec §6.9); otherwise the order given.
    ordered = sorted(files, key=lambda p: sniff_kind(p) == "fines")
    for path in ordered:
        digest = digests[path]
        if digest is None:
            reason = "cannot open the file"
            reports.append(FileReport(path.name, "rejected", reason=reason))
            _log_file(con, path.name, "-", None, None, "rejected", reason, run_id)
            continue
        if digest in known:
            status, reason = known[digest]
            if status == "rejected":  # still unreadable: say so again, log it once
                reports.append(FileReport(path.name, "rejected", reason=reason))
            else:
                reports.append(FileReport(path.name, "unchanged", reason="already ingested"))
            continue
        with _Progress(path, enabled=progress) as bar:
            try:
                export = read_export(path, digest)
            except UnreadableFile as exc:
                reports.append(FileReport(path.name, "rejected", reason=str(exc)))
                _log_file(con, path.name, digest, None, None, "rejected", str(exc), run_id)
                known[digest] = ("rejected", str(exc))
                continue
            known[digest] = ("loaded", None)
            bar.step("normalise")
            reports.append(_apply(con, export, run_id, quality))
            bar.step("done")
    if any(r.status == "loaded" for r in reports):
        persons, linked = rebuild(con, quality)
        quality.write(con)
    else:  # nothing new: the curated tables already are what the sources say
        persons, linked = store.first_row(con, sql.PERSON_COUNTS)
    return RunReport(reports, persons, linked)


class _Progress:
    """A progress bar for large files (read → normalise and load), silent for small ones."""

    def __init__(self, path: Path, enabled: bool) -> None:
        self.bar = None
        if enabled and path.stat().st_size >= LARGE_FILE_BYTES:
            from tqdm import tqdm

            self.bar = tqdm(total=2, desc=path.name, unit="stage", file=sys.stderr,
                            bar_format="{desc}: {n_fmt}/{total_fmt} {postfix} [{elapsed}]")
            self.bar.set_postfix_str("read")

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(label)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _log_file(con, name, digest, source, kind, status, reason, run_id, counts=(0, 0, 0)) -> int:
    seq = store.scalar(con, sql.NEXT_FILE_SEQ)
    store.insert_frame(con, schema.INGEST_FILES, pd.DataFrame([{
        "seq": seq, "file_name": name, "sha256": digest, "source": source, "kind": kind,
        "status": status, "reason": reason, "rows_read": counts[0], "rows_loaded": counts[1],
        "rows_quarantined": counts[2], "ingested_at": dt.datetime.now(),
        "run_id": run_id,
    }]))
    return seq


def _apply(con: duckdb.DuckDBPyConnection, export: ExportFile, run_id: int,
           quality: _Quality) -> FileReport:
    seq = _log_file(con, export.file_name, export.sha256, export.source, export.kind,
                    "loaded", None, run_id)
    norms = [normalise(t, quality.as_of, quality.validate) for t in export.tables]
    for norm in norms:
        quality.keep(norm.dq_results, export.file_name, norm.raw.sheet)
    source = export.source
    held: set[str] = set()
    if export.kind in ("workbook", "persons"):
        persons_norm = norms[0]
        held = set(persons_norm.persons["person_ref"])
        refs = row_person_refs(persons_norm.raw)
        blocked = {refs[r] for r in persons_norm.quarantined_rows if refs.get(r)} - held
        for norm in norms[1:]:
            require_persons(norm, held, blocked, "this workbook")
        _replace_person_state(con, source, persons_norm, seq)
    else:
        loaded, blocked = _bokeo_fine_persons(con)
        require_persons(norms[0], loaded, blocked, "the Bokeo persons files")
        held = set(norms[0].fines["person_ref"])
        _hold(con, held)
        con.execute(sql.DELETE_FINES_OF_HELD, [source])
    for norm in norms:
        _insert_rows(con, norm, seq, export)
    sheets = []
    for norm in norms:
        loaded_rows = _loaded_count(norm)
        quarantined = len(norm.quarantined_rows)
        if loaded_rows + quarantined != norm.raw.rows_read:
            raise AssertionError(
                f"{export.file_name} {norm.raw.sheet or ''}: rows read {norm.raw.rows_read} "
                f"≠ loaded {loaded_rows} + quarantined {quarantined}"
            )
        sheets.append(SheetReport(norm.raw.sheet, norm.raw.spec.kind, norm.raw.header_row,
                                  norm.raw.rows_read, loaded_rows, quarantined))
        store.insert_frame(con, schema.INGEST_SHEETS, pd.DataFrame([{
            "file_seq": seq, "file_name": export.file_name, "sheet": norm.raw.sheet,
            "kind": norm.raw.spec.kind, "header_row": norm.raw.header_row,
            "rows_read": norm.raw.rows_read, "rows_loaded": loaded_rows,
            "rows_quarantined": quarantined,
        }]))
    report = FileReport(export.file_name, "loaded", source, export.kind, sheets=sheets)
    con.execute(
        "UPDATE ingest_files SET rows_read = ?, rows_loaded = ?, rows_quarantined = ? "
        "WHERE seq = ?",
        [report.rows_read, report.rows_loaded, report.rows_quarantined, seq],
    )
    return report


def _loaded_count(norm: Normalised) -> int:
    role = norm.raw.spec.role
    frame = {"persons": norm.persons, "steps": norm.steps, "fines": norm.fines}[role]
    return 0 if frame is None else len(frame)


def _hold(con: duckdb.DuckDBPyConnection, refs: set[str]) -> None:
    con.register("held_frame", pd.DataFrame({"person_ref": sorted(refs)}, dtype=object))
    con.execute("CREATE OR REPLACE TEMP TABLE held AS SELECT person_ref FROM held_frame")
    con.unregister("held_frame")


def _replace_person_state(con: duckdb.DuckDBPyConnection, source: str, norm: Normalised,
                          seq: int) -> None:
    """A later export replaces everything its source said about the persons it holds."""
    persons = norm.persons
    con.register("held_frame", persons[["person_ref", "row_number"]].astype(
        {"person_ref": object, "row_number": "int64"}))
    con.execute("CREATE OR REPLACE TEMP TABLE held AS SELECT * FROM held_frame")
    con.unregister("held_frame")
    for statement in sql.DELETE_PERSON_STATE.values():
        con.execute(statement, [source])
    con.execute(sql.REGISTER_NEW_PERSONS, [source, seq, source])


def _bokeo_fine_persons(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    loaded = dict(con.execute(sql.BOKEO_LOADED_REFS).fetchall())
    last_bad = dict(con.execute(sql.BOKEO_LAST_QUARANTINED).fetchall())
    blocked = {ref for ref, seq in last_bad.items() if seq > loaded.get(ref, 0)}
    return set(loaded) - blocked, blocked


def _insert_rows(con: duckdb.DuckDBPyConnection, norm: Normalised, seq: int,
                 export: ExportFile) -> None:
    provenance = {"file_name": export.file_name, "sheet": norm.raw.sheet, "file_seq": seq}
    if norm.persons is not None:
        store.insert_frame(con, schema.SRC_PERSONS, norm.persons.assign(**provenance))
    if norm.steps is not None:
        store.insert_frame(con, schema.SRC_STEPS, norm.steps.assign(**provenance))
        con.execute(sql.REGISTER_STEPS_SEEN, [seq])
    if norm.fines is not None:
        store.insert_frame(con, schema.SRC_FINES, norm.fines.assign(**provenance))
    if norm.codes is not None:
        store.insert_frame(con, schema.SRC_PERSON_CODES, norm.codes)
    if norm.problems:
        _insert_quarantine(con, norm, seq, export)
    if norm.raw.findings:
        store.insert_frame(con, schema.INGEST_FINDINGS, pd.DataFrame([{
            "file_seq": seq, "file_name": export.file_name, "sheet": norm.raw.sheet,
            "row_number": row, "column_name": column, "kind": "formula_without_value",
            "detail": detail,
        } for row, column, detail in norm.raw.findings]))


def _insert_quarantine(con: duckdb.DuckDBPyConnection, norm: Normalised, seq: int,
                       export: ExportFile) -> None:
    refs = row_person_refs(norm.raw)
    by_row: dict[int, list] = {}
    for p in norm.problems:
        by_row.setdefault(p.row, []).append(p)
    rows = []
    for row, problems in sorted(by_row.items()):
        columns = list(dict.fromkeys(p.column for p in problems))
        rows.append({
            "source": export.source, "file_name": export.file_name, "sheet": norm.raw.sheet,
            "row_number": row, "person_ref": refs.get(row), "kind": norm.raw.spec.kind,
            "reason": "; ".join(p.text for p in problems), "columns": ", ".join(columns),
            "file_seq": seq,
        })
    store.insert_frame(con, schema.QUARANTINE, pd.DataFrame(rows))
    store.insert_frame(con, schema.QUARANTINE_PROBLEMS, pd.DataFrame([{
        "file_name": export.file_name, "sheet": norm.raw.sheet, "row_number": p.row,
        "column_name": p.column, "value": show_value(p.value), "problem": p.message,
        "rule": p.rule, "file_seq": seq,
    } for p in norm.problems]))


def rebuild(con: duckdb.DuckDBPyConnection, quality: _Quality | None = None) -> tuple[int, int]:
    """Relink every source person and rebuild the curated tables from the source state.

    With ``quality``, the curated tables and each person's step order are validated too.
    """
    src = store.fetch_df(con, sql.SRC_PERSONS_FOR_LINK)
    src = src.astype(object).where(src.notna(), None)
    registry = store.fetch_df(con, sql.SRC_REGISTRY)
    first_dates = store.fetch_df(con, sql.FIRST_STEP_DATES)
    bk_first = first_dates[first_dates["source"] == link.BK]
    bk_first_year = pd.Series(pd.to_datetime(bk_first["first_date"]).dt.year.values,
                              index=bk_first["person_ref"].values)
    result = link.link(src, bk_first_year)
    persons, membership, conflicts = link.build_persons(src, registry, first_dates, result)
    for table in schema.CURATED_TABLES:
        con.execute(sql.CLEAR_CURATED.format(table=table.name))
    store.insert_frame(con, schema.PERSONS, persons)
    con.register("membership", membership)
    try:
        for name, statement in sql.REBUILD.items():
            del name
            con.execute(statement)
    finally:
        con.unregister("membership")
    store.insert_frame(con, schema.LINK_REVIEWS, result.reviews)
    store.insert_frame(con, schema.DQ_FINDINGS, conflicts)
    if quality is not None:
        _validate_curated(con, quality, persons)
    linked = int((persons["in_chiang_rai"] & persons["in_bokeo"]).sum())
    return len(persons), linked


def _validate_curated(con: duckdb.DuckDBPyConnection, quality: _Quality,
                      persons: pd.DataFrame) -> None:
    """Curated tables against their suites; step-order violations are kept as findings."""
    frames = {"curated.persons": (persons, "person_id")}
    for table, statement in sql.CURATED_FOR_VALIDATION.items():
        frame = store.fetch_df(con, statement)
        frames[f"curated.{table}"] = (frame.reset_index(names="row"), "row")
    steps = store.fetch_df(con, sql.PERSON_STEP_DATES_WIDE)
    frames["curated.person_steps"] = (steps, "person_id")
    for suite, (frame, index) in frames.items():
        result = quality.validate(suite, frame, index)
        quality.keep(result.results, None, None)
        findings = [f for f in result.failures if f.on_failure == "finding"]
        if findings:
            store.insert_frame(con, schema.DQ_FINDINGS, pd.DataFrame([{
                "kind": f.finding, "person_ref": None, "column_name": f.column,
                "detail": f"person {f.index}: {f.column} is earlier than "
                          f"{f.kwargs.get('column_B')}",
            } for f in findings]))
