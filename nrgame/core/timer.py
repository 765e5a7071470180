"""The room's optional countdown."""

from __future__ import annotations

from datetime import datetime

from nrgame.core.sessions import Clock


class Timer:
    """A countdown read from an injected clock; it only ever reports, never acts."""

    def __init__(self, limit: float, clock: Clock) -> None:
        self.limit = limit
        self.clock = clock
        self._started = clock()
        self._paused_at: datetime | None = None
        self._paused_for = 0.0

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_for += (self.clock() - self._paused_at).total_seconds()
            self._paused_at = None

    def elapsed(self) -> float:
        now = self._paused_at or self.clock()
        return max(0.0, (now - self._started).total_seconds() - self._paused_for)

    def remaining(self) -> float:
        return max(0.0, self.limit - self.elapsed())

    @property
    def expired(self) -> bool:
        return self.elapsed() >= self.limit
