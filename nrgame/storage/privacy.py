"""Personal data in the store: forget a learner, purge the detail older than a retention period.

What identifies a person here is a learner's alias (self-training), a facilitator's name and
team names typed in by hand. Forgetting an alias replaces it, wherever it appears, with a
random token known nowhere else: the counted indicators (people reached, people certified)
still count that person once, but nothing leads back to them. Purging keeps what the REEN
indicators count (sessions, their kind and date, audience counts, partners, certifications)
and deletes the rest: answers and their corrections, room and board details, corrections of
the audience, names.

A forgotten learner leaves one row in `forgotten`: the new token, a random salt, the SHA-256
digest of the salt and the alias (tidied, in lower case), and the moment. An import checks
what it brings against these rows, so that an export made before the forget cannot bring the
alias back (storage/records.py). Nothing else would let it check: the alias is gone from the
base, by design. The digest cannot be read back; it only tells someone who already knows an
alias, and holds the base, that it was forgotten here.

Deleted content is overwritten (SQLite: PRAGMA secure_delete) and the store is asked to
scrub what it keeps beside its tables (SQLite: the write-ahead log), so that the old values
do not linger in the files.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nrgame.storage.db import Connection
from nrgame.storage.reports import session_facts
from nrgame.storage.store import Store

ANONYMOUS = "anonyme-"
"""Prefix of the token that replaces a forgotten alias."""

DETAIL_TABLES = (
    "answers",
    "answer_history",
    "phone_answers",
    "room_questions",
    "board_turns",
    "audience_history",
)
"""What a purge deletes of an old session (the derived `attempts` follow their answers)."""


class PrivacyError(Exception):
    """A request that cannot be carried out, said in French."""


@dataclass(frozen=True)
class Forgotten:
    alias: str
    sessions: int
    certifications: int
    reviews: int
    scrubbed: bool
    """False if another program kept the base open: old values may remain in its log until
    the base is next written with nobody reading it."""


@dataclass(frozen=True)
class Purged:
    cutoff: date
    sessions: int
    """Sessions started before the cutoff, kept with their counts, stripped of their detail."""
    answers: int
    learners: int
    """Aliases not seen since the cutoff, forgotten."""
    scrubbed: bool


def forget_learner(store: Store, alias: str) -> Forgotten:
    """Forget a learner: their review cards go, and their alias, on their sessions and
    certifications, becomes a token that leads nowhere. Raises PrivacyError if unknown."""
    found = _aliases_like(store, alias)
    if not found:
        raise PrivacyError(f"aucun apprenant « {alias} » dans la base {store.path}")
    with store.transaction() as conn:
        counts = _forget(conn, found)
    return Forgotten(found[0], *counts, store.scrub())


def purge(store: Store, months: int, today: date) -> Purged:
    """Delete the detail of sessions started more than `months` months before `today`, and
    forget the aliases not seen since then."""
    if months < 1:
        raise PrivacyError("la durée de conservation se compte en mois : 1 au moins")
    cutoff = months_before(today, months)
    start = cutoff.isoformat()
    with store.transaction() as conn:
        (sessions,) = conn.execute(
            "SELECT COUNT(*) FROM sessions WHERE started_at < ?", (start,)
        ).fetchone()
        (answers,) = conn.execute(
            "SELECT COUNT(*) FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE s.started_at < ?",
            (start,),
        ).fetchone()
        # What was played decides whether a session counts: keep it before its detail goes.
        for fact in session_facts(conn, "s.started_at < ? AND s.played_kept IS NULL", (start,), {}):
            conn.execute("UPDATE sessions SET played_kept = ? WHERE id = ?", (fact.played, fact.id))
        for table in DETAIL_TABLES:
            conn.execute(
                f"DELETE FROM {table} WHERE session_id IN "
                "(SELECT id FROM sessions WHERE started_at < ?)",
                (start,),
            )
        old = conn.execute("SELECT id, meta FROM sessions WHERE started_at < ?", (start,))
        for sid, meta in old.fetchall():
            conn.execute(
                "UPDATE sessions SET facilitator = '', meta = ? WHERE id = ?",
                (json.dumps(_unnamed(json.loads(meta)), ensure_ascii=False), sid),
            )
        active = {
            normal_alias(alias)
            for (alias,) in conn.execute(
                "SELECT alias FROM learners WHERE last_seen >= ? UNION "
                "SELECT learner FROM sessions WHERE started_at >= ? AND learner IS NOT NULL",
                (start, start),
            )
        }
        stale: dict[str, list[str]] = {}
        for alias in sorted(_all_aliases(conn)):
            if normal_alias(alias) not in active:
                stale.setdefault(normal_alias(alias), []).append(alias)
        for spellings in stale.values():
            _forget(conn, spellings)
    return Purged(cutoff, int(sessions), int(answers), len(stale), store.scrub())


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of the month if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def backup_copies(store: Store) -> list[Path]:
    """The copies made before schema migrations: they hold the data as it was then."""
    if not isinstance(store.path, Path):
        return []
    return sorted(store.path.parent.glob(f"{store.path.name}.avant-schema-*"))


def _forget(conn: Connection, aliases: list[str]) -> tuple[int, int, int]:
    """Replace these spellings of one alias by a single new token; delete their reviews."""
    token = ANONYMOUS + uuid.uuid4().hex[:12]
    salt = secrets.token_hex(16)
    conn.execute(
        "INSERT INTO forgotten (token, salt, digest, forgotten_at) VALUES (?, ?, ?, ?)",
        (token, salt, _digest(salt, aliases[0]), datetime.now().isoformat()),
    )
    sessions = certifications = reviews = 0
    for alias in aliases:
        sessions += conn.execute(
            "UPDATE sessions SET learner = ? WHERE learner = ?", (token, alias)
        ).rowcount
        certifications += conn.execute(
            "UPDATE certifications SET learner = ? WHERE learner = ?", (token, alias)
        ).rowcount
        reviews += conn.execute("DELETE FROM review_cards WHERE learner = ?", (alias,)).rowcount
        conn.execute("DELETE FROM learners WHERE alias = ?", (alias,))
    return sessions, certifications, reviews


class ForgetMarks:
    """The forgets recorded in a base, read once, for an import to check what it brings."""

    def __init__(self, conn: Connection) -> None:
        self._rows: list[tuple[str, str, str, str]] = conn.execute(
            "SELECT token, salt, digest, forgotten_at FROM forgotten ORDER BY forgotten_at"
        ).fetchall()
        self._found: dict[str, list[tuple[datetime, str]]] = {}

    def token(self, alias: str, moment: datetime) -> str | None:
        """The token that replaced this alias if it was forgotten here after `moment` (what
        was recorded before the forget); None if it was not. An alias taken again after a
        forget belongs to someone new: what they record afterwards is theirs."""
        key = normal_alias(alias)
        if key not in self._found:
            self._found[key] = [
                (datetime.fromisoformat(at), token)
                for token, salt, digest, at in self._rows
                if _digest(salt, key) == digest
            ]
        return next((token for at, token in self._found[key] if at > moment), None)


def _digest(salt: str, alias: str) -> str:
    return hashlib.sha256((salt + normal_alias(alias)).encode("utf-8")).hexdigest()


def _all_aliases(conn: Connection) -> set[str]:
    rows = conn.execute(
        "SELECT alias FROM learners UNION SELECT learner FROM sessions "
        "UNION SELECT learner FROM certifications"
    )
    return {alias for (alias,) in rows if alias and not alias.startswith(ANONYMOUS)}


def _aliases_like(store: Store, alias: str) -> list[str]:
    with store.transaction() as conn:
        return _aliases_like_in(conn, alias)


def _aliases_like_in(conn: Connection, alias: str) -> list[str]:
    """Every spelling of an alias in the base, whatever its case or spacing (a base may hold
    sessions imported from another laptop, where the learner was typed differently)."""
    wanted = normal_alias(alias)
    return sorted(found for found in _all_aliases(conn) if normal_alias(found) == wanted)


def normal_alias(alias: str) -> str:
    """An alias as compared: case and spacing do not count."""
    return " ".join(alias.split()).casefold()


def _unnamed(meta: dict[str, Any]) -> dict[str, Any]:
    """Team names typed in by hand become « Équipe 1 », « Équipe 2 »…"""
    meta = dict(meta)
    if isinstance(meta.get("teams"), list):
        meta["teams"] = _numbered(meta["teams"])
    room = meta.get("room")
    if isinstance(room, dict) and isinstance(room.get("teams"), list):
        meta["room"] = {**room, "teams": _numbered(room["teams"])}
    return meta


def _numbered(names: Iterable[object]) -> list[str]:
    return [f"Équipe {number}" for number, _ in enumerate(names, start=1)]
