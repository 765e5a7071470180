"""What `nrgame` imports before the home screen shows: only what the home screen needs.

A real `nrgame` process (the command line, all bundled content, a new base) runs headless to
the home screen and lists its modules there. The extras and the other screens must not be
among them: each is imported when first used (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import asyncio, json, sys
from nrgame.cli import main
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.home import HomeScreen

run = NrgameApp.run

async def at_home(pilot):
    for _ in range(100_000):
        if isinstance(pilot.app.screen, HomeScreen) and pilot.app.screen.is_mounted:
            with open(sys.argv[1], "w", encoding="utf-8") as out:
                json.dump(sorted(sys.modules), out)
            break
        await asyncio.sleep(0)
    pilot.app.exit()

NrgameApp.run = lambda self, *args, **kwargs: run(self, headless=True, auto_pilot=at_home)
raise SystemExit(main(["--db", sys.argv[2]]))
"""

NOT_AT_START = ["psycopg", "aiohttp", "textual_serve", "odf", "fsrs", "segno"]
"""The extras' libraries and the heavy ones of other commands (ODS export, QR codes)."""


def test_reaching_the_home_screen_imports_no_extra_and_no_other_screen(tmp_path: Path) -> None:
    listing = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NRGAME_")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(listing), str(tmp_path / "base.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(listing.read_text("utf-8"))
    assert "nrgame.tui.screens.home" in modules  # the listing was taken at home
    loaded = [
        name
        for name in modules
        if name.split(".")[0] in NOT_AT_START
        or (name.startswith("nrgame.tui.screens.") and name != "nrgame.tui.screens.home")
    ]
    assert loaded == []
