"""What the room sees of a figure: the public caveat, the period (projections say so), the
source with its short address; what it never sees: the facilitator's note, in minutes too."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Figure, Source, editorial_marker
from nrgame.core.room import RoomSession
from nrgame.core.room_setup import AnswerMode, RoomConfig
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.reports.minutes import render_minutes

FIGURE = """\
figures:
  - id: essai-projection
    statement: "Un chiffre d'essai."
    value: 945
    unit: TWh
    scope: Monde
    data_year: 2030
    projection: true
    source: {{publisher: AIE, title: "Energy and AI", year: 2025}}
    locator: "résumé, scénario de référence"
    checked: 2026-12-01
    caveat: "{caveat}"
    facilitator: "Note pour l'animateur seulement."
    verified: true
"""


def _load(tmp_path: Path, caveat: str) -> Catalog:
    (tmp_path / "chiffres.yaml").write_text(FIGURE.format(caveat=caveat), encoding="utf-8")
    return load_catalog([tmp_path])


def test_a_projection_says_so_and_keeps_its_check(tmp_path: Path) -> None:
    catalog = _load(tmp_path, "Scénario de référence.")
    assert catalog.ok, catalog.errors
    figure = catalog.figures["essai-projection"]
    assert figure.period == "Monde, projection pour 2030"
    assert figure.checked == date(2026, 12, 1)
    assert figure.locator == "résumé, scénario de référence"


@pytest.mark.parametrize(
    ("caveat", "marker"),
    [
        ("À utiliser UNIQUEMENT comme idée reçue.", "à utiliser"),
        ("Chiffre REMPLACÉ par 4,4 %.", "REMPLACÉ"),
        ("Texte de loi cité par un cabinet d'avocats.", "cabinet d'avocats"),
    ],
)
def test_an_editorial_remark_in_a_caveat_is_refused_with_its_line(
    tmp_path: Path, caveat: str, marker: str
) -> None:
    catalog = _load(tmp_path, caveat)
    assert not catalog.ok
    (error,) = catalog.errors
    text = str(error)
    assert "chiffres.yaml, ligne 12, colonne 13" in text
    assert "[figures[1: essai-projection].caveat]" in text
    assert f"« {marker} »" in text and "facilitator" in text


def test_acronyms_and_sentence_capitals_are_not_editorial() -> None:
    assert editorial_marker("À l'ADEME, le RGESN et l'UNITAR comptent autrement.") is None
    assert editorial_marker("IMPORTANT : relire") == "IMPORTANT"


def test_the_short_address_goes_with_the_citation() -> None:
    source = Source(
        publisher="ADEME",
        title="Numérique : quel impact environnemental en 2022 ?",
        year=2025,
        url="https://infos.ademe.fr/?p=10709258",
    )
    assert source.credit() == (
        "ADEME, « Numérique : quel impact environnemental en 2022 ? », 2025 "
        "(infos.ademe.fr/?p=10709258)"
    )
    long = Source(publisher="X", title="Y", year=2020, url="https://www.example.org/" + "a" * 80)
    assert long.address is not None and len(long.address) == 60 and long.address.endswith("…")
    assert long.address.startswith("example.org/")
    assert Source(publisher="X", title="Y", year=None).credit() == "X, « Y », année non précisée"


def test_minutes_list_each_page_once_and_never_the_facilitator_note(
    mini_catalog: Catalog,
) -> None:
    """The mini library cites the same ADEME page under two titles, and once without address."""
    questions = mini_catalog.deck_questions("mini")
    room = RoomSession(
        mini_catalog.decks["mini"], questions, RoomConfig(mode=AnswerMode.ROOM), datetime.now
    )
    for _ in range(3):  # choice, multi, true/false: both figures and the multi's own source
        room.reveal()
        room.advance()
    minutes = render_minutes(
        room,
        SessionSetup(SessionKind.ATELIER, date(2026, 3, 2)),
        mini_catalog.figures,
        datetime(2026, 3, 2, 9, 0),
        datetime(2026, 3, 2, 9, 40),
    )
    sources = minutes.split("## Sources\n\n", 1)[1]
    assert sources.count("- ADEME") == 1
    assert "<https://infos.ademe.fr/?p=10709258>" in sources
    figure: Figure = mini_catalog.figures["test-empreinte-2022"]
    assert figure.facilitator and figure.facilitator not in minutes
    assert figure.caveat in minutes
