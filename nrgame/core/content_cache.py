"""A validated catalog kept in the user's cache folder, so that a start need not re-read and
re-check content that has not changed since (docs/performance.md).

The cache is plain JSON, never executable: one file per list of content paths, holding the key
it was written for and the catalog's items as pydantic dumps them. The key names every content
file (path, size, modification time, SHA-256 of its bytes) and nrgame's version. The cache is
only used when its key equals the key of the files as they are now; anything else (a file
added, edited or removed, another version, a truncated or foreign file, an unreadable folder)
means a full validation, and a new cache when that validation finds no error. A catalog with
errors is never cached: its errors are worked out anew at every start, and shown.

The items are rebuilt by validating the cached JSON again (pydantic's JSON parser, without
YAML nor the loader's checks): what comes back is what the full validation built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nrgame import __version__
from nrgame.core.catalog import Catalog, Place, content_files, load_catalog
from nrgame.core.content import ContentFile

FORMAT = 1
"""Bumped whenever what the cache holds changes shape."""


def load_cached(paths: Sequence[Path], folder: Path) -> Catalog:
    """The catalog of `paths`, from the cache in `folder` when it is still true, else
    validated in full (and cached when valid)."""
    try:
        key = _key(paths)
    except OSError:  # a file vanished or cannot be read: the full load says which
        return load_catalog(paths)
    cache = folder / f"content-{_name(paths)}.json"
    catalog = _read(cache, key)
    if catalog is None:
        catalog = load_catalog(paths)
        if catalog.ok:
            _write(cache, key, catalog)
    return catalog


def _name(paths: Sequence[Path]) -> str:
    joined = "\n".join(os.path.abspath(p) for p in paths)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def _key(paths: Sequence[Path]) -> dict[str, Any]:
    files = []
    for path in content_files(paths):
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append([os.path.abspath(path), stat.st_size, stat.st_mtime_ns, digest])
    return {"format": FORMAT, "nrgame": __version__, "files": files}


def _read(cache: Path, key: dict[str, Any]) -> Catalog | None:
    """The cached catalog, or None if there is none, or it is not exactly what is expected."""
    try:
        data = json.loads(cache.read_bytes())
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        content = ContentFile.model_validate_json(data["content"])
        places = {
            item_id: Place(str(file), line if isinstance(line, int) else None)
            for item_id, (file, line) in data["places"].items()
        }
        catalog = Catalog(
            figures={f.id: f for f in content.figures},
            questions={q.id: q for q in content.questions},
            decks={d.id: d for d in content.decks},
            scenarios={s.id: s for s in content.scenarios},
            places=places,
            files=[Path(p) for p in data["files"]],
            version=str(data["version"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # ValueError covers broken JSON and pydantic's ValidationError; RecursionError, JSON
        # nested deeper than Python parses.
        return None
    return catalog


def _write(cache: Path, key: dict[str, Any], catalog: Catalog) -> None:
    """Write the cache whole or not at all: a reader never sees half a file."""
    content = ContentFile(
        figures=list(catalog.figures.values()),
        questions=list(catalog.questions.values()),
        decks=list(catalog.decks.values()),
        scenarios=list(catalog.scenarios.values()),
    )
    data = {
        "key": key,
        "version": catalog.version,
        "files": [str(p) for p in catalog.files],
        "places": {item_id: [p.file, p.line] for item_id, p in catalog.places.items()},
        "content": content.model_dump_json(),
    }
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:  # no cache this time: the next start validates again
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
