"""`tipmon publish`, contributed to the pipelines' CLI through an entry point."""

from __future__ import annotations

import argparse
import sys

from pipelines import disclosure, store
from pipelines.cli import existing_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="annual report and data package for a year")
    p.add_argument("--year", type=int, required=True, help="monitoring year, e.g. 2025")
    p.add_argument("--out", required=True, help="folder to write the package into")
    p.add_argument("--lang", nargs="+", default=["en"], choices=["en", "th", "lo"],
                   help="language(s) of the PDF report (default: en)")
    p.add_argument("--k", type=int, default=disclosure.DEFAULT_K,
                   help=f"disclosure threshold: counts 1..k-1 shown as <k "
                        f"(default {disclosure.DEFAULT_K})")
    p.add_argument("--db", help="database file (default: $TIPMON_DB or "
                                "data/curated/monitoring.duckdb)")
    p.set_defaults(func=_publish)


def _publish(args: argparse.Namespace) -> int:
    db = existing_db(args)
    if db is None:
        return 2
    if args.k < 2:
        print("tipmon publish: --k must be at least 2", file=sys.stderr)
        return 2
    from dashboard.report.package import build_package

    con = store.connect(db, read_only=True)
    try:
        try:
            paths = build_package(con, args.year, args.out, args.lang, args.k)
        except ValueError as exc:
            print(f"tipmon publish: {exc}", file=sys.stderr)
            return 2
    finally:
        con.close()
    tables = paths["tables"]
    print(f"wrote {len(tables)} tables to {args.out}/tables/ (k = {args.k})")
    print(f"manifest: {paths['manifest']}")
    print(f"workbook: {paths['xlsx']}")
    for lang, path in paths["pdf"].items():
        print(f"report ({lang}): {path}")
    return 0
