from __future__ import annotations

import math
from datetime import date

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.indicator_records import (
    AudienceFact,
    CertificationFact,
    PartnerFact,
    Period,
    SessionFact,
)
from nrgame.core.indicators import (
    GIVEN_UP,
    LEARNERS,
    NOT_PLAYED,
    SOLO,
    actions,
    actors,
    certified,
    excluded,
    exclusion,
    knowledge,
    ledger,
    months_between,
    reach,
)
from nrgame.core.itemstats import (
    FLAG_EASY,
    FLAG_FEW,
    FLAG_HARD,
    FLAG_NEGATIVE,
    ItemSums,
    ResponseCount,
    discrimination,
    facility,
    item_statistics,
)

# Four attempts at three items (1 = right, 0 = wrong), worked out by hand below.
#            item1 item2 item3  total
#   P1         1     1     0      2
#   P2         1     0     1      2
#   P3         0     0     1      1
#   P4         1     1     1      3
SCORES = [(1, 1, 0), (1, 0, 1), (0, 0, 1), (1, 1, 1)]


def sums_of(item: int, times: int = 1) -> ItemSums:
    pairs = [(row[item], sum(row) - row[item]) for row in SCORES * times]
    return ItemSums(
        f"item{item + 1}",
        len(pairs),
        sum(x for x, _ in pairs),
        sum(x * x for x, _ in pairs),
        sum(r for _, r in pairs),
        sum(r * r for _, r in pairs),
        sum(x * r for x, r in pairs),
    )


def test_facility_and_discrimination_match_the_hand_computed_example() -> None:
    # Item 1: x = 1,1,0,1 (mean 0.75), rest r = 1,1,1,2 (mean 1.25).
    # Deviations x: .25 .25 -.75 .25 ; r: -.25 -.25 -.25 .75
    # Σdx·dr = -.0625 -.0625 +.1875 +.1875 = .25 ; Σdx² = .75 ; Σdr² = .75 → r = 1/3.
    assert facility(sums_of(0)) == 0.75
    assert discrimination(sums_of(0)) == pytest.approx(1 / 3)
    # Item 2: x = 1,0,0,1 ; r = 1,2,1,2 → Σdx·dr = -.25 -.25 +.25 +.25 = 0.
    assert facility(sums_of(1)) == 0.5
    assert discrimination(sums_of(1)) == pytest.approx(0.0, abs=1e-12)
    # Item 3: x = 0,1,1,1 ; r = 2,1,0,2 (mean 1.25) → Σdx·dr = -.75, Σdx² = .75,
    # Σdr² = .5625 + .0625 + 1.5625 + .5625 = 2.75 → r = -.75 / √(.75 × 2.75) ≈ -0.5222.
    assert facility(sums_of(2)) == 0.75
    assert discrimination(sums_of(2)) == pytest.approx(-0.75 / math.sqrt(0.75 * 2.75))
    assert round(100 * discrimination(sums_of(2)), 1) == -52.2  # type: ignore[operator]


def test_discrimination_is_undefined_without_spread() -> None:
    everyone_right = ItemSums("q", 3, 3.0, 3.0, 6.0, 14.0, 6.0)  # x = 1,1,1 ; r = 1,2,3
    assert discrimination(everyone_right) is None
    single = ItemSums("q", 1, 1.0, 1.0, 2.0, 4.0, 2.0)
    assert discrimination(single) is None


def test_flags(mini_catalog: Catalog) -> None:
    easy = ItemSums("t-choice", 10, 10.0, 10.0, 20.0, 50.0, 20.0)
    hard = ItemSums("t-multi", 10, 1.0, 1.0, 20.0, 50.0, 3.0)  # the one right has r = 3
    negative = sums_of(2, times=3)  # 12 attempts, the same correlation as the 4 above
    few = sums_of(0)
    stats = item_statistics([easy, hard, negative, few], [], mini_catalog)
    flags = {s.question_id: s.flags for s in stats}
    assert flags == {
        "t-choice": [FLAG_EASY],
        "t-multi": [FLAG_HARD],
        "item3": [FLAG_NEGATIVE],
        "item1": [FLAG_FEW],  # 4 answers: too few to judge, whatever the figures say
    }
    assert {s.question_id: s.prompt for s in stats}["t-choice"] != ""


def test_answers_chosen_per_option(mini_catalog: Catalog) -> None:
    sums = [
        ItemSums("t-choice", 5, 3.0, 3.0, 5.0, 5.0, 3.0),
        ItemSums("t-multi", 3, 1.5, 1.25, 3.0, 3.0, 1.0),
        ItemSums("t-truefalse", 3, 2.0, 2.0, 3.0, 3.0, 2.0),
    ]
    responses = [
        ResponseCount("t-choice", "2", 3),
        ResponseCount("t-choice", "0", 1),
        ResponseCount("t-choice", None, 1),
        ResponseCount("t-multi", "[0, 2]", 1),
        ResponseCount("t-multi", "[0]", 1),
        ResponseCount("t-multi", "[1, 2, 3]", 1),
        ResponseCount("t-truefalse", "false", 2),
        ResponseCount("t-truefalse", "true", 1),
    ]
    stats = {s.question_id: s for s in item_statistics(sums, responses, mini_catalog)}
    choice = [(o.label, o.count, o.correct) for o in stats["t-choice"].options]
    assert choice == [
        ("0,5 %", 1, False),
        ("2,5 %", 0, False),
        ("4,4 %", 3, True),
        ("10 %", 0, False),
        ("sans réponse", 1, False),
    ]
    multi = [(o.label, o.count) for o in stats["t-multi"].options]
    assert multi == [
        ("Smartphone", 2),
        ("Antenne relais", 1),
        ("Ordinateur portable", 2),
        ("Câble sous-marin", 1),
        ("sans réponse", 0),
    ]
    truefalse = [(o.label, o.count, o.correct) for o in stats["t-truefalse"].options]
    assert truefalse == [("Vrai", 1, False), ("Faux", 2, True), ("sans réponse", 0, False)]


def session(sid: str, kind: str, day: date, **extra: object) -> SessionFact:
    return SessionFact(sid, kind, day, "terminee", **extra)  # type: ignore[arg-type]


def test_actions_by_kind_and_month_include_empty_months() -> None:
    found = actions(
        [
            session("a", "atelier", date(2025, 11, 3)),
            session("b", "stand", date(2026, 2, 1)),
            session("c", "atelier", date(2026, 2, 20)),
        ]
    )
    assert found.total == 3
    assert found.by_kind == {"atelier": 2, "stand": 1}
    assert found.by_month == {"2025-11": 1, "2025-12": 0, "2026-01": 0, "2026-02": 2}
    assert found.by_month_kind["2026-02"] == {"stand": 1, "atelier": 1}
    assert months_between("2025-12", "2026-01") == ["2025-12", "2026-01"]


def test_reach_keeps_counted_and_estimated_apart_and_counts_learners_once() -> None:
    sessions = [
        session("a", "atelier", date(2026, 3, 2), declared=True, room=True, revealed=4),
        session("b", "autoformation", date(2026, 3, 3), learner="hibou", answered=5),
        session("c", "autoformation", date(2026, 4, 3), learner="hibou", answered=2),
        session("d", "autoformation", date(2026, 4, 4), learner="renard", answered=1),
        session("e", "autoformation", date(2026, 4, 9), learner="hibou", answered=3),
        session("f", "autoformation", date(2026, 4, 9), learner="loutre"),  # opened, left
    ]
    audience = [
        AudienceFact("a", "agents", 12, False),
        AudienceFact("a", "elus", 3, True),
    ]
    lines = ledger(sessions, audience, [])
    found = reach(lines, 4)
    assert (found.declared.counted, found.declared.estimated) == (12, 3)
    assert found.by_segment["elus"].estimated == 3
    assert found.by_segment[LEARNERS].counted == 2
    assert (found.learner_attendances, found.distinct_learners) == (4, 2)
    assert found.total == 17
    # Each learner in the month of their first sitting, so that months add up to the total.
    assert found.by_month == {"2026-03": 16, "2026-04": 1}
    assert sum(r.total for r in found.by_segment.values()) == found.total
    assert sum(line.total for line in lines) == found.total
    hibou = next(line for line in lines if line.learner == "hibou")
    assert hibou.sessions == ["b", "c", "e"]


def test_what_is_not_an_action() -> None:
    room = {"declared": True, "room": True}
    cases = {
        # A room session is played once a question is revealed: answers typed don't count.
        session("a", "atelier", date(2026, 1, 5), answered=3, **room): NOT_PLAYED,
        session("b", "atelier", date(2026, 1, 5), revealed=1, **room): None,
        session("c", "comite", date(2026, 1, 5), revealed=10, **room): None,
        # A board game counts once a turn is confirmed, declared or not.
        session("d", "jeu-plateau", date(2026, 1, 6)): NOT_PLAYED,
        session("e", "jeu-plateau", date(2026, 1, 6), turns=2): None,
        # A solo quiz reaches nobody the report can name.
        session("f", "quiz", date(2026, 1, 7), answered=10): SOLO,
        session("g", "quiz", date(2026, 1, 7)): NOT_PLAYED,
    }
    given_up = SessionFact(
        "h", "atelier", date(2026, 1, 8), "abandonnee", revealed=4, declared=True, room=True
    )
    cases[given_up] = GIVEN_UP
    assert {s.id: exclusion(s) for s in cases} == {s.id: r for s, r in cases.items()}
    listed = {e.id: e.reason for e in excluded(list(cases))}
    assert listed == {s.id: r for s, r in cases.items() if r is not None}


def test_actors_are_counted_once_whatever_the_spelling() -> None:
    found = actors(
        [
            PartnerFact("a", "Repair café du quartier", "association"),
            PartnerFact("b", "repair  café du Quartier ", "association"),
            PartnerFact("b", "Médiathèque", ""),
        ]
    )
    assert (found.distinct, found.participations) == (2, 3)
    assert found.by_kind == {"association": 1, "non précisé": 1}


def test_certified_people_are_distinct_learners_plus_anonymous_attestations(
    mini_catalog: Catalog,
) -> None:
    found = certified(
        [
            CertificationFact("hibou", "mini", date(2026, 1, 1)),
            CertificationFact("hibou", "mini", date(2026, 2, 1)),
            CertificationFact(None, "mini", date(2026, 2, 1)),
        ],
        mini_catalog,
    )
    assert (found.people, found.attestations) == (2, 3)
    assert found.titles == {"mini": "Petite série de test"}


def test_knowledge_gained_pairs_linked_sessions_even_before_the_period() -> None:
    before = session("a", "atelier", date(2025, 12, 1), mean_score=0.4, deck_title="Série")
    after = session("b", "atelier", date(2026, 1, 5), mean_score=0.9, linked_to="a")
    unlinked = session("c", "atelier", date(2026, 1, 6), mean_score=0.2)
    found = knowledge([after, unlinked], [before])
    assert [(g.before_id, g.after_id, g.title) for g in found.pairs] == [("a", "b", "Série")]
    assert found.mean_before == 0.4
    assert found.mean_after == 0.9
    assert found.pairs[0].gain == pytest.approx(0.5)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="après"):
        Period(date(2026, 2, 1), date(2026, 1, 1))
