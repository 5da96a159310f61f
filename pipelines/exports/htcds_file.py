"""Person-level CSV of the fields we hold, under their HTCDS 2.0 names, with a data dictionary.

For exchange between the two governments' analysts only (spec §5: row-level data never leaves
the analyst view); the dictionary written next to the CSV (``<out>.md``) says so.

- A field the standard has is written under its HTCDS name (``prs_Gender``,
  ``vic_MethodsOfControl`` …) with the standard's picklist value names; multi-valued fields are
  the picklist values separated by ``;``, in the standard's order.
- What the standard has no field for, or no value for, is a local extension: an ``x_`` column
  (``x_ForcedCriminality``, ``x_FinesTotalUSD`` …). Beside each mapped multi-valued field an
  ``x_`` column keeps our own codes (spec §1), because several of our codes map onto one HTCDS
  value (``Other``, ``TakesEarnings``, ``ThroughOnlineSocialNetworks``).
- No free text (home province as typed, agency names, unrecognised site text, notes — never
  loaded anyway) and no source keys (person_ref, case_ref, joint_ref, link_key): the person is
  ``x_PersonId``, tipmon's person_id.
- The schema's ``htcds`` metadata names the field of each column; three of its names are not
  fields of the HTCDS 2.0 standard (``HTCDS_NAME_FIXES``) and are written under the standard's
  nearest field, or as a local extension where it has none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines import schema, sql, vocab
from pipelines.exports import common

# The HTCDS 2.0 picklists we write (shared reference htcds2_field_standards.csv, value names in
# the standard's order); tests/test_exports.py checks them against the csv.
HTCDS_PICKLISTS: dict[str, tuple[str, ...]] = {
    "prs_Gender": ("Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine",
                   "NonConforming", "NonSpecifiedUnknown"),
    "prs_Citizenship": (),  # ISO 3166 country codes, two letters
    "vic_TraffickingStatus": ("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking",
                              "NotAVictimOfTrafficking"),
    "vic_AgeWhenTrafficked": (),
    "vic_MethodOfRecruitment": (
        "AtAPlaceOfBusiness", "AtAnEducationalInstitution", "AtWork",
        "ThroughOnlineSocialNetworks", "ThroughAnOnlineAdvertisement", "ThroughATelevisionAdvert",
        "ThroughANewspaperAdvert", "ThroughFamilyOrFamilyEvents", "ThroughFriendsOrSocialEvents",
        "Other"),
    "vic_RecruitmentWebsitesAndApps": (
        "Facebook", "Instagram", "WhatsApp", "Telegram", "FacebookMessenger", "Viber", "SnapChat",
        "Line", "4Sale", "WeChat", "QQ", "QZone", "TikTok", "Twitter", "Other"),
    "vic_MethodsOfControl": (
        "PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage",
        "FalsePromises", "PhysicalAbuse", "SexualAbuse", "TakesEarnings",
        "RestrictsFinancialAccess", "RestrictsMedicalCare", "WithholdsNecessities",
        "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
        "WithholdsDocuments", "Other"),
    "vic_TypeOfExploitation": (
        "ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
        "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
        "Surrogacy", "Other"),
}
# schema.py ``htcds`` names that are not HTCDS 2.0 fields → what we write instead.
HTCDS_NAME_FIXES = {
    "prs_Nationality": "prs_Citizenship",  # the standard's field for it (ISO 3166 codes)
    "prs_Age": "vic_AgeWhenTrafficked",    # Chiang Rai records the age when recruited
    "vic_CountryOfExploitation": "x_CountryOfExploitation",  # HTCDS: hte_Country of an event
}

# ---------------------------------------------------------------- our codes → HTCDS values
GENDER = {"female": "Feminine", "male": "Masculine", "other": "NonConforming",
          "unknown": "NonSpecifiedUnknown"}
# Chiang Rai's screening; a person without one (Bokeo only) is a potential victim (spec §3).
TRAFFICKING_STATUS = {"identified_victim": "ActualVictimOfTrafficking",
                      "not_victim": "NotAVictimOfTrafficking",
                      "pending": "PossibleVictimOfTrafficking",
                      "not_screened": "PossibleVictimOfTrafficking",
                      None: "PossibleVictimOfTrafficking"}
METHOD_OF_RECRUITMENT = {
    "facebook": "ThroughOnlineSocialNetworks",
    "tiktok": "ThroughOnlineSocialNetworks",
    "line": "ThroughOnlineSocialNetworks",
    "telegram": "ThroughOnlineSocialNetworks",
    "friend_acquaintance": "ThroughFriendsOrSocialEvents",
    "family": "ThroughFamilyOrFamilyEvents",
    "broker": "Other",      # the standard has no broker
    "job_advert": "Other",  # online, television or newspaper advert: the medium is not recorded
    "other": "Other",
}
RECRUITMENT_APPS = {"facebook": "Facebook", "tiktok": "TikTok", "line": "Line",
                    "telegram": "Telegram"}
METHODS_OF_CONTROL = {
    "withholds_documents": "WithholdsDocuments",
    "threats": "Other",  # the kind of threat (physical, law enforcement, family) is not recorded
    "physical_violence": "PhysicalAbuse",
    "restricts_movement": "Other",  # the standard has no restriction of movement
    "debt_bondage": "DebtBondage",
    "forced_drug_use": "PsychoactiveSubstance",
    "sexual_abuse": "SexualAbuse",
    "sold_on": "Other",
    "arbitrary_fines": "TakesEarnings",
    "withholds_wages": "TakesEarnings",
}
TYPE_OF_EXPLOITATION = {"forced_labour": "ForcedLabour",
                        "sexual_exploitation": "SexualExploitation",
                        "forced_criminality": "Other",  # no HTCDS value: x_ForcedCriminality
                        "other": "Other"}
COUNTRIES = {c: ("" if c == "other" else c) for c in vocab.COUNTRIES}  # ISO alpha-2 already

_MULTI_FIELDS = {"channel": vocab.CHANNELS, "exploitation": vocab.EXPLOITATION,
                 "control_means": vocab.CONTROL_MEANS}


def _htcds_name(table: schema.Table, column: str) -> str:
    name = table.column(column).htcds
    if not name:
        raise KeyError(f"{table.name}.{column} has no htcds name")
    return HTCDS_NAME_FIXES.get(name, name)


# ---------------------------------------------------------------- the columns
@dataclass(frozen=True)
class Field:
    name: str
    type: str
    source: str
    doc: str
    value: Callable[[dict], str]

    @property
    def local(self) -> bool:
        return self.name.startswith("x_")


def _multi(mapping: dict[str, str], field: str, picklist: str) -> Callable[[dict], str]:
    order = HTCDS_PICKLISTS[picklist]

    def value(p: dict) -> str:
        got = {mapping[c] for c in p["codes"][field] if c in mapping}
        return ";".join(v for v in order if v in got)
    return value


def _codes(field: str) -> Callable[[dict], str]:
    order = _MULTI_FIELDS[field]
    return lambda p: ";".join(c for c in order if c in p["codes"][field])


def _get(key: str, mapping: dict | None = None) -> Callable[[dict], str]:
    if mapping is None:
        return lambda p: common.text(p[key])
    return lambda p: mapping.get(None, "") if p[key] is None else mapping[p[key]]


def _forced_criminality(p: dict) -> str:
    known = p["codes"]["exploitation"]
    return "" if not known else common.text("forced_criminality" in known)


def _pascal(step: str) -> str:
    return "".join(part.capitalize() for part in step.split("_"))


P = schema.PERSONS
FIELDS: tuple[Field, ...] = (
    Field("x_PersonId", "Text", "persons.person_id",
          "tipmon's stable person id (the same in every export and in the database)",
          _get("person_id")),
    Field(_htcds_name(P, "sex"), "Picklist", "persons.sex",
          "female → Feminine, male → Masculine, other → NonConforming (the provinces do not "
          "record whether transgender), unknown → NonSpecifiedUnknown", _get("sex", GENDER)),
    Field(_htcds_name(P, "age"), "Number", "persons.age",
          "age in years: Chiang Rai's age when recruited; for a person only Bokeo recorded, "
          "the monitoring year minus the year of birth", _get("age")),
    Field(_htcds_name(P, "nationality"), "Multiselect Picklist", "persons.nationality",
          "ISO 3166-1 alpha-2 (TH, LA, MM, KH, CN, VN); empty when unknown or another country "
          "(the provinces' exports do not say which)", _get("nationality", COUNTRIES)),
    Field("vic_TraffickingStatus", "Picklist", "persons.screening_result",
          "identified_victim → ActualVictimOfTrafficking, not_victim → NotAVictimOfTrafficking, "
          "pending, not_screened or no Chiang Rai screening → PossibleVictimOfTrafficking",
          _get("screening_result", TRAFFICKING_STATUS)),
    Field(_htcds_name(schema.PERSON_CHANNELS, "channel"), "Multiselect Picklist",
          "person_channels.channel", "see the recruitment table below",
          _multi(METHOD_OF_RECRUITMENT, "channel", "vic_MethodOfRecruitment")),
    Field("vic_RecruitmentWebsitesAndApps", "Multiselect Picklist", "person_channels.channel",
          "facebook → Facebook, tiktok → TikTok, line → Line, telegram → Telegram",
          _multi(RECRUITMENT_APPS, "channel", "vic_RecruitmentWebsitesAndApps")),
    Field(_htcds_name(schema.PERSON_EXPLOITATION, "exploitation_type"), "Multiselect Picklist",
          "person_exploitation.exploitation_type",
          "forced_labour → ForcedLabour, sexual_exploitation → SexualExploitation, "
          "forced_criminality and other → Other (see x_ForcedCriminality)",
          _multi(TYPE_OF_EXPLOITATION, "exploitation", "vic_TypeOfExploitation")),
    Field(_htcds_name(schema.PERSON_CONTROL_MEANS, "means"), "Multiselect Picklist",
          "person_control_means.means", "see the means-of-control table below",
          _multi(METHODS_OF_CONTROL, "control_means", "vic_MethodsOfControl")),
    Field(_htcds_name(P, "exploitation_country"), "Text", "persons.exploitation_country",
          "country where the person was exploited, ISO 3166-1 alpha-2 as prs_Citizenship "
          "(HTCDS records it as a Historic Trafficking Event, hte_Type = Exploitation, "
          "hte_Country; it has no field on the person)", _get("exploitation_country", COUNTRIES)),
    Field("x_ExploitationSite", "Picklist (local)", "persons.site",
          "recognised site: " + ", ".join(vocab.SITES) + "; empty when none was recognised "
          "(unrecognised site text is never exported)", _get("site")),
    Field("x_ForcedCriminality", "Checkbox (local)", "person_exploitation",
          "true when forced criminality (scam compounds) is among the exploitation types, false "
          "when other types are known but not it, empty when no type is known; HTCDS has no "
          "value for it", _forced_criminality),
    Field("x_RecruitmentChannels", "Multiselect Picklist (local)", "person_channels.channel",
          "our codes: " + ", ".join(vocab.CHANNELS), _codes("channel")),
    Field("x_TypeOfExploitation", "Multiselect Picklist (local)",
          "person_exploitation.exploitation_type", "our codes: " + ", ".join(vocab.EXPLOITATION),
          _codes("exploitation")),
    Field("x_MethodsOfControl", "Multiselect Picklist (local)", "person_control_means.means",
          "our codes: " + ", ".join(vocab.CONTROL_MEANS), _codes("control_means")),
    Field("x_Education", "Picklist (local)", "persons.education",
          "our codes: " + ", ".join(vocab.EDUCATION) + ". Not written as "
          "prs_HighestLevelOfEducation: secondary (lower or upper), vocational (ISCED 3 to 5) "
          "and postgraduate (master's or doctoral) have no single ISCED level", _get("education")),
    Field("x_ScreeningResult", "Picklist (local)", "persons.screening_result",
          "Chiang Rai's screening: " + ", ".join(vocab.SCREENING), _get("screening_result")),
    Field("x_MonitoringYear", "Number (local)", "persons.monitoring_year",
          "year of the earliest dated referral step in either source; empty when unknown",
          _get("monitoring_year")),
    Field("x_FirstContactDate", "Date (local)", "persons.first_contact_date",
          "date of the earliest dated referral step (YYYY-MM-DD)", _get("first_contact_date")),
    *(Field(f"x_{_pascal(step)}Date", "Date (local)", "referral_steps",
            f"earliest date of the step {step} in either source", _get(f"step_{step}"))
      for step in vocab.STEPS),
    Field("x_LaoOutcome", "Picklist (local)", "persons.lao_outcome",
          "Bokeo's outcome: " + ", ".join(vocab.LAO_OUTCOME), _get("lao_outcome")),
    Field("x_ImmigrationFineLAK", "Number (local)", "persons.immigration_fine_lak",
          "immigration fine imposed in Lao PDR, kip", _get("immigration_fine_lak")),
    Field("x_DetainedDays", "Number (local)", "persons.detained_days",
          "days detained in Lao PDR", _get("detained_days")),
    Field("x_ScreenedInLaos", "Checkbox (local)", "persons.screened_in_laos",
          "Bokeo: whether a victim screening took place", _get("screened_in_laos")),
    Field("x_FinesCount", "Number (local)", "fines",
          "fines imposed on the person at the place of exploitation, both sources (0: none "
          "recorded)",
          _get("fines")),
    Field("x_FinesTotalUSD", "Number (local)", "fines.amount_usd",
          "total of those fines in USD at the monitoring year's rate; empty when a fine has no "
          "rate (no monitoring year)", _get("fines_usd")),
    Field("x_FinesTotalTHB", "Number (local)", "fines.amount_thb", "the same total in THB",
          _get("fines_thb")),
    Field("x_FineReasons", "Multiselect Picklist (local)", "fines.reason",
          "our codes: " + ", ".join(vocab.FINE_REASONS), _get("fine_reasons")),
    Field("x_DebtUSD", "Number (local)", "debts.amount_usd",
          "the largest debt either source recorded, USD at the monitoring year's rate",
          _get("debt_usd")),
    Field("x_DebtTHB", "Number (local)", "debts.amount_thb", "the same debt in THB",
          _get("debt_thb")),
    Field("x_InChiangRai", "Checkbox (local)", "persons.in_chiang_rai",
          "Chiang Rai recorded the person", _get("in_chiang_rai")),
    Field("x_InBokeo", "Checkbox (local)", "persons.in_bokeo", "Bokeo recorded the person",
          _get("in_bokeo")),
    Field("x_LinkedBy", "Picklist (local)", "persons.linked_by",
          "how the two provinces' records were linked: link_key, joint_ref; empty when one "
          "province only", _get("linked_by")),
)
COLUMNS = tuple(f.name for f in FIELDS)
# Never exported: free text and the provinces' own keys (checked by the tests).
LEFT_OUT = {
    "home_province": "free text as recorded",
    "agency (referral_steps)": "names of agencies and officers: free text",
    "site_text": "unrecognised site as typed: free text",
    "notes": "never loaded",
    "person_ref, case_ref, joint_ref, link_key": "the provinces' keys; x_PersonId instead",
    "direction, age_band": "derived from columns above",
}


# ---------------------------------------------------------------- the data
def persons(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """One dict per person with everything the fields read, in person_id order."""
    cur = con.execute(sql.EXPORT_HTCDS_PERSONS)
    names = [d[0] for d in cur.description]
    people = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    codes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pid, field, code in con.execute(sql.EXPORT_PERSON_CODES).fetchall():
        codes[pid][field].add(code)
    fines = {r[0]: r[1:] for r in con.execute(sql.EXPORT_FINES_PER_PERSON).fetchall()}
    debts = {r[0]: r[1:] for r in con.execute(sql.EXPORT_DEBT_PER_PERSON).fetchall()}
    steps: dict[str, dict[str, object]] = defaultdict(dict)
    for pid, step, date in con.execute(sql.EXPORT_STEP_DATES).fetchall():
        steps[pid][step] = date
    for p in people:
        pid = p["person_id"]
        p["codes"] = {f: codes[pid][f] for f in _MULTI_FIELDS}
        n, usd, thb, reasons = fines.get(pid, (None, None, None, []))
        p.update(fines=n or 0, fines_usd=usd, fines_thb=thb,
                 fine_reasons=";".join(r for r in vocab.FINE_REASONS if r in reasons))
        p["debt_usd"], p["debt_thb"] = debts.get(pid, (None, None))
        p.update({f"step_{s}": steps[pid].get(s) for s in vocab.STEPS})
    return people


def htcds(con: duckdb.DuckDBPyConnection, out: Path) -> dict:
    """Write the HTCDS CSV to ``out`` and its data dictionary to ``<out>.md``.

    Returns ``format``, ``rows`` (persons written), ``columns``, ``generalised`` and
    ``suppressed`` (0: this file is not for publication) and ``paths``.
    """
    path = common.output_file(out)
    people = persons(con)
    written = common.write_csv(path, COLUMNS, ([f.value(p) for f in FIELDS] for p in people))
    as_of = con.execute(sql.DATA_AS_OF).fetchall()[0][0]
    doc = common.sidecar(path)
    doc.write_text(dictionary(path.name, written, as_of), encoding="utf-8")
    return {"format": "htcds", "rows": written, "columns": len(COLUMNS), "generalised": 0,
            "suppressed": 0, "paths": [str(path), str(doc)]}


# ---------------------------------------------------------------- the data dictionary
def _table(mapping: dict, our: str, theirs: str) -> list[str]:
    lines = [f"| {our} | {theirs} |", "|---|---|"]
    lines += [f"| `{k}` | `{v}` |" if v else f"| `{k}` | (empty) |"
              for k, v in mapping.items() if k is not None]
    return lines


def dictionary(name: str, rows: int, as_of: object) -> str:
    out = [
        f"# {name} — HTCDS 2.0 person-level exchange file",
        "",
        "> **Restricted: person-level data.** This file is for exchange between the analysts "
        "of the Royal Thai Government and the Government of the Lao PDR working on the joint "
        "Chiang Rai – Bokeo monitoring mechanism, and for nobody else. Do not publish it, pass "
        "it on, attach it to a report or show it at a meeting: row-level data never leaves "
        "the analyst view (monitoring-model spec §5). Published figures come from the "
        "meeting-mode tables, which apply disclosure control.",
        "",
        f"One row per person after cross-border linkage: {rows} persons; data as of "
        f"{as_of or 'n/a'}. UTF-8 CSV, comma-separated, one header row. Fields of the Human "
        "Trafficking Case Data Standard (HTCDS) 2.0 carry its names and picklist value names; "
        "multi-valued fields hold picklist values separated by `;` in the standard's order. "
        "Columns starting with `x_` are local extensions (not in HTCDS 2.0). An empty cell is "
        "unknown or not recorded.",
        "",
        "It holds no free text (home province as typed, agency names, unrecognised site text, "
        "notes) and none of the provinces' keys (person_ref, case_ref, joint_ref, link_key). "
        "`x_PersonId` is tipmon's person_id, the same as in the database and the Parquet "
        "export.",
        "",
        "## Columns",
        "",
        "| column | standard | type | from | meaning and values |",
        "|---|---|---|---|---|",
    ]
    for f in FIELDS:
        std = "local extension" if f.local else "HTCDS 2.0"
        out.append(f"| `{f.name}` | {std} | {f.type} | `{f.source}` | {f.doc} |")
    out += [
        "",
        "## Value mappings",
        "",
        "### vic_MethodOfRecruitment (from the recruitment channel)",
        "",
        *_table(METHOD_OF_RECRUITMENT, "our code", "HTCDS value"),
        "",
        "### vic_MethodsOfControl",
        "",
        *_table(METHODS_OF_CONTROL, "our code", "HTCDS value"),
        "",
        "Threats are recorded without their kind, so they are `Other`, not `PhysicalThreats`. "
        "Fines and withheld wages are both `TakesEarnings`; `x_MethodsOfControl` tells them "
        "apart.",
        "",
        "### vic_TypeOfExploitation",
        "",
        *_table(TYPE_OF_EXPLOITATION, "our code", "HTCDS value"),
        "",
        "### prs_Gender, vic_TraffickingStatus",
        "",
        *_table(GENDER, "sex", "prs_Gender"),
        "",
        *_table(TRAFFICKING_STATUS, "screening_result", "vic_TraffickingStatus"),
        "| (none: Bokeo only) | `PossibleVictimOfTrafficking` |",
        "",
        "## Names in tipmon's schema that are not HTCDS 2.0 fields",
        "",
        *_table(HTCDS_NAME_FIXES, "schema metadata", "written as"),
        "",
        "## Left out",
        "",
        *(f"- `{k}`: {v}" for k, v in LEFT_OUT.items()),
        "",
    ]
    return "\n".join(out)
