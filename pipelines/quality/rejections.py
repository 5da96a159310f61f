"""Rejection reports for the provinces, and the data-quality summary `tipmon quality` prints.

A report lists the outstanding quarantine (spec §6.11: rows of each source's latest file of each
kind), one line per problem, in the province's language with English beside it, so the province
can correct the rows in its next export. Every string shown to a province is in ``messages``.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import xlsxwriter

from pipelines import sql
from pipelines.quality import messages as M
from pipelines.sources import bokeo, chiang_rai
from pipelines.vocab import SOURCES

# ---------------------------------------------------------------- outstanding problems

REPORT_NAME = "rejections_{source}.xlsx"
# Sheets of a workbook in workbook order (persons first: fixing them often clears the others).
KIND_ORDER = {"cr_persons": 0, "cr_steps": 1, "cr_fines": 2, "bk_persons": 0, "bk_fines": 1}
FIELD_ORDER = {spec.kind: {f.name: i for i, f in enumerate(spec.fields)}
               for spec in (*chiang_rai.SHEETS, *bokeo.FILES)}
PLACE_OF_KIND = {"cr_steps": "workbook", "cr_fines": "workbook", "bk_fines": "bokeo_persons"}
ACCEPTED_LIST_MAX = 12  # longer lists are not repeated in every message
VALUE_IN_MESSAGE_MAX = 80

# Details the rules' English messages carry (pipelines.normalise, pipelines.parse).
_NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
_DETAILS = {
    "future_date": re.compile(r"after (?P<as_of>\d{4}-\d{2}-\d{2})"),
    "before_min_date": re.compile(r"before (?P<year>\d{4})"),
    "above_max": re.compile(rf"above (?P<limit>{_NUMBER})"),
    "below_min": re.compile(rf"below (?P<limit>{_NUMBER})"),
    "birth_year_range": re.compile(r"between (?P<low>\d{4}) and (?P<high>\d{4})"),
    "currency_conflict": re.compile(r"currency (?P<currency>[A-Z]{3})\b"),
    "vocabulary": re.compile(r"vocabulary: (?P<parts>.+)$"),
}


def typed_value(shown: str | None) -> str:
    """The value as the clerk typed it, from ``normalise.show_value`` (a repr, or '(blank)')."""
    if shown is None or shown == "(blank)":
        return ""
    cut = re.fullmatch(r"(?s)(['\"].*['\"])… \(\d+ characters\)", shown)
    literal = cut.group(1) if cut else shown
    if literal[:1] in ("'", '"'):
        try:
            value = ast.literal_eval(literal)
        except (ValueError, SyntaxError):
            return shown
        if isinstance(value, str):
            return value + ("…" if cut else "")
    return shown


def _short(text: str, limit: int = VALUE_IN_MESSAGE_MAX) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _number(text: str) -> str:
    value = float(text)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,g}"


@dataclass(frozen=True)
class Line:
    """One problem of an outstanding quarantined row: one line of a rejection report."""

    source: str
    kind: str
    file_seq: int
    file_name: str
    sheet: str | None
    row: int
    column: str
    value: str  # as typed
    rule: str
    problem: str  # the pipeline's English text

    def sort_key(self) -> tuple:
        return (self.file_name, self.file_seq, KIND_ORDER.get(self.kind, 9), self.sheet or "",
                self.row, FIELD_ORDER.get(self.kind, {}).get(self.column, 99), self.rule)

    def column_cell(self) -> str:
        """The column as the province sees it, with the other name beside it."""
        local = M.column_label(self.column, M.SOURCE_LANGUAGE.get(self.source, "en"))
        if local == self.column:
            return self.column
        if self.source == "chiang_rai":  # Thai headers in the workbook
            return f"{local} ({self.column})"
        return f"{self.column} ({local})"  # English headers in the Bokeo files

    def params(self, lang: str) -> dict[str, object]:
        params: dict[str, object] = {
            "value": _short(self.value),
            "column": M.column_label(self.column, lang),
        }
        if self.kind in PLACE_OF_KIND:
            params["place"] = M.PLACES[PLACE_OF_KIND[self.kind]][lang]
        pattern = _DETAILS.get(self.rule)
        found = pattern.search(self.problem) if pattern else None
        details = found.groupdict() if found else {}
        if "as_of" in details:
            params["as_of"] = M.format_date(dt.date.fromisoformat(details["as_of"]), lang)
        if "year" in details:
            params["year"] = details["year"]
            params["year_be"] = str(int(details["year"]) + M.BE_OFFSET)
        if "limit" in details:
            params["limit"] = _number(details["limit"])
        for key in ("low", "high", "currency"):
            if key in details:
                params[key] = details[key]
        if "parts" in details:  # a multi-valued cell: name only the parts that are not known
            try:
                parts = ast.literal_eval(f"({details['parts']},)")
                params["value"] = _short(", ".join(str(p) for p in parts))
            except (ValueError, SyntaxError):
                pass
        if self.rule == "vocabulary":
            accepted = M.ACCEPTED_VALUES.get((self.source, self.column), ())
            if 0 < len(accepted) <= ACCEPTED_LIST_MAX:
                params["accepted"] = ", ".join(accepted)
        return params

    def reason(self, lang: str) -> str:
        params = self.params(lang)
        message = M.reason(self.rule, lang, params)
        if message is None:
            english = f"{self.column}: {_short(self.value)!r} {self.problem}"
            message = M.fallback(lang, {**params, "english": english})
        return message


def outstanding(con: duckdb.DuckDBPyConnection, source: str) -> list[Line]:
    """The outstanding problems of ``source``, in report order (file, sheet, row, column)."""
    rows = con.execute(sql.OUTSTANDING_PROBLEMS, [source]).fetchall()
    lines = [Line(source, kind, int(seq), name, sheet, int(row), column, typed_value(value),
                  rule, problem)
             for kind, seq, name, sheet, row, column, value, problem, rule in rows]
    return sorted(lines, key=Line.sort_key)


@dataclass(frozen=True)
class LatestFile:
    source: str
    kind: str
    seq: int
    file_name: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    ingested_at: dt.datetime


def latest_files(con: duckdb.DuckDBPyConnection, source: str) -> list[LatestFile]:
    return [LatestFile(*row) for row in con.execute(sql.LATEST_FILES, [source]).fetchall()]


def loaded_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    found = {s for (s,) in con.execute(sql.LOADED_SOURCES).fetchall()}
    return [s for s in SOURCES if s in found] + sorted(found - set(SOURCES))


# ---------------------------------------------------------------- the workbook


def display_width(text: str) -> int:
    """Characters a reader sees: Thai and Lao vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me")
               else 1 for ch in text)


# (key, min width, max width) of the table's columns, in characters.
TABLE_COLUMNS = (
    ("file", 12, 36),
    ("sheet", 11, 16),
    ("row", 7, 8),
    ("column", 12, 30),
    ("value", 14, 30),
    ("reason", 40, 60),
    ("reason_en", 40, 60),
)
WRAPPED = {"value", "reason", "reason_en", "column", "file"}


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        top = {"valign": "top"}
        self.title = wb.add_format({"bold": True, "font_size": 14, **top})
        self.subtitle = wb.add_format({"italic": True, "font_color": "#555555", **top})
        self.plain = wb.add_format(top)
        self.bold = wb.add_format({"bold": True, **top})
        self.note = wb.add_format({"text_wrap": True, "bg_color": "#FFF2CC", "border": 1,
                                   "border_color": "#BF9000", **top})
        self.note_en = wb.add_format({"text_wrap": True, "italic": True, "font_color": "#444444",
                                      "bg_color": "#FFF9E6", "border": 1,
                                      "border_color": "#BF9000", **top})
        self.nothing = wb.add_format({"bold": True, "font_color": "#006100",
                                      "bg_color": "#C6EFCE", "text_wrap": True, **top})
        self.nothing_en = wb.add_format({"italic": True, "font_color": "#006100",
                                         "bg_color": "#E2F5E6", "text_wrap": True, **top})
        self.head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, **top})
        self.head_en = wb.add_format({"italic": True, "font_color": "#444444",
                                      "bg_color": "#EEF4FB", "border": 1, "text_wrap": True,
                                      **top})
        self.cells: dict[tuple[bool, bool, bool], object] = {}
        for shaded in (False, True):
            for wrap in (False, True):
                for right in (False, True):
                    props = {"border": 1, "border_color": "#BFBFBF", "text_wrap": wrap, **top}
                    if shaded:
                        props["bg_color"] = "#F3F3F3"
                    if right:
                        props["align"] = "right"
                    self.cells[(shaded, wrap, right)] = wb.add_format(props)


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters needs (a generous estimate: wrapping is at
    word breaks, and Thai and Lao glyphs are wider than the digit the width is measured in)."""
    per_line = max(width * 0.85 - 1, 1)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))


def _merged_text(ws, row: int, text: str, fmt, last_col: int, width: float,
                 line_pt: float) -> None:
    """A wrapped paragraph across the table's width."""
    ws.merge_range(row, 0, row, last_col, "", fmt)
    ws.write_string(row, 0, text, fmt)
    ws.set_row(row, wrapped_lines(text, width) * line_pt + 4)


def write_report(con: duckdb.DuckDBPyConnection, source: str, path: Path,
                 report_date: dt.date | None = None) -> Path:
    """One province's rejection report (see ``write_rejections``)."""
    report_date = report_date or dt.date.today()
    lang = M.SOURCE_LANGUAGE.get(source, "en")
    line_pt = 15 if lang == "en" else 18  # Thai and Lao stack marks above and below
    lines = outstanding(con, source)
    files = latest_files(con, source)
    province = {lg: M.source_name(source, lg) for lg in ("en", lang)}

    wb = xlsxwriter.Workbook(str(path), {
        "default_format_properties": {"font_name": M.REPORT_FONT, "font_size": 11},
    })
    try:
        wb.set_properties({
            "title": M.text("title", "en", province=province["en"]),
            "subject": M.text("mechanism", "en"),
            "author": "tipmon",
        })
        f = _Formats(wb)
        ws = wb.add_worksheet(M.text("sheet_name", lang)[:31])
        ws.hide_gridlines(2)
        last_col = len(TABLE_COLUMNS) - 1

        # Column widths from the content, within bounds.
        cells = [_table_row(line) for line in lines]
        widths = []
        for i, (key, low, high) in enumerate(TABLE_COLUMNS):
            heads = (M.text(f"col_{key}", lang), M.text(f"col_{key}", "en"))
            longest = max([display_width(h) for h in heads]
                          + [display_width(c[i]) for c in cells] + [0])
            widths.append(max(low, min(high, longest + 2)))
            ws.set_column(i, i, widths[i])
        total_width = sum(widths)

        r = 0
        ws.write_string(r, 0, M.text("title", lang, province=province[lang]), f.title)
        ws.set_row(r, 24)
        r += 1
        ws.write_string(r, 0, M.text("title", "en", province=province["en"]), f.subtitle)
        r += 1
        ws.write_string(r, 0, f"{M.text('mechanism', lang)} · {M.text('mechanism', 'en')}",
                        f.subtitle)
        r += 1
        date_text = (f"{M.text('report_date', lang, date=M.format_date(report_date, lang))} · "
                     f"{M.text('report_date', 'en', date=M.format_date(report_date, 'en'))}")
        ws.write_string(r, 0, date_text, f.bold)
        r += 1
        ws.write_string(r, 0, f"{M.text('files_checked', lang)} "
                              f"({M.text('files_checked', 'en')})", f.bold)
        r += 1
        for lf in files:
            for lg, fmt in ((lang, f.plain), ("en", f.subtitle)):
                ws.write_string(r, 0, "   " + M.text(
                    "file_line", lg, file=lf.file_name, date=M.format_date(
                        lf.ingested_at.date(), lg),
                    read=lf.rows_read, loaded=lf.rows_loaded, quarantined=lf.rows_quarantined,
                ), fmt)
                r += 1

        if not lines:
            r += 1
            _merged_text(ws, r, M.text("nothing", lang), f.nothing, last_col, total_width,
                         line_pt)
            r += 1
            _merged_text(ws, r, M.text("nothing", "en"), f.nothing_en, last_col, total_width,
                         15)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
            return path

        hint = "row_hint_workbook" if any(line.sheet for line in lines) else "row_hint_csv"
        n_rows = len({(ln.file_seq, ln.sheet, ln.row) for ln in lines})
        r += 1
        _merged_text(ws, r, f"{M.text('note', lang)}\n{M.text(hint, lang)}", f.note, last_col,
                     total_width, line_pt)
        r += 1
        _merged_text(ws, r, f"{M.text('note', 'en')}\n{M.text(hint, 'en')}", f.note_en,
                     last_col, total_width, 15)
        r += 1
        ws.write_string(r, 0, f"{M.text('counts', lang, rows=n_rows, problems=len(lines))} · "
                              f"{M.text('counts', 'en', rows=n_rows, problems=len(lines))}",
                        f.bold)
        r += 2

        header_row = r
        for i, (key, _, _) in enumerate(TABLE_COLUMNS):
            ws.write_string(r, i, M.text(f"col_{key}", lang), f.head)
            ws.write_string(r + 1, i, M.text(f"col_{key}", "en"), f.head_en)
        for offset, lg, pt in ((0, lang, line_pt), (1, "en", 15)):
            ws.set_row(r + offset, pt * max(wrapped_lines(M.text(f"col_{key}", lg), widths[i])
                                            for i, (key, _, _) in enumerate(TABLE_COLUMNS)) + 4)
        r += 2
        first_data = r
        shaded, previous = True, None
        for line, values in zip(lines, cells, strict=True):
            group = (line.file_seq, line.sheet, line.row)
            if group != previous:  # shade alternate spreadsheet rows, not alternate problems
                shaded, previous = not shaded, group
            for i, (key, _, _) in enumerate(TABLE_COLUMNS):
                fmt = f.cells[(shaded, key in WRAPPED, key == "row")]
                ws.write_string(r, i, values[i], fmt)
            # Explicit heights: LibreOffice keeps the stored height of wrapped rows.
            ws.set_row(r, line_pt * max(wrapped_lines(values[i], widths[i])
                                        for i, (key, _, _) in enumerate(TABLE_COLUMNS)
                                        if key in WRAPPED) + 4)
            r += 1
        last_row = r - 1
        ws.freeze_panes(first_data, 0)
        ws.autofilter(header_row + 1, 0, last_row, last_col)
        # Values such as '25' or '-500' are text on purpose: no "number stored as text" flags.
        ws.ignore_errors({"number_stored_as_text": f"A{first_data + 1}:G{last_row + 1}"})
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header_row, header_row + 1)
    finally:
        wb.close()
    return path


def _table_row(line: Line) -> tuple[str, ...]:
    lang = M.SOURCE_LANGUAGE.get(line.source, "en")
    return (line.file_name, line.sheet or "", str(line.row), line.column_cell(), line.value,
            line.reason(lang), line.reason("en"))


def write_rejections(con: duckdb.DuckDBPyConnection, out_dir: Path,
                     report_date: dt.date | None = None) -> list[Path]:
    """Write ``rejections_<source>.xlsx`` for each source with ingested files; their paths.

    A source with nothing outstanding gets a report saying so.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_report(con, source, out_dir / REPORT_NAME.format(source=source), report_date)
            for source in loaded_sources(con)]


# ---------------------------------------------------------------- the printed summary


def summary(con: duckdb.DuckDBPyConnection) -> str:
    """What `tipmon quality` prints: latest files, outstanding rows by rule, findings, reviews."""
    out: list[str] = []
    sources = loaded_sources(con)
    if not sources:
        out.append("no files ingested yet")
    dq = con.execute(sql.DQ_FINDINGS_BY_KIND).fetchall()
    file_findings = con.execute(sql.INGEST_FINDINGS_LATEST).fetchall()
    for source in sources:
        out.append(source)
        for lf in latest_files(con, source):
            out.append(f"  latest {lf.kind:<8} {lf.file_name}  (file {lf.seq}, "
                       f"{lf.ingested_at:%Y-%m-%d %H:%M})  read {lf.rows_read}, "
                       f"loaded {lf.rows_loaded}, quarantined {lf.rows_quarantined}")
        lines = outstanding(con, source)
        rows_by_rule: dict[str, set] = {}
        for ln in lines:
            rows_by_rule.setdefault(ln.rule, set()).add((ln.file_seq, ln.sheet, ln.row))
        n_rows = len({(ln.file_seq, ln.sheet, ln.row) for ln in lines})
        out.append(f"  outstanding quarantined rows: {n_rows} ({len(lines)} problems)")
        width = max([len(rule) for rule in rows_by_rule] + [0])
        for rule, rows in sorted(rows_by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"    {rule:<{width}}  {len(rows):>6} row{'' if len(rows) == 1 else 's'}")
        kinds = Counter({kind: n for s, kind, n in dq if s == source})
        out.append("  data-quality findings: " + _counts(kinds))
        kinds = Counter({kind: n for s, kind, n in file_findings if s == source})
        out.append("  file findings (latest files): " + _counts(kinds))
    other = Counter({kind: n for s, kind, n in dq if s not in sources})
    if other:
        out.append("data-quality findings (no source): " + _counts(other))
    pairs, cr_refs, bk_refs = con.execute(sql.LINK_REVIEW_COUNTS).fetchall()[0]
    out.append(f"link reviews: {pairs} candidate pairs ({cr_refs} Chiang Rai, {bk_refs} Bokeo "
               "records), linked to none")
    rejected = con.execute(sql.REJECTED_FILES).fetchall()
    if rejected:
        out.append(f"unreadable files: {len(rejected)}")
        out.extend(f"  {name}: {reason}" for name, reason in rejected)
    return "\n".join(out)


def _counts(counter: Counter) -> str:
    if not counter:
        return "none"
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counter.items()))
