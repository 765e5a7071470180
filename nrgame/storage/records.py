"""The records of real sessions: list, detail, after-the-fact corrections, deletion, and the
export/import that lets several laptops of one authority pool their sessions.

Every table whose rows belong to a session has a `session_id` column; this module finds those
tables in the schema, so sessions of every kind (quiz, room, board game, self-training) travel
whole, including tables added by later migrations. An integer key that SQLite numbers by itself
(INTEGER PRIMARY KEY) means nothing on another laptop: it is neither exported nor compared.

Since version 2 an export also carries the self-training learners and their review cards, so
that an agent who changes laptop keeps their review plan; an import merges them with those
already here (docs/indicateurs.md says how) and never brings back a learner forgotten here
(storage/privacy.py). Version 1 files, sessions only, are still read.
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fsrs import State

from nrgame.core.content import Audience
from nrgame.core.files import write_atomic
from nrgame.core.indicator_records import Period
from nrgame.core.sessions import AudienceCount, Partner
from nrgame.storage.privacy import ForgetMarks, normal_alias
from nrgame.storage.reports import SESSION_DAY, bounds
from nrgame.storage.sqlite import DERIVED_TABLES, SCHEMA_VERSION
from nrgame.storage.store import Store
from nrgame.storage.training import AliasError, check_alias

_SEGMENTS = {a.value for a in Audience}

EXPORT_FORMAT = "nrgame-records"
EXPORT_VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Version 1: sessions only. Version 2: sessions, learners and their review cards."""


@dataclass(frozen=True)
class SessionRow:
    """One line of the records table."""

    id: str
    kind: str
    day: date
    place: str
    title: str
    status: str
    people: int
    estimated: bool
    learner: str | None


@dataclass(frozen=True)
class AudienceChange:
    """One segment's count corrected after the session."""

    changed_at: datetime
    segment: str
    before: AudienceCount | None
    after: AudienceCount | None
    reason: str


@dataclass(frozen=True)
class SessionDetail:
    row: SessionRow
    facilitator: str
    started_at: datetime
    finished_at: datetime | None
    deck_id: str | None
    linked_to: str | None
    audience: list[AudienceCount]
    partners: list[Partner]
    teams: list[str]
    answers: int
    mean_score: float | None
    certifications: int
    history: list[AudienceChange]


_ROW = (
    f"SELECT s.id, s.kind, {SESSION_DAY}, s.place, COALESCE(s.deck_title, s.deck_id, ''), "
    "s.status, (SELECT COALESCE(SUM(a.count), 0) FROM audience a WHERE a.session_id = s.id), "
    "(SELECT COUNT(*) FROM audience a WHERE a.session_id = s.id AND a.estimated <> 0), "
    "s.learner FROM sessions s"
)


def list_sessions(store: Store, period: Period, kind: str | None = None) -> list[SessionRow]:
    """Every session of the period (abandoned ones too), newest first."""
    low, high = bounds(period)
    sql = f"{_ROW} WHERE {SESSION_DAY} BETWEEN ? AND ?"
    args: tuple[str, ...] = (low, high)
    if kind:
        sql += " AND s.kind = ?"
        args += (kind,)
    rows = store.query(sql + f" ORDER BY {SESSION_DAY} DESC, s.started_at DESC, s.id", args)
    return [_row(row) for row in rows]


def session_detail(store: Store, session_id: str) -> SessionDetail | None:
    rows = store.query(f"{_ROW} WHERE s.id = ?", (session_id,))
    if not rows:
        return None
    extra = store.query(
        "SELECT facilitator, started_at, finished_at, deck_id, linked_to FROM sessions "
        "WHERE id = ?",
        (session_id,),
    )[0]
    answers, mean = store.query(
        "SELECT COUNT(*), AVG(score) FROM answers WHERE session_id = ?", (session_id,)
    )[0]
    return SessionDetail(
        row=_row(rows[0]),
        facilitator=extra[0],
        started_at=datetime.fromisoformat(extra[1]),
        finished_at=datetime.fromisoformat(extra[2]) if extra[2] else None,
        deck_id=extra[3],
        linked_to=extra[4],
        audience=audience_of(store, session_id),
        partners=[
            Partner(name, kind)
            for name, kind in store.query(
                "SELECT name, kind FROM partners WHERE session_id = ? ORDER BY name",
                (session_id,),
            )
        ],
        teams=[
            team
            for (team,) in store.query(
                "SELECT DISTINCT team FROM answers WHERE session_id = ? AND team <> '' "
                "ORDER BY team",
                (session_id,),
            )
        ],
        answers=answers,
        mean_score=mean,
        certifications=store.query(
            "SELECT COUNT(*) FROM certifications WHERE session_id = ?", (session_id,)
        )[0][0],
        history=history(store, session_id),
    )


def audience_of(store: Store, session_id: str) -> list[AudienceCount]:
    return [
        AudienceCount(Audience(segment), count, bool(estimated))
        for segment, count, estimated in store.query(
            "SELECT segment, count, estimated FROM audience WHERE session_id = ? ORDER BY segment",
            (session_id,),
        )
        if segment in _SEGMENTS
    ]


def correct_audience(
    store: Store,
    session_id: str,
    audience: list[AudienceCount],
    at: datetime,
    reason: str = "",
) -> list[AudienceChange]:
    """Replace a session's audience, keeping each changed segment's before and after.

    A segment set to 0 is removed. Returns the changes (none if nothing changed).
    """
    before = {a.segment.value: a for a in audience_of(store, session_id)}
    after = {a.segment.value: a for a in audience if a.count > 0}
    changes = [
        AudienceChange(at, segment, before.get(segment), after.get(segment), reason)
        for segment in sorted(set(before) | set(after))
        if before.get(segment) != after.get(segment)
    ]
    if not changes:
        return []
    with store.transaction() as conn:
        conn.execute("DELETE FROM audience WHERE session_id = ?", (session_id,))
        conn.executemany(
            "INSERT INTO audience (session_id, segment, count, estimated) VALUES (?, ?, ?, ?)",
            [(session_id, s, a.count, int(a.estimated)) for s, a in sorted(after.items())],
        )
        conn.executemany(
            "INSERT INTO audience_history (id, session_id, changed_at, segment, count_before, "
            "estimated_before, count_after, estimated_after, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    str(uuid.uuid4()),
                    session_id,
                    c.changed_at.isoformat(),
                    c.segment,
                    c.before.count if c.before else None,
                    int(c.before.estimated) if c.before else None,
                    c.after.count if c.after else None,
                    int(c.after.estimated) if c.after else None,
                    c.reason,
                )
                for c in changes
            ],
        )
    return changes


def history(store: Store, session_id: str) -> list[AudienceChange]:
    return [
        AudienceChange(
            datetime.fromisoformat(at),
            segment,
            _count(segment, count_before, estimated_before),
            _count(segment, count_after, estimated_after),
            reason,
        )
        for at, segment, count_before, estimated_before, count_after, estimated_after, reason in (
            store.query(
                "SELECT changed_at, segment, count_before, estimated_before, count_after, "
                "estimated_after, reason FROM audience_history WHERE session_id = ? "
                "ORDER BY changed_at, segment",
                (session_id,),
            )
        )
    ]


def delete_session(store: Store, session_id: str) -> bool:
    """Delete a session and everything recorded with it; False if there was none."""
    with store.transaction() as conn:
        for table in session_tables(conn):
            conn.execute(f'DELETE FROM "{table}" WHERE session_id = ?', (session_id,))
        return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0


def session_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Tables whose rows belong to a session, with the columns worth carrying over.

    Derived tables are left out: the store rebuilds them from the others.
    """
    found: dict[str, list[str]] = {}
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> 'sessions' ORDER BY name"
    ).fetchall()
    for (name,) in names:
        if name in DERIVED_TABLES:
            continue
        columns = _columns(conn, name)
        if "session_id" in columns:
            found[name] = columns
    return found


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = [row for row in info if row[5]]
    # An INTEGER PRIMARY KEY is SQLite's own row number: local to this file.
    local = keys[0][1] if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else None
    return [row[1] for row in info if row[1] != local]


class RecordsFileError(Exception):
    """An export file that cannot be imported, said in French."""


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
        tables = session_tables(conn)
        ids = [row[0] for row in conn.execute("SELECT id FROM sessions ORDER BY started_at, id")]
        sessions = [_dump(conn, tables, sid) for sid in ids]
        learners = _dump_learners(conn)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": at.isoformat(timespec="seconds"),
        "sessions": sessions,
        "learners": learners,
    }


def _dump_learners(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    learner_columns = _columns(conn, "learners")
    card_columns = [c for c in _columns(conn, "review_cards") if c != "learner"]
    names = ", ".join(f'"{c}"' for c in learner_columns)
    rows = conn.execute(f"SELECT {names} FROM learners ORDER BY alias").fetchall()
    return [
        {
            "learner": dict(zip(learner_columns, row, strict=True)),
            "cards": sorted(
                _select(conn, "review_cards", card_columns, "learner", row[0]),
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


def read_export(path: Path) -> dict[str, Any]:
    """Read and check an export file; raises RecordsFileError naming what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordsFileError(f"{path} : fichier introuvable") from None
    except UnicodeDecodeError:
        raise RecordsFileError(f"{path} : ce n'est pas un texte UTF-8") from None
    except OSError as exc:
        raise RecordsFileError(f"{path} : lecture impossible ({exc.strerror})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordsFileError(
            f"{path}, ligne {exc.lineno}, colonne {exc.colno} : JSON invalide ({_json_reason(exc)})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise RecordsFileError(f"{path} : ce n'est pas un export de séances nrgame")
    version = data.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise RecordsFileError(
            f"{path}, champ « version » : version {version!r} inconnue "
            f"(cette version de nrgame lit les versions 1 à {EXPORT_VERSION})"
        )
    if not isinstance(data.get("sessions"), list):
        raise RecordsFileError(f"{path}, champ « sessions » : une liste est attendue")
    if version >= 2 and not isinstance(data.get("learners"), list):
        raise RecordsFileError(f"{path}, champ « learners » : une liste est attendue")
    return data


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
        conn.execute("PRAGMA defer_foreign_keys = ON")
        tables = session_tables(conn)
        known = _columns(conn, "sessions")
        marks = ForgetMarks(conn)
        for number, entry in enumerate(data["sessions"], start=1):
            session, rows = _check(entry, number, source, known, tables)
            _apply_forgets(marks, session, rows)
            sid = session["id"]
            exists = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone()
            if exists:
                here = _dump(conn, tables, sid)
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
            except sqlite3.IntegrityError as exc:
                raise RecordsFileError(
                    f"{source}, séance n° {number} ({sid}) : enregistrement refusé par la base "
                    f"({exc})"
                ) from exc
            result.added.append(sid)
        for number, entry in enumerate(data.get("learners", []), start=1):
            learner, cards = _check_learner(entry, number, source)
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


_CARD_FIELDS = ("question_id", "state", "step", "stability", "difficulty", "due", "last_review")


def _merge_learner(
    conn: sqlite3.Connection,
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
    columns = _columns(conn, "learners")
    names = ", ".join(f'"{c}"' for c in columns)
    here = [
        dict(zip(columns, row, strict=True))
        for row in conn.execute(f"SELECT {names} FROM learners")
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


def _check_learner(
    entry: Any, number: int, source: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A learner of the file and their cards, checked field by field."""
    where = f"{source}, apprenant n° {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("learner"), dict):
        raise RecordsFileError(f"{where} : un objet avec un champ « learner » est attendu")
    learner = entry["learner"]
    _known_fields(
        learner,
        ["alias", "created_at", "last_seen", "axes", "themes", "minutes", "new_per_day"],
        where,
    )
    alias = learner.get("alias")
    if not isinstance(alias, str):
        raise RecordsFileError(f"{where}, champ « alias » : texte attendu")
    try:
        if check_alias(alias) != alias:
            raise AliasError("espaces en trop")
    except AliasError as exc:
        raise RecordsFileError(f"{where}, champ « alias » : pseudonyme refusé ({exc})") from None
    where = f"{where} (« {alias} »)"
    for name in ("created_at", "last_seen"):
        _check_moment(learner, name, where, required=True)
    for name, kind in (("axes", int), ("themes", str)):
        _check_list(learner, name, kind, where)
    per_day = learner.get("new_per_day", 0)  # absent from files of earlier versions
    if not isinstance(per_day, int) or isinstance(per_day, bool) or not 0 <= per_day <= 500:
        raise RecordsFileError(
            f"{where}, champ « new_per_day » : nombre entier de nouvelles questions par jour "
            "attendu (0 à 500)"
        )
    minutes = learner.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 240:
        raise RecordsFileError(
            f"{where}, champ « minutes » : nombre entier de minutes attendu (1 à 240)"
        )
    cards = entry.get("cards", [])
    if not isinstance(cards, list):
        raise RecordsFileError(f"{where}, champ « cards » : une liste est attendue")
    seen: set[str] = set()
    for index, card in enumerate(cards, start=1):
        place = f"{where}, « cards » n° {index}"
        if not isinstance(card, dict):
            raise RecordsFileError(f"{place} : un objet est attendu")
        _known_fields(card, list(_CARD_FIELDS), place)
        question = card.get("question_id")
        if not isinstance(question, str) or not question:
            raise RecordsFileError(f"{place}, champ « question_id » : texte non vide attendu")
        if question in seen:
            raise RecordsFileError(f"{place}, champ « question_id » : « {question} » en double")
        seen.add(question)
        state = card.get("state")
        if state not in {s.value for s in State} or isinstance(state, bool):
            allowed = ", ".join(str(s.value) for s in State)
            raise RecordsFileError(f"{place}, champ « state » : {allowed} attendu")
        step = card.get("step")
        if step is not None and (not isinstance(step, int) or isinstance(step, bool) or step < 0):
            raise RecordsFileError(f"{place}, champ « step » : nombre entier positif attendu")
        for name in ("stability", "difficulty"):
            value = card.get(name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise RecordsFileError(f"{place}, champ « {name} » : nombre positif attendu")
        _check_moment(card, "due", place, required=True)
        _check_moment(card, "last_review", place, required=False)
    return learner, [{name: card.get(name) for name in _CARD_FIELDS} for card in cards]


def _check_moment(row: dict[str, Any], name: str, place: str, *, required: bool) -> None:
    value = row.get(name)
    if value is None and not required:
        return
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordsFileError(
            f"{place}, champ « {name} » : date et heure attendues (AAAA-MM-JJTHH:MM:SS), "
            f"pas {value!r}"
        ) from None
    if moment.tzinfo is not None:
        raise RecordsFileError(
            f"{place}, champ « {name} » : heure locale attendue, sans fuseau horaire"
        )


def _check_list(row: dict[str, Any], name: str, kind: type, place: str) -> None:
    """A JSON list of values of one kind, kept as text like the base keeps it."""
    what = "nombres entiers" if kind is int else "textes"
    text = row.get(name)
    try:
        values = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        values = None
    if not isinstance(values, list) or not all(
        isinstance(v, kind) and not isinstance(v, bool) for v in values
    ):
        raise RecordsFileError(
            f"{place}, champ « {name} » : liste JSON de {what} attendue, comme « [] »"
        )


def _check(
    entry: Any, number: int, source: str, known: list[str], tables: dict[str, list[str]]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    where = f"{source}, séance n° {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("session"), dict):
        raise RecordsFileError(f"{where} : un objet avec un champ « session » est attendu")
    session = entry["session"]
    for name in ("id", "kind", "started_at", "status", "question_ids", "meta"):
        if not isinstance(session.get(name), str) or not session[name]:
            raise RecordsFileError(f"{where}, champ « {name} » : texte non vide attendu")
    try:
        uuid.UUID(session["id"])
        datetime.fromisoformat(session["started_at"])
        if session.get("day") is not None:
            date.fromisoformat(session["day"])
    except (ValueError, TypeError) as exc:
        raise RecordsFileError(f"{where} : identifiant ou date invalide ({exc})") from None
    where = f"{where} ({session['id']})"
    _known_fields(session, known, f"{where}, « session »")
    rows = entry.get("rows", {})
    if not isinstance(rows, dict):
        raise RecordsFileError(f"{where}, champ « rows » : un objet est attendu")
    for table, table_rows in rows.items():
        if table not in tables:
            raise RecordsFileError(
                f"{where}, champ « rows.{table} » : table inconnue de cette version de nrgame"
            )
        if not isinstance(table_rows, list):
            raise RecordsFileError(f"{where}, champ « rows.{table} » : une liste est attendue")
        for index, row in enumerate(table_rows, start=1):
            place = f"{where}, « rows.{table} » n° {index}"
            if not isinstance(row, dict):
                raise RecordsFileError(f"{place} : un objet est attendu")
            _known_fields(row, tables[table], place)
            if row.get("session_id", session["id"]) != session["id"]:
                raise RecordsFileError(f"{place}, champ « session_id » : autre séance")
    return session, rows


def _known_fields(row: dict[str, Any], columns: list[str], place: str) -> None:
    for name, value in row.items():
        if name not in columns:
            raise RecordsFileError(f"{place}, champ « {name} » inconnu de cette version de nrgame")
        if not (value is None or isinstance(value, str | int | float)):
            raise RecordsFileError(f"{place}, champ « {name} » : valeur simple attendue")


def _dump(conn: sqlite3.Connection, tables: dict[str, list[str]], sid: str) -> dict[str, Any]:
    session = _select(conn, "sessions", _columns(conn, "sessions"), "id", sid)[0]
    rows = {
        table: sorted(
            (
                {k: v for k, v in row.items() if k != "session_id"}
                for row in _select(conn, table, columns, "session_id", sid)
            ),
            key=_canonical,
        )
        for table, columns in tables.items()
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


def _select(
    conn: sqlite3.Connection, table: str, columns: list[str], key: str, value: str
) -> list[dict[str, Any]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.execute(f'SELECT {names} FROM "{table}" WHERE "{key}" = ?', (value,))
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" * len(row))
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))


def _canonical(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _count(segment: str, count: int | None, estimated: int | None) -> AudienceCount | None:
    if count is None or segment not in _SEGMENTS:
        return None
    return AudienceCount(Audience(segment), count, bool(estimated))


def _row(row: tuple[Any, ...]) -> SessionRow:
    sid, kind, day, place, title, status, people, estimated, learner = row
    return SessionRow(
        sid, kind, date.fromisoformat(day), place, title, status, people, estimated > 0, learner
    )


def _json_reason(exc: json.JSONDecodeError) -> str:
    reasons = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": "nom de champ entre guillemets "
        "attendu",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendus",
        "Unterminated string starting at": "texte non terminé",
        "Extra data": "données en trop après la fin",
        "Invalid control character at": "caractère de contrôle interdit",
    }
    return reasons.get(exc.msg, exc.msg)
