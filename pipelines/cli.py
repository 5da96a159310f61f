"""`tipmon`: a thin command line over the pipeline functions (parse arguments, call, print)."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

from pipelines import store


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Thai and Lao vowel and tone marks take none."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1
               for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _ingest(args: argparse.Namespace) -> int:
    from pipelines.ingest import ingest

    db = store.db_path(args.db)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"tipmon ingest: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = ingest(args.paths, db, progress=not args.quiet, full_rebuild=args.full_rebuild)
    width = max([_width(f.file_name) for f in report.files] + [10])
    print(f"{_pad('file', width)}  {'status':<9} {'read':>8} {'loaded':>8} {'quarantined':>11}")
    for f in report.files:
        print(f"{_pad(f.file_name, width)}  {f.status:<9} {f.rows_read:>8} {f.rows_loaded:>8} "
              f"{f.rows_quarantined:>11}" + (f"  {f.reason}" if f.reason else ""))
        for s in f.sheets if len(f.sheets) > 1 else []:
            print(f"{_pad(f'  · {s.sheet}', width)}  {'':<9} {s.rows_read:>8} {s.rows_loaded:>8} "
                  f"{s.rows_quarantined:>11}")
    print(f"persons: {report.persons} (linked across the border: {report.linked}) → {db}")
    return report.exit_code


def existing_db(args: argparse.Namespace) -> Path | None:
    """The database a reading command works on; None (and a hint) when there is none yet."""
    db = store.db_path(args.db)
    if db.exists():
        return db
    print(f"tipmon {args.command}: no database at {db}; run 'tipmon ingest' first",
          file=sys.stderr)
    return None


def _generate(args: argparse.Namespace) -> int:
    from pipelines.generate import generate_exports

    truth = generate_exports(Path(args.out), persons=args.persons, seed=args.seed,
                             progress=not args.quiet)
    files = sorted(truth.get("files", {}))
    print(f"wrote {len(files)} export files for {args.persons} persons to {args.out}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from pipelines import sql

    db = existing_db(args)
    if db is None:
        return 2
    con = store.connect(db, read_only=True)
    try:
        files = con.execute(sql.STATUS_FILES).fetchall()
        counts = store.first_row(con, sql.STATUS_COUNTS)
    finally:
        con.close()
    print(f"database: {db}")
    for seq, name, source, kind, status, read, loaded, quarantined, at, reason in files:
        extra = f"  {reason}" if reason else ""
        print(f"{seq:>4} {name:<40} {source or '-':<10} {kind or '-':<8} {status:<8} "
              f"read {read:>7} loaded {loaded:>7} quarantined {quarantined:>6} "
              f"{at:%Y-%m-%d %H:%M}{extra}")
    persons, linked, quarantined, reviews, as_of = counts
    print(f"persons {persons}, linked {linked}, quarantined rows {quarantined}, "
          f"link reviews {reviews}, data as of {as_of or 'n/a'}")
    return 0


def _quality(args: argparse.Namespace) -> int:
    if args.write_suites:
        from pipelines.quality import suites

        for path in suites.write_all():
            print(f"wrote {path}")
        return 0
    db = existing_db(args)
    if db is None:
        return 2
    from pipelines.quality import rejections

    con = store.connect(db, read_only=True)
    try:
        print(rejections.summary(con))
        if args.rejections:
            for path in rejections.write_rejections(con, Path(args.rejections)):
                print(f"rejection report: {path}")
        if args.docs:
            from pipelines.quality.docs import build_docs

            print(f"data docs: {build_docs(con, Path(args.docs))}")
    finally:
        con.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from pipelines import exports

    db = existing_db(args)
    if db is None:
        return 2
    if args.k is not None and args.format != "ctdc":
        print("tipmon export: --k applies to --format ctdc only", file=sys.stderr)
        return 2
    con = store.connect(db, read_only=True)
    try:
        if args.format == "ctdc":
            summary = exports.ctdc(con, Path(args.out), k=args.k or 11)
        elif args.format == "htcds":
            summary = exports.htcds(con, Path(args.out))
        else:
            summary = exports.parquet(con, Path(args.out))
    finally:
        con.close()
    print(exports.describe(summary))
    return 0


def _users(args: argparse.Namespace) -> int:
    import getpass

    from pipelines import access

    path = access.access_path(store.db_path(args.db))
    if args.action == "list":
        for name, role, created in access.list_users(path):
            print(f"{name:<24} {role:<8} {created}")
        return 0
    if not args.name:
        print(f"tipmon users {args.action}: give a user name", file=sys.stderr)
        return 2
    if args.action == "remove":
        if not access.remove_user(path, args.name):
            print(f"tipmon users remove: no user {args.name!r}", file=sys.stderr)
            return 2
        print(f"removed {args.name}")
        return 0
    if args.no_password:
        password = None  # signs in through the identity provider only (OIDC)
    else:
        password = (sys.stdin.readline().rstrip("\n") if args.password_stdin
                    else getpass.getpass(f"password for {args.name}: "))
    try:
        access.add_user(path, args.name, password, args.role)
    except ValueError as exc:
        print(f"tipmon users add: {exc}", file=sys.stderr)
        return 2
    print(f"added {args.name} ({args.role})")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from pipelines import access

    for entry_id, at, who, action, what in access.read_audit(
            access.access_path(store.db_path(args.db))):
        who, what = access.printable(who), access.printable(what)
        print(f"{entry_id:>6} {at} {who:<20} {action:<16} {what}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tipmon",
        description="Joint Thailand–Lao PDR trafficking-in-persons monitoring (Chiang Rai – Bokeo)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingest export files or folders into the curated database")
    p.add_argument("paths", nargs="+", help="export files or folders (searched recursively)")
    p.add_argument("--db", help="database file (default: $TIPMON_DB or "
                                "data/curated/monitoring.duckdb)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--full-rebuild", action="store_true",
                   help="relink and rebuild every person, not only those the new files touch")
    p.set_defaults(func=_ingest)

    p = sub.add_parser("generate", help="write synthetic exports of both provinces")
    p.add_argument("--persons", type=int, default=500)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_generate)

    p = sub.add_parser("quality", help="data-quality summary, rejection reports, Data Docs")
    p.add_argument("--db")
    p.add_argument("--rejections", metavar="DIR",
                   help="write one XLSX per province listing its rows to correct")
    p.add_argument("--docs", metavar="DIR", help="write offline Data Docs (HTML) into DIR")
    p.add_argument("--write-suites", action="store_true",
                   help="regenerate expectations/*.json from the schema")
    p.set_defaults(func=_quality)

    p = sub.add_parser("export", help="CTDC (k-anonymised), HTCDS 2.0 (analysts only) or Parquet")
    p.add_argument("--format", required=True, choices=("ctdc", "htcds", "parquet"))
    p.add_argument("--out", required=True, help="CSV file (ctdc, htcds) or folder (parquet)")
    p.add_argument("--k", type=int, help="ctdc: smallest group published (default 11)")
    p.add_argument("--db")
    p.set_defaults(func=_export)

    p = sub.add_parser("users", help="local accounts of the analyst view: add, remove, list")
    p.add_argument("action", choices=("add", "remove", "list"))
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=("viewer", "analyst"), default="viewer")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (otherwise it is asked for)")
    p.add_argument("--no-password", action="store_true",
                   help="an account for single sign-on (OIDC) only: NAME is the e-mail address "
                        "the identity provider gives; no local password")
    p.add_argument("--db")
    p.set_defaults(func=_users)

    p = sub.add_parser("audit", help="print the audit log (sign-ins, analyst views, downloads, "
                                     "uploads)")
    p.add_argument("--db")
    p.set_defaults(func=_audit)

    p = sub.add_parser("status", help="files ingested, row counts, as-of date")
    p.add_argument("--db")
    p.set_defaults(func=_status)
    _add_plugin_commands(sub)
    return parser


def _add_plugin_commands(sub: argparse._SubParsersAction) -> None:
    """Commands other packages contribute (entry point group ``tipmon.commands``).

    The annual report is rendered by the presentation layer (``dashboard.report``), which
    imports the pipelines; registering its ``publish`` command this way keeps that direction.
    """
    from importlib.metadata import entry_points

    for entry in entry_points(group="tipmon.commands"):
        entry.load()(sub)


def main(argv: list[str] | None = None) -> int:
    """Run a command; an unexpected error is one line, not a traceback (TIPMON_DEBUG=1 shows
    it). The database is unchanged by a failed ingest: the run is published atomically."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("tipmon: interrupted; the database is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a clerk's terminal
        if os.environ.get("TIPMON_DEBUG"):
            raise
        print(f"tipmon {args.command}: failed: {type(exc).__name__}: {str(exc)[:200]}"
              " (nothing was changed; run again with TIPMON_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
