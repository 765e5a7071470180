"""Hostile and broken content: every file gets a French message naming it, exit code 2 from
`nrgame check FILE`, in bounded time and memory, and nothing in it is ever executed.

Small files are committed in tests/fixtures/bad/; the big ones (tens of MB, alias bombs,
very deep nesting) and the odd file-system objects are made here, in tmp_path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.bounded import NRGAME, run_bounded

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
MARKER = "nrgame-pwned"  # what the python-tag files try to create in the working folder
PEAK_MB = 500  # a generous bound: a normal check peaks around 40 MB

EXPECTED = {
    "alias-merge-key.yaml": "ancres et alias YAML",
    "alias-small-bomb.yaml": "alias YAML",
    "alias.yaml": "alias YAML",
    "answer-not-an-option.yaml": "[questions[1: q1].answer] : la réponse « 10 % » ne figure pas "
    "dans les options (« 2,5 % », « 4,4 % »)",
    "bad-id.yaml": "identifiant invalide",
    "bad-url.yaml": "adresse web invalide",
    "binary-png.yaml": "fichier binaire",
    "broken-figure-reference.yaml": "chiffre inconnu « chiffre-disparu »",
    "broken-question-reference.yaml": "question inconnue « question-disparue »",
    "complex-key.yaml": "une clé doit être un simple mot",
    "control-escape.yaml": "caractère de contrôle interdit (U+001B)",
    "control-raw.yaml": "caractère de contrôle interdit (U+001B)",
    "duplicate-ids.yaml": "identifiant « q1 » déjà utilisé",
    "duplicate-keys.yaml": "la clé « axis » apparaît deux fois",
    "empty.yaml": "le fichier est vide",
    "huge-integer.yaml": "illisible",
    "impossible-date.yaml": "[questions[1: 2025-02-30-Bilan].id] : identifiant invalide",
    "infinite-answer.yaml": "nombre fini attendu",
    "latin1.yaml": "pas encodé en UTF-8 (octet 0xE9) ; il semble encodé en Windows-1252",
    "missing-field.yaml": "champ obligatoire manquant",
    "nan-value.yaml": "nombre fini attendu",
    "non-text-key.yaml": "ligne 9, colonne 5 [questions[1: q1].12] : champ inconnu",
    "nul-bytes.yaml": "fichier binaire (octet nul)",
    "only-comments.yaml": "le fichier est vide",
    "python-module.yaml": "étiquette YAML non autorisée",
    "python-name.yaml": "étiquette YAML non autorisée",
    "python-object-apply.yaml": "étiquette YAML non autorisée",
    "python-object-new.yaml": "étiquette YAML non autorisée",
    "python-tag-directive.yaml": "étiquette YAML non autorisée",
    "select-too-many.yaml": "le tirage demande 40 questions",
    "several-documents.yaml": "un seul document par fichier",
    "syntax-bad-escape.yaml": "séquence d'échappement inconnue",
    "syntax-bad-unicode-escape.yaml": "code de caractère invalide",
    "syntax-colon.yaml": "« : » inattendu",
    "syntax-indentation.yaml": "indentation incohérente",
    "syntax-unclosed-bracket.yaml": "accolade non fermée",
    "syntax-unclosed-quote.yaml": "ligne 7",
    "tabs.yaml": "tabulation interdite",
    "text-too-long.yaml": "texte trop long",
    "top-level-list.yaml": "rubriques « clé: valeur »",
    "top-level-text.yaml": "rubriques « clé: valeur »",
    "type-audiences-text.yaml": "liste attendue",
    "type-axis-text.yaml": "nombre entier attendu",
    "type-bool.yaml": "true ou false attendu",
    "type-questions-number.yaml": "liste attendue",
    "unknown-key.yaml": "champ inconnu",
    "unknown-kind.yaml": "type de question inconnu « sondage »",
    "unknown-tag.yaml": "étiquette YAML non autorisée",
    "unknown-top-key.yaml": "champ inconnu",
    "unverified-figure.yaml": "n'est pas vérifié",
    "utf16-without-bom.yaml": "UTF-16",
    "utf16.yaml": "UTF-16",
    "yaml-version.yaml": "version de YAML non prise en charge",
    "tag-binary.yaml": "ligne 4, colonne 13 : étiquette YAML non autorisée « !!binary »",
    "tag-binary-not-utf8.yaml": "étiquette YAML non autorisée « !!binary »",
    "tag-set-options.yaml": "ligne 11, colonne 14 : étiquette YAML non autorisée « !!set »",
    "tag-set-items.yaml": "étiquette YAML non autorisée « !!set »",
    "tag-str.yaml": "étiquette YAML non autorisée « !!str »",
    "tag-local.yaml": "étiquette YAML non autorisée « !axe »",
    "tag-verbatim.yaml": "étiquette YAML non autorisée « !!int »",
    "anchor-without-alias.yaml": "ligne 9, colonne 12 : les ancres et alias YAML",
    "boolean-yes-axis.yaml": "[questions[1: q1].axis] : nombre entier attendu",
    "boolean-true-axis.yaml": "true et false ne sont pas des nombres",
    "boolean-key.yaml": "ligne 11, colonne 5 [questions[1: q1].true] : champ inconnu",
    "yes-key.yaml": "ligne 11, colonne 5 [questions[1: q1].yes] : champ inconnu",
    "sexagesimal-duration.yaml": "[decks[1: d1].duration] : nombre entier attendu",
    "bidi-raw-prompt.yaml": "ligne 4 : caractère invisible interdit : U+202E",
    "bidi-escape-prompt.yaml": "caractère invisible interdit : U+202E",
    "bidi-in-id.yaml": "caractère invisible interdit : U+2067",
    "zero-width-options.yaml": "caractère invisible interdit : U+200B (espace sans chasse)",
    "zero-width-escape-options.yaml": "caractère invisible interdit : U+200B",
    "long-id.yaml": "texte trop long (au plus 80 caractères)",
    "deck-title-osc52.yaml": "caractère de contrôle interdit (U+001B)",
    "utf16be-without-bom.yaml": "encodé en UTF-16BE",
    "utf32.yaml": "encodé en UTF-32LE",
    "answer-non-breaking-space.yaml": "[questions[1: q1].answer] : la réponse « 4,4 % » ressemble "
    "à l'option « 4,4\u00a0% » sans être identique : U+0020 (espace) au lieu de U+00A0",
    "options-look-alike.yaml": "[questions[1: q1].options] : « 4,4 % » et « 4,4\u202f% » se "
    "ressemblent trop dans options : U+202F (espace fine insécable) au lieu de U+0020",
    "misspelt-key-suggestion.yaml": "champ inconnu : vouliez-vous dire « explanation » ?",
    "refused-question-in-deck.yaml": "question « q1 » écartée : voir l'erreur ligne 6",
    "unknown-question-near.yaml": "ligne 18, colonne 17 [questions] : question inconnue "
    "« macoll-bilan-anuel » : "
    "vouliez-vous dire « macoll-bilan-annuel » ?",
}

LONGEST_LINE = 300
"""No message line quotes more than an excerpt of what it is about."""


def check_refused(path: Path, expected: str, cwd: Path) -> None:
    run = run_bounded([*NRGAME, "check", str(path)], cwd=cwd, timeout=60)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    first = run.stderr.splitlines()[0]
    assert first.startswith(str(path)), first  # the message names the file
    assert expected in run.stderr, run.stderr
    assert "erreur" in run.stderr.splitlines()[-1]  # « 1 erreur dans le contenu. »
    assert run.peak_mb < PEAK_MB, f"{path.name}: {run.peak_mb:.0f} MB"
    assert not RAW.search(run.stdout + run.stderr), ascii(run.stderr)  # nothing printed raw
    assert max(len(line) for line in run.stderr.splitlines()) < LONGEST_LINE, run.stderr[:500]
    assert not (cwd / MARKER).exists(), "a YAML tag ran a command"


RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""Controls, bidirectional and zero-width characters: none may reach the terminal."""


def test_the_corpus_is_whole() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committed_bad_file(name: str, tmp_path: Path) -> None:
    check_refused(BAD / name, EXPECTED[name], tmp_path)


QUESTION = """\
  - id: q{i}
    kind: truefalse
    prompt: "Le numérique pèse 4,4 % de l'empreinte carbone de la France."
    answer: true
    explanation: "Selon l'ADEME."
    source: {{publisher: ADEME, title: "Numérique : quel impact ?", year: 2025}}
    axis: {axis}
    theme: empreinte
    audiences: [agents]
"""


def _alias_bomb(path: Path) -> str:
    # "Billion laughs": 9 ** 12 strings if the aliases were expanded.
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 13):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    path.write_text("\n".join(lines) + "\nquestions: *a12\n", encoding="utf-8")
    return "alias YAML"


def _deep_flow_lists(path: Path) -> str:
    path.write_text("questions: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    return "imbrication trop profonde"


def _deep_flow_mappings(path: Path) -> str:
    path.write_text("{a: " * 100_000 + "1" + "}" * 100_000 + "\n", encoding="utf-8")
    return "imbrication trop profonde"


def _deep_block_lists(path: Path) -> str:
    path.write_text("questions:\n  " + "- " * 200_000 + "x\n", encoding="utf-8")
    return "imbrication trop profonde"


def _deep_block_mappings(path: Path) -> str:
    text = "".join(" " * depth + "a:\n" for depth in range(1500)) + " " * 1500 + "a: 1\n"
    path.write_text(text, encoding="utf-8")
    return "imbrication trop profonde"


def _tens_of_megabytes(path: Path) -> str:
    # Real text, not a sparse file: 30 MB of well-formed questions.
    block = "".join(QUESTION.format(i=i, axis=4) for i in range(100))
    with path.open("w", encoding="utf-8") as handle:
        handle.write("questions:\n")
        for copy in range(30 * 1024 * 1024 // len(block.encode()) + 1):
            handle.write(block.replace("id: q", f"id: c{copy}-q"))
    assert path.stat().st_size > 30 * 1024 * 1024
    return "trop volumineux"


def _sparse_fifty_megabytes(path: Path) -> str:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return "trop volumineux"


def _million_values(path: Path) -> str:
    path.write_text("questions: [" + "1," * 1_000_000 + "1]\n", encoding="utf-8")
    return "trop de valeurs"


def _wide_mapping(path: Path) -> str:
    path.write_text("".join(f"k{i}: 1\n" for i in range(200_000)), encoding="utf-8")
    return "trop de valeurs"


def _thousands_of_errors(path: Path) -> str:
    questions = "".join(QUESTION.format(i=i, axis=9) for i in range(3000))
    path.write_text("questions:\n" + questions, encoding="utf-8")
    return "3000 erreurs dans ce fichier ; seules les 50 premières sont détaillées"


def _one_long_line(path: Path) -> str:
    path.write_text("questions: " + "x" * 1_900_000, encoding="utf-8")
    return "liste attendue"


def _directory(path: Path) -> str:
    path.mkdir()
    return "aucun fichier .yaml ou .yml dans ce dossier"


def _symlink_loop(path: Path) -> str:
    other = path.with_name("autre.yaml")
    other.symlink_to(path.name)
    path.symlink_to(other.name)
    return "lien symbolique qui tourne en boucle"


def _dangling_symlink(path: Path) -> str:
    path.symlink_to("disparu.yaml")
    return "lien symbolique cassé"


def _named_pipe(path: Path) -> str:
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return "pas un fichier ordinaire"


def _endless_device(path: Path) -> str:
    path.symlink_to("/dev/zero")  # reading it would never end
    return "lien vers un fichier hors du dossier de contenu : il n'est pas lu"


def _link_out_of_the_folder(path: Path) -> str:
    path.symlink_to("/etc/passwd")  # its lines would be shown as field names
    return "lien vers un fichier hors du dossier de contenu : il n'est pas lu"


GENERATED: dict[str, Callable[[Path], str]] = {
    "alias-bomb": _alias_bomb,
    "deep-flow-lists": _deep_flow_lists,
    "deep-flow-mappings": _deep_flow_mappings,
    "deep-block-lists": _deep_block_lists,
    "deep-block-mappings": _deep_block_mappings,
    "tens-of-megabytes": _tens_of_megabytes,
    "sparse-fifty-megabytes": _sparse_fifty_megabytes,
    "million-values": _million_values,
    "wide-mapping": _wide_mapping,
    "thousands-of-errors": _thousands_of_errors,
    "one-long-line": _one_long_line,
    "directory": _directory,
    "symlink-loop": _symlink_loop,
    "dangling-symlink": _dangling_symlink,
    "named-pipe": _named_pipe,
    "endless-device": _endless_device,
    "link-out-of-the-folder": _link_out_of_the_folder,
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_bad_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    expected = GENERATED[name](path)
    check_refused(path, expected, tmp_path)


def test_a_link_out_of_a_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "paquet").mkdir()
    (tmp_path / "paquet" / "mots-de-passe.yaml").symlink_to("/etc/passwd")
    run = run_bounded([*NRGAME, "check", str(tmp_path / "paquet")], cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"{tmp_path / 'paquet' / 'mots-de-passe.yaml'} : lien vers un fichier hors du dossier "
        "de contenu : il n'est pas lu (copiez le fichier dans le dossier plutôt)",
        "1 erreur dans le contenu.",
    ]


def test_a_bad_file_among_good_ones_is_named_alone(tmp_path: Path) -> None:
    good = tmp_path / "bonne.yaml"
    good.write_text("questions:\n" + QUESTION.format(i=1, axis=4), encoding="utf-8")
    (tmp_path / "piege.yaml").write_bytes((BAD / "python-object-apply.yaml").read_bytes())
    run = run_bounded([*NRGAME, "check", str(tmp_path)], cwd=tmp_path)
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(str(tmp_path / "piege.yaml")), lines
    assert not (tmp_path / MARKER).exists()


def test_a_file_name_is_never_printed_raw(tmp_path: Path) -> None:
    (tmp_path / "\x1b]0;piégé\x07\u202e.yaml").write_text("questions: 3\n", encoding="utf-8")
    run = run_bounded([*NRGAME, "check", str(tmp_path)], cwd=tmp_path)
    assert run.returncode == 2
    assert not RAW.search(run.stdout + run.stderr), ascii(run.stderr)
    assert f"{tmp_path}/<U+001B>]0;piégé<U+0007><U+202E>.yaml" in run.stderr
