from __future__ import annotations

from datetime import date

import pytest

from nrgame.core.content import Audience
from nrgame.core.declare import DeclareError, describe_audience, parse_audience, parse_partners
from nrgame.core.french import DateError, long_date, parse_day
from nrgame.core.sessions import AudienceCount, Partner


def test_audience_counted_or_estimated_with_or_without_accents() -> None:
    audience = parse_audience(["agents=12,élus=3~", "Citoyens = 40 ~"])
    assert audience == [
        AudienceCount(Audience.AGENTS, 12),
        AudienceCount(Audience.ELUS, 3, estimated=True),
        AudienceCount(Audience.CITOYENS, 40, estimated=True),
    ]
    assert describe_audience(audience) == (
        "55 personnes : 12 agents (compté), 3 élus (estimation), 40 citoyens (estimation)"
    )
    assert describe_audience([]) == "non déclaré"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("agents", "public=effectif attendu"),
        ("touristes=3", "public « touristes » inconnu"),
        ("agents=douze", "« douze » n'est pas un effectif"),
        ("agents=-2", "n'est pas un effectif"),
        ("agents=2,agents=3", "donné deux fois"),
    ],
)
def test_audience_mistakes_are_named(spec: str, message: str) -> None:
    with pytest.raises(DeclareError, match=message):
        parse_audience([spec])


def test_partners_with_an_optional_kind() -> None:
    assert parse_partners("Repair café du quartier (association); Lycée Jean-Moulin ;") == [
        Partner("Repair café du quartier", "association"),
        Partner("Lycée Jean-Moulin", ""),
    ]
    with pytest.raises(DeclareError, match="nom du partenaire manque"):
        parse_partners("(association)")


def test_dates_the_french_way_or_iso() -> None:
    assert parse_day("02/03/2026") == parse_day("2026-03-02") == date(2026, 3, 2)
    assert long_date(date(2026, 4, 1)) == "1er avril 2026"
    assert long_date(date(2026, 8, 15)) == "15 août 2026"
    with pytest.raises(DateError, match="n'est pas une date qui existe"):
        parse_day("31/02/2026")
    with pytest.raises(DateError, match="jj/mm/aaaa"):
        parse_day("mardi")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e9", "sans puissance de dix"),
        ("12,5", "sans virgule"),
        ("12.5", "pas de décimales"),
        ("-3", "nombre négatif"),
        ("１２", "écrit en chiffres"),  # full-width digits are digits to Python, not to us
        ("²", "écrit en chiffres"),
        ("", "rien n'est saisi"),
        ("1000000000", "plus que le maximum accepté pour une séance"),
    ],
)
def test_counts_are_whole_numbers_parsed_strictly(typed: str, message: str) -> None:
    with pytest.raises(DeclareError, match=message) as caught:
        parse_audience([f"agents={typed}"])
    assert str(caught.value).startswith("Agents : ")


def test_thousands_may_be_spaced() -> None:
    assert parse_audience(["citoyens=1 200~"]) == [AudienceCount(Audience.CITOYENS, 1200, True)]


def test_counts_above_their_plausible_bound_are_named_for_a_confirmation() -> None:
    from nrgame.core.declare import PLAUSIBLE, implausible

    audience = parse_audience(["agents=501,elus=150,citoyens=1000~"])
    assert PLAUSIBLE[Audience.ELUS] == 150
    assert implausible(audience) == ["501 agents (au-delà de 500 pour une séance)"]
    assert implausible(parse_audience(["agents=500"])) == []
