"""Crash safety and concurrency: the live database is always a whole, readable state."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import schema
from pipelines.generate import generate_exports
from pipelines.ingest import ingest


def snapshot(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchall()[0][0]
                for t in schema.ALL_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("reliability")
    first, second = root / "first", root / "second"
    generate_exports(first, persons=300, seed=31)
    generate_exports(second, persons=1500, seed=32)
    return first, second


@pytest.fixture(scope="module")
def run_seconds(exports, tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long a full ingest process takes here, so kills land at known fractions of it."""
    first, second = exports
    db = tmp_path_factory.mktemp("timing") / "m.duckdb"
    ingest([first], db)
    started = time.monotonic()
    assert start_ingest(second, db).wait(timeout=300) == 0
    return time.monotonic() - started


def start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "ingest", str(folder), "--db", str(db),
         "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "GX_ANALYTICS_ENABLED": "false"},
    )


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.75])
def test_sigkill_leaves_the_live_database_unchanged(exports, run_seconds, tmp_path: Path,
                                                    fraction: float) -> None:
    """Killed while importing, reading, validating, writing or publishing."""
    first, second = exports
    db = tmp_path / "m.duckdb"
    ingest([first], db)
    before = snapshot(db)
    proc = start_ingest(second, db)
    time.sleep(run_seconds * fraction)
    assert proc.poll() is None, "the run ended before the kill: the test proved nothing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(db) == before  # the live file is whole, readable and unchanged
    if fraction == 0.6:
        # A re-run completes normally and cleans up what the killed run left.
        assert db.with_name(db.name + ".next").exists()
        report = ingest([second], db)
        assert report.exit_code == 0
        assert not db.with_name(db.name + ".next").exists()
        assert snapshot(db)["persons"] > before["persons"]


def test_readers_never_see_an_error_or_a_half_state_while_ingests_run(exports, tmp_path: Path
                                                                      ) -> None:
    first, second = exports
    db = tmp_path / "m.duckdb"
    ingest([first], db)
    errors: list[BaseException] = []
    totals: set[tuple[int, int]] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                con = duckdb.connect(str(db), read_only=True)
                try:
                    persons = con.execute("SELECT count(*) FROM persons").fetchall()[0][0]
                    linked = con.execute("SELECT count(DISTINCT person_id) FROM source_persons"
                                         ).fetchall()[0][0]
                finally:
                    con.close()
                totals.add((persons, linked))
            except BaseException as exc:  # noqa: BLE001 - any error is the failure we look for
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        proc = start_ingest(second, db)
        assert proc.wait(timeout=300) == 0
        deadline = time.monotonic() + 10  # let the readers open the published file too
        while len(totals) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    # Every state a reader saw was a whole one: persons equal distinct person_ids.
    assert all(p == q for p, q in totals)
    assert len(totals) == 2  # the state before, and the state after
