"""The analyst view in the dashboard: sign-in, the allow/deny matrix, uploads, the audit log.

Driven as a user would (Streamlit AppTest). The matrix walks role × page × download: meeting
mode for everyone; the analyst pages in the navigation of analysts only, and their data refused
by the data layer to anyone else, even when the page itself is run; every sign-in, analyst
view, download and upload in the audit log (who, what).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest.mock import ANY

import duckdb
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import auth, i18n
from pipelines import access, analyst
from pipelines.generate import generate_exports
from pipelines.ingest import ingest
from tests.conftest import AS_OF
from tests.test_dashboard import APP, PAGES, ROOT, serving

PASSWORD = "correct horse battery"
USERS = {"anonymous": None, "viewer": "vera", "analyst": "ana"}
MEETING_PAGES = (*PAGES, "report")
ANALYST_PAGES = ("analyst_persons", "analyst_counts", "analyst_quarantine", "analyst_upload")
SPEC_CASES = ROOT / "tests" / "data" / "spec_cases"


def t(key: str, **values: object) -> str:
    return i18n.translate(key, "en", **values)


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("dash_access")
    generate_exports(base / "raw", 200, seed=63)
    db = base / "m.duckdb"
    ingest([base / "raw"], db, as_of=AS_OF)
    with serving(db):
        yield db


@pytest.fixture
def log(database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh accounts and audit file for each test, with an analyst and a viewer."""
    path = tmp_path / "access.sqlite"
    monkeypatch.setenv("TIPMON_ACCESS_DB", str(path))
    access.add_user(path, "ana", PASSWORD, "analyst")
    access.add_user(path, "vera", PASSWORD, "viewer")
    return path


@pytest.fixture
def fetch(monkeypatch: pytest.MonkeyPatch) -> Callable[[object], bytes]:
    """Click a download button as the browser does: fetch its (deferred) file."""
    made: dict[str, Callable[[], bytes]] = {}
    real = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        file_id = real(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)

    def click(button) -> bytes:
        return made[button.proto.deferred_file_id]()

    return click


# ---------------------------------------------------------------------------- helpers

def audit(log: Path) -> list[tuple[str, str, str]]:
    return [(who, action, what) for _, _, who, action, what in access.read_audit(log)]


def new_rows(log: Path, before: int) -> list[tuple[str, str, str]]:
    return audit(log)[before:]


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key=auth.SIGNIN_USER).input(name)
    at.text_input(key=auth.SIGNIN_PASSWORD).input(password)
    at.button(key=auth.SIGNIN_SUBMIT).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def session(role: str) -> AppTest:
    """A browser session on the app, signed in through the form as ``role`` (or not)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if USERS[role]:
        sign_in(at, USERS[role])
        assert at.session_state[auth.USER].role == role
    return at


def open_page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def in_navigation(at: AppTest, name: str) -> bool:
    """AppTest switches only to pages the app registered with st.navigation."""
    try:
        at.switch_page(f"views/{name}.py")
    except ValueError:
        return False
    return True


def run_page_itself(name: str, user: access.User | None) -> AppTest:
    """The page's own script run in a session of ``user``: what a forced URL would run."""
    at = AppTest.from_file(str(ROOT / "dashboard" / "views" / f"{name}.py"),
                           default_timeout=120)
    if user is not None:
        at.session_state[auth.USER] = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def downloads(at: AppTest) -> list:
    return list(at.get("download_button"))


def analyst_session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state[auth.USER] = access.User("ana", "analyst")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---------------------------------------------------------------------------- the matrix

@pytest.mark.parametrize("role", list(USERS))
def test_allow_deny_matrix_role_page_download(log: Path, fetch, role: str) -> None:
    at = session(role)
    user = at.session_state[auth.USER] if USERS[role] else access.ANONYMOUS

    # Meeting mode: every page for everyone, with its downloads.
    for name in MEETING_PAGES:
        open_page(at, name)
        assert at.title[0].value == t(f"nav.{name}")
        buttons = downloads(at)
        if name != "report":  # the report page offers its package once prepared
            assert at.dataframe and buttons, name
    open_page(at, "overview")
    csv = next(b for b in downloads(at) if b.key == "csv_potential_victims_by_nationality")
    before = len(audit(log))
    if role == "anonymous":  # public aggregates, served as before: nothing to record
        assert not csv.proto.deferred_file_id
        assert new_rows(log, before) == []
    else:  # a signed-in user's download is recorded when the file is fetched
        assert new_rows(log, before) == []
        data = fetch(csv).decode("utf-8-sig")
        assert data.splitlines()[0].startswith(t("common.year"))
        (row,) = new_rows(log, before)
        assert row == (user.name, "download",
                       "potential_victims_by_nationality_en.csv (meeting; All)")

    # The analyst view.
    for name in ANALYST_PAGES:
        before = len(audit(log))
        if role == "analyst":
            assert in_navigation(at, name)
            open_page(at, name)
            assert at.title[0].value == t(f"nav.{name}")
            assert not at.error
            rows = new_rows(log, before)
            assert rows and all(r[:2] == ("ana", "analyst_view") for r in rows), rows
            if name == "analyst_upload":
                assert at.get("file_uploader") and not downloads(at)
                continue
            assert len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0
            (button,) = downloads(at)
            before = len(audit(log))
            text = fetch(button).decode("utf-8-sig")
            assert len(text.splitlines()) == len(at.dataframe[0].value) + 1  # all rows
            (row,) = new_rows(log, before)
            assert row[:2] == ("ana", "download") and row[2].startswith(f"{name}")
        else:
            assert not in_navigation(at, name), name
            page = run_page_itself(name, None if role == "anonymous" else user)
            assert [e.value for e in page.error] == [t("auth.denied")]
            assert not page.dataframe and not downloads(page)
            assert not page.get("file_uploader")
            rows = new_rows(log, before)
            assert rows and all(r[:2] == (user.name, "denied") for r in rows), rows


@pytest.mark.parametrize("role", list(USERS))
def test_the_data_layer_refuses_everyone_but_analysts(database: Path, log: Path,
                                                     tmp_path: Path, role: str) -> None:
    user = access.User(USERS[role], role) if USERS[role] else access.ANONYMOUS
    calls: dict[str, Callable[[duckdb.DuckDBPyConnection], object]] = {
        "persons": lambda con: analyst.persons(con, user, log),
        "counts": lambda con: analyst.counts(con, user, log, "direction"),
        "quarantine": lambda con: analyst.quarantine(con, user, log),
        "page": lambda con: analyst.check(user, log, "upload page"),
        "upload": lambda con: analyst.upload(user, log, "bokeo.csv", b"a,b\n1,2\n",
                                             tmp_path / "uploads"),
        "ingest": lambda con: analyst.ingest_upload(user, log, tmp_path / "none.csv",
                                                    tmp_path / "none.duckdb"),
    }
    con = duckdb.connect(str(database), read_only=True)
    try:
        for name, call in calls.items():
            before = len(audit(log))
            if role == "analyst":
                if name in ("upload", "ingest"):
                    continue  # with real files below
                call(con)
                assert new_rows(log, before) == [("ana", "analyst_view", ANY)], name
            else:
                with pytest.raises(access.AccessDenied):
                    call(con)
                assert new_rows(log, before) == [(user.name, "denied", ANY)], name
    finally:
        con.close()
    assert not (tmp_path / "uploads").exists()
    assert not (tmp_path / "none.duckdb").exists()


# ---------------------------------------------------------------------------- sign-in

def test_sign_in_form_wrong_then_right_password_then_sign_out(log: Path) -> None:
    at = session("anonymous")
    assert not in_navigation(at, "analyst_persons")
    sign_in(at, "ana", "not the password")
    assert [e.value for e in at.error] == [t("auth.failed")]
    assert auth.USER not in at.session_state
    assert not in_navigation(at, "analyst_persons")
    sign_in(at, "ana")
    assert at.session_state[auth.USER] == access.User("ana", "analyst")
    assert at.session_state[auth.SIGNIN_PASSWORD] == ""  # not kept in the session
    assert t("auth.signed_in_as", name="ana", role=t("role.analyst")) in [
        x.value for x in at.text]
    assert all(in_navigation(at, name) for name in ANALYST_PAGES)
    open_page(at, "analyst_persons")
    at.button(key=auth.SIGNOUT).click().run()
    assert not at.exception
    assert auth.USER not in at.session_state
    assert not in_navigation(at, "analyst_persons")
    assert [a for a in audit(log) if a[0] == "ana"] == [
        ("ana", "sign_in_failed", ""), ("ana", "sign_in", ""),
        ("ana", "analyst_view", "persons (row level)"), ("ana", "sign_out", "")]


def test_a_viewer_signs_in_but_gets_meeting_mode_only(log: Path) -> None:
    at = session("viewer")
    assert not any(in_navigation(at, name) for name in ANALYST_PAGES)
    assert ("vera", "sign_in", "") in audit(log)


def test_failed_sign_ins_lock_the_form(log: Path) -> None:
    at = session("anonymous")
    for _ in range(auth.MAX_FAILURES):
        sign_in(at, "ana", "guess guess guess")
    assert [e.value for e in at.error] == [t("auth.locked", minutes=auth.LOCK_SECONDS // 60)]
    sign_in(at, "ana")  # the right password, but locked: not even checked
    assert auth.USER not in at.session_state
    actions = [a[1] for a in audit(log) if a[0] == "ana"]
    assert actions == ["sign_in_failed"] * auth.MAX_FAILURES + ["sign_in_locked"]
    at.session_state[auth.LOCKED_UNTIL] = 0  # the lock has ended
    sign_in(at, "ana")
    assert at.session_state[auth.USER].role == "analyst"


# ---------------------------------------------------------------------------- OIDC

OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
        "client_id": "tipmon", "client_secret": "x",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration"}


def test_provider_configured_decides_between_oidc_and_local_accounts() -> None:
    assert not auth.provider_configured({})
    assert not auth.provider_configured(None)
    assert not auth.provider_configured({"auth": {"client_id": "x"}})
    missing = {k: v for k, v in OIDC.items() if k != "cookie_secret"}
    assert not auth.provider_configured({"auth": missing})
    assert auth.oidc_provider({"auth": OIDC}) == "default"
    settings = {k: OIDC[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: OIDC[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    assert auth.oidc_provider({"auth": {**settings, "keycloak": provider}}) == "keycloak"
    assert not auth.provider_configured({"auth": {**settings, "keycloak": {"client_id": "x"}}})


def oidc_session(user: dict, monkeypatch: pytest.MonkeyPatch, logins: list) -> AppTest:
    import streamlit

    monkeypatch.setattr(streamlit, "login", lambda provider=None: logins.append(provider))
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = OIDC
    at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_oidc_offers_st_login_instead_of_the_form(log: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    logins: list = []
    at = oidc_session({"is_logged_in": False}, monkeypatch, logins)
    assert not at.text_input  # no local password form
    at.button(key=auth.SIGNIN_OIDC).click().run()
    assert not at.exception
    assert logins == [None]  # st.login() with the default provider


@pytest.mark.parametrize("email, verified, role", [
    ("ana@example.org", True, "analyst"),  # an account of that address
    ("ANA@example.org", True, "analyst"),  # addresses are not case-sensitive
    ("ana@example.org", False, "viewer"),  # the provider does not vouch for the address
    ("someone@example.org", True, "viewer"),  # no account: meeting mode
])
def test_oidc_user_gets_the_role_of_the_local_account(log: Path, monkeypatch, email: str,
                                                      verified: bool, role: str) -> None:
    access.add_user(log, "ana@example.org", None, "analyst")
    assert access.sign_in(log, "ana@example.org", "") is None  # no local password at all
    at = oidc_session({"is_logged_in": True, "email": email, "email_verified": verified},
                      monkeypatch, [])
    assert at.session_state[auth.USER] == access.User(email, role)
    assert in_navigation(at, "analyst_persons") == (role == "analyst")
    assert (email, "sign_in", f"oidc ({role})") in audit(log)
    at.run()  # the next run keeps the user, without a second sign-in
    assert [a for a in audit(log) if a[1] == "sign_in"] == [(email, "sign_in", f"oidc ({role})")]


# ---------------------------------------------------------------------------- quarantine

def test_quarantine_browser_filters_by_file_and_rule(log: Path) -> None:
    at = analyst_session()
    open_page(at, "analyst_quarantine")
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["source", "file_name", "sheet", "row_number", "kind",
                                   "column_name", "rule", "problem"]
    rule = frame["rule"].iloc[0]
    at.multiselect(key="analyst_q_rules").set_value([rule]).run()
    filtered = at.dataframe[0].value
    assert set(filtered["rule"]) == {rule} and len(filtered) == (frame["rule"] == rule).sum()
    name = filtered["file_name"].iloc[0]
    at.multiselect(key="analyst_q_files").set_value([name]).run()
    assert set(at.dataframe[0].value["file_name"]) == {name}


def test_analyst_tables_follow_the_sidebar_filters(log: Path, fetch) -> None:
    at = analyst_session()
    open_page(at, "analyst_persons")
    everyone = len(at.dataframe[0].value)
    at.multiselect(key="f_nationality").set_value(["LA"]).run()
    lao = at.dataframe[0].value
    assert 0 < len(lao) < everyone and set(lao["nationality"]) == {"LA"}
    before = len(audit(log))
    fetch(downloads(at)[0])
    assert new_rows(log, before) == [
        ("ana", "download", "analyst_persons.csv (analyst; Nationality: Lao)")]
    open_page(at, "analyst_counts")
    at.selectbox(key="analyst_dimension").set_value("sex").run()
    counts = at.dataframe[0].value
    assert list(counts.columns) == ["year", "category", "potential_victims",
                                    "identified_victims"]
    assert counts["potential_victims"].sum() == len(lao)
    assert ("ana", "analyst_view", "unsuppressed counts by sex") in audit(log)


# ---------------------------------------------------------------------------- uploads

@pytest.fixture
def upload_db(database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the database to ingest into, and an uploads folder of its own."""
    db = tmp_path / "upload.duckdb"
    shutil.copyfile(database, db)
    monkeypatch.setenv("TIPMON_DB", str(db))
    monkeypatch.setenv(analyst.UPLOAD_DIR_ENV, str(tmp_path / "uploads"))
    return db


def upload(at: AppTest, name: str, data: bytes, submit: bool = True) -> AppTest:
    at.file_uploader(key="upload_file").upload(name, data).run()
    if submit:
        at.button(key="upload_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def workbook_bytes() -> bytes:
    return (SPEC_CASES / "reexport" / "cr_mdt_export_2565.xlsx").read_bytes()


@pytest.mark.parametrize("name, data, reason", [
    ("fake.xlsx", b"not a zip archive at all", "content"),
    ("report.xlsx", b"PK\x03\x04" + b"\x00" * 64, "content"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "encrypted"),
    ("binary.csv", b"MZ\x90\x00\x03\x00\x00\x00", "content"),
    ("nocolumns.csv", b"just one line of prose\n", "content"),
    ("empty.csv", b"", "empty"),
    ("big.csv", b"a,b\n" + b"1,2\n" * (analyst.MAX_UPLOAD_BYTES // 4), "size"),
])
def test_upload_refuses_what_is_not_an_export(log: Path, upload_db: Path, tmp_path: Path,
                                              name: str, data: bytes, reason: str) -> None:
    at = analyst_session()
    open_page(at, "analyst_upload")
    upload(at, name, data)
    assert [e.value for e in at.error] == [t(f"upload.refused_{reason}",
                                             mb=analyst.MAX_UPLOAD_MB)]
    assert not list((tmp_path / "uploads").rglob("*.*"))  # nothing saved
    assert audit(log)[-1][:2] == ("ana", "upload_refused")
    assert audit(log)[-1][2].startswith(f"{name}: {reason}")


def test_upload_refuses_another_type_before_the_page_sees_it(log: Path, upload_db: Path,
                                                            tmp_path: Path) -> None:
    at = analyst_session()
    open_page(at, "analyst_upload")
    (uploader,) = at.get("file_uploader")
    assert uploader.allowed_type == [".xlsx", ".csv"]  # the browser offers these only
    # Sent past the browser's filter, Streamlit itself refuses it (an error, its details not
    # shown: .streamlit/config.toml) before the page runs.
    at.file_uploader(key="upload_file").upload("notes.txt", b"a,b\n1,2\n").run()
    assert len(at.exception) == 1
    assert not (tmp_path / "uploads").exists()
    assert not [r for r in audit(log) if r[1] in ("upload", "ingest")]


def test_upload_type_and_name_checks_in_the_data_layer(log: Path, tmp_path: Path) -> None:
    ana = access.User("ana", "analyst")
    for name, reason in (("notes.txt", "type"), ("export.xls", "type"), ("../up.csv", "name"),
                         (".hidden.csv", "name"), ("a\x1b[2J.csv", "name"), ("", "name")):
        with pytest.raises(analyst.UploadRefused) as refused:
            analyst.upload(ana, log, name, b"a,b\n1,2\n", tmp_path / "uploads")
        assert refused.value.reason == reason, name
    assert "\x1b" not in "".join(what for _, _, what in audit(log))  # escaped in the log
    assert not (tmp_path / "uploads").exists()
    # What is taken: CSV (UTF-8, UTF-16, Thai Windows-874) and a real workbook.
    for name, data in (("bk.csv", "ເພດ,ສັນຊາດ\nF,TH\n".encode()),
                       ("bk16.csv", "a,b\n1,2\n".encode("utf-16")),
                       ("cr.csv", "เพศ,อายุ\nชาย,25\n".encode("cp874")),
                       ("ส่งออก.xlsx", workbook_bytes())):
        path = analyst.upload(ana, log, name, data, tmp_path / "uploads")
        assert path.name == name and path.read_bytes() == data
        assert path.parent.parent == tmp_path / "uploads"


def test_upload_of_a_zip_bomb_is_refused(log: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyst, "MAX_UNZIPPED_BYTES", 1 << 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 << 20))
    assert len(buffer.getvalue()) < 1 << 20
    with pytest.raises(analyst.UploadRefused) as refused:
        analyst.upload(access.User("ana", "analyst"), log, "bomb.xlsx", buffer.getvalue(),
                       tmp_path / "uploads")
    assert refused.value.reason == "content"


def test_upload_saves_ingests_and_reports(log: Path, upload_db: Path, tmp_path: Path) -> None:
    at = analyst_session()
    open_page(at, "analyst_upload")
    data = (SPEC_CASES / "reexport" / "bokeo_persons_2022.csv").read_bytes()
    upload(at, "bokeo_persons_2022.csv", data)
    assert not at.error, [e.value for e in at.error]
    _, persons, linked = at.session_state["upload_report"]
    assert [s.value for s in at.success] == [
        t("upload.done", persons=i18n.number(persons, "en"), linked=i18n.number(linked, "en"))]
    report = at.dataframe[0].value
    assert report[t("col.file_name")].tolist() == ["bokeo_persons_2022.csv"]
    assert report[t("col.status")].tolist() == [t("file_status.loaded")]
    assert report[t("col.rows_loaded")].iloc[0] > 0
    (saved,) = (tmp_path / "uploads").rglob("*.csv")
    assert saved.read_bytes() == data
    rows = [r for r in audit(log) if r[1] in ("upload", "ingest")]
    assert [r[:2] for r in rows] == [("ana", "upload"), ("ana", "ingest")]
    assert rows[0][2].startswith(f"bokeo_persons_2022.csv ({len(data)} bytes, sha256 ")
    assert rows[1][2].startswith("bokeo_persons_2022.csv: loaded")
    # The same file again changes nothing.
    at.button(key="upload_submit").click().run()
    assert at.dataframe[0].value[t("col.status")].tolist() == [t("file_status.unchanged")]


# ---------------------------------------------------------------------------- no HTML

def test_no_html_anywhere_in_the_dashboard() -> None:
    """No data-derived string can reach HTML: the dashboard writes none at all."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py")}
    for needle in ("unsafe_allow_html", "st.html(", ".html(", "components.v1", "components.html"):
        assert [p for p, text in sources.items() if needle in text] == [], needle
