"""What each province sends, held as data: sheets, headers and vocabularies per source.

A difference between the provinces is a row in a mapping table here, never a branch in the
normalising code, so a new spelling a clerk starts using is a one-line change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipelines.parse import vocab_key

# How a cell is read; see normalise.PARSERS.
KINDS = (
    "ref", "text", "int", "year", "date", "amount", "lak", "currency", "code", "codes",
    "link_key", "bool", "site",
)


@dataclass(frozen=True)
class Field:
    """One column of an export: the headers it may carry and how its cells are read."""

    name: str  # the spec's alias: what quarantine reasons call the column
    target: str  # the column of the normalised frame
    headers: tuple[str, ...]  # accepted headers besides ``name`` (Thai, Lao, English)
    kind: str
    vocab: Mapping[str, str] | None = None  # keyed by vocab_key
    required: bool = False

    def header_keys(self) -> set[str]:
        return {vocab_key(h) for h in (self.name, *self.headers)}


@dataclass(frozen=True)
class SheetSpec:
    """One table of an export: a workbook sheet or a CSV file."""

    kind: str  # cr_persons | cr_steps | cr_fines | bk_persons | bk_fines
    source: str
    sheet_names: tuple[str, ...]  # accepted sheet names (workbooks); empty for CSV
    fields: tuple[Field, ...]
    key_headers: tuple[str, ...]  # field names that must all be in the header row
    ignored_headers: tuple[str, ...] = ()  # read never: free-text notes

    @property
    def role(self) -> str:
        return self.kind.split("_", 1)[1]

    def header_index(self) -> dict[str, Field]:
        return {k: f for f in self.fields for k in f.header_keys()}

    def ignored_keys(self) -> set[str]:
        return {vocab_key(h) for h in self.ignored_headers}


def vocabulary(spellings: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Build a lookup keyed by vocab_key; each canonical code is also accepted as itself."""
    table: dict[str, str] = {}
    for code, words in spellings.items():
        for word in (code, *words):
            key = vocab_key(word)
            if table.get(key, code) != code:
                raise ValueError(f"spelling {word!r} maps to both {table[key]} and {code}")
            table[key] = code
    return table


# Shared by both sources: ISO codes, English names, and the sites of exports spec §3.
COUNTRY_COMMON = {
    "TH": ["Thai", "Thailand"],
    "LA": ["Lao", "Laos", "Laotian", "Lao PDR"],
    "MM": ["Myanmar", "Burma", "Burmese"],
    "KH": ["Cambodia", "Cambodian", "Khmer"],
    "CN": ["China", "Chinese"],
    "VN": ["Vietnam", "Viet Nam", "Vietnamese"],
    "other": ["others"],
}

# Sites in the order of exports spec §3: the first match wins (spec §6.7).
SITE_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("golden_triangle_sez", (
        "เขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ", "สามเหลี่ยมทองคำ", "ເຂດເສດຖະກິດພິເສດສາມຫຼ່ຽມຄຳ",
        "GTSEZ", "Golden Triangle", "Kings Romans", "คิงส์โรมัน", "golden_triangle_sez",
    )),
    ("shwe_kokko", ("ชเวโก๊กโก่", "Shwe Kokko", "Yatai", "shwe_kokko")),
    ("kk_park", ("เคเคปาร์ค", "KK Park", "kk_park")),
    ("myawaddy_other", ("เมียวดี", "Myawaddy", "myawaddy_other")),
    ("sihanoukville", ("สีหนุวิลล์", "Sihanoukville")),
)
SITE_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (site, tuple(vocab_key(s) for s in spellings)) for site, spellings in SITE_SPELLINGS
)
