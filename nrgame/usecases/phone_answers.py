"""Phones answering in a room session: each phone's answer feeds the same recorded session
as keys and hands, and is on disk before the phone is told it is.

How a team's answer comes out of its members' is core/phones.py's; in vote mode each phone
is a hand. One process owns the room, so nothing here needs a lock.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nrgame.core.phones import (
    MAX_PLAYERS,
    PhoneAnswer,
    PhoneBook,
    PhoneError,
    Player,
    combine,
    hands,
    phone_state,
    read_response,
)
from nrgame.core.room_setup import ROOM, AnswerMode, Phase, RoomError
from nrgame.storage.records import correct_audience
from nrgame.usecases.run_room import RecordedRoom

AUDIENCE_REASON = "téléphones connectés"


class PhoneRoom:
    """The phones joined to one recorded room session."""

    def __init__(self, recorded: RecordedRoom, limit: int = MAX_PLAYERS) -> None:
        self.recorded = recorded
        self.book = PhoneBook(limit)
        self.book.restore(recorded.phone_answers())

    @property
    def joined(self) -> int:
        """Phones joined: the audience the facilitator is offered to confirm."""
        return len(self.book.players)

    @property
    def teams(self) -> list[str]:
        room = self.recorded.room
        return [t.name for t in room.config.teams] if room.config.mode is AnswerMode.TEAMS else []

    def count_as_audience(self) -> int:
        """Make the phones joined the session's counted audience (the facilitator confirmed).

        Only when one audience was declared: phones do not say who is an agent or an elected
        member. The change is kept with its reason, as any correction of the audience.
        """
        setup = self.recorded.setup
        if len(setup.audience) != 1:
            raise PhoneError(
                "plusieurs publics déclarés : corrigez le public depuis l'écran des séances"
            )
        if self.joined == 0:
            raise PhoneError("aucun téléphone connecté")
        counted = [replace(setup.audience[0], count=self.joined, estimated=False)]
        at = self.recorded.clock()
        correct_audience(
            self.recorded.store, self.recorded.session_id, counted, at, AUDIENCE_REASON
        )
        self.recorded.setup = replace(setup, audience=counted)
        self.recorded.room.present = self.joined
        return self.joined

    def join(self, token: str | None) -> Player:
        return self.book.join(token)

    def player(self, token: str) -> Player:
        player = self.book.players.get(token)
        if player is None:
            raise PhoneError("téléphone inconnu : rechargez la page")
        return player

    def choose_team(self, token: str, team: str) -> None:
        if team not in self.teams:
            raise PhoneError(f"« {team} » ne fait pas partie des équipes")
        self.player(token).team = team

    def name(self, token: str, pseudonym: str) -> None:
        self.player(token).pseudonym = pseudonym

    def answer(self, token: str, position: int, data: Any) -> PhoneAnswer:
        """Record a phone's answer (the first one to a question stands) and return the one kept.

        Raise PhoneError when the question no longer takes answers, or the answer does not
        fit; nothing is kept then.
        """
        player = self.player(token)
        kept = self.book.answer_of(token, position)
        if kept is not None:
            return kept
        room = self.recorded.room
        if position != room.position or room.phase is not Phase.ASKING:
            raise PhoneError("cette question n'attend plus de réponse")
        if room.paused:
            raise PhoneError("la séance est en pause")
        question = room.current
        mode = room.mode_for(question)
        if mode is AnswerMode.TEAMS and player.team is None:
            raise PhoneError("choisissez d'abord votre équipe")
        key = player.team if mode is AnswerMode.TEAMS and player.team is not None else ROOM
        phone = PhoneAnswer(token, position, read_response(question, data), room.clock(), key)
        self.book.keep(phone)
        try:
            if mode is AnswerMode.VOTE:
                given = [a.response for a in self.book.given(position)]
                self.recorded.vote_phone(phone, hands(question, given))
            else:
                members = self.book.given(position, key if mode is AnswerMode.TEAMS else None)
                self.recorded.enter_phone(phone, combine(question, [a.response for a in members]))
        except RoomError as error:
            self.book.forget(phone)
            raise PhoneError(str(error)) from None
        except BaseException:
            self.book.forget(phone)
            raise
        return phone

    def answered(self, position: int) -> int:
        """Phones that answered a question."""
        return len(self.book.given(position))

    def state(self, token: str) -> dict[str, Any]:
        """Everything this phone needs to show, sent on every connection and every change."""
        player = self.player(token)
        room = self.recorded.room
        phase = room.phase
        question = room.current if phase is not Phase.FINISHED else None
        return phone_state(
            phase=phase.value,
            position=room.position,
            question=question,
            answer=self.book.answer_of(token, room.position),
            player=player,
            teams=self.teams,
            revealed=phase is Phase.REVEALED,
        )
