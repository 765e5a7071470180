"""The cache of validated content: used only while it is exactly true, rebuilt otherwise.

Each bad input (an edited content file, a truncated, foreign or older cache, a folder that
cannot be written) must lead to a full validation, whose result is what the app gets.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from nrgame import settings
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content_cache import load_cached

FIXTURES = Path(__file__).parents[1] / "fixtures"
PROMPT = "Lesquels sont des terminaux ?"


@pytest.fixture
def content(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", folder)
    return [folder]


def _cache_file(folder: Path) -> Path:
    (found,) = folder.glob("content-*.json")
    return found


def _same(a: Catalog, b: Catalog) -> None:
    assert a.figures == b.figures and list(a.figures) == list(b.figures)
    assert a.questions == b.questions and list(a.questions) == list(b.questions)
    assert a.decks == b.decks and a.scenarios == b.scenarios
    assert a.places == b.places and a.files == b.files and a.version == b.version
    assert a.errors == b.errors == []


def _prompts(catalog: Catalog) -> set[str]:
    return {q.prompt for q in catalog.questions.values()}


def _mark_cache(cache: Path) -> None:
    """Change one prompt inside the cache, key untouched: seen only if the cache is used."""
    data = json.loads(cache.read_text("utf-8"))
    data["content"] = data["content"].replace(PROMPT, "Marque du cache ?")
    cache.write_text(json.dumps(data), "utf-8")


def test_the_bundled_content_comes_back_from_the_cache_as_validated(tmp_path: Path) -> None:
    paths = [settings.bundled_content(), settings.bundled_scenarios()]
    validated = load_catalog(paths)
    assert validated.ok
    first = load_cached(paths, tmp_path)
    _same(first, validated)
    _mark_cache(_cache_file(tmp_path))  # the bundled content has no such prompt: unchanged
    _same(load_cached(paths, tmp_path), validated)


def test_a_warm_cache_is_used_while_nothing_changed(content: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _same(load_cached(content, folder), load_catalog(content))
    _mark_cache(_cache_file(folder))
    assert "Marque du cache ?" in _prompts(load_cached(content, folder))


def test_an_edited_content_file_is_validated_again(content: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_cached(content, folder)
    _mark_cache(_cache_file(folder))
    mini = content[0] / "mini.yaml"
    mini.write_text(mini.read_text("utf-8").replace(PROMPT, "Lesquels sont des écrans ?"), "utf-8")
    edited = load_cached(content, folder)
    assert "Lesquels sont des écrans ?" in _prompts(edited)
    assert "Marque du cache ?" not in _prompts(edited)
    _same(edited, load_catalog(content))
    _mark_cache(_cache_file(folder))  # the cache was rewritten for the edited file
    assert "Marque du cache ?" not in _prompts(load_cached(content, folder))


def test_a_file_added_beside_the_content_is_validated(content: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_cached(content, folder)
    _mark_cache(_cache_file(folder))
    (content[0] / "more.yaml").write_text("figures: []\n", "utf-8")
    assert "Marque du cache ?" not in _prompts(load_cached(content, folder))


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
        pytest.param(lambda text: "", id="empty"),
        pytest.param(lambda text: "[1, 2, 3]", id="foreign-json"),
        pytest.param(lambda text: "\x80\x04\x95 not json", id="foreign-bytes"),
        pytest.param(lambda text: "[" * 100_000 + "]" * 100_000, id="nested-too-deep"),
        pytest.param(
            lambda text: text.replace('"nrgame": "', '"nrgame": "0.0.0-'), id="another-version"
        ),
        pytest.param(
            lambda text: text.replace('"content": "{', '"content": "{\\"unknown\\": 1, '),
            id="invalid-items",
        ),
    ],
)
def test_a_spoilt_cache_is_ignored_and_rebuilt(
    content: list[Path], tmp_path: Path, spoil: Callable[[str], str]
) -> None:
    folder = tmp_path / "cache"
    load_cached(content, folder)
    cache = _cache_file(folder)
    _mark_cache(cache)
    cache.write_text(spoil(cache.read_text("utf-8")), "utf-8")
    rebuilt = load_cached(content, folder)
    _same(rebuilt, load_catalog(content))
    assert "Marque du cache ?" not in _prompts(rebuilt)
    data = json.loads(cache.read_text("utf-8"))  # rewritten whole
    assert PROMPT in data["content"]


def test_a_folder_that_cannot_hold_a_cache_only_costs_the_validation(
    content: list[Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", "utf-8")
    for _ in range(2):
        _same(load_cached(content, blocked / "cache"), load_catalog(content))
    assert blocked.read_text("utf-8") == ""


def test_a_cache_that_is_a_folder_is_ignored(content: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_cached(content, folder)
    cache = _cache_file(folder)
    cache.unlink()
    cache.mkdir()
    _same(load_cached(content, folder), load_catalog(content))


def test_content_with_errors_is_never_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bad.yaml").write_text("questions:\n  - id: q\n", "utf-8")
    folder = tmp_path / "cache"
    for _ in range(2):
        catalog = load_cached([bad], folder)
        assert catalog.errors and catalog.errors == load_catalog([bad]).errors
    assert not folder.exists() or not list(folder.iterdir())


def test_nrgame_check_validates_in_full_even_with_a_warm_cache(
    content: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from nrgame.cli import main

    load_cached(content, settings.cache_dir())
    cache = _cache_file(settings.cache_dir())
    data = json.loads(cache.read_text("utf-8"))
    data["content"] = json.dumps({**json.loads(data["content"]), "questions": []})
    cache.write_text(json.dumps(data), "utf-8")
    assert load_cached(content, settings.cache_dir()).questions == {}  # the cache is warm
    assert main(["check", "--json", str(content[0])]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["questions"] == len(load_catalog(content).questions) > 0
