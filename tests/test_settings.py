"""The default folders are the user's real ones, read from the desktop's own settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from nrgame import settings


def test_downloads_dir_follows_french_xdg_user_dirs_and_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(
        'XDG_DOWNLOAD_DIR="$HOME/Téléchargements"\n', encoding="utf-8"
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)

    folder = settings.downloads_dir()

    assert folder == tmp_path / "Téléchargements"
    assert folder.is_dir()
