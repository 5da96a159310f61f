"""The one schema definition: DuckDB tables, their checks, and what the suites and filters read.

Three layers, and a cache:
- ``src_*``: what each source said about each of its persons, replaced per person by re-exports
  (spec §6.9) — the state from which everything else is rebuilt;
- curated tables (``persons``, ``referral_steps`` …): the analysts' model, rebuilt from ``src_*``
  by every ingest run — for the persons the run can change, or all of them — so that linkage
  and monitoring years are always consistent;
- logs (``ingest_files``, ``quarantine`` …): append-only history of what arrived and what failed;
- ``file_stats``: which digest a file had at a given size and mtime (not data: a speed-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.vocab import VOCABULARIES


@dataclass(frozen=True)
class Column:
    """A column with the constraints that DDL, validation and expectation suites share."""

    name: str
    type: str
    vocab: str | None = None
    nullable: bool = True
    min: float | None = None
    max: float | None = None
    htcds: str | None = None
    doc: str = ""

    @property
    def values(self) -> tuple[str, ...] | None:
        return VOCABULARIES[self.vocab] if self.vocab else None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    layer: str
    doc: str = ""
    unique: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name}")


def C(name: str, type_: str = "VARCHAR", **kw: object) -> Column:  # noqa: N802 - short builder
    return Column(name, type_, **kw)  # type: ignore[arg-type]


AGE_MAX = 100
YEAR_MIN = 2000

_PROVENANCE = (
    C("file_name", nullable=False, doc="base name of the export file that said this"),
    C("sheet", doc="sheet name for workbooks, NULL for CSV"),
    C("row_number", "INTEGER", nullable=False, doc="row as the typist sees it"),
    C("file_seq", "INTEGER", nullable=False, doc="ingest order of the file (ingest_files.seq)"),
)

SRC_PERSONS = Table(
    "src_persons",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False, doc="the source's pseudonymous person id"),
        C("case_ref"),
        C("joint_ref", doc="bilateral referral reference"),
        C("link_key", doc="well-formed keyed hash, lower case; NULL when missing or malformed"),
        C("link_key_status", vocab="link_key_status", nullable=False),
        C("sex", vocab="sex", nullable=False, htcds="prs_Gender"),
        C("age", "INTEGER", min=0, max=AGE_MAX, doc="Chiang Rai: age when recruited"),
        C("birth_year", "INTEGER", min=1900, max=2100, doc="Bokeo: Gregorian year of birth"),
        C("nationality", vocab="country", htcds="prs_Nationality"),
        C("home_province", doc="as recorded (Chiang Rai province; Bokeo origin)"),
        C("education", vocab="education"),
        C("exploitation_country", vocab="country"),
        C("site", vocab="site"),
        C("site_text", doc="unrecognised site as typed: analyst view only"),
        C("screening_result", vocab="screening"),
        C("lao_outcome", vocab="lao_outcome"),
        C("immigration_fine_lak", "DOUBLE", min=0),
        C("detained_days", "INTEGER", min=0, max=36500),
        C("screened_in_laos", "BOOLEAN"),
        C("debt_amount", "DOUBLE", min=0),
        C("debt_currency", vocab="currency"),
        *_PROVENANCE,
    ),
    layer="source",
    doc="what each source last said about each of its persons",
    unique=("source", "person_ref"),
)

SRC_STEPS = Table(
    "src_steps",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("step", vocab="step", nullable=False),
        C("step_date", "DATE"),
        C("agency"),
        C("channel", vocab="coordination"),
        *_PROVENANCE,
    ),
    layer="source",
)

SRC_FINES = Table(
    "src_fines",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("reason", vocab="fine_reason", nullable=False),
        C("amount", "DOUBLE", nullable=False, min=0),
        C("currency", vocab="currency", nullable=False),
        *_PROVENANCE,
    ),
    layer="source",
)

SRC_PERSON_CODES = Table(
    "src_person_codes",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("field", nullable=False, doc="channel | exploitation | control_means"),
        C("code", nullable=False),
    ),
    layer="source",
    doc="multi-valued fields, one row per value",
)

SRC_REGISTRY = Table(
    "src_registry",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("first_file_seq", "INTEGER", nullable=False),
        C("first_row", "INTEGER", nullable=False),
    ),
    layer="source",
    doc="when each source person was first ingested: person_id follows the first (spec §6.10)",
    unique=("source", "person_ref"),
)

SRC_STEP_SEEN = Table(
    "src_step_seen",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("step", vocab="step", nullable=False),
        C("step_date", "DATE", nullable=False),
        C("file_seq", "INTEGER", nullable=False, doc="the file that first reported this step"),
    ),
    layer="source",
    doc="when each dated step was first reported, for timeliness (spec §6.12)",
)

PERSONS = Table(
    "persons",
    (
        C("person_id", nullable=False, doc="stable id, from the first-ingested source record"),
        C("sex", vocab="sex", nullable=False, htcds="prs_Gender"),
        C("age", "INTEGER", min=0, max=AGE_MAX, htcds="prs_Age"),
        C("age_band", vocab="age_band", doc="CTDC band (ageBroad)"),
        C("nationality", vocab="country", htcds="prs_Nationality"),
        C("exploitation_country", vocab="country", htcds="vic_CountryOfExploitation"),
        C("direction", doc="<nationality>-<exploitation country>, e.g. TH-LA"),
        C("site", vocab="site"),
        C("monitoring_year", "INTEGER", min=YEAR_MIN, doc="year of the earliest dated step"),
        C("first_contact_date", "DATE"),
        C("home_province"),
        C("education", vocab="education"),
        C("screening_result", vocab="screening"),
        C("lao_outcome", vocab="lao_outcome"),
        C("immigration_fine_lak", "DOUBLE", min=0),
        C("detained_days", "INTEGER", min=0),
        C("screened_in_laos", "BOOLEAN"),
        C("in_chiang_rai", "BOOLEAN", nullable=False),
        C("in_bokeo", "BOOLEAN", nullable=False),
        C("linked_by", doc="link_key | joint_ref | NULL when one source only"),
    ),
    layer="curated",
    doc="one row per person after cross-border linkage",
    unique=("person_id",),
)

SOURCE_PERSONS = Table(
    "source_persons",
    (
        C("source", vocab="source", nullable=False),
        C("person_ref", nullable=False),
        C("person_id", nullable=False),
        C("file_name", nullable=False),
        C("row_number", "INTEGER", nullable=False),
    ),
    layer="curated",
    unique=("source", "person_ref"),
)

REFERRAL_STEPS = Table(
    "referral_steps",
    (
        C("person_id", nullable=False),
        C("source", vocab="source", nullable=False),
        C("step", vocab="step", nullable=False),
        C("step_date", "DATE"),
        C("agency"),
        C("channel", vocab="coordination"),
    ),
    layer="curated",
)

_MONEY = (
    C("amount", "DOUBLE", nullable=False, min=0),
    C("currency", vocab="currency", nullable=False),
    C("amount_usd", "DOUBLE", min=0),
    C("amount_thb", "DOUBLE", min=0),
)

FINES = Table(
    "fines",
    (C("person_id", nullable=False), C("source", vocab="source", nullable=False),
     C("reason", vocab="fine_reason", nullable=False), *_MONEY),
    layer="curated",
)

DEBTS = Table(
    "debts",
    (C("person_id", nullable=False), C("source", vocab="source", nullable=False), *_MONEY),
    layer="curated",
)

PERSON_CHANNELS = Table(
    "person_channels",
    (C("person_id", nullable=False),
     C("channel", vocab="channel", nullable=False, htcds="vic_MethodOfRecruitment")),
    layer="curated",
)
PERSON_EXPLOITATION = Table(
    "person_exploitation",
    (C("person_id", nullable=False),
     C("exploitation_type", vocab="exploitation", nullable=False,
       htcds="vic_TypeOfExploitation")),
    layer="curated",
)
PERSON_CONTROL_MEANS = Table(
    "person_control_means",
    (C("person_id", nullable=False),
     C("means", vocab="control_means", nullable=False, htcds="vic_MethodsOfControl")),
    layer="curated",
)

LINK_REVIEWS = Table(
    "link_reviews",
    (
        C("rule", nullable=False, doc="link_key | joint_ref"),
        C("match_value", nullable=False, doc="the shared key or joint_ref"),
        C("chiang_rai_ref", nullable=False),
        C("bokeo_ref", nullable=False),
        C("chiang_rai_candidates", "INTEGER", nullable=False),
        C("bokeo_candidates", "INTEGER", nullable=False),
    ),
    layer="curated",
    doc="ambiguous linkage candidates, linked to none, for a person to review",
)

DQ_FINDINGS = Table(
    "dq_findings",
    (
        C("kind", nullable=False, doc="malformed_link_key | conflict_sex | conflict_nationality"
          " | step_order"),
        C("source", vocab="source"),
        C("file_name"),
        C("sheet"),
        C("row_number", "INTEGER"),
        C("person_ref"),
        C("column_name"),
        C("detail"),
        C("person_id", doc="the person the finding is about: rebuilt with that person"),
    ),
    layer="curated",
    doc="kept rows that a person should look at; rebuilt from the source state with the "
        "persons they are about",
)

QUARANTINE = Table(
    "quarantine",
    (
        C("source", vocab="source"),
        C("file_name", nullable=False),
        C("sheet"),
        C("row_number", "INTEGER", nullable=False),
        C("person_ref", doc="the row's person_ref as typed, when it has one"),
        C("kind", doc="the table: cr_persons, cr_steps, cr_fines, bk_persons, bk_fines"),
        C("reason", nullable=False, doc="every problem of the row: column, value, rule"),
        C("columns", doc="the columns at fault, comma-separated"),
        C("file_seq", "INTEGER", nullable=False),
    ),
    layer="log",
    doc="rows not loaded, one per data row, kept as a log per file (spec §6.11)",
)

QUARANTINE_PROBLEMS = Table(
    "quarantine_problems",
    (
        C("file_name", nullable=False),
        C("sheet"),
        C("row_number", "INTEGER", nullable=False),
        C("column_name", nullable=False),
        C("value", doc="the offending value as typed, cut to 160 characters"),
        C("problem", nullable=False, doc="the problem in English"),
        C("rule", nullable=False, doc="stable code of the rule broken (parse.RULES)"),
        C("file_seq", "INTEGER", nullable=False),
    ),
    layer="log",
    doc="one row per problem, for the rejection reports",
)

INGEST_FILES = Table(
    "ingest_files",
    (
        C("seq", "INTEGER", nullable=False),
        C("file_name", nullable=False),
        C("sha256", nullable=False),
        C("source", vocab="source"),
        C("kind", doc="workbook | persons | fines"),
        C("status", nullable=False, doc="loaded | rejected"),
        C("reason", doc="why a rejected file could not be read"),
        C("rows_read", "INTEGER", nullable=False),
        C("rows_loaded", "INTEGER", nullable=False),
        C("rows_quarantined", "INTEGER", nullable=False),
        C("ingested_at", "TIMESTAMP", nullable=False),
        C("run_id", "INTEGER", nullable=False),
    ),
    layer="log",
    unique=("sha256",),
)

INGEST_SHEETS = Table(
    "ingest_sheets",
    (
        C("file_seq", "INTEGER", nullable=False),
        C("file_name", nullable=False),
        C("sheet"),
        C("kind", nullable=False),
        C("header_row", "INTEGER", nullable=False),
        C("rows_read", "INTEGER", nullable=False),
        C("rows_loaded", "INTEGER", nullable=False),
        C("rows_quarantined", "INTEGER", nullable=False),
    ),
    layer="log",
    doc="row conservation per sheet: rows_read = rows_loaded + rows_quarantined",
)

INGEST_FINDINGS = Table(
    "ingest_findings",
    (
        C("file_seq", "INTEGER", nullable=False),
        C("file_name", nullable=False),
        C("sheet"),
        C("row_number", "INTEGER", nullable=False),
        C("column_name", nullable=False),
        C("kind", nullable=False, doc="formula_without_value"),
        C("detail"),
    ),
    layer="log",
    doc="what a file showed that loads but deserves a look, kept per file like the quarantine",
)

DQ_RUNS = Table(
    "dq_runs",
    (
        C("run_id", "INTEGER", nullable=False),
        C("started_at", "TIMESTAMP", nullable=False),
        C("finished_at", "TIMESTAMP", nullable=False),
        C("batches", "INTEGER", nullable=False, doc="DataFrames validated"),
        C("expectations", "INTEGER", nullable=False, doc="expectation results"),
        C("failed", "INTEGER", nullable=False, doc="expectation results that failed"),
    ),
    layer="log",
    doc="one row per ingest run: what the Great Expectations gate did",
)

DQ_RESULTS = Table(
    "dq_results",
    (
        C("run_id", "INTEGER", nullable=False),
        C("file_name", doc="the export file of a source batch; NULL for curated tables"),
        C("sheet"),
        C("suite", nullable=False),
        C("expectation", nullable=False),
        C("column_name", nullable=False),
        C("on_failure", nullable=False, doc="quarantine | finding | report"),
        C("success", "BOOLEAN", nullable=False),
        C("unexpected_count", "INTEGER", nullable=False),
        C("element_count", "INTEGER", nullable=False),
    ),
    layer="log",
    doc="each expectation's outcome, counts only: failing values live in the quarantine alone",
)

FILE_STATS = Table(
    "file_stats",
    (
        C("path", nullable=False, doc="absolute path of an export file as ingest saw it"),
        C("size", "BIGINT", nullable=False, doc="bytes"),
        C("mtime_ns", "BIGINT", nullable=False, doc="modification time, ns since the epoch"),
        C("sha256", nullable=False, doc="the file's digest when it had this size and mtime"),
    ),
    layer="cache",
    doc="file stat → sha256, so that a re-ingest hashes only files whose size or mtime changed",
    unique=("path",),
)

FX_RATES = Table(
    "fx_rates",
    (
        C("year", "INTEGER", nullable=False),
        C("currency", vocab="currency", nullable=False),
        C("units_per_usd", "DOUBLE", nullable=False, min=0),
        C("source_note", nullable=False),
    ),
    layer="reference",
    unique=("year", "currency"),
)

SOURCE_TABLES = (
    SRC_PERSONS, SRC_STEPS, SRC_FINES, SRC_PERSON_CODES, SRC_REGISTRY, SRC_STEP_SEEN,
)
CURATED_TABLES = (
    PERSONS, SOURCE_PERSONS, REFERRAL_STEPS, FINES, DEBTS, PERSON_CHANNELS,
    PERSON_EXPLOITATION, PERSON_CONTROL_MEANS, LINK_REVIEWS, DQ_FINDINGS,
)
LOG_TABLES = (
    QUARANTINE, QUARANTINE_PROBLEMS, INGEST_FILES, INGEST_SHEETS, INGEST_FINDINGS, DQ_RUNS,
    DQ_RESULTS,
)
CACHE_TABLES = (FILE_STATS,)
ALL_TABLES = (*SOURCE_TABLES, *CURATED_TABLES, *LOG_TABLES, *CACHE_TABLES, FX_RATES)
TABLES = {t.name: t for t in ALL_TABLES}


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ddl(table: Table) -> str:
    """CREATE TABLE from the definition; vocabularies become CHECK constraints."""
    parts = []
    for col in table.columns:
        spec = f'"{col.name}" {col.type}'
        if not col.nullable:
            spec += " NOT NULL"
        if col.values:
            spec += f' CHECK ("{col.name}" IN ({", ".join(_quote(v) for v in col.values)}))'
        parts.append(spec)
    # ``unique`` is checked by the expectation suites, not by DuckDB: DuckDB rejects deleting and
    # re-inserting a key inside one transaction, which is exactly what a re-export does.
    return f'CREATE TABLE IF NOT EXISTS "{table.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


def filter_options(column: str) -> tuple[str, ...]:
    """Dashboard filter choices come from the same vocabulary as the CHECK constraints."""
    return PERSONS.column(column).values or ()
