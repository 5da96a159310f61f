"""Where a cold ``tipmon ingest`` spends its time: cProfile over one run, in-process.

    python -m benchmarks.profile_ingest --persons 100000 [--seed 1] [--top 25]
    python -m benchmarks.profile_ingest --persons 100000 --stages   # no profiler: stage clocks
    python -m benchmarks.profile_ingest --persons 100000 --stages --incremental
    PYTHONPATH=/tmp/probe-venv/lib/python3.11/site-packages \
        python -m benchmarks.profile_ingest --persons 100000 --pyinstrument

Uses the cached exports of ``benchmarks.run`` (generating them when missing), ingests them
into a fresh database under ``build/bench/profile/``, writes the raw profile
(``cold-<N>-<seed>.prof``, for snakeviz or ``python -m pstats``) and prints the stages
(inclusive time of the pipeline's main functions) and the top functions by self time, each
with its share of the run. cProfile inflates pure-Python code more than native code, so the
shares of Python-heavy stages are somewhat overstated. ``--stages`` runs without a profiler
and only puts a clock around the pipeline's main functions (a few hundred calls): the true
wall-clock split, to read the profiles against. ``--incremental`` profiles the incremental
step instead: the month's files of ``benchmarks.run`` into a copy of the cold database it
built (run the benchmark first). ``--pyinstrument`` samples instead
(pyinstrument is not a project dependency: install it outside the project's venv and put it on
PYTHONPATH) and writes the call tree (``cold-<N>-<seed>.pyinstrument.txt``, ``.html``), the
functions by self time (``-flat.txt``) and the session (``.pyisession``) beside the profile.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

from benchmarks.run import BENCH_DIR, ROOT, ensure_exports

# (label, module file suffix, function name): inclusive ("cumulative") time of each stage.
STAGES = (
    ("hash the files (sha256_of)", "pipelines/readers.py", "sha256_of"),
    ("copy the live database (store.writer)", "shutil.py", "copyfile"),
    ("read: calamine / csv → raw tables (read_export)", "pipelines/readers.py", "read_export"),
    ("  of which calamine sheet rows (_sheet_rows)", "pipelines/readers.py", "_sheet_rows"),
    ("  of which formula scan (_formula_findings)", "pipelines/readers.py", "_formula_findings"),
    ("  of which oversize scan (_oversized_sheets)", "pipelines/readers.py",
     "_oversized_sheets"),
    ("normalise: parse, row rules (prepare)", "pipelines/normalise.py", "prepare"),
    ("  of which parse_column", "pipelines/normalise.py", "parse_column"),
    ("normalise: failures applied, shaped (finish)", "pipelines/normalise.py", "finish"),
    ("GX gate: validate (all batches, incl. curated)", "pipelines/quality/gate.py",
     "validate_many"),
    ("GX gate: import + context (Gate.__init__)", "pipelines/quality/gate.py", "__init__"),
    ("write per file (_write: replace state, insert)", "pipelines/ingest.py", "_write"),
    ("  of which quarantine rows (_insert_quarantine)", "pipelines/ingest.py",
     "_insert_quarantine"),
    ("rebuild (relink + curated tables)", "pipelines/ingest.py", "rebuild"),
    ("  of which the scope of the run (link.scope_of_run)", "pipelines/link.py",
     "scope_of_run"),
    ("  of which link.link (SQL: link the scope, persons)", "pipelines/link.py", "link"),
    ("  of which curated validation (_validate_curated)", "pipelines/ingest.py",
     "_validate_curated"),
    ("store.insert_frame (all inserts)", "pipelines/store.py", "insert_frame"),
    ("  of which store.typed (frames → schema types)", "pipelines/store.py", "typed"),
    ("DuckDB execute (all statements)", "~", "<method 'execute' of '_duckdb.DuckDBPyConnection' "
     "objects>"),
)


def _find(stats: pstats.Stats, suffix: str, name: str) -> tuple[float, int]:
    total, calls = 0.0, 0
    for (file, _line, func), (_cc, nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func == name and (file.endswith(suffix) or suffix == file):
            total += ct
            calls += nc
    return total, calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_ingest")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--pyinstrument", action="store_true",
                        help="sample with pyinstrument instead of cProfile")
    parser.add_argument("--stages", action="store_true",
                        help="no profiler: wall-clock time of the main stages only")
    parser.add_argument("--incremental", action="store_true",
                        help="the month's files into a copy of the benchmark's cold database")
    args = parser.parse_args(argv)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    exports, _ = ensure_exports(args.persons, args.seed, env)
    out_dir = BENCH_DIR / "profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    step = "incremental" if args.incremental else "cold"
    db = out_dir / f"{step}-{args.persons}-{args.seed}.duckdb"
    for p in (db, Path(f"{db}.wal"), Path(f"{db}.lock"), Path(f"{db}.next")):
        p.unlink(missing_ok=True)
    if args.incremental:
        import shutil

        from benchmarks.run import INCREMENT_PERSONS, ensure_increment

        loaded = BENCH_DIR / "work" / f"{args.persons}-{args.seed}" / "cold.duckdb"
        if not loaded.exists():
            parser.error(f"no {loaded}: run python -m benchmarks.run --sizes {args.persons}")
        shutil.copyfile(loaded, db)
        exports, _ = ensure_increment(INCREMENT_PERSONS, args.seed + 1000, env)

    from pipelines.ingest import ingest

    if args.pyinstrument:
        return _sampled(ingest, exports, db, out_dir / f"{step}-{args.persons}-{args.seed}")
    if args.stages:
        return _clocked(exports, db)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    report = ingest([exports], db)
    profiler.disable()
    wall = time.perf_counter() - started
    prof = out_dir / f"{step}-{args.persons}-{args.seed}.prof"
    profiler.dump_stats(str(prof))
    stats = pstats.Stats(str(prof))
    total = stats.total_tt  # type: ignore[attr-defined]

    print(f"{step} ingest of {args.persons:,} persons under cProfile: {wall:.1f} s wall, "
          f"{total:.1f} s profiled; {report.persons:,} persons; profile: {prof}")
    print("\nstages (inclusive time; nested lines are part of the line above)")
    for label, suffix, name in STAGES:
        t, calls = _find(stats, suffix, name)
        print(f"  {t:8.1f} s {t / total:6.1%}  {calls:>8,} calls  {label}")
    print(f"\ntop {args.top} functions by self time")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    for (file, line, func), (_cc, nc, tt, ct, _callers) in rows[: args.top]:
        where = file.replace(str(ROOT) + "/", "")
        if "site-packages/" in where:
            where = where.split("site-packages/", 1)[1]
        print(f"  {tt:8.1f} s {tt / total:6.1%}  cum {ct:8.1f} s  {nc:>10,}  "
              f"{where}:{line}({func})")
    return 0


# (label, module, attribute): wrapped with a clock; a method is "Class.method".
CLOCKS = (
    ("read_export (whole read of a file)", "pipelines.ingest", "read_export"),
    ("  calamine: open + read sheets (_guarded: get_sheet_by_name + _sheet_rows)",
     "pipelines.readers", "_guarded"),
    ("    of which the Python pass over the rows (_sheet_rows)", "pipelines.readers",
     "_sheet_rows"),
    ("  formula scan of the sheet XML (_formula_findings)", "pipelines.readers",
     "_formula_findings"),
    ("  header + data rows (_table_from_grid)", "pipelines.readers", "_table_from_grid"),
    ("  CSV decode + parse (_read_csv)", "pipelines.readers", "_read_csv"),
    ("normalise: parse cells, row rules (prepare)", "pipelines.ingest", "prepare"),
    ("  parse_column (cell parsers, per distinct value)", "pipelines.normalise",
     "parse_column"),
    ("normalise: gate's failures applied, tables shaped (finish)", "pipelines.ingest",
     "finish"),
    ("GX: import + context (Gate.__init__)", "pipelines.quality.gate", "Gate.__init__"),
    ("GX: validate source batches (one run per suite and queue)", "pipelines.quality.gate",
     "Gate.validate_many:source."),
    ("GX: validate curated tables", "pipelines.quality.gate", "Gate.validate_many:curated."),
    ("_insert_rows (source tables, quarantine, findings)", "pipelines.ingest", "_insert_rows"),
    ("  _insert_quarantine", "pipelines.ingest", "_insert_quarantine"),
    ("row_person_refs (refs of every row, for the quarantine)", "pipelines.ingest",
     "row_person_refs"),
    ("store.insert_frame (every insert)", "pipelines.store", "insert_frame"),
    ("  store.typed (frame → schema types)", "pipelines.store", "typed"),
    ("rebuild (relink + curated tables + their validation)", "pipelines.ingest", "rebuild"),
    ("  the scope of the run (link.scope_of_run)", "pipelines.link", "scope_of_run"),
    ("  link.link (SQL: link the scope, write its persons)", "pipelines.link", "link"),
    ("  _validate_curated (fetch + GX)", "pipelines.ingest", "_validate_curated"),
    ("sha256 of the files", "pipelines.ingest", "sha256_of"),
    ("copy of the live database to <db>.next (store.writer)", "shutil", "copyfile"),
    ("fsync before publishing (store._fsync)", "pipelines.store", "_fsync"),
)


def _clocked(exports: Path, db: Path) -> int:
    import functools
    import importlib

    totals: dict[str, list[float]] = {}

    def wrap(label: str, func, prefix: str | None):
        @functools.wraps(func)
        def clocked(*a, **kw):
            if prefix is not None and not str(a[1]).startswith(prefix):
                return func(*a, **kw)
            hwm = _peak_rss_mb()
            started = time.perf_counter()
            try:
                return func(*a, **kw)
            finally:
                slot = totals.setdefault(label, [0.0, 0, 0.0])
                slot[0] += time.perf_counter() - started
                slot[1] += 1
                slot[2] += _peak_rss_mb() - hwm  # the process's peak RSS raised in this call
        return clocked

    for label, module_name, attr in CLOCKS:
        module = importlib.import_module(module_name)
        attr, _, prefix = attr.partition(":")
        owner = module
        if "." in attr:
            cls, attr = attr.split(".")
            owner = getattr(module, cls)
        setattr(owner, attr, wrap(label, getattr(owner, attr), prefix or None))
    from pipelines.ingest import ingest

    started = time.perf_counter()
    report = ingest([exports], db)
    wall = time.perf_counter() - started
    print(f"ingest of {exports} (in-process, no profiler): {wall:.1f} s; "
          f"{report.persons:,} persons; peak RSS {_peak_rss_mb():,.0f} MB")
    print("      time  share   calls  peak RSS raised (MB)  stage")
    for label, _module, _attr in CLOCKS:
        t, calls, raised = totals.get(label, (0.0, 0, 0.0))
        print(f"  {t:7.2f} s {t / wall:6.1%} {calls:>6}  {raised:>+8,.0f}  {label}")
    return 0


def _peak_rss_mb() -> float:
    """The process's peak RSS so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _sampled(ingest, exports: Path, db: Path, stem: Path) -> int:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    started = time.perf_counter()
    with profiler:
        report = ingest([exports], db)
    wall = time.perf_counter() - started
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    flat = profiler.output_text(unicode=True, color=False, flat=True, flat_time="self")
    Path(f"{stem}.pyinstrument.txt").write_text(text, encoding="utf-8")
    Path(f"{stem}.pyinstrument-flat.txt").write_text(flat, encoding="utf-8")
    Path(f"{stem}.pyinstrument.html").write_text(profiler.output_html(), encoding="utf-8")
    if profiler.last_session is not None:
        profiler.last_session.save(f"{stem}.pyisession")
    print(f"ingest of {exports} under pyinstrument: {wall:.1f} s wall; {report.persons:,} persons; "
          f"{stem}.pyinstrument.txt")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
