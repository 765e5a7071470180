"""Crash safety: kill the process with SIGKILL at random points, many times, then restart.

Every answer or turn confirmed before the kill must be in the store, the session must resume
where it was, and the base must pass PRAGMA integrity_check. The children are forked from a
fork server that has already imported nrgame and loaded the catalog, so that a hundred kills
take seconds; each is still a separate process, killed like a laptop whose battery dies.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability import crash_driver

KILLS = {"quiz": 30, "room": 30, "board": 30, "training": 30, "app": 12}
SEED = 20260302


@dataclass
class Figures:
    kills: Counter[str] = field(default_factory=Counter)
    confirmed: Counter[str] = field(default_factory=Counter)
    resumed: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)


def read_log(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.split(" ", 3) for line in path.read_text(encoding="utf-8").splitlines()]


def stopped(number: int, kind: str, log: Path) -> str:
    error = log.with_name(log.name + ".err")
    detail = error.read_text(encoding="utf-8") if error.exists() else "no traceback"
    return f"run {number} ({kind}) stopped before the kill:\n{detail}"


def stored_units(conn: sqlite3.Connection, kind: str, session: str) -> set[str]:
    """What the base holds of a session, in the units the driver logs."""
    if kind == "board":
        rows = conn.execute("SELECT turn FROM board_turns WHERE session_id = ?", (session,))
        return {str(turn) for (turn,) in rows}
    rows = conn.execute("SELECT position, team FROM answers WHERE session_id = ?", (session,))
    if kind != "room":
        return {str(position) for position, team in rows if team == ""}
    units = {f"{position}/{team}" for position, team in rows}
    reveals = conn.execute(
        "SELECT position FROM room_questions WHERE session_id = ? AND state = 'revelee'", (session,)
    )
    return units | {f"{position}/reveal" for (position,) in reveals}


def where_to_resume(conn: sqlite3.Connection, kind: str) -> tuple[str, int] | None:
    """The unfinished session of this kind the app would offer, and the position it must
    come back at, read from the base independently of the code under test."""
    kinds = {
        "quiz": "kind = 'quiz'",
        "app": "kind = 'quiz'",
        "training": "kind = 'autoformation'",
        "board": "kind = 'jeu-plateau'",
        "room": "meta LIKE '%\"room\"%'",
    }
    row = conn.execute(
        f"SELECT id, question_ids FROM sessions WHERE status = 'en_cours' AND {kinds[kind]} "
        "ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    session, _ = row
    if kind == "board":
        (turns,) = conn.execute(
            "SELECT COUNT(DISTINCT turn) FROM board_turns WHERE session_id = ?", (session,)
        ).fetchone()
        return session, turns + 1
    if kind == "room":
        done = {
            p
            for (p,) in conn.execute(
                "SELECT position FROM room_questions WHERE session_id = ?", (session,)
            )
        }
    else:
        done = {
            p
            for (p,) in conn.execute(
                "SELECT position FROM answers WHERE session_id = ? AND team = ''", (session,)
            )
        }
    position = 0
    while position in done:
        position += 1
    return session, position


def test_kill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.reliability.crash_driver", "nrgame.tui.app"])
    rng = random.Random(SEED)
    figures = Figures()
    plan = [kind for kind, count in KILLS.items() for _ in range(count)]
    rng.shuffle(plan)
    for number, kind in enumerate(plan):
        log = tmp_path / f"run-{number}.log"
        # The core drivers share one base. The app offers whichever session is unfinished,
        # room or board included, so its own runs get a base of their own.
        db = tmp_path / ("app.sqlite3" if kind == "app" else "nrgame.sqlite3")
        conn = sqlite3.connect(db) if db.exists() else None
        expected = where_to_resume(conn, kind) if conn else None
        if conn:
            conn.close()

        child = context.Process(
            target=crash_driver.run, args=(kind, str(db), str(log), rng.randrange(10**6))
        )
        child.start()
        deadline = time.monotonic() + 30
        while not read_log(log):  # wait until the session is on (started or resumed)
            assert child.is_alive(), stopped(number, kind, log)
            assert time.monotonic() < deadline, f"run {number} ({kind}) never started"
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 1.5 if kind == "app" else 0.04))
        assert child.is_alive(), stopped(number, kind, log)
        child.kill()  # SIGKILL: no cleanup, no flush, no close
        child.join()
        figures.kills[kind] += 1

        lines = read_log(log)
        first = lines[0]
        if expected is not None:
            # The app offers the unfinished session and picks it up where it was
            assert first[0] == "RESUME", (kind, number, first, expected)
            assert (first[2], int(first[3])) == expected, (kind, number, first, expected)
            figures.resumed[kind] += 1
        else:
            assert first[0] == "START", (kind, number, first)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for event, logged_kind, session, *unit in lines:
            if event == "OK":
                figures.confirmed[logged_kind] += 1
                if unit[0] not in stored_units(conn, logged_kind, session):
                    figures.lost.append(f"run {number}: {logged_kind} {session} {unit[0]}")
        conn.close()

    print(
        f"\nKill test: {sum(figures.kills.values())} kills {dict(figures.kills)}, "
        f"{sum(figures.confirmed.values())} confirmed answers or turns "
        f"{dict(figures.confirmed)}, {sum(figures.resumed.values())} resumed "
        f"sessions, {len(figures.lost)} lost."
    )
    assert figures.lost == []
    assert sum(figures.kills.values()) >= 100
    for kind in KILLS:  # every kind was killed mid-session and resumed, not just started
        assert figures.confirmed[kind] > 0, kind
        assert figures.resumed[kind] > 0, kind
