"""Value parsers: each accepted spelling, and round trips over generated values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines import parse

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/11/2563", dt.date(2020, 11, 15)),
        ("29/02/2563", dt.date(2020, 2, 29)),  # BE leap day: 2563 − 543 = 2020
        ("15/11/2020", dt.date(2020, 11, 15)),  # a year below 2400 is Gregorian
        ("2021-03-05", dt.date(2021, 3, 5)),
        ("2564-03-05", dt.date(2021, 3, 5)),
        ("๑๕/๑๑/๒๕๖๓", dt.date(2020, 11, 15)),
        ("5/3/2564", dt.date(2021, 3, 5)),
        (dt.datetime(2563, 11, 15), dt.date(2020, 11, 15)),  # BE year typed into a date cell
        (dt.date(2021, 1, 2), dt.date(2021, 1, 2)),
        (44197.0, dt.date(2021, 1, 1)),  # an unformatted Excel date cell
        ("2021-03-05 00:00:00", dt.date(2021, 3, 5)),
        ("", None),
        (None, None),
    ],
)
def test_dates_accepted(typed: object, expected: dt.date | None) -> None:
    assert parse.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["29/02/2564", "31/02/2564", "13/13/2021", "2021/03",
                                   "yesterday", "05/03/21", 12.5, True])
def test_dates_rejected(typed: object) -> None:
    with pytest.raises(parse.ParseError):
        parse.parse_date(typed)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.booleans(), st.booleans())
def test_be_and_gregorian_dates_round_trip(day: dt.date, buddhist: bool, thai_digits: bool) -> None:
    year = day.year + 543 if buddhist else day.year
    text = f"{day.day:02d}/{day.month:02d}/{year}"
    if thai_digits:
        text = text.translate(THAI)
    assert parse.parse_date(text) == day
    assert parse.parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100000", (100000.0, None)),
        ("100,000", (100000.0, None)),
        ("100,000 บาท", (100000.0, "THB")),
        ("฿100,000", (100000.0, "THB")),
        ("2,800 USD", (2800.0, "USD")),
        ("$2,800", (2800.0, "USD")),
        ("1,500,000", (1500000.0, None)),
        ("๒,๕๐๐", (2500.0, None)),
        ("500 หยวน", (500.0, "CNY")),
        (35000, (35000.0, None)),
        ("-500", (-500.0, None)),
        ("", (None, None)),
    ],
)
def test_amounts(typed: object, expected: tuple) -> None:
    assert parse.parse_amount(typed) == expected


@pytest.mark.parametrize("typed", ["ประมาณ 1 แสน", "12,34", "1.2.3", "100 USD บาท", "abc"])
def test_amounts_rejected(typed: str) -> None:
    with pytest.raises(parse.ParseError):
        parse.parse_amount(typed)


@given(st.integers(min_value=0, max_value=10**9),
       st.sampled_from(["", " บาท", " USD", " THB", " กีบ"]),
       st.sampled_from(["", "฿", "$"]), st.booleans())
def test_amount_round_trip(value: int, suffix: str, prefix: str, separators: bool) -> None:
    if prefix and suffix:
        suffix = ""
    number = f"{value:,}" if separators else str(value)
    amount, currency = parse.parse_amount(f"{prefix}{number}{suffix}")
    assert amount == value
    expected = parse.CURRENCY_WORDS.get(parse.vocab_key(prefix or suffix)) if (
        prefix or suffix) else None
    assert currency == expected


@given(st.text(alphabet=" \t\nabcXYZอื่น ๆ", max_size=20))
def test_vocab_key_ignores_whitespace_and_case(text: str) -> None:
    spaced = "  " + " ".join(text.upper()) + "\n"
    assert parse.vocab_key(spaced) == parse.vocab_key(text)


def test_lookup_and_multi() -> None:
    table = {parse.vocab_key("อื่น ๆ"): "other", "facebook": "facebook", "tiktok": "tiktok"}
    assert parse.lookup("อื่นๆ", table) == "other"
    assert parse.lookup(" ", table) is None
    assert parse.lookup_multi("Facebook; TIKTOK\nfacebook", table) == ("facebook", "tiktok")
    with pytest.raises(parse.ParseError, match="'MySpace'"):
        parse.lookup_multi("facebook, MySpace", table)


@given(st.integers(min_value=0, max_value=150), st.booleans())
def test_int_round_trip(value: int, thai: bool) -> None:
    text = str(value).translate(THAI) if thai else str(value)
    assert parse.parse_int(text) == value
    assert parse.parse_int(float(value)) == value


def test_int_rejects_fractions_and_words() -> None:
    for typed in ("25.5", 25.5, "twenty", "2 5x"):
        with pytest.raises(parse.ParseError):
            parse.parse_int(typed)


def test_link_key_status() -> None:
    key = "AB" * 32
    assert parse.link_key_status(key) == (key.lower(), "ok")
    assert parse.link_key_status("") == (None, "missing")
    for bad in ("N/A", "-", "ab" * 31, "zz" * 32):
        assert parse.link_key_status(bad) == (None, "malformed")
