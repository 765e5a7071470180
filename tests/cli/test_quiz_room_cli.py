"""`nrgame quiz DECK --teams …`: a room session from paper sheets, and its minutes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.content import Audience
from nrgame.core.sessions import AudienceCount, Partner, SessionKind
from nrgame.storage.sqlite import FINISHED, SqliteStore
from tests.conftest import FIXTURES

SHEETS = FIXTURES / "sheets"


def _quiz(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--content", str(FIXTURES / "content"), "quiz", "mini", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_scripted_team_session_minutes_match_the_expected_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite3"
    code, out, _ = _quiz(
        capsys,
        db,
        *("--answers", str(SHEETS / "salle.txt"), "--salle", "--json"),
        *("--kind", "atelier", "--date", "2026-02-02", "--audience", "agents=14"),
    )
    assert code == 0
    before = json.loads(out)["session"]
    minutes = tmp_path / "compte-rendu.md"
    code, out, err = _quiz(
        capsys,
        db,
        *("--answers", str(SHEETS / "equipes.txt"), "--teams", "Castors,Hérons,Loutres"),
        *("--kind", "comite", "--date", "02/03/2026", "--place", "Salle du conseil"),
        *("--facilitator", "Camille Martin", "--audience", "agents=12,élus=3~"),
        *("--partner", "Repair café du quartier (association)", "--link", before[:8]),
        *("--minutes", str(minutes), "--json"),
    )
    assert code == 0, err
    expected = (FIXTURES / "minutes" / "comite-equipes.md").read_text(encoding="utf-8")
    # A sheet is played at the time the command runs: only the hours differ from run to run.
    text, hours = re.subn(
        r"^- \*\*Horaires\*\* : de \d+ h \d\d à \d+ h \d\d \(\d+ min\)$",
        "- **Horaires** : HORAIRES",
        minutes.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert hours == 1
    assert text == expected
    result = json.loads(out)
    assert [s["team"] for s in result["standings"]] == ["Castors", "Loutres", "Hérons"]
    assert result["questions"][4]["answers"][2] == {
        "team": "Loutres",
        "response": None,
        "response_text": "sans réponse",
        "score": 0.0,
    }
    store = SqliteStore(db)
    session = store.session(result["session"])
    assert session is not None and session.status == FINISHED
    setup = store.setup(session.id)
    assert setup is not None and setup.kind is SessionKind.COMITE
    assert setup.audience == [
        AudienceCount(Audience.AGENTS, 12),
        AudienceCount(Audience.ELUS, 3, estimated=True),
    ]
    assert setup.partners == [Partner("Repair café du quartier", "association")]
    assert len(store.answers(session.id)) == 18  # six questions, three teams
    store.close()


def test_scripted_vote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    minutes = tmp_path / "cr.md"
    code, out, _ = _quiz(
        capsys,
        tmp_path / "db.sqlite3",
        *("--answers", str(SHEETS / "vote.txt"), "--vote", "--date", "2026-03-02"),
        *("--minutes", str(minutes)),
    )
    assert code == 0
    assert "Part de bonnes réponses : 56 %" in out  # (9/16 + 1 + 0.8 + 1 + 0 + 1) / 6
    text = minutes.read_text(encoding="utf-8")
    assert (
        "Vote à main levée : A. 0,5 % : 2 · B. 2,5 % : 5 · C. 4,4 % : 9 · D. 10 % : 0 "
        "(16 mains levées, 56 % pour la bonne réponse)." in text
    )
    assert "Réponse de la salle : Smartphone ; Ordinateur portable (✔ 1)." in text
    assert "## Résultat" in text and "| Rang |" not in text  # no leaderboard without teams


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--teams", "Castors,Hérons"], "équipes.txt, ligne 2 : question 1 (choice) : 2 réponses"),
        (["--teams", "A,B,C,D,E,F,G,H,I"], "--teams : de 1 à 8 équipes"),
        (
            ["--teams", "Castors,Hérons,Loutres", "--audience", "touristes=4"],
            "public « touristes »",
        ),
        (["--teams", "Castors,Hérons,Loutres", "--date", "30/02/2026"], "date qui existe"),
        (["--kind", "atelier"], "--kind ne sert qu'en salle"),
    ],
)
def test_mistakes_are_named_and_nothing_is_recorded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    sheet = tmp_path / "équipes.txt"
    sheet.write_text((SHEETS / "equipes.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    code, _, err = _quiz(capsys, db, "--answers", str(sheet), *args)
    assert code == 2
    assert message in err
    assert not db.exists() or SqliteStore(db).sessions() == []


def test_a_vote_line_must_give_hands_for_each_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "vote.txt"
    sheet.write_text("2 | 5\nA,C\n3 | 12\n4.4\n-\n-\n", encoding="utf-8")
    code, _, err = _quiz(capsys, tmp_path / "db.sqlite3", "--answers", str(sheet), "--vote")
    assert code == 2
    assert "ligne 1 : question 1 (choice) : 4 nombres de mains attendus" in err


def test_a_vote_sheet_with_more_hands_than_people_needs_confirm(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "vote.txt"
    sheet.write_text("2 | 5 | 9 | 0\nA,C\n3 | 1e9\n4,4\n-\n-\n", encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    args = ("--answers", str(sheet), "--vote", "--audience", "agents=12")
    code, _, err = _quiz(capsys, db, *args)
    assert code == 2
    assert f"{sheet}, ligne 3 : question 3 (truefalse) : option F : « 1e9 » : écrivez" in err
    sheet.write_text("2 | 5 | 9 | 0\nA,C\n3 | 12\n4,4\n-\n-\n", encoding="utf-8")
    code, _, err = _quiz(capsys, db, *args)
    assert code == 2
    assert f"{sheet}, ligne 1 : question 1 (choice) : 16 mains levées pour 12 personnes" in err
    assert f"{sheet}, ligne 3 : question 3 (truefalse) : 15 mains levées pour 12" in err
    assert "relancez avec --confirm" in err and "Rien n'a été enregistré." in err
    assert not db.exists() or SqliteStore(db).sessions() == []
    code, out, err = _quiz(capsys, db, *args, "--confirm", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["questions"][0]["answers"][0]["response"] == {"votes": [2, 5, 9, 0]}
    assert result["questions"][2]["answers"][0]["response"] == {"votes": [3, 12]}
    code, _, err = _quiz(capsys, db, "--answers", str(SHEETS / "salle.txt"), "--confirm")
    assert code == 2 and "--confirm ne sert qu'en salle" in err
