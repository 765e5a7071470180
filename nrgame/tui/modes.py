"""What each mode of the app allows: the one place that decides it.

The mode is chosen by whoever starts the app (`nrgame play --mode`, or `nrgame web`, which
fixes it in the command it serves), never by the person in front of the screen. In agent mode
every browser tab shares the server's base: only self-training is reachable, never the
records, the purge, the indicators, the rooms or the games, which show everyone's results.
"""

from __future__ import annotations

from typing import Literal, get_args

Mode = Literal["full", "agent"]
MODES: tuple[Mode, ...] = get_args(Mode)

AGENT_FORBIDDEN = frozenset({"records", "dashboard"})
"""The app-level actions an agent may not run, by key or palette (the purge is in records)."""


def allows(mode: Mode, action: str) -> bool:
    """Whether an app-level action may run in this mode."""
    return mode == "full" or action not in AGENT_FORBIDDEN


def allows_decks(mode: Mode) -> bool:
    """Whether decks, rooms and board games may be started (the palette's deck entries)."""
    return mode == "full"
