"""Agent mode (what `nrgame web` serves by default): self-training only, by keys or palette."""

from __future__ import annotations

import asyncio

from textual.command import CommandPalette

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.dashboard import DashboardScreen
from nrgame.tui.screens.learners import LearnerScreen
from nrgame.tui.screens.records import RecordsScreen


def test_agent_starts_on_the_alias_and_cannot_leave_it(
    store: SqliteStore, mini_catalog: Catalog
) -> None:
    async def scenario() -> None:
        app = NrgameApp(mini_catalog, store, mode="agent")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LearnerScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LearnerScreen)
            await app.run_action("records")  # what a key or palette entry would run
            await app.run_action("dashboard")
            await pilot.pause()
            assert not any(isinstance(s, RecordsScreen | DashboardScreen) for s in app.screen_stack)

    asyncio.run(scenario())


def test_agent_palette_offers_neither_records_nor_decks(
    store: SqliteStore, mini_catalog: Catalog
) -> None:
    async def titles(mode: str, query: str) -> list[str]:
        app = NrgameApp(mini_catalog, store, mode="agent" if mode == "agent" else "full")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*query)
            await pilot.pause(0.5)
            options = app.screen.query_one("CommandList")
            return [str(option.prompt) for option in options._options]  # type: ignore[attr-defined]

    async def scenario() -> None:
        full = await titles("full", "n")  # « n » is in every entry below
        agent = await titles("agent", "n")
        assert any(t.startswith("Séances") for t in full)
        assert any("Indicateurs" in t for t in full)
        assert any("Animer" in t for t in full)
        assert not any(t.startswith(("Séances", "Indicateurs")) for t in agent)
        assert not any("Jouer" in t or "Animer" in t for t in agent)
        assert any("Autoformation" in t for t in agent)

    asyncio.run(scenario())
