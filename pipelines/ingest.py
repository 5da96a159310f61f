"""One ingest run: read → normalise → apply per person → relink → rebuild, all-or-nothing.

The run is one DuckDB transaction: an error anywhere rolls every file of the run back, so the
database is always the state after some whole number of runs. A file that cannot be read at
all is not an error of the run: it is recorded as rejected and the others go on.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines import link, schema, sql, store
from pipelines.normalise import (
    Normalised,
    Prepared,
    finish,
    prepare,
    require_persons,
    row_person_refs,
    show_value,
)
from pipelines.quality.suites import load_all as load_suites
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
    full_rebuild: bool = False,
) -> RunReport:
    """Ingest export files into the database at ``db``, published atomically.

    The run works on a copy beside the live file and replaces it only when everything went
    through: readers keep the old file until then, a crash leaves the live file untouched, and
    an in-memory database (``":memory:"``, for tests) is written in place in one transaction.
    ``full_rebuild``: relink and rebuild every person, even when no file is new (a run otherwise
    rebuilds only the persons its files can change).
    """
    as_of = as_of or dt.date.today()
    files = collect(paths)
    if str(db) == ":memory:":
        raise ValueError("ingest needs a database file; use store.connect for in-memory work")
    db = Path(db)
    stats = _file_stats(files)
    digests: dict[Path, str | None] = {}
    seen: dict[str, object] = {}

    def anything_new() -> bool:
        con = store.connect(db, read_only=True)
        try:
            digests.update(_digests(files, stats, _remembered(con)))
            seen["hashed"] = True
            known = {d: (s, r) for d, s, r in con.execute(sql.KNOWN_HASHES).fetchall()}
            new = full_rebuild or any(d is None or d not in known for d in digests.values())
            if not new:
                seen.update(known=known, counts=store.first_row(con, sql.PERSON_COUNTS))
        except duckdb.CatalogException:
            return True
        finally:
            con.close()
        return new

    with store.writer(db, anything_new) as work:
        if work is None:  # nothing new: every file was ingested before
            return _unchanged(files, digests, seen["known"], seen["counts"])
        if "hashed" not in seen:  # a new database
            digests.update(_digests(files, stats, {}))
        con = store.connect(work)
        try:
            con.execute(sql.WRITER_MEMORY_LIMIT)
            store.ensure_schema(con)
            con.execute("BEGIN TRANSACTION")
            try:
                report = _run(con, files, digests, as_of, progress, full_rebuild)
                _remember(con, stats, digests)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return report


# A file modified this shortly before it was looked at may change again within the same mtime
# tick (and keep its size): its digest is not remembered, so the next run reads it again.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class _Stat:
    path: str  # absolute
    size: int
    mtime_ns: int
    racy: bool


def _file_stats(files: list[Path]) -> dict[Path, _Stat | None]:
    taken = time.time_ns()
    stats: dict[Path, _Stat | None] = {}
    for path in files:
        try:
            st = path.stat()
        except OSError:
            stats[path] = None
        else:
            stats[path] = _Stat(str(path.resolve()), st.st_size, st.st_mtime_ns,
                                st.st_mtime_ns > taken - RACY_NS)
    return stats


def _remembered(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int, int], str]:
    """(path, size, mtime_ns) → sha256 of the files earlier runs read."""
    try:
        rows = con.execute(sql.FILE_DIGESTS).fetchall()
    except duckdb.CatalogException:  # a database from before the file_stats table
        return {}
    return {(path, size, mtime): digest for path, size, mtime, digest in rows}


def _digests(files: list[Path], stats: dict[Path, _Stat | None],
             remembered: dict[tuple[str, int, int], str]) -> dict[Path, str | None]:
    """Each file's sha256: remembered while its size and mtime are the same, else read.

    None for a file that cannot be opened.
    """
    digests: dict[Path, str | None] = {}
    for path in files:
        stat = stats[path]
        digest = None if stat is None else remembered.get((stat.path, stat.size, stat.mtime_ns))
        if digest is None:
            try:
                digest = sha256_of(path)
            except OSError:
                digest = None
        digests[path] = digest
    return digests


def _remember(con: duckdb.DuckDBPyConnection, stats: dict[Path, _Stat | None],
              digests: dict[Path, str | None]) -> None:
    rows = {s.path: (s.path, s.size, s.mtime_ns, digests[p]) for p, s in stats.items()
            if s is not None and not s.racy and digests[p] is not None}
    if not rows:
        return
    frame = pd.DataFrame(list(rows.values()), columns=["path", "size", "mtime_ns", "sha256"])
    con.execute(sql.FORGET_FILE_DIGESTS, [list(rows)])
    store.insert_frame(con, schema.FILE_STATS, frame)


def _unchanged(files: list[Path], digests: dict[Path, str | None],
               known: dict[str, tuple[str, str | None]], counts: tuple) -> RunReport:
    reports = []
    for path in files:
        status, reason = known[digests[path]]
        reports.append(FileReport(path.name, "unchanged" if status == "loaded" else "rejected",
                                  reason="already ingested" if status == "loaded" else reason))
    persons, linked = counts
    return RunReport(reports, persons, linked)


class _Quality:
    """The gate for one run, created on first use, and the results it gathers."""

    def __init__(self, run_id: int, as_of: dt.date) -> None:
        self.run_id = run_id
        self.as_of = as_of
        self.started = dt.datetime.now()
        self.results: list[dict] = []
        self.batches = 0
        self.pending: list[_Pending] = []  # files read and parsed, not yet validated nor written
        self.pending_cells = 0

    def validate(self, suite: str, frame: pd.DataFrame, index: str = "row_number"):
        from pipelines.quality.gate import gate

        self.batches += 1
        return gate().validate(suite, frame, index, self.as_of)

    def validate_many(self, suite: str, frames: list[pd.DataFrame], index: str = "row_number"):
        """One Validation per frame, from one GX run over all of them (see Gate.validate_many)."""
        from pipelines.quality.gate import gate

        self.batches += len(frames)
        return gate().validate_many(suite, frames, index, self.as_of)

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
         as_of: dt.date, progress: bool, full_rebuild: bool = False) -> RunReport:
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
    _flush(con, quality)
    if full_rebuild or any(r.status == "loaded" for r in reports):
        persons, linked = rebuild(con, quality, full=full_rebuild)
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


# Files read and parsed are validated together, one GX run per kind of table for all of them
# (GX's set-up costs per run, not per row), up to this many cells held at once (≈ 80 bytes a
# cell: ≈ 240 MB; 100,000 persons are ≈ 7.4 million cells, so 3 runs); then they are written
# in the order they were read. A larger queue saves little time and raises the peak memory
# (BENCHMARKS.md, "Targets missed").
PENDING_CELLS = 3_000_000


@dataclass
class _Pending:
    export: ExportFile
    seq: int
    report: FileReport
    prepared: list[Prepared]


def _apply(con: duckdb.DuckDBPyConnection, export: ExportFile, run_id: int,
           quality: _Quality) -> FileReport:
    """Log the file and queue its parsed tables; the report is complete once ``_flush`` wrote
    them (when the queue is full, and at the end of the run's files)."""
    seq = _log_file(con, export.file_name, export.sha256, export.source, export.kind,
                    "loaded", None, run_id)
    report = FileReport(export.file_name, "loaded", export.source, export.kind)
    prepared = [prepare(t) for t in export.tables]
    quality.pending.append(_Pending(export, seq, report, prepared))
    quality.pending_cells += sum(p.raw.rows_read * max(1, len(p.raw.cells)) for p in prepared)
    if quality.pending_cells >= PENDING_CELLS:
        _flush(con, quality)
    return report


def _flush(con: duckdb.DuckDBPyConnection, quality: _Quality) -> None:
    """Validate the queued tables, one GX run per suite, then write each file in turn."""
    pending, quality.pending, quality.pending_cells = quality.pending, [], 0
    by_suite: dict[str, list[Prepared]] = {}
    for item in pending:
        for p in item.prepared:
            by_suite.setdefault(p.suite, []).append(p)
    results: dict[int, object] = {}
    for suite, batches in by_suite.items():
        validations = quality.validate_many(suite, [p.frame for p in batches])
        results.update((id(p), v) for p, v in zip(batches, validations, strict=True))
    del by_suite
    while pending:
        item = pending.pop(0)
        norms = [finish(p, results.pop(id(p)), quality.as_of) for p in item.prepared]
        item.prepared.clear()
        _write(con, item, norms, quality)


def _write(con: duckdb.DuckDBPyConnection, item: _Pending, norms: list[Normalised],
           quality: _Quality) -> None:
    """One file's normalised tables into the source state, its quarantine and its report."""
    export, seq = item.export, item.seq
    for norm in norms:
        quality.keep(norm.dq_results, export.file_name, norm.raw.sheet)
    source = export.source
    held: set[str] = set()
    if export.kind in ("workbook", "persons"):
        persons_norm = norms[0]
        held = set(persons_norm.persons["person_ref"])
        refs = row_person_refs(persons_norm.raw, persons_norm.quarantined_rows)
        blocked = {refs[r] for r in persons_norm.quarantined_rows if refs.get(r)} - held
        for norm in norms[1:]:
            require_persons(norm, held, blocked, "this workbook")
        _replace_person_state(con, source, persons_norm, seq)
    else:
        loaded, blocked = _bokeo_fine_persons(con, set(norms[0].fines["person_ref"]))
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
    report = item.report
    report.sheets = sheets
    con.execute(
        "UPDATE ingest_files SET rows_read = ?, rows_loaded = ?, rows_quarantined = ? "
        "WHERE seq = ?",
        [report.rows_read, report.rows_loaded, report.rows_quarantined, seq],
    )


def _loaded_count(norm: Normalised) -> int:
    role = norm.raw.spec.role
    frame = {"persons": norm.persons, "steps": norm.steps, "fines": norm.fines}[role]
    return 0 if frame is None else len(frame)


def _hold(con: duckdb.DuckDBPyConnection, refs: set[str]) -> None:
    con.register("held_frame", pd.DataFrame({"person_ref": sorted(refs)}, dtype=object))
    con.execute("CREATE OR REPLACE TEMP TABLE held AS "
                "SELECT CAST(person_ref AS VARCHAR) AS person_ref FROM held_frame")
    con.unregister("held_frame")


def _replace_person_state(con: duckdb.DuckDBPyConnection, source: str, norm: Normalised,
                          seq: int) -> None:
    """A later export replaces everything its source said about the persons it holds."""
    persons = norm.persons
    con.register("held_frame", persons[["person_ref", "row_number"]].astype(
        {"person_ref": object, "row_number": "int64"}))
    con.execute("CREATE OR REPLACE TEMP TABLE held AS SELECT CAST(person_ref AS VARCHAR) "
                "AS person_ref, CAST(row_number AS BIGINT) AS row_number FROM held_frame")
    con.unregister("held_frame")
    for statement in sql.DELETE_PERSON_STATE.values():
        con.execute(statement, [source])
    con.execute(sql.REGISTER_NEW_PERSONS, [source, seq, source])


def _bokeo_fine_persons(con: duckdb.DuckDBPyConnection, refs: set[str]
                        ) -> tuple[set[str], set[str]]:
    """Of the fines' person_refs ``refs``: those loaded from the Bokeo persons files, and those
    whose persons row was quarantined after it was last loaded (or never loaded)."""
    wanted = pa.table({"person_ref": pa.array(sorted(r for r in refs if r is not None),
                                              type=pa.string())})
    con.register("fine_refs", wanted)
    try:
        loaded = dict(con.execute(sql.BOKEO_LOADED_REFS).fetchall())
        last_bad = dict(con.execute(sql.BOKEO_LAST_QUARANTINED).fetchall())
    finally:
        con.unregister("fine_refs")
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
    by_row: dict[int, list] = {}
    for p in norm.problems:
        by_row.setdefault(p.row, []).append(p)
    refs = row_person_refs(norm.raw, by_row)
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


FULL_REBUILD_SHARE = 0.5  # a scope holding more of the source persons than this: rebuild all
VALIDATE_PERSONS = 200_000  # persons per curated-validation pass: bounds the frames GX holds


def rebuild(con: duckdb.DuckDBPyConnection, quality: _Quality | None = None,
            full: bool = False) -> tuple[int, int]:
    """Relink and rebuild the curated tables from the source state; returns (persons, linked).

    With ``quality`` (an ingest run), only the persons that run can change are rebuilt: the
    closure of the source persons it wrote (``link`` explains why that is exact), unless that
    closure is most of the database, the database has no persons yet, or ``full``. The
    rebuilt persons' curated rows and step order are validated too.
    """
    full = _migrate(con) or full or quality is None or not store.scalar(con, sql.ANY_PERSON)
    if not full:
        scope, total = link.scope_of_run(con, quality.run_id)
        full = scope > FULL_REBUILD_SHARE * total
    if full:
        link.drop_work_tables(con)
        for table in schema.CURATED_TABLES:
            con.execute(sql.CLEAR_CURATED.format(table=table.name))
    else:
        con.execute(sql.REBUILD_OLD_IDS)
        for statement in sql.DELETE_CURATED_OF_SCOPE.values():
            con.execute(statement)
    try:
        link.link(con, whole=full)
        for statement in sql.REBUILD.values():
            con.execute(statement)
        if quality is not None:
            _validate_curated(con, quality, whole=full)
    finally:
        link.drop_work_tables(con)
    persons, linked = store.first_row(con, sql.PERSON_COUNTS)
    return int(persons), int(linked)


@functools.cache
def _checked_columns(suite: str, table: str) -> list[str]:
    """The columns of ``table`` that ``suite`` checks, person_id always among them."""
    names = {e["kwargs"][k] for e in load_suites()[suite]["expectations"]
             for k in ("column", "column_A", "column_B") if k in e["kwargs"]}
    return [c for c in schema.TABLES[table].column_names if c in names or c == "person_id"]


def _migrate(con: duckdb.DuckDBPyConnection) -> bool:
    """A database from before dq_findings.person_id gets the column; its rebuild is full."""
    columns = {d[0] for d in con.execute(sql.DQ_FINDINGS_NO_ROWS).description}
    if "person_id" in columns:
        return False
    con.execute(sql.ADD_DQ_FINDINGS_PERSON_ID)
    return True


def _validate_curated(con: duckdb.DuckDBPyConnection, quality: _Quality, whole: bool) -> None:
    """The rebuilt persons' curated rows against their suites; step-order findings are kept.

    In passes of at most VALIDATE_PERSONS persons (a person's rows all in one pass), so that
    a full rebuild never holds a whole curated table in pandas; each expectation's counts are
    summed over the passes into one ``dq_results`` row per run. Only the columns a suite
    checks are fetched. ``whole``: every person was rebuilt.
    """
    rebuilt = int(store.scalar(con, sql.REBUILT_COUNT))
    passes = max(1, -(-rebuilt // VALIDATE_PERSONS))
    where = "" if whole and passes == 1 else sql.CHECK_JOIN
    queries = {f"curated.{table}": (sql.curated_for_validation(
        table, _checked_columns(f"curated.{table}", table), where),
        "person_id" if table == "persons" else "row") for table in sql.CURATED_VALIDATED}
    queries["curated.person_steps"] = (sql.PERSON_STEP_DATES_WIDE.format(where=where),
                                       "person_id")
    totals: dict[tuple, dict] = {}
    findings = []
    for part in range(passes):
        if where:
            con.execute(sql.CHECK_PART, [passes, part])
        for suite, (query, index) in queries.items():
            frame = store.fetch_df(con, query)
            if index == "row":
                frame = frame.reset_index(names="row")
            result = quality.validate(suite, frame, index)
            del frame
            for r in result.results:
                key = (r["suite"], r["expectation"], r["column_name"], r["on_failure"])
                if key not in totals:
                    totals[key] = dict(r)
                else:
                    total = totals[key]
                    total["success"] = total["success"] and r["success"]
                    total["unexpected_count"] += r["unexpected_count"]
                    total["element_count"] += r["element_count"]
            findings += [f for f in result.failures if f.on_failure == "finding"]
    quality.keep(list(totals.values()), None, None)
    if findings:
        store.insert_frame(con, schema.DQ_FINDINGS, pd.DataFrame([{
            "kind": f.finding, "person_ref": None, "column_name": f.column,
            "detail": f"person {f.index}: {f.column} is earlier than "
                      f"{f.kwargs.get('column_B')}",
            "person_id": f.index,
        } for f in findings]))
