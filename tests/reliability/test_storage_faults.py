"""Storage faults: a read-only base or folder, a full disk, a damaged or newer file.

Each gives a clear French message (command line: non-zero exit, no traceback; app: a
notification, the app keeps running), never damages what is already recorded, and the base
is copied aside before any schema migration.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog
from nrgame.storage.migrations import MIGRATIONS, SCHEMA_VERSION, statements
from nrgame.storage.sqlite import RUNNING, SQLITE, SqliteStore
from nrgame.storage.store import StoreError
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.home import HomeScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.widgets.reveal import Reveal
from nrgame.usecases.play_quiz import RecordedQuiz
from tests.conftest import FIXTURES, FixedClock
from tests.reliability.bounded import NRGAME, Finished, run_bounded
from tests.reliability.test_markup import bounded, screen_text

SHEET = "C\nA,C\nF\n11\nCAB\nABC\n"  # the mini deck, one line per question
RIGHT = (2, frozenset({0, 2}), False, 11.0)  # the first four answers of the mini deck

# root ignores file modes; without these capabilities it obeys them like anyone else
UNPRIVILEGED = (
    ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if os.geteuid() == 0
    else []
)


def fill(path: Path, catalog: Catalog, sessions: int = 3) -> list[str]:
    """A base with finished sessions of the mini deck; returns their ids."""
    store = SqliteStore(path)
    ids = []
    for _ in range(sessions):
        played = RecordedQuiz.start(store, catalog, "mini", FixedClock())
        for response in RIGHT:
            played.answer(response)
            played.quiz.advance()
        played.finish()
        ids.append(played.session_id)
    store.close()
    return ids


def intact(path: Path, ids: list[str]) -> None:
    """Every session and answer recorded before the fault is still there, and readable."""
    store = SqliteStore(path)
    try:
        assert store.integrity_ok()
        for sid in ids:
            assert len(store.answers(sid)) == len(RIGHT)
    finally:
        store.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quiz_cli(db: Path, tmp_path: Path, prefix: list[str] | None = None) -> Finished:
    """`nrgame quiz mini` from a paper sheet; prefix may replace `python -m nrgame`."""
    sheet = tmp_path / "feuille.txt"
    sheet.write_text(SHEET, encoding="utf-8")
    command = prefix if prefix and prefix[0] == sys.executable else [*(prefix or []), *NRGAME]
    args = [*command, "quiz", "mini", "--answers", str(sheet)]
    return run_bounded(
        [*args, "--content", str(FIXTURES / "content"), "--db", str(db)], cwd=tmp_path
    )


def refused(run: Finished, *words: str) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("nrgame : "), run.stderr
    for word in words:
        assert word in run.stderr, run.stderr


@pytest.fixture
def writable_again(tmp_path: Path) -> Iterator[None]:
    """Give write permission back so that tmp_path can be cleaned up."""
    yield
    for path in tmp_path.rglob("*"):
        if path.is_dir() or path.is_file():
            path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR)


def test_read_only_base(mini_catalog: Catalog, tmp_path: Path, writable_again: None) -> None:
    db = tmp_path / "base.sqlite3"
    ids = fill(db, mini_catalog)
    for path in tmp_path.glob("base.sqlite3*"):
        path.chmod(0o444)
    before = digest(db)
    refused(quiz_cli(db, tmp_path, UNPRIVILEGED), "ne peut pas être écrite", str(db))
    assert digest(db) == before
    intact(db, ids)


def test_read_only_folder(mini_catalog: Catalog, tmp_path: Path, writable_again: None) -> None:
    folder = tmp_path / "partage"
    folder.mkdir()
    ids = fill(folder / "base.sqlite3", mini_catalog)
    folder.chmod(0o555)
    # a new base cannot be created there, and an existing one cannot get its journal
    refused(quiz_cli(folder / "neuve.sqlite3", tmp_path, UNPRIVILEGED), "ne peut pas être écrite")
    refused(quiz_cli(folder / "base.sqlite3", tmp_path, UNPRIVILEGED), "ne peut pas être écrite")
    assert not (folder / "neuve.sqlite3").exists()
    folder.chmod(0o755)
    intact(folder / "base.sqlite3", ids)


def file_size_limit(size: int) -> list[str]:
    """`python -m nrgame`, in a process that may not write a file past `size` bytes."""
    code = (
        "import resource, signal, runpy, sys;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"  # a failed write, not a killed process
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size}));"
        "sys.argv = ['nrgame', *sys.argv[1:]];"
        "runpy.run_module('nrgame', run_name='__main__')"
    )
    return [sys.executable, "-c", code]


def test_full_disk_on_the_command_line(mini_catalog: Catalog, tmp_path: Path) -> None:
    """A file size limit makes every write past it fail, as a full disk does."""
    db = tmp_path / "base.sqlite3"
    ids = fill(db, mini_catalog)
    run = quiz_cli(db, tmp_path, file_size_limit(6000))
    assert run.returncode != 0
    refused(run, "Le disque est plein", "déjà enregistré est intact")
    intact(db, ids)


def test_full_disk_in_the_store(mini_catalog: Catalog, tmp_path: Path) -> None:
    """SQLITE_FULL for real: the base may not grow by one page."""
    db = tmp_path / "base.sqlite3"
    ids = fill(db, mini_catalog)
    store = SqliteStore(db)
    (pages,) = store.query("PRAGMA page_count")[0]
    store.query(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="Le disque est plein") as full:
        # a session with 5 000 question ids needs pages of its own
        store.start_session(kind="quiz", question_ids=["x"] * 5000, started_at=FixedClock()())
    assert "déjà enregistré est intact" in str(full.value)
    assert len(store.sessions()) == len(ids)  # the refused write left nothing behind
    store.close()
    intact(db, ids)


FULL = (
    "CREATE TEMP TRIGGER full BEFORE INSERT ON main.answers "
    "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
)
"""SQLite's own full-disk error, raised on the next answer: filling the base's free space
page by page would make the test depend on how SQLite lays out its pages."""


@pytest.mark.parametrize(
    ("fault", "said", "repair"),
    [
        ("PRAGMA query_only = ON", "lecture seule", "PRAGMA query_only = OFF"),
        (FULL, "Le disque est plein", "DROP TRIGGER full"),
    ],
)
@bounded
async def test_a_fault_while_playing_is_said_and_the_answer_can_be_given_again(
    mini_catalog: Catalog, tmp_path: Path, fault: str, said: str, repair: str
) -> None:
    store = SqliteStore(tmp_path / "base.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        store.query(fault)
        await pilot.press("c")  # the right answer, refused by the store
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuizScreen)
        text = screen_text(app)
        assert "Réponse non enregistrée" in text and said in text, text
        assert not app.screen.query_one(Reveal).display  # nothing confirmed
        assert app.screen.quiz.given == {}
        store.query(repair)
        await pilot.press("c")  # the same answer, now recorded
        await pilot.pause()
        assert app.screen.query_one(Reveal).display
    (session,) = store.sessions(RUNNING)
    assert [a.score for a in store.answers(session.id)] == [1.0]
    store.close()


def test_a_file_that_is_not_a_base(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite3"
    db.write_bytes(os.urandom(20_000))
    before = digest(db)
    refused(quiz_cli(db, tmp_path), "n'est pas une base nrgame lisible", "pas été modifié")
    assert digest(db) == before


def damage_table(db: Path, table: str) -> None:
    """Overwrite the header of a table's root page, as a failing disk would."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\x07" * 12)


def test_a_damaged_base_on_the_command_line(mini_catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite3"
    fill(db, mini_catalog)
    damage_table(db, "sessions")
    refused(
        run_bounded([*NRGAME, "records", "export", str(tmp_path / "x.json"), "--db", str(db)]),
        "est endommagée",
        ".recover",
    )
    refused(quiz_cli(db, tmp_path), "est endommagée")


@bounded
async def test_a_damaged_base_in_the_app(mini_catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite3"
    fill(db, mini_catalog)
    damage_table(db, "sessions")
    store = SqliteStore(db)  # the first page is fine: it opens
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        said = screen_text(app).count("est endommagée")
        assert said == 1  # looking for a session to resume
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")  # the records screen cannot read the sessions
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert screen_text(app).count("est endommagée") == 2
        await pilot.press("a")  # self-training reads the learners: fine, it opens
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # a deck: its session cannot be written
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert screen_text(app).count("est endommagée") == 3
    store.close()


def test_a_base_from_a_newer_nrgame(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = digest(db)
    refused(quiz_cli(db, tmp_path), "version plus récente", "Mettez nrgame à jour")
    assert digest(db) == before


def old_base(path: Path, version: int = 1) -> sqlite3.Connection:
    """A base left by an older nrgame, with one session, its answer not yet checkpointed."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for number in range(version):
        conn.executescript(";\n".join(statements(MIGRATIONS[number], SQLITE)))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO sessions (id, kind, question_ids, started_at, status, meta) "
        "VALUES ('s1', 'quiz', '[\"t-choice\"]', '2025-01-02T10:00:00', 'terminee', '{}')"
    )
    conn.execute(
        "INSERT INTO answers VALUES ('s1', 0, '', 't-choice', '2', 1.0, '2025-01-02T10:01:00')"
    )
    return conn  # kept open: the last writes are still in the write-ahead log


def test_the_base_is_backed_up_before_a_migration(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite3"
    writer = old_base(db)
    store = SqliteStore(db)
    writer.close()
    backup = tmp_path / f"base.sqlite3.avant-schema-{SCHEMA_VERSION}"
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone() == (1,)
    assert copy.execute("SELECT id FROM sessions").fetchall() == [("s1",)]
    assert copy.execute("SELECT score FROM answers").fetchall() == [(1.0,)]
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    assert store.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [a.score for a in store.answers("s1")] == [1.0]
    store.close()
    # A second migration of another old copy never overwrites the first backup
    other = tmp_path / "autre"
    other.mkdir()
    old_base(other / "base.sqlite3").close()
    (other / backup.name).write_bytes(b"earlier backup")
    SqliteStore(other / "base.sqlite3").close()
    assert (other / backup.name).read_bytes() == b"earlier backup"
    assert (other / f"{backup.name}.2").exists()


def test_no_backup_no_migration(tmp_path: Path) -> None:
    """The disk fills up while the base is being copied aside: nothing is migrated."""
    db = tmp_path / "base.sqlite3"
    conn = old_base(db)
    conn.executemany(
        "INSERT INTO sessions (id, kind, question_ids, started_at, status, meta) "
        "VALUES (?, 'quiz', ?, '2025-01-02T10:00:00', 'terminee', '{}')",
        [(f"s{n}", "[" + '"t-choice", ' * 50 + '"t-choice"]') for n in range(2, 400)],
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert db.stat().st_size > 100_000
    run = run_bounded(
        [*file_size_limit(60_000), "records", "export", str(tmp_path / "x.json"), "--db", str(db)]
    )
    refused(run, "copie de sécurité n'a pas pu être écrite", "n'a pas été modifiée")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)  # untouched
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone() == (399,)
    conn.close()
    assert not [p for p in tmp_path.iterdir() if "avant-schema" in p.name]  # no half copy
