"""A board game played and recorded at once: each confirmed turn is committed before it shows.

A board game is a session of kind « jeu-plateau ». Its meta holds the scenario id, the seed and
the team names; each confirmed turn adds one row per team to `board_turns` (the cards
committed, the score and a summary of the state) in a single transaction. Replaying those
rows on the same scenario and seed rebuilds the game, so a killed app resumes at its last
confirmed turn. In-game numbers (people « reached ») stay in these rows: they are never
written to the audience table, which only counts real people in the room.
"""

from __future__ import annotations

import json

from nrgame.core.board_game import Game, MoveError
from nrgame.core.scenario import Scenario
from nrgame.core.sessions import ABANDONED, FINISHED, RUNNING, Clock, SessionKind, SessionSetup
from nrgame.storage.store import SessionRecord, Store


class BoardResumeError(Exception):
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
        seed: int,
        teams: list[str] | None = None,
        setup: SessionSetup | None = None,
        script: str | None = None,
    ) -> RecordedBoard:
        """Open the game with who plays it (the audience record), declared before the first
        turn, in one transaction."""
        game = Game(scenario, seed, teams)
        session_id = store.start_session(
            kind=SessionKind.JEU_PLATEAU.value,
            question_ids=[],
            started_at=clock(),
            deck_id=scenario.id,
            deck_title=scenario.title,
            meta={"scenario": scenario.id, "seed": seed, "teams": game.teams},
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
        history = turns_of(store, record.id)
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
            with self.store.transaction() as conn:
                conn.executemany(
                    "INSERT INTO board_turns (session_id, turn, team, cards, score, state, "
                    "confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            self.session_id,
                            turn,
                            team,
                            json.dumps(game.history[-1][team]),
                            game.score(team),
                            json.dumps(game.state(team), ensure_ascii=False),
                            at.isoformat(),
                        )
                        for team in range(len(game.teams))
                    ],
                )
                if game.over:
                    conn.execute(
                        "UPDATE sessions SET status = ?, finished_at = ? WHERE id = ?",
                        (FINISHED, at.isoformat(), self.session_id),
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
        with self.store.transaction() as conn:
            conn.execute(
                "DELETE FROM board_turns WHERE session_id = ? AND turn = ?",
                (self.session_id, turn),
            )
            conn.execute(
                "UPDATE sessions SET status = ?, finished_at = NULL WHERE id = ?",
                (RUNNING, self.session_id),
            )
        self.game.undo()

    def abandon(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), ABANDONED)


def turns_of(store: Store, session_id: str) -> list[list[list[str]]]:
    """The cards committed per confirmed turn and per team, in turn order."""
    rows = store.query(
        "SELECT turn, team, cards FROM board_turns WHERE session_id = ? ORDER BY turn, team",
        (session_id,),
    )
    history: dict[int, dict[int, list[str]]] = {}
    for turn, team, cards in rows:
        history.setdefault(turn, {})[team] = json.loads(cards)
    return [
        [per_team[t] for t in range(max(per_team) + 1)] for _, per_team in sorted(history.items())
    ]


def unfinished_boards(store: Store) -> list[SessionRecord]:
    """Board games left running (app closed, laptop dead), newest first."""
    running = [s for s in store.sessions(RUNNING) if s.kind == SessionKind.JEU_PLATEAU]
    return sorted(running, key=lambda s: s.started_at, reverse=True)
