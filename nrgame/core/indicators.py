"""REEN indicators, computed from plain records of the sessions of a period.

The MiNumEco guide (axis 5) asks an authority to follow: actions held, people reached
(estimated if need be), the number and kind of actors involved, people certified. The rules
are written for a referent in docs/indicateurs.md; this module follows that document:

- an **action** is a group session (declared with its audience, or a board game) in which at
  least one question was revealed, one answer recorded or one turn confirmed, and that was not
  abandoned; a session interrupted and resumed is one session, so it counts once;
- **people reached** are the declared audiences of the actions, plus each learner who trained
  alone (self-training) during the period, once;
- self-training sittings are never actions: they are counted apart;
- a solo quiz (no audience declared) reaches nobody the report can name and counts in nothing.

Every figure is the sum of the lines of `Indicators.ledger`, one per action and one per
learner, so a referent can tick each line against an attendance sheet and a spreadsheet sum
gives the total. Sessions left out are listed with the reason (`Indicators.excluded`).

Pure: a storage reader fills `Records` (indicator_records.py), `compute` turns them into
`Indicators`, renderers turn those into documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.indicator_records import (
    AudienceFact,
    CertificationFact,
    PartnerFact,
    Period,
    Records,
    SessionFact,
)
from nrgame.core.itemstats import ItemStat, ItemSums, item_statistics
from nrgame.core.sessions import ABANDONED, SessionKind

UNKNOWN_KIND = "non précisé"

LEARNERS = "autoformation"
"""The row of people reached that gathers the learners who trained alone."""

NOT_PLAYED = "rien de joué (aucune question révélée, aucune réponse, aucun tour)"
GIVEN_UP = "abandonnée"
SOLO = "quiz individuel, sans public déclaré"


def exclusion(session: SessionFact) -> str | None:
    """Why a session is not an action, or None if it is one. Self-training sittings are
    counted apart (see `sitting`), so they are never actions."""
    if session.status == ABANDONED:
        return GIVEN_UP
    if session.played == 0:
        return NOT_PLAYED
    if session.learner is not None:
        return None
    if not session.declared and session.kind != SessionKind.JEU_PLATEAU:
        return SOLO
    return None


def is_action(session: SessionFact) -> bool:
    return session.learner is None and exclusion(session) is None


def is_sitting(session: SessionFact) -> bool:
    """A self-training sitting: a learner answered at least one question. An abandoned sitting
    still counts: the agent did train (only group sessions are abandoned as « did not happen »)."""
    return session.learner is not None and session.played > 0


@dataclass(frozen=True)
class Reached:
    counted: int
    estimated: int

    @property
    def total(self) -> int:
        return self.counted + self.estimated


@dataclass(frozen=True)
class LedgerLine:
    """One line behind the figures: an action held, or a learner who trained alone."""

    day: date
    """The action's date, or the learner's first sitting of the period."""
    kind: str
    title: str
    place: str
    audience: dict[str, Reached]
    """People by segment, counted and estimated apart; a learner line has {LEARNERS: 1}."""
    partners: list[str]
    sessions: list[str]
    """The session behind an action, or every sitting of a learner."""
    learner: str | None = None

    @property
    def counted(self) -> int:
        return sum(r.counted for s, r in self.audience.items() if s != LEARNERS)

    @property
    def estimated(self) -> int:
        return sum(r.estimated for r in self.audience.values())

    @property
    def learners(self) -> int:
        return self.audience[LEARNERS].counted if LEARNERS in self.audience else 0

    @property
    def total(self) -> int:
        return sum(r.total for r in self.audience.values())


@dataclass(frozen=True)
class Excluded:
    """A session of the period that no figure counts, and why."""

    id: str
    day: date
    kind: str
    title: str
    reason: str


@dataclass(frozen=True)
class Actions:
    total: int
    by_kind: dict[str, int]
    by_month: dict[str, int]
    """Month as AAAA-MM, every month from the first to the last session (zeros included)."""
    by_month_kind: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Reach:
    declared: Reached
    """People declared in the actions' set-ups, counted and estimated kept apart."""
    by_segment: dict[str, Reached]
    """Every segment with people, then LEARNERS: the rows add up to `total`."""
    by_month: dict[str, int]
    """A learner counts in the month of their first sitting: the months add up to `total`."""
    learner_attendances: int
    """Self-training sittings of the period (shown apart, never actions)."""
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
    issued: list[CertificationFact] = field(default_factory=list, compare=False)
    """Every attestation behind the figures, in the order issued: the trace, not the figure
    (forgetting a learner changes the alias it shows, never the counts)."""


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
class Indicators:
    period: Period
    actions: Actions
    reach: Reach
    actors: Actors
    certified: Certified
    knowledge: Knowledge
    coverage: Coverage
    items: list[ItemStat]
    ledger: list[LedgerLine] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)


def compute(records: Records, catalog: Catalog) -> Indicators:
    held = [s for s in records.sessions if is_action(s)]
    lines = ledger(records.sessions, records.audience, records.partners)
    kept = {s.id for s in held}
    return Indicators(
        period=records.period,
        actions=actions(held),
        reach=reach(lines, sum(1 for s in records.sessions if is_sitting(s))),
        actors=actors([p for p in records.partners if p.session_id in kept]),
        certified=certified(records.certifications, catalog),
        knowledge=knowledge(
            [s for s in records.sessions if s.status != ABANDONED], records.earlier
        ),
        coverage=coverage(held, records.items, catalog),
        items=item_statistics(records.items, records.responses, catalog),
        ledger=lines,
        excluded=excluded(records.sessions),
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


def ledger(
    sessions: list[SessionFact], audience: list[AudienceFact], partners: list[PartnerFact]
) -> list[LedgerLine]:
    """One line per action, one per learner (at their first sitting), in date order."""
    people: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for a in audience:
        people[a.session_id][a.segment][1 if a.estimated else 0] += a.count
    names: dict[str, list[str]] = defaultdict(list)
    for p in partners:
        names[p.session_id].append(p.name)
    lines = [
        LedgerLine(
            s.day,
            s.kind,
            s.deck_title or s.deck_id or "",
            s.place,
            {
                segment: Reached(*counts)
                for segment, counts in sorted(
                    people[s.id].items(), key=lambda kv: _segment_rank(kv[0])
                )
                if sum(counts)
            },
            sorted(names[s.id]),
            [s.id],
        )
        for s in sessions
        if is_action(s)
    ]
    sittings: dict[str, list[SessionFact]] = defaultdict(list)
    for s in sessions:
        if is_sitting(s):
            sittings[s.learner or ""].append(s)
    for alias, own in sittings.items():
        own.sort(key=lambda s: (s.day, s.id))
        lines.append(
            LedgerLine(
                own[0].day,
                SessionKind.AUTOFORMATION.value,
                ", ".join(sorted({s.deck_title or s.deck_id or "" for s in own})),
                "",
                {LEARNERS: Reached(1, 0)},
                [],
                [s.id for s in own],
                learner=alias,
            )
        )
    lines.sort(key=lambda line: (line.day, line.learner is not None, line.sessions[0]))
    return lines


def excluded(sessions: list[SessionFact]) -> list[Excluded]:
    """The sessions no figure counts: neither actions nor self-training sittings."""
    return [
        Excluded(s.id, s.day, s.kind, s.deck_title or s.deck_id or "", reason)
        for s in sessions
        if not is_sitting(s) and (reason := exclusion(s)) is not None
    ]


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


def reach(lines: list[LedgerLine], sittings: int) -> Reach:
    """People reached, summed from the ledger so that every breakdown adds up to the total."""
    segments: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_month: Counter[str] = Counter()
    for line in lines:
        for segment, r in line.audience.items():
            segments[segment][0] += r.counted
            segments[segment][1] += r.estimated
        by_month[month(line.day)] += line.total
    learners = sum(line.learners for line in lines)
    return Reach(
        declared=Reached(
            sum(line.counted for line in lines), sum(line.estimated for line in lines)
        ),
        by_segment={k: Reached(*segments[k]) for k in sorted(segments, key=_segment_rank)},
        by_month={k: v for k, v in sorted(by_month.items()) if v},
        learner_attendances=sittings,
        distinct_learners=learners,
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
        len(learners) + anonymous,
        len(certifications),
        dict(sorted(by_deck.items())),
        titles,
        list(certifications),
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


def coverage(held: list[SessionFact], items: list[ItemSums], catalog: Catalog) -> Coverage:
    axes: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        question = catalog.questions.get(item.question_id)
        row = axes[question.axis if question else None]
        row[0] += 1
        row[1] += item.n
    order = sorted(axes, key=lambda a: (a is None, a or 0))
    scenarios: dict[str, list[Any]] = {}
    for s in held:
        if s.kind == SessionKind.JEU_PLATEAU and s.deck_id:
            entry = scenarios.setdefault(s.deck_id, [s.deck_title or s.deck_id, 0])
            entry[1] += 1
    return Coverage(
        by_axis={a: AxisPlay(*axes[a]) for a in order},
        scenarios={k: ScenarioPlay(v[0], v[1]) for k, v in sorted(scenarios.items())},
    )


_RANK = {segment.value: rank for rank, segment in enumerate(Audience)} | {
    LEARNERS: len(Audience) + 1
}


def _segment_rank(segment: str) -> tuple[int, str]:
    """Segments in the order of Audience, then any other, then the learners."""
    return _RANK.get(segment, len(Audience)), segment


def _kind_order(counts: Counter[str]) -> dict[str, int]:
    known = [k.value for k in SessionKind]
    keys = sorted(counts, key=lambda k: (k not in known, known.index(k) if k in known else 0, k))
    return {k: counts[k] for k in keys}


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
