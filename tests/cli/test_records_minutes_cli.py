"""`nrgame records minutes SESSION`: the minutes made again from the record, after the fact."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.content import Audience
from nrgame.core.sessions import AudienceCount
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.recorded_sessions import correct_audience
from tests.conftest import FIXTURES

CONTENT = ["--content", str(FIXTURES / "content")]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*CONTENT, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _played(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    code, out, err = _run(
        capsys,
        *("quiz", "mini", "--db", str(db), "--json"),
        *("--answers", str(FIXTURES / "sheets" / "equipes.txt")),
        *("--teams", "Castors,Hérons,Loutres", "--kind", "comite", "--date", "02/03/2026"),
        *("--audience", "agents=12,élus=3~"),
    )
    assert code == 0, err
    session: str = json.loads(out)["session"]
    return session


def test_minutes_made_after_an_audience_correction_show_the_corrected_audience(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, own_downloads_folder: Path
) -> None:
    db = tmp_path / "db.sqlite3"
    session = _played(capsys, db)
    store = SqliteStore(db)
    try:
        correct_audience(
            store,
            session,
            [AudienceCount(Audience.AGENTS, 20), AudienceCount(Audience.ELUS, 4)],
            datetime(2026, 3, 3, 10, 0),
            "recompté sur la feuille d'émargement",
        )
    finally:
        store.close()
    code, out, err = _run(capsys, "records", "minutes", session[:8], "--db", str(db))
    assert code == 0, err
    written = own_downloads_folder / "compte-rendu-2026-03-02-comite.md"
    assert out == f"Compte rendu écrit dans {written}.\n"
    text = written.read_text(encoding="utf-8")
    assert "- **Public** : 24 personnes : 20 agents (compté), 4 élus (compté)" in text
    assert "15 personnes" not in text
    assert "- **Horaires** : de " in text
    assert "| Question | Bonnes réponses | À retenir |" in text
    assert session not in text and session[:8] not in text


def test_minutes_as_odt_carry_the_same_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite3"
    session = _played(capsys, db)
    out = tmp_path / "cr.odt"
    code, _, err = _run(
        capsys, "records", "minutes", session, "--db", str(db), "--format", "odt", "--out", str(out)
    )
    assert code == 0, err
    with zipfile.ZipFile(out) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        body = odt.read("content.xml").decode("utf-8")
    assert "Comité de lancement du 2 mars 2026" in body
    assert "15 personnes : 12 agents (compté), 3 élus (estimation)" in body
    assert "<table:table-cell" in body and "À retenir" in body
    assert "**" not in body and "|---" not in body


def test_an_unknown_session_is_said_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, own_downloads_folder: Path
) -> None:
    db = tmp_path / "db.sqlite3"
    _played(capsys, db)
    code, out, err = _run(capsys, "records", "minutes", "zzzz", "--db", str(db))
    assert code == 1 and out == ""
    assert err == "nrgame records : aucune séance ne commence par « zzzz »\n"
    assert not own_downloads_folder.exists()  # nothing written, not even the folder
