"""Train: self-training played and recorded, the day's session, the final test, the attestation.

Sessions are ordinary recorded quizzes of kind « autoformation » under the learner's alias,
so each answer is on disk before its correction shows and a closed app loses nothing. On top
of that, each answer moves the learner's review card, and a passed final test is recorded as
a certification.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fsrs import Card

from nrgame.core.attestation import Attestation, to_html, to_markdown
from nrgame.core.catalog import Catalog
from nrgame.core.content import Deck, Question
from nrgame.core.files import write_atomic
from nrgame.core.french import long_date, plural
from nrgame.core.quiz import Given
from nrgame.core.scoring import Response
from nrgame.core.sessions import ABANDONED, Clock, SessionKind
from nrgame.core.training import (
    AxisProgress,
    DayPlan,
    day_deck,
    due_day,
    level,
    passed,
    plan_day,
    progress_by_axis,
    relative_day,
    streak,
    upcoming,
)
from nrgame.reports.roadmap import markdown_cell
from nrgame.storage.store import SessionRecord, Store, StoreError
from nrgame.storage.training import AliasError as AliasError
from nrgame.storage.training import (
    Certification,
    apply_answer,
    cards,
    certifications,
    met_on,
    record_certification,
    running_sessions,
    sync_cards,
    touch,
    training_days,
)
from nrgame.storage.training import Learner as Learner
from nrgame.storage.training import add_learner as add_learner
from nrgame.storage.training import get_learner as get_learner
from nrgame.storage.training import learners as learners
from nrgame.storage.training import save_path as save_path
from nrgame.usecases.play_quiz import RecordedQuiz

MODE = "autoformation"
"""Key in a session's meta: DAY or EXAM."""
DAY = "jour"
EXAM = "test-final"
PREFERRED_EXAM = "autoformation-agents"


class TrainingQuiz(RecordedQuiz):
    """A self-training session: each answer also moves the learner's review card."""

    def answer(self, response: Response | None) -> Given:
        given = super().answer(response)
        assert self.learner is not None
        # The answer itself is on disk: if the card cannot follow now, sync_cards replays it.
        with suppress(StoreError):
            apply_answer(
                self.store, self.learner, given.question_id, given.score, given.answered_at
            )
        return given


class ExamQuiz(TrainingQuiz):
    """The final test: once finished at the pass mark or above, a certification."""

    certification: Certification | None = None

    @property
    def passed(self) -> bool:
        """At the pass mark of an attestation deck; any other deck never certifies."""
        quiz = self.quiz
        return quiz.deck.attestation and passed(quiz.score, quiz.max_score, quiz.deck.pass_mark)

    def finish(self) -> None:
        # The certification first: if it cannot be written, the session stays open and
        # finishing it again (on resume) retries; recording it twice is harmless.
        if self.passed and self.learner is not None:
            record = self.store.session(self.session_id)
            self.certification = record_certification(
                self.store,
                session_id=self.session_id,
                learner=self.learner,
                deck_id=self.quiz.deck.id,
                score=self.quiz.score,
                max_score=self.quiz.max_score,
                content_version=(record.content_version or "") if record else "",
                at=self.clock(),
            )
        super().finish()

    def attestation(self, name: str = "") -> Attestation:
        assert self.certification is not None
        cert = self.certification
        return Attestation(
            id=cert.id,
            deck_id=cert.deck_id,
            deck_title=self.quiz.deck.title,
            score=cert.score,
            max_score=cert.max_score,
            pass_mark=self.quiz.deck.pass_mark,
            content_version=cert.content_version,
            issued_at=cert.issued_at,
            name=name,
        )


def open_learner(store: Store, learner: Learner, clock: Clock) -> None:
    """Greet a learner: note the visit, catch up review cards, close yesterday's session."""
    now = clock()
    touch(store, learner.alias, now)
    sync_cards(store, learner.alias)
    for record in running_sessions(store, learner.alias):
        if record.meta.get(MODE) == DAY and record.started_at.date() < now.date():
            # Its answers already moved the cards; today's plan takes over what was left.
            store.finish_session(record.id, now, ABANDONED)


def running(store: Store, alias: str, mode: str) -> SessionRecord | None:
    found = [r for r in running_sessions(store, alias) if r.meta.get(MODE) == mode]
    return found[-1] if found else None


def start_day(
    store: Store, catalog: Catalog, learner: Learner, clock: Clock
) -> TrainingQuiz | None:
    """Today's session for this learner, or None when nothing is due and nothing is new."""
    now = clock()
    met = met_on(store, learner.alias, now.date())
    plan = plan_day(
        catalog.questions.values(), cards(store, learner.alias), now.date(), learner.path, met
    )
    if not plan:
        return None
    questions = plan.questions
    deck = day_deck(now.date(), [q.id for q in questions], learner.path.minutes)
    return TrainingQuiz.start_on(
        store,
        catalog,
        deck,
        questions,
        clock,
        kind=SessionKind.AUTOFORMATION,
        meta={MODE: DAY},
        learner=learner.alias,
    )


class NotAnAttestation(ValueError):
    """A final test asked on a deck that gives no attestation, said in French."""


def start_exam(
    store: Store, catalog: Catalog, learner: Learner, deck_id: str, clock: Clock
) -> ExamQuiz:
    """Raises NotAnAttestation unless the deck is an attestation deck."""
    deck = catalog.decks[deck_id]
    if not deck.attestation:
        raise NotAnAttestation(
            f"« {deck.title} » n'est pas une série d'attestation : elle ne peut pas servir de "
            "test final"
        )
    return ExamQuiz.start(
        store,
        catalog,
        deck_id,
        clock,
        kind=SessionKind.AUTOFORMATION,
        meta={MODE: EXAM},
        learner=learner.alias,
    )


def resume(
    store: Store, catalog: Catalog, record: SessionRecord, learner: Learner, clock: Clock
) -> TrainingQuiz:
    """Pick a session up where it was left. Raises ResumeError if the content changed."""
    if record.meta.get(MODE) == EXAM:
        return ExamQuiz.resume(store, catalog, record, clock, learner=learner.alias)
    deck = day_deck(record.started_at.date(), record.question_ids, learner.path.minutes)
    return TrainingQuiz.resume(store, catalog, record, clock, deck=deck, learner=learner.alias)


def exam_decks(catalog: Catalog) -> list[Deck]:
    """Attestation decks, the only ones a final test is taken on; the self-training one first."""
    decks = [d for d in catalog.decks.values() if d.attestation]
    return sorted(decks, key=lambda d: (d.id != PREFERRED_EXAM, d.title))


@dataclass(frozen=True)
class Overview:
    """Everything the self-training screen shows at a glance."""

    plan: DayPlan
    progress: list[AxisProgress]
    upcoming: list[tuple[date, list[Question]]]
    streak: int
    certifications: list[Certification]
    running_day: SessionRecord | None
    running_exam: SessionRecord | None
    answered_today: int
    """Answers already given in today's session left running."""


def overview(store: Store, catalog: Catalog, learner: Learner, today: date) -> Overview:
    known: dict[str, Card] = cards(store, learner.alias)
    questions = list(catalog.questions.values())
    running_day = running(store, learner.alias, DAY)
    return Overview(
        plan=plan_day(questions, known, today, learner.path, met_on(store, learner.alias, today)),
        progress=progress_by_axis(questions, known, learner.path),
        upcoming=upcoming(questions, known, today),
        streak=streak(training_days(store, learner.alias), today),
        certifications=certifications(store, learner.alias),
        running_day=running_day,
        running_exam=running(store, learner.alias, EXAM),
        answered_today=len(store.answers(running_day.id)) if running_day else 0,
    )


class ExportError(Exception):
    """A file that could not be written, said in French."""


def progress_markdown(store: Store, catalog: Catalog, learner: Learner, today: date) -> str:
    """The learner's own progress, to keep or show: by axis, what comes back, attestations,
    and every question met with its level. Only the pseudonym names the learner."""
    view = overview(store, catalog, learner, today)
    known = cards(store, learner.alias)
    out = [
        f"# Ma progression en autoformation : {learner.alias}",
        "",
        f"Au {long_date(today)} · parcours : {learner.path.describe()} · régularité : "
        + (
            plural(view.streak, "jour") + " de suite"
            if view.streak
            else "aucune séance hier ni aujourd'hui"
        )
        + ".",
        "",
        "## Par axe",
        "",
        "| Axe | Maîtrisées | En cours | Nouvelles |",
        "|---|---:|---:|---:|",
    ]
    out += [
        f"| {row.axis}. {markdown_cell(row.name)} | {row.mastered} | {row.learning} | {row.new} |"
        for row in view.progress
    ]
    out += ["", "## Prochaines révisions", ""]
    out += [
        f"- {relative_day(day, today)} : {plural(len(questions), 'question')}"
        for day, questions in view.upcoming
    ] or ["- Aucune pour l'instant."]
    out += ["", "## Attestations", ""]
    for cert in view.certifications:
        deck = catalog.decks.get(cert.deck_id)
        share = round(100 * cert.score / cert.max_score) if cert.max_score else 0
        title = deck.title if deck else cert.deck_id
        out.append(
            f"- « {title} », le {long_date(cert.issued_at.date())} : {share} % (n° {cert.id[:8]})"
        )
    if not view.certifications:
        out.append("- Aucune pour l'instant.")
    out += ["", "## Questions rencontrées", ""]
    out += ["| Question | Axe | Niveau | Prochaine révision |", "|---|---|---|---|"]
    met = sorted(
        (q for q in catalog.questions.values() if q.id in known),
        key=lambda q: (q.axis, due_day(known[q.id]), q.id),
    )
    for question in met:
        card = known[question.id]
        out.append(
            f"| {markdown_cell(question.prompt)} | {question.axis} | {level(card).value} | "
            f"{relative_day(due_day(card), today)} |"
        )
    if not met:
        out.append("| — | — | — | — |")
    out.append("")
    return "\n".join(out)


def save_progress(
    store: Store, catalog: Catalog, learner: Learner, today: date, folder: Path
) -> Path:
    """Write progression-<pseudonym>-<date>.md into the folder; raises ExportError."""
    folder = folder.expanduser()
    path = folder / f"progression-{learner.alias}-{today.isoformat()}.md"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(progress_markdown(store, catalog, learner, today), encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"Impossible d'écrire la progression dans {folder} ({reason}).") from exc
    return path


def save_attestation(attestation: Attestation, folder: Path) -> list[Path]:
    """Write the Markdown and HTML attestation into the folder; returns both paths."""
    folder = folder.expanduser()
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, text in ((".md", to_markdown(attestation)), (".html", to_html(attestation))):
            path = folder / f"{attestation.file_stem}{suffix}"
            write_atomic(path, text)
            written.append(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"Impossible d'écrire l'attestation dans {folder} ({reason}).") from exc
    return written
