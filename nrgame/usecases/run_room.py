"""Run a room session: played and recorded at once.

Every team answer, vote, reveal, skip and correction is on disk before the screen moves on;
if the store refuses a write, the session is put back as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from nrgame.core.catalog import Catalog
from nrgame.core.phones import PhoneAnswer
from nrgame.core.room import Correction, Entry, RoomSession
from nrgame.core.room_scoring import BeforeAfter
from nrgame.core.room_setup import RoomConfig
from nrgame.core.scoring import Response
from nrgame.core.sessions import ABANDONED, FINISHED, RUNNING, Clock, SessionSetup
from nrgame.storage import room as room_store
from nrgame.storage.room import find_session as find_session
from nrgame.storage.store import SessionRecord, Store
from nrgame.usecases.play_quiz import ResumeError, recorded_questions


def unfinished_rooms(store: Store) -> list[SessionRecord]:
    """Room sessions left running, newest first."""
    running = [s for s in store.sessions(RUNNING) if is_room(s)]
    return sorted(running, key=lambda s: s.started_at, reverse=True)


def is_room(record: SessionRecord) -> bool:
    return "room" in record.meta


def comparable_sessions(store: Store) -> list[tuple[str, str]]:
    """Finished sessions with answers a new one can be compared with: (label, id), newest
    first."""
    return [
        (room_store.session_label(store, record), record.id)
        for record in room_store.earlier_sessions(store)
    ]


class RecordedRoom:
    """A room session played and recorded at once. If the store refuses a write, the session
    is put back as it was, so the screen never shows what is not on disk."""

    def __init__(
        self,
        store: Store,
        session_id: str,
        room: RoomSession,
        setup: SessionSetup,
        linked_to: str | None = None,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.room = room
        self.setup = setup
        self.linked_to = linked_to

    @classmethod
    def start(
        cls,
        store: Store,
        catalog: Catalog,
        deck_id: str,
        clock: Clock,
        setup: SessionSetup,
        config: RoomConfig,
        linked_to: str | None = None,
        script: str | None = None,
    ) -> RecordedRoom:
        """Open the session and save its set-up (the audience record) before anything is played."""
        deck = catalog.decks[deck_id]
        questions = catalog.deck_questions(deck_id)
        session_id = store.start_session(
            kind=setup.kind.value,
            question_ids=[q.id for q in questions],
            started_at=clock(),
            deck_id=deck.id,
            deck_title=deck.title,
            content_version=catalog.version,
            meta={"room": config.to_json()},
            setup=setup,
            linked_to=linked_to,
            script=script,
        )
        room = RoomSession(deck, questions, config, clock, present=setup.people)
        return cls(store, session_id, room, setup, linked_to)

    @classmethod
    def resume(
        cls, store: Store, catalog: Catalog, record: SessionRecord, clock: Clock
    ) -> RecordedRoom:
        """Rebuild a room session where it stood: answers, votes, revealed and skipped questions."""
        deck, questions = recorded_questions(catalog, record)
        setup = store.setup(record.id)
        if setup is None or not is_room(record):
            raise ResumeError("cette séance n'a pas été préparée pour une salle")
        entries = room_store.load_entries(store, record.id, questions)
        room = RoomSession(
            deck,
            questions,
            RoomConfig.from_json(record.meta["room"]),
            clock,
            {(e.position, e.team): e for e in entries},
            room_store.load_states(store, record.id),
            present=setup.people,
            corrections=room_store.load_corrections(store, record.id, questions),
        )
        return cls(store, record.id, room, setup, room_store.linked_to(store, record.id))

    @contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        saved = self.room.snapshot()
        try:
            yield
        except BaseException:
            self.room.restore(saved)
            raise

    def enter(self, key: str, response: Response | None) -> Entry:
        with self._all_or_nothing():
            entry = self.room.enter(key, response)
            room_store.save_entry(self.store, self.session_id, entry)
        return entry

    def vote(self, counts: Sequence[int], confirmed: bool = False) -> Entry:
        """The raised hands; more than the people present only if `confirmed`."""
        with self._all_or_nothing():
            entry = self.room.vote(counts, confirmed)
            room_store.save_entry(self.store, self.session_id, entry)
        return entry

    def enter_phone(self, phone: PhoneAnswer, response: Response) -> Entry:
        """A phone's answer, and the answer of its team (or the room) worked out from its
        members' (`response`): both on disk, or neither."""
        with self._all_or_nothing():
            entry = self.room.enter(phone.team, response)
            room_store.save_phone_answer(self.store, self.session_id, phone, entry)
        return entry

    def vote_phone(self, phone: PhoneAnswer, counts: Sequence[int]) -> Entry:
        """A phone's hand, and the room's votes with it. Phones count themselves: the bound
        on the people present is for hands counted by eye."""
        with self._all_or_nothing():
            entry = self.room.vote(counts, confirmed=True)
            room_store.save_phone_answer(self.store, self.session_id, phone, entry)
        return entry

    def phone_answers(self) -> list[PhoneAnswer]:
        return room_store.load_phone_answers(self.store, self.session_id, self.room.questions)

    def correct(
        self, position: int, key: str, response: Response | None, reason: str = ""
    ) -> Correction:
        """Correct a revealed answer: the answer, its score and the history, all at once."""
        with self._all_or_nothing():
            entry, correction = self.room.correct(position, key, response, self.clock(), reason)
            room_store.save_correction(self.store, self.session_id, entry, correction)
        return correction

    def correct_votes(
        self, position: int, counts: Sequence[int], reason: str = "", confirmed: bool = False
    ) -> Correction:
        with self._all_or_nothing():
            entry, correction = self.room.correct_votes(
                position, counts, self.clock(), reason, confirmed
            )
            room_store.save_correction(self.store, self.session_id, entry, correction)
        return correction

    def reveal(self) -> list[Entry]:
        with self._all_or_nothing():
            position = self.room.position
            blanks = self.room.reveal()
            room_store.save_reveal(self.store, self.session_id, position, blanks, self.clock())
        return blanks

    def skip(self) -> None:
        with self._all_or_nothing():
            position = self.room.position
            self.room.skip()
            room_store.save_skips(self.store, self.session_id, [position], self.clock())

    def unskip(self) -> None:
        with self._all_or_nothing():
            self.room.unskip()
            room_store.clear_skip(self.store, self.session_id, self.room.position)

    def end_now(self) -> None:
        """Stop here: questions not played are skipped, then the session is finished."""
        with self._all_or_nothing():
            skipped = self.room.end_now()
            room_store.save_skips(self.store, self.session_id, skipped, self.clock())
        self.finish()

    @property
    def clock(self) -> Clock:
        return self.room.clock

    def finish(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), FINISHED)

    def abandon(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), ABANDONED)

    def before_after(self) -> BeforeAfter | None:
        """Mean score of the linked earlier session against this one's."""
        if self.linked_to is None:
            return None
        record = self.store.session(self.linked_to)
        before = room_store.mean_score(self.store, self.linked_to)
        after = self.room.mean_score()
        if record is None or before is None or after is None:
            return None
        return BeforeAfter(room_store.session_label(self.store, record), before, after)
