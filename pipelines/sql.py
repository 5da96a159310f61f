"""Every SQL statement of the pipeline, named, in one place; values only ever as ``?`` params.

Table and column names in these statements come from the schema module's constants, never from
input data. Frames are passed by registering them on the connection under the names used here.
"""

from __future__ import annotations

from pipelines.vocab import AGE_BAND_EDGES, SITE_COUNTRY

# Outstanding quarantine (spec §6.11): rows of each source's latest file of each kind.
VIEWS = {
    "latest_files": """
CREATE OR REPLACE VIEW latest_files AS
SELECT f.* FROM ingest_files f
JOIN (SELECT source, kind, max(seq) AS seq FROM ingest_files
      WHERE status = 'loaded' GROUP BY source, kind) l ON l.seq = f.seq
""",
    "quarantine_outstanding": """
CREATE OR REPLACE VIEW quarantine_outstanding AS
SELECT q.* FROM quarantine q JOIN latest_files l ON q.file_seq = l.seq
""",
}

# Opening the database (readers; encryption at rest). DuckDB's ATTACH takes no ``?``
# parameters, so the path and the key (both from the operator: --db or TIPMON_DB, and
# TIPMON_DB_KEY; never from input data) are quoted as literals.
USE_CATALOG = "USE {catalog}"  # formatted with store.CATALOG only
CATALOG_ATTACHED = "SELECT 1 FROM duckdb_databases() WHERE database_name = ?"
ENCRYPT_TEMP_FILES = "SET temp_file_encryption = true"
# The ingest's DuckDB keeps at most this much in memory and spills the rest to a temporary file
# beside the database (its default, 80% of the machine's memory, would let a 1,000,000-person
# run hold gigabytes of cached pages; BENCHMARKS.md, "Peak memory").
WRITER_MEMORY_LIMIT = "SET memory_limit = '1GB'"


def literal(value: str) -> str:
    """A SQL string literal (quotes doubled): for the statements that take no parameters."""
    if "\x00" in value:
        raise ValueError("a NUL character cannot be part of a path or key")
    return "'" + value.replace("'", "''") + "'"


def attach(path: str, catalog: str, key: str | None, read_only: bool) -> str:
    options = ([f"ENCRYPTION_KEY {literal(key)}"] if key is not None else []) + (
        ["READ_ONLY"] if read_only else [])
    return f"ATTACH {literal(path)} AS {catalog}" + (f" ({', '.join(options)})" if options else "")


KNOWN_HASHES = "SELECT sha256, status, reason FROM ingest_files"
FILE_DIGESTS = "SELECT path, size, mtime_ns, sha256 FROM file_stats"
FORGET_FILE_DIGESTS = "DELETE FROM file_stats WHERE list_contains(?, path)"
NEXT_FILE_SEQ = "SELECT coalesce(max(seq), 0) + 1 FROM ingest_files"
NEXT_RUN_ID = "SELECT coalesce(max(run_id), 0) + 1 FROM ingest_files"
FX_COUNT = "SELECT count(*) FROM fx_rates"

# Re-exports replace what a source said about each person they hold (spec §6.9).
DELETE_PERSON_STATE = {
    "src_persons": "DELETE FROM src_persons WHERE source = ? AND person_ref IN "
                   "(SELECT person_ref FROM held)",
    "src_steps": "DELETE FROM src_steps WHERE source = ? AND person_ref IN "
                 "(SELECT person_ref FROM held)",
    "src_fines": "DELETE FROM src_fines WHERE source = ? AND person_ref IN "
                 "(SELECT person_ref FROM held)",
    "src_person_codes": "DELETE FROM src_person_codes WHERE source = ? AND person_ref IN "
                        "(SELECT person_ref FROM held)",
}
DELETE_FINES_OF_HELD = (
    "DELETE FROM src_fines WHERE source = ? AND person_ref IN (SELECT person_ref FROM held)"
)
REGISTER_NEW_PERSONS = """
INSERT INTO src_registry (source, person_ref, first_file_seq, first_row)
SELECT ?, h.person_ref, ?, h.row_number FROM held h
WHERE NOT EXISTS (SELECT 1 FROM src_registry r WHERE r.source = ? AND r.person_ref = h.person_ref)
"""

# Timeliness (spec §6.12) counts from the file that first reported a dated step.
REGISTER_STEPS_SEEN = """
INSERT INTO src_step_seen (source, person_ref, step, step_date, file_seq)
SELECT DISTINCT s.source, s.person_ref, s.step, s.step_date, s.file_seq FROM src_steps s
WHERE s.file_seq = ? AND s.step_date IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM src_step_seen v
    WHERE v.source = s.source AND v.person_ref = s.person_ref AND v.step = s.step
      AND v.step_date = s.step_date)
"""

# A Bokeo fine needs its person loaded, and not quarantined in the newest persons file that
# mentioned them (the export's own persons file; spec §2.4, §6.9).
# Of a fines file's person_refs (registered as ``fine_refs``): the Bokeo persons loaded, and
# those whose persons row was last quarantined in which file.
BOKEO_LOADED_REFS = """
SELECT person_ref, file_seq FROM src_persons SEMI JOIN fine_refs USING (person_ref)
WHERE source = 'bokeo'
"""
BOKEO_LAST_QUARANTINED = """
SELECT person_ref, max(file_seq) AS file_seq FROM quarantine
WHERE source = 'bokeo' AND kind = 'bk_persons' AND person_ref IS NOT NULL
  AND person_ref IN (SELECT person_ref FROM fine_refs)
GROUP BY person_ref
"""

# ---------------------------------------------------------------- rebuild (spec §2, §6.5–6.10)
# The curated tables are rebuilt from the src_* state for a *scope* of source persons: all of
# them (a full rebuild), or the closure of those an ingest run can change (see
# pipelines/link.py for why that closure is enough). Working tables are TEMP tables named rb_*:
#   rb_changed (source, person_ref)  the source persons whose src_* rows the run wrote
#   rb_scope   (source, person_ref)  what is relinked and rebuilt
#   rb_old_ids (person_id)           the curated persons of the scope before the run
#   rb_sp                            the scope's source persons, with what linkage needs
#   rb_cand                          candidate pairs of both rules, with candidate counts
#   rb_slots   (chiang_rai_ref, bokeo_ref, linked_by, person_id, first_contact_date): one row
#              per person rebuilt
#   rb_members (source, person_ref, person_id): which person each source person is now
#   rb_check   (person_id)           the persons validated in one pass (a part of rb_slots)

# Source persons whose rows a run wrote (re-exports replace a person's rows whole, so every
# person whose state the run replaced has rows from one of the run's files).
REBUILD_CHANGED = """
CREATE OR REPLACE TEMP TABLE rb_changed AS
WITH run_files AS (SELECT seq FROM ingest_files WHERE run_id = ? AND status = 'loaded')
SELECT DISTINCT source, person_ref FROM (
    SELECT source, person_ref FROM src_persons WHERE file_seq IN (SELECT seq FROM run_files)
    UNION ALL
    SELECT source, person_ref FROM src_steps WHERE file_seq IN (SELECT seq FROM run_files)
    UNION ALL
    SELECT source, person_ref FROM src_fines WHERE file_seq IN (SELECT seq FROM run_files)
)
"""
# The changed persons; whom they were linked to or ambiguous with before the run (from the
# curated tables, which hold the previous linkage); and everyone sharing a link_key or (without
# a key) a joint_ref with them now: every candidate group a changed person was or is in.
REBUILD_SCOPE = """
CREATE OR REPLACE TEMP TABLE rb_scope AS
WITH changed_src AS (
    SELECT link_key, joint_ref FROM src_persons SEMI JOIN rb_changed USING (source, person_ref)
), partners AS (
    SELECT source, person_ref FROM source_persons
    WHERE person_id IN (SELECT person_id FROM source_persons
                        SEMI JOIN rb_changed USING (source, person_ref))
), review_groups AS (
    SELECT DISTINCT rule, match_value FROM link_reviews
    WHERE chiang_rai_ref IN (SELECT person_ref FROM rb_changed WHERE source = 'chiang_rai')
       OR bokeo_ref IN (SELECT person_ref FROM rb_changed WHERE source = 'bokeo')
), reviewed AS (
    SELECT 'chiang_rai' AS source, chiang_rai_ref AS person_ref
    FROM link_reviews SEMI JOIN review_groups USING (rule, match_value)
    UNION ALL
    SELECT 'bokeo' AS source, bokeo_ref AS person_ref
    FROM link_reviews SEMI JOIN review_groups USING (rule, match_value)
), same_key AS (
    SELECT source, person_ref FROM src_persons
    WHERE link_key IN (SELECT link_key FROM changed_src WHERE link_key IS NOT NULL)
), same_joint_ref AS (
    SELECT source, person_ref FROM src_persons
    WHERE link_key IS NULL AND joint_ref IN (
        SELECT joint_ref FROM changed_src WHERE link_key IS NULL AND joint_ref IS NOT NULL)
)
SELECT DISTINCT source, person_ref FROM (
    SELECT source, person_ref FROM rb_changed
    UNION ALL SELECT * FROM partners
    UNION ALL SELECT * FROM reviewed
    UNION ALL SELECT * FROM same_key
    UNION ALL SELECT * FROM same_joint_ref
)
"""
SCOPE_SIZE = "SELECT (SELECT count(*) FROM rb_scope), (SELECT count(*) FROM src_persons)"
REBUILD_OLD_IDS = """
CREATE OR REPLACE TEMP TABLE rb_old_ids AS
SELECT DISTINCT person_id FROM source_persons SEMI JOIN rb_scope USING (source, person_ref)
"""
ANY_PERSON = "SELECT EXISTS (SELECT 1 FROM persons)"
CLEAR_CURATED = "DELETE FROM {table}"  # formatted with schema table names only
# Databases from before dq_findings.person_id (the key an incremental rebuild deletes by).
DQ_FINDINGS_NO_ROWS = "SELECT * FROM dq_findings LIMIT 0"
ADD_DQ_FINDINGS_PERSON_ID = "ALTER TABLE dq_findings ADD COLUMN person_id VARCHAR"
# The scope's curated rows (a person of the scope has only source persons of the scope).
DELETE_CURATED_OF_SCOPE = {
    **{table: f"DELETE FROM {table} WHERE person_id IN (SELECT person_id FROM rb_old_ids)"
       for table in ("persons", "source_persons", "referral_steps", "fines", "debts",
                     "person_channels", "person_exploitation", "person_control_means",
                     "dq_findings")},
    "link_reviews": """
DELETE FROM link_reviews
WHERE chiang_rai_ref IN (SELECT person_ref FROM rb_scope WHERE source = 'chiang_rai')
   OR bokeo_ref IN (SELECT person_ref FROM rb_scope WHERE source = 'bokeo')
""",
}

# person_id (spec §6.10): 'P' + the first 16 hex digits of SHA-256 over source, U+001F, ref;
# the same as pipelines.link.person_id.
def _pid(source: str, ref: str) -> str:
    return f"'P' || left(sha256({source} || chr(31) || {ref}), 16)"


# {scope}: "" (every source person) or SCOPE_JOIN; filled with these constants only.
SCOPE_JOIN = "SEMI JOIN rb_scope USING (source, person_ref)"
# What rule 2 and the choice of person_id need of each source person of the scope (the other
# attributes are read from src_persons when the persons are written).
REBUILD_SOURCE_PERSONS = """
CREATE OR REPLACE TEMP TABLE rb_sp AS
SELECT s.source, s.person_ref, s.link_key IS NOT NULL AS has_key, s.joint_ref, s.sex,
       s.nationality, s.age, s.birth_year, r.first_file_seq, r.first_row, f.first_date
FROM (SELECT * FROM src_persons {scope}) s
LEFT JOIN src_registry r USING (source, person_ref)
LEFT JOIN (
    SELECT source, person_ref, min(step_date) AS first_date
    FROM (SELECT * FROM src_steps {scope}) WHERE step_date IS NOT NULL
    GROUP BY source, person_ref
) f USING (source, person_ref)
"""
# Spec §2.2. Rule 1: equal well-formed link_key. Rule 2: neither has a well-formed key; the
# same joint_ref, known sex and nationality; Chiang Rai's age within one year of the year of
# the Bokeo record's earliest dated step minus its birth year. Only one-to-one pairs link.
REBUILD_CANDIDATES = """
CREATE OR REPLACE TEMP TABLE rb_cand AS
WITH keyed AS (
    SELECT source, person_ref, link_key FROM src_persons {scope} WHERE link_key IS NOT NULL
), cand AS (
    SELECT 'link_key' AS rule, c.link_key AS match_value, c.person_ref AS chiang_rai_ref,
           b.person_ref AS bokeo_ref
    FROM keyed c JOIN keyed b ON b.link_key = c.link_key
    WHERE c.source = 'chiang_rai' AND b.source = 'bokeo'
    UNION ALL
    SELECT 'joint_ref', c.joint_ref, c.person_ref, b.person_ref
    FROM rb_sp c JOIN rb_sp b
      ON b.joint_ref = c.joint_ref AND b.sex = c.sex AND b.nationality = c.nationality
    WHERE c.source = 'chiang_rai' AND b.source = 'bokeo' AND NOT c.has_key AND NOT b.has_key
      AND c.sex <> 'unknown' AND abs(c.age - (year(b.first_date) - b.birth_year)) <= 1
)
SELECT rule, match_value, chiang_rai_ref, bokeo_ref,
       count(*) OVER (PARTITION BY rule, chiang_rai_ref) AS chiang_rai_candidates,
       count(*) OVER (PARTITION BY rule, bokeo_ref) AS bokeo_candidates
FROM cand
"""
INSERT_LINK_REVIEWS = """
INSERT INTO link_reviews (rule, match_value, chiang_rai_ref, bokeo_ref, chiang_rai_candidates,
                          bokeo_candidates)
SELECT rule, match_value, chiang_rai_ref, bokeo_ref, chiang_rai_candidates, bokeo_candidates
FROM rb_cand WHERE NOT (chiang_rai_candidates = 1 AND bokeo_candidates = 1)
"""
# One row per person: the linked pairs, then everyone else alone. A linked person's id is that
# of the member ingested first (file order, then row); the first contact is the earliest step
# of either member (spec §3).
REBUILD_SLOTS = f"""
CREATE OR REPLACE TEMP TABLE rb_slots AS
WITH pairs AS (
    SELECT chiang_rai_ref, bokeo_ref, rule AS linked_by FROM rb_cand
    WHERE chiang_rai_candidates = 1 AND bokeo_candidates = 1
), slots AS (
    SELECT chiang_rai_ref, bokeo_ref, linked_by FROM pairs
    UNION ALL
    SELECT s.person_ref, NULL, NULL FROM rb_sp s
    WHERE s.source = 'chiang_rai'
      AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.chiang_rai_ref = s.person_ref)
    UNION ALL
    SELECT NULL, s.person_ref, NULL FROM rb_sp s
    WHERE s.source = 'bokeo'
      AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.bokeo_ref = s.person_ref)
)
SELECT sl.chiang_rai_ref, sl.bokeo_ref, sl.linked_by,
       CASE WHEN c.person_ref IS NULL THEN {_pid("'bokeo'", "b.person_ref")}
            WHEN b.person_ref IS NULL THEN {_pid("'chiang_rai'", "c.person_ref")}
            WHEN c.first_file_seq < b.first_file_seq
              OR (c.first_file_seq = b.first_file_seq AND c.first_row <= b.first_row)
            THEN {_pid("'chiang_rai'", "c.person_ref")}
            ELSE {_pid("'bokeo'", "b.person_ref")} END AS person_id,
       least(c.first_date, b.first_date) AS first_contact_date
FROM slots sl
LEFT JOIN rb_sp c ON c.source = 'chiang_rai' AND c.person_ref = sl.chiang_rai_ref
LEFT JOIN rb_sp b ON b.source = 'bokeo' AND b.person_ref = sl.bokeo_ref
"""
REBUILD_MEMBERS = """
CREATE OR REPLACE TEMP TABLE rb_members AS
SELECT 'chiang_rai' AS source, chiang_rai_ref AS person_ref, person_id FROM rb_slots
WHERE chiang_rai_ref IS NOT NULL
UNION ALL
SELECT 'bokeo' AS source, bokeo_ref AS person_ref, person_id FROM rb_slots
WHERE bokeo_ref IS NOT NULL
"""


def _age_band(age: str) -> str:
    whens = " ".join(f"WHEN {age} <= {upper} THEN '{band}'" for upper, band in AGE_BAND_EDGES)
    return f"CASE WHEN {age} IS NULL THEN NULL {whens} ELSE '48+' END"


def _site_country(site: str) -> str:
    whens = " ".join(f"WHEN '{s}' THEN '{c}'" for s, c in SITE_COUNTRY.items())
    return f"CASE {site} {whens} END"


_BOTH_SIDES = """
    FROM rb_slots sl
    {join} src_persons c ON c.source = 'chiang_rai' AND c.person_ref = sl.chiang_rai_ref
    {join} src_persons b ON b.source = 'bokeo' AND b.person_ref = sl.bokeo_ref"""
# Spec §2.3, §6.5–6.6 and docs/decisions.md "People and linkage": each attribute from the
# source that knows it; a Bokeo-only person's country from the site; age from Chiang Rai, else
# monitoring year − Bokeo birth year.
INSERT_PERSONS = f"""
INSERT INTO persons (person_id, sex, age, age_band, nationality, exploitation_country,
                     direction, site, monitoring_year, first_contact_date, home_province,
                     education, screening_result, lao_outcome, immigration_fine_lak,
                     detained_days, screened_in_laos, in_chiang_rai, in_bokeo, linked_by)
SELECT person_id, sex, age, {_age_band("age")}, nationality, exploitation_country,
       nationality || '-' || exploitation_country, site, monitoring_year, first_contact_date,
       home_province, education, screening_result, lao_outcome, immigration_fine_lak,
       detained_days, screened_in_laos, in_chiang_rai, in_bokeo, linked_by
FROM (
    SELECT sl.person_id, sl.linked_by, sl.first_contact_date,
           year(sl.first_contact_date) AS monitoring_year,
           coalesce(nullif(c.sex, 'unknown'), nullif(b.sex, 'unknown'), 'unknown') AS sex,
           coalesce(c.age, year(sl.first_contact_date) - b.birth_year) AS age,
           coalesce(c.nationality, b.nationality) AS nationality,
           coalesce(c.exploitation_country, {_site_country("b.site")}) AS exploitation_country,
           coalesce(c.site, b.site) AS site,
           coalesce(c.home_province, b.home_province) AS home_province,
           c.education, c.screening_result, b.lao_outcome, b.immigration_fine_lak,
           b.detained_days, b.screened_in_laos,
           sl.chiang_rai_ref IS NOT NULL AS in_chiang_rai,
           sl.bokeo_ref IS NOT NULL AS in_bokeo
    {_BOTH_SIDES.format(join="LEFT JOIN")}
)
"""
_FINDING_COLUMNS = ("kind, source, file_name, sheet, row_number, person_ref, column_name, "
                    "detail, person_id")
# Linked records that disagree on sex or nationality: kept, Chiang Rai wins, recorded. (The
# pairs are materialised first: otherwise the optimiser may join the two sides on the
# inequality alone.)
_CONFLICT = """
SELECT 'conflict_{column}', 'chiang_rai', c_file_name, c_sheet, c_row_number, c_ref, '{column}',
       'Chiang Rai ' || c_{column} || ' (used), Bokeo ' || b_{column} || ' (' || b_ref || ')',
       person_id
FROM linked WHERE c_{column} <> b_{column} {extra}"""
INSERT_CONFLICTS = f"""
INSERT INTO dq_findings ({_FINDING_COLUMNS})
WITH linked AS MATERIALIZED (
    SELECT sl.person_id, c.person_ref AS c_ref, c.file_name AS c_file_name,
           c.sheet AS c_sheet, c.row_number AS c_row_number, c.sex AS c_sex,
           c.nationality AS c_nationality, b.person_ref AS b_ref, b.sex AS b_sex,
           b.nationality AS b_nationality
    {_BOTH_SIDES.format(join="JOIN")}
)""" + _CONFLICT.format(
    column="sex", extra="AND c_sex <> 'unknown' AND b_sex <> 'unknown'",
) + "\nUNION ALL" + _CONFLICT.format(column="nationality", extra="") + "\n"

# The other curated tables, for the rebuilt persons (rb_members) only.
REBUILD = {
    "source_persons": """
INSERT INTO source_persons (source, person_ref, person_id, file_name, row_number)
SELECT m.source, m.person_ref, m.person_id, s.file_name, s.row_number
FROM rb_members m JOIN src_persons s USING (source, person_ref)
""",
    "referral_steps": """
INSERT INTO referral_steps (person_id, source, step, step_date, agency, channel)
SELECT m.person_id, s.source, s.step, s.step_date, s.agency, s.channel
FROM src_steps s JOIN rb_members m USING (source, person_ref)
""",
    "fines": """
INSERT INTO fines (person_id, source, reason, amount, currency, amount_usd, amount_thb)
SELECT m.person_id, f.source, f.reason, f.amount, f.currency,
       f.amount / r.units_per_usd AS amount_usd,
       CASE WHEN f.currency = 'THB' THEN f.amount
            ELSE f.amount / r.units_per_usd * t.units_per_usd END AS amount_thb
FROM src_fines f
JOIN rb_members m USING (source, person_ref)
JOIN persons p ON p.person_id = m.person_id
LEFT JOIN fx_rates r ON r.year = p.monitoring_year AND r.currency = f.currency
LEFT JOIN fx_rates t ON t.year = p.monitoring_year AND t.currency = 'THB'
""",
    "debts": """
INSERT INTO debts (person_id, source, amount, currency, amount_usd, amount_thb)
SELECT m.person_id, s.source, s.debt_amount, s.debt_currency,
       s.debt_amount / r.units_per_usd,
       CASE WHEN s.debt_currency = 'THB' THEN s.debt_amount
            ELSE s.debt_amount / r.units_per_usd * t.units_per_usd END
FROM src_persons s
JOIN rb_members m USING (source, person_ref)
JOIN persons p ON p.person_id = m.person_id
LEFT JOIN fx_rates r ON r.year = p.monitoring_year AND r.currency = s.debt_currency
LEFT JOIN fx_rates t ON t.year = p.monitoring_year AND t.currency = 'THB'
WHERE s.debt_amount IS NOT NULL
""",
    "person_channels": """
INSERT INTO person_channels (person_id, channel)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN rb_members m USING (source, person_ref) WHERE c.field = 'channel'
""",
    "person_exploitation": """
INSERT INTO person_exploitation (person_id, exploitation_type)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN rb_members m USING (source, person_ref) WHERE c.field = 'exploitation'
""",
    "person_control_means": """
INSERT INTO person_control_means (person_id, means)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN rb_members m USING (source, person_ref) WHERE c.field = 'control_means'
""",
    "dq_findings_conflicts": INSERT_CONFLICTS,
    "dq_findings_malformed": f"""
INSERT INTO dq_findings ({_FINDING_COLUMNS})
SELECT 'malformed_link_key', s.source, s.file_name, s.sheet, s.row_number, s.person_ref,
       'link_key', 'link_key is not 64 hexadecimal characters: counted as no key', m.person_id
FROM src_persons s JOIN rb_members m USING (source, person_ref)
WHERE s.link_key_status = 'malformed'
""",
}

# Curated validation, over the persons of one pass (rb_check) of the rebuilt ones.
CHECK_PART = """
CREATE OR REPLACE TEMP TABLE rb_check AS
SELECT person_id FROM rb_slots WHERE hash(person_id) % ? = ?
"""
REBUILT_COUNT = "SELECT count(*) FROM rb_slots"
CURATED_VALIDATED = ("persons", "referral_steps", "fines", "debts", "person_channels",
                     "person_exploitation", "person_control_means")
# {where}: "" (every row: a full rebuild validated in one pass) or CHECK_JOIN.
CHECK_JOIN = "SEMI JOIN rb_check USING (person_id)"


def curated_for_validation(table: str, columns: list[str], where: str) -> str:
    """The columns a curated suite checks, of ``table`` (names from the schema and suites)."""
    return f"SELECT {', '.join(f't.{c}' for c in columns)} FROM {table} t {where}"


# One column per step: each person's earliest date of that step in either source.
PERSON_STEP_DATES_WIDE = """
SELECT person_id,
       min(step_date) FILTER (WHERE step = 'reported') AS reported,
       min(step_date) FILTER (WHERE step = 'rescued') AS rescued,
       min(step_date) FILTER (WHERE step = 'handed_over') AS handed_over,
       min(step_date) FILTER (WHERE step = 'returned_home') AS returned_home
FROM referral_steps {where} GROUP BY person_id
"""

PERSON_COUNTS = """
SELECT count(*), count(*) FILTER (WHERE in_chiang_rai AND in_bokeo) FROM persons
"""

STATUS_FILES = """
SELECT seq, file_name, source, kind, status, rows_read, rows_loaded, rows_quarantined,
       ingested_at, reason
FROM ingest_files ORDER BY seq
"""
STATUS_COUNTS = """
SELECT (SELECT count(*) FROM persons) AS persons,
       (SELECT count(*) FROM persons WHERE in_chiang_rai AND in_bokeo) AS linked,
       (SELECT count(*) FROM quarantine) AS quarantined_rows,
       (SELECT count(*) FROM link_reviews) AS link_reviews,
       (SELECT max(step_date) FROM referral_steps) AS as_of
"""

# ---------------------------------------------------------------- indicators (spec §4)
# Every indicator starts from the filtered persons `fp`; filters are named parameters, NULL
# meaning "all" (indicators.Filters.params gives every one of them).
FILTERED_PERSONS = """
WITH fp AS (
    SELECT p.*,
           CASE WHEN p.in_chiang_rai AND p.in_bokeo THEN 'both'
                WHEN p.in_chiang_rai THEN 'chiang_rai' ELSE 'bokeo' END AS sources,
           coalesce(p.monitoring_year::VARCHAR, 'unknown') AS year
    FROM persons p
    WHERE ($year_from::INTEGER IS NULL OR p.monitoring_year >= $year_from::INTEGER)
      AND ($year_to::INTEGER IS NULL OR p.monitoring_year <= $year_to::INTEGER)
      AND ($nationality::VARCHAR[] IS NULL
           OR list_contains($nationality::VARCHAR[], coalesce(p.nationality, 'unknown')))
      AND ($direction::VARCHAR[] IS NULL
           OR list_contains($direction::VARCHAR[], coalesce(p.direction, 'unknown')))
      AND ($sex::VARCHAR[] IS NULL OR list_contains($sex::VARCHAR[], p.sex))
      AND ($age_band::VARCHAR[] IS NULL
           OR list_contains($age_band::VARCHAR[], coalesce(p.age_band, 'unknown')))
      AND ($source::VARCHAR[] IS NULL
           OR (p.in_chiang_rai AND list_contains($source::VARCHAR[], 'chiang_rai'))
           OR (p.in_bokeo AND list_contains($source::VARCHAR[], 'bokeo')))
      AND ($site::VARCHAR[] IS NULL
           OR list_contains($site::VARCHAR[], coalesce(p.site, 'unknown')))
      AND ($exploitation::VARCHAR[] IS NULL OR EXISTS (
           SELECT 1 FROM person_exploitation e
           WHERE e.person_id = p.person_id
             AND list_contains($exploitation::VARCHAR[], e.exploitation_type)))
)"""

# Dimensions persons are counted by (a person counts once in each).
DIMENSIONS = {
    "nationality": "coalesce(nationality, 'unknown')",
    "direction": "coalesce(direction, 'unknown')",
    "sex": "sex",
    "age_band": "coalesce(age_band, 'unknown')",
    "sources": "sources",
    "exploitation_country": "coalesce(exploitation_country, 'unknown')",
    "site": "coalesce(site, 'unknown')",
}
COUNTS_BY = {
    name: FILTERED_PERSONS + f"""
SELECT year, {expr} AS category,
       count(*) AS potential_victims,
       count(*) FILTER (WHERE screening_result = 'identified_victim') AS identified_victims
FROM fp GROUP BY ALL ORDER BY year, category"""
    for name, expr in DIMENSIONS.items()
}

# Multi-valued fields: persons with each value ÷ persons with at least one known value.
_MULTI = {
    "channel": ("person_channels", "channel"),
    "exploitation": ("person_exploitation", "exploitation_type"),
    "control_means": ("person_control_means", "means"),
}
SHARES_BY_YEAR = {
    name: FILTERED_PERSONS + f"""
, known AS (
    SELECT fp.year, count(DISTINCT t.person_id) AS known
    FROM fp JOIN {table} t USING (person_id) GROUP BY fp.year
)
SELECT fp.year, t.{column} AS category, count(DISTINCT t.person_id) AS persons, k.known,
       count(DISTINCT t.person_id) / k.known AS share
FROM fp JOIN {table} t USING (person_id) JOIN known k ON k.year = fp.year
GROUP BY fp.year, t.{column}, k.known ORDER BY fp.year, category"""
    for name, (table, column) in _MULTI.items()
}

# Debt: a person's debt is the largest recorded by either source (the same travel debt is
# often reported on both sides); bondage = a debt above 0 or the means 'debt_bondage'.
DEBT_BY_YEAR = FILTERED_PERSONS + """
, person_debt AS (
    SELECT person_id, max(amount_usd) AS usd, max(amount_thb) AS thb
    FROM debts WHERE amount > 0 GROUP BY person_id
), bondage AS (
    SELECT DISTINCT person_id FROM person_control_means WHERE means = 'debt_bondage'
)
SELECT fp.year, count(*) AS persons,
       count(d.person_id) AS with_debt,
       count(*) FILTER (WHERE d.person_id IS NOT NULL OR b.person_id IS NOT NULL) AS in_bondage,
       count(d.usd) AS with_debt_amount,
       median(d.usd) AS median_usd, quantile_cont(d.usd, 0.9) AS p90_usd, max(d.usd) AS max_usd,
       median(d.thb) AS median_thb, quantile_cont(d.thb, 0.9) AS p90_thb, max(d.thb) AS max_thb
FROM fp LEFT JOIN person_debt d USING (person_id) LEFT JOIN bondage b USING (person_id)
GROUP BY fp.year ORDER BY fp.year
"""
# Debt size bands in USD (a histogram that can be suppressed cell by cell).
DEBT_BANDS = FILTERED_PERSONS + """
, person_debt AS (
    SELECT person_id, max(amount_usd) AS usd FROM debts WHERE amount > 0 GROUP BY person_id
)
SELECT CASE WHEN usd < 500 THEN 1 WHEN usd < 1000 THEN 2 WHEN usd < 2000 THEN 3
            WHEN usd < 3000 THEN 4 WHEN usd < 5000 THEN 5 ELSE 6 END AS band,
       count(*) AS persons
FROM fp JOIN person_debt USING (person_id) WHERE usd IS NOT NULL
GROUP BY band ORDER BY band
"""
DEBT_BAND_LABELS = {1: "< 500", 2: "500–999", 3: "1,000–1,999", 4: "2,000–2,999",
                    5: "3,000–4,999", 6: "≥ 5,000"}

FINES_BY_REASON = FILTERED_PERSONS + """
SELECT f.reason, count(*) AS fines, count(DISTINCT f.person_id) AS persons,
       median(f.amount_usd) AS median_usd, median(f.amount_thb) AS median_thb
FROM fp JOIN fines f USING (person_id) GROUP BY f.reason ORDER BY f.reason
"""
FINED_PER_PERSON = FILTERED_PERSONS + """
, per_person AS (
    SELECT person_id, sum(amount_usd) AS usd, sum(amount_thb) AS thb, count(*) AS fines
    FROM fines GROUP BY person_id
)
SELECT count(*) AS persons, sum(fines) AS fines,
       median(usd) AS median_usd, quantile_cont(usd, 0.9) AS p90_usd, max(usd) AS max_usd,
       median(thb) AS median_thb, quantile_cont(thb, 0.9) AS p90_thb, max(thb) AS max_thb
FROM fp JOIN per_person USING (person_id)
"""

# Step date of a person = earliest date of that step in either source (spec §3). Waiting:
# reached the first step, not the second, by the data's as-of date (latest step date).
_STEP_SPANS = FILTERED_PERSONS + """
, person_step_dates AS (
    SELECT person_id, step, min(step_date) AS step_date
    FROM referral_steps WHERE step_date IS NOT NULL GROUP BY person_id, step
), pairs(from_step, to_step, ord) AS (
    SELECT * FROM (VALUES
        ('reported', 'rescued', 1), ('rescued', 'handed_over', 2),
        ('handed_over', 'screened', 3), ('handed_over', 'returned_home', 4),
        ('reported', 'returned_home', 5))
), as_of AS (SELECT max(step_date) AS as_of FROM referral_steps)
, spans AS (
    SELECT p.from_step, p.to_step, p.ord, a.person_id, b.step_date - a.step_date AS days,
           (SELECT as_of FROM as_of) - a.step_date AS open_days
    FROM pairs p
    JOIN person_step_dates a ON a.step = p.from_step
    JOIN fp ON fp.person_id = a.person_id
    LEFT JOIN person_step_dates b ON b.step = p.to_step AND b.person_id = a.person_id
)"""
REFERRAL_DURATIONS = _STEP_SPANS + """
SELECT from_step, to_step,
       count(days) AS n,
       median(days) AS median_days,
       quantile_cont(days, 0.9) AS p90_days,
       count(*) FILTER (WHERE days IS NULL) AS waiting,
       median(open_days) FILTER (WHERE days IS NULL) AS median_waiting_days
FROM spans GROUP BY from_step, to_step, ord ORDER BY ord
"""
DURATION_BANDS = _STEP_SPANS + """
SELECT from_step, to_step,
       CASE WHEN days IS NULL THEN 7 WHEN days <= 10 THEN 1 WHEN days <= 30 THEN 2
            WHEN days <= 90 THEN 3 WHEN days <= 182 THEN 4 WHEN days <= 365 THEN 5
            ELSE 6 END AS band,
       count(*) AS persons
FROM spans GROUP BY ALL ORDER BY min(ord), band
"""
DURATION_BAND_LABELS = {1: "0–10", 2: "11–30", 3: "31–90", 4: "91–182", 5: "183–365",
                        6: "> 365", 7: "waiting"}

# Coordination: a person's referral is the case both sides work on together.
AGENCIES_PER_CASE = FILTERED_PERSONS + """
, per_case AS (
    SELECT person_id, count(DISTINCT agency) AS agencies
    FROM referral_steps WHERE agency IS NOT NULL GROUP BY person_id
)
SELECT agencies, count(*) AS persons FROM fp JOIN per_case USING (person_id)
GROUP BY agencies ORDER BY agencies
"""
COORDINATION_CHANNELS = FILTERED_PERSONS + """
SELECT fp.year, r.source, count(*) FILTER (WHERE r.channel = 'informal') AS informal,
       count(r.channel) AS steps_with_channel,
       count(DISTINCT fp.person_id) FILTER (WHERE r.channel IS NOT NULL) AS persons
FROM fp JOIN referral_steps r USING (person_id)
GROUP BY ALL ORDER BY fp.year, r.source
"""

# Rights (spec §4): persons with a Bokeo record that has a rescued / handed_over date.
RIGHTS_BY_YEAR = FILTERED_PERSONS + """
, bokeo_steps AS (
    SELECT person_id,
           bool_or(step = 'rescued') AS rescued, bool_or(step = 'handed_over') AS handed_over
    FROM referral_steps WHERE source = 'bokeo' AND step_date IS NOT NULL GROUP BY person_id
)
SELECT fp.year,
       count(*) FILTER (WHERE b.rescued AND (coalesce(fp.immigration_fine_lak, 0) > 0
                                              OR coalesce(fp.detained_days, 0) > 0))
           AS criminalised,
       count(*) FILTER (WHERE b.rescued) AS rescued_in_laos,
       count(*) FILTER (WHERE b.handed_over AND fp.screened_in_laos) AS screened_before_return,
       count(*) FILTER (WHERE b.handed_over) AS handed_over
FROM fp JOIN bokeo_steps b USING (person_id)
GROUP BY fp.year ORDER BY fp.year
"""

MONITORING_YEARS = (
    "SELECT DISTINCT monitoring_year FROM persons WHERE monitoring_year IS NOT NULL ORDER BY 1"
)
DATA_AS_OF = "SELECT max(step_date) FROM referral_steps"
FILTER_VALUES = {
    "direction": "SELECT DISTINCT direction FROM persons WHERE direction IS NOT NULL ORDER BY 1",
}

FILES_INGESTED = """
SELECT seq, file_name, source, kind, status, rows_read, rows_loaded, rows_quarantined,
       ingested_at
FROM ingest_files ORDER BY seq
"""
OUTSTANDING_BY_RULE = """
SELECT q.source, p.rule, count(*) AS problems
FROM quarantine_outstanding q JOIN quarantine_problems p
  ON p.file_seq = q.file_seq AND p.row_number = q.row_number
 AND p.sheet IS NOT DISTINCT FROM q.sheet
GROUP BY ALL ORDER BY q.source, problems DESC
"""
FINDINGS_BY_KIND = "SELECT kind, count(*) AS findings FROM dq_findings GROUP BY kind ORDER BY kind"

# ---------------------------------------------------------------- data quality (spec §4)
# Key fields per source: which are filled, by the person's monitoring year.
_COMPLETENESS_FIELDS = {
    "sex": "s.sex <> 'unknown'",
    "age": "s.age IS NOT NULL OR s.birth_year IS NOT NULL",
    "nationality": "s.nationality IS NOT NULL",
    "recruitment_channel": "c.has_channel",
    "exploitation": "c.has_exploitation",
    "site": "s.site IS NOT NULL",
    "link_key": "s.link_key_status = 'ok'",
    "first_step_date": "f.first_date IS NOT NULL",
}
_CHIANG_RAI_ONLY = {
    "screening_result": "s.screening_result IS NOT NULL",
    "education": "s.education IS NOT NULL",
    "control_means": "c.has_control",
}
_BOKEO_ONLY = {
    "lao_outcome": "s.lao_outcome IS NOT NULL",
    "victim_screened": "s.screened_in_laos IS NOT NULL",
}


def _completeness() -> str:
    parts = []
    for name, expr in {**_COMPLETENESS_FIELDS, **_CHIANG_RAI_ONLY, **_BOKEO_ONLY}.items():
        only = ("AND s.source = 'chiang_rai'" if name in _CHIANG_RAI_ONLY else
                "AND s.source = 'bokeo'" if name in _BOKEO_ONLY else "")
        parts.append(f"SELECT s.source, year, '{name}' AS field, "
                     f"count(*) FILTER (WHERE {expr}) AS filled, count(*) AS persons "
                     f"FROM base s LEFT JOIN codes c USING (source, person_ref) "
                     f"LEFT JOIN firsts f USING (source, person_ref) WHERE true {only} "
                     "GROUP BY ALL")
    return """
WITH base AS (
    SELECT s.*, coalesce(p.monitoring_year::VARCHAR, 'unknown') AS year
    FROM src_persons s JOIN source_persons m USING (source, person_ref)
    JOIN persons p USING (person_id)
),
codes AS (
    SELECT source, person_ref,
           bool_or(field = 'channel') AS has_channel,
           bool_or(field = 'exploitation') AS has_exploitation,
           bool_or(field = 'control_means') AS has_control
    FROM src_person_codes GROUP BY ALL
),
firsts AS (
    SELECT source, person_ref, min(step_date) AS first_date FROM src_steps GROUP BY ALL
)
SELECT source, year, field, filled, persons, filled / persons AS share FROM (
""" + "\nUNION ALL\n".join(parts) + ") ORDER BY source, year, field"


COMPLETENESS = _completeness()

TIMELINESS = """
SELECT s.source, year(s.step_date) AS year, s.step,
       count(*) AS steps,
       median(f.ingested_at::DATE - s.step_date) AS median_days,
       quantile_cont(f.ingested_at::DATE - s.step_date, 0.9) AS p90_days
FROM src_steps s
JOIN src_step_seen v USING (source, person_ref, step, step_date)
JOIN ingest_files f ON f.seq = v.file_seq
GROUP BY ALL ORDER BY s.source, year, s.step
"""

# ---------------------------------------------------------------- rejection reports
LATEST_FILES = """
SELECT source, kind, seq, file_name, rows_read, rows_loaded, rows_quarantined, ingested_at
FROM latest_files WHERE source = ? ORDER BY seq
"""
# Sources with at least one loaded file: they get a report, even when nothing is outstanding.
LOADED_SOURCES = (
    "SELECT DISTINCT source FROM ingest_files WHERE status = 'loaded' AND source IS NOT NULL"
)
# One row per problem of an outstanding quarantined row.
OUTSTANDING_PROBLEMS = """
SELECT q.kind, q.file_seq, p.file_name, p.sheet, p.row_number, p.column_name, p.value,
       p.problem, p.rule
FROM quarantine_outstanding q
JOIN quarantine_problems p
  ON p.file_seq = q.file_seq AND p.row_number = q.row_number
 AND p.sheet IS NOT DISTINCT FROM q.sheet
WHERE q.source = ?
ORDER BY p.file_name, p.sheet, p.row_number
"""
DQ_FINDINGS_BY_KIND = """
SELECT coalesce(source, '') AS source, kind, count(*) AS n
FROM dq_findings GROUP BY ALL ORDER BY ALL
"""
# ingest_findings are a log per file, like the quarantine: the latest files' are outstanding.
INGEST_FINDINGS_LATEST = """
SELECT f.source, i.kind, count(*) AS n
FROM ingest_findings i JOIN latest_files f ON f.seq = i.file_seq
GROUP BY ALL ORDER BY ALL
"""
LINK_REVIEW_COUNTS = """
SELECT count(*), count(DISTINCT chiang_rai_ref), count(DISTINCT bokeo_ref) FROM link_reviews
"""
REJECTED_FILES = "SELECT file_name, reason FROM ingest_files WHERE status = 'rejected' ORDER BY seq"

# ---- exports
# Person-level exports (pipelines.exports). Codes are read here and mapped in Python, where each
# mapping is documented; no free text is selected (home_province, agency, site_text, notes).
# CTDC counts victims: persons Chiang Rai screened as not a victim are left out.
EXPORT_CTDC_PERSONS = """
SELECT person_id, monitoring_year, sex, age_band, nationality, exploitation_country
FROM persons WHERE screening_result IS DISTINCT FROM 'not_victim' ORDER BY person_id
"""
# The multi-valued fields, one row per person and value.
EXPORT_PERSON_CODES = """
SELECT person_id, 'channel' AS field, channel AS code FROM person_channels
UNION ALL
SELECT person_id, 'exploitation' AS field, exploitation_type AS code FROM person_exploitation
UNION ALL
SELECT person_id, 'control_means' AS field, means AS code FROM person_control_means
ORDER BY person_id, field, code
"""
EXPORT_HTCDS_PERSONS = """
SELECT person_id, sex, age, nationality, exploitation_country, site, monitoring_year,
       first_contact_date, education, screening_result, lao_outcome, immigration_fine_lak,
       detained_days, screened_in_laos, in_chiang_rai, in_bokeo, linked_by
FROM persons ORDER BY person_id
"""
# Totals are NULL when any fine of the person has no USD/THB amount (no monitoring year), so a
# total is never silently short.
EXPORT_FINES_PER_PERSON = """
SELECT person_id, count(*) AS fines,
       CASE WHEN count(amount_usd) = count(*) THEN sum(amount_usd) END AS total_usd,
       CASE WHEN count(amount_thb) = count(*) THEN sum(amount_thb) END AS total_thb,
       list(DISTINCT reason ORDER BY reason) AS reasons
FROM fines GROUP BY person_id ORDER BY person_id
"""
# A person's debt is the largest recorded by either source, as in DEBT_BY_YEAR.
EXPORT_DEBT_PER_PERSON = """
SELECT person_id, max(amount_usd) AS debt_usd, max(amount_thb) AS debt_thb
FROM debts GROUP BY person_id ORDER BY person_id
"""
# Date of a step for a person: the earliest date of that step in either source (spec §3).
EXPORT_STEP_DATES = """
SELECT person_id, step, min(step_date) AS step_date
FROM referral_steps WHERE step_date IS NOT NULL
GROUP BY person_id, step ORDER BY person_id, step
"""

# Parquet: curated tables, hive-partitioned; person-level tables carry the person's monitoring
# year (NULL = year unknown, written as monitoring_year=NULL).
EXPORT_PARQUET_PARTITIONS: dict[str, tuple[str, ...]] = {
    "persons": ("monitoring_year",),
    "source_persons": ("source", "monitoring_year"),
    "referral_steps": ("source", "monitoring_year"),
    "fines": ("source", "monitoring_year"),
    "debts": ("source", "monitoring_year"),
    "person_channels": ("monitoring_year",),
    "person_exploitation": ("monitoring_year",),
    "person_control_means": ("monitoring_year",),
    "fx_rates": (),
}
_WITH_YEAR = ("SELECT t.*, p.monitoring_year FROM {table} t "
              "LEFT JOIN persons p USING (person_id) ORDER BY ALL")
EXPORT_PARQUET_SELECT = {
    "persons": "SELECT * FROM persons ORDER BY person_id",
    **{name: _WITH_YEAR.format(table=name) for name in (
        "source_persons", "referral_steps", "fines", "debts", "person_channels",
        "person_exploitation", "person_control_means")},
    "fx_rates": "SELECT * FROM fx_rates ORDER BY year, currency",
}
# COPY cannot take its target as a ``?`` parameter: ``{target}`` is filled only with the quoted
# literal of a resolved local path (pipelines.exports.parquet_tables.sql_literal).
EXPORT_PARQUET_COPY = {
    name: f"COPY ({query}) TO {{target}} (FORMAT parquet"
          + (f", PARTITION_BY ({', '.join(EXPORT_PARQUET_PARTITIONS[name])})"
             if EXPORT_PARQUET_PARTITIONS[name] else "")
          + ")"
    for name, query in EXPORT_PARQUET_SELECT.items()
}
# One file, partition columns inside: fx_rates, and an empty table (a partitioned write of no
# rows leaves no file to read back).
EXPORT_PARQUET_COPY_ONE_FILE = {
    name: f"COPY ({query}) TO {{target}} (FORMAT parquet)"
    for name, query in EXPORT_PARQUET_SELECT.items()
}

# ---------------------------------------------------------------- analyst view (role-checked)
ANALYST_PERSONS = FILTERED_PERSONS + """
SELECT person_id, year, sex, age, age_band, nationality, exploitation_country, direction, site,
       first_contact_date, screening_result, lao_outcome, immigration_fine_lak, detained_days,
       screened_in_laos, sources, linked_by
FROM fp ORDER BY person_id
"""
# The quarantine browser: one row per problem of an outstanding row. Not the offending value
# (it may be a province's own reference); the row number leads to it in the province's file.
ANALYST_QUARANTINE = """
SELECT q.source, p.file_name, p.sheet, p.row_number, q.kind, p.column_name, p.rule, p.problem
FROM quarantine_outstanding q
JOIN quarantine_problems p
  ON p.file_seq = q.file_seq AND p.row_number = q.row_number
 AND p.sheet IS NOT DISTINCT FROM q.sheet
ORDER BY q.source, p.file_name, p.sheet, p.row_number, p.column_name
"""
