"""The records of real sessions: browse, filter, read a session, correct its audience, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import AUDIENCE_LABELS, Audience
from nrgame.core.declare import DeclareError, parse_count
from nrgame.core.french import format_number, long_date
from nrgame.core.indicator_records import Period
from nrgame.core.sessions import KIND_LABELS, AudienceCount
from nrgame.reports.tables import kind_label
from nrgame.tui.commands import RECORDS, bindings
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.tui.widgets.declare import SecondPress
from nrgame.tui.widgets.period import PeriodBar
from nrgame.usecases.open_store import Store
from nrgame.usecases.recorded_sessions import (
    AudienceChange,
    SessionDetail,
    SessionRow,
    correct_audience,
    delete_session,
    list_sessions,
    session_detail,
)

STATUS_LABELS = {"en_cours": "en cours", "terminee": "terminée", "abandonnee": "abandonnée"}


def people_text(row: SessionRow) -> str:
    if not row.people:
        return "—"
    return format_number(row.people) + (" (estimé en partie)" if row.estimated else "")


def count_text(count: AudienceCount | None) -> str:
    if count is None:
        return "aucun"
    return f"{format_number(count.count)} {'estimé' if count.estimated else 'compté'}"


def change_text(change: AudienceChange) -> str:
    segment = AUDIENCE_LABELS.get(Audience(change.segment), change.segment)
    line = (
        f"{change.changed_at:%d/%m/%Y %H:%M} — {segment} : "
        f"{count_text(change.before)} → {count_text(change.after)}"
    )
    return line + (f" (motif : {change.reason})" if change.reason else "")


def detail_text(detail: SessionDetail) -> str:
    row = detail.row
    audience = ", ".join(
        f"{a.segment.label} {format_number(a.count)} ({'estimé' if a.estimated else 'compté'})"
        for a in detail.audience
    )
    lines = [
        f"{kind_label(row.kind)} du {long_date(row.day)}",
        f"Statut : {STATUS_LABELS.get(row.status, row.status)}",
        f"Lieu : {row.place or '—'}",
        f"Animation : {detail.facilitator or '—'}",
        f"Série ou scénario : {row.title or '—'}",
        f"Public : {audience or 'non déclaré'}"
        + (f" — total {format_number(row.people)}" if row.people else ""),
        "Partenaires : "
        + (", ".join(f"{p.name} ({p.kind})" if p.kind else p.name for p in detail.partners) or "—"),
    ]
    if detail.teams:
        lines.append("Équipes : " + ", ".join(detail.teams))
    if row.learner:
        lines.append(f"Apprenant : {row.learner}")
    if detail.answers:
        mean = format_number(round(100 * (detail.mean_score or 0.0), 1))
        lines.append(f"Réponses : {format_number(detail.answers)}, score moyen {mean} %")
    if detail.certifications:
        lines.append(f"Attestations : {detail.certifications}")
    if detail.linked_to:
        lines.append(f"Séance « avant » liée : {detail.linked_to}")
    lines.append(f"Identifiant : {row.id}")
    lines.append("")
    lines.append("Corrections du public :")
    lines.extend(f"  {change_text(c)}" for c in detail.history)
    if not detail.history:
        lines.append("  aucune")
    return "\n".join(lines)


class AudienceDialog(ModalScreen[tuple[list[AudienceCount], str] | None]):
    """The audience of a session, segment by segment, to correct after the fact."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler"),
        Binding("ctrl+s", "save", "Enregistrer"),
    ]
    DEFAULT_CSS = """
    AudienceDialog { align: center middle; }
    AudienceDialog > Vertical {
        width: 72; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    AudienceDialog .segment { height: 1; margin-top: 1; }
    AudienceDialog .segment Label { width: 16; }
    AudienceDialog .segment Input { width: 10; margin-right: 2; background: $boost; }
    AudienceDialog .segment Select { width: 16; }
    AudienceDialog #reason { margin-top: 1; }
    AudienceDialog .problem { color: $error; }
    AudienceDialog #buttons { height: auto; margin-top: 1; }
    AudienceDialog Button { margin-right: 2; }
    """

    def __init__(self, audience: list[AudienceCount]) -> None:
        super().__init__()
        self.audience = {a.segment: a for a in audience}
        self.second_press = SecondPress()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Corriger le public de la séance (0 ou vide : personne).", markup=False)
            for segment in Audience:
                current = self.audience.get(segment)
                with Horizontal(classes="segment"):
                    yield Label(segment.label.capitalize())
                    yield Input(
                        str(current.count) if current else "",
                        compact=True,
                        max_length=7,
                        id=f"count-{segment.value}",
                    )
                    # Words, not a coloured tick: « compté » or « estimé » is read, not guessed.
                    yield Select(
                        [("compté", False), ("estimé", True)],
                        value=current.estimated if current else False,
                        allow_blank=False,
                        compact=True,
                        id=f"estimated-{segment.value}",
                    )
            yield Input(
                placeholder="Motif de la correction (facultatif)", compact=True, id="reason"
            )
            yield Static("", classes="problem", id="problem", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Enregistrer (ctrl+s)", variant="primary", id="save")
                yield Button("Annuler (échap)", id="cancel")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        counts = []
        problem = self.query_one("#problem", Static)
        for segment in Audience:
            field = self.query_one(f"#count-{segment.value}", Input)
            text = field.value.strip()
            try:
                count = parse_count(text, segment).count if text else 0
            except DeclareError as exc:
                problem.update(f"⚠ {exc}.")
                field.focus()
                return
            estimated = self.query_one(f"#estimated-{segment.value}", Select).value is True
            counts.append(AudienceCount(segment, count, estimated))
        kept = [c for c in counts if c.count > 0]
        question = self.second_press.refusal(kept)
        if question is not None:
            problem.update(f"⚠ {question}")
            return
        reason = self.query_one("#reason", Input).value.strip()
        self.dismiss((kept, reason))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)


class RecordsScreen(Screen[None]):
    """Every recorded session, filtered by period and kind, with its detail beside."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(RECORDS)
    KEYS = RECORDS
    HELP_WHERE = "Séances enregistrées"
    DEFAULT_CSS = """
    RecordsScreen #filters { height: auto; }
    RecordsScreen #kind { width: 32; }
    RecordsScreen #body { height: 1fr; }
    RecordsScreen #sessions { width: 1fr; }
    RecordsScreen #detail-box { width: 52; border-left: solid $primary; padding: 0 1; }
    RecordsScreen #message { height: 1; padding: 0 1; }
    """

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.period = Period()
        self.kind: str | None = None
        self.rows: list[SessionRow] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield PeriodBar(id="period")
            yield Select(
                [(label, kind.value) for kind, label in KIND_LABELS.items()],
                prompt="Tous les types",
                id="kind",
            )
        with Horizontal(id="body"):
            yield DataTable(cursor_type="row", zebra_stripes=True, id="sessions")
            with VerticalScroll(id="detail-box"):
                yield Static("", id="detail", markup=False)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Type", "Lieu", "Série ou scénario", "Public", "Statut")
        self.reload()
        table.focus()

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#sessions", DataTable)
        self.rows = list_sessions(self.store, self.period, self.kind)
        table.clear()
        for row in self.rows:
            table.add_row(
                row.day.isoformat(),
                kind_label(row.kind),
                Text(row.place),  # typed by hand, or from content: never markup
                Text(row.title),
                people_text(row),
                STATUS_LABELS.get(row.status, row.status),
                key=row.id,
            )
        ids = [row.id for row in self.rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        self.show_detail()

    @property
    def current(self) -> SessionRow | None:
        table = self.query_one("#sessions", DataTable)
        if not self.rows or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.rows[table.cursor_row]

    def show_detail(self) -> None:
        row = self.current
        detail = session_detail(self.store, row.id) if row else None
        text = detail_text(detail) if detail else "Aucune séance sur ces critères."
        self.query_one("#detail", Static).update(text)

    def say(self, text: str) -> None:
        self.query_one("#message", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(PeriodBar.Changed)
    def _period(self, event: PeriodBar.Changed) -> None:
        self.period = event.period
        self.reload()

    @on(Select.Changed, "#kind")
    def _kind(self, event: Select.Changed) -> None:
        self.kind = None if event.value is Select.NULL else str(event.value)
        self.reload()

    def action_focus_filters(self) -> None:
        self.query_one("#from", Input).focus()

    def action_correct_audience(self) -> None:
        row = self.current
        if row is None:
            return
        detail = session_detail(self.store, row.id)
        if detail is None:
            return

        def save(result: tuple[list[AudienceCount], str] | None) -> None:
            if result is None:
                self.say("Correction annulée.")
                return
            audience, reason = result
            changes = correct_audience(self.store, row.id, audience, self.clock(), reason)
            self.reload(keep=row.id)
            self.say(
                f"Public corrigé ({len(changes)} catégorie{'s' if len(changes) > 1 else ''})."
                if changes
                else "Aucun changement."
            )

        self.app.push_screen(AudienceDialog(detail.audience), save)

    def action_delete_session(self) -> None:
        row = self.current
        if row is None:
            return

        def confirmed(answer: bool | None) -> None:
            if not answer:
                self.say("Suppression annulée.")
                return
            delete_session(self.store, row.id)
            self.reload()
            self.say(f"Séance du {long_date(row.day)} supprimée.")

        question = (
            f"Supprimer la séance « {kind_label(row.kind)} » du {long_date(row.day)}"
            f"{' à ' + row.place if row.place else ''}, avec ses réponses et son public ? "
            "Elle disparaîtra des indicateurs. Cette action est définitive."
        )
        self.app.push_screen(ConfirmDialog(question, yes="Oui, supprimer"), confirmed)
