"""The Great Expectations gate: every batch is validated on its DataFrame before it is written.

GX is imported here only, lazily, with its analytics off; one ephemeral context serves a whole
process. Results keep counts, never values: the failing rows are named by their index column
(row_number or person_id) and handed back to the caller, whose quarantine is the only place a
failing value is kept. Batches of one suite can be validated in one GX run
(``Gate.validate_many``), each still getting the results of a run of its own.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.quality.suites import SUITES_DIR, load_all
from pipelines.schema import YEAR_MIN


@dataclass(frozen=True)
class Failure:
    """One failing row of one expectation."""

    index: object  # row_number (source stages) or person_id (curated)
    column: str
    expectation: str
    on_failure: str  # quarantine | finding | report
    rule: str | None
    finding: str | None
    kwargs: dict


@dataclass
class Validation:
    suite: str
    failures: list[Failure] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)  # one per expectation, counts only


def _columns_of(expectation: dict) -> list[str]:
    kw = expectation["kwargs"]
    if "column" in kw:
        return [kw["column"]]
    return [kw[k] for k in ("column_A", "column_B") if k in kw]


# Expectations that test each row on its own (or against the rest of its column, for
# uniqueness): their failing rows say everything, so one run over several batches stacked
# together can be split back into each batch's counts. Every expectation the suites use is one.
ROW_EXPECTATIONS = frozenset({
    "expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set",
    "expect_column_values_to_be_between", "expect_column_values_to_match_regex",
    "expect_column_values_to_be_unique", "expect_column_pair_values_a_to_be_greater_than_b",
})
UNIQUE = "expect_column_values_to_be_unique"
CODED_CHECKS = {"expect_column_values_to_be_in_set", "expect_column_values_to_not_be_null"}
# Only the failing rows' positions come back: no value of the batch is copied into the result.
RESULT_FORMAT = {"result_format": "COMPLETE", "exclude_unexpected_values": True,
                 "return_unexpected_index_query": False, "partial_unexpected_count": 0}


class Gate:
    """Runs the committed suites on pandas DataFrames."""

    def __init__(self, suites_dir: Path = SUITES_DIR) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx  # 2–6 s and ~125 MB: only when a batch is validated
        from great_expectations.validator.v1_validator import Validator

        self._gx = gx
        self._validator = Validator
        self.suites = load_all(suites_dir)
        if not self.suites:
            raise FileNotFoundError(f"no expectation suites in {suites_dir}")
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            progress_bars=ProgressBarsConfig(globally=False),
            analytics_enabled=False,
        )
        self._context = gx.get_context(mode="ephemeral", project_config=config)
        asset = self._context.data_sources.add_pandas("batches").add_dataframe_asset("frame")
        self._batch = asset.add_batch_definition_whole_dataframe("whole")
        self._definitions: dict[str, object] = {}

    def _definition(self, name: str):
        """The suite as a GX ExpectationSuite (built once; raises if GX cannot build it)."""
        if name not in self._definitions:
            self._definitions[name] = self._gx.ExpectationSuite(**self.suites[name])
        return self._definitions[name]

    def validate(self, name: str, frame: pd.DataFrame, index: str, as_of: dt.date) -> Validation:
        """Validate ``frame`` against suite ``name``; rows are identified by column ``index``."""
        return self.validate_many(name, [frame], index, as_of)[0]

    def validate_many(self, name: str, frames: list[pd.DataFrame], index: str,
                      as_of: dt.date) -> list[Validation]:
        """Validate several batches of one suite in one GX run: one Validation per batch.

        The batches (same columns: the same kind of table from several files) are stacked and
        validated once, which costs GX's per-run set-up once instead of once per batch; each
        failing row is mapped back to its batch, and each batch gets the counts a run on it
        alone gives (uniqueness is checked within each batch, as a run per batch would).
        """
        suite = self.suites[name]
        outs = [Validation(name) for _ in frames]
        wanted = {c for e in suite["expectations"] for c in _columns_of(e)}
        columns = sorted(wanted & set().union(*(f.columns for f in frames))) if frames else []
        present = [e for e in suite["expectations"]
                   if all(c in columns for c in _columns_of(e))]
        sizes = np.array([len(f) for f in frames], dtype=np.int64)
        if not present or not sizes.sum():
            return outs
        if len(frames) > 1 and (any(e["type"] not in ROW_EXPECTATIONS for e in present)
                                or any(set(f.columns) & wanted != set(columns)
                                       for f in frames)):
            return [self.validate_many(name, [f], index, as_of)[0] for f in frames]
        unique = {c for e in present if e["type"] == UNIQUE for c in _columns_of(e)}
        coded = {c for c in columns
                 if {e["type"] for e in present if c in _columns_of(e)} <= CODED_CHECKS}
        batch = _prepare(frames, columns, unique if len(frames) > 1 else set(), coded)
        validator = self._validator(batch_definition=self._batch,
                                    batch_parameters={"dataframe": batch},
                                    result_format=dict(RESULT_FORMAT))
        result = validator.validate_expectation_suite(
            self._definition(name),
            expectation_parameters={
                "today": pd.Timestamp(as_of), "min_date": pd.Timestamp(YEAR_MIN, 1, 1),
                "this_year": as_of.year,
            },
        )
        starts = np.concatenate([[0], np.cumsum(sizes)])
        ids = np.concatenate([f[index].to_numpy() for f in frames]) if len(frames) > 1 \
            else frames[0][index].to_numpy()
        by_key = {(e["type"], tuple(_columns_of(e))): e for e in present}
        for res in result.results:
            config = res.expectation_config
            kwargs = dict(config.kwargs)
            cols = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
            spec = by_key.get((config.type, tuple(cols)))
            if spec is None:  # expectation on a column these batches do not have
                continue
            raised = bool(res.exception_info.get("raised_exception")) if isinstance(
                res.exception_info, dict) else False
            if raised:
                raise RuntimeError(f"expectation {config.type} on {cols} could not run")
            body = res.result or {}
            failing = _positions(body.get("unexpected_index_list"))
            unexpected = int(body.get("unexpected_count") or 0)
            if len(failing) != unexpected or bool(res.success) != (unexpected == 0):
                raise RuntimeError(f"expectation {config.type} on {cols}: {unexpected} failing "
                                   f"rows counted, {len(failing)} named")
            which = np.searchsorted(starts, failing, side="right") - 1
            counts = np.bincount(which, minlength=len(frames))
            meta = spec["meta"]
            on_failure = meta.get("on_failure", "report")
            for b, out in enumerate(outs):
                if not sizes[b]:
                    continue
                out.results.append({
                    "suite": name, "expectation": config.type, "column_name": ", ".join(cols),
                    "on_failure": on_failure, "success": not counts[b],
                    "unexpected_count": int(counts[b]), "element_count": int(sizes[b]),
                })
            for b, pos in zip(which.tolist(), failing.tolist(), strict=True):
                outs[b].failures.append(Failure(
                    index=_plain(ids[pos]), column=cols[0], expectation=config.type,
                    on_failure=on_failure, rule=meta.get("rule"), finding=meta.get("finding"),
                    kwargs=spec["kwargs"],
                ))
        return outs


def _positions(unexpected: object) -> np.ndarray:
    """The failing rows' positions in the stacked batch, from GX's unexpected_index_list."""
    if not unexpected:
        return np.zeros(0, dtype=np.int64)
    if isinstance(unexpected, list) and len(unexpected) == 1 and isinstance(unexpected[0], dict):
        (values,) = unexpected[0].values()  # {index name: [positions]}
        if isinstance(values, list):
            return np.asarray(values, dtype=np.int64)
    return np.asarray([v[ROW] if isinstance(v, dict) else v for v in unexpected],
                      dtype=np.int64)


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


ROW = "__row"  # the stacked batch's index: the position of each row
# GX compares datetime64[ns] columns vectorised, any other kind of date one value at a time. A
# date outside what nanoseconds can hold (a year typed as 2657) is put at the edge of that range:
# beyond every date window, so it fails exactly as its real value would.
_NS_MIN, _NS_MAX = np.datetime64("1678-01-01", "s"), np.datetime64("2261-12-31", "s")


def _prepare(frames: list[pd.DataFrame], columns: list[str], unique: set[str],
             coded: set[str] = frozenset()) -> pd.DataFrame:
    """Only the checked columns of the batches, stacked, typed so GX compares like with like
    and vectorised: dates as datetime64[ns], numbers as float64 (NaN = missing), text checked
    only against a vocabulary (``coded``) as categories (hashed and matched once per distinct
    value). The index is each row's position (named, so GX names the failing rows by it and
    copies no value)."""
    out = {}
    for name in columns:
        parts = [f[name] for f in frames]
        values = pd.concat(parts, ignore_index=True) if len(parts) > 1 \
            else parts[0].reset_index(drop=True)
        notna = values.notna()
        first = notna.idxmax() if notna.any() else None
        sample = None if first is None else values.iloc[first]
        if isinstance(values.dtype, pd.StringDtype):  # text as read from DuckDB: kept so
            out[name] = values  # (missing = NaN; GX's checks run on it without a copy)
        elif isinstance(sample, dt.date | np.datetime64):
            stamps = pd.to_datetime(values).to_numpy()
            unit = np.datetime_data(stamps.dtype)[0]
            low, high = _NS_MIN.astype(stamps.dtype), _NS_MAX.astype(stamps.dtype)
            if unit != "ns":
                stamps = np.where(stamps < low, low, np.where(stamps > high, high, stamps))
            out[name] = stamps.astype("datetime64[ns]")
        elif isinstance(sample, bool | np.bool_):
            out[name] = values.astype(object)
        elif isinstance(sample, int | float | np.integer | np.floating):
            out[name] = pd.to_numeric(values.astype(object).where(notna, None),
                                      errors="coerce").astype("float64")
        elif name in coded:
            out[name] = pd.Categorical(values.astype(object).where(notna, None))
        else:
            out[name] = values.astype(object).where(notna, None)
        if name in unique:  # unique within each batch: qualify each value by its batch
            batch = np.repeat(np.arange(len(frames)), [len(p) for p in parts])
            out[name] = pd.Series([None if v is None else (b, v)
                                   for b, v in zip(batch.tolist(), out[name], strict=True)],
                                  dtype=object)
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(len(frame), name=ROW)
    return frame


_GATES: dict[Path, Gate] = {}


def gate(suites_dir: Path = SUITES_DIR) -> Gate:
    """One gate per process: building the GX context and validation definitions costs."""
    if suites_dir not in _GATES:
        _GATES[suites_dir] = Gate(suites_dir)
    return _GATES[suites_dir]
