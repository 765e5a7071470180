"""Every file nrgame writes is written whole or not at all (core/files.py): a disk that fills
up during the second export leaves the first one whole, never a truncated or empty file, and
the message is French (« disque plein », not « No space left on device »)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.files import write_atomic
from nrgame.storage.sqlite import SqliteStore
from tests.conftest import FIXTURES


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text("ancien", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "nouveau contenu")
    assert path.read_text(encoding="utf-8") == "nouveau contenu"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_a_failed_write_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.json"
    path.write_text("la bonne version", encoding="utf-8")
    disk_full(monkeypatch)
    with pytest.raises(OSError) as caught:
        write_atomic(path, "x" * 100_000)
    assert caught.value.strerror == "disque plein"
    assert path.read_text(encoding="utf-8") == "la bonne version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]  # nothing left over


def test_report_out_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bilan.csv"
    db = ["--db", str(tmp_path / "db.sqlite3")]
    SqliteStore(tmp_path / "db.sqlite3").close()  # a report reads a base that exists
    assert main(["report", *db, "--out", str(out)]) == 0
    good = out.read_bytes()
    assert good
    capsys.readouterr()
    disk_full(monkeypatch)
    assert main(["report", *db, "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "disque plein" in err and "No space" not in err
    assert out.read_bytes() == good


def test_minutes_on_a_full_disk_leave_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = tmp_path / "compte-rendu.md"
    store = tmp_path / "db.sqlite3"
    SqliteStore(store).close()  # the base exists before the disk fills
    capsys.readouterr()
    real_fsync = os.fsync

    def full_for_files(fd: int) -> None:  # SQLite's own writes still go through
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).endswith(".partiel"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_for_files)
    code = main(
        [
            *("--content", str(FIXTURES / "content"), "quiz", "mini", "--db", str(store)),
            *("--answers", str(FIXTURES / "sheets" / "salle.txt"), "--salle"),
            *("--kind", "atelier", "--date", "2026-02-02", "--audience", "agents=14"),
            *("--minutes", str(minutes)),
        ]
    )
    err = capsys.readouterr().err
    assert "compte rendu non écrit" in err and "disque plein" in err, err
    assert code != 0 or "la séance est enregistrée" in err
    assert not minutes.exists()
    assert [p.name for p in tmp_path.iterdir() if "compte-rendu" in p.name] == []
