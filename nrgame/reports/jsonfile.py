"""The indicators as JSON, for other tools: counts as integers, shares in percent."""

from __future__ import annotations

import json
from typing import Any

from nrgame.core.content import AXES
from nrgame.core.indicators import Indicators
from nrgame.reports.tables import pct

VERSION = 2
"""2: the sessions behind each figure (ledger, excluded, ids in each figure)."""


def as_json(ind: Indicators) -> dict[str, Any]:
    reach = ind.reach
    return {
        "format": "nrgame-report",
        "version": VERSION,
        "period": {
            "from": ind.period.start.isoformat() if ind.period.start else None,
            "to": ind.period.end.isoformat() if ind.period.end else None,
        },
        "actions": {
            "total": ind.actions.total,
            "sessions": [line.sessions[0] for line in ind.ledger if line.learner is None],
            "by_kind": ind.actions.by_kind,
            "by_month": ind.actions.by_month,
            "by_month_kind": ind.actions.by_month_kind,
        },
        "people": {
            "total": reach.total,
            "counted": reach.declared.counted,
            "estimated": reach.declared.estimated,
            "by_segment": {
                segment: {
                    "counted": r.counted,
                    "estimated": r.estimated,
                    "total": r.total,
                    "sessions": [
                        s for line in ind.ledger if segment in line.audience for s in line.sessions
                    ],
                }
                for segment, r in reach.by_segment.items()
            },
            "learners": {
                "attendances": reach.learner_attendances,
                "distinct": reach.distinct_learners,
            },
            "by_month": reach.by_month,
        },
        "actors": {
            "distinct": ind.actors.distinct,
            "participations": ind.actors.participations,
            "by_kind": ind.actors.by_kind,
        },
        "certified": {
            "people": ind.certified.people,
            "attestations": ind.certified.attestations,
            "by_deck": ind.certified.by_deck,
            "issued": [
                {
                    "day": c.issued.isoformat(),
                    "deck": c.deck_id,
                    "learner": c.learner,
                    "session": c.session_id,
                }
                for c in ind.certified.issued
            ],
        },
        "ledger": [
            {
                "day": line.day.isoformat(),
                "kind": line.kind,
                "title": line.title,
                "place": line.place,
                "audience": {
                    segment: {"counted": r.counted, "estimated": r.estimated}
                    for segment, r in line.audience.items()
                },
                "learner": line.learner,
                "total": line.total,
                "partners": line.partners,
                "sessions": line.sessions,
            }
            for line in ind.ledger
        ],
        "excluded": [
            {
                "session": e.id,
                "day": e.day.isoformat(),
                "kind": e.kind,
                "title": e.title,
                "reason": e.reason,
            }
            for e in ind.excluded
        ],
        "knowledge": {
            "mean_before_pct": pct(ind.knowledge.mean_before),
            "mean_after_pct": pct(ind.knowledge.mean_after),
            "pairs": [
                {
                    "before": g.before_id,
                    "after": g.after_id,
                    "before_day": g.before_day.isoformat(),
                    "after_day": g.after_day.isoformat(),
                    "title": g.title,
                    "before_pct": pct(g.before),
                    "after_pct": pct(g.after),
                }
                for g in ind.knowledge.pairs
            ],
        },
        "coverage": {
            "axes": [
                {
                    "axis": axis,
                    "title": AXES.get(axis) if axis else None,
                    "questions": play.questions,
                    "answers": play.answers,
                }
                for axis, play in ind.coverage.by_axis.items()
            ],
            "scenarios": {
                sid: {"title": s.title, "sessions": s.sessions}
                for sid, s in ind.coverage.scenarios.items()
            },
        },
        "items": [
            {
                "question": item.question_id,
                "prompt": item.prompt,
                "axis": item.axis,
                "kind": item.kind,
                "attempts": item.attempts,
                "facility_pct": pct(item.facility),
                "discrimination_pct": pct(item.discrimination),
                "flags": item.flags,
                "options": [
                    {"label": o.label, "correct": o.correct, "count": o.count} for o in item.options
                ],
            }
            for item in ind.items
        ],
    }


def render_json(ind: Indicators) -> bytes:
    return (json.dumps(as_json(ind), ensure_ascii=False, indent=2) + "\n").encode()
