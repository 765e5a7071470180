"""Room rules: teams, votes, the facilitator's pace, the timer, the leaderboard, speed points."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.french import NumberError, parse_whole
from nrgame.core.room import Correction, RoomSession
from nrgame.core.room_scoring import (
    Votes,
    describe_votes,
    format_share,
    speed_points,
    streak_bonus,
    vote_score,
)
from nrgame.core.room_setup import (
    ROOM,
    AnswerMode,
    Phase,
    Ranking,
    RoomConfig,
    RoomError,
    TooManyHands,
    make_teams,
    split_team_names,
)
from nrgame.core.scoring import InvalidResponse
from nrgame.core.timer import Timer


class ManualClock:
    """Time moves only when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0)

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


THREE = make_teams(["Castors", "Hérons", "Loutres"])


def phase_of(room: RoomSession) -> Phase:
    """The phase read anew: after a move, mypy would still see the one asserted before it."""
    return room.phase


def _room(
    catalog: Catalog, clock: ManualClock | None = None, **config: object
) -> tuple[RoomSession, ManualClock]:
    clock = clock or ManualClock()
    settings: dict[str, object] = {"teams": THREE}
    settings.update(config)
    room = RoomSession(
        catalog.decks["mini"],
        catalog.deck_questions("mini"),
        RoomConfig(**settings),  # type: ignore[arg-type]
        clock,
    )
    return room, clock


# Teams


def test_teams_get_a_number_a_symbol_and_a_colour_each() -> None:
    teams = make_teams([f"Équipe {letter}" for letter in "ABCDEFGH"])
    assert [t.number for t in teams] == list(range(1, 9))
    assert len({t.symbol for t in teams}) == 8
    assert len({t.colour for t in teams}) == 8
    assert teams[0].label == "1 ▲ Équipe A"
    assert split_team_names(" Castors, Hérons ,, Loutres ") == ["Castors", "Hérons", "Loutres"]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "de 1 à 8 équipes"),
        ([f"E{i}" for i in range(9)], "de 1 à 8 équipes"),
        (["Castors", "castors"], "deux équipes portent le nom"),
        (["Castors", " "], "n'a pas de nom"),
    ],
)
def test_team_lists_that_cannot_be_played(names: list[str], message: str) -> None:
    with pytest.raises(RoomError, match=message):
        make_teams(names)


def test_configurations_that_make_no_sense_are_refused() -> None:
    with pytest.raises(RoomError, match="au moins une équipe"):
        RoomConfig(AnswerMode.TEAMS)
    with pytest.raises(RoomError, match="minuteur et des équipes"):
        RoomConfig(teams=THREE, speed=True)
    with pytest.raises(RoomError, match="demande un minuteur"):
        RoomConfig(mode=AnswerMode.ROOM, auto_reveal=True)
    config = RoomConfig(teams=THREE, timer=30, speed=True, ranking=Ranking.ROUNDS, round_size=2)
    assert RoomConfig.from_json(config.to_json()) == config


# Answers and the pace


def test_teams_answer_in_turn_and_may_correct_until_the_reveal(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    assert room.waiting() == ["Castors", "Hérons", "Loutres"]
    room.enter("Castors", 1)
    room.enter("Castors", 2)  # corrected: the team changed its mind
    room.enter("Hérons", 0)
    assert room.waiting() == ["Loutres"]
    with pytest.raises(RoomError, match="ne fait pas partie"):
        room.enter("Renards", 2)
    with pytest.raises(InvalidResponse):
        room.enter("Loutres", 9)
    with pytest.raises(RoomError, match="révélez"):
        room.advance()
    blanks = room.reveal()
    assert [(b.team, b.response, b.score) for b in blanks] == [("Loutres", None, 0.0)]
    assert room.phase is Phase.REVEALED
    assert [e.score for e in room.entries_at(0)] == [1.0, 0.0, 0.0]
    with pytest.raises(RoomError, match="déjà révélée"):
        room.enter("Castors", 0)
    room.advance()
    assert room.position == 1 and phase_of(room) is Phase.ASKING


def test_back_skip_and_ask_a_skipped_question_after_all(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    with pytest.raises(RoomError, match="première question"):
        room.back()
    room.reveal()
    room.advance()
    room.skip()  # question 2 is left out and the room moves on
    assert room.position == 2 and room.states[1] is Phase.SKIPPED
    room.back()
    assert room.phase is Phase.SKIPPED
    room.back()
    assert phase_of(room) is Phase.REVEALED  # a revealed question can be shown again
    room.advance()
    room.unskip()
    assert phase_of(room) is Phase.ASKING and room.position == 1
    room.enter("Castors", frozenset({0, 2}))
    room.reveal()
    room.advance()
    assert room.position == 2


def test_a_skipped_question_is_done_with_and_not_counted(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    room.enter("Castors", 0)  # entered, then the facilitator skips after all
    room.skip()
    for _ in range(5):
        room.enter("Castors", None)
        room.reveal()
        room.advance()
    assert room.finished and room.phase is Phase.FINISHED
    assert [e.position for e in room.counted()] == [p for p in range(1, 6) for _ in range(3)]
    assert room.mean_score() == 0.0


def test_end_now_skips_what_was_not_played(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    room.enter("Castors", 2)
    room.reveal()
    room.advance()
    assert room.end_now() == [1, 2, 3, 4, 5]
    assert room.finished
    assert room.mean_score() == pytest.approx(1 / 3)  # only the revealed question counts


def test_pause_freezes_answers_and_the_reveal(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    room.pause()
    with pytest.raises(RoomError, match="en pause"):
        room.enter("Castors", 2)
    with pytest.raises(RoomError, match="en pause"):
        room.reveal()
    room.resume()
    room.enter("Castors", 2)


def test_a_room_vote_scores_the_share_of_right_hands(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog, mode=AnswerMode.VOTE, teams=())
    assert room.answerers == [ROOM]
    choice = room.current
    with pytest.raises(RoomError, match="saisissez les votes"):
        room.enter(ROOM, 2)
    with pytest.raises(RoomError, match="aucune main levée"):
        room.vote([0, 0, 0, 0])
    with pytest.raises(InvalidResponse, match="4 nombres"):
        room.vote([1, 2])
    entry = room.vote([2, 5, 9, 0])
    assert entry.score == pytest.approx(9 / 16)
    assert describe_votes(choice, Votes((2, 5, 9, 0))) == (
        "A. 0,5 % : 2 · B. 2,5 % : 5 · C. 4,4 % : 9 · D. 10 % : 0"
    )
    room.reveal()
    room.advance()
    # a multiple-answer question cannot be voted with one hand each: one answer for the room
    assert room.mode_for(room.current) is AnswerMode.ROOM
    with pytest.raises(RoomError, match="ne se joue pas à main levée"):
        room.vote([1, 1, 1, 1])
    room.enter(ROOM, frozenset({0, 2}))
    room.reveal()
    room.advance()
    truefalse = room.current
    assert vote_score(truefalse, Votes((3, 12))) == pytest.approx(0.8)  # the answer is Faux
    assert format_share(0.725) == "73 %"


# The timer


def test_the_timer_counts_down_pauses_and_never_acts_on_its_own(mini_catalog: Catalog) -> None:
    room, clock = _room(mini_catalog, timer=30)
    assert room.remaining() == 30
    clock.wait(10)
    assert room.remaining() == 20
    room.pause()
    clock.wait(100)  # a coffee break does not eat the time
    assert room.remaining() == 20
    room.resume()
    clock.wait(25)
    assert room.remaining() == 0
    assert room.tick() is False  # time is up, yet nothing happens unless asked
    assert room.phase is Phase.ASKING
    room.enter("Castors", 2)  # a late answer is still taken
    assert room.entries_at(0)[0].elapsed == 35


def test_the_timer_reveals_by_itself_only_when_asked(mini_catalog: Catalog) -> None:
    room, clock = _room(mini_catalog, timer=20, auto_reveal=True)
    clock.wait(19)
    assert room.tick() is False
    clock.wait(1)
    assert room.tick() is True
    room.pause()
    assert room.tick() is False


def test_each_question_gets_its_own_countdown(mini_catalog: Catalog) -> None:
    room, clock = _room(mini_catalog, timer=30)
    clock.wait(12)
    room.reveal()
    clock.wait(50)
    assert room.remaining() == 18  # frozen at the reveal
    room.advance()
    assert room.remaining() == 30
    clock.wait(5)
    room.back()
    clock.wait(60)  # looking back at the previous answer pauses the open question
    room.advance()
    assert room.remaining() == 25


def test_timer_without_a_session() -> None:
    clock = ManualClock()
    timer = Timer(30, clock)
    clock.wait(31)
    assert timer.expired and timer.remaining() == 0


# Leaderboard


def test_leaderboard_only_between_rounds_or_at_the_end(mini_catalog: Catalog) -> None:
    at_end, _ = _room(mini_catalog)
    between, _ = _room(mini_catalog, ranking=Ranking.ROUNDS, round_size=2)
    seen = {"end": [], "rounds": []}  # type: dict[str, list[bool]]
    for room, key in ((at_end, "end"), (between, "rounds")):
        for _ in range(6):
            seen[key].append(room.leaderboard_visible)  # while the question is open
            room.reveal()
            seen[key].append(room.leaderboard_visible)  # once revealed
            room.advance()
        seen[key].append(room.leaderboard_visible)  # at the end
    assert seen["end"] == [False] * 11 + [True, True]  # the last reveal ends the session
    assert seen["rounds"] == [False, False, False, True] * 3 + [True]
    vote, _ = _room(mini_catalog, mode=AnswerMode.VOTE, teams=())
    vote.end_now()
    assert vote.leaderboard_visible is False  # no teams, no leaderboard


def test_standings_share_a_rank_on_equal_scores(mini_catalog: Catalog) -> None:
    room, _ = _room(mini_catalog)
    room.enter("Castors", 2)
    room.enter("Hérons", 2)
    room.enter("Loutres", 0)
    assert all(s.score == 0 for s in room.standings())  # nothing counts before the reveal
    room.reveal()
    ranks = [(s.rank, s.team.name, s.score) for s in room.standings()]
    assert ranks == [(1, "Castors", 1.0), (1, "Hérons", 1.0), (3, "Loutres", 0.0)]


# Speed points, Kahoot's rule


def test_kahoot_worked_example_gives_967() -> None:
    assert speed_points(2, 30) == 967


def test_kahoot_points_edges() -> None:
    assert speed_points(0.4, 30) == 1000  # under half a second: all the points
    assert speed_points(30, 30) == 500
    assert speed_points(31, 30) == 0
    assert speed_points(15, 20) == 625  # (1 − 0.375) × 1000, exactly
    assert [streak_bonus(n) for n in range(1, 9)] == [0, 100, 200, 300, 400, 500, 500, 500]


def test_speed_mode_adds_streaks_and_a_wrong_or_late_answer_breaks_them(
    mini_catalog: Catalog,
) -> None:
    room, clock = _room(mini_catalog, timer=30, speed=True)
    # Question 1 (choice, C right): Castors right at 2 s, Hérons wrong.
    clock.wait(2)
    room.enter("Castors", 2)
    room.enter("Hérons", 0)
    room.reveal()
    room.advance()
    # Question 2 (multi): Castors right at 2 s again, Hérons right at 15 s.
    clock.wait(2)
    room.enter("Castors", frozenset({0, 2}))
    clock.wait(13)
    room.enter("Hérons", frozenset({0, 2}))
    room.reveal()
    room.advance()
    # Question 3 (truefalse, Faux): Castors right but after the time is up.
    clock.wait(40)
    room.enter("Castors", False)
    room.enter("Hérons", False)
    room.reveal()
    points = room.speed_points()
    assert points[(0, "Castors")] == 967
    assert points[(0, "Hérons")] == 0
    assert points[(1, "Castors")] == 967 + 100  # second right answer in a row
    assert points[(1, "Hérons")] == 750  # first of its streak
    assert points[(2, "Castors")] == 0  # late: no points, streak lost
    assert points[(2, "Loutres")] == 0
    standings = room.standings()
    assert [(s.team.name, s.points) for s in standings] == [
        ("Castors", 2034),
        ("Hérons", 750),
        ("Loutres", 0),
    ]


def test_speed_never_counts_by_default(mini_catalog: Catalog) -> None:
    room, clock = _room(mini_catalog, timer=30)
    room.enter("Castors", 2)
    clock.wait(29)
    room.enter("Hérons", 2)
    room.reveal()
    assert room.speed_points() == {}
    assert [s.score for s in room.standings()[:2]] == [1.0, 1.0]


# People present, and corrections after the reveal


def _present(catalog: Catalog, present: int, **config: object) -> RoomSession:
    return RoomSession(
        catalog.decks["mini"],
        catalog.deck_questions("mini"),
        RoomConfig(**config),  # type: ignore[arg-type]
        ManualClock(),
        present=present,
    )


def test_never_more_hands_than_people_present_unless_confirmed(mini_catalog: Catalog) -> None:
    room = _present(mini_catalog, 12, mode=AnswerMode.VOTE)
    room.vote([2, 5, 5, 0])  # 12 hands for 12 people
    with pytest.raises(
        TooManyHands, match=r"^13 mains levées pour 12 personnes déclarées présentes$"
    ):
        room.vote([2, 5, 6, 0])
    assert room.entries[(0, ROOM)].response == Votes((2, 5, 5, 0))  # the refused vote left nothing
    entry = room.vote([2, 5, 6, 0], confirmed=True)
    assert entry.response == Votes((2, 5, 6, 0)) and entry.score == pytest.approx(6 / 13)
    with pytest.raises(TooManyHands, match=r"^2 mains levées pour 1 personne déclarée présente$"):
        _present(mini_catalog, 1, mode=AnswerMode.VOTE).vote([1, 1, 0, 0])
    unbounded = _present(mini_catalog, 0, mode=AnswerMode.VOTE)  # no audience declared
    assert unbounded.vote([100, 0, 0, 0]).response == Votes((100, 0, 0, 0))


def test_a_team_answer_is_corrected_after_the_reveal_and_the_change_kept(
    mini_catalog: Catalog,
) -> None:
    room = _present(mini_catalog, 12, teams=THREE)
    at = datetime(2026, 3, 2, 9, 30)
    room.enter("Castors", 1)
    room.enter("Hérons", 2)
    with pytest.raises(RoomError, match="seule une question révélée"):
        room.correct(0, "Castors", 2, at)
    room.reveal()  # Loutres did not answer
    entry, correction = room.correct(0, "Castors", 2, at, "  lettre mal  lue ")
    assert entry.score == 1.0 and room.entries[(0, "Castors")] == entry
    assert correction == Correction(0, "Castors", 1, 0.0, 2, 1.0, at, "lettre mal lue")
    room.correct(0, "Loutres", 2, at)  # « sans réponse » given at the reveal, corrected too
    assert [s.team.name for s in room.standings()] == ["Castors", "Hérons", "Loutres"]
    assert [s.score for s in room.standings()] == [1.0, 1.0, 1.0]
    assert room.corrected(0, "Castors") and not room.corrected(0, "Hérons")
    with pytest.raises(RoomError, match="déjà la réponse enregistrée"):
        room.correct(0, "Hérons", 2, at)
    with pytest.raises(InvalidResponse):
        room.correct(0, "Hérons", 9, at)
    with pytest.raises(RoomError, match="motif trop long"):
        room.correct(0, "Hérons", 0, at, "x" * 201)
    room.advance()
    room.skip()
    with pytest.raises(RoomError, match="seule une question révélée"):
        room.correct(1, "Castors", frozenset({0}), at)
    assert len(room.corrections) == 2  # the refused ones are not kept


def test_a_vote_is_corrected_after_the_reveal_within_the_people_present(
    mini_catalog: Catalog,
) -> None:
    room = _present(mini_catalog, 16, mode=AnswerMode.VOTE)
    at = datetime(2026, 3, 2, 9, 30)
    room.vote([2, 5, 9, 0])
    room.reveal()
    room.advance()  # a later question is on; the first one is still correctable
    with pytest.raises(TooManyHands, match="17 mains"):
        room.correct_votes(0, [2, 5, 10, 0], at)
    with pytest.raises(RoomError, match="corrigez les votes"):
        room.correct(0, ROOM, 2, at)
    entry, correction = room.correct_votes(0, [2, 5, 10, 0], at, confirmed=True)
    assert entry.score == pytest.approx(10 / 17)
    assert (correction.before, correction.score_before) == (Votes((2, 5, 9, 0)), 9 / 16)
    assert room.mean_score() == pytest.approx(10 / 17)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e9", "« 1e9 » : écrivez le nombre en chiffres, sans puissance de dix (pas de « e »)"),
        ("12,5", "« 12,5 » n'est pas un nombre entier : pas de décimales ici"),
        ("12.5", "« 12.5 » n'est pas un nombre entier : pas de décimales ici"),
        ("-3", "« -3 » : un nombre négatif n'a pas de sens ici"),
        ("douze", "« douze » n'est pas un nombre entier écrit en chiffres"),
        ("1 2", "« 1 2 » n'est pas un nombre entier écrit en chiffres"),
        ("²", "« ² » n'est pas un nombre entier écrit en chiffres"),
    ],
)
def test_whole_numbers_are_read_strictly(text: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_whole(text)
    assert str(caught.value) == message


def test_whole_numbers_may_group_thousands_with_spaces() -> None:
    assert [parse_whole(t) for t in ("12", " 7 ", "1 200", "1\u202f000", "0")] == [
        12,
        7,
        1200,
        1000,
        0,
    ]
