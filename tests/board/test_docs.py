"""docs/scenarios.md tells the truth: its example validates, its outputs are real."""

from __future__ import annotations

import re
from pathlib import Path

from nrgame import settings
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.moves import read_moves, replay

GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "scenarios.md"
TEXT = GUIDE.read_text(encoding="utf-8")


def block(language: str, containing: str) -> str:
    blocks = re.findall(rf"^```{language}\n(.*?)^```", TEXT, re.MULTILINE | re.DOTALL)
    (found,) = [b for b in blocks if containing in b]
    return str(found)


def test_the_full_example_validates(tmp_path: Path) -> None:
    path = tmp_path / "val-fleuri.yaml"
    path.write_text(block("yaml", "val-fleuri-essai"), encoding="utf-8")
    catalog = load_catalog([settings.bundled_content(), path])
    assert catalog.ok, catalog.errors
    scenario = catalog.scenarios["val-fleuri-essai"]
    assert {c.id for c in scenario.cards} == {"pilote", "reconditionne", "atelier"}


def test_the_error_shown_is_the_one_the_example_gives(tmp_path: Path) -> None:
    folder = tmp_path / "ma-collectivite"
    folder.mkdir()
    path = folder / "val-fleuri.yaml"
    text = block("yaml", "val-fleuri-essai").replace("requires: [pilote]", "requires: [pilot]")
    path.write_text(text, encoding="utf-8")
    (error,) = load_catalog([settings.bundled_content(), path]).errors
    shown = block("text", "carte inconnue « pilot »").splitlines()[0]
    assert shown.endswith(str(error).removeprefix(str(path)))


def test_the_moves_file_example_replays(bundled: Catalog) -> None:
    scenario = bundled.scenarios["commune-volontaire"]
    moves, errors = read_moves(block("text", "graine : 12300"), scenario)
    assert errors == [] and moves.seed == 12300
    game, problems = replay(scenario, moves, moves.seed)
    assert problems == [] and game.turn == 4


def test_the_refusals_shown_are_real(bundled: Catalog) -> None:
    scenario = bundled.scenarios["commune-volontaire"]
    text = "graine : 12300\ntour 1 : adjointe-referente recenser-parc\ntour 2 : -\ntour trois : -\n"
    _, errors = read_moves(text, scenario)
    assert f"coups.txt, {errors[0]}" in TEXT
    moves, _ = read_moves("tour 1 : donner-associations\n", scenario)
    _, problems = replay(scenario, moves, 0)
    assert f"refus.txt, {problems[0]}" in TEXT
