"""Bar rows for charts in the terminal: a label, a bar, and the number beside it."""

from __future__ import annotations

from nrgame.core.french import format_number

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar_rows(rows: list[tuple[str, int]], width: int = 30) -> str:
    """One line per row, bars scaled to the largest value; the number is always written."""
    if not rows:
        return "Aucune donnée sur la période."
    label_width = max(len(label) for label, _ in rows)
    top = max(value for _, value in rows) or 1
    lines = []
    for label, value in rows:
        eighths = round(value / top * width * 8)
        bar = "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")
        lines.append(f"{label.ljust(label_width)} {bar.ljust(width)} {format_number(value)}")
    return "\n".join(lines)
