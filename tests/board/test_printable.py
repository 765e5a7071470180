"""The game to print: every card and event on paper, and a paper game recorded afterwards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.reports.printable import printable_html

FIXTURE = Path(__file__).parent.parent / "fixtures" / "scenarios" / "mini-plateau.yaml"


def test_every_card_and_event_is_printed_with_its_id_cost_and_figures(bundled: Catalog) -> None:
    scenario = bundled.scenarios["agglomeration-reen"]
    page = printable_html(scenario, bundled.figures)
    ids = re.findall(r"<p class='id'>([a-z0-9-]+) · axe \d</p>", page)
    assert ids == [card.id for card in scenario.cards]
    for card in scenario.cards:
        assert f"{card.cost.budget} k€ · {card.cost.days} jours-agents" in page
    for event in scenario.events:
        assert f"<h3>⚡ {event.title}</h3>".replace("'", "&#x27;") in page
    cited = {fid for card in scenario.cards for fid in card.figures}
    for fid in cited:  # every key figure with its source and caveat
        assert bundled.figures[fid].source.publisher.replace("'", "&#x27;") in page
    assert page.count("<tr><td>Semestre ") == scenario.turns.count  # the turn sheet
    assert "Le bilan annuel est attendu" in page and "Un tour de jeu" in page


def test_content_is_escaped(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "title: Diagnostic", 'title: "Diagnostic <script>alert(1)</script> & co"', 1
    )
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog([path])
    page = printable_html(catalog.scenarios["mini-plateau"])
    assert "<script>" not in page
    assert "Diagnostic &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_a_game_played_on_paper_is_recorded_from_the_printed_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a-imprimer.html"
    code = main(["scenario", "print", str(FIXTURE), "--out", str(out)])
    assert code == 2  # two scenarios in that file: which one?
    assert "contient plusieurs scénarios" in capsys.readouterr().err
    content = ["--content", str(FIXTURE.parent)]
    assert main(["scenario", "print", "mini-plateau", "--out", str(out), *content]) == 0
    assert "Écrit :" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    ids = re.findall(r"<p class='id'>([a-z0-9-]+) ·", page)
    moves = tmp_path / "coups.txt"
    moves.write_text(f"tour 1 : {ids[0]} {ids[2]}\ntour 2 : {ids[1]}\n", encoding="utf-8")
    db = tmp_path / "r.sqlite3"
    code = main(
        ["scenario", "play", "mini-plateau", "--moves", str(moves), "--db", str(db), *content]
    )
    assert code == 0
    assert "Séance enregistrée" in capsys.readouterr().out
