"""A from/to date filter that tells its screen when a valid period is typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from nrgame.core.french import parse_day
from nrgame.core.indicator_records import Period


def read_day(text: str) -> date | None:
    """A jj/mm/aaaa or aaaa-mm-jj date; empty means no bound. Raises DateError."""
    text = text.strip()
    return parse_day(text) if text else None


class PeriodBar(Horizontal):
    """Two date fields; posts Changed with the period once both read as dates."""

    DEFAULT_CSS = """
    PeriodBar { height: auto; }
    PeriodBar Label { padding: 1 1 0 1; }
    PeriodBar Input { width: 16; }
    PeriodBar .problem { color: $error; padding: 1 1 0 1; }
    """

    @dataclass
    class Changed(Message):
        period: Period

    def __init__(self, period: Period | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.period = period or Period()

    def compose(self) -> ComposeResult:
        start, end = self.period.start, self.period.end
        yield Label("Du")
        yield Input(start.isoformat() if start else "", placeholder="JJ/MM/AAAA", id="from")
        yield Label("au")
        yield Input(end.isoformat() if end else "", placeholder="JJ/MM/AAAA", id="to")
        yield Static("", classes="problem", id="period-problem", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        problem = self.query_one("#period-problem", Static)
        try:
            start = read_day(self.query_one("#from", Input).value)
            end = read_day(self.query_one("#to", Input).value)
            period = Period(start, end)
        except ValueError as exc:
            text = str(exc) if "début" in str(exc) else "date attendue sous la forme JJ/MM/AAAA"
            problem.update(f"⚠ {text}")
            return
        problem.update("")
        if period != self.period:
            self.period = period
            self.post_message(self.Changed(period))
