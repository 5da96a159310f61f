"""The annual report and data package of a year: ``build_package``.

Files written into ``out_dir``:

- ``tables/<name>.csv`` — every published table, suppressed (spec §5), spreadsheet-safe,
  UTF-8 with a byte-order mark;
- ``manifest.json`` — each table's titles (en, th, lo), columns, which count persons, k; the
  provenance of the package (export files with SHA-256 and as-of dates, data quality,
  software version);
- ``report_<year>.xlsx`` — one sheet per table, notes and definitions;
- ``report_<year>_<lang>.pdf`` — the annual report in each language asked for.

Everything is computed and rendered before the first file is written, so a failure leaves
the folder as it was. No network request is made (see ``figures`` and ``pdf``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb

from dashboard.report import figures, html, labels, plots, provenance, strings, xlsx
from dashboard.report.pdf import write_pdf
from dashboard.report.tables import PERSONS, SUPPRESSED_KINDS, Table, build_tables
from pipelines import disclosure, indicators

LANGUAGES = strings.LANGUAGES
MANIFEST_VERSION = 1
AS_OF_RULE = ("as_of is the latest referral-step date the database holds from the file (the "
              "steps it first reported, or is still the latest record of) — as_of_basis "
              "'latest_step'; for a file that reported no dated step (a fines file, a file that "
              "could not be read) it is the date the file was ingested — as_of_basis "
              "'ingest_date'.")


def _csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (Excel then shows Thai and Lao), formulas neutralised."""
    frame = disclosure.spreadsheet_safe(table.frame)
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _column_entry(table: Table, name: str) -> dict[str, object]:
    kind = table.kinds[name]
    return {"name": name, "label": labels.all_languages(lambda lang: labels.column(
                table, name, lang)),
            "kind": kind, "counts_persons": kind == PERSONS,
            "suppressed": kind in SUPPRESSED_KINDS,
            "vocabulary": table.row_vocab.get(name)}


def _table_entry(table: Table, file: str, digest: str, k: int) -> dict[str, object]:
    return {
        "name": table.name, "file": file, "sha256": digest, "section": table.section,
        "title": labels.all_languages(lambda lang: labels.title(table, lang)),
        "columns": [_column_entry(table, c) for c in table.kinds],
        "counts_persons": table.persons_columns,
        "suppressed_columns": table.suppressed_columns,
        "category_vocabulary": table.column_vocab,
        "total_row": ({"column": table.label_columns[0], "value": table.total_row}
                      if table.total_row else None),
        "total_column": table.total_column,
        "rows": len(table.frame), "k": k,
    }


def _records(table: Table | None) -> list[dict[str, object]]:
    return [] if table is None else table.frame.to_dict("records")


def _validate(year: int, langs: list[str], k: int) -> list[str]:
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if unknown:
        raise ValueError(f"unknown language(s) {', '.join(unknown)}: use {', '.join(LANGUAGES)}")
    if not isinstance(k, int) or k < 2:
        raise ValueError(f"k must be a whole number of at least 2, not {k!r}")
    if not isinstance(year, int):
        raise ValueError(f"year must be a whole number, not {year!r}")
    return list(dict.fromkeys(langs)) or ["en"]


def build_package(con: duckdb.DuckDBPyConnection, year: int, out_dir: str | Path,
                  langs: list[str] | tuple[str, ...] = ("en",),
                  k: int = disclosure.DEFAULT_K) -> dict[str, object]:
    """Write the package of ``year`` into ``out_dir``; return the paths written:
    ``{"tables": {name: Path}, "manifest": Path, "xlsx": Path, "pdf": {lang: Path}}``.

    ``con`` is read only. Raises ValueError when the year has no persons or an argument is
    out of range.
    """
    langs = _validate(year, list(langs), k)
    years = indicators.years(con)
    if year not in years:
        shown = ", ".join(str(y) for y in years) or "none"
        raise ValueError(f"no person has the monitoring year {year} (years present: {shown})")
    out = Path(out_dir)
    today = dt.date.today()
    version = provenance.software_version()
    as_of = provenance.data_as_of(con)
    files = provenance.files(con)
    fx = provenance.fx_rates(con, year)
    tables = build_tables(con, year, k, files, fx)
    by_name = {table.name: table for table in tables}

    # ----------------------------------------------------------------- render (nothing written)
    csvs = {table.name: _csv_bytes(table) for table in tables}
    table_files = [f"tables/{table.name}.csv" for table in tables]
    charts_by_lang = {lang: plots.build(by_name, year, lang) for lang in langs}
    order = [(lang, name) for lang in langs for name in charts_by_lang[lang]]
    svgs = figures.render([charts_by_lang[lang][name] for lang, name in order])
    svg_by_lang: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    for (lang, name), svg in zip(order, svgs, strict=True):
        svg_by_lang[lang][name] = svg
    pdfs = {}
    for lang in langs:
        ctx = html.Context(
            lang=lang, year=year, k=k, as_of=as_of, today=today, version=version,
            tables=by_name, charts=svg_by_lang[lang],
            fx=[(c, float(r)) for c, r in zip(fx["currency"], fx["units_per_usd"],
                                               strict=True)],
            table_files=[(f, labels.title(t, lang)) for f, t in zip(table_files, tables,
                                                                    strict=True)])
        pdfs[lang] = write_pdf(html.document(ctx))

    # ----------------------------------------------------------------- write
    (out / "tables").mkdir(parents=True, exist_ok=True)
    for stale in (out / "tables").glob("*.csv"):  # a table an earlier run had, this one not
        if stale.stem not in csvs:
            stale.unlink()
    paths: dict[str, object] = {"tables": {}, "pdf": {}}
    for table, file in zip(tables, table_files, strict=True):
        path = out / file
        path.write_bytes(csvs[table.name])
        paths["tables"][table.name] = path  # type: ignore[index]
    xlsx_path = out / f"report_{year}.xlsx"
    xlsx.write_workbook(xlsx_path, tables, langs, _notes(year, k, as_of, version, today),
                        list(html.DEFINITIONS))
    paths["xlsx"] = xlsx_path
    for lang, data in pdfs.items():
        path = out / f"report_{year}_{lang}.pdf"
        path.write_bytes(data)
        paths["pdf"][lang] = path  # type: ignore[index]
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "package": "tipmon annual monitoring report and data package",
        "year": year, "previous_year": year - 1, "k": k, "languages": langs,
        "filters": {"year_from": year, "year_to": year,
                    "note": "key_figures compares the year with the previous one"},
        "generated_on": today.isoformat(),
        "data_as_of": as_of.isoformat() if as_of else None,
        "software": {"name": "tipmon", "version": version},
        "disclosure": {
            "k": k, "rule": strings.t("report.disclosure", "en", k=k, k1=k - 1),
            "hidden_count": f"<{k}", "hidden_statistic": "empty cell or '–'",
            "complementary": strings.t("report.caveat_suppression", "en", k=k, k1=k - 1)},
        "encoding": "CSV: UTF-8 with byte-order mark, comma-separated, CRLF line ends; text "
                    "cells starting with = + - @ tab or CR are prefixed with an apostrophe",
        "tables": [_table_entry(table, file, hashlib.sha256(csvs[table.name]).hexdigest(), k)
                   for table, file in zip(tables, table_files, strict=True)],
        "files": {"xlsx": xlsx_path.name,
                  "pdf": {lang: p.name for lang, p in paths["pdf"].items()}},  # type: ignore[union-attr]
        "provenance": {
            "export_files": _export_files(files),
            "as_of_rule": AS_OF_RULE,
            "data_quality": {
                "outstanding_quarantine": _records(by_name.get("quarantine_outstanding")),
                "findings": _records(by_name.get("dq_findings")),
                "completeness": _records(by_name.get("completeness")),
                "completeness_year": year,
            },
            "fx_rates": _records(by_name.get("fx_rates")),
        },
    }
    manifest_path = out / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2,
                                        default=str) + "\n", encoding="utf-8")
    paths["manifest"] = manifest_path
    return paths


def _export_files(files) -> list[dict[str, object]]:  # noqa: ANN001 - a DataFrame
    out = []
    for record in files.to_dict("records"):
        ingested = record["ingested_at"]
        out.append({
            "seq": int(record["seq"]), "file_name": record["file_name"],
            "sha256": record["sha256"], "source": record["source"], "kind": record["kind"],
            "status": record["status"],
            "ingested_at": ingested.isoformat() if hasattr(ingested, "isoformat") else ingested,
            "as_of": record["as_of"].isoformat() if record["as_of"] is not None else None,
            "as_of_basis": record["as_of_basis"],
        })
    return out


def _notes(year: int, k: int, as_of: dt.date | None, version: str,
           today: dt.date) -> list[tuple[str, dict[str, str]]]:
    def each(key: str, **values: object) -> dict[str, str]:
        return {lang: strings.t(key, lang, **values) for lang in LANGUAGES}

    return [
        ("report", each("report.title", year=year)),
        ("produced", each("report.produced", as_of=as_of.isoformat() if as_of else "–",
                          today=today.isoformat(), version=version, k=k)),
        ("disclosure", each("report.disclosure", k=k, k1=k - 1)),
        ("suppression", each("report.caveat_suppression", k=k, k1=k - 1)),
        ("not shown", each("report.caveat_not_shown", k=k)),
        ("monitoring year", each("report.caveat_year", year=year)),
        ("identified victims", each("report.caveat_identified")),
        ("linkage", each("report.caveat_linkage")),
        ("open cases", each("report.open_note", as_of=as_of.isoformat() if as_of else "–",
                            year=year)),
        ("money", each("about.fx")),
        ("as of (files)", each("report.as_of_rule")),
        ("package", each("report.package")),
    ]
