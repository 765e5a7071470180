"""Privacy: a learner can be forgotten, old detail purged, and the counted indicators stay.

The checks read the base's files byte by byte: a name that was deleted must not linger in a
free page or in the write-ahead log.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Audience
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import Indicators, compute
from nrgame.core.quiz import correct_response
from nrgame.core.room_setup import AnswerMode, RoomConfig, make_teams
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.privacy import ANONYMOUS, PrivacyError, forget_learner, months_before, purge
from nrgame.storage.reports import read_records
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner, record_certification
from nrgame.usecases.open_store import open_store
from nrgame.usecases.play_board import RecordedBoard
from nrgame.usecases.play_quiz import RecordedQuiz
from nrgame.usecases.run_room import RecordedRoom
from nrgame.usecases.train import start_day
from tests.conftest import FIXTURES
from tests.pgbases import Bases
from tests.reliability.bounded import NRGAME, run_bounded

OLD_LEARNER = "Hirondelle 12"
NEW_LEARNER = "Mésange bleue"
FACILITATOR = "Jeanne Martin-Delorme"
TEAM_NAMES = ["Équipe de Paul Durand", "Les Bleus"]


def clock_from(start: datetime) -> Callable[[], datetime]:
    moments = iter(start + timedelta(seconds=n) for n in range(10**6))
    return lambda: next(moments)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    assert loaded.ok, loaded.errors
    return loaded


def play_all(played: RecordedQuiz) -> None:
    while not played.quiz.finished:
        played.answer(correct_response(played.quiz.current))
        played.quiz.advance()
    played.finish()


def fill(path: Path | str, catalog: Catalog, today: datetime) -> dict[str, str]:
    """Two years of an authority: an old learner, a recent one, an old workshop with names,
    an old board game with team names, a recent quiz. Returns session ids by role."""
    store = open_store(path)
    old = today - timedelta(days=500)
    ids: dict[str, str] = {}

    learner = add_learner(store, OLD_LEARNER, old)
    day = start_day(store, catalog, learner, clock_from(old))
    assert day is not None
    play_all(day)
    ids["old-training"] = day.session_id
    record_certification(
        store,
        session_id=day.session_id,
        learner=OLD_LEARNER,
        deck_id="mini",
        score=6,
        max_score=6,
        content_version=catalog.version,
        at=old,
    )

    setup = SessionSetup(
        SessionKind.ATELIER,
        old.date(),
        place="Médiathèque",
        facilitator=FACILITATOR,
        audience=[AudienceCount(Audience.CITOYENS, 23), AudienceCount(Audience.ELUS, 2, True)],
        partners=[Partner("Club informatique", "association")],
    )
    config = RoomConfig(mode=AnswerMode.TEAMS, teams=make_teams(TEAM_NAMES))
    room = RecordedRoom.start(store, catalog, "mini", clock_from(old), setup, config)
    for team in TEAM_NAMES:
        room.enter(team, correct_response(room.room.current))
    room.reveal()
    room.finish()
    ids["old-room"] = room.session_id

    board = RecordedBoard.start(
        store,
        catalog.scenarios["mini-duel"],
        clock_from(old),
        seed=1,
        teams=TEAM_NAMES,
    )
    board.confirm()
    ids["old-board"] = board.session_id

    recent = today - timedelta(days=20)
    learner = add_learner(store, NEW_LEARNER, recent)
    day = start_day(store, catalog, learner, clock_from(recent))
    assert day is not None
    play_all(day)
    ids["new-training"] = day.session_id
    quiz = RecordedQuiz.start(store, catalog, "mini", clock_from(recent))
    play_all(quiz)
    ids["new-quiz"] = quiz.session_id
    store.close()
    return ids


def indicators(path: Path | str, catalog: Catalog) -> Indicators:
    store = open_store(path)
    try:
        return compute(read_records(store, Period()), catalog)
    finally:
        store.close()


def counted(found: Indicators) -> tuple[object, ...]:
    """What the REEN indicators count: actions, people reached, actors, people certified."""
    return (found.actions, found.reach, found.actors, found.certified)


def test_forget_a_learner_on_the_command_line(catalog: Catalog, bases: Bases) -> None:
    db = bases.new()
    ids = fill(db, catalog, datetime.now())
    before = indicators(db, catalog)
    assert OLD_LEARNER.encode() in bases.on_disk(db)

    run = run_bounded([*NRGAME, "records", "forget", "  hirondelle   12 ", "--db", str(db)])
    assert run.returncode == 0, run.stderr
    assert "Le pseudonyme « Hirondelle 12 » est oublié" in run.stdout
    assert "1 séance" in run.stdout and "1 attestation" in run.stdout

    assert OLD_LEARNER.encode() not in bases.on_disk(db)  # nowhere, not even in a free page
    assert counted(indicators(db, catalog)) == counted(before)
    store = open_store(db)
    (learner,) = store.query("SELECT learner FROM sessions WHERE id = ?", (ids["old-training"],))[0]
    assert learner.startswith(ANONYMOUS)
    assert store.query("SELECT learner FROM certifications") == [(learner,)]
    assert store.query("SELECT alias FROM learners") == [(NEW_LEARNER,)]
    assert store.query("SELECT COUNT(*) FROM review_cards WHERE learner = ?", (OLD_LEARNER,)) == [
        (0,)
    ]
    # the answers stay, for the questions' statistics, but lead to nobody
    assert len(store.answers(ids["old-training"])) > 0
    store.close()

    again = run_bounded([*NRGAME, "records", "forget", OLD_LEARNER, "--db", str(db)])
    assert again.returncode == 1
    assert again.stderr.startswith("nrgame records : aucun apprenant « Hirondelle 12 »")
    assert "Traceback" not in again.stderr


def test_purge_keeps_the_counts_and_drops_the_detail(catalog: Catalog, bases: Bases) -> None:
    db = bases.new()
    ids = fill(db, catalog, datetime.now())
    before = indicators(db, catalog)
    if isinstance(db, Path):
        (db.parent / f"{db.name}.avant-schema-3").write_bytes(b"an old copy")
    for name in (FACILITATOR, TEAM_NAMES[0], OLD_LEARNER):
        assert name.encode() in bases.on_disk(db)

    run = run_bounded([*NRGAME, "records", "purge", "--older-than", "12", "--db", str(db)])
    assert run.returncode == 0, run.stderr
    said = run.stdout
    cutoff = months_before(date.today(), 12)
    assert re.search(r"Données détaillées d'avant le \d", said), said
    assert "le détail de 3 séances" in said and "1 pseudonyme d'apprenant" in said, said
    if isinstance(db, Path):
        assert "avant-schema-3" in run.stderr  # the copies that still hold the old data

    on_file = bases.on_disk(db)
    for name in (FACILITATOR, TEAM_NAMES[0], OLD_LEARNER):
        assert name.encode() not in on_file, name
    assert counted(indicators(db, catalog)) == counted(before)

    store = open_store(db)
    for role in ("old-training", "old-room", "old-board"):
        assert store.answers(ids[role]) == []
        record = store.session(ids[role])
        assert record is not None and record.started_at.date() < cutoff
    assert store.query("SELECT COUNT(*) FROM board_turns") == [(0,)]
    assert store.query("SELECT COUNT(*) FROM room_questions") == [(0,)]
    old_room = store.setup(ids["old-room"])
    assert old_room is not None
    assert old_room.facilitator == "" and old_room.people == 25  # the audience is counted
    assert old_room.partners == [Partner("Club informatique", "association")]
    room_meta = store.session(ids["old-room"]).meta  # type: ignore[union-attr]
    assert room_meta["room"]["teams"] == ["Équipe 1", "Équipe 2"]
    board_meta = store.session(ids["old-board"]).meta  # type: ignore[union-attr]
    assert board_meta["teams"] == ["Équipe 1", "Équipe 2"]
    # the recent sessions and the learner still coming are untouched
    assert len(store.answers(ids["new-quiz"])) == 6
    assert store.query("SELECT alias FROM learners") == [(NEW_LEARNER,)]
    assert store.query("SELECT learner FROM sessions WHERE id = ?", (ids["new-training"],)) == [
        (NEW_LEARNER,)
    ]
    assert store.integrity_ok()
    store.close()


def test_a_purge_twice_changes_nothing_more(catalog: Catalog, bases: Bases) -> None:
    db = bases.new()
    fill(db, catalog, datetime.now())
    store = bases.open(db)
    first = purge(store, 12, date.today())
    second = purge(store, 12, date.today())
    assert first.answers > 0 and first.learners == 1
    assert second == replace(first, answers=0, learners=0)


def test_what_cannot_be_done_is_said() -> None:
    store = SqliteStore(":memory:")
    with pytest.raises(PrivacyError, match="aucun apprenant « Personne »"):
        forget_learner(store, "Personne")
    with pytest.raises(PrivacyError, match="1 au moins"):
        purge(store, 0, date.today())
    store.close()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 3, 2), 24, date(2024, 3, 2)),
        (date(2026, 5, 31), 13, date(2025, 4, 30)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_the_data_protection_note_covers_every_table(tmp_path: Path) -> None:
    """docs/donnees-personnelles.md must name every table the base holds."""
    note = (Path(__file__).resolve().parents[2] / "docs" / "donnees-personnelles.md").read_text(
        encoding="utf-8"
    )
    store = SqliteStore(tmp_path / "base.sqlite3")
    tables = [
        name for (name,) in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    store.close()
    assert tables
    missing = [name for name in tables if f"`{name}`" not in note]
    assert missing == []
    for command in ("nrgame records forget", "nrgame records purge --older-than"):
        assert command in note
