"""REEN indicators and item statistics, computed from plain records of real sessions.

The MiNumEco guide (axis 5) asks an authority to follow: actions held, people reached
(estimated if need be), the number and kind of actors involved, people certified. Item
statistics tell content authors which questions are too easy, too hard or misleading.

Everything here is pure: a storage reader fills `Records`, `compute` turns them into
`Indicators`, renderers turn those into documents. Scores are item scores between 0 and 1, so
an item's maximum mark is 1.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nrgame.core.catalog import Catalog
from nrgame.core.content import ChoiceQuestion, MultiQuestion, Question, TrueFalseQuestion
from nrgame.core.sessions import SessionKind

TOO_EASY = 0.9
"""Facility above which a question is flagged too easy."""
TOO_HARD = 0.2
"""Facility below which a question is flagged too hard."""

FLAG_EASY = "trop facile"
FLAG_HARD = "trop difficile"
FLAG_NEGATIVE = "discrimination négative"
NO_ANSWER = "sans réponse"
UNKNOWN_KIND = "non précisé"


@dataclass(frozen=True)
class Period:
    """Inclusive date bounds; None leaves a side open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("la date de début est après la date de fin")


@dataclass(frozen=True)
class SessionFact:
    """One real session in the period (abandoned sessions are left out by the reader)."""

    id: str
    kind: str
    day: date
    status: str
    deck_id: str | None = None
    deck_title: str | None = None
    learner: str | None = None
    linked_to: str | None = None
    mean_score: float | None = None
    """Mean item score of every answer recorded in the session; None without answers."""


@dataclass(frozen=True)
class AudienceFact:
    session_id: str
    segment: str
    count: int
    estimated: bool


@dataclass(frozen=True)
class PartnerFact:
    session_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class CertificationFact:
    learner: str | None
    deck_id: str
    issued: date


@dataclass(frozen=True)
class ItemSums:
    """Sums over every attempt at one question, enough for its mean, variance and covariance.

    An attempt is one player or team in one session; x is its score on the item and r the rest
    of its test (its total score minus x).
    """

    question_id: str
    n: int
    sum_x: float
    sum_xx: float
    sum_r: float
    sum_rr: float
    sum_xr: float


@dataclass(frozen=True)
class ResponseCount:
    """How many attempts gave one response (as stored, in JSON) to one question."""

    question_id: str
    response: str | None
    count: int


@dataclass
class Records:
    """What a storage reader hands over for one period."""

    period: Period
    sessions: list[SessionFact] = field(default_factory=list)
    earlier: list[SessionFact] = field(default_factory=list)
    """Sessions outside the period that a session of the period is linked to (its "before")."""
    audience: list[AudienceFact] = field(default_factory=list)
    partners: list[PartnerFact] = field(default_factory=list)
    certifications: list[CertificationFact] = field(default_factory=list)
    items: list[ItemSums] = field(default_factory=list)
    responses: list[ResponseCount] = field(default_factory=list)


@dataclass(frozen=True)
class Actions:
    total: int
    by_kind: dict[str, int]
    by_month: dict[str, int]
    """Month as AAAA-MM, every month from the first to the last session (zeros included)."""
    by_month_kind: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Reached:
    counted: int
    estimated: int

    @property
    def total(self) -> int:
        return self.counted + self.estimated


@dataclass(frozen=True)
class Reach:
    declared: Reached
    """People declared in session set-ups, counted and estimated kept apart."""
    by_segment: dict[str, Reached]
    by_month: dict[str, int]
    learner_attendances: int
    """Sessions followed by a known learner (self-training) without a declared audience."""
    distinct_learners: int

    @property
    def total(self) -> int:
        return self.declared.total + self.distinct_learners


@dataclass(frozen=True)
class Actors:
    distinct: int
    participations: int
    by_kind: dict[str, int]
    """Distinct actors by kind."""


@dataclass(frozen=True)
class Certified:
    people: int
    """Distinct learners certified, plus attestations issued without a learner alias."""
    attestations: int
    by_deck: dict[str, int]
    titles: dict[str, str] = field(default_factory=dict)
    """Deck titles, for the decks still in the catalog."""


@dataclass(frozen=True)
class Gain:
    before_id: str
    after_id: str
    before_day: date
    after_day: date
    title: str
    before: float
    after: float

    @property
    def gain(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Knowledge:
    pairs: list[Gain]

    @property
    def mean_before(self) -> float | None:
        return _mean([p.before for p in self.pairs])

    @property
    def mean_after(self) -> float | None:
        return _mean([p.after for p in self.pairs])


@dataclass(frozen=True)
class AxisPlay:
    questions: int
    """Distinct questions of the axis played."""
    answers: int
    """Answers given to them (one per player or team)."""


@dataclass(frozen=True)
class ScenarioPlay:
    title: str
    sessions: int


@dataclass(frozen=True)
class Coverage:
    by_axis: dict[int | None, AxisPlay]
    """None gathers questions no longer in the catalog."""
    scenarios: dict[str, ScenarioPlay]


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    correct: bool


@dataclass(frozen=True)
class ItemStat:
    question_id: str
    axis: int | None
    kind: str
    prompt: str
    attempts: int
    facility: float
    """Mean score over maximum score, 0 to 1."""
    discrimination: float | None
    """Correlation between the item score and the rest of the test, −1 to 1."""
    options: list[OptionCount]
    flags: list[str]


@dataclass(frozen=True)
class Indicators:
    period: Period
    actions: Actions
    reach: Reach
    actors: Actors
    certified: Certified
    knowledge: Knowledge
    coverage: Coverage
    items: list[ItemStat]


def compute(records: Records, catalog: Catalog) -> Indicators:
    return Indicators(
        period=records.period,
        actions=actions(records.sessions),
        reach=reach(records.sessions, records.audience),
        actors=actors(records.partners),
        certified=certified(records.certifications, catalog),
        knowledge=knowledge(records.sessions, records.earlier),
        coverage=coverage(records.sessions, records.items, catalog),
        items=item_statistics(records.items, records.responses, catalog),
    )


def month(day: date) -> str:
    return day.isoformat()[:7]


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last (AAAA-MM), both included."""
    year, number = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{number:02d}" <= last:
        found.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return found


def actions(sessions: list[SessionFact]) -> Actions:
    by_kind = Counter(s.kind for s in sessions)
    by_month: dict[str, int] = {}
    by_month_kind: dict[str, dict[str, int]] = {}
    if sessions:
        months = [month(s.day) for s in sessions]
        counts = Counter(months)
        for key in months_between(min(counts), max(counts)):
            by_month[key] = counts.get(key, 0)
            by_month_kind[key] = {}
        for key, s in zip(months, sessions, strict=True):
            row = by_month_kind[key]
            row[s.kind] = row.get(s.kind, 0) + 1
    return Actions(len(sessions), _kind_order(by_kind), by_month, by_month_kind)


def reach(sessions: list[SessionFact], audience: list[AudienceFact]) -> Reach:
    days = {s.id: s.day for s in sessions}
    counted = sum(a.count for a in audience if not a.estimated)
    estimated = sum(a.count for a in audience if a.estimated)
    segments: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_month: Counter[str] = Counter()
    for a in audience:
        segments[a.segment][1 if a.estimated else 0] += a.count
        if a.session_id in days:
            by_month[month(days[a.session_id])] += a.count
    declared = {a.session_id for a in audience}
    # A learner working alone is one known person; a declared audience already counts them.
    alone = [s for s in sessions if s.learner and s.id not in declared]
    # Per month, a learner counts once however many sessions they followed that month.
    by_month.update(key for key, _ in {(month(s.day), s.learner) for s in alone})
    return Reach(
        declared=Reached(counted, estimated),
        by_segment={k: Reached(*v) for k, v in sorted(segments.items())},
        by_month=dict(sorted(by_month.items())),
        learner_attendances=len(alone),
        distinct_learners=len({s.learner for s in alone}),
    )


def actors(partners: list[PartnerFact]) -> Actors:
    # The same organisation typed twice with different case or spacing is still one actor.
    kinds: dict[str, str] = {}
    for p in partners:
        kinds.setdefault(_normal(p.name), p.kind.strip() or UNKNOWN_KIND)
    by_kind = Counter(kinds.values())
    return Actors(len(kinds), len(partners), dict(sorted(by_kind.items())))


def certified(certifications: list[CertificationFact], catalog: Catalog) -> Certified:
    learners = {c.learner for c in certifications if c.learner}
    anonymous = sum(1 for c in certifications if not c.learner)
    by_deck = Counter(c.deck_id for c in certifications)
    titles = {d: catalog.decks[d].title for d in by_deck if d in catalog.decks}
    return Certified(
        len(learners) + anonymous, len(certifications), dict(sorted(by_deck.items())), titles
    )


def knowledge(sessions: list[SessionFact], earlier: list[SessionFact]) -> Knowledge:
    known = {s.id: s for s in [*earlier, *sessions]}
    pairs = []
    for after in sessions:
        before = known.get(after.linked_to or "")
        if before is None or before.mean_score is None or after.mean_score is None:
            continue
        title = after.deck_title or before.deck_title or after.deck_id or ""
        pairs.append(
            Gain(
                before.id,
                after.id,
                before.day,
                after.day,
                title,
                before.mean_score,
                after.mean_score,
            )
        )
    pairs.sort(key=lambda g: (g.after_day, g.after_id))
    return Knowledge(pairs)


def coverage(sessions: list[SessionFact], items: list[ItemSums], catalog: Catalog) -> Coverage:
    axes: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        question = catalog.questions.get(item.question_id)
        row = axes[question.axis if question else None]
        row[0] += 1
        row[1] += item.n
    order = sorted(axes, key=lambda a: (a is None, a or 0))
    scenarios: dict[str, list[Any]] = {}
    for s in sessions:
        if s.kind == SessionKind.JEU_PLATEAU and s.deck_id:
            entry = scenarios.setdefault(s.deck_id, [s.deck_title or s.deck_id, 0])
            entry[1] += 1
    return Coverage(
        by_axis={a: AxisPlay(*axes[a]) for a in order},
        scenarios={k: ScenarioPlay(v[0], v[1]) for k, v in sorted(scenarios.items())},
    )


def facility(sums: ItemSums) -> float:
    """Moodle's facility index: mean mark over maximum mark (here 1)."""
    return sums.sum_x / sums.n


def discrimination(sums: ItemSums) -> float | None:
    """Moodle's discrimination index, as a fraction (Moodle shows it × 100).

    Moodle (docs.moodle.org/dev/Quiz_statistics_calculations, and the code in
    question/classes/statistics/questions/calculator.php of moodle/moodle) computes, over the
    attempts s at item i, with x the item score and X₋ᵢ the rest of the test (the attempt's
    total minus x):

        D_i = 100 · C(x, X₋ᵢ) / √(V(x) · V(X₋ᵢ))

    C and V are the sample covariance and variances (divided by s − 1), so D_i / 100 is the
    Pearson correlation between the item and the rest of the test. It is undefined (None) with
    fewer than two attempts or when either side never varies.
    """
    n = sums.n
    if n < 2:
        return None
    var_x = (sums.sum_xx - sums.sum_x**2 / n) / (n - 1)
    var_r = (sums.sum_rr - sums.sum_r**2 / n) / (n - 1)
    cov = (sums.sum_xr - sums.sum_x * sums.sum_r / n) / (n - 1)
    # Sums of equal values leave rounding dust, not variance.
    if var_x <= 1e-12 * max(1.0, sums.sum_xx / n) or var_r <= 1e-12 * max(1.0, sums.sum_rr / n):
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_x * var_r)))


def item_statistics(
    items: list[ItemSums], responses: list[ResponseCount], catalog: Catalog
) -> list[ItemStat]:
    by_question: dict[str, list[ResponseCount]] = defaultdict(list)
    for r in responses:
        by_question[r.question_id].append(r)
    stats = []
    for sums in sorted(items, key=lambda s: s.question_id):
        if sums.n == 0:
            continue
        question = catalog.questions.get(sums.question_id)
        value = facility(sums)
        index = discrimination(sums)
        flags = []
        if value > TOO_EASY:
            flags.append(FLAG_EASY)
        if value < TOO_HARD:
            flags.append(FLAG_HARD)
        if index is not None and index < 0:
            flags.append(FLAG_NEGATIVE)
        stats.append(
            ItemStat(
                question_id=sums.question_id,
                axis=question.axis if question else None,
                kind=question.kind if question else "",
                prompt=question.prompt if question else "",
                attempts=sums.n,
                facility=value,
                discrimination=index,
                options=option_counts(question, by_question.get(sums.question_id, [])),
                flags=flags,
            )
        )
    return stats


def option_counts(question: Question | None, responses: list[ResponseCount]) -> list[OptionCount]:
    """Answers chosen per option for choice, multi and true/false questions.

    A room vote counts every raised hand for its option.
    A multi response ticks several options, so its options add up to more than the attempts.
    Responses that do not fit the question (content changed since) are left out.
    """
    match question:
        case ChoiceQuestion() | MultiQuestion():
            labels = list(question.options)
            right = (
                {question.options.index(question.answer)}
                if isinstance(question, ChoiceQuestion)
                else {question.options.index(a) for a in question.answers}
            )
        case TrueFalseQuestion():
            labels = ["Vrai", "Faux"]
            right = {0 if question.answer else 1}
        case _:
            return []
    counts = [0] * len(labels)
    missing = 0
    for r in responses:
        value = json.loads(r.response) if r.response is not None else None
        if value is None:
            missing += r.count
            continue
        if isinstance(value, dict):  # a room vote: hands raised for each option
            hands = value.get("votes")
            if isinstance(hands, list) and len(hands) == len(labels):
                for index, raised in enumerate(hands):
                    counts[index] += int(raised) * r.count
            continue
        for index in _chosen(question, value):
            counts[index] += r.count
    options = [OptionCount(label, counts[i], i in right) for i, label in enumerate(labels)]
    return [*options, OptionCount(NO_ANSWER, missing, False)]


def _chosen(question: Question, value: Any) -> list[int]:
    if isinstance(question, TrueFalseQuestion):
        return [0 if value else 1] if isinstance(value, bool) else []
    size = len(question.options) if isinstance(question, ChoiceQuestion | MultiQuestion) else 0
    picks = value if isinstance(question, MultiQuestion) and isinstance(value, list) else [value]
    if all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < size for v in picks):
        return list(picks)
    return []


def _kind_order(counts: Counter[str]) -> dict[str, int]:
    known = [k.value for k in SessionKind]
    keys = sorted(counts, key=lambda k: (k not in known, known.index(k) if k in known else 0, k))
    return {k: counts[k] for k in keys}


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
