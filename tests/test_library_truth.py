"""The bundled library can be shown to a room: every figure says where and when it was read,
every source has a year, a law is cited from Légifrance, and no public caveat carries a remark
meant for the facilitator (those live in `facilitator`, never projected, never in minutes)."""

from __future__ import annotations

import pytest

from nrgame import settings
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Source, editorial_marker

LEGIFRANCE = "https://www.legifrance.gouv.fr/"


@pytest.fixture(scope="module")
def library() -> Catalog:
    catalog = load_catalog([settings.bundled_content(), settings.bundled_scenarios()])
    assert catalog.ok, "\n".join(str(error) for error in catalog.errors)
    return catalog


def _sources(library: Catalog) -> list[tuple[str, Source]]:
    found = [(fid, figure.source) for fid, figure in library.figures.items()]
    found += [(qid, q.source) for qid, q in library.questions.items() if q.source is not None]
    return found


def test_every_figure_says_when_and_where_it_was_read(library: Catalog) -> None:
    assert [fid for fid, f in library.figures.items() if f.checked is None] == []
    assert [fid for fid, f in library.figures.items() if f.locator is None] == []


def test_every_source_has_a_year(library: Catalog) -> None:
    assert [owner for owner, source in _sources(library) if source.year is None] == []


def test_a_source_labelled_as_the_state_is_its_legifrance_text(library: Catalog) -> None:
    state = [(o, s) for o, s in _sources(library) if s.publisher.startswith("République française")]
    assert state, "the library is expected to cite laws"
    assert [o for o, s in state if not (s.url or "").startswith(LEGIFRANCE)] == []


def test_no_public_caveat_speaks_to_the_facilitator(library: Catalog) -> None:
    flagged = [
        (fid, marker)
        for fid, figure in library.figures.items()
        if (marker := editorial_marker(figure.caveat)) is not None
    ]
    assert flagged == []


def test_no_explanation_says_a_source_could_not_be_checked(library: Catalog) -> None:
    """What could not be read in its source is `verified: false`, not a remark to the room."""
    phrases = ("pas pu être vérifi", "pas été vérifi", "non vérifié", "seconde main")
    flagged = [
        qid
        for qid, q in library.questions.items()
        if any(phrase in q.explanation.lower() for phrase in phrases)
    ]
    assert flagged == []


def test_a_figure_dated_after_its_source_is_a_projection_or_a_legal_deadline(
    library: Catalog,
) -> None:
    """« Monde, projection pour 2030 », never « données 2030 » for something not yet measured."""
    later = [
        fid
        for fid, f in library.figures.items()
        if f.data_year is not None
        and f.source.year is not None
        and f.data_year > f.source.year
        and not f.projection
        and not f.source.publisher.startswith("République française")
    ]
    assert later == []
    projections = [f for f in library.figures.values() if f.projection]
    assert projections
    assert all(f"projection pour {f.data_year}" in f.period for f in projections)


def test_a_facilitator_note_never_repeats_in_the_caveat(library: Catalog) -> None:
    noted = [f for f in library.figures.values() if f.facilitator]
    assert noted, "the library is expected to keep some remarks for the facilitator"
    assert [f.id for f in noted if f.facilitator and f.facilitator in f.caveat] == []
