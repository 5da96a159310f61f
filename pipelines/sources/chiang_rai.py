"""Chiang Rai PSDHS workbook (exports spec §1): Thai headers and values, English aliases."""

from __future__ import annotations

from pipelines.sources import COUNTRY_COMMON, Field, SheetSpec, vocabulary

SOURCE = "chiang_rai"

OTHER = ["อื่น ๆ", "อื่นๆ"]

SEX = vocabulary({"male": ["ชาย"], "female": ["หญิง"], "other": OTHER, "unknown": ["ไม่ระบุ"]})
COUNTRY = vocabulary({
    **COUNTRY_COMMON,
    "TH": [*COUNTRY_COMMON["TH"], "ไทย"],
    "LA": [*COUNTRY_COMMON["LA"], "ลาว"],
    "MM": [*COUNTRY_COMMON["MM"], "เมียนมา", "พม่า", "เมียนม่า"],
    "KH": [*COUNTRY_COMMON["KH"], "กัมพูชา"],
    "CN": [*COUNTRY_COMMON["CN"], "จีน"],
    "VN": [*COUNTRY_COMMON["VN"], "เวียดนาม"],
    "other": [*COUNTRY_COMMON["other"], *OTHER],
})
EDUCATION = vocabulary({
    "primary": ["ประถมศึกษา"],
    "secondary": ["มัธยมศึกษา"],
    "vocational": ["อาชีวศึกษา"],
    "bachelor": ["ปริญญาตรี"],
    "postgraduate": ["สูงกว่าปริญญาตรี"],
    "unknown": ["ไม่ระบุ"],
})
CHANNEL = vocabulary({
    "facebook": ["Facebook", "FB"],
    "tiktok": ["TikTok"],
    "line": ["LINE"],
    "telegram": ["Telegram"],
    "friend_acquaintance": ["เพื่อน/คนรู้จัก", "เพื่อน", "คนรู้จัก"],
    "family": ["ญาติ/ครอบครัว", "ญาติ", "ครอบครัว"],
    "broker": ["นายหน้า"],
    "job_advert": ["ประกาศรับสมัครงาน"],
    "other": OTHER,
})
EXPLOITATION = vocabulary({
    "forced_criminality": ["บังคับให้กระทำความผิด", "หลอกลวงออนไลน์"],
    "sexual_exploitation": ["แสวงประโยชน์ทางเพศ"],
    "forced_labour": ["บังคับใช้แรงงาน"],
    "other": OTHER,
})
CONTROL_MEANS = vocabulary({
    "withholds_documents": ["ยึดเอกสาร"],
    "threats": ["ข่มขู่"],
    "physical_violence": ["ทำร้ายร่างกาย"],
    "restricts_movement": ["จำกัดการเดินทาง"],
    "debt_bondage": ["พันธนาการหนี้"],
    "forced_drug_use": ["บังคับใช้ยาเสพติด"],
    "sexual_abuse": ["ล่วงละเมิดทางเพศ"],
    "sold_on": ["ขายต่อ"],
    "arbitrary_fines": ["ปรับเงิน"],
    "withholds_wages": ["ยึดค่าจ้าง"],
})
SCREENING = vocabulary({
    "identified_victim": ["เป็นผู้เสียหาย"],
    "not_victim": ["ไม่เป็นผู้เสียหาย"],
    "pending": ["อยู่ระหว่างคัดแยก"],
    "not_screened": ["ไม่ได้คัดแยก"],
})
STEP = vocabulary({
    "reported": ["รับแจ้งเหตุ"],
    "rescued": ["ช่วยเหลือ"],
    "handed_over": ["ส่งมอบ ณ ด่านชายแดน"],
    "screened": ["คัดแยกผู้เสียหาย"],
    "sheltered": ["เข้าสถานคุ้มครอง"],
    "returned_home": ["ส่งกลับภูมิลำเนา"],
    "reintegrated": ["คืนสู่สังคม"],
})
COORDINATION = vocabulary({"formal": ["ทางการ"], "informal": ["ไม่เป็นทางการ"]})
FINE_REASON = vocabulary({
    "chairs_not_put_away": ["ไม่เก็บเก้าอี้"],
    "meal_not_finished": ["ทานอาหารไม่หมด"],
    "smoking": ["สูบบุหรี่"],
    "relationship": ["มีความสัมพันธ์กับเพื่อนร่วมงาน"],
    "sickness": ["เจ็บป่วย"],
    "target_not_met": ["ทำยอดไม่ถึงเป้า"],
    "other": OTHER,
})

PERSON_REF = Field("person_ref", "person_ref", ("รหัสผู้เสียหาย",), "ref", required=True)

PERSONS = SheetSpec(
    kind="cr_persons",
    source=SOURCE,
    sheet_names=("ผู้เสียหาย", "persons"),
    fields=(
        PERSON_REF,
        Field("case_ref", "case_ref", ("รหัสคดี",), "text"),
        Field("joint_ref", "joint_ref", ("เลขอ้างอิงร่วม",), "text"),
        Field("link_key", "link_key", ("รหัสเชื่อมโยง",), "link_key"),
        Field("sex", "sex", ("เพศ",), "code", SEX),
        Field("age", "age", ("อายุ",), "int"),
        Field("nationality", "nationality", ("สัญชาติ",), "code", COUNTRY),
        Field("home_province", "home_province", ("จังหวัดภูมิลำเนา",), "text"),
        Field("education", "education", ("ระดับการศึกษา",), "code", EDUCATION),
        Field("recruitment_channels", "channel", ("ช่องทางการชักชวน",), "codes", CHANNEL),
        Field("exploitation_country", "exploitation_country", ("ประเทศที่ถูกแสวงประโยชน์",),
              "code", COUNTRY),
        Field("site", "site", ("สถานที่",), "site"),
        Field("exploitation_types", "exploitation", ("รูปแบบการแสวงประโยชน์",), "codes",
              EXPLOITATION),
        Field("control_means", "control_means", ("วิธีการควบคุม",), "codes", CONTROL_MEANS),
        Field("debt_amount", "debt_amount", ("หนี้",), "amount"),
        Field("debt_currency", "debt_currency", ("สกุลเงินหนี้",), "currency"),
        Field("screening_result", "screening_result", ("ผลการคัดแยก",), "code", SCREENING),
    ),
    key_headers=("person_ref", "sex", "nationality"),
    ignored_headers=("หมายเหตุ", "notes"),
)

STEPS = SheetSpec(
    kind="cr_steps",
    source=SOURCE,
    sheet_names=("การส่งต่อ", "referral_steps"),
    fields=(
        PERSON_REF,
        Field("step", "step", ("ขั้นตอน",), "code", STEP, required=True),
        Field("date", "step_date", ("วันที่",), "date"),
        Field("agency", "agency", ("หน่วยงาน",), "text"),
        Field("channel", "channel", ("ช่องทางประสานงาน",), "code", COORDINATION),
    ),
    key_headers=("person_ref", "step"),
)

FINES = SheetSpec(
    kind="cr_fines",
    source=SOURCE,
    sheet_names=("ค่าปรับ", "fines"),
    fields=(
        PERSON_REF,
        Field("reason", "reason", ("เหตุผล",), "code", FINE_REASON, required=True),
        Field("amount", "amount", ("จำนวนเงิน",), "amount", required=True),
        Field("currency", "currency", ("สกุลเงิน",), "currency"),
    ),
    key_headers=("person_ref", "reason", "amount"),
)

SHEETS = (PERSONS, STEPS, FINES)
