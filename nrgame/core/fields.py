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
    """Unknown keys are errors; loaded content never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
