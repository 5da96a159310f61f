"""Every SQL statement of the pipeline, named, in one place; values only ever as ``?`` params.

Table and column names in these statements come from the schema module's constants, never from
input data. Frames are passed by registering them on the connection under the names used here.
"""

from __future__ import annotations

# Outstanding quarantine (spec §6.11): rows of each source's latest file of each kind.
VIEWS = {
    "quarantine_outstanding": """
CREATE OR REPLACE VIEW quarantine_outstanding AS
WITH latest AS (
    SELECT source, kind, max(seq) AS seq FROM ingest_files
    WHERE status = 'loaded' GROUP BY source, kind
)
SELECT q.* FROM quarantine q JOIN latest l ON q.file_seq = l.seq
""",
}

KNOWN_HASHES = "SELECT sha256, status, reason FROM ingest_files"
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
BOKEO_LOADED_REFS = "SELECT person_ref, file_seq FROM src_persons WHERE source = 'bokeo'"
BOKEO_LAST_QUARANTINED = """
SELECT person_ref, max(file_seq) AS file_seq FROM quarantine
WHERE source = 'bokeo' AND kind = 'bk_persons' AND person_ref IS NOT NULL
GROUP BY person_ref
"""

SRC_PERSONS_FOR_LINK = """
SELECT source, person_ref, link_key, joint_ref, sex, nationality, age, birth_year,
       home_province, education, exploitation_country, site, screening_result, lao_outcome,
       immigration_fine_lak, detained_days, screened_in_laos, file_name, sheet, row_number
FROM src_persons
"""
SRC_REGISTRY = "SELECT source, person_ref, first_file_seq, first_row FROM src_registry"
FIRST_STEP_DATES = """
SELECT source, person_ref, min(step_date) AS first_date
FROM src_steps WHERE step_date IS NOT NULL GROUP BY source, person_ref
"""

CLEAR_CURATED = "DELETE FROM {table}"  # formatted with schema table names only

REBUILD = {
    "source_persons": """
INSERT INTO source_persons (source, person_ref, person_id, file_name, row_number)
SELECT m.source, m.person_ref, m.person_id, s.file_name, s.row_number
FROM membership m JOIN src_persons s USING (source, person_ref)
""",
    "referral_steps": """
INSERT INTO referral_steps (person_id, source, step, step_date, agency, channel)
SELECT m.person_id, s.source, s.step, s.step_date, s.agency, s.channel
FROM src_steps s JOIN source_persons m USING (source, person_ref)
""",
    "fines": """
INSERT INTO fines (person_id, source, reason, amount, currency, amount_usd, amount_thb)
SELECT m.person_id, f.source, f.reason, f.amount, f.currency,
       f.amount / r.units_per_usd AS amount_usd,
       CASE WHEN f.currency = 'THB' THEN f.amount
            ELSE f.amount / r.units_per_usd * t.units_per_usd END AS amount_thb
FROM src_fines f
JOIN source_persons m USING (source, person_ref)
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
JOIN source_persons m USING (source, person_ref)
JOIN persons p ON p.person_id = m.person_id
LEFT JOIN fx_rates r ON r.year = p.monitoring_year AND r.currency = s.debt_currency
LEFT JOIN fx_rates t ON t.year = p.monitoring_year AND t.currency = 'THB'
WHERE s.debt_amount IS NOT NULL
""",
    "person_channels": """
INSERT INTO person_channels (person_id, channel)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN source_persons m USING (source, person_ref) WHERE c.field = 'channel'
""",
    "person_exploitation": """
INSERT INTO person_exploitation (person_id, exploitation_type)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN source_persons m USING (source, person_ref) WHERE c.field = 'exploitation'
""",
    "person_control_means": """
INSERT INTO person_control_means (person_id, means)
SELECT DISTINCT m.person_id, c.code FROM src_person_codes c
JOIN source_persons m USING (source, person_ref) WHERE c.field = 'control_means'
""",
    "dq_findings_malformed": """
INSERT INTO dq_findings (kind, source, file_name, sheet, row_number, person_ref, column_name,
                         detail)
SELECT 'malformed_link_key', source, file_name, sheet, row_number, person_ref, 'link_key',
       'link_key is not 64 hexadecimal characters: counted as no key'
FROM src_persons WHERE link_key_status = 'malformed'
""",
}

CURATED_FOR_VALIDATION = {
    "referral_steps": "SELECT * FROM referral_steps",
    "fines": "SELECT * FROM fines",
    "debts": "SELECT * FROM debts",
    "person_channels": "SELECT * FROM person_channels",
    "person_exploitation": "SELECT * FROM person_exploitation",
    "person_control_means": "SELECT * FROM person_control_means",
}
# One column per step: each person's earliest date of that step in either source.
PERSON_STEP_DATES_WIDE = """
SELECT person_id,
       min(step_date) FILTER (WHERE step = 'reported') AS reported,
       min(step_date) FILTER (WHERE step = 'rescued') AS rescued,
       min(step_date) FILTER (WHERE step = 'handed_over') AS handed_over,
       min(step_date) FILTER (WHERE step = 'returned_home') AS returned_home
FROM referral_steps GROUP BY person_id
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
# Filters are passed twice each: "? IS NULL OR column matches ?", so None means all.
_PERSON_FILTER = """
    (? IS NULL OR monitoring_year >= ?)
    AND (? IS NULL OR monitoring_year <= ?)
    AND (? IS NULL OR list_contains(?::VARCHAR[], coalesce(nationality, 'unknown')))
"""
ANNUAL_COUNTS = f"""
SELECT monitoring_year,
       coalesce(nationality, 'unknown') AS nationality,
       count(*) AS potential_victims,
       count(*) FILTER (WHERE screening_result = 'identified_victim') AS identified_victims
FROM persons
WHERE {_PERSON_FILTER}
GROUP BY ALL
ORDER BY monitoring_year NULLS LAST, nationality
"""
MONITORING_YEARS = (
    "SELECT DISTINCT monitoring_year FROM persons WHERE monitoring_year IS NOT NULL ORDER BY 1"
)
DATA_AS_OF = "SELECT max(step_date) FROM referral_steps"

PERSONS_BY_YEAR_NATIONALITY = """
SELECT coalesce(monitoring_year::VARCHAR, 'unknown') AS year,
       coalesce(nationality, 'unknown') AS nationality, count(*) AS persons
FROM persons GROUP BY ALL ORDER BY ALL
"""

FINES_BY_REASON = """
SELECT reason, count(*) AS fines, median(amount_usd) AS median_usd,
       median(amount_thb) AS median_thb, count(DISTINCT person_id) AS persons
FROM fines GROUP BY reason ORDER BY reason
"""

# Step date of a person = earliest date of that step in either source (spec §3).
REFERRAL_DURATIONS = """
WITH person_step_dates AS (
    SELECT person_id, step, min(step_date) AS step_date
    FROM referral_steps WHERE step_date IS NOT NULL GROUP BY person_id, step
),
pairs(from_step, to_step, ord) AS (
    SELECT * FROM (VALUES
        ('reported', 'rescued', 1), ('rescued', 'handed_over', 2),
        ('handed_over', 'screened', 3), ('handed_over', 'returned_home', 4),
        ('reported', 'returned_home', 5))
),
spans AS (
    SELECT p.from_step, p.to_step, p.ord, a.person_id, b.step_date - a.step_date AS days
    FROM pairs p
    JOIN person_step_dates a ON a.step = p.from_step
    LEFT JOIN person_step_dates b ON b.step = p.to_step AND b.person_id = a.person_id
)
SELECT from_step, to_step,
       count(days) AS n,
       median(days) AS median_days,
       quantile_cont(days, 0.9) AS p90_days,
       count(*) FILTER (WHERE days IS NULL) AS waiting
FROM spans GROUP BY from_step, to_step, ord ORDER BY ord
"""

# Rights indicators (spec §4): Bokeo records with a rescued / handed_over date.
CRIMINALISATION = """
WITH base AS (
    SELECT DISTINCT p.person_id, p.immigration_fine_lak, p.detained_days
    FROM persons p JOIN referral_steps r USING (person_id)
    WHERE r.source = 'bokeo' AND r.step = 'rescued' AND r.step_date IS NOT NULL
)
SELECT count(*) FILTER (WHERE coalesce(immigration_fine_lak, 0) > 0
                           OR coalesce(detained_days, 0) > 0) AS numerator,
       count(*) AS denominator
FROM base
"""
SCREENING_BEFORE_RETURN = """
WITH base AS (
    SELECT DISTINCT p.person_id, p.screened_in_laos
    FROM persons p JOIN referral_steps r USING (person_id)
    WHERE r.source = 'bokeo' AND r.step = 'handed_over' AND r.step_date IS NOT NULL
)
SELECT count(*) FILTER (WHERE screened_in_laos) AS numerator, count(*) AS denominator FROM base
"""

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
