"""The schema, one migration per version, and the `schema_version` table that says which.

Each migration is a list of steps run in one transaction. A step is one statement written
once for every dialect, with `{real}`, `{key_only}` and `{row_number}` standing for what
differs (storage/db.py's `Dialect`), or a mapping from dialect name to its own statements
where the two cannot share one (triggers, JSON). SQLite renders every shared step as the
text it shipped with. Append, never edit a shipped entry.

A base written before the `schema_version` table (nrgame kept its version in SQLite's
PRAGMA user_version) gets the table on opening, with that version; SQLite's user_version
is still written, so that an older nrgame refuses a base this one moved on.
"""

from __future__ import annotations

from collections.abc import Mapping

from nrgame.storage.db import Connection, Dialect

Step = str | Mapping[str, tuple[str, ...]]

_ATTEMPTS_OF = """
        DELETE FROM attempts WHERE session_id = {row}.session_id AND team = {row}.team;
        INSERT INTO attempts
            SELECT session_id, team, COUNT(*), SUM(score) FROM answers
            WHERE session_id = {row}.session_id AND team = {row}.team GROUP BY session_id, team;"""

MIGRATIONS: list[tuple[Step, ...]] = [
    (
        """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        deck_id TEXT,
        deck_title TEXT,
        content_version TEXT,
        question_ids TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        meta TEXT NOT NULL
    )""",
        "CREATE INDEX sessions_started ON sessions (started_at)",
        """
    CREATE TABLE answers (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        team TEXT NOT NULL,
        question_id TEXT NOT NULL,
        response TEXT,
        score {real} NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (session_id, position, team)
    )""",
    ),
    (
        "ALTER TABLE sessions ADD COLUMN day TEXT",
        "ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN facilitator TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN learner TEXT",
        "ALTER TABLE sessions ADD COLUMN linked_to TEXT",
        """
    CREATE TABLE audience (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        count INTEGER NOT NULL,
        estimated INTEGER NOT NULL,
        PRIMARY KEY (session_id, segment)
    )""",
        """
    CREATE TABLE partners (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (session_id, name)
    )""",
        """
    CREATE TABLE certifications (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        learner TEXT,
        deck_id TEXT NOT NULL,
        score {real} NOT NULL,
        max_score {real} NOT NULL,
        content_version TEXT NOT NULL,
        issued_at TEXT NOT NULL
    )""",
    ),
    (
        """
    CREATE TABLE board_turns (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        turn INTEGER NOT NULL,
        team INTEGER NOT NULL,
        cards TEXT NOT NULL,
        score {real} NOT NULL,
        state TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        PRIMARY KEY (session_id, turn, team)
    )""",
    ),
    (
        """
    CREATE TABLE learners (
        alias TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        axes TEXT NOT NULL,
        themes TEXT NOT NULL,
        minutes INTEGER NOT NULL
    )""",
        """
    CREATE TABLE review_cards (
        learner TEXT NOT NULL REFERENCES learners (alias) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability {real},
        difficulty {real},
        due TEXT NOT NULL,
        last_review TEXT,
        PRIMARY KEY (learner, question_id)
    )""",
    ),
    (
        "CREATE INDEX answers_attempt ON answers (session_id, team, score)",
        "CREATE INDEX answers_item ON answers (question_id, response, session_id, team, score)",
        """
    CREATE TABLE audience_history (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        changed_at TEXT NOT NULL,
        segment TEXT NOT NULL,
        count_before INTEGER,
        estimated_before INTEGER,
        count_after INTEGER,
        estimated_after INTEGER,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    ),
    (
        "ALTER TABLE answers ADD COLUMN elapsed {real}",
        """
    CREATE TABLE room_questions (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        state TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    )""",
    ),
    # Each attempt's answer count and total score, kept by triggers whatever writes the answers
    # (quiz, room upsert, import, deletion). A total is summed again from its answers in the
    # order of index answers_attempt, as a GROUP BY over the answers sums it: the same to the bit.
    (
        """
    CREATE TABLE attempts (
        session_id TEXT NOT NULL,
        team TEXT NOT NULL,
        answered INTEGER NOT NULL,
        total {real} NOT NULL,
        PRIMARY KEY (session_id, team)
    ){key_only}""",
        """
    INSERT INTO attempts
        SELECT session_id, team, COUNT(*), SUM(score) FROM answers GROUP BY session_id, team""",
        {
            "sqlite": (
                "CREATE TRIGGER attempts_insert AFTER INSERT ON answers BEGIN"
                + _ATTEMPTS_OF.format(row="NEW")
                + "\n    END",
                "CREATE TRIGGER attempts_update AFTER UPDATE OF session_id, team, score ON answers "
                "BEGIN"
                + _ATTEMPTS_OF.format(row="OLD")
                + _ATTEMPTS_OF.format(row="NEW")
                + "\n    END",
                "CREATE TRIGGER attempts_delete AFTER DELETE ON answers BEGIN"
                + _ATTEMPTS_OF.format(row="OLD")
                + "\n    END",
            ),
            "postgresql": (
                "CREATE FUNCTION attempts_follow() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                "    BEGIN\n"
                "    IF TG_OP IN ('UPDATE', 'DELETE') THEN"
                + _ATTEMPTS_OF.format(row="OLD")
                + "\n    END IF;\n"
                "    IF TG_OP IN ('INSERT', 'UPDATE') THEN"
                + _ATTEMPTS_OF.format(row="NEW")
                + "\n    END IF;\n"
                "    RETURN NULL;\n"
                "    END $$",
                "CREATE TRIGGER attempts_follow AFTER INSERT OR DELETE "
                "OR UPDATE OF session_id, team, score ON answers "
                "FOR EACH ROW EXECUTE FUNCTION attempts_follow()",
            ),
        },
    ),
    # A scripted run (answer sheet, moves file) is known by a digest of what it plays, so
    # that running it again completes a cut-off run instead of counting it twice. Board
    # games name their scenario in deck_id, as quizzes name their deck. A purge deletes the
    # detail of old sessions but keeps in played_kept what was played, which the count needs.
    (
        "ALTER TABLE sessions ADD COLUMN script TEXT",
        "ALTER TABLE sessions ADD COLUMN played_kept INTEGER",
        "CREATE INDEX sessions_script ON sessions (script)",
        {
            "sqlite": (
                "UPDATE sessions SET deck_id = json_extract(meta, '$.scenario') "
                "WHERE kind = 'jeu-plateau' AND deck_id IS NULL",
            ),
            "postgresql": (
                "UPDATE sessions SET deck_id = meta::jsonb ->> 'scenario' "
                "WHERE kind = 'jeu-plateau' AND deck_id IS NULL",
            ),
        },
    ),
    # What `records forget` leaves so that an import cannot bring a forgotten learner back: a
    # salted digest of the alias, never the alias (storage/privacy.py).
    (
        """
    CREATE TABLE forgotten (
        token TEXT PRIMARY KEY,
        salt TEXT NOT NULL,
        digest TEXT NOT NULL,
        forgotten_at TEXT NOT NULL
    )""",
    ),
    # Answers and votes corrected after the reveal: each change kept, never overwritten.
    (
        """
    CREATE TABLE answer_history (
        id {row_number},
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        team TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        response_before TEXT,
        score_before {real} NOT NULL,
        response_after TEXT,
        score_after {real} NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
        "CREATE INDEX answer_history_session ON answer_history (session_id, position, team)",
    ),
    # Self-training: the learner's daily limit of new questions (core/training.py's default).
    ("ALTER TABLE learners ADD COLUMN new_per_day INTEGER NOT NULL DEFAULT 12",),
    # Answers from phones, one per (phone token, question): the team's answer in `answers` is
    # worked out from them (core/phones.py). The token is random and names nobody.
    (
        """
    CREATE TABLE phone_answers (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        token TEXT NOT NULL,
        team TEXT NOT NULL,
        response TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (session_id, position, token)
    )""",
    ),
]
"""Each entry moves the schema one version up. Append, never edit a shipped entry."""

SCHEMA_VERSION = len(MIGRATIONS)

_VERSION_TABLE = "CREATE TABLE schema_version (version INTEGER NOT NULL)"


def statements(migration: tuple[Step, ...], dialect: Dialect) -> list[str]:
    """A migration's statements as `dialect` runs them, in order."""
    found: list[str] = []
    for step in migration:
        if isinstance(step, str):
            found.append(
                step.format(
                    real=dialect.real, key_only=dialect.key_only, row_number=dialect.row_number
                )
            )
        else:
            found.extend(step[dialect.name])
    return found


def current_version(conn: Connection, dialect: Dialect) -> int:
    """The schema version of the base: 0 for a new one."""
    if _has_version_table(conn, dialect):
        return int(conn.execute("SELECT version FROM schema_version").fetchone()[0])
    if dialect.legacy_version is None:
        return 0
    return int(conn.execute(dialect.legacy_version).fetchone()[0])


def upgrade(conn: Connection, dialect: Dialect) -> None:
    """Bring the base to SCHEMA_VERSION, one transaction per migration.

    Each reads the version again under the write lock: another process opening the same
    base at the same moment waits for it, then finds its migration done. The caller has
    refused a newer base and copied an older one aside. A base already there is only read.
    """
    if _has_version_table(conn, dialect) and current_version(conn, dialect) >= SCHEMA_VERSION:
        return
    while True:
        for statement in dialect.begin_exclusive:
            conn.execute(statement)
        try:
            version = current_version(conn, dialect)
            if not _has_version_table(conn, dialect):
                conn.execute(_VERSION_TABLE)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            if version < SCHEMA_VERSION:
                for statement in statements(MIGRATIONS[version], dialect):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", (version + 1,))
                if dialect.version_mirror is not None:
                    conn.execute(dialect.version_mirror.format(version + 1))
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        if version + 1 >= SCHEMA_VERSION:
            return


def _has_version_table(conn: Connection, dialect: Dialect) -> bool:
    return conn.execute(dialect.table_exists, ("schema_version",)).fetchone() is not None
