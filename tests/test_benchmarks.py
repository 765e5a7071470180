"""The benchmarks still run (tiny sizes) and report every figure; speed is never asserted."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIGURES = {
    "startup_app_s",
    "startup_bare_s",
    "startup_ratio",
    "memory_app_mb",
    "memory_bare_mb",
    "memory_ratio",
    "startup_cold_s",
    "startup_cold_ratio",
    "memory_cold_mb",
    *(
        f"loading_{tier}_{what}"
        for tier in ("small", "medium", "large")
        for what in ("questions", "s", "ratio")
    ),
    "recording_p50_ms",
    "recording_p99_ms",
    "recording_p99_ratio",
    "reporting_answers",
    "reporting_s",
    "reporting_inside_s",
    "reporting_ratio",
    "simulation_games_per_s",
    "simulation_ratio",
    "phones_ack_p50_ms",
    "phones_ack_p99_ms",
    "phones_ack_p99_ratio",
    "phones_memory_kb",
}


def _bench(*args: str, tmp_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--dir", str(tmp_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_quick_run_gives_every_figure_as_json(tmp_path: Path) -> None:
    figures = json.loads(_bench("--json", tmp_path=tmp_path))
    assert set(figures) == FIGURES
    assert all(isinstance(v, int | float) and math.isfinite(v) and v > 0 for v in figures.values())
    assert list(tmp_path.iterdir()) == []  # the scratch folder is cleaned up


def test_quick_table_names_every_measure_in_french(tmp_path: Path) -> None:
    table = _bench("--only", "loading", "recording", tmp_path=tmp_path)
    assert "Chargement, lot moyen : rapport" in table
    assert "Enregistrement d'une réponse, 99ᵉ centile" in table
    assert "Démarrage" not in table  # --only keeps to the chosen measures
