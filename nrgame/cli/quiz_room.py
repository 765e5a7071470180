"""`nrgame quiz DECK --teams NAMES --answers FILE`: a room session played from paper sheets.

Not a command of its own: the options extend `nrgame quiz`, which hands over to `run` when a
room is asked for (--teams, --vote or --salle).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from nrgame.cli import declare
from nrgame.cli.common import open_store
from nrgame.core.catalog import Catalog
from nrgame.core.content import Question
from nrgame.core.declare import DeclareError, describe_audience, describe_partner
from nrgame.core.french import DateError, format_number, long_date
from nrgame.core.quiz import describe_answer, response_to_json
from nrgame.core.room import describe_entry
from nrgame.core.room_scoring import BeforeAfter, Votes, format_share
from nrgame.core.room_setup import (
    ROOM_KINDS,
    AnswerMode,
    Phase,
    RoomConfig,
    RoomError,
    make_teams,
    split_team_names,
)
from nrgame.core.sessions import SessionKind
from nrgame.core.sheet import SheetError, read_sheet, read_team_sheet, read_vote_sheet
from nrgame.usecases.minutes import MinutesError, MinutesFormat, session_minutes, write_minutes
from nrgame.usecases.open_store import SessionRecord, Store
from nrgame.usecases.play_quiz import ResumeError
from nrgame.usecases.recorded_sessions import delete_session
from nrgame.usecases.run_room import RecordedRoom, find_session

_SETUP_FLAGS = (
    "kind",
    "date",
    "place",
    "facilitator",
    "audience",
    "partner",
    "link",
    "minutes",
    "confirm",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    room = parser.add_argument_group(
        "séance en salle (voir docs/animer-une-seance.md)",
    )
    modes = room.add_mutually_exclusive_group()
    modes.add_argument(
        "--teams",
        metavar="NOMS",
        help="jeu par équipes : noms séparés par des virgules (« Castors,Hérons,Loutres »)",
    )
    modes.add_argument(
        "--vote", action="store_true", help="vote à main levée : mains levées par option"
    )
    modes.add_argument("--salle", action="store_true", help="une réponse pour toute la salle")
    declare.add_setup_arguments(room, ROOM_KINDS)
    room.add_argument(
        "--link", metavar="SÉANCE", help="séance « avant » à comparer (identifiant ou son début)"
    )
    room.add_argument(
        "--minutes", type=Path, metavar="FICHIER", help="écrit le compte rendu en Markdown"
    )


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.teams or args.vote or args.salle)


def misplaced_flags(args: argparse.Namespace) -> list[str]:
    """Set-up flags given to a solo run, where they mean nothing."""
    defaults: dict[str, Any] = {
        "audience": [],
        "partner": [],
        "place": "",
        "facilitator": "",
        "confirm": False,
    }
    return [
        f"--{flag}"
        for flag in _SETUP_FLAGS
        if getattr(args, flag) not in (None, defaults.get(flag))
    ]


def _fail(message: str) -> int:
    print(f"nrgame : {message}", file=sys.stderr)
    return 2


def run(
    args: argparse.Namespace,
    catalog: Catalog,
    questions: list[Question],
    text: str,
) -> int:
    try:
        setup = declare.setup_from(args, SessionKind.ATELIER)
    except (DeclareError, DateError) as exc:
        return declare.setup_error(exc)
    try:
        if args.teams:
            config = RoomConfig(teams=make_teams(split_team_names(args.teams)))
        else:
            config = RoomConfig(mode=AnswerMode.VOTE if args.vote else AnswerMode.ROOM)
    except RoomError as exc:
        return _fail(f"--teams : {exc}")
    rows, errors = _read(text, questions, config, 0 if args.confirm else setup.people)
    if errors:
        for error in errors:
            print(f"{args.answers}, {error}", file=sys.stderr)
        if any(error.confirmable for error in errors):
            print(
                "Plus de mains levées que de personnes déclarées (--audience) : recomptez, "
                "ou relancez avec --confirm si le décompte est juste.",
                file=sys.stderr,
            )
        print("Rien n'a été enregistré.", file=sys.stderr)
        return 2
    digest = declare.run_digest(
        "room", args.deck, config.to_json(), declare.normal_sheet(text), declare.setup_key(setup)
    )
    store = open_store(args)
    try:
        cut, refused = declare.earlier_run(store, digest, args.again, f"La feuille {args.answers}")
        if refused:
            return _fail(refused)
        played = _completed(store, catalog, cut) if cut else None
        if played is None:
            earlier = find_session(store, args.link).id if args.link else None
            played = RecordedRoom.start(
                store, catalog, args.deck, datetime.now, setup, config, earlier, digest
            )
        for position, row in enumerate(rows):
            if played.room.states.get(position) is Phase.REVEALED:
                continue  # recorded by the run that was cut off
            for key, response in zip(played.room.answerers, row, strict=True):
                if isinstance(response, Votes):
                    played.vote(response.counts, confirmed=args.confirm)
                elif response is not None:
                    played.enter(key, response)
            played.reveal()
            played.room.advance()
        played.finish()
        progress = played.before_after()
        minutes = session_minutes(store, catalog, played.session_id)
    finally:
        store.close()
    if args.minutes is not None:
        try:
            write_minutes(minutes, args.minutes, MinutesFormat.MARKDOWN)
        except MinutesError as exc:
            print(
                f"nrgame : {exc} ; la séance est enregistrée ({played.session_id}).",
                file=sys.stderr,
            )
            return 1
    if args.json:
        print(json.dumps(_summary(played, progress, args.minutes), ensure_ascii=False, indent=2))
    else:
        _print(played, progress, args.minutes)
    return 0


def _completed(store: Store, catalog: Catalog, cut: SessionRecord) -> RecordedRoom | None:
    """The run cut off earlier, to complete; None (and it is deleted) if today's content can
    no longer replay it, so that the run starts again instead of counting twice."""
    try:
        return RecordedRoom.resume(store, catalog, cut, datetime.now)
    except ResumeError:
        delete_session(store, cut.id)
        return None


def _read(
    text: str, questions: list[Question], config: RoomConfig, present: int
) -> tuple[list[list[Any]], list[SheetError]]:
    if config.mode is AnswerMode.TEAMS:
        teams, errors = read_team_sheet(text, questions, config.teams)
        return [list(row) for row in teams], errors
    if config.mode is AnswerMode.VOTE:
        votes, errors = read_vote_sheet(text, questions, present)
        return [[row] for row in votes], errors
    single, errors = read_sheet(text, questions)
    return [[row] for row in single], errors


def _summary(
    played: RecordedRoom, progress: BeforeAfter | None, minutes: Path | None
) -> dict[str, Any]:
    room = played.room
    setup = played.setup
    questions = []
    for position, question in enumerate(room.questions):
        answers = []
        for entry in room.entries_at(position):
            response = entry.response
            data = response.to_json() if isinstance(response, Votes) else response_to_json(response)
            answers.append(
                {
                    "team": entry.team,
                    "response": data,
                    "response_text": describe_entry(question, entry),
                    "score": round(entry.score, 4),
                }
            )
        questions.append(
            {
                "position": position + 1,
                "question": question.id,
                "kind": question.kind,
                "answer_text": describe_answer(question),
                "answers": answers,
            }
        )
    mean = room.mean_score()
    return {
        "session": played.session_id,
        "deck": room.deck.id,
        "kind": setup.kind.value,
        "day": setup.day.isoformat(),
        "place": setup.place,
        "facilitator": setup.facilitator,
        "audience": [
            {"segment": a.segment.value, "count": a.count, "estimated": a.estimated}
            for a in setup.audience
        ],
        "partners": [{"name": p.name, "kind": p.kind} for p in setup.partners],
        "mode": room.config.mode.value,
        "teams": [
            {"number": t.number, "name": t.name, "colour": t.colour_label, "symbol": t.symbol}
            for t in room.config.teams
        ],
        "questions": questions,
        "standings": [
            {"rank": s.rank, "team": s.team.name, "score": round(s.score, 4)}
            for s in room.standings()
        ],
        "mean_score": round(mean, 4) if mean is not None else None,
        "before_after": (
            {
                "before": progress.before_label,
                "before_score": round(progress.before, 4),
                "after_score": round(progress.after, 4),
            }
            if progress is not None
            else None
        ),
        "minutes": str(minutes) if minutes is not None else None,
    }


def _print(played: RecordedRoom, progress: BeforeAfter | None, minutes: Path | None) -> None:
    room = played.room
    setup = played.setup
    print(f"{setup.kind.label} du {long_date(setup.day)} — « {room.deck.title} »")
    print(f"Public : {describe_audience(setup.audience)}")
    if setup.partners:
        print("Partenaires : " + ", ".join(describe_partner(p) for p in setup.partners))
    for position, question in enumerate(room.questions):
        print(f"{position + 1:>3}. {question.id} — bonne réponse : {describe_answer(question)}")
        for entry in room.entries_at(position):
            team = room.team(entry.team)
            who = team.label if team is not None else "Salle"
            mark = "✔" if entry.score >= 1 else ("◐" if entry.score > 0 else "✘")
            print(f"       {mark} {who} : {describe_entry(question, entry)}")
    if room.config.mode is AnswerMode.TEAMS:
        ranking = " · ".join(
            f"{s.rank}. {s.team.label} ({format_number(round(s.score, 2))})"
            for s in room.standings()
        )
        print(f"Classement : {ranking}")
    mean = room.mean_score()
    if mean is not None:
        print(f"Part de bonnes réponses : {format_share(mean)}")
    if progress is not None:
        print(
            f"Avant ({progress.before_label}) : {format_share(progress.before)} ; "
            f"après : {format_share(progress.after)}"
        )
    print(f"Séance enregistrée ({played.session_id}).")
    if minutes is not None:
        print(f"Compte rendu : {minutes}")
