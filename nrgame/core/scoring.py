"""What a response is, and the error for one that does not fit its question.

Every score lies between 0 and 1 and speed never counts; each kind's rule is written in its
module of `nrgame/core/kinds/`, and `nrgame.core.kinds.score` scores any question.
"""

from __future__ import annotations

Response = int | frozenset[int] | bool | float | tuple[int, ...]
"""choice: option index; multi: option indexes; truefalse: bool; estimate: number;
order: item indexes in the order given; match: for each left item, the right item's index."""


class InvalidResponse(ValueError):
    """A response that does not fit the question (wrong type, index out of range…)."""
