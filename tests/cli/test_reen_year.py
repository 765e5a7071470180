"""A year of sessions of every kind, with every edge a REEN referent meets, counted by hand.

Each session is made the way a user makes it (the command line, the recording objects the
app's screens use); then every figure of every format of `nrgame report` is compared with the
count written here, and the list of sessions behind the figures is checked to add up to them.
The app's dashboard shows the same figures as the command line.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Digits

from nrgame.cli import main
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Audience
from nrgame.core.room_setup import AnswerMode, RoomConfig
from nrgame.core.scoring import Response
from nrgame.core.sessions import AudienceCount, SessionKind, SessionSetup
from nrgame.storage.records import correct_audience
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.dashboard import DashboardScreen
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.usecases.run_room import RecordedRoom
from nrgame.usecases.train import start_exam
from tests.cli.test_report_cli import read_csv_sections, read_ods_sheets
from tests.conftest import FixedClock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHEETS = FIXTURES / "sheets"
ROOM = RoomConfig(mode=AnswerMode.ROOM)
RIGHT: list[Response] = [2, frozenset({0, 2}), False, 11.0, (0, 1, 2), (0, 1, 2)]


def nrgame(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def cut_off(db: Path, session_id: str, table: str, column: str) -> None:
    """What a SIGKILL (or a full disk) leaves of a scripted run: its last step missing and
    the session still running. The kill tests prove every step confirmed before is there."""
    conn = sqlite3.connect(db)
    with conn:
        (last,) = conn.execute(
            f"SELECT MAX({column}) FROM {table} WHERE session_id = ?", (session_id,)
        ).fetchone()
        conn.execute(
            f"DELETE FROM {table} WHERE session_id = ? AND {column} = ?", (session_id, last)
        )
        if table == "room_questions":
            conn.execute(
                "DELETE FROM answers WHERE session_id = ? AND position = ?", (session_id, last)
            )
        conn.execute(
            "UPDATE sessions SET status = 'en_cours', finished_at = NULL WHERE id = ?",
            (session_id,),
        )
    conn.close()


def count_rows(db: Path, sql: str, *args: object) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql, args).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def catalog() -> Catalog:
    found = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    assert found.ok, found.errors
    return found


def build_year(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, catalog: Catalog
) -> dict[str, str]:
    ids: dict[str, str] = {}
    common = ("--db", str(db), "--content", str(FIXTURES / "content"), "--json")

    # A — a workshop played from the room's sheet: 12 agents counted, 3 élus estimated.
    a: tuple[str, ...] = ("quiz", "mini", "--answers", str(SHEETS / "salle.txt"), "--salle")
    a += ("--date", "2026-03-02", "--place", "Médiathèque")
    a += ("--audience", "agents=12,elus=3~", "--partner", "Repair café (association)")
    code, out, err = nrgame(capsys, *a, *common)
    assert code == 0, err
    ids["A"] = json.loads(out)["session"]
    # The same sheet again: refused, naming the session already recorded.
    code, out, err = nrgame(capsys, *a, *common)
    assert code == 2 and ids["A"] in err
    # Corrected afterwards: 14 agents were there, not 12 (the history is kept).
    store = SqliteStore(db)
    correct_audience(
        store,
        ids["A"],
        [AudienceCount(Audience.AGENTS, 14), AudienceCount(Audience.ELUS, 3, True)],
        datetime(2026, 3, 3),
        "feuille d'émargement",
    )
    store.close()

    # B — a launch committee by show of hands, cut off at its last question, run again.
    b: tuple[str, ...] = (
        "quiz",
        "mini",
        "--answers",
        str(SHEETS / "vote.txt"),
        "--vote",
        "--kind",
        "comite",
    )
    b += ("--date", "2026-03-20", "--audience", "elus=10,agents=10")
    b += ("--partner", " repair  café (association)")  # the same actor, typed otherwise
    code, out, err = nrgame(capsys, *b, *common)
    assert code == 0, err
    ids["B"] = json.loads(out)["session"]
    cut_off(db, ids["B"], "room_questions", "position")
    code, out, err = nrgame(capsys, *b, *common)
    assert code == 0, err
    assert json.loads(out)["session"] == ids["B"]  # completed, not doubled

    # C — a board game: 6 agents declared before the first turn; cut off, run again.
    moves = tmp_path / "coups.txt"
    moves.write_text("graine : 4\ntour 1 : diag atelier\ntour 2 : achat\n", encoding="utf-8")
    c: tuple[str, ...] = ("scenario", "play", "mini-plateau", "--moves", str(moves))
    c += ("--content", str(FIXTURES / "scenarios"), "--db", str(db), "--json")
    c += ("--date", "2026-04-07", "--place", "Salle du conseil", "--audience", "agents=6")
    code, out, err = nrgame(capsys, *c)
    assert code == 0, err
    ids["C"] = json.loads(out)["session"]
    cut_off(db, ids["C"], "board_turns", "turn")
    code, out, err = nrgame(capsys, *c)
    assert code == 0, err
    assert json.loads(out)["session"] == ids["C"]
    assert count_rows(db, "SELECT COUNT(DISTINCT turn) FROM board_turns") == 2

    store = SqliteStore(db)
    clock = FixedClock(datetime(2026, 4, 20, 9))
    # D — a room session ended before its first question: nothing played.
    setup = SessionSetup(
        SessionKind.ATELIER,
        clock().date(),
        "Mairie annexe",
        "",
        [AudienceCount(Audience.CITOYENS, 25)],
    )
    empty = RecordedRoom.start(store, catalog, "mini", clock, setup, ROOM)
    empty.end_now()
    ids["D"] = empty.session_id
    # E — a stand abandoned after two questions (« Abandonner » when offered to resume).
    stand = SessionSetup(
        SessionKind.STAND,
        clock().date(),
        "Marché",
        "",
        [AudienceCount(Audience.CITOYENS, 40, True)],
    )
    given_up = RecordedRoom.start(store, catalog, "mini", clock, stand, ROOM)
    for response in RIGHT[:2]:
        given_up.enter("", response)
        given_up.reveal()
        given_up.room.advance()
    given_up.abandon()
    ids["E"] = given_up.session_id

    # F — self-training: hibou on two days, renard once and certified, loutre opens and leaves.
    for alias, day in (("hibou", 5), ("hibou", 12), ("renard", 20), ("loutre", 21)):
        at = FixedClock(datetime(2026, 5, day, 12))
        learner = add_learner(store, alias, at()) if day != 12 else None
        found = learner or next(x for x in _learners(store) if x.alias == alias)
        exam = start_exam(store, catalog, found, "mini", at)
        ids[f"{alias}-{day}"] = exam.session_id
        answers = {"hibou": RIGHT[:3], "renard": RIGHT, "loutre": []}[alias]
        for response in answers:
            exam.answer(response)
            exam.quiz.advance()
        if alias == "renard":
            exam.finish()
    store.close()

    # G — a solo quiz from a paper sheet, no audience: counts in nothing.
    solo = tmp_path / "solo.txt"
    solo.write_text("1. C\n2. A,C\n3. F\n4. 11\n5. ABC\n6. ABC\n", encoding="utf-8")
    code, out, err = nrgame(capsys, "quiz", "mini", "--answers", str(solo), *common)
    assert code == 0, err
    ids["G"] = json.loads(out)["session"]

    # H — a workshop held on another laptop, its export imported twice.
    other = tmp_path / "autre.sqlite3"
    h: tuple[str, ...] = (
        "quiz",
        "mini",
        "--answers",
        str(SHEETS / "salle.txt"),
        "--salle",
        "--date",
        "2026-06-02",
    )
    h += ("--audience", "citoyens=20~", "--partner", "Médiathèque Jules-Verne (bibliothèque)")
    code, out, err = nrgame(
        capsys, *h, "--db", str(other), "--content", str(FIXTURES / "content"), "--json"
    )
    assert code == 0, err
    ids["H"] = json.loads(out)["session"]
    export = tmp_path / "autre.json"
    assert nrgame(capsys, "records", "export", str(export), "--db", str(other))[0] == 0
    for _ in range(2):
        assert nrgame(capsys, "records", "import", str(export), "--db", str(db))[0] == 0
    return ids


def _learners(store: SqliteStore) -> list[Any]:
    from nrgame.storage.training import learners

    return learners(store)


# The hand count.
#   Actions: A (atelier, March), B (comité, March), C (jeu de plateau, April), H (atelier, June).
#   D nothing played, E abandoned, G solo quiz; hibou, renard: self-training, apart; loutre
#   answered nothing.
#   People: A 14 agents + 3 élus estimated; B 10 élus + 10 agents; C 6 agents; H 20 citoyens
#   estimated; learners hibou and renard. Counted 14 + 10 + 10 + 6 = 40; estimated 3 + 20 = 23;
#   learners 2; total 65. Agents 30, élus 13, citoyens 20, learners 2: 65.
#   By month: March 14 + 3 + 20 = 37, April 6, May 2 (hibou, renard), June 20: 65.
#   Actors: Repair café (twice, one actor), Médiathèque Jules-Verne: 2 distinct, 3 participations.
#   Certified: renard, 1 attestation.
EXPECTED_PEOPLE = {"agents": 30, "elus": 13, "citoyens": 20, "autoformation": 2}


def test_a_year_of_every_kind_is_counted_as_by_hand_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalog: Catalog
) -> None:
    db = tmp_path / "annee.sqlite3"
    ids = build_year(capsys, db, tmp_path, catalog)
    base: tuple[str, ...] = ("report", "--db", str(db), "--content", str(FIXTURES / "content"))
    base += ("--content", str(FIXTURES / "scenarios"), "--from", "2026-01-01", "--to", "2026-12-31")
    code, out, err = nrgame(capsys, *base, "--format", "json")
    assert code == 0, err
    got = json.loads(out)

    assert got["actions"]["total"] == 4
    assert sorted(got["actions"]["sessions"]) == sorted(ids[k] for k in "ABCH")
    assert got["actions"]["by_kind"] == {"atelier": 2, "comite": 1, "jeu-plateau": 1}
    assert got["actions"]["by_month"] == {"2026-03": 2, "2026-04": 1, "2026-05": 0, "2026-06": 1}
    people = got["people"]
    assert (people["counted"], people["estimated"], people["total"]) == (40, 23, 65)
    assert people["learners"] == {"attendances": 3, "distinct": 2}
    assert {k: v["total"] for k, v in people["by_segment"].items()} == EXPECTED_PEOPLE
    assert people["by_month"] == {"2026-03": 37, "2026-04": 6, "2026-05": 2, "2026-06": 20}
    assert got["actors"]["distinct"] == 2 and got["actors"]["participations"] == 3
    assert (got["certified"]["people"], got["certified"]["attestations"]) == (1, 1)
    assert [c["learner"] for c in got["certified"]["issued"]] == ["renard"]
    assert got["coverage"]["scenarios"] == {
        "mini-plateau": {"title": catalog.scenarios["mini-plateau"].title, "sessions": 1}
    }
    reasons = {e["session"]: e["reason"] for e in got["excluded"]}
    assert reasons == {
        ids["D"]: "rien de joué (aucune question révélée, aucune réponse, aucun tour)",
        ids["E"]: "abandonnée",
        ids["G"]: "quiz individuel, sans public déclaré",
        ids["loutre-21"]: "rien de joué (aucune question révélée, aucune réponse, aucun tour)",
    }
    # The list behind the figures: one line per action and per learner, adding up.
    ledger = got["ledger"]
    assert len([x for x in ledger if x["learner"] is None]) == got["actions"]["total"]
    assert sum(x["total"] for x in ledger) == people["total"]
    hibou = next(x for x in ledger if x["learner"] == "hibou")
    assert hibou["sessions"] == [ids["hibou-5"], ids["hibou-12"]]

    # The Markdown says the same.
    code, md, _ = nrgame(capsys, *base)
    assert (
        "- **4 actions** menées (atelier : 2, comité de lancement : 1, jeu de plateau : 1)." in md
    )
    assert "**65 personnes touchées** : 40 comptées, 23 estimées, 2 en autoformation." in md
    assert "- Autoformation : 2 apprenants pour 3 séances, comptées à part des actions." in md
    assert "Total des lignes : 4 actions, 2 apprenants, 65 personnes" in md
    assert "| Apprenants en autoformation | 2 | 0 | 2 |" in md

    # The CSV: every table, the session list summing to the total.
    csv_file = tmp_path / "bilan.csv"
    assert nrgame(capsys, *base, "--format", "csv", "--out", str(csv_file))[0] == 0
    sections = read_csv_sections(csv_file.read_bytes())
    summary = {row[0]: row[1] for row in sections["Synthèse"][1:]}
    assert summary["Actions menées"] == "4" and summary["Personnes touchées (total)"] == "65"
    publics = {row[0]: int(row[3]) for row in sections["Personnes touchées, par public"][1:]}
    assert sum(publics.values()) == 65
    lines = next(v for k, v in sections.items() if k.startswith("Séances comptées"))
    header, rows = lines[0], lines[1:]
    assert sum(int(r[header.index("Total")]) for r in rows) == 65
    for segment, label in (("agents", "Agents"), ("elus", "Élus"), ("citoyens", "Citoyens")):
        assert sum(int(r[header.index(label)]) for r in rows) == EXPECTED_PEOPLE[segment]

    # The ODS: the same sheets, real numbers.
    ods_file = tmp_path / "bilan.ods"
    assert nrgame(capsys, *base, "--format", "ods", "--out", str(ods_file))[0] == 0
    sheets = read_ods_sheets(ods_file.read_bytes())
    values = {row[0]: row[1] for row in sheets["Synthèse"][1:]}
    assert values["Actions menées"] == 4 and values["Personnes touchées (total)"] == 65
    seances = sheets["Séances"]
    assert sum(float(r[seances[0].index("Total")] or 0) for r in seances[1:]) == 65
    months = {row[0]: row[2] for row in sheets["Actions par mois"][1:]}
    assert sum(float(v or 0) for v in months.values()) == 65


def test_the_app_shows_the_figures_the_command_line_gives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalog: Catalog
) -> None:
    db = tmp_path / "annee.sqlite3"
    build_year(capsys, db, tmp_path, catalog)
    code, out, err = nrgame(
        capsys,
        "report",
        "--db",
        str(db),
        "--content",
        str(FIXTURES / "content"),
        "--format",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)
    store = SqliteStore(db)

    async def run() -> dict[str, str]:
        app = NrgameApp(catalog, store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            if isinstance(app.screen, ResumeDialog):  # a self-training sitting left open
                await pilot.press("escape")  # « Plus tard »
                await pilot.pause()
            await pilot.press("i")  # « Indicateurs », from the home screen
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            return {
                key: screen.query_one(f"#figure-{key}", Digits).value
                for key in ("actions", "people", "actors", "certified")
            }

    import asyncio

    shown = asyncio.run(run())
    store.close()
    assert shown == {
        "actions": str(got["actions"]["total"]),
        "people": str(got["people"]["total"]),
        "actors": str(got["actors"]["distinct"]),
        "certified": str(got["certified"]["people"]),
    }
    assert shown == {"actions": "4", "people": "65", "actors": "2", "certified": "1"}
