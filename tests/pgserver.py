"""A real PostgreSQL server for the suite: one throwaway cluster per test process.

Debian's binaries (`/usr/lib/postgresql/*/bin`), `initdb` and `pg_ctl` into a temporary
folder, a Unix socket only (`listen_addresses=''`, a short socket path: the limit is about
100 bytes). `pg_ctl` refuses to run as root, so as root the cluster belongs to the `postgres`
system user. Authentication is `trust` on the socket, except for the role `nrgame_pw`, which
needs its password (to test a wrong one).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from tests.system import require

PASSWORD_ROLE = "nrgame_pw"
PASSWORD = "motdepasse-de-test"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@dataclass
class PgServer:
    socket_dir: Path
    superuser: str

    def address(self, database: str, user: str | None = None) -> str:
        return f"postgresql:///{database}?host={self.socket_dir}&user={user or self.superuser}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        done = subprocess.run(
            [
                str(_psql()),
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-U",
                self.superuser,
                "-d",
                database,
                "-c",
                statement,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    def new_database(self) -> str:
        """A fresh, empty database: each test gets its own."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.sql(f"CREATE DATABASE {name}")
        return name


def _psql() -> Path:
    return Path(shutil.which("psql") or "/usr/bin/psql")


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def start(durable: bool = False) -> Generator[PgServer, None, None]:
    """A running cluster until the generator is closed; `durable` keeps fsync on (the
    suite turns it off: it tests behaviour, not disks)."""
    require(["postgresql"], lambda: _bin_dir() is not None)
    bin_dir = _bin_dir()
    assert bin_dir is not None
    owner = "postgres" if os.geteuid() == 0 else None
    # Short: a socket path is limited to about 100 bytes.
    root = Path(tempfile.mkdtemp(prefix="nrpg", dir="/tmp"))
    data, socket_dir = root / "data", root / "s"
    socket_dir.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(socket_dir, owner)
    superuser = owner or os.environ.get("USER", "postgres")
    subprocess.run(
        _as_owner(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                superuser,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            owner,
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    hba = data / "pg_hba.conf"
    hba.write_text(f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n")
    if owner:
        shutil.chown(hba, owner)
    options = f"-c listen_addresses='' -c unix_socket_directories={socket_dir}"
    if not durable:
        options += " -c fsync=off"
    subprocess.run(
        _as_owner(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            owner,
        ),
        check=True,
        capture_output=True,
        timeout=90,
    )
    server = PgServer(socket_dir, superuser)
    try:
        server.sql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
        yield server
    finally:
        subprocess.run(
            _as_owner(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner
            ),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)
