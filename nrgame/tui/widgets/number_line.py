"""Every team's estimate and the true value on one line, logarithmic when guesses span orders
of magnitude (a guess 100 times too big would otherwise squash all the others together)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from nrgame.core.french import format_number
from nrgame.core.room_setup import Team


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    log: bool
    ticks: list[float]

    def column(self, value: float, width: int) -> int:
        """Where a value falls on a line `width` cells wide."""
        low, high, x = self.low, self.high, value
        if self.log:
            low, high, x = math.log10(low), math.log10(high), math.log10(value)
        share = (x - low) / (high - low)
        return max(0, min(width - 1, round(share * (width - 1))))


def make_scale(values: list[float]) -> Scale:
    """Logarithmic when every value is positive and the largest is at least ten times the
    smallest; linear otherwise. The ends leave a little room around the values."""
    low, high = min(values), max(values)
    if low > 0 and high / low >= 10:
        a, b = math.log10(low), math.log10(high)
        pad = (b - a) * 0.06
        low, high = 10 ** (a - pad), 10 ** (b + pad)
        decades = range(math.floor(math.log10(low)), math.floor(math.log10(high)) + 1)
        ticks = [10.0**k for k in decades if low <= 10.0**k <= high]
        if len(ticks) < 3:  # less than three decades: 2 and 5 help read the line
            steps = (m * 10.0**k for k in decades for m in (1, 2, 5))
            ticks = [t for t in steps if low <= t <= high]
        return Scale(low, high, True, ticks)
    if high == low:
        spread = abs(low) * 0.5 or 1.0
        low, high = low - spread, high + spread
    pad = (high - low) * 0.06
    low, high = low - pad, high + pad
    step = _nice_step((high - low) / 5)
    first = math.ceil(low / step)
    ticks = [k * step for k in range(first, math.floor(high / step) + 1)]
    return Scale(low, high, False, ticks)


def _nice_step(raw: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least as large as `raw`."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(f * power for f in (1.0, 2.0, 5.0, 10.0) if raw <= f * power)


@dataclass(frozen=True)
class Guess:
    team: Team | None
    """None: the whole room's estimate."""
    value: float


class NumberLine(Widget):
    """Renders as many lines as needed: the true value, the axis, the guesses, the ticks."""

    DEFAULT_CSS = """
    NumberLine {
        height: auto;
        margin: 1 0;
    }
    """

    def __init__(
        self, truth: float, unit: str, guesses: list[Guess], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.truth = truth
        self.unit = unit
        self.guesses = guesses
        self.scale = make_scale([truth, *(g.value for g in guesses)])

    def render(self) -> RenderResult:
        return self.draw(max(self.size.width, 20))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.draw(max(width, 20)).split())

    def draw(self, width: int) -> Text:
        scale = self.scale
        lines: list[Text] = []
        truth_col = scale.column(self.truth, width)
        value = f"valeur exacte : {format_number(self.truth)} {self.unit}"
        if len(value) + 2 > max(truth_col + 1, width - truth_col):
            value = f"valeur exacte : {format_number(self.truth)}"
        if truth_col + len(value) + 2 > width:
            label = f"{value} ▼"
            start = max(0, truth_col - len(label) + 1)
        else:
            label = f"▼ {value}"
            start = truth_col
        lines.append(Text(" " * start + label, style="bold"))
        axis = ["─"] * width
        for tick in scale.ticks:
            axis[scale.column(tick, width)] = "┼"
        axis[truth_col] = "◆"
        lines.append(Text("".join(axis)))
        lines.extend(self._markers(width))
        lines.append(self._tick_labels(width))
        if scale.log:
            lines.append(
                Text(
                    "échelle logarithmique : de 1 à 10, même place que de 10 à 100", style="italic"
                )
            )
        return Text("\n").join(lines)

    def _markers(self, width: int) -> list[Text]:
        """Each guess as its team's symbol and number (or « Salle »), stacked if they touch."""
        rows: list[list[tuple[int, Text]]] = []
        placed = sorted(self.guesses, key=lambda g: g.value)
        for guess in placed:
            mark = (
                Text(f"{guess.team.symbol}{guess.team.number}", style=f"bold {guess.team.colour}")
                if guess.team is not None
                else Text("▲ salle", style="bold")
            )
            col = min(self.scale.column(guess.value, width), width - len(mark))
            for row in rows:
                end = row[-1][0] + len(row[-1][1])
                if col > end:
                    row.append((col, mark))
                    break
            else:
                rows.append([(col, mark)])
        lines = []
        for row in rows:
            line = Text()
            for col, mark in row:
                line.append(" " * (col - len(line)))
                line.append_text(mark)
            lines.append(line)
        return lines

    def _tick_labels(self, width: int) -> Text:
        line = Text()
        for tick in self.scale.ticks:
            label = format_number(tick)
            col = self.scale.column(tick, width) - len(label) // 2
            col = max(col, len(line) + 1 if len(line) else 0)
            if col + len(label) > width:
                break
            line.append(" " * (col - len(line)))
            line.append(label, style="dim")
        return line
