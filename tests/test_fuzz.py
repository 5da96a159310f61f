"""Hostile input: random bytes and random cells never crash the readers or the parsers.

Bounded in examples and time so CI stays fast; a failure prints the input that broke it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import parse
from pipelines.normalise import normalise
from pipelines.readers import UnreadableFile, read_export
from tests.conftest import AS_OF, BK_PERSON_HEADERS, csv_text

cells = st.one_of(
    st.none(), st.text(max_size=40), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(),
    st.sampled_from(["29/02/2564", "๒๕", "฿100,000", "N/A", "=1+1", "\x00", "อื่น ๆ", "ລາວ"]),
)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FUZZ
@given(cells)
def test_parsers_return_a_value_or_a_parse_error(value: object) -> None:
    for parser in (parse.parse_date, parse.parse_int, parse.parse_amount, parse.parse_currency,
                   parse.link_key_status, parse.clean_text, parse.split_multi):
        try:
            parser(value)
        except parse.ParseError as exc:
            assert exc.rule in parse.RULES


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_in_one_line(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "export.csv"
    path.write_bytes(data)
    try:
        read_export(path)
    except UnreadableFile as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(st.lists(st.lists(cells.map(lambda v: "" if v is None else str(v)),
                         min_size=len(BK_PERSON_HEADERS), max_size=len(BK_PERSON_HEADERS)),
                max_size=6))
def test_random_rows_are_loaded_or_quarantined(tmp_path_factory, rows: list[list[str]]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "bokeo.csv"
    path.write_text(csv_text(BK_PERSON_HEADERS, rows), encoding="utf-8")
    try:
        export = read_export(path)
    except UnreadableFile:
        return
    for table in export.tables:
        norm = normalise(table, AS_OF)
        loaded = len(norm.persons) if norm.persons is not None else 0
        assert loaded + len(norm.quarantined_rows) == table.rows_read

