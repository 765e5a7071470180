"""The Markdown summary of a room session, for the meeting minutes.

A pure function of the recorded session: date, start, end and duration, audience by segment
(as corrected since), one summary table (question, share of right answers, key message),
questions asked, the room's
answers against the right ones (as corrected after the reveal, each correction listed), the
key messages (sourced figures with their public caveat), the sources, each once. The
facilitator's notes (a question's `notes`, a figure's `facilitator`) never reach the minutes.
No internal id (session, question, team key) is written. Nothing depends on the clock, so
the same record always gives the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from nrgame.core.content import Figure, Question, Source
from nrgame.core.declare import describe_audience, describe_partner
from nrgame.core.french import format_number, long_date, plural
from nrgame.core.quiz import describe_answer
from nrgame.core.room import Correction, Entry, RoomSession, describe_entry
from nrgame.core.room_scoring import BeforeAfter, Votes, describe_room_response, format_share
from nrgame.core.room_setup import AnswerMode, Phase
from nrgame.core.scoring import Response
from nrgame.core.sessions import SessionSetup


def render_minutes(
    room: RoomSession,
    setup: SessionSetup,
    figures: Mapping[str, Figure],
    started: datetime,
    ended: datetime | None,
    before_after: BeforeAfter | None = None,
) -> str:
    asked = [i for i, _ in enumerate(room.questions) if room.states.get(i) is Phase.REVEALED]
    skipped = [i for i, _ in enumerate(room.questions) if room.states.get(i) is Phase.SKIPPED]
    lines = [f"# {setup.kind.label} du {long_date(setup.day)}", ""]
    lines += _facts(room, setup, len(asked), started, ended)
    lines += _result(room)
    if asked:
        lines += _summary(room, asked)
    if before_after is not None:
        lines += _before_after(before_after)
    lines += ["## Questions posées", ""]
    if not asked:
        lines += ["Aucune question n'a été posée.", ""]
    for number, position in enumerate(asked, 1):
        lines += _question(room, number, position)
    if room.corrections:
        lines += ["## Corrections après la révélation", ""]
        lines += [_correction(room, asked.index(c.position) + 1, c) for c in room.corrections]
        lines.append("")
    if skipped:
        lines += ["## Questions non posées", ""]
        lines += [f"- {_inline(room.questions[p].prompt)}" for p in skipped]
        lines.append("")
    used = _figures_of([room.questions[p] for p in asked], figures)
    if used:
        lines += ["## Messages clés", ""]
        for figure in used:
            lines.append(
                f"- {_inline(figure.statement).rstrip('.')} ({figure.period}). "
                f"Réserve : {_inline(figure.caveat)}"
            )
        lines.append("")
    sources = _sources([room.questions[p] for p in asked], used)
    if sources:
        lines += ["## Sources", ""]
        lines += [f"- {_citation(source)}" for source in sources]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _hour(moment: datetime) -> str:
    return f"{moment.hour} h {moment.minute:02d}"


def _times(started: datetime, ended: datetime | None) -> str:
    """« de 9 h 00 à 10 h 12 (1 h 12 min) »; a session never finished has only its start."""
    if ended is None:
        return f"commencée à {_hour(started)}, non terminée"
    minutes = max(0, round((ended - started).total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    length = f"{hours} h {rest:02d} min" if hours else f"{rest} min"
    return f"de {_hour(started)} à {_hour(ended)} ({length})"


def _facts(
    room: RoomSession, setup: SessionSetup, asked: int, started: datetime, ended: datetime | None
) -> list[str]:
    total = len(room.questions)
    played = f"{plural(asked, 'question')} posée{'s' if asked > 1 else ''} sur {total}"
    lines = [
        f"- **Série** : {_inline(room.deck.title)} ({played})",
        f"- **Horaires** : {_times(started, ended)}",
    ]
    if setup.place:
        lines.append(f"- **Lieu** : {_inline(setup.place)}")
    if setup.facilitator:
        lines.append(f"- **Animation** : {_inline(setup.facilitator)}")
    lines.append(f"- **Public** : {describe_audience(setup.audience)}")
    if setup.partners:
        partners = ", ".join(_inline(describe_partner(p)) for p in setup.partners)
        lines.append(f"- **Partenaires** : {partners}")
    how = room.config.mode.label
    if room.config.mode is AnswerMode.TEAMS:
        teams = ", ".join(f"{t.label} ({t.colour_label})" for t in room.config.teams)
        how += f" : {teams}"
    if room.config.speed and room.config.timer is not None:
        how += f" ; points à la rapidité, {room.config.timer} s par question"
    elif room.config.timer is not None:
        how += f" ; minuteur de {room.config.timer} s par question"
    lines.append(f"- **Façon de répondre** : {how}")
    lines.append("")
    return lines


def _result(room: RoomSession) -> list[str]:
    lines = ["## Résultat", ""]
    share = room.mean_score()
    if room.config.mode is AnswerMode.TEAMS and room.counted():
        asked = len({e.position for e in room.counted()})
        speed = room.config.speed
        lines += [
            "| Rang | Équipe | Score |" + (" Points |" if speed else ""),
            "|---|---|---|" + ("---|" if speed else ""),
        ]
        for row in room.standings():
            score = f"{format_number(round(row.score, 2))} / {asked}"
            points = f" {format_number(row.points)} |" if speed else ""
            lines.append(f"| {row.rank} | {_cell(row.team.label)} | {score} |{points}")
        lines.append("")
    if share is not None:
        lines += [f"Part de bonnes réponses dans la salle : {format_share(share)}.", ""]
    else:
        lines += ["Aucune réponse n'a été comptée.", ""]
    return lines


def _summary(room: RoomSession, asked: list[int]) -> list[str]:
    """One row per question asked: what the room got right, and what to remember."""
    lines = ["## En bref", "", "| Question | Bonnes réponses | À retenir |", "|---|---|---|"]
    for number, position in enumerate(asked, 1):
        question = room.questions[position]
        lines.append(
            f"| {number}. {_cell(question.prompt)} | {_share_at(room, position)} | "
            f"{_cell(question.explanation)} |"
        )
    lines.append("")
    return lines


def _share_at(room: RoomSession, position: int) -> str:
    entries = room.entries_at(position)
    if not entries:
        return "aucune réponse"
    share = format_share(sum(e.score for e in entries) / len(entries))
    if any(isinstance(e.response, Votes) for e in entries):
        return f"{share} des votes"
    return share


def _before_after(progress: BeforeAfter) -> list[str]:
    gain = round(100 * progress.after) - round(100 * progress.before)
    sign = "+" if gain > 0 else ("−" if gain < 0 else "")
    return [
        "## Avant / après",
        "",
        f"- **Avant** ({_inline(progress.before_label)}) : "
        f"{format_share(progress.before)} de bonnes réponses",
        f"- **Après** (cette séance) : {format_share(progress.after)} de bonnes réponses",
        f"- **Évolution** : {sign}{abs(gain)} points",
        "",
    ]


def _question(room: RoomSession, number: int, position: int) -> list[str]:
    question = room.questions[position]
    lines = [f"### {number}. {_inline(question.prompt)}", ""]
    lines += [f"Bonne réponse : {_inline(describe_answer(question))}", ""]
    entries = room.entries_at(position)
    points = room.speed_points()
    if room.config.mode is AnswerMode.TEAMS:
        header = "| Équipe | Réponse | Score |" + (" Points |" if points else "")
        lines += [header, "|---|---|---|" + ("---|" if points else "")]
        for entry in entries:
            team = room.team(entry.team)
            label = team.label if team is not None else "la salle"
            extra = f" {format_number(points[(position, entry.team)])} |" if points else ""
            lines.append(
                f"| {_cell(label)} | {_cell(describe_entry(question, entry))} | "
                f"{_mark(entry)} |{extra}"
            )
        lines.append("")
    else:
        for entry in entries:
            lines += _room_answer(question, entry)
    return lines


def _room_answer(question: Question, entry: Entry) -> list[str]:
    if isinstance(entry.response, Votes):
        total = entry.response.total
        hands = f"{plural(total, 'main')} levée{'s' if total > 1 else ''}"
        return [
            f"Vote à main levée : {_inline(describe_entry(question, entry))} "
            f"({hands}, {format_share(entry.score)} pour la bonne réponse).",
            "",
        ]
    return [
        f"Réponse de la salle : {_inline(describe_entry(question, entry))} ({_mark(entry)}).",
        "",
    ]


def _correction(room: RoomSession, number: int, correction: Correction) -> str:
    """« - Question 1, 1 ▲ Castors : 0,5 % (✘ 0) → 4,4 % (✔ 1) ; motif : lettre mal lue. »"""
    question = room.questions[correction.position]
    team = room.team(correction.team)
    vote = isinstance(correction.after, Votes)
    who = "vote à main levée" if vote else (team.label if team is not None else "la salle")

    def side(response: Response | Votes | None, score: float) -> str:
        text = _inline(describe_room_response(question, response))
        how = f"{format_share(score)} pour la bonne réponse" if vote else _score_mark(score)
        return f"{text} ({how})"

    line = (
        f"- Question {number}, {_inline(who)} : {side(correction.before, correction.score_before)}"
        f" → {side(correction.after, correction.score_after)}"
    )
    return line + (f" ; motif : {_inline(correction.reason)}." if correction.reason else ".")


def _mark(entry: Entry) -> str:
    """Never colour alone: a mark and the score."""
    return _score_mark(entry.score)


def _score_mark(score: float) -> str:
    mark = "✔" if score >= 1 else ("◐" if score > 0 else "✘")
    return f"{mark} {format_number(round(score, 2))}"


def _figures_of(questions: list[Question], figures: Mapping[str, Figure]) -> list[Figure]:
    seen: dict[str, Figure] = {}
    for question in questions:
        for fid in question.figures:
            if fid in figures and fid not in seen:
                seen[fid] = figures[fid]
    return list(seen.values())


def _sources(questions: list[Question], used: list[Figure]) -> list[Source]:
    """Each document once, with its address when any mention of it gives one: the same page
    read twice is one source, however its title was worded."""
    found: dict[str, Source] = {}
    pages: dict[str, str] = {}
    for source in [f.source for f in used] + [q.source for q in questions if q.source]:
        if source is None:
            continue
        key = pages.get(source.url, source.citation()) if source.url else source.citation()
        known = found.get(key)
        if known is None or (known.url is None and source.url is not None):
            found[key] = source
        if source.url:
            pages.setdefault(source.url, key)
    return list(found.values())


def _citation(source: Source) -> str:
    text = _inline(source.citation())
    return f"{text}, <{source.url}>" if source.url else text


def _inline(text: str) -> str:
    """One line of Markdown: no line breaks."""
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")
