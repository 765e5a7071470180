"""Keys a facilitator presses on the board, shared by the Pilot tests."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from nrgame.tui.widgets.board import EventDialog
from nrgame.tui.widgets.confirm import ConfirmDialog

SIZE = (120, 40)


async def go_to_row(pilot: Pilot[Any], row: int) -> None:
    """Move the card cursor to a row with the arrow keys, as a facilitator would."""
    table = pilot.app.screen.query_one("#cards", DataTable)
    while table.cursor_row > row:
        await pilot.press("up")
    while table.cursor_row < row:
        await pilot.press("down")


async def commit(pilot: Pilot[Any], *rows: int) -> None:
    for row in rows:
        await go_to_row(pilot, row)
        await pilot.press("enter")
        await pilot.pause()


async def confirm_turn(pilot: Pilot[Any]) -> list[str]:
    """v, then « o » in the confirmation (Entrée keeps the safe « Revenir »).

    Returns the titles of the events shown, if any.
    """
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("o")
    await pilot.pause()
    shown: list[str] = []
    if isinstance(pilot.app.screen, EventDialog):
        shown = [fired.event.title for fired in pilot.app.screen.events]
        await pilot.press("enter")
        await pilot.pause()
    return shown


async def type_agents(pilot: Pilot[Any], text: str) -> None:
    """In the declaration form: Tab to the agents' count, as a facilitator would, and type."""
    form = pilot.app.screen
    while form.focused is None or form.focused.id != "n-agents":
        await pilot.press("tab")
    while getattr(form.focused, "value", ""):
        await pilot.press("backspace")
    await pilot.press(*text)


async def declare_players(pilot: Pilot[Any], agents: str = "8") -> None:
    """Fill the form a board game opens with, then start the game."""
    await type_agents(pilot, agents)
    await pilot.press("ctrl+s")
    await pilot.pause()
