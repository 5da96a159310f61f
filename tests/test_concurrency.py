"""Several dashboard sessions on a real server while ingests publish new files: zero errors.

`streamlit run` on a loopback port; each session is a websocket client speaking Streamlit's own
protocol (what the browser sends: "run this page"; what it gets back: the page's elements) and
runs the meeting pages over and over while three `tipmon ingest` processes publish new exports
into the same database (each an atomic rename over the live file). Every page run must finish
without an exception element, and every session's next page run after the last publication
must show the published files. A visitor who is not signed in asking for an analyst page gets
meeting mode, nothing else.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

from dashboard import i18n
from pipelines import store
from pipelines.ingest import EXPORT_SUFFIXES, ingest
from tests.conftest import dashboard_server
from tests.test_reliability import exports, start_ingest  # noqa: F401 - exports is a fixture

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = 4
BATCHES = 3
# "" is the default page (Overview); analyst_persons is not in an anonymous navigation.
PAGES = ("", "recruitment", "debt", "durations", "data_quality", "about", "analyst_persons")
ANALYST_TITLE = i18n.translate("nav.analyst_persons", "en")
NEW_FILES = tuple(f"late{i}_".encode() for i in range(1, BATCHES + 1))


@dataclass
class Run:
    errors: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    payload: bytes = b""
    not_found: bool = False


class Session:
    """One browser session: a websocket to the server, one page run at a time."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    def run(self, page: str, timeout: float = 120) -> Run:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = page
        self.ws.send(message.SerializeToString())
        run = Run()
        deadline = time.monotonic() + timeout
        while True:
            data = self.ws.recv(timeout=max(1.0, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(data)
            run.payload += data
            kind = forward.WhichOneof("type")
            if kind == "page_not_found":
                run.not_found = True
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    run.errors.append(f"{page}: {element.exception.type}: "
                                      f"{element.exception.message}")
                elif element.WhichOneof("type") == "heading":
                    run.headings.append(element.heading.body)
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append(f"{page}: the script did not compile")
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY,
                              ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    return run


def open_session(url: str) -> ClientConnection:
    host = url.removeprefix("http://")
    return connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=url,
                   max_size=None, open_timeout=60)


def test_a_reader_opened_after_a_publication_reads_the_new_file(tmp_path: Path) -> None:
    """DuckDB hands ``duckdb.connect(path)`` the instance it already has open for that path,
    even when a rename has put another file there; ``store.connect`` must not."""
    live, new = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for path, value in ((live, 1), (new, 2)):
        con = store.connect(path)
        con.execute("CREATE TABLE t AS SELECT ? AS v", [value])
        con.close()
    first = store.connect(live, read_only=True)
    os.replace(new, live)
    second = store.connect(live, read_only=True)
    try:
        assert second.execute("SELECT v FROM t").fetchall() == [(2,)]
        assert first.execute("SELECT v FROM t").fetchall() == [(1,)]  # its own file, whole
    finally:
        second.close()
        first.close()


@pytest.fixture
def database(exports, tmp_path: Path) -> tuple[Path, list[Path]]:  # noqa: F811
    """The first exports ingested; the second split into batches of files under new names."""
    first, second = exports
    db = tmp_path / "m.duckdb"
    ingest([first], db)
    files = sorted(p for p in second.iterdir() if p.suffix.lower() in EXPORT_SUFFIXES)
    batches = [tmp_path / f"late{i}" for i in range(1, BATCHES + 1)]
    for i, path in enumerate(files):
        folder = batches[i % BATCHES]
        folder.mkdir(exist_ok=True)
        shutil.copyfile(path, folder / f"{folder.name}_{path.name}")
    return db, batches


@pytest.fixture
def server(database: tuple[Path, list[Path]], tmp_path: Path) -> Iterator[str]:
    db, _ = database
    with dashboard_server(TIPMON_DB=str(db),
                          TIPMON_ACCESS_DB=str(tmp_path / "access.sqlite")) as url:
        yield url


def test_sessions_query_while_ingests_publish_with_zero_errors(
        server: str, database: tuple[Path, list[Path]]) -> None:
    db, batches = database
    errors: list[str] = []
    runs_during = [0] * SESSIONS  # page runs that finished while the ingests were running
    saw_new = [False] * SESSIONS
    ingesting, published, stop = threading.Event(), threading.Event(), threading.Event()

    def browse(index: int) -> None:
        try:
            with open_session(server) as ws:
                session = Session(ws)
                turn = index  # the sessions start on different pages
                while not stop.is_set():
                    if published.is_set():
                        # The next page run after the publication shows the new files.
                        run = session.run("data_quality")
                        errors.extend(run.errors)
                        saw_new[index] = all(name in run.payload for name in NEW_FILES)
                        return
                    page = PAGES[turn % len(PAGES)]
                    turn += 1
                    run = session.run(page)
                    errors.extend(run.errors)
                    if page == "analyst_persons" and not (
                            run.not_found and ANALYST_TITLE not in run.headings):
                        errors.append(f"session {index}: an analyst page without signing in")
                    if ingesting.is_set() and not published.is_set():
                        runs_during[index] += 1
        except Exception as exc:  # noqa: BLE001 - a dropped connection, a timeout: failures
            errors.append(f"session {index}: {exc!r}")

    threads = [threading.Thread(target=browse, args=(i,)) for i in range(SESSIONS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)  # every session is up and browsing
        ingesting.set()
        procs = [start_ingest(folder, db) for folder in batches]  # they take turns (lock)
        codes = [proc.wait(timeout=300) for proc in procs]
        published.set()
        for thread in threads:
            thread.join(timeout=150)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=150)
    assert codes == [0] * BATCHES
    assert errors == []
    assert all(runs_during), runs_during  # the sessions were querying while ingests ran
    assert all(saw_new), saw_new  # and every one shows the published files on its next run
