"""Board scenarios: what authors write in YAML to describe an Econumia-style game.

A scenario gives an authority, its resources per turn, the six strategy axes of the MiNumEco
guide with a maturity track each, the indicators the game follows, action cards, event cards,
objectives, a score and debrief questions. The rules that play it live in board.py.

References between parts of a scenario (a prerequisite naming a card, an effect naming an
indicator…) are checked by `scenario_checks.scenario_problems`, which the catalog calls so that
every mistake comes out with its file and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from nrgame.core.fields import Id, ShortText, Strict, Text, Url

AxisNumber = Annotated[int, Field(ge=1, le=6, description="Axe de la stratégie (1 à 6).")]
Level = Annotated[int, Field(ge=0, le=4, description="Niveau de maturité (0 à 4).")]
MAX_LEVEL = 4

BUDGET = "budget"
DAYS = "jours"
AXIS_TARGETS = {f"axe-{n}": n for n in range(1, 7)}
"""Reserved effect targets besides indicator ids: the two resources and the six tracks."""


class AuthorityKind(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    DEPARTEMENT = "departement"
    REGION = "region"

    @property
    def label(self) -> str:
        return {
            "commune": "commune",
            "epci": "EPCI",
            "departement": "département",
            "region": "région",
        }[self.value]


class Role(StrEnum):
    """Who would own an action in the real roadmap."""

    ELU = "elu"
    DGS = "dgs"
    DSI = "dsi"
    ACHATS = "achats"
    COMMUNICATION = "communication"
    RH = "rh"
    FINANCES = "finances"
    DEVELOPPEMENT_DURABLE = "developpement-durable"
    ARCHIVES = "archives"
    DPO = "dpo"
    SERVICES_TECHNIQUES = "services-techniques"
    DECHETS = "dechets"
    MEDIATION = "mediation"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.ELU: "Élu référent",
    Role.DGS: "Direction générale",
    Role.DSI: "DSI",
    Role.ACHATS: "Achats et commande publique",
    Role.COMMUNICATION: "Communication",
    Role.RH: "RH et formation",
    Role.FINANCES: "Finances",
    Role.DEVELOPPEMENT_DURABLE: "Développement durable",
    Role.ARCHIVES: "Archives",
    Role.DPO: "Délégué à la protection des données",
    Role.SERVICES_TECHNIQUES: "Services techniques",
    Role.DECHETS: "Déchets et économie circulaire",
    Role.MEDIATION: "Médiation numérique",
}


class Mode(StrEnum):
    COOPERATIVE = "cooperatif"
    COMPETITIVE = "competitif"


class When(StrEnum):
    """When an effect applies."""

    ONCE = "une-fois"
    DURING = "pendant"
    AFTER = "ensuite"


class Equipment(Strict):
    """One line of the equipment fleet."""

    label: ShortText = Field(description="Type d'équipement (postes de travail, smartphones…).")
    count: int = Field(ge=0, description="Nombre d'équipements.")
    lifetime: float | None = Field(
        default=None, gt=0, le=30, description="Durée de vie moyenne actuelle, en années."
    )


class Resources(Strict):
    """What the team may spend each turn."""

    budget: int = Field(ge=0, le=100_000, description="Budget par tour, en milliers d'euros.")
    days: int = Field(ge=0, le=100_000, description="Jours-agents disponibles par tour.")
    carry: bool = Field(
        default=False, description="true : ce qui n'est pas dépensé passe au tour suivant."
    )


class Authority(Strict):
    """The (fictional) authority the team plays."""

    name: ShortText = Field(description="Nom de la collectivité (fictive par défaut).")
    kind: AuthorityKind = Field(description="commune, epci, departement ou region.")
    population: int = Field(ge=0, description="Nombre d'habitants.")
    agents: int = Field(ge=0, description="Nombre d'agents.")
    fleet: list[Equipment] = Field(default_factory=list, description="Parc d'équipements.")
    resources: Resources = Field(description="Ressources par tour (budget, jours-agents).")
    description: Text | None = Field(default=None, description="Contexte lu aux joueurs.")


class AxisStart(Strict):
    """Where one of the six axes starts."""

    axis: AxisNumber
    maturity: Level = Field(description="Maturité de départ (0 à 4).")
    note: ShortText | None = Field(default=None, description="Situation de départ, en clair.")


class Indicator(Strict):
    """A number the game follows (game numbers, never real REEN indicators)."""

    id: Id
    label: ShortText = Field(description="Nom affiché (ex. « Part des achats issus du réemploi »).")
    unit: ShortText = Field(description="Unité (%, t CO2e, ateliers, personnes…).")
    start: float = Field(default=0, description="Valeur au début de la partie.")
    min: float | None = Field(default=None, description="Plancher (facultatif).")
    max: float | None = Field(default=None, description="Plafond (facultatif, ex. 100 pour un %).")
    figures: list[Id] = Field(default_factory=list, description="Chiffres clés qui l'éclairent.")

    @model_validator(mode="after")
    def _bounds(self) -> Indicator:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("le plancher (min) dépasse le plafond (max)")
        for bound, name in ((self.min, "plancher"), (self.max, "plafond")):
            if bound is None:
                continue
            if (name == "plancher" and self.start < bound) or (
                name == "plafond" and self.start > bound
            ):
                raise ValueError(f"la valeur de départ {self.start:g} sort du {name} {bound:g}")
        return self


class Effect(Strict):
    """A change to an indicator, a maturity track or a resource."""

    target: Id = Field(
        description="Indicateur (son identifiant), « axe-1 » à « axe-6 » (maturité), "
        "« budget » (k€) ou « jours » (jours-agents)."
    )
    add: float = Field(description="Variation (négative pour une baisse).")
    when: When = Field(
        default=When.ONCE,
        description="« une-fois » (à la fin de l'action ; tout de suite pour un événement), "
        "« pendant » (à chaque tour où l'action court) ou « ensuite » (à chaque tour "
        "après, jusqu'à la fin de la partie).",
    )

    @model_validator(mode="after")
    def _whole_levels(self) -> Effect:
        if self.target in AXIS_TARGETS and self.add != int(self.add):
            raise ValueError("la maturité d'un axe change par niveaux entiers")
        if self.target in (BUDGET, DAYS) and self.add != int(self.add):
            raise ValueError("le budget et les jours-agents changent par nombres entiers")
        return self


class Window(Strict):
    """A span of turns: when a random event may be drawn, or when a card may be started."""

    first: int = Field(ge=1, description="Premier tour possible.")
    last: int = Field(ge=1, description="Dernier tour possible.")

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.first > self.last:
            raise ValueError("le premier tour de la fenêtre est après le dernier")
        return self


class Cost(Strict):
    budget: int = Field(default=0, ge=0, description="Coût en milliers d'euros.")
    days: int = Field(default=0, ge=0, description="Coût en jours-agents.")


class Synergy(Strict):
    """Extra effects once this card and another one are both finished."""

    card: Id = Field(description="L'autre carte.")
    effects: list[Effect] = Field(min_length=1)
    text: ShortText | None = Field(default=None, description="Pourquoi les deux vont ensemble.")

    @model_validator(mode="after")
    def _no_during(self) -> Synergy:
        if any(e.when == When.DURING for e in self.effects):
            raise ValueError("une synergie agit « une-fois » ou « ensuite », pas « pendant »")
        return self


class Card(Strict):
    """An action the team may start: it costs resources now and pays off later."""

    id: Id
    axis: AxisNumber
    title: ShortText = Field(description="Titre de l'action.")
    text: Text = Field(description="Ce que fait l'action, en deux ou trois phrases.")
    cost: Cost
    duration: int = Field(default=1, ge=1, le=12, description="Durée en tours.")
    requires: list[Id] = Field(
        default_factory=list, description="Cartes à avoir terminées avant de commencer celle-ci."
    )
    maturity: dict[AxisNumber, Level] = Field(
        default_factory=dict, description="Maturité minimale requise, par axe (ex. {4: 2})."
    )
    window: Window | None = Field(
        default=None, description="Tours où l'on peut l'engager (ex. avant l'événement)."
    )
    effects: list[Effect] = Field(default_factory=list)
    synergies: list[Synergy] = Field(default_factory=list)
    owner: Role = Field(description="Qui porterait l'action (dsi, achats, communication, elu…).")
    measure: ShortText = Field(description="Indicateur de suivi dans la vraie feuille de route.")
    target: ShortText = Field(description="Cible dans la vraie feuille de route.")
    figures: list[Id] = Field(default_factory=list, description="Chiffres clés qui la fondent.")
    link: Url | None = Field(default=None, description="Fiche ou guide pour aller plus loin.")

    @model_validator(mode="after")
    def _effects_once_or_during(self) -> Card:
        if not self.effects and not self.synergies:
            raise ValueError("une carte doit avoir au moins un effet ou une synergie")
        return self


class Event(Strict):
    """Something that happens to the authority: on a set turn, or drawn within a window."""

    id: Id
    title: ShortText
    text: Text = Field(description="Ce qui arrive, lu à la table.")
    turn: int | None = Field(default=None, ge=1, description="Tour fixe (événement scripté).")
    window: Window | None = Field(default=None, description="Fenêtre de tirage (aléatoire).")
    chance: float = Field(
        default=1, gt=0, le=1, description="Probabilité qu'il arrive (tirage avec la graine)."
    )
    effects: list[Effect] = Field(default_factory=list)
    softened_by: list[Id] = Field(
        default_factory=list,
        description="Cartes qui l'atténuent si elles sont terminées ou en cours quand il arrive.",
    )
    softened: list[Effect] = Field(
        default_factory=list, description="Effets appliqués à la place quand il est atténué."
    )
    figures: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _when(self) -> Event:
        if (self.turn is None) == (self.window is None):
            raise ValueError("un événement a soit un tour fixe (turn), soit une fenêtre (window)")
        if any(e.when == When.DURING for e in (*self.effects, *self.softened)):
            raise ValueError("un événement agit « une-fois » ou « ensuite », pas « pendant »")
        if self.softened and not self.softened_by:
            raise ValueError("des effets atténués (softened) sans carte qui atténue (softened_by)")
        return self


class Objective(Strict):
    """What the team aims at: an indicator or track level, or cards finished, maybe by a turn."""

    id: Id
    text: ShortText = Field(description="L'objectif en clair.")
    mandatory: bool = Field(default=False, description="true : indispensable pour gagner.")
    points: int = Field(default=0, ge=0, le=10_000, description="Points s'il est atteint.")
    target: Id | None = Field(default=None, description="Indicateur ou « axe-N » visé.")
    min: float | None = Field(default=None, description="Valeur à atteindre au moins.")
    max: float | None = Field(default=None, description="Valeur à ne pas dépasser.")
    cards: list[Id] = Field(default_factory=list, description="Cartes à avoir terminées.")
    by: int | None = Field(
        default=None,
        ge=1,
        description="Au plus tard à la fin de ce tour (sinon : en fin de partie).",
    )
    figures: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _condition(self) -> Objective:
        has_bound = self.min is not None or self.max is not None
        if self.target is None and not self.cards:
            raise ValueError("un objectif vise un indicateur (target) ou des cartes (cards)")
        if self.target is not None and not has_bound:
            raise ValueError("un objectif sur un indicateur a un seuil : min ou max")
        if self.target is None and has_bound:
            raise ValueError("min et max n'ont de sens qu'avec un indicateur (target)")
        return self


class Weight(Strict):
    indicator: Id = Field(description="Indicateur compté dans le score.")
    per: float = Field(description="Points par unité gagnée depuis le début de la partie.")


class Scoring(Strict):
    """Score = points of objectives met + points per maturity level gained + weighted gains."""

    maturity: float = Field(default=0, description="Points par niveau de maturité gagné.")
    indicators: list[Weight] = Field(default_factory=list)
    win: float = Field(
        default=0, description="Score minimal pour gagner, en plus des objectifs obligatoires."
    )


class Turns(Strict):
    """How many turns and what one stands for."""

    count: int = Field(ge=1, le=30, description="Nombre de tours.")
    unit: ShortText = Field(description="Ce que représente un tour (semestre, semaine…).")
    start: dt.date = Field(description="Date du début du premier tour (AAAA-MM-JJ).")
    months: int | None = Field(default=None, ge=1, le=24, description="Durée d'un tour en mois.")
    days: int | None = Field(default=None, ge=1, le=366, description="Durée d'un tour en jours.")

    @model_validator(mode="after")
    def _one_length(self) -> Turns:
        if (self.months is None) == (self.days is None):
            raise ValueError("indiquer la durée d'un tour : months ou days (l'un des deux)")
        return self

    def begins(self, turn: int, start: dt.date | None = None) -> dt.date:
        """The first day of a turn (1-based), counted from `start` (by default the scenario's
        own start; a roadmap counts from the day the game is played)."""
        start = self.start if start is None else start
        if self.days is not None:
            return start + dt.timedelta(days=self.days * (turn - 1))
        assert self.months is not None
        month = start.month - 1 + self.months * (turn - 1)
        year, month = start.year + month // 12, month % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(start.day, last))

    def ends(self, turn: int, start: dt.date | None = None) -> dt.date:
        """The last day of a turn (1-based): the due date of what finishes then."""
        return self.begins(turn + 1, start) - dt.timedelta(days=1)


class Scenario(Strict):
    """A whole board game: authority, axes, indicators, cards, events, turns, objectives."""

    id: Id
    title: ShortText
    summary: Text = Field(description="Présentation lue à la table avant de jouer.")
    duration: int = Field(ge=10, le=300, description="Durée prévue de la partie, en minutes.")
    players: ShortText = Field(default="4 à 8", description="Nombre de joueurs conseillé.")
    mode: Mode = Field(default=Mode.COOPERATIVE, description="cooperatif (défaut) ou competitif.")
    teams: int = Field(
        default=2, ge=2, le=6, description="Nombre d'équipes en mode compétitif (même partie)."
    )
    seed: int = Field(default=0, ge=0, description="Graine par défaut des tirages.")
    authority: Authority
    axes: list[AxisStart] = Field(min_length=6, max_length=6, description="Les six axes.")
    indicators: list[Indicator] = Field(default_factory=list)
    cards: list[Card] = Field(min_length=1)
    events: list[Event] = Field(default_factory=list)
    turns: Turns
    objectives: list[Objective] = Field(min_length=1)
    score: Scoring = Field(default_factory=Scoring)
    debrief: list[Text] = Field(min_length=1, description="Questions pour le débriefing.")

    @model_validator(mode="after")
    def _six_axes(self) -> Scenario:
        numbers = sorted(a.axis for a in self.axes)
        if numbers != [1, 2, 3, 4, 5, 6]:
            raise ValueError("les six axes (1 à 6) doivent apparaître une fois chacun")
        return self

    def figure_ids(self) -> set[str]:
        """Every key figure the scenario cites (cards, indicators, events, objectives)."""
        parts: list[Card | Indicator | Event | Objective] = [
            *self.cards,
            *self.indicators,
            *self.events,
            *self.objectives,
        ]
        return {fid for part in parts for fid in part.figures}

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)
