"""Content that looks like markup is shown literally everywhere, and never crashes the app.

The fixture deck (tests/fixtures/markup/) holds `[b]…[/b]`, a lone `[/]` (which markup parsing
refuses with an exception), `[@click=app.quit]` and more, in every field a player sees.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.quiz import display_order
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.storage.sqlite import RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.home import HomeScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.records import RecordsScreen
from nrgame.tui.screens.results import ResultsScreen
from nrgame.tui.screens.resume import ResumeDialog
from tests.conftest import FIXTURES, FixedClock

SIZE = (160, 60)


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as plain text (as App.export_screenshot renders it)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


async def shows(pilot: Pilot[object], *texts: str) -> None:
    await pilot.pause()
    seen = screen_text(pilot.app)
    for text in texts:
        assert text in seen, f"{text!r} is not on screen:\n{seen}"
    assert pilot.app.is_running


def markup_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "markup"])
    assert catalog.ok, catalog.errors
    return catalog


async def test_markup_in_a_deck_is_shown_literally_from_home_to_results(tmp_path: Path) -> None:
    catalog = markup_catalog()
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await shows(
            pilot,
            "[b]Série[/b] [/] piège",
            "[@click=app.quit]Tous[/]",
            "Description [blink]clignotante[/blink] [/]",
        )
        # The command palette: the deck's title and description
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jouer")
        await pilot.pause(0.3)
        await shows(pilot, "[b]Série[/b] [/] piège", "Description [blink]clignotante[/blink]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        # choice
        await shows(
            pilot,
            "[b]Série[/b] [/] piège",  # the header
            "Choix [b]A[/b] ou [/] ?",
            "[dim]thème[/dim]",
            "[red]rouge[/red]",
            "[@click=app.quit]quitter[/]",
            "C  [/]",
            "tableau[1]",
        )
        await pilot.press("c")  # the lone "[/]", wrong on purpose
        await shows(
            pilot,
            "Votre réponse : [/]",
            "Réponse attendue : [red]rouge[/red]",
            "Explication [bold]importante[/bold] [/]",
            "Chiffre [b]gras[/b] cité",
            "[red]%[/red]",
            "France [i]entière[/i]",
            "[i]ADEME[/i], « Titre [@click=app.quit]piège[/] »",
            "Réserve [/] à lire",
        )
        await pilot.press("enter")
        # multi
        await shows(pilot, "Plusieurs [/] réponses [b]?", "[b]un[/b]", "[i]deux[/i]", "[/]trois")
        await pilot.press("a", "enter")
        await shows(
            pilot,
            "Votre réponse : [b]un[/b]",
            "Réponse attendue : [b]un[/b] ; [/]trois",
            "Corrigé [@click=app.bell]sonne[/]",
            "[u]ANCT[/u], « [/] Guide »",
        )
        await pilot.press("enter")
        # truefalse
        await shows(pilot, "Vrai [@click=app.quit]ou[/] faux ?")
        await pilot.press("v")
        await shows(pilot, "Vrai [link=https://exemple.fr]lien[/link].")
        await pilot.press("enter")
        # estimate
        await shows(pilot, "Estimez [b]x[/b] [/]", "[u]kWh[/u]")
        await pilot.press(*"25", "enter")
        await shows(pilot, "Votre réponse : 25 [u]kWh[/u]", "Dix [reverse]kWh[/reverse].")
        await pilot.press("enter")
        # order
        await shows(
            pilot,
            "Classez [on red]ceci[/on red]",
            "[1] premier",
            "[b]deuxième[/b]",
            "[/] troisième",
        )
        await pilot.press("enter")
        await shows(pilot, "Ordre [/] attendu.", "Réponse attendue : [1] premier < [b]deuxième[/b]")
        await pilot.press("enter")
        # match: the left column, then each list's options once opened
        await shows(pilot, "Associez [i]les[/i] [/] paires", "1. [b]G[/b]", "2. [/]gauche")
        await pilot.press("enter")  # open the first list
        await shows(pilot, "[i]droite[/i]", "[@click=app.quit]q[/]")
        await pilot.press("escape")
        shown = display_order(catalog.questions["m-match"])  # type: ignore[arg-type]
        for left in range(2):
            await pilot.press("AB"[shown.index(left)].lower())
        await shows(pilot, f"{'AB'[shown.index(0)]}. [i]droite[/i]")  # the chosen value
        await pilot.press("enter")
        await shows(pilot, "Paires [/].", "[b]G[/b] → [i]droite[/i]")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await shows(
            pilot,
            "Choix [b]A[/b] ou [/] ?",
            "[red]rouge[/red]",
            "• Choix [b]A[/b] ou [/] ?",  # to review
        )
    store.close()


async def test_markup_in_resume_and_records(tmp_path: Path) -> None:
    catalog = markup_catalog()
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "b")  # one answer, then leave the app
        await pilot.pause()
        await pilot.press("ctrl+q")
    (session,) = store.sessions(RUNNING)
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await shows(pilot, "« [b]Série[/b] [/] piège »")
        await pilot.press("escape")  # later
        await pilot.pause()
        # The session declared afterwards, with a place and a facilitator typed in by hand
        store.save_setup(
            session.id,
            SessionSetup(
                SessionKind.ATELIER,
                date(2026, 3, 2),
                place="Salle [b]1[/b] [/]",
                facilitator="[i]A[/i]",
            ),
        )
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        await shows(pilot, "Salle [b]1[/b] [/]", "[b]Série[/b] [/] piège", "Animation : [i]A[/i]")
    store.close()


async def test_a_storage_message_naming_a_path_with_brackets(tmp_path: Path) -> None:
    folder = tmp_path / "base [/] [b]x[/b]"
    store = SqliteStore(folder / "db.sqlite3")
    store.query("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    app = NrgameApp(markup_catalog(), store, clock=FixedClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")  # start the deck: the store refuses
        await shows(pilot, "base [/] [b]x[/b]")
        assert isinstance(app.screen, HomeScreen)
    store.close()
