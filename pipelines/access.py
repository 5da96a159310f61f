"""Who may see what: local accounts (Argon2-hashed passwords), roles, and an append-only audit log.

Roles: ``viewer`` sees meeting mode only (aggregates, suppressed); ``analyst`` may also see the
analyst view (pseudonymous row-level tables, unsuppressed indicators, the quarantine). The check
lives here, in the data layer — ``require`` is called by every analyst-view function — not only
in the navigation. Accounts and the audit log are kept in a small SQLite file beside the
monitoring database, because the dashboard opens that one read-only and several processes append
to the log at once (SQLite in WAL mode serialises them). UPDATE and DELETE on the log are refused
by triggers: it can only grow.

With single sign-on (OIDC, see dashboard/auth.py) the identity provider vouches for the e-mail
address and the role still comes from here: an account named by that address (added with
``tipmon users add ADDRESS --role analyst --no-password``), else ``viewer``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ROLES = ("viewer", "analyst")
ACCESS_SUFFIX = ".access.sqlite"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS users (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        what TEXT NOT NULL)""",
    """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
_ADD_USER = "INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)"
_REMOVE_USER = "DELETE FROM users WHERE username = ?"
_LIST_USERS = "SELECT username, role, created_at FROM users ORDER BY username"
_USER_HASH = "SELECT role, password_hash FROM users WHERE username = ?"
# An address from the identity provider: the account of that name, case aside (exact first).
_ROLE_OF = ("SELECT role FROM users WHERE username = ? COLLATE NOCASE "
            "ORDER BY username = ? DESC LIMIT 1")
_REHASH = "UPDATE users SET password_hash = ? WHERE username = ?"
_RECORD = "INSERT INTO audit (at, who, action, what) VALUES (?, ?, ?, ?)"
_READ_AUDIT = "SELECT id, at, who, action, what FROM audit ORDER BY id"


class AccessDenied(PermissionError):
    """The signed-in user's role does not allow this."""


@dataclass(frozen=True)
class User:
    name: str
    role: str  # viewer | analyst


ANONYMOUS = User("anonymous", "viewer")
# Stored instead of a hash for an account that signs in through the identity provider only:
# not an Argon2 hash, so no password ever matches it.
NO_PASSWORD = "!single-sign-on-only"


def access_path(db: Path | str) -> Path:
    """Accounts and audit live beside the database (TIPMON_ACCESS_DB overrides)."""
    env = os.environ.get("TIPMON_ACCESS_DB")
    return Path(env) if env else Path(str(db) + ACCESS_SUFFIX)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    for statement in _SCHEMA:
        con.execute(statement)
    return con


def printable(text: str) -> str:
    """Text with control and format characters escaped: what a user typed or a file was named
    can be printed by ``tipmon audit`` without driving the terminal."""
    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch
                   for ch in text)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def add_user(path: Path, username: str, password: str | None, role: str,
             by: str = "cli") -> None:
    """A local account; ``password=None`` for one that signs in by single sign-on only."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not username.strip():
        raise ValueError("a user name cannot be empty")
    if password is not None and len(password) < 12:
        raise ValueError("a password needs at least 12 characters")
    stored = NO_PASSWORD if password is None else _hasher().hash(password)
    with closing(_connect(path)) as con:
        try:
            con.execute(_ADD_USER, [username, role, stored, _now()])
        except sqlite3.IntegrityError:
            raise ValueError(f"user {username!r} exists already") from None
        con.execute(_RECORD, [_now(), by, "user_added", f"{username} ({role})"])


def remove_user(path: Path, username: str, by: str = "cli") -> bool:
    with closing(_connect(path)) as con:
        removed = con.execute(_REMOVE_USER, [username]).rowcount > 0
        if removed:
            con.execute(_RECORD, [_now(), by, "user_removed", username])
        return removed


def list_users(path: Path) -> list[tuple[str, str, str]]:
    with closing(_connect(path)) as con:
        return con.execute(_LIST_USERS).fetchall()


def sign_in(path: Path, username: str, password: str) -> User | None:
    """The user when the password matches; every attempt, good or bad, is in the audit log."""
    from argon2.exceptions import InvalidHashError, VerificationError

    with closing(_connect(path)) as con:
        row = con.execute(_USER_HASH, [username]).fetchone()
        ok = False
        if row is not None:
            hasher = _hasher()
            try:
                ok = hasher.verify(row[1], password)
            except (VerificationError, InvalidHashError):
                ok = False
            if ok and hasher.check_needs_rehash(row[1]):
                con.execute(_REHASH, [hasher.hash(password), username])
        con.execute(_RECORD, [_now(), username, "sign_in" if ok else "sign_in_failed", ""])
        return User(username, row[0]) if ok else None


def sign_in_external(path: Path, address: str, verified: bool = True,
                     provider: str = "oidc") -> User:
    """A user the identity provider signed in: the role of the account of that address
    (viewer when there is none, or when the provider says the address is not verified).
    Recorded as a sign-in, like a local one."""
    with closing(_connect(path)) as con:
        row = con.execute(_ROLE_OF, [address, address]).fetchone() if verified else None
        role = row[0] if row else "viewer"
        con.execute(_RECORD, [_now(), address, "sign_in", f"{provider} ({role})"])
    return User(address, role)


def record(path: Path, user: User, action: str, what: str) -> None:
    """Append to the audit log: an analyst view, a download, an upload."""
    with closing(_connect(path)) as con:
        con.execute(_RECORD, [_now(), user.name, action, what])


def read_audit(path: Path) -> list[tuple[int, str, str, str, str]]:
    with closing(_connect(path)) as con:
        return con.execute(_READ_AUDIT).fetchall()


def require(user: User, path: Path, action: str, what: str, *,
            record_allowed: bool = True) -> None:
    """The data-layer check of the analyst view: analysts pass (and are logged), others not.

    ``record_allowed=False`` leaves recording an allowed action to the caller (an upload is
    recorded once the file is checked and saved); a denial is always recorded.
    """
    if user.role != "analyst":
        record(path, user, "denied", f"{action}: {what}")
        raise AccessDenied(f"{action} needs the analyst role")
    if record_allowed:
        record(path, user, action, what)
