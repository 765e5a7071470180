"""What the kill test runs in a child process, until it is killed with SIGKILL.

Each driver plays sessions of one kind through the objects the screens use (RecordedQuiz,
RecordedRoom, RecordedBoard, the self-training quiz) or through the app itself, headless and
driven by its keys. It resumes the unfinished session if there is one, exactly as the app
offers to, and appends one line to a log after each write the store confirmed, that is
after each answer or turn a player would see confirmed on screen:

    START kind session            a new session, on disk
    RESUME kind session position  an unfinished one, picked up at this position
    OK kind session unit          an answer (quiz, training: the position; room:
                                  "position/team" or "position/reveal"), or a turn (board)
    FINISH kind session

The module is imported once by the fork server, so that each child starts at once, with the
catalog already loaded.
"""

from __future__ import annotations

import asyncio
import os
import random
import traceback
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.kinds.base import display_order
from nrgame.core.quiz import correct_response
from nrgame.core.room_setup import AnswerMode, RoomConfig, make_teams
from nrgame.core.scoring import Response
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner, get_learner
from nrgame.usecases.play_board import RecordedBoard, unfinished_boards
from nrgame.usecases.play_quiz import RecordedQuiz, unfinished_quizzes
from nrgame.usecases.run_room import RecordedRoom, unfinished_rooms
from nrgame.usecases.train import DAY, resume, running, start_day

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOG: Catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
DECK = "mini"
SCENARIO = "mini-plateau"
TEAMS = ("Alpha", "Bêta")

KINDS = ("quiz", "room", "board", "training", "app")


class Log:
    """One line per confirmed write; os.write on an O_APPEND file: nothing buffered in the
    process, so a line written before the kill is in the file."""

    def __init__(self, path: str, kind: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.kind = kind

    def __call__(self, event: str, session: str, unit: object = "") -> None:
        os.write(self.fd, f"{event} {self.kind} {session} {unit}".rstrip().encode() + b"\n")


def run(kind: str, db: str, log_path: str, seed: int) -> None:
    """Play sessions of one kind, one after the other, until killed. Should the driver
    stop on an error instead, its traceback goes to LOG.err for the test to show."""
    try:
        _run(kind, db, log_path, seed)
    except BaseException:
        Path(log_path + ".err").write_text(traceback.format_exc(), encoding="utf-8")
        raise


def _run(kind: str, db: str, log_path: str, seed: int) -> None:
    log = Log(log_path, kind)
    rng = random.Random(seed)
    store = SqliteStore(Path(db))
    if kind == "app":
        asyncio.run(_app(store, log, rng))
        return
    play: Callable[[SqliteStore, Log, random.Random], None] = {
        "quiz": _quiz,
        "room": _room,
        "board": _board,
        "training": _training,
    }[kind]
    while True:
        play(store, log, rng)


def _response(question: Any, rng: random.Random) -> Response | None:
    """Right most of the time, sometimes blank (a skipped question)."""
    return None if rng.random() < 0.1 else correct_response(question)


def _quiz(store: SqliteStore, log: Log, rng: random.Random) -> None:
    running_ = unfinished_quizzes(store)
    if running_:
        played = RecordedQuiz.resume(store, CATALOG, running_[0], datetime.now)
        log("RESUME", played.session_id, played.quiz.position)
    else:
        played = RecordedQuiz.start(store, CATALOG, DECK, datetime.now)
        log("START", played.session_id)
    quiz = played.quiz
    while not quiz.finished:
        given = played.answer(_response(quiz.current, rng))
        log("OK", played.session_id, given.position)
        quiz.advance()
    played.finish()
    log("FINISH", played.session_id)


def _room(store: SqliteStore, log: Log, rng: random.Random) -> None:
    running_ = unfinished_rooms(store)
    if running_:
        played = RecordedRoom.resume(store, CATALOG, running_[0], datetime.now)
        log("RESUME", played.session_id, played.room.position)
    else:
        config = RoomConfig(mode=AnswerMode.TEAMS, teams=make_teams(list(TEAMS)))
        setup = SessionSetup(SessionKind.ATELIER, date.today(), place="Salle du conseil")
        played = RecordedRoom.start(store, CATALOG, DECK, datetime.now, setup, config)
        log("START", played.session_id)
    room = played.room
    while not room.finished:
        position = room.position
        for team in room.waiting():
            if rng.random() < 0.8:  # some teams do not answer: the reveal marks them blank
                played.enter(team, _response(room.current, rng))
                log("OK", played.session_id, f"{position}/{team}")
        played.reveal()
        log("OK", played.session_id, f"{position}/reveal")
        if not room.finished:
            room.advance()
    played.finish()
    log("FINISH", played.session_id)


def _board(store: SqliteStore, log: Log, rng: random.Random) -> None:
    scenario = CATALOG.scenarios[SCENARIO]
    running_ = unfinished_boards(store)
    if running_:
        played = RecordedBoard.resume(store, scenario, running_[0], datetime.now)
        log("RESUME", played.session_id, played.game.turn)
    else:
        played = RecordedBoard.start(store, scenario, datetime.now, seed=rng.randrange(1000))
        log("START", played.session_id)
    game = played.game
    while not game.over:
        turn = game.turn
        playable = [card.id for card in scenario.cards if game.reason(card.id) is None]
        for card_id in rng.sample(playable, min(len(playable), rng.randint(0, 2))):
            if game.reason(card_id) is None:  # the budget may be spent by the first one
                game.play(card_id)
        played.confirm()
        log("OK", played.session_id, turn)
    log("FINISH", played.session_id)


def _training(store: SqliteStore, log: Log, rng: random.Random) -> None:
    alias = _current_learner(store)
    learner = get_learner(store, alias)
    assert learner is not None
    record = running(store, alias, DAY)
    if record is not None:
        played = resume(store, CATALOG, record, learner, datetime.now)
        log("RESUME", played.session_id, played.quiz.position)
    else:
        started = start_day(store, CATALOG, learner, datetime.now)
        if started is None:  # nothing left for today: another learner comes
            add_learner(store, f"Apprenant {_learner_count(store) + 1}", datetime.now())
            return
        played = started
        log("START", played.session_id)
    quiz = played.quiz
    while not quiz.finished:
        given = played.answer(_response(quiz.current, rng))
        log("OK", played.session_id, given.position)
        quiz.advance()
    played.finish()
    log("FINISH", played.session_id)


def _learner_count(store: SqliteStore) -> int:
    return int(store.query("SELECT COUNT(*) FROM learners")[0][0])


def _current_learner(store: SqliteStore) -> str:
    rows = store.query("SELECT alias FROM learners ORDER BY created_at DESC, alias DESC LIMIT 1")
    if rows:
        return str(rows[0][0])
    return add_learner(store, "Apprenant 1", datetime.now()).alias


# The app itself, headless, driven by its keys


async def _app(store: SqliteStore, log: Log, rng: random.Random) -> None:
    from nrgame.tui.app import NrgameApp
    from nrgame.tui.screens.quiz import QuizScreen
    from nrgame.tui.screens.results import ResultsScreen
    from nrgame.tui.screens.resume import ResumeDialog
    from nrgame.tui.widgets.reveal import Reveal

    catalog = load_catalog([FIXTURES / "content"])  # the mini deck alone on the home screen
    app = NrgameApp(catalog, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while True:
            resumed = isinstance(app.screen, ResumeDialog)
            await pilot.press("enter")  # « Reprendre » in the dialog, or the deck at home
            await pilot.pause()
            screen = app.screen
            # every answer was in already (killed before the end was recorded): the results
            assert isinstance(screen, QuizScreen | ResultsScreen)
            quiz = screen.played.quiz
            if resumed:
                log("RESUME", screen.played.session_id, quiz.position)
            else:
                log("START", screen.played.session_id)
            while not quiz.finished:
                question = quiz.current
                position = quiz.position
                for key in _keys(question, rng):
                    await pilot.press(key)
                await pilot.pause()
                assert isinstance(screen, QuizScreen)
                reveal = screen.query_one(Reveal)
                assert reveal.display and position in quiz.given  # confirmed on screen
                log("OK", screen.played.session_id, position)
                await pilot.press("enter")  # next question, or the results
                await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            log("FINISH", screen.played.session_id)
            await pilot.press("escape")  # back home
            await pilot.pause()


def _keys(question: Any, rng: random.Random) -> list[str]:
    """The keys a player presses to answer (rightly) each kind of question."""
    match question.kind:
        case "choice":
            return ["abcdef"[question.options.index(question.answer)]]
        case "multi":
            ticks = ["abcdefgh"[question.options.index(a)] for a in question.answers]
            return [*ticks, "enter"]
        case "truefalse":
            return ["v" if question.answer else "f"]
        case "estimate":
            return [*f"{question.answer:g}".replace(".", ","), "enter"]
        case "order":
            return ["enter"]  # as shown: partly right
        case "match":
            shown = display_order(question)
            return ["abcdefgh"[shown.index(left)] for left in range(len(question.pairs))] + [
                "enter"
            ]
    raise AssertionError(question.kind)
