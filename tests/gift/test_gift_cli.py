"""`nrgame import gift` and `nrgame export gift` as an author runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.gift.parser import parse_gift

BANK = "// Banque\n::Part::Quelle part ?{=4,4 % ~2,5 %}\n\n::Essai::Racontez.{}\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_yaml_and_review_then_check_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "banque.gift"
    source.write_text(BANK, encoding="utf-8")
    out_dir = tmp_path / "revue"
    code, out, err = run(capsys, "import", "gift", str(source), "--out", str(out_dir))
    assert code == 0, err
    assert "1 question importée pour relecture, 1 question non importée" in out
    assert "ligne 4 « Essai » : question de type composition" in out
    review = (out_dir / "banque-a-relire.txt").read_text(encoding="utf-8")
    assert "ligne 4 « Essai »" in review
    assert (out_dir / "banque.yaml").is_file()

    code, _, err = run(capsys, "check", str(out_dir))
    assert code == 2
    assert "« à compléter » : renseignez explanation, axis, theme, source.publisher" in err

    code, _, err = run(capsys, "import", "gift", str(source), "--out", str(out_dir))
    assert code == 2
    assert "existe déjà" in err  # a review in progress is never overwritten


def test_import_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    source = tmp_path / "banque.gift"
    source.write_text(BANK, encoding="utf-8")
    code, out, _ = run(capsys, "import", "gift", str(source), "--out", str(tmp_path), "--json")
    summary = json.loads(out)
    assert code == 0
    assert [q["id"] for q in summary["imported"]] == ["part"]
    assert summary["skipped"][0]["line"] == 4


def test_bom_and_crlf_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "windows.gift"
    source.write_bytes(b"\xef\xbb\xbf" + BANK.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run(capsys, "import", "gift", str(source), "--out", str(tmp_path / "o"))
    assert code == 0, err
    assert "ligne 4 « Essai »" in out
    assert "prompt: Quelle part ?" in (tmp_path / "o" / "windows.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "// ligne 1\n::Q::Été ?{T}\n".encode("latin-1"),
            "ligne 2 : le fichier n'est pas encodé en UTF-8 (octet 0xC9)",
        ),
        (
            "::Q::Été ?{T}\n".encode("utf-16"),
            "le fichier est encodé en UTF-16LE : enregistrez-le en UTF-8",
        ),
        (b"::Q::\x00{T}", "fichier binaire (octet nul) : ce n'est pas un fichier texte"),
    ],
)
def test_other_encodings_are_refused_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    source = tmp_path / "banque.gift"
    source.write_bytes(data)
    code, _out, err = run(capsys, "import", "gift", str(source), "--out", str(tmp_path / "o"))
    assert code == 2
    assert message in err
    assert str(source) in err
    assert not (tmp_path / "o").exists()


def test_missing_file_and_nothing_importable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "import", "gift", str(tmp_path / "absent.gift"), "--out", str(tmp_path)
    )
    assert (code, "fichier introuvable" in err) == (2, True)
    source = tmp_path / "essais.gift"
    source.write_text("::Essai::Racontez.{}\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "gift", str(source), "--out", str(tmp_path / "o"))
    assert code == 1
    assert "aucune question importable, rien n'est écrit" in err
    assert not (tmp_path / "o").exists()


def test_import_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["import", "gift", "banque.gift"])
    assert stop.value.code == 2
    assert "argument(s) obligatoire(s) manquant(s) : --out" in capsys.readouterr().err


def test_export_to_screen_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "gift", "comite-lancement")
    assert code == 0
    assert "Non exportée : « a4-repartition-2022 » (remettre dans l'ordre)" in err
    parsed = parse_gift(out)
    assert parsed.errors == [] and len(parsed.questions) == 9

    target = tmp_path / "comite.gift"
    code, out, _ = run(capsys, "export", "gift", "comite-lancement", "--out", str(target))
    assert code == 0
    assert f"9 questions écrites dans {target}" in out
    assert len(parse_gift(target.read_text("utf-8")).questions) == 9


def test_export_unknown_deck(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "gift", "comite-lancemen")
    assert code == 2
    assert "série inconnue « comite-lancemen »" in err
    assert "comite-lancement" in err


def test_format_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export")
    assert code == 2
    assert "précisez un format (gift)" in err
