"""One author mistake, one message, first: each case makes one typical mistake in a deck and
questions written from docs/contenu.md (tests/fixtures/author/), and `nrgame check` must name
its cause on the first line, with the field's own line, and say of what depends on it that it
follows (« écartée : voir l'erreur ligne N ») after every cause rather than before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reliability.bounded import NRGAME, run_bounded

AUTHOR = Path(__file__).resolve().parent.parent / "fixtures" / "author"

MISTAKES = {
    # name: (file, text written, text instead, expected first line after the file name)
    "axis-out-of-range": (
        "questions.yaml",
        "    axis: 4\n    theme: empreinte",
        "    axis: 7\n    theme: empreinte",
        ", ligne 18, colonne 11 [questions[2: macoll-electricite].axis] : valeur 7 : elle doit "
        "être inférieure ou égale à 6",
    ),
    "answer-with-a-non-breaking-space": (
        "questions.yaml",
        'answer: "50 000 habitants"',
        'answer: "50\u00a0000 habitants"',
        ", ligne 6, colonne 13 [questions[1: macoll-seuil].answer] : la réponse « 50\u00a0000 "
        "habitants » ressemble à l'option « 50 000 habitants » sans être identique : U+00A0 "
        "(espace insécable) au lieu de U+0020 (espace) (caractère 3) ; recopiez l'option telle "
        "quelle",
    ),
    "misspelt-key": (
        "questions.yaml",
        '    explanation: "11 %',
        '    explantion: "11 %',
        ", ligne 16, colonne 5 [questions[2: macoll-electricite].explantion] : champ inconnu : "
        "vouliez-vous dire « explanation » ?",
    ),
    "figure-id-one-character-away": (
        "questions.yaml",
        "figures: [fr-num-part-electricite-2022]",
        "figures: [fr-num-part-electricite-202]",
        ", ligne 17, colonne 15 [figures] : chiffre inconnu « fr-num-part-electricite-202 » : "
        "vouliez-vous dire « fr-num-part-electricite-2022 » ?",
    ),
    "unclosed-quote": (
        "questions.yaml",
        'prompt: "Un référent numérique responsable peut être nommé dans chaque service."',
        'prompt: "Un référent numérique responsable peut être nommé dans chaque service.',
        ", ligne 25, colonne 19 : indentation incohérente : une clé était attendue ici",
    ),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_one_mistake_gives_its_cause_first(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "ma-collectivite"
    shutil.copytree(AUTHOR, folder)
    file, written, instead, first = MISTAKES[name]
    text = (folder / file).read_text(encoding="utf-8")
    assert text.count(written) == 1, written
    (folder / file).write_text(text.replace(written, instead), encoding="utf-8")
    run = run_bounded([*NRGAME, "check", "--content", str(folder)], cwd=tmp_path)
    assert run.returncode == 2, run.stdout
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == f"{folder / file}{first}", run.stderr
    # What follows from it says so, and comes after every cause.
    for line in lines[1:-1]:
        assert "inconnue « macoll-" not in line, run.stderr  # never « question inconnue »
    assert len(lines) <= 4, run.stderr


def test_the_author_fixture_is_valid(tmp_path: Path) -> None:
    run = run_bounded([*NRGAME, "check", "--content", str(AUTHOR)], cwd=tmp_path)
    assert run.returncode == 0, run.stderr


def test_the_counts_in_the_authors_guide_are_those_of_the_content(tmp_path: Path) -> None:
    run = run_bounded([*NRGAME, "check"], cwd=tmp_path)
    guide = (AUTHOR.parent.parent.parent / "docs" / "contenu.md").read_text(encoding="utf-8")
    (said,) = [line for line in guide.splitlines() if line.startswith("Contenu valide :")]
    assert run.stdout.strip() == said
