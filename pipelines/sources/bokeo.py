"""Bokeo anti-trafficking secretariat CSVs (exports spec §2): English headers, Lao aliases."""

from __future__ import annotations

from pipelines.sources import COUNTRY_COMMON, Field, SheetSpec, vocabulary

SOURCE = "bokeo"

SEX = vocabulary({
    "male": ["M", "ຊາຍ", "man"],
    "female": ["F", "ຍິງ", "woman"],
    "other": [],
    "unknown": [],
})
COUNTRY = vocabulary({
    **COUNTRY_COMMON,
    "TH": [*COUNTRY_COMMON["TH"], "ໄທ"],
    "LA": [*COUNTRY_COMMON["LA"], "ລາວ"],
    "MM": [*COUNTRY_COMMON["MM"], "ມຽນມາ"],
    "KH": [*COUNTRY_COMMON["KH"], "ກຳປູເຈຍ"],
    "CN": [*COUNTRY_COMMON["CN"], "ຈີນ"],
    "VN": [*COUNTRY_COMMON["VN"], "ຫວຽດນາມ"],
})
CHANNEL = vocabulary({
    "facebook": [],
    "tiktok": [],
    "line": [],
    "telegram": [],
    "friend_acquaintance": ["friend"],
    "family": [],
    "broker": [],
    "job_advert": ["job_ad"],
    "other": [],
})
EXPLOITATION = vocabulary({
    "forced_criminality": ["scam"],
    "sexual_exploitation": ["sexual"],
    "forced_labour": ["labour", "labor"],
    "other": [],
})
OUTCOME = vocabulary({"handed_over": [], "deported": [], "released": [], "remains": []})
YES_NO = vocabulary({"true": ["Y", "yes", "ແມ່ນ"], "false": ["N", "no", "ບໍ່"]})
COORDINATION = vocabulary({"formal": [], "informal": []})
FINE_REASON = vocabulary({
    "chairs_not_put_away": ["chairs"],
    "meal_not_finished": ["meal"],
    "smoking": [],
    "relationship": [],
    "sickness": [],
    "target_not_met": ["target"],
    "other": [],
})

PERSON_REF = Field("person_ref", "person_ref", (), "ref", required=True)

# Bokeo records referral steps as date columns: each non-blank date becomes a step (spec §6.5).
STEP_DATE_COLUMNS = {
    "date_reported": "reported",
    "date_rescued": "rescued",
    "date_handed_over": "handed_over",
}
STEP_AGENCY = "rescued"  # agency belongs to the rescued step
STEP_CHANNEL = "handed_over"  # channel belongs to the handed_over step

PERSONS = SheetSpec(
    kind="bk_persons",
    source=SOURCE,
    sheet_names=(),
    fields=(
        PERSON_REF,
        Field("case_ref", "case_ref", (), "text"),
        Field("joint_ref", "joint_ref", (), "text"),
        Field("link_key", "link_key", (), "link_key"),
        Field("sex", "sex", ("ເພດ",), "code", SEX),
        Field("birth_year", "birth_year", ("ປີເກີດ",), "year"),
        Field("nationality", "nationality", ("ສັນຊາດ",), "code", COUNTRY),
        Field("origin", "home_province", (), "text"),
        Field("recruitment_channel", "channel", (), "codes", CHANNEL),
        Field("site", "site", (), "site"),
        Field("exploitation", "exploitation", (), "codes", EXPLOITATION),
        *(Field(col, col, (), "date") for col in STEP_DATE_COLUMNS),
        Field("outcome", "lao_outcome", (), "code", OUTCOME),
        Field("immigration_fine_lak", "immigration_fine_lak", (), "lak"),
        Field("detained_days", "detained_days", (), "int"),
        Field("victim_screened", "screened_in_laos", (), "bool", YES_NO),
        Field("debt_amount", "debt_amount", (), "amount"),
        Field("debt_currency", "debt_currency", (), "currency"),
        Field("agency", "agency", (), "text"),
        Field("channel", "channel_coord", (), "code", COORDINATION),
    ),
    key_headers=("person_ref", "sex", "nationality"),
    ignored_headers=("notes", "หมายเหตุ", "ໝາຍເຫດ"),
)

FINES = SheetSpec(
    kind="bk_fines",
    source=SOURCE,
    sheet_names=(),
    fields=(
        PERSON_REF,
        Field("reason", "reason", (), "code", FINE_REASON, required=True),
        Field("amount", "amount", (), "amount", required=True),
        Field("currency", "currency", (), "currency"),
    ),
    key_headers=("person_ref", "reason", "amount"),
)

FILES = (PERSONS, FINES)
