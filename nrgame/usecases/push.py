"""Push a laptop's sessions to the authority's shared base (`nrgame records push`).

Each session travels whole (audience, partners, answers, turns, attestations, corrections),
known by its UUID, in a transaction of its own on the shared base: a push cut off midway
leaves every session there complete or absent, and the next push sends the rest. A session
already there with the same content is skipped; one there with other content is a conflict,
reported and never overwritten. Sessions still running are sent once finished or abandoned,
so that a session is not sent half played. The learners and their review cards follow, merged
as an import merges them (storage/exchange.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nrgame.core.sessions import RUNNING
from nrgame.storage.exchange import ImportResult, export_records, import_records
from nrgame.storage.records_file import RecordsFileError
from nrgame.usecases.open_store import Store


@dataclass
class Pushed:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """Sessions on the shared base with other content: left as they are there."""
    running: list[str] = field(default_factory=list)
    """Sessions still being played here: sent by a later push."""
    learners: ImportResult = field(default_factory=ImportResult)


def push(
    local: Store,
    shared: Store,
    at: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> Pushed:
    """Send to `shared` every session of `local` not yet there; `progress(done, total)` is
    told after each session."""
    data = export_records(local, at)
    done = Pushed()
    entries = data["sessions"]
    source = f"la base {local.path}"
    for number, entry in enumerate(entries, start=1):
        if entry["session"]["status"] == RUNNING:
            done.running.append(entry["session"]["id"])
        else:
            result = _send(shared, entry, source)
            done.added += result.added
            done.unchanged += result.unchanged
            done.conflicts += result.conflicts
        if progress is not None:
            progress(number, len(entries))
    if data["learners"]:
        done.learners = import_records(
            shared, {"sessions": [], "learners": data["learners"]}, source
        )
    return done


def _send(shared: Store, entry: dict[str, Any], source: str) -> ImportResult:
    """One session in one transaction. Another laptop pushing the same session at the same
    moment gets its insert refused: read again, the session is there and is compared."""
    try:
        return import_records(shared, {"sessions": [entry]}, source)
    except RecordsFileError:
        return import_records(shared, {"sessions": [entry]}, source)
