"""Scenario files: schema errors and reference errors come out in French, with file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nrgame.core.catalog import load_catalog

FIXTURE = Path(__file__).parent.parent / "fixtures" / "scenarios" / "mini-plateau.yaml"


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, list[str]]:
    """The fixture with one change, loaded: its errors as « line [field] : message »."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path = tmp_path / "scenario.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    catalog = load_catalog([path])
    return path, [f"{e.line} [{e.field}] {e.message}" for e in catalog.errors]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, start=1) if needle in line]
    return found[nth - 1]


def test_the_fixture_is_valid() -> None:
    catalog = load_catalog([FIXTURE])
    assert catalog.ok, catalog.errors
    assert catalog.summary()["scenarios"] == 2


def test_a_misspelt_key_is_located(tmp_path: Path) -> None:
    path, errors = broken(
        tmp_path, "    cost: {budget: 2, days: 2}", "    cots: {budget: 2, days: 2}"
    )
    line = line_of(path, "cots:")
    assert (
        f"{line} [scenarios[1: mini-plateau].cards[1: diag].cots] champ inconnu : "
        "vouliez-vous dire « cost » ?" in errors
    )


def test_a_wrong_value_is_located_and_said_in_french(tmp_path: Path) -> None:
    path, errors = broken(tmp_path, "    owner: dgs", "    owner: chef")
    line = line_of(path, "owner: chef")
    assert len(errors) == 1
    assert errors[0].startswith(
        f"{line} [scenarios[1: mini-plateau].cards[1: diag].owner] valeur « chef » inconnue"
    )


def test_an_event_needs_a_turn_or_a_window(tmp_path: Path) -> None:
    _, errors = broken(tmp_path, "    turn: 2\n", "")
    assert any("soit un tour fixe (turn), soit une fenêtre (window)" in e for e in errors)


def test_axes_must_be_the_six(tmp_path: Path) -> None:
    _, errors = broken(tmp_path, "  - {axis: 6, maturity: 0}\n", "  - {axis: 5, maturity: 1}\n")
    assert any("les six axes (1 à 6) doivent apparaître une fois chacun" in e for e in errors)


def test_unknown_references_are_located_on_their_card_event_or_objective(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("    requires: [diag]", "    requires: [diagnostic]")
    text = text.replace("    - card: atelier\n", "    - card: ateliers\n")
    text = text.replace("    softened_by: [diag]", "    softened_by: [diags]")
    text = text.replace("cards: [diag], by: 1}", "cards: [diag, inconnue], by: 1}")
    text = text.replace("    - {target: co2, add: 5}", "    - {target: carbone, add: 5}")
    text = text.replace("    - {indicator: co2, per: 1}", "    - {indicator: co3, per: 1}")
    path = tmp_path / "refs.yaml"
    path.write_text(text, encoding="utf-8")
    errors = {f"{e.line} [{e.field}] {e.message}" for e in load_catalog([path]).errors}
    assert errors == {
        f"{line_of(path, '- id: achat')} [cards.achat.requires] carte inconnue « diagnostic »",
        f"{line_of(path, '- id: expert')} [cards.expert.synergies] carte inconnue « ateliers »",
        f"{line_of(path, '- id: panne')} [events.panne.softened_by] carte inconnue « diags »",
        f"{line_of(path, 'id: o-diag')} [objectives.o-diag.cards] carte inconnue « inconnue »",
        f"{line_of(path, '- id: gros')} [cards.gros.effects] cible inconnue « carbone »",
        f"{line_of(path, '- id: mini-plateau')} [score] indicateur inconnu « co3 »",
    }


def test_prerequisite_cycles_are_reported_once(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "    owner: dgs\n", "    requires: [achat]\n    owner: dgs\n"
    )
    path = tmp_path / "cycle.yaml"
    path.write_text(text, encoding="utf-8")
    errors = [e for e in load_catalog([path]).errors if "boucle" in e.message]
    assert [e.message for e in errors] == ["prérequis en boucle : « achat » → « diag » → « achat »"]
    assert errors[0].line == line_of(path, "- id: achat")


def test_duplicate_ids_inside_a_scenario(tmp_path: Path) -> None:
    path, errors = broken(tmp_path, "  - id: plan\n", "  - id: gros\n")
    assert (
        f"{line_of(path, '- id: gros', 2)} [cards.gros.id] identifiant « gros » déjà utilisé"
        in errors
    )


def test_a_card_no_turn_can_pay_for(tmp_path: Path) -> None:
    _, errors = broken(
        tmp_path, "    cost: {budget: 10, days: 10}", "    cost: {budget: 30, days: 10}"
    )
    assert any(
        "[cards.gros.cost] coûte 30 k€ et 10 jours-agents : plus que ce qu'un tour peut jamais" in e
        for e in errors
    )


def test_an_objective_out_of_reach(tmp_path: Path) -> None:
    _, errors = broken(tmp_path, "target: public, min: 20,", "target: public, min: 90,")
    assert any(
        "[objectives.o-public.min] impossible : « public » ne peut pas dépasser 25" in e
        for e in errors
    )


def test_an_objective_too_expensive_for_the_whole_game(tmp_path: Path) -> None:
    text = (
        FIXTURE.read_text(encoding="utf-8")
        .replace(
            "  - {id: o-diag, text: Diagnostic au premier trimestre, mandatory: true, "
            "cards: [diag], by: 1}",
            "  - {id: o-diag, text: Tout, cards: [diag, gros, achat, atelier, expert, plan]}",
        )
        .replace("resources: {budget: 10, days: 10}", "resources: {budget: 8, days: 10}", 1)
    )
    text = text.replace("turns: {count: 4,", "turns: {count: 2,", 1)
    path = tmp_path / "cher.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [e.message for e in load_catalog([path]).errors]
    assert any(
        m.startswith("impossible : ces cartes et leurs prérequis coûtent 26 k€ et 22 jours-agents")
        for m in messages
    )
    assert "tour 3 au-delà des 2 tours de la partie" in messages


def test_unknown_figure_in_a_card(tmp_path: Path) -> None:
    _, errors = broken(
        tmp_path, "    owner: achats\n", "    owner: achats\n    figures: [pas-de-chiffre]\n"
    )
    assert any("[cards.achat.figures] chiffre inconnu « pas-de-chiffre »" in e for e in errors)


def test_check_command_says_where(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "    requires: [diag]", "    requires: [diagnostic]")
    result = subprocess.run(
        [sys.executable, "-m", "nrgame", "scenario", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    line = line_of(path, "- id: achat")
    expected = f"{path}, ligne {line} [cards.achat.requires] : carte inconnue « diagnostic »"
    assert expected in result.stderr


def test_an_objective_whose_cards_cannot_finish_in_time(tmp_path: Path) -> None:
    _, errors = broken(tmp_path, "cards: [diag], by: 1}", "cards: [achat], by: 2}")
    assert any(
        "[objectives.o-diag.cards] impossible : « achat » ne peut pas être terminée avant la "
        "fin du tour 3 (il faudrait le tour 2)" in e
        for e in errors
    )
