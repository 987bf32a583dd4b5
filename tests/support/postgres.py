"""A throwaway PostgreSQL server for the tests: Debian's binaries, ``initdb`` into a temp dir.

The server is real (``apt-get install postgresql``), not a mock: the PostgreSQL state
backend and the task engine are tested against the thing they run on. It listens on
127.0.0.1 only, on a port it found free, and on a Unix socket in its own temp dir.

PostgreSQL refuses to run as root, and CI runs as root: then ``initdb`` and ``postgres``
run as ``nobody`` (through ``runuser``) in a folder owned by ``nobody``.

If the server cannot start, the fixture fails (it never skips): a missing PostgreSQL is
a broken test machine, and ``.ci/run`` installs it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

USER = "archiver"


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql")


def _free_port() -> int:
    # The port stays closed between here and postgres binding it; a clash makes
    # pg_ctl fail and start() tries another port.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        # Short path: Unix socket paths are limited to ~107 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        self.port = 0

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "nobody", "--"] if self.as_root else []
        return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.dir, "nobody")
        self.dir.chmod(0o755)
        done = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, "-A", "trust",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stdout}{done.stderr}")
        last_error = ""
        for _ in range(5):
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                             "-l", str(self.dir / "server.log"), "-o", options, "start")
            if done.returncode == 0:
                return
            last_error = done.stdout + done.stderr + (self.dir / "server.log").read_text(errors="replace")
        raise RuntimeError(f"PostgreSQL did not start: {last_error}")

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a fresh, empty database on the session's server."""
    return postgres_server.create_database()
