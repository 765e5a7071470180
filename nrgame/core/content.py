"""Content model: what authors write in YAML, validated strictly.

Every model forbids unknown keys, so a typo in a key is an error with its line rather than a
silently ignored field. Field descriptions are French because they end up in the JSON Schema
that an author's editor shows while they type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from nrgame.core.characters import char_name, excerpt
from nrgame.core.fields import Id, ShortText, Strict, Text
from nrgame.core.scenario import Scenario

AXES: dict[int, str] = {
    1: "Commande publique",
    2: "Cycle de vie du matériel",
    3: "Écoconception des services numériques",
    4: "Sensibilisation des agents et des élus",
    5: "Sensibilisation des citoyens",
    6: "Territoire connecté et données",
}
"""The six strategy axes of the MiNumEco guide for local authorities."""


class Audience(StrEnum):
    """Audience segments, as counted for the REEN indicators."""

    AGENTS = "agents"
    ELUS = "elus"
    CITOYENS = "citoyens"
    SCOLAIRES = "scolaires"
    ASSOCIATIONS = "associations"
    ENTREPRISES = "entreprises"
    PARTENAIRES = "partenaires"

    @property
    def label(self) -> str:
        return AUDIENCE_LABELS[self]


AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.AGENTS: "agents",
    Audience.ELUS: "élus",
    Audience.CITOYENS: "citoyens",
    Audience.SCOLAIRES: "scolaires",
    Audience.ASSOCIATIONS: "associations",
    Audience.ENTREPRISES: "entreprises",
    Audience.PARTENAIRES: "partenaires",
}


class Source(Strict):
    """Where a figure or a statement comes from."""

    publisher: ShortText = Field(description="Auteur original du chiffre (ADEME, Arcep…).")
    title: ShortText = Field(description="Titre du document.")
    year: int | None = Field(
        ge=1990,
        le=2100,
        description="Année de l'édition lue ou de sa dernière mise à jour (null si inconnue).",
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        default=None, description="Page effectivement lue."
    )

    def citation(self) -> str:
        """« ADEME, « Titre », 2025 » — the way every figure is credited on screen and paper."""
        year = str(self.year) if self.year else "année non précisée"
        return f"{self.publisher}, « {self.title} », {year}"

    @property
    def address(self) -> str | None:
        """The page read, short enough for a projected screen: « infos.ademe.fr/?p=10709258 »."""
        if self.url is None:
            return None
        short = re.sub(r"^https?://(www\.)?", "", self.url).rstrip("/")
        return short if len(short) <= ADDRESS_CHARS else short[: ADDRESS_CHARS - 1] + "…"

    def credit(self) -> str:
        """The citation followed by the short address, as shown with a figure at reveal."""
        address = self.address
        return f"{self.citation()} ({address})" if address else self.citation()


ADDRESS_CHARS = 60
"""Longest address shown on screen; the minutes give the full one."""

EDITORIAL_MARKERS: tuple[str, ...] = (
    "à utiliser",
    "à présenter",
    "à ne pas",
    "en quiz",
    "idée reçue",
    "vérifier",
    "non vérifié",
    "pas pu être vérifié",
    "seconde main",
    "cabinet d'avocats",
    "animateur",
)
"""Phrases that speak to the author or the facilitator, not to the room: they belong in a
figure's `facilitator` note, never in its public `caveat`."""

_CAPITALS = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_SHOUTING = re.compile(
    rf"\b(?=[{_CAPITALS}]{{3,}}\b)[A-Z]*[ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ][{_CAPITALS}]*\b|\b[A-Z]{{8,}}\b"
)
"""A word in capitals with an accent (« REMPLACÉ », « CONTESTÉ ») or of eight capitals or more
(« UNIQUEMENT »): emphasis meant for an author. Acronyms (ADEME, RGESN) are shorter."""


def editorial_marker(text: str) -> str | None:
    """The first remark for authors found in a public text, if any."""
    lowered = text.lower()
    for marker in EDITORIAL_MARKERS:
        if marker in lowered:
            return marker
    shouting = _SHOUTING.search(text)
    return shouting.group(0) if shouting else None


class Figure(Strict):
    """A sourced, dated key figure. Questions refer to it by id."""

    id: Id
    statement: Text = Field(description="Le chiffre en une phrase, tel qu'on le présente.")
    value: float
    unit: ShortText
    scope: ShortText = Field(description="Périmètre : France, monde, collectivités…")
    data_year: int | None = Field(ge=1990, le=2100, description="Année des données.")
    projection: bool = Field(
        default=False, description="true : data_year est l'horizon d'une projection (2050)."
    )
    source: Source
    locator: ShortText | None = Field(
        default=None,
        description="Où la valeur se lit dans la source : page, section, article, minute.",
    )
    checked: date | None = Field(
        default=None,
        description="Date à laquelle la valeur a été relue dans sa source (pour un chiffre "
        "verified: false, date à laquelle on a constaté qu'elle ne pouvait pas l'être).",
    )
    caveat: Text = Field(
        description="Réserve publique : affichée avec le chiffre et reprise au compte rendu."
    )
    facilitator: Text | None = Field(
        default=None,
        description="Note pour l'animateur : jamais projetée, jamais reprise au compte rendu.",
    )
    verified: bool = Field(
        description="false : chiffre contesté, à n'utiliser que dans une question « idée reçue »."
    )
    notes: str | None = Field(default=None, description="Notes de recherche (non affichées).")

    @field_validator("caveat")
    @classmethod
    def _public_caveat(cls, caveat: str) -> str:
        marker = editorial_marker(caveat)
        if marker is not None:
            raise ValueError(
                f"la réserve est montrée à la salle et reprise au compte rendu : « {marker} » "
                "s'adresse à l'animateur, écrivez-le dans facilitator"
            )
        return caveat

    @model_validator(mode="after")
    def _projection_has_a_horizon(self) -> Figure:
        if self.projection and self.data_year is None:
            raise ValueError("une projection (projection: true) donne son horizon (data_year)")
        return self

    @property
    def period(self) -> str:
        """Where and when the figure holds: « France, données 2022 », « Monde, projection pour
        2030 »."""
        if self.data_year is None:
            year = "année des données inconnue"
        elif self.projection:
            year = f"projection pour {self.data_year}"
        else:
            year = f"données {self.data_year}"
        return f"{self.scope}, {year}"


@dataclass(frozen=True)
class FigureText:
    """A key figure as every screen and sheet shows it: the statement, where and when it holds
    with its source, and its caveat. Plain text; a screen may style each part."""

    statement: str
    credit: str
    caveat: str

    CAVEAT_LABEL: ClassVar[str] = "Réserve : "

    def __str__(self) -> str:
        return f"{self.statement}\n{self.credit}\n{self.CAVEAT_LABEL}{self.caveat}"


def figure_text(figure: Figure) -> FigureText:
    return FigureText(
        figure.statement, f"{figure.period}. Source : {figure.source.credit()}.", figure.caveat
    )


class Difficulty(StrEnum):
    EASY = "facile"
    MEDIUM = "moyen"
    HARD = "difficile"


PLACEHOLDER = "à compléter"
"""Written by `nrgame import gift` where only an author can answer (source, year, unit…): a
question that still holds it, in a field or in its source, is refused."""


class QuestionBase(Strict):
    id: Id
    prompt: Text = Field(description="L'énoncé lu par les joueurs.")
    explanation: Text = Field(description="La correction : ce qu'on apprend au-delà de la réponse.")
    figures: list[Id] = Field(default_factory=list, description="Chiffres clés utilisés.")
    source: Source | None = Field(default=None, description="Source, si aucun chiffre n'est cité.")
    axis: int = Field(ge=1, le=6, description="Axe de la stratégie (1 à 6, guide MiNumEco).")
    theme: ShortText
    difficulty: Difficulty = Difficulty.MEDIUM
    audiences: list[Audience] = Field(min_length=1)
    tags: list[Id] = Field(default_factory=list)
    misconception: bool = Field(
        default=False,
        description="Question « idée reçue » : seule à pouvoir citer un chiffre non vérifié.",
    )
    notes: Text | None = Field(default=None, description="Notes pour l'animateur (facultatif).")

    @model_validator(mode="before")
    @classmethod
    def _filled_in(cls, data: Any) -> Any:
        if isinstance(data, dict):
            source = data.get("source")
            names = [str(k) for k, v in data.items() if v == PLACEHOLDER]
            if isinstance(source, dict):
                names += [f"source.{k}" for k, v in source.items() if v == PLACEHOLDER]
            if names:
                raise ValueError(f"« {PLACEHOLDER} » : renseignez {', '.join(names)}")
        return data

    @model_validator(mode="after")
    def _needs_a_source(self) -> QuestionBase:
        if not self.figures and self.source is None:
            raise ValueError("une question doit citer au moins un chiffre (figures) ou une source")
        return self


class ChoiceQuestion(QuestionBase):
    """One right answer among several options."""

    kind: Literal["choice"]
    options: list[ShortText] = Field(min_length=2, max_length=6)
    answer: ShortText = Field(description="Le texte exact de la bonne option.")

    @field_validator("options")
    @classmethod
    def _unique_options(cls, options: list[str]) -> list[str]:
        _check_unique(options, "options")
        return options

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: str, info: ValidationInfo) -> str:
        _check_option(answer, info.data.get("options"))
        return answer


class MultiQuestion(QuestionBase):
    """Several right answers among the options."""

    kind: Literal["multi"]
    options: list[ShortText] = Field(min_length=3, max_length=8)
    answers: list[ShortText] = Field(min_length=1)

    @field_validator("options")
    @classmethod
    def _unique_options(cls, options: list[str]) -> list[str]:
        _check_unique(options, "options")
        return options

    @field_validator("answers")
    @classmethod
    def _answers_are_options(cls, answers: list[str], info: ValidationInfo) -> list[str]:
        _check_unique(answers, "answers")
        for answer in answers:
            _check_option(answer, info.data.get("options"))
        return answers


class TrueFalseQuestion(QuestionBase):
    """A statement the players judge true or false."""

    kind: Literal["truefalse"]
    answer: bool


class Tolerance(Strict):
    """Accepted gap around the true value: absolute (in the unit) or relative (0.2 = ±20 %)."""

    absolute: float | None = Field(default=None, gt=0)
    relative: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _exactly_one(self) -> Tolerance:
        if (self.absolute is None) == (self.relative is None):
            raise ValueError("indiquer exactement une tolérance : absolute ou relative")
        return self

    def accepts(self, guess: float, truth: float) -> bool:
        gap = abs(guess - truth)
        if self.absolute is not None:
            return gap <= self.absolute + 1e-9
        assert self.relative is not None
        return gap <= self.relative * abs(truth) + 1e-9


class EstimateQuestion(QuestionBase):
    """A number to estimate, with its unit."""

    kind: Literal["estimate"]
    answer: float = Field(gt=0, description="La valeur exacte (strictement positive).")
    unit: ShortText
    tolerance: Tolerance


class OrderQuestion(QuestionBase):
    """Items to rank; written here in the right order, shown shuffled."""

    kind: Literal["order"]
    items: list[ShortText] = Field(min_length=3, max_length=7)

    @model_validator(mode="after")
    def _unique(self) -> OrderQuestion:
        _check_unique(self.items, "items")
        return self

    @property
    def shuffled_count(self) -> int:
        """How many entries the screen shows shuffled: the items."""
        return len(self.items)


class Pair(Strict):
    left: ShortText
    right: ShortText


class MatchQuestion(QuestionBase):
    """Pairs to match, e.g. an acronym and its meaning; the right column is shown shuffled."""

    kind: Literal["match"]
    pairs: list[Pair] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _unique(self) -> MatchQuestion:
        _check_unique([p.left for p in self.pairs], "pairs.left")
        _check_unique([p.right for p in self.pairs], "pairs.right")
        return self

    @property
    def shuffled_count(self) -> int:
        """How many entries the screen shows shuffled: the right-hand side of the pairs."""
        return len(self.pairs)


Question = Annotated[
    ChoiceQuestion
    | MultiQuestion
    | TrueFalseQuestion
    | EstimateQuestion
    | OrderQuestion
    | MatchQuestion,
    Field(discriminator="kind"),
]
"""One member per kind; every kind's other pieces are in `nrgame.core.kinds`."""
KindName = Literal["choice", "multi", "truefalse", "estimate", "order", "match"]
"""The `kind` of each member of Question (a test checks they are the same)."""


class Selection(Strict):
    """Questions drawn from the library by axis, theme, tag or kind."""

    axes: list[int] = Field(default_factory=list)
    themes: list[ShortText] = Field(default_factory=list)
    tags: list[Id] = Field(default_factory=list)
    kinds: list[KindName] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    count: int = Field(ge=1, le=500)
    seed: int = 0


class Deck(Strict):
    """A playable series of questions."""

    id: Id
    title: ShortText
    audience: ShortText = Field(description="À qui s'adresse la série, en clair.")
    description: Text
    duration: int = Field(ge=1, le=600, description="Durée prévue, en minutes.")
    questions: list[Id] = Field(default_factory=list, description="Questions, par identifiant.")
    select: Selection | None = Field(default=None, description="Tirage complémentaire.")
    attestation: bool = Field(
        default=False,
        description="true : série d'attestation, proposée comme test final de l'autoformation ; "
        "seules ces séries donnent une attestation (et une personne certifiée).",
    )
    pass_mark: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Seuil de réussite d'une série d'attestation, entre 0 et 1 (0.8 par défaut).",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Deck:
        if not self.questions and self.select is None:
            raise ValueError("une série doit lister des questions ou un tirage (select)")
        _check_unique(self.questions, "questions")
        return self


class ContentFile(Strict):
    """One YAML file: any mix of figures, questions, decks and board scenarios."""

    figures: list[Figure] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    decks: list[Deck] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)


def _check_unique(values: list[str], field: str) -> None:
    """Two values may not be the same, nor look the same: they are compared after Unicode
    normalisation (NFKC), where a non-breaking space is a space."""
    seen: dict[str, str] = {}
    for value in values:
        key = _look(value)
        if key in seen:
            if seen[key] == value:
                raise ValueError(f"« {excerpt(value)} » apparaît deux fois dans {field}")
            raise ValueError(
                f"« {excerpt(seen[key])} » et « {excerpt(value)} » se ressemblent trop dans "
                f"{field} : {_difference(seen[key], value)}"
            )
        seen[key] = value


def _look(text: str) -> str:
    """What a text looks like on screen: NFKC form, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _difference(expected: str, given: str) -> str:
    """The first character where two look-alike texts differ, named."""
    for index, (a, b) in enumerate(zip(expected, given, strict=False)):
        if a != b:
            return f"{char_name(b)} au lieu de {char_name(a)} (caractère {index + 1})"
    return "l'un est plus long que l'autre (espaces ?)"


def _check_option(answer: str, options: list[str] | None) -> None:
    if options is None or answer in options:  # without options, their own error is enough
        return
    shown = ", ".join(f"« {excerpt(option)} »" for option in options)
    near = next((option for option in options if _look(option) == _look(answer)), None)
    if near is not None:
        raise ValueError(
            f"la réponse « {excerpt(answer)} » ressemble à l'option « {excerpt(near)} » "
            f"sans être identique : {_difference(near, answer)} ; recopiez l'option telle quelle"
        )
    raise ValueError(f"la réponse « {excerpt(answer)} » ne figure pas dans les options ({shown})")
