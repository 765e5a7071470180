"""Answers from participants' phones: who joined, what each phone answered, how a team's
answer comes out of its members', and what each phone is told.

A phone is known by a random token the server issues and the phone keeps; its answers are
keyed by (token, question position), so a double tap, a reload or a late duplicate counts
once: the first answer to a question stands, a repeat is told the answer already kept.

A team's answer (or the room's, when the room gives one answer) from its members' answers:

- `choice`, `truefalse`: the majority; a tie goes to the option answered first;
- `estimate`: the median (the mean of the two middle values for an even count);
- `multi`: each option the majority of members ticked (more than half); if no option
  reaches that, the most frequent whole answer;
- `order`, `match`: the most frequent whole answer; a tie goes to the one answered first.

In vote mode each phone is one raised hand for the option it picked.
"""

from __future__ import annotations

import json
import secrets
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nrgame.core.content import Question
from nrgame.core.kinds import kind_of, score
from nrgame.core.kinds.base import LETTERS, display_order
from nrgame.core.quiz import response_to_json
from nrgame.core.scoring import InvalidResponse, Response

MAX_PLAYERS = 300
"""Phones a room takes by default."""

MAX_MESSAGE = 4096
"""Bytes at most in one message from a phone."""

MAX_PSEUDONYM = 30

_CODE_LETTERS = "2345679ACEF"
"""What the screen's large digits can draw, less 0, 1, 8, B and D, which read alike from the
back of a room."""

SHAPES = "▲◆●■★✚✿⬟"
"""One shape per option beside its letter, so that no option is told by colour alone."""


class PhoneError(ValueError):
    """A message a phone sent that the rules refuse, said in French for its screen."""


def new_token() -> str:
    return secrets.token_urlsafe(18)


def new_room_code(length: int = 7) -> str:
    """The room's secret, in its address and typed by whoever cannot scan the QR code."""
    return "".join(secrets.choice(_CODE_LETTERS) for _ in range(length))


@dataclass(frozen=True)
class PhoneAnswer:
    token: str
    position: int
    response: Response
    answered_at: datetime
    team: str
    """The team the phone played for when it answered (the room's key otherwise)."""


@dataclass
class Player:
    token: str
    team: str | None = None
    pseudonym: str = ""
    """Shown on the phone only, as plain text; never recorded."""


@dataclass
class PhoneBook:
    """Every phone joined to a room and every answer it gave, first answer kept."""

    limit: int = MAX_PLAYERS
    players: dict[str, Player] = field(default_factory=dict)
    answers: dict[tuple[str, int], PhoneAnswer] = field(default_factory=dict)

    def join(self, token: str | None) -> Player:
        """The phone's player again if its token is known, else a new one within the cap."""
        if token is not None and token in self.players:
            return self.players[token]
        if len(self.players) >= self.limit:
            raise PhoneError(f"la salle est complète ({self.limit} téléphones)")
        player = Player(new_token())
        self.players[player.token] = player
        return player

    def answer_of(self, token: str, position: int) -> PhoneAnswer | None:
        return self.answers.get((token, position))

    def keep(self, answer: PhoneAnswer) -> bool:
        """Keep the first answer to a question; False for a duplicate (nothing changes)."""
        key = (answer.token, answer.position)
        if key in self.answers:
            return False
        self.answers[key] = answer
        return True

    def forget(self, answer: PhoneAnswer) -> None:
        """Undo `keep` when the answer could not be recorded."""
        self.answers.pop((answer.token, answer.position), None)

    def restore(self, answers: Sequence[PhoneAnswer]) -> None:
        """Phones and answers of a resumed session (pseudonyms are never kept)."""
        for answer in answers:
            self.answers[(answer.token, answer.position)] = answer
            player = self.players.setdefault(answer.token, Player(answer.token))
            player.team = answer.team or player.team

    def given(self, position: int, team: str | None = None) -> list[PhoneAnswer]:
        """Answers to a question, first given first; only a team's if `team` is given."""
        found = [
            a for a in self.answers.values() if a.position == position and team in (None, a.team)
        ]
        return sorted(found, key=lambda a: a.answered_at)


def _most_frequent(responses: Sequence[Response]) -> Response:
    counts = Counter(responses)
    best = max(counts.values())
    return next(r for r in responses if counts[r] == best)


def combine(question: Question, responses: Sequence[Response]) -> Response:
    """One answer from several, first given first (the rules in this module's docstring)."""
    if not responses:
        raise PhoneError("aucune réponse à réunir")
    if question.kind == "estimate":
        return float(statistics.median(float(r) for r in responses))  # type: ignore[arg-type]
    if question.kind == "multi":
        ticks = Counter(i for r in responses for i in r)  # type: ignore[union-attr]
        chosen = frozenset(i for i, n in ticks.items() if 2 * n > len(responses))
        return chosen if chosen else _most_frequent(responses)
    return _most_frequent(responses)


def hands(question: Question, responses: Sequence[Response]) -> list[int]:
    """Raised hands per vote option: each phone one hand."""
    options = kind_of(question).vote_options(question)
    return [sum(1 for r in responses if r == option) for option in options]


def read_response(question: Question, data: Any) -> Response:
    """A response as a phone sent it (JSON), checked against the question."""
    if data is None or isinstance(data, dict):
        raise PhoneError("réponse manquante")
    if question.kind == "multi" and not data:
        raise PhoneError("cochez au moins une option")
    try:
        response = kind_of(question).from_json(question, data)
        score(question, response)
    except InvalidResponse as error:
        raise PhoneError(f"réponse refusée : {error}") from None
    except (TypeError, ValueError):
        # Python's own wording is English and says nothing to a participant.
        raise PhoneError("réponse refusée : elle ne correspond pas à cette question") from None
    return response


@dataclass(frozen=True)
class Message:
    """A checked message from a phone: `hello`, `team`, `name`, `answer` or `ping`."""

    type: str
    token: str | None = None
    team: str = ""
    name: str = ""
    position: int = -1
    response: Any = None


def read_message(text: str | bytes) -> Message:
    """Parse and check one message; PhoneError (in French) for anything else."""
    if len(text) > MAX_MESSAGE:
        raise PhoneError("message trop long")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise PhoneError("message illisible") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise PhoneError("message illisible")
    kind = data["type"]
    if kind == "ping":
        return Message("ping")
    if kind == "hello":
        token = data.get("token")
        if token is not None and (not isinstance(token, str) or len(token) > 64):
            raise PhoneError("jeton illisible")
        return Message("hello", token=token)
    if kind == "team" and isinstance(data.get("team"), str):
        return Message("team", team=data["team"])
    if kind == "name" and isinstance(data.get("name"), str):
        name = " ".join(data["name"].split())
        if len(name) > MAX_PSEUDONYM:
            raise PhoneError(f"pseudonyme trop long ({MAX_PSEUDONYM} caractères au plus)")
        return Message("name", name=name)
    position = data.get("position")
    if kind == "answer" and isinstance(position, int) and not isinstance(position, bool):
        return Message("answer", position=position, response=data.get("response"))
    raise PhoneError("message inattendu")


def public_question(question: Question) -> dict[str, Any]:
    """What the phone shows: the question without its answer, options in display order."""
    shown: dict[str, Any] = {"kind": question.kind, "prompt": question.prompt}
    if question.kind in ("choice", "multi"):
        options = question.options
        shown["options"] = [
            {"index": i, "letter": LETTERS[i], "shape": SHAPES[i], "text": text}
            for i, text in enumerate(options)
        ]
    elif question.kind == "truefalse":
        shown["options"] = [
            {"index": True, "letter": "V", "shape": "▲", "text": "Vrai"},
            {"index": False, "letter": "F", "shape": "●", "text": "Faux"},
        ]
    elif question.kind == "estimate":
        shown["unit"] = question.unit
    elif question.kind == "order":
        items = question.items
        shown["items"] = [
            {"index": i, "letter": LETTERS[n], "text": items[i]}
            for n, i in enumerate(display_order(question))
        ]
    elif question.kind == "match":
        pairs = question.pairs
        shown["left"] = [{"index": i, "text": p.left} for i, p in enumerate(pairs)]
        shown["right"] = [
            {"index": i, "letter": LETTERS[n], "text": pairs[i].right}
            for n, i in enumerate(display_order(question))
        ]
    return shown


def phone_state(
    *,
    phase: str,
    position: int,
    question: Question | None,
    answer: PhoneAnswer | None,
    player: Player,
    teams: Sequence[str],
    revealed: bool,
) -> dict[str, Any]:
    """The full state one phone is sent on every connection and every change."""
    state: dict[str, Any] = {
        "type": "state",
        "token": player.token,
        "phase": phase,
        "position": position,
        "teams": list(teams),
        "team": player.team,
        "pseudonym": player.pseudonym,
        "question": public_question(question) if question is not None else None,
        "answer": response_to_json(answer.response) if answer is not None else None,
        "described": (
            kind_of(question).describe(question, answer.response)
            if question is not None and answer is not None
            else ""
        ),
    }
    if revealed and question is not None:
        state["correct"] = kind_of(question).describe(question, kind_of(question).correct(question))
        if answer is not None:
            state["score"] = score(question, answer.response)
    return state
