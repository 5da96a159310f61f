"""Encryption at rest: with TIPMON_DB_KEY set, the database file is encrypted by DuckDB and
every reader (ingest, CLI, dashboard) opens it with the key; without the key it opens nowhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import schema, store
from pipelines.ingest import ingest
from tests.conftest import AS_OF

CASES = Path(__file__).parent / "data" / "spec_cases"
APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
KEY = "correct horse battery staple 2026"
# Strings that a plain database file holds in clear: table names, a Thai word of the codes'
# labels is not stored, but the person references of the spec exports are.
MARKERS = (b"src_persons", b"quarantine_outstanding", b"person_ref")


def curated(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {t.name: sorted(con.execute(f"SELECT * FROM {t.name}").fetchall(), key=repr)
            for t in schema.CURATED_TABLES}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The same exports ingested twice: into a plain file and, with a key, an encrypted one."""
    folder = tmp_path_factory.mktemp("enc")
    plain, secret = folder / "plain.duckdb", folder / "secret.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(store.KEY_ENV, raising=False)
        assert ingest([CASES / "initial"], plain, as_of=AS_OF).exit_code == 0
        mp.setenv(store.KEY_ENV, KEY)
        assert ingest([CASES / "initial"], secret, as_of=AS_OF).exit_code == 0
    yield plain, secret


def test_plain_file_shows_its_contents_and_encrypted_file_does_not(databases) -> None:
    plain, secret = databases
    plain_bytes, secret_bytes = plain.read_bytes(), secret.read_bytes()
    for marker in MARKERS:
        assert marker in plain_bytes, marker  # the check below could fail
        assert marker not in secret_bytes, marker
    assert not secret.with_name(secret.name + ".wal").exists()


def test_encrypted_file_opens_only_with_its_key(databases, monkeypatch) -> None:
    _, secret = databases
    with pytest.raises(duckdb.Error, match="encrypted"):
        duckdb.connect(str(secret), read_only=True)
    monkeypatch.setenv(store.KEY_ENV, "not the key")
    with pytest.raises(store.DatabaseKeyError, match=f"{store.KEY_ENV} is not the key"):
        store.connect(secret, read_only=True)
    monkeypatch.delenv(store.KEY_ENV)
    with pytest.raises(store.DatabaseKeyError, match=f"set {store.KEY_ENV}"):
        store.connect(secret, read_only=True)


def test_a_key_for_a_plain_database_is_refused(databases, monkeypatch) -> None:
    plain, _ = databases
    monkeypatch.setenv(store.KEY_ENV, KEY)
    with pytest.raises(store.DatabaseKeyError, match="not encrypted"):
        store.connect(plain, read_only=True)


def test_encrypted_database_holds_the_same_data(databases, monkeypatch) -> None:
    plain, secret = databases
    monkeypatch.delenv(store.KEY_ENV, raising=False)
    with store.connect(plain, read_only=True) as con:
        want = curated(con)
    monkeypatch.setenv(store.KEY_ENV, KEY)
    with store.connect(secret, read_only=True) as con:
        assert curated(con) == want
        assert sum(len(rows) for rows in want.values()) > 0
        cur = store.cursor(con)  # the dashboard's per-query cursor reads the same catalog
        assert cur.execute("SELECT count(*) FROM persons").fetchall() == [(len(want["persons"]),)]


def test_a_later_ingest_publishes_an_encrypted_file_again(databases, tmp_path, monkeypatch
                                                          ) -> None:
    plain, secret = databases
    plain2, secret2 = tmp_path / "plain.duckdb", tmp_path / "secret.duckdb"
    shutil.copyfile(plain, plain2)
    shutil.copyfile(secret, secret2)
    monkeypatch.delenv(store.KEY_ENV, raising=False)
    assert ingest([CASES / "reexport"], plain2, as_of=AS_OF).exit_code == 0
    monkeypatch.setenv(store.KEY_ENV, KEY)
    assert ingest([CASES / "reexport"], secret2, as_of=AS_OF).exit_code == 0
    assert not any(marker in secret2.read_bytes() for marker in MARKERS)
    with store.connect(secret2, read_only=True) as con:
        got = curated(con)
    monkeypatch.delenv(store.KEY_ENV)
    with store.connect(plain2, read_only=True) as con:
        assert got == curated(con)


def test_cli_without_the_key_fails_in_one_line(databases) -> None:
    _, secret = databases
    env = {k: v for k, v in os.environ.items() if k != store.KEY_ENV}
    run = subprocess.run([sys.executable, "-m", "pipelines.cli", "status", "--db", str(secret)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and store.KEY_ENV in lines[0], run.stderr


def test_dashboard_reads_the_encrypted_database(databases, monkeypatch) -> None:
    _, secret = databases
    monkeypatch.setenv("TIPMON_DB", str(secret))
    monkeypatch.setenv(store.KEY_ENV, KEY)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart"), "the overview drew no chart from the encrypted database"
