"""Self-training rules: ratings, the day's plan, progress, streak, pass mark, attestation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fsrs import Card, Rating

from nrgame.core.attestation import BLANK_NAME, Attestation, to_html, to_markdown
from nrgame.core.catalog import Catalog
from nrgame.core.content import ChoiceQuestion, Difficulty, Question
from nrgame.core.french import long_date
from nrgame.core.kinds import KINDS
from nrgame.core.training import (
    LearningPath,
    Level,
    due_day,
    level,
    passed,
    plan_day,
    progress_by_axis,
    rating_for,
    relative_day,
    review,
    streak,
    upcoming,
)

MONDAY = datetime(2026, 3, 2, 9, 0)
TODAY = MONDAY.date()


def _choice(qid: str, axis: int = 1, difficulty: Difficulty = Difficulty.MEDIUM) -> Question:
    return ChoiceQuestion(
        id=qid,
        kind="choice",
        prompt=f"Question {qid} ?",
        options=["oui", "non"],
        answer="oui",
        explanation="Parce que.",
        source={"publisher": "ADEME", "title": "Titre", "year": 2025},
        axis=axis,
        theme="thème",
        difficulty=difficulty,
        audiences=["agents"],
    )


def test_rating_follows_the_score() -> None:
    assert rating_for(1.0) == Rating.Good
    assert rating_for(0.75) == Rating.Hard
    assert rating_for(0.5) == Rating.Hard
    assert rating_for(0.49) == Rating.Again
    assert rating_for(0.0) == Rating.Again


def test_a_missed_question_comes_back_before_a_right_one() -> None:
    missed = review(None, 0.0, MONDAY)
    partial = review(None, 0.6, MONDAY)
    right = review(None, 1.0, MONDAY)
    assert due_day(missed) == TODAY + timedelta(days=1)
    assert due_day(missed) <= due_day(partial) < due_day(right)
    # and after a second right answer, the gap grows
    again = review(right, 1.0, datetime.combine(due_day(right), MONDAY.time()))
    assert due_day(again) - due_day(right) > due_day(right) - TODAY


def test_scheduling_does_not_depend_on_chance() -> None:
    dates = {due_day(review(review(None, 1.0, MONDAY), 1.0, MONDAY + timedelta(2))) for _ in "abc"}
    assert len(dates) == 1


def test_new_questions_fill_the_time_budget(mini_catalog: Catalog) -> None:
    questions = list(mini_catalog.questions.values())
    total = sum(KINDS[q.kind].seconds for q in questions)
    roomy = plan_day(questions, {}, TODAY, LearningPath(minutes=10))
    assert total <= 600
    # one axis after the other in turn: 2, 3, 4, 5, then 4 and 5 again
    assert [q.id for q in roomy.new] == [
        "t-multi",
        "t-order",
        "t-choice",
        "t-truefalse",
        "t-match",
        "t-estimate",
    ]
    tight = plan_day(questions, {}, TODAY, LearningPath(minutes=5))
    assert 0 < tight.seconds <= 300
    assert len(tight.new) < len(questions)
    assert tight.minutes == -(-tight.seconds // 60)


def test_the_plan_keeps_to_the_path(mini_catalog: Catalog) -> None:
    questions = list(mini_catalog.questions.values())
    by_axis = plan_day(questions, {}, TODAY, LearningPath(axes=frozenset({5})))
    assert {q.id for q in by_axis.questions} == {"t-truefalse", "t-estimate"}
    by_theme = plan_day(questions, {}, TODAY, LearningPath(themes=frozenset({"vocabulaire"})))
    assert [q.id for q in by_theme.questions] == ["t-match"]
    both = plan_day(
        questions, {}, TODAY, LearningPath(axes=frozenset({5}), themes=frozenset({"vocabulaire"}))
    )
    assert len(both.questions) == 3


def test_reviews_come_first_then_new_ones_mixed_in() -> None:
    questions = [_choice(f"q{i}") for i in range(30)]
    seen = {f"q{i}": review(None, 0.0, MONDAY - timedelta(days=3 - i)) for i in range(3)}
    plan = plan_day(questions, seen, TODAY, LearningPath(minutes=10))
    assert [q.id for q in plan.reviews] == ["q0", "q1", "q2"]  # most overdue first
    assert plan.seconds <= 600
    assert len(plan.new) == 12 - 3  # 600 s at 50 s a choice question
    assert [q.id for q in plan.questions[:4]] == ["q0", "q3", "q1", "q4"]


def test_a_quarter_of_the_session_is_kept_for_new_questions() -> None:
    questions = [_choice(f"q{i}") for i in range(30)]
    seen = {f"q{i}": review(None, 0.0, MONDAY - timedelta(days=2)) for i in range(20)}
    plan = plan_day(questions, seen, TODAY, LearningPath(minutes=10))
    assert (len(plan.reviews), len(plan.new)) == (9, 3)  # 450 s of reviews, 150 s of new
    few_new = {f"q{i}": review(None, 0.0, MONDAY - timedelta(days=2)) for i in range(29)}
    plan = plan_day(questions, few_new, TODAY, LearningPath(minutes=10))
    assert (len(plan.reviews), len(plan.new)) == (11, 1)  # what the new one leaves goes back


def test_reviews_alone_can_fill_a_session() -> None:
    questions = [_choice(f"q{i}") for i in range(30)]
    seen = {q.id: review(None, 0.0, MONDAY - timedelta(days=2)) for q in questions}
    plan = plan_day(questions, seen, TODAY, LearningPath(minutes=5))
    assert len(plan.reviews) == 6 and not plan.new


def test_the_path_chooses_new_questions_but_met_ones_still_come_back() -> None:
    questions = [_choice("met", axis=1), _choice("other", axis=1), _choice("chosen", axis=2)]
    seen = {"met": review(None, 0.0, MONDAY - timedelta(days=1))}
    plan = plan_day(questions, seen, TODAY, LearningPath(axes=frozenset({2})))
    assert [q.id for q in plan.reviews] == ["met"]
    assert [q.id for q in plan.new] == ["chosen"]


def test_nothing_due_and_nothing_new_gives_an_empty_plan() -> None:
    questions = [_choice("q0")]
    seen = {"q0": review(None, 1.0, MONDAY)}
    assert not plan_day(questions, seen, TODAY, LearningPath())
    assert plan_day(questions, seen, TODAY + timedelta(days=2), LearningPath())


def test_easy_questions_are_new_first_within_an_axis() -> None:
    questions = [
        _choice("hard", difficulty=Difficulty.HARD),
        _choice("other-axis", axis=2),
        _choice("easy", difficulty=Difficulty.EASY),
    ]
    plan = plan_day(questions, {}, TODAY, LearningPath())
    assert [q.id for q in plan.new] == ["easy", "other-axis", "hard"]


def test_progress_by_axis_counts_new_learning_and_mastered() -> None:
    questions = [_choice("a", axis=1), _choice("b", axis=1), _choice("c", axis=3)]
    card: Card | None = None
    moment = MONDAY
    for _ in range(4):
        card = review(card, 1.0, moment)
        moment = datetime.combine(due_day(card), moment.time())
    assert card is not None and level(card) == Level.MASTERED
    known = {"a": card, "b": review(None, 1.0, MONDAY)}
    assert level(known["b"]) == Level.LEARNING
    rows = progress_by_axis(questions, known, LearningPath())
    assert [(r.axis, r.mastered, r.learning, r.new) for r in rows] == [(1, 1, 1, 0), (3, 0, 0, 1)]
    assert rows[0].name == "Commande publique"
    only = progress_by_axis(questions, {}, LearningPath(axes=frozenset({3})))
    assert [r.axis for r in only] == [3]
    # what was met outside the path still shows
    met = progress_by_axis(questions, {"a": card}, LearningPath(axes=frozenset({3})))
    assert [(r.axis, r.mastered, r.new) for r in met] == [(1, 1, 0), (3, 0, 1)]


def test_upcoming_groups_reviews_by_day() -> None:
    questions = [_choice("a"), _choice("b"), _choice("c")]
    known = {
        "a": review(None, 0.0, MONDAY - timedelta(days=5)),  # overdue: counted today
        "b": review(None, 0.0, MONDAY),
        "c": review(None, 1.0, MONDAY),
    }
    days = upcoming(questions, known, TODAY)
    assert [(d, [q.id for q in qs]) for d, qs in days] == [
        (TODAY, ["a"]),
        (TODAY + timedelta(days=1), ["b"]),
        (TODAY + timedelta(days=2), ["c"]),
    ]


def test_streak_counts_days_in_a_row() -> None:
    day = TODAY
    assert streak([], day) == 0
    assert streak([day], day) == 1
    assert streak([day - timedelta(days=i) for i in range(4)], day) == 4
    # yesterday's practice keeps the streak alive until today ends
    assert streak([day - timedelta(days=1), day - timedelta(days=2)], day) == 2
    assert streak([day - timedelta(days=2)], day) == 0
    assert streak([day, day - timedelta(days=2)], day) == 1


def test_pass_mark_is_reached_at_eighty_percent_not_below() -> None:
    assert passed(4, 5, 0.8)
    assert not passed(3.99, 5, 0.8)
    assert passed(8, 10, 0.8)
    assert not passed(0, 0, 0.8)


def test_dates_read_the_french_way() -> None:
    assert long_date(date(2026, 3, 1)) == "1er mars 2026"
    assert long_date(date(2026, 8, 14)) == "14 août 2026"
    assert relative_day(TODAY - timedelta(days=3), TODAY) == "aujourd'hui"
    assert relative_day(TODAY + timedelta(days=1), TODAY) == "demain"
    assert relative_day(TODAY + timedelta(days=3), TODAY) == "jeudi 5 mars"
    assert relative_day(TODAY + timedelta(days=40), TODAY) == "11 avril"
    assert relative_day(date(2027, 1, 4), TODAY) == "4 janvier 2027"


def _attestation(name: str = "") -> Attestation:
    return Attestation(
        id="0123456789abcdef",
        deck_id="autoformation-agents",
        deck_title="Les bases <du> numérique responsable",
        score=4.5,
        max_score=5,
        pass_mark=0.8,
        content_version="abc123def456",
        issued_at=datetime(2026, 3, 2, 10, 30),
        name=name,
    )


def test_attestation_states_date_score_deck_and_content_version() -> None:
    for text in (to_markdown(_attestation("Camille Dupont")), to_html(_attestation("Camille"))):
        assert "2 mars 2026" in text
        assert "4,5 sur 5 (90 %)" in text
        assert "seuil de réussite 80 %" in text
        assert "autoformation-agents" in text
        assert "abc123def456" in text
        assert "0123456789abcdef" in text
        assert "Camille" in text
    assert _attestation().file_stem == "attestation-autoformation-agents-2026-03-02-01234567"


def test_attestation_without_a_name_leaves_a_line_to_write_on() -> None:
    assert BLANK_NAME in to_markdown(_attestation("  "))
    assert BLANK_NAME in to_html(_attestation())


def test_attestation_escapes_what_is_typed() -> None:
    page = to_html(_attestation("<script>alert(1)</script>"))
    assert "<script>" not in page
    assert "&lt;du&gt;" in page
    assert "\\*\\*" in to_markdown(_attestation("**gras**"))


def test_new_questions_stop_at_the_daily_limit(mini_catalog: Catalog) -> None:
    questions = list(mini_catalog.questions.values())
    path = LearningPath(minutes=30, new_per_day=4)
    first = plan_day(questions, {}, TODAY, path)
    assert len(first.new) == 4 and first.held == 2
    # Three met earlier today (another session, a final test): one more at most.
    later = plan_day(questions, {}, TODAY, path, met_today=3)
    assert len(later.new) == 1 and later.held == 5
    done = plan_day(questions, {}, TODAY, path, met_today=4)
    assert not done and done.held == 6
    # The next day the limit starts again.
    assert len(plan_day(questions, {}, TODAY + timedelta(days=1), path).new) == 4
