"""The records screen and the dashboard, driven through their keys."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from textual.widgets import DataTable, Digits, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.quiz import Given
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.records import history
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.dashboard import DashboardScreen
from nrgame.tui.screens.records import AudienceDialog, RecordsScreen
from nrgame.tui.widgets.confirm import ConfirmDialog


def declare(store: SqliteStore, setup: SessionSetup) -> str:
    """A session declared and played: one question answered."""
    at = datetime.combine(setup.day, datetime.min.time())
    sid = store.start_session(kind=setup.kind.value, question_ids=["t-choice"], started_at=at)
    store.save_setup(sid, setup)
    store.record_answer(sid, Given(0, "t-choice", 2, 1.0, at))
    store.finish_session(sid, datetime.combine(setup.day, datetime.min.time()))
    return sid


def three_sessions(store: SqliteStore) -> dict[str, str]:
    return {
        "atelier": declare(
            store,
            SessionSetup(
                SessionKind.ATELIER,
                date(2026, 3, 2),
                "Médiathèque",
                "Camille",
                [AudienceCount(Audience.AGENTS, 12), AudienceCount(Audience.ELUS, 3, True)],
                [Partner("Repair café", "association")],
            ),
        ),
        "stand": declare(
            store,
            SessionSetup(
                SessionKind.STAND,
                date(2026, 5, 1),
                "Marché",
                audience=[AudienceCount(Audience.CITOYENS, 40, True)],
            ),
        ),
        "conference": declare(
            store,
            SessionSetup(
                SessionKind.CONFERENCE,
                date(2025, 11, 20),
                "Lycée",
                audience=[AudienceCount(Audience.SCOLAIRES, 90)],
            ),
        ),
    }


def text_of(screen: RecordsScreen | DashboardScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def test_filter_open_correct_and_delete_by_keys(store: SqliteStore, mini_catalog: Catalog) -> None:
    async def run() -> None:
        ids = three_sessions(store)
        app = NrgameApp(mini_catalog, store)
        async with app.run_test(size=(140, 45)) as pilot:
            screen = RecordsScreen(store, mini_catalog, clock=lambda: datetime(2026, 3, 5, 10, 30))
            app.push_screen(screen)
            await pilot.pause()
            table = screen.query_one("#sessions", DataTable)
            assert table.row_count == 3
            # Newest first; the detail follows the cursor.
            assert text_of(screen, "#detail").startswith("Stand du 1er mai 2026")

            await pilot.press("f", *"2026-01-01")
            await pilot.pause()
            assert table.row_count == 2
            await pilot.press("tab", "tab", "enter", "down", "enter")  # to: skip; type: Atelier
            await pilot.pause()
            assert screen.kind == "atelier"
            assert table.row_count == 1
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is table
            detail = text_of(screen, "#detail")
            assert detail.startswith("Atelier du 2 mars 2026")
            assert "Public : agents 12 (compté), élus 3 (estimé) — total 15" in detail
            assert "Partenaires : Repair café (association)" in detail

            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, AudienceDialog)
            await pilot.press(*"14")  # the agents count, selected on focus
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen_stack[-1] is screen
            setup = store.setup(ids["atelier"])
            assert setup is not None
            assert setup.audience == [
                AudienceCount(Audience.AGENTS, 14),
                AudienceCount(Audience.ELUS, 3, True),
            ]
            assert len(history(store, ids["atelier"])) == 1
            assert "05/03/2026 10:30 — agents : 12 compté → 14 compté" in text_of(screen, "#detail")
            assert text_of(screen, "#message") == "Public corrigé (1 catégorie)."

            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert store.session(ids["atelier"]) is not None
            assert text_of(screen, "#message") == "Suppression annulée."

            await pilot.press("s")
            await pilot.pause()
            await pilot.press("enter")  # the focused button is the safe « Non »
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmDialog)
            assert store.session(ids["atelier"]) is not None

            await pilot.press("s")
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            assert store.session(ids["atelier"]) is None
            assert store.query("SELECT COUNT(*) FROM audience_history") == [(0,)]
            assert table.row_count == 0
            assert text_of(screen, "#message") == "Séance du 2 mars 2026 supprimée."
            assert store.session(ids["stand"]) is not None

    asyncio.run(run())


def test_a_bad_date_is_said_and_leaves_the_table(store: SqliteStore, mini_catalog: Catalog) -> None:
    async def run() -> None:
        three_sessions(store)
        app = NrgameApp(mini_catalog, store)
        async with app.run_test(size=(140, 45)) as pilot:
            screen = RecordsScreen(store, mini_catalog)
            app.push_screen(screen)
            await pilot.pause()
            await pilot.press("f", *"2026-13")
            await pilot.pause()
            assert screen.query_one("#sessions", DataTable).row_count == 3
            assert "JJ/MM/AAAA" in text_of(screen, "#period-problem")

    asyncio.run(run())


def test_dashboard_shows_the_indicators_of_the_period(
    store: SqliteStore, mini_catalog: Catalog
) -> None:
    async def run() -> None:
        three_sessions(store)
        app = NrgameApp(mini_catalog, store)
        async with app.run_test(size=(140, 60)) as pilot:
            screen = DashboardScreen(store, mini_catalog)
            app.push_screen(screen)
            await pilot.pause()
            assert screen.query_one("#figure-actions", Digits).value == "3"
            assert screen.query_one("#figure-people", Digits).value == "145"
            assert screen.query_one("#figure-actors", Digits).value == "1"
            chart = text_of(screen, "#chart-actions").splitlines()
            assert len(chart) == 7  # novembre 2025 to mai 2026, empty months included
            assert chart[0].startswith("novembre 2025") and chart[0].endswith(" 1")
            assert chart[1].startswith("décembre 2025") and chart[1].endswith(" 0")

            await pilot.press(*"2026-01-01")  # the first date field has the focus
            await pilot.pause()
            assert screen.query_one("#figure-actions", Digits).value == "2"
            assert screen.query_one("#figure-people", Digits).value == "55"
            assert "Période : depuis le 1er janvier 2026" in text_of(screen, "#period-text")

    asyncio.run(run())
