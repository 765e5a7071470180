"""Paper answer sheets: one line per question, read into responses before anything is played."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nrgame.core.content import Question
from nrgame.core.quiz import parse_sheet_answer
from nrgame.core.scoring import InvalidResponse, Response

_NUMBERED = re.compile(r"^\s*(\d+)\s*[.)]\s*")


@dataclass(frozen=True)
class SheetError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


def read_sheet(
    text: str, questions: list[Question]
) -> tuple[list[Response | None], list[SheetError]]:
    """Parse a sheet; blank lines and `#` comments are ignored, `-` leaves a question blank.

    A line may start with its question number (`3. B`), which is then checked.
    """
    lines = [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    errors: list[SheetError] = []
    responses: list[Response | None] = []
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
        try:
            responses.append(parse_sheet_answer(question, line))
        except InvalidResponse as exc:
            errors.append(SheetError(number, f"question {index + 1} ({question.kind}) : {exc}"))
    if not errors and len(lines) < len(questions):
        errors.append(
            SheetError(
                len(text.splitlines()) + 1,
                f"{len(questions) - len(lines)} réponse(s) manquante(s) : la série compte "
                f"{len(questions)} questions (« - » pour une question sans réponse)",
            )
        )
    return responses, errors
