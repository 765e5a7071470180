"""Paper answer sheets: one line per question, read into responses before anything is played.

A room sheet has one column per team, separated by `|`; in a vote, the columns are the hands
raised for each option: whole numbers, never more in all than the people present unless the
facilitator confirms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from nrgame.core.content import Question
from nrgame.core.french import NumberError, parse_whole
from nrgame.core.quiz import parse_sheet_answer
from nrgame.core.room_scoring import Votes, can_vote, check_hands, vote_letters, vote_options
from nrgame.core.room_setup import Team, TooManyHands
from nrgame.core.scoring import InvalidResponse, Response

_NUMBERED = re.compile(r"^\s*(\d+)\s*[.)](?=\s|$)\s*")
"""`3. B` or `3) B`; never the `4.` of an estimate written `4.4`."""

T = TypeVar("T")


@dataclass(frozen=True)
class SheetError:
    line: int
    message: str
    confirmable: bool = False
    """More hands than people present: accepted if the facilitator confirms."""

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


def read_sheet(
    text: str, questions: list[Question]
) -> tuple[list[Response | None], list[SheetError]]:
    """Parse a sheet; blank lines and `#` comments are ignored, `-` leaves a question blank.

    A line may start with its question number (`3. B`), which is then checked.
    """
    return _read(text, questions, parse_sheet_answer)


def read_team_sheet(
    text: str, questions: list[Question], teams: tuple[Team, ...]
) -> tuple[list[list[Response | None]], list[SheetError]]:
    """One column per team, in the order the teams were given: `C | B | -`."""

    def parse(question: Question, line: str) -> list[Response | None]:
        cells = line.split("|")
        if len(cells) != len(teams):
            raise InvalidResponse(
                f"{len(teams)} réponses attendues (une par équipe, séparées par |), "
                f"{len(cells)} données"
            )
        answers: list[Response | None] = []
        for team, cell in zip(teams, cells, strict=True):
            try:
                answers.append(parse_sheet_answer(question, cell))
            except InvalidResponse as exc:
                raise InvalidResponse(f"équipe {team.number} ({team.name}) : {exc}") from None
        return answers

    return _read(text, questions, parse)


def read_vote_sheet(
    text: str, questions: list[Question], present: int = 0
) -> tuple[list[Votes | Response | None], list[SheetError]]:
    """Hands raised per option (`2 | 5 | 9 | 0`) where a vote fits, else the room's answer.

    A line with more hands than `present` (the people declared present; 0: no bound) is an
    error marked `confirmable`.
    """

    def parse(question: Question, line: str) -> Votes | Response | None:
        if not can_vote(question):
            return parse_sheet_answer(question, line)
        if line.strip() in ("", "-"):
            return None
        cells = line.split("|")
        size = len(vote_options(question))
        if len(cells) != size:
            raise InvalidResponse(
                f"{size} nombres de mains attendus (un par option, séparés par |), "
                f"{len(cells)} donnés"
            )
        counts = []
        for letter, cell in zip(vote_letters(question), cells, strict=False):
            try:
                counts.append(parse_whole(cell))
            except NumberError as exc:
                raise InvalidResponse(f"option {letter} : {exc}") from None
        if not any(counts):
            raise InvalidResponse("aucune main levée (« - » si la question n'a pas été votée)")
        votes = Votes(tuple(counts))
        check_hands(votes, present)
        return votes

    return _read(text, questions, parse)


def _read(
    text: str, questions: list[Question], parse: Callable[[Question, str], T]
) -> tuple[list[T], list[SheetError]]:
    lines = [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    errors: list[SheetError] = []
    responses: list[T] = []
    for index, (number, line) in enumerate(lines):
        if index >= len(questions):
            errors.append(
                SheetError(number, f"ligne en trop : la série n'a que {len(questions)} questions")
            )
            break
        numbered = _NUMBERED.match(line)
        if numbered:
            if int(numbered.group(1)) != index + 1:
                errors.append(
                    SheetError(
                        number,
                        f"numéro {numbered.group(1)} inattendu : c'est la question {index + 1}",
                    )
                )
                continue
            line = line[numbered.end() :]
        question = questions[index]
        where = f"question {index + 1} ({question.kind})"
        try:
            responses.append(parse(question, line))
        except InvalidResponse as exc:
            errors.append(SheetError(number, f"{where} : {exc}"))
        except TooManyHands as exc:
            errors.append(SheetError(number, f"{where} : {exc}", confirmable=True))
    if not errors and len(lines) < len(questions):
        errors.append(
            SheetError(
                len(text.splitlines()) + 1,
                f"{len(questions) - len(lines)} réponse(s) manquante(s) : la série compte "
                f"{len(questions)} questions (« - » pour une question sans réponse)",
            )
        )
    return responses, errors
