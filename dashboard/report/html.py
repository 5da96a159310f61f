"""The annual report as HTML (plain strings, every text through ``html.escape``), one
language at a time; WeasyPrint turns it into the PDF (``pdf.write_pdf``).

Cells come from the published tables (``tables.Table``) and are only formatted here, so the
PDF shows the numbers of ``tables/*.csv``. Charts arrive as SVG (``figures``).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dashboard import i18n
from dashboard.report import labels, strings
from dashboard.report.tables import (
    CHANGE,
    CHANGE_PCT,
    DATE,
    DIGITS,
    LABEL,
    SUPPRESSED_KINDS,
    TEXT,
    TOTAL,
    YEAR,
    Table,
)

FONTS = {
    "en": '"Noto Sans", "Noto Sans Thai", "Noto Sans Lao", sans-serif',
    "th": '"Noto Sans Thai", "Noto Sans", "Noto Sans Lao", sans-serif',
    "lo": '"Noto Sans Lao", "Noto Sans", "Noto Sans Thai", sans-serif',
}
SHA_SHOWN = 12  # characters of a SHA-256 in the PDF (the manifest and CSV have all 64)


@dataclass
class Context:
    """What one language's report needs besides its tables."""

    lang: str
    year: int
    k: int
    as_of: dt.date | None
    today: dt.date
    version: str
    tables: dict[str, Table]
    charts: dict[str, str] = field(default_factory=dict)  # chart name -> SVG
    fx: list[tuple[str, float]] = field(default_factory=list)
    table_files: list[tuple[str, str]] = field(default_factory=list)  # (file, title)

    def t(self, key: str, **values: object) -> str:
        return strings.t(key, self.lang, **values)

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return self.t("fmt.not_shown")
        return f"{day.day}/{day.month}/{i18n.year(day.year, self.lang)}"


# ---------------------------------------------------------------------------- cells

def fmt(value: object, kind: str, lang: str, vocabulary: str | None = None) -> str:
    """A published cell as shown in the PDF: '<k' and '–' as they are, numbers with the
    language's separators and the dashboard's rounding."""
    if value is None:
        return i18n.translate("fmt.not_shown", lang)
    if kind == LABEL and vocabulary:
        return labels.code(vocabulary, value, lang)
    if isinstance(value, str):
        if kind == DATE and len(value) >= 10:
            try:
                day = dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
            return f"{day.day}/{day.month}/{i18n.year(day.year, lang)}"
        return value
    if kind == YEAR:
        return i18n.year(value, lang)
    if kind == CHANGE:
        return i18n.signed(value, lang, 0)
    if kind == CHANGE_PCT:
        return i18n.signed(value, lang, 1)
    if kind in (*SUPPRESSED_KINDS, LABEL, TEXT):
        return i18n.number(value, lang) if isinstance(value, int | float) else str(value)
    return i18n.number(value, lang, DIGITS.get(kind, 1))


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _is_number_kind(kind: str) -> bool:
    return kind not in (LABEL, TEXT, DATE)


def table_html(headers: list[str], rows: Iterable[tuple[str, list[str], bool]],
               numeric: list[bool], css: str = "") -> str:
    """A table: header cells; rows of (label, cells, is_total); numeric columns aligned right.
    ``numeric`` covers the cells after the label."""
    head = "".join(f'<th class="{"num" if i and numeric[i - 1] else ""}">{e(h)}</th>'
                   for i, h in enumerate(headers))
    body = []
    for label, cells, total in rows:
        tds = "".join(f'<td class="{"num" if numeric[i] else ""}">{e(c)}</td>'
                      for i, c in enumerate(cells))
        body.append(f'<tr class="{"total" if total else ""}"><th scope="row">{e(label)}</th>'
                    f"{tds}</tr>")
    return (f'<table class="{css}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def plain_table(table: Table, ctx: Context, columns: list[str] | None = None,
                css: str = "", label_columns: int = 1,
                label_of: tuple[str, Callable[[dict], str]] | None = None) -> str:
    """A table as published, its first ``label_columns`` columns joined into the row label
    (or named by ``label_of``: header, function of the row)."""
    cols = columns or list(table.kinds)
    lead, rest = cols[:label_columns], cols[label_columns:]
    headers = [label_of[0] if label_of else
               " / ".join(labels.column(table, c, ctx.lang) for c in lead)]
    headers += [labels.column(table, c, ctx.lang) for c in rest]
    rows = []
    for record in table.frame.to_dict("records"):
        label = label_of[1](record) if label_of else " · ".join(
            fmt(record[c], table.kinds[c], ctx.lang, table.row_vocab.get(c)) for c in lead)
        cells = [fmt(record[c], table.kinds[c], ctx.lang, table.row_vocab.get(c))
                 for c in rest]
        rows.append((label, cells, any(record[c] == TOTAL for c in lead)))
    return table_html(headers, rows, [_is_number_kind(table.kinds[c]) for c in rest], css)


def year_row(table: Table, year: int) -> dict[str, object]:
    """The cells of a cross-table's row for ``year`` (category -> cell)."""
    index = table.label_columns[0]
    for record in table.frame.to_dict("records"):
        if str(record[index]) == str(year):
            return {c: record[c] for c in table.kinds if c != index}
    return {}


def categories_table(ctx: Context, parts: list[tuple[Table, str]], label: str,
                     css: str = "") -> str:
    """Cross-tables of one year side by side, categories as rows (their total last): each
    part's cells are its row for the year, unchanged."""
    rows_of = [year_row(table, ctx.year) for table, _ in parts]
    first = parts[0][0]
    order = [c for c in first.kinds if c not in first.label_columns]
    for table, _ in parts[1:]:
        order += [c for c in table.kinds if c not in table.label_columns and c not in order]
    if TOTAL in order:
        order = [c for c in order if c != TOTAL] + [TOTAL]
    rows = []
    for category in order:
        cells = []
        for (table, _), row in zip(parts, rows_of, strict=True):
            kind = table.kinds.get(category, table.unit)
            cells.append(fmt(row.get(category), kind, ctx.lang) if category in row
                         else ctx.t("fmt.not_shown"))
        name = labels.code(first.column_vocab or "number", category, ctx.lang)
        rows.append((name, cells, category == TOTAL))
    headers = [label] + [header for _, header in parts]
    return table_html(headers, rows, [True] * len(parts), css)


def record_table(table: Table, ctx: Context, columns: list[str], css: str = "narrow") -> str:
    """A one-row table turned on its side: one line per column (indicator, value)."""
    record = table.frame.to_dict("records")[0] if len(table.frame) else {}
    rows = [(labels.column(table, c, ctx.lang), [fmt(record.get(c), table.kinds[c], ctx.lang)],
             False) for c in columns]
    return table_html([ctx.t("report.col.indicator"), i18n.year(ctx.year, ctx.lang)], rows,
                      [True], css)


# ---------------------------------------------------------------------------- blocks

def heading(level: int, text: str, css: str = "") -> str:
    return f'<h{level} class="{css}">{e(text)}</h{level}>'


def para(text: str, css: str = "") -> str:
    return f'<p class="{css}">{e(text)}</p>'


def chart(ctx: Context, name: str, alt: str) -> str:
    svg = ctx.charts.get(name)
    if not svg:
        return ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure class="chart"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{e(alt)}"/></figure>')


def block(title: str, *parts: str, css: str = "") -> str:
    """A captioned block kept together on a page."""
    return f'<section class="block {css}">{heading(3, title)}{"".join(parts)}</section>'


def _get(ctx: Context, name: str) -> Table | None:
    return ctx.tables.get(name)


def _title(ctx: Context, name: str) -> str:
    return labels.title(ctx.tables[name], ctx.lang)


# ---------------------------------------------------------------------------- sections

def summary(ctx: Context) -> str:
    t = ctx.t
    out = [heading(1, t("report.title", year=ctx.year)),
           para(t("report.subtitle"), "subtitle"),
           para(t("report.year_line", year=ctx.year, be_year=ctx.year + i18n.BE_OFFSET),
                "lead"),
           para(t("report.produced", as_of=ctx.date(ctx.as_of), today=ctx.date(ctx.today),
                  version=ctx.version, k=ctx.k), "meta")]
    figures = _get(ctx, "key_figures")
    if figures is not None:
        headers = [t("col.figure"), i18n.year(ctx.year, ctx.lang),
                   i18n.year(ctx.year - 1, ctx.lang), t("col.change"), t("col.change_pct")]
        rows = []
        for record in figures.frame.to_dict("records"):
            rows.append((labels.code("figure", record["figure"], ctx.lang),
                         [fmt(record[c], figures.kinds[c], ctx.lang)
                          for c in ("value", "previous", "change", "change_pct")], False))
        out.append(block(t("report.key_figures", year=ctx.year, previous=ctx.year - 1),
                         table_html(headers, rows, [True] * 4, "key"),
                         para(t("report.how_to_read"), "note")))
    parts = [(ctx.tables[n], t(f"measure.{m}_victims")) for n, m in
             (("potential_by_nationality", "potential"), ("identified_by_nationality",
                                                          "identified")) if n in ctx.tables]
    if parts:
        out.append(block(t("report.by_nationality", year=ctx.year),
                         categories_table(ctx, parts, t("side.nationality"), "narrow")))
    if "potential_by_direction" in ctx.tables:
        out.append(block(_title(ctx, "potential_by_direction"),
                         chart(ctx, "direction", _title(ctx, "potential_by_direction"))))
    return f'<section class="page summary">{"".join(out)}</section>'


def profile(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_profile"))]
    parts = [(ctx.tables[n], t(f"measure.{m}_victims")) for n, m in
             (("potential_by_direction", "potential"), ("identified_by_direction",
                                                        "identified")) if n in ctx.tables]
    if parts:
        out.append(block(_title(ctx, "potential_by_direction"),
                         categories_table(ctx, parts, t("side.direction"), "narrow")))
    pair = []
    for name, label in (("potential_by_sex", "side.sex"),
                        ("potential_by_sources", "side.source"),
                        ("potential_by_age_band", "side.age_band")):
        if name in ctx.tables:
            pair.append(block(_title(ctx, name), categories_table(
                ctx, [(ctx.tables[name], t("common.persons"))], t(label), "narrow")))
    out.append(f'<div class="columns">{"".join(pair)}</div>')
    return f'<section class="page">{"".join(out)}</section>'


def recruitment(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_recruitment"))]
    for field_name, dim_key, chart_name in (("channel", "dim.channel", "channel"),
                                            ("exploitation", "dim.exploitation", None),
                                            ("control_means", "dim.control_means",
                                             "control_means")):
        counts, shares = _get(ctx, f"{field_name}_counts"), _get(ctx, f"{field_name}_shares")
        title_key = "report.channels" if field_name == "channel" else f"report.{field_name}"
        if counts is None or shares is None:
            continue
        parts = [(counts, t("common.persons")), (shares, t("report.col.share_pct"))]
        body = [chart(ctx, chart_name, t(title_key, year=ctx.year)) if chart_name else "",
                categories_table(ctx, parts, t(dim_key), "narrow")]
        out.append(block(t(title_key, year=ctx.year), *body))
    out.append(para(t("report.shares_note", k=ctx.k), "note"))
    return f'<section class="page">{"".join(out)}</section>'


MONEY = ("median_usd", "p90_usd", "max_usd", "median_thb", "p90_thb", "max_thb")


def debt(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_debt"))]
    table = _get(ctx, "debt")
    if table is not None:
        out.append(block(_title(ctx, "debt"), record_table(
            table, ctx, ["persons", "with_debt", "in_bondage", "bondage_share_pct",
                         "with_debt_amount", *MONEY])))
    if "debt_bands" in ctx.tables:
        bands = ctx.tables["debt_bands"]
        out.append(block(_title(ctx, "debt_bands"), chart(ctx, "debt_bands",
                                                          _title(ctx, "debt_bands")),
                         plain_table(bands, ctx, css="narrow")))
    if "fines_by_reason" in ctx.tables:
        out.append(block(_title(ctx, "fines_by_reason"),
                         chart(ctx, "fines", t("report.fines_chart", year=ctx.year)),
                         plain_table(ctx.tables["fines_by_reason"], ctx)))
    if "fined_per_person" in ctx.tables:
        out.append(block(_title(ctx, "fined_per_person"), record_table(
            ctx.tables["fined_per_person"], ctx, ["persons", "fines", *MONEY])))
    return f'<section class="page">{"".join(out)}</section>'


def durations(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_durations"))]
    summary_table = _get(ctx, "durations")
    if summary_table is not None:
        out.append(block(t("report.durations_chart", year=ctx.year),
                         chart(ctx, "durations", t("report.durations_chart", year=ctx.year)),
                         para(t("report.benchmarks"), "note")))
        pair = (t("durations.steps"), lambda r: labels.code(
            "pair", f"{r['from_step']}→{r['to_step']}", ctx.lang))
        out.append(block(_title(ctx, "durations"),
                         plain_table(summary_table, ctx, label_columns=2, label_of=pair,
                                     css="nowrap")))
    if "duration_bands" in ctx.tables:
        bands = ctx.tables["duration_bands"]
        out.append(block(_title(ctx, "duration_bands"),
                         chart(ctx, "duration_bands", _title(ctx, "duration_bands")),
                         plain_table(bands, ctx, css="small nowrap")))
    out.append(para(t("report.open_note", as_of=ctx.date(ctx.as_of), year=ctx.year), "note"))
    return f'<section class="page">{"".join(out)}</section>'


def rights(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_rights"))]
    table = _get(ctx, "rights")
    if table is not None:
        record = table.frame.to_dict("records")[0] if len(table.frame) else {}
        rows = []
        for key, num, den, share in (
                ("rights.criminalisation_table", "criminalised", "rescued_in_laos",
                 "criminalised_share_pct"),
                ("rights.screening_table", "screened_before_return", "handed_over",
                 "screened_share_pct")):
            rows.append((t(key), [fmt(record.get(c), table.kinds[c], ctx.lang)
                                  for c in (num, den, share)], False))
        headers = [t("report.col.indicator"), t("report.col.numerator"),
                   t("report.col.denominator"), t("report.col.share_pct")]
        out.append(block(_title(ctx, "rights"), table_html(headers, rows, [True] * 3,
                                                           "rights")))
    if "agencies_per_case" in ctx.tables:
        out.append(block(_title(ctx, "agencies_per_case"),
                         chart(ctx, "agencies", _title(ctx, "agencies_per_case")),
                         plain_table(ctx.tables["agencies_per_case"], ctx, css="narrow")))
    if "coordination_channels" in ctx.tables:
        table = ctx.tables["coordination_channels"]
        out.append(block(_title(ctx, "coordination_channels"), plain_table(
            table, ctx, ["source", "informal", "steps_with_channel", "persons",
                         "informal_share_pct"])))
    return f'<section class="page">{"".join(out)}</section>'


def quality(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_quality")), para(t("report.dq_intro"))]
    if "completeness" in ctx.tables:
        out.append(block(_title(ctx, "completeness"),
                         plain_table(ctx.tables["completeness"], ctx, label_columns=2,
                                     css="small")))
    if "timeliness" in ctx.tables:
        out.append(block(_title(ctx, "timeliness"),
                         plain_table(ctx.tables["timeliness"], ctx, label_columns=2,
                                     css="small")))
    for name in ("quarantine_outstanding", "dq_findings"):
        if name in ctx.tables and len(ctx.tables[name].frame):
            cols = 2 if name == "quarantine_outstanding" else 1
            out.append(block(_title(ctx, name), plain_table(ctx.tables[name], ctx,
                                                            label_columns=cols, css="small")))
    caveats = [t("report.caveat_year", year=ctx.year), t("report.caveat_identified"),
               t("report.caveat_linkage"),
               t("report.caveat_suppression", k=ctx.k, k1=ctx.k - 1),
               t("report.caveat_not_shown", k=ctx.k),
               t("report.open_note", as_of=ctx.date(ctx.as_of), year=ctx.year),
               t("report.caveat_fx")]
    items = "".join(f"<li>{e(c)}</li>" for c in caveats)
    out.append(f'<section class="block">{heading(3, t("report.caveats"))}<ul>{items}</ul>'
               "</section>")
    return f'<section class="page">{"".join(out)}</section>'


DEFINITIONS = ("about.def_year", "about.def_potential", "about.def_identified",
               "about.def_direction", "about.def_shares", "about.def_debt", "about.def_fines",
               "about.def_durations", "about.def_coordination", "about.def_criminalisation",
               "about.def_screening", "about.def_quality", "about.def_median")


def provenance(ctx: Context) -> str:
    """The export files the numbers come from (SHA-256 shortened; in full in the CSV)."""
    files = ctx.tables.get("files")
    if files is None:
        return ""
    shown = files.frame.assign(sha256=[
        (s[:SHA_SHOWN] + "…") if isinstance(s, str) else s for s in files.frame["sha256"]])
    view = Table(files.name, files.section, shown, files.kinds, files.title_values,
                 files.row_vocab, files.column_vocab, files.column_keys)
    return block(_title(ctx, "files"), plain_table(
        view, ctx, ["seq", "file_name", "source", "kind", "status", "rows_read",
                    "rows_quarantined", "as_of", "sha256"], css="files"),
        para(ctx.t("report.as_of_rule"), "note"))


def methods(ctx: Context) -> str:
    t = ctx.t
    out = [heading(2, t("report.s_methods")), heading(3, t("report.definitions"))]
    out.append("<ul>" + "".join(f"<li>{e(t(key))}</li>" for key in DEFINITIONS) + "</ul>")
    out.append(heading(3, t("about.heading_disclosure")))
    out.append(para(t("report.disclosure", k=ctx.k, k1=ctx.k - 1)))
    out.append(para(t("report.caveat_suppression", k=ctx.k, k1=ctx.k - 1)))
    out.append(heading(3, t("about.heading_fx")))
    out.append(para(t("about.fx")))
    if ctx.fx:
        rows = [(i18n.code("currency", cur, ctx.lang), [i18n.number(rate, ctx.lang, 2)], False)
                for cur, rate in ctx.fx]
        out.append(block(t("report.fx_rates", year=ctx.year), table_html(
            [t("report.col.currency"), t("report.col.units_per_usd")], rows, [True],
            "narrow")))
    out.append(provenance(ctx))
    rows = [(name, [title], False) for name, title in ctx.table_files]
    out.append('<section class="package">' + heading(3, t("report.package_tables"))
               + para(t("report.package"))
               + table_html([t("report.col.file"), t("report.col.table")], rows, [False],
                            "small") + "</section>")
    return f'<section class="page">{"".join(out)}</section>'


SECTIONS = (summary, profile, recruitment, debt, durations, rights, quality, methods)


# ---------------------------------------------------------------------------- document

def _css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def stylesheet(ctx: Context) -> str:
    title = ctx.t("report.title", year=ctx.year)
    footer = ctx.t("report.footer", k=ctx.k, k1=ctx.k - 1)
    return f"""
@page {{
  size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-left {{ content: {_css_string(title + " · " + footer)}; font-size: 7pt;
                  color: #555; }}
  @bottom-right {{ content: {_css_string(ctx.t("report.page") + " ")} counter(page) " / "
                   counter(pages); font-size: 7pt; color: #555; }}
}}
html {{ font-family: {FONTS.get(ctx.lang, FONTS["en"])}; font-size: 9pt; color: #1a1a1a;
       line-height: 1.45; }}
h1 {{ font-size: 20pt; margin: 0 0 2mm 0; color: #0b3d6b; line-height: 1.3; }}
h2 {{ font-size: 14pt; margin: 0 0 3mm 0; color: #0b3d6b; border-bottom: 0.6pt solid #0b3d6b;
      padding-bottom: 1mm; line-height: 1.35; }}
h3 {{ font-size: 10pt; margin: 3mm 0 1.5mm 0; color: #0b3d6b; line-height: 1.35; }}
p {{ margin: 0 0 2mm 0; }}
.subtitle {{ font-size: 11pt; color: #333; }}
.lead {{ font-size: 10pt; }}
.meta, .note {{ font-size: 7.5pt; color: #444; }}
section.page {{ break-before: page; }}
section.page.summary {{ break-before: auto; }}
section.block {{ break-inside: avoid; margin-bottom: 3mm; }}
section.package {{ break-before: page; }}
figure.chart {{ margin: 0 0 2mm 0; }}
figure.chart img {{ width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 2mm 0; font-size: 8pt; }}
table.narrow {{ width: 62%; }}
table.small {{ font-size: 7.5pt; }}
table.files {{ font-size: 6.5pt; }}
table.key {{ font-size: 10pt; }}
table.key td {{ font-size: 12pt; font-weight: bold; }}
table.rights th[scope=row] {{ width: 55%; }}
thead th {{ background: #0b3d6b; color: #fff; font-weight: bold; text-align: left;
            padding: 1mm 1.5mm; vertical-align: bottom; }}
th, td {{ padding: 0.7mm 1.5mm; border-bottom: 0.4pt solid #c8d0d8;
          vertical-align: baseline; }}
tbody th {{ text-align: left; font-weight: normal; }}
table.nowrap tbody th {{ white-space: nowrap; }}
.num {{ text-align: right; white-space: nowrap; }}
thead th.num {{ text-align: right; white-space: normal; }}
tr.total th, tr.total td {{ font-weight: bold; border-top: 0.8pt solid #0b3d6b; }}
tbody tr {{ break-inside: avoid; }}
ul {{ margin: 0 0 2mm 0; padding-left: 5mm; }}
li {{ margin-bottom: 1mm; }}
.columns {{ display: flex; flex-wrap: wrap; gap: 0 6mm; }}
.columns > section.block {{ width: 47%; }}
.columns table.narrow {{ width: 100%; }}
"""


def document(ctx: Context) -> str:
    title = ctx.t("report.title", year=ctx.year)
    body = "".join(section(ctx) for section in SECTIONS)
    return (f'<!DOCTYPE html><html lang="{e(ctx.lang)}"><head><meta charset="utf-8"/>'
            f"<title>{e(title)}</title>"
            f'<meta name="author" content="{e(ctx.t("app.title"))}"/>'
            f'<meta name="generator" content="tipmon {e(ctx.version)}"/>'
            f"<style>{stylesheet(ctx)}</style></head><body>{body}</body></html>")
