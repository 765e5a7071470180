"""Start-up and memory: fresh processes up to the first interactive home screen.

Each run is a new interpreter (`benchmarks.child`), timed from spawn to the moment the child
reports its first screen painted. Runs of the app and of the bare Textual reference alternate,
after one unmeasured warm-up of each (byte-code compiled, files in the page cache, the
database created), so that drift on a busy machine hits both sides alike. Byte-code is cached
as an installed package has it, even where PYTHONDONTWRITEBYTECODE is set: compiling nrgame's
sources on every start is not what a user's start-up pays.

The app starts warm (its cache of validated content already written, as at every start after
the first) and, alternating with it, cold: the cache emptied just before the launch, so the
content is read and validated in full, as after an update or an edit of the content.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Figure, median

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _launch(kind: str, db: Path) -> tuple[float, int]:
    """Seconds to the first painted screen, and peak resident memory (kB) at that moment.
    `kind` is bare, app (content cache warm) or cold (the app, its cache emptied first)."""
    cache = db.parent / "cache"
    if kind == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    read_end, write_end = os.pipe()
    command = [sys.executable, "-m", "benchmarks.child", kind, str(write_end)]
    if kind != "bare":
        command.append(str(db))
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**ENV, "NRGAME_CACHE": str(cache)},
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        line = pipe.readline()
    elapsed = time.perf_counter() - start
    _, errors = child.communicate(timeout=60)
    if child.returncode != 0 or not line.strip():
        raise RuntimeError(f"{kind}: le processus a échoué\n{errors.decode(errors='replace')}")
    return elapsed, int(line)


def run(scratch: Path, runs: int) -> list[Figure]:
    db = scratch / "startup.sqlite3"
    _launch("bare", db)
    _launch("app", db)
    kinds = ("bare", "app", "cold")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    peaks: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind in kinds:
            elapsed, peak_kb = _launch(kind, db)
            times[kind].append(elapsed)
            peaks[kind].append(peak_kb)
    app_s, bare_s = median(times["app"]), median(times["bare"])
    app_mb, bare_mb = median(peaks["app"]) / 1024, median(peaks["bare"]) / 1024
    cold_s, cold_mb = median(times["cold"]), median(peaks["cold"]) / 1024
    startup = app_s / bare_s
    memory = app_mb / bare_mb
    return [
        Figure("startup_app_s", "Démarrage : accueil de nrgame", app_s, "s"),
        Figure("startup_bare_s", "Démarrage : application Textual nue", bare_s, "s"),
        Figure("startup_ratio", "Démarrage, rapport", startup, "×", "≤ 1,3 ×", startup <= 1.3),
        Figure("startup_cold_s", "Démarrage à froid (contenu revalidé)", cold_s, "s"),
        Figure("startup_cold_ratio", "Démarrage à froid, rapport", cold_s / bare_s, "×"),
        Figure("memory_app_mb", "Mémoire de pointe : accueil de nrgame", app_mb, "Mo"),
        Figure("memory_bare_mb", "Mémoire de pointe : application nue", bare_mb, "Mo"),
        Figure("memory_ratio", "Mémoire de pointe, rapport", memory, "×", "≤ 1,5 ×", memory <= 1.5),
        Figure("memory_cold_mb", "Mémoire de pointe à froid", cold_mb, "Mo"),
    ]
