"""Cross-border linkage (spec §2.2–2.3): source persons → persons. Pure pandas, no database.

Two rules, in order: equal well-formed ``link_key``; else, for persons without a well-formed key,
a shared ``joint_ref`` with the same known sex and nationality and ages within one year. Only
one-to-one matches link; every other candidate pair goes to review, never silently merged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.vocab import SITE_COUNTRY, age_band

CR, BK = "chiang_rai", "bokeo"
REVIEW_COLUMNS = [
    "rule", "match_value", "chiang_rai_ref", "bokeo_ref",
    "chiang_rai_candidates", "bokeo_candidates",
]


@dataclass
class LinkResult:
    pairs: pd.DataFrame  # chiang_rai_ref, bokeo_ref, linked_by
    reviews: pd.DataFrame  # REVIEW_COLUMNS


def person_id(source: str, person_ref: str) -> str:
    """Stable id of a person, derived from their first-ingested source record (spec §6.10)."""
    return "P" + hashlib.sha256(f"{source}\x1f{person_ref}".encode()).hexdigest()[:16]


def _one_to_one(cand: pd.DataFrame, rule: str, value_col: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if cand.empty:
        return (pd.DataFrame(columns=["chiang_rai_ref", "bokeo_ref", "linked_by"]),
                pd.DataFrame(columns=REVIEW_COLUMNS))
    cand = cand.assign(
        chiang_rai_candidates=cand.groupby("chiang_rai_ref")["bokeo_ref"].transform("size"),
        bokeo_candidates=cand.groupby("bokeo_ref")["chiang_rai_ref"].transform("size"),
    )
    unique = (cand["chiang_rai_candidates"] == 1) & (cand["bokeo_candidates"] == 1)
    pairs = cand.loc[unique, ["chiang_rai_ref", "bokeo_ref"]].assign(linked_by=rule)
    reviews = cand.loc[~unique].assign(rule=rule, match_value=cand.loc[~unique, value_col])
    return pairs, reviews[REVIEW_COLUMNS]


def link(src_persons: pd.DataFrame, bokeo_first_year: pd.Series) -> LinkResult:
    """Find the one-to-one matches between the two sources.

    ``src_persons`` holds one row per source person (source, person_ref, link_key, joint_ref,
    sex, nationality, age, birth_year); ``bokeo_first_year`` maps a Bokeo person_ref to the year
    of their earliest dated step, from which their age is reckoned for rule 2.
    """
    cr = src_persons[src_persons["source"] == CR]
    bk = src_persons[src_persons["source"] == BK]

    # Rule 1: equal well-formed link_key, one-to-one.
    by_key = pd.merge(
        cr.loc[cr["link_key"].notna(), ["person_ref", "link_key"]],
        bk.loc[bk["link_key"].notna(), ["person_ref", "link_key"]],
        on="link_key", suffixes=("_cr", "_bk"),
    ).rename(columns={"person_ref_cr": "chiang_rai_ref", "person_ref_bk": "bokeo_ref"})
    pairs1, reviews1 = _one_to_one(by_key, "link_key", "link_key")

    # Rule 2: neither has a well-formed key; joint_ref, known sex, nationality, age ± 1.
    cols = ["person_ref", "joint_ref", "sex", "nationality", "age"]
    cr2 = cr.loc[cr["link_key"].isna() & cr["joint_ref"].notna(), cols]
    bk2 = bk.loc[bk["link_key"].isna() & bk["joint_ref"].notna(),
                 ["person_ref", "joint_ref", "sex", "nationality", "birth_year"]]
    bk2 = bk2.assign(age=bk2["person_ref"].map(bokeo_first_year) - bk2["birth_year"])
    cand = pd.merge(cr2, bk2, on=["joint_ref", "sex", "nationality"], suffixes=("_cr", "_bk"))
    cand = cand[
        (cand["sex"] != "unknown")
        & cand["nationality"].notna()
        & cand["age_cr"].notna()
        & cand["age_bk"].notna()
    ]
    close = (cand["age_cr"].astype(float) - cand["age_bk"].astype(float)).abs() <= 1
    cand = cand[close].rename(columns={"person_ref_cr": "chiang_rai_ref",
                                       "person_ref_bk": "bokeo_ref"})
    pairs2, reviews2 = _one_to_one(cand, "joint_ref", "joint_ref")

    pairs = pd.concat([pairs1, pairs2], ignore_index=True)
    reviews = pd.concat([reviews1, reviews2], ignore_index=True)
    return LinkResult(pairs=pairs, reviews=reviews)


def _first(cr_values: pd.Series, bk_values: pd.Series) -> pd.Series:
    return cr_values.where(cr_values.notna(), bk_values)


def build_persons(
    src_persons: pd.DataFrame,
    registry: pd.DataFrame,
    first_dates: pd.DataFrame,
    result: LinkResult,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One row per person, each attribute from the source that knows it (spec §2.3, §6.5–6.6).

    Returns (persons, membership[source, person_ref, person_id], conflicts findings).
    ``first_dates`` holds each source person's earliest step date (source, person_ref,
    first_date); ``registry`` when each was first ingested (first_file_seq, first_row).
    """
    sp = src_persons.merge(registry, on=["source", "person_ref"], how="left")
    sp = sp.merge(first_dates, on=["source", "person_ref"], how="left")
    sp["pid"] = [person_id(s, r) for s, r in zip(sp["source"], sp["person_ref"], strict=True)]
    cr = sp[sp["source"] == CR].set_index("person_ref")
    bk = sp[sp["source"] == BK].set_index("person_ref")

    pairs = result.pairs
    linked_cr = set(pairs["chiang_rai_ref"])
    linked_bk = set(pairs["bokeo_ref"])
    # Frame of person slots: cr_ref / bk_ref (one may be missing).
    slots = pd.concat([
        pairs[["chiang_rai_ref", "bokeo_ref", "linked_by"]],
        pd.DataFrame({"chiang_rai_ref": [r for r in cr.index if r not in linked_cr]}),
        pd.DataFrame({"bokeo_ref": [r for r in bk.index if r not in linked_bk]}),
    ], ignore_index=True)

    def side(frame: pd.DataFrame, refs: pd.Series, col: str) -> pd.Series:
        return pd.Series(frame[col].reindex(refs.values).values, index=refs.index)

    c = {col: side(cr, slots["chiang_rai_ref"], col) for col in cr.columns}
    b = {col: side(bk, slots["bokeo_ref"], col) for col in bk.columns}

    # person_id: the member first ingested (file order, then row).
    c_order = list(zip(c["first_file_seq"], c["first_row"], strict=True))
    b_order = list(zip(b["first_file_seq"], b["first_row"], strict=True))
    pid = []
    for cp, bp, co, bo in zip(c["pid"], b["pid"], c_order, b_order, strict=True):
        if not isinstance(cp, str):
            pid.append(bp)
        elif not isinstance(bp, str):
            pid.append(cp)
        else:
            pid.append(cp if co <= bo else bp)
    slots["person_id"] = pid

    first = pd.concat([c["first_date"], b["first_date"]], axis=1).min(axis=1)
    first = pd.to_datetime(first)
    monitoring_year = first.dt.year.astype("Int64")

    cr_sex = c["sex"].where(c["sex"] != "unknown")
    bk_sex = b["sex"].where(b["sex"] != "unknown")
    sex = _first(cr_sex, bk_sex).fillna("unknown")
    nationality = _first(c["nationality"], b["nationality"])
    bk_age = monitoring_year.astype("Float64") - pd.to_numeric(b["birth_year"]).astype("Float64")
    age = _first(pd.to_numeric(c["age"]).astype("Float64"), bk_age).astype("Int64")
    site = _first(c["site"], b["site"])
    bk_country = b["site"].map(SITE_COUNTRY)
    exploitation_country = _first(c["exploitation_country"], bk_country)
    direction = pd.Series(
        [f"{n}-{e}" if isinstance(n, str) and isinstance(e, str) else None
         for n, e in zip(nationality, exploitation_country, strict=True)],
        index=slots.index, dtype=object,
    )
    persons = pd.DataFrame({
        "person_id": slots["person_id"],
        "sex": sex,
        "age": age,
        "age_band": [age_band(None if pd.isna(a) else int(a)) for a in age],
        "nationality": nationality,
        "exploitation_country": exploitation_country,
        "direction": direction,
        "site": site,
        "monitoring_year": monitoring_year,
        "first_contact_date": first.dt.date,
        "home_province": _first(c["home_province"], b["home_province"]),
        "education": c["education"],
        "screening_result": c["screening_result"],
        "lao_outcome": b["lao_outcome"],
        "immigration_fine_lak": b["immigration_fine_lak"],
        "detained_days": b["detained_days"],
        "screened_in_laos": b["screened_in_laos"],
        "in_chiang_rai": slots["chiang_rai_ref"].notna(),
        "in_bokeo": slots["bokeo_ref"].notna(),
        "linked_by": slots["linked_by"],
    })
    persons = persons.astype({"first_contact_date": object}).where(persons.notna(), None)

    membership = pd.concat([
        slots.loc[slots["chiang_rai_ref"].notna(), ["chiang_rai_ref", "person_id"]]
        .rename(columns={"chiang_rai_ref": "person_ref"}).assign(source=CR),
        slots.loc[slots["bokeo_ref"].notna(), ["bokeo_ref", "person_id"]]
        .rename(columns={"bokeo_ref": "person_ref"}).assign(source=BK),
    ], ignore_index=True)[["source", "person_ref", "person_id"]]

    conflicts = _conflicts(slots, c, b)
    return persons, membership, conflicts


def _conflicts(slots: pd.DataFrame, c: dict, b: dict) -> pd.DataFrame:
    """Linked records that disagree on sex or nationality: kept, Chiang Rai wins, recorded."""
    rows = []
    both = slots["chiang_rai_ref"].notna() & slots["bokeo_ref"].notna()
    for column in ("sex", "nationality"):
        cv, bv = c[column], b[column]
        known = cv.notna() & bv.notna()
        if column == "sex":
            known &= (cv != "unknown") & (bv != "unknown")
        differ = both & known & (cv != bv)
        for i in np.flatnonzero(differ.to_numpy()):
            rows.append({
                "kind": f"conflict_{column}",
                "source": CR,
                "file_name": c["file_name"].iloc[i],
                "sheet": c["sheet"].iloc[i],
                "row_number": int(c["row_number"].iloc[i]),
                "person_ref": slots["chiang_rai_ref"].iloc[i],
                "column_name": column,
                "detail": (f"Chiang Rai {cv.iloc[i]} (used), Bokeo {bv.iloc[i]} "
                           f"({slots['bokeo_ref'].iloc[i]})"),
            })
    return pd.DataFrame(rows, columns=["kind", "source", "file_name", "sheet", "row_number",
                                       "person_ref", "column_name", "detail"])
