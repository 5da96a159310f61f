"""Who is using this session: sign-in, sign-out, and the audit of what leaves the dashboard.

Two ways to sign in, decided by ``.streamlit/secrets.toml``:

- single sign-on (OIDC) when it has an ``[auth]`` section with a complete provider
  (``provider_configured``): ``st.login`` / ``st.user``. The identity is the e-mail address the
  provider gives; the role comes from the local accounts — an account of that name (added with
  ``tipmon users add ADDRESS --role analyst --no-password``) — else ``viewer``, and an address
  the provider marks unverified is always a viewer;
- otherwise the local accounts (``tipmon users add``), through a sign-in form in the sidebar.
  After ``MAX_FAILURES`` failed attempts the form of that browser session is locked for
  ``LOCK_SECONDS``.

The user is kept in ``st.session_state`` (one browser session); nobody signed in is
``access.ANONYMOUS``, a viewer: meeting mode only. This module only decides what to offer: the
role checks themselves are in the data layer (``pipelines.analyst`` → ``access.require``), so an
analyst page reached without the role shows the denial, never the data. Sign-ins (and failed
ones), sign-outs and downloads by a signed-in user go to the append-only audit log.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAuthError

from pipelines import access, store

USER = "auth_user"
FAILURES = "auth_failures"
LOCKED_UNTIL = "auth_locked_until"
MESSAGE = "auth_message"
MAX_FAILURES = 5
LOCK_SECONDS = 300
# Widget keys (stable: tests and bookmarks rely on them).
SIGNIN_USER = "signin_user"
SIGNIN_PASSWORD = "signin_password"
SIGNIN_SUBMIT = "signin_submit"
SIGNIN_OIDC = "signin_oidc"
SIGNOUT = "signout"
# Session state of the analyst pages, dropped at sign-out.
ANALYST_STATE_PREFIXES = ("analyst_", "upload_")

_OIDC_SETTINGS = ("redirect_uri", "cookie_secret")
_OIDC_PROVIDER = ("client_id", "client_secret", "server_metadata_url")

Translate = Callable[..., str]


# ---------------------------------------------------------------------------- who

def log_path() -> Path:
    """The accounts and audit file of the database the dashboard serves."""
    return access.access_path(store.db_path())


def current_user() -> access.User:
    user = st.session_state.get(USER)
    return user if isinstance(user, access.User) else access.ANONYMOUS


def is_analyst() -> bool:
    return current_user().role == "analyst"


def signed_in() -> bool:
    return current_user() != access.ANONYMOUS


# ---------------------------------------------------------------------------- OIDC or local

def oidc_provider(secrets: Mapping | None) -> str | None:
    """The OIDC provider configured in the secrets: ``"default"`` (its settings directly in
    ``[auth]``), the name of an ``[auth.<name>]`` section, or None when there is none (then the
    local accounts are used)."""
    auth = secrets.get("auth") if isinstance(secrets, Mapping) else None
    if not isinstance(auth, Mapping) or not all(auth.get(k) for k in _OIDC_SETTINGS):
        return None
    if all(auth.get(k) for k in _OIDC_PROVIDER):
        return "default"
    named = sorted(name for name, section in auth.items()
                   if isinstance(section, Mapping) and "_" not in name
                   and all(section.get(k) for k in _OIDC_PROVIDER))
    return named[0] if named else None


def provider_configured(secrets: Mapping | None) -> bool:
    """Sign in through an identity provider (st.login) rather than the local accounts?"""
    return oidc_provider(secrets) is not None


def _secrets() -> Mapping:
    """st.secrets as a dict; empty, silently, when there is no secrets file."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - an unreadable secrets file means: no provider
        return {}


# ---------------------------------------------------------------------------- the sidebar

def sidebar(t: Translate) -> access.User:
    """Sign-in or the signed-in user with a sign-out button, at the foot of the sidebar;
    returns the session's user (ANONYMOUS when nobody is signed in)."""
    bar = st.sidebar
    bar.divider()
    provider = oidc_provider(_secrets())
    if provider is not None:
        _oidc(bar, provider, t)
    else:
        _local(bar, t)
    return current_user()


def _signed_in_as(bar, user: access.User, t: Translate) -> None:
    # st.text: the name (typed, or from the identity provider) is never read as Markdown.
    bar.text(t("auth.signed_in_as", name=user.name, role=t(f"role.{user.role}")))


def _local(bar, t: Translate) -> None:
    user = current_user()
    if user != access.ANONYMOUS:
        _signed_in_as(bar, user, t)
        bar.button(t("auth.sign_out"), key=SIGNOUT, on_click=sign_out)
        return
    with bar.form("signin_form", clear_on_submit=True):
        st.subheader(t("auth.heading"))
        st.text_input(t("auth.user"), key=SIGNIN_USER, autocomplete="username")
        st.text_input(t("auth.password"), key=SIGNIN_PASSWORD, type="password",
                      autocomplete="current-password")
        st.form_submit_button(t("auth.submit"), key=SIGNIN_SUBMIT, on_click=_sign_in_local)
    message = st.session_state.get(MESSAGE)
    if message == "failed":
        bar.error(t("auth.failed"))
    elif message == "locked":
        left = max(1, round((st.session_state.get(LOCKED_UNTIL, 0) - time.time()) / 60))
        bar.error(t("auth.locked", minutes=left))
    elif message == "missing":
        bar.warning(t("auth.missing"))


def _sign_in_local() -> None:
    """The form's callback: runs before the page, so the navigation already knows the role."""
    name = str(st.session_state.get(SIGNIN_USER) or "").strip()
    password = str(st.session_state.get(SIGNIN_PASSWORD) or "")
    st.session_state[SIGNIN_PASSWORD] = ""  # not kept in the session once used
    log = log_path()
    if time.time() < st.session_state.get(LOCKED_UNTIL, 0):
        access.record(log, access.User(name or "?", "viewer"), "sign_in_locked",
                      "too many failed attempts in this browser session")
        st.session_state[MESSAGE] = "locked"
        return
    if not name or not password:
        st.session_state[MESSAGE] = "missing"
        return
    user = access.sign_in(log, name, password)  # records sign_in or sign_in_failed
    if user is not None:
        st.session_state[USER] = user
        st.session_state[FAILURES] = 0
        st.session_state.pop(MESSAGE, None)
        return
    failures = st.session_state.get(FAILURES, 0) + 1
    st.session_state[FAILURES] = failures
    if failures >= MAX_FAILURES:
        st.session_state[FAILURES] = 0
        st.session_state[LOCKED_UNTIL] = time.time() + LOCK_SECONDS
        st.session_state[MESSAGE] = "locked"
    else:
        st.session_state[MESSAGE] = "failed"


def sign_out() -> None:
    """Recorded; the user and what the analyst pages kept in the session are dropped."""
    user = current_user()
    if user != access.ANONYMOUS:
        access.record(log_path(), user, "sign_out", "")
    for key in list(st.session_state.keys()):
        if key == USER or str(key).startswith(ANALYST_STATE_PREFIXES):
            del st.session_state[key]
    st.session_state.pop(MESSAGE, None)


def _oidc(bar, provider: str, t: Translate) -> None:
    info = st.user
    if info.get("is_logged_in"):
        address = str(info.get("email") or info.get("sub") or "")
        user = current_user()
        if address and user.name != address:
            verified = info.get("email_verified") is not False
            user = access.sign_in_external(log_path(), address, verified)
            st.session_state[USER] = user
        if address:
            _signed_in_as(bar, user, t)
        if bar.button(t("auth.sign_out"), key=SIGNOUT):
            sign_out()
            st.logout()
        return
    if current_user() != access.ANONYMOUS:  # signed out at the provider meanwhile
        sign_out()
    bar.subheader(t("auth.heading"))
    if bar.button(t("auth.oidc_sign_in"), key=SIGNIN_OIDC):
        try:
            st.login(None if provider == "default" else provider)
        except StreamlitAuthError:  # Authlib missing, or the provider settings incomplete
            st.session_state[MESSAGE] = "oidc_unavailable"
    if st.session_state.get(MESSAGE) == "oidc_unavailable":
        bar.error(t("auth.oidc_unavailable"))


# ---------------------------------------------------------------------------- pages

def denied(t: Translate) -> None:
    """What an analyst page shows to someone without the role (the data layer said no)."""
    st.error(t("auth.denied"))
    st.stop()


def download_button(label: str, make: Callable[[], bytes], file_name: str, mime: str,
                    key: str, what: str) -> None:
    """A download recorded in the audit log when the file is actually fetched.

    The bytes are made only when the button is clicked (Streamlit's deferred download), and the
    audit row is written then, with the signed-in user of this session: who, what, when.
    """
    user, log = current_user(), log_path()

    def fetch() -> bytes:
        access.record(log, user, "download", what)
        return make()

    st.download_button(label, fetch, file_name=file_name, mime=mime, key=key,
                       on_click="ignore")
