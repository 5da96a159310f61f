"""Every string of the rejection reports, in English, Thai and Lao — the one file to review.

Reviewers: change the text, keep the ``{placeholders}`` exactly as they are (names in English,
in curly braces). Thai follows the project glossary (shared/reference/glossary-th-lo.md) and the
Thai headers of the exports spec; the Lao text is a best effort, to be reviewed by a
Lao-speaking practitioner before it is sent to Bokeo. ``tests/test_rejections.py`` fails when a
rule of ``pipelines.parse.RULES`` or a column of an export has no text in one of the languages.

Placeholders: ``{value}`` the value as typed, ``{column}`` the column's name in the language of
the message, ``{place}`` where a person's row should be (see ``PLACES``), and the rule's own
(``{as_of}``, ``{year}``, ``{year_be}``, ``{limit}``, ``{low}``, ``{high}``, ``{currency}``).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping

LANGUAGES = ("en", "th", "lo")
SOURCE_LANGUAGE = {"chiang_rai": "th", "bokeo": "lo"}
BE_OFFSET = 543

# Font with Thai and Lao glyphs: Windows 8.1+ (Excel); LibreOffice and older Windows substitute
# a font that has the glyphs (fonts-thai-tlwg / fonts-noto-core on Linux).
REPORT_FONT = "Leelawadee UI"

SOURCE_NAMES = {
    "chiang_rai": {"en": "Chiang Rai", "th": "จังหวัดเชียงราย", "lo": "ແຂວງຊຽງຮາຍ"},
    "bokeo": {"en": "Bokeo", "th": "แขวงบ่อแก้ว", "lo": "ແຂວງບໍ່ແກ້ວ"},
}

# ---------------------------------------------------------------- one message per rule

RULE_MESSAGES: dict[str, dict[str, str]] = {
    "vocabulary": {
        "en": "'{value}' is not one of the accepted values for {column}. "
              "Choose a value from the list for this column.",
        "th": "“{value}” ไม่ใช่ค่าที่กำหนดไว้สำหรับคอลัมน์ {column} "
              "กรุณาเลือกค่าจากรายการที่กำหนดของคอลัมน์นี้",
        "lo": "“{value}” ບໍ່ແມ່ນຄ່າທີ່ກຳນົດໄວ້ສຳລັບຖັນ {column}. "
              "ກະລຸນາເລືອກຄ່າຈາກລາຍການທີ່ກຳນົດຂອງຖັນນີ້.",
    },
    "not_a_date": {
        "en": "'{value}' in {column} is not a date. "
              "Write the date as day/month/year, for example 15/11/2564 or 15/11/2021.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่วันที่ "
              "กรุณากรอกวันที่ในรูปแบบ วัน/เดือน/ปี เช่น 15/11/2564",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນວັນທີ. "
              "ກະລຸນາຂຽນວັນທີເປັນ ວັນ/ເດືອນ/ປີ, ຕົວຢ່າງ 15/11/2021.",
    },
    "invalid_date": {
        "en": "'{value}' in {column} is not a real calendar date. Check the day and the month "
              "(for example 31/04, or 29/02 in a year without 29 February).",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่วันที่ที่มีอยู่จริงในปฏิทิน "
              "กรุณาตรวจสอบวันและเดือน (เช่น 31/04 หรือ 29/02 ในปีที่ไม่มีวันที่ 29 กุมภาพันธ์)",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນວັນທີທີ່ມີແທ້ໃນປະຕິທິນ. "
              "ກະລຸນາກວດເບິ່ງວັນ ແລະ ເດືອນ (ຕົວຢ່າງ 31/04 ຫຼື 29/02 ໃນປີທີ່ບໍ່ມີວັນທີ 29 ກຸມພາ).",
    },
    "not_whole_number": {
        "en": "'{value}' in {column} is not a whole number. Write digits only, for example 25.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่จำนวนเต็ม "
              "กรุณากรอกเป็นตัวเลขเท่านั้น เช่น 25",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນຈຳນວນຖ້ວນ. "
              "ກະລຸນາຂຽນເປັນຕົວເລກເທົ່ານັ້ນ, ຕົວຢ່າງ 25.",
    },
    "not_an_amount": {
        "en": "'{value}' in {column} is not an amount. Write the amount in digits, for example "
              "100,000 or 100,000 THB, not in words.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่จำนวนเงิน "
              "กรุณากรอกเป็นตัวเลข เช่น 100,000 หรือ 100,000 บาท ไม่เขียนเป็นตัวหนังสือ "
              "(เช่น ประมาณ 1 แสน)",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນຈຳນວນເງິນ. "
              "ກະລຸນາຂຽນເປັນຕົວເລກ, ຕົວຢ່າງ 100,000, ບໍ່ຂຽນເປັນຕົວໜັງສື.",
    },
    "two_currencies": {
        "en": "'{value}' in {column} names more than one currency. "
              "Write one amount in one currency.",
        "th": "“{value}” ในคอลัมน์ {column} ระบุสกุลเงินมากกว่าหนึ่งสกุล "
              "กรุณากรอกจำนวนเงินเดียวในสกุลเงินเดียว",
        "lo": "“{value}” ໃນຖັນ {column} ມີສະກຸນເງິນຫຼາຍກວ່າໜຶ່ງສະກຸນ. "
              "ກະລຸນາຂຽນຈຳນວນເງິນດຽວ ໃນສະກຸນເງິນດຽວ.",
    },
    "not_a_currency": {
        "en": "'{value}' in {column} is not a currency. Use THB, USD, CNY or LAK.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่สกุลเงินที่ใช้ได้ "
              "กรุณาใช้ บาท (THB) ดอลลาร์ (USD) หยวน (CNY) หรือ กีบ (LAK)",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນສະກຸນເງິນທີ່ໃຊ້ໄດ້. "
              "ກະລຸນາໃຊ້ THB, USD, CNY ຫຼື LAK.",
    },
    "not_a_year": {
        "en": "'{value}' in {column} is not a year. "
              "Write the year of birth with 4 digits, for example 1996.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่ปี "
              "กรุณากรอกปีเกิดเป็นตัวเลข 4 หลัก (ปี ค.ศ.) เช่น 1996",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນປີ. "
              "ກະລຸນາຂຽນປີເກີດເປັນຕົວເລກ 4 ໂຕ (ປີ ຄ.ສ.), ຕົວຢ່າງ 1996.",
    },
    "not_kip": {
        "en": "'{value}' in {column} is not in kip. "
              "This column takes kip (LAK) only: write the amount in kip.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่จำนวนเงินกีบ "
              "คอลัมน์นี้ใช้สกุลเงินกีบ (LAK) เท่านั้น กรุณากรอกจำนวนเงินเป็นกีบ",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນເງິນກີບ. "
              "ຖັນນີ້ໃຊ້ເງິນກີບ (LAK) ເທົ່ານັ້ນ: ກະລຸນາຂຽນຈຳນວນເງິນເປັນກີບ.",
    },
    "missing_required": {
        "en": "{column} is empty. This column must be filled in.",
        "th": "คอลัมน์ {column} ว่างอยู่ ต้องกรอกข้อมูลในคอลัมน์นี้",
        "lo": "ຖັນ {column} ວ່າງເປົ່າ. ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຖັນນີ້.",
    },
    "future_date": {
        "en": "'{value}' in {column} is in the future (after {as_of}, when the file was "
              "checked). Check the year: a Buddhist Era year is 543 more (2564 = 2021).",
        "th": "วันที่ “{value}” ในคอลัมน์ {column} เป็นวันในอนาคต (หลังวันที่ {as_of} "
              "ซึ่งเป็นวันที่ตรวจไฟล์) กรุณาตรวจสอบปี (พ.ศ. 2564 = ค.ศ. 2021)",
        "lo": "ວັນທີ “{value}” ໃນຖັນ {column} ເປັນວັນທີໃນອະນາຄົດ (ຫຼັງວັນທີ {as_of} "
              "ທີ່ກວດໄຟລ໌). ກະລຸນາກວດເບິ່ງປີ.",
    },
    "before_min_date": {
        "en": "'{value}' in {column} is before {year}: too early for a case of this monitoring. "
              "Check the year.",
        "th": "วันที่ “{value}” ในคอลัมน์ {column} อยู่ก่อนปี พ.ศ. {year_be} (ค.ศ. {year}) "
              "ซึ่งเก่าเกินไปสำหรับคดีในระบบติดตามนี้ กรุณาตรวจสอบปี",
        "lo": "ວັນທີ “{value}” ໃນຖັນ {column} ແມ່ນກ່ອນປີ {year}: ເກົ່າເກີນໄປສຳລັບຄະດີ"
              "ໃນລະບົບຕິດຕາມນີ້. ກະລຸນາກວດເບິ່ງປີ.",
    },
    "negative": {
        "en": "'{value}' in {column} is negative. It cannot be below zero: "
              "remove the minus sign or correct the number.",
        "th": "“{value}” ในคอลัมน์ {column} ติดลบ ค่านี้ต้องไม่น้อยกว่าศูนย์ "
              "กรุณาลบเครื่องหมายลบออกหรือแก้ไขตัวเลข",
        "lo": "“{value}” ໃນຖັນ {column} ເປັນຄ່າລົບ. ຄ່ານີ້ຕ້ອງບໍ່ຕ່ຳກວ່າສູນ: "
              "ກະລຸນາລຶບເຄື່ອງໝາຍລົບອອກ ຫຼື ແກ້ໄຂຕົວເລກ.",
    },
    "above_max": {
        "en": "'{value}' in {column} is above the highest accepted value ({limit}). "
              "Check the number.",
        "th": "“{value}” ในคอลัมน์ {column} มากกว่าค่าสูงสุดที่รับได้ ({limit}) "
              "กรุณาตรวจสอบตัวเลข",
        "lo": "“{value}” ໃນຖັນ {column} ສູງກວ່າຄ່າສູງສຸດທີ່ຮັບໄດ້ ({limit}). "
              "ກະລຸນາກວດເບິ່ງຕົວເລກ.",
    },
    "below_min": {
        "en": "'{value}' in {column} is below the lowest accepted value ({limit}). "
              "Check the number.",
        "th": "“{value}” ในคอลัมน์ {column} น้อยกว่าค่าต่ำสุดที่รับได้ ({limit}) "
              "กรุณาตรวจสอบตัวเลข",
        "lo": "“{value}” ໃນຖັນ {column} ຕ່ຳກວ່າຄ່າຕ່ຳສຸດທີ່ຮັບໄດ້ ({limit}). "
              "ກະລຸນາກວດເບິ່ງຕົວເລກ.",
    },
    "birth_year_range": {
        "en": "'{value}' in {column} is not a possible year of birth (from {low} to {high}). "
              "Write the Gregorian year of birth, for example 1996.",
        "th": "“{value}” ในคอลัมน์ {column} ไม่ใช่ปีเกิดที่เป็นไปได้ (ค.ศ. {low} ถึง {high}) "
              "กรุณากรอกปีเกิดเป็นปี ค.ศ. เช่น 1996",
        "lo": "“{value}” ໃນຖັນ {column} ບໍ່ແມ່ນປີເກີດທີ່ເປັນໄປໄດ້ (ແຕ່ {low} ຫາ {high}). "
              "ກະລຸນາຂຽນປີເກີດເປັນປີ ຄ.ສ., ຕົວຢ່າງ 1996.",
    },
    "currency_conflict": {
        "en": "The currency '{value}' in {column} contradicts the currency {currency} written "
              "in the amount. Make the amount and the currency column say the same currency.",
        "th": "สกุลเงิน “{value}” ในคอลัมน์ {column} ไม่ตรงกับสกุลเงิน {currency} "
              "ที่เขียนไว้ในช่องจำนวนเงิน กรุณาแก้ไขให้ตรงกัน",
        "lo": "ສະກຸນເງິນ “{value}” ໃນຖັນ {column} ບໍ່ກົງກັບສະກຸນເງິນ {currency} "
              "ທີ່ຂຽນໄວ້ໃນຈຳນວນເງິນ. ກະລຸນາແກ້ໄຂໃຫ້ກົງກັນ.",
    },
    "duplicate_person_ref": {
        "en": "'{value}' in {column} appears twice in this file; this later row was not loaded. "
              "Keep one row per person: merge the two rows or correct the id.",
        "th": "รหัส “{value}” ในคอลัมน์ {column} ซ้ำกับแถวก่อนหน้าในไฟล์เดียวกัน "
              "แถวนี้จึงไม่ได้นำเข้า กรุณาให้มีหนึ่งแถวต่อผู้เสียหายหนึ่งราย "
              "โดยรวมสองแถวเข้าด้วยกันหรือแก้ไขรหัส",
        "lo": "ລະຫັດ “{value}” ໃນຖັນ {column} ຊ້ຳກັບແຖວກ່ອນໜ້າໃນໄຟລ໌ດຽວກັນ, "
              "ແຖວນີ້ຈຶ່ງບໍ່ໄດ້ນຳເຂົ້າ. ກະລຸນາໃຫ້ມີແຖວດຽວຕໍ່ຜູ້ຖືກເຄາະຮ້າຍໜຶ່ງຄົນ: "
              "ລວມສອງແຖວເຂົ້າກັນ ຫຼື ແກ້ໄຂລະຫັດ.",
    },
    "unknown_person": {
        "en": "'{value}' ({column}) has no person row in {place}. "
              "Add the person's row there, or correct the id.",
        "th": "ไม่พบรหัส “{value}” ({column}) ใน{place} "
              "กรุณาเพิ่มแถวของผู้เสียหายรายนี้ หรือแก้ไขรหัสให้ถูกต้อง",
        "lo": "ບໍ່ພົບລະຫັດ “{value}” ({column}) ໃນ{place}. "
              "ກະລຸນາເພີ່ມແຖວຂອງຜູ້ຖືກເຄາະຮ້າຍຄົນນີ້ ຫຼື ແກ້ໄຂລະຫັດໃຫ້ຖືກຕ້ອງ.",
    },
    "person_quarantined": {
        "en": "The row of person '{value}' ({column}) in {place} has an error, so this row "
              "waits for it. Correct the person's row; this row will then load with it.",
        "th": "แถวของผู้เสียหาย “{value}” ({column}) ใน{place} มีข้อผิดพลาด "
              "แถวนี้จึงยังนำเข้าไม่ได้ กรุณาแก้ไขแถวของผู้เสียหายรายนั้น "
              "แล้วแถวนี้จะนำเข้าได้พร้อมกัน",
        "lo": "ແຖວຂອງຜູ້ຖືກເຄາະຮ້າຍ “{value}” ({column}) ໃນ{place} ມີຂໍ້ຜິດພາດ, "
              "ແຖວນີ້ຈຶ່ງຍັງນຳເຂົ້າບໍ່ໄດ້. ກະລຸນາແກ້ໄຂແຖວຂອງຜູ້ຖືກເຄາະຮ້າຍຄົນນັ້ນ, "
              "ແລ້ວແຖວນີ້ຈະນຳເຂົ້າໄດ້ພ້ອມກັນ.",
    },
}

# Used when a rule's details cannot be read (a message worded differently): still says
# which value and column, and points to the English text of the pipeline beside it.
FALLBACK = {
    "en": "'{value}' in {column}: {english}",
    "th": "ค่า “{value}” ในคอลัมน์ {column} ไม่ถูกต้อง กรุณาตรวจสอบและแก้ไข "
          "(รายละเอียดเป็นภาษาอังกฤษในคอลัมน์ถัดไป)",
    "lo": "ຄ່າ “{value}” ໃນຖັນ {column} ບໍ່ຖືກຕ້ອງ. ກະລຸນາກວດເບິ່ງ ແລະ ແກ້ໄຂ "
          "(ລາຍລະອຽດເປັນພາສາອັງກິດໃນຖັນຖັດໄປ).",
}

# Appended to a ``vocabulary`` message when the column's accepted values are listed below.
ACCEPTED_HINT = {
    "en": " Accepted values: {accepted}.",
    "th": " ค่าที่ใช้ได้: {accepted}",
    "lo": " ຄ່າທີ່ໃຊ້ໄດ້: {accepted}.",
}

# Where a step's or fine's person should be: {place} of unknown_person / person_quarantined.
PLACES = {
    "workbook": {
        "en": "the persons sheet (ผู้เสียหาย) of the same workbook",
        "th": "แผ่นงาน “ผู้เสียหาย” ของไฟล์เดียวกัน",
        "lo": "ແຜ່ນງານຂໍ້ມູນຜູ້ຖືກເຄາະຮ້າຍ (ผู้เสียหาย) ຂອງໄຟລ໌ດຽວກັນ",
    },
    "bokeo_persons": {
        "en": "the Bokeo persons file",
        "th": "ไฟล์ข้อมูลผู้เสียหาย (persons) ของแขวงบ่อแก้ว",
        "lo": "ໄຟລ໌ຂໍ້ມູນຜູ້ຖືກເຄາະຮ້າຍ (persons) ຂອງແຂວງບໍ່ແກ້ວ",
    },
}

# ---------------------------------------------------------------- columns of the exports
# Key: the spec's alias (what quarantine_problems.column_name holds). English: the alias itself,
# as in the Bokeo headers and the Chiang Rai aliases. Thai: the spec's Thai header where it has
# one. Lao: the spec's Lao alias where it has one, otherwise the spec's meaning in Lao.

COLUMNS: dict[str, dict[str, str]] = {
    "person_ref": {"en": "person_ref", "th": "รหัสผู้เสียหาย", "lo": "ລະຫັດຜູ້ຖືກເຄາະຮ້າຍ"},
    "case_ref": {"en": "case_ref", "th": "รหัสคดี", "lo": "ລະຫັດຄະດີ"},
    "joint_ref": {"en": "joint_ref", "th": "เลขอ้างอิงร่วม", "lo": "ເລກອ້າງອີງຮ່ວມ"},
    "link_key": {"en": "link_key", "th": "รหัสเชื่อมโยง", "lo": "ລະຫັດເຊື່ອມໂຍງ"},
    "sex": {"en": "sex", "th": "เพศ", "lo": "ເພດ"},
    "age": {"en": "age", "th": "อายุ", "lo": "ອາຍຸ"},
    "birth_year": {"en": "birth_year", "th": "ปีเกิด", "lo": "ປີເກີດ"},
    "nationality": {"en": "nationality", "th": "สัญชาติ", "lo": "ສັນຊາດ"},
    "home_province": {"en": "home_province", "th": "จังหวัดภูมิลำเนา", "lo": "ແຂວງພູມລຳເນົາ"},
    "origin": {"en": "origin", "th": "ภูมิลำเนา", "lo": "ພູມລຳເນົາ (ແຂວງ ຫຼື ເມືອງ)"},
    "education": {"en": "education", "th": "ระดับการศึกษา", "lo": "ລະດັບການສຶກສາ"},
    "recruitment_channels": {
        "en": "recruitment_channels", "th": "ช่องทางการชักชวน", "lo": "ຊ່ອງທາງການຊັກຊວນ",
    },
    "recruitment_channel": {
        "en": "recruitment_channel", "th": "ช่องทางการชักชวน", "lo": "ຊ່ອງທາງການຊັກຊວນ",
    },
    "exploitation_country": {
        "en": "exploitation_country", "th": "ประเทศที่ถูกแสวงประโยชน์",
        "lo": "ປະເທດທີ່ຖືກຂູດຮີດ",
    },
    "site": {"en": "site", "th": "สถานที่", "lo": "ສະຖານທີ່ຖືກຂູດຮີດ"},
    "exploitation_types": {
        "en": "exploitation_types", "th": "รูปแบบการแสวงประโยชน์", "lo": "ຮູບແບບການຂູດຮີດ",
    },
    "exploitation": {"en": "exploitation", "th": "รูปแบบการแสวงประโยชน์", "lo": "ຮູບແບບການຂູດຮີດ"},
    "control_means": {"en": "control_means", "th": "วิธีการควบคุม", "lo": "ວິທີການຄວບຄຸມ"},
    "debt_amount": {"en": "debt_amount", "th": "หนี้", "lo": "ຈຳນວນໜີ້ສິນ"},
    "debt_currency": {"en": "debt_currency", "th": "สกุลเงินหนี้", "lo": "ສະກຸນເງິນຂອງໜີ້ສິນ"},
    "screening_result": {"en": "screening_result", "th": "ผลการคัดแยก", "lo": "ຜົນການຄັດແຍກ"},
    "step": {"en": "step", "th": "ขั้นตอน", "lo": "ຂັ້ນຕອນ"},
    "date": {"en": "date", "th": "วันที่", "lo": "ວັນທີ"},
    "agency": {"en": "agency", "th": "หน่วยงาน", "lo": "ອົງການ"},
    "channel": {"en": "channel", "th": "ช่องทางประสานงาน", "lo": "ຊ່ອງທາງການປະສານງານ"},
    "reason": {"en": "reason", "th": "เหตุผล", "lo": "ເຫດຜົນຂອງຄ່າປັບໃໝ"},
    "amount": {"en": "amount", "th": "จำนวนเงิน", "lo": "ຈຳນວນເງິນ"},
    "currency": {"en": "currency", "th": "สกุลเงิน", "lo": "ສະກຸນເງິນ"},
    "date_reported": {"en": "date_reported", "th": "วันที่รับแจ้งเหตุ", "lo": "ວັນທີແຈ້ງເຫດ"},
    "date_rescued": {"en": "date_rescued", "th": "วันที่ช่วยเหลือ", "lo": "ວັນທີຊ່ວຍເຫຼືອ"},
    "date_handed_over": {
        "en": "date_handed_over", "th": "วันที่ส่งมอบ ณ ด่านชายแดน",
        "lo": "ວັນທີສົ່ງມອບຢູ່ດ່ານຊາຍແດນ",
    },
    "outcome": {"en": "outcome", "th": "ผลการดำเนินการของฝ่ายลาว", "lo": "ຜົນການດຳເນີນການຂອງເຈົ້າໜ້າທີ່ລາວ"},
    "immigration_fine_lak": {
        "en": "immigration_fine_lak", "th": "ค่าปรับตรวจคนเข้าเมือง (กีบ)",
        "lo": "ຄ່າປັບໃໝກວດຄົນເຂົ້າເມືອງ (ກີບ)",
    },
    "detained_days": {"en": "detained_days", "th": "จำนวนวันที่ถูกกักตัว", "lo": "ຈຳນວນມື້ທີ່ຖືກກັກຕົວ"},
    "victim_screened": {
        "en": "victim_screened", "th": "การคัดแยกผู้เสียหายใน สปป.ลาว",
        "lo": "ການຄັດແຍກຜູ້ຖືກເຄາະຮ້າຍຢູ່ ສປປ ລາວ",
    },
}

# Values a clerk may type in a coded column, as the exports spec lists them, shown after a
# ``vocabulary`` message. Key: (source, column). Each value must be accepted by the source's
# vocabulary (a test checks it); canonical English codes are accepted too but not listed.
ACCEPTED_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("chiang_rai", "sex"): ("ชาย", "หญิง", "อื่น ๆ", "ไม่ระบุ"),
    ("chiang_rai", "nationality"): (
        "ไทย", "ลาว", "เมียนมา", "กัมพูชา", "จีน", "เวียดนาม", "อื่น ๆ"),
    ("chiang_rai", "education"): (
        "ประถมศึกษา", "มัธยมศึกษา", "อาชีวศึกษา", "ปริญญาตรี", "สูงกว่าปริญญาตรี", "ไม่ระบุ"),
    ("chiang_rai", "recruitment_channels"): (
        "Facebook", "TikTok", "LINE", "Telegram", "เพื่อน/คนรู้จัก", "ญาติ/ครอบครัว", "นายหน้า",
        "ประกาศรับสมัครงาน", "อื่น ๆ"),
    ("chiang_rai", "exploitation_country"): ("ลาว", "เมียนมา", "กัมพูชา", "ไทย", "อื่น ๆ"),
    ("chiang_rai", "exploitation_types"): (
        "บังคับให้กระทำความผิด", "หลอกลวงออนไลน์", "แสวงประโยชน์ทางเพศ", "บังคับใช้แรงงาน",
        "อื่น ๆ"),
    ("chiang_rai", "control_means"): (
        "ยึดเอกสาร", "ข่มขู่", "ทำร้ายร่างกาย", "จำกัดการเดินทาง", "พันธนาการหนี้",
        "บังคับใช้ยาเสพติด", "ล่วงละเมิดทางเพศ", "ขายต่อ", "ปรับเงิน", "ยึดค่าจ้าง"),
    ("chiang_rai", "screening_result"): (
        "เป็นผู้เสียหาย", "ไม่เป็นผู้เสียหาย", "อยู่ระหว่างคัดแยก", "ไม่ได้คัดแยก"),
    ("chiang_rai", "step"): (
        "รับแจ้งเหตุ", "ช่วยเหลือ", "ส่งมอบ ณ ด่านชายแดน", "คัดแยกผู้เสียหาย", "เข้าสถานคุ้มครอง",
        "ส่งกลับภูมิลำเนา", "คืนสู่สังคม"),
    ("chiang_rai", "channel"): ("ทางการ", "ไม่เป็นทางการ"),
    ("chiang_rai", "reason"): (
        "ไม่เก็บเก้าอี้", "ทานอาหารไม่หมด", "สูบบุหรี่", "มีความสัมพันธ์กับเพื่อนร่วมงาน",
        "เจ็บป่วย", "ทำยอดไม่ถึงเป้า", "อื่น ๆ"),
    ("bokeo", "sex"): ("M", "F", "male", "female", "ຊາຍ", "ຍິງ"),
    ("bokeo", "nationality"): ("TH", "LA", "MM", "KH", "CN", "VN", "ໄທ", "ລາວ"),
    ("bokeo", "recruitment_channel"): (
        "facebook", "tiktok", "line", "telegram", "friend", "family", "broker", "job_ad",
        "other"),
    ("bokeo", "exploitation"): ("scam", "sexual", "labour", "other"),
    ("bokeo", "outcome"): ("handed_over", "deported", "released", "remains"),
    ("bokeo", "victim_screened"): ("Y", "N", "ແມ່ນ", "ບໍ່"),
    ("bokeo", "channel"): ("formal", "informal"),
    ("bokeo", "reason"): (
        "chairs", "meal", "smoking", "relationship", "sickness", "target", "other"),
}

# ---------------------------------------------------------------- the report's own text

REPORT_TEXT: dict[str, dict[str, str]] = {
    "sheet_name": {"en": "to correct", "th": "แถวที่ต้องแก้ไข", "lo": "ແຖວທີ່ຕ້ອງແກ້ໄຂ"},
    "title": {
        "en": "Rows not loaded, to correct — {province}",
        "th": "รายการแถวข้อมูลที่ไม่ได้นำเข้า ต้องแก้ไข — {province}",
        "lo": "ລາຍການແຖວຂໍ້ມູນທີ່ບໍ່ໄດ້ນຳເຂົ້າ ຕ້ອງແກ້ໄຂ — {province}",
    },
    "mechanism": {
        "en": "Joint Thailand – Lao PDR trafficking-in-persons monitoring (Chiang Rai – Bokeo)",
        "th": "กลไกติดตามการค้ามนุษย์ร่วมไทย–ลาว (เชียงราย–บ่อแก้ว)",
        "lo": "ກົນໄກຕິດຕາມການຄ້າມະນຸດຮ່ວມ ໄທ–ລາວ (ຊຽງຮາຍ–ບໍ່ແກ້ວ)",
    },
    "report_date": {
        "en": "Report date: {date}",
        "th": "วันที่ออกรายงาน: {date}",
        "lo": "ວັນທີອອກລາຍງານ: {date}",
    },
    "file_line": {
        "en": "{file} (received {date}): {read} rows read, {loaded} loaded, "
              "{quarantined} not loaded",
        "th": "{file} (ได้รับวันที่ {date}): อ่าน {read} แถว นำเข้า {loaded} แถว "
              "ไม่ได้นำเข้า {quarantined} แถว",
        "lo": "{file} (ໄດ້ຮັບວັນທີ {date}): ອ່ານ {read} ແຖວ, ນຳເຂົ້າ {loaded} ແຖວ, "
              "ບໍ່ໄດ້ນຳເຂົ້າ {quarantined} ແຖວ",
    },
    "files_checked": {
        "en": "Latest files checked:",
        "th": "ไฟล์ล่าสุดที่ตรวจ:",
        "lo": "ໄຟລ໌ລ່າສຸດທີ່ກວດ:",
    },
    "note": {
        "en": "The rows below are in the latest files your province sent, but were not loaded "
              "into the monitoring system because a value is wrong or missing. Each line is one "
              "problem; a row can have several. Please correct these rows in your own records "
              "and send them again in your next export as usual. There is no need to edit or "
              "return this file.",
        "th": "แถวด้านล่างนี้อยู่ในไฟล์ล่าสุดที่จังหวัดส่งมา แต่ยังไม่ได้นำเข้าระบบติดตาม "
              "เพราะมีข้อมูลที่ไม่ถูกต้องหรือไม่ครบ แต่ละบรรทัดคือปัญหาหนึ่งข้อ "
              "(แถวเดียวอาจมีหลายปัญหา) กรุณาแก้ไขแถวเหล่านี้ในข้อมูลต้นฉบับของท่าน "
              "แล้วส่งมาพร้อมกับการส่งออกข้อมูลครั้งถัดไปตามปกติ "
              "ไม่ต้องแก้ไขหรือส่งไฟล์นี้กลับมา",
        "lo": "ແຖວຂ້າງລຸ່ມນີ້ຢູ່ໃນໄຟລ໌ລ່າສຸດທີ່ແຂວງສົ່ງມາ ແຕ່ຍັງບໍ່ໄດ້ນຳເຂົ້າລະບົບຕິດຕາມ "
              "ເພາະມີຂໍ້ມູນທີ່ບໍ່ຖືກຕ້ອງ ຫຼື ບໍ່ຄົບ. ແຕ່ລະແຖວໃນລາຍງານນີ້ແມ່ນບັນຫາໜຶ່ງຂໍ້ "
              "(ແຖວດຽວອາດມີຫຼາຍບັນຫາ). ກະລຸນາແກ້ໄຂແຖວເຫຼົ່ານີ້ໃນຂໍ້ມູນຕົ້ນສະບັບຂອງທ່ານ "
              "ແລ້ວສົ່ງມາພ້ອມກັບການສົ່ງອອກຂໍ້ມູນຄັ້ງຕໍ່ໄປຕາມປົກກະຕິ. "
              "ບໍ່ຈຳເປັນຕ້ອງແກ້ໄຂ ຫຼື ສົ່ງໄຟລ໌ນີ້ຄືນ.",
    },
    "row_hint_workbook": {
        "en": "Row: the row number in Excel, on the sheet named in the Sheet column.",
        "th": "แถว: เลขแถวใน Excel ของแผ่นงานที่ระบุในคอลัมน์ “แผ่นงาน”",
        "lo": "ແຖວ: ເລກແຖວໃນ Excel ຂອງແຜ່ນງານທີ່ລະບຸໃນຖັນ “ແຜ່ນງານ”.",
    },
    "row_hint_csv": {
        "en": "Row: the record number in the CSV file, counting the header row as 1.",
        "th": "แถว: ลำดับแถวในไฟล์ CSV โดยนับแถวหัวตารางเป็นแถวที่ 1",
        "lo": "ແຖວ: ລຳດັບແຖວໃນໄຟລ໌ CSV ໂດຍນັບແຖວຫົວຂໍ້ເປັນແຖວທີ 1.",
    },
    "counts": {
        "en": "{rows} rows to correct ({problems} problems)",
        "th": "ต้องแก้ไข {rows} แถว ({problems} ปัญหา)",
        "lo": "ຕ້ອງແກ້ໄຂ {rows} ແຖວ ({problems} ບັນຫາ)",
    },
    "nothing": {
        "en": "Nothing to correct: every row of the latest files was loaded. Thank you.",
        "th": "ไม่มีแถวที่ต้องแก้ไข: ทุกแถวในไฟล์ล่าสุดนำเข้าระบบได้ครบถ้วน ขอบคุณ",
        "lo": "ບໍ່ມີແຖວທີ່ຕ້ອງແກ້ໄຂ: ທຸກແຖວໃນໄຟລ໌ລ່າສຸດໄດ້ນຳເຂົ້າລະບົບຄົບຖ້ວນ. ຂອບໃຈ.",
    },
    # column headers of the table
    "col_file": {"en": "File", "th": "ไฟล์", "lo": "ໄຟລ໌"},
    "col_sheet": {"en": "Sheet", "th": "แผ่นงาน", "lo": "ແຜ່ນງານ"},
    "col_row": {"en": "Row", "th": "แถว", "lo": "ແຖວ"},
    "col_column": {"en": "Column", "th": "คอลัมน์", "lo": "ຖັນ"},
    "col_value": {"en": "Value as typed", "th": "ค่าที่กรอกไว้", "lo": "ຄ່າທີ່ປ້ອນໄວ້"},
    "col_reason": {
        "en": "Problem and how to fix it", "th": "ปัญหาและวิธีแก้ไข", "lo": "ບັນຫາ ແລະ ວິທີແກ້ໄຂ",
    },
    "col_reason_en": {
        "en": "Problem (English)", "th": "ปัญหา (ภาษาอังกฤษ)", "lo": "ບັນຫາ (ພາສາອັງກິດ)",
    },
}

# ---------------------------------------------------------------- formatting


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template needs."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def text(key: str, lang: str, **params: object) -> str:
    """A report string in ``lang``, with its placeholders filled."""
    return REPORT_TEXT[key][lang].format(**params)


def column_label(column: str, lang: str) -> str:
    """A column's name in ``lang``; the spec's alias when the catalogue does not know it."""
    return COLUMNS.get(column, {}).get(lang, column)


def source_name(source: str, lang: str) -> str:
    return SOURCE_NAMES.get(source, {}).get(lang, source)


def format_date(day: dt.date, lang: str) -> str:
    """Thai readers count years in the Buddhist Era; Lao readers in Gregorian years."""
    if lang == "th":
        return f"{day.day:02d}/{day.month:02d}/{day.year + BE_OFFSET}"
    if lang == "lo":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return day.isoformat()


def reason(rule: str, lang: str, params: Mapping[str, object]) -> str | None:
    """The message of ``rule`` in ``lang``; None when ``params`` lacks what it needs."""
    template = RULE_MESSAGES.get(rule, {}).get(lang)
    if template is None or not placeholders(template) <= set(params):
        return None
    message = template.format(**params)
    if rule == "vocabulary" and params.get("accepted"):
        message += ACCEPTED_HINT[lang].format(accepted=params["accepted"])
    return message


def fallback(lang: str, params: Mapping[str, object]) -> str:
    return FALLBACK[lang].format(**{k: params.get(k, "") for k in ("value", "column", "english")})
