"""Linkage rules of spec §2.2–2.3, on small sets of source persons in an in-memory database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from pipelines import link, schema, store
from pipelines.ingest import rebuild

KEY_A, KEY_B = "a" * 64, "b" * 64


def person(source: str, ref: str, **values: object) -> dict:
    row = {"source": source, "person_ref": ref, "link_key": None, "joint_ref": None,
           "sex": "male", "nationality": "TH", "age": None, "birth_year": None,
           "home_province": None, "education": None, "exploitation_country": None, "site": None,
           "screening_result": None, "lao_outcome": None, "immigration_fine_lak": None,
           "detained_days": None, "screened_in_laos": None, "file_name": f"{source}.x",
           "sheet": None, "row_number": 2}
    row.update(values)
    return row


@dataclass
class Linked:
    pairs: pd.DataFrame  # chiang_rai_ref, bokeo_ref, linked_by
    reviews: pd.DataFrame  # link_reviews
    persons: pd.DataFrame
    membership: pd.DataFrame  # source, person_ref, person_id
    conflicts: pd.DataFrame  # dq_findings


def run(rows: list[dict], first_dates: dict[tuple[str, str], dt.date] | None = None):
    """Source state → a full rebuild; the source persons' file order is the list's order."""
    con = duckdb.connect(":memory:")
    store.ensure_schema(con)
    src = pd.DataFrame(rows).assign(
        link_key_status=["ok" if r["link_key"] else "missing" for r in rows],
        file_seq=range(1, len(rows) + 1))
    store.insert_frame(con, schema.SRC_PERSONS, src)
    store.insert_frame(con, schema.SRC_REGISTRY, pd.DataFrame(
        [(r["source"], r["person_ref"], i + 1, 2) for i, r in enumerate(rows)],
        columns=["source", "person_ref", "first_file_seq", "first_row"]))
    store.insert_frame(con, schema.SRC_STEPS, pd.DataFrame(
        [{"source": s, "person_ref": r, "step": "reported", "step_date": d, "file_name": "x",
          "row_number": 2, "file_seq": 1} for (s, r), d in (first_dates or {}).items()],
        columns=schema.SRC_STEPS.column_names))
    rebuild(con)
    out = Linked(
        pairs=con.execute(
            "SELECT c.person_ref AS chiang_rai_ref, b.person_ref AS bokeo_ref, p.linked_by "
            "FROM persons p JOIN source_persons c ON c.person_id = p.person_id "
            "AND c.source = 'chiang_rai' JOIN source_persons b ON b.person_id = p.person_id "
            "AND b.source = 'bokeo'").df(),
        reviews=con.execute("SELECT * FROM link_reviews ORDER BY ALL").df(),
        persons=con.execute("SELECT * FROM persons").df(),
        membership=con.execute("SELECT source, person_ref, person_id FROM source_persons").df(),
        conflicts=con.execute("SELECT * FROM dq_findings").df(),
    )
    con.close()
    return out, out.persons, out.membership, out.conflicts


def pairs(result: Linked) -> set[tuple[str, str, str]]:
    return set(zip(result.pairs.chiang_rai_ref, result.pairs.bokeo_ref, result.pairs.linked_by,
                   strict=True))


def test_link_key_one_to_one_and_ambiguous() -> None:
    result, persons, _, _ = run([
        person("chiang_rai", "CR-1", link_key=KEY_A),
        person("bokeo", "BK-1", link_key=KEY_A),
        person("chiang_rai", "CR-2", link_key=KEY_B),
        person("bokeo", "BK-2", link_key=KEY_B),
        person("bokeo", "BK-3", link_key=KEY_B),
    ])
    assert pairs(result) == {("CR-1", "BK-1", "link_key")}
    assert sorted(result.reviews.bokeo_ref) == ["BK-2", "BK-3"]
    assert set(result.reviews.bokeo_candidates) == {1}
    assert set(result.reviews.chiang_rai_candidates) == {2}
    assert len(persons) == 4  # CR-1+BK-1, CR-2, BK-2, BK-3


def test_joint_ref_rule_needs_sex_nationality_and_age() -> None:
    day = dt.date(2021, 5, 1)
    rows = [
        person("chiang_rai", "CR-1", joint_ref="TL-1", age=25),
        person("bokeo", "BK-1", joint_ref="TL-1", birth_year=1995),  # 2021−1995 = 26: ±1 ok
        person("chiang_rai", "CR-2", joint_ref="TL-2", age=25),
        person("bokeo", "BK-2", joint_ref="TL-2", birth_year=1993),  # 28: too far
        person("chiang_rai", "CR-3", joint_ref="TL-3", age=25, sex="unknown"),
        person("bokeo", "BK-3", joint_ref="TL-3", birth_year=1996, sex="unknown"),
        person("chiang_rai", "CR-4", joint_ref="TL-4", age=25, nationality="LA"),
        person("bokeo", "BK-4", joint_ref="TL-4", birth_year=1996),
        person("chiang_rai", "CR-5", joint_ref="TL-5", age=25, link_key=KEY_A),
        person("bokeo", "BK-5", joint_ref="TL-5", birth_year=1996),  # CR-5 has a key: no rule 2
    ]
    dates = {("bokeo", f"BK-{i}"): day for i in range(1, 6)}
    result, _, _, _ = run(rows, dates)
    assert pairs(result) == {("CR-1", "BK-1", "joint_ref")}


def test_joint_ref_ambiguity_links_none_and_is_recorded() -> None:
    day = dt.date(2021, 5, 1)
    result, persons, _, _ = run([
        person("chiang_rai", "CR-1", joint_ref="TL-9", age=25),
        person("bokeo", "BK-1", joint_ref="TL-9", birth_year=1996),
        person("bokeo", "BK-2", joint_ref="TL-9", birth_year=1995),
    ], {("bokeo", "BK-1"): day, ("bokeo", "BK-2"): day})
    assert pairs(result) == set()
    assert list(result.reviews.rule) == ["joint_ref", "joint_ref"]
    assert len(persons) == 3


def test_attributes_from_the_source_that_knows_and_conflicts() -> None:
    day = dt.date(2021, 5, 1)
    result, persons, membership, conflicts = run([
        person("chiang_rai", "CR-1", link_key=KEY_A, sex="female", nationality="TH", age=24,
               screening_result="identified_victim", exploitation_country="LA"),
        person("bokeo", "BK-1", link_key=KEY_A, sex="male", nationality="LA", birth_year=1990,
               lao_outcome="deported", immigration_fine_lak=500000.0, site="golden_triangle_sez"),
        person("bokeo", "BK-9", sex="unknown", nationality="TH", birth_year=2000,
               site="kk_park"),
    ], {("chiang_rai", "CR-1"): dt.date(2021, 6, 1), ("bokeo", "BK-1"): day,
        ("bokeo", "BK-9"): dt.date(2022, 3, 3)})
    p = persons.set_index("person_id")
    pid = membership.set_index(["source", "person_ref"]).loc[("chiang_rai", "CR-1"), "person_id"]
    assert pid == link.person_id("chiang_rai", "CR-1")  # first ingested record names the person
    assert membership.set_index("person_ref").loc["BK-1", "person_id"] == pid
    linked = p.loc[pid]
    assert (linked.sex, linked.nationality, linked.age) == ("female", "TH", 24)
    assert (linked.lao_outcome, linked.immigration_fine_lak) == ("deported", 500000.0)
    assert linked.monitoring_year == 2021 and linked.first_contact_date.date() == day
    assert linked.direction == "TH-LA" and linked.linked_by == "link_key"
    assert sorted(conflicts.kind) == ["conflict_nationality", "conflict_sex"]
    alone = p.loc[link.person_id("bokeo", "BK-9")]
    assert alone.age == 22  # monitoring year − birth year
    assert alone.exploitation_country == "MM" and alone.direction == "TH-MM"
    assert alone.age_band == "21-23"


def test_person_without_dated_step_has_no_year() -> None:
    _, persons, _, _ = run([person("chiang_rai", "CR-1", age=30)])
    assert persons.monitoring_year.isna().all()
    assert persons.age.iloc[0] == 30
