"""Labels in English, Thai and Lao (glossary in shared/reference); one catalogue per language.

Kept as plain dicts in one file so a Lao-speaking reviewer's corrections are a one-file change.
The language is chosen per session (st.session_state), never per process.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "th": "ไทย", "lo": "ລາວ"}

CATALOGUE: dict[str, dict[str, str]] = {
    "app_title": {
        "en": "Joint monitoring: trafficking in persons, Chiang Rai – Bokeo",
        "th": "การติดตามร่วม: การค้ามนุษย์ เชียงราย – บ่อแก้ว",
        "lo": "ການຕິດຕາມຮ່ວມ: ການຄ້າມະນຸດ ຊຽງຣາຍ – ບໍ່ແກ້ວ",
    },
    "overview": {"en": "Overview", "th": "ภาพรวม", "lo": "ພາບລວມ"},
    "language": {"en": "Language", "th": "ภาษา", "lo": "ພາສາ"},
    "year": {"en": "Year", "th": "ปี", "lo": "ປີ"},
    "year_unknown": {"en": "year unknown", "th": "ไม่ทราบปี", "lo": "ບໍ່ຮູ້ປີ"},
    "nationality": {"en": "Nationality", "th": "สัญชาติ", "lo": "ສັນຊາດ"},
    "potential_victims": {
        "en": "Potential victims", "th": "ผู้ที่อาจเป็นผู้เสียหาย", "lo": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ",
    },
    "identified_victims": {
        "en": "Identified victims", "th": "ผู้เสียหายที่ผ่านการคัดแยก",
        "lo": "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນ",
    },
    "persons": {"en": "Persons", "th": "คน", "lo": "ຄົນ"},
    "total": {"en": "Total", "th": "รวม", "lo": "ລວມ"},
    "annual_by_nationality": {
        "en": "Potential victims per year, by nationality",
        "th": "ผู้ที่อาจเป็นผู้เสียหายรายปี จำแนกตามสัญชาติ",
        "lo": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍແຕ່ລະປີ ຕາມສັນຊາດ",
    },
    "suppressed_note": {
        "en": "Counts from 1 to {k1} are shown as <{k} to protect the people counted.",
        "th": "จำนวน 1 ถึง {k1} แสดงเป็น <{k} เพื่อคุ้มครองบุคคลที่ถูกนับ",
        "lo": "ຈຳນວນ 1 ຫາ {k1} ສະແດງເປັນ <{k} ເພື່ອປົກປ້ອງບຸກຄົນທີ່ຖືກນັບ",
    },
    "no_data": {
        "en": "No data yet. Ingest exports with `tipmon ingest data/raw` (or run `make demo`).",
        "th": "ยังไม่มีข้อมูล นำเข้าข้อมูลด้วย `tipmon ingest data/raw` (หรือ `make demo`)",
        "lo": "ຍັງບໍ່ມີຂໍ້ມູນ ນຳເຂົ້າຂໍ້ມູນດ້ວຍ `tipmon ingest data/raw` (ຫຼື `make demo`)",
    },
    "as_of": {"en": "Data as of", "th": "ข้อมูล ณ วันที่", "lo": "ຂໍ້ມູນ ນະວັນທີ"},
    "TH": {"en": "Thai", "th": "ไทย", "lo": "ໄທ"},
    "LA": {"en": "Lao", "th": "ลาว", "lo": "ລາວ"},
    "MM": {"en": "Myanmar", "th": "เมียนมา", "lo": "ມຽນມາ"},
    "KH": {"en": "Cambodian", "th": "กัมพูชา", "lo": "ກຳປູເຈຍ"},
    "CN": {"en": "Chinese", "th": "จีน", "lo": "ຈີນ"},
    "VN": {"en": "Vietnamese", "th": "เวียดนาม", "lo": "ຫວຽດນາມ"},
    "other": {"en": "Other", "th": "อื่น ๆ", "lo": "ອື່ນໆ"},
    "unknown": {"en": "Unknown", "th": "ไม่ระบุ", "lo": "ບໍ່ລະບຸ"},
}


def translate(key: str, lang: str, **values: object) -> str:
    """Label in the chosen language; English, then the key itself, when a string is missing."""
    entry = CATALOGUE.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**values) if values else text
