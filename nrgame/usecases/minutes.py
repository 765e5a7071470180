"""The minutes of a room session, regenerated from the record whenever they are asked for.

The set-up is read back from the store, so an audience corrected with « Corriger le public »
after the session is the one the minutes show; start and end are the recorded ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from nrgame.core.catalog import Catalog
from nrgame.core.files import os_reason, write_atomic
from nrgame.reports.minutes import render_minutes
from nrgame.storage.store import SessionRecord, Store, StoreError
from nrgame.usecases.play_quiz import ResumeError
from nrgame.usecases.run_room import RecordedRoom, find_session


class MinutesFormat(Enum):
    MARKDOWN = "md"
    ODT = "odt"


class MinutesError(Exception):
    """Why no minutes could be made or written, in French."""


@dataclass(frozen=True)
class Minutes:
    markdown: str
    stem: str
    """« compte-rendu-2026-03-02-comite »: the file name without its extension."""

    def filename(self, fmt: MinutesFormat) -> str:
        return f"{self.stem}.{fmt.value}"

    def content(self, fmt: MinutesFormat) -> str | bytes:
        if fmt is MinutesFormat.ODT:
            from nrgame.reports.minutes_odt import render_minutes_odt

            return render_minutes_odt(self.markdown)
        return self.markdown


def session_minutes(store: Store, catalog: Catalog, session: str) -> Minutes:
    """The minutes of the session named by its identifier or its first characters."""
    try:
        record = find_session(store, session)
    except StoreError as exc:
        raise MinutesError(str(exc)) from exc
    return minutes_of(store, catalog, record)


def minutes_of(store: Store, catalog: Catalog, record: SessionRecord) -> Minutes:
    ended = record.finished_at
    try:
        played = RecordedRoom.resume(store, catalog, record, lambda: ended or record.started_at)
    except ResumeError as exc:
        raise MinutesError(f"pas de compte rendu pour cette séance : {exc}") from exc
    setup = played.setup
    text = render_minutes(
        played.room, setup, catalog.figures, record.started_at, ended, played.before_after()
    )
    return Minutes(text, f"compte-rendu-{setup.day.isoformat()}-{setup.kind.value}")


def write_minutes(minutes: Minutes, path: Path, fmt: MinutesFormat) -> Path:
    """Write to `path` (a folder gets the default file name); returns the file written."""
    target = path / minutes.filename(fmt) if path.is_dir() else path
    try:
        write_atomic(target, minutes.content(fmt))
    except OSError as exc:
        raise MinutesError(f"compte rendu non écrit dans {target} ({os_reason(exc)})") from exc
    return target
