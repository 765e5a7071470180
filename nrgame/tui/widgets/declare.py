"""What a facilitator declares about a session, the same form for a room and a board game.

Kind, date, place, facilitator, the audience by segment (counted or estimated) and partners:
the record behind the REEN indicators. Counts are typed as text and read strictly
(core/declare.py): a numeric input would silently turn « 1e9 » into « 19 ».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from nrgame.core.content import AUDIENCE_LABELS, Audience
from nrgame.core.declare import DeclareError, implausible, parse_count, parse_partners
from nrgame.core.french import DateError, parse_day
from nrgame.core.sessions import AudienceCount, SessionKind, SessionSetup


class FormError(Exception):
    """The first field in fault, and what is wrong with it, in French."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Tick(Checkbox):
    """A checkbox whose mark tells its state (✔ or blank), not only its colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button


def row(label: str, field: Widget) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), field, classes="form-row")


class SecondPress:
    """Counts above their plausible bound are accepted on a second press, unchanged."""

    def __init__(self) -> None:
        self.pending: tuple[AudienceCount, ...] | None = None

    def refusal(self, audience: Iterable[AudienceCount], key: str = "Ctrl+S") -> str | None:
        """The question to ask, or None when the counts are plausible or already confirmed."""
        counts = tuple(audience)
        too_many = implausible(counts)
        if not too_many or self.pending == counts:
            return None
        self.pending = counts
        return (
            "Public : " + ", ".join(too_many) + ". Est-ce bien cela ? Corrigez l'effectif, ou "
            f"appuyez de nouveau sur {key} pour le confirmer."
        )


class DeclarationFields(Vertical):
    """The declaration part of a set-up form; `read` gives the SessionSetup or a FormError."""

    DEFAULT_CSS = "DeclarationFields { height: auto; }"

    def __init__(self, kinds: Sequence[SessionKind], today: date) -> None:
        super().__init__()
        self.kinds = list(kinds)
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static(Text("La séance", style="bold underline"), classes="section")
        if len(self.kinds) > 1:
            yield row(
                "Sorte de séance",
                Select(
                    [(kind.label, kind.value) for kind in self.kinds],
                    value=self.kinds[0].value,
                    allow_blank=False,
                    id="kind",
                ),
            )
        yield row(
            "Date", Input(self.today.strftime("%d/%m/%Y"), id="day", placeholder="jj/mm/aaaa")
        )
        yield row("Lieu", Input(id="place", placeholder="Salle du conseil"))
        yield row("Animation (facultatif)", Input(id="facilitator"))
        yield Static(
            Text("Public présent (pour le bilan de la loi REEN)", style="bold underline"),
            classes="section",
        )
        yield Static(
            Text(
                "Un effectif par public, en chiffres ; cochez « estimé » si vous n'avez pas "
                "compté.",
                style="italic",
            ),
            classes="hint",
        )
        for segment in Audience:
            with Horizontal(classes="form-row"):
                yield Label(AUDIENCE_LABELS[segment].capitalize(), classes="form-label")
                yield Input(id=f"n-{segment.value}", classes="count", max_length=7)
                yield Tick("estimé", id=f"e-{segment.value}")
        yield row(
            "Organisations partenaires",
            Input(
                id="partners",
                placeholder="Repair café (association); Lycée Jean-Moulin (établissement)",
            ),
        )

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def read(self) -> SessionSetup:
        """Read the fields; the first one in fault raises FormError with a French message."""
        try:
            day = parse_day(self._text("day"))
        except DateError as exc:
            raise FormError("day", f"Date : {exc}.") from None
        audience: list[AudienceCount] = []
        for segment in Audience:
            raw = self._text(f"n-{segment.value}")
            if not raw:
                continue
            try:
                count = parse_count(raw, segment)
            except DeclareError as exc:
                raise FormError(f"n-{segment.value}", f"Public : {exc}.") from None
            estimated = self.query_one(f"#e-{segment.value}", Checkbox).value
            if count.count:
                audience.append(AudienceCount(segment, count.count, estimated))
        if not audience:
            raise FormError(
                "n-agents",
                "Public : indiquez au moins un effectif (cochez « estimé » si vous n'avez pas "
                "compté) ; c'est ce qui compte pour le bilan.",
            )
        try:
            partners = parse_partners(self._text("partners"))
        except DeclareError as exc:
            raise FormError("partners", f"Partenaires : {exc}.") from None
        kind = self.kinds[0]
        if len(self.kinds) > 1:
            chosen = self.query_one("#kind", Select).value
            kind = next(k for k in self.kinds if k.value == chosen)
        return SessionSetup(
            kind=kind,
            day=day,
            place=self._text("place"),
            facilitator=self._text("facilitator"),
            audience=audience,
            partners=partners,
        )
