"""End to end in a real browser: Debian's Chromium, driven by Playwright, on a served dashboard.

Loads every page, waits for its charts, switches to Thai through the language selector, and
saves screenshots to build/screenshots/ (look at them: Thai and Lao must render, not boxes).
Every request the page makes must stay on this machine.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from pipelines.generate import generate_exports
from pipelines.ingest import ingest
from tests.conftest import dashboard_server

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# The default page (Overview) is served at the root.
PATHS = {"overview": ""}
PAGES = ("overview", "recruitment", "debt", "control", "durations", "coordination", "rights",
         "data_quality", "about")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("browser")
    generate_exports(root / "raw", persons=600, seed=41)
    ingest([root / "raw"], root / "m.duckdb")
    with dashboard_server(TIPMON_DB=str(root / "m.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is installed by .ci/run"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, url: str, outside: list[str]):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    host = urlparse(url).hostname

    def guard(route) -> None:
        if urlparse(route.request.url).hostname in (host, "localhost"):
            route.continue_()
        else:  # nothing may leave the machine
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return page


def wait_for_charts(page) -> None:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(800)  # let the last chart finish drawing


def test_every_page_renders_its_charts_in_english_and_thai(server: str, browser) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    page = open_page(browser, server, outside)
    for name in PAGES:
        page.goto(f"{server}/{PATHS.get(name, name)}")
        wait_for_charts(page)
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert page.get_by_text("Page not found").count() == 0, name
        assert page.locator(".js-plotly-plot").count() >= 1, name
        page.screenshot(path=str(SHOTS / f"en_{name}.png"))

    # Switch to Thai through the language selector, as a person would.
    page.goto(f"{server}/")
    wait_for_charts(page)
    page.get_by_role("combobox", name="Language / ภาษา / ພາສາ").click()
    page.get_by_role("option", name="ไทย").click()
    page.wait_for_selector("text=ภาพรวม", timeout=30_000)
    wait_for_charts(page)
    body = page.inner_text("body")
    assert "ผู้" in body and "ปี" in body  # Thai labels, not English
    page.screenshot(path=str(SHOTS / "th_overview.png"))
    for name in PAGES[1:]:
        # By the link's address, not its position: the navigation also lists pages without
        # charts (the annual report), and the old page's chart must not count as the new one's.
        page.locator(f"[data-testid='stSidebarNav'] a[href$='/{name}']").click()
        page.wait_for_url(f"**/{name}")
        wait_for_charts(page)
        assert page.locator("[data-testid='stException']").count() == 0, name
        page.screenshot(path=str(SHOTS / f"th_{name}.png"))
    assert outside == []


def test_lao_session_renders(server: str, browser) -> None:
    outside: list[str] = []
    page = open_page(browser, server, outside)
    page.goto(f"{server}/rights?lang=lo")
    wait_for_charts(page)
    assert "ສິດ" in page.inner_text("body") or "ລາວ" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "lo_rights.png"))
    assert outside == []
