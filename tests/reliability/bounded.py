"""Run a command in a subprocess with a time limit, and read its own peak memory.

os.wait4 gives the resource usage of that one child (RUSAGE_CHILDREN would mix in every other
child the test worker ever reaped). The limits are there to catch a hang or a blow-up, not
to measure speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

NRGAME = [sys.executable, "-m", "nrgame"]


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float


def run_bounded(
    args: list[str],
    *,
    cwd: Path | None = None,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> Finished:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd, env=env)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise AssertionError(f"{args} still running after {timeout} s")
            time.sleep(0.005)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Finished(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,  # kilobytes on Linux
        )
