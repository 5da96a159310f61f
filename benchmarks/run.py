"""Benchmark the ingest against its floor and a naive baseline, and the dashboard pages.

    python -m benchmarks.run --sizes 10000 100000 [1000000] [--pages-db FILE]
    python -m benchmarks.run --quick        # 10,000 persons, one run each: checks the harness

For each size: synthetic exports from ``tipmon generate`` (cached under
``build/bench/exports/<N>-<seed>/``), then, each step in its own subprocess:

- ``floor``: the files into DuckDB with no normalisation (``benchmarks.floor``);
- ``naive``: pandas + openpyxl + ``df.apply(axis=1)`` (``benchmarks.naive``; ≤ 100,000 only);
- ``cold``: ``tipmon ingest`` into a fresh database;
- ``unchanged``: ``tipmon ingest`` of the same files again;
- ``incremental``: ``tipmon ingest`` of one small new export (the same files at every size,
  ``build/bench/exports/month-<P>-<seed>/``) into a copy of the loaded database.

Then every dashboard page on the largest database built (or ``--pages-db``): cold (the first
run of the page in a fresh process) and warm (the median of 3 further runs in the same
AppTest). Steps faster than ``--fast-under`` seconds are repeated (``--repeats``, median
reported). Wall and CPU time and peak RSS are those of the child process (``os.wait4``).

Results are merged into ``benchmarks/results.json`` (per size, so a later 1,000,000 run
adds to the 10,000 and 100,000 ones) and rendered into ``BENCHMARKS.md`` between its
``bench:begin`` / ``bench:end`` markers; the rest of that file is left as written.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "build" / "bench"
RESULTS = ROOT / "benchmarks" / "results.json"
MARKDOWN = ROOT / "BENCHMARKS.md"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
NAIVE_MAX = 100_000
INCREMENT_PERSONS = 6_000  # its latest year ≈ one month of the 100,000-person history
MARK = "BENCH_RESULT "
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the machine


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("duckdb", "pandas", "streamlit", "python-calamine", "openpyxl", "pyarrow",
                 "great-expectations"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb,
        "os": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": _versions(),
    }


def _busy_seconds() -> float:
    """CPU seconds all processes of the machine spent since boot (from /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def other_load(seconds: float = 2.0) -> float:
    """Cores kept busy by other processes right now (this harness is idle meanwhile)."""
    before = _busy_seconds()
    time.sleep(seconds)
    return (_busy_seconds() - before) / seconds


def wait_quiet(limit_s: float, threshold: float = 0.5) -> float:
    """Wait (up to limit_s) until other processes use less than ``threshold`` cores."""
    waited = 0.0
    load = other_load()
    while load > threshold and waited < limit_s:
        if waited == 0:
            log(f"machine busy ({load:.1f} cores used by others): waiting up to {limit_s:.0f} s")
        time.sleep(28)
        waited += 30
        load = other_load()
    return load


# ---------------------------------------------------------------- running one step


def run_child(cmd: list[str], env: dict[str, str], timeout: float | None = None) -> dict:
    """Run ``cmd`` alone; its wall and CPU time, peak RSS and the BENCH_RESULT it printed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy0 = _busy_seconds()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        deadline = None if timeout is None else started + timeout
        while True:  # os.wait4 gives this child's own rusage (peak RSS), unlike communicate()
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
            time.sleep(0.05)
        wall = time.perf_counter() - started
        busy = _busy_seconds() - busy0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    result = None
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARK):
            result = json.loads(line[len(MARK):])
            break
    run = {
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "other_load_cores": round(max(0.0, busy - cpu) / wall, 2) if wall > 0 else None,
        "exit_code": proc.returncode, "result": result,
    }
    if proc.returncode != 0 or result is None:
        run["stderr_tail"] = stderr[-2000:]
    return run


def measure(name: str, cmd: list[str], env: dict[str, str], *, prepare=None, repeats: int = 3,
            fast_under: float = 60.0, wait_s: float = 0.0) -> dict:
    """Run a step once, and up to ``repeats`` times when it is fast; medians and the max RSS."""
    runs = []
    while True:
        if prepare is not None:
            prepare()
        if wait_s:
            wait_quiet(wait_s)
        run = run_child(cmd, env)
        runs.append(run)
        ok = run["exit_code"] in (0, 2) and run["result"] is not None
        log(f"{name}: {run['wall_s']:.2f} s wall, {run['cpu_s']:.1f} s CPU, "
            f"{run['peak_rss_mb']:.0f} MB peak" + ("" if ok else f"  FAILED ({run['exit_code']})"))
        if not ok:
            log(run.get("stderr_tail", "")[-800:])
            break
        if len(runs) >= repeats or run["wall_s"] >= fast_under:
            break
    good = [r for r in runs if r["result"] is not None]
    summary = {
        "runs": runs, "n": len(runs), "ok": len(good) == len(runs),
        "wall_s": _median(r["wall_s"] for r in good),
        "cpu_s": _median(r["cpu_s"] for r in good),
        "work_s": _median(r["result"].get("work_s") for r in good),
        "peak_rss_mb": max((r["peak_rss_mb"] for r in runs), default=None),
        "other_load_cores": max((r["other_load_cores"] or 0 for r in runs), default=None),
        "result": good[-1]["result"] if good else None,
    }
    return summary


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


# ---------------------------------------------------------------- inputs


def _tipmon() -> list[str]:
    return [sys.executable, "-m", "pipelines.cli"]


def ensure_exports(persons: int, seed: int, env: dict[str, str]) -> tuple[Path, dict]:
    """``tipmon generate`` once per (persons, seed); reused while its truth.json is there."""
    target = BENCH_DIR / "exports" / f"{persons}-{seed}"
    info: dict[str, object] = {"dir": str(target.relative_to(ROOT)), "cached": True}
    if not (target / "truth.json").exists():  # generate_exports writes truth.json last
        log(f"generating {persons:,} persons (seed {seed}) → {target}")
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([*_tipmon(), "generate", "--persons", str(persons), "--seed", str(seed),
                        "--out", str(partial), "--quiet"], check=True, cwd=ROOT, env=env)
        generated = {"generate_s": round(time.perf_counter() - started, 1),
                     "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        (partial / "bench-generate.json").write_text(json.dumps(generated), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        info["cached"] = False
    with contextlib.suppress(OSError, ValueError):
        info.update(json.loads((target / "bench-generate.json").read_text(encoding="utf-8")))
    return target, info


def describe_exports(folder: Path) -> dict:
    """Files, bytes and data rows per sheet kind, from the generator's truth.json."""
    from benchmarks.floor import export_files

    files = export_files(folder)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    rows = {"cr_persons": 0, "cr_steps": 0, "cr_fines": 0, "bk_persons": 0, "bk_fines": 0}
    for name, entry in truth.get("files", {}).items():
        if not (folder / name).exists():
            continue
        sheets = list(entry["sheets"].values())
        if entry["source"] == "chiang_rai":
            for kind, sheet in zip(("cr_persons", "cr_steps", "cr_fines"), sheets, strict=False):
                rows[kind] += sheet["data_rows"]
        else:
            rows["bk_fines" if "fines" in name else "bk_persons"] += sheets[0]["data_rows"]
    return {
        "files": len(files), "bytes": sum(f.stat().st_size for f in files),
        "xlsx_bytes": sum(f.stat().st_size for f in files if f.suffix == ".xlsx"),
        "csv_bytes": sum(f.stat().st_size for f in files if f.suffix == ".csv"),
        "rows": rows, "persons_generated": truth.get("persons_requested"),
        "persons_expected": truth.get("persons_total"),
    }


_YEAR = re.compile(r"(\d{4})")


def ensure_increment(persons: int, seed: int, env: dict[str, str]) -> tuple[Path, dict]:
    """One new month's delivery: the latest year's files of a small export of another seed.

    The same files are added at every size, so their cost can be compared across histories.
    Their person_refs (CR-2569-0001, BK-26-001, …) also occur in the big exports: ingesting
    them replaces what each source said about those persons, as a corrected re-export does.
    """
    gen, _ = ensure_exports(persons, seed, env)
    month = gen.with_name(f"month-{persons}-{seed}")
    if not (month / "manifest.json").exists():
        from benchmarks.floor import export_files

        picked: dict[str, list[Path]] = {"chiang_rai": [], "bokeo_persons": [], "bokeo_fines": []}
        for f in export_files(gen):
            kind = ("chiang_rai" if f.name.startswith("chiang_rai") else
                    "bokeo_fines" if "fines" in f.name else "bokeo_persons")
            picked[kind].append(f)
        shutil.rmtree(month, ignore_errors=True)
        month.mkdir()
        manifest = {}
        for files in picked.values():
            latest = max(int(_YEAR.search(f.name).group(1)) for f in files)
            for f in files:
                if int(_YEAR.search(f.name).group(1)) == latest:
                    name = f"{f.stem}_update{f.suffix}"
                    shutil.copyfile(f, month / name)
                    manifest[name] = f.name
        (month / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return month, describe_month(month, gen)


def describe_month(month: Path, gen: Path) -> dict:
    """The month's files, bytes and data rows per sheet kind (from the generator's truth)."""
    manifest = json.loads((month / "manifest.json").read_text(encoding="utf-8"))
    truth = json.loads((gen / "truth.json").read_text(encoding="utf-8"))
    rows = {"cr_persons": 0, "cr_steps": 0, "cr_fines": 0, "bk_persons": 0, "bk_fines": 0}
    for original in manifest.values():
        sheets = list(truth["files"][original]["sheets"].values())
        if original.startswith("chiang_rai"):
            for kind, sheet in zip(("cr_persons", "cr_steps", "cr_fines"), sheets, strict=False):
                rows[kind] += sheet["data_rows"]
        else:
            rows["bk_fines" if "fines" in original else "bk_persons"] += sheets[0]["data_rows"]
    return {"dir": str(month.relative_to(ROOT)), "files": sorted(manifest),
            "bytes": sum((month / name).stat().st_size for name in manifest), "rows": rows}


# ---------------------------------------------------------------- the steps


def _fresh(*paths: Path):
    def prepare() -> None:
        for p in paths:
            for q in (p, p.with_name(p.name + ".wal"), p.with_name(p.name + ".lock"),
                      p.with_name(p.name + ".next"), p.with_name(p.name + ".next.wal")):
                q.unlink(missing_ok=True)
    return prepare


def bench_size(persons: int, args: argparse.Namespace, env: dict[str, str],
               month: Path) -> tuple[dict, Path]:
    exports, gen_info = ensure_exports(persons, args.seed, env)
    work = BENCH_DIR / "work" / f"{persons}-{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    opts = {"repeats": args.repeats, "fast_under": args.fast_under, "wait_s": args.wait_quiet}
    entry: dict[str, object] = {
        "persons": persons, "seed": args.seed, "machine": machine_info(),
        "exports": {**gen_info, **describe_exports(exports)}, "steps": {},
    }
    steps: dict[str, dict] = entry["steps"]  # type: ignore[assignment]
    floor_db, naive_db = work / "floor.duckdb", work / "naive.duckdb"
    cold_db, inc_db = work / "cold.duckdb", work / "incremental.duckdb"

    log(f"== {persons:,} persons: {entry['exports']['bytes'] / 1e6:.1f} MB of exports")
    steps["floor"] = measure("floor", [py, "-m", "benchmarks.steps", "floor", str(exports),
                                       str(floor_db)], env, prepare=_fresh(floor_db), **opts)
    _fresh(floor_db)()
    if persons <= args.naive_max:
        steps["naive"] = measure("naive", [py, "-m", "benchmarks.steps", "naive", str(exports),
                                           str(naive_db)], env, prepare=_fresh(naive_db), **opts)
        _fresh(naive_db)()
    ingest = [py, "-m", "benchmarks.steps", "ingest"]
    steps["cold"] = measure("ingest cold", [*ingest, str(exports), "--db", str(cold_db)], env,
                            prepare=_fresh(cold_db), **opts)
    steps["unchanged"] = measure("ingest unchanged", [*ingest, str(exports), "--db",
                                                      str(cold_db)], env, **opts)

    def copy_loaded() -> None:
        _fresh(inc_db)()
        shutil.copyfile(cold_db, inc_db)

    steps["incremental"] = measure("ingest incremental", [*ingest, str(month), "--db",
                                                          str(inc_db)], env,
                                   prepare=copy_loaded, **opts)
    _fresh(inc_db)()
    entry["db_bytes"] = cold_db.stat().st_size if cold_db.exists() else None
    return entry, cold_db


def page_names() -> list[str]:
    """The pages in the order dashboard/app.py lists them."""
    text = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    return re.findall(r'\("(\w+)", "nav\.\w+"\)', text)


def bench_pages(db: Path, args: argparse.Namespace, env: dict[str, str]) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        persons = con.execute("SELECT count(*) FROM persons").fetchall()[0][0]
    finally:
        con.close()
    shown = db.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    out: dict[str, object] = {"db": str(shown), "db_persons": persons, "machine": machine_info(),
                              "pages": {}}
    log(f"== dashboard pages on {db} ({persons:,} persons)")
    for name in page_names():
        cmd = [sys.executable, "-m", "benchmarks.steps", "page", name, "--db", str(db),
               "--warm", "3"]
        m = measure(f"page {name}", cmd, env, repeats=args.page_repeats, fast_under=1e9,
                    wait_s=args.wait_quiet)
        good = [r["result"] for r in m["runs"] if r["result"] is not None]
        out["pages"][name] = {  # type: ignore[index]
            "cold_s": _median(r["cold_s"] for r in good),
            "warm_s": _median(r["warm_s"] for r in good),
            "cold_runs_s": [round(r["cold_s"], 3) for r in good],
            "warm_runs_s": [[round(w, 3) for w in r["warm_runs_s"]] for r in good],
            "process_wall_s": m["wall_s"], "peak_rss_mb": m["peak_rss_mb"],
            "other_load_cores": m["other_load_cores"],
            "errors": sorted({e for r in good for e in r["errors"]}),
            "title": good[-1]["title"] if good else None,
            "charts": good[-1]["charts"] if good else None, "ok": m["ok"] and bool(good),
        }
    return out


def startup_cost(env: dict[str, str]) -> dict:
    """Interpreter start-up plus the imports of ``tipmon ingest`` (no work): the fixed cost."""
    code = ("import time, json; t = time.perf_counter(); import pipelines.cli, pipelines.ingest; "
            f"print({MARK!r} + json.dumps({{'work_s': time.perf_counter() - t}}))")
    runs = [run_child([sys.executable, "-c", code], env) for _ in range(3)]
    return {"wall_s": _median(r["wall_s"] for r in runs),
            "imports_s": _median(r["result"]["work_s"] for r in runs if r["result"]),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(DEFAULT_SIZES),
                        help="persons per synthetic export (default: 10000 100000 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true",
                        help="10,000 persons, one run per step; results under build/bench/")
    parser.add_argument("--pages-db", type=Path,
                        help="measure the pages on this database (default: largest built)")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="runs of a fast step")
    parser.add_argument("--page-repeats", type=int, default=3,
                        help="fresh processes per page (cold runs)")
    parser.add_argument("--fast-under", type=float, default=60.0,
                        help="a step whose first run takes less (s) is repeated")
    parser.add_argument("--naive-max", type=int, default=NAIVE_MAX,
                        help="largest size the naive baseline runs at")
    parser.add_argument("--increment-persons", type=int, default=INCREMENT_PERSONS)
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each run, wait up to this long for other load to stop")
    parser.add_argument("--results", type=Path, help=f"default: {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--markdown", type=Path, help=f"default: {MARKDOWN.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [10_000]
        args.repeats = 1
        args.page_repeats = 1
        args.results = args.results or BENCH_DIR / "results-quick.json"
        args.markdown = args.markdown or BENCH_DIR / "BENCHMARKS-quick.md"
    results_path = args.results or RESULTS
    markdown_path = args.markdown or MARKDOWN

    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    env.pop("TIPMON_DB", None)
    from benchmarks import report

    results = report.load(results_path)
    month, month_info = ensure_increment(args.increment_persons, args.seed + 1000, env)
    results["increment"] = {**month_info, "persons_generated": args.increment_persons,
                            "seed": args.seed + 1000}
    results["startup"] = startup_cost(env)
    largest: tuple[int, Path] | None = None
    for persons in sorted(set(args.sizes)):
        entry, db = bench_size(persons, args, env, month)
        results["sizes"][str(persons)] = entry
        if largest is None or persons > largest[0]:
            largest = (persons, db)
        report.save(results, results_path, markdown_path)
    if not args.no_pages:
        db = args.pages_db or (largest[1] if largest else None)
        if db is None or not Path(db).exists():
            log("no database for the pages: give --sizes or --pages-db")
        else:
            results["pages"] = bench_pages(Path(db), args, env)
    report.save(results, results_path, markdown_path)
    log(f"results: {results_path}  report: {markdown_path}")
    print(report.summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
