"""What every benchmark shares: the figure it reports, timing helpers, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One named result: its value, what it is in French, and the target it answers to."""

    name: str
    label: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None

    def shown(self) -> str:
        """The value written the French way: 0,329 s ; 1,504 × ; 100 000 questions."""
        if self.unit == "×":
            text = f"{self.value:.3f}"
        elif self.unit in ("s", "ms", "Mo"):
            text = f"{self.value:.3g}"
        else:
            return f"{self.value:,.0f} {self.unit}".replace(",", "\u202f")
        return f"{text.replace('.', ',')} {self.unit}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    """The value under which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
    return ordered[rank]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, str]:
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu_model(),
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def filesystem_of(path: Path) -> str:
    """The file system type holding `path` (e.g. ext4, tmpfs), as /proc/mounts tells it."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    target = str(path.resolve())
    best, kind = "", "?"
    for parts in mounts:
        if len(parts) < 3 or len(parts[1]) <= len(best):
            continue
        if target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"):
            best, kind = parts[1], parts[2]
    return kind
