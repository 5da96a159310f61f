"""The Great Expectations gate: every batch is validated on its DataFrame before it is written.

GX is imported here only, lazily, with its analytics off; one ephemeral context serves a whole
process. Results keep counts, never values: the failing rows are named by their index column
(row_number or person_id) and handed back to the caller, whose quarantine is the only place a
failing value is kept.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

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


class Gate:
    """Runs the committed suites on pandas DataFrames."""

    def __init__(self, suites_dir: Path = SUITES_DIR) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx  # 4–6 s and ~250 MB: only when a batch is validated

        self._gx = gx
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
        if name not in self._definitions:
            suite = self._context.suites.add(self._gx.ExpectationSuite(**self.suites[name]))
            self._definitions[name] = self._context.validation_definitions.add(
                self._gx.ValidationDefinition(name=name, data=self._batch, suite=suite))
        return self._definitions[name]

    def validate(self, name: str, frame: pd.DataFrame, index: str, as_of: dt.date) -> Validation:
        """Validate ``frame`` against suite ``name``; rows are identified by column ``index``."""
        suite = self.suites[name]
        wanted = {c for e in suite["expectations"] for c in _columns_of(e)}
        batch = _prepare(frame, sorted(wanted & set(frame.columns)), index)
        present = [e for e in suite["expectations"]
                   if all(c in batch.columns for c in _columns_of(e))]
        out = Validation(name)
        if batch.empty or not present:
            return out
        result = self._definition(name).run(
            batch_parameters={"dataframe": batch},
            expectation_parameters={
                "today": pd.Timestamp(as_of), "min_date": pd.Timestamp(YEAR_MIN, 1, 1),
                "this_year": as_of.year,
            },
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [index],
                           "return_unexpected_index_query": False},
        )
        by_key = {(e["type"], tuple(_columns_of(e))): e for e in suite["expectations"]}
        for res in result.results:
            config = res.expectation_config
            kwargs = dict(config.kwargs)
            columns = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
            spec = by_key.get((config.type, tuple(columns)))
            if spec is None:  # expectation on a column this batch does not have
                continue
            raised = bool(res.exception_info.get("raised_exception")) if isinstance(
                res.exception_info, dict) else False
            if raised:
                raise RuntimeError(f"expectation {config.type} on {columns} could not run")
            body = res.result or {}
            out.results.append({
                "suite": name, "expectation": config.type, "column_name": ", ".join(columns),
                "on_failure": spec["meta"].get("on_failure", "report"),
                "success": bool(res.success),
                "unexpected_count": int(body.get("unexpected_count") or 0),
                "element_count": int(body.get("element_count") or len(batch)),
            })
            if res.success:
                continue
            for item in body.get("unexpected_index_list") or []:
                out.failures.append(Failure(
                    index=_plain(item[index]), column=columns[0], expectation=config.type,
                    on_failure=spec["meta"].get("on_failure", "report"),
                    rule=spec["meta"].get("rule"), finding=spec["meta"].get("finding"),
                    kwargs=spec["kwargs"],
                ))
        return out


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def _missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA alike (pd.NA == pd.NA is neither true nor false)."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) \
        or value is pd.NaT


def _prepare(frame: pd.DataFrame, columns: list[str], index: str) -> pd.DataFrame:
    """Only the checked columns, typed so GX compares like with like (dates as datetimes)."""
    out = {index: frame[index].to_numpy()}
    for name in columns:
        values = frame[name]
        sample = next((v for v in values if not _missing(v)), None)
        if isinstance(sample, dt.date):
            out[name] = pd.to_datetime(values)
        elif isinstance(sample, bool):
            out[name] = values.astype(object)
        elif isinstance(sample, int | float):
            out[name] = pd.to_numeric(values.astype(object).where(values.notna(), None),
                                      errors="coerce").astype("Float64")
        else:
            out[name] = values.astype(object).where(values.notna(), None)
    return pd.DataFrame(out)


_GATES: dict[Path, Gate] = {}


def gate(suites_dir: Path = SUITES_DIR) -> Gate:
    """One gate per process: building the GX context and validation definitions costs."""
    if suites_dir not in _GATES:
        _GATES[suites_dir] = Gate(suites_dir)
    return _GATES[suites_dir]
