"""Pure parsers for the values clerks type: dates, numbers, amounts, codes and lists.

Each parser takes one cell as the reader gives it (str, int, float, date, datetime or None) and
returns the parsed value or raises ``ParseError`` with a message that a clerk can act on. They
are applied once per distinct value (see ``normalise``), so they may be thorough, not fast.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
LAO_DIGITS = str.maketrans("໐໑໒໓໔໕໖໗໘໙", "0123456789")
BE_OFFSET = 543
BE_THRESHOLD = 2400  # spec §6.3: a year of 2400 or more is Buddhist Era
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers for 1954..2064: a plain number in a date column is an unformatted date cell.
EXCEL_SERIAL_RANGE = (20000, 60000)


class ParseError(ValueError):
    """A cell that cannot be read as the value its column needs.

    ``rule`` is a stable code (see ``RULES``) so reports can say it in Thai and Lao too.
    """

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


# Every reason a value or row can be refused, as stable codes; quarantine_problems.rule.
RULES = (
    "vocabulary", "not_a_date", "invalid_date", "not_whole_number", "not_an_amount",
    "two_currencies", "not_a_currency", "not_a_year", "not_kip",
    "missing_required", "future_date", "before_min_date", "negative", "above_max", "below_min",
    "birth_year_range", "currency_conflict", "duplicate_person_ref", "unknown_person",
    "person_quarantined",
)


def is_blank(value: object) -> bool:
    """Blank cells arrive as None, '' or whitespace; NaN comes from pandas."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def to_ascii_digits(text: str) -> str:
    """Thai and Lao digits → Arabic digits (๒๕ = 25)."""
    return text.translate(THAI_DIGITS).translate(LAO_DIGITS)


def vocab_key(value: object) -> str:
    """Matching key: spec §6.2 ignores surrounding and internal whitespace and letter case."""
    return re.sub(r"\s+", "", str(value)).casefold()


def lookup(value: object, mapping: Mapping[str, str]) -> str | None:
    """Map a typed value to its canonical code; None for blank, ParseError when unknown.

    ``mapping`` must already be keyed by :func:`vocab_key`.
    """
    if is_blank(value):
        return None
    key = vocab_key(value)
    try:
        return mapping[key]
    except KeyError:
        raise ParseError("is not in the accepted vocabulary", "vocabulary") from None


_MULTI_SPLIT = re.compile(r"[;,\n\r]+")


def split_multi(value: object) -> list[str]:
    """Multi-valued cells are separated by ';', ',' or a line break (exports spec §1)."""
    if is_blank(value):
        return []
    return [part.strip() for part in _MULTI_SPLIT.split(str(value)) if part.strip()]


def lookup_multi(value: object, mapping: Mapping[str, str]) -> tuple[str, ...]:
    """Every part must be known; duplicates collapse, first-seen order kept."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in split_multi(value):
        code = mapping.get(vocab_key(part))
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    if unknown:
        listed = ", ".join(repr(u if len(u) <= 24 else u[:24] + "…") for u in unknown[:5])
        if len(unknown) > 5:
            listed += f" and {len(unknown) - 5} more"
        raise ParseError(f"has values not in the accepted vocabulary: {listed}", "vocabulary")
    return tuple(codes)


def _from_be(year: int) -> int:
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME_SUFFIX = re.compile(r"[ T]00:00(:00(\.0+)?)?$")


def parse_date(value: object) -> dt.date | None:
    """dd/mm/yyyy or yyyy-mm-dd, Buddhist Era or Gregorian, Thai digits, Excel cells.

    The BE offset is taken off the year *before* the calendar check, so 29/02/2563 (= 2020,
    a leap year) is valid while 29/02/2564 is not.
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _build_date(_from_be(value.year), value.month, value.day)
    if isinstance(value, bool):
        raise ParseError("is not a date", "not_a_date")
    if isinstance(value, int | float):
        return _from_serial(float(value))
    text = to_ascii_digits(str(value).strip())
    text = _TIME_SUFFIX.sub("", text)
    if m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _YMD.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text))
    else:
        raise ParseError("is not a date in dd/mm/yyyy or yyyy-mm-dd", "not_a_date")
    return _build_date(_from_be(year), month, day)


def _build_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError("is not a valid calendar date", "invalid_date") from None


def _from_serial(serial: float) -> dt.date:
    """An unformatted Excel date cell; a fraction is the time of day and is dropped."""
    low, high = EXCEL_SERIAL_RANGE
    if not math.isfinite(serial) or not low <= serial < high + 1:
        raise ParseError("is not a date", "not_a_date")
    return EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))


def parse_int(value: object) -> int | None:
    """Whole numbers in Arabic or Thai digits; '25.0' from a numeric cell is 25."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError("is not a whole number", "not_whole_number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise ParseError("is not a whole number", "not_whole_number")
    text = to_ascii_digits(str(value).strip()).replace(",", "")
    if m := re.fullmatch(r"([+-]?\d{1,15})(\.0+)?", text):  # 15 digits: no count is longer
        return int(m.group(1))
    raise ParseError("is not a whole number", "not_whole_number")


# Currency words and signs found in amount cells and currency columns, keyed by vocab_key.
CURRENCY_WORDS: dict[str, str] = {
    "thb": "THB", "บาท": "THB", "฿": "THB", "baht": "THB",
    "usd": "USD", "$": "USD", "us$": "USD", "ดอลลาร์": "USD", "ดอลล่าร์": "USD",
    "dollar": "USD", "dollars": "USD",
    "cny": "CNY", "หยวน": "CNY", "rmb": "CNY", "yuan": "CNY", "¥": "CNY",
    "lak": "LAK", "กีบ": "LAK", "kip": "LAK", "₭": "LAK", "ກີບ": "LAK",
}
_CURRENCY_TOKEN = re.compile(
    "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True)),
    re.IGNORECASE,
)
MAX_AMOUNT = 1e15  # larger than any debt or fine in any of the four currencies
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")


def parse_amount(value: object) -> tuple[float | None, str | None]:
    """Amount and the currency written inside it: '฿100,000' → (100000.0, 'THB').

    A leading minus is kept (the range check quarantines it, naming the value); amounts in
    words ('ประมาณ 1 แสน') are not guessed at.
    """
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        raise ParseError("is not an amount", "not_an_amount")
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) >= MAX_AMOUNT:
            raise ParseError("is not an amount", "not_an_amount")
        return float(value), None
    text = to_ascii_digits(str(value).strip())
    found = {CURRENCY_WORDS[m.group(0).casefold()] for m in _CURRENCY_TOKEN.finditer(text)}
    if len(found) > 1:
        raise ParseError("names more than one currency", "two_currencies")
    number = _CURRENCY_TOKEN.sub("", text)
    number = re.sub(r"\s+", "", number)
    if number.startswith("-") or number.startswith("+"):
        sign, number = number[0], number[1:]
    else:
        sign = ""
    if not _NUMBER.match(number):
        raise ParseError("is not an amount (digits with optional separators and currency)",
                         "not_an_amount")
    amount = float(sign + number.replace(",", ""))
    if not math.isfinite(amount) or abs(amount) >= MAX_AMOUNT:
        raise ParseError("is not an amount: far too large", "not_an_amount")
    return amount, (found.pop() if found else None)


def parse_currency(value: object) -> str | None:
    """Currency column: ISO code or Thai word; None when blank."""
    if is_blank(value):
        return None
    code = CURRENCY_WORDS.get(vocab_key(value))
    if code is None:
        raise ParseError("is not a currency (THB, USD, CNY, LAK)", "not_a_currency")
    return code


_LINK_KEY = re.compile(r"^[0-9a-f]{64}$")


def link_key_status(value: object) -> tuple[str | None, str]:
    """Well-formed keys are 64 hex characters, compared case-insensitively (spec §2.2)."""
    if is_blank(value):
        return None, "missing"
    text = str(value).strip().lower()
    if _LINK_KEY.match(text):
        return text, "ok"
    return None, "malformed"


def clean_text(value: object) -> str | None:
    """Reference ids and short free text: trimmed, inner whitespace folded, blank → None."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()
