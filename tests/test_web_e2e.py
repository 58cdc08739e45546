"""End to end in a real browser: headless Debian Chromium driven by Playwright.

The server runs in a thread on a free loopback port over a copy of the
seeds' store; the browser opens the story list, the story page and an
article page, and screenshots go to ``test-output/`` for people to look at.
Chromium comes from Debian (``/usr/bin/chromium``, installed by ``.ci/run``);
without it the test skips with a message, except in CI where it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("CROSSWIRE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from crosswire.web import create_app

    db = tmp_path_factory.mktemp("e2e") / "web.db"
    shutil.copy(seed_db, db)
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is absent: install Debian's chromium package (.ci/run does)"
        if os.environ.get("CROSSWIRE_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def test_story_page_in_browser(server: str, browser: object) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/")
    link = page.locator("#stories a").first
    assert "Outside of NATO" in link.inner_text()
    page.screenshot(path=str(OUTPUT / "stories.png"), full_page=True)
    link.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h3", has_text="Brief").is_visible()
    assert page.locator("#coverage").is_visible()
    assert page.locator("#coverage td.yes").count() >= 2
    assert page.locator("h3", has_text="Reuse").is_visible()
    assert page.get_by_text("Zelensk").first.is_visible()
    page.screenshot(path=str(OUTPUT / "story.png"), full_page=True)
    page.locator("#coverage thead a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#article-title").is_visible()
    assert page.locator("#article-text span.quote").count() >= 3
    page.screenshot(path=str(OUTPUT / "article.png"), full_page=True)
    page.close()


def test_story_page_on_a_phone(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.locator("#stories a").first.click()
    page.wait_for_url("**/stories/*")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 2, f"the story page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(OUTPUT / "story-phone.png"), full_page=True)
    page.close()
