"""`nrgame scenario simulate|play|check`, roadmap exports, and the balance of bundled scenarios."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.board_game import Game
from nrgame.core.board_rules import Rules
from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.core.simulate import STRATEGIES, simulate
from nrgame.reports.roadmap import export_paths, roadmap_csv, roadmap_markdown, roadmap_odt

FIXTURE = Path(__file__).parent.parent / "fixtures" / "scenarios" / "mini-plateau.yaml"
BUNDLED = ("agglomeration-reen", "commune-volontaire", "digital-cleanup-ville")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def moves_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "coups.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_simulate_reports_every_strategy_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "scenario", "simulate", str(FIXTURE), "--games", "50", "--seed", "3", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert [d["scenario"] for d in data] == ["mini-plateau", "mini-duel"]
    report = data[0]
    assert [s["name"] for s in report["strategies"]] == list(STRATEGIES)
    assert all(s["games"] == 50 for s in report["strategies"])
    assert report["total_games"] == 50 * len(STRATEGIES)
    assert set(report["plays"]) == {"diag", "achat", "atelier", "expert", "gros", "plan", "bilan"}
    assert report["games_per_second"] > 0


def test_simulate_is_reproducible_and_text_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("scenario", "simulate", "agglomeration-reen", "--games", "40", "--seed", "9")
    code, first, _ = run(capsys, *argv, "--json")
    _, second, _ = run(capsys, *argv, "--json")
    assert code == 0
    strip = {"seconds", "games_per_second"}
    a, b = json.loads(first), json.loads(second)
    assert {k: v for k, v in a.items() if k not in strip} == {
        k: v for k, v in b.items() if k not in strip
    }
    code, text, _ = run(capsys, *argv)
    assert "Scénario « agglomeration-reen » : 40 parties par stratégie, graine 9" in text
    assert "Au meilleur score" in text and "parties par seconde" in text
    assert "Cartes jamais jouées :" in text


def test_unknown_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "scenario", "simulate", "pas-un-scenario")
    assert code == 2
    assert "« pas-un-scenario » n'est ni un fichier ni un scénario connu" in err


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_bundled_scenarios_are_winnable_but_not_by_every_strategy(
    bundled: Catalog, scenario_id: str
) -> None:
    report = simulate(Rules(bundled.scenarios[scenario_id]), 300, seed=0)
    rates = {r.name: r.win_rate for r in report.results}
    assert all(0 < rate < 1 for rate in rates.values()), rates
    assert report.never_played == []


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_bundled_scenarios_fit_a_45_to_75_minute_session(
    bundled: Catalog, scenario_id: str
) -> None:
    assert 45 <= bundled.scenarios[scenario_id].duration <= 75


def test_play_replays_records_and_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    moves = moves_file(tmp_path, "graine : 4\ntour 1 : diag atelier\ntour 2 : achat\n")
    db = tmp_path / "r.sqlite3"
    argv = ["scenario", "play", str(FIXTURE), "--moves", str(moves), "--db", str(db)]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "contient plusieurs scénarios (mini-plateau, mini-duel)" in err
    argv[2] = "mini-plateau"
    argv += ["--content", str(FIXTURE.parent), "--json", "--out", str(tmp_path / "bilan")]
    argv += ["--date", "2026-03-12"]
    code, out, _ = run(capsys, *argv)
    assert code == 0, out
    first = json.loads(out)
    assert first["seed"] == 4
    (team,) = first["teams"]
    assert team["turn"] == 3 and team["started"] == {"diag": 1, "atelier": 1, "achat": 2}
    assert [row["action"] for row in first["roadmap"]] == [
        "Achat reconditionné",
        "Diagnostic",
        "Ateliers publics",
    ]
    # The same moves file again is the same game: refused, unless it was another game.
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "a déjà été enregistré le" in err and first["session"] in err and "--again" in err
    code, out, _ = run(capsys, *argv, "--again")
    second = json.loads(out)
    assert second["teams"] == first["teams"] and second["session"] != first["session"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM board_turns").fetchone() == (4,)
    assert conn.execute("SELECT DISTINCT kind FROM sessions").fetchall() == [("jeu-plateau",)]
    assert conn.execute("SELECT COUNT(*) FROM audience").fetchone() == (0,)
    conn.close()
    markdown, table, text = export_paths(tmp_path / "bilan")
    assert text.read_bytes().startswith(b"PK")  # an OpenDocument (zip) file
    assert markdown.read_text(encoding="utf-8").startswith("# Feuille de route : Petite commune")
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Axe",
        "Action",
        "Début",
        "Échéance",
        "Porteur",
        "Responsable",
        "Budget (k€)",
        "Jours-agents",
        "Moyens alloués",
        "Indicateur",
        "Cible",
        "Statut",
    ]
    assert {row[-1] for row in rows[1:]} == {"à lancer"}
    assert rows[1][:8] == [
        "1. Commande publique",
        "Achat reconditionné",
        "12/06/2026",  # turn 2 of quarters counted from the day played, 12 March
        "11/12/2026",
        "Achats et commande publique",
        "",
        "6",
        "4",
    ]
    assert first["roadmap"][0]["start"] == "2026-06-12"


def test_play_text_output_without_recording(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    moves = moves_file(tmp_path, "tour 1 : diag\n")
    db = tmp_path / "r.sqlite3"
    code, out, _ = run(
        capsys,
        "scenario",
        "play",
        "mini-plateau",
        "--content",
        str(FIXTURE.parent),
        "--moves",
        str(moves),
        "--db",
        str(db),
        "--no-record",
    )
    assert code == 0
    assert "Partie rejouée : « Petite commune d'essai », graine 0, 1 tour sur 4" in out
    assert "✔ Diagnostic au premier trimestre : atteint" in out
    assert not db.exists()


def test_malformed_moves_file_exits_2_with_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    moves = moves_file(tmp_path, "# essai\ntour 1 : diag\ntour deux : atelier\n")
    db = tmp_path / "r.sqlite3"
    code, out, err = run(
        capsys,
        "scenario",
        "play",
        "mini-plateau",
        "--content",
        str(FIXTURE.parent),
        "--moves",
        str(moves),
        "--db",
        str(db),
    )
    assert code == 2 and out == ""
    assert f"{moves}, ligne 3 : ligne incomprise « tour deux : atelier »" in err
    assert "Rien n'a été enregistré." in err
    assert not db.exists()


def test_illegal_move_exits_2_with_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    moves = moves_file(tmp_path, "tour 1 : achat\n")
    code, _, err = run(
        capsys,
        "scenario",
        "play",
        "mini-plateau",
        "--content",
        str(FIXTURE.parent),
        "--moves",
        str(moves),
        "--no-record",
    )
    assert code == 2
    assert "ligne 1 : tour 1 : il faut d'abord terminer « Diagnostic »" in err


def test_missing_moves_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "scenario", "play", "agglomeration-reen", "--moves", str(tmp_path / "absent.txt")
    )
    assert code == 2 and "fichier introuvable" in err


def test_check_summarises_a_valid_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenario", "check", "agglomeration-reen")
    assert code == 0
    assert "Scénario « agglomeration-reen » valide" in out
    assert "6 tours (1 tour = 1 semestre)" in out


def test_markdown_roadmap_has_rows_objectives_events_and_questions(mini: Scenario) -> None:
    game = Game.replay(mini, 0, [[["diag", "atelier"]], [["achat"]], [[]], [[]]])
    text = roadmap_markdown(game, date(2026, 3, 12))
    assert "partie du 12 mars 2026 · feuille de route à partir du 12 mars 2026" in text
    # Dated from the day played, not the scenario's fixed start: started at turn 2 (the
    # second quarter from 12 March), two quarters long.
    assert (
        "| 1. Commande publique | Achat reconditionné | 12 juin 2026 | 11 décembre 2026 | "
        "Achats et commande publique |  | 6 | 4 |  | Part des achats reconditionnés | 25 % | "
        "à lancer |"
    ) in text
    later = roadmap_markdown(game, date(2026, 3, 12), date(2027, 1, 31))
    assert "| Diagnostic | 31 janvier 2027 | 29 avril 2027 |" in later  # 30 April begins turn 2
    assert "- ✔ atteint : Diagnostic au premier trimestre (obligatoire)" in text
    assert "- Trimestre 2 : Une panne (effet changé grâce à « Diagnostic »)" in text
    assert "1. Qu'avez-vous fait d'abord ?" in text
    assert "ne sont pas des indicateurs réels" in text


def test_csv_roadmap_for_a_competitive_game_names_the_team(duel: Scenario) -> None:
    game = Game.replay(duel, 0, [[["un"], ["deux"]]])
    raw = roadmap_csv(game, date(2026, 3, 12))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Équipe"
    assert [r[:3] for r in rows[1:]] == [
        ["Équipe 1", "1. Commande publique", "Première action"],
        ["Équipe 2", "2. Cycle de vie du matériel", "Deuxième action"],
    ]
    assert rows[1][3:5] == ["12/03/2026", "18/03/2026"]  # a one-week turn from that day


def test_odt_roadmap_holds_the_same_rows(mini: Scenario) -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import TableRow

    game = Game.replay(mini, 0, [[["diag", "atelier"]], [["achat"]], [[]], [[]]])
    doc = load(io.BytesIO(roadmap_odt(game, date(2026, 3, 12))))
    rows = [
        [teletype.extractText(cell) for cell in row.childNodes]
        for row in doc.getElementsByType(TableRow)
    ]
    header = rows[0]
    csv_rows = list(
        csv.reader(
            io.StringIO(roadmap_csv(game, date(2026, 3, 12)).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows == csv_rows  # one roadmap, whatever the format
    assert header[2:4] == ["Début", "Échéance"] and rows[1][-1] == "à lancer"
    assert "Diagnostic au premier trimestre" in teletype.extractText(doc.text)


def test_check_of_a_file_reads_the_figures_of_its_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "{id: co2, label: Émissions évitées, unit: t CO2e}",
        "{id: co2, label: Émissions évitées, unit: t CO2e, figures: [macoll-chiffre]}",
    )
    scenario = tmp_path / "plateau.yaml"
    scenario.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "scenario", "check", str(scenario))
    assert code == 2 and "chiffre inconnu « macoll-chiffre »" in err
    (tmp_path / "chiffres.yaml").write_text(
        'figures:\n  - id: macoll-chiffre\n    statement: "12 t évitées."\n    value: 12\n'
        "    unit: t\n    scope: commune\n    data_year: 2024\n"
        "    source: {publisher: Commune, title: Bilan, year: 2025}\n"
        '    caveat: "Estimation."\n    verified: true\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "scenario", "check", str(scenario))
    assert code == 0, err
    assert "Scénario « mini-plateau » valide" in out
