"""`nrgame web` started for real on a free loopback port, its printed link read back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Served:
    process: subprocess.Popen[str]
    link: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.link)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.link).query)["token"][0]

    def app_processes(self) -> list[int]:
        """The nrgame apps this server runs (its descendants that play)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if b"play" in cmdline and self._descends(ppid):
                found.append(int(entry.name))
        return found

    def _descends(self, pid: int) -> bool:
        for _ in range(5):  # sh, then python: a few levels at most
            if pid == self.process.pid:
                return True
            if pid <= 1:
                return False
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                return False
            pid = int(stat.rsplit(")", 1)[1].split()[1])
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(db: Path, *options: str) -> Iterator[Served]:
    command = [sys.executable, "-m", "nrgame", "--db", str(db), "web"]
    command += ["--port", str(free_port()), *options]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        link = ""
        deadline = time.monotonic() + 30
        while not link and time.monotonic() < deadline:
            line = process.stdout.readline()
            assert line, "nrgame web stopped before printing its link"
            if "?token=" in line:
                link = line.strip()
        assert link, "no link printed within 30 s"
        served = Served(process, link)
        # The link is printed at start-up, just before the port is bound.
        host, port = urlsplit(link).netloc.split(":")
        while time.monotonic() < deadline:
            try:
                socket.create_connection((host, int(port)), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=20)
