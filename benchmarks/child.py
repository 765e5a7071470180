"""One fresh process for the start-up and memory benchmarks: `python -m benchmarks.child
bare|app|cold FD [DB]`.

Both sides run headless and wait the same way for their first screen to be mounted and
painted; then they write their peak resident memory (kB) to the file descriptor FD, which is
when the parent stops its clock, and exit. `bare` is the reference: a Textual app showing one
widget. `app` goes through the real `nrgame` command line with all bundled content (`cold`
too: the parent emptied its content cache).
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
from typing import Any


def _report(fd: int) -> None:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.write(fd, f"{peak_kb}\n".encode())
    os.close(fd)


def _autopilot(fd: int, screen_class: type[Any]) -> Any:
    async def when_ready(pilot: Any) -> None:
        app = pilot.app
        while not (isinstance(app.screen, screen_class) and app.screen.is_mounted):
            await asyncio.sleep(0)
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)
        await painted.wait()
        _report(fd)
        app.exit()

    return when_ready


def bare(fd: int) -> None:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Bonjour")

    Bare().run(headless=True, auto_pilot=_autopilot(fd, Screen))


def app(fd: int, db: str) -> None:
    from nrgame.cli import main
    from nrgame.tui.app import NrgameApp
    from nrgame.tui.screens.home import HomeScreen

    run = NrgameApp.run

    def headless_run(self: NrgameApp, *args: Any, **kwargs: Any) -> None:
        run(self, headless=True, auto_pilot=_autopilot(fd, HomeScreen))

    NrgameApp.run = headless_run  # type: ignore[method-assign, assignment]
    code = main(["--db", db])
    if code:
        raise SystemExit(code)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare(int(sys.argv[2]))
    else:
        app(int(sys.argv[2]), sys.argv[3])
