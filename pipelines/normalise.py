"""Raw export rows → canonical frames + quarantine problems (pure: no I/O, no database).

Every cell is parsed by the pure parsers of ``parse``, once per distinct value, then row rules
(required values, ranges, duplicates, contradicting currencies) decide which rows are loaded.
A row is loaded whole or quarantined whole, with every problem it has (spec §2.4, §6.1).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipelines import parse, schema
from pipelines.readers import RawTable
from pipelines.sources import SITE_PATTERNS, Field, bokeo

MAX_VALUE_CHARS = 160
DATE_MIN = dt.date(schema.YEAR_MIN, 1, 1)
MULTI_FIELDS = ("channel", "exploitation", "control_means")


@dataclass(frozen=True)
class Problem:
    """Why a row is quarantined: the column as the spec names it, the header, the value."""

    row: int
    column: str
    header: str
    value: object
    message: str
    rule: str

    @property
    def text(self) -> str:
        same = self.header in ("", self.column)
        label = self.column if same else f"{self.header} ({self.column})"
        return f"{label}: {show_value(self.value)} {self.message}"


@dataclass
class Normalised:
    """One raw table, normalised: frames of loaded rows and the problems of the others."""

    raw: RawTable
    persons: pd.DataFrame | None = None
    steps: pd.DataFrame | None = None
    fines: pd.DataFrame | None = None
    codes: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    findings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, kind, detail)
    dq_results: list[dict] = field(default_factory=list)  # the gate's counts for this table

    @property
    def quarantined_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


def show_value(value: object) -> str:
    if parse.is_blank(value):
        return "(blank)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS] + f"… ({len(text)} characters)"
    return repr(text)


# ---------------------------------------------------------------- cell parsers by kind


def _site(value: object) -> tuple[str | None, str | None]:
    """Recognise a well-known site inside free text (spec §6.7); otherwise 'other' + the text."""
    if parse.is_blank(value):
        return None, None
    key = parse.vocab_key(value)
    for site, patterns in SITE_PATTERNS:
        if any(p in key for p in patterns):
            return site, None
    return "other", parse.clean_text(value)


def _year(value: object) -> int | None:
    year = parse.parse_int(value)
    if year is not None and not 1000 <= year <= 9999:
        raise parse.ParseError("is not a 4-digit year", "not_a_year")
    return year


def _lak(value: object) -> float | None:
    amount, currency = parse.parse_amount(value)
    if currency not in (None, "LAK"):
        raise parse.ParseError("is not in kip (LAK)", "not_kip")
    return amount


def _parser(fld: Field) -> Callable[[object], object]:
    kind = fld.kind
    if kind in ("ref", "text"):
        return parse.clean_text
    if kind == "int":
        return parse.parse_int
    if kind == "year":
        return _year
    if kind == "date":
        return parse.parse_date
    if kind == "amount":
        return lambda v: None if parse.is_blank(v) else parse.parse_amount(v)
    if kind == "lak":
        return _lak
    if kind == "currency":
        return parse.parse_currency
    if kind == "code":
        vocab = fld.vocab or {}
        return lambda v: parse.lookup(v, vocab)
    if kind == "codes":
        vocab = fld.vocab or {}
        return lambda v: parse.lookup_multi(v, vocab)
    if kind == "bool":
        vocab = fld.vocab or {}
        return lambda v: None if (c := parse.lookup(v, vocab)) is None else c == "true"
    if kind == "link_key":
        return parse.link_key_status
    if kind == "site":
        return _site
    raise ValueError(f"unknown field kind {kind}")


class _Failed:
    __slots__ = ("message", "rule")

    def __init__(self, message: str, rule: str) -> None:
        self.message = message
        self.rule = rule


# Cell types whose values can be equal across types (True == 1 == 1.0; pandas also takes None
# and NaN for the same missing value): a column holding two of them is parsed value by value.
_CROSS_EQUAL = frozenset({bool, int, float, type(None)})
_FACTORIZABLE = _CROSS_EQUAL | {str, dt.date, dt.datetime, dt.time, dt.timedelta}
_SAMPLE = 1024  # first cells looked at to tell references (mostly distinct) from repeated text


def parse_column(values: list[object], parser: Callable[[object], object]) -> tuple[list, dict]:
    """Parse each distinct value once; returns parsed cells and {position: (message, rule)}.

    Distinct values are found with ``pd.factorize`` (in C), parsed, and taken back to their
    rows; a column of text references (all distinct) is cleaned in one pass instead.
    """
    types = set(map(type, values))
    if types == {str} and parser is parse.clean_text and len(set(values[:_SAMPLE])) * 2 > min(
            len(values), _SAMPLE):
        # References (mostly distinct): clean_text in one pass: whitespace runs folded, ends
        # trimmed (str.split and re's \s agree on what whitespace is), blank → None. Text
        # that repeats goes the way below, which also gives equal cells one shared value.
        return [" ".join(v.split()) or None for v in values], {}
    if not values or not types <= _FACTORIZABLE or len(types & _CROSS_EQUAL) > 1:
        return _parse_each(values, parser)
    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    parsed = np.empty(len(uniques), dtype=object)
    failed: dict[int, tuple[str, str]] = {}
    for j, value in enumerate(uniques.tolist()):
        try:
            parsed[j] = parser(value)
        except parse.ParseError as exc:
            failed[j] = (str(exc), exc.rule)
    errors: dict[int, tuple[str, str]] = {}
    if failed:
        for i in np.flatnonzero(np.isin(codes, list(failed))).tolist():
            errors[i] = failed[codes[i]]
    return parsed.take(codes).tolist(), errors


def _parse_each(values: list[object], parser: Callable[[object], object]) -> tuple[list, dict]:
    """parse_column for columns of mixed cell types: a cache keyed by (type, value)."""
    cache: dict[tuple[type, object], object] = {}
    parsed: list[object] = []
    errors: dict[int, tuple[str, str]] = {}
    for i, value in enumerate(values):
        key = (type(value), value)
        try:
            result = cache[key]
        except KeyError:
            try:
                result = parser(value)
            except parse.ParseError as exc:
                result = _Failed(str(exc), exc.rule)
            cache[key] = result
        if isinstance(result, _Failed):
            errors[i] = (result.message, result.rule)
            parsed.append(None)
        else:
            parsed.append(result)
    return parsed, errors


# ---------------------------------------------------------------- the table normaliser


Validator = Callable[[str, pd.DataFrame], Any]  # returns a quality.gate.Validation


@dataclass
class Prepared:
    """One raw table parsed and checked by the rules that need row order or several cells;
    ``frame`` is the batch the gate validates (suite ``source.<kind>``)."""

    raw: RawTable
    frame: pd.DataFrame
    fields: dict[str, Field]
    problems: list[Problem]

    @property
    def suite(self) -> str:
        return f"source.{self.raw.spec.kind}"


def normalise(raw: RawTable, as_of: dt.date, validate: Validator | None = None) -> Normalised:
    """Parse, check and shape one raw table; the caller adds provenance and applies it.

    Parsing and the rules that need row order or several cells (duplicates, contradicting
    currencies) are here; required values, ranges and date windows are expectations of the
    suite ``source.<kind>``, run by ``validate`` (the GX gate) on the parsed frame. ``prepare``
    and ``finish`` are the two halves, for a caller that validates several batches at once.
    """
    prepared = prepare(raw)
    result = None if validate is None else validate(prepared.suite, prepared.frame)
    return finish(prepared, result, as_of)


def prepare(raw: RawTable) -> Prepared:
    """Parse every cell and apply the rules that need row order or several cells."""
    spec = raw.spec
    n = raw.rows_read
    rows = raw.rows
    problems: list[Problem] = []
    cols: dict[str, list[object]] = {}

    def problem(i: int, fld: Field, message: str, rule: str) -> None:
        value = raw.cells[fld.name][i] if fld.name in raw.cells else None
        problems.append(Problem(rows[i], fld.name, raw.headers.get(fld.name, ""), value, message,
                                rule))

    for fld in spec.fields:
        if fld.name not in raw.cells:
            cols[fld.target] = [None] * n
            continue
        parsed, errors = parse_column(raw.cells[fld.name], _parser(fld))
        for i, (message, rule) in errors.items():
            problem(i, fld, message, rule)
        cols[fld.target] = parsed

    fields = {f.target: f for f in spec.fields}
    for target, fld in fields.items():
        if fld.kind == "amount":
            values = cols[target]
            cols[target] = [None if v is None else v[0] for v in values]
            cols[target + "__text_currency"] = [None if v is None else v[1] for v in values]
        elif fld.kind in ("link_key", "site"):
            values = cols.pop(target)
            first, second = ("link_key", "link_key_status") if fld.kind == "link_key" else (
                "site", "site_text")
            cols[first] = [None if v is None else v[0] for v in values]
            cols[second] = [("missing" if fld.kind == "link_key" else None) if v is None
                            else v[1] for v in values]
    _check_currencies(cols, fields, problem)
    if spec.role == "persons":
        _check_duplicates(cols["person_ref"], fields["person_ref"], problem)

    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in cols.items()})
    frame["row_number"] = np.asarray(rows, dtype=np.int64)
    return Prepared(raw, frame, fields, problems)


def finish(prepared: Prepared, result: Any, as_of: dt.date) -> Normalised:
    """The gate's result (a quality.gate.Validation, or None) applied: the loaded rows shaped
    into source tables, every quarantined row with all its problems."""
    raw, frame, problems = prepared.raw, prepared.frame, prepared.problems
    spec = raw.spec
    out = Normalised(raw=raw)
    if result is not None:
        out.dq_results = result.results
        _apply_failures(result.failures, raw, prepared.frame, prepared.fields, problems, out,
                        as_of)

    bad = {p.row for p in problems}
    out.problems = problems
    out.findings = [f for f in out.findings if f[0] not in bad]
    if bad:
        frame = frame[~np.isin(frame["row_number"].to_numpy(), list(bad))]
    frame = frame.reset_index(drop=True)
    frame["source"] = spec.source
    _shape(out, frame, spec.kind)
    return out


def _apply_failures(failures, raw: RawTable, frame: pd.DataFrame, fields: dict[str, Field],
                    problems: list[Problem], out: Normalised, as_of: dt.date) -> None:
    """Quarantine failures become problems naming the expectation; findings are kept."""
    position = _positions(raw, {int(f.index) for f in failures
                                if f.on_failure == "quarantine"})
    already = {(p.row, p.column) for p in problems}
    by_target = dict(fields)
    for f in failures:
        row = int(f.index)
        if f.on_failure == "finding":
            out.findings.append((row, f.finding or f.expectation, f.column))
            continue
        if f.on_failure != "quarantine":
            continue
        fld = by_target.get(f.column)
        if fld is None or (row, fld.name) in already:
            continue  # a cell that failed to parse already says why
        i = position[row]
        message, rule = _failure_message(f, frame[f.column].iat[i], as_of)
        cells = raw.cells.get(fld.name)
        problems.append(Problem(row, fld.name, raw.headers.get(fld.name, ""),
                                None if cells is None else cells[i],
                                f"{message} ({f.expectation})", rule))
        already.add((row, fld.name))


def _failure_message(f, value: object, as_of: dt.date) -> tuple[str, str]:
    """Say in words which bound a value broke, and under which stable rule code."""
    if f.expectation == "expect_column_values_to_not_be_null":
        return "is missing: a value is required", "missing_required"
    if f.expectation == "expect_column_values_to_be_in_set":
        return "is not in the accepted vocabulary", "vocabulary"
    if f.rule == "date_window":
        if value is not None and value > as_of:
            return f"is in the future (after {as_of.isoformat()})", "future_date"
        return f"is before {DATE_MIN.isoformat()}", "before_min_date"
    if f.rule == "birth_year_range":
        return f"is not a year of birth between 1900 and {as_of.year}", "birth_year_range"
    low, high = f.kwargs.get("min_value"), f.kwargs.get("max_value")
    if value is not None and low is not None and value < low:
        return ("is negative", "negative") if low == 0 else (f"is below {low:g}", "below_min")
    return f"is above {high:g}", "above_max"


def _check_currencies(cols: dict, fields: dict[str, Field], problem) -> None:
    """A currency written in the amount must agree with the currency column (spec §6.4)."""
    for amount_col, currency_col in (("amount", "currency"), ("debt_amount", "debt_currency")):
        if amount_col not in fields or currency_col not in fields:
            continue
        amounts = cols[amount_col]
        in_text = cols[amount_col + "__text_currency"]
        column = cols[currency_col]
        final: list[str | None] = []
        for i, (amount, text_cur, col_cur) in enumerate(zip(amounts, in_text, column,
                                                            strict=True)):
            if text_cur and col_cur and text_cur != col_cur:
                problem(i, fields[currency_col],
                        f"contradicts the currency {text_cur} written in the amount",
                        "currency_conflict")
            final.append(None if amount is None else (col_cur or text_cur or "THB"))
        cols[currency_col] = final
        del cols[amount_col + "__text_currency"]


def _check_duplicates(refs: list[object], fld: Field, problem) -> None:
    seen: set[object] = set()
    for i, ref in enumerate(refs):
        if ref is None:
            continue
        if ref in seen:
            problem(i, fld, "is duplicated in this export: an earlier row has the same person_ref",
                    "duplicate_person_ref")
        seen.add(ref)


# ---------------------------------------------------------------- shaping to source tables


def _shape(out: Normalised, frame: pd.DataFrame, kind: str) -> None:
    if kind in ("cr_persons", "bk_persons"):
        _shape_persons(out, frame, kind)
    elif kind == "cr_steps":
        out.steps = frame[["source", "person_ref", "step", "step_date", "agency", "channel",
                           "row_number"]]
    else:
        out.fines = frame[["source", "person_ref", "reason", "amount", "currency", "row_number"]]


def _shape_persons(out: Normalised, frame: pd.DataFrame, kind: str) -> None:
    frame["sex"] = frame["sex"].where(frame["sex"].notna(), "unknown")
    refs = frame["person_ref"].to_numpy()
    codes = [pd.DataFrame(columns=["person_ref", "field", "code"], dtype=object)]
    for fld in MULTI_FIELDS:
        values = frame.pop(fld) if fld in frame else None
        if values is None:
            continue
        # one row per code, persons in order, each person's codes in order
        listed = pd.Series(values.to_numpy(), dtype=object).explode().dropna()
        at = listed.index.to_numpy()
        codes.append(pd.DataFrame({"person_ref": refs[at],
                                   "field": np.full(len(at), fld, dtype=object),
                                   "code": listed.to_numpy(dtype=object)}, dtype=object))
    out.codes = pd.concat(codes, ignore_index=True)
    out.codes.insert(0, "source", frame["source"].iloc[0] if len(frame) else None)
    if kind == "bk_persons":
        steps = []
        for step_col, step in bokeo.STEP_DATE_COLUMNS.items():
            dated = frame[frame[step_col].notna()]
            part = pd.DataFrame({
                "source": dated["source"],
                "person_ref": dated["person_ref"],
                "step": step,
                "step_date": dated[step_col],
                "agency": dated["agency"] if step == bokeo.STEP_AGENCY else None,
                "channel": dated["channel_coord"] if step == bokeo.STEP_CHANNEL else None,
                "row_number": dated["row_number"],
            })
            steps.append(part)
        out.steps = pd.concat(steps, ignore_index=True)
        frame = frame.drop(columns=[*bokeo.STEP_DATE_COLUMNS, "agency", "channel_coord"])
    persons_cols = [c for c in schema.SRC_PERSONS.column_names if c in frame.columns]
    out.persons = frame[persons_cols + ["row_number"] if "row_number" not in persons_cols
                        else persons_cols]


def require_persons(
    norm: Normalised, loaded: set[str], quarantined: set[str], where: str
) -> None:
    """Steps and fines need their person loaded (spec §2.4): the others join the quarantine."""
    frame = norm.steps if norm.steps is not None else norm.fines
    if frame is None or frame.empty:
        return
    refs = frame["person_ref"]
    orphan = ~refs.isin(loaded)
    if not orphan.any():
        return
    header = norm.raw.headers.get("person_ref", "person_ref")
    for ref, row in zip(refs[orphan], frame.loc[orphan, "row_number"], strict=True):
        if ref in quarantined:
            message = f"is quarantined in {where}: its steps and fines wait for a corrected row"
            rule = "person_quarantined"
        else:
            message, rule = f"has no loaded person in {where}", "unknown_person"
        norm.problems.append(Problem(int(row), "person_ref", header, ref, message, rule))
    kept = frame[~orphan].reset_index(drop=True)
    if norm.steps is not None:
        norm.steps = kept
    else:
        norm.fines = kept


def row_person_refs(raw: RawTable, rows: Iterable[int] | None = None
                    ) -> dict[int, str | None]:
    """The person_ref each data row carries (cleaned), for the quarantine log: of the data
    rows ``rows`` only (the quarantined ones), or of every row."""
    cells = raw.cells.get("person_ref")
    if rows is None:
        cells = cells if cells is not None else [None] * raw.rows_read
        return {row: parse.clean_text(v) for row, v in zip(raw.rows, cells, strict=True)}
    return {row: None if cells is None else parse.clean_text(cells[i])
            for row, i in _positions(raw, rows).items()}


def _positions(raw: RawTable, rows: Iterable[int]) -> dict[int, int]:
    """Data row number → its position in the table, for the given data rows.

    Data rows come in increasing order, so each is found by bisection, without a map of
    every row; a row number not found (rows out of order) falls back to that map.
    """
    numbers = raw.rows
    found: dict[int, int] = {}
    for row in rows:
        i = bisect.bisect_left(numbers, row)
        if i == len(numbers) or numbers[i] != row:
            every = {r: j for j, r in enumerate(numbers)}
            return {r: every[r] for r in rows if r in every}
        found[row] = i
    return found
