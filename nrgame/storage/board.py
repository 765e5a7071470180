"""Board games in the base: confirmed turns, and the games left running.

A board game is a session of kind « jeu-plateau ». Its meta holds the scenario id, the seed and
the team names; each confirmed turn adds one row per team to `board_turns` (the cards
committed, the score and a summary of the state) in a single transaction. Replaying those
rows on the same scenario and seed rebuilds the game, so a killed app resumes at its last
confirmed turn. In-game numbers (people « reached ») stay in these rows: they are never
written to the audience table, which only counts real people in the room.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from nrgame.core.sessions import FINISHED, RUNNING, SessionKind
from nrgame.storage.store import SessionRecord, Store


def save_turn(
    store: Store,
    session_id: str,
    turn: int,
    rows: list[tuple[int, list[str], float, Any]],
    at: datetime,
    over: bool,
) -> None:
    """One confirmed turn, a row (team, cards, score, state) per team, and the game's end if
    `over`: all in one transaction, or nothing."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO board_turns (session_id, turn, team, cards, score, state, "
            "confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    session_id,
                    turn,
                    team,
                    json.dumps(cards),
                    score,
                    json.dumps(state, ensure_ascii=False),
                    at.isoformat(),
                )
                for team, cards, score, state in rows
            ],
        )
        if over:
            conn.execute(
                "UPDATE sessions SET status = ?, finished_at = ? WHERE id = ?",
                (FINISHED, at.isoformat(), session_id),
            )


def delete_turn(store: Store, session_id: str, turn: int) -> None:
    """Cancel a confirmed turn: its rows go, and the game runs again."""
    with store.transaction() as conn:
        conn.execute(
            "DELETE FROM board_turns WHERE session_id = ? AND turn = ?", (session_id, turn)
        )
        conn.execute(
            "UPDATE sessions SET status = ?, finished_at = NULL WHERE id = ?",
            (RUNNING, session_id),
        )


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
