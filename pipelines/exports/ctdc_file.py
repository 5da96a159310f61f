"""Person-level CSV in the CTDC global dataset's coding, k-anonymised (k = 11 as CTDC publishes).

Coding (shared reference ``ctdc-coding.md``):

- ``yearOfRegistration`` = the person's monitoring year (first contact with the mechanism);
  empty when unknown.
- ``gender``: female → ``Woman``, male → ``Man``, other → ``Trans/Transgender/NonConforming``,
  unknown → empty.
- ``ageBroad``: our CTDC band with CTDC's double hyphen (``9-17`` → ``09--17``); empty when the
  age is unknown.
- ``citizenship``, ``CountryOfExploitation``: ISO 3166-1 alpha-3. A country outside the six we
  code (``other``) has no code and is empty, as is an unknown one.
- Means of control (``person_control_means`` → CTDC's merged flags), see ``MEANS``; exploitation
  types see ``EXPLOITATION``; recruiter relation from recruitment channels see ``RECRUITER``.
- Every flag is ``1`` or empty, never ``0``: empty means "not recorded", not "no".
- Not held by us, always empty: ``traffickMonths``, ``meansFalsePromises``,
  ``meansExcessiveWorkHours``, ``typeOfLabour*``, ``typeOfSex*``,
  ``recruiterRelationIntimatePartner``.

Disclosure: k-anonymity over the quasi-identifiers (``QUASI_IDENTIFIERS``) by the generalisation
ladder ``LADDER`` (``kanon``), then suppression of the records still in groups under k. No
person_id or other key is written, and rows are sorted by their own values so that their order
says nothing about who they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines import schema, sql
from pipelines.exports import common, kanon

DEFAULT_K = 11

COLUMNS = (
    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
    "traffickMonths", "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex",
    "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds", "meansExcessiveWorkHours",
    "meansWithholdDocs", "isForcedLabour", "isSexualExploit", "isOtherExploit",
    "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
    "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography",
    "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
    "recruiterRelationOther",
)
QUASI_IDENTIFIERS = COLUMNS[:5]
FLAGS = COLUMNS[6:]

GENDER = {"female": "Woman", "male": "Man", "other": "Trans/Transgender/NonConforming",
          "unknown": ""}
AGE_BROAD = {"0-8": "0--8", "9-17": "09--17", "18-20": "18--20", "21-23": "21--23",
             "24-26": "24--26", "27-29": "27--29", "30-38": "30--38", "39-47": "39--47",
             "48+": "48+"}
ALPHA3 = {"TH": "THA", "LA": "LAO", "MM": "MMR", "KH": "KHM", "CN": "CHN", "VN": "VNM",
          "other": ""}

# Our code → CTDC flag (None: CTDC has no flag for it; the value is not exported).
MEANS: dict[str, str | None] = {
    "withholds_documents": "meansWithholdDocs",
    "threats": "meansThreats",
    "physical_violence": "meansAbusePsyPhySex",
    "sexual_abuse": "meansAbusePsyPhySex",
    "debt_bondage": "meansDebtBondageEarnings",
    "withholds_wages": "meansDebtBondageEarnings",  # taking earnings
    "arbitrary_fines": "meansDebtBondageEarnings",  # fines are earnings taken
    "restricts_movement": "meansDenyBasicNeeds",    # CTDC merges restricting movement here
    "forced_drug_use": "meansDrugsAlcohol",
    "sold_on": None,  # being sold on is not among CTDC's means of control
}
EXPLOITATION: dict[str, str | None] = {
    "forced_labour": "isForcedLabour",
    "sexual_exploitation": "isSexualExploit",
    "forced_criminality": "isOtherExploit",  # CTDC has no flag of its own for it
    "other": "isOtherExploit",
}
# Recruitment channels that name a relation to the recruiter. A social-media platform is how
# the person was reached, not who reached them: no relation flag.
RECRUITER: dict[str, str | None] = {
    "friend_acquaintance": "recruiterRelationFriend",
    "family": "recruiterRelationFamily",
    "broker": "recruiterRelationOther",
    "job_advert": "recruiterRelationOther",
    "other": "recruiterRelationOther",
    "facebook": None,
    "tiktok": None,
    "line": None,
    "telegram": None,
}
FIELD_MAPS = {"control_means": MEANS, "exploitation": EXPLOITATION, "channel": RECRUITER}

# ---------------------------------------------------------------- the generalisation ladder
WIDE_AGE = {"0--8": "0--17", "09--17": "0--17", "18--20": "18--29", "21--23": "18--29",
            "24--26": "18--29", "27--29": "18--29", "30--38": "30+", "39--47": "30+",
            "48+": "30+"}
YEAR_ANCHOR = schema.YEAR_MIN  # spans start at 2000 + a multiple of their width
MECHANISM_COUNTRIES = ("THA", "LAO")


def _wide_age(value: str) -> str:
    return WIDE_AGE.get(value, value)


def year_span(value: str, width: int) -> str:
    """``2021`` → ``2020--2021`` (width 2); a narrower span → the span containing it."""
    if value.isdigit():
        first = int(value)
    elif "--" in value:
        lo, hi = value.split("--")
        if int(hi) - int(lo) + 1 >= width:
            return value
        first = int(lo)
    else:
        return value
    start = YEAR_ANCHOR + (first - YEAR_ANCHOR) // width * width
    return f"{start}--{start + width - 1}"


def _mechanism_country(value: str) -> str:
    return value if value in MECHANISM_COUNTRIES else ""


def _empty(value: str) -> str:
    return ""


_Q = {name: i for i, name in enumerate(QUASI_IDENTIFIERS)}
# Each rung applies to what the rungs before it produced (a record at rung 5 has rungs 1–5
# applied). Order: age and year are coarsened before anything is emptied; a third-country
# citizenship (rare, so identifying) goes before age and year are emptied; the country of
# exploitation, what the mechanism monitors (TH→LA, →MM, →KH), goes last.
LADDER: tuple[kanon.Step, ...] = (
    kanon.Step("ageBroad in wide bands", _Q["ageBroad"], _wide_age,
               "0--17, 18--29, 30+"),
    kanon.Step("yearOfRegistration in 2-year spans", _Q["yearOfRegistration"],
               lambda v: year_span(v, 2), "2020--2021, 2022--2023, …"),
    kanon.Step("yearOfRegistration in 4-year spans", _Q["yearOfRegistration"],
               lambda v: year_span(v, 4), "2016--2019, 2020--2023, 2024--2027, …"),
    kanon.Step("citizenship outside THA, LAO left empty", _Q["citizenship"],
               _mechanism_country),
    kanon.Step("ageBroad left empty", _Q["ageBroad"], _empty),
    kanon.Step("yearOfRegistration left empty", _Q["yearOfRegistration"], _empty),
    kanon.Step("CountryOfExploitation outside THA, LAO left empty",
               _Q["CountryOfExploitation"], _mechanism_country),
)


def level_names(ladder: Sequence[kanon.Step] = LADDER) -> list[str]:
    return ["as recorded", *(step.name for step in ladder)]


# ---------------------------------------------------------------- records
def quasi_identifiers(year: int | None, sex: str, age_band: str | None,
                      nationality: str | None, exploitation_country: str | None
                      ) -> tuple[str, ...]:
    """The five quasi-identifiers of a person in CTDC coding, before generalisation."""
    return (
        "" if year is None else str(year),
        GENDER[sex],
        "" if age_band is None else AGE_BROAD[age_band],
        "" if nationality is None else ALPHA3[nationality],
        "" if exploitation_country is None else ALPHA3[exploitation_country],
    )


def person_flags(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The CTDC flags each person has, from their channels, exploitation and means of control."""
    flags: dict[str, set[str]] = defaultdict(set)
    for person_id, field, code in con.execute(sql.EXPORT_PERSON_CODES).fetchall():
        flag = FIELD_MAPS[field][code]
        if flag:
            flags[person_id].add(flag)
    return flags


def records(con: duckdb.DuckDBPyConnection) -> list[tuple[str, tuple[str, ...], set[str]]]:
    """(person_id, quasi-identifiers, flags) of every person, in person_id order."""
    flags = person_flags(con)
    return [(pid, quasi_identifiers(year, sex, band, nat, country), flags.get(pid, set()))
            for pid, year, sex, band, nat, country
            in con.execute(sql.EXPORT_CTDC_PERSONS).fetchall()]


def row(qis: Sequence[str], flags: set[str]) -> list[str]:
    """A CSV row: the quasi-identifiers, traffickMonths (empty), the flags."""
    return [*qis, "", *("1" if f in flags else "" for f in FLAGS)]


# ---------------------------------------------------------------- the export
def ctdc(con: duckdb.DuckDBPyConnection, out: Path, k: int = DEFAULT_K, *,
         ladder: Sequence[kanon.Step] = LADDER) -> dict:
    """Write the k-anonymised CTDC CSV to ``out`` and its description to ``<out>.md``.

    Returns ``format``, ``k``, ``records`` (persons), ``rows`` (written), ``generalised`` (rows
    with a quasi-identifier coarser than recorded), ``suppressed`` (persons left out),
    ``by_level`` (rows per rung of the ladder), ``smallest_group`` and ``paths``.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    path = common.output_file(out)
    people = records(con)
    result = kanon.anonymise([qis for _, qis, _ in people], k, ladder)
    lines = sorted(row(values, flags) for (_, _, flags), values
                   in zip(people, result.values, strict=True) if values is not None)
    written = common.write_csv(path, COLUMNS, lines)
    names = level_names(ladder)
    summary = {
        "format": "ctdc",
        "k": k,
        "records": len(people),
        "rows": written,
        "generalised": result.generalised,
        "suppressed": result.suppressed,
        "by_level": {names[lv]: n for lv, n in result.by_level().items()},
        "smallest_group": kanon.smallest_group(result.values),
        "paths": [str(path), str(common.sidecar(path))],
    }
    common.sidecar(path).write_text(_readme(path.name, summary, ladder), encoding="utf-8")
    return summary


def _mapping_table(mapping: dict[str, str | None], why: dict[str, str]) -> list[str]:
    lines = ["| our code | CTDC flag |", "|---|---|"]
    for code, flag in mapping.items():
        lines.append(f"| `{code}` | {f'`{flag}`' if flag else '— ' + why.get(code, '')} |")
    return lines


def _readme(name: str, summary: dict, ladder: Sequence[kanon.Step]) -> str:
    k = summary["k"]
    out = [
        f"# {name} — CTDC global dataset coding, k-anonymised (k = {k})",
        "",
        "One row per person (potential victim) of the joint Chiang Rai – Bokeo monitoring "
        "mechanism, in the Counter-Trafficking Data Collaborative's 2024 coding. No identifier "
        "is included and rows are sorted by their own values.",
        "",
        "## Disclosure control",
        "",
        f"Every combination of the quasi-identifiers ({', '.join(QUASI_IDENTIFIERS)}) occurs "
        f"in at least {k} rows. Where a person's combination was rarer, it was made coarser "
        "along this ladder, one rung at a time and only as far as needed (a row at rung n has "
        "the generalisations of rungs 1 to n); persons still in a group smaller than k were "
        "left out.",
        "",
        "| rung | generalisation | rows kept at this rung |",
        "|---|---|---|",
    ]
    by_level = summary["by_level"]
    for i, name_ in enumerate(level_names(ladder)):
        doc = ladder[i - 1].doc if i else ""
        out.append(f"| {i} | {name_}{f' ({doc})' if doc else ''} | {by_level.get(name_, 0)} |")
    out += [
        "",
        f"Persons: {summary['records']}; rows written: {summary['rows']}, of which "
        f"{summary['generalised']} generalised; suppressed: {summary['suppressed']}.",
        "",
        "An empty quasi-identifier means unknown, or generalised away (the last rungs).",
        "",
        "## Coding",
        "",
        "- `yearOfRegistration`: the monitoring year (year of first contact with the mechanism).",
        "- `gender`: " + ", ".join(f"{k_} → `{v}`" if v else f"{k_} → empty"
                                   for k_, v in GENDER.items()) + ".",
        "- `ageBroad`: CTDC bands written with a double hyphen (`0--8`, `09--17`, …, `48+`).",
        "- `citizenship`, `CountryOfExploitation`: ISO 3166-1 alpha-3 "
        f"({', '.join(v for v in ALPHA3.values() if v)}); other countries and unknown: empty.",
        "- Flags are `1` or empty (not recorded), never `0`.",
        "- Not recorded by the mechanism, always empty: `traffickMonths`, `meansFalsePromises`, "
        "`meansExcessiveWorkHours`, `typeOfLabour*`, `typeOfSex*`, "
        "`recruiterRelationIntimatePartner`.",
        "",
        "### Means of control",
        "",
        *_mapping_table(MEANS, {"sold_on": "no CTDC flag"}),
        "",
        "### Type of exploitation",
        "",
        *_mapping_table(EXPLOITATION, {}),
        "",
        "### Recruiter relation (from the recruitment channel)",
        "",
        *_mapping_table(RECRUITER, {c: "a platform, not a relation" for c in
                                    ("facebook", "tiktok", "line", "telegram")}),
        "",
    ]
    return "\n".join(out)
