"""Every table of the schema and its columns, named once: what export, import, deletion and
purge go over, whatever database holds them.

No module reads the list from the database itself (SQLite's PRAGMA, PostgreSQL's catalog):
tests/storage/test_tables.py fails when a migration adds a table or a column this list does
not mention, so that a new table is placed on purpose, exported or not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    """The columns an export carries and an import compares, in schema order."""
    local: tuple[str, ...] = ()
    """Columns the base numbers by itself: they mean nothing in another base."""


SESSIONS = Table(
    "sessions",
    (
        "id",
        "kind",
        "deck_id",
        "deck_title",
        "content_version",
        "question_ids",
        "started_at",
        "finished_at",
        "status",
        "meta",
        "day",
        "place",
        "facilitator",
        "learner",
        "linked_to",
        "script",
        "played_kept",
    ),
)

SESSION_ROWS: tuple[Table, ...] = (
    Table(
        "answer_history",
        (
            "session_id",
            "position",
            "team",
            "changed_at",
            "response_before",
            "score_before",
            "response_after",
            "score_after",
            "reason",
        ),
        local=("id",),
    ),
    Table(
        "answers",
        (
            "session_id",
            "position",
            "team",
            "question_id",
            "response",
            "score",
            "answered_at",
            "elapsed",
        ),
    ),
    Table("audience", ("session_id", "segment", "count", "estimated")),
    Table(
        "audience_history",
        (
            "id",
            "session_id",
            "changed_at",
            "segment",
            "count_before",
            "estimated_before",
            "count_after",
            "estimated_after",
            "reason",
        ),
    ),
    Table(
        "board_turns",
        ("session_id", "turn", "team", "cards", "score", "state", "confirmed_at"),
    ),
    Table(
        "certifications",
        (
            "id",
            "session_id",
            "learner",
            "deck_id",
            "score",
            "max_score",
            "content_version",
            "issued_at",
        ),
    ),
    Table("partners", ("session_id", "name", "kind")),
    Table("phone_answers", ("session_id", "position", "token", "team", "response", "answered_at")),
    Table("room_questions", ("session_id", "position", "state", "at")),
)
"""Tables whose rows belong to a session (its `session_id`): they travel and go with it."""

LEARNERS = Table(
    "learners", ("alias", "created_at", "last_seen", "axes", "themes", "minutes", "new_per_day")
)

REVIEW_CARDS = Table(
    "review_cards",
    ("learner", "question_id", "state", "step", "stability", "difficulty", "due", "last_review"),
)

KEPT_HERE: tuple[Table, ...] = (
    Table("attempts", ("session_id", "team", "answered", "total")),
    Table("forgotten", ("token", "salt", "digest", "forgotten_at")),
    Table("schema_version", ("version",)),
)
"""Never exported: `attempts` is derived from the answers by the base itself, `forgotten`
protects this base's forgets (an import checks against it), `schema_version` describes the
base."""

TABLES: tuple[Table, ...] = (SESSIONS, *SESSION_ROWS, LEARNERS, REVIEW_CARDS, *KEPT_HERE)
