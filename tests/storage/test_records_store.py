from __future__ import annotations

import statistics
from datetime import date, datetime

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import compute
from nrgame.core.quiz import Given
from nrgame.core.scoring import Response
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage.records import (
    correct_audience,
    delete_session,
    history,
    list_sessions,
    session_detail,
)
from nrgame.storage.reports import read_records
from nrgame.storage.store import Store

AT = datetime(2026, 3, 2, 9, 0)

# The hand-computed example of tests/core/test_indicators.py, played by four teams.
TEAMS: dict[str, tuple[int, ...]] = {
    "Hiboux": (1, 1, 0),
    "Renards": (1, 0, 1),
    "Loutres": (0, 0, 1),
    "Castors": (1, 1, 1),
}
QUESTIONS = ["t-choice", "t-truefalse", "t-multi"]
RESPONSES: dict[str, tuple[Response, Response]] = {  # (right, wrong)
    "t-choice": (2, 0),
    "t-truefalse": (False, True),
    "t-multi": (frozenset({0, 2}), frozenset({1})),
}


def room_session(store: Store, teams: dict[str, tuple[int, ...]], day: date) -> str:
    sid = store.start_session(kind="atelier", question_ids=QUESTIONS, started_at=AT)
    for team, scores in teams.items():
        for position, (qid, score) in enumerate(zip(QUESTIONS, scores, strict=True)):
            response = RESPONSES[qid][0 if score else 1]
            given = Given(position, qid, response, float(score), AT)
            store.record_answer(sid, given, team)
    store.save_setup(sid, SessionSetup(SessionKind.ATELIER, day))
    store.finish_session(sid, AT)
    return sid


def test_item_statistics_from_the_store_match_the_hand_example(
    store: Store, mini_catalog: Catalog
) -> None:
    room_session(store, TEAMS, date(2026, 3, 2))
    items = {i.question_id: i for i in compute(read_records(store, Period()), mini_catalog).items}
    assert items["t-choice"].facility == 0.75
    assert items["t-choice"].discrimination == pytest.approx(1 / 3)
    assert items["t-truefalse"].discrimination == pytest.approx(0.0, abs=1e-12)
    assert items["t-multi"].discrimination == pytest.approx(-0.5222329679)
    # Independently: the Pearson correlation of each item with the rest of each team's test.
    for index, qid in enumerate(QUESTIONS):
        x = [scores[index] for scores in TEAMS.values()]
        rest = [sum(scores) - scores[index] for scores in TEAMS.values()]
        expected = statistics.correlation(x, rest) if len(set(x)) > 1 else None
        assert items[qid].discrimination == pytest.approx(expected, abs=1e-9)
    options = [(o.label, o.count) for o in items["t-choice"].options]
    assert options == [("0,5 %", 1), ("2,5 %", 0), ("4,4 %", 3), ("10 %", 0), ("sans réponse", 0)]


def test_the_period_filters_answers_and_sessions(store: Store, mini_catalog: Catalog) -> None:
    room_session(store, TEAMS, date(2026, 3, 2))
    room_session(store, {"Seuls": (0, 0, 0)}, date(2025, 6, 1))
    year = compute(read_records(store, Period(date(2026, 1, 1), None)), mini_catalog)
    assert year.actions.total == 1
    assert {i.question_id: i.attempts for i in year.items} == dict.fromkeys(QUESTIONS, 4)
    everything = compute(read_records(store, Period()), mini_catalog)
    assert {i.question_id: i.attempts for i in everything.items} == dict.fromkeys(QUESTIONS, 5)


def test_correcting_the_audience_keeps_a_history(store: Store) -> None:
    sid = store.start_session(kind="atelier", question_ids=[], started_at=AT)
    store.save_setup(
        sid,
        SessionSetup(
            SessionKind.ATELIER,
            date(2026, 3, 2),
            audience=[AudienceCount(Audience.AGENTS, 12), AudienceCount(Audience.ELUS, 3, True)],
        ),
    )
    later = datetime(2026, 3, 5, 10)
    changes = correct_audience(
        store,
        sid,
        [AudienceCount(Audience.AGENTS, 14), AudienceCount(Audience.CITOYENS, 20, True)],
        later,
        "feuille d'émargement",
    )
    assert [(c.segment, c.before, c.after) for c in changes] == [
        ("agents", AudienceCount(Audience.AGENTS, 12), AudienceCount(Audience.AGENTS, 14)),
        ("citoyens", None, AudienceCount(Audience.CITOYENS, 20, True)),
        ("elus", AudienceCount(Audience.ELUS, 3, True), None),
    ]
    assert history(store, sid) == changes
    setup = store.setup(sid)
    assert setup is not None
    assert setup.audience == [
        AudienceCount(Audience.AGENTS, 14),
        AudienceCount(Audience.CITOYENS, 20, True),
    ]
    assert correct_audience(store, sid, setup.audience, later) == []
    assert len(history(store, sid)) == 3


def test_listing_filters_and_deleting_removes_everything(store: Store) -> None:
    sid = room_session(store, TEAMS, date(2026, 3, 2))
    store.save_setup(
        sid,
        SessionSetup(
            SessionKind.ATELIER,
            date(2026, 3, 2),
            "Médiathèque",
            audience=[AudienceCount(Audience.AGENTS, 12)],
            partners=[Partner("Repair café", "association")],
        ),
    )
    other = store.start_session(kind="stand", question_ids=[], started_at=datetime(2026, 5, 1))
    assert [r.id for r in list_sessions(store, Period())] == [other, sid]
    assert [r.id for r in list_sessions(store, Period(), "atelier")] == [sid]
    assert [r.id for r in list_sessions(store, Period(date(2026, 4, 1), None))] == [other]
    detail = session_detail(store, sid)
    assert detail is not None
    assert detail.teams == ["Castors", "Hiboux", "Loutres", "Renards"]
    assert (detail.answers, detail.row.people) == (12, 12)

    assert delete_session(store, sid)
    assert session_detail(store, sid) is None
    for table in ("answers", "audience", "partners", "audience_history"):
        assert store.query(f"SELECT COUNT(*) FROM {table} WHERE session_id = ?", (sid,)) == [(0,)]
    assert not delete_session(store, sid)
    assert [r.id for r in list_sessions(store, Period())] == [other]
