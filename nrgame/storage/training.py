"""Self-training in the store: learners (an alias, nothing personal), their review cards,
their days of practice and their certifications.

A review card is updated right after each answer; `sync_cards` replays any recorded answer a
card has not seen yet (the app closed between the two writes), so scheduling never loses an
answer the store kept.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from fsrs import Card, State

from nrgame.core.sessions import RUNNING, SessionKind
from nrgame.core.training import (
    DEFAULT_MINUTES,
    DEFAULT_NEW_PER_DAY,
    LearningPath,
    fsrs_time,
    local_time,
    review,
)
from nrgame.storage.db import Connection
from nrgame.storage.store import SessionRecord, Store

ALIAS_RULE = re.compile(r"^\w[\w .'’-]{1,29}$")


class AliasError(ValueError):
    """An alias that cannot be used, said in French."""


@dataclass(frozen=True)
class Learner:
    alias: str
    created_at: datetime
    last_seen: datetime
    path: LearningPath


@dataclass(frozen=True)
class Certification:
    id: str
    session_id: str
    learner: str | None
    deck_id: str
    score: float
    max_score: float
    content_version: str
    issued_at: datetime


def check_alias(text: str) -> str:
    """The alias as it will be kept (spaces tidied), or AliasError saying what is wrong."""
    alias = " ".join(text.split())
    if not alias:
        raise AliasError("Tapez un pseudonyme.")
    if "@" in alias:
        raise AliasError("Pas d'adresse électronique : un pseudonyme suffit.")
    if not ALIAS_RULE.match(alias):
        raise AliasError(
            "Un pseudonyme de 2 à 30 caractères : lettres, chiffres, espaces, tirets, "
            "points ou apostrophes."
        )
    return alias


def add_learner(store: Store, text: str, at: datetime) -> Learner:
    alias = check_alias(text)
    taken = {a.casefold(): a for (a,) in store.query("SELECT alias FROM learners")}
    if alias.casefold() in taken:
        raise AliasError(
            f"« {taken[alias.casefold()]} » existe déjà : choisissez-le dans la liste, "
            "ou prenez un autre pseudonyme."
        )
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO learners (alias, created_at, last_seen, axes, themes, minutes, "
            "new_per_day) VALUES (?, ?, ?, '[]', '[]', ?, ?)",
            (alias, at.isoformat(), at.isoformat(), DEFAULT_MINUTES, DEFAULT_NEW_PER_DAY),
        )
    learner = get_learner(store, alias)
    assert learner is not None
    return learner


_LEARNER_COLUMNS = "alias, created_at, last_seen, axes, themes, minutes, new_per_day"


def _learner(row: tuple[object, ...]) -> Learner:
    alias, created, seen, axes, themes, minutes, new_per_day = row
    path = LearningPath(
        frozenset(json.loads(str(axes))),
        frozenset(json.loads(str(themes))),
        int(str(minutes)),
        int(str(new_per_day)),
    )
    return Learner(
        str(alias), datetime.fromisoformat(str(created)), datetime.fromisoformat(str(seen)), path
    )


def learners(store: Store) -> list[Learner]:
    """Every learner on this machine, the most recently seen first."""
    rows = store.query(f"SELECT {_LEARNER_COLUMNS} FROM learners ORDER BY last_seen DESC, alias")
    return [_learner(row) for row in rows]


def get_learner(store: Store, alias: str) -> Learner | None:
    rows = store.query(f"SELECT {_LEARNER_COLUMNS} FROM learners WHERE alias = ?", (alias,))
    return _learner(rows[0]) if rows else None


def touch(store: Store, alias: str, at: datetime) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE learners SET last_seen = ? WHERE alias = ?", (at.isoformat(), alias))


def save_path(store: Store, alias: str, path: LearningPath) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE learners SET axes = ?, themes = ?, minutes = ?, new_per_day = ? "
            "WHERE alias = ?",
            (
                json.dumps(sorted(path.axes)),
                json.dumps(sorted(path.themes), ensure_ascii=False),
                path.minutes,
                path.new_per_day,
                alias,
            ),
        )


def cards(store: Store, alias: str) -> dict[str, Card]:
    """The learner's review cards, by question id."""
    rows = store.query(
        "SELECT question_id, state, step, stability, difficulty, due, last_review "
        "FROM review_cards WHERE learner = ?",
        (alias,),
    )
    return {
        qid: Card(
            card_id=0,
            state=State(state),
            step=step,
            stability=stability,
            difficulty=difficulty,
            due=fsrs_time(datetime.fromisoformat(due)),
            last_review=fsrs_time(datetime.fromisoformat(last)) if last else None,
        )
        for qid, state, step, stability, difficulty, due, last in rows
    }


def _save_card(conn: Connection, alias: str, question_id: str, card: Card) -> None:
    conn.execute(
        "INSERT INTO review_cards (learner, question_id, state, step, stability, difficulty, "
        "due, last_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (learner, question_id) DO UPDATE SET state = excluded.state, "
        "step = excluded.step, stability = excluded.stability, "
        "difficulty = excluded.difficulty, due = excluded.due, "
        "last_review = excluded.last_review",
        (
            alias,
            question_id,
            int(card.state),
            card.step,
            card.stability,
            card.difficulty,
            local_time(card.due).isoformat(),
            local_time(card.last_review).isoformat() if card.last_review else None,
        ),
    )


def _seen(card: Card | None, at: datetime) -> bool:
    return card is not None and card.last_review is not None and local_time(card.last_review) >= at


def apply_answer(store: Store, alias: str, question_id: str, score: float, at: datetime) -> Card:
    """Move the learner's card for this question by one answer (once: replays are ignored)."""
    current = cards(store, alias).get(question_id)
    if current is not None and _seen(current, at):
        return current
    card = review(current, score, at)
    with store.transaction() as conn:
        _save_card(conn, alias, question_id, card)
    return card


def _answers(store: Store, alias: str) -> list[tuple[str, float, datetime]]:
    rows = store.query(
        "SELECT a.question_id, a.score, a.answered_at FROM answers a "
        "JOIN sessions s ON s.id = a.session_id "
        "WHERE s.kind = ? AND s.learner = ? AND a.team = '' "
        "ORDER BY a.answered_at, a.position",
        (SessionKind.AUTOFORMATION.value, alias),
    )
    return [(qid, float(score), datetime.fromisoformat(at)) for qid, score, at in rows]


def sync_cards(store: Store, alias: str) -> int:
    """Apply every recorded answer a card has not seen yet; returns how many were applied."""
    known = cards(store, alias)
    changed: set[str] = set()
    applied = 0
    for qid, score, at in _answers(store, alias):
        if not _seen(known.get(qid), at):
            known[qid] = review(known.get(qid), score, at)
            changed.add(qid)
            applied += 1
    if changed:
        with store.transaction() as conn:
            for qid in sorted(changed):
                _save_card(conn, alias, qid, known[qid])
    return applied


def met_on(store: Store, alias: str, day: date) -> int:
    """How many questions the learner answered for the first time on that day."""
    first: dict[str, date] = {}
    for qid, _, at in _answers(store, alias):
        first.setdefault(qid, at.date())
    return sum(1 for seen in first.values() if seen == day)


def training_days(store: Store, alias: str) -> set[date]:
    """The days the learner answered at least one question."""
    return {at.date() for _, _, at in _answers(store, alias)}


def running_sessions(store: Store, alias: str) -> list[SessionRecord]:
    """The learner's self-training sessions left open, oldest first."""
    rows = store.query(
        "SELECT id FROM sessions WHERE kind = ? AND learner = ? AND status = ? "
        "ORDER BY started_at, id",
        (SessionKind.AUTOFORMATION.value, alias, RUNNING),
    )
    found = [store.session(sid) for (sid,) in rows]
    return [record for record in found if record is not None]


def record_certification(
    store: Store,
    *,
    session_id: str,
    learner: str,
    deck_id: str,
    score: float,
    max_score: float,
    content_version: str,
    at: datetime,
) -> Certification:
    """Record a passed final test (once per session) for the « people certified » indicator."""
    existing = certification(store, session_id)
    if existing is not None:
        return existing
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO certifications (id, session_id, learner, deck_id, score, max_score, "
            "content_version, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                session_id,
                learner,
                deck_id,
                score,
                max_score,
                content_version,
                at.isoformat(),
            ),
        )
    recorded = certification(store, session_id)
    assert recorded is not None
    return recorded


_CERT_COLUMNS = "id, session_id, learner, deck_id, score, max_score, content_version, issued_at"


def _certification(row: tuple[object, ...]) -> Certification:
    cid, session_id, learner, deck_id, score, max_score, version, issued = row
    return Certification(
        str(cid),
        str(session_id),
        str(learner) if learner is not None else None,
        str(deck_id),
        float(str(score)),
        float(str(max_score)),
        str(version),
        datetime.fromisoformat(str(issued)),
    )


def certification(store: Store, session_id: str) -> Certification | None:
    rows = store.query(
        f"SELECT {_CERT_COLUMNS} FROM certifications WHERE session_id = ?", (session_id,)
    )
    return _certification(rows[0]) if rows else None


def certifications(store: Store, alias: str) -> list[Certification]:
    rows = store.query(
        f"SELECT {_CERT_COLUMNS} FROM certifications WHERE learner = ? ORDER BY issued_at",
        (alias,),
    )
    return [_certification(row) for row in rows]
