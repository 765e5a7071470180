"""The suite never writes into the real home's downloads folder."""

from pathlib import Path

import pytest

from nrgame import settings


def test_downloads_go_to_a_folder_of_the_test(
    own_downloads_folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert settings.downloads_dir() == own_downloads_folder
    assert own_downloads_folder.is_dir()
    assert own_downloads_folder.is_relative_to(tmp_path_factory.getbasetemp())
