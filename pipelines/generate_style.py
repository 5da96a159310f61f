"""How the provinces write things: spellings, formats and the per-row choice among them.

The model (``generate_model``) says *what* is true; this module decides, vectorised over all
records at once, *how* each value is typed (Thai or English word, BE or Gregorian date, ``฿`` or
``บาท``...). Choosing globally lets us guarantee that every accepted variation of the exports
spec appears at least once in any reasonably sized set, without touching the truth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipelines import generate_model as m

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


class Vocab:
    """Spellings of each code with their probabilities; renders (code, variant) to text."""

    def __init__(self, spellings: Sequence[Sequence[tuple[str, float]]]) -> None:
        self.n_var = np.array([len(s) for s in spellings])
        width = int(self.n_var.max())
        self.table = np.full((len(spellings), width), "", dtype=object)
        p = np.zeros((len(spellings), width))
        for c, variants in enumerate(spellings):
            tot = sum(w for _, w in variants)
            for v, (text, w) in enumerate(variants):
                self.table[c, v] = text
                p[c, v] = w / tot
        self.cum = np.cumsum(p, axis=1)

    def sample(self, codes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Pick a spelling per row, then make sure every spelling in use appears at least once."""
        known = np.maximum(codes, 0)
        u = rng.random(codes.shape[0])
        var = (u[:, None] > self.cum[known]).sum(axis=1)
        var = np.minimum(var, self.n_var[known] - 1)
        for c in range(self.table.shape[0]):
            rows = np.flatnonzero(codes == c)
            ensure_each(var, range(int(self.n_var[c])), rows, rng)
        return var

    def render(self, codes: np.ndarray, var: np.ndarray) -> np.ndarray:
        """Text per row (object array); negative codes render as blank."""
        out = self.table[np.maximum(codes, 0), var]
        return np.where(codes < 0, "", out)


def ensure_each(
    values: np.ndarray, wanted: Sequence[int] | range, rows: np.ndarray, rng: np.random.Generator
) -> None:
    """Force each wanted value to occur among `rows`, overwriting rows of the commonest value.

    Why: rare variants (a BE year in an Excel date cell, a `$` amount) must appear in every
    generated set of reasonable size, so tests and ingest developers can rely on them.
    """
    if rows.size == 0:
        return
    wanted = list(wanted)
    present = set(np.unique(values[rows]).tolist())
    missing = [w for w in wanted if w not in present]
    if not missing:
        return
    vals, cnt = np.unique(values[rows], return_counts=True)
    common = vals[np.argmax(cnt)]
    donors = rows[values[rows] == common]
    if donors.size <= len(missing):
        return  # too few rows to show every variant; fine for tiny sets
    pick = rng.choice(donors, size=len(missing), replace=False)
    values[pick] = np.array(missing)


def choice(rng: np.random.Generator, n: int, p: Sequence[float]) -> np.ndarray:
    """Weighted integer codes 0..len(p)-1 (weights need not sum to one)."""
    pp = np.asarray(p, dtype=float)
    return rng.choice(pp.size, size=n, p=pp / pp.sum())


# ---------------------------------------------------------------- Chiang Rai vocabularies
CR_SHEETS_TH = ("ผู้เสียหาย", "การส่งต่อ", "ค่าปรับ")
CR_SHEETS_EN = ("persons", "referral_steps", "fines")
CR_PERSON_EN = (
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "age", "nationality",
    "home_province", "education", "recruitment_channels", "exploitation_country", "site",
    "exploitation_types", "control_means", "debt_amount", "debt_currency", "screening_result",
    "notes",
)
CR_PERSON_TH = (
    "รหัสผู้เสียหาย", "รหัสคดี", "เลขอ้างอิงร่วม", "รหัสเชื่อมโยง", "เพศ", "อายุ", "สัญชาติ",
    "จังหวัดภูมิลำเนา", "ระดับการศึกษา", "ช่องทางการชักชวน", "ประเทศที่ถูกแสวงประโยชน์", "สถานที่",
    "รูปแบบการแสวงประโยชน์", "วิธีการควบคุม", "หนี้", "สกุลเงินหนี้", "ผลการคัดแยก", "หมายเหตุ",
)
CR_STEP_EN = ("person_ref", "step", "date", "agency", "channel")
CR_STEP_TH = ("รหัสผู้เสียหาย", "ขั้นตอน", "วันที่", "หน่วยงาน", "ช่องทางประสานงาน")
CR_FINE_EN = ("person_ref", "reason", "amount", "currency")
CR_FINE_TH = ("รหัสผู้เสียหาย", "เหตุผล", "จำนวนเงิน", "สกุลเงิน")

CR_SEX = Vocab(
    [
        [("หญิง", 0.95), (" หญิง", 0.03), ("female", 0.02)],
        [("ชาย", 0.95), ("ชาย ", 0.03), ("male", 0.02)],
        [("อื่น ๆ", 0.6), ("อื่นๆ", 0.4)],
        [("ไม่ระบุ", 1.0)],
    ]
)
CR_NAT = Vocab(
    [
        [("ไทย", 0.98), (" ไทย", 0.02)],
        [("ลาว", 1.0)],
        [("เมียนมา", 0.6), ("พม่า", 0.4)],
        [("กัมพูชา", 1.0)],
        [("จีน", 1.0)],
        [("เวียดนาม", 1.0)],
        [("อื่น ๆ", 0.5), ("อื่นๆ", 0.5)],
    ]
)
CR_COUNTRY = CR_NAT  # ไทย, ลาว, เมียนมา/พม่า, กัมพูชา share the same words
CR_EDU = np.array(
    ["ประถมศึกษา", "มัธยมศึกษา", "อาชีวศึกษา", "ปริญญาตรี", "สูงกว่าปริญญาตรี", "ไม่ระบุ", ""],
    dtype=object,
)
CR_EDU_P = [0.08, 0.25, 0.15, 0.40, 0.04, 0.05, 0.03]
CR_PROVINCES = np.array(
    [
        "เชียงราย", "กรุงเทพมหานคร", "ขอนแก่น", "อุดรธานี", "นครราชสีมา", "เชียงใหม่", "พะเยา",
        "ลำปาง", "น่าน", "อุบลราชธานี", "สกลนคร", "ร้อยเอ็ด", "ชลบุรี", "นนทบุรี", "สุรินทร์",
        "บุรีรัมย์", "ศรีสะเกษ", "ลำพูน", "แพร่",
    ],
    dtype=object,
)
CR_PROVINCE_P = [15, 12, 7, 6, 6, 6, 5, 4, 3, 5, 4, 4, 4, 4, 4, 4, 3, 2, 2]
# recruitment channels, codes as the model: facebook tiktok line telegram friend family broker
# job_advert other
CR_CHANNEL = Vocab(
    [
        [("Facebook", 0.7), ("facebook", 0.12), ("FACEBOOK", 0.1), ("FaceBook", 0.08)],
        [("TikTok", 0.7), ("tiktok", 0.15), ("TIKTOK", 0.1), ("Tiktok", 0.05)],
        [("LINE", 0.6), ("Line", 0.25), ("line", 0.15)],
        [("Telegram", 0.7), ("telegram", 0.2), ("TELEGRAM", 0.1)],
        [("เพื่อน/คนรู้จัก", 0.5), ("เพื่อน", 0.35), ("คนรู้จัก", 0.15)],
        [("ญาติ/ครอบครัว", 0.4), ("ญาติ", 0.3), ("ครอบครัว", 0.3)],
        [("นายหน้า", 1.0)],
        [("ประกาศรับสมัครงาน", 1.0)],
        [("อื่น ๆ", 0.5), ("อื่นๆ", 0.5)],
    ]
)
CHANNEL_P = [0.30, 0.20, 0.08, 0.07, 0.20, 0.03, 0.06, 0.05, 0.01]
SEPARATORS = np.array([";", "; ", ",", ", ", "\n"], dtype=object)
SEPARATOR_P = [0.3, 0.15, 0.15, 0.15, 0.25]
# exploitation types: forced criminality, online scam, sexual, forced labour, other
CR_TYPE = Vocab(
    [
        [("บังคับให้กระทำความผิด", 0.97), ("forced_criminality", 0.03)],
        [("หลอกลวงออนไลน์", 1.0)],
        [("แสวงประโยชน์ทางเพศ", 1.0)],
        [("บังคับใช้แรงงาน", 1.0)],
        [("อื่น ๆ", 0.5), ("อื่นๆ", 0.5)],
    ]
)
TYPE_COMBOS_SCAM = ([0], [1], [0, 1], [0, 3], [1, 2], [3], [4])
TYPE_COMBOS_SCAM_P = [0.45, 0.25, 0.10, 0.10, 0.04, 0.04, 0.02]
TYPE_COMBOS_TH = ([3], [2], [3, 2], [4])
TYPE_COMBOS_TH_P = [0.6, 0.25, 0.05, 0.10]
CR_MEANS = np.array(
    [
        "ยึดเอกสาร", "ข่มขู่", "ทำร้ายร่างกาย", "จำกัดการเดินทาง", "พันธนาการหนี้", "บังคับใช้ยาเสพติด",
        "ล่วงละเมิดทางเพศ", "ขายต่อ", "ปรับเงิน", "ยึดค่าจ้าง",
    ],
    dtype=object,
)
CR_MEANS_P = np.array([0.6, 0.5, 0.3, 0.5, 0.2, 0.03, 0.05, 0.15, 0.2, 0.3])
CR_SITES = {
    m.LA: [
        "คาสิโนคิงส์โรมัน สามเหลี่ยมทองคำ", "เขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ",
        "สามเหลี่ยมทองคำ แขวงบ่อแก้ว", "Kings Romans", "GTSEZ ตึก 5", "Golden Triangle",
        "เมืองต้นผึ้ง แขวงบ่อแก้ว",
    ],
    m.MM: [
        "KK Park เมียวดี", "Shwe Kokko", "ชเวโก๊กโก่", "เคเคปาร์ค", "เมียวดี", "Myawaddy",
        "Yatai New City", "ท่าขี้เหล็ก",
    ],
    m.KH: ["สีหนุวิลล์", "Sihanoukville", "ปอยเปต"],
    m.TH: [
        "โรงงานแปรรูปอาหารทะเล สมุทรสาคร", "ร้านอาหาร อ.แม่สาย", "สวนส้ม อ.ฝาง",
        "สถานบันเทิง กรุงเทพฯ",
    ],
}
CR_SCREENING = Vocab(
    [
        [("เป็นผู้เสียหาย", 0.97), ("identified_victim", 0.03)],
        [("ไม่เป็นผู้เสียหาย", 1.0)],
        [("อยู่ระหว่างคัดแยก", 1.0)],
        [("ไม่ได้คัดแยก", 1.0)],
        [("", 1.0)],
    ]
)
NOTE_MARKERS = ("ติดต่อญาติแล้ว", "FAKE-NOTE-0417")
CR_NOTES = np.array(
    [
        "",
        "หมายเหตุ: ติดต่อญาติแล้ว",
        "ผู้เสียหายขอให้ปกปิดข้อมูล (ข้อความสมมติ FAKE-NOTE-0417)",
        "รอเอกสารจากสถานทูต",
        "มีอาการป่วย ส่งต่อโรงพยาบาล",
        "ชื่อเล่น: น้องเอ (สมมติ) โทร 08X-XXX-XXXX",
    ],
    dtype=object,
)
CR_NOTES_P = [0.8, 0.06, 0.03, 0.05, 0.03, 0.03]
CR_STEP = Vocab(
    [
        [("รับแจ้งเหตุ", 0.99), ("reported", 0.01)],
        [("ช่วยเหลือ", 1.0)],
        [("ส่งมอบ ณ ด่านชายแดน", 0.96), ("ส่งมอบณด่านชายแดน", 0.04)],
        [("คัดแยกผู้เสียหาย", 1.0)],
        [("เข้าสถานคุ้มครอง", 1.0)],
        [("ส่งกลับภูมิลำเนา", 0.99), ("returned_home", 0.01)],
        [("คืนสู่สังคม", 1.0)],
    ]
)
CR_AGENCIES = [
    ["ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์ (ศปคม.)", "สายด่วน 1300", "สภ.เชียงแสน",
     "สถานเอกอัครราชทูต ณ เวียงจันทน์", "ญาติแจ้ง พมจ.เชียงราย"],
    ["สถานกงสุลใหญ่ ณ แขวงหลวงพระบาง", "สถานเอกอัครราชทูต ณ กรุงย่างกุ้ง", "ตม.จ.ตาก",
     "กองบังคับการปราบปรามการค้ามนุษย์ (บก.ปคม.)", "สภ.แม่สาย"],
    ["ด่านตรวจคนเข้าเมืองเชียงแสน", "ด่าน ตม.เชียงของ", "ตม.จ.เชียงราย", "ด่านแม่สอด จ.ตาก"],
    ["ทีมสหวิชาชีพ (MDT) จ.เชียงราย", "พมจ.เชียงราย", "ทีมสหวิชาชีพ จ.ตาก"],
    ["สถานคุ้มครองและพัฒนาอาชีพ จ.เชียงราย", "สถานคุ้มครองและพัฒนาอาชีพ (บ้านเกร็ดตระการ)",
     "บ้านพักเด็กและครอบครัว จ.เชียงราย"],
    ["พมจ.ภูมิลำเนา", "พมจ.เชียงราย", "สถานคุ้มครองฯ ส่งกลับภูมิลำเนา"],
    ["พมจ.ภูมิลำเนา", "องค์กรภาคประชาสังคม (สมมติ)", "สำนักงานจัดหางานจังหวัด"],
]
CR_COORD = np.array(["ทางการ", "ไม่เป็นทางการ", ""], dtype=object)
CR_COORD_P = [0.75, 0.2, 0.05]
CR_REASON = Vocab(
    [
        [("ไม่เก็บเก้าอี้", 1.0)],
        [("ทานอาหารไม่หมด", 1.0)],
        [("สูบบุหรี่", 1.0)],
        [("มีความสัมพันธ์กับเพื่อนร่วมงาน", 1.0)],
        [("เจ็บป่วย", 1.0)],
        [("ทำยอดไม่ถึงเป้า", 1.0)],
        [("อื่น ๆ", 0.5), ("อื่นๆ", 0.5)],
    ]
)
# currency column spellings: THB, USD, CNY, LAK (index 0 of THB/USD is blank)
CR_CURRENCY = (("", "THB", "บาท"), ("", "USD", "ดอลลาร์"), ("CNY", "หยวน"), ("LAK", "กีบ"))
CR_CURRENCY_P = ((0.5, 0.25, 0.25), (0.3, 0.5, 0.2), (0.6, 0.4), (0.6, 0.4))

# amount styles
A_NUM, A_TXT, A_COMMA, A_BAHT, A_SIGN, A_USD, A_DOLLAR, A_FORMULA = range(8)
AMOUNT_STYLE_P = {
    m.THB: {A_NUM: 0.33, A_TXT: 0.1, A_COMMA: 0.25, A_BAHT: 0.15, A_SIGN: 0.12, A_FORMULA: 0.05},
    m.USD: {A_NUM: 0.15, A_COMMA: 0.2, A_USD: 0.35, A_DOLLAR: 0.3},
    m.CNY: {A_NUM: 0.5, A_TXT: 0.1, A_COMMA: 0.4},
    m.LAK: {A_NUM: 0.5, A_TXT: 0.1, A_COMMA: 0.4},
}

# date styles (Chiang Rai step dates)
D_BE, D_GREG, D_THAI, D_CELL, D_CELL_BE = range(5)
DATE_STYLE_P = [0.58, 0.10, 0.05, 0.25, 0.02]

# ---------------------------------------------------------------- Bokeo vocabularies
BK_PERSON_COLS = (
    "person_ref", "case_ref", "joint_ref", "link_key", "sex", "birth_year", "nationality",
    "origin", "recruitment_channel", "site", "exploitation", "date_reported", "date_rescued",
    "date_handed_over", "outcome", "immigration_fine_lak", "detained_days", "victim_screened",
    "debt_amount", "debt_currency", "agency", "channel",
)
BK_LAO_ALIAS = {"sex": "ເພດ", "birth_year": "ປີເກີດ", "nationality": "ສັນຊາດ"}
BK_FINE_COLS = ("person_ref", "reason", "amount", "currency")
BK_SEX = Vocab(
    [
        [("F", 0.6), ("female", 0.2), ("ຍິງ", 0.15), ("Female", 0.05)],
        [("M", 0.6), ("male", 0.2), ("ຊາຍ", 0.15), ("Male", 0.05)],
    ]
)
BK_NAT = Vocab(
    [
        [("TH", 0.6), ("Thai", 0.25), ("ໄທ", 0.13), ("th", 0.02)],
        [("LA", 0.6), ("Lao", 0.25), ("ລາວ", 0.15)],
        [("MM", 0.7), ("Myanmar", 0.3)],
        [("KH", 1.0)],
        [("CN", 1.0)],
        [("VN", 1.0)],
        [("other", 1.0)],
    ]
)
BK_CHANNEL = Vocab(
    [
        [("facebook", 0.9), ("Facebook", 0.1)],
        [("tiktok", 0.9), ("TikTok", 0.1)],
        [("line", 1.0)],
        [("telegram", 1.0)],
        [("friend", 1.0)],
        [("family", 1.0)],
        [("broker", 1.0)],
        [("job_ad", 1.0)],
        [("other", 1.0)],
    ]
)
BK_CHANNEL_P = [0.35, 0.20, 0.05, 0.07, 0.20, 0.02, 0.06, 0.04, 0.01]
BK_SITES = np.array(
    [
        "GTSEZ", "Ton Pheung", "Kings Romans casino, GTSEZ", "Golden Triangle SEZ\nzone B",
        "ເຂດເສດຖະກິດພິເສດສາມຫຼ່ຽມຄຳ", "Ton Pheung district, Bokeo", "Blue Sky building",
    ],
    dtype=object,
)
BK_SITES_P = [0.55, 0.15, 0.08, 0.05, 0.07, 0.05, 0.05]
BK_EXPLOITATION = np.array(["scam", "sexual", "labour", "other"], dtype=object)
BK_EXPLOITATION_P = [0.8, 0.08, 0.08, 0.04]
BK_ORIGINS = {
    m.TH: ["Chiang Rai", "Phayao", "Bangkok", "Khon Kaen, Thailand",
           "Mae Sai district,\nChiang Rai", "Udon Thani", "Chiang Mai"],
    m.LA: ["Houayxay, Bokeo", "ເມືອງຫ້ວຍຊາຍ, ແຂວງບໍ່ແກ້ວ", "Luang Namtha", "Vientiane Capital",
           "Oudomxay"],
    m.MM: ["Shan State", "Tachileik, Shan State"],
    m.KH: ["Phnom Penh"],
    m.CN: ["Yunnan"],
    m.VN: ["Hanoi", "Dien Bien"],
    m.OTHER_NAT: [""],
}
BK_OUTCOME = np.array(["handed_over", "deported", "released", "remains", ""], dtype=object)
BK_SCREENED = Vocab(
    [
        [("Y", 0.55), ("yes", 0.2), ("ແມ່ນ", 0.2), ("Yes", 0.05)],
        [("N", 0.55), ("no", 0.2), ("ບໍ່", 0.2), ("NO", 0.05)],
        [("", 1.0)],
    ]
)
BK_AGENCIES = np.array(
    [
        "Bokeo Provincial Police", "Anti-Human Trafficking Division, Bokeo",
        "Bokeo Immigration, Houayxay checkpoint", "Lao Women's Union, Bokeo",
        "GTSEZ security office", "Ministry of Public Security\nAnti-Trafficking Department",
        "ຕຳຫຼວດແຂວງບໍ່ແກ້ວ",
    ],
    dtype=object,
)
BK_COORD = np.array(["formal", "informal", ""], dtype=object)
BK_REASONS = np.array(
    ["chairs", "meal", "smoking", "relationship", "sickness", "target", "other"], dtype=object
)
BK_CURRENCY = np.array(["THB", "USD", "CNY", "LAK"], dtype=object)


# ---------------------------------------------------------------- dates
D0 = m.START - 400  # first day in the lookup tables


def _date_tables() -> tuple[list, list, list, list, list, list, list]:
    days = np.arange(D0, m.TODAY + 1)
    dd = days.astype("datetime64[D]").astype(object)
    be, greg, thai, cell, cell_be, iso = [], [], [], [], [], []
    for x in dd:
        g = f"{x.day:02d}/{x.month:02d}/{x.year}"
        b = f"{x.day:02d}/{x.month:02d}/{x.year + 543}"
        be.append(b)
        greg.append(g)
        thai.append(b.translate(THAI_DIGITS))
        cell.append(x)
        leap_day = (x.month, x.day) == (2, 29)  # no 29 Feb in the Gregorian year 2567
        cell_be.append(None if leap_day else dt.date(x.year + 543, x.month, x.day))
        iso.append(x.isoformat())
    return be, greg, thai, cell, cell_be, greg, iso


DATE_BE, DATE_GREG, DATE_THAI, DATE_CELL, DATE_CELL_BE, DATE_DMY, DATE_ISO = _date_tables()


# ---------------------------------------------------------------- per-row choices
@dataclass
class Styles:
    """Record order and every per-row spelling/format choice, for both sources."""

    # Chiang Rai persons (records in file order)
    cr_ind: np.ndarray
    cr_year: np.ndarray
    cr_seq: np.ndarray
    cr_case: np.ndarray
    cr_sex_var: np.ndarray
    cr_nat_var: np.ndarray
    cr_country_var: np.ndarray
    cr_age_style: np.ndarray
    cr_edu: np.ndarray
    cr_prov: np.ndarray
    cr_chan: np.ndarray  # (n, 3) codes, -1 pad
    cr_chan_var: np.ndarray  # (n, 3)
    cr_sep: np.ndarray
    cr_types: np.ndarray  # (n, 2) codes, -1 pad
    cr_types_var: np.ndarray  # (n, 2)
    cr_means: np.ndarray  # (n, 10) bool
    cr_site: np.ndarray  # text per record (object)
    cr_debt_style: np.ndarray
    cr_debt_cur_var: np.ndarray
    cr_screen_var: np.ndarray
    cr_note: np.ndarray
    cr_step_start: np.ndarray  # offsets of each record's steps (n+1)
    cr_fine_start: np.ndarray
    # Chiang Rai steps
    st_code: np.ndarray
    st_day: np.ndarray
    st_var: np.ndarray
    st_date_style: np.ndarray
    st_agency: np.ndarray  # text (object)
    st_coord: np.ndarray
    # Chiang Rai fines
    cf_fine: np.ndarray  # index into pop fines
    cf_reason_var: np.ndarray
    cf_style: np.ndarray
    cf_cur_var: np.ndarray
    # Bokeo persons
    bk_ind: np.ndarray
    bk_year: np.ndarray
    bk_seq: np.ndarray
    bk_case: np.ndarray
    bk_sex_var: np.ndarray
    bk_nat_var: np.ndarray
    bk_origin: np.ndarray  # text
    bk_chan: np.ndarray
    bk_chan_var: np.ndarray
    bk_site: np.ndarray
    bk_expl: np.ndarray
    bk_iso: np.ndarray  # (n, 3) bool: yyyy-mm-dd instead of dd/mm/yyyy
    bk_fine_commas: np.ndarray
    bk_screen_var: np.ndarray
    bk_agency: np.ndarray
    bk_coord: np.ndarray
    bk_fine_start: np.ndarray
    bk_no_fines: np.ndarray  # record has no fine rows (safe duplicate target)
    # Bokeo fines
    bf_fine: np.ndarray
    bf_cur_blank: np.ndarray


def _seq_and_case(year: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """1-based sequence within each year and case numbers (runs of 1-4 persons per case)."""
    n = year.size
    if n == 0:
        return year.copy(), year.copy()
    first = np.searchsorted(year, year, side="left")
    seq = np.arange(n) - first + 1
    new_case = (rng.random(n) < 0.55) | (seq == 1)
    case_cum = np.cumsum(new_case)
    case = case_cum - case_cum[first] + 1
    return seq, case


def _sample_multi(
    rng: np.random.Generator, n: int, p: Sequence[float], k_p: Sequence[float]
) -> np.ndarray:
    """Up to len(k_p) distinct codes per row, weighted (Gumbel top-k), -1 padded."""
    width = len(k_p)
    if n == 0:
        return np.full((0, width), -1, dtype=np.int64)
    keys = np.log(np.asarray(p, dtype=float))[None, :] - np.log(-np.log(rng.random((n, len(p)))))
    top = np.argsort(-keys, axis=1)[:, :width]
    k = choice(rng, n, k_p) + 1
    top[np.arange(width)[None, :] >= k[:, None]] = -1
    return top


def _pick_text(
    rng: np.random.Generator, country: np.ndarray, catalog: dict[int, list[str]]
) -> np.ndarray:
    """Free text per row from a per-country catalog; every catalog entry shown at least once."""
    out = np.full(country.size, "", dtype=object)
    for c, texts in catalog.items():
        rows = np.flatnonzero(country == c)
        if rows.size == 0:
            continue
        idx = rng.integers(0, len(texts), rows.size)
        tmp = np.zeros(country.size, dtype=np.int64)
        tmp[rows] = idx
        ensure_each(tmp, range(len(texts)), rows, rng)
        out[rows] = np.array(texts, dtype=object)[tmp[rows]]
    return out


def plan_styles(pop: m.Population) -> Styles:
    """Decide record order and how every cell will be spelled (deterministic per seed)."""
    rng = np.random.default_rng([pop.seed, 4711])
    year = m.day_year(pop.base_day)

    # ---------------- Chiang Rai persons
    cr_ind = np.flatnonzero(pop.in_cr)
    cr_ind = cr_ind[np.lexsort((pop.base_day[cr_ind], year[cr_ind]))]
    n = cr_ind.size
    cr_year = year[cr_ind]
    cr_seq, cr_case = _seq_and_case(cr_year, rng)
    sex = pop.sex[cr_ind]
    nat = pop.nat[cr_ind]
    country = m.GROUP_COUNTRY[pop.group[cr_ind]]
    age_style = choice(rng, n, [0.8, 0.12, 0.08])
    ensure_each(age_style, range(3), np.flatnonzero(pop.age[cr_ind] >= 0), rng)
    prov = choice(rng, n, CR_PROVINCE_P)
    prov[nat != m.TH] = -1
    chan = _sample_multi(rng, n, CHANNEL_P, [0.6, 0.35, 0.05])
    chan_var = np.stack([CR_CHANNEL.sample(chan[:, j], rng) for j in range(3)], axis=1)
    sep = choice(rng, n, SEPARATOR_P)
    ensure_each(sep, range(SEPARATORS.size), np.flatnonzero(chan[:, 1] >= 0), rng)
    scam = pop.group[cr_ind] <= m.G_TH_KH
    combo_s = choice(rng, n, TYPE_COMBOS_SCAM_P)
    combo_t = choice(rng, n, TYPE_COMBOS_TH_P)
    types = np.full((n, 2), -1, dtype=np.int64)
    for table, combo, mask in (
        (TYPE_COMBOS_SCAM, combo_s, scam),
        (TYPE_COMBOS_TH, combo_t, ~scam),
    ):
        for i, codes in enumerate(table):
            rows = mask & (combo == i)
            for j, code in enumerate(codes):
                types[rows, j] = code
    types_var = np.stack([CR_TYPE.sample(types[:, j], rng) for j in range(2)], axis=1)
    means = rng.random((n, CR_MEANS.size)) < CR_MEANS_P
    means[:, 4] |= (pop.cr_debt_cur[cr_ind] >= 0) & (rng.random(n) < 0.5)
    debt_cur = pop.cr_debt_cur[cr_ind]
    debt_style, debt_cur_var = _amount_styles(rng, debt_cur)

    # ---------------- Chiang Rai steps (record-major, step order)
    rec, code = np.nonzero(pop.cr_rec[cr_ind])
    counts = np.bincount(rec, minlength=n)
    step_start = np.concatenate([[0], np.cumsum(counts)])
    st_day = pop.cr_day[cr_ind[rec], code]
    date_style = choice(rng, rec.size, DATE_STYLE_P)
    dated = st_day >= 0
    feb29 = np.zeros(rec.size, dtype=bool)
    if dated.any():
        lookup = np.array([c is None for c in DATE_CELL_BE])
        feb29[dated] = lookup[st_day[dated] - D0]
    date_style[feb29 & (date_style == D_CELL_BE)] = D_BE
    ensure_each(date_style, range(5), np.flatnonzero(dated & ~feb29), rng)
    agency = np.full(rec.size, "", dtype=object)
    for c, texts in enumerate(CR_AGENCIES):
        rows = np.flatnonzero(code == c)
        agency[rows] = np.array(texts, dtype=object)[rng.integers(0, len(texts), rows.size)]
    agency[rng.random(rec.size) < 0.02] = ""

    # ---------------- fines per source, ordered by record
    pos_cr = np.full(pop.n, -1, dtype=np.int64)
    pos_cr[cr_ind] = np.arange(n)
    crf = np.flatnonzero(pop.f_src == 0)
    crf = crf[np.argsort(pos_cr[pop.f_ind[crf]], kind="stable")]
    fcount = np.bincount(pos_cr[pop.f_ind[crf]], minlength=n)
    cf_style, cf_cur_var = _amount_styles(rng, pop.f_cur[crf])

    # ---------------- Bokeo persons
    bk_ind = np.flatnonzero(pop.in_bk)
    bk_ind = bk_ind[np.lexsort((pop.base_day[bk_ind], year[bk_ind]))]
    nb = bk_ind.size
    bk_year = year[bk_ind]
    bk_seq, bk_case = _seq_and_case(bk_year, rng)
    bk_chan = choice(rng, nb, BK_CHANNEL_P)
    bk_iso = rng.random((nb, 3)) < 0.35
    pos_bk = np.full(pop.n, -1, dtype=np.int64)
    pos_bk[bk_ind] = np.arange(nb)
    bkf = np.flatnonzero(pop.f_src == 1)
    bkf = bkf[np.argsort(pos_bk[pop.f_ind[bkf]], kind="stable")]
    bcount = np.bincount(pos_bk[pop.f_ind[bkf]], minlength=nb)
    bk_site = choice(rng, nb, BK_SITES_P)
    ensure_each(bk_site, range(BK_SITES.size), np.arange(nb), rng)
    commas = rng.random(nb) < 0.5
    has_fine = np.flatnonzero(pop.imm_fine[bk_ind] > 0)
    tmp = commas.astype(np.int64)
    ensure_each(tmp, (0, 1), has_fine, rng)
    bk_coord = np.where(pop.bk_day[bk_ind, 2] >= 0, choice(rng, nb, [0.8, 0.2]), 2)
    bk_screen_codes = pop.screened_bk[bk_ind]

    return Styles(
        cr_ind=cr_ind, cr_year=cr_year, cr_seq=cr_seq, cr_case=cr_case,
        cr_sex_var=CR_SEX.sample(sex, rng), cr_nat_var=CR_NAT.sample(nat, rng),
        cr_country_var=CR_COUNTRY.sample(country, rng), cr_age_style=age_style,
        cr_edu=choice(rng, n, CR_EDU_P), cr_prov=prov, cr_chan=chan, cr_chan_var=chan_var,
        cr_sep=sep, cr_types=types, cr_types_var=types_var, cr_means=means,
        cr_site=_pick_text(rng, country, CR_SITES), cr_debt_style=debt_style,
        cr_debt_cur_var=debt_cur_var,
        cr_screen_var=CR_SCREENING.sample(pop.screening[cr_ind], rng),
        cr_note=_notes(rng, n),
        cr_step_start=step_start, cr_fine_start=np.concatenate([[0], np.cumsum(fcount)]),
        st_code=code, st_day=st_day, st_var=CR_STEP.sample(code, rng), st_date_style=date_style,
        st_agency=agency, st_coord=choice(rng, rec.size, CR_COORD_P),
        cf_fine=crf, cf_reason_var=CR_REASON.sample(pop.f_reason[crf], rng), cf_style=cf_style,
        cf_cur_var=cf_cur_var,
        bk_ind=bk_ind, bk_year=bk_year, bk_seq=bk_seq, bk_case=bk_case,
        bk_sex_var=BK_SEX.sample(pop.sex_bk[bk_ind], rng),
        bk_nat_var=BK_NAT.sample(pop.nat_bk[bk_ind], rng),
        bk_origin=_pick_text(rng, pop.nat_bk[bk_ind], BK_ORIGINS),
        bk_chan=bk_chan, bk_chan_var=BK_CHANNEL.sample(bk_chan, rng), bk_site=bk_site,
        bk_expl=choice(rng, nb, BK_EXPLOITATION_P), bk_iso=bk_iso,
        bk_fine_commas=tmp.astype(bool),
        bk_screen_var=BK_SCREENED.sample(bk_screen_codes, rng),
        bk_agency=np.where(
            pop.bk_day[bk_ind, 1] >= 0, rng.integers(0, BK_AGENCIES.size, nb), -1
        ),
        bk_coord=bk_coord,
        bk_fine_start=np.concatenate([[0], np.cumsum(bcount)]),
        bk_no_fines=bcount == 0,
        bf_fine=bkf, bf_cur_blank=(pop.f_cur[bkf] == m.THB) & (rng.random(bkf.size) < 0.1),
    )


def _notes(rng: np.random.Generator, n: int) -> np.ndarray:
    note = choice(rng, n, CR_NOTES_P)
    ensure_each(note, range(CR_NOTES.size), np.arange(n), rng)
    return note


def _amount_styles(rng: np.random.Generator, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Amount text style and currency-column spelling, never contradicting each other."""
    n = cur.size
    style = np.zeros(n, dtype=np.int64)
    cur_var = np.zeros(n, dtype=np.int64)
    for c, sp in AMOUNT_STYLE_P.items():
        rows = np.flatnonzero(cur == c)
        keys = list(sp)
        style[rows] = np.array(keys)[choice(rng, rows.size, list(sp.values()))]
        ensure_each(style, keys, rows, rng)
        cv = choice(rng, rows.size, CR_CURRENCY_P[c])
        cur_var[rows] = cv
        ensure_each(cur_var, range(len(CR_CURRENCY[c])), rows, rng)
    # a bare USD number needs the currency column: blank would mean THB
    bare_usd = (cur == m.USD) & (style != A_USD) & (style != A_DOLLAR) & (cur_var == 0)
    cur_var[bare_usd] = 1
    return style, cur_var


def thai_digits(text: str) -> str:
    """Arabic to Thai digits (๒๕ = 25)."""
    return text.translate(THAI_DIGITS)
