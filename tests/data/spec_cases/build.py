"""(Re)write the hand-made spec-case exports in this folder.

Run:  python tests/data/spec_cases/build.py      (needs openpyxl)

Writes, next to this script:
    initial/cr_mdt_export_2564.xlsx      Chiang Rai workbook, first export
    initial/bokeo_persons_2021.csv       Bokeo persons, first export (UTF-8 with BOM, CRLF)
    initial/bokeo_fines_2021.csv         Bokeo fines, first export (UTF-8, no BOM, LF)
    reexport/cr_mdt_export_2565.xlsx     Chiang Rai cumulative re-export
    reexport/bokeo_persons_2022.csv      Bokeo persons re-export (Lao alias headers, no BOM, CRLF)
    reexport/bk_fines_update_2022.csv    Bokeo fines re-export (UTF-8 with BOM, LF)

The output is byte-for-byte deterministic: workbook timestamps (docProps/core.xml and the
zip entries) are pinned, CSV files are written as exact bytes.  Every row of every file is
listed literally below, in the order it appears in the file, with the row number the typist
sees in a comment.  `expected.json` (worked out by hand from the spec) refers to these rows;
README.md explains what each one exercises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------------------------
# link keys: deterministic stand-ins for HMAC-SHA256 hex digests (64 lower-case hex chars)
# --------------------------------------------------------------------------------------------
def key(n: int) -> str:
    return hashlib.sha256(f"tipmon-spec-case-person-{n}".encode()).hexdigest()


K1, K7, K8, K9, K13, K14, K17 = (key(n) for n in (1, 7, 8, 9, 13, 14, 17))
KEY_WRONG_LENGTH = key(12)[:63]          # 63 hex chars: malformed
KEY_NOT_HEX = key(15)[:63] + "z"         # 64 chars, one not hex: malformed


def D(y: int, m: int, d: int) -> dt.datetime:
    """A real Excel date cell (year as typed: 2563/2564 are Buddhist Era typed into a date cell)."""
    return dt.datetime(y, m, d)


class Formula(str):
    """A formula cell written without a cached value."""


# --------------------------------------------------------------------------------------------
# Chiang Rai, persons sheet columns (Thai headers; some padded with spaces on purpose)
# --------------------------------------------------------------------------------------------
CR_PERSON_HEADERS = [
    "รหัสผู้เสียหาย",        # A person_ref
    "รหัสคดี",              # B case_ref
    "เลขอ้างอิงร่วม",        # C joint_ref
    " รหัสเชื่อมโยง",        # D link_key        (leading space)
    " เพศ ",                # E sex             (padded)
    "อายุ  ",               # F age             (trailing spaces)
    "สัญชาติ",              # G nationality
    "จังหวัดภูมิลำเนา",      # H home_province
    "ระดับการศึกษา",        # I education
    "ช่องทางการชักชวน",     # J recruitment_channels
    "ประเทศที่ถูกแสวงประโยชน์",  # K exploitation_country
    "สถานที่",              # L site
    "รูปแบบการแสวงประโยชน์",  # M exploitation_types
    "วิธีการควบคุม",         # N control_means
    "หนี้ ",                # O debt_amount     (trailing space)
    "สกุลเงินหนี้",          # P debt_currency
    "ผลการคัดแยก",          # Q screening_result
    "หมายเหตุ",             # R notes (never loaded)
]

# one tuple per person, columns A..R as above
C1 = ("CR-2564-0001", "CR-C-2564-001", "TL-2021-0001", K1.upper(), "หญิง", 24, "ไทย", "เชียงราย",
      "มัธยมศึกษา", "Facebook; นายหน้า", "ลาว", "เขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ", "หลอกลวงออนไลน์",
      "ยึดเอกสาร, ข่มขู่", 100000, None, "เป็นผู้เสียหาย",
      "NOTE-MARKER-CR-001 ญาติติดต่อผ่านผู้ใหญ่บ้าน")
C2 = ("CR-2564-0002", "CR-C-2564-001", "TL-2021-0002", None, "ชาย", "๓๐", "ไทย", "พะเยา",
      "ประถมศึกษา", "เพื่อน/คนรู้จัก\nTikTok", "ลาว", "บ่อนคิงส์โรมัน", "บังคับให้กระทำความผิด",
      "ทำร้ายร่างกาย;จำกัดการเดินทาง", Formula("=40000+10000"), None, "เป็นผู้เสียหาย", None)
C3 = ("CR-2564-0003", "CR-C-2564-001", "TL-2021-0002", "N/A", "หญิง", 22, "ไทย", "เชียงราย",
      "อาชีวศึกษา", "เพื่อน,LINE", "ลาว", "สามเหลี่ยมทองคำ", "หลอกลวงออนไลน์;แสวงประโยชน์ทางเพศ",
      "พันธนาการหนี้", "$2,800", None, "identified_victim", None)
C4 = ("CR-2564-0004", "CR-C-2564-004", "TL-2021-0004", "-", "ชาย", 28, "ลาว", None,
      "ไม่ระบุ", "นายหน้า", "ไทย", "ไร่ข้าวโพด อ.แม่จัน", "บังคับใช้แรงงาน",
      "ยึดค่าจ้าง", None, None, "ไม่เป็นผู้เสียหาย", None)
Q_NO_REF = (None, "CR-C-2564-004", None, None, "หญิง", 31, "ลาว", None,
            "ประถมศึกษา", "นายหน้า", "ไทย", "ไร่ข้าวโพด อ.แม่จัน", "บังคับใช้แรงงาน",
            None, None, None, "อยู่ระหว่างคัดแยก",
            "NOTE-MARKER-CR-002 เบอร์โทรญาติอยู่ในแฟ้มกระดาษ")
C5 = ("CR-2564-0005", "CR-C-2564-005", "TL-2021-0005", None, "ไม่ระบุ", 26, "เมียนมา", None,
      None, "tElEgRaM", "ลาว", "ตึกใน Kings Romans", "บังคับให้กระทำความผิด",
      "บังคับใช้ยาเสพติด\nปรับเงิน", "2,800 USD", "ดอลลาร์", "อยู่ระหว่างคัดแยก", None)
C6 = ("CR-2564-0006", "CR-C-2564-006", "TL-2021-0006", None, "หญิง", 19, "ลาว", None,
      "มัธยมศึกษา", "ญาติ", "ลาว", "ເຂດເສດຖະກິດພິເສດສາມຫຼ່ຽມຄຳ", "แสวงประโยชน์ทางเพศ",
      "ล่วงละเมิดทางเพศ\nขายต่อ", None, None, "เป็นผู้เสียหาย", None)
C7 = ("CR-2565-0007", "CR-C-2565-001", "TL-2022-0007", K7.upper(), "ชาย", 35, "พม่า", None,
      "ไม่ระบุ", "นายหน้า , ประกาศรับสมัครงาน", "เมียนมา", "เคเคปาร์ค เมียวดี",
      "หลอกลวงออนไลน์, บังคับให้กระทำความผิด", "ทำร้ายร่างกาย, ขายต่อ", "฿150,000", "THB",
      "เป็นผู้เสียหาย", None)
C8 = ("CR-2564-0008", "CR-C-2564-008", "TL-2021-0008", K8, "หญิง", 27, "กัมพูชา", None,
      "ปริญญาตรี", "ประกาศรับสมัครงาน", "กัมพูชา", "สีหนุวิลล์", "บังคับให้กระทำความผิด",
      "ปรับเงิน", "100,000", None, "เป็นผู้เสียหาย", None)
Q_DUP_C2 = ("CR-2564-0002", "CR-C-2564-001", "TL-2021-0002", None, "ชาย", 30, "ไทย", "พะเยา",
            "ประถมศึกษา", "เพื่อน", "ลาว", "คิงส์โรมัน", "บังคับให้กระทำความผิด",
            None, None, None, "ไม่ได้คัดแยก", None)
C9 = ("CR-2564-0009", "CR-C-2564-009", None, K9.upper(), "ไม่ระบุ", 40, None, None,
      "ไม่ระบุ", "อื่นๆ", "ลาว", "golden triangle", "บังคับใช้แรงงาน",
      None, "20,000,000", "กีบ", "ไม่ได้คัดแยก", None)
C10 = ("CR-2564-0010", "CR-C-2564-010", "TL-2021-0010", None, "ชาย", 33, "จีน", None,
       "ปริญญาตรี", "line", "เมียนมา", "ชเวโก๊กโก่", "บังคับให้กระทำความผิด",
       "ยึดเอกสาร", "5,000", "หยวน", "อยู่ระหว่างคัดแยก", None)
C11 = ("CR-2564-0011", "CR-C-2564-011", None, None, "หญิง", "๑๗", None, "เชียงราย",
       "ประถมศึกษา", None, None, None, "อื่น ๆ",
       None, None, None, "ไม่ได้คัดแยก", None)
Q_BAD_SEX_C15 = ("CR-2564-0015", "CR-C-2564-015", None, None, "หญง", 23, "เวียดนาม", None,
                 "ไม่ระบุ", "Telegram", "ลาว", "Golden Triangle", "หลอกลวงออนไลน์",
                 "ยึดเอกสาร", None, None, "เป็นผู้เสียหาย", None)
C12 = ("CR-2564-0012", "CR-C-2563-012", None, KEY_WRONG_LENGTH, "อื่น ๆ", 29, "อื่นๆ", None,
       "สูงกว่าปริญญาตรี", "FACEBOOK\nคนรู้จัก", "เมียนมา", "Yatai New City, Myawaddy",
       "หลอกลวงออนไลน์\nบังคับใช้แรงงาน", "ข่มขู่;ยึดเอกสาร;ปรับเงิน", "80,000 บาท", "บาท",
       "เป็นผู้เสียหาย", None)
C13 = ("CR-2565-0013", "CR-C-2565-013", "TL-2022-0013", K13.upper(), "ชาย", 45, "ลาว", None,
       "ประถมศึกษา", "ครอบครัว", "เมียนมา", "เมียวดี", "บังคับใช้แรงงาน",
       "ยึดค่าจ้าง, จำกัดการเดินทาง", None, None, "ไม่เป็นผู้เสียหาย", None)
C14 = ("CR-2565-0014", "CR-C-2565-014", None, None, "หญิง", 21, "ไทย", "เชียงราย",
       "มัธยมศึกษา", "ญาติ/ครอบครัว; Facebook", "ลาว", "GTSEZ", "หลอกลวงออนไลน์",
       "ข่มขู่", "30,000", None, "เป็นผู้เสียหาย", None)

# re-export versions
C1_RE = C1[:14] + ("120,000 บาท",) + C1[15:]                  # debt corrected 100000 -> 120,000
C2_RE = C2[:14] + (None,) + C2[15:]                          # formula gone, debt blank
C14_RE = C14[:3] + (K14.upper(),) + C14[4:]                  # link_key now known
C15 = ("CR-2564-0015", "CR-C-2564-015", None, None, "หญิง", 23, "เวียดนาม", None,
       "ไม่ระบุ", "Telegram", "ลาว", "Golden Triangle", "หลอกลวงออนไลน์",
       "ยึดเอกสาร", None, None, "เป็นผู้เสียหาย",
       "NOTE-MARKER-CR-003 พักอาศัยกับญาติที่แม่สาย")
C17 = ("CR-2565-0017", "CR-C-2565-017", "TL-2022-0017", K17.upper(), "ชาย", 27, "ไทย", "เชียงราย",
       "อาชีวศึกษา", "Facebook", "ลาว", "สามเหลี่ยมทองคำ", "หลอกลวงออนไลน์",
       "ยึดเอกสาร", None, None, "not_victim", None)

BLANK = "BLANK"    # a blank spreadsheet row


def total_row(label: str, text: str) -> tuple:
    return (label, text)


# --------------------------------------------------------------------------------------------
# Chiang Rai, initial workbook
# --------------------------------------------------------------------------------------------
CR_INITIAL_PERSONS = [
    ("TITLE", "รายงานข้อมูลผู้เสียหาย ปี 2564"),   # row 1 (merged A1:R1)
    BLANK,                                          # row 2
    CR_PERSON_HEADERS,                              # row 3 header
    C1,                                             # row 4
    C2,                                             # row 5  debt is a formula w/o cached value
    C3,                                             # row 6
    C4,                                             # row 7
    Q_NO_REF,                                       # row 8  QUARANTINE person_ref missing
    C5,                                             # row 9
    BLANK,                                          # row 10
    C6,                                             # row 11
    C7,                                             # row 12
    C8,                                             # row 13
    Q_DUP_C2,                                       # row 14 QUARANTINE duplicated person_ref
    C9,                                             # row 15
    C10,                                            # row 16
    C11,                                            # row 17
    Q_BAD_SEX_C15,                                  # row 18 QUARANTINE sex 'หญง'
    C12,                                            # row 19
    C13,                                            # row 20
    C14,                                            # row 21
    BLANK,                                          # row 22
    total_row("รวม", "17 ราย"),                     # row 23 trailing total row
]

CR_STEP_HEADERS = ["รหัสผู้เสียหาย", " ขั้นตอน", "วันที่ ", "หน่วยงาน", "ช่องทางประสานงาน"]
HANDED = "ส่งมอบ ณ ด่านชายแดน"
SCREENED = "คัดแยกผู้เสียหาย"
SHELTERED = "เข้าสถานคุ้มครอง"
RETURNED = "ส่งกลับภูมิลำเนา"
REINTEGRATED = "คืนสู่สังคม"
REPORTED = "รับแจ้งเหตุ"
RESCUED = "ช่วยเหลือ"
PMJ = "พมจ.เชียงราย"

CR_INITIAL_STEPS = [
    CR_STEP_HEADERS,                                                           # row 1 header
    ("CR-2564-0001", HANDED, "11/03/2564", "ตม.เชียงของ", "ทางการ"),            # row 2
    ("CR-2564-0001", SCREENED, "12/03/2564", PMJ, "ทางการ"),                    # row 3
    ("CR-2564-0001", RETURNED, "20/04/2564", PMJ, "ทางการ"),                    # row 4
    ("CR-2564-0001", REINTEGRATED, "30/06/2564", PMJ, None),                   # row 5
    ("CR-2564-0002", HANDED, D(2021, 4, 15), "ตม.เชียงแสน", "ไม่เป็นทางการ"),     # row 6
    ("CR-2564-0002", SCREENED, "19/04/2021", PMJ, "formal"),                   # row 7
    ("CR-2564-0002", RETURNED, D(2564, 5, 3), PMJ, "ทางการ"),                   # row 8
    ("CR-2564-0003", SCREENED, D(2021, 4, 17), PMJ, "ทางการ"),                  # row 9
    ("CR-2564-0003", RETURNED, "๒๐/๐๕/๒๕๖๔", PMJ, "ทางการ"),                   # row 10
    ("CR-2564-0004", REPORTED, "25/05/2564", "สภ.แม่จัน", "ไม่เป็นทางการ"),       # row 11
    ("CR-2564-0004", RESCUED, "27/05/2564", "สภ.แม่จัน", "ทางการ"),              # row 12
    ("CR-2564-0004", "ถูกจับกุม", "26/05/2564", "สภ.แม่จัน", "ทางการ"),            # row 13 Q step
    BLANK,                                                                     # row 14
    ("CR-2564-0005", HANDED, "21/07/2564", "ตม.เชียงแสน", "ทางการ"),             # row 15
    ("CR-2564-0005", SCREENED, "26/07/2564", PMJ, "ทางการ"),                    # row 16
    ("CR-2564-0005", SCREENED, "31/02/2564", PMJ, "ทางการ"),                    # row 17 Q date
    ("CR-2564-0006", SCREENED, "10/08/2564", PMJ, "ทางการ"),                    # row 18
    ("CR-2564-0006", None, "11/08/2564", PMJ, "ทางการ"),                        # row 19 Q step
    ("CR-2565-0007", "ส่งมอบณ ด่านชายแดน", "20/01/2565", "ตม.เชียงของ", "ทางการ"),  # row 20
    ("CR-2565-0007", SCREENED, "21/01/2022", PMJ, "ทางการ"),                    # row 21
    ("CR-2565-0007", RETURNED, "05/02/2565", PMJ, "ทางการ"),                    # row 22
    ("CR-2564-0008", HANDED, "05/10/2564", "ตม.เชียงของ", "ทางการ"),             # row 23
    ("CR-2564-0008", SCREENED, "07/10/2564", PMJ, "ทางการ"),                    # row 24
    ("CR-2564-0008", RETURNED, "15/10/2564", PMJ, "ทางการ"),                    # row 25
    ("CR-2564-0009", SHELTERED, "21/09/2564", "บ้านพักเด็กและครอบครัว", "ทางการ"),  # row 26
    ("CR-2564-0011", REPORTED, None, "สภ.เมืองเชียงราย", None),                  # row 27 no date
    ("CR-2564-0012", REPORTED, "29/02/2563", "สภ.แม่สาย", "ทางการ"),             # row 28
    ("CR-2564-0012", RESCUED, D(2563, 3, 2), "สภ.แม่สาย", "ทางการ"),             # row 29
    ("CR-2565-0013", HANDED, D(2022, 3, 3), "ตม.เชียงของ", "ทางการ"),            # row 30
    ("CR-2565-0014", HANDED, "06/01/2565", "ตม.เชียงของ", "ทางการ"),             # row 31
    ("CR-2565-0014", SCREENED, "07/01/2565", PMJ, "ทางการ"),                    # row 32
    ("CR-2564-0015", SCREENED, "01/06/2564", PMJ, "ทางการ"),                  # row 33 Q own row Q
    ("CR-2564-0098", REPORTED, "01/06/2564", "สภ.เชียงแสน", "ทางการ"),            # row 34 Q unknown
]

CR_INITIAL_FINES = [
    ("TITLE", "Fines imposed by exploiters (2564)"),                # row 1 title
    ["person_ref", " reason", " amount ", "currency"],              # row 2 header (English aliases)
    ("CR-2564-0001", "ไม่เก็บเก้าอี้", 500, None),                  # row 3
    ("CR-2564-0001", "ทำยอดไม่ถึงเป้า", "2,000 บาท", "บาท"),         # row 4
    ("CR-2564-0001", "ไม่เก็บเก้าอี้", "-500", None),                # row 5  Q amount negative
    ("CR-2564-0002", "ทำยอดไม่ถึงเป้า", "$100", None),              # row 6
    ("CR-2564-0003", "ทานอาหารไม่หมด", "฿1,500", None),             # row 7
    ("CR-2564-0003", "สูบบุหรี่", "50 USD", "USD"),                  # row 8
    ("CR-2564-0003", "สูบบุหรี่", "$50", "บาท"),                     # row 9  Q currency contradiction
    ("CR-2565-0007", "มีความสัมพันธ์กับเพื่อนร่วมงาน", 1000, "THB"),   # row 10
    ("CR-2565-0007", "เจ็บป่วย", 200, "หยวน"),                       # row 11
    ("CR-2564-0008", "อื่นๆ", 300, "USD"),                          # row 12
    ("CR-2564-0012", "target_not_met", "3,000", None),             # row 13
    ("CR-2564-0099", "ไม่เก็บเก้าอี้", 500, None),                  # row 14 Q unknown person
    ("CR-2564-0015", "เจ็บป่วย", "1,000", None),                    # row 15 Q person quarantined
    BLANK,                                                         # row 16
    total_row("Total", "9,650"),                                   # row 17 trailing total row
]

# hidden sheet of drop-down lists: not a data sheet (no person_ref header)
CR_LISTS = [
    ["รายการเพศ", "รายการสัญชาติ", "รายการผลการคัดแยก"],
    ["ชาย", "ไทย", "เป็นผู้เสียหาย"],
    ["หญิง", "ลาว", "ไม่เป็นผู้เสียหาย"],
    ["อื่น ๆ", "เมียนมา", "อยู่ระหว่างคัดแยก"],
    ["ไม่ระบุ", "กัมพูชา", "ไม่ได้คัดแยก"],
]

# --------------------------------------------------------------------------------------------
# Chiang Rai, cumulative re-export
# --------------------------------------------------------------------------------------------
CR_REEXPORT_PERSONS = [
    ("TITLE", "รายงานข้อมูลผู้เสียหาย ปี 2565 (สะสม)"),  # row 1
    [h.strip() for h in CR_PERSON_HEADERS],            # row 2 header (no padding this time)
    C1_RE,                                             # row 3  debt corrected
    C2_RE,                                             # row 4
    C3,                                                # row 5
    C4,                                                # row 6
    C5,                                                # row 7
    C6,                                                # row 8
    C7,                                                # row 9
    C8,                                                # row 10
    C9,                                                # row 11
    C10,                                               # row 12
    C11,                                               # row 13
    C12,                                               # row 14
    C13,                                               # row 15
    C14_RE,                                            # row 16 link_key now given
    C15,                                               # row 17 corrected, now loadable (new person)
    C17,                                               # row 18 new person
    total_row("รวม", "16 ราย"),                        # row 19
]

CR_REEXPORT_STEPS = [
    ("TITLE", "ข้อมูลการส่งต่อ ปี 2565"),                                     # row 1
    [h.strip() for h in CR_STEP_HEADERS],                                      # row 2 header
    ("CR-2564-0001", HANDED, "11/03/2564", "ตม.เชียงของ", "ทางการ"),            # row 3
    ("CR-2564-0001", SCREENED, "12/03/2564", PMJ, "ทางการ"),                    # row 4
    ("CR-2564-0001", RETURNED, "20/04/2564", PMJ, "ทางการ"),                    # row 5
    ("CR-2564-0001", REINTEGRATED, "30/06/2564", PMJ, None),                   # row 6
    ("CR-2564-0002", HANDED, D(2021, 4, 15), "ตม.เชียงแสน", "ไม่เป็นทางการ"),     # row 7
    ("CR-2564-0002", SCREENED, "19/04/2021", PMJ, "formal"),                   # row 8
    ("CR-2564-0002", RETURNED, D(2564, 5, 3), PMJ, "ทางการ"),                   # row 9
    ("CR-2564-0003", SCREENED, D(2021, 4, 17), PMJ, "ทางการ"),                  # row 10
    ("CR-2564-0003", RETURNED, "๒๐/๐๕/๒๕๖๔", PMJ, "ทางการ"),                   # row 11
    ("CR-2564-0004", REPORTED, "25/05/2564", "สภ.แม่จัน", "ไม่เป็นทางการ"),       # row 12
    ("CR-2564-0004", RESCUED, "30/05/2564", "สภ.แม่จัน", "ทางการ"),              # row 13 corrected
    ("CR-2564-0005", HANDED, "21/07/2564", "ตม.เชียงแสน", "ทางการ"),             # row 14
    ("CR-2564-0005", SCREENED, "26/07/2564", PMJ, "ทางการ"),                    # row 15
    ("CR-2564-0005", RETURNED, "05/08/2564", PMJ, "ทางการ"),                    # row 16 new step
    ("CR-2564-0006", SCREENED, "10/08/2564", PMJ, "ทางการ"),                    # row 17
    ("CR-2564-0006", SHELTERED, "11/08/2564", PMJ, "ทางการ"),                   # row 18 (fixed row)
    ("CR-2565-0007", "ส่งมอบณ ด่านชายแดน", "20/01/2565", "ตม.เชียงของ", "ทางการ"),  # row 19
    ("CR-2565-0007", SCREENED, "21/01/2022", PMJ, "ทางการ"),                    # row 20
    ("CR-2565-0007", RETURNED, "05/02/2565", PMJ, "ทางการ"),                    # row 21
    ("CR-2564-0008", HANDED, "05/10/2564", "ตม.เชียงของ", "ทางการ"),             # row 22
    ("CR-2564-0008", SCREENED, "07/10/2564", PMJ, "ทางการ"),                    # row 23
    ("CR-2564-0008", RETURNED, "15/10/2564", PMJ, "ทางการ"),                    # row 24
    ("CR-2564-0009", SHELTERED, "21/09/2564", "บ้านพักเด็กและครอบครัว", "ทางการ"),  # row 25
    ("CR-2564-0011", REPORTED, None, "สภ.เมืองเชียงราย", None),                  # row 26 no date
    ("CR-2564-0012", REPORTED, "29/02/2563", "สภ.แม่สาย", "ทางการ"),             # row 27
    ("CR-2564-0012", RESCUED, D(2563, 3, 2), "สภ.แม่สาย", "ทางการ"),             # row 28
    ("CR-2565-0013", HANDED, D(2022, 3, 3), "ตม.เชียงของ", "ทางการ"),            # row 29
    ("CR-2565-0014", HANDED, "06/01/2565", "ตม.เชียงของ", "ทางการ"),             # row 30
    ("CR-2565-0014", SCREENED, "07/01/2565", PMJ, "ทางการ"),                    # row 31
    ("CR-2565-0014", RETURNED, "20/01/2565", PMJ, "ทางการ"),                    # row 32 new step
    ("CR-2564-0015", SCREENED, "01/06/2564", PMJ, "ทางการ"),                    # row 33 now loads
    ("CR-2565-0017", HANDED, "12/06/2565", "ตม.เชียงของ", "ทางการ"),             # row 34 new person
    ("CR-2565-0017", SCREENED, "13/06/2565", PMJ, "ทางการ"),                    # row 35
    ("CR-2565-0017", RETURNED, "20/06/2565", PMJ, "ทางการ"),                    # row 36
    ("CR-2564-0098", REPORTED, "01/06/2564", "สภ.เชียงแสน", "ทางการ"),            # row 37 Q unknown
]

CR_REEXPORT_FINES = [
    ["รหัสผู้เสียหาย", "เหตุผล", "จำนวนเงิน", "สกุลเงิน"],              # row 1 header (Thai)
    ("CR-2564-0001", "ไม่เก็บเก้าอี้", 500, None),                  # row 2
    ("CR-2564-0001", "ทำยอดไม่ถึงเป้า", "2,000 บาท", "บาท"),         # row 3
    ("CR-2564-0002", "ทำยอดไม่ถึงเป้า", "$100", None),              # row 4
    ("CR-2564-0003", "ทานอาหารไม่หมด", "฿1,500", None),             # row 5
    ("CR-2564-0003", "สูบบุหรี่", "50 USD", "USD"),                  # row 6
    ("CR-2564-0003", "สูบบุหรี่", "$50", None),                      # row 7  (fixed: now USD 50)
    ("CR-2565-0007", "มีความสัมพันธ์กับเพื่อนร่วมงาน", 1000, "THB"),   # row 8
    ("CR-2565-0007", "เจ็บป่วย", 200, "หยวน"),                       # row 9
    ("CR-2564-0008", "อื่นๆ", 300, "USD"),                          # row 10
    ("CR-2564-0012", "target_not_met", "3,000", None),             # row 11
    ("CR-2564-0015", "เจ็บป่วย", "1,000", None),                    # row 12 now loads
    ("CR-2564-0099", "ไม่เก็บเก้าอี้", 500, None),                  # row 13 Q unknown person
    BLANK,                                                         # row 14
    total_row("รวม", "11 รายการ"),                                 # row 15
]

# --------------------------------------------------------------------------------------------
# Bokeo CSV files: every record written literally (RFC 4180 quoting done by hand)
# --------------------------------------------------------------------------------------------
BK_TAIL = ("origin,recruitment_channel,site,exploitation,date_reported,date_rescued,"
           "date_handed_over,outcome,immigration_fine_lak,detained_days,victim_screened,"
           "debt_amount,debt_currency,agency,channel")
BK_HEADER_INITIAL = "person_ref,case_ref,joint_ref,link_key,ເພດ,birth_year,ສັນຊາດ," + BK_TAIL
BK_HEADER_REEXPORT = "person_ref,case_ref,joint_ref,link_key,ເພດ,ປີເກີດ,ສັນຊາດ," + BK_TAIL

B1 = f"BK-21-001,BK-C-21-01,TL-2021-0001,{K1},F,1997,TH,Chiang Rai,facebook,GTSEZ,scam,01/03/2021,05/03/2021,2021-03-10,handed_over,,,Y,,,Bokeo Police,formal"  # noqa: E501
B2 = 'BK-21-002,BK-C-21-02,TL-2021-0002,,M,1990,Thai,Phayao,friend,Kings Romans,scam,02/04/2021,2021-04-06,15/04/2021,handed_over,"1,500,000",7,N,,,Tonpheung District Police,formal'  # noqa: E501
B3 = 'BK-21-003,BK-C-21-02,TL-2021-0002,,female,1999,ໄທ,"Mueang, Chiang Rai",Friend,"Golden Triangle SEZ, Ton Pheung",scam,2021-04-02,06/04/2021,2021-04-15,handed_over,0,3,yes,,,Tonpheung District Police,informal'  # noqa: E501
B4 = "BK-21-004,BK-C-21-04,TL-2021-0004,,M,1990,LA,Houayxay,broker,Ton Pheung,labour,2021-06-01,,,,,2,,15000,,Bokeo Labour Office,"  # noqa: E501
B5 = 'BK-21-005,BK-C-21-05,TL-2021-0005,,,1995,MM,Tachileik,telegram,gtsez,scam,10/07/2021,13/07/2021,2021-07-20,deported,"2,000,000",10,ບໍ່,,,"Bokeo Provincial Police\nAnti-Trafficking Division",informal'  # noqa: E501
B6A = "BK-21-006,BK-C-21-06,TL-2021-0006,,ຍິງ,2002,ລາວ,Meung,family,ເຂດເສດຖະກິດພິເສດສາມຫຼ່ຽມຄຳ,sexual,2021-08-01,2021-08-04,,released,,,,,,Bokeo Police,"  # noqa: E501
B6B = "BK-21-007,BK-C-21-06,TL-2021-0006,,F,2001,Lao,Paktha,job_ad,GTSEZ,sexual,02/08/2021,04/08/2021,,released,,5,,,,Bokeo Police,"  # noqa: E501
B7 = f'BK-22-007,BK-C-22-07,TL-2022-0007,{K7},F,1987,Myanmar,Tachileik,friend_acquaintance,KK Park (Myawaddy),scam,2022-01-10,2022-01-12,20/01/2022,handed_over,,,Y,,,"Ton Pheung ""Anti-TIP"" unit",formal'  # noqa: E501
B8 = f"BK-21-008,BK-C-21-08,TL-2021-0008,{K8.upper()},F,1994,VN,Houayxay,tiktok,Sihanoukville,scam,2021-10-01,2021-10-04,05/10/2021,handed_over,,4,ແມ່ນ,,,Bokeo Police,formal"  # noqa: E501
B8_BAD = f"BK-21-008,BK-C-21-08,TL-2021-0008,{K8.upper()},F,1994,VN,Houayxay,tiktok,Sihanoukville,scam,2021-10-01,31/09/2021,05/10/2021,handed_over,,4,ແມ່ນ,,,Bokeo Police,formal"  # noqa: E501
B9 = f'BK-21-009,BK-C-21-09,,{K9},ຍິງ,1981,Lao,Houayxay,line,Shwe Kokko,labour,15/09/2021,,2021-09-20,deported,"500,000",0,,,,Immigration Police,informal'  # noqa: E501
BQ1 = "BK-21-020,BK-C-21-20,,,M,1993,LA,Houayxay,broker,GTSEZ,scam,2021-09-01,2021-09-03,,escaped,,,,,,Bokeo Police,"  # noqa: E501
B13 = "BK-22-013,BK-C-22-13,TL-2022-0013,,male,1977,la,Luang Namtha,other,Myawaddy,labour,2022-02-25,27/02/2022,2022-03-03,handed_over,,,no,2000,USD,Bokeo Police,formal"  # noqa: E501
B14 = f"BK-21-014,BK-C-21-14,,{K14},F,2000,TH,Chiang Khong,facebook,Golden Triangle,scam,2021-12-20,28/12/2021,2022-01-05,handed_over,,0,Y,,,Bokeo Police,formal"  # noqa: E501
B15 = f"BK-21-015,BK-C-21-15,,{KEY_NOT_HEX},M,1985,KH,Unknown,,,other,,,,remains,,,,,,,"
B16 = 'BK-21-016,BK-C-21-16,,,ຊາຍ,1992,CN,Kunming,broker,KINGS ROMANS,forced_criminality,2021-11-01,06/11/2564,2021-11-09,deported,"1,000,000",15,N,,,Immigration Police,informal'  # noqa: E501
BQ2 = "BK-21-021,BK-C-21-21,,,F,1998,TH,Chiang Saen,facebook,GTSEZ,scam,2021-12-01,,,,,,maybe,,,,"
B17 = f"BK-22-017,BK-C-22-17,TL-2022-0017,{K17},M,1995,TH,Chiang Saen,facebook,GTSEZ,scam,2022-06-01,05/06/2022,2022-06-12,handed_over,0,,Y,,,Bokeo Police,formal"  # noqa: E501

BK_PERSONS_INITIAL = [
    BK_HEADER_INITIAL,  # record 1
    B1,                 # record 2
    B2,                 # record 3
    B3,                 # record 4
    B4,                 # record 5
    B5,                 # record 6  (spans two physical lines: quoted line break in agency)
    B6A,                # record 7
    B6B,                # record 8
    B7,                 # record 9
    B8,                 # record 10
    B9,                 # record 11
    "",                 # record 12 blank record
    BQ1,                # record 13 QUARANTINE outcome 'escaped'
    B13,                # record 14
    B14,                # record 15
    B15,                # record 16
    B16,                # record 17
    BQ2,                # record 18 QUARANTINE victim_screened 'maybe'
]

BK_FINES_INITIAL = [
    "person_ref,reason,amount,currency",   # record 1
    "BK-21-001,chairs,500,THB",            # record 2
    "BK-21-002,meal,300,THB",              # record 3
    "BK-21-002,relationship,5000,",        # record 4 blank currency -> THB
    "BK-21-005,target,100,USD",            # record 5
    "BK-21-006,smoking,200000,LAK",        # record 6
    "BK-21-099,chairs,500,THB",            # record 7 QUARANTINE unknown person
    "BK-22-007,target_not_met,50,USD",     # record 8
    "BK-21-008,sickness,1000,THB",         # record 9
    "BK-21-001,meal,,THB",                 # record 10 QUARANTINE amount missing
    '"BK-21-016","other","1000","CNY"',    # record 11 (all fields quoted)
    "BK-21-020,chairs,200,THB",            # record 12 QUARANTINE person's row quarantined
    "BK-21-003,late,200,THB",              # record 13 QUARANTINE reason 'late'
]

BK_PERSONS_REEXPORT = [
    BK_HEADER_REEXPORT,  # record 1 (Lao alias headers for sex, birth_year, nationality)
    B1,                  # record 2
    B2,                  # record 3
    B3,                  # record 4
    B4,                  # record 5
    B5,                  # record 6  (two physical lines)
    B6A,                 # record 7
    B6B,                 # record 8
    B7,                  # record 9
    B8_BAD,              # record 10 QUARANTINE date_rescued 31/09/2021
    B9,                  # record 11
    B13,                 # record 12
    B14,                 # record 13
    B15,                 # record 14
    B17,                 # record 15 new person (links to CR-2565-0017 by key)
    BQ2,                 # record 16 QUARANTINE victim_screened 'maybe' (still)
    # BK-21-016 omitted: keeps what the first export said
]

BK_FINES_REEXPORT = [
    "person_ref,reason,amount,currency",   # record 1
    "BK-21-001,chairs,500,THB",            # record 2
    "BK-21-002,meal,300,THB",              # record 3
    "BK-21-002,relationship,500,",         # record 4 amount corrected 5000 -> 500
    "BK-21-005,target,100,USD",            # record 5
    "BK-21-006,smoking,200000,LAK",        # record 6
    "BK-22-007,target_not_met,50,USD",     # record 7
    "BK-21-008,sickness,1000,THB",         # record 8 QUARANTINE (own row Q here)
    "BK-21-003,other,200,THB",             # record 9 (fixed reason)
    "BK-22-017,meal,100,CNY",              # record 10 new person
]


# --------------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------------
FIXED_TS = "2024-01-01T00:00:00Z"


def write_csv(path: Path, records: list[str], *, bom: bool, eol: str) -> None:
    text = eol.join(records) + eol
    data = text.encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def fill_sheet(ws, rows: list, ncols: int) -> None:
    for r, row in enumerate(rows, start=1):
        if row == BLANK:
            continue
        if isinstance(row, tuple) and row and row[0] == "TITLE":
            ws.cell(row=r, column=1, value=row[1])
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            continue
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, Formula):
                cell.value = str(value)          # openpyxl stores no cached value
            elif isinstance(value, dt.datetime):
                cell.value = value
                cell.number_format = "dd/mm/yyyy"
            else:
                cell.value = value


def pin_timestamps(path: Path) -> None:
    """Rewrite the xlsx zip with fixed entry times and fixed core.xml dates."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                              lambda m: m.group(1) + FIXED_TS.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())


def write_workbook(path: Path, sheets: list[tuple[str, list, int, bool]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, ncols, hidden in sheets:
        ws = wb.create_sheet(title=name)
        fill_sheet(ws, rows, ncols)
        if hidden:
            ws.sheet_state = "hidden"
    fixed = dt.datetime(2024, 1, 1)
    wb.properties.creator = "spec_cases/build.py"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)
    pin_timestamps(path)


def main() -> None:
    initial = HERE / "initial"
    reexport = HERE / "reexport"
    initial.mkdir(exist_ok=True)
    reexport.mkdir(exist_ok=True)

    write_workbook(initial / "cr_mdt_export_2564.xlsx", [
        (" ผู้เสียหาย ", CR_INITIAL_PERSONS, 18, False),   # padded sheet name
        ("การส่งต่อ ", CR_INITIAL_STEPS, 5, False),        # trailing space
        ("fines", CR_INITIAL_FINES, 4, False),            # English alias sheet name
        ("รายการ", CR_LISTS, 3, True),                     # hidden drop-down lists
    ])
    write_csv(initial / "bokeo_persons_2021.csv", BK_PERSONS_INITIAL, bom=True, eol="\r\n")
    write_csv(initial / "bokeo_fines_2021.csv", BK_FINES_INITIAL, bom=False, eol="\n")

    write_workbook(reexport / "cr_mdt_export_2565.xlsx", [
        ("ผู้เสียหาย", CR_REEXPORT_PERSONS, 18, False),
        ("referral_steps", CR_REEXPORT_STEPS, 5, False),  # English alias sheet name, Thai headers
        ("ค่าปรับ", CR_REEXPORT_FINES, 4, False),
    ])
    write_csv(reexport / "bokeo_persons_2022.csv", BK_PERSONS_REEXPORT, bom=False, eol="\r\n")
    write_csv(reexport / "bk_fines_update_2022.csv", BK_FINES_REEXPORT, bom=True, eol="\n")


if __name__ == "__main__":
    main()
