"""A plain (non-editable) install carries the content and runs from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_bundles_content_and_runs_from_anywhere(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("nrgame-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "nrgame/tui/nrgame.tcss" in names
    bundled = [n for n in names if n.startswith("nrgame/_bundled/content/")]
    assert bundled, names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed copy comes first on the path; the venv supplies the dependencies only.
    env = {**os.environ, "PYTHONPATH": str(target), "NRGAME_DB": str(tmp_path / "db.sqlite3")}
    run = subprocess.run(
        [sys.executable, "-m", "nrgame", "check", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["figures"] > 0
    located = subprocess.run(
        [sys.executable, "-c", "import nrgame.settings as s; print(s.bundled_content())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(target) in located.stdout
