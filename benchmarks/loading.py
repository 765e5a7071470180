"""Loading: generated questions read and validated, against a bare parse of the same files.

The reference is what any YAML reader must pay at least: each file read and parsed by PyYAML's
C loader (libyaml), with no validation. Runs of both sides alternate; the median is kept.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import yaml

from benchmarks import generate
from benchmarks.common import Figure, median, timed
from nrgame.core.catalog import load_catalog


def _raw_parse(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def _load(folder: Path) -> None:
    catalog = load_catalog([folder])
    if not catalog.ok:
        raise RuntimeError(f"contenu généré invalide : {catalog.errors[0]}")


TIERS = {"small": "petit lot", "medium": "lot moyen", "large": "grand lot"}
"""Figure names stay the same whatever the sizes (--quick uses tiny ones)."""


def run(scratch: Path, sizes: tuple[int, int, int], repeats: int) -> list[Figure]:
    figures: list[Figure] = []
    for tier, size in zip(TIERS, sizes, strict=True):
        folder = scratch / f"questions-{size}"
        files = generate.content(folder, size)
        rounds = repeats if tier != "large" else 1
        raw: list[float] = []
        ours: list[float] = []
        for _ in range(rounds):
            raw.append(timed(partial(_raw_parse, files)))
            ours.append(timed(partial(_load, folder)))
        seconds, ratio = median(ours), median(ours) / median(raw)
        label = f"Chargement, {TIERS[tier]} :"
        ratio_target = tier == "medium"
        time_target = tier == "large"
        figures += [
            Figure(f"loading_{tier}_questions", f"{label} questions", size, "questions"),
            Figure(
                f"loading_{tier}_s",
                f"{label} durée",
                seconds,
                "s",
                "< 10 s" if time_target else "",
                seconds < 10 if time_target else None,
            ),
            Figure(
                f"loading_{tier}_ratio",
                f"{label} rapport",
                ratio,
                "×",
                "≤ 2 ×" if ratio_target else "",
                ratio <= 2 if ratio_target else None,
            ),
        ]
    return figures
