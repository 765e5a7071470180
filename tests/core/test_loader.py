from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nrgame.core.catalog import load_catalog

FIXTURES = Path(__file__).parent.parent / "fixtures" / "content"

GOOD_QUESTION = """\
questions:
  - id: q1
    kind: truefalse
    prompt: "Vrai ?"
    answer: true
    explanation: "Oui."
    source: {publisher: ADEME, title: "T", year: 2025}
    axis: 1
    theme: t
    audiences: [agents]
"""


def check(tmp_path: Path, text: str | bytes, name: str = "c.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_catalog([path])


def test_valid_file(tmp_path: Path) -> None:
    catalog = check(tmp_path, GOOD_QUESTION)
    assert catalog.ok
    assert list(catalog.questions) == ["q1"]


def test_unknown_key_is_located(tmp_path: Path) -> None:
    catalog = check(tmp_path, GOOD_QUESTION + "    colour: red\n")
    (error,) = catalog.errors
    assert (error.line, error.column) == (11, 5)
    assert error.field == "questions[1: q1].colour"
    assert "champ inconnu" in error.message


def test_all_errors_are_collected_with_lines(tmp_path: Path) -> None:
    text = GOOD_QUESTION.replace("axis: 1", "axis: 9").replace("answer: true", "answer: peut-être")
    catalog = check(tmp_path, text)
    by_field = {e.field: e for e in catalog.errors}
    assert by_field["questions[1: q1].axis"].line == 8
    assert "inférieure ou égale à 6" in by_field["questions[1: q1].axis"].message
    assert by_field["questions[1: q1].answer"].line == 5
    assert "true ou false" in by_field["questions[1: q1].answer"].message


def test_missing_field_points_at_its_object(tmp_path: Path) -> None:
    catalog = check(tmp_path, GOOD_QUESTION.replace("    theme: t\n", ""))
    (error,) = catalog.errors
    assert error.field == "questions[1: q1].theme"
    assert error.line == 2
    assert error.message == "champ obligatoire manquant"


def test_model_rule_errors_name_the_object_not_its_kind(tmp_path: Path) -> None:
    text = GOOD_QUESTION.replace("truefalse", "choice").replace(
        "answer: true", 'options: ["a", "b"]\n    answer: "c"'
    )
    (error,) = check(tmp_path, text).errors
    assert (error.field, error.line) == ("questions[1: q1].answer", 6)  # the field's own line
    assert error.message == "la réponse « c » ne figure pas dans les options (« a », « b »)"


def test_an_answer_differing_by_an_invisible_space_is_named(tmp_path: Path) -> None:
    text = GOOD_QUESTION.replace("truefalse", "choice").replace(
        "answer: true",
        'options: ["50\u00a0000 habitants", "20 000"]\n    answer: "50 000 habitants"',
    )
    (error,) = check(tmp_path, text).errors
    assert error.field == "questions[1: q1].answer"
    assert error.message == (
        "la réponse « 50 000 habitants » ressemble à l'option « 50\u00a0000 habitants » sans "
        "être identique : U+0020 (espace) au lieu de U+00A0 (espace insécable) (caractère 3) ; "
        "recopiez l'option telle quelle"
    )


def test_look_alike_options_are_refused(tmp_path: Path) -> None:
    text = GOOD_QUESTION.replace("truefalse", "choice").replace(
        "answer: true", 'options: ["50\u202f000", "50 000"]\n    answer: "50 000"'
    )
    (error,) = check(tmp_path, text).errors
    assert error.field == "questions[1: q1].options"
    assert "se ressemblent trop" in error.message and "U+202F" in error.message


def test_enum_errors_are_french(tmp_path: Path) -> None:
    (error,) = check(tmp_path, GOOD_QUESTION.replace("[agents]", "[maires]")).errors
    assert " ou 'partenaires'" in error.message and " or " not in error.message


def test_unknown_kind(tmp_path: Path) -> None:
    catalog = check(tmp_path, GOOD_QUESTION.replace("truefalse", "quiz"))
    (error,) = catalog.errors
    assert "type de question inconnu « quiz »" in error.message
    assert error.line == 2


def test_cross_references_and_duplicates_name_both_places(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_QUESTION, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        GOOD_QUESTION.replace(
            '    source: {publisher: ADEME, title: "T", year: 2025}\n', "    figures: [inconnu]\n"
        )
        + "decks:\n  - id: d\n    title: T\n    audience: A\n    description: D\n"
        "    duration: 5\n    questions: [q1, q404]\n",
        encoding="utf-8",
    )
    catalog = load_catalog([tmp_path])
    messages = [str(e) for e in catalog.errors]
    assert any("« q1 » déjà utilisé" in m and "a.yaml, ligne 2" in m for m in messages), messages
    assert any("question inconnue « q404 »" in m for m in messages), messages


def test_unverified_figure_only_in_misconception_questions(tmp_path: Path) -> None:
    figure = (FIXTURES / "mini.yaml").read_text(encoding="utf-8").split("questions:")[0]
    figure = figure.replace("verified: true", "verified: false")
    text = figure + GOOD_QUESTION.replace(
        '    source: {publisher: ADEME, title: "T", year: 2025}\n',
        "    figures: [test-electricite-2022]\n",
    ).replace("questions:\n", "questions:\n", 1)
    catalog = check(tmp_path, text)
    assert any("n'est pas vérifié" in e.message for e in catalog.errors)
    fixed = check(
        tmp_path, text.replace("    theme: t\n", "    theme: t\n    misconception: true\n")
    )
    assert fixed.ok, fixed.errors


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("questions:\n\t- id: x\n", "tabulation"),
        ("questions: [\n", "non fermé"),
        ("a: 1\na: 2\n", "apparaît deux fois"),
        ("a: &x [1]\nb: *x\n", "alias"),
        ("!!python/object/apply:os.system ['echo pwned']\n", "étiquette YAML non autorisée"),
        ("", "vide"),
        ("---\na: 1\n---\nb: 2\n", "un seul document"),
        ("- juste\n- une liste\n", "rubriques"),
        ("[" * 5000 + "]" * 5000, "imbrication trop profonde"),
        ("a: " + "[" * 990 + "]" * 990, "imbrication trop profonde"),  # under libyaml's limit
        ("".join("  " * i + "a:\n" for i in range(200)), "imbrication trop profonde"),
        (b"questions: \xe9t\xe9\n", "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binaire"),
        ("questions: 3\n", "liste attendue"),
    ],
)
def test_broken_files_get_a_french_message(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    catalog = check(tmp_path, content)
    assert catalog.errors, "the file should have been refused"
    assert expected in str(catalog.errors[0])
    assert "c.yaml" in str(catalog.errors[0])


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    catalog = check(tmp_path, "\n".join(lines) + "\n")
    assert "alias" in str(catalog.errors[0])


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    catalog = load_catalog([path])
    assert "trop volumineux" in str(catalog.errors[0])


def test_check_command_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n\t- id: x\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "nrgame", "check", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "bad.yaml, ligne 2" in run.stderr and "tabulation" in run.stderr
    assert "Traceback" not in run.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "nrgame", "check", "--json", str(FIXTURES)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0
    summary = json.loads(ok.stdout)
    assert summary["questions"] == 6
    assert summary["question_kinds"] == {
        "choice": 1,
        "multi": 1,
        "truefalse": 1,
        "estimate": 1,
        "order": 1,
        "match": 1,
    }
    assert summary["axes"]["4"] == 2
    assert summary["deck_sizes"] == {"mini": 6}
    assert summary["errors"] == []


def test_only_the_core_schema_is_read(tmp_path: Path) -> None:
    from nrgame.core.loader import parse_file

    path = tmp_path / "c.yaml"
    path.write_text("a: yes\nb: 1:30\nc: 010\nd: 2025-01-02\ne: true\n4: x\n", encoding="utf-8")
    assert parse_file(path).data == {
        "a": "yes",
        "b": "1:30",
        "c": 10,
        "d": "2025-01-02",
        "e": True,
        "4": "x",
    }


@pytest.mark.parametrize("tag", ["!!str", "!!set", "!!binary", "!!int", "!x", "!<tag:x>"])
def test_every_explicit_tag_is_refused(tmp_path: Path, tag: str) -> None:
    value = "{a, b}" if tag == "!!set" else "aGk=" if tag == "!!binary" else "4"
    (error,) = check(tmp_path, f"questions:\n  - id: {tag} {value}\n").errors
    assert (error.line, error.column) == (2, 9)
    assert "étiquette YAML non autorisée" in error.message
