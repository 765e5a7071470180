"""What an export file of records may hold, checked field by field before anything of it is
imported (storage/exchange.py), with each fault said in French: file, entry and field.

Version 1 files hold sessions only; version 2 adds the self-training learners and their
review cards.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fsrs import State

from nrgame.storage.tables import LEARNERS, REVIEW_CARDS, SESSION_ROWS, SESSIONS
from nrgame.storage.training import AliasError, check_alias

EXPORT_FORMAT = "nrgame-records"
EXPORT_VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Version 1: sessions only. Version 2: sessions, learners and their review cards."""

CARD_FIELDS = tuple(c for c in REVIEW_CARDS.columns if c != "learner")
"""A card's fields in a file: its learner is the entry it belongs to."""

_ROW_COLUMNS = {table.name: list(table.columns) for table in SESSION_ROWS}


class RecordsFileError(Exception):
    """An export file that cannot be imported, said in French."""


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


def check_learner(
    entry: Any, number: int, source: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A learner of the file and their cards, checked field by field."""
    where = f"{source}, apprenant n° {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("learner"), dict):
        raise RecordsFileError(f"{where} : un objet avec un champ « learner » est attendu")
    learner = entry["learner"]
    _known_fields(learner, list(LEARNERS.columns), where)
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
        _known_fields(card, list(CARD_FIELDS), place)
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
    return learner, [{name: card.get(name) for name in CARD_FIELDS} for card in cards]


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


def check_session(
    entry: Any, number: int, source: str
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
    _known_fields(session, list(SESSIONS.columns), f"{where}, « session »")
    rows = entry.get("rows", {})
    if not isinstance(rows, dict):
        raise RecordsFileError(f"{where}, champ « rows » : un objet est attendu")
    for table, table_rows in rows.items():
        if table not in _ROW_COLUMNS:
            raise RecordsFileError(
                f"{where}, champ « rows.{table} » : table inconnue de cette version de nrgame"
            )
        if not isinstance(table_rows, list):
            raise RecordsFileError(f"{where}, champ « rows.{table} » : une liste est attendue")
        for index, row in enumerate(table_rows, start=1):
            place = f"{where}, « rows.{table} » n° {index}"
            if not isinstance(row, dict):
                raise RecordsFileError(f"{place} : un objet est attendu")
            _known_fields(row, _ROW_COLUMNS[table], place)
            if row.get("session_id", session["id"]) != session["id"]:
                raise RecordsFileError(f"{place}, champ « session_id » : autre séance")
    return session, rows


def _known_fields(row: dict[str, Any], columns: list[str], place: str) -> None:
    for name, value in row.items():
        if name not in columns:
            raise RecordsFileError(f"{place}, champ « {name} » inconnu de cette version de nrgame")
        if not (value is None or isinstance(value, str | int | float)):
            raise RecordsFileError(f"{place}, champ « {name} » : valeur simple attendue")


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
