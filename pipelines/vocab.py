"""Canonical codes of the monitoring model (spec §1) — the one vocabulary everything derives from.

The DuckDB column checks, the expectation suites, the dashboard's filter options and the
translation catalogues all read these tuples, so a code added here is added everywhere.
"""

from __future__ import annotations

SOURCES = ("chiang_rai", "bokeo")
SEX = ("female", "male", "other", "unknown")
COUNTRIES = ("TH", "LA", "MM", "KH", "CN", "VN", "other")
AGE_BANDS = ("0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+")
CHANNELS = (
    "facebook",
    "tiktok",
    "line",
    "telegram",
    "friend_acquaintance",
    "family",
    "broker",
    "job_advert",
    "other",
)
EXPLOITATION = ("forced_criminality", "sexual_exploitation", "forced_labour", "other")
CONTROL_MEANS = (
    "withholds_documents",
    "threats",
    "physical_violence",
    "restricts_movement",
    "debt_bondage",
    "forced_drug_use",
    "sexual_abuse",
    "sold_on",
    "arbitrary_fines",
    "withholds_wages",
)
STEPS = (
    "reported",
    "rescued",
    "handed_over",
    "screened",
    "sheltered",
    "returned_home",
    "reintegrated",
)
COORDINATION = ("formal", "informal")
FINE_REASONS = (
    "chairs_not_put_away",
    "meal_not_finished",
    "smoking",
    "relationship",
    "sickness",
    "target_not_met",
    "other",
)
SCREENING = ("identified_victim", "not_victim", "pending", "not_screened")
LAO_OUTCOME = ("handed_over", "deported", "released", "remains")
CURRENCIES = ("THB", "USD", "CNY", "LAK")
EDUCATION = ("primary", "secondary", "vocational", "bachelor", "postgraduate", "unknown")
SITES = (
    "golden_triangle_sez",
    "shwe_kokko",
    "kk_park",
    "myawaddy_other",
    "sihanoukville",
    "other",
)
SITE_COUNTRY = {
    "golden_triangle_sez": "LA",
    "shwe_kokko": "MM",
    "kk_park": "MM",
    "myawaddy_other": "MM",
    "sihanoukville": "KH",
}
LINK_KEY_STATUS = ("ok", "missing", "malformed")

# Step pairs whose durations the referral indicator reports (spec §4), in display order.
DURATION_PAIRS = (
    ("reported", "rescued"),
    ("rescued", "handed_over"),
    ("handed_over", "screened"),
    ("handed_over", "returned_home"),
    ("reported", "returned_home"),
)

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "source": SOURCES,
    "sex": SEX,
    "country": COUNTRIES,
    "age_band": AGE_BANDS,
    "channel": CHANNELS,
    "exploitation": EXPLOITATION,
    "control_means": CONTROL_MEANS,
    "step": STEPS,
    "coordination": COORDINATION,
    "fine_reason": FINE_REASONS,
    "screening": SCREENING,
    "lao_outcome": LAO_OUTCOME,
    "currency": CURRENCIES,
    "education": EDUCATION,
    "site": SITES,
    "link_key_status": LINK_KEY_STATUS,
}

# Upper bound (inclusive) of each band but the last, "48+".
AGE_BAND_EDGES = ((8, "0-8"), (17, "9-17"), (20, "18-20"), (23, "21-23"), (26, "24-26"),
                  (29, "27-29"), (38, "30-38"), (47, "39-47"))


def age_band(age: int | None) -> str | None:
    """CTDC age band of an age in years; None stays None so missing ages are counted as such."""
    if age is None:
        return None
    for upper, band in AGE_BAND_EDGES:
        if age <= upper:
            return band
    return "48+"
