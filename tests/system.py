"""System components the suite needs (a PostgreSQL server, a browser), installed when missing.

The suite runs as the README says on a machine that may be new. Missing components are
installed from Debian's packages when the suite runs as root (`apt-get update` once per run,
then `apt-get install -y`); otherwise, or when the install fails, the test fails with what to
install. It never skips: a green run means the component was really exercised.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

_LOCK = Path(tempfile.gettempdir()) / "nrgame-tests-apt.lock"
_UPDATED = Path(tempfile.gettempdir()) / "nrgame-tests-apt.updated"


def require(packages: list[str], present: Callable[[], bool]) -> None:
    """Make sure `present()` holds, installing the Debian `packages` if it does not."""
    if present():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(
            f"missing system packages, install them first: apt-get install -y {' '.join(packages)}"
        )
    # xdist workers share one apt: the first one installs, the others wait on the lock.
    with _LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if present():
            return
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        steps = [["apt-get", "install", "-y", "--no-install-recommends", *packages]]
        if not _UPDATED.exists():
            steps.insert(0, ["apt-get", "update"])
        for step in steps:
            done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=1200)
            if done.returncode != 0:
                pytest.fail(f"{' '.join(step)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
            if step[1] == "update":
                _UPDATED.touch()
    if not present():
        pytest.fail(f"{' '.join(packages)} installed, but still not usable")
