"""No request leaves the machine: ingest, validation and the quality outputs with every
non-loopback connection refused (pages: test_browser.py; report: test_publish.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pipelines import cli
from pipelines.generate import generate_exports

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self, address):  # noqa: ANN001 - socket's own signature
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host in LOOPBACK or host.startswith("/")):
            return real_connect(self, address)
        attempts.append(address)
        raise ConnectionRefusedError(f"egress refused in tests: {address}")

    def getaddrinfo(host, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if host not in LOOPBACK:
            attempts.append(host)
            raise socket.gaierror(f"name lookup refused in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_ingest_and_quality_outputs_need_no_network(tmp_path: Path, no_network: list) -> None:
    raw, db = tmp_path / "raw", tmp_path / "m.duckdb"
    generate_exports(raw, persons=150, seed=51)
    assert cli.main(["ingest", str(raw), "--db", str(db), "--quiet"]) == 0
    assert cli.main(["quality", "--db", str(db), "--rejections", str(tmp_path / "rej"),
                     "--docs", str(tmp_path / "docs")]) == 0
    assert cli.main(["export", "--format", "ctdc", "--out", str(tmp_path / "c.csv"),
                     "--db", str(db)]) == 0
    assert no_network == []


def test_the_guard_refuses_outside_addresses(no_network: list) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("outside.invalid", 80), timeout=1)  # refused before lookup
    assert no_network == ["outside.invalid"]
