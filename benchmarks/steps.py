"""One measured step, run alone in its own process by ``benchmarks.run``.

    python -m benchmarks.steps floor  SRC DB
    python -m benchmarks.steps naive  SRC DB
    python -m benchmarks.steps ingest PATH... --db DB        (the ``tipmon ingest`` command)
    python -m benchmarks.steps page   NAME --db DB [--warm 3] (one dashboard page, AppTest)

The last line of stdout is ``BENCH_RESULT {json}``: the step's own timing (``work_s``, without
interpreter start-up and imports) and what it did. The parent measures wall time, CPU time and
peak RSS of the whole process.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
MARK = "BENCH_RESULT "


def _floor(args: argparse.Namespace) -> dict:
    from benchmarks import floor

    started = time.perf_counter()
    out = floor.load(Path(args.src), Path(args.db))
    return {"work_s": time.perf_counter() - started, **out}


def _naive(args: argparse.Namespace) -> dict:
    from benchmarks import naive

    started = time.perf_counter()
    out = naive.load(Path(args.src), Path(args.db))
    return {"work_s": time.perf_counter() - started, **out}


_PERSONS = re.compile(r"persons: (\d+) \(linked across the border: (\d+)\)")


def _ingest(args: argparse.Namespace) -> dict:
    from pipelines import cli

    buffer = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(buffer):
        code = cli.main(["ingest", *args.paths, "--db", args.db, "--quiet"])
    elapsed = time.perf_counter() - started
    text = buffer.getvalue()
    statuses: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) > 1 and parts[1] in ("loaded", "rejected", "unchanged"):
            statuses[parts[1]] = statuses.get(parts[1], 0) + 1
    found = _PERSONS.search(text)
    return {
        "work_s": elapsed, "exit_code": code, "files": statuses,
        "persons": int(found.group(1)) if found else None,
        "linked": int(found.group(2)) if found else None,
    }


def _page(args: argparse.Namespace) -> dict:
    os.environ["TIPMON_DB"] = args.db
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=args.timeout)
    at.switch_page(f"views/{args.name}.py")  # opened straight on this page, as by its URL
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    errors = [str(e.message)[:200] for e in at.exception]
    title = at.title[0].value if len(at.title) else None
    warm = []
    for _ in range(args.warm):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
        errors += [str(e.message)[:200] for e in at.exception]
    return {
        "work_s": cold + sum(warm), "cold_s": cold, "warm_runs_s": warm,
        "warm_s": statistics.median(warm) if warm else None, "title": title,
        "errors": errors, "charts": len(at.get("plotly_chart")),
        "tables": len(at.dataframe) + len(at.table),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.steps")
    sub = parser.add_subparsers(dest="step", required=True)
    for name, func in (("floor", _floor), ("naive", _naive)):
        p = sub.add_parser(name)
        p.add_argument("src")
        p.add_argument("db")
        p.set_defaults(func=func)
    p = sub.add_parser("ingest")
    p.add_argument("paths", nargs="+")
    p.add_argument("--db", required=True)
    p.set_defaults(func=_ingest)
    p = sub.add_parser("page")
    p.add_argument("name")
    p.add_argument("--db", required=True)
    p.add_argument("--warm", type=int, default=3)
    p.add_argument("--timeout", type=float, default=600)
    p.set_defaults(func=_page)
    args = parser.parse_args(argv)
    result = args.func(args)
    sys.stdout.flush()
    print(MARK + json.dumps(result, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
