"""Room sessions in the store: team answers and votes, revealed and skipped questions, links.

Team answers go to the shared `answers` table, one row per (question, team); the whole room
answers as team "". A vote is stored as `{"votes": [hands per option]}`. Answers may be
changed until the reveal, hence the upsert. Revealed and skipped questions are kept in
`room_questions`, so a session can be resumed where it stood. A correction after the reveal
updates the answer and adds a row to `answer_history` (before and after), in one transaction.
A phone's answer goes to `phone_answers` in the same transaction as the team's (or the vote's)
answer worked out from it, so neither is on disk without the other.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from nrgame.core.content import Question
from nrgame.core.french import long_date
from nrgame.core.phones import PhoneAnswer
from nrgame.core.quiz import response_from_json, response_to_json
from nrgame.core.room import Correction, Entry
from nrgame.core.room_scoring import Votes
from nrgame.core.room_setup import Phase
from nrgame.core.scoring import Response
from nrgame.core.sessions import FINISHED, SessionKind
from nrgame.storage.store import SessionRecord, Store, StoreError

_UPSERT = (
    "INSERT INTO answers (session_id, position, team, question_id, response, score, "
    "answered_at, elapsed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (session_id, position, team) DO UPDATE SET question_id = excluded.question_id, "
    "response = excluded.response, score = excluded.score, answered_at = excluded.answered_at, "
    "elapsed = excluded.elapsed"
)


def _dump(response: Response | Votes | None) -> str:
    data = response.to_json() if isinstance(response, Votes) else response_to_json(response)
    return json.dumps(data)


def _load(question: Question, text: str | None) -> Response | Votes | None:
    data = json.loads(text) if text is not None else None
    if isinstance(data, dict) and "votes" in data:
        return Votes(tuple(int(n) for n in data["votes"]))
    return response_from_json(question, data)


def _row(session_id: str, entry: Entry) -> tuple[Any, ...]:
    return (
        session_id,
        entry.position,
        entry.team,
        entry.question_id,
        _dump(entry.response),
        entry.score,
        entry.answered_at.isoformat(),
        entry.elapsed,
    )


def save_entry(store: Store, session_id: str, entry: Entry) -> None:
    with store.transaction() as conn:
        conn.execute(_UPSERT, _row(session_id, entry))


def save_phone_answer(store: Store, session_id: str, phone: PhoneAnswer, entry: Entry) -> None:
    """A phone's answer and the answer of its team (or the room's votes), at once."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO phone_answers (session_id, position, token, team, response, "
            "answered_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                session_id,
                phone.position,
                phone.token,
                phone.team,
                _dump(phone.response),
                phone.answered_at.isoformat(),
            ),
        )
        conn.execute(_UPSERT, _row(session_id, entry))


def load_phone_answers(
    store: Store, session_id: str, questions: list[Question]
) -> list[PhoneAnswer]:
    rows = store.query(
        "SELECT position, token, team, response, answered_at FROM phone_answers "
        "WHERE session_id = ? ORDER BY answered_at, position, token",
        (session_id,),
    )
    return [
        PhoneAnswer(
            token,
            position,
            response_from_json(questions[position], json.loads(response)),  # type: ignore[arg-type]
            datetime.fromisoformat(answered_at),
            team,
        )
        for position, token, team, response, answered_at in rows
    ]


def save_correction(store: Store, session_id: str, entry: Entry, correction: Correction) -> None:
    """The corrected answer and its history row, in one transaction."""
    with store.transaction() as conn:
        conn.execute(_UPSERT, _row(session_id, entry))
        conn.execute(
            "INSERT INTO answer_history (session_id, position, team, changed_at, "
            "response_before, score_before, response_after, score_after, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                correction.position,
                correction.team,
                correction.changed_at.isoformat(),
                _dump(correction.before),
                correction.score_before,
                _dump(correction.after),
                correction.score_after,
                correction.reason,
            ),
        )


def load_corrections(store: Store, session_id: str, questions: list[Question]) -> list[Correction]:
    """A session's corrections, oldest first."""
    rows = store.query(
        "SELECT position, team, response_before, score_before, response_after, score_after, "
        "changed_at, reason FROM answer_history WHERE session_id = ? ORDER BY changed_at, id",
        (session_id,),
    )
    return [
        Correction(
            position,
            team,
            _load(questions[position], before),
            score_before,
            _load(questions[position], after),
            score_after,
            datetime.fromisoformat(changed_at),
            reason,
        )
        for position, team, before, score_before, after, score_after, changed_at, reason in rows
    ]


def save_reveal(
    store: Store, session_id: str, position: int, blanks: list[Entry], at: datetime
) -> None:
    """The « sans réponse » of those who did not answer, and the reveal, in one transaction."""
    with store.transaction() as conn:
        conn.executemany(_UPSERT, [_row(session_id, entry) for entry in blanks])
        conn.execute(
            "INSERT INTO room_questions (session_id, position, state, at) VALUES (?, ?, ?, ?)",
            (session_id, position, Phase.REVEALED.value, at.isoformat()),
        )


def save_skips(store: Store, session_id: str, positions: list[int], at: datetime) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO room_questions (session_id, position, state, at) VALUES (?, ?, ?, ?)",
            [(session_id, p, Phase.SKIPPED.value, at.isoformat()) for p in positions],
        )


def clear_skip(store: Store, session_id: str, position: int) -> None:
    with store.transaction() as conn:
        conn.execute(
            "DELETE FROM room_questions WHERE session_id = ? AND position = ? AND state = ?",
            (session_id, position, Phase.SKIPPED.value),
        )


def load_states(store: Store, session_id: str) -> dict[int, Phase]:
    rows = store.query(
        "SELECT position, state FROM room_questions WHERE session_id = ?", (session_id,)
    )
    return {position: Phase(state) for position, state in rows}


def load_entries(store: Store, session_id: str, questions: list[Question]) -> list[Entry]:
    rows = store.query(
        "SELECT position, team, question_id, response, score, answered_at, elapsed "
        "FROM answers WHERE session_id = ? ORDER BY position, team",
        (session_id,),
    )
    entries = []
    for position, team, question_id, response, score, answered_at, elapsed in rows:
        entries.append(
            Entry(
                position,
                team,
                question_id,
                _load(questions[position], response),
                score,
                datetime.fromisoformat(answered_at),
                elapsed,
            )
        )
    return entries


def linked_to(store: Store, session_id: str) -> str | None:
    rows = store.query("SELECT linked_to FROM sessions WHERE id = ?", (session_id,))
    return rows[0][0] if rows and rows[0][0] else None


def mean_score(store: Store, session_id: str) -> float | None:
    """Mean score of a session's answers (0 to 1), skipped questions left out."""
    rows = store.query(
        "SELECT AVG(score) FROM answers a WHERE a.session_id = ? AND NOT EXISTS ("
        "SELECT 1 FROM room_questions r WHERE r.session_id = a.session_id "
        "AND r.position = a.position AND r.state = ?)",
        (session_id, Phase.SKIPPED.value),
    )
    value = rows[0][0] if rows else None
    return float(value) if value is not None else None


def earlier_sessions(store: Store) -> list[SessionRecord]:
    """Finished sessions with answers, newest first: what a new session may be compared with."""
    with_answers = {row[0] for row in store.query("SELECT DISTINCT session_id FROM answers")}
    done = [s for s in store.sessions(FINISHED) if s.id in with_answers]
    return sorted(done, key=lambda s: s.started_at, reverse=True)


def find_session(store: Store, prefix: str) -> SessionRecord:
    """A session by its id or the start of it (the first 8 characters are enough)."""
    prefix = prefix.strip()
    found = [s for s in store.sessions() if s.id.startswith(prefix)] if prefix else []
    if not found:
        raise StoreError(f"aucune séance ne commence par « {prefix} »")
    if len(found) > 1:
        raise StoreError(f"plusieurs séances commencent par « {prefix} » : donnez plus de signes")
    return found[0]


def session_label(store: Store, record: SessionRecord) -> str:
    """« Atelier du 2 mars 2026, « Petite série de test » »."""
    setup = store.setup(record.id)
    day = setup.day if setup is not None else record.started_at.date()
    try:
        kind = SessionKind(record.kind).label
    except ValueError:
        kind = record.kind
    title = f", « {record.deck_title} »" if record.deck_title else ""
    return f"{kind} du {long_date(day)}{title}"
