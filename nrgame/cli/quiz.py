"""`nrgame quiz DECK --answers FILE`: play a deck from a paper answer sheet, without the UI.

With --teams, --vote or --salle, the sheet is a room's: see nrgame/cli/quiz_room.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from nrgame.cli import declare, quiz_room
from nrgame.cli.common import add_command, load, open_store, print_errors
from nrgame.core.catalog import Catalog
from nrgame.core.french import format_number
from nrgame.core.loader import ContentFileError, read_text
from nrgame.core.quiz import describe_answer, describe_response, response_to_json
from nrgame.core.sheet import read_sheet
from nrgame.usecases.open_store import SessionRecord, Store
from nrgame.usecases.play_quiz import RecordedQuiz, ResumeError
from nrgame.usecases.recorded_sessions import delete_session


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "quiz", "joue une série à partir d'une feuille de réponses")
    parser.add_argument("deck", metavar="SÉRIE", help="identifiant de la série")
    parser.add_argument(
        "--answers",
        type=Path,
        required=True,
        metavar="FICHIER",
        help="feuille de réponses : une ligne par question (voir docs/feuille-de-reponses.md)",
    )
    parser.add_argument("--json", action="store_true", help="résultat en JSON")
    quiz_room.add_arguments(parser)
    parser.set_defaults(run=run)


def _completed(store: Store, catalog: Catalog, cut: SessionRecord) -> RecordedQuiz | None:
    """The run cut off earlier, to complete; None (and it is deleted) if today's content can
    no longer replay it."""
    try:
        return RecordedQuiz.resume(store, catalog, cut, datetime.now)
    except ResumeError:
        delete_session(store, cut.id)
        return None


def run(args: argparse.Namespace) -> int:
    catalog = load(args)
    if not catalog.ok:
        print_errors(catalog)
        return 2
    if args.deck not in catalog.decks:
        known = ", ".join(sorted(catalog.decks))
        print(f"nrgame : série « {args.deck} » inconnue (séries : {known})", file=sys.stderr)
        return 2
    misplaced = quiz_room.misplaced_flags(args)
    if misplaced and not quiz_room.wanted(args):
        print(
            f"nrgame : {', '.join(misplaced)} ne sert qu'en salle (--teams, --vote ou --salle)",
            file=sys.stderr,
        )
        return 2
    questions = catalog.deck_questions(args.deck)
    try:
        text = read_text(args.answers)
    except ContentFileError as exc:
        print(f"nrgame : {exc.error}", file=sys.stderr)
        return 2
    if quiz_room.wanted(args):
        return quiz_room.run(args, catalog, questions, text)
    responses, errors = read_sheet(text, questions)
    if errors:
        for error in errors:
            print(f"{args.answers}, {error}", file=sys.stderr)
        print("Rien n'a été enregistré.", file=sys.stderr)
        return 2
    digest = declare.run_digest("quiz", args.deck, declare.normal_sheet(text))
    store = open_store(args)
    try:
        cut, refused = declare.earlier_run(store, digest, args.again, f"La feuille {args.answers}")
        if refused:
            print(f"nrgame : {refused}", file=sys.stderr)
            return 2
        played = _completed(store, catalog, cut) if cut else None
        if played is None:
            played = RecordedQuiz.start(store, catalog, args.deck, datetime.now, script=digest)
        for position, response in enumerate(responses):
            if position in played.quiz.given:
                continue  # recorded by the run that was cut off
            played.answer(response)
            played.quiz.advance()
        played.finish()
    finally:
        store.close()
    quiz = played.quiz
    results = [
        {
            "position": given.position + 1,
            "question": given.question_id,
            "kind": questions[given.position].kind,
            "response": response_to_json(given.response),
            "response_text": describe_response(questions[given.position], given.response),
            "answer_text": describe_answer(questions[given.position]),
            "score": round(given.score, 4),
        }
        for given in sorted(quiz.given.values(), key=lambda g: g.position)
    ]
    if args.json:
        summary = {
            "session": played.session_id,
            "deck": args.deck,
            "score": round(quiz.score, 4),
            "max_score": quiz.max_score,
            "questions": results,
        }
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for row in results:
            mark = "✔" if row["score"] == 1 else ("½" if row["score"] else "✘")
            print(f"{row['position']:>3}. {mark} {row['question']} : {row['response_text']}")
        print(
            f"Score : {format_number(round(quiz.score, 2))} / {quiz.max_score} "
            f"— séance enregistrée ({played.session_id})."
        )
    return 0
