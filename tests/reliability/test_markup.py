"""Content that looks like markup is shown literally everywhere, and never crashes the app.

The fixture deck (tests/fixtures/markup/) holds `[b]…[/b]`, a lone `[/]` (which markup parsing
refuses with an exception), `[@click=app.quit]` and more, in every field a player sees.
"""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

import yaml
from rich.console import Console
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.kinds.base import display_order
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.storage.sqlite import RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.debrief import DebriefScreen
from nrgame.tui.screens.home import HomeScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.records import RecordsScreen
from nrgame.tui.screens.results import ResultsScreen
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.tui.screens.room import RoomScreen
from nrgame.tui.screens.room_results import RoomResultsScreen
from nrgame.tui.screens.room_setup import RoomSetupScreen
from tests.board.pilot_keys import commit, confirm_turn, declare_players
from tests.conftest import FIXTURES, FixedClock

SIZE = (160, 60)
P = ParamSpec("P")
T = TypeVar("T")


def bounded(test: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """Fail instead of hanging: an app that crashes inside run_test can leave the Pilot
    waiting forever."""

    @functools.wraps(test)
    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.wait_for(test(*args, **kwargs), timeout=90)

    return run


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text (as App.export_screenshot renders it)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


async def shows(pilot: Pilot[None], *texts: str) -> None:
    await pilot.pause()
    seen = screen_text(pilot.app)
    for text in texts:
        assert text in seen, f"{text!r} is not on screen:\n{seen}"
    assert pilot.app.is_running


def markup_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "markup"])
    assert catalog.ok, catalog.errors
    return catalog


@bounded
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


@bounded
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


@bounded
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


MARKED_KEYS = {"title", "text", "summary", "label", "measure", "name"}


def _mark(data: object) -> object:
    """The same scenario, with "[/] " before every text a player reads."""
    if isinstance(data, dict):
        return {
            key: f"[/] {value}" if key in MARKED_KEYS and isinstance(value, str) else _mark(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_mark(item) for item in data]
    return data


@bounded
async def test_markup_in_a_board_scenario(tmp_path: Path) -> None:
    text = (FIXTURES / "scenarios" / "mini-plateau.yaml").read_text("utf-8")
    source = yaml.load(text, Loader=yaml.CSafeLoader)
    marked = tmp_path / "scenarios" / "marque.yaml"
    marked.parent.mkdir()
    marked.write_text(yaml.safe_dump(_mark(source), allow_unicode=True), encoding="utf-8")
    catalog = load_catalog([FIXTURES / "content", marked.parent])
    assert catalog.ok, catalog.errors
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "[/] Petite commune d'essai", "[/] Commune d'Essai")
        await pilot.press("tab", "down", "enter")  # the scenarios table, its second row
        await pilot.pause()
        await declare_players(pilot)  # who plays, before the first turn
        assert isinstance(app.screen, BoardScreen)
        await shows(
            pilot,
            "[/] Petite commune d'essai",  # header
            "[/] Diagnostic",  # a card, and its detail
            "[/] On regarde où on en est.",
            "[/] Émissions évitées",  # an indicator
        )
        await commit(pilot, 0, 2)
        await shows(pilot, "Engagée : [/] Ateliers publics")  # a notification
        assert await confirm_turn(pilot) == ["[/] Une panne"]
        for rows in ((1,), (3,)):
            await commit(pilot, *rows)
            await confirm_turn(pilot)
        await commit(pilot, 5)
        await pilot.press("v")
        await pilot.pause()
        await shows(pilot, "[/] Plan de charge")  # the confirmation dialog
        await pilot.press("o")  # « Valider »: Entrée would keep the safe « Revenir »
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await shows(pilot, "[/] Diagnostic", "[/] Achat reconditionné")
    store.close()


@bounded
async def test_markup_in_a_room_session(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(markup_catalog(), store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # the deck, in a room
        await pilot.pause()
        assert isinstance(app.screen, RoomSetupScreen)
        for field, text in (
            ("place", "Salle [/] du conseil"),
            ("facilitator", "[i]Camille[/i]"),
            ("n-agents", "9"),
            ("teams", "[b]Castors[/b], [/]Hérons"),
        ):
            await pilot.click(f"#{field}")
            await pilot.press("end", "ctrl+u", *text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await shows(
            pilot,
            "Choix [b]A[/b] ou [/] ?",
            "[red]rouge[/red]",
            "[@click=app.quit]quitter[/]",
            "[b]Castors[/b]",
            "[/]Hérons",
        )
        await pilot.press("a", "enter", "c", "enter")  # each team in turn
        await pilot.pause()
        await pilot.press("enter")  # reveal
        await shows(pilot, "Explication [bold]importante[/bold] [/]", "[red]rouge[/red]")
        await pilot.press("t")  # end the session here
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # « Terminer »
        await pilot.pause()
        assert isinstance(app.screen, RoomResultsScreen)
        await shows(pilot, "[b]Castors[/b]", "[/]Hérons")
    (session,) = store.sessions()
    assert session.meta["room"]["teams"] == ["[b]Castors[/b]", "[/]Hérons"]
    store.close()


@bounded
async def test_markup_in_self_training(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(markup_catalog(), store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")  # self-training
        await pilot.pause()
        await pilot.press(*"Hirondelle", "enter")  # a new learner
        await pilot.pause()
        await pilot.press("p")  # the path: axes and themes to choose from
        await shows(pilot, "[dim]thème[/dim] (6 questions)")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")  # the final test: decks to choose from
        await shows(pilot, "[b]Série[/b] [/] piège")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # the day's session: one of the deck's prompts, as written
        await pilot.pause()
        seen = screen_text(app)
        prompts = [q.prompt for q in app.catalog.questions.values()]
        assert any(prompt in seen for prompt in prompts), seen
        assert app.is_running
    store.close()


HOSTILE_DECKS = """\
questions:
  - id: h-q
    kind: truefalse
    prompt: "Vrai ?"
    answer: true
    explanation: "Oui."
    source: {publisher: ADEME, title: "T", year: 2025}
    axis: 4
    theme: t
    audiences: [agents]
decks:
"""
HOSTILE_TITLES = [
    "[@click=app.quit]Quitter[/]",
    "Fermée [/x] ici",
    "[/] seule",
    "Variable $accent [$text]x[/]",
    "Normale, chargée après",
]


@bounded
async def test_hostile_deck_fields_in_the_command_palette_are_plain_and_inert(
    tmp_path: Path,
) -> None:
    decks = "".join(
        f"  - id: h-{i}\n    title: {json_text(title)}\n    audience: {json_text(title)}\n"
        f"    description: {json_text(title + ' [/b]')}\n    duration: 5\n    questions: [h-q]\n"
        for i, title in enumerate(HOSTILE_TITLES)
    )
    (tmp_path / "series.yaml").write_text(HOSTILE_DECKS + decks, encoding="utf-8")
    catalog = load_catalog([tmp_path / "series.yaml"])
    assert catalog.ok, catalog.errors
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        for verb in ("Jouer", "Animer en salle"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*verb.lower())
            await pilot.pause(0.3)
            # Every deck's entry is there, its title shown as written, even after a "[/x]".
            await shows(pilot, *(f"{verb} : {title}" for title in HOSTILE_TITLES))
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            entries = palette.query_one(CommandList)
            assert entries.option_count == len(HOSTILE_TITLES)
            # A click on the "[@click=app.quit]" title selects its entry; it does not quit.
            await pilot.press(*" : [@click")
            await pilot.pause(0.3)
            assert entries.option_count == 1
            await pilot.click(CommandList, offset=(len(verb) + 8, entries.gutter.top))
            await pilot.pause(0.3)
            assert app.is_running
            assert not isinstance(app.screen, CommandPalette)
            expected = QuizScreen if verb == "Jouer" else RoomSetupScreen
            assert isinstance(app.screen, expected), app.screen
            await pilot.press("escape")
            await pilot.pause()
            if not isinstance(app.screen, HomeScreen):
                app.pop_screen()
                await pilot.pause()
    store.close()


def json_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
