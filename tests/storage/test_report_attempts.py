"""The report reads attempt totals from the `attempts` summary the store keeps with the answers.

A varied store is built through the real writers (quizzes of every kind, rooms with teams,
corrected answers, votes, skipped questions, abandoned sessions, learners, certifications, a
deleted session, an import); the summary must equal the attempts recomputed from the raw
answers, and the report's sums must equal a recomputation in Python from those raw answers.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.indicator_records import Period
from nrgame.core.room_scoring import vote_options
from nrgame.core.room_setup import AnswerMode, RoomConfig, make_teams
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.exchange import export_records, import_records
from nrgame.storage.migrations import MIGRATIONS, statements
from nrgame.storage.records import delete_session
from nrgame.storage.reports import read_records
from nrgame.storage.sqlite import ABANDONED, SQLITE, SqliteStore
from nrgame.usecases.play_quiz import RecordedQuiz
from nrgame.usecases.run_room import RecordedRoom

RESPONSES: list[list[Any]] = [
    [0, 1, 2, 3, None],
    [frozenset({0}), frozenset({0, 2}), frozenset({0, 2, 3}), frozenset({1}), None],
    [True, False, None],
    [11.0, 33.0, 5.0, 20.0, 12.5, None],
    [(0, 1, 2), (2, 1, 0), (1, 0, 2), None],
    [(0, 1, 2), (1, 0, 2), (2, 1, 0), None],
]
"""Right, wrong, partly right (0.5, 1/3, 0.26…) and skipped answers to the mini deck."""

KINDS = list(SessionKind)
PARTNERS = [Partner("Repair café", "association"), Partner("Médiathèque", "bibliothèque")]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


def _setup(rng: random.Random, kind: SessionKind, day: date) -> SessionSetup:
    segments = rng.sample(list(Audience), rng.randint(1, 3))
    return SessionSetup(
        kind,
        day,
        rng.choice(["Médiathèque", "Hôtel de ville", "Lycée"]),
        "Camille",
        [AudienceCount(s, rng.randint(1, 40), rng.random() < 0.3) for s in segments],
        rng.sample(PARTNERS, rng.randint(0, 2)),
    )


def _quiz(store: SqliteStore, catalog: Catalog, rng: random.Random, at: datetime) -> str:
    kind = rng.choice(KINDS)
    played = RecordedQuiz.start(store, catalog, "mini", Clock(at), kind=kind)
    for responses in RESPONSES[: rng.randint(1, 6)]:
        played.answer(rng.choice(responses))
        played.quiz.advance()
    if rng.random() < 0.15:
        played.abandon()
    else:
        played.finish()
    sid = played.session_id
    if rng.random() < 0.6:
        store.save_setup(sid, _setup(rng, kind, at.date()))
    if kind is SessionKind.AUTOFORMATION:
        learner = rng.choice(["hibou", "renard", "loutre"])
        with store.transaction() as conn:
            conn.execute("UPDATE sessions SET learner = ? WHERE id = ?", (learner, sid))
            if rng.random() < 0.5:
                conn.execute(
                    "INSERT INTO certifications VALUES (?, ?, ?, 'mini', 5, 6, 'v', ?)",
                    (f"c-{sid}", sid, learner, at.isoformat()),
                )
    return sid


def _room(
    store: SqliteStore, catalog: Catalog, rng: random.Random, at: datetime, linked: str | None
) -> str:
    if rng.random() < 0.5:
        teams = make_teams(rng.sample(["Castors", "Hérons", "Loutres", "Renards"], 3))
        config = RoomConfig(teams=teams)
    else:
        config = RoomConfig(mode=rng.choice([AnswerMode.VOTE, AnswerMode.ROOM]))
    kind = rng.choice([SessionKind.ATELIER, SessionKind.COMITE, SessionKind.STAND])
    played = RecordedRoom.start(
        store, catalog, "mini", Clock(at), _setup(rng, kind, at.date()), config, linked
    )
    room = played.room
    while not room.finished and rng.random() < 0.9:
        question = room.current
        responses = RESPONSES[room.position]
        for key in room.answerers:
            for _ in range(rng.choice([0, 1, 1, 2])):  # none, one, or a correction
                if room.mode_for(question) is AnswerMode.VOTE:
                    counts = [rng.randint(0, 9) for _ in vote_options(question)]
                    counts[0] += 1
                    played.vote(counts)
                else:
                    played.enter(key, rng.choice(responses))
        if rng.random() < 0.2:
            played.skip()  # answers already entered stay in the store
        else:
            played.reveal()
            room.advance()
    if rng.random() < 0.1:
        played.abandon()
    else:
        played.end_now()
    return played.session_id


def build_varied(store: SqliteStore, catalog: Catalog, seed: int, sessions: int) -> list[str]:
    """Sessions of every kind over two years; returns their ids (one deleted, not returned)."""
    rng = random.Random(seed)
    ids: list[str] = []
    for number in range(sessions):
        at = datetime(2025, 1, 6, 9) + timedelta(days=number * 730 // sessions, hours=number % 5)
        if rng.random() < 0.4:
            linked = rng.choice(ids) if ids and rng.random() < 0.3 else None
            ids.append(_room(store, catalog, rng, at, linked))
        else:
            ids.append(_quiz(store, catalog, rng, at))
    gone = ids.pop(rng.randrange(len(ids)))
    assert delete_session(store, gone)
    return ids


def _summary(store: SqliteStore) -> list[tuple[Any, ...]]:
    return store.query("SELECT session_id, team, answered, total FROM attempts ORDER BY 1, 2")


def _from_answers(store: SqliteStore) -> list[tuple[Any, ...]]:
    """The attempts as the report computed them before the summary existed."""
    return store.query(
        "SELECT session_id, team, COUNT(*), SUM(score) FROM answers "
        "GROUP BY session_id, team ORDER BY 1, 2"
    )


def test_every_writer_keeps_the_summary_equal_to_the_answers(
    store: SqliteStore, mini_catalog: Catalog, tmp_path: Path
) -> None:
    ids = build_varied(store, mini_catalog, seed=3, sessions=60)
    teams = store.query("SELECT COUNT(DISTINCT team), COUNT(DISTINCT score) FROM answers")[0]
    assert teams[0] >= 4 and teams[1] >= 5  # rooms with teams, partial scores
    assert _summary(store) == _from_answers(store)  # to the last bit: same order of summing

    # Whatever writes the answers: a correction moving an answer to another team, a session
    # deleted through its foreign keys, an import into an empty store.
    with store.transaction() as conn:
        conn.execute(
            "UPDATE answers SET team = 'Renards', score = 0.25 "
            "WHERE rowid = (SELECT MIN(rowid) FROM answers WHERE team <> '')"
        )
        conn.execute("DELETE FROM sessions WHERE id = ?", (ids[-1],))
    assert _summary(store) == _from_answers(store)
    copy = SqliteStore(tmp_path / "copy.sqlite3")
    exported = export_records(store, datetime(2027, 1, 1))
    assert all("attempts" not in entry["rows"] for entry in exported["sessions"])
    result = import_records(copy, exported, "export.json")
    assert len(result.added) == len(ids) - 1
    assert _summary(copy) == _summary(store)
    assert import_records(copy, exported, "export.json").conflicts == []
    assert read_records(copy, Period()) == read_records(store, Period())
    copy.close()


def _recompute(store: SqliteStore, period: Period) -> tuple[Any, ...]:
    """Item sums, responses and session means straight from the raw rows, in Python."""
    low = period.start.isoformat() if period.start else "0000-01-01"
    high = period.end.isoformat() if period.end else "9999-12-31"
    kept = {
        sid
        for sid, status, day, started in store.query(
            "SELECT id, status, day, started_at FROM sessions"
        )
        if status != ABANDONED and low <= (day or started[:10]) <= high
    }
    answers = [row for row in store.query(_RAW) if row[0] in kept]
    totals: dict[tuple[str, str], float] = defaultdict(float)
    by_session: dict[str, list[float]] = defaultdict(list)
    for sid, team, _qid, _response, x in answers:
        totals[sid, team] += x
        by_session[sid].append(x)
    items: dict[str, list[float]] = defaultdict(lambda: [0.0] * 6)
    responses: dict[tuple[str, str | None], int] = defaultdict(int)
    for sid, team, qid, response, x in answers:
        rest = totals[sid, team] - x
        for index, value in enumerate((1, x, x * x, rest, rest * rest, x * rest)):
            items[qid][index] += value
        responses[qid, response] += 1
    means = {sid: sum(scores) / len(scores) for sid, scores in by_session.items()}
    return items, dict(responses), means, kept


_RAW = "SELECT session_id, team, question_id, response, score FROM answers"


@pytest.mark.parametrize(
    "period", [Period(), Period(date(2025, 6, 1), date(2026, 3, 31))], ids=["all", "period"]
)
def test_the_report_sums_equal_a_recomputation_from_the_raw_answers(
    store: SqliteStore, mini_catalog: Catalog, period: Period
) -> None:
    build_varied(store, mini_catalog, seed=11, sessions=60)
    items, responses, means, kept = _recompute(store, period)
    records = read_records(store, period)
    got = {
        i.question_id: [i.n, i.sum_x, i.sum_xx, i.sum_r, i.sum_rr, i.sum_xr] for i in records.items
    }
    assert set(got) == set(items) and len(items) == 6
    for qid, sums in items.items():
        assert got[qid] == pytest.approx(sums, rel=1e-12, abs=1e-9), qid
    assert {(r.question_id, r.response): r.count for r in records.responses} == responses
    # Every session of the period is read; only abandoned ones give no answers to the sums.
    assert {s.id for s in records.sessions if s.status != ABANDONED} == kept
    sessions = {s.id: s.mean_score for s in records.sessions}
    assert {k: v for k, v in sessions.items() if v is not None} == pytest.approx(means)
    assert all(sessions[sid] is None for sid in kept - set(means))


def test_the_migration_fills_the_summary_from_the_answers_already_there(
    tmp_path: Path, mini_catalog: Catalog
) -> None:
    path = tmp_path / "old.sqlite3"
    build_varied(SqliteStore(path), mini_catalog, seed=5, sessions=30)
    expected = _from_answers(SqliteStore(path))
    # Back to the schema before the summary, answers kept: a store from an older nrgame
    # (what the later migrations added goes too).
    scripts = [";\n".join(statements(migration, SQLITE)) for migration in MIGRATIONS]
    version = next(i for i, step in enumerate(scripts) if "CREATE TABLE attempts" in step)
    later = re.findall(r"CREATE TABLE (\w+)", "".join(scripts[version + 1 :]))
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE attempts; DROP TRIGGER attempts_insert; DROP TRIGGER attempts_update; "
        + "".join(f"DROP TABLE {table}; " for table in later)
        + "DROP TRIGGER attempts_delete; DROP INDEX sessions_script; "
        "ALTER TABLE sessions DROP COLUMN script; ALTER TABLE sessions DROP COLUMN played_kept; "
        "ALTER TABLE learners DROP COLUMN new_per_day; "  # a later migration
        "DROP TABLE schema_version; "  # a base of an nrgame before that table
        f"PRAGMA user_version = {version};"
    )
    conn.close()
    store = SqliteStore(path)
    assert _summary(store) == expected and expected
    store.close()


@pytest.mark.parametrize(
    ("meta", "room"),
    [
        ("{}", False),
        ('{"room": {"teams": []}}', True),
        ('{"room": null}', False),
        ('{"place": "roomy hall"}', False),
        ('{"\\u0072oom": {"teams": []}}', True),  # an escaped key is still the key
    ],
)
def test_a_room_session_is_told_by_its_meta_without_parsing_every_one(
    meta: str, room: bool
) -> None:
    from nrgame.storage.reports import _has_room

    assert _has_room(meta) is room
