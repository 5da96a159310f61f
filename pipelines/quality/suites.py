"""Expectation suites, derived from the one schema and source definitions (pure: no GX import).

Each suite is the JSON a Great Expectations 1.x ``ExpectationSuite`` loads from. The committed
copies in ``expectations/*.json`` are what the gate runs; ``tests/test_suites.py`` fails when they
drift from what this module derives, so a change of vocabulary or range is made in one place
(``pipelines/vocab.py``, ``pipelines/schema.py``, ``pipelines/sources``) and regenerated with
``tipmon quality --write-suites``.

Every expectation carries ``meta.on_failure``:
- ``quarantine``: failing rows are not loaded; the reason names the expectation and column;
- ``finding``: failing rows are loaded and recorded in ``dq_findings`` (spec keeps them);
- ``report``: a check of the pipeline's own output, recorded in ``dq_results`` only.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipelines import schema
from pipelines.sources import SheetSpec, bokeo, chiang_rai
from pipelines.vocab import STEPS, VOCABULARIES

SUITES_DIR = Path(__file__).resolve().parents[2] / "expectations"
LINK_KEY_REGEX = "^[0-9a-f]{64}$"
# Runtime parameters: GX resolves {"$PARAMETER": name} from the values the gate passes.
TODAY = {"$PARAMETER": "today"}
MIN_DATE = {"$PARAMETER": "min_date"}
THIS_YEAR = {"$PARAMETER": "this_year"}
SOURCE_SPECS: tuple[SheetSpec, ...] = (*chiang_rai.SHEETS, *bokeo.FILES)
# Step order checked per person: rescued ≥ reported, handed_over ≥ rescued, returned ≥ handed.
STEP_ORDER = (("rescued", "reported"), ("handed_over", "rescued"),
              ("returned_home", "handed_over"))
_BOKEO_COORDINATION = "channel_coord"


def _expectation(kind: str, kwargs: dict, on_failure: str, rule: str | None = None,
                 finding: str | None = None) -> dict:
    meta: dict[str, str] = {"on_failure": on_failure}
    if rule:
        meta["rule"] = rule
    if finding:
        meta["finding"] = finding
    return {"type": kind, "kwargs": kwargs, "meta": meta, "severity": "critical"}


def _column_def(spec: SheetSpec, target: str) -> schema.Column | None:
    table = {"steps": schema.SRC_STEPS, "fines": schema.SRC_FINES}.get(spec.role,
                                                                     schema.SRC_PERSONS)
    if target == _BOKEO_COORDINATION:
        return schema.SRC_STEPS.column("channel")
    return table.column(target) if target in table.column_names else None


def source_suite(spec: SheetSpec) -> dict:
    """Checks of one source table's normalised rows, before linking (index: row_number)."""
    exps: list[dict] = []
    for fld in spec.fields:
        col = _column_def(spec, fld.target)
        if fld.required:
            exps.append(_expectation("expect_column_values_to_not_be_null",
                                     {"column": fld.target}, "quarantine", "missing_required"))
        if fld.kind == "code" and col is not None and col.values:
            exps.append(_expectation("expect_column_values_to_be_in_set",
                                     {"column": fld.target, "value_set": list(col.values)},
                                     "quarantine", "vocabulary"))
        if fld.kind == "date":
            exps.append(_expectation("expect_column_values_to_be_between",
                                     {"column": fld.target, "min_value": MIN_DATE,
                                      "max_value": TODAY}, "quarantine", "date_window"))
        elif fld.kind == "year":
            exps.append(_expectation("expect_column_values_to_be_between",
                                     {"column": fld.target, "min_value": 1900,
                                      "max_value": THIS_YEAR}, "quarantine",
                                     "birth_year_range"))
        elif fld.kind in ("int", "amount", "lak") and col is not None and (
                col.min is not None or col.max is not None):
            kwargs: dict[str, object] = {"column": fld.target}
            if col.min is not None:
                kwargs["min_value"] = col.min
            if col.max is not None:
                kwargs["max_value"] = col.max
            exps.append(_expectation("expect_column_values_to_be_between", kwargs,
                                     "quarantine", "range"))
        elif fld.kind == "link_key":
            exps.append(_expectation("expect_column_values_to_match_regex",
                                     {"column": "link_key", "regex": LINK_KEY_REGEX}, "report"))
            exps.append(_expectation("expect_column_values_to_be_in_set",
                                     {"column": "link_key_status", "value_set": ["ok", "missing"]},
                                     "finding", finding="malformed_link_key"))
    if spec.role == "persons":
        exps.append(_expectation("expect_column_values_to_be_unique",
                                 {"column": "person_ref"}, "report"))
    return _suite(f"source.{spec.kind}", exps, f"normalised rows of {spec.kind}, before linking")


def _curated_column_checks(table: schema.Table, index: str | None) -> list[dict]:
    exps = []
    for col in table.columns:
        if not col.nullable:
            exps.append(_expectation("expect_column_values_to_not_be_null",
                                     {"column": col.name}, "report"))
        if col.values:
            exps.append(_expectation("expect_column_values_to_be_in_set",
                                     {"column": col.name, "value_set": list(col.values)},
                                     "report"))
        if col.type == "DATE":
            exps.append(_expectation("expect_column_values_to_be_between",
                                     {"column": col.name, "min_value": MIN_DATE,
                                      "max_value": TODAY}, "report"))
        elif col.min is not None or col.max is not None:
            kwargs: dict[str, object] = {"column": col.name}
            if col.min is not None:
                kwargs["min_value"] = col.min
            if col.max is not None:
                kwargs["max_value"] = col.max
            if col.name == "monitoring_year":
                kwargs["max_value"] = THIS_YEAR
            exps.append(_expectation("expect_column_values_to_be_between", kwargs, "report"))
    if index:
        exps.append(_expectation("expect_column_values_to_be_unique", {"column": index},
                                 "report"))
    return exps


def curated_suites() -> dict[str, dict]:
    """Checks of the curated tables after linking, and of each person's step order."""
    suites = {}
    for table, index in ((schema.PERSONS, "person_id"), (schema.REFERRAL_STEPS, None),
                         (schema.FINES, None), (schema.DEBTS, None),
                         (schema.PERSON_CHANNELS, None), (schema.PERSON_EXPLOITATION, None),
                         (schema.PERSON_CONTROL_MEANS, None)):
        suites[f"curated.{table.name}"] = _suite(
            f"curated.{table.name}", _curated_column_checks(table, index),
            f"curated table {table.name}")
    order = [
        _expectation("expect_column_pair_values_a_to_be_greater_than_b",
                     {"column_A": later, "column_B": earlier, "or_equal": True,
                      "ignore_row_if": "either_value_is_missing"}, "finding", finding="step_order")
        for later, earlier in STEP_ORDER
    ]
    suites["curated.person_steps"] = _suite(
        "curated.person_steps", order,
        "each person's earliest date of each step, one column per step: " + ", ".join(STEPS))
    return suites


def _suite(name: str, expectations: list[dict], about: str) -> dict:
    return {
        "name": name,
        "expectations": expectations,
        "meta": {"about": about, "derived_from": "pipelines/schema.py, pipelines/sources, "
                 "pipelines/vocab.py (regenerate: tipmon quality --write-suites)"},
        "notes": None,
    }


def build_all() -> dict[str, dict]:
    suites = {f"source.{s.kind}": source_suite(s) for s in SOURCE_SPECS}
    suites.update(curated_suites())
    return suites


def write_all(directory: Path = SUITES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, suite in build_all().items():
        path = directory / f"{name}.json"
        path.write_text(json.dumps(suite, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written


def load_all(directory: Path = SUITES_DIR) -> dict[str, dict]:
    """The committed suites, by name; these are what the gate runs."""
    suites = {}
    for path in sorted(directory.glob("*.json")):
        suite = json.loads(path.read_text("utf-8"))
        suites[suite["name"]] = suite
    return suites


def vocabularies_used() -> set[str]:
    """Which vocabularies the suites enforce (a test checks none is left out)."""
    return {name for name, values in VOCABULARIES.items()
            if any(list(values) == e["kwargs"].get("value_set")
                   for s in build_all().values() for e in s["expectations"])}
