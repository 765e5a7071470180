"""An agent in headless Chromium (Debian's, never a downloaded one): open the printed link,
see nrgame drawn, type an alias; the alias is in the server's base."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import learners
from tests.system import require
from tests.web.served import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTES = Path("/work/notes")


def test_an_agent_opens_the_link_and_gives_an_alias(tmp_path: Path) -> None:
    require(["chromium"], lambda: shutil.which("chromium") is not None)
    base = tmp_path / "base.db"
    with serve(base) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(served.link, timeout=30_000)
            assert "token" not in page.url  # the token went into the cookie
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_timeout(1500)  # the first frame drawn
            page.mouse.click(240, 178)  # into the alias field, as the agent would (see notes)
            page.keyboard.type("Hirondelle 12")
            page.keyboard.press("Enter")
            deadline = time.monotonic() + 20
            found: list[str] = []
            while time.monotonic() < deadline and "Hirondelle 12" not in found:
                page.wait_for_timeout(250)
                if base.exists():
                    store = SqliteStore(base)
                    try:
                        found = [learner.alias for learner in learners(store)]
                    finally:
                        store.close()
            if NOTES.is_dir():
                page.screenshot(path=str(NOTES / "web-agent.png"))
            assert "Hirondelle 12" in found
        finally:
            browser.close()
