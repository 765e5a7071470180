"""The base checked before each answer is confirmed: replaced (a sync tool, a restore),
truncated or overwritten under an open session, it is said in French, nothing more is shown
as recorded, and the session so far can be saved into a new base. A folder or a named pipe
given as the base is called what it is."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Button

from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.quiz import Given
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.store import BaseReplacedError, StoreError
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.widgets.reveal import Reveal
from tests.conftest import FixedClock

AT = datetime(2026, 3, 2, 10, 0)


def answer(store: SqliteStore, session: str, position: int) -> None:
    store.record_answer(session, Given(position, f"q{position}", True, 1.0, AT))


def replace_with_another_base(path: Path) -> None:
    other = path.with_name("restauree.sqlite3")
    SqliteStore(other).close()
    os.replace(other, path)


def start(store: SqliteStore) -> str:
    return store.start_session(kind="quiz", question_ids=["q0", "q1"], started_at=AT)


@pytest.mark.parametrize("how", ["replaced", "truncated", "overwritten"])
def test_a_base_changed_under_the_store_refuses_the_next_answer(tmp_path: Path, how: str) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    session = start(store)
    answer(store, session, 0)
    if how == "replaced":
        replace_with_another_base(path)
    elif how == "truncated":
        os.truncate(path, 0)
    else:
        with open(path, "r+b") as handle:
            handle.write(b"\0" * 100)
    with pytest.raises(BaseReplacedError, match="remplacée, tronquée ou endommagée"):
        answer(store, session, 1)
    store.close()


def test_a_folder_or_a_pipe_as_the_base_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreError, match="est un dossier, pas une base"):
        SqliteStore(tmp_path)
    pipe = tmp_path / "tube"
    os.mkfifo(pipe)
    with pytest.raises(StoreError, match="n'est pas un fichier ordinaire"):
        SqliteStore(pipe)
    assert main(["report", "--db", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "est un dossier" in err and "lecture seule" not in err


async def test_base_replaced_mid_session_in_the_app(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("enter")  # the only deck
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("c")  # choice: recorded, its correction shown
        await pilot.pause()
        assert screen.query_one(Reveal).display
        await pilot.press("enter")
        await pilot.pause()
        replace_with_another_base(path)
        await pilot.press("a", "c", "enter")  # multi: the base is no longer the same
        await pilot.pause()
        assert not screen.query_one(Reveal).display  # not shown as recorded
        assert len(screen.quiz.given) == 1
        rescue = screen.query_one("#rescue", Button)
        assert rescue.display
        # Nothing of the refused answer reached a file, the restored base included.
        with sqlite3.connect(path) as conn:
            refused = "SELECT COUNT(*) FROM answers WHERE position = 1"
            assert conn.execute(refused).fetchone() == (0,)
        rescue.focus()  # as Tab would: the button follows the question
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(Reveal).display  # now recorded, in the new base
        assert not rescue.display
    (rescued,) = tmp_path.glob("nrgame-secours-*.sqlite3")
    new = SqliteStore(rescued)
    (session,) = new.sessions()
    assert [a.question_id for a in new.answers(session.id)] == [
        q.id for q in mini_catalog.deck_questions("mini")[:2]
    ]
    new.close()
    store.close()


def test_checking_the_base_never_opens_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing any descriptor of the base file drops SQLite's POSIX locks for the whole
    process (sqlite.org/howtocorrupt.html, 2.2): a check that opened and closed the file let
    another program remove the write-ahead log under this one, and confirmed sessions were
    lost (one run in five, five runs at once). The check reads the header through the
    descriptor it keeps, never a new one."""
    import builtins

    path = tmp_path / "base.sqlite3"
    store = SqliteStore(path)
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def spy_os_open(file: object, *args: object, **kwargs: object) -> int:
        opened.append(str(file))
        return real_os_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    store.check_base()
    store.start_session(kind="quiz", question_ids=[], started_at=datetime(2026, 1, 1))
    monkeypatch.undo()
    store.close()
    assert str(path) not in opened
