"""Play a board game: played and recorded at once, each confirmed turn committed before it
shows. Replaying the recorded turns on the same scenario and seed rebuilds the game, so a
killed app resumes at its last confirmed turn."""

from __future__ import annotations

from nrgame.core.board_game import Game, MoveError
from nrgame.core.scenario import Scenario
from nrgame.core.sessions import ABANDONED, Clock, SessionKind, SessionSetup
from nrgame.storage import board as board_store
from nrgame.storage.board import turns_of as turns_of
from nrgame.storage.board import unfinished_boards as unfinished_boards
from nrgame.storage.store import SessionRecord, Store
from nrgame.usecases.play_quiz import ResumeError


class BoardResumeError(ResumeError):
    """A recorded game that today's scenario can no longer replay."""


class RecordedBoard:
    """A `Game` whose confirmed turns, undos and end go to the store as they happen."""

    def __init__(self, store: Store, session_id: str, game: Game, clock: Clock) -> None:
        self.store = store
        self.session_id = session_id
        self.game = game
        self.clock = clock

    @classmethod
    def start(
        cls,
        store: Store,
        scenario: Scenario,
        clock: Clock,
        seed: int | None = None,
        teams: list[str] | None = None,
        setup: SessionSetup | None = None,
        script: str | None = None,
    ) -> RecordedBoard:
        """Open the game with who plays it (the audience record), declared before the first
        turn, in one transaction. Without a seed, the scenario's own."""
        game = Game(scenario, scenario.seed if seed is None else seed, teams)
        session_id = store.start_session(
            kind=SessionKind.JEU_PLATEAU.value,
            question_ids=[],
            started_at=clock(),
            deck_id=scenario.id,
            deck_title=scenario.title,
            meta={"scenario": scenario.id, "seed": game.seed, "teams": game.teams},
            setup=setup,
            script=script,
        )
        return cls(store, session_id, game, clock)

    @classmethod
    def resume(
        cls, store: Store, scenario: Scenario, record: SessionRecord, clock: Clock
    ) -> RecordedBoard:
        """Rebuild a game from its confirmed turns."""
        if record.meta.get("scenario") != scenario.id:
            raise BoardResumeError(
                f"cette partie a été jouée sur le scénario « {record.meta.get('scenario')} »"
            )
        history = board_store.turns_of(store, record.id)
        try:
            game = Game.replay(
                scenario, int(record.meta["seed"]), history, list(record.meta["teams"])
            )
        except MoveError as exc:
            raise BoardResumeError(f"le scénario a changé depuis la partie ({exc})") from exc
        return cls(store, record.id, game, clock)

    def confirm(self) -> None:
        """Confirm the turn in the game and in the store, or in neither."""
        game = self.game
        turn = game.turn
        game.confirm()
        at = self.clock()
        try:
            board_store.save_turn(
                self.store,
                self.session_id,
                turn,
                [
                    (team, game.history[-1][team], game.score(team), game.state(team))
                    for team in range(len(game.teams))
                ],
                at,
                game.over,
            )
        except Exception:
            pending = game.history[-1]
            game.undo()  # not on disk, so not confirmed: back to the turn as it was
            for team, cards in enumerate(pending):
                for card_id in cards:
                    game.play(card_id, team)
            raise

    def undo(self) -> None:
        """Cancel the last confirmed turn, on screen and in the store."""
        if not self.game.history:
            raise MoveError("aucun tour confirmé à annuler")
        turn = len(self.game.history)
        board_store.delete_turn(self.store, self.session_id, turn)
        self.game.undo()

    def abandon(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), ABANDONED)
