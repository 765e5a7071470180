"""A quiz played in a room, at the facilitator's pace: teams, a show of hands, or one answer.

Three ways to answer:

- **teams** (1 to 8): each team gives its answer in turn; for an estimate, its number;
- **vote**: the facilitator types how many hands went up for each option (questions with
  one right option: `choice` and `truefalse`); other kinds take one answer for the room;
- **room**: one answer for the whole room.

The facilitator reveals when ready, goes back, skips, pauses. A timer is optional (off by
default), pausable, and never reveals on its own unless asked to. Answers can be changed
freely until the reveal; after it, a team's answer or the vote can still be corrected, and
each correction is kept (`Correction`), with the answer and score before and after.

Hands raised are never more than the people present (the audience declared in the set-up)
unless the facilitator confirms: see `room_scoring.check_hands`.

Scoring reuses `kinds.score` (0 to 1 per answer, speed never counts). A vote scores the
share of hands raised for the right option. The optional speed mode reproduces Kahoot's
published rule (support.kahoot.com, « How points work »): see `room_scoring.speed_points`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nrgame.core.content import Deck, Question
from nrgame.core.kinds import score
from nrgame.core.room_scoring import (
    Votes,
    can_vote,
    check_hands,
    describe_room_response,
    speed_points,
    streak_bonus,
    vote_score,
)
from nrgame.core.room_setup import (
    MAX_REASON,
    ROOM,
    AnswerMode,
    Phase,
    Ranking,
    RoomConfig,
    RoomError,
    Team,
)
from nrgame.core.scoring import Response
from nrgame.core.sessions import Clock
from nrgame.core.timer import Timer


def describe_entry(question: Question, entry: Entry) -> str:
    return describe_room_response(question, entry.response)


@dataclass(frozen=True)
class Entry:
    """One answer of a team (or the room) to one question."""

    position: int
    team: str
    question_id: str
    response: Response | Votes | None
    score: float
    answered_at: datetime
    elapsed: float | None = None
    """Seconds since the question was shown, pauses excluded (only with a timer)."""


@dataclass(frozen=True)
class Correction:
    """An answer changed after the reveal: what it was, what it became, when and why."""

    position: int
    team: str
    before: Response | Votes | None
    score_before: float
    after: Response | Votes | None
    score_after: float
    changed_at: datetime
    reason: str = ""


@dataclass(frozen=True)
class Snapshot:
    entries: dict[tuple[int, str], Entry]
    states: dict[int, Phase]
    position: int
    paused: bool
    corrections: list[Correction]


@dataclass(frozen=True)
class Standing:
    rank: int
    team: Team
    score: float
    """Sum of the 0–1 scores."""
    points: int
    """Kahoot points (speed mode only, else 0)."""


@dataclass
class RoomSession:
    """The state of a room session: which question is on, its phase, every answer given."""

    deck: Deck
    questions: list[Question]
    config: RoomConfig
    clock: Clock
    entries: dict[tuple[int, str], Entry] = field(default_factory=dict)
    states: dict[int, Phase] = field(default_factory=dict)
    """REVEALED or SKIPPED, for each question done with."""
    position: int = 0
    paused: bool = False
    present: int = 0
    """People present (the audience declared in the set-up); 0: not declared."""
    corrections: list[Correction] = field(default_factory=list)
    """Answers corrected after the reveal, oldest first."""
    timer: Timer | None = field(default=None, init=False)
    _timer_position: int = field(default=-1, init=False)

    def __post_init__(self) -> None:
        self.position = self._first_open()
        self._arrive()

    # What is on

    @property
    def current(self) -> Question:
        return self.questions[self.position]

    @property
    def phase(self) -> Phase:
        if self.position >= len(self.questions):
            return Phase.FINISHED
        return self.states.get(self.position, Phase.ASKING)

    @property
    def finished(self) -> bool:
        return len(self.states) == len(self.questions)

    def mode_for(self, question: Question) -> AnswerMode:
        """Vote questions that cannot be voted on take one answer for the room."""
        if self.config.mode is AnswerMode.VOTE and not can_vote(question):
            return AnswerMode.ROOM
        return self.config.mode

    @property
    def answerers(self) -> list[str]:
        if self.config.mode is AnswerMode.TEAMS:
            return [team.name for team in self.config.teams]
        return [ROOM]

    def team(self, key: str) -> Team | None:
        return next((t for t in self.config.teams if t.name == key), None)

    def entries_at(self, position: int) -> list[Entry]:
        return [
            self.entries[(position, key)]
            for key in self.answerers
            if (position, key) in self.entries
        ]

    def waiting(self) -> list[str]:
        """Who has not answered the current question yet."""
        return [key for key in self.answerers if (self.position, key) not in self.entries]

    # Answers

    def enter(self, key: str, response: Response | None) -> Entry:
        """Record (or correct, until the reveal) the answer of a team or of the room."""
        self._check_open()
        if key not in self.answerers:
            raise RoomError(f"« {key} » ne fait pas partie des équipes")
        question = self.current
        if self.mode_for(question) is AnswerMode.VOTE:
            raise RoomError("cette question se joue à main levée : saisissez les votes")
        points = 0.0 if response is None else score(question, response)
        return self._keep(key, response, points)

    def vote(self, counts: Sequence[int], confirmed: bool = False) -> Entry:
        """Record (or correct, until the reveal) the raised hands for each option.

        More hands than people present raise TooManyHands unless `confirmed`.
        """
        self._check_open()
        votes, points = self._votes(self.position, counts, confirmed)
        return self._keep(ROOM, votes, points)

    def _votes(self, position: int, counts: Sequence[int], confirmed: bool) -> tuple[Votes, float]:
        question = self.questions[position]
        if self.mode_for(question) is not AnswerMode.VOTE:
            raise RoomError("cette question ne se joue pas à main levée")
        votes = Votes(tuple(counts))
        points = vote_score(question, votes)
        if votes.total == 0:
            raise RoomError("aucune main levée : saisissez au moins un vote, ou révélez")
        if not confirmed:
            check_hands(votes, self.present)
        return votes, points

    def correct(
        self, position: int, key: str, response: Response | None, at: datetime, reason: str = ""
    ) -> tuple[Entry, Correction]:
        """Correct a team's (or the room's) answer to a revealed question; the score follows."""
        self._check_revealed(position)
        if key not in self.answerers:
            raise RoomError(f"« {key} » ne fait pas partie des équipes")
        question = self.questions[position]
        if self.mode_for(question) is AnswerMode.VOTE:
            raise RoomError("cette question se joue à main levée : corrigez les votes")
        points = 0.0 if response is None else score(question, response)
        return self._correct(position, key, response, points, at, reason)

    def correct_votes(
        self,
        position: int,
        counts: Sequence[int],
        at: datetime,
        reason: str = "",
        confirmed: bool = False,
    ) -> tuple[Entry, Correction]:
        """Correct the raised hands of a revealed question, bounded as `vote` is."""
        self._check_revealed(position)
        votes, points = self._votes(position, counts, confirmed)
        return self._correct(position, ROOM, votes, points, at, reason)

    def _check_revealed(self, position: int) -> None:
        if self.states.get(position) is not Phase.REVEALED:
            raise RoomError("seule une question révélée se corrige après coup")

    def _correct(
        self,
        position: int,
        key: str,
        response: Response | Votes | None,
        points: float,
        at: datetime,
        reason: str,
    ) -> tuple[Entry, Correction]:
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            raise RoomError(f"motif trop long ({MAX_REASON} caractères au plus)")
        old = self.entries.get((position, key))
        before = old.response if old is not None else None
        if old is not None and before == response:
            raise RoomError("c'est déjà la réponse enregistrée : rien à corriger")
        entry = Entry(
            position,
            key,
            self.questions[position].id,
            response,
            points,
            old.answered_at if old is not None else at,
            old.elapsed if old is not None else None,
        )
        correction = Correction(
            position,
            key,
            before,
            old.score if old is not None else 0.0,
            response,
            points,
            at,
            reason,
        )
        self.entries[(position, key)] = entry
        self.corrections.append(correction)
        return entry, correction

    def corrected(self, position: int, key: str) -> bool:
        return any(c.position == position and c.team == key for c in self.corrections)

    def _keep(self, key: str, response: Response | Votes | None, points: float) -> Entry:
        elapsed = self.timer.elapsed() if self.timer is not None else None
        entry = Entry(self.position, key, self.current.id, response, points, self.clock(), elapsed)
        self.entries[(self.position, key)] = entry
        return entry

    def _check_open(self) -> None:
        if self.phase is Phase.FINISHED:
            raise RoomError("la série est terminée")
        if self.phase is not Phase.ASKING:
            raise RoomError("la réponse à cette question est déjà révélée")
        if self.paused:
            raise RoomError("la séance est en pause")

    # The facilitator's pace

    def reveal(self) -> list[Entry]:
        """Show the answer. Whoever has not answered gets « sans réponse »; returns those."""
        if self.phase is not Phase.ASKING:
            raise RoomError("rien à révéler ici")
        if self.paused:
            raise RoomError("la séance est en pause")
        blanks = [self._keep(key, None, 0.0) for key in self.waiting()]
        if self.timer is not None:
            self.timer.pause()
        self.states[self.position] = Phase.REVEALED
        return blanks

    def skip(self) -> None:
        """Leave the current question out: not asked, not counted. Move on."""
        if self.phase is not Phase.ASKING:
            raise RoomError("seule une question en cours peut être passée")
        self.states[self.position] = Phase.SKIPPED
        self.advance()

    def unskip(self) -> None:
        """Ask a skipped question after all."""
        if self.phase is not Phase.SKIPPED:
            raise RoomError("cette question n'a pas été passée")
        del self.states[self.position]
        self._arrive()

    def advance(self) -> None:
        """Next question, or the end after the last one.

        A question can only be left open by going back from it, so moving forward always
        meets it again before the end.
        """
        if self.phase is Phase.ASKING:
            raise RoomError("révélez la réponse ou passez la question d'abord")
        if self.phase is Phase.FINISHED:
            raise RoomError("la série est terminée")
        self._leave()
        self.position += 1
        self._arrive()

    def back(self) -> None:
        if self.position == 0:
            raise RoomError("c'est la première question")
        self._leave()
        self.position -= 1
        self._arrive()

    def end_now(self) -> list[int]:
        """End the session early: every open question is skipped. Returns their positions."""
        skipped = [i for i in range(len(self.questions)) if i not in self.states]
        for index in skipped:
            self.states[index] = Phase.SKIPPED
        self._leave()
        self.position = len(self.questions)
        return skipped

    def pause(self) -> None:
        self.paused = True
        if self.timer is not None:
            self.timer.pause()

    def resume(self) -> None:
        self.paused = False
        if self.timer is not None and self.phase is Phase.ASKING:
            self.timer.resume()

    def remaining(self) -> float | None:
        """Seconds left on the current question's timer, if there is one running for it."""
        if self.timer is None or self._timer_position != self.position:
            return None
        return self.timer.remaining()

    def tick(self) -> bool:
        """True when the time is up and the facilitator asked for an automatic reveal."""
        return (
            self.config.auto_reveal
            and self.phase is Phase.ASKING
            and not self.paused
            and self.timer is not None
            and self.timer.expired
        )

    def snapshot(self) -> Snapshot:
        """What `restore` needs to undo a step the store refused."""
        return Snapshot(
            dict(self.entries),
            dict(self.states),
            self.position,
            self.paused,
            list(self.corrections),
        )

    def restore(self, saved: Snapshot) -> None:
        self.entries = dict(saved.entries)
        self.states = dict(saved.states)
        self.position = saved.position
        self.paused = saved.paused
        self.corrections = list(saved.corrections)
        self._arrive()

    def _first_open(self) -> int:
        for index in range(len(self.questions)):
            if index not in self.states:
                return index
        return len(self.questions)

    def _arrive(self) -> None:
        if self.config.timer is None or self.phase is not Phase.ASKING:
            return
        if self._timer_position != self.position or self.timer is None:
            self.timer = Timer(self.config.timer, self.clock)
            self._timer_position = self.position
            if self.paused:
                self.timer.pause()
        elif not self.paused:
            self.timer.resume()

    def _leave(self) -> None:
        if self.timer is not None:
            self.timer.pause()

    # Results

    @property
    def leaderboard_visible(self) -> bool:
        """Only between rounds (after the last question of a round is revealed) or at the end."""
        if self.config.mode is not AnswerMode.TEAMS:
            return False
        if self.finished or self.phase is Phase.FINISHED:
            return True
        return (
            self.config.ranking is Ranking.ROUNDS
            and self.phase is Phase.REVEALED
            and (self.position + 1) % self.config.round_size == 0
        )

    def counted(self) -> list[Entry]:
        """Entries of revealed questions, in question order."""
        return [
            entry
            for (position, _), entry in sorted(self.entries.items())
            if self.states.get(position) is Phase.REVEALED
        ]

    def speed_points(self) -> dict[tuple[int, str], int]:
        """Kahoot points of every counted entry (speed mode; empty otherwise)."""
        if not self.config.speed or self.config.timer is None:
            return {}
        limit = float(self.config.timer)
        streaks = dict.fromkeys(self.answerers, 0)
        points: dict[tuple[int, str], int] = {}
        for entry in self.counted():
            in_time = entry.elapsed is not None and entry.elapsed <= limit
            if entry.score >= 1 and in_time and entry.elapsed is not None:
                streaks[entry.team] += 1
                points[(entry.position, entry.team)] = speed_points(
                    entry.elapsed, limit
                ) + streak_bonus(streaks[entry.team])
            else:
                streaks[entry.team] = 0
                points[(entry.position, entry.team)] = 0
        return points

    def standings(self) -> list[Standing]:
        """Teams by points (speed mode) or by score; equal totals share a rank."""
        counted = self.counted()
        points = self.speed_points()
        rows = []
        for team in self.config.teams:
            total = sum(e.score for e in counted if e.team == team.name)
            speed = sum(p for (_, key), p in points.items() if key == team.name)
            rows.append((team, round(total, 6), speed))
        rows.sort(key=lambda row: (-row[2], -row[1], row[0].number))
        standings: list[Standing] = []
        for index, (team, total, speed) in enumerate(rows):
            previous = standings[-1] if standings else None
            tied = previous is not None and (previous.points, previous.score) == (speed, total)
            rank = previous.rank if tied and previous is not None else index + 1
            standings.append(Standing(rank, team, total, speed))
        return standings

    def mean_score(self) -> float | None:
        """Mean of the counted answers' scores (0 to 1): the room's share of right answers."""
        counted = self.counted()
        if not counted:
            return None
        return sum(e.score for e in counted) / len(counted)
