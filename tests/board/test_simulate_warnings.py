"""`scenario simulate` tells an author what will hurt a table, on scenarios built to hurt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.board_rules import Rules
from nrgame.core.catalog import load_catalog
from nrgame.core.scenario import Scenario
from nrgame.core.simulate import earliest_starts, simulate

FIXTURE = Path(__file__).parent.parent / "fixtures" / "scenarios" / "mini-plateau.yaml"


def changed(tmp_path: Path, *edits: tuple[str, str]) -> tuple[Path, Scenario]:
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog([path])
    assert catalog.ok, catalog.errors
    return path, catalog.scenarios["mini-plateau"]


def test_an_event_no_card_can_soften_in_time_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Une panne » comes at turn 2; « Achat » needs « Diagnostic » finished first, so it
    can start at turn 2 at the earliest: too late, whatever the table does."""
    path, scenario = changed(tmp_path, ("softened_by: [diag]", "softened_by: [achat]"))
    rules = Rules(scenario)
    starts = dict(zip(rules.card_ids, earliest_starts(rules), strict=True))
    assert starts["diag"] == 1 and starts["achat"] == 2 and starts["bilan"] == 3
    report = simulate(rules, 30, seed=1)
    (warning,) = [w for w in report.warnings if "Une panne" in w]
    assert "arrive au tour 2" in warning and "« Achat reconditionné »" in warning
    assert "jamais atténué" in warning
    code = main(["scenario", "simulate", str(path), "--games", "30", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and warning in data[0]["warnings"]
    # The original, softened by « Diagnostic » (playable at turn 1), is not flagged.
    _, original = changed(tmp_path)
    assert not any("Une panne" in w for w in simulate(Rules(original), 30).warnings)


def test_resources_that_pay_for_every_card_are_said(tmp_path: Path) -> None:
    _, scenario = changed(tmp_path)
    cards_budget = sum(c.cost.budget for c in scenario.cards)
    game_budget = scenario.authority.resources.budget * scenario.turns.count
    assert game_budget >= cards_budget  # the fixture: 40 k€ for 27 k€ of cards
    warnings = simulate(Rules(scenario), 10).warnings
    assert any(
        w.startswith(f"Ressources : {game_budget} k€ sur la partie") and f"{cards_budget} k€" in w
        for w in warnings
    )
    _, tight = changed(
        tmp_path,
        ("cost: {budget: 6, days: 4}", "cost: {budget: 10, days: 4}"),
        ("cost: {budget: 1, days: 1}", "cost: {budget: 10, days: 1}"),
        ("cost: {budget: 4, days: 2}", "cost: {budget: 9, days: 2}"),
    )
    assert sum(c.cost.budget for c in tight.cards) > game_budget
    assert not any("k€ sur la partie" in w for w in simulate(Rules(tight), 10).warnings)


def test_a_single_axis_strategy_that_always_wins_and_what_is_never_reached(
    tmp_path: Path,
) -> None:
    """An author's own scenario: winning needs axis 4 only, and an objective nobody reaches."""
    _, scenario = changed(
        tmp_path,
        ("mandatory: true, target: part, min: 25, points: 10", "target: part, min: 25"),
        (
            "{id: o-public, text: 20 habitants touchés, target: public, min: 20, points: 5}",
            "{id: o-moins, text: Moins de 5 % de réemploi, target: part, max: 5, points: 5}",
        ),
        ("    win: 20", "    win: 2"),
    )
    report = simulate(Rules(scenario), 40, seed=0)
    axis = next(r for r in report.results if r.name == "axe-4")
    assert axis.wins == axis.games
    assert (
        "« Priorité à l'axe 4 (Sensibilisation des agents et des élus) » gagne toutes ses "
        "parties : un seul axe suffit : les autres ne comptent pas." in report.warnings
    )
    assert report.met["o-moins"] == 0 and report.met["o-diag"] > 0
    assert "Objectif jamais atteint, aucune stratégie : « Moins de 5 % de réemploi »." in (
        report.warnings
    )
