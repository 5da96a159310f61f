"""The published tables of the annual report, as flat frames — every number from
``pipelines.meeting`` (suppressed), with ``indicators.Filters(year_from=Y, year_to=Y)``.

A table here is what goes into ``tables/<name>.csv``, the workbook and the PDF alike: the
report only formats and translates these cells, it never computes another number. Codes stay
codes (the CSV is language-neutral); ``Table.kinds`` says what each column holds, so the
manifest can say which columns count persons and the PDF how to format each cell.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from pipelines import disclosure, indicators, meeting, vocab
from pipelines.indicators import Filters
from pipelines.meeting import Published

TOTAL = disclosure.TOTAL
UNKNOWN = meeting.UNKNOWN

# Kinds of column. Counts are suppressed (0, '<k' or at least k); "persons" count people.
LABEL, PERSONS, COUNT = "label", "persons", "count"
PERCENT, DAYS, USD, THB = "percent", "days", "usd", "thb"
CHANGE, CHANGE_PCT = "change", "change_pct"
TEXT, DATE, YEAR, RATE = "text", "date", "year", "rate"
SUPPRESSED_KINDS = (PERSONS, COUNT)
DIGITS = {PERCENT: 1, DAYS: 1, USD: 0, THB: 0, CHANGE: 0, CHANGE_PCT: 1, RATE: 2}

SECTIONS = ("summary", "profile", "recruitment", "debt", "durations", "rights", "quality",
            "methods")


@dataclass
class Table:
    """One published table: flat cells (labels first), what each column holds, and how the
    codes of its labels and columns are named (a vocabulary of ``dashboard.i18n``)."""

    name: str
    section: str
    frame: pd.DataFrame
    kinds: dict[str, str]
    title_values: dict[str, object] = field(default_factory=dict)
    row_vocab: dict[str, str] = field(default_factory=dict)   # label column -> vocabulary
    column_vocab: str | None = None                            # category columns' vocabulary
    column_keys: dict[str, str] = field(default_factory=dict)  # column -> catalogue key
    total_row: str | None = None    # value of the first column marking the total row
    total_column: str | None = None
    values: pd.DataFrame | None = None  # numeric cells (NaN where hidden), for charts
    unit: str = PERSONS             # what the category columns of a cross-table hold

    @property
    def title_key(self) -> str:
        return f"report.{self.name}"

    @property
    def suppressed_columns(self) -> list[str]:
        return [c for c, kind in self.kinds.items() if kind in SUPPRESSED_KINDS]

    @property
    def persons_columns(self) -> list[str]:
        return [c for c, kind in self.kinds.items() if kind == PERSONS]

    @property
    def label_columns(self) -> list[str]:
        return [c for c, kind in self.kinds.items() if kind == LABEL]


# ---------------------------------------------------------------------------- cells

def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value))


def cell(value: object, kind: str) -> object:
    """A cell as published: int for counts, rounded float for statistics, '<k' as is, None
    where not shown. Rounding is the dashboard's (money 0 digits, shares and days 1)."""
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat() if kind == DATE else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if kind in SUPPRESSED_KINDS or kind == YEAR or (
                kind in DIGITS and DIGITS[kind] == 0):
            return int(round(float(value)))
        return round(float(value), DIGITS.get(kind, 1))
    return value


def _flat(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Columns in the order of ``kinds``, every cell through ``cell`` (object dtype)."""
    return pd.DataFrame({col: pd.Series([cell(v, kinds[col]) for v in frame[col]], dtype=object)
                         for col in kinds})


def _ordered(columns: list[str], codes: tuple[str, ...]) -> list[str]:
    """Categories in the vocabulary's order; others after, then 'unknown' and the total."""
    codes = tuple(c for c in codes if c not in (UNKNOWN, TOTAL))
    tail = [c for c in columns if c not in codes and c not in (UNKNOWN, TOTAL)]
    return ([c for c in codes if c in columns] + sorted(tail)
            + [c for c in (UNKNOWN, TOTAL) if c in columns])


BILATERAL = ("TH-LA", "LA-TH")


def direction_order(columns: list[str]) -> tuple[str, ...]:
    """The two directions the mechanism is about first, then by nationality and country
    (as the dashboard's overview)."""
    rank = {c: i for i, c in enumerate(vocab.COUNTRIES)}
    present = [c for c in columns if "-" in str(c)]
    return tuple(sorted(present, key=lambda d: (
        d not in BILATERAL, BILATERAL.index(d) if d in BILATERAL else 0,
        *(rank.get(part, len(rank)) for part in d.split("-", 1)))))


def _cross(name: str, section: str, published: Published, index_name: str, row_vocab: str,
           column_vocab: str, order: Callable[[list[str]], tuple[str, ...]] | tuple[str, ...],
           title_values: dict[str, object], unit: str = PERSONS,
           kind: str = PERSONS) -> Table:
    """A published cross-table (rows × categories, with its totals when it has them)."""
    table, values = published.table, published.values
    columns = [str(c) for c in table.columns]
    codes = order(columns) if callable(order) else order
    columns = _ordered(columns, tuple(codes))
    table = table.copy()
    values = values.copy()
    table.columns = [str(c) for c in table.columns]
    values.columns = [str(c) for c in values.columns]
    table, values = table[columns], values[columns]
    table.index = [str(i) for i in table.index]
    values.index = table.index
    flat = table.reset_index(names=index_name)
    kinds = {index_name: LABEL, **{c: kind for c in columns}}
    return Table(name, section, _flat(flat, kinds), kinds, title_values,
                 row_vocab={index_name: row_vocab}, column_vocab=column_vocab,
                 total_row=TOTAL if TOTAL in table.index else None,
                 total_column=TOTAL if TOTAL in table.columns else None,
                 values=values, unit=unit)


def _plain(name: str, section: str, frame: pd.DataFrame, kinds: dict[str, str],
           title_values: dict[str, object], row_vocab: dict[str, str] | None = None,
           column_keys: dict[str, str] | None = None) -> Table:
    return Table(name, section, _flat(frame, kinds), kinds, title_values,
                 row_vocab=row_vocab or {}, column_keys=column_keys or {})


def _pct(frame: pd.DataFrame, share: str, name: str) -> pd.DataFrame:
    """A share (0..1) of the meeting layer as a percentage, as the dashboard shows it."""
    return frame.assign(**{name: frame[share] * 100})


# ---------------------------------------------------------------------------- the tables

def build_tables(con: duckdb.DuckDBPyConnection, year: int, k: int,
                 provenance: pd.DataFrame | None = None,
                 fx: pd.DataFrame | None = None) -> list[Table]:
    """Every published table of the report for ``year``, suppressed with threshold ``k``."""
    one_year = Filters(year_from=year, year_to=year)
    two_years = Filters(year_from=year - 1, year_to=year)  # key figures need the year before
    tv = {"year": year, "previous": year - 1}
    tables: list[Table] = []

    figures = meeting.key_figures(con, year, two_years, k=k)
    tables.append(_plain(
        "key_figures", "summary", figures,
        {"figure": LABEL, "year": YEAR, "value": PERSONS, "previous": PERSONS,
         "change": CHANGE, "change_pct": CHANGE_PCT}, tv, {"figure": "figure"},
        {"value": "col.value", "previous": "col.previous", "change": "col.change",
         "change_pct": "col.change_pct", "figure": "col.figure", "year": "report.col.year"}))

    orders: dict[str, Callable[[list[str]], tuple[str, ...]] | tuple[str, ...]] = {
        "nationality": vocab.COUNTRIES, "direction": direction_order, "sex": vocab.SEX,
        "age_band": vocab.AGE_BANDS, "sources": ("chiang_rai", "bokeo", "both")}
    names = {"nationality": "nationality", "direction": "direction", "sex": "sex",
             "age_band": "age_band", "sources": "sources"}
    for measure, dimension in (("potential", "nationality"), ("identified", "nationality"),
                               ("potential", "direction"), ("identified", "direction"),
                               ("potential", "sex"), ("potential", "age_band"),
                               ("potential", "sources")):
        published = meeting.annual_by(con, dimension, one_year, k=k,
                                      measure=f"{measure}_victims")
        if published.empty:
            continue
        section = "summary" if dimension == "nationality" else "profile"
        tables.append(_cross(f"{measure}_by_{dimension}", section, published, "year", "year",
                             names[dimension], orders[dimension], tv))

    for field_name, codes in (("channel", vocab.CHANNELS), ("exploitation", vocab.EXPLOITATION),
                              ("control_means", vocab.CONTROL_MEANS)):
        counts, shares = meeting.shares(con, field_name, one_year, k=k)
        if counts.empty:
            continue
        tables.append(_cross(f"{field_name}_counts", "recruitment", counts, "year", "year",
                             field_name, codes, tv))
        tables.append(_cross(f"{field_name}_shares", "recruitment", shares, "year", "year",
                             field_name, codes, tv, unit=PERCENT, kind=PERCENT))

    debt = meeting.debt(con, one_year, k=k)
    if not debt.empty:
        debt = _pct(debt, "bondage_share", "bondage_share_pct")
        tables.append(_plain(
            "debt", "debt", debt,
            {"year": LABEL, "persons": PERSONS, "with_debt": PERSONS, "in_bondage": PERSONS,
             "bondage_share_pct": PERCENT, "with_debt_amount": PERSONS, "median_usd": USD,
             "p90_usd": USD, "max_usd": USD, "median_thb": THB, "p90_thb": THB,
             "max_thb": THB}, tv, {"year": "year"},
            {"bondage_share_pct": "col.bondage_share"}))
    bands = meeting.debt_bands(con, one_year, k=k)
    if not bands.empty:
        band_order = tuple(indicators.sql.DEBT_BAND_LABELS.values())
        tables.append(_rows_table("debt_bands", "debt", bands, "band", "debt_band", band_order,
                                  tv))
    by_reason, per_person = meeting.fines(con, one_year, k=k)
    if not by_reason.empty:
        rank = {r: i for i, r in enumerate(vocab.FINE_REASONS)}
        by_reason = by_reason.sort_values("reason", key=lambda s: s.map(
            lambda r: rank.get(r, len(rank))))
        tables.append(_plain(
            "fines_by_reason", "debt", by_reason,
            {"reason": LABEL, "fines": COUNT, "persons": PERSONS, "median_usd": USD,
             "median_thb": THB}, tv, {"reason": "fine_reason"},
            {"persons": "col.persons_fined", "reason": "dim.fine_reason"}))
        tables.append(_plain(
            "fined_per_person", "debt", per_person,
            {"persons": PERSONS, "fines": COUNT, "median_usd": USD, "p90_usd": USD,
             "max_usd": USD, "median_thb": THB, "p90_thb": THB, "max_thb": THB}, tv,
            column_keys={"persons": "col.persons_fined"}))

    summary, duration_bands = meeting.durations(con, one_year, k=k)
    if not summary.empty:
        tables.append(_plain(
            "durations", "durations", summary,
            {"from_step": LABEL, "to_step": LABEL, "n": PERSONS, "median_days": DAYS,
             "p90_days": DAYS, "waiting": PERSONS, "median_waiting_days": DAYS}, tv,
            {"from_step": "step", "to_step": "step"},
            {"from_step": "report.col.from_step", "to_step": "report.col.to_step"}))
    if not duration_bands.empty:
        tables.append(_cross("duration_bands", "durations", duration_bands, "pair", "pair",
                             "duration_band",
                             tuple(indicators.sql.DURATION_BAND_LABELS.values()), tv))

    rights = meeting.rights(con, one_year, k=k)
    if not rights.empty:
        rights = _pct(_pct(rights, "criminalised_share", "criminalised_share_pct"),
                      "screened_share", "screened_share_pct")
        tables.append(_plain(
            "rights", "rights", rights,
            {"year": LABEL, "criminalised": PERSONS, "rescued_in_laos": PERSONS,
             "criminalised_share_pct": PERCENT, "screened_before_return": PERSONS,
             "handed_over": PERSONS, "screened_share_pct": PERCENT}, tv, {"year": "year"},
            {"criminalised_share_pct": "col.criminalised_share",
             "screened_share_pct": "col.screened_share"}))
    per_case, channels = meeting.coordination(con, one_year, k=k)
    if not per_case.empty:
        tables.append(_rows_table("agencies_per_case", "rights", per_case, "agencies", "number",
                                  None, tv))
    if not channels.empty:
        channels = _pct(channels, "informal_share", "informal_share_pct")
        tables.append(_plain(
            "coordination_channels", "rights", channels,
            {"year": LABEL, "source": LABEL, "informal": COUNT, "steps_with_channel": COUNT,
             "persons": PERSONS, "informal_share_pct": PERCENT}, tv,
            {"year": "year", "source": "source"},
            {"informal": "col.informal_steps", "steps_with_channel": "col.steps_with_channel",
             "informal_share_pct": "col.informal_share"}))

    tables.extend(_quality_tables(con, year, k, tv, provenance))
    if fx is not None and not fx.empty:
        tables.append(_plain("fx_rates", "methods", fx,
                             {"currency": LABEL, "units_per_usd": RATE, "source_note": TEXT},
                             tv, {"currency": "currency"},
                             {"currency": "report.col.currency",
                              "units_per_usd": "report.col.units_per_usd",
                              "source_note": "report.col.source_note"}))
    return tables


def _rows_table(name: str, section: str, published: Published, label: str, row_vocab: str,
                order: tuple[str, ...] | None, tv: dict[str, object]) -> Table:
    """A one-way published table (one count column and its total row)."""
    table, values = published.table.copy(), published.values.copy()
    table.index = [str(i) for i in table.index]
    values.index = table.index
    if order:
        rows = _ordered(list(table.index), order)
        table, values = table.loc[rows], values.loc[rows]
    flat = table.reset_index(names=label)
    kinds = {label: LABEL, **{str(c): PERSONS for c in table.columns}}
    flat.columns = [str(c) for c in flat.columns]
    return Table(name, section, _flat(flat, kinds), kinds, tv, row_vocab={label: row_vocab},
                 total_row=TOTAL if TOTAL in table.index else None, values=values,
                 column_keys={c: "col.persons" for c in table.columns})


def _quality_tables(con: duckdb.DuckDBPyConnection, year: int, k: int,
                    tv: dict[str, object], provenance: pd.DataFrame | None) -> list[Table]:
    quality = meeting.data_quality(con, k=k)
    out: list[Table] = []
    complete = quality["completeness"]
    complete = complete[complete["year"].astype(str) == str(year)].copy()
    if not complete.empty:
        # The share gives its numerator away when the denominator is shown: hidden with it.
        shown = ~complete["filled"].map(lambda v: isinstance(v, str))
        complete["share_pct"] = (complete["share"] * 100).where(shown)
        fields = {f: i for i, f in enumerate(_FIELDS)}
        complete = complete.sort_values(
            ["source", "field"], key=lambda s: s.map(
                lambda v: fields.get(v, len(fields)) if s.name == "field"
                else vocab.SOURCES.index(v) if v in vocab.SOURCES else 9))
        out.append(_plain(
            "completeness", "quality", complete,
            {"source": LABEL, "field": LABEL, "filled": PERSONS, "persons": PERSONS,
             "share_pct": PERCENT}, tv, {"source": "source", "field": "field"},
            {"share_pct": "col.filled_share"}))
    timely = quality["timeliness"]
    timely = timely[timely["year"].astype(str) == str(year)].copy()
    if not timely.empty:
        steps = {s: i for i, s in enumerate(vocab.STEPS)}
        timely = timely.sort_values(["source", "step"], key=lambda s: s.map(
            lambda v: steps.get(v, 99) if s.name == "step"
            else vocab.SOURCES.index(v) if v in vocab.SOURCES else 9))
        out.append(_plain(
            "timeliness", "quality", timely,
            {"source": LABEL, "step": LABEL, "steps": COUNT, "median_days": DAYS,
             "p90_days": DAYS}, tv, {"source": "source", "step": "step"}))
    outstanding = quality["outstanding"]
    out.append(_plain(
        "quarantine_outstanding", "quality", outstanding,
        {"source": LABEL, "rule": LABEL, "problems": COUNT}, tv,
        {"source": "source", "rule": "rule"},
        {"rule": "report.col.rule", "problems": "report.col.problems"}))
    out.append(_plain(
        "dq_findings", "quality", quality["findings"], {"kind": LABEL, "findings": COUNT}, tv,
        {"kind": "finding"},
        {"kind": "report.col.finding", "findings": "report.col.findings"}))

    files = quality["files"].copy()
    if provenance is not None and not files.empty:
        files = files.merge(provenance[["seq", "sha256", "as_of", "as_of_basis"]], on="seq",
                            how="left")
    else:
        files = files.assign(sha256=None, as_of=None, as_of_basis=None)
    # Rows read = loaded + held back: with all three shown a hidden count would be worked
    # out by subtraction, so the loaded rows are left out.
    out.append(_plain(
        "files", "quality", files,
        {"seq": LABEL, "file_name": TEXT, "source": LABEL, "kind": LABEL, "status": LABEL,
         "rows_read": COUNT, "rows_quarantined": COUNT, "ingested_at": DATE, "as_of": DATE,
         "as_of_basis": LABEL, "sha256": TEXT}, tv,
        {"source": "source", "kind": "file_kind", "status": "file_status",
         "as_of_basis": "basis"},
        {"seq": "report.col.seq", "as_of": "report.col.as_of",
         "as_of_basis": "report.col.as_of_basis", "sha256": "report.col.sha256"}))
    return out


_FIELDS = ("sex", "age", "nationality", "recruitment_channel", "exploitation", "site",
           "link_key", "first_step_date", "screening_result", "education", "control_means",
           "lao_outcome", "victim_screened")
