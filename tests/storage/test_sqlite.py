from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from nrgame.core.content import Audience
from nrgame.core.quiz import Given
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.migrations import MIGRATIONS, SCHEMA_VERSION, statements
from nrgame.storage.sqlite import FINISHED, RUNNING, SQLITE, SqliteStore
from nrgame.storage.store import Store, StoreError

AT = datetime(2026, 3, 2, 9, 0)


def test_answers_are_kept_in_order_and_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    store = SqliteStore(path)
    sid = store.start_session(kind="quiz", question_ids=["a", "b"], started_at=AT, deck_id="d")
    store.record_answer(sid, Given(1, "b", (2, 0, 1), 0.5, AT))
    store.record_answer(sid, Given(0, "a", frozenset({1, 3}), 1.0, AT))
    store.close()
    again = SqliteStore(path)
    answers = again.answers(sid)
    assert [(a.position, a.question_id, a.response, a.score) for a in answers] == [
        (0, "a", [1, 3], 1.0),
        (1, "b", [2, 0, 1], 0.5),
    ]
    assert [s.id for s in again.sessions(RUNNING)] == [sid]
    again.finish_session(sid, AT, FINISHED)
    assert again.sessions(RUNNING) == []
    assert again.integrity_ok()


def test_setup_round_trip(store: Store) -> None:
    sid = store.start_session(kind="quiz", question_ids=[], started_at=AT)
    setup = SessionSetup(
        SessionKind.ATELIER,
        date(2026, 3, 2),
        "Médiathèque",
        "Camille",
        [AudienceCount(Audience.AGENTS, 12), AudienceCount(Audience.ELUS, 3, estimated=True)],
        [Partner("Repair café du quartier", "association")],
    )
    store.save_setup(sid, setup)
    assert store.setup(sid) == setup
    assert store.session(sid) is not None
    assert store.session(sid).kind == "atelier"  # type: ignore[union-attr]


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="version plus récente"):
        SqliteStore(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gets_a_french_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="n'est pas une base nrgame"):
        SqliteStore(path)


def test_migration_backs_up_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(";\n".join(statements(MIGRATIONS[0], SQLITE)) + "; PRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO sessions (id, kind, question_ids, started_at, status, meta) "
        "VALUES ('s1', 'quiz', '[]', '2025-01-02T10:00:00', 'terminee', '{}')"
    )
    conn.commit()
    conn.close()
    SqliteStore(path).close()
    assert (tmp_path / f"old.sqlite3.avant-schema-{SCHEMA_VERSION}").exists()


def test_an_empty_older_base_is_migrated_without_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(";\n".join(statements(MIGRATIONS[0], SQLITE)) + "; PRAGMA user_version = 1;")
    conn.close()
    SqliteStore(path).close()
    assert [p.name for p in tmp_path.iterdir() if "avant-schema" in p.name] == []
