"""Moodle questions → nrgame questions for review: each kind, what is kept, what is said, and
the placeholders `nrgame check` refuses until an author fills them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nrgame.core.catalog import load_catalog
from nrgame.core.content import PLACEHOLDER
from nrgame.gift.mapping import ImportResult, import_gift, to_yaml


def one(gift: str) -> tuple[dict[str, Any], list[str]]:
    result = import_gift(gift, "banque.gift")
    assert result.skipped == [], result.skipped
    assert len(result.questions) == 1
    return result.questions[0].data, result.questions[0].review


def refused(gift: str) -> str:
    result = import_gift(gift, "banque.gift")
    assert result.questions == []
    assert len(result.skipped) == 1
    return str(result.skipped[0])


def test_single_choice() -> None:
    data, _review = one("::Part::Quelle part ?{=4,4 % ~2,5 % ~11 % #autre indicateur}")
    assert (data["kind"], data["options"], data["answer"]) == (
        "choice",
        ["4,4 %", "2,5 %", "11 %"],
        "4,4 %",
    )
    assert data["explanation"] == "« 11 % » : autre indicateur"  # answer feedback kept
    assert data["id"] == "part"


def test_single_choice_partial_credit_and_second_right_answer_are_reported() -> None:
    data, review = one("Couleur ?{=jaune =or ~%50%orange ~rouge}")
    assert data["answer"] == "jaune"
    assert any("Moodle acceptait aussi « or »" in r for r in review)
    assert any("crédit partiel non repris (« orange » (50 %))" in r for r in review)


def test_multiple_answers() -> None:
    data, review = one("Lesquels ?{~%50%a ~%50%b ~%-50%c ~%-50%d}")
    assert (data["kind"], data["answers"]) == ("multi", ["a", "b"])
    assert not any("poids Moodle" in r for r in review)  # 1/n and −1/n: nrgame's own scoring
    _, uneven = one("Lesquels ?{~%70%a ~%30%b ~c}")
    assert any("poids Moodle non repris" in r for r in uneven)


def test_truefalse_feedback_goes_to_the_explanation() -> None:
    data, _ = one("Vrai ?{FALSE#Non, c'est faux.#Bien vu.####Explication générale.}")
    assert (data["kind"], data["answer"]) == ("truefalse", False)
    assert data["explanation"] == (
        "Explication générale.\nRéponse « Vrai » : Non, c'est faux.\nRéponse « Faux » : Bien vu."
    )


def test_matching_drops_distractors_with_a_word() -> None:
    data, review = one(
        "Associez {=ACV -> Analyse du cycle de vie =GES -> Gaz à effet de serre = -> Leurre}"
    )
    assert data["pairs"] == [
        {"left": "ACV", "right": "Analyse du cycle de vie"},
        {"left": "GES", "right": "Gaz à effet de serre"},
    ]
    assert any("réponse leurre « Leurre » non reprise" in r for r in review)


@pytest.mark.parametrize(
    ("answers", "answer", "tolerance"),
    [("#11:3", 11, 3), ("#8..14", 11, 3), ("#=11:3 =%50%20:5", 11, 3), ("#1822", 1822, 0.5)],
)
def test_numerical_becomes_an_estimate(answers: str, answer: float, tolerance: float) -> None:
    data, _review = one(f"Combien ?{{{answers}}}")
    assert data["kind"] == "estimate"
    assert (data["answer"], data["tolerance"]) == (answer, {"absolute": tolerance})
    assert data["unit"] == PLACEHOLDER


def test_exact_numerical_gets_half_its_last_digit() -> None:
    data, review = one("Combien ?{#4.40}")
    assert data["tolerance"] == {"absolute": 0.005}
    assert any("réponse exacte dans Moodle" in r for r in review)


def test_partial_credit_numerical_answers_are_named() -> None:
    _, review = one("Combien ?{#=11:3 =%50%20:5}")
    assert any("20 ± 5 (50 %)" in r and "ordres de grandeur" in r for r in review)


def test_unit_line_gives_the_unit() -> None:
    data, _ = one("Quelle part ?\\nUnité \\: %{#11:3}")
    assert (data["prompt"], data["unit"]) == ("Quelle part ?", "%")


@pytest.mark.parametrize(
    ("gift", "reason"),
    [
        ("::Q8:: How are you? {}", "composition (réponse libre)"),
        ("::Intro:: Un texte seul.", "description"),
        ("::Animal::Le meilleur ?{=Grenouille =%50%Chat}", "réponse courte"),
        ("Combien ?{#-3:1}", "strictement positives"),
        ("Combien ?{#beaucoup}", "aucune réponse numérique juste"),
        ("Lesquels ?{~%50%a ~%50%b}", "3 à 8"),
        ("Un ?{=a ~b ~c ~d ~e ~f ~g}", "7 réponses proposées"),
        ("Un ?{=a ~a}", "« a » apparaît deux fois"),
        ("Associez {=a -> b = -> c}", "1 paire"),
        ("{=a ~b}", "énoncé vide"),
    ],
)
def test_what_nrgame_cannot_play_is_listed_with_its_line(gift: str, reason: str) -> None:
    message = refused(f"// en tête\n\n{gift}")
    assert message.startswith("ligne 3")
    assert reason in message


def test_parse_errors_are_listed_too() -> None:
    result = import_gift("Bon ?{T}\n\nCassée {=a ~b\n", "banque.gift")
    assert [q.line for q in result.questions] == [1]
    assert [str(s) for s in result.skipped] == [
        "ligne 3 : accolade manquante : il faut une « { » et une « } » (ou \\{ \\})"
    ]


def test_html_is_stripped_and_said() -> None:
    data, review = one("[html]<p>Quelle <b>part</b>&nbsp;?</p>{=4,4 % ~2,5 %}")
    assert data["prompt"] == "Quelle part\u00a0?"
    assert any("balisage HTML retiré" in r for r in review)
    plain, _ = one("[plain]<b>gras</b> ?{=a ~b}")
    assert plain["prompt"] == "<b>gras</b> ?"
    broken, _ = one("[html]<b>Part</b> <![x[ &amp; reste ?{=a ~b}")  # html.parser gives up
    assert broken["prompt"] == "Part <![x[ & reste ?"
    literal, _ = one("[html]<p>A &amp;lt; B ?</p>{=a ~b}")  # entities decoded once only
    assert literal["prompt"] == "A &lt; B ?"


def test_category_tags_and_ids() -> None:
    result = import_gift(
        "$CATEGORY: $course$/top/Défaut pour Numérique/Réemploi\n\n"
        "// [id:Q-1 Réemploi] [tag:Loi AGEC] [tag:axe-2]\n::Un::Vrai ?{T}\n\n"
        "// [id:Q-1 Réemploi]\n::Deux::Faux ?{F}\n",
        "banque.gift",
    )
    first, second = (q.data for q in result.questions)
    assert (first["id"], second["id"]) == ("q-1-reemploi", "q-1-reemploi-2")
    assert first["theme"] == "Réemploi"
    assert first["tags"] == ["loi-agec"]
    assert (first["axis"], second["axis"]) == (2, 2)  # the tag, then the word « réemploi »


def test_without_category_theme_and_axis_are_to_fill() -> None:
    data, _review = one("Vrai ?{T}")
    assert (data["theme"], data["axis"]) == (PLACEHOLDER, PLACEHOLDER)
    assert data["explanation"] == PLACEHOLDER
    assert data["source"] == {"publisher": PLACEHOLDER, "title": PLACEHOLDER, "year": PLACEHOLDER}


def write(result: ImportResult, folder: Path) -> Path:
    path = folder / "banque.yaml"
    path.write_text(to_yaml(result), encoding="utf-8")
    return path


BANK = """$CATEGORY: $course$/top/Sensibilisation

::Part::Quelle part ?{=4,4 % ~2,5 % ####ADEME, 2025.}

::Combien::Quelle part (en %) ?\\nUnité \\: %{#11:3####ADEME.}
"""


def test_check_refuses_the_placeholders_until_filled(tmp_path: Path) -> None:
    result = import_gift(BANK, "banque.gift")
    path = write(result, tmp_path)
    catalog = load_catalog([path])
    messages = [str(e) for e in catalog.errors]
    assert len(messages) == 2
    assert all(
        "« à compléter » : renseignez source.publisher, source.title, source.year" in m
        for m in messages
    )
    assert all(m.startswith(f"{path}, ligne ") for m in messages)

    text = path.read_text(encoding="utf-8")
    text = text.replace("publisher: à compléter", "publisher: ADEME")
    text = text.replace("title: à compléter", "title: Numérique, quel impact en 2022 ?")
    path.write_text(text, encoding="utf-8")
    assert ["source.year" in str(e) for e in load_catalog([path]).errors] == [True, True]

    path.write_text(text.replace("year: à compléter", "year: 2025"), encoding="utf-8")
    catalog = load_catalog([path])
    assert catalog.ok, catalog.errors
    assert sorted(q.kind for q in catalog.questions.values()) == ["choice", "estimate"]


def test_yaml_holds_each_question_under_its_review_comment(tmp_path: Path) -> None:
    result = import_gift(BANK, "banque.gift")
    text = to_yaml(result)
    assert "  # ligne 3 de banque.gift (« Part ») :" in text
    data = yaml.safe_load(text)
    assert [q["id"] for q in data["questions"]] == ["part", "combien"]
    assert "verified" not in text
