"""Scripted runs (an answer sheet, a moves file) recorded only once: a run is known by the
digest of what it plays; run again, a finished run is refused and a cut-off one completed."""

from __future__ import annotations

from nrgame.core.sessions import FINISHED, RUNNING
from nrgame.storage.store import SessionRecord, Store


def earlier_runs(store: Store, digest: str) -> tuple[SessionRecord | None, SessionRecord | None]:
    """(the finished run of this digest, if any; else the newest run cut off, to complete)."""
    runs = store.runs_of(digest)
    done = [r for r in runs if r.status == FINISHED]
    if done:
        return done[0], None
    cut = [r for r in runs if r.status == RUNNING]
    return None, (cut[-1] if cut else None)
