"""Self-training for an agent alone: ratings, the day's plan, progress and the streak.

Pure: the caller passes the questions, the learner's review cards and the date; nothing here
reads a clock or a file.

Spaced review is the FSRS scheduler from the `fsrs` library, set up for one short session a
day: no learning steps counted in minutes (a question missed today comes back tomorrow, not in
ten minutes), no random fuzz (the same answers always give the same dates). The correction is
shown at once after every answer, which is the immediate feedback retrieval needs.

How an answer becomes a rating (speed never counts, so « Easy » is never given):

- score 1 (fully right) → Good: first time, back in 2 days, then 11, 46… days;
- score from 0.5 to under 1 (partly right) → Hard: back sooner than after a right answer;
- score under 0.5, or no answer → Again: back the next day the first time, and after a few
  days at most for a question long known (FSRS keeps part of what was learnt).

A question is « maîtrisée » once FSRS expects it to be remembered for 21 days or more
(stability ≥ 21, the threshold Anki calls a mature card): about three right answers spaced
over two weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from fsrs import Card, Rating, Scheduler, State

from nrgame.core.content import AXES, Deck, Difficulty, Question
from nrgame.core.french import WEEKDAYS, long_date
from nrgame.core.kinds import kind_of

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
MASTERED_STABILITY = 21.0
"""Days of expected memory from which a question counts as mastered."""

DEFAULT_MINUTES = 10
MINUTE_CHOICES = (5, 10, 15, 20, 30)
DEFAULT_NEW_PER_DAY = 12
NEW_PER_DAY_CHOICES = (5, 8, 12, 20, 30, 50)
"""New questions a day at most: about one ten-minute session of them by default, so a
learner who finishes early is sent back to reviews tomorrow rather than offered more."""

NEW_SHARE = 0.25
"""Share of a session kept for new questions when reviews alone would fill it."""

DAY_DECK_ID = "autoformation-jour"

_DIFFICULTY_RANK = {Difficulty.EASY: 0, Difficulty.MEDIUM: 1, Difficulty.HARD: 2}


def rating_for(score: float) -> Rating:
    """The FSRS rating an answer earns (see the module docstring)."""
    if score >= 1.0:
        return Rating.Good
    if score >= 0.5:
        return Rating.Hard
    return Rating.Again


def fsrs_time(moment: datetime) -> datetime:
    """The app's clock (naive local time) as fsrs wants it: timezone-aware, labelled UTC.

    Only differences between moments matter to the scheduler, so the label is enough and the
    dates it returns read directly as local dates.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(tzinfo=UTC)


def local_time(moment: datetime) -> datetime:
    """Back from fsrs_time: a naive local time, as the store keeps every moment."""
    return moment.replace(tzinfo=None)


def review(card: Card | None, score: float, at: datetime) -> Card:
    """The card after one more answer (None: the question is seen for the first time)."""
    if card is None:
        # Cards are keyed by (learner, question) in the store; fsrs's own id is unused.
        card = Card(card_id=0, due=fsrs_time(at))
    reviewed, _ = SCHEDULER.review_card(card, rating_for(score), fsrs_time(at))
    return reviewed


def due_day(card: Card) -> date:
    return local_time(card.due).date()


def seconds_for(question: Question) -> int:
    return kind_of(question).seconds


@dataclass(frozen=True)
class LearningPath:
    """What a learner chose to work on. No axis and no theme means everything."""

    axes: frozenset[int] = frozenset()
    themes: frozenset[str] = frozenset()
    minutes: int = DEFAULT_MINUTES
    new_per_day: int = DEFAULT_NEW_PER_DAY

    def includes(self, question: Question) -> bool:
        if not self.axes and not self.themes:
            return True
        return question.axis in self.axes or question.theme in self.themes

    def describe(self) -> str:
        """« axes 4 et 5, thème « énergie » · séances de 10 min · 12 nouvelles par jour »."""
        parts = []
        if self.axes:
            numbers = [str(a) for a in sorted(self.axes)]
            word = "axe" if len(numbers) == 1 else "axes"
            parts.append(f"{word} {_french_list(numbers)}")
        if self.themes:
            names = [f"« {t} »" for t in sorted(self.themes)]
            word = "thème" if len(names) == 1 else "thèmes"
            parts.append(f"{word} {_french_list(names)}")
        scope = ", ".join(parts) if parts else "tout le contenu"
        return f"{scope} · séances de {self.minutes} min · {self.new_per_day} nouvelles par jour"


def _french_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


@dataclass(frozen=True)
class DayPlan:
    """Today's session: questions due for review, then new ones, within the time budget."""

    reviews: list[Question] = field(default_factory=list)
    new: list[Question] = field(default_factory=list)
    held: int = 0
    """New questions left for another day by the daily limit."""

    @property
    def questions(self) -> list[Question]:
        """Reviews and new questions taken in turn, so the session mixes both."""
        mixed: list[Question] = []
        for index in range(max(len(self.reviews), len(self.new))):
            mixed.extend(self.reviews[index : index + 1])
            mixed.extend(self.new[index : index + 1])
        return mixed

    @property
    def seconds(self) -> int:
        return sum(seconds_for(q) for q in self.reviews + self.new)

    @property
    def minutes(self) -> int:
        """The estimated length, rounded up to the minute."""
        return -(-self.seconds // 60)

    def __bool__(self) -> bool:
        return bool(self.reviews or self.new)


def plan_day(
    questions: Iterable[Question],
    cards: Mapping[str, Card],
    today: date,
    path: LearningPath,
    met_today: int = 0,
) -> DayPlan:
    """Choose today's questions.

    Questions due for review come first, most overdue first. They may fill the whole time
    budget (path.minutes) only when nothing new is left; otherwise they stop at three
    quarters of it (NEW_SHARE), so every session also brings something new, and review time
    the new questions leave unused goes back to reviews. New questions take one axis after
    the other in turn so that a day mixes subjects (within an axis, easy ones first, then
    the order the content lists them).

    The path chooses the new questions only: a question already met (in an earlier path, or
    in a final test) keeps coming back for review. A plan always holds at least one question
    when there is anything to do; reviews that do not fit stay due for the next session.

    No more than path.new_per_day new questions a day: `met_today` were already met today
    (in an earlier session or a final test), so only the rest can come.
    """
    budget = path.minutes * 60
    questions = list(questions)
    due = sorted(
        (q for q in questions if q.id in cards and due_day(cards[q.id]) <= today),
        key=lambda q: (cards[q.id].due, cards[q.id].stability or 0.0),
    )
    unmet = _across_axes(q for q in questions if q.id not in cards and path.includes(q))
    fresh = unmet[: max(0, path.new_per_day - met_today)]
    review_budget = budget if not fresh else round(budget * (1 - NEW_SHARE))
    reviews, used = _fill(due, 0, review_budget)
    new, used = _fill(fresh, used, budget)
    more, used = _fill(due[len(reviews) :], used, budget)
    held = len(unmet) - len(fresh)
    return DayPlan(reviews=reviews + more, new=new, held=held)


def _fill(candidates: list[Question], used: int, limit: int) -> tuple[list[Question], int]:
    """Take candidates in order while they fit under `limit` seconds (at least one overall)."""
    taken: list[Question] = []
    for question in candidates:
        cost = seconds_for(question)
        if used + cost > limit and (used or taken):
            break
        taken.append(question)
        used += cost
    return taken, used


def _across_axes(questions: Iterable[Question]) -> list[Question]:
    """One question of each axis in turn; within an axis, easy first, then authoring order."""
    queues: dict[int, list[Question]] = {}
    for question in questions:
        queues.setdefault(question.axis, []).append(question)
    ordered = [
        sorted(queue, key=lambda q: _DIFFICULTY_RANK[q.difficulty])
        for _, queue in sorted(queues.items())
    ]
    mixed: list[Question] = []
    for rank in range(max((len(queue) for queue in ordered), default=0)):
        mixed.extend(queue[rank] for queue in ordered if rank < len(queue))
    return mixed


def day_deck(day: date, question_ids: list[str], minutes: int) -> Deck:
    """The deck a day's session is played as (it is drawn for the day, not authored)."""
    return Deck(
        id=DAY_DECK_ID,
        title=f"Autoformation du {long_date(day)}",
        audience="Agents en autoformation",
        description="Séance du jour : questions à revoir et nouvelles questions.",
        duration=minutes,
        questions=question_ids,
    )


class Level(StrEnum):
    NEW = "nouvelle"
    LEARNING = "en cours"
    MASTERED = "maîtrisée"


def level(card: Card | None) -> Level:
    if card is None:
        return Level.NEW
    if card.state == State.Review and (card.stability or 0.0) >= MASTERED_STABILITY:
        return Level.MASTERED
    return Level.LEARNING


@dataclass(frozen=True)
class AxisProgress:
    axis: int
    mastered: int = 0
    learning: int = 0
    new: int = 0

    @property
    def name(self) -> str:
        return AXES[self.axis]

    @property
    def total(self) -> int:
        return self.mastered + self.learning + self.new


def progress_by_axis(
    questions: Iterable[Question], cards: Mapping[str, Card], path: LearningPath
) -> list[AxisProgress]:
    """Mastered, learning and new questions, for each axis of the path or already met."""
    counts: dict[int, dict[Level, int]] = {}
    for question in questions:
        if path.includes(question) or question.id in cards:
            by_level = counts.setdefault(question.axis, dict.fromkeys(Level, 0))
            by_level[level(cards.get(question.id))] += 1
    return [
        AxisProgress(axis, c[Level.MASTERED], c[Level.LEARNING], c[Level.NEW])
        for axis, c in sorted(counts.items())
    ]


def upcoming(
    questions: Iterable[Question], cards: Mapping[str, Card], today: date, days: int = 3
) -> list[tuple[date, list[Question]]]:
    """The next review days (overdue ones counted today) and their questions, soonest first."""
    by_day: dict[date, list[Question]] = {}
    for question in questions:
        card = cards.get(question.id)
        if card is not None:
            by_day.setdefault(max(due_day(card), today), []).append(question)
    for listed in by_day.values():
        listed.sort(key=lambda q: cards[q.id].due)
    return sorted(by_day.items())[:days]


def streak(days: Iterable[date], today: date) -> int:
    """Days in a row with at least one answer, ending today (or yesterday: still alive)."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


def passed(score: float, max_score: float, pass_mark: float) -> bool:
    """Whether a final test reaches its pass mark (80 % unless the deck says otherwise)."""
    return max_score > 0 and score >= pass_mark * max_score - 1e-9


def relative_day(day: date, today: date) -> str:
    """« aujourd'hui », « demain », « jeudi 5 mars », or the full date further off."""
    if day <= today:
        return "aujourd'hui"
    if day == today + timedelta(days=1):
        return "demain"
    if day < today + timedelta(days=7):
        return f"{WEEKDAYS[day.weekday()]} {long_date(day, year=False)}"
    return long_date(day, year=day.year != today.year)
