"""The export and import that let several laptops of one authority pool their sessions.

Sessions of every kind (quiz, room, board game, self-training) travel whole: the session and
its rows in every table of storage/tables.py's SESSION_ROWS, on the columns listed there. A
column the base numbers by itself means nothing on another laptop: it is neither exported
nor compared.

Since version 2 an export also carries the self-training learners and their review cards, so
that an agent who changes laptop keeps their review plan; an import merges them with those
already here (docs/indicateurs.md says how) and never brings back a learner forgotten here
(storage/privacy.py). Version 1 files, sessions only, are still read (storage/records_file.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from nrgame.core.files import write_atomic
from nrgame.storage.db import Connection
from nrgame.storage.migrations import SCHEMA_VERSION
from nrgame.storage.privacy import ForgetMarks, normal_alias
from nrgame.storage.records_file import (
    CARD_FIELDS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    RecordsFileError,
    check_learner,
    check_session,
)
from nrgame.storage.store import Store
from nrgame.storage.tables import LEARNERS, REVIEW_CARDS, SESSION_ROWS, SESSIONS, Table


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """Sessions already here with other content: kept as they are here."""
    learners_added: int = 0
    learners_updated: int = 0
    """Learners already here whose last visit or path the file moved on."""
    learners_unchanged: int = 0
    learners_forgotten: int = 0
    """Learners of the file forgotten here: neither they nor their cards are imported."""
    cards_added: int = 0
    cards_updated: int = 0
    """Cards already here that the file had reviewed later."""


def export_records(store: Store, at: datetime) -> dict[str, Any]:
    with store.transaction() as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM sessions ORDER BY started_at, id")]
        sessions = [_dump(conn, sid) for sid in ids]
        learners = _dump_learners(conn)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": at.isoformat(timespec="seconds"),
        "sessions": sessions,
        "learners": learners,
    }


def _dump_learners(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {_names(LEARNERS)} FROM learners ORDER BY alias").fetchall()
    return [
        {
            "learner": dict(zip(LEARNERS.columns, row, strict=True)),
            "cards": sorted(
                _select(conn, REVIEW_CARDS.name, CARD_FIELDS, "learner", row[0]),
                key=lambda card: str(card["question_id"]),
            ),
        }
        for row in rows
    ]


def write_export(store: Store, path: Path, at: datetime) -> tuple[int, int]:
    """Write every session and learner to `path`; returns how many of each."""
    data = export_records(store, at)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise RecordsFileError(f"impossible d'écrire {path} ({exc.strerror})") from exc
    return len(data["sessions"]), len(data["learners"])


def import_records(store: Store, data: dict[str, Any], source: str) -> ImportResult:
    """Add the sessions not yet here and merge the learners; all or nothing, in one
    transaction.

    A session already here with the same content is left alone; one with the same id and
    other content is a conflict: reported, never overwritten. A learner forgotten here stays
    forgotten: their alias, on the sessions and attestations of the file recorded before the
    forget, becomes the token that replaced it here, and their cards are not imported.
    """
    result = ImportResult()
    with store.transaction() as conn:
        if store.dialect.defer_foreign_keys is not None:
            conn.execute(store.dialect.defer_foreign_keys)
        marks = ForgetMarks(conn)
        for number, entry in enumerate(data["sessions"], start=1):
            session, rows = check_session(entry, number, source)
            _apply_forgets(marks, session, rows)
            sid = session["id"]
            exists = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone()
            if exists:
                here = _dump(conn, sid)
                if _same(here, session, rows):
                    result.unchanged.append(sid)
                else:
                    result.conflicts.append(sid)
                continue
            try:
                _insert(conn, "sessions", session)
                for table, table_rows in rows.items():
                    for row in table_rows:
                        _insert(conn, table, {**row, "session_id": sid})
            except store.dialect.integrity_error as exc:
                raise RecordsFileError(
                    f"{source}, séance n° {number} ({sid}) : enregistrement refusé par la base "
                    f"({exc})"
                ) from exc
            result.added.append(sid)
        for number, entry in enumerate(data.get("learners", []), start=1):
            learner, cards = check_learner(entry, number, source)
            if marks.token(learner["alias"], datetime.fromisoformat(learner["created_at"])):
                result.learners_forgotten += 1
            else:
                _merge_learner(conn, learner, cards, result)
    return result


def _apply_forgets(
    marks: ForgetMarks, session: dict[str, Any], rows: dict[str, list[dict[str, Any]]]
) -> None:
    """Give what a forgotten learner recorded before the forget the token it has here."""
    started = datetime.fromisoformat(session["started_at"])
    for row in [session, *rows.get("certifications", [])]:
        alias = row.get("learner")
        if isinstance(alias, str):
            row["learner"] = marks.token(alias, started) or alias


def _merge_learner(
    conn: Connection,
    learner: dict[str, Any],
    cards: list[dict[str, Any]],
    result: ImportResult,
) -> None:
    """The learner and cards of the file, merged with those here (docs/indicateurs.md).

    The same alias, whatever its case or spacing, is the same learner (add_learner refuses a
    second spelling): the file's learner joins the one here, under the spelling here. Their
    first visit is the earlier, their last visit the later, their path the one of the later
    visit; of two cards for one question, the one reviewed later wins.
    """
    columns = LEARNERS.columns
    here = [
        dict(zip(columns, row, strict=True))
        for row in conn.execute(f"SELECT {_names(LEARNERS)} FROM learners")
        if normal_alias(row[0]) == normal_alias(learner["alias"])
    ]
    if not here:
        _insert(conn, "learners", learner)
        result.learners_added += 1
        ours = learner
    else:
        ours = here[0]
        merged = dict(ours)
        if _moment(learner["last_seen"]) > _moment(ours["last_seen"]):
            merged.update({k: v for k, v in learner.items() if k != "alias"})
        merged["created_at"] = min(ours["created_at"], learner["created_at"], key=_moment)
        if merged == ours:
            result.learners_unchanged += 1
        else:
            sets = ", ".join(f'"{c}" = ?' for c in columns if c != "alias")
            conn.execute(
                f"UPDATE learners SET {sets} WHERE alias = ?",
                (*(merged[c] for c in columns if c != "alias"), ours["alias"]),
            )
            result.learners_updated += 1
    alias = ours["alias"]
    for card in cards:
        existing = conn.execute(
            "SELECT last_review FROM review_cards WHERE learner = ? AND question_id = ?",
            (alias, card["question_id"]),
        ).fetchone()
        if existing is None:
            _insert(conn, "review_cards", {**card, "learner": alias})
            result.cards_added += 1
        elif _reviewed(card["last_review"]) > _reviewed(existing[0]):
            conn.execute(
                "DELETE FROM review_cards WHERE learner = ? AND question_id = ?",
                (alias, card["question_id"]),
            )
            _insert(conn, "review_cards", {**card, "learner": alias})
            result.cards_updated += 1


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _reviewed(text: str | None) -> datetime:
    """A card never reviewed comes before any review."""
    return datetime.fromisoformat(text) if text else datetime.min


def _dump(conn: Connection, sid: str) -> dict[str, Any]:
    session = _select(conn, SESSIONS.name, SESSIONS.columns, "id", sid)[0]
    rows = {
        table.name: sorted(
            (
                {k: v for k, v in row.items() if k != "session_id"}
                for row in _select(conn, table.name, table.columns, "session_id", sid)
            ),
            key=_canonical,
        )
        for table in SESSION_ROWS
    }
    return {"session": session, "rows": {k: v for k, v in rows.items() if v}}


def _same(here: dict[str, Any], session: dict[str, Any], rows: dict[str, Any]) -> bool:
    """Same content, on the columns the file carries (an older version knows fewer)."""
    if any(here["session"].get(k) != v for k, v in session.items()):
        return False
    for table in set(rows) | set(here["rows"]):
        theirs = [{k: v for k, v in r.items() if k != "session_id"} for r in rows.get(table, [])]
        columns = {k for r in theirs for k in r}
        ours = [{k: v for k, v in r.items() if k in columns} for r in here["rows"].get(table, [])]
        if sorted(map(_canonical, ours)) != sorted(map(_canonical, theirs)):
            return False
    return True


def _names(table: Table) -> str:
    return ", ".join(f'"{c}"' for c in table.columns)


def _select(
    conn: Connection, table: str, columns: Sequence[str], key: str, value: str
) -> list[dict[str, Any]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.execute(f'SELECT {names} FROM "{table}" WHERE "{key}" = ?', (value,))
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def _insert(conn: Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" * len(row))
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))


def _canonical(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)
