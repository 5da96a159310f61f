"""Accounts, roles and the audit log: who may see the analyst view, and that it is recorded."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import duckdb
import pytest

from pipelines import access, analyst, cli
from pipelines.generate import generate_exports
from pipelines.ingest import ingest

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("access")
    generate_exports(root / "raw", persons=150, seed=61)
    ingest([root / "raw"], root / "m.duckdb")
    return root / "m.duckdb"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "access.sqlite"
    access.add_user(path, "ana", PASSWORD, "analyst")
    access.add_user(path, "vera", PASSWORD, "viewer")
    return path


def test_sign_in_checks_the_argon2_hash_and_logs_every_attempt(log: Path) -> None:
    assert access.sign_in(log, "ana", PASSWORD) == access.User("ana", "analyst")
    assert access.sign_in(log, "ana", "wrong password!!") is None
    assert access.sign_in(log, "nobody", PASSWORD) is None
    stored = sqlite3.connect(log).execute("SELECT password_hash FROM users").fetchall()
    assert all(h.startswith("$argon2") and PASSWORD not in h for (h,) in stored)
    actions = [(who, action) for _, _, who, action, _ in access.read_audit(log)]
    assert actions[-3:] == [("ana", "sign_in"), ("ana", "sign_in_failed"),
                            ("nobody", "sign_in_failed")]


ANALYST_VIEWS = {
    "persons": lambda con, user, log: analyst.persons(con, user, log),
    "quarantine": lambda con, user, log: analyst.quarantine(con, user, log),
    "counts": lambda con, user, log: analyst.counts(con, user, log, "nationality"),
}


@pytest.mark.parametrize("view", sorted(ANALYST_VIEWS))
@pytest.mark.parametrize(("user", "allowed"), [
    (access.User("ana", "analyst"), True),
    (access.User("vera", "viewer"), False),
    (access.ANONYMOUS, False),
])
def test_allow_deny_matrix(database: Path, log: Path, view: str, user: access.User,
                           allowed: bool) -> None:
    con = duckdb.connect(str(database), read_only=True)
    try:
        if allowed:
            frame = ANALYST_VIEWS[view](con, user, log)
            assert len(frame) > 0
        else:
            with pytest.raises(access.AccessDenied):
                ANALYST_VIEWS[view](con, user, log)
    finally:
        con.close()
    last = access.read_audit(log)[-1]
    assert last[2] == user.name
    assert last[3] == ("analyst_view" if allowed else "denied")


def test_the_audit_log_is_append_only(log: Path) -> None:
    con = sqlite3.connect(log)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET who = 'someone else'")


def test_users_and_audit_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "m.duckdb"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["users", "add", "ana", "--role", "analyst", "--password-stdin",
                     "--db", str(db)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "add", "bob", "--password-stdin", "--db", str(db)]) == 2
    assert cli.main(["users", "list", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "ana" in listed and "analyst" in listed and "bob" not in listed
    assert cli.main(["users", "remove", "ana", "--db", str(db)]) == 0
    assert cli.main(["audit", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "user_added" in printed and "user_removed" in printed and PASSWORD not in printed


def test_single_sign_on_accounts_and_their_roles(log: Path) -> None:
    access.add_user(log, "ana@example.org", None, "analyst")  # no local password
    assert access.sign_in(log, "ana@example.org", "") is None
    assert access.sign_in(log, "ana@example.org", access.NO_PASSWORD) is None
    assert access.sign_in_external(log, "ana@example.org") == access.User(
        "ana@example.org", "analyst")
    assert access.sign_in_external(log, "Ana@Example.org").role == "analyst"
    assert access.sign_in_external(log, "ana@example.org", verified=False).role == "viewer"
    assert access.sign_in_external(log, "nobody@example.org").role == "viewer"
    rows = [(who, action, what) for _, _, who, action, what in access.read_audit(log)][-4:]
    assert rows == [("ana@example.org", "sign_in", "oidc (analyst)"),
                    ("Ana@Example.org", "sign_in", "oidc (analyst)"),
                    ("ana@example.org", "sign_in", "oidc (viewer)"),
                    ("nobody@example.org", "sign_in", "oidc (viewer)")]


def test_require_can_leave_recording_an_allowed_action_to_the_caller(log: Path) -> None:
    before = len(access.read_audit(log))
    access.require(access.User("ana", "analyst"), log, "upload", "x.csv", record_allowed=False)
    assert len(access.read_audit(log)) == before
    with pytest.raises(access.AccessDenied):
        access.require(access.ANONYMOUS, log, "upload", "x.csv", record_allowed=False)
    assert access.read_audit(log)[-1][2:] == ("anonymous", "denied", "upload: x.csv")


def test_sso_account_from_the_command_line_and_a_safe_audit_print(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "m.duckdb"
    assert cli.main(["users", "add", "ana@example.org", "--role", "analyst", "--no-password",
                     "--db", str(db)]) == 0
    path = access.access_path(db)
    assert access.list_users(path)[0][:2] == ("ana@example.org", "analyst")
    assert access.sign_in(path, "\x1b[2Jintruder", "whatever password") is None
    capsys.readouterr()
    assert cli.main(["audit", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\\x1b[2Jintruder" in printed
