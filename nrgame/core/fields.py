"""Field types shared by every content model (questions, decks, scenarios).

They live apart from content.py so that scenario.py can build on them while content.py
imports the scenario models, without an import cycle.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
    Field(description="Identifiant : minuscules, chiffres et tirets (ex. « fr-empreinte-2022 »)."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Strict(BaseModel):
    """Unknown keys are errors; loaded content never changes; no NaN nor infinity (a figure or
    an answer must be a number one can show and compare).

    defer_build: a model's validator is compiled when first used rather than when its class is
    defined. Loading only ever validates whole files (ContentFile), whose validator covers
    every nested model, so the dozens of nested validators are never compiled at all
    (10 ms off the start-up, see docs/performance.md).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _no_boolean_as_number(cls, data: Any) -> Any:
        """true given for a number (`axis: true`) is not 1: pydantic would take it, so it is
        handed on as the text « true », which a number field refuses at its own line."""
        if not isinstance(data, dict):
            return data
        numbers, lists = _number_fields(cls)
        fixed: dict[str, Any] | None = None
        for name in numbers:
            if data.get(name).__class__ is bool:
                fixed = fixed or dict(data)
                fixed[name] = str(data[name]).lower()
        for name in lists:
            value = data.get(name)
            if isinstance(value, list) and any(item.__class__ is bool for item in value):
                fixed = fixed or dict(data)
                fixed[name] = [
                    str(item).lower() if item.__class__ is bool else item for item in value
                ]
        return data if fixed is None else fixed


@functools.cache
def _number_fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A model's fields that hold a number, and those that hold a list of numbers."""
    numbers, lists = [], []
    for name, info in model.model_fields.items():
        kinds = _leaves(info.annotation)
        if kinds & {int, float} and bool not in kinds:
            numbers.append(info.alias or name)
        elif typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation) or (None,)
            inner = _leaves(item)
            if inner & {int, float} and bool not in inner:
                lists.append(info.alias or name)
    return tuple(numbers), tuple(lists)


def _leaves(annotation: Any) -> set[Any]:
    """The plain types an annotation accepts: `int | None` gives {int, NoneType}."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return set().union(*(_leaves(arg) for arg in typing.get_args(annotation)))
    return {annotation}
