"""The annual report and the records export/import, run through `nrgame` as a user would."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.records import correct_audience
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.open_store import Store, open_store
from nrgame.usecases.play_quiz import RecordedQuiz
from tests.pgbases import Bases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"

RIGHT = [2, frozenset({0, 2}), False, 11.0, (0, 1, 2), (0, 1, 2)]
"""Right answers to the mini deck: choice, multi, truefalse, estimate, order, match."""


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1)

    def at(self, when: datetime) -> Clock:
        self.now = when
        return self

    def __call__(self) -> datetime:
        return self.now


def play(
    store: Store,
    catalog: Catalog,
    clock: Clock,
    when: datetime,
    responses: list[Any],
    kind: SessionKind = SessionKind.QUIZ,
    finish: bool = True,
) -> str:
    played = RecordedQuiz.start(store, catalog, "mini", clock.at(when), kind=kind)
    for response in responses:
        played.answer(response)
        played.quiz.advance()
    if finish:
        played.finish()
    else:
        played.abandon()
    return played.session_id


def set_learner(store: Store, sid: str, learner: str) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE sessions SET learner = ? WHERE id = ?", (learner, sid))


def certify(store: Store, sid: str, learner: str | None, issued: str, number: int) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO certifications VALUES (?, ?, ?, 'mini', 5, 6, 'v', ?)",
            (f"00000000-0000-4000-8000-{number:012d}", sid, learner, issued),
        )


def build_year(store: Store, catalog: Catalog) -> dict[str, str]:
    """Sessions of every kind, counted by hand in the test below."""
    clock = Clock()
    ids: dict[str, str] = {}
    # S1, workshop, 2 March 2026: choice wrong (0), multi half (0.5), truefalse wrong (0),
    # estimate right (1), order skipped (0), match right (1): 2.5 / 6.
    ids["s1"] = play(
        store,
        catalog,
        clock,
        datetime(2026, 3, 2, 9),
        [0, frozenset({0}), True, 11.0, None, (0, 1, 2)],
    )
    store.save_setup(
        ids["s1"],
        SessionSetup(
            SessionKind.ATELIER,
            date(2026, 3, 2),
            "Médiathèque",
            "Camille",
            [AudienceCount(Audience.AGENTS, 12), AudienceCount(Audience.ELUS, 3, True)],
            [
                Partner("Repair café du quartier", "association"),
                Partner("Médiathèque Jules-Verne", "bibliothèque"),
            ],
        ),
    )
    # S2, launch committee, 20 March: all right (6 / 6), linked to S1 as its "after".
    ids["s2"] = play(store, catalog, clock, datetime(2026, 3, 20, 14), RIGHT)
    store.save_setup(
        ids["s2"],
        SessionSetup(
            SessionKind.COMITE,
            date(2026, 3, 20),
            "Hôtel de ville",
            "",
            [AudienceCount(Audience.ELUS, 8), AudienceCount(Audience.AGENTS, 5)],
            [Partner("repair café du Quartier ", "association")],
        ),
    )
    with store.transaction() as conn:
        conn.execute("UPDATE sessions SET linked_to = ? WHERE id = ?", (ids["s1"], ids["s2"]))
    # S3, board game, 7 April: no questions; one scenario.
    ids["s3"] = store.start_session(
        kind=SessionKind.JEU_PLATEAU.value,
        question_ids=[],
        started_at=datetime(2026, 4, 7, 10),
        deck_id="agglo-80k",
        deck_title="Agglomération de 80 000 habitants",
    )
    store.save_setup(
        ids["s3"],
        SessionSetup(
            SessionKind.JEU_PLATEAU,
            date(2026, 4, 7),
            "Salle du conseil",
            "",
            [AudienceCount(Audience.AGENTS, 6)],
            [Partner("Conseil de développement", "instance citoyenne")],
        ),
    )
    with store.transaction() as conn:  # one turn confirmed: the game was played
        conn.execute(
            "INSERT INTO board_turns VALUES (?, 1, 0, '[]', 0, '{}', '2026-04-07T10:20:00')",
            (ids["s3"],),
        )
    store.finish_session(ids["s3"], datetime(2026, 4, 7, 11))
    # S4–S6, self-training without a declared audience: hibou twice, renard once.
    # S4 (15 April): choice right, multi {0,2,3} = (2 − 1) / 2 = 0.5, truefalse right.
    ids["s4"] = play(
        store,
        catalog,
        clock,
        datetime(2026, 4, 15, 12),
        [2, frozenset({0, 2, 3}), False],
        SessionKind.AUTOFORMATION,
    )
    # S5 (3 May): choice wrong, multi right, truefalse right, estimate 33 (3× too big: 0.26),
    # order reversed (0), match one pair right out of three.
    ids["s5"] = play(
        store,
        catalog,
        clock,
        datetime(2026, 5, 3, 12),
        [1, frozenset({0, 2}), False, 33.0, (2, 1, 0), (1, 0, 2)],
        SessionKind.AUTOFORMATION,
    )
    ids["s6"] = play(
        store, catalog, clock, datetime(2026, 5, 4, 12), RIGHT, SessionKind.AUTOFORMATION
    )
    set_learner(store, ids["s4"], "hibou")
    set_learner(store, ids["s5"], "hibou")
    set_learner(store, ids["s6"], "renard")
    certify(store, ids["s5"], "hibou", "2026-05-03T12:10:00", 1)
    certify(store, ids["s6"], "renard", "2026-05-04T12:10:00", 2)
    certify(store, ids["s6"], None, "2026-06-01T09:00:00", 3)
    # S7, a conference in 2025: outside the 2026 review.
    ids["s7"] = play(
        store, catalog, clock, datetime(2025, 11, 20, 18), RIGHT[:2], SessionKind.CONFERENCE
    )
    store.save_setup(
        ids["s7"],
        SessionSetup(
            SessionKind.CONFERENCE,
            date(2025, 11, 20),
            "Lycée",
            "",
            [AudienceCount(Audience.SCOLAIRES, 40, True)],
        ),
    )
    store.finish_session(ids["s7"], datetime(2025, 11, 20, 20))
    certify(store, ids["s7"], None, "2025-11-20T20:00:00", 4)
    # S8, a stand abandoned in June 2026: not an action held.
    ids["s8"] = play(
        store, catalog, clock, datetime(2026, 6, 10, 10), [2], SessionKind.STAND, finish=False
    )
    store.save_setup(
        ids["s8"],
        SessionSetup(
            SessionKind.STAND,
            date(2026, 6, 10),
            "Marché",
            "",
            [AudienceCount(Audience.CITOYENS, 30)],
        ),
    )
    return ids


@pytest.fixture
def content() -> Path:
    """The test questions, added to the bundled library with --content."""
    return FIXTURES


@pytest.fixture
def year(bases: Bases, mini_catalog: Catalog) -> tuple[Path | str, dict[str, str]]:
    """The year's sessions, on SQLite and on PostgreSQL (tests/pgbases.py)."""
    base = bases.new()
    store = open_store(base)
    ids = build_year(store, mini_catalog)
    store.close()
    return base, ids


def nrgame(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report_json(
    capsys: pytest.CaptureFixture[str], db: Path | str, content: Path, *extra: str
) -> Any:
    code, out, err = nrgame(
        capsys, "report", "--db", str(db), "--content", str(content), "--format", "json", *extra
    )
    assert code == 0, err
    return json.loads(out)


def test_the_report_gives_the_hand_count(
    capsys: pytest.CaptureFixture[str], year: tuple[Path | str, dict[str, str]], content: Path
) -> None:
    db, ids = year
    got = report_json(capsys, db, content, "--from", "2026-01-01", "--to", "2026-12-31")
    assert got["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    # S1–S3; S4–S6 are self-training sittings (counted apart), S7 is in 2025, S8 was
    # abandoned.
    assert got["actions"]["total"] == 3
    assert got["actions"]["sessions"] == [ids["s1"], ids["s2"], ids["s3"]]
    assert got["actions"]["by_kind"] == {"atelier": 1, "comite": 1, "jeu-plateau": 1}
    assert got["actions"]["by_month"] == {"2026-03": 2, "2026-04": 1}
    people = got["people"]
    # Counted: 12 + 8 + 5 + 6 = 31 ; estimated: 3 ; learners: hibou, renard.
    assert (people["counted"], people["estimated"]) == (31, 3)
    assert people["learners"] == {"attendances": 3, "distinct": 2}
    assert people["total"] == 36
    assert people["by_segment"] == {
        "agents": {
            "counted": 23,
            "estimated": 0,
            "total": 23,
            "sessions": [ids["s1"], ids["s2"], ids["s3"]],
        },
        "elus": {"counted": 8, "estimated": 3, "total": 11, "sessions": [ids["s1"], ids["s2"]]},
        "autoformation": {
            "counted": 2,
            "estimated": 0,
            "total": 2,
            "sessions": [ids["s4"], ids["s5"], ids["s6"]],
        },
    }
    # Every breakdown adds up to the total, and so does the list of sessions behind it.
    assert sum(r["total"] for r in people["by_segment"].values()) == people["total"]
    assert sum(people["by_month"].values()) == people["total"]
    assert sum(line["total"] for line in got["ledger"]) == people["total"]
    assert {e["session"]: e["reason"] for e in got["excluded"]} == {ids["s8"]: "abandonnée"}
    # The repair café is one actor however typed.
    assert got["actors"] == {
        "distinct": 3,
        "participations": 4,
        "by_kind": {"association": 1, "bibliothèque": 1, "instance citoyenne": 1},
    }
    issued = got["certified"].pop("issued")
    assert got["certified"] == {"people": 3, "attestations": 3, "by_deck": {"mini": 3}}
    assert [(c["learner"], c["session"]) for c in issued] == [
        ("hibou", ids["s5"]),
        ("renard", ids["s6"]),
        (None, ids["s6"]),
    ]
    knowledge = got["knowledge"]
    assert [(p["before"], p["after"]) for p in knowledge["pairs"]] == [(ids["s1"], ids["s2"])]
    assert (knowledge["mean_before_pct"], knowledge["mean_after_pct"]) == (41.7, 100.0)
    # Answers: S1, S2, S5, S6 answered all six questions, S4 the first three.
    axes = {a["axis"]: (a["questions"], a["answers"]) for a in got["coverage"]["axes"]}
    assert axes == {2: (1, 5), 3: (1, 4), 4: (2, 9), 5: (2, 9)}
    assert got["coverage"]["scenarios"] == {
        "agglo-80k": {"title": "Agglomération de 80 000 habitants", "sessions": 1}
    }
    items = {i["question"]: i for i in got["items"]}
    # choice: S1 0, S2 1, S4 1, S5 0, S6 1 → 60 % ; options picked 0, 2, 2, 1, 2.
    assert items["t-choice"]["attempts"] == 5
    assert items["t-choice"]["facility_pct"] == 60.0
    assert [o["count"] for o in items["t-choice"]["options"]] == [1, 1, 3, 0, 0]
    # truefalse: S1 wrong, the four others right → 80 %.
    assert items["t-truefalse"]["facility_pct"] == 80.0
    # order: S1 skipped (0), S2 1, S5 0, S6 1 → 50 %.
    assert items["t-order"]["facility_pct"] == 50.0
    # multi: 0.5, 1, 0.5, 1, 1 → 80 % ; ticks: Smartphone 5, Antenne 0, Ordinateur 4, Câble 1.
    assert items["t-multi"]["facility_pct"] == 80.0
    assert [o["count"] for o in items["t-multi"]["options"]] == [5, 0, 4, 1, 0]


def test_without_dates_the_report_covers_everything(
    capsys: pytest.CaptureFixture[str], year: tuple[Path | str, dict[str, str]], content: Path
) -> None:
    db, _ = year
    got = report_json(capsys, db, content)
    assert got["actions"]["total"] == 4
    assert got["people"]["estimated"] == 43
    assert got["certified"]["attestations"] == 4
    assert list(got["actions"]["by_month"])[:3] == ["2025-11", "2025-12", "2026-01"]


def test_bad_dates_get_a_french_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Path
) -> None:
    db = str(tmp_path / "r.sqlite3")
    code, _, err = nrgame(capsys, "report", "--db", db, "--from", "2026-02-30")
    assert code == 2
    assert "--from : « 2026-02-30 » n'est pas une date qui existe" in err
    code, _, err = nrgame(
        capsys, "report", "--db", db, "--from", "2026-03-01", "--to", "2026-01-01"
    )
    assert code == 2
    assert "--from (2026-03-01) est après --to (2026-01-01)" in err


def read_csv_sections(data: bytes) -> dict[str, list[list[str]]]:
    """Titled sections: title line, header line, rows, blank line."""
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = sections.setdefault(row[0], [])
        else:
            current.append(row)
    return sections


OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def read_ods_sheets(data: bytes) -> dict[str, list[list[str | float | None]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        root = ElementTree.fromstring(archive.read("content.xml"))
    sheets: dict[str, list[list[str | float | None]]] = {}
    for table in root.iter(f"{{{TABLE}}}table"):
        rows = []
        for row in table.iter(f"{{{TABLE}}}table-row"):
            cells: list[str | float | None] = []
            for cell in row.iter(f"{{{TABLE}}}table-cell"):
                kind = cell.get(f"{{{OFFICE}}}value-type")
                value: str | float | None
                if kind == "float":
                    value = float(cell.get(f"{{{OFFICE}}}value", "nan"))
                elif kind == "string":
                    value = "".join(p.text or "" for p in cell.iter(f"{{{TEXT}}}p"))
                else:
                    value = None
                repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
                cells.extend([value] * repeat)
            rows.append(cells)
        sheets[table.get(f"{{{TABLE}}}name", "")] = rows
    return sheets


def test_csv_and_ods_read_back_to_the_json_figures(
    capsys: pytest.CaptureFixture[str],
    year: tuple[Path | str, dict[str, str]],
    content: Path,
    tmp_path: Path,
) -> None:
    db, _ = year
    period = ("--from", "2026-01-01", "--to", "2026-12-31")
    got = report_json(capsys, db, content, *period)
    files = {}
    for fmt in ("csv", "ods"):
        out = tmp_path / f"bilan.{fmt}"
        code, _, err = nrgame(
            capsys,
            "report",
            "--db",
            str(db),
            "--content",
            str(content),
            "--format",
            fmt,
            "--out",
            str(out),
            *period,
        )
        assert code == 0, err
        files[fmt] = out.read_bytes()

    sections = read_csv_sections(files["csv"])
    summary = {row[0]: row[1] for row in sections["Synthèse"][1:]}
    assert summary["Actions menées"] == str(got["actions"]["total"])
    assert summary["Personnes touchées (total)"] == str(got["people"]["total"])
    assert summary["dont estimées"] == str(got["people"]["estimated"])
    assert summary["Personnes certifiées"] == str(got["certified"]["people"])
    assert summary["Score moyen avant (%)"] == "41,7"
    publics = sections["Personnes touchées, par public"]
    assert publics[0] == ["Public", "Comptées", "Estimées", "Total"]
    assert publics[1:] == [
        ["Agents", "23", "0", "23"],
        ["Élus", "8", "3", "11"],
        ["Apprenants en autoformation", "2", "0", "2"],
    ]
    lines = sections[
        "Séances comptées : une ligne par action menée et par apprenant en autoformation"
    ]
    total = lines[0].index("Total")
    assert sum(int(row[total]) for row in lines[1:]) == got["people"]["total"]
    questions = {row[0]: row for row in sections["Statistiques des questions"][1:]}
    for item in got["items"]:
        assert float(questions[item["question"]][5].replace(",", ".")) == item["facility_pct"]

    sheets = read_ods_sheets(files["ods"])
    assert sheets["Synthèse"][0] == ["Indicateur", "Valeur"]
    values = {row[0]: row[1] for row in sheets["Synthèse"][1:]}
    assert values["Actions menées"] == got["actions"]["total"]
    assert values["Personnes touchées (total)"] == got["people"]["total"]
    assert values["Acteurs impliqués"] == got["actors"]["distinct"]
    assert values["Score moyen après (%)"] == got["knowledge"]["mean_after_pct"]
    months = {row[0]: row[1] for row in sheets["Actions par mois"][1:]}
    assert months == {"mars 2026": 2.0, "avril 2026": 1.0, "mai 2026": 0.0}
    people = {row[0]: row[2] for row in sheets["Actions par mois"][1:]}
    # 15 in March (S1), 13 in March (S2), 6 + hibou in April, renard in May.
    assert people == {"mars 2026": 28.0, "avril 2026": 7.0, "mai 2026": 1.0}
    facilities = {row[0]: row[5] for row in sheets["Questions"][1:]}
    assert facilities == {i["question"]: i["facility_pct"] for i in got["items"]}


def test_markdown_review_reads_in_french(
    capsys: pytest.CaptureFixture[str], year: tuple[Path | str, dict[str, str]], content: Path
) -> None:
    db, _ = year
    code, out, err = nrgame(
        capsys, "report", "--db", str(db), "--content", str(content), "--from", "2026-01-01"
    )
    assert code == 0, err
    assert out.startswith("# Bilan des actions de sensibilisation au numérique responsable\n")
    assert "Période : depuis le 1er janvier 2026." in out
    assert (
        "- **3 actions** menées (atelier : 1, comité de lancement : 1, jeu de plateau : 1)." in out
    )
    assert "- Autoformation : 2 apprenants pour 3 séances, comptées à part des actions." in out
    assert "Total des lignes : 3 actions, 2 apprenants, 36 personnes" in out
    assert "| Élus | 8 | 3 | 11 |" in out
    assert "## Annexe : qualité des questions" in out


def sessions_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])
    finally:
        conn.close()


def test_export_then_import_gives_the_same_figures_and_twice_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    year: tuple[Path | str, dict[str, str]],
    content: Path,
    tmp_path: Path,
) -> None:
    db, _ = year
    dump = tmp_path / "export.json"
    code, out, err = nrgame(capsys, "records", "export", str(dump), "--db", str(db))
    assert code == 0, err
    assert "8 séances exportées" in out
    assert json.loads(dump.read_text(encoding="utf-8"))["version"] == 2

    other = tmp_path / "other.sqlite3"
    code, out, err = nrgame(capsys, "records", "import", str(dump), "--db", str(other), "--json")
    assert code == 0, err
    assert len(json.loads(out)["added"]) == 8
    before = report_json(capsys, db, content)
    assert report_json(capsys, other, content) == before

    code, out, err = nrgame(capsys, "records", "import", str(dump), "--db", str(other), "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (len(again["added"]), len(again["unchanged"]), again["conflicts"]) == (0, 8, [])
    assert report_json(capsys, other, content) == before
    assert sessions_count(other) == 8


def test_a_conflicting_session_is_reported_and_kept(
    capsys: pytest.CaptureFixture[str],
    year: tuple[Path | str, dict[str, str]],
    content: Path,
    tmp_path: Path,
) -> None:
    db, ids = year
    dump = tmp_path / "export.json"
    assert nrgame(capsys, "records", "export", str(dump), "--db", str(db))[0] == 0
    other = tmp_path / "other.sqlite3"
    assert nrgame(capsys, "records", "import", str(dump), "--db", str(other))[0] == 0
    # On the second laptop, the workshop's head count is corrected.
    store = SqliteStore(other)
    correct_audience(
        store, ids["s1"], [AudienceCount(Audience.AGENTS, 14)], datetime(2026, 3, 3), "recompte"
    )
    store.close()
    code, out, err = nrgame(capsys, "records", "import", str(dump), "--db", str(other))
    assert code == 1
    assert "0 séance ajoutée, 7 déjà présentes, 1 en conflit" in out
    assert f"Conflit : la séance {ids['s1']} existe ici avec un autre contenu" in err
    got = report_json(capsys, other, content, "--from", "2026-01-01", "--to", "2026-12-31")
    assert got["people"]["by_segment"]["agents"]["counted"] == 25  # 14 + 5 + 6, kept


def test_a_malformed_file_imports_nothing(
    capsys: pytest.CaptureFixture[str], year: tuple[Path | str, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = year
    dump = tmp_path / "export.json"
    assert nrgame(capsys, "records", "export", str(dump), "--db", str(db))[0] == 0
    target = tmp_path / "target.sqlite3"

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "nrgame-records",\n "version": 1,\n "sessions": [\n', "utf-8")
    code, _, err = nrgame(capsys, "records", "import", str(broken), "--db", str(target))
    assert code == 2
    assert f"{broken}, ligne 4, colonne 1 : JSON invalide" in err
    assert "Rien n'a été importé." in err

    data = json.loads(dump.read_text(encoding="utf-8"))
    del data["sessions"][5]["session"]["kind"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = nrgame(capsys, "records", "import", str(bad), "--db", str(target))
    assert code == 2
    assert f"{bad}, séance n° 6, champ « kind » : texte non vide attendu" in err
    assert sessions_count(target) == 0  # the five sessions before it were not kept either

    data = json.loads(dump.read_text(encoding="utf-8"))
    data["sessions"][2]["rows"]["answers"][0]["colour"] = "bleu"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = nrgame(capsys, "records", "import", str(bad), "--db", str(target))
    assert code == 2
    assert "« rows.answers » n° 1, champ « colour » inconnu" in err

    data["version"] = 9
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = nrgame(capsys, "records", "import", str(bad), "--db", str(target))
    assert code == 2
    assert "champ « version » : version 9 inconnue" in err
    assert sessions_count(target) == 0


def test_a_spreadsheet_is_never_written_into_the_terminal(
    year: tuple[Path | str, dict[str, str]], content: Path
) -> None:
    import os
    import pty
    import subprocess
    import sys

    db, _ = year
    main_side, terminal = pty.openpty()
    try:
        run = subprocess.run(
            [sys.executable, "-m", "nrgame", "report", "--format", "ods", "--db", str(db)],
            stdin=terminal,
            stdout=terminal,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(main_side)
    assert run.returncode == 2
    assert "un fichier ODS s'écrit avec --out FICHIER.ods" in run.stderr.decode()
