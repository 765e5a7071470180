"""Field types shared by every content model (questions, decks, scenarios).

They live apart from content.py so that scenario.py can build on them while content.py
imports the scenario models, without an import cycle.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
