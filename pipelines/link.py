"""Cross-border linkage (spec §2.2–2.3): source persons → persons, in DuckDB SQL.

Two rules, in order: equal well-formed ``link_key``; else, for persons without a well-formed key,
a shared ``joint_ref`` with the same known sex and nationality and ages within one year. Only
one-to-one matches link; every other candidate pair goes to review, never silently merged. The
statements are ``sql.REBUILD_*``; they work on a *scope* of source persons (``rb_scope``).

Why a run need not relink everyone. Take the candidate pairs of both rules as the edges of a
graph over source persons. A pair links when both its ends have exactly one candidate, so
whether and to whom a source person links depends only on its connected component, and every
edge of a component joins persons with the same ``link_key`` (rule 1) or, without a key, the
same ``joint_ref`` (rule 2). An edge between two persons changes only when one of them changed:
their src_* rows (the Bokeo age of rule 2 comes from the person's own steps). So for the changed
persons C of a run, the scope

    C ∪ (their partners and review groups before the run: source_persons, link_reviews)
      ∪ (every source person with a link_key of C, or without a key and a joint_ref of C)

holds every component, old or new, that contains a changed person, and is closed under both the
old and the new edges: each person outside it has the same component, the same link and the
same attributes as before. Relinking the scope alone and replacing its curated rows therefore
gives exactly what a full rebuild gives (tests/test_ingest.py compares the two).
"""

from __future__ import annotations

import hashlib

import duckdb

from pipelines import sql

# Temp tables of a rebuild (sql.py describes each).
WORK_TABLES = ("rb_changed", "rb_scope", "rb_old_ids", "rb_sp", "rb_cand", "rb_slots",
               "rb_members", "rb_check")


def person_id(source: str, person_ref: str) -> str:
    """Stable id of a person, derived from their first-ingested source record (spec §6.10).

    The SQL of the rebuild computes the same (``sql._pid``).
    """
    return "P" + hashlib.sha256(f"{source}\x1f{person_ref}".encode()).hexdigest()[:16]


def scope_of_run(con: duckdb.DuckDBPyConnection, run_id: int) -> tuple[int, int]:
    """Scope = the closure of the source persons run ``run_id`` wrote (see the module doc).

    Returns (source persons in the scope, source persons in all).
    """
    con.execute(sql.REBUILD_CHANGED, [run_id])
    con.execute(sql.REBUILD_SCOPE)
    scope, total = con.execute(sql.SCOPE_SIZE).fetchall()[0]
    return int(scope), int(total)


def link(con: duckdb.DuckDBPyConnection, whole: bool) -> None:
    """Link the scope's source persons (``whole``: every source person); write their persons
    and link reviews.

    Leaves ``rb_slots`` (one row per person rebuilt) and ``rb_members`` (source person →
    person_id) for the rest of the rebuild.
    """
    scope = "" if whole else sql.SCOPE_JOIN
    con.execute(sql.REBUILD_SOURCE_PERSONS.format(scope=scope))
    con.execute(sql.REBUILD_CANDIDATES.format(scope=scope))
    con.execute(sql.INSERT_LINK_REVIEWS)
    con.execute(sql.REBUILD_SLOTS)
    drop_work_tables(con, ("rb_sp", "rb_cand"))
    for statement in (sql.REBUILD_MEMBERS, sql.INSERT_PERSONS):
        con.execute(statement)


def drop_work_tables(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = WORK_TABLES
                     ) -> None:
    for table in tables:
        con.execute(f"DROP TABLE IF EXISTS {table}")  # names from WORK_TABLES only
